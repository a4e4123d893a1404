//! Saved state is never lost (issue 18): a damaged progress file keeps what
//! can be read and is moved aside with a warning naming it; numbers are
//! range-checked; two microgards saving at once never undo each other;
//! `MICROGRAD_DATA_DIR=""` is unset, not the current folder.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{capture, micrograd, temp_dir};

/// Lesson 1 done, lesson 2 at step 5: what every damage must not cost.
const GOOD_ENTRIES: &str = r#""01-derivative": {"step": 0, "done": true}, "02-sum-and-product": {"step": 5, "done": false}"#;

fn write_progress(dir: &Path, text: impl AsRef<[u8]>) {
    std::fs::write(dir.join("progress.json"), text).expect("writes progress");
}

fn saved(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("progress.json")).expect("progress saved");
    serde_json::from_str(&text).expect("saved progress is JSON")
}

fn moved_aside(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("progress.json.bad-"))
        .collect()
}

/// A piped `micrograd` that works in lesson 3 and saves a step there.
fn save_in_lesson_three(dir: &Path) -> common::Run {
    capture(micrograd(dir).write_stdin(":lesson 3\nL = d * f\n"))
}

#[test]
fn damaged_progress_keeps_every_readable_lesson_and_moves_the_file_aside() {
    let truncated = format!(r#"{{"lessons": {{{GOOD_ENTRIES}, "04-reuse": {{"st"#);
    let mistyped = format!(r#"{{"lessons": {{{GOOD_ENTRIES}, "04-reuse": {{"step": "two"}}}}}}"#);
    let float_step = format!(r#"{{"lessons": {{{GOOD_ENTRIES}, "04-reuse": {{"step": 1e3}}}}}}"#);
    let mut bad_key = format!(r#"{{"lessons": {{{GOOD_ENTRIES}, ""#).into_bytes();
    bad_key.extend([0xc3, 0x28]);
    bad_key.extend(br#"": {"step": 1, "done": true}}}"#);
    for (what, text) in [
        ("truncated", truncated.into_bytes()),
        ("mistyped", mistyped.into_bytes()),
        ("1e3", float_step.into_bytes()),
        ("non-UTF-8 key", bad_key),
    ] {
        let dir = temp_dir();
        write_progress(dir.path(), &text);
        let run = save_in_lesson_three(dir.path());
        assert!(run.ok, "{what}: {}", run.stderr);
        let aside = moved_aside(dir.path());
        assert_eq!(aside.len(), 1, "{what}: {aside:?}");
        let warnings: Vec<_> = run
            .stderr
            .lines()
            .filter(|l| l.contains("progress.json was damaged"))
            .collect();
        assert_eq!(warnings.len(), 1, "{what}: one warning:\n{}", run.stderr);
        assert!(warnings[0].contains(&aside[0]), "{what}: names the file");
        let kept = std::fs::read(dir.path().join(&aside[0])).expect("kept");
        assert_eq!(kept, text, "{what}: the original is kept as it was");
        let lessons = &saved(dir.path())["lessons"];
        assert_eq!(lessons["01-derivative"]["done"], true, "{what}: {lessons}");
        assert_eq!(
            lessons["02-sum-and-product"]["step"], 5,
            "{what}: {lessons}"
        );
        assert!(
            lessons["03-chain-rule"]["step"].as_u64() > Some(0),
            "{what}"
        );
    }
}

#[test]
fn huge_and_out_of_range_steps_neither_panic_nor_show_nor_restart_silently() {
    let dir = temp_dir();
    write_progress(
        dir.path(),
        r#"{"lessons": {"01-derivative": {"step": 18446744073709551615, "done": true}, "02-sum-and-product": {"step": 1000000, "done": false}}}"#,
    );
    let run = capture(micrograd(dir.path()).arg("lessons"));
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stdout.contains("1000001"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("18446744073709551616"),
        "{}",
        run.stdout
    );
    assert!(run
        .stderr
        .contains("step 18446744073709551615 is not a step number"));
    assert!(run.stderr.contains("step 1000000 is not a step number"));
    assert_eq!(moved_aside(dir.path()).len(), 1);

    // A step inside the range checked but past the lesson's end (the
    // lesson got shorter) is said, in the list and when resuming.
    write_progress(
        dir.path(),
        r#"{"lessons": {"02-sum-and-product": {"step": 40, "done": false}}}"#,
    );
    let run = capture(micrograd(dir.path()).arg("lessons"));
    assert!(
        run.stdout
            .contains("saved step 41 is past its 16 steps; starts again"),
        "{}",
        run.stdout
    );
    let run = capture(micrograd(dir.path()).write_stdin(":lesson 2\n"));
    assert!(
        run.stdout
            .contains("Your saved place, step 41, is past this lesson's 16 steps"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_empty_data_dir_variable_means_unset_not_the_current_folder() {
    let work = temp_dir();
    let home = temp_dir();
    let run = capture(
        micrograd(work.path())
            .env("MICROGRAD_DATA_DIR", "")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .current_dir(work.path())
            .write_stdin(":lesson 3\nL = d * f\n"),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(!work.path().join("progress.json").exists());
    assert!(home.path().join("data/micrograd/progress.json").exists());
}

/// The input that makes a piped `micrograd` save progress in lesson
/// `number` `saves` times: `:skip` and `:back` in turn, each a new step.
fn churn(number: usize, saves: usize) -> String {
    let mut input = format!(":lesson {number}\n");
    for turn in 0..saves {
        input.push_str(if turn % 2 == 0 { ":skip\n" } else { ":back\n" });
    }
    input.push_str(":skip\n:skip\n");
    input
}

fn spawn_churn(dir: &Path, number: usize, saves: usize) -> std::process::Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("micrograd"))
        .env("MICROGRAD_DATA_DIR", dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts micrograd");
    let input = churn(number, saves);
    let mut stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(input.as_bytes());
    });
    child
}

#[test]
fn two_instances_saving_500_times_each_lose_nothing() {
    const SAVES: usize = 500;
    let lessons = [(1, "01-derivative"), (2, "02-sum-and-product")];
    // What each leaves on its own.
    let alone: Vec<serde_json::Value> = lessons
        .iter()
        .map(|&(number, id)| {
            let dir = temp_dir();
            let status = spawn_churn(dir.path(), number, SAVES).wait().expect("runs");
            assert!(status.success());
            saved(dir.path())["lessons"][id].clone()
        })
        .collect();
    assert!(alone.iter().all(|entry| entry["step"].as_u64() > Some(0)));
    // Both at once, in one folder, with other progress there already.
    let dir = temp_dir();
    write_progress(
        dir.path(),
        r#"{"lessons": {"05-neuron": {"step": 0, "done": true}}}"#,
    );
    let children: Vec<_> = lessons
        .iter()
        .map(|&(number, _)| spawn_churn(dir.path(), number, SAVES))
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.contains("could not save"), "{stderr}");
    }
    let together = &saved(dir.path())["lessons"];
    for (&(_, id), entry) in lessons.iter().zip(&alone) {
        assert_eq!(&together[id], entry, "{id} in {together}");
    }
    assert_eq!(together["05-neuron"]["done"], true, "{together}");
    assert!(moved_aside(dir.path()).is_empty());
}
