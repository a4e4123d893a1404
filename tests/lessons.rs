//! Lessons as a learner and as CI meet them: `lessons check` over the
//! shipped course and over broken files, a piped walk through lesson 1,
//! progress across restarts, grading by meaning, and the CLI's flags.

mod common;

use common::{assert_in_order, capture, micrograd, pipe_lesson, temp_dir, Run};
use micrograd::eval::Session;
use micrograd::lesson::format::{Question, QuestionKind};
use micrograd::lesson::grade::{judge, Verdict};

/// Pipes `stdin` into the binary, its data folder `data_dir`.
fn piped(data_dir: &tempfile::TempDir, stdin: impl Into<Vec<u8>>) -> Run {
    capture(micrograd(data_dir.path()).write_stdin(stdin))
}

/// Runs the binary with `args`, its data folder `data_dir`.
fn with_args(data_dir: &tempfile::TempDir, args: &[&str]) -> Run {
    capture(micrograd(data_dir.path()).args(args))
}

const GOOD_HEAD: &str = "title = \"Test\"\nsummary = \"A test lesson\"\n\n[[step]]\nrun = \"a = 2.0\\nb = -3.0\\nL = a*b\"\n\n";

#[test]
fn shipped_lessons_pass_their_own_check() {
    let out = with_args(&temp_dir(), &["lessons", "check"]);
    assert!(out.ok, "{}", out.stderr);
    let count = format!("{} lessons", micrograd::lesson::catalog::EMBEDDED.len());
    assert!(out.stdout.contains(&count), "{}", out.stdout);
    assert!(
        out.stdout.contains("every step checks out"),
        "{}",
        out.stdout
    );
}

const NETWORK: &str = "n = MLP(2, [4, 1]); d = moons(10)";
const TRAIN: &str = "train(n, d, steps=5, plot=0)";

/// `n.loss(d)` after `lines` typed into a fresh console, as a learner
/// would see it.
fn console_loss(lines: &[&str]) -> f64 {
    use micrograd::console::{Console, RunAll};
    use micrograd::render::diagnostic::Origin;
    use micrograd::text::Palette;

    let mut console = Console::new(Palette::plain());
    let mut sink = Vec::new();
    for line in lines {
        let origin = Origin::Prompt { prompt_width: 4 };
        console.execute(line, origin, &mut sink, &mut RunAll);
    }
    match console.session.eval_expr("n.loss(d)") {
        Ok(micrograd::eval::Value::Node(id)) => console.session.graph.value(id),
        other => panic!("n.loss(d): {other:?}"),
    }
}

#[test]
fn check_fails_on_a_bad_file_naming_file_line_and_problem() {
    let untrained = console_loss(&[NETWORK]);
    let trained = console_loss(&[NETWORK, TRAIN]);
    let trained_truth = format!("tool computes: {}", micrograd::text::number::full(trained));
    // (file name, source, line of the step at fault, what stderr must say)
    let cases = [
        // Line 7 is the [[step]] header of the prediction: a.grad is -3, not 3.
        (
            "wrong.toml",
            format!("{GOOD_HEAD}[[step]]\npredict = \"a.grad?\"\nanswer = 3\nreveal = \"L.backward()\\na.grad\"\nhints = [\"b\"]\n"),
            7,
            "tool computes: -3",
        ),
        // A listed wrong answer that grading by meaning accepts.
        (
            "examples.toml",
            format!("{GOOD_HEAD}[[step]]\ntype = \"d?\"\nanswer = \"d = a*b + 1\"\nwrong = [\"1 + b*a\"]\nhints = [\"h\"]\n"),
            7,
            "listed as wrong but judged right",
        ),
        // A prediction about trained weights, answered with the untrained
        // loss: the checker trains as the console does, so it sees the
        // mistake and names the trained loss.
        (
            "trained.toml",
            format!("title = \"T\"\nsummary = \"S\"\n\n[[step]]\nrun = \"{NETWORK}\"\n\n[[step]]\npredict = \"loss after training?\"\nanswer = {untrained}\ntolerance = 1e-6\nreveal = \"{TRAIN}\\nn.loss(d)\"\nhints = [\"h\"]\n"),
            7,
            &trained_truth,
        ),
        // A prediction asked after the reveal that computed its answer:
        // `a.grad` at the question already reads -3 (line 13).
        (
            "readable.toml",
            format!("{GOOD_HEAD}[[step]]\npredict = \"L.grad?\"\nanswer = 1\nreveal = \"L.backward()\\nL.grad\"\nhints = [\"b\"]\n\n[[step]]\npredict = \"a.grad?\"\nanswer = -3\nreveal = \"a.grad\"\nhints = [\"b\"]\n"),
            13,
            "readable before it is asked: `a.grad` already shows -3",
        ),
        // A step with two kinds.
        (
            "two.toml",
            "title = \"T\"\nsummary = \"S\"\n\n[[step]]\nsay = \"a\"\nrun = \"b = 1\"\n".to_string(),
            4,
            "exactly one of say, run",
        ),
    ];
    for (name, source, line, problem) in cases {
        let d = temp_dir();
        let file = d.path().join(name);
        std::fs::write(&file, source).unwrap();
        let out = capture(micrograd(d.path()).args(["lessons", "check"]).arg(&file));
        assert!(!out.ok, "{name} passed");
        let location = format!("{}:{line}:", file.display());
        assert!(out.stderr.contains(&location), "{name}: {}", out.stderr);
        assert!(out.stderr.contains(problem), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains("1 broken step in 1 lesson."),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn malformed_lesson_file_names_file_and_line_without_panicking() {
    let d = temp_dir();
    let lessons = d.path().join("lessons");
    std::fs::create_dir_all(&lessons).unwrap();
    let broken = lessons.join("90-broken.toml");
    std::fs::write(
        &broken,
        "title = \"Broken\"\nsummary = \"x\"\n\n[[step]]\nsay = \"unterminated\n",
    )
    .unwrap();
    let out = with_args(&d, &["lessons", "check"]);
    assert!(!out.ok);
    let stderr = out.stderr;
    assert!(
        stderr.contains(&format!("{}:5:", broken.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The list still shows every lesson, the broken one marked as such.
    let out = with_args(&d, &["lessons"]);
    assert!(out.ok);
    let stdout = out.stdout;
    assert!(stdout.contains("What a derivative is"), "{stdout}");
    assert!(stdout.contains("broken:"), "{stdout}");
    assert!(stdout.contains("90-broken.toml:5:"), "{stdout}");

    // Starting it (numbered after the course) explains instead of crashing.
    let number = micrograd::lesson::catalog::EMBEDDED.len() + 1;
    let out = piped(&d, format!(":lesson {number}\n1 + 1\n"));
    assert!(out.ok);
    assert!(
        out.stdout.contains("This lesson file is broken"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains('2'), "{}", out.stdout);
}

/// Lesson 1 from start to finish through a pipe: one wrong answer (which
/// earns the first hint), one `:hint` (the second), then right answers,
/// a prediction typed as an expression, and a skip.
#[test]
fn piped_walk_through_lesson_one() {
    let d = temp_dir();
    let answers = [
        ":lesson 1",
        "f = 3*x**2 + 4*x + 5",
        ":hint",
        "f = 5 - 4*x + 3*x*x",
        "(f_nudged - f) / h",
        "slope = 14",
        ":skip",
        "2",
        "3",
        "2",
    ];
    let out = piped(&d, answers.join("\n") + "\n");
    assert!(out.ok, "{}", out.stderr);
    assert_in_order(
        &out.stdout,
        &[
            "Lesson 1: What a derivative is",
            ">>> x = 3.0",
            "Define f as 3x² − 4x + 5",
            "✗ Not quite: your answer gives 44",
            // The hint aimed at the sign slip alone; :hint then gives the
            // first of the question's own hints.
            "Hint: Check the sign of the middle term",
            "Hint 1/2: Start with",
            "f = 20",
            "✓ Right.",
            ">>> f_nudged = 3*(x + h)**2 - 4*(x + h) + 5",
            "Roughly what number",
            "✓ Right.",
            "14.003",
            "bind slope to 6x − 4",
            "✗ Not quite: the value is right for now, but it is not the same formula",
            "Hint: 14 is the slope at x = 3 only.",
            "Skipped. The answer: slope = 6*x - 4",
            "slope = 14",
            // A choice now: the exact 14 is on screen from slope = 6*x - 4,
            // so the question is whether backward() is exact or estimates.
            "x.grad will hold f's slope at x = 3",
            "✗ Not quite: option 2 is not it.",
            "Hint: The nudge used a finite h",
            "✓ Right.",
            ">>> f.backward()",
            "14",
            "2) nudging x up",
            "✓ Right.",
            "✓ Lesson 1 complete: What a derivative is.",
            "Next: :lesson 2 (Sum and product)",
        ],
    );

    let listing = with_args(&d, &["lessons"]).stdout;
    let line = listing
        .lines()
        .find(|l| l.contains("What a derivative is"))
        .unwrap();
    assert!(line.contains("done ✓"), "{listing}");
}

#[test]
fn progress_survives_quitting_mid_lesson_and_restarting() {
    let d = temp_dir();
    // First run: answer the first question, then the program ends (end of
    // input) in the middle of the lesson.
    let out = piped(&d, ":lesson 1\nf = 3*x**2 - 4*x + 5\n");
    assert!(out.ok);
    assert!(d.path().join("progress.json").exists());

    let listing = with_args(&d, &["lessons"]).stdout;
    assert!(listing.contains("step 7 of 13"), "{listing}");

    // Second run: asked whether to continue; Enter continues at the same
    // question, with the lesson's earlier names rebuilt (f_nudged, h).
    let out = piped(&d, ":lesson 1\n\n14\n:quit\n");
    assert!(out.ok, "{}", out.stderr);
    assert_in_order(
        &out.stdout,
        &[
            "You stopped at step 7 of 13",
            "Roughly what number",
            "✓ Right.",
            "14.003",
            "Left lesson 1 at step 9 of 13",
        ],
    );
    assert!(
        !out.stdout.contains("Define f as"),
        "resumed, not restarted"
    );

    // Third run: restart from the beginning on request.
    let out = piped(&d, ":lesson 1\nrestart\n");
    assert_in_order(
        &out.stdout,
        &["You stopped at step 9 of 13", "Welcome!", "Define f as"],
    );
}

/// Lesson 1 taken up again (finding A201): a line that is neither Enter nor
/// restart at "Enter or restart?" got the question again as one line the
/// terminal cut at 60 columns, and no word on the line typed. It says the
/// line did not run, and asks again wrapped to the width.
#[test]
fn a_line_typed_at_the_resume_question_is_told_it_did_not_run() {
    let d = temp_dir();
    assert!(piped(&d, ":lesson 1\nf = 3*x**2 - 4*x + 5\n").ok);
    let out = capture(
        micrograd(d.path())
            .env("COLUMNS", "60")
            .write_stdin(":lesson 1\nx.grad\n:quit\n"),
    );
    assert!(out.ok, "{}", out.stderr);
    let said = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(
            "(`x.grad` did not run: first choose where the lesson goes on.) \
             Press Enter to continue at step 7, or type restart to begin again."
        ),
        "{}",
        out.stdout
    );
    for line in out.stdout.lines() {
        assert!(line.chars().count() <= 60, "{line:?} in\n{}", out.stdout);
    }
}

#[test]
fn quit_in_a_lesson_leaves_the_lesson_not_the_program() {
    let out = piped(&temp_dir(), ":lesson 2\n:quit\nz = 40 + 2\n");
    assert!(out.ok);
    assert_in_order(&out.stdout, &["Left lesson 2", "z = 42"]);
}

#[test]
fn back_and_skip_move_between_steps_and_every_step_can_be_skipped() {
    let skips = ":skip\n".repeat(40);
    let out = piped(&temp_dir(), format!(":lesson 4\n:back\n{skips}"));
    assert!(out.ok);
    let stdout = out.stdout;
    assert_in_order(&stdout, &["Skipped. The answer: 2", "✓ Lesson 4 complete"]);
    assert!(!stdout.contains("could not rebuild"), "{stdout}");
    assert!(!stdout.contains("broken"), "{stdout}");
}

#[test]
fn lesson_subcommand_starts_a_lesson_by_name() {
    let d = temp_dir();
    let out = capture(
        micrograd(d.path())
            .args(["--color", "never", "lesson", "zero"])
            .write_stdin("-6\n"),
    );
    assert!(out.ok);
    assert_in_order(
        &out.stdout,
        &["Lesson 8: The zero_grad pitfall", "✓ Right.", "-6"],
    );

    let out = with_args(&d, &["lesson", "99"]);
    assert!(!out.ok);
    assert!(out.stdout.contains("There is no lesson `99`"));
}

#[test]
fn lesson_commands_outside_a_lesson_say_so() {
    let out = piped(&temp_dir(), ":hint\n:next\n");
    assert!(out.ok);
    assert_eq!(out.stdout.matches("You are not in a lesson").count(), 2);
}

/// Testers typed `:next` at a question to "go on" (the banner says Enter
/// and :next go on after reading) and lost the question: it skipped and
/// printed the answer. At a question only `:skip` skips.
#[test]
fn next_at_a_question_keeps_it_open_and_skip_still_skips() {
    let out = pipe_lesson("1", ":next\n:next\n:next\n:next\n:next\n:skip\n".into());
    assert_in_order(
        &out.stdout,
        &[
            "This step is a question. Type your answer, or :skip",
            "Skipped. The answer: f = 3*x**2 - 4*x + 5",
        ],
    );
    let before_skip = out.stdout.split("Skipped.").next().unwrap();
    assert!(!before_skip.contains("The answer"), "{before_skip}");
}

/// After finishing lesson 7, a lesson command outside a lesson suggested
/// `:lesson 1`; it suggests the lesson after the furthest one finished.
#[test]
fn outside_a_lesson_the_suggestion_is_the_next_lesson_not_the_first() {
    let d = temp_dir();
    let skips = ":skip\n".repeat(40);
    let out = capture(
        micrograd(d.path())
            .args(["lesson", "7"])
            .write_stdin(skips.clone()),
    );
    assert!(out.ok);
    assert_in_order(
        &out.stdout,
        &[
            "✓ Lesson 7 complete",
            "You are not in a lesson",
            ":lesson 8",
        ],
    );
    assert!(!out.stdout.contains(":lesson 1"), "{}", out.stdout);
    // A learner who has finished nothing is sent to the first lesson.
    let fresh = piped(&temp_dir(), ":skip\n");
    assert!(
        fresh.stdout.contains(":lesson 1 to start"),
        "{}",
        fresh.stdout
    );
}

#[test]
fn global_flags_work_before_and_after_the_lessons_subcommand() {
    let d = temp_dir();
    for args in [
        &["--color", "never", "lessons"][..],
        &["lessons", "--color", "never"],
        &["--color", "always", "lessons"],
    ] {
        let out = with_args(&d, args);
        assert!(out.ok, "{args:?}: {}", out.stderr);
        let stdout = out.stdout;
        assert!(
            stdout.contains("What a derivative is"),
            "{args:?}: {stdout}"
        );
        assert_eq!(
            stdout.contains('\x1b'),
            args.contains(&"always"),
            "{args:?}"
        );
    }
    let out = with_args(&d, &["--color", "never", "lessons", "check"]);
    assert!(out.ok);
}

fn typed(answer: &str) -> Question {
    Question {
        prompt: String::new(),
        kind: QuestionKind::Type {
            answer: answer.into(),
        },
        hints: vec!["h".into()],
        explain: None,
        reveal: None,
        truth: None,
        right: Vec::new(),
        wrong: Vec::new(),
        mistakes: Vec::new(),
        require: Vec::new(),
        answer_on_screen: None,
        answer_readable: None,
        look_gives_answer: None,
        call: None,
        compare: Vec::new(),
    }
}

#[test]
fn grading_by_meaning_accepts_equivalent_forms_and_rejects_others() {
    let mut session = Session::new();
    session
        .run("a = 2.0; b = -3.0; c = 10.0", &mut Vec::new())
        .unwrap();
    let question = typed("d = a*b + c");
    for right in ["a*b + c", "c + b*a", "(a*b)+c", "d = c + a*b"] {
        assert_eq!(
            judge(&session, &question, right),
            Ok(Verdict::Right),
            "{right}"
        );
    }
    for wrong in ["a*b - c", "d = 4", "a*b + c*c/10", "a + b + c"] {
        assert!(
            matches!(judge(&session, &question, wrong), Ok(Verdict::Wrong(_))),
            "{wrong} should be wrong"
        );
    }
}

/// At a terminal, text steps wait for Enter; lines typed meanwhile run in
/// the lesson's session; `:back` returns to the previous step.
#[test]
fn at_a_terminal_text_steps_wait_for_enter() {
    use micrograd::console::{Console, RunAll};
    use micrograd::lesson::catalog::Catalog;
    use micrograd::lesson::runner::{Flow, LessonRun};
    use micrograd::render::diagnostic::Origin;
    use micrograd::text::Palette;

    let lesson = Catalog::embedded().entries[0].lesson.clone().unwrap();
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let mut run = LessonRun::start(1, lesson, &console, 0, true, &mut out, &mut RunAll)
        .expect("a Vec takes every write");
    let feed = |run: &mut LessonRun, line: &str| -> (Flow, String) {
        let mut out = Vec::new();
        let origin = Origin::Prompt { prompt_width: 4 };
        let flow = run
            .feed(line, origin, &mut out, &mut RunAll)
            .expect("a Vec takes every write");
        (flow, String::from_utf8(out).expect("lessons write UTF-8"))
    };
    let shown = String::from_utf8(out).expect("lessons write UTF-8");
    assert!(
        shown.contains("Welcome!") && !shown.contains("In this tool"),
        "{shown}"
    );
    assert_eq!(run.prompt(), "[1/13] press Enter ");

    let (_, shown) = feed(&mut run, "");
    assert!(shown.contains("In this tool"), "{shown}");
    let (_, shown) = feed(&mut run, "40 + 2");
    assert_eq!(shown.trim(), "42");
    assert_eq!(run.prompt(), "[2/13] press Enter ");

    let (_, shown) = feed(&mut run, ":next");
    assert!(shown.contains(">>> x = 3.0\nx = 3"), "{shown}");
    let (_, shown) = feed(&mut run, "");
    assert!(shown.contains("Define f"), "{shown}");
    assert_eq!(run.prompt(), "[4/13] >>> ");

    let (_, shown) = feed(&mut run, "f = x*x");
    assert!(shown.contains("Not quite"), "{shown}");
    let (_, shown) = feed(&mut run, ":back");
    assert!(shown.contains(">>> x = 3.0"), "{shown}");
    assert_eq!(run.prompt(), "[3/13] press Enter ");

    let (flow, _) = feed(&mut run, ":quit");
    assert_eq!(flow, Flow::Left);
}

/// A training loop pasted while lesson 18 waits for Enter runs and prints,
/// but the weights it moved are put back (the lesson's next steps state
/// numbers for the start weights), and the learner is told; a line that
/// only adds a name keeps it.
#[test]
fn a_loop_pasted_at_a_pause_does_not_move_the_lessons_weights() {
    let (mut run, _) = started_at_a_terminal(18);
    let mut feed = |line: &str| fed(&mut run, line);
    feed("");
    let weights = "print(sum(p.data for p in n.parameters()))";
    let first = feed(weights);
    let pasted = "for k in range(3):\n    ypred = [n(x) for x in xs]\n    \
                  loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n    \
                  for p in n.parameters():\n        p.grad = 0.0\n    \
                  loss.backward()\n    for p in n.parameters():\n        \
                  p.data += -0.1 * p.grad\n    print(k, loss.data)";
    let shown = feed(pasted);
    assert_in_order(&shown, &["0 2.64", "1 1.18", "2 0.74", "That changed `n`"]);
    assert_eq!(feed(weights), first, "the start weights are back");
    assert_eq!(feed("z = 5").trim(), "z = 5");
    assert_eq!(feed("z").trim(), "5", "a new name is kept");
}

#[test]
fn hostile_answers_never_crash_a_lesson() {
    let huge = "1+".repeat(60_000) + "1";
    let lines = [
        ":lesson 3",
        ":back",
        ":back",
        ":",
        ":lesson",
        ":quit",
        ":lesson 3",
        "",
        "L = ",
        "L = d * f; L = d",
        "L.backward()",
        "x.data = 3",
        "\u{1F600}",
        &huge,
        "0/0",
        ":hint",
        ":hint",
        ":hint",
        "L = d * f",
        "1e999",
        "-(-(-(2)))",
        "show L",
        ":vars",
        ":nonsense",
        ":skip",
        ":lessons",
        ":lesson 0",
        ":lesson -1",
        ":quit",
        ":quit",
    ];
    let d = temp_dir();
    let out = capture(
        micrograd(d.path())
            .write_stdin(lines.join("\n") + "\n")
            .timeout(std::time::Duration::from_secs(60)),
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_in_order(
        &out.stdout,
        &[
            "Lesson 3",
            "This is the first step",
            "✗ Not quite",
            "Hint 1/1",
            "✓ Right.",
            "There is no lesson `0`",
        ],
    );
}

/// At a `predict` or `choose` question, statements (a `show`, an
/// assignment, a `;` line, a graph action) run in the lesson's session and
/// the question stays open; numbers and expressions are still graded, a
/// wrong one with its hint; `:back` after rebinding a lesson name rebuilds
/// the lesson's own session.
#[test]
fn statements_typed_at_a_question_run_and_the_question_stays_open() {
    let still_open = "(ran that; the question is still open — type your answer)";
    let answers = [
        "L = d * f",
        // At the predict question on d.grad.
        "show L",
        "y = f * 10",
        "z = f + 1; z * 2",
        "3",
        "2*-1",
        ":skip",
        ":skip",
        ":skip",
        ":skip",
        ":skip",
        // At the choose question.
        "show L",
        "w = 7",
        "q = 1; q += 2; q",
        "L.zero_grad()",
        "3",
        "a = 100",
        ":back",
        "3",
        "2",
    ];
    let out = pipe_lesson("3", answers.join("\n") + "\n");
    assert_in_order(
        &out.stdout,
        &[
            "what is d.grad",
            "L = d * f          -8     0",
            still_open,
            "y = -20",
            still_open,
            "-2",
            still_open,
            "✗ Not quite: 3 — that is too high.",
            "Hint 1/2",
            "✓ Right.",
            "And f.grad?",
            "In one sentence, the chain rule says:",
            "L = d * f          -8     1",
            still_open,
            "w = 7",
            still_open,
            "3",
            still_open,
            still_open,
            "✗ Not quite: option 3 is not it.",
            "Hint: Only L.grad starts at 1.",
            "a = 100",
            still_open,
            "How many steps will it take",
            "✓ Right.",
            "In one sentence, the chain rule says:",
            "✓ Right.",
            "✓ Lesson 3 complete",
        ],
    );
    assert_eq!(out.stdout.matches(still_open).count(), 8, "{}", out.stdout);
    for refusal in ["type just a number", "type the number of an option"] {
        assert!(!out.stdout.contains(refusal), "{}", out.stdout);
        assert!(!out.stderr.contains(refusal), "{}", out.stderr);
    }
}

/// A prediction is graded against the session as the question found it:
/// a learner who runs the very step the question asks about sees 2.5, and
/// 2.5 is still right (the lesson's reveal then takes the step again).
#[test]
fn running_the_step_a_prediction_asks_about_keeps_the_answer_right() {
    let answers = ["L = (w*x - y)**2", "-20", "w.data -= 0.1 * w.grad", "2.5"];
    let out = pipe_lesson("9", answers.join("\n") + "\n");
    assert_in_order(
        &out.stdout,
        &[
            "What will w be after",
            "w.data = 2.5",
            "(ran that; the question is still open",
            "✓ Right.",
            "And L, once w is 2.5?",
        ],
    );
    assert!(!out.stdout.contains("✗ Not quite"), "{}", out.stdout);
}

#[test]
fn back_in_a_pipe_returns_to_the_previous_question_with_its_session() {
    let out = piped(&temp_dir(), ":lesson 4\n2\n:back\n2\nf = e*d\n");
    assert!(out.ok, "{}", out.stderr);
    assert_in_order(
        &out.stdout,
        &[
            "what will a.grad be?",
            "✓ Right.",
            "Bind f to d times e.",
            // :back
            "what will a.grad be?",
            "✓ Right.",
            "Bind f to d times e.",
            "f = -6",
            "✓ Right.",
        ],
    );
}

/// Prose, questions, options, hints and explanations are wrapped to 80
/// columns between words, options and hints hanging under their text;
/// indented code in a lesson's text is left exactly as written.
#[test]
fn lesson_prose_wraps_at_words_and_code_lines_stay_whole() {
    use micrograd::console::{Console, RunAll};
    use micrograd::lesson::format;
    use micrograd::lesson::runner::LessonRun;
    use micrograd::render::diagnostic::Origin;
    use micrograd::text::Palette;

    let sentence = "the gradient says which way makes the loss smaller, for small enough steps";
    let long = format!("{sentence}, {sentence}, {sentence}");
    let code = "    L = (a * b + c) * f + (a * b + c) * f + (a * b + c) * f + (a * b + c) * f";
    let source = format!(
        "title = \"Wrap\"\nsummary = \"S\"\n\n[[step]]\nsay = \"\"\"\n{long}\n{code}\"\"\"\n\n\
         [[step]]\nchoose = \"{long}?\"\noptions = [\"{long}\", \"short\"]\nanswer = 2\nwrong = [1]\n\
         hints = [\"{long}\"]\nexplain = \"{long}\"\n"
    );
    let lesson = format::parse("wrap.toml", &source).unwrap();
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let mut run = LessonRun::start(1, lesson, &console, 0, false, &mut out, &mut RunAll)
        .expect("a Vec takes every write");
    let origin = Origin::Prompt { prompt_width: 4 };
    run.feed("1", origin, &mut out, &mut RunAll)
        .expect("a Vec takes every write");
    run.feed("2", origin, &mut out, &mut RunAll)
        .expect("a Vec takes every write");
    let shown = String::from_utf8(out).expect("lessons write UTF-8");

    assert!(
        shown.lines().any(|l| l == code),
        "code kept whole:\n{shown}"
    );
    for line in shown.lines().filter(|l| *l != code) {
        assert!(line.chars().count() <= 80, "too wide: {line}\n{shown}");
    }
    // The option's continuation lines hang under its text.
    let option = shown
        .lines()
        .skip_while(|l| !l.starts_with("  1) "))
        .take_while(|l| !l.starts_with("  2) "))
        .collect::<Vec<_>>();
    assert!(option.len() > 1, "{shown}");
    assert!(
        option[1..]
            .iter()
            .all(|l| l.starts_with("     ") && !l.starts_with("      ")),
        "{shown}"
    );
    // The hint after the wrong answer hangs under its label's text.
    let hint = shown
        .lines()
        .skip_while(|l| !l.starts_with("Hint 1/1: "))
        .nth(1)
        .expect("the hint goes on");
    assert!(
        hint.starts_with("          ") && !hint.starts_with("           "),
        "{shown}"
    );
    // No word was broken: every word of the sentence is whole somewhere.
    let words: Vec<&str> = shown.split_whitespace().collect();
    for word in sentence.split_whitespace() {
        assert!(words.contains(&word), "{word} broken:\n{shown}");
    }
}

/// Lesson `number` started as at a terminal (it waits for Enter after
/// text), and what it wrote on starting.
fn started_at_a_terminal(number: usize) -> (micrograd::lesson::runner::LessonRun, String) {
    use micrograd::console::{Console, RunAll};
    use micrograd::lesson::catalog::Catalog;
    use micrograd::lesson::runner::LessonRun;
    use micrograd::text::Palette;

    let catalog = Catalog::embedded();
    let entry = catalog
        .find(&number.to_string())
        .expect("the lesson exists");
    let lesson = entry.lesson.clone().expect("the lesson loads");
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let run = LessonRun::start(number, lesson, &console, 0, true, &mut out, &mut RunAll)
        .expect("a Vec takes every write");
    (run, String::from_utf8(out).expect("lessons write UTF-8"))
}

/// What `run` writes when the learner types `line`.
fn fed(run: &mut micrograd::lesson::runner::LessonRun, line: &str) -> String {
    use micrograd::console::RunAll;
    use micrograd::render::diagnostic::Origin;

    let mut out = Vec::new();
    run.feed(
        line,
        Origin::Prompt { prompt_width: 4 },
        &mut out,
        &mut RunAll,
    )
    .expect("a Vec takes every write");
    String::from_utf8(out).expect("lessons write UTF-8")
}

/// Everything lesson `number` writes when taken at a terminal, fed
/// `typed` and then `:skip` until it ends.
fn walk_at_a_terminal(number: usize, typed: &[&str]) -> String {
    let (mut run, mut out) = started_at_a_terminal(number);
    for line in typed.iter().copied().chain([":skip"; 80]) {
        out.push_str(&fed(&mut run, line));
    }
    assert!(out.contains(&format!("Lesson {number} complete")), "{out}");
    out
}

/// Finding C28: a look that builds a network at a pause of lesson 18
/// (`m0 = MLP(2, [3])`) took the weights the lesson's own `n` was to get,
/// and every number the lesson quotes came out different: "It diverges:
/// 2, 7, 75, 1245", the ReLU network's loss 4. The lesson draws from its
/// own stream, so it prints the same numbers with the look as without.
#[test]
fn a_look_that_builds_a_network_does_not_change_the_lessons_numbers() {
    let numbers_printed = |typed: &[&str]| -> Vec<String> {
        walk_at_a_terminal(18, typed)
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_digit() || c == '['))
            .map(String::from)
            .collect()
    };
    let plain = numbers_printed(&[]);
    assert!(
        plain.iter().any(|line| line.starts_with("19 4.0")),
        "{plain:?}"
    );
    assert_eq!(numbers_printed(&["m0 = MLP(2, [3])"]), plain);
}

/// Finding B28: `:reset` at a pause of lesson 11 forgot the lesson's
/// names, and every step after it said "This question is broken". Inside
/// a lesson it does not run, and says how to start again or leave.
#[test]
fn reset_inside_a_lesson_keeps_the_lessons_names() {
    let out = walk_at_a_terminal(11, &[":reset"]);
    assert!(
        out.contains(":reset is off inside a lesson: it would forget"),
        "{out}"
    );
    assert!(!out.contains("is broken"), "{out}");
    assert!(!out.contains("is not defined"), "{out}");
    // Finding A418: `:lesson 11` alone resumes where the learner is.
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(":lesson 11, then `restart`, starts it again"),
        "{out}"
    );
}
