//! The small Python's corners that transcripts cannot pin well: gradient
//! state after `p.grad = 0.0`, a list that holds itself in every place a
//! value is written (print, echo, `:vars`, the kernel), micrograd's
//! `Neuron`/`Layer`, `math.*` on literals, and the warning for a training
//! loop whose ReLUs all died.

mod common;

use micrograd::engine::GradState;
use micrograd::eval::{Event, Session};

use common::{capture, micrograd, temp_dir};

fn run(session: &mut Session, source: &str) -> Vec<Event> {
    let mut events = Vec::new();
    session
        .run(source, &mut events)
        .unwrap_or_else(|e| panic!("{source}: {e}"));
    events
}

fn printed(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Print(text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn warnings(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Warning(w) => Some(w.message.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn setting_a_gradient_to_zero_clears_its_state() {
    let mut s = Session::new();
    run(&mut s, "w = Value(2.0); L = w * w; L.backward()");
    let w = s.node("w").expect("w bound");
    assert_eq!(s.graph.grad_state(w), GradState::Fresh);
    run(&mut s, "w.data = 3");
    assert_eq!(s.graph.grad_state(w), GradState::Stale);
    run(&mut s, "w.grad = 0.0");
    assert_eq!(s.graph.grad(w), 0.0);
    assert_eq!(s.graph.grad_state(w), GradState::Unset);
    // The lecture's loop: zeroed by hand, so backward warns of nothing.
    let events = run(
        &mut s,
        "for k in range(3):\n    L = w * w\n    w.grad = 0.0\n    L.backward()\n",
    );
    assert!(warnings(&events).is_empty(), "{events:?}");
    assert_eq!(s.graph.grad(w), 6.0);
    assert_eq!(s.graph.grad_state(w), GradState::Fresh);
    run(&mut s, "w.grad = 1.5");
    assert_eq!(s.graph.grad(w), 1.5);
}

#[test]
fn a_list_that_holds_itself_is_written_everywhere_without_overflow() {
    let dir = temp_dir();
    let script = "xs = [1, 2]\nxs.append(xs)\nprint(xs)\nxs\nys = [xs, (xs, 3)]\nprint(ys)\n\
                  zs = [0] * 1001\nzs.append(zs)\nzs[0] = zs\nzs\n:vars\n";
    let run = capture(micrograd(dir.path()).write_stdin(script));
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("[1, 2, [...]]\n[1, 2, [...]]\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[[1, 2, [...]], ([1, 2, [...]], 3)]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[[...], 0, 0,"), "{}", run.stdout);
    assert!(run.stdout.contains("xs    [1, 2, [...]]"), "{}", run.stdout);
    let show = capture(micrograd(dir.path()).write_stdin("xs = [1]\nxs.append(xs)\nshow xs\n"));
    assert!(show.stderr.contains("this is a list"), "{}", show.stderr);

    let mut cell = micrograd::kernel::cell::Cell::new();
    let mut out = Vec::new();
    let _ = cell.run(
        "xs = [1]\nxs.append(xs)\nxs\nprint(xs)\n:vars",
        1,
        &mut out,
        &mut |_| {},
    );
    let text = String::from_utf8_lossy(&out);
    // The echo of `xs`, the print and the :vars row.
    assert_eq!(text.matches("[1, [...]]").count(), 3, "{text}");
}

#[test]
fn print_writes_values_as_the_lectures_repr_and_named_numbers_as_numbers() {
    let mut s = Session::new();
    run(&mut s, "x = 2.0; a = Value(2.0); b = a * x; lr = 0.1");
    let events = run(&mut s, "print(x, x * 3, lr, a, b, [a], 1e-7 * a)");
    assert_eq!(
        printed(&events),
        "2 6 0.1 Value(data=2.0, grad=0.0) Value(data=4.0, grad=0.0) \
         [Value(data=2.0, grad=0.0)] Value(data=2e-07, grad=0.0)\n"
    );
}

#[test]
fn math_works_on_literals_and_named_numbers_and_names_a_value_for_what_it_is() {
    let mut s = Session::new();
    let events = run(
        &mut s,
        "import math; x = 2; print(math.exp(1), math.exp(x), 17 % 5, x // 3, [7] * 2)",
    );
    assert_eq!(
        printed(&events),
        "2.718281828459045 7.38905609893065 2 0 [7, 7]\n"
    );
    let mut events = Vec::new();
    let err = s
        .run("a = Value(1.0); math.exp(a)", &mut events)
        .expect_err("a Value is not a plain number");
    assert!(
        err.message
            .contains("works on plain numbers, not on a node of the graph (a Value)"),
        "{}",
        err.message
    );
    assert!(err.help.unwrap_or_default().contains("x.exp()"));
}

#[test]
fn neuron_and_layer_are_micrograds() {
    let mut s = Session::new();
    run(&mut s, "from micrograd.nn import Neuron, Layer, MLP");
    let events = run(
        &mut s,
        "n = Neuron(3); l = Layer(3, 4); lin = Neuron(2, nonlin=False)\n\
         print(len(n.parameters()), len(l.parameters()), len(l([1.0, 2.0, 3.0])))\n\
         o = n([1.0, -2.0, 0.5]); print(o.data >= 0)\n\
         z = lin([0.25, 0.5]); print(len(lin.parameters()))",
    );
    assert_eq!(printed(&events), "4 16 4\nTrue\n3\n");
    let mut events = Vec::new();
    assert!(s.run("Layer(3)", &mut events).is_err());
}

const LECTURE_CELL: &str =
    "xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
n = MLP(3, [4, 4, 1]ACTIVATION)
for k in range(20):
    ypred = [n(x) for x in xs]
    loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
    for p in n.parameters():
        p.grad = 0.0
    loss.backward()
    for p in n.parameters():
        p.data += -0.1 * p.grad
    print(k, loss.data)
";

fn losses(events: &[Event]) -> Vec<f64> {
    printed(events)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1)?.parse().ok())
        .collect()
}

#[test]
fn the_lecture_cell_with_the_lectures_tanh_network_prints_twenty_falling_losses() {
    let mut s = Session::new();
    let cell = LECTURE_CELL.replace("ACTIVATION", ", activation=\"tanh\", output=\"tanh\"");
    let events = run(&mut s, &cell);
    let losses = losses(&events);
    assert_eq!(losses.len(), 20);
    assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
    assert!(losses[19] < 0.05, "{losses:?}");
    assert!(warnings(&events).is_empty());
}

#[test]
fn a_loop_whose_relus_all_died_is_told_so_once_with_the_fix() {
    // Seed 0 kills every ReLU of the default network by step 13 or so.
    let mut s = Session::new();
    let events = run(&mut s, &LECTURE_CELL.replace("ACTIVATION", ""));
    let losses = losses(&events);
    assert_eq!(losses.len(), 20);
    assert_eq!(losses[18], losses[19]);
    let warned = warnings(&events);
    let dead: Vec<&String> = warned.iter().filter(|w| w.contains("ReLU")).collect();
    assert_eq!(dead.len(), 1, "{warned:?}");
    assert!(dead[0].contains("activation=\"tanh\""), "{}", dead[0]);
    // A loop that learns is never told.
    let mut s = Session::new();
    let events = run(&mut s, "w = Value(5.0)\nfor k in range(5):\n    L = (w - 3).relu()\n    w.grad = 0.0\n    L.backward()\n    w.data -= 0.1 * w.grad\n");
    assert!(warnings(&events).is_empty(), "{events:?}");
}

/// Found by the 1,000,000-input fuzz run: `1e308 * []` spun through
/// usize::MAX empty repetitions and never returned.
#[test]
fn repeating_an_empty_list_a_huge_number_of_times_returns_at_once() {
    let mut s = Session::new();
    let events = run(&mut s, "n = 1e308 * []; print(len(n), len([] * 1e308))");
    assert_eq!(printed(&events), "0 0\n");
    let mut s = Session::new();
    let err = s
        .run("m = [1] * 1e308", &mut Vec::new())
        .expect_err("a list of 1e308 items is refused");
    assert!(err.to_string().contains("more than"), "{err}");
}
