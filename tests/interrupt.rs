//! Ctrl-C at a real prompt (a pseudo-terminal): an endless `while True:`
//! and a recursion that would run for ages both give the prompt back
//! within a second, keeping every name as far as the program got.

#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::start as prompt_session;
use rexpect::session::PtySession;

/// Lets the program run a moment, presses Ctrl-C and returns how long the
/// prompt took to come back.
fn interrupt(repl: &mut PtySession) -> Duration {
    std::thread::sleep(Duration::from_millis(700));
    let pressed = Instant::now();
    repl.send_control('c').expect("Ctrl-C sent");
    repl.exp_string("Ctrl-C")
        .expect("it says Ctrl-C stopped it");
    repl.exp_string(">>> ").expect("the prompt comes back");
    pressed.elapsed()
}

#[test]
fn ctrl_c_stops_an_endless_while_loop_and_keeps_its_variable() {
    let dir = common::temp_dir();
    let mut repl = prompt_session(dir.path());
    repl.send_line("x = Value(0.0)").unwrap();
    repl.exp_string(">>> ").unwrap();
    // A one-line body runs as soon as Enter is pressed.
    repl.send_line("while True: x = x + 1").unwrap();
    let waited = interrupt(&mut repl);
    assert!(waited < Duration::from_secs(1), "took {waited:?}");
    repl.send_line("print(x.data > 10)").unwrap();
    repl.exp_string("True").expect("x kept the loop's progress");
    repl.send_line(":quit").unwrap();
    repl.exp_eof().unwrap();
}

#[test]
fn ctrl_c_stops_a_long_recursion_and_keeps_the_session() {
    let dir = common::temp_dir();
    let mut repl = prompt_session(dir.path());
    repl.send_line("calls = [0]").unwrap();
    repl.exp_string(">>> ").unwrap();
    repl.send_line("def fib(n):").unwrap();
    repl.exp_string("... ").unwrap();
    repl.send_line("    calls[0] += 1").unwrap();
    repl.exp_string("... ").unwrap();
    repl.send_line("    return n if n < 2 else fib(n - 1) + fib(n - 2)")
        .unwrap();
    repl.exp_string("... ").unwrap();
    repl.send_line("").unwrap();
    repl.exp_string(">>> ").unwrap();
    repl.send_line("fib(60)").unwrap();
    let waited = interrupt(&mut repl);
    assert!(waited < Duration::from_secs(1), "took {waited:?}");
    repl.send_line("print(calls[0] > 100)").unwrap();
    repl.exp_string("True")
        .expect("the calls made so far are kept");
    repl.send_line(":quit").unwrap();
    repl.exp_eof().unwrap();
}
