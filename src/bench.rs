//! `micrograd bench`: the engine's named workloads, timed inside the binary
//! and printed as a table (or JSON lines), for comparison with Python's
//! micrograd (`benches/micrograd_compare.py` runs the same workloads there).
//!
//! - `chain N`: N nodes in one long dependency chain (`y = relu(y + x)`,
//!   repeated), then backward — the deep-graph case that overflows a
//!   recursive topological sort.
//! - `wide N`: `Σ xᵢ²` over N leaves — fan-in, and many leaves to fill.
//! - `demo [STEPS]`: micrograd's demo (moons, MLP(2, [16, 16, 1]), hinge
//!   loss + L2, full-batch SGD), timed over all steps, with accuracy.
//! - `loop [STEPS]`: the same training written as a learner types it, a
//!   `for` loop in the small Python over moons(100) and MLP(2, [16, 16, 1])
//!   run by the evaluator (every step builds a new graph; compaction keeps
//!   the arena bounded); 1,000 steps by default.
//! - `lecture [STEPS]`: the lecture's training cell (MLP(3, [4, 4, 1]) on
//!   four samples), 20 steps by default.
//! - `script [STATEMENTS]`: a straight-line script of that many
//!   statements, each binding a new name from the two before it
//!   (arithmetic and `tanh`; [`straight_line_script`]), run as a piped
//!   script is (src/cli/bench.rs: parse, evaluate and print every
//!   statement); 200,000 by default.

use std::io::Write;
use std::time::Instant;

use crate::data::{self, Dataset};
use crate::engine::nn::Activation;
use crate::engine::{Graph, NodeId};
use crate::eval::{Event, Session};
use crate::text::{count, number, Palette};
use crate::train::{fresh_network, TrainConfig, Trainer};

/// The largest graph a workload may build: far beyond the targets, small
/// enough to stay within memory and the engine's u32 ids.
const MAX_NODES: u64 = 50_000_000;

/// The longest script workload: about 40 MB of statements, well within
/// what a script may be.
const MAX_SCRIPT_STATEMENTS: u64 = 1_000_000;

/// One workload's measurements.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Measurement {
    /// `chain`, `wide` or `demo`.
    pub workload: String,
    /// Nodes in the graph (per step, for demo).
    pub nodes: u64,
    /// Seconds building the forward graph (all steps, for demo; 0 for the
    /// script workloads, whose time is not split).
    pub build_s: f64,
    /// Seconds in backward (all steps, for demo).
    pub backward_s: f64,
    /// Total seconds.
    pub total_s: f64,
    /// Nanoseconds per node built and differentiated.
    pub ns_per_node: f64,
    /// Peak graph bytes (vectors' capacity, backward scratch included) per node.
    pub bytes_per_node: f64,
    /// Training-set accuracy on the final weights (demo only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
    /// Steps run (demo only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<u64>,
    /// Statements run per second (script only; the table's `N/s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements_per_s: Option<f64>,
}

/// The size a workload runs at when none is given.
pub fn default_size(workload: &str) -> u64 {
    match workload {
        "demo" => 100,
        "loop" => 1_000,
        "lecture" => 20,
        "script" => 200_000,
        _ => 1_000_000,
    }
}

/// Why `size` (or `runs`) is out of range for `workload`, if it is.
pub fn check_size(workload: &str, size: u64, runs: u32) -> Result<(), String> {
    if runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let (low, high) = match workload {
        "demo" | "loop" | "lecture" => (1, 100_000),
        "wide" => (1, MAX_NODES / 3),
        "script" => (1, MAX_SCRIPT_STATEMENTS),
        _ => (2, MAX_NODES),
    };
    if size < low || size > high {
        return Err(format!(
            "the size of {workload} must be between {low} and {high}, not {size}"
        ));
    }
    Ok(())
}

/// Runs one workload once.
pub fn run_workload(workload: &str, size: u64) -> Measurement {
    match workload {
        "demo" => demo(size as usize),
        "loop" => script("loop", &moons_loop(size as usize), size),
        "lecture" => script("lecture", &lecture_loop(size as usize), size),
        "wide" => timed_graph("wide", size as usize * 3, |g| wide(g, size as usize)),
        _ => timed_graph("chain", size as usize, |g| chain(g, size as usize)),
    }
}

/// `y = relu(y + x)`, alternating add and relu (the ops Python's
/// micrograd has, for a like-for-like comparison), until the graph holds
/// `nodes` nodes.
fn chain(graph: &mut Graph, nodes: usize) -> NodeId {
    let x = graph.leaf(0.5);
    let mut y = x;
    for k in 1..nodes {
        y = if k % 2 == 1 {
            graph.add(y, x)
        } else {
            graph.relu(y)
        };
    }
    y
}

/// `Σ xᵢ²` over `leaves` leaves.
fn wide(graph: &mut Graph, leaves: usize) -> NodeId {
    let squares: Vec<NodeId> = (0..leaves)
        .map(|i| {
            let x = graph.leaf(i as f64 / leaves as f64);
            graph.mul(x, x)
        })
        .collect();
    graph.sum(&squares)
}

/// Times building a graph (pre-sized for `capacity` nodes, as a library
/// user who knows the size would) and one backward pass over it.
fn timed_graph(
    name: &str,
    capacity: usize,
    build: impl FnOnce(&mut Graph) -> NodeId,
) -> Measurement {
    let started = Instant::now();
    let mut graph = Graph::with_capacity(capacity);
    let root = build(&mut graph);
    let built = started.elapsed().as_secs_f64();
    let started = Instant::now();
    graph.backward(root);
    let backward = started.elapsed().as_secs_f64();
    let nodes = graph.len() as u64;
    let bytes = graph.heap_bytes() as f64 / nodes as f64;
    let total = built + backward;
    let measurement = Measurement {
        workload: name.into(),
        nodes,
        build_s: built,
        backward_s: backward,
        total_s: total,
        ns_per_node: total * 1e9 / nodes as f64,
        bytes_per_node: bytes,
        accuracy: None,
        steps: None,
        statements_per_s: None,
    };
    // Dropping ten million nodes is part of the workload's cost, but not
    // of what the engine is asked to compute; it happens here, untimed.
    drop(graph);
    measurement
}

/// micrograd's demo for `steps` steps.
fn demo(steps: usize) -> Measurement {
    let data = data::builtin("moons", 100, 0.1, 1).expect("moons is built in");
    let config = TrainConfig {
        steps,
        ..TrainConfig::demo()
    };
    let (graph, mlp) = fresh_network(&data, &[16, 16], Activation::Relu, config.loss, 1);
    // The bench times the machine itself: its clock is the real one.
    let origin = Instant::now();
    let clock = move || origin.elapsed();
    let mut trainer = Trainer::new(&graph, &mlp, &data, config).with_clock(&clock);
    let nodes = trainer.nodes_per_full_batch() as u64;
    let started = Instant::now();
    let summary = trainer.run(usize::MAX, &mut |_| {}, &|| false);
    let total = started.elapsed().as_secs_f64();
    let timing = trainer.timing();
    Measurement {
        workload: "demo".into(),
        nodes,
        build_s: timing.build_s,
        backward_s: timing.backward_s,
        total_s: total,
        ns_per_node: total * 1e9 / (nodes as f64 * steps as f64),
        bytes_per_node: trainer.graph_heap_bytes() as f64 / (nodes as f64 + trainer.base() as f64),
        accuracy: Some(summary.accuracy),
        steps: Some(steps as u64),
        statements_per_s: None,
    }
}

/// The demo's starting point, for running the same training elsewhere
/// (benches/peers.py hands it to micrograd-rs and Python micrograd): the
/// network's sizes, the steps, the L2 factor and the learning rate, every
/// sample (`sample x0 x1 y`, y the hinge target -1 or 1) and the initial
/// weights in micrograd's order (layer by layer, neuron by neuron, its
/// weights then its bias). One item a line, `key numbers...`, each number
/// at full precision, so every reader starts from the same bits.
pub fn demo_setup() -> String {
    let data = data::builtin("moons", 100, 0.1, 1).expect("moons is built in");
    let config = TrainConfig::demo();
    let (graph, mlp) = fresh_network(&data, &[16, 16], Activation::Relu, config.loss, 1);
    let numbers = |values: &mut dyn Iterator<Item = f64>| -> String {
        values.map(number::full).collect::<Vec<_>>().join(" ")
    };
    let mut sizes = vec![mlp.inputs];
    sizes.extend(mlp.sizes());
    let sizes: Vec<String> = sizes.iter().map(usize::to_string).collect();
    let mut text = format!(
        "# micrograd's demo: moons(100, noise 0.1, seed 1), hinge loss + l2 * sum(p*p), \
         SGD with lr = learning_rate * (1 - 0.9 k / steps)\n\
         sizes {}\nsteps {}\nl2 {}\nlearning_rate {}\n",
        sizes.join(" "),
        config.steps,
        number::full(config.l2),
        number::full(config.learning_rate),
    );
    for (x, &label) in data.features.iter().zip(&data.labels) {
        let target = if label == 1 { 1.0 } else { -1.0 };
        let row = numbers(&mut x.iter().copied().chain([target]));
        text.push_str(&format!("sample {row}\n"));
    }
    let weights = numbers(&mut mlp.parameters().into_iter().map(|p| graph.value(p)));
    text.push_str(&format!("parameters {weights}\n"));
    text
}

/// The hand-written training loop over moons(100) (the demo's data set
/// and network, hinge loss, SGD), as a learner would type it; the samples
/// are written out as list literals so the script is plain Python.
fn moons_loop(steps: usize) -> String {
    let data: Dataset = data::builtin("moons", 100, 0.1, 1).expect("moons is built in");
    let xs: Vec<String> = data
        .features
        .iter()
        .map(|x| format!("[{}, {}]", number::full(x[0]), number::full(x[1])))
        .collect();
    let ys: Vec<&str> = data
        .labels
        .iter()
        .map(|&label| if label == 1 { "1.0" } else { "-1.0" })
        .collect();
    format!(
        "n = MLP(2, [16, 16, 1]);\nX = [{}];\nY = [{}];\n\
         for k in range({steps}):\n\
         \x20   scores = [n(x) for x in X]\n\
         \x20   losses = [relu(1 + -y * s) for y, s in zip(Y, scores)]\n\
         \x20   loss = sum(losses) * (1.0 / len(losses))\n\
         \x20   for p in n.parameters():\n\
         \x20       p.grad = 0.0\n\
         \x20   loss.backward()\n\
         \x20   for p in n.parameters():\n\
         \x20       p.data += -0.05 * p.grad\n\n",
        xs.join(", "),
        ys.join(", ")
    )
}

/// The lecture's training cell, for `steps` steps.
fn lecture_loop(steps: usize) -> String {
    format!(
        "n = MLP(3, [4, 4, 1]);\n\
         xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];\n\
         ys = [1.0, -1.0, -1.0, 1.0];\n\
         for k in range({steps}):\n\
         \x20   ypred = [n(x) for x in xs]\n\
         \x20   loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n\
         \x20   for p in n.parameters():\n\
         \x20       p.grad = 0.0\n\
         \x20   loss.backward()\n\
         \x20   for p in n.parameters():\n\
         \x20       p.data += -0.1 * p.grad\n\
         \x20   print(k, loss.data)\n\n"
    )
}

/// `statements` lines of straight-line script: `a0 = 1.5`, `a1 = a0 * 2 +
/// 1`, then each `aK` from the two before it in one of six shapes
/// (products, sums, quotients, a power, unary minus, brackets, `tanh` as a
/// function and as a method), every value staying within [-2, 2].
pub fn straight_line_script(statements: usize) -> String {
    const SHAPES: [&str; 6] = [
        "{a} * 0.5 + {b}",
        "tanh({a} - {b} / 3)",
        "{a}.tanh() * 2 - 1",
        "({a} + {b}) * 0.25",
        "-{a} + 0.5 * {b}",
        "{a} ** 2 * 0.1 + tanh({b})",
    ];
    let mut script = String::with_capacity(statements * 32);
    for k in 0..statements {
        let line = match k {
            0 => "a0 = 1.5".to_string(),
            1 => "a1 = a0 * 2 + 1".to_string(),
            _ => format!(
                "a{k} = {}",
                SHAPES[k % SHAPES.len()]
                    .replace("{a}", &format!("a{}", k - 1))
                    .replace("{b}", &format!("a{}", k - 2))
            ),
        };
        script.push_str(&line);
        script.push('\n');
    }
    script
}

/// Runs a script in a fresh session (parse included), timed from start to
/// end; nodes and bytes are the arena's at the end.
fn script(name: &str, source: &str, steps: u64) -> Measurement {
    let started = Instant::now();
    let mut session = Session::new();
    let mut events: Vec<Event> = Vec::new();
    let ran = session.run(source, &mut events);
    let total = started.elapsed().as_secs_f64();
    debug_assert!(ran.is_ok(), "the {name} workload runs: {ran:?}");
    let nodes = session.graph.len().max(1) as u64;
    Measurement {
        workload: name.into(),
        nodes,
        build_s: 0.0,
        backward_s: 0.0,
        total_s: total,
        ns_per_node: total * 1e9 / (nodes as f64 * steps as f64),
        bytes_per_node: session.graph.heap_bytes() as f64 / nodes as f64,
        accuracy: None,
        steps: Some(steps),
        statements_per_s: None,
    }
}

/// The measurements as a table, one workload a line.
pub fn write_table(
    out: &mut dyn Write,
    palette: Palette,
    results: &[Measurement],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        palette.bold(&format!(
            "{:<8} {:>10} {:>8} {:>10} {:>8} {:>7} {:>10}  {}",
            "workload",
            "nodes",
            "build s",
            "backward s",
            "total s",
            "ns/node",
            "bytes/node",
            "result"
        ))
    )?;
    for m in results {
        let accuracy = match (m.accuracy, m.statements_per_s) {
            (Some(a), _) => format!("{:.1} %", 100.0 * a),
            (None, Some(rate)) => format!("{}/s", count::thousands(rate as usize)),
            (None, None) => String::new(),
        };
        let nodes = match (m.steps, m.statements_per_s) {
            (Some(steps), None) => format!("{}×{steps}", m.nodes),
            _ => m.nodes.to_string(),
        };
        writeln!(
            out,
            "{:<8} {:>10} {:>8} {:>10} {:>8} {:>7} {:>10}  {accuracy}",
            m.workload,
            nodes,
            number::short(m.build_s, 3),
            number::short(m.backward_s, 3),
            number::short(m.total_s, 3),
            number::short(m.ns_per_node, 3),
            number::short(m.bytes_per_node, 3),
        )?;
    }
    Ok(())
}
