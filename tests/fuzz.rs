//! The fuzz suite over the console entry: whatever a learner types (random
//! bytes, statements, blocks, `:` commands, lesson commands, networks and
//! data sets with odd keywords) must not panic or hang, and after every
//! input each bound name's node exists and the graph is in topological
//! order (every node's inputs have smaller ids).
//!
//! `cargo test --test fuzz` runs a few thousand inputs. The long run is
//! opt-in, with an input count and seed from the environment:
//!
//! ```text
//! MICROGRAD_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --ignored --nocapture
//! ```
//!
//! It prints how many inputs ran, how long it took and any panic, and a
//! watchdog ends the run (naming the input) if one input takes longer than
//! `MICROGRAD_FUZZ_HANG_SECONDS` (default 120). `MICROGRAD_FUZZ_ECHO=N`
//! prints the first N inputs with what they printed (to see what the
//! generator makes).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use micrograd::console::{Assembler, Console, Mode, RunAll};
use micrograd::engine::{Graph, NodeId};
use micrograd::eval::Value;
use micrograd::lesson::catalog::Catalog;
use micrograd::lesson::Tutor;
use micrograd::render::diagnostic::Origin;
use micrograd::text::Palette;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

// ---- what a learner might type -------------------------------------------

fn pick(options: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(options).prop_map(String::from).boxed()
}

fn name() -> BoxedStrategy<String> {
    pick(&[
        "a", "b", "x", "L", "n", "d", "xs", "zz", "_", "pi", "e", "tanh", "i",
    ])
}

fn number() -> BoxedStrategy<String> {
    pick(&[
        "0", "1", "2", "-3", "2.5", ".5", "1e-4", "0.0", "-0.0", "1e308", "1e-320", "1e400", "3.0",
        "0.001", "100", "-1",
    ])
}

/// Formulas over the names, with every operator, function and method.
fn expression() -> BoxedStrategy<String> {
    let leaf = prop_oneof![3 => name(), 3 => number()];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let function = pick(&[
            "tanh", "exp", "log", "relu", "sigmoid", "sin", "cos", "sqrt", "abs", "len", "sum",
            "max", "min", "print", "Value",
        ]);
        let method = pick(&[
            ".tanh()",
            ".exp()",
            ".relu()",
            ".data",
            ".grad",
            ".log()",
            ".backward()",
            ".parameters()",
            "[0]",
            "[-1]",
            "[5]",
        ]);
        let operator = pick(&[
            " + ", " - ", " * ", " / ", " ** ", " ^ ", "+", "*", " < ", " == ", " and ", " or ",
        ]);
        prop_oneof![
            (inner.clone(), operator, inner.clone()).prop_map(|(l, op, r)| format!("{l}{op}{r}")),
            inner.clone().prop_map(|x| format!("-{x}")),
            inner.clone().prop_map(|x| format!("({x})")),
            (function, inner.clone()).prop_map(|(f, x)| format!("{f}({x})")),
            (inner.clone(), method).prop_map(|(x, m)| format!("{x}{m}")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("pow({x}, {y})")),
            prop::collection::vec(inner, 0..4).prop_map(|xs| format!("[{}]", xs.join(", "))),
        ]
    })
    .boxed()
}

fn statement() -> BoxedStrategy<String> {
    let assign = pick(&[" = ", " += ", " -= ", " *= ", " /= "]);
    let one = prop_oneof![
        4 => (name(), assign, expression()).prop_map(|(n, op, e)| format!("{n}{op}{e}")),
        2 => expression(),
        1 => (name(), expression()).prop_map(|(n, e)| format!("{n}.data = {e}")),
        1 => name().prop_map(|n| format!("{n}.data -= 0.01 * {n}.grad")),
        1 => name().prop_map(|n| format!("{n}.grad = 0.0")),
        1 => name().prop_map(|n| format!("{n}.backward()")),
        1 => name().prop_map(|n| format!("backward({n})")),
        1 => name().prop_map(|n| format!("show {n}")),
        1 => name().prop_map(|n| format!("{n}.zero_grad()")),
        1 => pick(&["from micrograd.engine import Value", "import math", "del x", "pass"]),
        1 => expression().prop_map(|e| format!("zs = [{e} for i in range(3) if i != 1]")),
        1 => expression().prop_map(|e| format!("s = sum(v * v for v in [{e}, 2])")),
        1 => expression().prop_map(|e| format!("h = (lambda q: q * {e})(2)")),
        1 => expression().prop_map(|e| format!("xs = [1, {e}, 3]; xs[-1] = xs[0]; xs[-4]")),
        1 => expression().prop_map(|e| format!("a, b = {e}, [{e}]; print(a, b, sep=\",\")")),
    ];
    (prop::collection::vec(one, 1..4), any::<bool>())
        .prop_map(|(parts, silent)| {
            let line = parts.join("; ");
            if silent {
                format!("{line};")
            } else {
                line
            }
        })
        .boxed()
}

/// Compound statements with bounded iteration. The one place blocks are
/// generated: a new construct is one more arm here.
fn block() -> BoxedStrategy<String> {
    let body = prop::collection::vec(statement(), 1..3).prop_map(|lines| {
        lines
            .iter()
            .map(|line| format!("    {line}\n"))
            .collect::<String>()
    });
    let count = pick(&["0", "1", "3", "-2", "2.5", "x"]);
    prop_oneof![
        (count.clone(), body.clone()).prop_map(|(k, b)| format!("for i in range({k}):\n{b}")),
        body.clone()
            .prop_map(|b| format!("for w, v in zip([1, 2], [3, 4]):\n{b}")),
        (count, body.clone())
            .prop_map(|(k, b)| {
                // The guard is a name the statements never touch, so the
                // loop ends whatever the body does to `k` or `x`.
                format!("k = 0\nguard = 0\nwhile k < {k} and guard < 5:\n    k = k + 1\n    guard = guard + 1\n{b}")
            }),
        (body.clone(), expression())
            .prop_map(|(b, e)| format!("def f(a, b=1):\n{b}    return {e}\n\ny = f(2)")),
        (expression(), body.clone(), body.clone())
            .prop_map(|(e, yes, no)| format!("if {e}:\n{yes}else:\n{no}")),
        (expression(), expression(), body.clone()).prop_map(|(e, f, b)| format!(
            "if {e} > 1:\n    pass\nelif {f} < 0:\n{b}else:\n    z = 1"
        )),
        body.clone().prop_map(|b| format!(
            "for i in range(2):\n    for j in range(2):\n{}",
            b.lines().map(|line| format!("    {line}\n")).collect::<String>()
        )),
        body.clone().prop_map(|b| format!(
            "for i in range(5):\n    if i == 2:\n        continue\n    if i > 3:\n        break\n{b}"
        )),
        (pick(&["0", "3", "60", "250"]), expression()).prop_map(|(n, e)| format!(
            "def r(n):\n    if n <= 0:\n        return {e}\n    return r(n - 1) + 1\n\nz = r({n})"
        )),
        (expression(), body).prop_map(|(e, b)| format!(
            "def outer(q):\n    def inner(t=q):\n        return t * {e}\n{b}    return inner() + inner(2)\n\nz = outer(1)"
        )),
        pick(&[
            "for i in range(3):",
            "def g(:\n    return",
            "while True:\n    break"
        ]),
    ]
    .boxed()
}

fn meta_command() -> BoxedStrategy<String> {
    let command = pick(&[
        ":check",
        ":paths",
        ":step",
        ":show",
        ":zero",
        ":vars",
        ":reset",
        ":seed",
        ":help",
        ":h",
        ":ch",
        ":sh",
        ":st",
        ":quit",
        ":nonsense",
        ":",
        ":dot",
        ":save",
        ":load",
    ]);
    let argument = prop_oneof![
        3 => expression(),
        1 => (expression(), number()).prop_map(|(e, h)| format!("{e} {h}")),
        1 => (expression(), name()).prop_map(|(e, n)| format!("{e} {n}")),
        1 => (expression(), file()).prop_map(|(e, f)| format!("{e} {f}")),
        1 => file(),
        1 => pick(&["", "abc", "functions", "tanh", "1e-6", "-5", "18446744073709551616", "a b c"]),
    ];
    prop_oneof![
        5 => (command, argument).prop_map(|(c, a)| format!("{c} {a}")),
        1 => name().prop_map(|n| format!("{n}?")),
    ]
    .boxed()
}

fn lesson_command() -> BoxedStrategy<String> {
    prop_oneof![
        2 => pick(&[
            ":lesson 1", ":lesson 3", ":lesson 5", ":lesson 11", ":lesson 15", ":lesson 0",
            ":lesson 99", ":lesson chain", ":lesson -1", ":lesson", ":lessons", ":next", ":back",
            ":hint", ":skip", "restart", "",
        ]),
        1 => number(),
        1 => expression(),
    ]
    .boxed()
}

fn network_call() -> BoxedStrategy<String> {
    let size = pick(&[
        "1", "2", "3", "0", "-1", "2.5", "\"x\"", "1e9", "[]", "[2, 2]",
    ]);
    let keyword = pick(&[
        "steps",
        "lr",
        "batch",
        "loss",
        "seed",
        "holdout",
        "noise",
        "activation",
        "optimizer",
        "every",
        "patience",
        "accumulate",
        "momentum",
        "l2",
        "foo",
        "steps",
    ]);
    let value = pick(&[
        "1",
        "2",
        "0",
        "-1",
        "0.5",
        "1e9",
        "1e-300",
        "\"mse\"",
        "\"ce\"",
        "\"hinge\"",
        "\"x\"",
        "nan",
        "True",
        "[1]",
        "n",
    ]);
    let keywords = prop::collection::vec((keyword, value), 0..4).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(k, v)| format!(", {k}={v}"))
            .collect::<String>()
    });
    let dataset = pick(&["moons", "circles", "spiral", "xor", "blobs", "line"]);
    let samples = pick(&["2", "5", "12", "0", "-3", "1e9", "2.5"]);
    prop_oneof![
        (size.clone(), size.clone(), size)
            .prop_map(|(i, h, o)| format!("n = MLP({i}, [{h}, {o}])")),
        (dataset, samples, keywords.clone()).prop_map(|(d, s, k)| format!("d = {d}({s}{k})")),
        keywords.prop_map(|k| format!("train(n, d, steps=2{k})")),
        pick(&[
            "n([1, 2])",
            "n([1])",
            "n.parameters()",
            "n.loss(d)",
            "n.accuracy(d)",
            "L = n.loss(d); L.backward()",
            "len(d)",
            "d = csv(\"points.csv\")",
            "d = csv(\"/dev/zero\")",
            "d = csv(\"missing.csv\")",
            "n = MLP(2, [3, 1]); d = moons(8)",
        ]),
    ]
    .boxed()
}

fn random_bytes() -> BoxedStrategy<String> {
    prop::collection::vec(any::<u8>(), 0..120)
        .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .boxed()
}

/// Paths `:load`, `:save`, `:dot` and `csv` may name: files of the fuzz
/// folder, devices, a folder, nothing.
fn file() -> BoxedStrategy<String> {
    let dir = fuzz_dir().display().to_string();
    prop::sample::select(vec![
        format!("{dir}/good.mg"),
        format!("{dir}/itself.mg"),
        format!("{dir}/binary.bin"),
        format!("{dir}/saved.mg"),
        format!("{dir}/graph.dot"),
        dir,
        "/dev/zero".to_string(),
        "/dev/null".to_string(),
        "/nonexistent/x.mg".to_string(),
    ])
    .boxed()
}

/// One input, as typed or pasted.
fn input() -> BoxedStrategy<String> {
    prop_oneof![
        2 => random_bytes(),
        6 => statement(),
        2 => block(),
        3 => meta_command(),
        1 => lesson_command(),
        1 => pick(&[":quit", ":q", ":reset", ":zero"]),
        2 => network_call(),
    ]
    .boxed()
}

// ---- running an input and checking the session ---------------------------

/// A folder for the fuzz run's files and saved progress (never the user's),
/// made the working folder of this test binary.
fn fuzz_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        std::fs::write(dir.join("good.mg"), "a = 2\nb = a * 3\nb.backward()\n").expect("writes");
        std::fs::write(
            dir.join("itself.mg"),
            format!(":load {}/itself.mg\n", dir.display()),
        )
        .expect("writes");
        std::fs::write(dir.join("binary.bin"), [0u8, 159, 146, 150, 255]).expect("writes");
        // `:save` and `:dot` with a generated argument write files named by
        // it: here, never in the repository.
        std::env::set_current_dir(&dir).expect("enters the fuzz folder");
        dir
    })
}

fn catalog() -> Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded).clone()
}

/// What every fuzzed session starts from.
const SETUP: &str = "a = 2.0; b = -3.0; x = 0.5; i = 1; L = a*b + x; L.backward()
xs = [a, b, x]; n = MLP(2, [3, 1]); d = moons(8, seed=1)";

/// A console and tutor as the REPL has them.
struct Learner {
    console: Console,
    tutor: Tutor,
    out: Vec<u8>,
}

impl Learner {
    /// A learner who has bound the names the generator uses, so most
    /// inputs get past name lookup to the interesting parts.
    fn new() -> Self {
        let mut learner = Learner {
            console: Console::new(Palette::plain()),
            tutor: Tutor::with_catalog(catalog(), false, Some(fuzz_dir().clone())),
            out: Vec::new(),
        };
        learner.feed(SETUP);
        learner.take_output();
        learner
    }

    /// Feeds `text` as a paste is fed: gathered into inputs by file rules.
    fn feed(&mut self, text: &str) {
        let mut assembler = Assembler::new(Mode::File);
        let mut chunks = Vec::new();
        for line in text.split('\n') {
            chunks.extend(assembler.push_line(line));
        }
        chunks.extend(assembler.finish());
        let origin = Origin::Prompt { prompt_width: 4 };
        for chunk in chunks {
            self.tutor.feed(
                &mut self.console,
                &chunk.text,
                origin,
                &mut self.out,
                &mut RunAll,
            );
        }
    }

    /// What the inputs since the last call printed.
    fn take_output(&mut self) -> String {
        let text = String::from_utf8_lossy(&self.out).into_owned();
        self.out.clear();
        text
    }

    /// Every bound name's node exists, and every node's inputs come before
    /// it (creation order is a topological order).
    fn check(&self) -> Result<(), String> {
        let graph = &self.console.session.graph;
        for (bound, value) in self.console.session.bindings() {
            value_exists(graph, value).map_err(|id| {
                format!(
                    "`{bound}` names node {id:?}, but the graph has {} nodes",
                    graph.len()
                )
            })?;
        }
        for index in 0..graph.len() {
            let id = NodeId(index as u32);
            if let Some(input) = graph
                .op(id)
                .inputs()
                .as_slice()
                .iter()
                .find(|i| i.index() >= index)
            {
                return Err(format!(
                    "node {index} has input {} (not before it)",
                    input.index()
                ));
            }
        }
        Ok(())
    }
}

fn value_exists(graph: &Graph, value: &Value) -> Result<(), NodeId> {
    value_exists_within(graph, value, 0)
}

/// Lists may hold themselves (`a.append(a)`), so the walk stops at a depth.
fn value_exists_within(graph: &Graph, value: &Value, depth: usize) -> Result<(), NodeId> {
    if depth > 16 {
        return Ok(());
    }
    match value {
        Value::Node(id) if id.index() >= graph.len() => Err(*id),
        Value::List(items) => items
            .snapshot()
            .iter()
            .try_for_each(|item| value_exists_within(graph, item, depth + 1)),
        Value::Tuple(items) => items
            .iter()
            .try_for_each(|item| value_exists_within(graph, item, depth + 1)),
        Value::Model(model) => match model
            .parameters()
            .into_iter()
            .find(|id| id.index() >= graph.len())
        {
            Some(id) => Err(id),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, max_shrink_iters: 200, ..ProptestConfig::default() })]

    /// About 5,000 inputs in sessions of 1 to 9.
    #[test]
    fn no_input_panics_or_breaks_the_graph(inputs in prop::collection::vec(input(), 1..10)) {
        let mut learner = Learner::new();
        for text in &inputs {
            learner.feed(text);
            learner.take_output();
            prop_assert!(learner.check().is_ok(), "after {text:?}: {:?}", learner.check());
        }
    }
}

/// Reads a number from the environment.
fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "long: MICROGRAD_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --ignored"]
fn long_fuzz_run() {
    let cases = env_number("MICROGRAD_FUZZ_CASES", 100_000);
    let seed = env_number("MICROGRAD_FUZZ_SEED", 18);
    let echo = env_number("MICROGRAD_FUZZ_ECHO", 0);
    let patience = Duration::from_secs(env_number("MICROGRAD_FUZZ_HANG_SECONDS", 120));
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = input();
    let done = Arc::new(AtomicU64::new(0));
    let current = Arc::new(Mutex::new(String::new()));
    watch_for_hangs(done.clone(), current.clone(), patience);
    let started = Instant::now();
    let mut learner = Learner::new();
    let mut panics = Vec::new();
    let mut broken = Vec::new();
    for case in 0..cases {
        // A fresh session now and then, as a learner restarts.
        if case % 64 == 0 {
            learner = Learner::new();
        }
        let text = strategy.new_tree(&mut runner).expect("generates").current();
        *current.lock().unwrap_or_else(|e| e.into_inner()) = text.clone();
        match catch_unwind(AssertUnwindSafe(|| learner.feed(&text))) {
            Ok(()) => {
                let printed = learner.take_output();
                if case < echo {
                    eprintln!(">>> {text}\n{printed}");
                }
                if let Err(problem) = learner.check() {
                    broken.push(format!("{text:?}: {problem}"));
                    learner = Learner::new();
                }
            }
            Err(_) => {
                panics.push(text);
                learner = Learner::new();
            }
        }
        done.fetch_add(1, Ordering::SeqCst);
        if (case + 1) % 100_000 == 0 {
            eprintln!(
                "fuzz: {} inputs, {:.0} s",
                case + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "fuzz: {cases} inputs (seed {seed}) in {:.1} s: {} panics, {} broken graphs, 0 hangs",
        started.elapsed().as_secs_f64(),
        panics.len(),
        broken.len()
    );
    assert!(
        panics.is_empty(),
        "inputs that panicked: {:#?}",
        &panics[..panics.len().min(10)]
    );
    assert!(
        broken.is_empty(),
        "broken graphs: {:#?}",
        &broken[..broken.len().min(10)]
    );
}

/// Ends the process, naming the input, if no input finishes for `patience`.
fn watch_for_hangs(done: Arc<AtomicU64>, current: Arc<Mutex<String>>, patience: Duration) {
    std::thread::spawn(move || {
        let mut seen = done.load(Ordering::SeqCst);
        let mut since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let now = done.load(Ordering::SeqCst);
            if now != seen {
                seen = now;
                since = Instant::now();
            } else if since.elapsed() > patience {
                let text = current.lock().unwrap_or_else(|e| e.into_inner()).clone();
                eprintln!(
                    "fuzz: HANG after {seen} inputs: no progress for {patience:?} on {text:?}"
                );
                std::process::exit(2);
            }
        }
    });
}
