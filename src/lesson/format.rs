//! The lesson file format: TOML read with serde, then checked into typed
//! [`Step`]s. A lesson is a title, a one-line summary and an ordered list of
//! `[[step]]` tables; each step has exactly one of `say`, `run`, `type`,
//! `predict` or `choose`. Questions carry hints, likely `mistakes` with
//! hints aimed at them, and (`type`) structural `require`ments. Every error names the line it is about, so a
//! broken lesson reads `FILE:LINE: message`, never a panic.
//!
//! ```toml
//! title = "Sum and product"
//! summary = "How + routes the gradient and * swaps it"
//! minutes = 8
//!
//! [[step]]
//! say = "Let's build d = a*b + c."
//!
//! [[step]]
//! run = "a = 2; b = -3; c = 10"
//!
//! [[step]]
//! type = "Now you: bind d to a times b, plus c."
//! answer = "d = a*b + c"
//! right = ["c + b*a"]        # must be judged right (checked in CI)
//! wrong = ["a*b - c"]        # must be judged wrong (checked in CI)
//! hints = ["Multiply with *, add with +.", "Type: d = a*b + c"]
//! # a likely mistake and the hint aimed at it (also must be judged wrong)
//! mistakes = [{ answer = "a*(b + c)", hint = "* comes before +: no parentheses." }]
//! # the exercise's point, beyond meaning the same: `uses = "e"` (the node
//! # bound to e is in the answer), `built_from = ["exp", "+", "-", "/"]`,
//! # `multiplies_by = -1`, `avoids = "n"` (the answer never names n: a
//! # def asked to be built by hand may not call the built-in); each with
//! # the hint said when it is missing
//! require = [{ built_from = ["*", "+"], hint = "Use only * and +." }]
//!
//! # a prediction is asked before anything computes its answer: several
//! # predictions, then one reveal. Each one before the reveal says how the
//! # tool works its answer out, unseen (`truth`, the same shape as `reveal`)
//! [[step]]
//! predict = "After d.backward(), what will b.grad be?"
//! answer = 2
//! truth = "d.backward()\nb.grad"
//!
//! [[step]]
//! predict = "And a.grad?"
//! answer = -3
//! reveal = "d.backward()\nb.grad\na.grad"   # run after answering; its last value must equal answer
//! tolerance = 1e-9
//! # `lessons check` fails a prediction whose answer is already readable
//! # when it is asked (its reveal or truth ends with a read, such as
//! # `a.grad`, that shows the answer before anything runs); where reading
//! # it off the tool is the point, say why: answer_readable = "..." (a read
//! # is then an answer); where a look shows it but working it out is the
//! # point, look_gives_answer = "..." (looks stay looks)
//!
//! # a block answer: a `def` (tried with `call` at the current values and
//! # at seeded random points, values and gradients) or a loop (the numbers
//! # it prints, and each `compare` expression afterwards, must agree)
//! [[step]]
//! type = "Write neuron(xs, ws, b)."
//! answer = """
//! def neuron(xs, ws, b):
//!     return sum(w*x for w, x in zip(ws, xs)) + b"""
//! call = "neuron([a, b], [c, c], a)"
//! hints = ["Multiply each weight by its input, add them, add b."]
//!
//! [[step]]
//! choose = "Which rule gave a its gradient?"
//! options = ["+ copies it", "* swaps in the other input"]
//! answer = 2
//! ```

use serde::Deserialize;
use toml::Spanned;

/// Tolerance of `predict` answers when the file states none.
pub const DEFAULT_TOLERANCE: f64 = 1e-6;

/// A lesson, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Shown in the list and at the start.
    pub title: String,
    /// One line on what the lesson teaches.
    pub summary: String,
    /// How long it takes, roughly.
    pub minutes: Option<u32>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// One step and the line of the file it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// 1-based line of the step's `[[step]]` header.
    pub line: usize,
    /// What the step does.
    pub kind: StepKind,
}

/// The kinds of step.
#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    /// Text to read.
    Say(String),
    /// Statements the lesson types for the learner, one per line.
    Run(String),
    /// Something the learner must answer (boxed: it is by far the largest).
    Question(Box<Question>),
}

/// A question with its hints, explanation and examples.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// What is asked.
    pub prompt: String,
    /// How the answer is judged.
    pub kind: QuestionKind,
    /// Shown one at a time, on `:hint` or after a wrong answer.
    pub hints: Vec<String>,
    /// Shown after a right answer (or a skip).
    pub explain: Option<String>,
    /// Statements run after the question is answered or skipped.
    pub reveal: Option<String>,
    /// For a prediction asked before the step that shows its answer
    /// (several predictions, then one reveal): statements the tool runs on
    /// a scratch copy of the session, shown to no one, whose last value is
    /// the true answer, as a reveal's is.
    pub truth: Option<String>,
    /// Answers that must be judged right (`lessons check`).
    pub right: Vec<String>,
    /// Answers that must be judged wrong (`lessons check`).
    pub wrong: Vec<String>,
    /// Likely wrong answers, each with the hint aimed at its mistake (also
    /// checked as wrong).
    pub mistakes: Vec<Mistake>,
    /// What a `type` answer must be built like, beyond meaning the same.
    pub require: Vec<Requirement>,
    /// Why a prediction whose answer is already on screen is still worth
    /// asking (`lessons check` fails it otherwise).
    pub answer_on_screen: Option<String>,
    /// Why a prediction whose answer a look at the question already shows
    /// (its reveal ends with a read, `e.grad` or `L`, that gives the answer
    /// before the reveal runs) is still worth asking: reading it off the
    /// tool is the exercise (`lessons check` fails it otherwise).
    pub answer_readable: Option<String>,
    /// Why a prediction whose answer a look would show (the reveal's read,
    /// `n.accuracy(d)`) is still asked, where reading it is NOT the
    /// answer: looks stay looks, and arithmetic over the read is one too
    /// (`lessons check` passes it; compare `answer_readable`).
    pub look_gives_answer: Option<String>,
    /// For a `def` answer: the call that tries the learner's function and
    /// the lesson's (`neuron([x1, x2], [w1, w2], b)`).
    pub call: Option<String>,
    /// For a loop answer: expressions that must agree after the learner's
    /// loop and the lesson's (besides the numbers each prints).
    pub compare: Vec<String>,
}

/// A likely wrong answer and the hint aimed at the mistake behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    /// The wrong answer: a number, an option number, or a formula (matched
    /// by meaning, as answers are).
    pub answer: String,
    /// What to say when the learner gives it.
    pub hint: String,
}

/// A structural property a `type` answer must have: the exercise's point,
/// where an answer that only means the same would miss it.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// What must hold.
    pub rule: Rule,
    /// Said when an answer means the same but breaks the rule.
    pub hint: String,
}

/// The structural properties a requirement can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// The answer's graph contains the node bound to this name.
    Uses(String),
    /// Every operation the answer builds is one of these (`+ - * / ** neg`
    /// or a function name such as `exp`).
    BuiltFrom(Vec<String>),
    /// The answer multiplies by this constant.
    MultipliesBy(f64),
    /// The answer never names this (`def mlp(xs): return n(xs)` where the
    /// exercise is building n by hand).
    Avoids(String),
}

/// The operation words `built_from` understands.
pub const OPERATION_WORDS: &[&str] = &[
    "+", "-", "*", "/", "**", "neg", "tanh", "exp", "log", "relu", "sigmoid", "sin", "cos", "sqrt",
    "abs",
];

/// How a question's answer is judged.
#[derive(Clone, Debug, PartialEq)]
pub enum QuestionKind {
    /// A statement or expression, graded by meaning (value and gradients).
    Type {
        /// The expected statement: an expression or `name = expression`.
        answer: String,
    },
    /// A number (or an expression giving one) within a tolerance.
    Predict {
        /// The author's answer.
        answer: String,
        /// Largest accepted distance from the true value.
        tolerance: f64,
    },
    /// One of several options, by number.
    Choose {
        /// The options, shown numbered from 1.
        options: Vec<String>,
        /// The right option, 1-based.
        answer: usize,
    },
}

impl Question {
    /// The expected answer as the learner would type it.
    pub fn answer_text(&self) -> String {
        match &self.kind {
            QuestionKind::Type { answer } | QuestionKind::Predict { answer, .. } => answer.clone(),
            QuestionKind::Choose { answer, .. } => answer.to_string(),
        }
    }
}

/// A problem in a lesson file, at a line.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct FormatError {
    /// The file's name as shown to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Text, number or whole number: answers may be written any of these ways.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum AnswerText {
    Whole(i64),
    Number(f64),
    Text(String),
}

impl AnswerText {
    fn into_text(self) -> String {
        match self {
            AnswerText::Whole(n) => n.to_string(),
            AnswerText::Number(x) => crate::text::number::full(x),
            AnswerText::Text(text) => text,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMistake {
    answer: AnswerText,
    hint: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    uses: Option<String>,
    built_from: Option<Vec<String>>,
    multiplies_by: Option<f64>,
    avoids: Option<String>,
    hint: String,
}

impl RawRequirement {
    fn into_requirement(self) -> Result<Requirement, String> {
        let rule =
            match (self.uses, self.built_from, self.multiplies_by, self.avoids) {
                (Some(name), None, None, None) => Rule::Uses(name),
                (None, Some(words), None, None) => {
                    if let Some(bad) = words
                        .iter()
                        .find(|w| !OPERATION_WORDS.contains(&w.as_str()))
                    {
                        return Err(format!(
                            "`built_from` names `{bad}`, which is not an operation ({})",
                            OPERATION_WORDS.join(" ")
                        ));
                    }
                    Rule::BuiltFrom(words)
                }
                (None, None, Some(factor), None) => Rule::MultipliesBy(factor),
                (None, None, None, Some(name)) => Rule::Avoids(name),
                _ => return Err(
                    "a requirement needs exactly one of uses, built_from, multiplies_by, avoids"
                        .into(),
                ),
            };
        Ok(Requirement {
            rule,
            hint: self.hint,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLesson {
    title: String,
    summary: String,
    minutes: Option<u32>,
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    say: Option<String>,
    run: Option<String>,
    #[serde(rename = "type")]
    type_: Option<String>,
    predict: Option<String>,
    choose: Option<String>,
    answer: Option<AnswerText>,
    options: Option<Vec<String>>,
    tolerance: Option<f64>,
    #[serde(default)]
    hints: Vec<String>,
    explain: Option<String>,
    reveal: Option<String>,
    truth: Option<String>,
    #[serde(default)]
    right: Vec<AnswerText>,
    #[serde(default)]
    wrong: Vec<AnswerText>,
    #[serde(default)]
    mistakes: Vec<RawMistake>,
    #[serde(default)]
    require: Vec<RawRequirement>,
    answer_on_screen: Option<String>,
    answer_readable: Option<String>,
    look_gives_answer: Option<String>,
    call: Option<String>,
    #[serde(default)]
    compare: Vec<String>,
}

/// Parses a lesson file. `file` is the name used in error messages.
pub fn parse(file: &str, source: &str) -> Result<Lesson, FormatError> {
    let at = |offset: usize, message: String| FormatError {
        file: file.to_string(),
        line: line_of(source, offset),
        message,
    };
    let raw: RawLesson = toml::from_str(source).map_err(|e| {
        let offset = e.span().map_or(0, |span| span.start);
        at(offset, e.message().trim().to_string())
    })?;
    if raw.step.is_empty() {
        return Err(at(0, "a lesson needs at least one [[step]]".into()));
    }
    let steps = raw
        .step
        .into_iter()
        .map(|spanned| {
            let offset = spanned.span().start;
            let line = line_of(source, offset);
            step(spanned.into_inner())
                .map(|kind| Step { line, kind })
                .map_err(|message| at(offset, message))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Lesson {
        title: raw.title,
        summary: raw.summary,
        minutes: raw.minutes,
        steps,
    })
}

/// 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    source.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn step(raw: RawStep) -> Result<StepKind, String> {
    let kinds = [
        ("say", raw.say.is_some()),
        ("run", raw.run.is_some()),
        ("type", raw.type_.is_some()),
        ("predict", raw.predict.is_some()),
        ("choose", raw.choose.is_some()),
    ];
    let present: Vec<&str> = kinds.iter().filter(|k| k.1).map(|k| k.0).collect();
    if present.len() != 1 {
        return Err(format!(
            "a step needs exactly one of say, run, type, predict, choose (found {})",
            if present.is_empty() {
                "none".to_string()
            } else {
                present.join(", ")
            }
        ));
    }
    let is_question = raw.type_.is_some() || raw.predict.is_some() || raw.choose.is_some();
    if !is_question {
        let extras = [
            ("answer", raw.answer.is_some()),
            ("options", raw.options.is_some()),
            ("tolerance", raw.tolerance.is_some()),
            ("hints", !raw.hints.is_empty()),
            ("explain", raw.explain.is_some()),
            ("reveal", raw.reveal.is_some()),
            ("truth", raw.truth.is_some()),
            ("right", !raw.right.is_empty()),
            ("wrong", !raw.wrong.is_empty()),
            ("mistakes", !raw.mistakes.is_empty()),
            ("require", !raw.require.is_empty()),
            ("answer_on_screen", raw.answer_on_screen.is_some()),
            ("answer_readable", raw.answer_readable.is_some()),
            ("look_gives_answer", raw.look_gives_answer.is_some()),
            ("call", raw.call.is_some()),
            ("compare", !raw.compare.is_empty()),
        ];
        if let Some((field, _)) = extras.iter().find(|e| e.1) {
            return Err(format!(
                "`{field}` belongs to a question (type, predict, choose), not to a `{}` step",
                present[0]
            ));
        }
    }
    if let Some(text) = raw.say {
        return Ok(StepKind::Say(text));
    }
    if let Some(code) = raw.run {
        return Ok(StepKind::Run(code));
    }
    let answer = raw
        .answer
        .ok_or_else(|| format!("a `{}` question needs an `answer`", present[0]))?
        .into_text();
    let has_options = raw.options.is_some();
    let (prompt, kind) = if let Some(prompt) = raw.type_ {
        (prompt, QuestionKind::Type { answer })
    } else if let Some(prompt) = raw.predict {
        let tolerance = raw.tolerance.unwrap_or(DEFAULT_TOLERANCE);
        if !(tolerance >= 0.0 && tolerance.is_finite()) {
            return Err("`tolerance` must be a number ≥ 0".into());
        }
        (prompt, QuestionKind::Predict { answer, tolerance })
    } else {
        let prompt = raw.choose.unwrap_or_default();
        let options = raw
            .options
            .ok_or("a `choose` question needs `options = [...]`")?;
        if options.len() < 2 {
            return Err("a `choose` question needs at least two options".into());
        }
        let answer = answer
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=options.len()).contains(n))
            .ok_or_else(|| {
                format!(
                    "`answer` of a `choose` question must be an option number, 1 to {}",
                    options.len()
                )
            })?;
        (prompt, QuestionKind::Choose { options, answer })
    };
    if raw.tolerance.is_some() && !matches!(kind, QuestionKind::Predict { .. }) {
        return Err("`tolerance` only applies to `predict` questions".into());
    }
    if has_options && !matches!(kind, QuestionKind::Choose { .. }) {
        return Err("`options` only apply to `choose` questions".into());
    }
    if raw.truth.is_some() {
        if !matches!(kind, QuestionKind::Predict { .. }) {
            return Err("`truth` only applies to `predict` questions".into());
        }
        if raw.reveal.is_some() {
            return Err(
                "a prediction has a `reveal` (run once it is answered) or a `truth` (worked out unseen, shown by a later step), not both"
                    .into(),
            );
        }
    }
    if raw.hints.is_empty() {
        return Err("a question needs at least one hint: `hints = [\"...\"]`".into());
    }
    let typed = matches!(kind, QuestionKind::Type { .. });
    if (raw.call.is_some() || !raw.compare.is_empty()) && !typed {
        return Err("`call` and `compare` only apply to `type` questions (block answers)".into());
    }
    if !raw.require.is_empty() && !typed {
        return Err("`require` only applies to `type` questions".into());
    }
    let require = raw
        .require
        .into_iter()
        .map(RawRequirement::into_requirement)
        .collect::<Result<Vec<_>, _>>()?;
    let mistakes = raw
        .mistakes
        .into_iter()
        .map(|m| Mistake {
            answer: m.answer.into_text(),
            hint: m.hint,
        })
        .collect();
    Ok(StepKind::Question(Box::new(Question {
        prompt,
        kind,
        hints: raw.hints,
        explain: raw.explain,
        reveal: raw.reveal,
        truth: raw.truth,
        right: raw.right.into_iter().map(AnswerText::into_text).collect(),
        wrong: raw.wrong.into_iter().map(AnswerText::into_text).collect(),
        mistakes,
        require,
        answer_on_screen: raw.answer_on_screen,
        answer_readable: raw.answer_readable,
        look_gives_answer: raw.look_gives_answer,
        call: raw.call,
        compare: raw.compare,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"title = "T"
summary = "S"

[[step]]
say = "hello"

[[step]]
type = "bind d"
answer = "d = a*b + c"
hints = ["d = a*b + c"]
wrong = ["a*b - c", -1]

[[step]]
choose = "which?"
options = ["x", "y"]
answer = 2
hints = ["y"]
"#;

    #[test]
    fn steps_carry_the_line_of_their_header() {
        let lesson = parse("good.toml", GOOD).unwrap();
        let lines: Vec<usize> = lesson.steps.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![4, 7, 13]);
        match &lesson.steps[1].kind {
            StepKind::Question(q) => assert_eq!(q.wrong, vec!["a*b - c", "-1"]),
            other => panic!("expected a question, got {other:?}"),
        }
    }

    #[test]
    fn toml_syntax_error_names_file_and_line() {
        let error = parse("bad.toml", "title = \"T\"\nsummary = \"S\"\n[[step]\n").unwrap_err();
        assert_eq!(
            (error.file.as_str(), error.line),
            ("bad.toml", 3),
            "{error}"
        );
    }

    #[test]
    fn step_with_two_kinds_is_rejected_at_its_line() {
        let source = "title = \"T\"\nsummary = \"S\"\n\n[[step]]\nsay = \"a\"\nrun = \"b\"\n";
        let error = parse("two.toml", source).unwrap_err();
        assert_eq!(error.line, 4, "{error}");
        assert!(error.message.contains("exactly one"), "{error}");
    }

    #[test]
    fn unknown_field_and_bad_choice_are_errors() {
        let source = "title = \"T\"\nsummary = \"S\"\n[[step]]\nsay = \"a\"\nsya = 1\n";
        let error = parse("typo.toml", source).unwrap_err();
        assert!(error.message.contains("sya"), "{error}");
        let source = "title = \"T\"\nsummary = \"S\"\n[[step]]\nchoose = \"?\"\noptions = [\"a\", \"b\"]\nanswer = 3\n";
        let error = parse("choice.toml", source).unwrap_err();
        assert_eq!(error.line, 3, "{error}");
    }
}
