//! The interactive prompt and script mode. Both feed lines to a
//! [`Console`]; the prompt adds line editing, history, completion, Ctrl-C
//! handling and the pause between `:step` steps.

pub mod editor;
mod history;
mod indent;
mod output;
mod pause;
mod script;
mod terminal;

use std::collections::VecDeque;
use std::io::Write;

use rustyline::error::ReadlineError;

use crate::console::{dedented, one_input, Assembler, Chunk, Console, Mode, Outcome, WriteError};
use crate::lesson::Tutor;
use crate::render::diagnostic::Origin;

pub use output::ScriptOutput;
pub use script::run_script;
pub use terminal::{catch_ctrl_c, data_dir, interrupt_flag, terminal_host, terminal_width};

/// The prompt.
pub const PROMPT: &str = ">>> ";

/// The prompt while a block or a bracket is open, as in Python.
pub const CONTINUATION: &str = "... ";

/// Runs the interactive REPL until `:quit` or Ctrl-D (or until stdout
/// cannot be written, which is returned); lessons run inside it through
/// `tutor`.
pub fn run_interactive(console: &mut Console, tutor: &mut Tutor) -> Result<(), WriteError> {
    let palette = console.palette;
    // The console watches the one flag the handler sets (see main).
    catch_ctrl_c();

    let names = editor::SharedNames::default();
    let mut editor = match editor::new_editor(names.clone(), palette) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("micrograd: cannot start the line editor ({e}); reading plain lines instead");
            let stdin = std::io::stdin();
            let mut out = crate::text::ascii::Ascii::new(std::io::stdout());
            return run_script(console, tutor, &mut stdin.lock(), "<stdin>", &mut out).map(|_| ());
        }
    };
    let keys = pause::PauseKeys::bind(&mut editor);
    // After the pause's keys: the indent's space asks the pause first.
    let indent_keys = indent::IndentKeys::bind(&mut editor);
    // Lines typed at a `:step` pause, run before the next one is read.
    let mut typed: VecDeque<String> = VecDeque::new();
    let mut out = crate::text::ascii::Ascii::new(std::io::stdout());
    if !tutor.in_lesson() {
        let banner = format!(
            "micrograd {} · {} for help · {} to start learning · Ctrl-D quits",
            env!("CARGO_PKG_VERSION"),
            palette.bold(":help"),
            palette.bold(":lesson 1"),
        );
        // Wrapped at word breaks, so a narrow terminal never cuts a word.
        writeln!(
            out,
            "{}",
            crate::text::wrap::paragraph(&banner, console.style().width)
        )?;
    }
    let mut history_warned = false;
    let mut assembler = Assembler::new(Mode::Prompt);
    let mut entry: Vec<String> = Vec::new();
    'session: loop {
        refresh_names(tutor.names_session(console), &names);
        let prompt = if assembler.needs_more() {
            CONTINUATION.to_string()
        } else {
            tutor.prompt().unwrap_or_else(|| PROMPT.to_string())
        };
        // Inside a block the line starts at its indent (IPython's
        // autoindent); what the learner did not see typed is taken back.
        let indent = assembler.continuation_indent();
        indent_keys.reading(indent.as_deref().unwrap_or_default());
        let shown = std::time::Instant::now();
        let read = match (typed.pop_front(), &indent) {
            (Some(line), _) => Ok(line),
            (None, Some(indent)) => {
                editor
                    .readline_with_initial(&prompt, (indent, ""))
                    .map(|text| {
                        let own = indent_keys.replaced();
                        indent::as_meant(text, indent, shown.elapsed(), own)
                    })
            }
            (None, None) => editor.readline(&prompt),
        };
        let text = match read {
            Ok(text) => text,
            Err(ReadlineError::Interrupted) => {
                let what = if assembler.needs_more() {
                    "block"
                } else {
                    "line"
                };
                assembler = Assembler::new(Mode::Prompt);
                entry.clear();
                writeln!(
                    out,
                    "{}",
                    palette.dim(&format!(
                        "(Ctrl-C: {what} cleared; Ctrl-D or :quit to leave)"
                    ))
                )?;
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("micrograd: cannot read input: {e}");
                break;
            }
        };
        // The learner may have resized the window while typing: what this
        // input prints wraps to the width the host reads now (the console
        // asks its host each time it writes).
        entry.push(text.clone());
        let chunks = assemble(&mut assembler, &text);
        // A lesson grades what the learner pasted once, as one answer.
        let chunks = if tutor.in_lesson() {
            one_input(chunks)
        } else {
            chunks
        };
        if text.trim().is_empty() {
            // An empty line ends a block, but not an open bracket: say
            // which one keeps the `... ` prompt going.
            if let Some(note) = assembler.open_bracket_note() {
                let note = crate::text::wrap::paragraph(&note, console.style().width);
                writeln!(out, "{}", palette.dim(&note))?;
            }
        }
        if !assembler.needs_more() {
            // A whole block is one history entry, recalled whole with ↑.
            let _ = editor.add_history_entry(entry.join("\n"));
            entry.clear();
        }
        for chunk in chunks {
            let origin = Origin::Prompt {
                prompt_width: prompt.chars().count(),
            };
            let mut stepper = pause::TerminalStepper {
                editor: &mut editor,
                keys: &keys,
                typed: &mut typed,
                finish_all: false,
            };
            // Lesson commands, and every input while a lesson runs, go
            // through the tutor.
            let outcome = tutor.feed(console, &chunk.text, origin, &mut out, &mut stepper);
            if let Outcome::WriteFailed(error) = outcome {
                return Err(error);
            }
            // Whatever Ctrl-C stopped said so itself (a loop's "stopped by
            // Ctrl-C", a training's summary, `:step`'s count); the flag is
            // for this input only, or a later one would say it again.
            console
                .interrupt
                .store(false, std::sync::atomic::Ordering::SeqCst);
            if outcome == Outcome::Quit {
                break 'session;
            }
        }
        if let Err(e) = editor::save_history(&mut editor) {
            if !history_warned {
                eprintln!("micrograd: could not save history ({e}); going on without it");
                history_warned = true;
            }
        }
    }
    Ok(())
}

/// The inputs one read completes. A read holding several lines (a
/// bracketed paste, or a block recalled from history) is read by file
/// rules, and its end completes what it opened unless a bracket or a
/// header's `:` is still open, so a paste runs exactly as the same text
/// in a file would; one typed line is read by the prompt's rules.
///
/// A read that starts a new input loses the indentation its lines share
/// ([`dedented`]): a listing copied from a lesson's text runs as written.
fn assemble(assembler: &mut Assembler, text: &str) -> Vec<Chunk> {
    let text = match assembler.needs_more() {
        // Inside an open block indentation is the block's own.
        true => std::borrow::Cow::Borrowed(text),
        false => dedented(text),
    };
    if !text.contains('\n') {
        return assembler.push_line(&text);
    }
    assembler.set_mode(Mode::File);
    let mut chunks = Vec::new();
    for line in text.split('\n') {
        chunks.extend(assembler.push_line(line.trim_end_matches('\r')));
    }
    if assembler.could_end() {
        chunks.extend(assembler.finish());
    }
    assembler.set_mode(Mode::Prompt);
    chunks
}

/// The names Tab offers: those of the session the next line runs in (a
/// lesson's while one runs, finding C223).
fn refresh_names(session: &crate::eval::Session, names: &editor::SharedNames) {
    let mut names = names.borrow_mut();
    names.clear();
    names.extend(crate::console::complete::session_names(session));
}
