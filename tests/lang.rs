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
        "2.0 6.0 0.1 Value(data=2.0, grad=0.0) Value(data=4.0, grad=0.0) \
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

/// Each line `k loss` the lecture cell printed, checked to count 0 to 19.
fn falling_losses(printed: &str) -> Vec<f64> {
    let mut losses = Vec::new();
    for (k, line) in printed.lines().filter(|l| !l.contains('=')).enumerate() {
        let (step, loss) = line.split_once(' ').unwrap_or_else(|| panic!("{line:?}"));
        assert_eq!(step, k.to_string(), "{printed}");
        losses.push(
            loss.parse::<f64>()
                .unwrap_or_else(|e| panic!("{line:?}: {e}")),
        );
    }
    assert_eq!(losses.len(), 20, "{printed}");
    assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
    losses
}

#[test]
fn the_lecture_cell_as_typed_prints_twenty_falling_losses() {
    let mut s = Session::new();
    let events = run(&mut s, &LECTURE_CELL.replace("ACTIVATION", ""));
    let losses = falling_losses(&printed(&events));
    assert!(losses[19] < 0.05, "{losses:?}");
    assert!(warnings(&events).is_empty());
    // activation="tanh" is the same network: tanh output included.
    let mut again = Session::new();
    let tanh = run(
        &mut again,
        &LECTURE_CELL.replace("ACTIVATION", ", activation=\"tanh\""),
    );
    assert_eq!(printed(&tanh), printed(&events));
}

#[test]
fn the_lecture_cell_piped_to_the_binary_prints_twenty_falling_losses() {
    // As `echo | cat lecture.py - | micrograd`: the cell, then an empty line.
    let d = temp_dir();
    let run =
        capture(micrograd(d.path()).write_stdin(LECTURE_CELL.replace("ACTIVATION", "") + "\n"));
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let losses = falling_losses(&run.stdout);
    assert!(losses[19] < 0.05, "{losses:?}");
}

#[test]
fn a_networks_echo_names_its_activations_as_built() {
    let d = temp_dir();
    let run = capture(micrograd(d.path()).write_stdin(
        "a = MLP(3, [4, 4, 1])\nb = MLP(3, [4, 4, 1], activation=\"relu\")\n\
         c = MLP(2, [3, 1], activation=\"sigmoid\")\nd = MLP(2, [3, 1], output=\"linear\")\n\
         e = MLP(2, [3, 1], activation=\"relu\", output=\"tanh\")\nf = MLP(2, [1], activation=\"relu\")\n",
    ));
    assert!(run.ok, "{}", run.stderr);
    let echoed: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        echoed,
        [
            "a = MLP(3, [4, 4, 1]) · tanh · 41 parameters",
            "b = MLP(3, [4, 4, 1]) · relu, linear output · 41 parameters",
            "c = MLP(2, [3, 1]) · sigmoid, linear output · 13 parameters",
            "d = MLP(2, [3, 1]) · tanh, linear output · 13 parameters",
            "e = MLP(2, [3, 1]) · relu, tanh output · 13 parameters",
            "f = MLP(2, [1]) · linear · 3 parameters",
        ]
    );
}

#[test]
fn activation_relu_builds_micrograd_nn_py_network() {
    use micrograd::engine::nn::{Activation, Mlp};
    use micrograd::engine::Graph;
    use micrograd::eval::{rng_for, Value};
    let model = |source: &str| {
        let mut s = Session::new();
        run(&mut s, source);
        match s.lookup("n") {
            Some(Value::Model(mlp)) => (mlp.parameter_values(&s.graph), mlp.clone()),
            other => panic!("{source}: {other:?}"),
        }
    };
    let activations = |mlp: &Mlp| -> Vec<Activation> {
        mlp.layers.iter().map(|l| l.neurons[0].activation).collect()
    };
    // nn.py's: ReLU hidden layers, a linear output, the weights the engine's
    // Mlp::new (what `micrograd train` builds) draws from the same seed.
    let (weights, relu) = model("n = MLP(3, [4, 4, 1], activation=\"relu\", seed=5)");
    use Activation::{Linear, Relu, Tanh};
    assert_eq!(activations(&relu), [Relu, Relu, Linear]);
    let mut graph = Graph::new();
    let reference = Mlp::new(&mut graph, 3, &[4, 4, 1], Relu, &mut rng_for(5, 0));
    assert_eq!(weights, reference.parameter_values(&graph));
    // The default is the lecture's: tanh on every layer, the output too;
    // output= still sets the last layer.
    let (same_weights, lecture) = model("n = MLP(3, [4, 4, 1], seed=5)");
    assert_eq!(activations(&lecture), [Tanh, Tanh, Tanh]);
    assert_eq!(same_weights, weights);
    let (_, scores) = model("n = MLP(3, [4, 4, 1], activation=\"relu\", output=\"tanh\", seed=5)");
    assert_eq!(activations(&scores), [Relu, Relu, Tanh]);
}

#[test]
fn a_loop_whose_relus_all_died_is_told_so_once_with_the_fix() {
    // Seed 0 kills every ReLU of nn.py's network by step 13 or so.
    let mut s = Session::new();
    let events = run(
        &mut s,
        &LECTURE_CELL.replace("ACTIVATION", ", activation=\"relu\""),
    );
    let losses = losses(&events);
    assert_eq!(losses.len(), 20);
    assert_eq!(losses[18], losses[19]);
    let warned = warnings(&events);
    let dead: Vec<&String> = warned.iter().filter(|w| w.contains("ReLU")).collect();
    assert_eq!(dead.len(), 1, "{warned:?}");
    assert!(
        dead[0].contains("MLP(...) without activation= is the lecture's network"),
        "{}",
        dead[0]
    );
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

#[test]
fn many_names_keep_the_order_they_were_first_bound_in_and_rebinding_keeps_the_place() {
    let mut s = Session::new();
    let script: String = (0..3000).map(|k| format!("n{k} = {k}\n")).collect();
    run(&mut s, &script);
    run(&mut s, "n7 = Value(70.0); n2999 = n7 * 2");
    let names: Vec<&str> = s.bindings().iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.len(), 3000);
    assert_eq!(&names[..3], ["n0", "n1", "n2"]);
    assert_eq!(names[7], "n7", "rebinding keeps the first place");
    assert_eq!(names[2999], "n2999");
    let n2999 = s.node("n2999").expect("n2999 is a node");
    assert_eq!(s.graph.value(n2999), 140.0);
    assert_eq!(printed(&run(&mut s, "print(n1234 + 1)")), "1235\n");
    let mut copy = s.clone();
    run(&mut copy, "n3 = 33; fresh = 1");
    assert_eq!(printed(&run(&mut copy, "print(n3, n4)")), "33 4\n");
    assert_eq!(
        printed(&run(&mut s, "print(n3)")),
        "3\n",
        "the copy's names are its own"
    );
    assert!(s.lookup("fresh").is_none());
}

/// `dataset(xs, ys)` makes lists a data set `train` takes, unscaled like a
/// CSV file's: lesson 21's plants stall with `standardize=0` (train's
/// diagnostic names the dead ReLUs) and learn with the default.
#[test]
fn dataset_from_lists_trains_standardised_and_stalls_raw() {
    let dir = temp_dir();
    let rows = "xs = [[150.0 + 2 * i + 12 * (i % 2), 0.3 + 0.25 * (i % 2) + 0.01 * (i % 7)] for i in range(20)]\n\
                ys = [2 * (i % 2) - 1.0 for i in range(20)]\n\
                d = dataset(xs, ys)\n\
                d[1]\n";
    let raw = "n = MLP(2, [8, 1], activation=\"relu\", seed=2)\n\
               train(n, d, standardize=0, lr=1, steps=30, plot=0)\n";
    let scaled = "n = MLP(2, [8, 1], activation=\"relu\", seed=2)\n\
                  train(n, d, lr=1, steps=30, plot=0)\n\
                  n.accuracy(d)\n";
    let run = capture(micrograd(dir.path()).write_stdin(format!("{rows}{raw}{scaled}")));
    assert!(run.ok, "{run:?}");
    common::assert_in_order(
        &run.stdout,
        &[
            "d = dataset · 20 samples, 2 features, 2 classes",
            "([164.0, 0.56], 1)",
            "features used as they are (not standardised)",
            "ReLUs are dead",
            "standardize=1",
            "features standardised by the mean and std",
        ],
    );
    let accuracy: f64 = run.stdout.lines().last().unwrap().trim().parse().unwrap();
    assert!(accuracy > 0.9, "standardised, it learns: {}", run.stdout);
    let bad = capture(micrograd(dir.path()).write_stdin("dataset([[1.0], [2.0]], [1])\n"));
    assert!(
        bad.stderr.contains("2 rows of features but 1 labels"),
        "{bad:?}"
    );
}

/// The help line of the error `source` gives after `setup` ran.
fn help_after(setup: &str, source: &str) -> String {
    let mut s = Session::new();
    run(&mut s, setup);
    let error = s.run(source, &mut Vec::new()).expect_err("the line fails");
    format!("{} | {}", error.message, error.help.unwrap_or_default())
}

#[test]
fn an_unknown_name_is_pointed_at_the_name_it_slipped_from() {
    // Finding B201: `W` is a case slip of `w`, not a neighbour of `x`; a
    // one-letter name is not "close" to every other one-letter name; and
    // `L == ...` with L unbound meant `=`.
    let setup = "x = 2.0; w = 0.5; y = 1.0";
    let help = help_after(setup, "L = (W*x - y)**2");
    assert!(help.contains("did you mean `w`?"), "{help}");
    let help = help_after(setup, "g + 1");
    assert!(!help.contains("did you mean"), "{help}");
    let help = help_after(setup, "L == (w*x - y)**2");
    assert!(help.contains("to bind `L`, use one `=`"), "{help}");
    let help = help_after("total = 3", "totl + 1");
    assert!(help.contains("did you mean `total`?"), "{help}");
}

/// `sum((ypred - ys)**2)` (finding C43): "`-` cannot combine a list and a
/// list", and no word on how. Lists do not subtract item by item in
/// Python either; the help pairs them with zip.
#[test]
fn list_minus_list_is_told_to_pair_them_with_zip() {
    let said = help_after("xs = [1.0, 2.0]\nys = [0.5, 1.5]", "xs - ys");
    assert!(
        said.contains("`-` cannot combine a list and a list | lists do not subtract item by item (in Python either): pair them with zip, as in [a - b for a, b in zip(xs, ys)]"),
        "{said}"
    );
}
