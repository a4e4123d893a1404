//! Lessons as a learner and as CI meet them: `lessons check` over the
//! shipped course and over broken files, a piped walk through lesson 1,
//! progress across restarts, grading by meaning, and the CLI's flags.

use assert_cmd::Command;
use micrograd::eval::Session;
use micrograd::lesson::format::{Question, QuestionKind};
use micrograd::lesson::grade::{judge, Verdict};

fn micrograd(data_dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("micrograd").expect("binary builds");
    cmd.env("MICROGRAD_DATA_DIR", data_dir.path())
        .env_remove("NO_COLOR");
    cmd
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that `parts` occur in `haystack` in this order.
fn assert_in_order(haystack: &str, parts: &[&str]) {
    let mut rest = haystack;
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => panic!("`{part}` missing (or out of order) in:\n{haystack}"),
        }
    }
}

/// Writes `source` to `name` in a temp dir and runs `lessons check` on it;
/// returns whether it passed and its stderr.
fn check_file(name: &str, source: &str) -> (bool, String, std::path::PathBuf) {
    let d = dir();
    let file = d.path().join(name);
    std::fs::write(&file, source).unwrap();
    let out = micrograd(&d)
        .args(["lessons", "check"])
        .arg(&file)
        .output()
        .unwrap();
    (out.status.success(), text(&out.stderr), file)
}

const GOOD_HEAD: &str = "title = \"Test\"\nsummary = \"A test lesson\"\n\n[[step]]\nrun = \"a = 2.0\\nb = -3.0\\nL = a*b\"\n\n";

#[test]
fn shipped_lessons_pass_their_own_check() {
    let d = dir();
    let out = micrograd(&d).args(["lessons", "check"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("8 lessons"), "{stdout}");
    assert!(stdout.contains("every step checks out"), "{stdout}");
}

#[test]
fn check_fails_with_file_and_line_on_a_wrong_expected_answer() {
    // Line 7 is the [[step]] header of the prediction: a.grad is -3, not 3.
    let source = format!(
        "{GOOD_HEAD}[[step]]\npredict = \"a.grad?\"\nanswer = 3\nreveal = \"L.backward()\\na.grad\"\nhints = [\"b\"]\n"
    );
    let (passed, stderr, file) = check_file("wrong.toml", &source);
    assert!(!passed);
    let location = format!("{}:7:", file.display());
    assert!(stderr.contains(&location), "{stderr}");
    assert!(stderr.contains("tool computes: -3"), "{stderr}");
}

#[test]
fn check_fails_when_a_listed_wrong_answer_is_judged_right() {
    let source = format!(
        "{GOOD_HEAD}[[step]]\ntype = \"d?\"\nanswer = \"d = a*b + 1\"\nwrong = [\"1 + b*a\"]\nhints = [\"h\"]\n"
    );
    let (passed, stderr, _) = check_file("examples.toml", &source);
    assert!(!passed);
    assert!(stderr.contains("examples.toml:7:"), "{stderr}");
    assert!(
        stderr.contains("listed as wrong but judged right"),
        "{stderr}"
    );
}

#[test]
fn malformed_lesson_file_names_file_and_line_without_panicking() {
    let d = dir();
    let lessons = d.path().join("lessons");
    std::fs::create_dir_all(&lessons).unwrap();
    let broken = lessons.join("90-broken.toml");
    std::fs::write(
        &broken,
        "title = \"Broken\"\nsummary = \"x\"\n\n[[step]]\nsay = \"unterminated\n",
    )
    .unwrap();
    let out = micrograd(&d).args(["lessons", "check"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:5:", broken.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The list still shows every lesson, the broken one marked as such.
    let out = micrograd(&d).arg("lessons").output().unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("What a derivative is"), "{stdout}");
    assert!(stdout.contains("broken:"), "{stdout}");
    assert!(stdout.contains("90-broken.toml:5:"), "{stdout}");

    // Starting it explains instead of crashing.
    let out = micrograd(&d)
        .write_stdin(":lesson 9\n1 + 1\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("This lesson file is broken"), "{stdout}");
    assert!(stdout.contains('2'), "{stdout}");
}

#[test]
fn a_step_with_two_kinds_is_a_clear_error() {
    let (passed, stderr, _) = check_file(
        "two.toml",
        "title = \"T\"\nsummary = \"S\"\n\n[[step]]\nsay = \"a\"\nrun = \"b = 1\"\n",
    );
    assert!(!passed);
    assert!(stderr.contains("two.toml:4:"), "{stderr}");
    assert!(stderr.contains("exactly one of say, run"), "{stderr}");
}

/// Lesson 1 from start to finish through a pipe: one wrong answer (which
/// earns the first hint), one `:hint` (the second), then right answers,
/// a prediction typed as an expression, and a skip.
#[test]
fn piped_walk_through_lesson_one() {
    let d = dir();
    let answers = [
        ":lesson 1",
        "f = 3*x**2 + 4*x + 5",
        ":hint",
        "f = 5 - 4*x + 3*x*x",
        "(f_nudged - f) / h",
        "slope = 14",
        ":skip",
        "-2*-7",
        "2",
    ];
    let out = micrograd(&d)
        .write_stdin(answers.join("\n") + "\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_in_order(
        &stdout,
        &[
            "Lesson 1: What a derivative is",
            ">>> x = 3.0",
            "Define f as 3x² − 4x + 5",
            "✗ Not quite: your answer gives 44",
            "Hint 1/2: Start with",
            "Hint 2/2: Type exactly",
            "f = 20",
            "✓ Right.",
            ">>> f_nudged = 3*(x + h)**2 - 4*(x + h) + 5",
            "Roughly what number",
            "✓ Right.",
            "14.003",
            "bind slope to 6x − 4",
            "✗ Not quite: the value is right for now, but it is not the same formula",
            "Hint 1/2",
            "Skipped. The answer: slope = 6*x - 4",
            "slope = 14",
            "what will x.grad be?",
            "✓ Right.",
            ">>> f.backward()",
            "14",
            "2) nudging x up",
            "✓ Right.",
            "✓ Lesson 1 complete: What a derivative is.",
            "Next: :lesson 2 (Sum and product)",
        ],
    );

    let out = micrograd(&d).arg("lessons").output().unwrap();
    let listing = text(&out.stdout);
    let line = listing
        .lines()
        .find(|l| l.contains("What a derivative is"))
        .unwrap();
    assert!(line.contains("done ✓"), "{listing}");
}

#[test]
fn progress_survives_quitting_mid_lesson_and_restarting() {
    let d = dir();
    // First run: answer the first question, then the program ends (end of
    // input) in the middle of the lesson.
    let out = micrograd(&d)
        .write_stdin(":lesson 1\nf = 3*x**2 - 4*x + 5\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(d.path().join("progress.json").exists());

    let out = micrograd(&d).arg("lessons").output().unwrap();
    let listing = text(&out.stdout);
    assert!(listing.contains("step 7 of 13"), "{listing}");

    // Second run: asked whether to continue; Enter continues at the same
    // question, with the lesson's earlier names rebuilt (f_nudged, h).
    let out = micrograd(&d)
        .write_stdin(":lesson 1\n\n14\n:quit\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_in_order(
        &stdout,
        &[
            "You stopped at step 7 of 13",
            "Roughly what number",
            "✓ Right.",
            "14.003",
            "Left lesson 1 at step 9 of 13",
        ],
    );
    assert!(!stdout.contains("Define f as"), "resumed, not restarted");

    // Third run: restart from the beginning on request.
    let out = micrograd(&d)
        .write_stdin(":lesson 1\nrestart\n")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_in_order(
        &stdout,
        &["You stopped at step 9 of 13", "Welcome!", "Define f as"],
    );
}

#[test]
fn quit_in_a_lesson_leaves_the_lesson_not_the_program() {
    let d = dir();
    let out = micrograd(&d)
        .write_stdin(":lesson 2\n:quit\nz = 40 + 2\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert_in_order(&stdout, &["Left lesson 2", "z = 42"]);
}

#[test]
fn back_and_skip_move_between_steps_and_every_step_can_be_skipped() {
    let d = dir();
    let skips = ":skip\n".repeat(40);
    let out = micrograd(&d)
        .write_stdin(format!(":lesson 4\n:back\n{skips}"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert_in_order(&stdout, &["Skipped. The answer: 2", "✓ Lesson 4 complete"]);
    assert!(!stdout.contains("could not rebuild"), "{stdout}");
    assert!(!stdout.contains("broken"), "{stdout}");
}

#[test]
fn lesson_subcommand_starts_a_lesson_by_name() {
    let d = dir();
    let out = micrograd(&d)
        .args(["--color", "never", "lesson", "zero"])
        .write_stdin("-6\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert_in_order(
        &stdout,
        &["Lesson 8: The zero_grad pitfall", "✓ Right.", "-6"],
    );

    let out = micrograd(&d).args(["lesson", "99"]).output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stdout).contains("There is no lesson `99`"));
}

#[test]
fn lesson_commands_outside_a_lesson_say_so() {
    let d = dir();
    let out = micrograd(&d)
        .write_stdin(":hint\n:next\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).matches("You are not in a lesson").count(),
        2
    );
}

#[test]
fn global_flags_work_before_and_after_the_lessons_subcommand() {
    let d = dir();
    for args in [
        &["--color", "never", "lessons"][..],
        &["lessons", "--color", "never"],
        &["--color", "always", "lessons"],
    ] {
        let out = micrograd(&d).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
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
    let out = micrograd(&d)
        .args(["--color", "never", "lessons", "check"])
        .output()
        .unwrap();
    assert!(out.status.success());
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
        right: Vec::new(),
        wrong: Vec::new(),
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
    use micrograd::render::Palette;

    let lesson = Catalog::embedded().entries[0].lesson.clone().unwrap();
    let console = Console::new(Palette::plain());
    let mut out = Vec::new();
    let mut run = LessonRun::start(1, lesson, &console, 0, true, &mut out, &mut RunAll);
    let feed = |run: &mut LessonRun, line: &str| -> (Flow, String) {
        let mut out = Vec::new();
        let origin = Origin::Prompt { prompt_width: 4 };
        let flow = run.feed(line, origin, &mut out, &mut RunAll);
        (flow, text(&out))
    };
    let shown = text(&out);
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

#[test]
fn hostile_answers_never_crash_a_lesson() {
    let d = dir();
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
    let out = micrograd(&d)
        .write_stdin(lines.join("\n") + "\n")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_in_order(
        &stdout,
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

#[test]
fn back_in_a_pipe_returns_to_the_previous_question_with_its_session() {
    let d = dir();
    let out = micrograd(&d)
        .write_stdin(":lesson 4\n2\n:back\n2\nf = e*d\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_in_order(
        &stdout,
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
