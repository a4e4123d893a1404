//! Script mode: lines from a file or a pipe, no prompt, no banner; the first
//! error stops the run with `NAME:LINE:COL` and a non-zero exit. Lines are
//! gathered into inputs by file rules ([`Mode::File`]): a compound
//! statement runs once its block has ended, exactly as in a Python file.
//! A write that fails (the reader of a pipe went away) ends the run at
//! once and is handed to the caller, which decides what to say.

use std::io::{BufRead, Write};

use crate::console::{Assembler, Chunk, Console, Mode, Outcome, RunAll, WriteError};
use crate::lesson::Tutor;
use crate::render::diagnostic::Origin;

/// Runs every line of `input`; returns false if a line failed, and the
/// write error that stopped it early if writing failed. Lesson
/// commands work as at the prompt: `:lesson 1` takes the following lines
/// as the learner's answers, and a wrong answer is not a failure.
pub fn run_script(
    console: &mut Console,
    tutor: &mut Tutor,
    input: &mut dyn BufRead,
    name: &str,
    out: &mut dyn Write,
) -> Result<bool, WriteError> {
    // `out` writes when it sees fit (script output is buffered), and is
    // flushed below before every read that may wait.
    let flush_each_event = std::mem::replace(&mut console.flush_each_event, false);
    let ok = run_lines(console, tutor, input, name, out);
    console.flush_each_event = flush_each_event;
    ok
}

fn run_lines(
    console: &mut Console,
    tutor: &mut Tutor,
    input: &mut dyn BufRead,
    name: &str,
    out: &mut dyn Write,
) -> Result<bool, WriteError> {
    let mut assembler = Assembler::new(Mode::File);
    // Bytes read but not yet run: whole lines, then the start of the next.
    let mut pending: Vec<u8> = Vec::new();
    // How far into `pending` no line break was found: a long line read in
    // many pieces is searched once, not again with every piece.
    let mut searched = 0;
    loop {
        // The read below may wait for a pipe: what was printed shows first.
        out.flush()?;
        let read = match input.fill_buf() {
            Ok(bytes) => {
                pending.extend_from_slice(bytes);
                bytes.len()
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                console.report_message(
                    out,
                    Origin::Script {
                        name,
                        line: assembler.lines_seen() + 1,
                    },
                    &format!("cannot read input: {e}"),
                )?;
                return Ok(false);
            }
        };
        input.consume(read);
        let at_end = read == 0;
        let mut start = 0;
        while start < pending.len() {
            let from = searched.max(start);
            let end = match pending[from..].iter().position(|&b| b == b'\n') {
                Some(newline) => from + newline + 1,
                None if at_end => pending.len(),
                None => {
                    searched = pending.len();
                    break;
                }
            };
            let line = &pending[start..end];
            start = end;
            if let Some(finished) = run_line(console, tutor, &mut assembler, line, name, out) {
                return finished;
            }
        }
        pending.drain(..start);
        searched = searched.saturating_sub(start);
        if at_end {
            break;
        }
    }
    match assembler.finish() {
        Some(chunk) => run_chunk(console, tutor, &chunk, name, out).unwrap_or(Ok(true)),
        None => Ok(true),
    }
}

/// Runs the inputs one line of the script completes; `Some(result)` when
/// the script ends there.
fn run_line(
    console: &mut Console,
    tutor: &mut Tutor,
    assembler: &mut Assembler,
    bytes: &[u8],
    name: &str,
    out: &mut dyn Write,
) -> Option<Result<bool, WriteError>> {
    // Invalid UTF-8 becomes U+FFFD, which the parser then reports.
    let line = String::from_utf8_lossy(bytes);
    let line = line.trim_end_matches(['\n', '\r']);
    // Editors on Windows start UTF-8 files with a byte-order mark.
    let line = if assembler.lines_seen() == 0 {
        line.strip_prefix('\u{feff}').unwrap_or(line)
    } else {
        line
    };
    for chunk in assembler.push_line(line) {
        if let Some(finished) = run_chunk(console, tutor, &chunk, name, out) {
            return Some(finished);
        }
    }
    None
}

/// Runs one input; `Some(result)` when the script ends here (`:quit`, an
/// error, or a failed write).
fn run_chunk(
    console: &mut Console,
    tutor: &mut Tutor,
    chunk: &Chunk,
    name: &str,
    out: &mut dyn Write,
) -> Option<Result<bool, WriteError>> {
    let origin = Origin::Script {
        name,
        line: chunk.first_line,
    };
    match tutor.feed(console, &chunk.text, origin, out, &mut RunAll) {
        Outcome::Ok | Outcome::Lesson(..) => None,
        Outcome::Quit => Some(Ok(true)),
        Outcome::Failed => Some(Ok(false)),
        Outcome::WriteFailed(error) => Some(Err(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Output that counts how often it is flushed.
    #[derive(Default)]
    struct Counted {
        text: Vec<u8>,
        flushes: usize,
    }

    impl Write for Counted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.text.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    #[test]
    fn a_script_leaves_the_writing_to_its_writer_instead_of_flushing_every_line() {
        let mut console = Console::new(crate::text::Palette::plain());
        let mut tutor = Tutor::new(false, None);
        let script: String = (0..500).map(|k| format!("a{k} = {k} * 2\n")).collect();
        let mut out = Counted::default();
        assert_eq!(
            run_script(
                &mut console,
                &mut tutor,
                &mut script.as_bytes(),
                "<test>",
                &mut out
            ),
            Ok(true)
        );
        let text = String::from_utf8_lossy(&out.text);
        assert_eq!(text.lines().count(), 500);
        assert_eq!(text.lines().nth(499), Some("a499 = 998"));
        // Once before each read of the input (all of it at once here).
        assert!(out.flushes <= 3, "{} flushes", out.flushes);
        assert!(console.flush_each_event, "the prompt's flushing is back");
        // At the prompt every echo is flushed as it is written.
        let mut at_prompt = Counted::default();
        for line in ["b = 1", "c = 2"] {
            let origin = Origin::Script {
                name: "<test>",
                line: 1,
            };
            tutor.feed(&mut console, line, origin, &mut at_prompt, &mut RunAll);
        }
        assert_eq!(at_prompt.flushes, 2, "one flush per echo");
    }
}
