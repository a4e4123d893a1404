//! What steps do to a lesson's session, shared by the runner (which shows
//! it), the replay behind `:back` and resuming (which does it silently) and
//! `lessons check` (which does it and reports failures).

use std::io::{self, Write};

use super::format::{Lesson, Question, StepKind};
use super::grade;
use crate::console::{Console, Outcome, RunAll, StepControl};
use crate::render::diagnostic::Origin;
use crate::text::code_lines::break_code_line;

/// Shown before the lines a lesson types for the learner, as the REPL's
/// prompt would be.
pub const PROMPT: &str = ">>> ";

/// Shown before the lines that continue a block, as at the REPL.
pub const CONTINUATION: &str = "... ";

pub use super::grade::inputs;

/// Writes `input` as typed at the prompt: `>>> ` before its first line and
/// `... ` before the lines of a block. A line wider than the screen is
/// broken where Python allows (after `;`, or after `,` inside brackets),
/// so the terminal never cuts it mid-word and it still copies as typed.
pub fn echo(out: &mut dyn Write, style: crate::text::Style, input: &str) -> io::Result<()> {
    let room = style.width.saturating_sub(PROMPT.len());
    for (index, line) in input.trim_end().lines().enumerate() {
        for (part_index, part) in break_code_line(line, room).into_iter().enumerate() {
            let starts_input = index == 0 && (part_index == 0 || part.new_statement);
            let prompt = if starts_input { PROMPT } else { CONTINUATION };
            writeln!(out, "{}{}", style.palette.dim(prompt), part.text)?;
        }
    }
    Ok(())
}

/// Runs `code` an input at a time (a line, or a block with its body), each
/// shown after the prompt when `echo` is set, as if the learner had typed
/// it. Stops at the first failing input (or failed write) and returns
/// what went wrong.
pub fn run_code(
    console: &mut Console,
    code: &str,
    echo: bool,
    out: &mut dyn Write,
    control: &mut dyn StepControl,
) -> Result<(), String> {
    for input in inputs(code) {
        if echo {
            self::echo(out, console.style(), &input).map_err(|e| not_written(&e.into()))?;
        }
        let origin = Origin::Prompt {
            prompt_width: PROMPT.len(),
        };
        match console.execute(&input, origin, out, control) {
            Outcome::Ok => {}
            Outcome::WriteFailed(error) => return Err(not_written(&error)),
            _ => {
                let first = input.trim().lines().next().unwrap_or_default();
                return Err(format!("`{first}` does not run"));
            }
        }
    }
    Ok(())
}

/// A write that failed, as a step's failure (the runner's next write
/// fails the same way and ends the line).
fn not_written(error: &crate::console::WriteError) -> String {
    format!("cannot write the output: {}", error.message)
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
