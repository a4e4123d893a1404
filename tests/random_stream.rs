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
