//! The small Python is an honest subset of Python: every program in
//! `tests/differential/*.py` runs through the binary and through `python3`
//! with the lecture-style `Value` of `tests/python/value.py`, and the two
//! outputs must agree token by token — every number within 1e-9 relative
//! and written the same way, an int as an int (`4`) and a float as a float
//! (`4.0`, `1e-07`), as Python keeps them apart; every other token exactly.
//! Skipped, with a message, where `python3` is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{capture, micrograd, python3_works, temp_dir};

/// One piece of printed output: a number (and whether it is written as a
/// float: `2.0`, `1e-07`, `inf`), or a run of other characters.
#[derive(Debug, PartialEq)]
enum Token {
    Number(f64, bool),
    Text(String),
}

/// Splits `text` into numbers (`-1.5`, `3e-07`, `1e+20`, `inf`, `nan`)
/// and the text between them, whitespace dropped.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut rest = word;
        let mut after_name = false;
        while !rest.is_empty() {
            let number = if after_name {
                None
            } else {
                leading_number(rest)
            };
            match number {
                Some((value, len)) => {
                    let float = !rest[..len]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+');
                    out.push(Token::Number(value, float));
                    rest = &rest[len..];
                    after_name = false;
                }
                None => {
                    let next = rest.chars().next().unwrap_or(' ');
                    after_name = next.is_alphanumeric() || next == '_';
                    let skip = next.len_utf8();
                    match out.last_mut() {
                        Some(Token::Text(t)) => t.push_str(&rest[..skip]),
                        _ => out.push(Token::Text(rest[..skip].to_string())),
                    }
                    rest = &rest[skip..];
                }
            }
        }
        out.push(Token::Text(" ".into()));
    }
    out
}

/// The number `text` starts with, and its length in bytes. A number
/// right after a letter or `_` (`x1`, `w2`) is part of a name, not a
/// number; callers only ask at the start of a word or after punctuation.
fn leading_number(text: &str) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        end += 1;
    }
    for word in ["inf", "nan", "NaN"] {
        if text[end..].starts_with(word) {
            let value = if word == "inf" {
                f64::INFINITY
            } else {
                f64::NAN
            };
            let sign = if bytes[0] == b'-' { -1.0 } else { 1.0 };
            return Some((sign * value, end + word.len()));
        }
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        end += 1;
    }
    if !bytes[digits_start..end].iter().any(u8::is_ascii_digit) {
        return None;
    }
    if end < bytes.len() && matches!(bytes[end], b'e' | b'E') {
        let mut exp = end + 1;
        if exp < bytes.len() && matches!(bytes[exp], b'-' | b'+') {
            exp += 1;
        }
        let exp_digits = exp;
        while exp < bytes.len() && bytes[exp].is_ascii_digit() {
            exp += 1;
        }
        if exp > exp_digits {
            end = exp;
        }
    }
    text[..end].parse().ok().map(|value| (value, end))
}

fn same_number(x: f64, y: f64) -> bool {
    (x.is_nan() && y.is_nan()) || x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs())
}

/// The first place the outputs differ, line by line, if any.
fn difference(ours: &str, python: &str) -> Option<String> {
    let (ours, python): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), python.lines().collect());
    for i in 0..ours.len().max(python.len()) {
        let (a, b) = (ours.get(i).copied(), python.get(i).copied());
        let agree = match (a, b) {
            (Some(a), Some(b)) => {
                let (ta, tb) = (tokens(a), tokens(b));
                ta.len() == tb.len()
                    && ta.iter().zip(&tb).all(|pair| match pair {
                        (Token::Number(x, float_x), Token::Number(y, float_y)) => {
                            float_x == float_y && same_number(*x, *y)
                        }
                        (x, y) => x == y,
                    })
            }
            _ => false,
        };
        if !agree {
            return Some(format!(
                "line {}:\n    micrograd: {a:?}\n    python:    {b:?}",
                i + 1
            ));
        }
    }
    None
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/differential exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn programs_print_the_same_numbers_here_and_in_python() {
    let files = programs();
    assert!(
        files.len() >= 30,
        "expected at least 30 programs, found {}",
        files.len()
    );
    if !python3_works() {
        eprintln!(
            "SKIPPED: python3 is not installed, so the {} differential programs were not compared with Python",
            files.len()
        );
        return;
    }
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/run.py");
    let data_dir = temp_dir();
    let mut problems = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let python = Command::new("python3")
            .arg(&runner)
            .arg(file)
            .output()
            .expect("python3 runs");
        let python_out = String::from_utf8_lossy(&python.stdout);
        if !python.status.success() {
            problems.push(format!(
                "{name}: Python failed:\n{}",
                String::from_utf8_lossy(&python.stderr)
            ));
            continue;
        }
        let ours = capture(micrograd(data_dir.path()).arg(file));
        if !ours.ok || ours.stderr.contains("error") {
            problems.push(format!("{name}: micrograd failed:\n{}", ours.stderr));
            continue;
        }
        if let Some(diff) = difference(&ours.stdout, &python_out) {
            problems.push(format!("{name}: outputs differ at {diff}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} programs differ:\n{}",
        problems.len(),
        files.len(),
        problems.join("\n")
    );
}

#[test]
fn the_comparison_sees_numbers_and_words() {
    assert_eq!(difference("0 4.0", "0 4.0"), None);
    // An int and a float of the same value are told apart, as Python does.
    assert!(difference("0 4.0", "0.0 4").is_some());
    assert!(difference("Value(data=2, grad=0)", "Value(data=2.0, grad=0.0)").is_some());
    assert_eq!(difference("3e-7 1e20 nan", "3e-07 1e+20 NaN"), None);
    assert_eq!(difference("x1 1.0", "x1 1.0000000000001"), None);
    assert!(difference("x1 1", "x1 1.00001").is_some());
    assert!(difference("x1 1", "x2 1").is_some());
    assert!(difference("True", "False").is_some());
    assert!(difference("[1, 2]", "[1, 2, 3]").is_some());
    assert!(difference("a\nb", "a").is_some());
}
