//! Language tests as data: each `tests/transcripts/*.repl` file is piped
//! into the built binary and its output compared.
//!
//! Format: `>>> line` is input; other lines are expected stdout; `! line` is
//! expected stderr (errors and warnings). A transcript whose stderr holds an
//! `error:` must end there (script mode stops at the first error) and the
//! run must exit non-zero; otherwise it must exit 0. Numbers in a line are
//! compared with a relative tolerance of 1e-9; everything else exactly.

mod common;

use std::path::Path;

use common::{micrograd, temp_dir};

struct Transcript {
    input: String,
    stdout: Vec<String>,
    stderr: Vec<String>,
}

fn parse(text: &str) -> Transcript {
    let mut transcript = Transcript {
        input: String::new(),
        stdout: Vec::new(),
        stderr: Vec::new(),
    };
    for line in text.lines() {
        if let Some(input) = line.strip_prefix(">>> ").or(line.strip_prefix(">>>")) {
            transcript.input.push_str(input);
            transcript.input.push('\n');
        } else if let Some(err) = line.strip_prefix("! ").or(line.strip_prefix("!")) {
            transcript.stderr.push(err.to_string());
        } else {
            transcript.stdout.push(line.to_string());
        }
    }
    transcript
}

/// Equal, or equal token by token with numbers within 1e-9 relative.
fn lines_match(expected: &str, actual: &str) -> bool {
    if expected == actual {
        return true;
    }
    let e: Vec<&str> = expected.split_whitespace().collect();
    let a: Vec<&str> = actual.split_whitespace().collect();
    e.len() == a.len()
        && e.iter().zip(&a).all(|(x, y)| {
            x == y
                || match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(x), Ok(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
                    _ => false,
                }
        })
}

fn compare(file: &Path, stream: &str, expected: &[String], actual: &str) -> Vec<String> {
    let actual: Vec<&str> = actual.lines().collect();
    let mut problems = Vec::new();
    for i in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(i), actual.get(i));
        let ok = matches!((e, a), (Some(e), Some(a)) if lines_match(e, a));
        if !ok {
            problems.push(format!(
                "{}: {stream} line {}:\n  expected: {:?}\n  actual:   {:?}",
                file.display(),
                i + 1,
                e,
                a
            ));
            break;
        }
    }
    problems
}

/// Lines wider than an 80-column terminal. Prose must fit; a derivation
/// row of `:step` (`  a.grad += ...`) is exempt: its width comes from the
/// names and numbers in it, like a table's.
fn too_wide(file: &Path, output: &str) -> Vec<String> {
    output
        .lines()
        .filter(|line| textwrap::core::display_width(line) > 80)
        .filter(|line| !(line.starts_with("  ") && line.contains(".grad += ")))
        .map(|line| {
            format!(
                "{}: {} columns, over 80: {line:?}",
                file.display(),
                textwrap::core::display_width(line)
            )
        })
        .collect()
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "repl"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected transcripts in {}",
        dir.display()
    );
    let data_dir = temp_dir();
    let mut problems = Vec::new();
    for file in &files {
        let transcript = parse(&std::fs::read_to_string(file).expect("readable transcript"));
        let output = micrograd(data_dir.path())
            .current_dir(data_dir.path())
            .write_stdin(transcript.input.clone())
            .output()
            .expect("binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stdout.contains('\x1b'),
            "{}: colour codes in piped output",
            file.display()
        );
        problems.extend(too_wide(file, &stdout));
        problems.extend(too_wide(file, &stderr));
        problems.extend(compare(file, "stdout", &transcript.stdout, &stdout));
        problems.extend(compare(file, "stderr", &transcript.stderr, &stderr));
        let expect_failure = transcript.stderr.iter().any(|l| l.contains("error:"));
        if output.status.success() == expect_failure {
            problems.push(format!(
                "{}: exit status {:?}, expected {}",
                file.display(),
                output.status.code(),
                if expect_failure { "failure" } else { "success" }
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} transcript problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
