//! Where the console's output goes while a statement runs, and where a
//! diagnostic points in an input of many lines: the [`ConsoleSink`] the
//! evaluator hands its events to (echoes, prints, views, warnings,
//! training), and the placing of a caret under the right line of a block
//! (`FILE:LINE:COL` in scripts, the offending line of the block at the
//! prompt).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::training;
use crate::eval::{Chunk, Event, Session, Sink, TrainRequest};
use crate::host::{self, SharedHost};
use crate::render::diagnostic::{self, Diagnostic, Origin, Severity};
use crate::render::{events, tree};
use crate::syntax::Span;
use crate::text::Style;

/// Prints what a statement does, as it does it.
pub(super) struct ConsoleSink<'a> {
    pub(super) out: &'a mut dyn Write,
    pub(super) style: Style,
    pub(super) interrupt: Arc<AtomicBool>,
    pub(super) host: SharedHost,
    pub(super) diagnostics_to_stderr: bool,
    pub(super) flush_each_event: bool,
    pub(super) origin: Origin<'a>,
    pub(super) chunk: &'a Arc<Chunk>,
    /// Set when Ctrl-C stopped a training (which said so itself).
    pub(super) stopped: bool,
    /// The first write that failed: nothing more is written, and the
    /// evaluator is told to stop (as by Ctrl-C) so the console can end the
    /// run with it.
    pub(super) write_error: Option<std::io::Error>,
    /// Where pictures go, for a front end that shows them.
    pub(super) pictures: &'a mut Option<Vec<(String, String)>>,
    /// Whether `print(...)` output is written (see `Console::show_prints`).
    pub(super) show_prints: bool,
}

impl Sink for ConsoleSink<'_> {
    fn emit(&mut self, session: &Session, event: Event) {
        if self.write_error.is_some() {
            return;
        }
        let written = match event {
            Event::Print(_) if !self.show_prints => Ok(()),
            Event::Show(root) => tree::write(self.out, self.style, &session.graph, root),
            Event::Warning(warning) => {
                let chunk = warning.chunk.as_ref().unwrap_or(self.chunk);
                let message = if warning.repeats > 1 {
                    format!("{} (×{})", warning.message, warning.repeats)
                } else {
                    warning.message.clone()
                };
                write_located(
                    self.out,
                    self.style,
                    self.diagnostics_to_stderr.then_some(&self.host),
                    self.origin,
                    chunk,
                    &Diagnostic {
                        severity: Severity::Warning,
                        message: &message,
                        span: warning.span,
                        help: None,
                    },
                )
            }
            // Show and Warning are written above; the bool says only that.
            other => events::write_event(self.out, self.style, session, &other).map(|_| ()),
        };
        let flushed = written.and_then(|()| {
            if self.flush_each_event {
                self.out.flush()
            } else {
                Ok(())
            }
        });
        if let Err(error) = flushed {
            self.write_error = Some(error);
        }
    }

    fn train(&mut self, session: &mut Session, request: &TrainRequest) -> bool {
        if self.write_error.is_some() {
            return true;
        }
        let stopped = match training::run(
            session,
            self.style,
            &self.interrupt,
            &self.host,
            request,
            self.out,
            self.pictures,
        ) {
            Ok(stopped) => stopped,
            Err(error) => {
                self.write_error = Some(error);
                true
            }
        };
        self.stopped |= stopped;
        stopped
    }

    fn file_exists(&mut self, path: &str) -> bool {
        host::lock(&self.host).exists(path)
    }

    fn interrupted(&self) -> bool {
        self.write_error.is_some() || self.interrupt.load(Ordering::SeqCst)
    }
}

/// The chunk for an input given with its origin.
pub(super) fn chunk_for(text: &str, origin: Origin) -> Arc<Chunk> {
    Arc::new(match origin {
        Origin::Script { name, line } => Chunk {
            text: text.to_string(),
            script: Some(name.to_string()),
            first_line: line,
        },
        Origin::Prompt { .. } => Chunk {
            text: text.to_string(),
            script: None,
            first_line: 1,
        },
    })
}

/// Prints a diagnostic: to `out`, or with `apart` to that host's
/// diagnostics stream (stderr in script mode, so a pipe's stdout holds only
/// results), after flushing `out` so the two keep their order.
pub(super) fn write_diagnostic(
    out: &mut dyn Write,
    style: Style,
    apart: Option<&SharedHost>,
    origin: Origin,
    line: &str,
    d: &Diagnostic,
) -> std::io::Result<()> {
    match apart {
        Some(host) => {
            out.flush()?;
            let mut host = host::lock(host);
            diagnostic::write(host.diagnostics(), style, origin, line, d)
        }
        None => diagnostic::write(out, style, origin, line, d),
    }
}

/// Writes one line of diagnostic text: to `out`, or with `apart` to that
/// host's diagnostics stream (see [`write_diagnostic`]).
pub(super) fn write_diagnostic_line(
    out: &mut dyn Write,
    apart: Option<&SharedHost>,
    text: &str,
) -> std::io::Result<()> {
    match apart {
        Some(host) => {
            out.flush()?;
            let mut host = host::lock(host);
            writeln!(host.diagnostics(), "{text}")
        }
        None => writeln!(out, "{text}"),
    }
}

/// Prints a diagnostic about a span of `chunk`: only the line it is on is
/// shown, numbered from the chunk's first line in a script; at the prompt
/// a block's line is printed again with the caret under it (a one-line
/// input is on screen just above, after the prompt, as before).
pub(super) fn write_located(
    out: &mut dyn Write,
    style: Style,
    apart: Option<&SharedHost>,
    origin: Origin,
    chunk: &Chunk,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let (index, start, line) = chunk.line_at(d.span.start);
    let span = Span::new(
        d.span.start - start,
        d.span
            .end
            .saturating_sub(start)
            .min(line.len())
            .max(d.span.start - start),
    );
    let local = Diagnostic { span, ..*d };
    let here = match (&chunk.script, origin) {
        (Some(name), _) => Origin::Script {
            name,
            line: chunk.first_line + index,
        },
        (None, Origin::Prompt { prompt_width }) if !chunk.is_multiline() => {
            Origin::Prompt { prompt_width }
        }
        (None, _) => {
            // A line of a block (or of an earlier input): shown again, with
            // a continuation prompt, so the caret has something to sit under.
            write_diagnostic_line(out, apart, &format!("... {line}"))?;
            Origin::Prompt { prompt_width: 4 }
        }
    };
    write_diagnostic(out, style, apart, here, line, &local)
}
