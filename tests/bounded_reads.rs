//! Reads are bounded: `:load`, `csv(...)`, `micrograd FILE`, `train --data`
//! and lesson files refuse devices, folders, pipes and files over a stated
//! size at once, in a learner's words (issue 18: `:load /dev/zero` used to
//! read until memory ran out).

mod common;

use std::time::Duration;

use common::{capture, micrograd, temp_dir};

/// Long enough for a debug build; a read of /dev/zero would never end.
const PATIENCE: Duration = Duration::from_secs(60);

fn piped(stdin: &str) -> common::Run {
    let data = temp_dir();
    capture(
        micrograd(data.path())
            .timeout(PATIENCE)
            .write_stdin(format!("a = 1\n{stdin}\na\n")),
    )
}

#[cfg(unix)]
#[test]
fn load_and_csv_of_devices_are_refused_at_once() {
    for (line, fragments) in [
        (
            ":load /dev/zero",
            &["could not read /dev/zero: it is a device, not a regular file"][..],
        ),
        (
            ":load /dev/full",
            &["could not read /dev/full: it is a device, not a regular file"],
        ),
        // csv() reads through the data module's own bounded reader.
        ("d = csv(\"/dev/zero\")", &["cannot read /dev/zero"]),
        (":load /tmp", &["could not read /tmp: it is a folder"]),
    ] {
        let run = piped(line);
        assert!(!run.ok, "{line}: {run:?}");
        common::assert_in_order(&run.stderr, fragments);
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
}

#[test]
fn files_over_the_limit_are_refused_saying_the_limit() {
    let dir = temp_dir();
    let big = dir.path().join("big.mg");
    let file = std::fs::File::create(&big).unwrap();
    // A sparse file: its size is past the limit without writing 17 MiB.
    file.set_len(17 << 20).unwrap();
    let run = piped(&format!(":load {}", big.display()));
    let stderr = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    common::assert_in_order(
        &stderr,
        &["big.mg: it is 17 MiB, and files of at most 16 MiB can be read here"],
    );
    let csv = dir.path().join("big.csv");
    std::fs::File::create(&csv)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    let run = piped(&format!("d = csv(\"{}\")", csv.display()));
    let stderr = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    common::assert_in_order(&stderr, &["larger than 64 MB"]);
}

#[cfg(unix)]
#[test]
fn script_file_and_train_data_refuse_devices() {
    let data = temp_dir();
    let run = capture(micrograd(data.path()).timeout(PATIENCE).arg("/dev/zero"));
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("cannot open /dev/zero: it is a device, not a regular file"),
        "{}",
        run.stderr
    );
    let run =
        capture(
            micrograd(data.path())
                .timeout(PATIENCE)
                .args(["train", "--data", "/dev/zero"]),
        );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("cannot read /dev/zero"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_lesson_file_that_is_a_pipe_is_a_broken_entry_not_a_hang() {
    let data = temp_dir();
    let lessons = data.path().join("lessons");
    std::fs::create_dir_all(&lessons).unwrap();
    let fifo = lessons.join("99-pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        return;
    }
    let run = capture(micrograd(data.path()).timeout(PATIENCE).arg("lessons"));
    assert!(run.ok, "{run:?}");
    assert!(run.stdout.contains("it is a pipe"), "{}", run.stdout);
}
