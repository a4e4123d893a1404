//! One session per kernel, on a thread of its own: cells run there one at a
//! time, exactly as a script would run them (the console's [`Assembler`]
//! cuts a cell into inputs by file rules), while the kernel's sockets stay
//! responsive (heartbeat, interrupts). What a cell prints is streamed out
//! as it is written, so a training's progress lines appear as they come.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::console::{one_input, Assembler, Console, Mode, Outcome, RunAll};
use crate::lesson::Tutor;
use crate::render::diagnostic::Origin;
use crate::text::Palette;

/// Text a running cell wrote, for one IOPub `stream` message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stream {
    /// `stdout` (results) or `stderr` (warnings and errors).
    pub name: &'static str,
    /// The text, whole lines where possible.
    pub text: String,
}

/// How a cell ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellResult {
    /// Every input ran.
    Ok,
    /// An input failed: Jupyter's `ename`, `evalue` and `traceback`.
    Error {
        /// A short name for the kind of error.
        ename: String,
        /// The error's message.
        evalue: String,
        /// The lines to show, caret and all.
        traceback: Vec<String>,
    },
}

/// The kernel's session: a console, a tutor (lessons work in cells too)
/// and the flag that Ctrl-C (an `interrupt_request`) sets.
pub struct Cell {
    console: Console,
    tutor: Tutor,
}

impl Cell {
    /// A fresh session; no colour (Jupyter shows plain text) and 80
    /// columns, whatever the terminal Jupyter was started from (its host is
    /// `Console::new`'s, which answers a fixed `wrap::MAX_WIDTH`).
    pub fn new() -> Self {
        let mut console = Console::new(Palette::plain());
        // Jupyter shows pictures: a training's loss curve comes as SVG.
        console.pictures = Some(Vec::new());
        Cell {
            console,
            tutor: Tutor::new(false, None),
        }
    }

    /// The flag an interrupt sets; the running cell checks it.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.console.interrupt.clone()
    }

    /// The session's console (for completion and inspection).
    pub fn console(&self) -> &Console {
        &self.console
    }

    /// Runs cell `code` (cell number `count`), writing what it prints to
    /// `out` as it goes and handing rich views (a tree as HTML, a graph as
    /// SVG: see [`super::rich`]) to `display`.
    pub fn run(
        &mut self,
        code: &str,
        count: u64,
        out: &mut dyn Write,
        display: &mut dyn FnMut(serde_json::Value),
    ) -> CellResult {
        let name = format!("In[{count}]");
        let mut assembler = Assembler::new(Mode::File);
        let mut chunks = Vec::new();
        for line in code.lines() {
            chunks.extend(assembler.push_line(line));
        }
        chunks.extend(assembler.finish());
        // A cell in a lesson is one answer, as a paste at the prompt is.
        if self.tutor.in_lesson() {
            chunks = one_input(chunks);
        }
        let mut capture = Capture::new(out);
        for chunk in chunks {
            if !self.tutor.in_lesson() {
                if let Some(bundle) = super::rich::display(&mut self.console, &chunk.text) {
                    let _ = capture.release();
                    display(bundle);
                    continue;
                }
            }
            let origin = Origin::Script {
                name: &name,
                line: chunk.first_line,
            };
            let outcome = self.tutor.feed(
                &mut self.console,
                &chunk.text,
                origin,
                &mut capture,
                &mut RunAll,
            );
            if self.console.interrupted() {
                self.console.interrupt.store(false, Ordering::SeqCst);
                let _ = capture.release();
                return CellResult::Error {
                    ename: "KeyboardInterrupt".into(),
                    evalue: "interrupted; every name keeps the value it had reached".into(),
                    traceback: vec!["KeyboardInterrupt: the cell was interrupted".into()],
                };
            }
            let pictures = self.console.pictures.as_mut().map(std::mem::take);
            for (svg, text) in pictures.unwrap_or_default() {
                let _ = capture.release();
                display(serde_json::json!({"image/svg+xml": svg, "text/plain": text}));
            }
            if outcome == Outcome::Failed {
                let traceback = capture.take_error();
                let evalue = traceback
                    .iter()
                    .find_map(|l| l.split_once("error: ").map(|(_, m)| m.to_string()))
                    .unwrap_or_else(|| "the cell stopped at an error".into());
                return CellResult::Error {
                    ename: "Error".into(),
                    evalue,
                    traceback,
                };
            }
            let _ = capture.release();
        }
        let _ = capture.release();
        CellResult::Ok
    }
}

impl Default for Cell {
    fn default() -> Self {
        Self::new()
    }
}

/// Passes whole lines through, except an error's: from its `FILE:LINE:COL:
/// error:` line on, lines are held back, so a failed input's error goes to
/// Jupyter once, as the error reply's traceback, and not also as output.
/// An input that goes on after all lets the held lines out.
struct Capture<'o> {
    out: &'o mut dyn Write,
    partial: Vec<u8>,
    held: Vec<String>,
}

impl<'o> Capture<'o> {
    fn new(out: &'o mut dyn Write) -> Self {
        Capture {
            out,
            partial: Vec::new(),
            held: Vec::new(),
        }
    }

    /// The lines of the error just written (the source line, the caret,
    /// `help:`), taken out of the output.
    fn take_error(&mut self) -> Vec<String> {
        self.hold_partial();
        std::mem::take(&mut self.held)
    }

    /// The input went on: what was held back is ordinary output, and so
    /// is a last line without its newline.
    fn release(&mut self) -> io::Result<()> {
        for line in std::mem::take(&mut self.held) {
            writeln!(self.out, "{line}")?;
        }
        let rest = std::mem::take(&mut self.partial);
        self.out.write_all(&rest)?;
        self.out.flush()
    }

    fn hold_partial(&mut self) {
        if !self.partial.is_empty() && !self.held.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            self.held.push(String::from_utf8_lossy(&rest).into_owned());
        }
    }

    fn line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let starts_error = text.starts_with("In[") && text.contains(" error: ");
        if starts_error || !self.held.is_empty() {
            self.held
                .push(text.trim_end_matches(['\n', '\r']).to_string());
            return Ok(());
        }
        self.out.write_all(line)
    }
}

impl Write for Capture<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(end) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=end).collect();
            self.line(&line)?;
        }
        Ok(buf.len())
    }

    /// Flushes whole lines only: a diagnostic flushes before it writes,
    /// and its first line must be seen whole to be held back.
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A writer that hands whole lines to `send` as they complete (and the
/// rest on flush), so output streams out while a cell runs.
pub struct LineStream<F: FnMut(Stream)> {
    name: &'static str,
    pending: Vec<u8>,
    send: F,
}

impl<F: FnMut(Stream)> LineStream<F> {
    /// A stream called `name` (`stdout`/`stderr`) delivering to `send`.
    pub fn new(name: &'static str, send: F) -> Self {
        LineStream {
            name,
            pending: Vec::new(),
            send,
        }
    }

    fn deliver(&mut self, upto: usize) {
        if upto == 0 {
            return;
        }
        let bytes: Vec<u8> = self.pending.drain(..upto).collect();
        (self.send)(Stream {
            name: self.name,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        });
    }
}

impl<F: FnMut(Stream)> Write for LineStream<F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last_newline) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.deliver(last_newline + 1);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.deliver(self.pending.len());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(cell: &mut Cell, code: &str) -> (String, CellResult) {
        let mut streamed = Vec::new();
        let result = {
            let mut out = LineStream::new("stdout", |s: Stream| streamed.push(s.text));
            cell.run(code, 1, &mut out, &mut |_| {})
        };
        (streamed.concat(), result)
    }

    #[test]
    fn a_cell_runs_like_a_script_and_keeps_its_names() {
        let mut cell = Cell::new();
        let (text, result) = run(&mut cell, "a = 2\nb = a * 3");
        assert_eq!(result, CellResult::Ok);
        assert_eq!(text, "a = 2\nb = 6\n");
        let (text, _) = run(&mut cell, "b + 1");
        assert_eq!(text, "7\n");
    }

    #[test]
    fn a_cell_at_a_lesson_question_is_one_answer() {
        let mut cell = Cell::new();
        let (text, _) = run(&mut cell, ":lesson 7");
        assert!(text.contains("Bind t2 to tanh written with exp"), "{text}");
        let (text, result) = run(&mut cell, "e2 = exp(2*x)\nt2 = (e2 - 1) / (e2 + 1)");
        assert_eq!(result, CellResult::Ok);
        assert_eq!(text.matches("Right").count(), 1, "{text}");
        assert!(!text.contains("Not quite"), "{text}");
    }

    #[test]
    fn an_error_stops_the_cell_and_names_its_line() {
        let mut cell = Cell::new();
        let (_, result) = run(&mut cell, "a = 2\nb = a +* 3\nc = 1");
        let CellResult::Error {
            evalue, traceback, ..
        } = result
        else {
            panic!("an error was expected");
        };
        assert!(evalue.contains("expected an expression"), "{evalue}");
        assert!(traceback[0].starts_with("In[1]:2:"), "{traceback:?}");
        let (text, result) = run(&mut cell, "c");
        let CellResult::Error { traceback, .. } = result else {
            panic!("`c` is not defined");
        };
        assert!(
            traceback.concat().contains("not defined"),
            "the line after the error did not run"
        );
        assert!(!text.contains("error"), "the error was also output: {text}");
    }

    #[test]
    fn an_error_is_reported_once_in_the_traceback_not_in_the_output() {
        let mut cell = Cell::new();
        let (text, result) = run(&mut cell, "a = 2\nb = a +* 3");
        assert_eq!(text, "a = 2\n");
        let CellResult::Error { traceback, .. } = result else {
            panic!("an error was expected");
        };
        assert_eq!(traceback.len(), 3, "{traceback:?}");
        assert!(traceback[2].trim() == "^", "{traceback:?}");
    }

    #[test]
    fn training_streams_its_progress_and_shows_the_loss_curve_and_boundary_as_svg() {
        let mut cell = Cell::new();
        let mut shown = Vec::new();
        let mut streamed = Vec::new();
        let result = {
            let mut out = LineStream::new("stdout", |s: Stream| streamed.push(s.text));
            cell.run(
                "n = MLP(2, [4, 1]); d = moons(20)\ntrain(n, d, steps=20, every=5)",
                1,
                &mut out,
                &mut |bundle| shown.push(bundle),
            )
        };
        assert_eq!(result, CellResult::Ok);
        let progress: Vec<&String> = streamed.iter().filter(|t| t.starts_with("step ")).collect();
        assert_eq!(
            progress.len(),
            4,
            "one stream message a progress line: {streamed:?}"
        );
        assert_eq!(shown.len(), 2, "the loss curve and the decision boundary");
        let svg = shown[0]["image/svg+xml"].as_str().unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("<polyline"),
            "{svg}"
        );
        let boundary = shown[1]["image/svg+xml"].as_str().unwrap();
        assert!(
            boundary.contains("decision boundary") && boundary.matches("<circle").count() == 20,
            "{boundary}"
        );
        assert_eq!(shown[1]["text/plain"], "<the decision boundary>");
    }

    #[test]
    fn the_boundary_draws_held_out_points_as_rings_and_test_points_as_diamonds() {
        let mut cell = Cell::new();
        let mut shown = Vec::new();
        let result = {
            let mut out = LineStream::new("stdout", |_: Stream| {});
            cell.run(
                "n = MLP(2, [4, 1]); d = moons(40)\ntrain(n, d, steps=10, holdout=0.25, test=0.25)",
                1,
                &mut out,
                &mut |bundle| shown.push(bundle),
            )
        };
        assert_eq!(result, CellResult::Ok);
        let boundary = shown[1]["image/svg+xml"].as_str().unwrap();
        // Every one of the 40 points: the trained-on ones as dots, the
        // held-out ones as rings, the test quarter as diamonds.
        let dots = boundary.matches("stroke=\"black\"").count();
        let rings = boundary.matches("<circle").count() - dots;
        let diamonds = boundary.matches("<polygon").count();
        assert_eq!(dots + rings + diamonds, 40, "{dots} {rings} {diamonds}");
        assert_eq!(diamonds, 10, "the test set is a quarter of the data");
        assert!(rings > 0 && dots > rings, "{dots} {rings}");
        assert!(boundary.contains("○ held out") && boundary.contains("◇ test"));
    }

    #[test]
    fn lines_are_streamed_whole() {
        let mut parts = Vec::new();
        {
            let mut out = LineStream::new("stdout", |s: Stream| parts.push(s.text));
            out.write_all(b"one\ntw").unwrap();
            out.write_all(b"o\nthree").unwrap();
            out.flush().unwrap();
        }
        assert_eq!(parts, vec!["one\n", "two\n", "three"]);
    }
}
