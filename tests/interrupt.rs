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

/// Finding A119: Ctrl-C of a two-line loop said "at line 1" (the `for`
/// line, where the stop is seen between iterations) while the learner
/// was watching line 2 run. It names the body's line, in the iteration
/// that ran it.
#[test]
fn ctrl_c_of_a_loop_names_the_body_line_it_was_running() {
    use micrograd::console::{Console, RunAll};
    use micrograd::render::diagnostic::Origin;
    use micrograd::text::Palette;

    for (loop_line, body) in [
        ("for k in range(100000000):", "    k2 = k"),
        ("while True:", "    k2 = 1"),
    ] {
        let mut console = Console::new(Palette::plain());
        let interrupt = console.interrupt.clone();
        let pressing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            interrupt.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let mut out = Vec::new();
        console.execute(
            &format!("{loop_line}\n{body}"),
            Origin::Prompt { prompt_width: 4 },
            &mut out,
            &mut RunAll,
        );
        pressing.join().expect("the thread ends");
        let shown = String::from_utf8(out).expect("UTF-8");
        let said = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            said.contains("stopped by Ctrl-C at line 2, in iteration "),
            "{said}"
        );
    }
}
