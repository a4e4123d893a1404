//! Looking inside data sets and networks (issue 16, part 6): `d[0]`,
//! `len(d)`, `show d`, `show n` layer by layer, and the names the views
//! print (`n.L1.N1.w1`) typed back to read, change, show and call; every
//! wrong name is a clear error pointing at it, never a panic.

#[path = "common/data_files.rs"]
mod data_files;

use micrograd::console::{Console, Outcome, RunAll};
use micrograd::render::diagnostic::Origin;
use micrograd::text::Palette;

/// A console whose `d` is the iris-like CSV and whose `n` is nn.py's
/// MLP(4, [8, 3]) (ReLU hidden, linear output).
fn iris_console(dir: &tempfile::TempDir) -> Console {
    let path = data_files::write(dir.path(), "iris.csv", &data_files::iris_like());
    let mut console = Console::new(Palette::plain());
    let (outcome, text) = run(
        &mut console,
        &format!(
            "d = csv({:?}); n = MLP(4, [8, 3], activation=\"relu\", seed=1)",
            path.display()
        ),
    );
    assert_eq!(outcome, Outcome::Ok, "{text}");
    console
}

/// What one line typed at the prompt printed.
fn run(console: &mut Console, line: &str) -> (Outcome, String) {
    let mut out = Vec::new();
    let outcome = console.execute(
        line,
        Origin::Prompt { prompt_width: 4 },
        &mut out,
        &mut RunAll,
    );
    (outcome, String::from_utf8(out).expect("UTF-8"))
}

fn ok(console: &mut Console, line: &str) -> String {
    let (outcome, text) = run(console, line);
    assert_eq!(outcome, Outcome::Ok, "{line}: {text}");
    assert!(!text.contains("error"), "{line}: {text}");
    text
}

fn fails(console: &mut Console, line: &str, parts: &[&str]) {
    let (outcome, text) = run(console, line);
    assert_ne!(outcome, Outcome::Ok, "{line} should fail: {text}");
    assert!(text.contains("error: "), "{line}: {text}");
    assert!(text.contains('^'), "{line}: points at the mistake: {text}");
    for part in parts {
        assert!(
            text.contains(part),
            "{line}: `{part}` missing from:\n{text}"
        );
    }
}

#[test]
fn a_sample_is_its_features_and_label_as_the_file_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = iris_console(&dir);
    let first = data_files::iris_like();
    let row = first.lines().nth(1).unwrap();
    let (features, species) = row.rsplit_once(',').unwrap();
    let numbers: Vec<String> = features
        .split(',')
        .map(|x| micrograd::eval::python_float(x.parse::<f64>().unwrap()))
        .collect();
    let expected = format!("([{}], '{species}')", numbers.join(", "));
    assert_eq!(ok(&mut console, "d[0]").trim(), expected);
    assert_eq!(ok(&mut console, "len(d)").trim(), "150");
    assert!(ok(&mut console, "d[-1]").contains("'virginica')"));
    // A sample unpacks, and its features feed the network.
    ok(&mut console, "x, y = d[1]");
    assert_eq!(ok(&mut console, "y").trim(), "\"versicolor\"");
    let outputs = ok(&mut console, "n(x)");
    assert_eq!(outputs.matches(", ").count(), 2, "three outputs: {outputs}");
    // Numbered classes and regression targets are numbers.
    ok(&mut console, "m = moons(10, seed=1)");
    let sample = ok(&mut console, "m[0]");
    assert!(
        sample.trim().ends_with(", 0)") || sample.trim().ends_with(", 1)"),
        "{sample}"
    );
    let path = data_files::write(dir.path(), "linear.csv", &data_files::linear_regression(20));
    ok(&mut console, &format!("r = csv({:?})", path.display()));
    let target = data_files::linear_regression(20)
        .lines()
        .nth(1)
        .unwrap()
        .rsplit(',')
        .next()
        .unwrap()
        .parse::<f64>()
        .unwrap();
    assert!(ok(&mut console, "r[0]")
        .trim()
        .ends_with(&format!(", {target})")));
}

#[test]
fn show_d_gives_a_few_rows_the_ranges_and_the_class_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = iris_console(&dir);
    let text = ok(&mut console, "show d");
    common_lines_fit(&text);
    for part in [
        "150 samples, 4 features, 3 classes",
        "sepal_length",
        "petal_width",
        "species",
        "d[0]",
        "d[4]",
        "d[149]",
        "samples per class: setosa: 50, versicolor: 50, virginica: 50",
    ] {
        assert!(text.contains(part), "`{part}` missing from:\n{text}");
    }
    assert!(!text.contains("d[5] "), "only a few rows: {text}");
    assert!(text.lines().count() < 20, "{text}");
    let min_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("min"))
        .unwrap();
    let max_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("max"))
        .unwrap();
    let low: f64 = min_row.split_whitespace().nth(3).unwrap().parse().unwrap();
    let high: f64 = max_row.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!(low < 2.0 && high > 5.0, "petal_length's range: {text}");
}

#[test]
fn show_n_is_layer_by_layer_and_never_every_node() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = iris_console(&dir);
    let text = ok(&mut console, "show n");
    common_lines_fit(&text);
    assert!(text.contains("MLP(4, [8, 3]) · 67 parameters"), "{text}");
    let l1 = text.lines().find(|l| l.contains("n.L1 ")).expect("layer 1");
    assert!(l1.contains("4 → 8") && l1.contains("relu") && l1.contains("weights"));
    let l2 = text.lines().find(|l| l.contains("n.L2 ")).expect("layer 2");
    assert!(l2.contains("8 → 3") && l2.contains("linear"), "{l2}");
    // A big network is still a few lines.
    ok(&mut console, "big = MLP(100, [200, 200, 1], seed=1)");
    let text = ok(&mut console, "show big");
    assert!(text.lines().count() < 10, "{text}");
    let text = ok(&mut console, "show big.L1");
    assert!(text.lines().count() < 16, "{text}");
    assert!(
        text.contains("… 190 more (big.L1.N11 to big.L1.N200)"),
        "{text}"
    );
    assert!(text.contains("… 90 more]"), "{text}");
}

#[test]
fn the_names_the_views_print_can_be_typed_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = iris_console(&dir);
    // `show n.L1` names each neuron, `show n.L1.N1` each parameter.
    let layer = ok(&mut console, "show n.L1");
    assert!(layer.contains("n.L1.N8"), "{layer}");
    let neuron = ok(&mut console, "show n.L1.N1");
    assert!(neuron.contains("n.L1.N1.w4") && neuron.contains("n.L1.N1.b"));
    let w1_shown: f64 = neuron
        .lines()
        .find(|l| l.trim_start().starts_with("n.L1.N1.w1 "))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .parse()
        .unwrap();
    let w1: f64 = ok(&mut console, "n.L1.N1.w1.data").trim().parse().unwrap();
    assert!((w1 - w1_shown).abs() < 1e-5, "{w1} vs {w1_shown}");
    // The same node by micrograd's own spelling, and by n.parameters().
    assert_eq!(
        ok(&mut console, "n.layers[0].neurons[0].w[0].data").trim(),
        w1.to_string()
    );
    assert_eq!(
        ok(&mut console, "n.parameters()[0].data").trim(),
        w1.to_string()
    );
    // The graph's label of that node is the name typed.
    let tree = ok(&mut console, "out = n([1, 2, 3, 4])[0]; show out");
    assert!(
        tree.contains("n.L2.N1.w1") && tree.contains("n.L1.N1.w4"),
        "{tree}"
    );
    // Changing it changes the network.
    ok(&mut console, "n.L1.N1.w1.data = 0.5");
    assert_eq!(ok(&mut console, "n.L1.N1.w1.data").trim(), "0.5");
    assert_eq!(ok(&mut console, "n.parameters()[0].data").trim(), "0.5");
    // Gradients: a backward through the network reaches its parts.
    ok(&mut console, "L = n.loss(d); L.backward()");
    let grad: f64 = ok(&mut console, "n.L2.N3.b.grad").trim().parse().unwrap();
    assert!(grad != 0.0, "the output bias has a gradient");
    assert!(ok(&mut console, "show n.L2.N3").contains(&micrograd::text::number::short(grad, 6)));
    // A layer is callable, as micrograd's Layer is: n.L2(n.L1(x)) is n(x).
    let whole = ok(&mut console, "n([1, 2, 3, 4])");
    let parts = ok(&mut console, "n.L2(n.L1([1, 2, 3, 4]))");
    assert_eq!(whole, parts);
}

#[test]
fn wrong_names_and_indices_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = iris_console(&dir);
    fails(
        &mut console,
        "d[999]",
        &[
            "d has 150 samples: there is no sample 999",
            "d[0] to d[149]",
        ],
    );
    fails(&mut console, "d[-151]", &["there is no sample -151"]);
    fails(&mut console, "d[1.5]", &["there is no sample 1.5"]);
    fails(
        &mut console,
        "d[\"x\"]",
        &["picked by its number", "not by the string \"x\""],
    );
    fails(&mut console, "d.x", &["a data set has no `.x`", "d[0]"]);
    fails(
        &mut console,
        "n.L9",
        &["n has 2 layers: there is no L9 (n.L1 to n.L2)"],
    );
    fails(
        &mut console,
        "n.L0",
        &["a network has no `.L0`", "n.L1 to n.L2"],
    );
    fails(
        &mut console,
        "n.L1.N9",
        &["n.L1 has 8 neurons: there is no N9"],
    );
    fails(&mut console, "n.L1.N1.w5", &["there is no w5"]);
    fails(&mut console, "n.w1", &["as n.L1.N1.w1"]);
    fails(&mut console, "n.N1", &["as n.L1.N1"]);
    fails(
        &mut console,
        "n.data",
        &["a network has no `.data`", "n.L1.N1.w1.data"],
    );
    fails(&mut console, "n.parameters", &["`n.parameters()`"]);
    fails(&mut console, "n.L3([1])", &["there is no L3"]);
    fails(
        &mut console,
        "n.L1.N1.w1([1])",
        &["is a number, not a network"],
    );
    fails(&mut console, "show n.layers", &["this is a list"]);
    fails(&mut console, "n.L1 = 3", &["`n` is a network"]);
    // Nothing was lost on the way.
    assert_eq!(ok(&mut console, "len(d)").trim(), "150");
}

/// Every line of a view fits an 80-column terminal.
fn common_lines_fit(text: &str) {
    for line in text.lines() {
        assert!(
            micrograd::text::display_width(line) <= 80,
            "{} columns: {line}",
            micrograd::text::display_width(line)
        );
    }
}
