//! What the tests that drive the built binary share: starting it with its
//! own data folder and a clean colour setting, and capturing what it did.

// Each test crate compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

/// The built binary, its progress and lessons kept in `data_dir` (never the
/// user's), and `NO_COLOR` removed so colour follows only the flags and
/// whether stdout is a terminal.
pub fn micrograd(data_dir: &Path) -> Command {
    let mut command = Command::cargo_bin("micrograd").expect("binary builds");
    command
        .env("MICROGRAD_DATA_DIR", data_dir)
        .env_remove("NO_COLOR");
    command
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` to the end; its output must be UTF-8.
pub fn capture(command: &mut Command) -> Run {
    let output = command.output().expect("binary runs");
    Run {
        ok: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Asserts that `parts` occur in `haystack` in this order.
pub fn assert_in_order(haystack: &str, parts: &[&str]) {
    let mut rest = haystack;
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => panic!("`{part}` missing (or out of order) in:\n{haystack}"),
        }
    }
}

/// `line` with its run time (` in 0.012 s`) cut out: it changes from run to
/// run while the numbers a lesson states must not.
pub fn without_run_time(line: &str) -> String {
    match line.find(" in ") {
        Some(at) => match line[at + 4..].find(" s") {
            Some(end) => format!("{}{}", &line[..at], &line[at + 4 + end + 2..]),
            None => line.to_string(),
        },
        None => line.to_string(),
    }
}

/// The embedded lesson `id`, parsed (it must exist and parse).
pub fn embedded_lesson(id: &str) -> micrograd::lesson::format::Lesson {
    micrograd::lesson::catalog::Catalog::embedded()
        .entries
        .into_iter()
        .find(|entry| entry.id == id)
        .unwrap_or_else(|| panic!("{id} is in the course"))
        .lesson
        .unwrap_or_else(|_| panic!("{id} parses"))
}

/// The TOML text of every lesson in the embedded course, one after another
/// (what a check that a sentence is gone from the course reads).
pub fn all_lesson_sources() -> String {
    micrograd::lesson::catalog::Catalog::embedded()
        .entries
        .iter()
        .map(|entry| {
            std::fs::read_to_string(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), entry.file))
                .unwrap()
        })
        .collect()
}

/// The code of every `run` step of the embedded lesson `id`, in order.
pub fn lesson_runs(id: &str) -> Vec<String> {
    use micrograd::lesson::format::StepKind;
    embedded_lesson(id)
        .steps
        .iter()
        .filter_map(|step| match &step.kind {
            StepKind::Run(code) => Some(code.clone()),
            _ => None,
        })
        .collect()
}

/// The lesson's `runs` piped as one script, `between` typed before each
/// (a learner exploring between the steps); returns what it printed.
pub fn script_of_runs(runs: &[String], between: &str) -> String {
    let data_dir = temp_dir();
    let stdin: String = runs
        .iter()
        .map(|code| format!("{between}{code}\n"))
        .collect();
    let run = capture(micrograd(data_dir.path()).write_stdin(stdin));
    assert!(run.ok, "{}", run.stderr);
    run.stdout
}

/// `micrograd lesson NUMBER` with `typed` piped in as the learner's input,
/// in a fresh data folder (so no saved progress); it must exit 0.
pub fn pipe_lesson(number: &str, typed: String) -> Run {
    let data_dir = temp_dir();
    let run = capture(
        micrograd(data_dir.path())
            .args(["lesson", number])
            .write_stdin(typed),
    );
    assert!(run.ok, "lesson {number}: {}", run.stderr);
    run
}

/// True when `python3` runs here (the tests that compare with Python are
/// skipped, saying so, where it does not).
pub fn python3_works() -> bool {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}
