//! The interactive prompt in a real pseudo-terminal: what a learner types,
//! pastes (bracketed or as a burst of lines) and recalls runs exactly as
//! the same text in a file would, with nothing lost.

#![cfg(unix)]

mod common;

use std::process::Command;

use rexpect::session::{spawn_with_options, Options, PtySession};

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

fn start(data_dir: &std::path::Path) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_micrograd"));
    command
        .env("MICROGRAD_DATA_DIR", data_dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("COLUMNS", "100");
    let mut session = spawn_with_options(
        command,
        Options::default()
            .timeout_ms(Some(20_000))
            .strip_ansi_escape_codes(true),
    )
    .expect("the binary starts in a pty");
    session
        .exp_string(":lesson 1")
        .expect("the banner names the first lesson");
    settle(&mut session);
    session
}

/// Waits for the prompt and for the editor to own the terminal (raw mode),
/// as a learner's first keystroke would: bytes sent before that are read
/// by the terminal's own line discipline, which no learner ever meets.
fn settle(session: &mut PtySession) {
    session.exp_string(">>> ").expect("the prompt");
    std::thread::sleep(std::time::Duration::from_millis(300));
}

fn fifty_statements() -> Vec<String> {
    (1..=50).map(|i| format!("v{i} = {i}")).collect()
}

#[test]
fn a_bracketed_paste_of_fifty_lines_runs_all_fifty() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    let text = fifty_statements().join("\n");
    session
        .send(&format!("{PASTE_START}{text}{PASTE_END}\r"))
        .unwrap();
    session.flush().unwrap();
    session.exp_string("v50 = 50").expect("the last line ran");
    session.send_line("v1 + v25 + v50").unwrap();
    session
        .exp_string("76")
        .expect("every pasted name is bound");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn a_burst_of_typed_ahead_lines_loses_none() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    // Sent in one write, as a terminal without bracketed paste delivers a
    // paste: every line arrives before the first has run.
    let burst: String = fifty_statements()
        .iter()
        .map(|line| format!("{line}\r"))
        .collect();
    session.send(&burst).unwrap();
    session.send("v1 + v49 + v50\r").unwrap();
    session.flush().unwrap();
    session
        .exp_string("100")
        .expect("no typed-ahead line vanished");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn an_open_bracket_continues_with_the_dots_prompt() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("total = (1 +").unwrap();
    session.exp_string("... ").expect("a continuation prompt");
    session.send_line("  2)").unwrap();
    session.send_line("total * 10").unwrap();
    session
        .exp_string("30")
        .expect("the two lines ran as one statement");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn ctrl_c_at_the_dots_prompt_drops_the_open_input_only() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("kept = 7").unwrap();
    session.send_line("lost = (1 +").unwrap();
    session.exp_string("... ").unwrap();
    session.send_control('c').unwrap();
    session
        .exp_string("cleared")
        .expect("Ctrl-C says what it cleared");
    session.send_line("kept * 6").unwrap();
    session
        .exp_string("42")
        .expect("names bound before survive");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}
