//! What steps do to a lesson's session, shared by the runner (which shows
//! it), the replay behind `:back` and resuming (which does it silently) and
//! `lessons check` (which does it and reports failures).

use std::io::Write;

use super::format::{Lesson, Question, StepKind};
use super::grade;
use crate::console::{Console, Outcome, RunAll, StepControl};
use crate::render::diagnostic::Origin;

/// Shown before the lines a lesson types for the learner, as the REPL's
/// prompt would be.
pub const PROMPT: &str = ">>> ";

/// Runs `code` line by line, each shown after the prompt when `echo` is
/// set, as if the learner had typed it. Stops at the first failing line and
/// returns what went wrong.
pub fn run_code(
    console: &mut Console,
    code: &str,
    echo: bool,
    out: &mut dyn Write,
    control: &mut dyn StepControl,
) -> Result<(), String> {
    for line in code.lines().filter(|l| !l.trim().is_empty()) {
        if echo {
            let _ = writeln!(out, "{}{line}", console.palette.dim(PROMPT));
        }
        let origin = Origin::Prompt {
            prompt_width: PROMPT.len(),
        };
        match console.execute(line, origin, out, control) {
            Outcome::Ok => {}
            _ => return Err(format!("`{}` does not run", line.trim())),
        }
    }
    Ok(())
}

/// Completes a question: runs the statement that answered it (if any),
/// then the question's `reveal` lines, shown.
pub fn finish_question(
    console: &mut Console,
    question: &Question,
    statement: Option<&str>,
    out: &mut dyn Write,
    control: &mut dyn StepControl,
) -> Result<(), String> {
    if let Some(statement) = statement {
        run_code(console, statement, false, out, control)?;
    }
    if let Some(reveal) = &question.reveal {
        run_code(console, reveal, true, out, control)?;
    }
    Ok(())
}

/// The statement that answers `question` the lesson's own way.
pub fn own_statement(question: &Question) -> Option<String> {
    grade::statement_to_run(question, &question.answer_text())
}

/// Brings a fresh console to the state just before step `upto`, doing
/// every earlier step the lesson's own way and printing nothing.
pub fn replay(console: &mut Console, lesson: &Lesson, upto: usize) -> Result<(), String> {
    let to_stderr = std::mem::replace(&mut console.diagnostics_to_stderr, false);
    let mut sink = std::io::sink();
    let mut result = Ok(());
    for step in lesson.steps.iter().take(upto) {
        let done = match &step.kind {
            StepKind::Say(_) => Ok(()),
            StepKind::Run(code) => run_code(console, code, false, &mut sink, &mut RunAll),
            StepKind::Question(question) => finish_question(
                console,
                question,
                own_statement(question).as_deref(),
                &mut sink,
                &mut RunAll,
            ),
        };
        if let Err(e) = done {
            result = Err(format!("line {}: {e}", step.line));
            break;
        }
    }
    console.diagnostics_to_stderr = to_stderr;
    result
}
