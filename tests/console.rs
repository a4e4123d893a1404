//! The console as the REPL drives it, line by line, where script mode
//! cannot reach: going on after an error, and Ctrl-C while a line runs (the
//! interrupt flag set from another thread, as the REPL's signal handler
//! sets it).

use std::sync::atomic::Ordering;
use std::time::Duration;

use micrograd::console::{Console, RunAll};
use micrograd::render::diagnostic::Origin;
use micrograd::text::Palette;

#[test]
fn ctrl_c_during_train_keeps_the_weights_and_skips_the_rest_of_the_line() {
    let mut console = Console::new(Palette::plain());
    let origin = Origin::Prompt { prompt_width: 4 };
    let mut out = Vec::new();
    console.execute(
        "n = MLP(2, [16, 16, 1]); d = moons(100)",
        origin,
        &mut out,
        &mut RunAll,
    );
    let interrupt = console.interrupt.clone();
    let presser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        interrupt.store(true, Ordering::SeqCst);
    });
    console.execute(
        "train(n, d, steps=1000000, plot=0); after = 1",
        origin,
        &mut out,
        &mut RunAll,
    );
    presser.join().unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(Ctrl-C)"), "training stopped: {text}");
    assert!(
        text.contains("the rest of the line was not run"),
        "says so: {text}"
    );
    assert!(!text.contains("after = 1"), "{text}");
    assert!(console.session.lookup("after").is_none());
    assert!(console.session.lookup("n").is_some(), "variables survive");
}

#[test]
fn save_keeps_what_ran_before_an_error_and_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("session.mg");
    let mut console = Console::new(Palette::plain());
    let origin = Origin::Prompt { prompt_width: 4 };
    let mut out = Vec::new();
    for line in [
        ":seed 7",
        "n = MLP(2, [1])",
        "a = 1; b = n([1, 1]); zz + 1; c = 3",
        &format!(":save {}", saved.display()),
    ] {
        console.execute(line, origin, &mut out, &mut RunAll);
    }
    let text = std::fs::read_to_string(&saved).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [":seed 7", "n = MLP(2, [1])", "a = 1; b = n([1, 1]);"],
        "{text}"
    );
    // Replaying the file rebuilds the same session.
    let mut replay = Console::new(Palette::plain());
    replay.execute(
        &format!(":load {}", saved.display()),
        origin,
        &mut Vec::new(),
        &mut RunAll,
    );
    let value = |console: &Console, name: &str| {
        let id = console.session.node(name).expect(name);
        console.session.graph.value(id)
    };
    assert_eq!(value(&replay, "b"), value(&console, "b"));
    assert_eq!(value(&replay, "a"), 1.0);
}

#[test]
fn save_and_dot_write_through_the_consoles_host() {
    use micrograd::host::{self, MemoryHost};
    let memory = std::sync::Arc::new(std::sync::Mutex::new(MemoryHost::default()));
    let shared: host::SharedHost = memory.clone();
    let mut console = Console::with_host(Palette::plain(), shared);
    let origin = Origin::Prompt { prompt_width: 4 };
    let mut out = Vec::new();
    for line in [
        "a = 2; L = a * 3",
        ":save s.mg",
        ":dot L g.dot",
        ":save s.mg",
    ] {
        console.execute(line, origin, &mut out, &mut RunAll);
    }
    let text = String::from_utf8(out).unwrap();
    let files = &memory.lock().unwrap().files;
    let saved = String::from_utf8_lossy(&files["s.mg"]).into_owned();
    assert!(saved.contains("L = a * 3"), "{saved}");
    assert!(String::from_utf8_lossy(&files["g.dot"]).contains("digraph"));
    assert!(!std::path::Path::new("s.mg").exists(), "nothing on disk");
    assert!(
        text.contains("s.mg already exists, so it was left as it is")
            && text.contains(":save! s.mg"),
        "{text}"
    );
}
