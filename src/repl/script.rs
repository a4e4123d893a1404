//! Script mode: lines from a file or a pipe, no prompt, no banner; the first
//! error stops the run with `NAME:LINE:COL` and a non-zero exit. Lines are
//! gathered into inputs by file rules ([`Mode::File`]): a compound
//! statement runs once its block has ended, exactly as in a Python file.

use std::io::{BufRead, Write};

use crate::console::{Assembler, Chunk, Console, Mode, Outcome, RunAll};
use crate::lesson::Tutor;
use crate::render::diagnostic::Origin;

/// Runs every line of `input`; returns false if a line failed. Lesson
/// commands work as at the prompt: `:lesson 1` takes the following lines
/// as the learner's answers, and a wrong answer is not a failure.
pub fn run_script(
    console: &mut Console,
    tutor: &mut Tutor,
    input: &mut dyn BufRead,
    name: &str,
    out: &mut dyn Write,
) -> bool {
    let mut buffer = Vec::new();
    let mut assembler = Assembler::new(Mode::File);
    loop {
        buffer.clear();
        match input.read_until(b'\n', &mut buffer) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                console.report_message(
                    out,
                    Origin::Script {
                        name,
                        line: assembler.lines_seen() + 1,
                    },
                    &format!("cannot read input: {e}"),
                );
                return false;
            }
        }
        // Invalid UTF-8 becomes U+FFFD, which the parser then reports.
        let line = String::from_utf8_lossy(&buffer);
        let line = line.trim_end_matches(['\n', '\r']);
        // Editors on Windows start UTF-8 files with a byte-order mark.
        let line = if assembler.lines_seen() == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        for chunk in assembler.push_line(line) {
            if let Some(finished) = run_chunk(console, tutor, &chunk, name, out) {
                return finished;
            }
        }
    }
    match assembler.finish() {
        Some(chunk) => run_chunk(console, tutor, &chunk, name, out).unwrap_or(true),
        None => true,
    }
}

/// Runs one input; `Some(result)` when the script ends here (`:quit` or an
/// error).
fn run_chunk(
    console: &mut Console,
    tutor: &mut Tutor,
    chunk: &Chunk,
    name: &str,
    out: &mut dyn Write,
) -> Option<bool> {
    let origin = Origin::Script {
        name,
        line: chunk.first_line,
    };
    match tutor.feed(console, &chunk.text, origin, out, &mut RunAll) {
        Outcome::Ok | Outcome::Lesson(..) => None,
        Outcome::Quit => Some(true),
        Outcome::Failed => Some(false),
    }
}
