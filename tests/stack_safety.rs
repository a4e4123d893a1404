//! Every path that parses user text (statements, `:check`/`:paths`/`:step`
//! arguments, lesson answers, lesson files, `:load`) is safe on a small
//! stack: each runs here on a 2 MiB thread (a spawned thread's default)
//! with 50,000-term chains and 100,000-deep nesting, and must neither
//! overflow nor hang (issue 18: `:check 1+1+…+1 abc` aborted "has
//! overflowed its stack").

use micrograd::console::{Console, RunAll};
use micrograd::lesson::catalog::Catalog;
use micrograd::lesson::Tutor;
use micrograd::render::diagnostic::Origin;
use micrograd::text::Palette;

const SMALL_STACK: usize = 2 << 20;

/// `1+1+…+1` with `terms` ones.
fn chain(terms: usize, item: &str, op: &str) -> String {
    vec![item; terms].join(op)
}

/// Inputs that stress the parser: the longest chains the size guard lets
/// through, and nesting far past the depth guard.
fn hostile_expressions() -> Vec<String> {
    vec![
        chain(49_990, "1", "+"),
        chain(49_990, "x", "*"),
        chain(33_000, "1", "**"),
        format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("{}1", "-".repeat(100_000)),
        format!("{}1{}", "tanh(".repeat(20_000), ")".repeat(20_000)),
        format!("{}1", "2**".repeat(33_000)),
        format!("x{}", ".tanh()".repeat(14_000)),
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
    ]
}

fn on_small_stack(name: &str, work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.into())
        .stack_size(SMALL_STACK)
        .spawn(work)
        .expect("spawns")
        .join()
        .unwrap_or_else(|_| panic!("{name} panicked"));
}

fn prompt() -> Origin<'static> {
    Origin::Prompt { prompt_width: 4 }
}

fn console_with(lines: &[&str]) -> Console {
    let mut console = Console::new(Palette::plain());
    for line in lines {
        console.execute(line, prompt(), &mut Vec::new(), &mut RunAll);
    }
    console
}

#[test]
fn statements_survive_a_small_stack() {
    on_small_stack("statements", || {
        let mut console = console_with(&["x = 0.5"]);
        for text in hostile_expressions() {
            for line in [text.clone(), format!("y = {text}; y.backward()")] {
                console.execute(&line, prompt(), &mut Vec::new(), &mut RunAll);
            }
        }
        assert!(console.session.node("x").is_some());
    });
}

#[test]
fn view_command_arguments_survive_a_small_stack() {
    on_small_stack("views", || {
        let mut console = console_with(&["x = 0.5", "a = 2; L = a * 3"]);
        let mut out = Vec::new();
        for text in hostile_expressions() {
            for line in [
                format!(":check {text} abc"),
                format!(":check {text} 1e-6"),
                format!(":check {text}"),
                format!(":paths {text} a"),
                format!(":paths L {text}"),
                format!(":step {text}"),
                format!(":show {text}"),
                format!(":zero {text}"),
            ] {
                console.execute(&line, prompt(), &mut out, &mut RunAll);
            }
        }
        let shown = String::from_utf8_lossy(&out);
        assert!(shown.contains("h must be a number"), "{}", &shown[..400]);
        assert!(console.session.node("L").is_some());
    });
}

#[test]
fn load_of_a_file_of_long_lines_survives_a_small_stack() {
    on_small_stack("load", || {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("long.mg");
        let mut script = String::from("x = 0.5\n");
        for text in hostile_expressions() {
            script.push_str(&format!("y = {text}\n"));
        }
        std::fs::write(&path, script).expect("writes");
        let mut console = console_with(&[]);
        console.execute(
            &format!(":load {}", path.display()),
            prompt(),
            &mut Vec::new(),
            &mut RunAll,
        );
        assert!(console.session.node("x").is_some());
    });
}

#[test]
fn lesson_answers_survive_a_small_stack() {
    on_small_stack("lesson", || {
        // Lessons save progress: into a folder of this test, never the user's.
        let data = tempfile::tempdir().expect("temp dir");
        let mut console = console_with(&[]);
        let mut tutor =
            Tutor::with_catalog(Catalog::embedded(), false, Some(data.path().to_path_buf()));
        let mut out = Vec::new();
        assert_eq!(
            tutor.start(&mut console, "3", &mut out, &mut RunAll),
            Ok(true)
        );
        let answers = [
            format!("L = d * f{}", "+0".repeat(49_980)),
            format!("d * f{}", "+0".repeat(49_990)),
            chain(49_990, "1", "+"),
            format!("{}d * f{}", "(".repeat(100_000), ")".repeat(100_000)),
            format!(":check {} abc", chain(49_990, "1", "+")),
        ];
        for answer in &answers {
            tutor.feed(&mut console, answer, prompt(), &mut out, &mut RunAll);
        }
        assert!(tutor.in_lesson());
        // The long but right answer was taken: the lesson moved past it.
        let shown = String::from_utf8_lossy(&out);
        assert!(shown.contains("-8"), "{}", &shown[shown.len() - 400..]);
    });
}

#[test]
fn lesson_files_survive_a_small_stack() {
    on_small_stack("lesson file", || {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep_array = format!(
            "title = \"T\"\nsummary = \"S\"\nx = {}1{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let deep_table = format!("title = \"T\"\n{}= 1\n", "a.".repeat(50_000));
        let deep_inline = format!(
            "title = \"T\"\nx = {}1{}\n",
            "{a=".repeat(50_000),
            "}".repeat(50_000)
        );
        let long_answer = format!(
            "title = \"T\"\nsummary = \"S\"\n[[step]]\ntype = \"Q\"\nanswer = \"{}\"\n",
            chain(49_990, "1", "+")
        );
        let mut catalog = Catalog::default();
        for (index, text) in [deep_array, deep_table, deep_inline, long_answer]
            .iter()
            .enumerate()
        {
            let path = dir.path().join(format!("{index:02}-deep.toml"));
            std::fs::write(&path, text).expect("writes");
            catalog.add_file(&path);
        }
        assert_eq!(catalog.entries.len(), 4);
        assert!(
            catalog.entries[0].lesson.is_err(),
            "a bad lesson is an error"
        );
    });
}
