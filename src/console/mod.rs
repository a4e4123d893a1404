//! One input in (a line, or a compound statement with its body), what the
//! REPL prints out: language statements go to the evaluator, which hands
//! what each does to the console's sink while it runs; `:` commands go to
//! their handlers. The REPL, script mode and the lesson runner all drive a
//! [`Console`]; it knows nothing of terminals except through
//! [`StepControl`] (how to pause between steps).

mod asks;
mod commands;
pub mod complete;
mod files;
pub mod help;
mod input;
mod locate;
pub mod meta;
pub mod name_help;
mod pictures;
mod training;
mod views;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::eval::{EvalError, Session};
use crate::host::{self, SharedHost, SystemHost};
use crate::render::diagnostic::{Diagnostic, Origin, Severity};
use crate::text::{wrap, Palette, Style};

pub use crate::eval::train_quietly;
pub use input::{dedented, one_input, Assembler, Chunk, Mode};
pub use meta::Meta;

use locate::{chunk_for, write_diagnostic, write_diagnostic_line, write_located, ConsoleSink};

/// True when `line` asks for help (`tanh?`, `?tanh`, `help(x)`) rather
/// than computing anything: a lesson shows the help and never grades it.
pub fn asks_for_help(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.contains('\n') && matches!(asks::recognise(trimmed), Some(asks::Ask::Help(_)))
}

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
    /// Writing the output failed (a closed pipe, a full disk); nothing
    /// more was run. The entry point decides what to say and how to exit.
    WriteFailed(WriteError),
}

/// A write that failed, as an [`Outcome`] carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    /// What kind of failure.
    pub kind: io::ErrorKind,
    /// The system's words for it.
    pub message: String,
}

impl WriteError {
    /// True when the reader went away (`micrograd … | head -1`): the
    /// program should stop quietly, as `ls` or `rg` do.
    pub fn reader_left(&self) -> bool {
        self.kind == io::ErrorKind::BrokenPipe
    }
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError {
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}

impl From<io::Error> for Outcome {
    fn from(error: io::Error) -> Self {
        Outcome::WriteFailed(error.into())
    }
}

/// Why a command stopped: an error to report to the learner, or a write
/// that failed (which ends the run instead).
#[derive(Debug)]
pub(crate) enum Failure {
    Eval(EvalError),
    Write(io::Error),
}

impl From<EvalError> for Failure {
    fn from(error: EvalError) -> Self {
        Failure::Eval(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Write(error)
    }
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
    /// Stop here because the learner typed a line at the pause, which
    /// the front end runs next; what was done so far stays done.
    Leave,
}

/// How a stepped view pauses. The REPL waits for Enter; scripts never wait.
pub trait StepControl {
    /// Called after each step is printed.
    fn after_step(&mut self) -> StepDecision;

    /// Told when Ctrl-C (or a typed line) stopped the pass part way; says
    /// what the view tells the learner about the rest of it.
    fn stopped_part_way(&mut self) -> PassLeft {
        PassLeft::ToRunAgain
    }
}

/// What becomes of a `:step` pass stopped part way, which decides what the
/// view says after "Stopped after n of m steps".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassLeft {
    /// It stays part done: the view says where the gradients are, and how
    /// to get the full ones.
    ToRunAgain,
    /// Whoever runs it finishes it (a lesson's own `:step`): the view says
    /// only where it stopped, not to run the rest again.
    Finished,
    /// It stays part done at an open question whose answer the full pass
    /// would compute (finding A108): the view says where the gradients
    /// are, but not how to get the full ones; the lesson says the question
    /// is still open.
    AtQuestion,
}

/// Never pauses: every step prints at once (scripts, tests, lessons).
pub struct RunAll;

impl StepControl for RunAll {
    fn after_step(&mut self) -> StepDecision {
        StepDecision::Continue
    }
}

/// A console's state at one moment ([`Console::checkpoint`]).
pub struct Checkpoint {
    /// The session as it was.
    pub session: Session,
    transcript_len: usize,
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
    /// Flush the output writer after every event (the default: at the
    /// prompt a printed line shows at once). Script mode turns it off and
    /// leaves the writing to its buffered writer (one `write()` per
    /// statement was most of a long script's system time).
    pub flush_each_event: bool,
    /// Pictures for a front end that shows them (the Jupyter kernel sets
    /// `Some`): SVG text with a line describing it, such as a training's
    /// loss curve. `None` (a terminal) collects nothing.
    pub pictures: Option<Vec<(String, String)>>,
    /// Whether Ctrl-C's message says every name keeps the value it had
    /// reached: not where whoever runs the console puts the names back
    /// next, and says so (a lesson between its steps: finding B221).
    pub names_kept_after_ctrl_c: bool,
    /// Whether `print(...)` output is written (a lesson turns it off to
    /// run an answer for real whose prints were shown as it was graded).
    pub show_prints: bool,
    transcript: Vec<String>,
    load_depth: usize,
}

impl Console {
    /// A console over a fresh session, reaching the machine's files, clock
    /// and Graphviz through a [`SystemHost`] that shares its Ctrl-C flag and
    /// wraps to [`wrap::MAX_WIDTH`] columns (the terminal app gives its
    /// console a host that reads the terminal's width instead).
    pub fn new(palette: Palette) -> Self {
        let interrupt = Arc::new(AtomicBool::new(false));
        let system = SystemHost::new(palette, wrap::MAX_WIDTH, interrupt.clone());
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
            flush_each_event: true,
            pictures: None,
            names_kept_after_ctrl_c: true,
            show_prints: true,
            transcript: Vec::new(),
            load_depth: 0,
        }
    }

    /// How to write for this console now: its palette, and the width its
    /// host reads (a terminal's, which the learner may have resized since
    /// the last input). Not to be called while the host is locked.
    pub fn style(&self) -> Style {
        Style::new(self.palette, host::lock(&self.host).width())
    }

    /// The session and the transcript as they are now, to go back to.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            session: self.session.clone(),
            transcript_len: self.transcript.len(),
        }
    }

    /// Puts the session and the transcript back as they were at `checkpoint`.
    pub fn restore(&mut self, checkpoint: Checkpoint) {
        self.session = checkpoint.session;
        self.transcript.truncate(checkpoint.transcript_len);
    }

    /// The lines that ran without error, in order (what `:save` writes).
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// Runs one input and prints what it did: one line, or a compound
    /// statement with its body (many lines, spans counted from the start of
    /// `text`). Everything a statement prints (echoes, `print`, `show`,
    /// warnings, training) is written while it runs.
    pub fn execute(
        &mut self,
        text: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Outcome {
        self.interrupt.store(false, Ordering::SeqCst);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Outcome::Ok;
        }
        let outcome = if trimmed.starts_with(':') {
            self.meta_command(text, origin, out, control)
        } else if let Some(ask) = asks::recognise(trimmed).filter(|_| !trimmed.contains('\n')) {
            self.answer(ask, out)
        } else {
            let chunk = chunk_for(text, origin);
            match self.run_statements(&chunk, origin, out) {
                Ok(()) => {
                    self.keep_in_transcript(text);
                    Ok(Outcome::Ok)
                }
                Err(Failure::Eval(error)) => self
                    .report_error_in(out, origin, &chunk, &error)
                    .map(|()| Outcome::Failed),
                Err(Failure::Write(error)) => Err(error),
            }
        };
        outcome.unwrap_or_else(Outcome::from)
    }

    /// `tanh?`, `help(x)`, `quit()`: help on a name (or on a value the
    /// learner bound), or leaving.
    fn answer(&mut self, ask: asks::Ask, out: &mut dyn Write) -> io::Result<Outcome> {
        let asks::Ask::Help(name) = ask else {
            return Ok(Outcome::Quit);
        };
        match self.session.lookup(&name) {
            Some(value) => {
                let text = asks::describe(&name, value);
                writeln!(out, "{}", wrap::paragraph(&text, self.style().width))?;
            }
            // `train?` asks about the function, as `tanh?` does; the topic
            // page of the same name stays `:help train`'s answer.
            _ if name_help::is_known(&name) => help::name(out, self.style(), &name)?,
            _ => help::write(out, self.style(), &name)?,
        }
        Ok(Outcome::Ok)
    }

    /// Remembers an input that ran, for `:save`; a block is followed by a
    /// blank line so the saved file reads back as the same blocks.
    fn keep_in_transcript(&mut self, text: &str) {
        let text = text.trim_end();
        if text.contains('\n') {
            self.transcript.push(format!("{text}\n"));
        } else {
            self.transcript.push(text.to_string());
        }
    }

    /// Runs the input's statements in order; each prints (and, for
    /// `train`, carries out) what it does while it runs, so
    /// `train(n, d); n([1, 2])` uses the trained weights.
    fn run_statements(
        &mut self,
        chunk: &Arc<crate::eval::Chunk>,
        origin: Origin,
        out: &mut dyn Write,
    ) -> Result<(), Failure> {
        let statements = self.session.parse_chunk(chunk.clone())?;
        let style = self.style();
        for index in 0..statements.len() {
            let mut sink = ConsoleSink {
                out: &mut *out,
                style,
                interrupt: self.interrupt.clone(),
                host: self.host.clone(),
                diagnostics_to_stderr: self.diagnostics_to_stderr,
                flush_each_event: self.flush_each_event,
                origin,
                chunk,
                stopped: false,
                write_error: None,
                pictures: &mut self.pictures,
                show_prints: self.show_prints,
            };
            let result = self.session.run_statement(&statements, index, &mut sink);
            let stopped = sink.stopped;
            if let Some(error) = sink.write_error.take() {
                // The output is gone: the statement was stopped (the sink
                // said Ctrl-C) and nothing after it runs.
                return Err(Failure::Write(error));
            }
            if result.is_err() {
                // The statements before the failing one ran and changed the
                // session (as in Python), so `:save` must keep them.
                let ran = chunk.text[..statements.start_of(index)].trim_end();
                if !ran.is_empty() {
                    self.transcript.push(ran.to_string());
                }
            }
            result?;
            // Ctrl-C cancels the rest of the line, as in Python, whether it
            // stopped a training (which said so) or came between statements.
            let more = index + 1 < statements.len();
            if more && (stopped || self.interrupted()) {
                writeln!(
                    out,
                    "{}",
                    self.palette
                        .dim("(Ctrl-C: the rest of the line was not run)")
                )?;
                return Ok(());
            }
        }
        Ok(())
    }

    /// Prints an error or warning, to stderr in script mode.
    pub fn report(
        &self,
        out: &mut dyn Write,
        origin: Origin,
        line: &str,
        d: &Diagnostic,
    ) -> io::Result<()> {
        write_diagnostic(out, self.style(), self.diagnostics_apart(), origin, line, d)
    }

    /// Prints an evaluation error about `line`, pointing into it.
    pub fn report_error(
        &self,
        out: &mut dyn Write,
        origin: Origin,
        line: &str,
        error: &EvalError,
    ) -> io::Result<()> {
        self.report_error_in(out, origin, &chunk_for(line, origin), error)
    }

    /// Prints an evaluation error about an input (or, for an error in a
    /// function defined earlier, about the input it was defined in), with
    /// where it happened: `in iteration 3 of for k (k = 2)`.
    fn report_error_in(
        &self,
        out: &mut dyn Write,
        origin: Origin,
        chunk: &Arc<crate::eval::Chunk>,
        error: &EvalError,
    ) -> io::Result<()> {
        let chunk = error.chunk.as_ref().unwrap_or(chunk);
        if error.interrupted {
            out.flush()?;
            let (index, _, _) = chunk.line_at(error.span.start);
            let mut text = format!("{} at line {}", error.message, chunk.first_line + index);
            for context in &error.context {
                text = format!("{text}, {context}");
            }
            if self.names_kept_after_ctrl_c {
                text.push_str("; every name keeps the value it had reached");
            }
            // On a line of its own: the terminal echoed `^C` where the
            // cursor was, and a first line wrapped to the full width then
            // overflowed by those two columns, cutting a code span at the
            // edge (finding B221; the lesson's own message does the same,
            // B17).
            writeln!(out)?;
            return writeln!(
                out,
                "{}",
                self.palette
                    .dim(&wrap::paragraph(&text, self.style().width))
            );
        }
        let mut help = error.help.clone();
        if !error.context.is_empty() {
            let context = format!("(this was {})", error.context.join(", "));
            help = Some(match help {
                Some(help) => format!("{help}\n{context}"),
                None => context,
            });
        }
        write_located(
            out,
            self.style(),
            self.diagnostics_apart(),
            origin,
            chunk,
            &Diagnostic {
                severity: Severity::Error,
                message: &error.message,
                span: error.span,
                help: help.as_deref(),
            },
        )
    }

    /// Prints a plain error message (no source line to point into).
    pub fn report_message(
        &self,
        out: &mut dyn Write,
        origin: Origin,
        message: &str,
    ) -> io::Result<()> {
        let location = match origin {
            Origin::Script { name, line } => format!("{name}:{line}: "),
            Origin::Prompt { .. } => String::new(),
        };
        let text = format!("{location}{}: {message}", self.palette.error("error"));
        write_diagnostic_line(out, self.diagnostics_apart(), &text)
    }

    /// Prints a line about the program rather than the input (a damaged
    /// progress file, a save that failed), as `micrograd: TEXT`, where
    /// errors go.
    pub fn report_notice(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        write_diagnostic_line(out, self.diagnostics_apart(), &format!("micrograd: {text}"))
    }

    /// The host whose diagnostics stream errors go to when they are kept
    /// apart from results (script mode); `None` at the prompt.
    fn diagnostics_apart(&self) -> Option<&SharedHost> {
        self.diagnostics_to_stderr.then_some(&self.host)
    }

    /// True once Ctrl-C was pressed during the current command.
    pub fn interrupted(&self) -> bool {
        self.interrupt.load(Ordering::SeqCst)
    }
}
