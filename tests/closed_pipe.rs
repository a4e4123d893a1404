//! `micrograd … | head -1`: when the reader of stdout goes away, every
//! entry point stops promptly, says nothing more (no error on stderr) and
//! exits 0, as `ls`, `rg` and `fd` do.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `micrograd ARGS` (with `stdin` piped in, if given), reads one line
/// of its output, closes the pipe and waits. Returns the exit code and
/// what it wrote to stderr.
fn read_one_line_then_close(args: &[&str], stdin: Option<&[u8]>) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_micrograd"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("MICROGRAD_DATA_DIR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        // The program may stop before reading it all: a failed write here
        // is what should happen then.
        std::thread::spawn(move || pipe.write_all(&bytes).is_ok())
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        stderr
            .read_to_string(&mut text)
            .map(|_| text)
            .unwrap_or_default()
    });
    {
        let mut out = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        out.read_line(&mut line).expect("one line of output");
        assert!(!line.is_empty(), "{args:?} printed nothing");
        // Dropping the reader closes the pipe, as `head -1` does.
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting works") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{args:?} kept running after its reader left");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    (status.code(), errors.join().unwrap_or_default())
}

fn assert_quiet_success(args: &[&str], stdin: Option<&[u8]>) {
    let (code, errors) = read_one_line_then_close(args, stdin);
    assert_eq!(code, Some(0), "{args:?}: stderr {errors:?}");
    assert_eq!(errors, "", "{args:?} wrote to stderr");
}

/// A script of many statements whose last one saves a file: if the file
/// is there afterwards, the run did not stop when its reader left.
fn long_script(marker: &Path) -> String {
    let mut script: String = (0..200_000).map(|k| format!("x = {k}\n")).collect();
    script.push_str(&format!(":save {}\n", marker.display()));
    script
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("micrograd-closed-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn a_piped_script_stops_when_its_reader_leaves() {
    let marker = scratch("piped.mg");
    let script = long_script(&marker);
    assert_quiet_success(&[], Some(script.as_bytes()));
    assert!(!marker.exists(), "the script ran to its end");
}

#[test]
fn a_script_file_stops_when_its_reader_leaves() {
    let marker = scratch("from_file.mg");
    let file = scratch("long.mg");
    std::fs::write(&file, long_script(&marker)).expect("the script is written");
    assert_quiet_success(&[file.to_str().expect("a UTF-8 path")], None);
    assert!(!marker.exists(), "the script ran to its end");
}

#[test]
fn a_loop_that_prints_stops_when_its_reader_leaves() {
    // One statement printing forever would never reach the next one.
    let marker = scratch("after_loop.mg");
    let script = format!(
        "for k in range(100000000):\n    print(k)\n\n:save {}\n",
        marker.display()
    );
    assert_quiet_success(&[], Some(script.as_bytes()));
    assert!(!marker.exists(), "the loop ran to its end");
}

#[test]
fn training_stops_when_its_reader_leaves() {
    assert_quiet_success(&["train", "--plot"], None);
    // Far more steps than a test could wait for: it must stop at once.
    assert_quiet_success(
        &[
            "train",
            "--steps",
            "100000000",
            "--every",
            "1",
            "--samples",
            "20",
        ],
        None,
    );
}

#[test]
fn bench_lessons_help_and_a_lesson_end_quietly() {
    assert_quiet_success(&["bench", "chain", "1000"], None);
    assert_quiet_success(&["lessons"], None);
    assert_quiet_success(&["--help"], None);
    let hints = ":hint\n".repeat(200_000);
    assert_quiet_success(&["lesson", "1"], Some(hints.as_bytes()));
}
