//! Random numbers in the REPL, driven through the real binary: `seed=` on a
//! network or data set pins its numbers whatever the session did before.

mod common;

use common::{capture, micrograd, temp_dir};

/// Runs `script` in a fresh REPL and returns what it echoed for `name = ...`
/// (the full-precision value or list after the `=`).
fn echoed(script: &str, name: &str) -> String {
    let data_dir = temp_dir();
    let run = capture(micrograd(data_dir.path()).write_stdin(script));
    assert!(run.ok, "{}", run.stderr);
    let prefix = format!("{name} = ");
    run.stdout
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .next_back()
        .unwrap_or_else(|| panic!("no `{prefix}` in:\n{}", run.stdout))
        .to_string()
}

/// A network's weights, and a data set seen through a fixed network's loss
/// (a data set echoes only its size), as the REPL prints them after
/// `history`.
fn seeded_numbers(history: &str) -> (String, String) {
    let script = format!(
        "{history}n = MLP(2, [4, 1], seed=11)\nwn = n.parameters()\n\
         d = moons(20, seed=12); probe = MLP(2, [4, 1], seed=13)\nld = probe.loss(d, l2=0)\n"
    );
    (echoed(&script, "wn"), echoed(&script, "ld"))
}

#[test]
fn seed_keyword_gives_the_same_numbers_whatever_ran_before() {
    let fresh = seeded_numbers("");
    assert!(fresh.0.starts_with('[') && fresh.0.matches(',').count() == 16);
    for history in [
        "x = 1\n",
        "a = 2; b = a * 3 + 1; b.backward(); show b\n",
        "m = MLP(2, [16, 16, 1]); e = moons(50); m([1, 2])\n",
        ":seed 99\nq = MLP(3, [2])\n",
    ] {
        assert_eq!(seeded_numbers(history), fresh, "after {history:?}");
    }
    let other = echoed("n = MLP(2, [4, 1], seed=12)\nwn = n.parameters()\n", "wn");
    assert_ne!(other, fresh.0, "another seed, other weights");
}

#[test]
fn seed_keyword_takes_whole_numbers_only() {
    let data_dir = temp_dir();
    for (line, message) in [
        ("MLP(2, [1], seed=-1)", "expected a whole number from 0"),
        ("moons(10, seed=1.5)", "expected a whole number from 0"),
        ("circles(10, seed=\"a\")", "expected a number here"),
    ] {
        let run = capture(micrograd(data_dir.path()).write_stdin(format!("{line}\n")));
        assert!(!run.ok, "{line}");
        assert!(run.stderr.contains(message), "{line}: {}", run.stderr);
    }
}

/// Lesson 13 piped through its first steps, `extra` typed at the step
/// before the network is built; returns the lines that state numbers.
fn lesson_13_numbers(extra: &str) -> Vec<String> {
    let data_dir = temp_dir();
    let run = capture(
        micrograd(data_dir.path())
            .args(["lesson", "13"])
            .write_stdin(format!("\n33\n{extra}\n1\n\n")),
    );
    assert!(run.ok, "{}", run.stderr);
    run.stdout
        .lines()
        .filter(|line| line.starts_with("step ") || line.starts_with(|c: char| c.is_ascii_digit()))
        .map(str::to_string)
        .chain(run.stdout.lines().filter_map(|line| {
            let done = line.strip_prefix("done: ")?;
            Some(
                done.split_once(" · ")
                    .map_or(done, |(_, rest)| rest)
                    .to_string(),
            )
        }))
        .collect()
}

#[test]
fn lesson_13_states_the_numbers_it_prints_whatever_the_learner_typed() {
    let plain = lesson_13_numbers("");
    assert!(
        plain.contains(&"1.0611401683948518".to_string()),
        "the untrained loss the lesson builds on: {plain:?}"
    );
    assert!(
        plain
            .iter()
            .any(|l| l.contains("loss 0.3596 on the final weights")),
        "SGD ends at the 0.36 the text states: {plain:?}"
    );
    let explored = lesson_13_numbers("x = 1; m = MLP(2, [8, 1]); e = moons(20); y = m([x, 2]);\n");
    assert_eq!(explored, plain);
}
