//! Script mode: lines from a file or a pipe, no prompt, no banner; the first
//! error stops the run with `NAME:LINE:COL` and a non-zero exit.

use std::io::{BufRead, Write};

use crate::console::{Console, Outcome, RunAll};
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
    let mut number = 0;
    loop {
        buffer.clear();
        match input.read_until(b'\n', &mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => {
                console.report_message(
                    out,
                    Origin::Script {
                        name,
                        line: number + 1,
                    },
                    &format!("cannot read input: {e}"),
                );
                return false;
            }
        }
        number += 1;
        // Invalid UTF-8 becomes U+FFFD, which the parser then reports.
        let line = String::from_utf8_lossy(&buffer);
        let line = line.trim_end_matches(['\n', '\r']);
        // Editors on Windows start UTF-8 files with a byte-order mark.
        let line = if number == 1 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        let origin = Origin::Script { name, line: number };
        match tutor.feed(console, line, origin, out, &mut RunAll) {
            Outcome::Ok | Outcome::Lesson(..) => {}
            Outcome::Quit => return true,
            Outcome::Failed => return false,
        }
    }
}
