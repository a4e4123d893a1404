//! `micrograd train`, `micrograd bench` and the REPL's networks, driven
//! through the real binary: micrograd's demo reproduced, JSON shapes, plots,
//! CSV files, and clear errors (never a panic) on bad values.

mod common;

#[path = "common/data_files.rs"]
mod data_files;
#[path = "common/train_values.rs"]
mod train_values;

use common::{capture, micrograd, temp_dir, Run};
use micrograd::eval::table::TRAIN_KEYWORDS;
use serde_json::Value;
use train_values::sample_value;

/// Runs the binary with `args` and `stdin`, its data folder a fresh temp dir.
fn run_with(args: &[&str], stdin: &str) -> Run {
    let data_dir = temp_dir();
    capture(micrograd(data_dir.path()).args(args).write_stdin(stdin))
}

fn run(args: &[&str]) -> Run {
    run_with(args, "")
}

fn repl(script: &str) -> Run {
    run_with(&[], script)
}

fn fails_with(args: &[&str], message: &str) {
    let Run { ok, stderr, .. } = run(args);
    assert!(!ok, "{args:?} should fail");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
}

#[test]
fn demo_defaults_reach_full_accuracy_with_progress_and_summary() {
    let Run { ok, stdout, .. } =
        run(&["train", "--data", "moons", "--steps", "100", "--seed", "1"]);
    assert!(ok);
    assert!(stdout.contains("MLP(2, [16, 16, 1])"), "{stdout}");
    assert!(
        stdout.contains("hinge loss") && stdout.contains("sgd lr 1 → 0.109"),
        "{stdout}"
    );
    let progress = stdout.lines().filter(|l| l.starts_with("step ")).count();
    assert_eq!(progress, 10, "one line per 10 steps: {stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let [.., done, summary] = lines[..] else {
        panic!("{stdout}")
    };
    assert!(done.starts_with("done: 100 steps"), "{done}");
    assert!(
        summary.contains("accuracy 100.0 %") || summary.contains("accuracy  99.0 %"),
        "{summary}"
    );
}

/// Every line of `text` fits an 80-column terminal.
fn assert_fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}\n{text}",
            line.chars().count()
        );
    }
}

#[test]
fn one_decaying_step_says_step_and_the_one_learning_rate_it_used() {
    let Run { ok, stdout, .. } = run(&["train", "--steps", "1", "--lr", "0.01"]);
    assert!(ok);
    assert!(
        stdout.contains("sgd lr 0.01, 1 step, full batch"),
        "{stdout}"
    );
    assert!(!stdout.contains("→"), "one step uses one rate: {stdout}");
    assert!(!stdout.contains("1 steps"), "{stdout}");
    assert!(stdout.contains("done: 1 step in"), "{stdout}");
    assert_fits_80_columns(&stdout);
}

#[test]
fn text_report_fits_80_columns_with_holdout_patience_and_plots() {
    let Run { ok, stdout, .. } = run(&[
        "train",
        "--data",
        "spiral",
        "--samples",
        "90",
        "--layers",
        "16,16,16",
        "--holdout",
        "0.3",
        "--patience",
        "5",
        "--accumulate",
        "3",
        "--l1",
        "1e-4",
        "--plot",
        "--color",
        "never",
    ]);
    assert!(ok, "{stdout}");
    assert!(stdout.contains("decision boundary"), "{stdout}");
    assert_fits_80_columns(&stdout);
}

#[test]
fn json_result_has_accuracy_loss_steps_and_seconds() {
    let Run { ok, stdout, .. } = run(&["train", "--json"]);
    assert!(ok);
    let result: Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert!(result["accuracy"].as_f64().unwrap() >= 0.99, "{result}");
    assert!(result["final_loss"].as_f64().unwrap() < 0.05, "{result}");
    assert_eq!(result["steps"], 100);
    assert!(result["seconds"].as_f64().unwrap() > 0.0);
    assert_eq!(result["losses"].as_array().unwrap().len(), 100);
}

#[test]
fn plot_draws_curve_and_boundary_with_both_classes() {
    let Run { ok, stdout, .. } = run(&["train", "--steps", "30", "--plot", "--color", "never"]);
    assert!(ok);
    assert!(stdout.contains("loss per step"), "{stdout}");
    let boundary = stdout.split("decision boundary").nth(1).expect("boundary");
    // The rest of the title line, the region legend, then the grid.
    let grid: Vec<&str> = boundary.lines().skip(2).take(24).collect();
    assert_eq!(grid.len(), 24);
    let cells: String = grid.concat();
    // Both classes' points, and both predicted regions ('.' for class 0).
    assert!(cells.contains('o') && cells.contains('x'), "{boundary}");
    assert!(
        cells.contains('.') && grid.iter().any(|l| l.len() < 64),
        "{boundary}"
    );
    assert!(!stdout.contains('\x1b'));
}

#[test]
fn other_optimizers_losses_and_accumulation_train() {
    for args in [
        &["--opt", "adam", "--loss", "bce", "--constant-lr"][..],
        &[
            "--opt",
            "momentum",
            "--loss",
            "mse",
            "--batch",
            "32",
            "--accumulate",
            "4",
        ],
        &[
            "--data",
            "spiral",
            "--samples",
            "90",
            "--opt",
            "rmsprop",
            "--layers",
            "16",
        ],
        &[
            "--data",
            "xor",
            "--opt",
            "adagrad",
            "--activation",
            "tanh",
            "--l1",
            "1e-4",
        ],
    ] {
        let mut all = vec!["train", "--steps", "60", "--json"];
        all.extend(args);
        let Run {
            ok, stdout, stderr, ..
        } = run(&all);
        assert!(ok, "{args:?}: {stderr}");
        let result: Value = serde_json::from_str(stdout.trim()).unwrap();
        assert!(
            result["accuracy"].as_f64().unwrap() > 0.6,
            "{args:?} learned little: {result}"
        );
    }
}

/// A small noisy set, half held out, and a network that memorises it.
const OVERFIT: &[&str] = &[
    "train",
    "--samples",
    "40",
    "--noise",
    "0.3",
    "--holdout",
    "0.5",
    "--loss",
    "bce",
    "--lr",
    "0.3",
    "--constant-lr",
    "--l2",
    "0",
    "--steps",
    "300",
];

fn overfit_json(extra: &[&str]) -> Value {
    let mut args = OVERFIT.to_vec();
    args.extend(extra);
    args.push("--json");
    let Run {
        ok, stdout, stderr, ..
    } = run(&args);
    assert!(ok, "{stderr}");
    serde_json::from_str(stdout.trim()).expect("one JSON object")
}

#[test]
fn holdout_json_has_the_held_out_keys_and_the_split_is_reproducible() {
    let first = overfit_json(&["--seed", "3"]);
    assert_eq!(first["samples"], 20);
    assert_eq!(first["holdout_samples"], 20);
    let loss = first["holdout_loss"].as_f64().unwrap();
    let accuracy = first["holdout_accuracy"].as_f64().unwrap();
    assert!(loss.is_finite() && loss > 0.0, "{first}");
    assert!((0.0..=1.0).contains(&accuracy), "{first}");
    assert_eq!(first["holdout_losses"].as_array().unwrap().len(), 300);
    let without_time = |mut result: Value| {
        result.as_object_mut().unwrap().remove("seconds");
        result
    };
    assert_eq!(
        without_time(overfit_json(&["--seed", "3"])),
        without_time(first.clone()),
        "the same seed, the same split and run"
    );
    let other = overfit_json(&["--seed", "4"]);
    assert_ne!(other["holdout_loss"], first["holdout_loss"]);
    let Run { stdout, .. } = run(&["train", "--steps", "5", "--json"]);
    let plain: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(
        plain.get("holdout_loss").is_none(),
        "no split, no held-out keys"
    );
}

#[test]
fn holdout_text_shows_both_scores_and_plots_both_curves() {
    let mut args = OVERFIT.to_vec();
    args.extend(["--plot", "--color", "never"]);
    let Run { ok, stdout, .. } = run(&args);
    assert!(ok);
    assert!(
        stdout.contains("(20 samples + 20 held out, 2 classes)"),
        "{stdout}"
    );
    let progress: Vec<&str> = stdout.lines().filter(|l| l.starts_with("step ")).collect();
    assert_eq!(progress.len(), 10);
    // Each progress line holds the training and held-out scores, under a
    // line naming them, in the same columns on every line.
    let header = stdout
        .lines()
        .find(|l| l.contains("training: loss, accuracy"))
        .expect("the columns are named");
    let columns =
        |row: &str| -> Vec<usize> { row.match_indices("loss ").map(|(i, _)| i).collect() };
    assert_eq!(columns(progress[0]).len(), 2, "{stdout}");
    assert!(
        progress.iter().all(|l| columns(l) == columns(progress[0])),
        "{stdout}"
    );
    assert_eq!(
        header.find("training"),
        Some(columns(progress[0])[0]),
        "{stdout}"
    );
    assert_eq!(
        header.find("held out"),
        Some(columns(progress[0])[1]),
        "{stdout}"
    );
    // The summary's two rows line up with each other.
    let summary: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("training  loss")
                || l.trim_start().starts_with("held out  loss")
        })
        .collect();
    assert_eq!(summary.len(), 2, "{stdout}");
    assert_eq!(
        summary[0].find("accuracy"),
        summary[1].find("accuracy"),
        "{stdout}"
    );
    common::assert_in_order(
        &stdout,
        &[
            "done: 300 steps",
            "training  loss",
            "held out  loss",
            "never trained on",
            "loss per step  • training  × held out",
            "decision boundary  points: o class 0, x class 1",
            "held out: O class 0, X class 1",
            "region: '.' predicted 0, ' ' predicted 1",
        ],
    );
    assert_fits_80_columns(&stdout);
    assert!(stdout.contains('×') && stdout.contains('•'), "{stdout}");
    let boundary = stdout.split("decision boundary").nth(1).unwrap();
    assert!(
        boundary.contains('O') || boundary.contains('X'),
        "held-out points drawn: {boundary}"
    );
}

#[test]
fn with_l2_the_report_shows_the_data_loss_and_the_penalty_apart() {
    let mut args = vec![
        "train",
        "--samples",
        "40",
        "--holdout",
        "0.5",
        "--steps",
        "30",
        "--l2",
        "0.01",
        "--color",
        "never",
    ];
    let Run { ok, stdout, .. } = run(&args);
    assert!(ok, "{stdout}");
    assert!(stdout.contains("training: loss + l2, accuracy"), "{stdout}");
    let progress: Vec<&str> = stdout.lines().filter(|l| l.starts_with("step ")).collect();
    assert!(!progress.is_empty(), "{stdout}");
    for line in &progress {
        // One penalty, the training set's: the held-out loss has none.
        assert_eq!(line.matches(" + l2 ").count(), 1, "{line}");
        assert!(line.find(" + l2 ") < line.rfind("loss "), "{line}");
    }
    args.push("--json");
    let json: Value = serde_json::from_str(run(&args).stdout.trim()).expect("JSON");
    let number = |key: &str| {
        json[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: {json}"))
    };
    let (data_loss, penalty) = (number("final_data_loss"), number("final_penalty"));
    assert!(penalty > 0.0, "{json}");
    assert!(
        (data_loss + penalty - number("final_loss")).abs() <= 1e-12,
        "{json}"
    );
    let short = micrograd::text::number::short;
    let training = format!(
        "training  loss {} + l2 {}",
        short(data_loss, 4),
        short(penalty, 3)
    );
    let held_out = format!("held out  loss {} ", short(number("holdout_loss"), 4));
    common::assert_in_order(&stdout, &[&training, &held_out]);
    let held_out_row = stdout.lines().find(|l| l.contains(&held_out)).unwrap();
    assert!(!held_out_row.contains("l2"), "{held_out_row}");
    let without = run(&["train", "--steps", "5", "--l2", "0"]).stdout;
    assert!(!without.contains("l2"), "no penalty, none shown: {without}");
}

#[test]
fn patience_stops_early_and_says_so() {
    let result = overfit_json(&["--patience", "2", "--every", "10"]);
    assert_eq!(result["early_stopped"], true, "{result}");
    assert!(result["steps"].as_u64().unwrap() < 300, "{result}");
}

#[test]
fn diverging_training_says_to_lower_the_learning_rate() {
    let Run { ok, stdout, .. } = run(&["train", "--loss", "mse", "--steps", "20"]);
    assert!(ok);
    assert!(
        stdout.contains("learning rate is probably too large"),
        "{stdout}"
    );
}

#[test]
fn csv_files_train_and_bad_ones_name_the_line() {
    let d = temp_dir();
    let good = d.path().join("and.csv");
    let mut rows = String::from("a,b,label\n");
    for i in 0..40 {
        let a = (i * 7 % 40) as f64 / 20.0 - 1.0;
        let b = (i * 13 % 40) as f64 / 20.0 - 1.0;
        rows += &format!("{a},{b},{}\n", if a > b + 0.1 { 1 } else { -1 });
    }
    std::fs::write(&good, rows).unwrap();
    let Run {
        ok, stdout, stderr, ..
    } = run(&["train", "--data", good.to_str().unwrap(), "--json"]);
    assert!(ok, "{stderr}");
    let result: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(result["accuracy"].as_f64().unwrap() >= 0.9, "{result}");

    let bad = d.path().join("bad.csv");
    std::fs::write(&bad, "1,2,0\n3,4,1\n5,six,0\n").unwrap();
    fails_with(
        &["train", "--data", bad.to_str().unwrap()],
        "bad.csv:3: column 2 is `six`, not a number",
    );
}

#[test]
fn bad_values_are_clear_errors_not_panics() {
    for (args, message) in [
        (
            &["train", "--lr", "-1"][..],
            "learning rate must be a positive number",
        ),
        (&["train", "--steps", "0"], "steps must be at least 1"),
        (
            &["train", "--data", "missing.csv"],
            "cannot read missing.csv",
        ),
        (
            &["train", "--data", "mooons"],
            "no data set called `mooons`",
        ),
        (
            &["train", "--data", "spiral", "--loss", "hinge"],
            "use the ce",
        ),
        (&["train", "--batch", "0"], "batch must be at least 1"),
        (&["train", "--batch", "1000"], "larger than the data set"),
        (
            &["train", "--accumulate", "0"],
            "accumulate must be between",
        ),
        (&["train", "--layers", "16,0"], "at least 1 neuron"),
        (
            &["train", "--layers", "100000,100000"],
            "the limit is 10000000",
        ),
        (&["train", "--layers", "2000,2000"], "use fewer neurons"),
        (&["train", "--samples", "1"], "--samples must be at least 2"),
        (
            &["train", "--noise", "-0.5"],
            "--noise must be zero or positive",
        ),
        (&["train", "--l2", "-1"], "l2 must be zero or positive"),
        (&["train", "--opt", "adamw"], "invalid value 'adamw'"),
        (
            &["train", "--holdout", "-0.25"],
            "--holdout is the fraction",
        ),
        (
            &["train", "--holdout", "1"],
            "up to (not including) 1, not 1",
        ),
        (
            &["train", "--samples", "4", "--holdout", "0.9"],
            "leaves none to train on",
        ),
        (&["train", "--holdout", "0.001"], "holds out none"),
        (
            &["train", "--holdout", "0.5", "--batch", "60"],
            "(50 samples left to train on after holdout)",
        ),
        (
            &["train", "--patience", "3"],
            "also give a holdout fraction",
        ),
        (&["train", "--steps", "-3"], "invalid value '-3'"),
    ] {
        fails_with(args, message);
    }
}

#[test]
fn bench_json_has_the_documented_keys() {
    let Run { ok, stdout, .. } = run(&["bench", "chain", "10000", "--runs", "1", "--json"]);
    assert!(ok);
    let chain: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(chain["workload"], "chain");
    assert_eq!(chain["nodes"], 10000);
    for key in [
        "build_s",
        "backward_s",
        "total_s",
        "ns_per_node",
        "bytes_per_node",
    ] {
        assert!(chain[key].as_f64().unwrap() > 0.0, "{key}: {chain}");
    }
    assert!(chain["bytes_per_node"].as_f64().unwrap() <= 64.0);
    let Run { ok, stdout, .. } = run(&["bench", "demo", "3", "--runs", "1", "--json"]);
    assert!(ok);
    let demo: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(demo["steps"], 3);
    assert!(demo["accuracy"].as_f64().is_some() && demo["nodes"].as_u64().unwrap() > 60_000);
    let Run { ok, stdout, .. } = run(&["bench", "script", "2000", "--runs", "1", "--json"]);
    assert!(ok);
    let script: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(script["workload"], "script");
    assert_eq!(script["steps"], 2000);
    assert!(
        script["statements_per_s"].as_f64().unwrap() > 0.0,
        "{script}"
    );
    // Each statement builds a few nodes (a constant, an operation or two).
    assert!(script["nodes"].as_u64().unwrap() > 4000, "{script}");
}

#[test]
fn bench_writes_the_demos_setup_for_the_peer_harnesses() {
    let dir = temp_dir();
    let path = dir.path().join("setup.txt");
    let path_text = path.to_string_lossy().to_string();
    let Run { ok, .. } = run(&["bench", "demo", "--write-setup", &path_text]);
    assert!(ok);
    let setup = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = setup.lines().collect();
    assert!(lines.contains(&"sizes 2 16 16 1") && lines.contains(&"steps 100"));
    let samples: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("sample "))
        .collect();
    assert_eq!(samples.len(), 100);
    assert!(samples
        .iter()
        .all(|s| s.ends_with(" 1") || s.ends_with(" -1")));
    let parameters = lines.iter().find(|l| l.starts_with("parameters ")).unwrap();
    // (2 + 1) * 16 + (16 + 1) * 16 + (16 + 1) weights and biases.
    let values: Vec<f64> = parameters
        .split(' ')
        .skip(1)
        .map(|w| w.parse().unwrap())
        .collect();
    assert_eq!(values.len(), 337);
    assert!(
        values.iter().all(|w| w.abs() < 1.0),
        "weights in (-1, 1), biases 0"
    );
    let missing = dir.path().join("no/such/folder/setup.txt");
    fails_with(
        &["bench", "--write-setup", &missing.to_string_lossy()],
        "cannot write",
    );
}

#[test]
fn bench_table_and_bad_sizes() {
    let Run { ok, stdout, .. } = run(&["bench", "wide", "1000", "--runs", "1"]);
    assert!(ok);
    assert!(stdout.lines().next().unwrap().contains("ns/node"));
    assert!(
        stdout.contains("wide") && stdout.contains("2999"),
        "{stdout}"
    );
    // The widest row (demo: nodes×steps, an accuracy) fits 80 columns.
    let Run { stdout, .. } = run(&["bench", "demo", "3", "--runs", "1"]);
    assert_fits_80_columns(&stdout);
    let Run { stdout, .. } = run(&["bench", "script", "1000", "--runs", "1"]);
    assert!(stdout.contains("/s"), "{stdout}");
    assert_fits_80_columns(&stdout);
    fails_with(&["bench", "chain", "0"], "between 2 and");
    fails_with(&["bench", "chain", "999999999999"], "between 2 and");
    fails_with(
        &["bench", "demo", "--runs", "0"],
        "--runs must be at least 1",
    );
    fails_with(&["bench", "deep"], "invalid value 'deep'");
}

#[test]
fn repl_builds_calls_trains_and_keeps_weights() {
    let Run {
        ok, stdout, stderr, ..
    } = repl(
        "n = MLP(2, [16, 16, 1], activation=\"relu\")\nd = moons(100)\nlen(n.parameters())\n\
         y = n([0.5, -0.3])\nbefore = n.accuracy(d)\n\
         train(n, d, steps=40, every=20)\nafter = n.accuracy(d)\nL = n.loss(d)\ny.data\n",
    );
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "n = MLP(2, [16, 16, 1]) · relu, linear output · 337 parameters"
    );
    assert_eq!(lines[1], "d = moons · 100 samples, 2 features, 2 classes");
    assert_eq!(lines[2], "337");
    assert!(lines[3].starts_with("y = "));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("step ")).count(), 2);
    assert!(stdout.contains("loss per step") && stdout.contains("decision boundary"));
    let value = |name: &str| -> f64 {
        let prefix = format!("{name} = ");
        let line = lines.iter().find(|l| l.starts_with(&prefix)).unwrap();
        line[prefix.len()..].parse().unwrap()
    };
    assert!(value("after") >= 0.95, "{stdout}");
    assert!(value("after") > value("before"));
    assert!(
        value("L") < 0.2,
        "the loss on the trained weights: {stdout}"
    );
}

#[test]
fn the_default_network_tanh_throughout_trains_on_moons_with_train() {
    let Run {
        ok, stdout, stderr, ..
    } = repl("d = moons(100)\nn = MLP(2, [16, 16, 1])\ntrain(n, d, plot=0)\nn.accuracy(d)\n");
    assert!(ok, "{stderr}");
    assert!(stdout.contains("n = MLP(2, [16, 16, 1]) · tanh · 337 parameters"));
    let accuracy: f64 = stdout.lines().last().unwrap().parse().unwrap();
    assert!(accuracy >= 0.95, "{stdout}");
}

#[test]
fn repl_network_errors_point_at_the_argument() {
    for (line, message) in [
        (
            "train(n, d, optt=\"adam\")",
            "train() has no argument `optt`",
        ),
        ("train(n, d, lr=-1)", "expected a number above 0, not -1"),
        ("train(n, d, opt=\"adamw\")", "expected one of \"sgd\""),
        ("train(n, d, loss=\"ce\")", "needs 2 outputs"),
        ("train(d, n)", "expected a network"),
        ("n([1, 2, 3])", "reads 2 inputs, but got 3"),
        (
            "train(MLP(1, [4, 1]), d)",
            "the network reads 1 input, but moons has 2 features per sample",
        ),
        ("MLP(2, 16)", "the layer sizes are a list"),
        ("n.fit(d)", "networks have no method `fit`"),
        ("moons(1)", "from 2 to 100000"),
        ("train(n, d, holdout=1)", "up to (not including) 1, not 1"),
        ("train(n, d, holdout=0.01)", "holds out none"),
        ("train(n, d, patience=2)", "also give a holdout fraction"),
    ] {
        let Run { ok, stderr, .. } = repl(&format!("n = MLP(2, [4, 1]); d = moons(20);\n{line}\n"));
        // Messages wrap to 80 columns: read them with the breaks joined.
        let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!ok, "{line}");
        assert!(stderr.contains(message), "{line}: {stderr}");
        assert!(stderr.contains("<stdin>:2:"), "{line}: {stderr}");
    }
}

#[test]
fn repl_train_with_holdout_reports_held_out_scores() {
    let Run {
        ok, stdout, stderr, ..
    } = repl(
        "n = MLP(2, [8, 1]); d = moons(40);\n\
         train(n, d, steps=20, every=10, holdout=0.25, plot=0)\n",
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("(30 samples + 10 held out"), "{stdout}");
    let progress: Vec<&str> = stdout.lines().filter(|l| l.starts_with("step ")).collect();
    assert_eq!(progress.len(), 2, "{stdout}");
    assert!(
        progress.iter().all(|l| l.matches("loss ").count() == 2),
        "training and held-out scores on each progress line: {stdout}"
    );
    assert!(stdout.contains("held out: loss, accuracy"), "{stdout}");
    assert!(stdout.contains("never trained on"), "{stdout}");
}

#[test]
fn repl_csv_reads_a_file_and_bad_ones_name_the_line() {
    let d = temp_dir();
    let good = d.path().join("xor.csv");
    std::fs::write(&good, "x,y,label\n0,0,0\n1,1,0\n0,1,1\n1,0,1\n").unwrap();
    let Run {
        ok, stdout, stderr, ..
    } = repl(&format!("d = csv(\"{}\")\nlen(d)\n", good.display()));
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("xor.csv · 4 samples, 2 features, 2 classes"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().nth(1), Some("4"));
    let bad = d.path().join("bad.csv");
    std::fs::write(&bad, "1,2,0\n3,4,1\n5,six,0\n").unwrap();
    let Run { ok, stderr, .. } = repl(&format!("d = csv(\"{}\")\n", bad.display()));
    assert!(!ok);
    assert!(
        stderr.contains("bad.csv:3: column 2 is `six`, not a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("<stdin>:1:9"),
        "points at the file name: {stderr}"
    );
    let Run { ok, stderr, .. } = repl("csv(3)\n");
    assert!(
        !ok && stderr.contains("needs a file name in quotes"),
        "{stderr}"
    );
}

#[test]
fn one_sample_one_feature_and_one_input_are_singular() {
    let d = temp_dir();
    let one = d.path().join("one.csv");
    std::fs::write(&one, "x,label\n0.5,0\n").unwrap();
    let Run { stdout, .. } = repl(&format!("d = csv(\"{}\")\n", one.display()));
    assert!(
        stdout.contains("one.csv · 1 sample, 1 feature, 1 class"),
        "{stdout}"
    );
    let Run { ok, stderr, .. } = repl("n = MLP(1, [1])\nn(1, 2)\n");
    assert!(!ok);
    assert!(
        stderr.contains("a network takes one argument: a list of its 1 input\n"),
        "{stderr}"
    );
}

#[test]
fn help_networks_lists_every_network_builtin_and_train_keyword_truly() {
    let Run { ok, stdout, .. } = repl(":help networks\n:help train\n:help functions\n");
    assert!(ok);
    let page = stdout.split("From the shell").next().unwrap();
    for builtin in [
        "MLP(",
        "moons(",
        "circles",
        "xor",
        "spiral",
        "csv(",
        "n([",
        ".parameters()",
        ".loss(d)",
        ".accuracy(d)",
        "len(d)",
        "train(n, d",
    ] {
        assert!(page.contains(builtin), "{builtin} missing from:\n{page}");
    }
    let listed: Vec<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("  ")?.split_once('='))
        .map(|(name, _)| name)
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    let known: Vec<&str> = TRAIN_KEYWORDS.iter().map(|k| k.name).collect();
    assert_eq!(listed, known, "the help lists exactly train's keywords");
    assert!(
        stdout.matches("train(n, d, ...)").count() == 2,
        ":help train is the same page"
    );
    assert!(stdout.contains("Networks, data sets and training"));
    // Each keyword the help lists, train() takes, all in one call.
    let keywords: Vec<String> = TRAIN_KEYWORDS
        .iter()
        .map(|k| format!("{}={}", k.name, sample_value(k.name)))
        .collect();
    let Run {
        ok, stdout, stderr, ..
    } = repl(&format!(
        "n = MLP(2, [4, 1]); d = moons(40);\ntrain(n, d, {})\n",
        keywords.join(", ")
    ));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("never trained on"), "{stdout}");
    assert!(stdout.contains("scored once, at the end"), "{stdout}");
}

#[test]
fn a_test_split_is_scored_once_and_shown_in_the_report_and_json() {
    let args = [
        "train",
        "--samples",
        "100",
        "--test",
        "0.2",
        "--holdout",
        "0.25",
        "--steps",
        "20",
    ];
    let Run { ok, stdout, .. } = run(&args);
    assert!(ok, "{stdout}");
    assert!(
        stdout.contains("on moons (60 samples + 20 held out + 20 to test, 2 classes)"),
        "{stdout}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with("test  loss"))
        .unwrap_or_else(|| panic!("no test row: {stdout}"));
    let test_row = lines[at];
    assert!(test_row.contains("accuracy"), "{test_row}");
    // The note follows the scores, on the next line when the training
    // row's penalty (`+ l2 0.0107`) leaves it no room within 80 columns.
    let after_scores = format!("{test_row}\n{}", lines.get(at + 1).unwrap_or(&""));
    let after_scores = after_scores
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        after_scores.contains("/20) scored once, at the end"),
        "{test_row}"
    );
    assert_fits_80_columns(&stdout);

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let Run { stdout, .. } = run(&json_args);
    let result: Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(result["task"], "classify");
    assert_eq!(result["classes"], serde_json::json!(["0", "1"]));
    assert_eq!(
        (
            &result["samples"],
            &result["holdout_samples"],
            &result["test_samples"]
        ),
        (&60.into(), &20.into(), &20.into())
    );
    assert!(result["test_loss"].as_f64().unwrap() > 0.0, "{result}");
    assert!((0.0..=1.0).contains(&result["test_accuracy"].as_f64().unwrap()));
    let best = result["best_step"].as_u64().unwrap();
    assert!((1..=20).contains(&best), "{result}");
    let Run { stdout, .. } = run(&["train", "--steps", "2", "--json"]);
    let plain: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(plain.get("test_loss").is_none() && plain.get("best_step").is_none());

    fails_with(&["train", "--test", "1"], "--test is the fraction");
    fails_with(
        &["train", "--test", "0.001"],
        "--test 0.001 of 100 samples holds out none",
    );
    fails_with(
        &["train", "--samples", "20", "--test", "0.5", "--batch", "15"],
        "(10 samples left to train on after test)",
    );
}

#[test]
fn named_classes_are_called_by_name_in_the_heading_and_the_boundary_legend() {
    let dir = temp_dir();
    let petals = data_files::write(dir.path(), "petals.csv", &data_files::iris_petals());
    let path = petals.to_str().unwrap();
    let args = ["train", "--data", path, "--steps", "5", "--holdout", "0.2"];
    let mut text = args.to_vec();
    text.extend(["--plot", "--color", "never"]);
    let Run { ok, stdout, .. } = run(&text);
    assert!(ok, "{stdout}");
    common::assert_in_order(
        &stdout,
        &[
            "(120 samples + 30 held out, 3 classes)",
            "classes: setosa, versicolor, virginica",
            "decision boundary  points: o setosa, x versicolor, + virginica",
            "held out: O setosa, X versicolor, % virginica",
            "region: '.' predicted setosa, ' ' predicted versicolor,",
            "'-' predicted virginica",
        ],
    );
    assert!(!stdout.contains("class 0"), "{stdout}");
    assert_fits_80_columns(&stdout);
    let mut json = args.to_vec();
    json.push("--json");
    let result: Value = serde_json::from_str(run(&json).stdout.trim()).expect("JSON");
    assert_eq!(
        result["classes"],
        serde_json::json!(["setosa", "versicolor", "virginica"])
    );
}

#[test]
fn a_regression_with_the_defaults_fits_and_says_its_optimizer_was_chosen_for_it() {
    let dir = temp_dir();
    let linear = data_files::write(dir.path(), "linear.csv", &data_files::linear_regression(80));
    let path = linear.to_str().unwrap();
    let Run { ok, stdout, .. } = run(&["train", "--data", path]);
    assert!(ok, "{stdout}");
    assert!(
        stdout.contains("adam lr 0.03 → 0.00327")
            && stdout.contains("adam and lr 0.03 chosen for a regression"),
        "{stdout}"
    );
    let result: Value =
        serde_json::from_str(run(&["train", "--data", path, "--json"]).stdout.trim())
            .expect("one JSON object");
    assert_eq!(result["opt"], "adam");
    // Measured: R² 0.9983 (the demo's sgd from lr 1 ended in NaN).
    let r2 = result["r2"].as_f64().unwrap();
    assert!(r2 >= 0.99, "{result}");
    // Named, the optimizer is the learner's; classes keep the demo's.
    let named = run(&[
        "train", "--data", path, "--opt", "sgd", "--lr", "0.01", "--steps", "2",
    ]);
    assert!(named.stdout.contains("sgd lr 0.01") && !named.stdout.contains("chosen"));
    let moons = run(&["train", "--steps", "2"]).stdout;
    assert!(
        moons.contains("sgd lr 1 → ") && !moons.contains("chosen"),
        "{moons}"
    );
    let repl = repl(&format!(
        "d = csv(\"{path}\"); n = MLP(2, [16, 16, 1], activation=\"relu\")\ntrain(n, d, plot=0)\n"
    ));
    assert!(
        repl.stdout
            .contains("adam and lr 0.03 chosen for a regression"),
        "{}{}",
        repl.stdout,
        repl.stderr
    );
}

#[test]
fn the_example_csv_files_are_the_generators_output() {
    // The README trains on them and quotes the numbers.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let read = |name: &str| std::fs::read_to_string(examples.join(name)).expect(name);
    assert_eq!(read("iris.csv"), data_files::iris_like());
    assert_eq!(read("linear.csv"), data_files::linear_regression(80));
}

#[test]
fn json_names_the_task_the_classes_and_a_regression_s_rmse_and_r2() {
    let dir = temp_dir();
    let iris = data_files::write(dir.path(), "iris.csv", &data_files::iris_like());
    let Run { stdout, .. } = run(&[
        "train",
        "--data",
        iris.to_str().unwrap(),
        "--steps",
        "3",
        "--json",
    ]);
    let result: Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(result["task"], "classify");
    assert_eq!(
        result["classes"],
        serde_json::json!(["setosa", "versicolor", "virginica"])
    );

    let linear = data_files::write(dir.path(), "linear.csv", &data_files::linear_regression(50));
    let Run { stdout, .. } = run(&[
        "train",
        "--data",
        linear.to_str().unwrap(),
        "--opt",
        "adam",
        "--lr",
        "0.01",
        "--steps",
        "20",
        "--test",
        "0.2",
        "--json",
    ]);
    let result: Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(result["task"], "regress");
    for key in ["rmse", "r2", "test_rmse", "test_r2"] {
        assert!(result[key].as_f64().is_some(), "{key}: {result}");
    }
    let mse = result["test_loss"].as_f64().unwrap();
    let rmse = result["test_rmse"].as_f64().unwrap();
    assert!((rmse * rmse - mse).abs() < 1e-9 * mse.max(1.0), "{result}");
    for key in ["accuracy", "classes", "test_accuracy"] {
        assert!(result.get(key).is_none(), "{key} in a regression: {result}");
    }
}
