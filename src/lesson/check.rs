//! `lessons check`: replays a lesson with its own answers, as rustlings
//! checks its exercises, so a lesson can never ship broken. Every `run`
//! line must run; every question's own answer must be judged right (for a
//! `predict` with a `reveal`, the author's number must equal what the tool
//! computes); every `right` example must be judged right (and be an
//! answer, not a look around) and every `wrong` example or listed mistake
//! wrong. Then the promises to the learner: each `right` alternative of a
//! `type` question is replayed through the rest of the lesson, bound as the
//! runner would bind it, and must leave every later expected answer as it
//! was; looking around at a question (a bare name, `x.grad`, `show`) is
//! never graded and changes nothing; and no prediction's answer is on
//! screen before it is asked, nor readable then (the read its reveal ends
//! with, `e.grad`, already showing it). Failures name `FILE:LINE` of the
//! step.

use std::fmt;

use super::format::{Lesson, Question, QuestionKind, Step, StepKind};
use super::grade::{self, Verdict};
use super::{mistake, play, structure, told};
use crate::console::{Console, RunAll};
use crate::eval::{Session, Value};
use crate::text::Palette;

/// One broken step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The lesson file.
    pub file: String,
    /// The step's line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What a step expects, compared between replays.
#[derive(Clone, Debug, PartialEq)]
enum Expected {
    /// A prediction's true number, or why it has none.
    Number(Result<f64, String>),
    /// Whether a `type` question's own answer is still right.
    OwnAnswer(bool),
    /// Whether a `run` step still runs.
    Runs(bool),
}

impl Expected {
    fn agrees(&self, other: &Expected) -> bool {
        match (self, other) {
            (Expected::Number(Ok(a)), Expected::Number(Ok(b))) => {
                a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
            }
            _ => self == other,
        }
    }

    fn describe(&self) -> String {
        match self {
            Expected::Number(Ok(x)) => crate::text::number::full(*x),
            Expected::Number(Err(e)) => format!("no number ({e})"),
            Expected::OwnAnswer(true) => "its own answer right".into(),
            Expected::OwnAnswer(false) => "its own answer wrong".into(),
            Expected::Runs(true) => "it runs".into(),
            Expected::Runs(false) => "it fails".into(),
        }
    }
}

/// Replays `lesson` (from `file`) and returns every broken step.
pub fn check_lesson(file: &str, lesson: &Lesson) -> Vec<Failure> {
    let mut console = Console::new(Palette::plain());
    let mut failures = Vec::new();
    let mut expected: Vec<Option<Expected>> = vec![None; lesson.steps.len()];
    let mut branches: Vec<(usize, Session)> = Vec::new();
    // What the learner has read since the last question.
    let mut on_screen = String::new();
    for (index, step) in lesson.steps.iter().enumerate() {
        let mut fail = |message: String| {
            failures.push(Failure {
                file: file.to_string(),
                line: step.line,
                message,
            })
        };
        let mut output = Vec::new();
        let done = match &step.kind {
            StepKind::Say(text) if text.trim().is_empty() => Err("`say` has no text".into()),
            StepKind::Say(text) => {
                on_screen.push('\n');
                on_screen.push_str(text);
                Ok(())
            }
            StepKind::Run(code) => {
                let ran = play::run_code(&mut console, code, true, &mut output, &mut RunAll);
                expected[index] = Some(Expected::Runs(ran.is_ok()));
                on_screen.push_str(&String::from_utf8_lossy(&output));
                ran
            }
            StepKind::Question(question) => {
                on_screen.push('\n');
                on_screen.push_str(&question.prompt);
                check_question(&console.session, question, &on_screen, &mut fail);
                check_looks(&mut console, question, &mut fail);
                expected[index] = expectation(&console.session, question);
                if matches!(question.kind, QuestionKind::Type { .. }) && !question.right.is_empty()
                {
                    branches.push((index, console.session.clone()));
                }
                let statement = play::own_statement(question);
                let finished = play::finish_question(
                    &mut console,
                    question,
                    statement.as_deref(),
                    &mut output,
                    &mut RunAll,
                );
                on_screen = String::from_utf8_lossy(&output).into_owned();
                on_screen.push('\n');
                on_screen.push_str(question.explain.as_deref().unwrap_or(""));
                finished
            }
        };
        if let Err(message) = done {
            let printed = String::from_utf8_lossy(&output);
            let detail = printed.trim();
            fail(if detail.is_empty() {
                message
            } else {
                format!("{message}:\n{detail}")
            });
        }
    }
    for (index, session) in branches {
        let step = &lesson.steps[index];
        let StepKind::Question(question) = &step.kind else {
            continue;
        };
        for alternative in &question.right {
            if let Some(message) =
                replay_alternative(lesson, index, &session, question, alternative, &expected)
            {
                failures.push(Failure {
                    file: file.to_string(),
                    line: step.line,
                    message,
                });
            }
        }
    }
    failures
}

/// The question's own answer, its examples and its mistakes, judged in
/// `session`; and its answer not on screen before it is asked.
/// The number a hint that starts "About -7.29." gives as the rough
/// answer: a learner types it, so it must be judged right. (A hint that
/// says "the rise is about 0.014" midway names a step, not the answer.)
fn hinted_number(hint: &str) -> Option<String> {
    let rest = hint.trim_start().strip_prefix("About ")?.replace('−', "-");
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
        .collect();
    let number = number.trim_end_matches('.');
    number.parse::<f64>().ok().map(|_| number.to_string())
}

fn check_question(
    session: &Session,
    question: &Question,
    on_screen: &str,
    fail: &mut dyn FnMut(String),
) {
    let own = question.answer_text();
    let judged = |answer: &str| structure::judge_asked(session, session, question, answer);
    match judged(&own) {
        Ok(Verdict::Right) => {}
        Ok(_) if matches!(question.kind, QuestionKind::Predict { .. }) => {
            let truth = grade::true_number(session, question, &own)
                .map_or_else(|e| e, crate::text::number::full);
            fail(format!(
                "its answer `{own}` disagrees with what the tool computes: {truth}"
            ))
        }
        Ok(verdict) => fail(format!(
            "its own answer `{own}` is judged wrong ({})",
            describe(&verdict)
        )),
        Err(bug) => fail(bug),
    }
    for example in &question.right {
        match judged(example) {
            Ok(Verdict::Right) => {}
            Ok(verdict) => fail(format!(
                "`{example}` is listed as right but judged wrong ({})",
                describe(&verdict)
            )),
            Err(bug) => fail(bug),
        }
        if grade::is_exploration(session, question, example) {
            fail(format!(
                "`{example}` is listed as right, but typed at the question it only looks around (it is never graded)"
            ));
        }
    }
    if matches!(question.kind, QuestionKind::Predict { .. }) {
        for hint in &question.hints {
            if let Some(about) = hinted_number(hint) {
                if !matches!(judged(&about), Ok(Verdict::Right)) {
                    fail(format!(
                        "the hint `{hint}` says about {about}, but typing {about} is judged wrong"
                    ));
                }
            }
        }
    }
    let mistakes = question.mistakes.iter().map(|m| &m.answer);
    for example in question.wrong.iter().chain(mistakes) {
        if judged(example) == Ok(Verdict::Right) {
            fail(format!("`{example}` is listed as wrong but judged right"));
        }
    }
    for listed in &question.mistakes {
        let aimed = mistake::aimed_hint(session, session, question, &listed.answer);
        if aimed.as_deref() != Some(listed.hint.as_str()) {
            fail(format!(
                "the mistake `{}` gets {} instead of its own hint",
                listed.answer,
                aimed.map_or("no aimed hint".to_string(), |h| format!("the hint `{h}`"))
            ));
        }
    }
    let opted_out = question.answer_on_screen.is_some()
        || question.answer_readable.is_some()
        || question.look_gives_answer.is_some();
    if matches!(question.kind, QuestionKind::Choose { .. })
        && !opted_out
        && question.reveal.as_deref().is_some_and(grade::only_shows)
    {
        fail("its reveal only shows what the session already holds, so typing it at the question answers it: let the reveal do the work (the backward, the training), or say why: look_gives_answer = \"...\"".into());
    }
    if matches!(question.kind, QuestionKind::Predict { .. }) && question.answer_on_screen.is_none()
    {
        if let Some(line) = told::gives_away(on_screen, &own) {
            fail(format!(
                "its answer {own} is on screen before it is asked: `{line}`"
            ));
        } else if question.answer_readable.is_none() && question.look_gives_answer.is_none() {
            // On screen is readable too: said once.
            if let Some((read, now)) = readable_answer(session, question) {
                fail(format!(
                    "its answer is readable before it is asked: `{read}` already shows {} here, so it is a reading, not a prediction (ask it before the step that computes it, or say why reading it is the point: answer_readable = \"...\")",
                    crate::text::number::full(now)
                ));
            }
        }
    }
}

/// The read a prediction's reveal ends with (`e.grad`, `L`, `w.data`),
/// when typed at the question it already shows the answer: the lesson ran
/// the backward pass or the nudge before asking, and the learner's look
/// (`e.grad`, `show d`) is the answer. Only reads count (a formula the
/// learner must work out is their answer), and a gradient no backward pass
/// has reached yet counts as unknown, not as 0. Gives the read and what
/// it shows.
fn readable_answer(session: &Session, question: &Question) -> Option<(String, f64)> {
    let QuestionKind::Predict { tolerance, .. } = &question.kind else {
        return None;
    };
    let reveal = question.reveal.as_deref().or(question.truth.as_deref())?;
    let last = play::inputs(reveal).pop()?;
    let now = grade::read_now(session, &last)?;
    let truth = grade::true_number(session, question, &question.answer_text()).ok()?;
    let close = (now - truth).abs() <= tolerance.max(1e-9 * truth.abs());
    close.then(|| (last.trim().to_string(), now))
}

/// Looks around at `question` as a learner would (each name, each node's
/// `.grad`, `show` of the newest node): each must run without being taken
/// for an answer, and none may change a value, a gradient or a name.
fn check_looks(console: &mut Console, question: &Question, fail: &mut dyn FnMut(String)) {
    let session = &console.session;
    let mut looks = Vec::new();
    for (name, value) in session.bindings().iter().rev().take(6) {
        looks.push(name.clone());
        if matches!(value, Value::Node(_)) {
            looks.push(format!("{name}.grad"));
        }
    }
    if let Some((name, _)) = session
        .bindings()
        .iter()
        .rev()
        .find(|(_, v)| matches!(v, Value::Node(_)))
    {
        looks.push(format!("show {name}"));
    }
    let before = state_of(session);
    for look in looks {
        if !grade::is_exploration(&console.session, question, &look) {
            if !matches!(question.kind, QuestionKind::Type { .. }) {
                fail(format!(
                    "looking around with `{look}` would be graded as an answer"
                ));
            }
            continue;
        }
        let mut sink = Vec::new();
        let origin = crate::render::diagnostic::Origin::Prompt { prompt_width: 4 };
        console.execute(&look, origin, &mut sink, &mut RunAll);
    }
    if state_of(&console.session) != before {
        fail("looking around (names, .grad, show) changed the session".into());
    }
}

/// Every node's value and gradient, and the names: what a look must not
/// change.
fn state_of(session: &Session) -> (Vec<(u64, u64)>, Vec<String>) {
    let graph = &session.graph;
    let nodes = (0..graph.len() as u32)
        .map(|i| {
            let id = crate::engine::NodeId(i);
            (graph.value(id).to_bits(), graph.grad(id).to_bits())
        })
        .collect();
    let names = session.bindings().iter().map(|(n, _)| n.clone()).collect();
    (nodes, names)
}

/// What `question` expects in `session`.
fn expectation(session: &Session, question: &Question) -> Option<Expected> {
    let own = question.answer_text();
    match &question.kind {
        QuestionKind::Predict { .. } => Some(Expected::Number(grade::true_number(
            session, question, &own,
        ))),
        QuestionKind::Type { .. } => Some(Expected::OwnAnswer(
            structure::judge_asked(session, session, question, &own) == Ok(Verdict::Right),
        )),
        QuestionKind::Choose { .. } => None,
    }
}

/// Binds `alternative` at step `index` (as the runner would) and does the
/// rest of the lesson the lesson's own way; says which later step no
/// longer expects what it did.
fn replay_alternative(
    lesson: &Lesson,
    index: usize,
    session: &Session,
    question: &Question,
    alternative: &str,
    expected: &[Option<Expected>],
) -> Option<String> {
    let mut console = Console::new(Palette::plain());
    console.session = session.clone();
    let binding = structure::binding(session, question, alternative)?;
    let mut sink = Vec::new();
    let _ = play::finish_question(
        &mut console,
        question,
        Some(binding.statement()),
        &mut sink,
        &mut RunAll,
    );
    for (later, step) in lesson.steps.iter().enumerate().skip(index + 1) {
        let now = step_expectation(&mut console, step);
        if let (Some(was), Some(now)) = (&expected[later], &now) {
            if !was.agrees(now) {
                return Some(format!(
                    "`{alternative}`, listed as right, changes the step at line {}: it expected {}, and after `{}` it gets {}",
                    step.line,
                    was.describe(),
                    binding.statement(),
                    now.describe()
                ));
            }
        }
    }
    None
}

/// Does `step` the lesson's own way and returns what it expected first.
fn step_expectation(console: &mut Console, step: &Step) -> Option<Expected> {
    let mut sink = Vec::new();
    match &step.kind {
        StepKind::Say(_) => None,
        StepKind::Run(code) => Some(Expected::Runs(
            play::run_code(console, code, false, &mut sink, &mut RunAll).is_ok(),
        )),
        StepKind::Question(question) => {
            let expected = expectation(&console.session, question);
            let statement = play::own_statement(question);
            let _ = play::finish_question(
                console,
                question,
                statement.as_deref(),
                &mut sink,
                &mut RunAll,
            );
            expected
        }
    }
}

fn describe(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Right => "right".into(),
        Verdict::Wrong(why) => why.clone(),
        Verdict::Unreadable(error) => error.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::format;

    fn check(source: &str) -> Vec<Failure> {
        check_lesson("t.toml", &format::parse("t.toml", source).unwrap())
    }

    const HEAD: &str = "title = \"T\"\nsummary = \"S\"\n\n[[step]]\nrun = \"a = 2; b = -3\"\n\n";

    #[test]
    fn a_right_lesson_passes() {
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"L = a*b\"\nright = [\"b*a\"]\nwrong = [\"a+b\"]\nhints = [\"h\"]\n\n[[step]]\npredict = \"?\"\nanswer = -3\nreveal = \"L.backward()\\na.grad\"\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&source), Vec::new());
    }

    #[test]
    fn a_hints_about_number_must_itself_be_right() {
        let lesson = |hint: &str| {
            format!(
                "{HEAD}[[step]]\npredict = \"?\"\nanswer = -5.9863\ntolerance = 0.001\nreveal = \"a*b + 0.0137\"\nhints = [\"{hint}\"]\n"
            )
        };
        assert_eq!(check(&lesson("About -5.986.")), Vec::new());
        assert_eq!(check(&lesson("It is about -6 midway.")), Vec::new());
        let failures = check(&lesson("About -5.98."));
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].message.contains("typing -5.98 is judged wrong"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn wrong_prediction_fails_at_its_line() {
        let source = format!(
            "{HEAD}[[step]]\nrun = \"L = a*b\"\n\n[[step]]\npredict = \"?\"\nanswer = 3\nreveal = \"L.backward()\\na.grad\"\nhints = [\"h\"]\n"
        );
        let failures = check(&source);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].line, 10);
        assert!(
            failures[0].message.contains("tool computes: -3"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn examples_judged_the_other_way_fail() {
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"a*b\"\nright = [\"a+b\"]\nwrong = [\"b*a\"]\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&source).len(), 2);
    }

    const NETWORK: &str = "n = MLP(2, [4, 1]); d = moons(10)";
    const TRAIN: &str = "train(n, d, steps=5, plot=0)";

    /// The loss of [`NETWORK`] before and after [`TRAIN`], as the console
    /// (the learner's REPL) computes them.
    fn console_losses() -> (f64, f64) {
        let mut console = Console::new(Palette::plain());
        let mut loss = |line: &str| {
            let mut sink = Vec::new();
            play::run_code(&mut console, line, false, &mut sink, &mut RunAll).unwrap();
            match console.session.eval_expr("n.loss(d)") {
                Ok(crate::eval::Value::Node(id)) => console.session.graph.value(id),
                other => panic!("{other:?}"),
            }
        };
        (loss(NETWORK), loss(TRAIN))
    }

    /// A prediction of the loss after a reveal that trains the network.
    fn predict_after_training(answer: f64) -> String {
        format!(
            "title = \"T\"\nsummary = \"S\"\n\n[[step]]\nrun = \"{NETWORK}\"\n\n[[step]]\npredict = \"loss after training?\"\nanswer = {answer}\ntolerance = 1e-6\nreveal = \"{TRAIN}\\nn.loss(d)\"\nhints = [\"h\"]\n"
        )
    }

    #[test]
    fn a_prediction_after_a_reveal_that_trains_is_judged_on_the_trained_weights() {
        let (untrained, trained) = console_losses();
        assert!(
            (untrained - trained).abs() > 1e-3,
            "training moved the loss"
        );
        assert_eq!(check(&predict_after_training(trained)), Vec::new());
        let failures = check(&predict_after_training(untrained));
        assert_eq!(failures.len(), 1, "{failures:?}");
        let truth = format!("tool computes: {}", crate::text::number::full(trained));
        assert!(failures[0].message.contains(&truth), "{}", failures[0]);
    }

    #[test]
    fn a_right_alternative_that_changes_a_later_answer_fails_at_its_question() {
        // `k = abs(a)` means the same as `k = 1*a` around a = 2, with as
        // many operations (so it is bound as written), but not once the
        // later `a.data = -3` moves a below 0.
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"k = 1*a\"\nright = [\"k = abs(a)\"]\nhints = [\"h\"]\n\n\
             [[step]]\nrun = \"a.data = -3\"\n\n[[step]]\npredict = \"?\"\nanswer = -6\nreveal = \"k * 2\"\nhints = [\"h\"]\n"
        );
        let failures = check(&source);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].line, 7, "the question with the alternative");
        assert!(
            failures[0].message.contains("changes the step at line 16"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn a_right_alternative_with_an_extra_operation_is_bound_the_lessons_way_and_passes() {
        // `k = a + 0` means the same as `k = a`, but only the lesson's form
        // makes k the leaf a itself, which the later `k.data = 5` moves:
        // with one more operation, the lesson binds its own (finding A310).
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"k = a\"\nright = [\"k = a + 0\"]\nhints = [\"h\"]\n\n\
             [[step]]\nrun = \"k.data = 5\"\n\n[[step]]\npredict = \"?\"\nanswer = 10\nreveal = \"a * 2\"\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&source), Vec::new());
    }

    #[test]
    fn a_right_alternative_missing_a_named_node_is_bound_the_lessons_way_and_passes() {
        let source = format!(
            "{HEAD}[[step]]\nrun = \"e = a*b\"\n\n[[step]]\ntype = \"?\"\nanswer = \"d = e + 1\"\nright = [\"a*b + 1\"]\nhints = [\"h\"]\n\n\
             [[step]]\npredict = \"?\"\nanswer = -3\nreveal = \"d.backward()\\ne.grad\\na.grad\"\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&source), Vec::new());
    }

    #[test]
    fn a_prediction_whose_answer_is_on_screen_fails() {
        let source = format!(
            "{HEAD}[[step]]\nrun = \"L = a*b\\nL.backward()\\na.grad\"\n\n[[step]]\npredict = \"?\"\nanswer = -3\nreveal = \"a.grad\"\nhints = [\"h\"]\n"
        );
        let failures = check(&source);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].message.contains("on screen"), "{}", failures[0]);
    }

    #[test]
    fn a_prediction_whose_answer_an_earlier_answer_printed_in_full_fails() {
        // Lesson 16 had it: binding o echoed 0.7071067811865476 right
        // above "What is o (3 decimals)?".
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"o = (a*b/6 + 0.5).tanh() * 0 + 2**-0.5\"\nhints = [\"h\"]\n\n\
             [[step]]\npredict = \"?\"\nanswer = 0.7071\ntolerance = 0.001\nreveal = \"o\"\nhints = [\"h\"]\n"
        );
        let failures = check(&source);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].message.contains("on screen"), "{}", failures[0]);
    }

    #[test]
    fn a_prediction_readable_when_asked_fails_and_one_asked_before_its_backward_passes() {
        // Lesson 2 had it: the reveal of "c.grad?" ran d.backward(), and
        // "And e.grad?" came after it, its answer one `e.grad` away.
        let asked_after = format!(
            "{HEAD}[[step]]\nrun = \"e = a*b\\nd = e + a\"\n\n\
             [[step]]\npredict = \"a.grad?\"\nanswer = -2\nreveal = \"d.backward()\\na.grad\"\nhints = [\"h\"]\n\n\
             [[step]]\npredict = \"And e.grad?\"\nanswer = 1\nreveal = \"e.grad\"\nhints = [\"h\"]\n"
        );
        let failures = check(&asked_after);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].line, 16, "the question asked too late");
        assert!(
            failures[0]
                .message
                .contains("readable before it is asked: `e.grad`"),
            "{}",
            failures[0]
        );
        // Both asked first, then one reveal: predictions again. The first
        // is worked out unseen, and the tool still checks its number.
        let asked_before = format!(
            "{HEAD}[[step]]\nrun = \"e = a*b\\nd = e + a\"\n\n\
             [[step]]\npredict = \"And e.grad?\"\nanswer = 1\ntruth = \"d.backward()\\ne.grad\"\nhints = [\"h\"]\n\n\
             [[step]]\npredict = \"a.grad?\"\nanswer = -2\nreveal = \"d.backward()\\ne.grad\\na.grad\"\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&asked_before), Vec::new());
        let wrong_truth = check(&asked_before.replace("answer = 1\n", "answer = 5\n"));
        assert_eq!(wrong_truth.len(), 1, "{wrong_truth:?}");
        assert!(
            wrong_truth[0].message.contains("tool computes: 1"),
            "{}",
            wrong_truth[0]
        );
        // A value the lesson's nudge already recomputed is a reading too,
        // unless the lesson says why reading it is the point.
        let nudged = format!(
            "{HEAD}[[step]]\nrun = \"L = a*b\\na.data += 1\"\n\n\
             [[step]]\npredict = \"L now?\"\nanswer = -9\nreveal = \"L\"\nhints = [\"h\"]\n"
        );
        let failures = check(&nudged);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].message.contains("`L` already shows -9"),
            "{}",
            failures[0]
        );
        let opted_out = nudged.replace(
            "reveal = \"L\"\n",
            "reveal = \"L\"\nanswer_readable = \"read it off the tool\"\n",
        );
        assert_eq!(check(&opted_out), Vec::new());
        let looked_at = nudged.replace(
            "reveal = \"L\"\n",
            "reveal = \"L\"\nlook_gives_answer = \"working it out is the point\"\n",
        );
        assert_eq!(check(&looked_at), Vec::new());
    }

    #[test]
    fn a_choose_whose_reveal_only_shows_the_session_fails_unless_it_says_why() {
        // Lesson 10 had it: h5.backward() ran, then "what order of size
        // will x.grad be?" revealed only `x.grad` (finding B4, C34).
        let shows = format!(
            "{HEAD}[[step]]\nrun = \"L = a*b\\nL.backward()\"\n\n\
             [[step]]\nchoose = \"a.grad?\"\noptions = [\"-3\", \"2\"]\nanswer = 1\nreveal = \"a.grad\"\nhints = [\"h\"]\n"
        );
        let failures = check(&shows);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].line, 10);
        assert!(
            failures[0].message.contains("reveal only shows"),
            "{}",
            failures[0]
        );
        let works = shows
            .replace("L.backward()\"", "\"")
            .replace("reveal = \"a.grad\"", "reveal = \"L.backward()\\na.grad\"");
        assert_eq!(check(&works), Vec::new());
        let said_why = shows.replace(
            "reveal = \"a.grad\"\n",
            "reveal = \"a.grad\"\nlook_gives_answer = \"comparing\"\n",
        );
        assert_eq!(check(&said_why), Vec::new());
    }

    #[test]
    fn a_right_example_that_only_looks_around_fails() {
        let source = format!(
            "{HEAD}[[step]]\nrun = \"L = a*b;\"\n\n[[step]]\npredict = \"?\"\nanswer = -6\nright = [\"L\"]\nhints = [\"h\"]\n"
        );
        let failures = check(&source);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].message.contains("looks around"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn a_prediction_whose_reveal_runs_a_loop_is_judged_after_the_whole_loop() {
        let with = |answer: u32| {
            format!(
                "{HEAD}[[step]]\npredict = \"?\"\nanswer = {answer}\nreveal = \"t = 0\\nfor i in range(4):\\n    t = t + a\\nt\"\nhints = [\"h\"]\n"
            )
        };
        assert_eq!(check(&with(8)), Vec::new());
        let failures = check(&with(6));
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].message.contains("tool computes: 8"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn failing_run_line_is_reported_with_the_error() {
        let source = format!("{HEAD}[[step]]\nrun = \"c = nope + 1\"\n");
        let failures = check(&source);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].line, 7);
        assert!(failures[0].message.contains("nope"), "{}", failures[0]);
    }

    #[test]
    fn block_answers_are_replayed_and_judged_by_meaning() {
        let def = "def f(x):\\n    return x*x + a";
        let source = format!(
            "{HEAD}[[step]]\ntype = \"?\"\nanswer = \"{def}\"\ncall = \"f(b)\"\nright = [\"def f(x):\\n    return a + x**2\"]\nwrong = [\"def f(x):\\n    return x*x\"]\nhints = [\"h\"]\n\n\
             [[step]]\npredict = \"?\"\nanswer = 11\nreveal = \"f(b)\"\nhints = [\"h\"]\n\n\
             [[step]]\ntype = \"?\"\nanswer = \"for i in range(2):\\n    print(f(i))\"\nright = [\"for j in [0, 1]:\\n    print(f(j).data)\"]\nwrong = [\"for i in range(3):\\n    print(f(i))\"]\nhints = [\"h\"]\n"
        );
        assert_eq!(check(&source), Vec::new());
        let broken = source.replace("call = \"f(b)\"\n", "");
        let failures = check(&broken);
        assert!(
            failures.iter().any(|f| f.message.contains("needs `call")),
            "{failures:?}"
        );
    }
}
