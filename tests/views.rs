//! The chain-rule views (`show`, `:vars`, `:step`, `:check`, `:paths`,
//! `:dot`; the files `:dot` writes are in `pictures.rs`) driven through a [`Console`] as the REPL drives them, on the
//! lecture's and micrograd's reference expressions (built through the
//! language, as a learner builds them), on the empty and one-leaf sessions,
//! and on 100,000-node graphs that must answer quickly and fit a screen.

mod common;

use std::time::{Duration, Instant};

use micrograd::console::{Console, Outcome, RunAll, StepControl, StepDecision};
use micrograd::engine::{GradState, NodeId};
use micrograd::eval::Value;
use micrograd::render::check::CheckTable;
use micrograd::render::diagnostic::Origin;
use micrograd::render::tree;
use micrograd::text::Palette;

/// A reference expression: the statements, the result's name, and known
/// gradients of some leaves.
type Reference = (&'static str, &'static str, &'static [(&'static str, f64)]);

/// micrograd's `test_sanity_check` and `test_more_ops`, without backward.
const REFERENCES: [Reference; 2] = [
    (
        "x = -4; z = 2*x + 2 + x; q = z.relu() + z*x; h = (z*z).relu(); y = h + q + q*x",
        "y",
        &[("x", 46.0)],
    ),
    (
        "a = -4; b = 2; c = a + b; d = a*b + b**3; c += c + 1; c += 1 + c + (-a); \
         d += d*2 + (b+a).relu(); d += 3*d + (b-a).relu(); e = c - d; f = e**2; g = f/2.0; g += 10.0/f",
        "g",
        &[("a", 138.83381924198252), ("b", 645.5772594752186)],
    ),
];

const LECTURE: &str = "a = 2.0; b = -3.0; c = 10; e = a * b; d = e + c; f = -2; L = d * f";

/// Sizes of the big graphs: each has at least this many nodes.
const BIG: usize = 100_000;
/// What "responsive" means for one view on a big graph in a test build.
const QUICK: Duration = Duration::from_secs(10);

/// Runs lines through a console and returns what it printed.
fn run(console: &mut Console, lines: &[&str]) -> String {
    run_with(console, lines, &mut RunAll)
}

fn run_with(console: &mut Console, lines: &[&str], control: &mut dyn StepControl) -> String {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let origin = Origin::Script {
            name: "test",
            line: i + 1,
        };
        let outcome = console.execute(line, origin, &mut out, control);
        assert!(
            matches!(outcome, Outcome::Ok | Outcome::Failed),
            "{line}: {outcome:?}"
        );
    }
    String::from_utf8(out).expect("views write UTF-8")
}

fn plain_console(setup: &str) -> Console {
    let mut console = Console::new(Palette::plain());
    run(&mut console, &[setup]);
    console
}

fn node(console: &Console, name: &str) -> NodeId {
    console.session.node(name).expect("name is bound to a node")
}

#[test]
fn step_to_the_end_leaves_exactly_the_backward_gradients() {
    for (setup, root, expected) in REFERENCES {
        let mut console = plain_console(setup);
        let root_id = node(&console, root);
        let mut reference = console.session.graph.clone();
        reference.backward(root_id);
        let text = run(&mut console, &[&format!(":step {root}")]);
        assert!(text.contains("Done:"), "{text}");
        let graph = &console.session.graph;
        for id in graph.subgraph(root_id) {
            assert_eq!(
                graph.grad(id).to_bits(),
                reference.grad(id).to_bits(),
                "{setup}: node {id:?}"
            );
            assert_eq!(graph.grad_state(id), reference.grad_state(id));
        }
        for (name, grad) in expected {
            let got = graph.grad(node(&console, name));
            assert!((got - grad).abs() <= 1e-9 * grad.abs(), "{name}: {got}");
        }
    }
}

#[test]
fn step_line_shows_rule_numbers_and_accumulation() {
    let mut console = plain_console(LECTURE);
    let text = run(&mut console, &[":step L"]);
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "the closing line fits 80 columns: {text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "L.grad = 1   (seed: ∂L/∂L = 1)");
    assert!(
        text.contains("  a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6\n"),
        "{text}"
    );
    let mut console = plain_console("a = 3; b = a + a");
    let text = run(&mut console, &[":step b"]);
    assert!(
        text.contains("→ 2\n         ↑ a is used twice: contributions add (use 2 of 2)"),
        "{text}"
    );
}

/// Answers the console's pauses from a script: the decisions in order,
/// then `Continue`.
struct Scripted {
    decisions: Vec<StepDecision>,
    asked: usize,
}

impl Scripted {
    fn answering(decisions: Vec<StepDecision>) -> Self {
        Scripted {
            decisions,
            asked: 0,
        }
    }
}

impl StepControl for Scripted {
    fn after_step(&mut self) -> StepDecision {
        self.asked += 1;
        self.decisions
            .get(self.asked - 1)
            .copied()
            .unwrap_or(StepDecision::Continue)
    }
}

#[test]
fn step_stopped_keeps_partial_gradients_and_says_so() {
    let mut console = plain_console(LECTURE);
    let mut control = Scripted::answering(vec![StepDecision::Stop]);
    let text = run_with(&mut console, &[":step L"], &mut control);
    assert_eq!(control.asked, 1);
    assert!(text.contains("Stopped after 1 of 3 steps"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let graph = &console.session.graph;
    // L's step ran: d and f have their final gradients; d's inputs have none yet.
    assert_eq!(graph.grad(node(&console, "d")), -2.0);
    assert_eq!(graph.grad_state(node(&console, "f")), GradState::Fresh);
    assert_eq!(graph.grad_state(node(&console, "a")), GradState::Unset);
    let text = run(&mut console, &["show L", "a.grad"]);
    assert!(
        text.contains("no backward pass has reached a yet"),
        "{text}"
    );

    // After d's step too, c (used once, by d) is final though e is next.
    let mut console = plain_console(LECTURE);
    let mut control = Scripted::answering(vec![StepDecision::Continue, StepDecision::Stop]);
    let text = run_with(&mut console, &[":step L"], &mut control);
    assert!(text.contains("Stopped after 2 of 3 steps"), "{text}");
    assert!(!text.contains("(partial)"), "{text}");
    for (name, grad) in [("c", -2.0), ("e", -2.0)] {
        assert_eq!(console.session.graph.grad(node(&console, name)), grad);
        assert_eq!(
            console.session.graph.grad_state(node(&console, name)),
            GradState::Fresh
        );
    }

    // Stopped after d's step: e and c hold contributions, e is final
    // because its only use (d) has passed on; a and b are untouched.
    let mut console = plain_console("a = 3; b = a * a; c = b + a");
    let mut control = Scripted::answering(vec![StepDecision::Stop]);
    run_with(&mut console, &[":step c"], &mut control);
    assert_eq!(
        console.session.graph.grad_state(node(&console, "a")),
        GradState::Partial
    );
    let text = run(&mut console, &["a.grad", ":vars", "show c"]);
    assert!(text.contains("note: partial"), "{text}");
    assert!(text.contains("1 (partial)"), "{text}");
    assert!(text.contains("(partial): a :step was stopped"), "{text}");
}

/// Ctrl-C arriving while a step prints (the handler sets the console's
/// interrupt flag) rather than at the pause.
struct CtrlCDuringStep(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl StepControl for CtrlCDuringStep {
    fn after_step(&mut self) -> StepDecision {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
        StepDecision::Continue
    }
}

#[test]
fn step_stops_on_the_interrupt_flag() {
    let mut console = plain_console(LECTURE);
    let mut control = CtrlCDuringStep(console.interrupt.clone());
    let text = run_with(&mut console, &[":step L"], &mut control);
    assert!(text.contains("Stopped after 1 of 3 steps"), "{text}");
    assert!(!text.contains("Done:"), "{text}");
}

#[test]
fn step_q_prints_the_rest_without_pausing() {
    let mut console = plain_console(LECTURE);
    let mut control = Scripted::answering(vec![StepDecision::FinishAll]);
    let text = run_with(&mut console, &[":step L"], &mut control);
    assert_eq!(control.asked, 1, "no pause after q");
    let headers = text.lines().filter(|l| l.starts_with("step ")).count();
    assert_eq!(headers, 3, "{text}");
    assert_eq!(console.session.graph.grad(node(&console, "a")), 6.0);
}

#[test]
fn check_passes_for_references_and_catches_a_corrupted_gradient() {
    for (setup, root, expected) in REFERENCES {
        let mut console = plain_console(setup);
        let root_id = node(&console, root);
        let text = run(&mut console, &[&format!(":check {root}")]);
        assert!(text.contains("✓ every leaf checked agrees"), "{text}");
        assert!(!text.contains('✗'), "{text}");
        assert!(text.contains("tolerance: relative error ≤ 1e-5"), "{text}");

        // Through the library: gradients stored by backward pass; a corrupted
        // one fails; the console's :check runs its own pass and never
        // touches the user's (corrupted) gradient.
        let graph = &mut console.session.graph;
        graph.backward(root_id);
        assert!(CheckTable::of_stored(graph, root_id, 1e-6).all_pass());
        let leaf = graph.subgraph(root_id)[0];
        graph.set_grad(leaf, graph.grad(leaf) + 0.5);
        let table = CheckTable::of_stored(graph, root_id, 1e-6);
        assert!(!table.all_pass());
        let mut out = Vec::new();
        table
            .write(&mut out, micrograd::text::Style::plain(), graph)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let leaves = table.rows().len();
        assert_eq!(leaves, expected.len(), "every leaf is checked");
        assert!(
            text.contains(&format!("✗ 1 leaf failed ({leaves} checked)")),
            "{text}"
        );
        let failed: Vec<NodeId> = table
            .rows()
            .iter()
            .filter(|row| row.relative_error > 1e-5)
            .map(|row| row.leaf)
            .collect();
        assert_eq!(failed, vec![leaf]);
        let corrupted = graph.grad(leaf);
        assert!(CheckTable::fresh(graph, root_id, 1e-6).all_pass());
        run(&mut console, &[&format!(":check {root}")]);
        assert_eq!(console.session.graph.grad(leaf), corrupted);
    }
}

#[test]
fn paths_sum_to_the_gradient() {
    let mut console = plain_console("a = -2; b = 3; d = a*b; e = a + b; f = d*e");
    let text = run(&mut console, &["f.backward()", ":paths f a"]);
    assert!(text.contains("sum over 2 paths from a to f"), "{text}");
    assert!(text.contains("  a → d → f:  ∂d/∂a (= b = 3) × ∂f/∂d (= e = 1) = 3"));
    assert!(text.contains("  a → e → f:  ∂e/∂a (= 1) × ∂f/∂e (= d = -6) = -6"));
    assert!(
        text.contains("sum = -3\na.grad = -3: the same number"),
        "{text}"
    );
}

#[test]
fn empty_and_one_leaf_sessions_never_panic() {
    let mut console = Console::new(Palette::plain());
    let text = run(
        &mut console,
        &[
            ":vars", ":show", ":step", ":check", ":paths", ":dot", ":zero",
        ],
    );
    assert!(text.starts_with("No names yet."), "{text}");
    assert_eq!(text.matches("usage:").count(), 5, "{text}");

    let dir = tempfile::tempdir().unwrap();
    let dot_file = dir.path().join("one.dot");
    let mut console = plain_console("x = 1");
    let text = run(
        &mut console,
        &[
            "show x",
            ":step x",
            ":check x",
            ":paths x x",
            &format!(":dot x {}", dot_file.display()),
            ":vars",
            "show 2",
            ":step 2",
            ":check 2",
            ":paths x 2",
            ":paths 2 x",
        ],
    );
    assert!(text.contains("x:  1 (the empty product"), "{text}");
    assert!(text.contains("2 is a constant"), "{text}");
    assert!(text.contains("depends on no variables"), "{text}");
    assert!(text.contains("x does not depend on 2"), "{text}");
    assert!(std::fs::read_to_string(&dot_file)
        .unwrap()
        .contains("{ x | data 1 | grad 1 }"));
}

/// A learner's long loop: `y = y * w + x` one hundred thousand times over
/// two leaves (every path from x to y is a different length).
fn deep_chain(console: &mut Console) -> NodeId {
    let graph = &mut console.session.graph;
    let x = graph.leaf(0.5);
    let w = graph.leaf(0.999);
    let mut y = x;
    while graph.len() < BIG {
        let t = graph.mul(y, w);
        y = graph.add(t, x);
    }
    bind(console, &[("x", x), ("w", w), ("y", y)]);
    y
}

/// A training loss's shape: the sum of 25,000 weight × input products.
fn wide_sum(console: &mut Console) -> NodeId {
    let graph = &mut console.session.graph;
    let mut terms = Vec::new();
    while graph.len() + terms.len() <= BIG {
        let w = graph.leaf(0.01 * (terms.len() % 7) as f64 - 0.03);
        let x = graph.leaf(1.0);
        terms.push(graph.mul(w, x));
    }
    let first = graph.subgraph(terms[0])[0];
    let loss = graph.sum(&terms);
    bind(console, &[("w0", first), ("loss", loss)]);
    loss
}

fn bind(console: &mut Console, names: &[(&str, NodeId)]) {
    for &(name, id) in names {
        console.session.graph.label_if_unset(id, name);
        console.session.bind(name, Value::Node(id));
    }
}

fn timed(console: &mut Console, line: &str) -> String {
    let started = Instant::now();
    let text = run(console, &[line]);
    assert!(
        started.elapsed() < QUICK,
        "{line} took {:?}",
        started.elapsed()
    );
    text
}

#[test]
fn views_on_100k_node_graphs_answer_quickly_and_truncate() {
    let dir = tempfile::tempdir().unwrap();
    for (build, root, leaf) in [
        (deep_chain as fn(&mut Console) -> NodeId, "y", "x"),
        (wide_sum, "loss", "w0"),
    ] {
        let mut console = Console::new(Palette::plain());
        build(&mut console);
        assert!(console.session.graph.len() >= BIG);

        let text = timed(&mut console, &format!("show {root}"));
        assert!(
            text.lines().count() <= tree::MAX_LINES + 4,
            "show: too long"
        );
        assert!(text.contains("not drawn ("), "{root}: no truncation note");

        let text = timed(&mut console, &format!(":paths {root} {leaf}"));
        assert!(text.lines().count() <= 16, "{text}");
        assert!(text.contains("sum = "), "{text}");

        let text = timed(&mut console, &format!(":check {root}"));
        assert!(text.contains("agree"), "{text}");
        assert!(text.lines().count() < 70, "check: too long");

        let dot_file = dir.path().join(format!("{root}.dot"));
        timed(&mut console, &format!(":dot {root} {}", dot_file.display()));
        assert!(std::fs::metadata(&dot_file).unwrap().len() > 1_000_000);
        let svg_file = dir.path().join(format!("{root}.svg"));
        let text = timed(&mut console, &format!(":dot {root} {}", svg_file.display()));
        assert!(text.contains("not drawn: "), "{text}");
        assert!(!svg_file.exists());

        timed(&mut console, ":vars");
        // `q` at the first pause: a screenful more, then the rest silently.
        let mut control = Scripted::answering(vec![StepDecision::FinishAll]);
        let started = Instant::now();
        let text = run_with(&mut console, &[&format!(":step {root}")], &mut control);
        assert!(started.elapsed() < QUICK);
        assert!(text.lines().count() < 1_000, "q flooded the screen");
        assert!(text.contains("more steps done without printing"), "{text}");
        assert!(text.contains("Done:"), "{text}");

        let text = timed(&mut console, &format!(":step {root}"));
        assert!(text.contains("Done:"));
        let root_id = node(&console, root);
        let leaf_id = node(&console, leaf);
        let stepped = console.session.graph.grad(leaf_id);
        console.session.graph.zero_grad(root_id);
        console.session.graph.backward(root_id);
        assert_eq!(stepped, console.session.graph.grad(leaf_id));
    }
}

#[test]
fn colour_only_with_a_colour_palette() {
    let lines = [
        LECTURE,
        ":step L",
        "show L",
        ":vars",
        ":check L",
        ":paths L a",
    ];
    let mut plain = Console::new(Palette::plain());
    assert!(!run(&mut plain, &lines).contains('\x1b'));
    let mut coloured = Console::new(Palette::ansi());
    let text = run(&mut coloured, &lines);
    for marker in ["\x1b[32m", "\x1b[31m", "\x1b[2m"] {
        assert!(text.contains(marker), "no {marker:?} in {text}");
    }
}

#[test]
fn stale_gradients_are_marked_in_show_and_vars() {
    let mut console = plain_console(LECTURE);
    let text = run(
        &mut console,
        &["L.backward()", "a.data += 0.01 * a.grad", "show L", ":vars"],
    );
    assert!(text.contains("a.data = 2.06"), "{text}");
    assert!(text.matches("6 (stale)").count() >= 2, "{text}");
    assert_eq!(
        text.matches("(stale): computed before a value changed")
            .count(),
        2
    );
    let text = run(&mut console, &[":zero", "L.backward()", "show L"]);
    assert!(!text.contains("stale"), "{text}");
}

/// A list whose first item is itself too long for the row is shortened
/// inside, not dropped: `[[0.41…, … 1 more], … 2 more]` at 60 columns.
#[test]
fn vars_shortens_a_nested_list_inside_rather_than_hiding_it() {
    use micrograd::host::{self, MemoryHost};
    let mut console =
        Console::with_host(Palette::plain(), host::shared(MemoryHost::with_width(60)));
    let text = run(
        &mut console,
        &[
            "weights1 = [[0.41815083085312343, -0.0681565554207797], [0.1, 0.2], [0.3, 0.4]]",
            "W2 = [[0.6579689520479985, 0.870853005826258, 0.6075632844559271]]",
            "big = [[0.6579689520479985, 0.870853005826258, 0.6075632844559271, 0.1, 0.2]] * 2",
            ":vars",
        ],
    );
    let view = &text[text.find("\nweights1 ").map_or(0, |at| at + 1)..];
    assert!(
        view.contains("weights1  [[0.41815083085312343, … 1 more], … 2 more]\n"),
        "{view}"
    );
    assert!(
        view.contains("W2        [[0.6579689520479985, … 2 more]]\n"),
        "{view}"
    );
    assert!(
        view.contains("big       [[0.6579689520479985, … 4 more], … 1 more]\n"),
        "{view}"
    );
    assert!(
        view.lines().all(|line| line.chars().count() <= 60),
        "{view}"
    );
}

/// Finding A101: two results use x (lesson 1's f and slope); the note
/// named the newest, slope, whose backward fills x.grad with slope's
/// slope. It names both, the larger graph first, and says what each gives.
#[test]
fn the_unset_gradient_note_names_every_result_built_on_the_node() {
    let mut console = plain_console("x = 3.0; f = 3*x**2 - 4*x + 5; slope = 6*x - 4");
    let text = run(&mut console, &["x.grad"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("(f.backward() or slope.backward(): x.grad then holds that one's slope)"),
        "{text}"
    );
    // A lone input: nothing to call backward on yet.
    let mut lone = plain_console("x = 3.0");
    let text = run(&mut lone, &["x.grad"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("nothing is computed from x yet: build a result from it"),
        "{text}"
    );
    // A228: the learner's own rise = f(x + h) - f is built on f; f is
    // still named.
    let text = run(
        &mut console,
        &[
            "h = 0.001; rise = 3*(x + h)**2 - 4*(x + h) + 5 - f",
            "x.grad",
        ],
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ");
    assert!(
        text.contains("(f.backward(), slope.backward() or rise.backward():"),
        "{text}"
    );
}

/// The note on a gradient no backward has reached names the learner's own
/// result (it said `e.g. L.backward()` whatever the loss was called).
#[test]
fn the_unset_gradient_note_names_the_result_that_uses_the_node() {
    let mut console = plain_console("w = Value(2.0); h = w * 3; loss = (h - 5)**2");
    let text = run(&mut console, &["w.grad"]);
    assert!(text.contains("(e.g. loss.backward())"), "{text}");
    assert!(!text.contains("L.backward()"), "{text}");
    // A result used by nothing bound: its own backward, which seeds it
    // (finding A206: "a result that uses it" did not fit the result).
    let text = run(&mut console, &["loss.grad"]);
    assert!(
        text.contains("call loss.backward() (it seeds loss.grad = 1)"),
        "{text}"
    );
    // After zero_grad, the same.
    let text = run(
        &mut console,
        &["loss.backward()", "zero_grad(loss)", "h.grad"],
    );
    assert!(text.contains("(e.g. loss.backward())"), "{text}");
    // Nothing bound uses it: no example to give.
    let text = run(&mut console, &["(w * 2).grad"]);
    assert!(
        text.contains("no backward pass has reached") && !text.contains("e.g."),
        "{text}"
    );
}

#[test]
fn every_view_on_every_pair_of_names_in_a_hostile_session_never_panics() {
    let setup = "z = 0; n = -1; big = 1e300; c = 2; \
                 inf_ = big * big; nan_ = z / z; l = log(n); s = sqrt(n) + l; \
                 p = n ** 0.5; q = z ** -1; r = relu(z) + abs(z); k = c; t = tanh(big) * nan_; \
                 u = p + q + r + s + t + inf_ + k";
    let mut console = plain_console(setup);
    let names: Vec<String> = console
        .session
        .bindings()
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec![":vars".to_string()];
    for root in &names {
        lines.push(format!("show {root}"));
        lines.push(format!(":check {root}"));
        lines.push(format!(":check {root} 1e300"));
        lines.push(format!(
            ":dot! {root} {}",
            dir.path().join("g.dot").display()
        ));
        for leaf in &names {
            lines.push(format!(":paths {root} {leaf}"));
        }
        lines.push(format!(":step {root}"));
        lines.push(format!("{root}.backward()"));
        lines.push(format!("{root}.grad"));
        lines.push(":vars".to_string());
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let text = run(&mut console, &lines);
    assert!(text.contains("NaN"), "{text}");
    assert!(
        text.contains('✗'),
        "NaN gradients must fail the check: {text}"
    );
}

/// `:check L` in lesson 6, where `f` is a leaf and `h` a name the learner
/// made (finding A25): the header wrote `(f(x+h)-f(x-h))/2h` above a row
/// for the leaf `f`. It names the checked result and picks stand-ins for
/// the leaf and the step that no name in the session takes.
#[test]
fn check_header_formula_uses_no_name_of_the_learners() {
    let mut console = plain_console(LECTURE);
    let text = run(&mut console, &[":check L"]);
    let header: String = text.lines().take(2).collect::<Vec<_>>().join(" ");
    assert!(
        header.contains("(L(leaf+h)-L(leaf-h))/2h, h = 1e-6"),
        "{text}"
    );
    assert!(!header.contains("f("), "{text}");
    let mut console = plain_console(&format!("{LECTURE}; h = 0.001; leaf = 1"));
    let text = run(&mut console, &[":check L 0.0001"]);
    let header: String = text.lines().take(2).collect::<Vec<_>>().join(" ");
    assert!(
        header.contains("(L(x+eps)-L(x-eps))/2eps, eps = 0.0001"),
        "{text}"
    );
    assert!(!header.contains("h ="), "{text}");
}

/// `show bce` in lesson 12 drew `#29 = #25 * #28   -0   0` (0 × −0.974):
/// a newcomer reads `-0` as a sign bug (finding B34's low part). The
/// views write a zero as `0`; `print` and the echo stay as Python's.
#[test]
fn views_write_negative_zero_as_zero() {
    let mut console = plain_console("a = 0.0; b = -1.0; c = a * b; d = c * b; L = d + c");
    let text = run(
        &mut console,
        &[
            "L.backward()",
            "show L",
            ":vars",
            ":step L",
            ":paths L a",
            ":check L",
        ],
    );
    let negative_zero = |token: &str| {
        let token = token.trim_matches(|c: char| "()[],:".contains(c));
        token.starts_with('-') && token.parse::<f64>() == Ok(0.0)
    };
    assert!(
        !text.split_whitespace().any(negative_zero),
        "a -0 in the views:\n{text}"
    );
    assert!(text.contains("c = a * b"), "{text}");
    let echo = run(&mut console, &["c", "print(c)"]);
    assert_eq!(echo, "-0.0\n-0.0\n");
}

/// `:vars` wrote its data column left-aligned while `show` right-aligns
/// its numbers (finding B29): both now end each number at the column's
/// right edge, under its header, as `show` does.
#[test]
fn vars_right_aligns_its_numbers_like_show() {
    let mut console = plain_console(LECTURE);
    let text = run(&mut console, &["L.backward()", "a.data = 3.5", ":vars"]);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("name"))
        .take_while(|line| !line.starts_with('('))
        .collect();
    let header = table[0];
    let data_end = header.find("data").expect("a data header") + "data".len();
    let grad_end = header.find("grad").expect("a grad header") + "grad".len();
    let end_of = |line: &str, column: usize| {
        let words: Vec<(usize, &str)> = line.match_indices(|c: char| !c.is_whitespace()).fold(
            Vec::new(),
            |mut words, (at, piece)| {
                match words.last_mut() {
                    Some((start, word)) if *start + word.len() == at => {
                        *word = &line[*start..at + piece.len()]
                    }
                    _ => words.push((at, &line[at..at + piece.len()])),
                }
                words
            },
        );
        words[column].0 + words[column].1.len()
    };
    for row in &table[1..] {
        assert_eq!(end_of(row, 1), data_end, "{row:?} in\n{text}");
        assert_eq!(end_of(row, 2), grad_end, "{row:?} in\n{text}");
    }
    assert!(table.iter().any(|row| row.contains("-10.5")), "{text}");
}

/// `:paths ce zc` in lesson 12 wrote `sum = -0.9900000000000001` under a
/// path that reads -0.99 (finding B11): the sum rounds float noise away as
/// the lessons do (honest digits stay).
#[test]
fn paths_sum_rounds_float_noise_away() {
    let mut console = plain_console("x = 3.0; L = x*0.1 + x*0.2");
    let text = run(&mut console, &[":paths L x", "L.backward()", ":paths L x"]);
    assert!(text.contains("\nsum = 0.3\n"), "{text}");
    assert!(!text.contains("0.30000000000000004"), "{text}");
    assert!(text.contains("x.grad = 0.3: the same number"), "{text}");
}

/// `:step f` in lesson 1 wrote the power rule `2·x^(2-1)` right after the
/// lesson taught that a square is written `x**2` (`^` is XOR in Python;
/// finding A107): the rule is written with `**`.
#[test]
fn step_writes_the_power_rule_with_double_star() {
    let mut console = plain_console("x = 3.0; f = x**2");
    let text = run(&mut console, &[":step f"]);
    assert!(text.contains("(= 2·x**(2-1) = 6)"), "{text}");
    assert!(!text.contains('^'), "{text}");
}
