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

#[test]
fn two_sessions_in_one_process_wrap_to_their_own_hosts_widths() {
    // With the width a process global, whichever console set it last
    // decided both: now each console asks its own host.
    use micrograd::host::{self, MemoryHost};
    fn console_at(columns: usize) -> Console {
        Console::with_host(
            Palette::plain(),
            host::shared(MemoryHost::with_width(columns)),
        )
    }
    fn run(console: &mut Console, line: &str) -> String {
        let mut out = Vec::new();
        let origin = Origin::Prompt { prompt_width: 4 };
        console.execute(line, origin, &mut out, &mut RunAll);
        String::from_utf8(out).unwrap()
    }
    fn widest(text: &str) -> usize {
        text.lines()
            .map(|line| line.chars().count())
            .max()
            .unwrap_or(0)
    }
    let (mut narrow, mut wide) = (console_at(40), console_at(80));
    let lines = [
        ":help language",
        "import random",
        "x = Value(2.0); y = tanh(x, 3)",
    ];
    for line in lines {
        let first = run(&mut narrow, line);
        let beside = run(&mut wide, line);
        let again = run(&mut narrow, line);
        assert_ne!(first, beside, "{line}: the same text at 40 and 80 columns");
        assert_eq!(
            first, again,
            "{line}: the 80-column session changed the 40-column one"
        );
        assert!(widest(&first) <= 40, "{line} at 40 columns:\n{first}");
        assert!(widest(&beside) > 40, "{line} at 80 columns:\n{beside}");
        assert!(widest(&beside) <= 80, "{line} at 80 columns:\n{beside}");
    }
    // Side by side at the same moment, in two threads.
    let pages: Vec<String> = [40, 80]
        .map(|columns| {
            std::thread::spawn(move || {
                let mut console = console_at(columns);
                (0..20)
                    .map(|_| run(&mut console, ":help language"))
                    .collect::<Vec<_>>()
            })
        })
        .into_iter()
        .flat_map(|thread| thread.join().unwrap())
        .collect();
    let (at_40, at_80) = pages.split_at(20);
    assert!(at_40
        .iter()
        .all(|page| *page == at_40[0] && widest(page) <= 40));
    assert!(at_80
        .iter()
        .all(|page| *page == at_80[0] && widest(page) > 40));
}

/// `train?` is help on the function, as `tanh?` is; `:help train` stays
/// the networks page. `:help` says `:reset` takes no prefix.
#[test]
fn a_name_with_a_question_mark_gets_its_entry_not_the_topic_page() {
    let mut console = Console::new(Palette::plain());
    let origin = Origin::Prompt { prompt_width: 4 };
    let mut ask = |line: &str| {
        let mut out = Vec::new();
        console.execute(line, origin, &mut out, &mut RunAll);
        String::from_utf8(out).unwrap()
    };
    let entry = ask("train?");
    let page = ask(":help train");
    assert!(entry.starts_with("train(n, d, steps=100)\n"), "{entry}");
    assert!(
        entry.contains("steps=") && entry.contains("example:"),
        "{entry}"
    );
    assert!(page.contains("n = MLP(2, [16, 16, 1])"), "{page}");
    assert!(!entry.contains("n = MLP(2, [16, 16, 1])"), "{entry}");
    assert_eq!(ask("help(train)"), entry);
    assert!(ask("zero_grad?").starts_with("L.zero_grad(), or zero_grad(L)\n"));
    // A topic that is no name still gets its page.
    assert!(ask("views?").contains(":paths L a"));
    let commands = ask(":help");
    assert!(commands.contains(":reset only in full"), "{commands}");
}
