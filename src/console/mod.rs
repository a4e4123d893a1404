//! One input line in, what the REPL prints out: language statements go to
//! the evaluator, `:` commands to their handlers. The REPL, script mode and
//! the lesson runner all drive a [`Console`]; it knows nothing of terminals
//! except through [`StepControl`] (how to pause between steps).

mod commands;
pub mod complete;
mod files;
pub mod help;
mod input;
pub mod meta;
mod pictures;
mod training;
mod views;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::eval::{EvalError, Event, Session};
use crate::host::{self, SharedHost, SystemHost};
use crate::render::diagnostic::{self, Diagnostic, Origin, Severity};
use crate::render::events;
use crate::text::Palette;

pub use input::{Assembler, Chunk, Mode};
pub use meta::Meta;
pub use training::run_quietly as train_quietly;

/// What became of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It ran.
    Ok,
    /// It failed with an error (already printed).
    Failed,
    /// The user asked to quit (`:quit`).
    Quit,
    /// A lesson command for the lesson runner, with its argument text.
    Lesson(Meta, String),
}

/// What to do after one step of a stepped view (`:step`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepDecision {
    /// Show the next step.
    Continue,
    /// Show all remaining steps without pausing.
    FinishAll,
    /// Stop here (Ctrl-C); what was done so far stays done.
    Stop,
}

/// How a stepped view pauses. The REPL waits for Enter; scripts never wait.
pub trait StepControl {
    /// Called after each step is printed.
    fn after_step(&mut self) -> StepDecision;
}

/// Never pauses: every step prints at once (scripts, tests, lessons).
pub struct RunAll;

impl StepControl for RunAll {
    fn after_step(&mut self) -> StepDecision {
        StepDecision::Continue
    }
}

/// A session plus everything needed to print for it.
pub struct Console {
    /// The names and the graph.
    pub session: Session,
    /// Colours.
    pub palette: Palette,
    /// Set by Ctrl-C while a command runs; long commands check it.
    pub interrupt: Arc<AtomicBool>,
    /// The world: files, pictures, the clock (shared with the consoles of
    /// lessons taken from this one).
    pub host: SharedHost,
    /// Send errors and warnings to stderr instead of the output writer
    /// (script mode, so a pipe's stdout holds only results).
    pub diagnostics_to_stderr: bool,
    transcript: Vec<String>,
    load_depth: usize,
}

impl Console {
    /// A console over a fresh session, reaching the machine's files, clock
    /// and Graphviz through a [`SystemHost`] that shares its Ctrl-C flag.
    pub fn new(palette: Palette) -> Self {
        let interrupt = Arc::new(AtomicBool::new(false));
        let width = crate::text::wrap::width();
        let system = SystemHost::new(palette, width, interrupt.clone());
        let mut console = Self::with_host(palette, host::shared(system));
        console.interrupt = interrupt;
        console
    }

    /// A console over a fresh session, reaching the world through `host`.
    pub fn with_host(palette: Palette, host: SharedHost) -> Self {
        Console {
            session: Session::new(),
            palette,
            interrupt: Arc::new(AtomicBool::new(false)),
            host,
            diagnostics_to_stderr: false,
            transcript: Vec::new(),
            load_depth: 0,
        }
    }

    /// The lines that ran without error, in order (what `:save` writes).
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// Runs one line and prints what it did.
    pub fn execute(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Outcome {
        self.interrupt.store(false, Ordering::SeqCst);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Outcome::Ok;
        }
        if trimmed.starts_with(':') {
            return self.meta_command(line, origin, out, control);
        }
        match self.run_statements(line, origin, out) {
            Ok(()) => {
                self.transcript.push(line.to_string());
                Outcome::Ok
            }
            Err(error) => {
                self.report_error(out, origin, line, &error);
                Outcome::Failed
            }
        }
    }

    /// Runs the line's statements in order, printing (and, for `train`,
    /// carrying out) each one's events before the next statement starts, so
    /// `train(n, d); n([1, 2])` uses the trained weights.
    fn run_statements(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
    ) -> Result<(), EvalError> {
        let statements = self.session.parse_line(line)?;
        for index in 0..statements.len() {
            let mut produced = Vec::new();
            let result = self
                .session
                .run_statement(&statements, index, &mut produced);
            let mut stopped = false;
            for event in &produced {
                stopped |= self.print_event(event, line, origin, out);
            }
            if result.is_err() {
                // The statements before the failing one ran and changed the
                // session (as in Python), so `:save` must keep them.
                let ran = line[..statements.start_of(index)].trim_end();
                if !ran.is_empty() {
                    self.transcript.push(ran.to_string());
                }
            }
            result?;
            // Ctrl-C cancels the rest of the line, as in Python, whether it
            // stopped a training (which said so) or came between statements.
            let more = index + 1 < statements.len();
            if more && (stopped || self.interrupted()) {
                let _ = writeln!(
                    out,
                    "{}",
                    self.palette
                        .dim("(Ctrl-C: the rest of the line was not run)")
                );
                return Ok(());
            }
        }
        Ok(())
    }

    /// Prints (or carries out) one event; true if Ctrl-C stopped it.
    fn print_event(
        &mut self,
        event: &Event,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
    ) -> bool {
        match event {
            Event::Show(root) => {
                let _ = views::show(self, *root, out);
            }
            Event::Train(request) => {
                return training::run(self, request, out).unwrap_or(false);
            }
            Event::Warning { message, span } => self.report(
                out,
                origin,
                line,
                &Diagnostic {
                    severity: Severity::Warning,
                    message,
                    span: *span,
                    help: None,
                },
            ),
            other => {
                let _ = events::write_event(out, self.palette, &self.session, other);
            }
        }
        false
    }

    /// Prints an error or warning, to stderr in script mode.
    pub fn report(&self, out: &mut dyn Write, origin: Origin, line: &str, d: &Diagnostic) {
        if self.diagnostics_to_stderr {
            let _ = out.flush();
            let stderr = std::io::stderr();
            let _ = diagnostic::write(&mut stderr.lock(), self.palette, origin, line, d);
        } else {
            let _ = diagnostic::write(out, self.palette, origin, line, d);
        }
    }

    /// Prints an evaluation error about `line`, pointing into it.
    pub fn report_error(&self, out: &mut dyn Write, origin: Origin, line: &str, error: &EvalError) {
        self.report(
            out,
            origin,
            line,
            &Diagnostic {
                severity: Severity::Error,
                message: &error.message,
                span: error.span,
                help: error.help.as_deref(),
            },
        );
    }

    /// Prints a plain error message (no source line to point into).
    pub fn report_message(&self, out: &mut dyn Write, origin: Origin, message: &str) {
        let location = match origin {
            Origin::Script { name, line } => format!("{name}:{line}: "),
            Origin::Prompt { .. } => String::new(),
        };
        let text = format!("{location}{}: {message}", self.palette.error("error"));
        if self.diagnostics_to_stderr {
            let _ = out.flush();
            eprintln!("{text}");
        } else {
            let _ = writeln!(out, "{text}");
        }
    }

    /// True once Ctrl-C was pressed during the current command.
    pub fn interrupted(&self) -> bool {
        self.interrupt.load(Ordering::SeqCst)
    }
}
