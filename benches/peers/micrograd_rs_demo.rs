//! micrograd's demo in mickvangelderen/micrograd-rs, for benches/peers.py
//! (copied into that crate's examples/ and built there; not part of
//! micrograd's own build).
//!
//!     micrograd_demo SETUP rebuild|replay [STEPS]
//!
//! SETUP is what `micrograd bench demo --write-setup FILE` writes: the
//! samples, the initial weights in micrograd's order and the schedule. The
//! math is micrograd's demo, as `micrograd bench demo` does it: per sample
//! `score = MLP(2, [16, 16, 1])(x)` (ReLU hidden layers, linear output,
//! each neuron `b + w0*x0 + w1*x1 + ...`), `relu(1 + (-y) * score)`; the
//! loss `(sum of those) * (1/n) + (sum of p*p) * l2`; backward; SGD with
//! `lr = 1 - 0.9 k / steps`. micrograd-rs has no constants, so every
//! number in the graph is a variable set before the forward pass.
//!
//! `rebuild` makes a new tape every step (as micrograd does); `replay`
//! builds it once and runs forward and backward over it every step. Prints
//! one JSON line: the seconds of the training loop and every step's loss.

use std::time::Instant;

use micrograd_rs::engine::{Gradients, NodeId, Operations, Values};

struct Setup {
    sizes: Vec<usize>,
    steps: usize,
    l2: f64,
    samples: Vec<(Vec<f64>, f64)>,
    parameters: Vec<f64>,
}

fn read_setup(path: &str) -> Setup {
    let text = std::fs::read_to_string(path).expect("the setup file reads");
    let mut setup = Setup {
        sizes: Vec::new(),
        steps: 0,
        l2: 0.0,
        samples: Vec::new(),
        parameters: Vec::new(),
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split_whitespace();
        let key = words.next().unwrap_or("");
        let numbers: Vec<f64> = words.map(|w| w.parse().expect("a number")).collect();
        match key {
            "sizes" => setup.sizes = numbers.iter().map(|&n| n as usize).collect(),
            "steps" => setup.steps = numbers[0] as usize,
            "l2" => setup.l2 = numbers[0],
            "sample" => {
                let (y, x) = numbers.split_last().expect("a sample has a label");
                setup.samples.push((x.to_vec(), *y));
            }
            "parameters" => setup.parameters = numbers,
            _ => {}
        }
    }
    setup
}

/// One step's tape: the nodes whose values are set before each forward
/// pass, and the loss.
struct Tape {
    ops: Operations,
    parameters: Vec<NodeId>,
    /// Every variable but the parameters, with the value it holds.
    fixed: Vec<(NodeId, f64)>,
    loss: NodeId,
}

fn constant(ops: &mut Operations, fixed: &mut Vec<(NodeId, f64)>, value: f64) -> NodeId {
    let node = ops.var();
    fixed.push((node, value));
    node
}

fn build(setup: &Setup) -> Tape {
    let mut ops = Operations::default();
    let mut fixed = Vec::new();
    let parameters = ops.vars_vec(setup.parameters.len());
    let mut hinges = Vec::with_capacity(setup.samples.len());
    for (x, y) in &setup.samples {
        let mut activations: Vec<NodeId> =
            x.iter().map(|&v| constant(&mut ops, &mut fixed, v)).collect();
        let mut next_parameter = 0;
        let layers = setup.sizes.len() - 1;
        for (layer, window) in setup.sizes.windows(2).enumerate() {
            let (inputs, outputs) = (window[0], window[1]);
            let mut out = Vec::with_capacity(outputs);
            for _ in 0..outputs {
                let weights = &parameters[next_parameter..next_parameter + inputs];
                let mut z = parameters[next_parameter + inputs];
                next_parameter += inputs + 1;
                for (&w, &a) in weights.iter().zip(&activations) {
                    z = ops.insert(z + w * a);
                }
                out.push(if layer + 1 < layers { ops.insert(z.relu()) } else { z });
            }
            activations = out;
        }
        let minus_y = constant(&mut ops, &mut fixed, -y);
        let one = constant(&mut ops, &mut fixed, 1.0);
        let score = activations[0];
        hinges.push(ops.insert((one + minus_y * score).relu()));
    }
    let data = sum(&mut ops, &hinges);
    let mean = constant(&mut ops, &mut fixed, 1.0 / setup.samples.len() as f64);
    let data = ops.insert(data * mean);
    let squares: Vec<NodeId> = parameters.iter().map(|&p| ops.insert(p * p)).collect();
    let penalty = sum(&mut ops, &squares);
    let l2 = constant(&mut ops, &mut fixed, setup.l2);
    let penalty = ops.insert(penalty * l2);
    let loss = ops.insert(data + penalty);
    Tape {
        ops,
        parameters,
        fixed,
        loss,
    }
}

fn sum(ops: &mut Operations, terms: &[NodeId]) -> NodeId {
    let (&first, rest) = terms.split_first().expect("terms");
    rest.iter().fold(first, |acc, &t| ops.insert(acc + t))
}

/// One step on `tape` with `weights`: forward, backward, SGD. Returns the
/// loss before the update.
fn step(
    tape: &Tape,
    values: &mut Values,
    gradients: &mut Gradients,
    weights: &mut [f64],
    rate: f64,
) -> f64 {
    for (&node, &w) in tape.parameters.iter().zip(weights.iter()) {
        values[node] = w;
    }
    for &(node, v) in &tape.fixed {
        values[node] = v;
    }
    tape.ops.forward(values);
    tape.ops.backward(values, gradients, tape.loss, 1.0);
    for (&node, w) in tape.parameters.iter().zip(weights.iter_mut()) {
        *w -= rate * gradients[node];
    }
    values[tape.loss]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let setup = read_setup(&args[1]);
    let rebuild = args[2] == "rebuild";
    let steps = args.get(3).map_or(setup.steps, |s| s.parse().expect("steps"));
    let mut weights = setup.parameters.clone();
    let mut losses = Vec::with_capacity(steps);
    let started = Instant::now();
    let mut tape = build(&setup);
    let mut values = Values::new(tape.ops.len());
    let mut gradients = Gradients::new(tape.ops.len());
    for k in 0..steps {
        if rebuild && k > 0 {
            tape = build(&setup);
            values = Values::new(tape.ops.len());
            gradients = Gradients::new(tape.ops.len());
        }
        let rate = 1.0 - 0.9 * k as f64 / setup.steps as f64;
        losses.push(step(&tape, &mut values, &mut gradients, &mut weights, rate));
    }
    let seconds = started.elapsed().as_secs_f64();
    let losses: Vec<String> = losses.iter().map(|l| format!("{l:?}")).collect();
    println!(
        "{{\"seconds\": {seconds}, \"steps\": {steps}, \"nodes\": {}, \"losses\": [{}]}}",
        tape.ops.len(),
        losses.join(", ")
    );
}
