//! `lessons check`: replays a lesson with its own answers, as rustlings
//! checks its exercises, so a lesson can never ship broken. Every `run`
//! line must run; every question's own answer must be judged right (for a
//! `predict` with a `reveal`, the author's number must equal what the tool
//! computes); every `right` example must be judged right and every `wrong`
//! example wrong. Failures name `FILE:LINE` of the step.

use std::fmt;

use super::format::{Lesson, QuestionKind, StepKind};
use super::grade::{self, Verdict};
use super::play;
use crate::console::{Console, RunAll};
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

/// Replays `lesson` (from `file`) and returns every broken step.
pub fn check_lesson(file: &str, lesson: &Lesson) -> Vec<Failure> {
    let mut console = Console::new(Palette::plain());
    let mut failures = Vec::new();
    for step in &lesson.steps {
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
            StepKind::Say(_) => Ok(()),
            StepKind::Run(code) => {
                play::run_code(&mut console, code, false, &mut output, &mut RunAll)
            }
            StepKind::Question(question) => {
                let session = &console.session;
                let own = question.answer_text();
                let judged = |answer: &str| grade::judge(session, question, answer);
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
                }
                for example in &question.wrong {
                    if judged(example) == Ok(Verdict::Right) {
                        fail(format!("`{example}` is listed as wrong but judged right"));
                    }
                }
                let statement = play::own_statement(question);
                play::finish_question(
                    &mut console,
                    question,
                    statement.as_deref(),
                    &mut output,
                    &mut RunAll,
                )
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
    failures
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
    fn failing_run_line_is_reported_with_the_error() {
        let source = format!("{HEAD}[[step]]\nrun = \"c = nope + 1\"\n");
        let failures = check(&source);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].line, 7);
        assert!(failures[0].message.contains("nope"), "{}", failures[0]);
    }
}
