//! Lesson 15 quotes the numbers of four training runs (overfitting, L2,
//! early stopping, 25 steps). `lessons check` can verify only what a
//! session computes afterwards, so this walks the lesson through the real
//! binary and finds every trained number the text states in what the tool
//! printed, and checks that its runs print the same numbers whatever the
//! learner typed before them.

mod common;

use common::{lesson_runs, pipe_lesson, script_of_runs, without_run_time};

/// The lesson piped with its own answers, `extra` typed first; returns
/// what it printed.
fn walk(extra: &str) -> String {
    let run = pipe_lesson("15", format!("{extra}2\n2\n0.9\n2\n100\n2\n"));
    assert!(run.stdout.contains("Lesson 15 complete"), "{}", run.stdout);
    run.stdout
}

/// The lines that state a trained number, with run times cut out (they
/// change from run to run).
fn trained_numbers(printed: &str) -> Vec<String> {
    printed
        .lines()
        .filter(|line| line.contains("loss") || line.contains("accuracy"))
        .map(without_run_time)
        .collect()
}

/// True when one printed line holds every one of `parts`.
fn some_line_has(lines: &[String], parts: &[&str]) -> bool {
    lines
        .iter()
        .any(|line| parts.iter().all(|part| line.contains(part)))
}

#[test]
fn lesson_15_states_the_numbers_its_runs_print() {
    let printed = walk("");
    let lines = trained_numbers(&printed);
    for (stated, parts) in [
        // The run without a penalty, at step 50 and step 400.
        (
            "training 0.16, held out 0.29 at step 50",
            &["0.1599", "0.2917", "93.3"][..],
        ),
        (
            "training 0.0069, held out 0.70 at step 400",
            &["0.006889", "0.6951"],
        ),
        ("lowest at step 24 (0.2796)", &["24", "0.2796", "0.6951"]),
        ("30 of 30 training points right", &["100.0 %", "(30/30)"]),
        ("24 of 30 held-out points right", &["80.0 %", "(24/30)"]),
        // With l2=0.01.
        ("held out 0.28 at step 50", &["0.2252 + l2 0.648", "0.2835"]),
        (
            "training 0.17 (and the penalty 0.21) and held out 0.27 at the end",
            &["0.1718 + l2 0.21 ", "0.2669"],
        ),
        ("93.3 % of the held-out points", &["93.3 %", "(28/30)"]),
        // patience=3, a line every 25 steps, then 25 steps.
        (
            "held out 0.2799 on the line of step 25",
            &["25/", "0.2147", "0.2799"],
        ),
        // Early stopping goes back to the best weights, those of step 25.
        (
            "back to the weights of step 25 (0.2799)",
            &["held out", "0.2799", "(28/30)"],
        ),
        ("dropout: held out 0.69 at the end", &["held out", "0.6855"]),
        (
            "dropout: the held-out low at step 48",
            &["step 48", "0.2684"],
        ),
        ("both losses falling at step 5", &["0.3741", "0.3564"]),
    ] {
        assert!(some_line_has(&lines, parts), "{stated}: {lines:#?}");
    }
    assert!(
        printed.contains("after 100 steps") && printed.contains("since step 25"),
        "patience=3 stops after 100 steps, three lines after the low: {printed}"
    );
    assert_eq!(
        printed
            .lines()
            .filter(|line| line.starts_with("overfitting:"))
            .count(),
        2,
        "only the run without a penalty and the dropout run are warned about (the patience run stops first): {printed}"
    );
    assert!(printed.contains("\n0.9\n"), "n.accuracy(d): {printed}");
}

#[test]
fn lesson_15_quotes_the_overfitting_warning_as_the_tool_prints_it() {
    let printed = walk("");
    let warning = printed
        .lines()
        .find(|line| line.starts_with("overfitting:"))
        .unwrap_or_else(|| panic!("no overfitting warning: {printed}"));
    let (_, quoted) = warning
        .split_once("the held-out loss, ")
        .unwrap_or_else(|| panic!("{warning}"));
    let lesson = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/15-overfitting.toml"),
    )
    .unwrap();
    let lesson = lesson.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        lesson.contains(&format!("the held-out loss, {quoted}")),
        "lesson 15 should quote `the held-out loss, {quoted}`"
    );
}

#[test]
fn lesson_15_prints_the_same_numbers_whatever_the_learner_typed() {
    let plain = trained_numbers(&walk(""));
    assert_eq!(trained_numbers(&walk(":seed 7\n")), plain);

    // The lesson's runs as a script, with a learner's statements between
    // them: constructs that draw from the stream, and a new :seed.
    let runs = lesson_runs("15-overfitting");
    let script = |between: &str| trained_numbers(&script_of_runs(&runs, between));
    let clean = script("");
    assert!(
        clean.iter().any(|line| line.contains("0.6951")),
        "{clean:#?}"
    );
    assert_eq!(
        script(":seed 7\nm = MLP(2, [4, 1]); e = moons(20); x = 3*2\nn = MLP(2, [3, 1]); d = xor(10)\n"),
        clean
    );
}
