//! `train` keywords are declared once, in the built-ins table
//! (`eval::table::TRAIN_KEYWORDS`): the REPL accepts exactly those, `:help
//! networks` lists them, a misspelt one gets a did-you-mean from them, and
//! `micrograd train` has a flag for each (and no training flag without one).

mod common;

#[path = "common/train_values.rs"]
mod train_values;

use common::{capture, micrograd, temp_dir, Run};
use micrograd::eval::table::TRAIN_KEYWORDS;
use train_values::{companion, sample_value};

fn repl(script: &str) -> Run {
    let data_dir = temp_dir();
    capture(micrograd(data_dir.path()).write_stdin(script))
}

/// The `micrograd train` flag for each keyword.
fn cli_flag(keyword: &str) -> &'static str {
    match keyword {
        "loss" => "--loss",
        "opt" => "--opt",
        "lr" => "--lr",
        "steps" => "--steps",
        "decay" => "--constant-lr",
        "batch" => "--batch",
        "accumulate" => "--accumulate",
        "l2" => "--l2",
        "l1" => "--l1",
        "holdout" => "--holdout",
        "test" => "--test",
        "patience" => "--patience",
        "seed" => "--seed",
        "every" => "--every",
        "plot" => "--plot",
        "dropout" => "--dropout",
        "standardize" => "--no-standardize",
        other => panic!("train keyword `{other}` has no CLI flag listed in this test"),
    }
}

/// Flags of `micrograd train` that choose the data or the network, or the
/// output form, rather than how training runs.
const CLI_ONLY: &[&str] = &[
    "--data",
    "--color",
    "--label",
    "--delimiter",
    "--task",
    "--samples",
    "--noise",
    "--layers",
    "--activation",
    "--json",
    "--help",
];

#[test]
fn the_repl_accepts_every_declared_keyword() {
    for keyword in TRAIN_KEYWORDS {
        let name = keyword.name;
        let steps = if name == "steps" { "" } else { ", steps=3" };
        let plot = if name == "plot" { "" } else { ", plot=0" };
        let with = companion(name).map_or(String::new(), |other| format!(", {other}"));
        let script = format!(
            "n = MLP(2, [4, 1], seed=1)\nd = moons(20, seed=1)\n\
             train(n, d, {name}={}{with}{steps}{plot})\n",
            sample_value(name)
        );
        let Run {
            ok, stdout, stderr, ..
        } = repl(&script);
        assert!(ok, "{name}: {stderr}");
        assert!(!stderr.contains("error"), "{name}: {stderr}");
        assert!(stdout.contains("step"), "{name} did not train: {stdout}");
    }
}

#[test]
fn a_misspelt_keyword_is_told_the_declared_one() {
    let Run { stderr, .. } = repl("n = MLP(2, [4, 1])\nd = moons(20)\ntrain(n, d, step=3)\n");
    assert!(
        stderr.contains("train() has no argument `step`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `steps=`?"), "{stderr}");
    let Run { stderr, .. } = repl("n = MLP(2, [4, 1])\nd = moons(20)\ntrain(n, d, zzz=3)\n");
    assert!(
        stderr.contains("train() takes loss=, opt=, lr="),
        "{stderr}"
    );
}

#[test]
fn help_lists_every_keyword() {
    let Run { stdout, .. } = repl(":help networks\n");
    for keyword in TRAIN_KEYWORDS {
        assert!(
            stdout.contains(&format!("{}=", keyword.name)) || stdout.contains(keyword.name),
            "`:help networks` does not mention {}: {stdout}",
            keyword.name
        );
    }
}

#[test]
fn the_cli_has_a_flag_for_every_keyword_and_no_other_training_flag() {
    let data_dir = temp_dir();
    let Run { stdout, .. } = capture(micrograd(data_dir.path()).args(["train", "--help"]));
    let flags: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.trim_start().split([' ', ',']).next())
        .filter(|word| word.starts_with("--"))
        .collect();
    let expected: Vec<&str> = TRAIN_KEYWORDS.iter().map(|k| cli_flag(k.name)).collect();
    for flag in &expected {
        assert!(
            flags.contains(flag),
            "`micrograd train` lacks {flag}: {stdout}"
        );
    }
    for flag in &flags {
        assert!(
            expected.contains(flag) || CLI_ONLY.contains(flag),
            "{flag} of `micrograd train` is no train keyword: declare it in \
             eval/table.rs TRAIN_KEYWORDS (or list it as CLI-only here)"
        );
    }
}
