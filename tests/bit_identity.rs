//! Gradients and training losses stay bit-for-bit what they were before the
//! engine's backward was rewritten for speed: the reference programs'
//! gradients and `micrograd train --json` loss curves are stored in
//! `tests/reference/` and compared by their bits (tolerance: none).
//! `MICROGRAD_BLESS=1 cargo test --test bit_identity` rewrites the stored
//! gradients (only after a change that is meant to alter them). The last
//! five training runs (dropout, early stopping, a test split, Adam with L2,
//! cross-entropy over micro-batches) were stored from main at 2f45bc4,
//! before training replayed its recorded step graph, so the replay is
//! held to the losses of rebuilding the graph every step.

mod common;

use common::{capture, micrograd, temp_dir};
use micrograd::engine::nn::{Activation, Mlp};
use micrograd::engine::{Graph, NodeId};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const GRADIENT_BITS: &str = "tests/reference/gradient_bits.txt";
const TRAIN_LOSSES: &str = "tests/reference/train_losses.json";

/// The lecture's neuron: `o = tanh(x1*w1 + x2*w2 + b)`.
fn neuron_program(g: &mut Graph) -> NodeId {
    let x1 = g.leaf(2.0);
    let x2 = g.leaf(0.0);
    let w1 = g.leaf(-3.0);
    let w2 = g.leaf(1.0);
    let b = g.leaf(6.881_373_587_019_543);
    let x1w1 = g.mul(x1, w1);
    let x2w2 = g.mul(x2, w2);
    let sum = g.add(x1w1, x2w2);
    let n = g.add(sum, b);
    g.tanh(n)
}

/// Every op, smooth points only, with reuse (fan-out) and constants.
fn every_op_program(g: &mut Graph) -> NodeId {
    let a = g.leaf(0.7);
    let b = g.leaf(-1.3);
    let c = g.leaf(2.2);
    let k = g.constant(1.5);
    let ab = g.mul(a, b);
    let s = g.sub(ab, c);
    let d = g.div(s, c);
    let p = g.pow(c, a);
    let pk = g.pow(c, k);
    let n = g.neg(d);
    let t = g.tanh(n);
    let e = g.exp(b);
    let l = g.log(c);
    let r = g.relu(p);
    let sg = g.sigmoid(ab);
    let sn = g.sin(a);
    let cs = g.cos(b);
    let sq = g.sqrt(c);
    let ab2 = g.abs(b);
    g.sum(&[t, e, l, r, sg, sn, cs, sq, ab2, pk, d, a, a])
}

/// A small network's loss, run backward twice (gradients accumulate).
fn accumulated_network_program(g: &mut Graph) -> NodeId {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mlp = Mlp::new(g, 3, &[4, 4, 1], Activation::Tanh, &mut rng);
    let inputs: Vec<NodeId> = [0.5, -1.0, 2.0].iter().map(|&v| g.constant(v)).collect();
    let out = mlp.forward(g, &inputs);
    let target = g.constant(0.25);
    let diff = g.sub(out[0], target);
    let two = g.constant(2.0);
    let loss = g.pow(diff, two);
    g.backward(loss);
    loss
}

/// A named program that builds a graph and returns its root.
type Program = (&'static str, fn(&mut Graph) -> NodeId);

fn programs() -> Vec<Program> {
    vec![
        ("neuron", neuron_program),
        ("every_op", every_op_program),
        ("accumulated_network", accumulated_network_program),
    ]
}

/// `name index bits` for every node's gradient after one more backward.
fn gradient_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for (name, program) in programs() {
        let mut g = Graph::new();
        let root = program(&mut g);
        g.backward(root);
        for i in 0..g.len() {
            let grad = g.grad(NodeId(i as u32));
            lines.push(format!("{name} {i} {:016x}", grad.to_bits()));
        }
    }
    lines
}

#[test]
fn reference_programs_gradients_are_bit_identical_to_stored() {
    let lines = gradient_lines();
    if std::env::var_os("MICROGRAD_BLESS").is_some() {
        std::fs::write(GRADIENT_BITS, lines.join("\n") + "\n").expect("write reference");
    }
    let stored = std::fs::read_to_string(GRADIENT_BITS).expect("stored gradients");
    let stored: Vec<&str> = stored.lines().collect();
    assert_eq!(stored.len(), lines.len(), "node counts changed");
    for (now, then) in lines.iter().zip(stored) {
        assert_eq!(now, then, "gradient bits changed");
    }
}

fn bits(values: &Value) -> Vec<u64> {
    values
        .as_array()
        .expect("a list of numbers")
        .iter()
        .map(|v| v.as_f64().expect("a number").to_bits())
        .collect()
}

#[test]
fn train_json_losses_are_bit_identical_to_stored() {
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(TRAIN_LOSSES).expect("stored losses"))
            .expect("stored losses parse");
    for case in stored.as_array().expect("a list of runs") {
        let mut args = vec!["train".to_string()];
        args.extend(
            case["args"]
                .as_array()
                .expect("args")
                .iter()
                .map(|a| a.as_str().expect("arg").to_string()),
        );
        let data_dir = temp_dir();
        let run = capture(micrograd(data_dir.path()).args(&args));
        assert!(run.ok, "{args:?}: {}", run.stderr);
        let now: Value = serde_json::from_str(&run.stdout).expect("train --json prints JSON");
        for key in ["losses", "holdout_losses"] {
            if let Some(expected) = case.get(key) {
                assert_eq!(bits(&now[key]), bits(expected), "{args:?}: {key} changed");
            }
        }
        for key in ["final_loss", "accuracy", "holdout_loss", "test_loss"] {
            if key == "final_loss" || case.get(key).is_some() {
                assert_eq!(
                    now[key].as_f64().map(f64::to_bits),
                    case[key].as_f64().map(f64::to_bits),
                    "{args:?}: {key} changed"
                );
            }
        }
    }
}
