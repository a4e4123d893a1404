//! How what a learner types, pastes or interrupts reaches a lesson's
//! question (issue 13): a paste is one answer, graded once; a pasted
//! listing keeps working with the indentation it was copied with; a wrong
//! loop's own output is shown before the verdict; Ctrl-C while a loop
//! answer runs stops it at once and is not an answer; and training's words
//! do not contradict a lesson.

mod common;
#[cfg(unix)]
#[path = "common/pty.rs"]
mod pty;

use common::{assert_in_order, pipe_lesson};
use micrograd::console::{Console, RunAll};
use micrograd::lesson::runner::LessonRun;
use micrograd::render::diagnostic::Origin;
use micrograd::text::Palette;

fn lines(typed: &[&str]) -> String {
    typed.join("\n") + "\n"
}

/// Lesson `id` started in a pipe (no pauses), with a feed that returns
/// what each line printed.
fn lesson(id: &str, number: usize) -> LessonRun {
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    LessonRun::start(
        number,
        common::embedded_lesson(id),
        &console,
        0,
        false,
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write")
}

fn feed(run: &mut LessonRun, text: &str) -> String {
    let mut out = Vec::new();
    run.feed(
        text,
        Origin::Prompt { prompt_width: 4 },
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    String::from_utf8(out).expect("lessons write UTF-8")
}

/// Lesson 7 step 3: a two-line statement handed over as one input (what
/// the prompt makes of a bracketed paste) was graded as two answers, the
/// first a wrong one. It runs as a block and its last statement is graded,
/// once.
#[test]
fn a_pasted_two_line_answer_is_graded_once() {
    let mut run = lesson("07-primitives", 7);
    let shown = feed(&mut run, "e2 = exp(2*x)\nt2 = (e2 - 1) / (e2 + 1)");
    assert_eq!(shown.matches("✓ Right").count(), 1, "{shown}");
    assert!(!shown.contains("Not quite"), "{shown}");
    assert!(!shown.contains("type one expression"), "{shown}");
    assert!(shown.contains("what is x.grad"), "on to the next: {shown}");
    // The next question is graded on what the paste bound.
    assert!(feed(&mut run, "1 - t1**2").contains("✓ Right"));
}

/// A paste while a lesson waits for Enter (at a terminal) runs whole, as
/// one input: its blocks and the lines after them.
#[test]
fn a_paste_at_a_pause_runs_every_line_of_it() {
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let mut run = LessonRun::start(
        7,
        common::embedded_lesson("07-primitives"),
        &console,
        0,
        true,
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    let shown = feed(
        &mut run,
        "z = 5\nfor k in range(2):\n    print(k * 10)\nz2 = z * 2",
    );
    assert_in_order(&shown, &["z = 5", "0", "10", "z2 = 10"]);
    assert_eq!(feed(&mut run, "z2 + 1").trim(), "11");
}

/// A paste whose first line fails stops there: the rest, the answer among
/// it, is neither run nor graded, and the question stays open.
#[test]
fn a_paste_that_fails_before_its_answer_grades_nothing() {
    let mut run = lesson("07-primitives", 7);
    let shown = feed(&mut run, "e2 = exp(2*nope)\nt2 = (e2 - 1) / (e2 + 1)");
    assert!(!shown.contains("✓ Right"), "{shown}");
    assert!(!shown.contains("Not quite"), "{shown}");
    assert!(shown.contains("The paste stopped at that error"), "{shown}");
    assert!(feed(&mut run, "t2 = (exp(2*x) - 1) / (exp(2*x) + 1)").contains("✓ Right"));
}

/// Lesson 9's loop question: a loop that takes three steps, not two, used
/// to get only "Not quite", never the numbers it printed. They come first,
/// as at the prompt, then the verdict.
#[test]
fn a_wrong_loop_shows_what_it_printed_then_the_verdict() {
    let out = pipe_lesson(
        "9",
        lines(&[
            ":skip",
            ":skip",
            ":skip",
            ":skip",
            "for step in range(3):",
            "    L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad",
            "    print(L.data)",
            "",
            ":quit",
        ]),
    );
    assert_in_order(
        &out.stdout,
        &[
            "write a loop that takes two more steps",
            "0.04000000000000007",
            "0.001600000000000003",
            "6.400000000000012e-05",
            "✗ Not quite: your loop printed 3 numbers, more than this loop should",
            "Two steps: range(2).",
        ],
    );
}

/// Lesson 22: a loop that leaves the gradients wrong was told "is
/// -0.0274 (number 1 of 41)"; it now says which of the numbers, in words.
#[test]
fn a_loop_that_leaves_a_list_wrong_says_which_number_in_words() {
    let mut typed = vec![":skip"; 2];
    typed.extend([
        "for j in range(4):",
        "    Lj = mse(2*j, 2*j + 1) / 4",
        "    Lj.backward()",
        "",
        ":quit",
    ]);
    let out = pipe_lesson("22", lines(&typed));
    let said = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!said.contains("(number 1 of"), "{}", out.stdout);
    assert!(
        said.contains("`[p.grad for p in ps]` holds 41 numbers, and the first of them is"),
        "{}",
        out.stdout
    );
}

/// Lesson 13's batch=1 run: its warning said the ReLUs "never recover",
/// and the lesson then shows them recovering. On a mini-batch it says
/// what it judged on, and that a later batch can bring them back.
#[test]
fn a_dead_relu_warning_on_one_example_does_not_say_never() {
    let out = pipe_lesson("13", ":skip\n".repeat(7));
    assert!(
        out.stdout
            .contains("ReLUs are dead on this step's batch (1 of the 20 samples"),
        "{}",
        out.stdout
    );
    let warning_start = out.stdout.find("ReLUs are dead on").unwrap();
    let warning = &out.stdout[warning_start..];
    let warning = &warning[..warning.find("\n\n").unwrap_or(warning.len())];
    assert!(!warning.contains("never recover"), "{warning}");
}

/// `train(..., dropout=0.2)` said nothing of dropout in its heading.
#[test]
fn trains_heading_names_dropout() {
    let dir = common::temp_dir();
    let run = common::capture(common::micrograd(dir.path()).write_stdin(
        "n = MLP(2, [8, 1], seed=1); d = moons(20, seed=1)\n\
         train(n, d, steps=2, dropout=0.2, plot=0)\n",
    ));
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("dropout 0.2"), "{}", run.stdout);
}

/// Stops every `:step` after its first step, as Ctrl-C at its pause does.
struct CtrlCAtTheFirstPause;

impl micrograd::console::StepControl for CtrlCAtTheFirstPause {
    fn after_step(&mut self) -> micrograd::console::StepDecision {
        micrograd::console::StepDecision::Stop
    }
}

/// Lesson 3's own `:step L`, stopped by Ctrl-C after one step, left half
/// the gradients at 0, and the lesson's `show L` later showed a.grad 0
/// against the 6 it had confirmed. The lesson finishes its step quietly.
#[test]
fn a_lessons_own_step_stopped_part_way_is_finished_before_going_on() {
    let mut run = lesson("03-chain-rule", 3);
    let mut shown = String::new();
    for _ in 0..12 {
        let mut out = Vec::new();
        run.feed(
            ":skip",
            Origin::Prompt { prompt_width: 4 },
            &mut out,
            &mut CtrlCAtTheFirstPause,
        )
        .expect("a Vec takes every write");
        shown.push_str(&String::from_utf8(out).expect("lessons write UTF-8"));
        if shown.contains(">>> show L") {
            break;
        }
    }
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_in_order(
        &said,
        &[
            "Stopped after 1 of 3 steps",
            "the lesson has finished it quietly",
            ">>> show L",
        ],
    );
    let tree = &shown[shown.find(">>> show L").unwrap()..];
    let a = tree
        .lines()
        .find(|line| line.contains("─ a "))
        .unwrap_or_else(|| panic!("{tree}"));
    assert!(a.trim_end().ends_with(" 6"), "a.grad is 6: {tree}");
}

/// Lesson 3's own `:step L` stopped by Ctrl-C (finding A50): the view told
/// the learner to run `:zero` then `L.backward()`, and the lesson, on the
/// next line, that it had finished the step itself. One message now: where
/// it stopped, and that the lesson finished it.
#[test]
fn a_lessons_own_step_stopped_part_way_says_one_true_thing() {
    let mut run = lesson("03-chain-rule", 3);
    let mut shown = String::new();
    for _ in 0..12 {
        let mut out = Vec::new();
        run.feed(
            ":skip",
            Origin::Prompt { prompt_width: 4 },
            &mut out,
            &mut CtrlCAtTheFirstPause,
        )
        .expect("a Vec takes every write");
        shown.push_str(&String::from_utf8(out).expect("lessons write UTF-8"));
        if shown.contains("finished it quietly") {
            break;
        }
    }
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("Stopped after 1 of 3 steps."), "{said}");
    assert!(!said.contains(":zero"), "{said}");
    assert!(!said.contains("L.backward()"), "{said}");
    assert!(!said.contains(":step L again"), "{said}");
    assert!(!said.contains("still hold 0"), "{said}");
}

/// Lesson 11 step 6: a paste of the answer and a look at it (`o`) printed
/// the look under the next step's text; it now shows before the praise.
#[test]
fn a_look_pasted_after_the_answer_shows_before_the_next_step() {
    let mut run = lesson("11-small-network", 11);
    let mut shown = String::new();
    for _ in 0..8 {
        shown = feed(&mut run, ":skip");
        if shown.contains("bind o to sigmoid") {
            break;
        }
    }
    assert!(shown.contains("bind o to sigmoid"), "{shown}");
    let shown = feed(&mut run, "o = sigmoid(v1*h1 + v2*h2 + c)\no");
    assert_in_order(
        &shown,
        &[
            "o = 0.6369559908712561",
            "0.6369559908712561",
            "✓ Right.",
            "The loss",
        ],
    );
}

/// Lesson 9 step 3: `:next` at a question skipped it and showed its
/// answer; "go on" there asks for the answer instead (`:skip` skips).
#[test]
fn next_at_a_question_does_not_skip_it() {
    let out = pipe_lesson("9", lines(&[":next", ":quit"]));
    assert!(
        !out.stdout.contains("Skipped. The answer"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Type your answer"), "{}", out.stdout);
}

/// A name the learner made while the question was open went, silently,
/// when the lesson put back the names it had moved; it is named now.
#[test]
fn names_made_at_a_question_and_put_away_are_named() {
    let out = pipe_lesson("8", lines(&["a.data = 10", "k = a * 2", "-6", ":quit"]));
    let said = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("so those are back as they were then, and `k`, which it made, is gone"),
        "{}",
        out.stdout
    );
}

/// Lesson 9's loop question: a loop without `L.zero_grad()` was told
/// "number 1 your loop printed, 14.440000000000005, ...": in words, and
/// without the float noise (its own output, shown above, has it whole).
#[test]
fn a_wrong_loops_verdict_counts_in_words_and_rounds_float_noise() {
    let out = pipe_lesson(
        "9",
        lines(&[
            ":skip",
            ":skip",
            ":skip",
            ":skip",
            "for step in range(2):",
            "    L.backward(); w.data -= 0.1 * w.grad",
            "    print(L.data)",
            "",
            ":quit",
        ]),
    );
    let said = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_in_order(
        &said,
        &[
            "14.440000000000005",
            "✗ Not quite: the first number your loop printed, 14.44, is not",
        ],
    );
}

#[cfg(unix)]
mod at_a_terminal {
    use std::time::{Duration, Instant};

    use rexpect::session::PtySession;

    use super::{common, pty};

    const PASTE_START: &str = "\x1b[200~";
    const PASTE_END: &str = "\x1b[201~";

    /// `:skip`s `count` steps (at a terminal each moves one step on) and
    /// waits for `until`.
    fn skip(repl: &mut PtySession, count: usize, until: &str) {
        for _ in 0..count {
            repl.send_line(":skip").unwrap();
        }
        repl.exp_string(until).expect("the step skipped to");
        std::thread::sleep(Duration::from_millis(200));
    }

    /// `:quit` the lesson, then the REPL, and wait for it to end.
    fn leave_lesson_and_exit(mut repl: PtySession) {
        repl.send_line(":quit").unwrap();
        repl.send_line(":quit").unwrap();
        repl.exp_eof().unwrap();
    }

    fn paste(repl: &mut PtySession, text: &str) {
        repl.send(&format!("{PASTE_START}{text}{PASTE_END}\r"))
            .unwrap();
        repl.flush().unwrap();
    }

    /// Lesson 9's loop question: Ctrl-C while the learner's (long) loop
    /// was graded took seconds and counted as a wrong answer. It stops at
    /// once, says so, and the question is still open, its hints unused.
    #[test]
    fn ctrl_c_stops_a_loop_answer_at_once_and_is_not_an_answer() {
        let dir = common::temp_dir();
        let mut repl = pty::start(dir.path());
        repl.send_line(":lesson 9").unwrap();
        skip(&mut repl, 8, "write a loop that takes two more steps");
        paste(
            &mut repl,
            "for i in range(100000000):\n    L.zero_grad(); L.backward()",
        );
        std::thread::sleep(Duration::from_millis(700));
        let pressed = Instant::now();
        repl.send_control('c').unwrap();
        let said = repl
            .exp_string("interrupted before it finished")
            .expect("it says the loop was interrupted");
        let waited = pressed.elapsed();
        // On a line of its own, not after the terminal's `^C` (B17).
        assert!(said.ends_with("\n(Ctrl-C: your loop was "), "{said:?}");
        eprintln!("the loop answer stopped {waited:?} after Ctrl-C");
        assert!(waited < Duration::from_secs(1), "took {waited:?}");
        repl.send_line(":hint").unwrap();
        let before = repl.exp_string("Hint 1/2").expect("no hint was used");
        assert!(!before.contains("Not quite"), "{before}");
        paste(
            &mut repl,
            "for step in range(2):\n    L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad\n    print(L.data)",
        );
        repl.exp_string("Right.")
            .expect("the question was still open");
        leave_lesson_and_exit(repl);
    }

    /// Lesson 7 step 3: a bracketed paste of two statements was graded as
    /// two answers ("Not quite", then right).
    #[test]
    fn a_bracketed_paste_in_a_lesson_is_one_answer() {
        let dir = common::temp_dir();
        let mut repl = pty::start(dir.path());
        repl.send_line(":lesson 7").unwrap();
        skip(&mut repl, 2, "Bind t2 to tanh written with exp");
        paste(&mut repl, "e2 = exp(2*x)\nt2 = (e2 - 1) / (e2 + 1)");
        // "✓ Right: that means the same.": with e2 shared, t2 has fewer
        // operations than the lesson's, which it binds (finding A310).
        let before = repl
            .exp_string("Right: that means the same")
            .expect("graded right");
        assert!(!before.contains("Not quite"), "{before}");
        assert!(!before.contains("type one expression"), "{before}");
        repl.exp_string("what is x.grad")
            .expect("the next question");
        leave_lesson_and_exit(repl);
    }

    /// Lesson 9 shows its loop indented under the text; pasting it as
    /// copied said "unexpected indent". A paste loses the indentation its
    /// lines share, as in IPython, at a question and at the plain prompt.
    #[test]
    fn an_indented_listing_pasted_runs_as_written() {
        let dir = common::temp_dir();
        let mut repl = pty::start(dir.path());
        paste(&mut repl, "    a = 2\n    b = a * 3");
        repl.exp_string("b = 6").expect("the pasted lines ran");
        repl.send_line(":lesson 9").unwrap();
        skip(&mut repl, 8, "write a loop that takes two more steps");
        paste(
            &mut repl,
            "    for step in range(2):\n        L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad\n        print(L.data)",
        );
        let before = repl.exp_string("Right.").expect("graded right");
        assert!(!before.contains("unexpected indent"), "{before}");
        leave_lesson_and_exit(repl);
    }

    /// At `:step`'s pause (finding A55) `q` did nothing until Enter, and
    /// a line typed there (`:paths L a`) counted as Enter and was lost.
    /// `q` finishes at once, space shows the next step, and any other
    /// line stops the stepping and runs.
    #[test]
    fn keys_at_the_step_pause_act_alone_and_a_typed_line_runs() {
        let dir = common::temp_dir();
        let mut repl = pty::start(dir.path());
        repl.send_line("a = 2.0; b = -3.0; c = 10; e = a * b; d = e + c; f = -2; L = d * f")
            .unwrap();
        repl.exp_string("L = -8").unwrap();
        repl.send_line(":step L").unwrap();
        repl.exp_string("q finish").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        repl.send("q").unwrap();
        repl.flush().unwrap();
        let said = repl.exp_string("Done: 3 steps").unwrap();
        assert!(said.contains("step 3/3"), "{said}");
        repl.exp_string(">>> ").unwrap();
        repl.send_line(":step L").unwrap();
        repl.exp_string("q finish").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        repl.send(" ").unwrap();
        repl.flush().unwrap();
        repl.exp_string("step 2/3").unwrap();
        repl.exp_string("q finish").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        repl.send_line(":paths L a").unwrap();
        let said = repl.exp_string("sum = 6").unwrap();
        assert!(
            said.contains("Stopped after 2 of 3 steps to run what you typed"),
            "{said}"
        );
        assert!(!said.contains("step 3/3"), "{said}");
        repl.send_line(":quit").unwrap();
        repl.exp_eof().unwrap();
    }

    /// Lesson 8 step 3: a loop run at the question and stopped by Ctrl-C
    /// said "stopped", then "ran that", then "(interrupted)", and every
    /// later answer of the step repeated "(interrupted)". One message now,
    /// and none after.
    #[test]
    fn ctrl_c_at_a_question_is_said_once() {
        let dir = common::temp_dir();
        let mut repl = pty::start(dir.path());
        repl.send_line(":lesson 8").unwrap();
        skip(&mut repl, 2, "If you run L.backward() again");
        paste(&mut repl, "for i in range(100000000):\n    k = i");
        std::thread::sleep(Duration::from_millis(700));
        repl.send_control('c').unwrap();
        repl.exp_string("stopped by Ctrl-C").unwrap();
        let said = repl.exp_string("[3/12] >>> ").unwrap();
        assert!(said.contains("the question is still open"), "{said}");
        assert!(!said.contains("ran that"), "{said}");
        assert!(!said.contains("(interrupted)"), "{said}");
        repl.send_line("9").unwrap();
        repl.exp_string("Not quite").unwrap();
        let said = repl.exp_string("[3/12] >>> ").unwrap();
        assert!(!said.contains("interrupted"), "{said}");
        leave_lesson_and_exit(repl);
    }
}

/// Lesson 3 step 5 (finding A108): the learner's own `:step L` at "what is
/// d.grad?", stopped by Ctrl-C, advised "Run :zero then L.backward() (or
/// :step L again) for the full ones" — at a prediction, computing the
/// answer with the tool — and did not say the question was still open. It
/// says where the pass stopped, and that the question waits.
#[test]
fn the_learners_own_step_stopped_at_a_question_leaves_it_open() {
    let mut run = lesson("03-chain-rule", 3);
    let mut shown = String::new();
    for _ in 0..4 {
        shown = feed(&mut run, ":skip");
        if shown.contains("what is d.grad") {
            break;
        }
    }
    assert!(shown.contains("what is d.grad"), "{shown}");
    let mut out = Vec::new();
    run.feed(
        ":step L",
        Origin::Prompt { prompt_width: 4 },
        &mut out,
        &mut CtrlCAtTheFirstPause,
    )
    .expect("a Vec takes every write");
    let shown = String::from_utf8(out).expect("lessons write UTF-8");
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("Stopped after 1 of 3 steps"), "{said}");
    assert!(!said.contains(":zero"), "{said}");
    assert!(!said.contains("L.backward()"), "{said}");
    assert!(!said.contains(":step L again"), "{said}");
    assert!(
        said.trim_end()
            .ends_with("(the question is still open — type your answer)"),
        "{said}"
    );
    assert!(run.prompt().contains("[5/15]"), "{}", run.prompt());
}

/// Lesson 9 step 9 (finding B2): the same `print(L.data)` showed
/// 0.04000000000000007 in a wrong loop's output and 0.04 in a right one's,
/// under "The lesson rounds float noise away", said of the learner's own
/// loop. The learner's output is shown whole both ways, and its float
/// noise pointed out once.
#[test]
fn a_loops_output_is_shown_the_same_way_wrong_or_right() {
    let out = pipe_lesson(
        "9",
        lines(&[
            ":skip",
            ":skip",
            ":skip",
            ":skip",
            "for step in range(3):",
            "    L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad",
            "    print(L.data)",
            "",
            "for step in range(2):",
            "    L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad",
            "    print(L.data)",
            "",
            ":quit",
        ]),
    );
    let wrong = out.stdout.find("✗ Not quite").expect("the first is wrong");
    let (tried, then) = out.stdout.split_at(wrong);
    let right = then.find("✓ Right.").expect("the second is right");
    let answered = &then[..right];
    for shown in [tried, answered] {
        assert!(
            shown.contains("\n0.04000000000000007\n0.001600000000000003\n"),
            "{shown}"
        );
    }
    assert!(!answered.contains("\n0.04\n"), "{answered}");
    assert!(!answered.contains("The lesson rounds"), "{answered}");
    let said = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(said.matches("(Float noise:").count(), 1, "{said}");
    assert!(
        said.contains("(Float noise: 0.04000000000000007 above is 0.04 plus rounding error;"),
        "{said}"
    );
}

/// Feeds `:skip` to `run` until what it shows holds `text`.
fn skip_to(run: &mut LessonRun, text: &str) {
    let mut shown = String::new();
    for _ in 0..30 {
        shown = feed(run, ":skip");
        let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        if said.contains(text) {
            return;
        }
    }
    panic!("never reached {text:?}: {shown}");
}

/// Lesson 18 step 9 and lesson 20 step 19 (finding C217): a training loop
/// that never rebuilds the loss (`loss.backward()` on the loss built
/// before the loop) printed the lesson's numbers here, where a node
/// recomputes as the weights move, and was "✓ Right" — the habit that
/// breaks the lecture's Python, where loss.data stays put and the
/// gradients go stale. It is wrong, and told why.
#[test]
fn a_training_loop_that_never_rebuilds_its_loss_is_wrong() {
    let mut run = lesson("18-training-loop", 18);
    skip_to(&mut run, "type (or paste) the cell above");
    let shown = feed(
        &mut run,
        "for k in range(20):\n    for p in n.parameters():\n        p.grad = 0.0\n    loss.backward()\n    for p in n.parameters():\n        p.data += -lr * p.grad\n    print(k, loss.data)",
    );
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!said.contains("✓ Right"), "{said}");
    assert!(
        said.contains("✗ Not quite: your loop calls `loss.backward()` but never rebuilds `loss`"),
        "{said}"
    );
    assert!(
        said.contains("Rebuild `ypred` and `loss` inside the loop"),
        "{said}"
    );
    assert!(
        said.contains("`loss.data` would stay what it was when `loss` was built"),
        "{said}"
    );
    // Its value now is not the one Python would show (finding C231).
    assert!(!said.contains("would stay 3"), "{said}");
    // The whole cell is right.
    let shown = feed(
        &mut run,
        "for k in range(20):\n    ypred = [n(x) for x in xs]\n    loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n    for p in n.parameters():\n        p.grad = 0.0\n    loss.backward()\n    for p in n.parameters():\n        p.data += -lr * p.grad\n    print(k, loss.data)",
    );
    assert!(shown.contains("✓ Right"), "{shown}");

    let mut run = lesson("20-vanishing-and-exploding", 20);
    skip_to(&mut run, "the same loop, 10 steps, with clipping");
    let shown = feed(
        &mut run,
        "for k in range(10):\n    for p in ps:\n        p.grad = 0.0\n    B.backward()\n    norm = sum(p.grad**2 for p in ps)**0.5\n    if norm > 1:\n        for p in ps:\n            p.grad = p.grad / norm\n    for p in ps:\n        p.data -= lr * p.grad\n    print(k, B.data)",
    );
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!said.contains("✓ Right"), "{said}");
    assert!(said.contains("never rebuilds `B`"), "{said}");
    assert!(said.contains("Rebuild `B` inside the loop"), "{said}");
}

/// Lesson 1 step 11 (finding A106): `:check f` and `:step f` at "which
/// number will x.grad be?" showed 14 and nothing more, where every other
/// look there ends by saying the question is still open.
#[test]
fn a_view_command_at_a_question_says_it_is_still_open() {
    let mut run = lesson("01-derivative", 1);
    skip_to(&mut run, "Which number will it be?");
    for look in [":check f", ":step f", ":paths f x"] {
        let shown = feed(&mut run, look);
        assert!(shown.contains("14"), "{look}: {shown}");
        assert!(
            shown
                .trim_end()
                .ends_with("(the question is still open — type your answer)"),
            "{look}: {shown}"
        );
        assert_eq!(
            shown.matches("question is still open").count(),
            1,
            "{shown}"
        );
    }
    assert!(run.prompt().contains("[11/13]"), "{}", run.prompt());
}

/// Lesson 9 at a press-Enter step (finding B221): a loop stopped by Ctrl-C
/// said "every name keeps the value it had reached", and the lesson, on
/// the next line, that the session is back as it was before that line.
/// One true thing: where it stopped, then the put-back.
#[test]
fn a_loop_stopped_between_steps_does_not_say_its_names_are_kept() {
    let console = Console::new(Palette::plain());
    let interrupt = console.interrupt.clone();
    let mut out = Vec::new();
    let mut run = LessonRun::start(
        9,
        common::embedded_lesson("09-gradient-descent"),
        &console,
        0,
        true,
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    feed(&mut run, "");
    let pressing = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        interrupt.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    let shown = feed(&mut run, "for i in range(100000000):\n    w = w + 0");
    pressing.join().expect("the thread ends");
    // On a line of its own, not after the terminal's `^C`, whose two
    // columns pushed a code span past the edge (finding B221, part 1).
    assert!(shown.starts_with("\nstopped by Ctrl-C"), "{shown:?}");
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("stopped by Ctrl-C"), "{said}");
    assert!(said.contains("the session is back as it was"), "{said}");
    assert!(!said.contains("every name keeps"), "{said}");
    // At the prompt, outside a lesson, it is still said.
    let mut console = Console::new(Palette::plain());
    let interrupt = console.interrupt.clone();
    let pressing = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        interrupt.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    let mut out = Vec::new();
    console.execute(
        "w = 1.0\nfor i in range(100000000):\n    w = w + 0",
        Origin::Prompt { prompt_width: 4 },
        &mut out,
        &mut RunAll,
    );
    pressing.join().expect("the thread ends");
    let shown = String::from_utf8(out).expect("UTF-8");
    assert!(shown.contains("every name keeps"), "{shown}");
}

/// Lesson 9's loop question (finding C227): a loop answer's prints were
/// held back until it ended, so a long one looked hung, and Ctrl-C threw
/// them away with "was interrupted before it finished". They are written
/// as the loop prints them, as at the prompt; Ctrl-C then says where the
/// loop stopped and that what it changed is put back, and the question
/// is still open, on the session as it found it.
#[test]
fn a_loop_answer_prints_as_it_runs_and_ctrl_c_says_where_it_stopped() {
    let console = Console::new(Palette::plain());
    let interrupt = console.interrupt.clone();
    let mut out = Vec::new();
    let mut run = LessonRun::start(
        9,
        common::embedded_lesson("09-gradient-descent"),
        &console,
        0,
        false,
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    let mut shown = String::new();
    for _ in 0..6 {
        shown = feed(&mut run, ":skip");
        if shown.contains("write a loop that takes two more steps") {
            break;
        }
    }
    assert!(shown.contains("write a loop"), "{shown}");
    let pressing = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        interrupt.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    let shown = feed(
        &mut run,
        "for k in range(100000000):\n    w.data -= 0.0 * w.grad\n    print(k)",
    );
    pressing.join().expect("the thread ends");
    assert!(
        shown.starts_with("0\n1\n2\n"),
        "{}",
        &shown[..200.min(shown.len())]
    );
    let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(
            "(Ctrl-C: your loop was interrupted before it finished, at line 3, in iteration "
        ),
        "{}",
        &said[said.len().saturating_sub(400)..]
    );
    assert!(
        said.contains(
            ". It was not graded, and what it changed is put back: the question is still \
             open.)"
        ),
        "{}",
        &said[said.len().saturating_sub(400)..]
    );
    // The right loop is graded on the session the question found, and its
    // prints, shown as it ran, are not shown again when it is kept.
    let shown = feed(
        &mut run,
        "for step in range(2):\n    L.zero_grad(); L.backward(); w.data -= 0.1 * w.grad\n    print(L.data)",
    );
    assert!(shown.contains("✓ Right"), "{shown}");
    assert_eq!(
        shown
            .lines()
            .filter(|l| l.trim() == "0.04000000000000007")
            .count(),
        1,
        "{shown}"
    );
}

/// Lesson 6 at a press-Enter step (finding A204): with the learner's own
/// `Ln = L`, a nudge `a.data += h` put the names back saying "That
/// changed `a`, `L`, `Ln`, which the lesson's next steps use": the lesson
/// never uses Ln. Only the lesson's names are said to be; the learner's
/// goes back with them, said apart. A helper of their own moved alone is
/// not the lesson's business: it stays.
#[test]
fn the_put_back_note_between_steps_names_only_the_lessons_names() {
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let mut run = LessonRun::start(
        6,
        common::embedded_lesson("06-verify"),
        &console,
        0,
        true,
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    for _ in 0..3 {
        if run.prompt().contains("[3/") {
            break;
        }
        feed(&mut run, "");
    }
    assert!(run.prompt().contains("[3/"), "{}", run.prompt());
    feed(&mut run, "Ln = L");
    let said = feed(&mut run, "a.data += h");
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(
            "(That changed `a`, `L`, which the lesson's next steps use, so the session is back as \
             it was before that line (your own `Ln` too);"
        ),
        "{said}"
    );
    let said = feed(&mut run, "Ln = 5");
    assert!(!said.contains("That changed"), "{said}");
    assert_eq!(feed(&mut run, "Ln").trim(), "5");
}

/// One paste rule (findings A313, B309, B5): a paste is judged by its
/// first input that answers; what comes after it is not run, whatever
/// the verdict, and said so. Lesson 5: `0.5` then `o.backward()` was ✓
/// and the backward was kept, so the next right answer, 1, was judged on
/// doubled gradients. Lesson 2: `L.backward()`-like actions after a
/// right binding were judged instead of it. Lesson 11: after a wrong
/// `o = ...`, a trailing `o` ran and errored, its caret under the hint.
#[test]
fn a_paste_is_judged_by_its_first_answer_and_the_rest_is_not_run() {
    let rest = "(the rest of the paste, 1 line, was not run)";
    let mut run = lesson("05-neuron", 5);
    feed(&mut run, ":skip");
    let shown = feed(&mut run, ":skip");
    assert!(shown.contains("what will n.grad be?"), "{shown}");
    let shown = feed(&mut run, "0.5\no.backward()");
    assert_in_order(&shown, &["✓ Right", rest, "what will w1.grad be?"]);
    assert!(feed(&mut run, "1").contains("✓ Right"));

    let mut run = lesson("02-sum-and-product", 2);
    let shown = feed(&mut run, "e = a*b\ne.backward()");
    assert_in_order(&shown, &["✓ Right", rest]);
    assert!(!shown.contains("action"), "{shown}");

    let mut run = lesson("11-small-network", 11);
    let mut shown = String::new();
    for _ in 0..4 {
        shown = feed(&mut run, ":skip");
        if shown.contains("Now the output neuron") {
            break;
        }
    }
    assert!(shown.contains("Now the output neuron"), "{shown}");
    let shown = feed(&mut run, "o = sigmoid(v1*h1 + v2*h2)\no");
    assert_in_order(&shown, &["Not quite", "Keep the bias, c.", rest]);
    assert!(!shown.contains("not defined"), "{shown}");
}
