//! The interactive prompt in a real pseudo-terminal: what a learner types,
//! pastes (bracketed or as a burst of lines) and recalls runs exactly as
//! the same text in a file would, with nothing lost.

#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use pty::start;

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

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

#[test]
fn an_empty_line_in_an_open_bracket_says_which_bracket_is_open() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("y = tanh(2.0").unwrap();
    session.exp_string("... ").expect("a continuation prompt");
    session.send_line("").unwrap();
    session
        .exp_string("opened at column 9 is still open")
        .expect("the open bracket is named");
    session.send_line(")").unwrap();
    session.send_line("y * 0").unwrap();
    session
        .exp_string("0")
        .expect("closing it runs the statement");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn an_input_no_later_line_can_mend_is_reported_at_once() {
    // Python's REPL reports `def f(:` as soon as Enter is pressed (R1);
    // what can still be finished keeps the `... ` prompt.
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("def f(:").unwrap();
    let (before, _) = session
        .exp_regex(r"\^\r?\n")
        .expect("a caret under the mistake, without waiting for a `)`");
    assert!(!before.contains("... "), "no continuation prompt: {before}");
    let caret_indent = before.rsplit('\n').next().unwrap_or_default();
    assert_eq!(
        caret_indent,
        " ".repeat(">>> def f(".len()),
        "the caret is under the `:`: {before}"
    );
    session.exp_string(">>> ").expect("a fresh prompt");
    session.send_line("x = (1 +").unwrap();
    session.exp_string("... ").expect("an open bracket waits");
    session.send_line("  2)").unwrap();
    session.exp_string("x = 3").expect("and runs once closed");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn a_body_typed_without_its_indent_is_one_error_at_its_first_character() {
    // Python: "expected an indented block after function definition on
    // line 1", at line 2's start; not two errors (R5).
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("def neuron(x, w, b):").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    // Ctrl-U rubs out the indent the prompt typed.
    session.send_control('u').unwrap();
    session.send_line("return tanh(x*w + b)").unwrap();
    let before = session
        .exp_string("must be indented under it")
        .expect("the body's indentation is what is wrong");
    let caret_line = before
        .lines()
        .rev()
        .find(|line| line.contains('^'))
        .unwrap_or_default();
    assert_eq!(caret_line.trim_end(), "    ^", "under the `r`: {before}");
    session.send_line("after = 5").unwrap();
    let between = session.exp_string("after = 5\r\n").unwrap();
    assert!(!between.contains("error"), "one error only: {between}");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

/// What a learner sees before typing: a pause longer than a paste's.
fn read_the_prompt() {
    std::thread::sleep(std::time::Duration::from_millis(400));
}

#[test]
fn a_body_line_starts_indented_and_a_return_steps_back() {
    // IPython's autoindent (R5): after `def ...:` the `... ` line is
    // already indented, so a body typed without spaces is a body.
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("def double(x):").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    session.send_line("return x * 2").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    // After `return` the indent steps back: Enter on an empty line ends it.
    session.send_line("").unwrap();
    session.exp_string(">>> ").unwrap();
    session.send_line("double(4) + 0.5").unwrap();
    let before = session.exp_string("8.5").expect("the body was indented");
    assert!(!before.contains("error"), "{before}");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn a_paste_at_an_indented_line_is_not_indented_twice() {
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    session.send_line("for k in range(2):").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    session
        .send(&format!("{PASTE_START}    print(k + 10){PASTE_END}\r"))
        .unwrap();
    session.flush().unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    session.send_line("").unwrap();
    let before = session.exp_string("11").expect("the loop ran");
    assert!(!before.contains("error"), "{before}");
    // Keys typed in one burst (a paste without bracketed-paste mode): a
    // line at column 0 after the body is not pulled into it.
    session
        .send("for k in range(2):\r    print(k + 20)\rprint(99)\rmarker = 1\r")
        .unwrap();
    session.flush().unwrap();
    let before = session.exp_string("marker = 1\r\n").unwrap();
    let nineties = before.lines().filter(|l| l.trim() == "99").count();
    assert_eq!(nineties, 1, "print(99) ran once, after the loop: {before}");
    assert!(before.contains("21"), "{before}");
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

/// The numbers a run printed alone on their lines, in order.
fn printed_numbers(out: &str) -> Vec<String> {
    out.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

#[test]
fn backspace_at_a_pre_filled_indent_steps_back_one_level() {
    // Finding C232: one Backspace at the inner body's 8 spaces left 7
    // ("indented 7 spaces, which matches no block"); as in IPython it
    // goes back to the outer body's 4.
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    for line in ["for k in range(2):", "for p in [1, 2]:", "print(p)"] {
        session.send_line(line).unwrap();
        session.exp_string("... ").unwrap();
        read_the_prompt();
    }
    session.send("\x7f").unwrap();
    session.flush().unwrap();
    read_the_prompt();
    session.send_line("print(k + 100)").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    session.send_line("").unwrap();
    let out = session.exp_string("101").expect("the loop ran");
    assert!(!out.contains("error"), "{out}");
    assert_eq!(
        printed_numbers(&format!("{out}101")),
        ["1", "2", "100", "1", "2", "101"]
    );
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

/// The lines a terminal shows after `raw` (the REPL's bytes, escapes
/// kept) is written to it, for the escapes a line editor uses: carriage
/// return, newline, cursor left and right, and erase to the line's end.
fn shown_lines(raw: &str) -> Vec<String> {
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0, 0);
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => col = 0,
            '\n' => {
                row += 1;
                if lines.len() <= row {
                    lines.push(Vec::new());
                }
            }
            '\x1b' => {
                let mut params = String::new();
                if chars.next_if_eq(&'[').is_none() {
                    continue;
                }
                let Some(end) = chars.by_ref().find(|c| {
                    params.push(*c);
                    c.is_ascii_alphabetic()
                }) else {
                    break;
                };
                let n: usize = params.trim_end_matches(end).parse().unwrap_or(1);
                match end {
                    'C' => col += n,
                    'D' => col = col.saturating_sub(n),
                    'K' => lines[row].truncate(col),
                    _ => {}
                }
            }
            c if !c.is_control() => {
                let line = &mut lines[row];
                if line.len() <= col {
                    line.resize(col + 1, ' ');
                }
                line[col] = c;
                col += 1;
            }
            _ => {}
        }
    }
    lines.into_iter().map(|l| l.into_iter().collect()).collect()
}

#[test]
fn spaces_typed_over_the_pre_filled_indent_are_shown_once() {
    // Finding B224: typing a body's 4 spaces as the lesson shows them, at
    // a line the prompt already indented, showed 8 (and overflowed a
    // narrow terminal); the typed spaces replace the pre-fill on screen.
    use rexpect::session::{spawn_with_options, Options};
    let dir = common::temp_dir();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_micrograd"));
    command
        .env("MICROGRAD_DATA_DIR", dir.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("COLUMNS", "100");
    let options = Options::default().timeout_ms(Some(20_000));
    let mut session = spawn_with_options(command, options).unwrap();
    session.exp_string(":lesson 1").unwrap();
    let mut raw = session.exp_string(">>> ").unwrap() + ">>> ";
    for line in ["for k in range(2):", "    print(k + 200)", ""] {
        read_the_prompt();
        session.send_line(line).unwrap();
    }
    raw += &session.exp_string("201").expect("the loop ran");
    let shown = shown_lines(&raw);
    let echo = shown.iter().find(|l| l.contains("print(k + 200)"));
    assert_eq!(
        echo.map(|l| l.trim_end()),
        Some("...     print(k + 200)"),
        "{shown:#?}"
    );
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn four_spaces_typed_over_an_inner_indent_make_an_outer_body_line() {
    // Finding B224: the learner who types a body's spaces as the lesson
    // shows them gets those spaces, not the pre-fill's and theirs: four
    // typed at the inner body's eight make the outer body's line.
    let dir = common::temp_dir();
    let mut session = start(dir.path());
    for line in [
        "for k in range(2):",
        "    for p in [1, 2]:",
        "        print(p)",
    ] {
        session.send_line(line).unwrap();
        session.exp_string("... ").unwrap();
        read_the_prompt();
    }
    session.send_line("    print(k + 200)").unwrap();
    session.exp_string("... ").unwrap();
    read_the_prompt();
    session.send_line("").unwrap();
    let out = session.exp_string("201").expect("the loop ran");
    assert!(!out.contains("error"), "{out}");
    assert_eq!(
        printed_numbers(&format!("{out}201")),
        ["1", "2", "200", "1", "2", "201"]
    );
    session.send_line(":quit").unwrap();
    session.exp_eof().unwrap();
}
