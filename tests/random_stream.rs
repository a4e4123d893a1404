//! Random numbers in the REPL: after `:seed N` the k-th network or data set
//! gets the same numbers whatever arithmetic, views or backward ran in
//! between; `seed=` on one pins its numbers and leaves the stream alone;
//! `:reset` starts the stream again. Through the library's `Session` and
//! through the real binary.

mod common;

use common::{
    capture, lesson_runs, micrograd, pipe_lesson, script_of_runs, temp_dir, without_run_time,
};
use micrograd::data::Dataset;
use micrograd::eval::{Session, Value};

/// Runs each line of `script` in `session`; every line must succeed.
fn run(session: &mut Session, script: &str) {
    for line in script.lines() {
        session
            .run(line, &mut Vec::new())
            .unwrap_or_else(|e| panic!("{line}: {}", e.message));
    }
}

/// The weights and biases of the network bound to `name`.
fn weights(session: &Session, name: &str) -> Vec<f64> {
    match session.lookup(name) {
        Some(Value::Model(mlp)) => mlp
            .parameters()
            .into_iter()
            .map(|id| session.graph.value(id))
            .collect(),
        other => panic!("{name} is {other:?}, not a network"),
    }
}

/// The data set bound to `name`.
fn data(session: &Session, name: &str) -> Dataset {
    match session.lookup(name) {
        Some(Value::Data(data)) => Dataset::clone(data),
        other => panic!("{name} is {other:?}, not a data set"),
    }
}

/// A fresh session, `history` run in it, then `n = MLP(2, [4, 1])` and
/// `d = moons(10)`: the weights and points it got.
fn after(seed: u64, history: &str) -> (Vec<f64>, Dataset) {
    let mut session = Session::new();
    session.set_seed(seed);
    run(&mut session, history);
    run(&mut session, "n = MLP(2, [4, 1])\nd = moons(10)");
    (weights(&session, "n"), data(&session, "d"))
}

#[test]
fn arithmetic_views_and_backward_never_move_the_stream() {
    let fresh = after(3, "");
    for history in [
        "x = 1",
        "a = 2; b = a * 3 + tanh(a); b.backward()\nshow b\nb.zero_grad()",
        "big = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9\nbig.data = 4",
    ] {
        assert_eq!(after(3, history), fresh, "after {history:?}");
    }
}

#[test]
fn each_construct_takes_the_next_draw_the_same_in_every_session() {
    let mut session = Session::new();
    session.set_seed(5);
    run(
        &mut session,
        "n1 = MLP(2, [4, 1])\nx = 3 * 4\nn2 = MLP(2, [4, 1])",
    );
    assert_ne!(weights(&session, "n1"), weights(&session, "n2"));
    assert_eq!(session.random_draws(), 2);
    let mut again = Session::new();
    again.set_seed(5);
    run(&mut again, "n1 = MLP(2, [4, 1]); n2 = MLP(2, [4, 1])");
    assert_eq!(weights(&again, "n1"), weights(&session, "n1"));
    assert_eq!(weights(&again, "n2"), weights(&session, "n2"));
    again.set_seed(5);
    run(&mut again, "n3 = MLP(2, [4, 1])");
    assert_eq!(
        weights(&again, "n3"),
        weights(&session, "n1"),
        ":seed restarts"
    );
    let mut other = Session::new();
    other.set_seed(6);
    run(&mut other, "n1 = MLP(2, [4, 1])");
    assert_ne!(weights(&other, "n1"), weights(&session, "n1"));
}

#[test]
fn seed_keyword_pins_a_construct_and_leaves_the_stream_alone() {
    let fresh = after(3, "");
    let pinned = "k = MLP(2, [4, 1], seed=9); e = moons(10, seed=9); f = spiral(9, seed=2)";
    assert_eq!(after(3, pinned), fresh, "seed= does not advance the stream");
    let mut session = Session::new();
    run(&mut session, pinned);
    assert_eq!(session.random_draws(), 0);
    let mut busy = Session::new();
    busy.set_seed(77);
    run(
        &mut busy,
        "m = MLP(3, [5, 2]); c = circles(30); x = xor(8)\nq = 2 * 3",
    );
    run(&mut busy, pinned);
    assert_eq!(weights(&busy, "k"), weights(&session, "k"));
    assert_eq!(data(&busy, "e"), data(&session, "e"));
    assert_eq!(data(&busy, "f"), data(&session, "f"));
    // seed=N is the first draw after :seed N.
    let mut seeded = Session::new();
    seeded.set_seed(9);
    run(&mut seeded, "k = MLP(2, [4, 1])");
    assert_eq!(weights(&seeded, "k"), weights(&session, "k"));
}

#[test]
fn reset_starts_the_stream_again_from_the_same_seed() {
    let mut session = Session::new();
    session.set_seed(4);
    run(
        &mut session,
        "n = MLP(2, [4, 1]); d = moons(10)\nn2 = MLP(2, [4, 1])",
    );
    let first = (weights(&session, "n"), data(&session, "d"));
    session.reset();
    assert_eq!((session.seed(), session.random_draws()), (4, 0));
    run(&mut session, "n = MLP(2, [4, 1]); d = moons(10)");
    assert_eq!((weights(&session, "n"), data(&session, "d")), first);
}

#[test]
fn a_construct_that_fails_draws_nothing() {
    let mut session = Session::new();
    for bad in [
        "MLP(2, 16)",
        "MLP(2, [4, 1], seed=-1)",
        "moons(1)",
        "moons(10, colour=1)",
    ] {
        assert!(session.run(bad, &mut Vec::new()).is_err(), "{bad}");
    }
    assert_eq!(session.random_draws(), 0);
}

/// Runs `script` in a fresh REPL and returns what it echoed for `name = ...`
/// (the full-precision value or list after the `=`).
fn echoed(script: &str, name: &str) -> String {
    let data_dir = temp_dir();
    let run = capture(micrograd(data_dir.path()).write_stdin(script));
    assert!(run.ok, "{}", run.stderr);
    let prefix = format!("{name} = ");
    // A long list's echo goes on under itself, its lines indented.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .rposition(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` in:\n{}", run.stdout));
    let rest = lines[at + 1..]
        .iter()
        .take_while(|line| line.starts_with(' '))
        .map(|line| line.trim_start());
    std::iter::once(&lines[at][prefix.len()..])
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" ")
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

/// Lesson 13 piped to its end (`:skip` still runs the lesson's own
/// statements), `extra` typed at the step before the network is built; returns the lines that state numbers (the
/// echoed values and every line naming a loss), with run times cut out.
fn lesson_13_numbers(extra: &str) -> Vec<String> {
    let run = pipe_lesson("13", format!("\n33\n{extra}\n1\n{}", ":skip\n".repeat(30)));
    run.stdout
        .lines()
        .filter(|line| {
            line.contains("loss ") || line.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        })
        .map(without_run_time)
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
        plain.iter().any(|l| l.contains("loss 0.3586 + l2 0.001 ")),
        "SGD ends at the 0.36 the text states: {plain:?}"
    );
    for stated in [
        "-0.18502867316262614",
        "loss 0.2363 + l2",
        "loss 0.203 + l2",
        "loss 0.5546 + l2",
        "loss 0.3577 + l2",
    ] {
        assert!(
            plain.iter().any(|l| l.contains(stated)),
            "{stated} (Adam's step, momentum and Adam after 30 steps, batch=1 and batch=5 as the text states): {plain:?}"
        );
    }
    // Commands and statements typed while a question is open run in the
    // lesson's session (a plain number there is the answer) ...
    // (the last line prints the count, 33, to show they ran), yet the
    // numbers the lesson states stay the same.
    assert_eq!(lesson_13_numbers(":seed 7\n"), plain);
    let mut explored = lesson_13_numbers(
        ":seed 7\nx = 1; m = MLP(2, [8, 1]); e = moons(20); y = m([x, 2]);\nk = len(m.parameters()); k\n",
    );
    let printed = explored.iter().position(|l| l == "33");
    assert!(printed.is_some(), "the statements ran: {explored:?}");
    explored.remove(printed.unwrap_or_default());
    assert_eq!(explored, plain);
    // ... and statements a learner runs between the steps are checked by
    // piping the lesson's own runs as a script with them in between.
    let runs = lesson_runs("13-networks-and-optimizers");
    let losses = |between: &str| -> Vec<String> {
        script_of_runs(&runs, between)
            .lines()
            .filter(|line| line.contains("loss "))
            .map(without_run_time)
            .collect()
    };
    let clean = losses("");
    assert!(
        clean.iter().any(|l| l.contains("loss 0.3586 + l2 0.001 ")),
        "{clean:?}"
    );
    assert_eq!(
        losses(":seed 7\nx = 1; m = MLP(2, [8, 1]); e = moons(20); y = m([x, 2]);\n"),
        clean
    );
}

#[test]
fn seed_and_reset_commands_restart_the_stream_in_the_repl() {
    let first = echoed(":seed 5\nn = MLP(2, [2, 1])\nwn = n.parameters()\n", "wn");
    for script in [
        "x = 1\n:seed 5\ny = x * 2; y.backward()\n:vars\nn = MLP(2, [2, 1])\nwn = n.parameters()\n",
        ":seed 5\na = MLP(2, [2, 1]); d = moons(10)\n:reset\nn = MLP(2, [2, 1])\nwn = n.parameters()\n",
        ":seed 5\na = MLP(2, [2, 1])\n:seed 5\nn = MLP(2, [2, 1])\nwn = n.parameters()\n",
    ] {
        assert_eq!(echoed(script, "wn"), first, "{script:?}");
    }
    let second = echoed(
        ":seed 5\na = MLP(2, [2, 1])\nn = MLP(2, [2, 1])\nwn = n.parameters()\n",
        "wn",
    );
    assert_ne!(second, first, "the second network gets the next draw");
}

#[test]
fn a_session_saved_after_reset_replays_from_the_kept_seed() {
    let d = temp_dir();
    let in_dir = || {
        let mut command = micrograd(d.path());
        command.current_dir(d.path());
        command
    };
    let live = capture(in_dir().write_stdin(
        ":seed 8\nq = MLP(2, [3, 1])\n:reset\nn = MLP(2, [2, 1])\nwn = n.parameters()\n:save s.mg\n",
    ));
    assert!(live.ok, "{}", live.stderr);
    let saved = std::fs::read_to_string(d.path().join("s.mg")).unwrap();
    assert!(saved.contains(":seed 8\nn = MLP"), "{saved}");
    let replay = capture(in_dir().arg("s.mg"));
    assert!(replay.ok, "{}", replay.stderr);
    let line = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("wn = "))
            .map(str::to_string)
    };
    assert_eq!(line(&replay.stdout), line(&live.stdout));
    assert!(line(&live.stdout).is_some(), "{}", live.stdout);
}

#[test]
fn seed_keyword_draws_what_the_train_command_draws() {
    let progress = |stdout: &str| -> Vec<String> {
        stdout
            .lines()
            .filter(|l| l.starts_with("step "))
            .map(str::to_string)
            .collect()
    };
    let d = temp_dir();
    let cli = capture(
        micrograd(d.path()).args(["train", "--data", "moons", "--steps", "10", "--seed", "3"]),
    );
    assert!(cli.ok, "{}", cli.stderr);
    let repl = capture(micrograd(d.path()).write_stdin(
        ":seed 3\nd = moons(100, seed=3); n = MLP(2, [16, 16, 1], activation=\"relu\", seed=3)\n\
         train(n, d, steps=10, plot=0)\n",
    ));
    assert!(repl.ok, "{}", repl.stderr);
    assert_eq!(progress(&repl.stdout).len(), 10, "{}", repl.stdout);
    assert_eq!(progress(&repl.stdout), progress(&cli.stdout));
}

#[test]
fn train_seed_keyword_pins_the_batches_whatever_the_session_seed() {
    let batches = |before: &str, keyword: &str| -> Vec<String> {
        let d = temp_dir();
        let run = capture(micrograd(d.path()).write_stdin(format!(
            "{before}n = MLP(2, [4, 1], seed=1); d = moons(20, seed=1)\n\
             train(n, d, steps=6, batch=1, every=1, plot=0{keyword})\n"
        )));
        assert!(run.ok, "{}", run.stderr);
        run.stdout
            .lines()
            .filter(|l| l.starts_with("step "))
            .map(str::to_string)
            .collect()
    };
    let from_session = batches(":seed 4\n", "");
    assert_eq!(from_session.len(), 6);
    assert_eq!(batches(":seed 9\nx = 1\n", ", seed=4"), from_session);
    assert_eq!(batches("", ", seed=4"), from_session);
    assert_ne!(batches(":seed 4\n", ", seed=5"), from_session);
}
