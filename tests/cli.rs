//! The binary as a user runs it: piped scripts, files, flags, colour.

use assert_cmd::Command;

fn micrograd(data_dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("micrograd").expect("binary builds");
    cmd.env("MICROGRAD_DATA_DIR", data_dir.path())
        .env_remove("NO_COLOR");
    cmd
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn piped_lecture_prints_grads_without_colour() {
    let d = dir();
    let out = micrograd(&d)
        .write_stdin("a = 2\nb = -3\nc = 10\ne = a*b\nd = e + c\nf = -2\nL = d*f\nL.backward()\na.grad\nb.grad\nL\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    for expected in ["6", "-4", "-8"] {
        assert!(lines.contains(&expected), "{expected} missing in {stdout}");
    }
    assert!(!stdout.contains('\x1b'));
    assert!(!stdout.contains(">>>"), "no prompt in script mode");
    assert!(!stdout.contains("micrograd 0"), "no banner in script mode");
}

#[test]
fn piped_syntax_error_names_stdin_line_and_column() {
    let d = dir();
    let out = micrograd(&d).write_stdin("1 +* 2\n").output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("<stdin>:1:4:"), "{stderr}");
}

#[test]
fn script_file_error_names_file_line_and_column() {
    let d = dir();
    let script = d.path().join("bad.mg");
    std::fs::write(&script, "a = 1\nb = a +\n").unwrap();
    let out = micrograd(&d).arg(&script).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.mg:2:8:"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "a = 1\n");
}

#[test]
fn interactive_after_file_keeps_its_variables() {
    let d = dir();
    let script = d.path().join("setup.mg");
    std::fs::write(&script, "a = 21\n").unwrap();
    let out = micrograd(&d)
        .arg("-i")
        .arg(&script)
        .write_stdin("a * 2\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "a = 21\n42\n");
}

#[test]
fn missing_file_is_a_clear_error() {
    let d = dir();
    let out = micrograd(&d)
        .arg(d.path().join("nope.mg"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot open"));
}

#[test]
fn help_and_version() {
    let d = dir();
    let help = micrograd(&d).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.contains("--color") && text.contains("train") && text.contains("bench"));
    let version = micrograd(&d).arg("--version").output().unwrap();
    assert!(String::from_utf8(version.stdout)
        .unwrap()
        .contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn colour_only_when_asked_and_not_with_no_color() {
    let d = dir();
    let input = "a = 2\nb = a * -3\nb.backward()\nshow b\n";
    let always = micrograd(&d)
        .args(["--color", "always"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(String::from_utf8(always.stdout).unwrap().contains('\x1b'));
    let never = micrograd(&d)
        .args(["--color", "never"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(!String::from_utf8(never.stdout).unwrap().contains('\x1b'));
    let no_color = micrograd(&d)
        .env("NO_COLOR", "1")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(!String::from_utf8(no_color.stdout).unwrap().contains('\x1b'));
}

#[test]
fn random_bytes_and_deep_nesting_never_crash() {
    let d = dir();
    let mut bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    bytes.push(b'\n');
    let out = micrograd(&d).write_stdin(bytes).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "clean failure, not a crash");
    let deep = format!("{}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    let out = micrograd(&d).write_stdin(deep).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("nested"));
    let long_chain = format!("x = 1{}\nx\n", "+1".repeat(40_000));
    let out = micrograd(&d).write_stdin(long_chain).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().ends_with("40001\n"));
}

#[test]
fn save_then_load_replays_the_session() {
    let d = dir();
    let out = micrograd(&d)
        .current_dir(d.path())
        .write_stdin("a = 2; b = a * 3\nbad +\n")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = micrograd(&d)
        .current_dir(d.path())
        .write_stdin("a = 2; b = a * 3\n:save s.mg\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = micrograd(&d)
        .current_dir(d.path())
        .write_stdin(":load s.mg\nb + 1\n")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .ends_with("b = 6\n7\n"));
}

#[test]
fn errors_show_control_characters_and_long_lines_readably() {
    let d = dir();
    let out = micrograd(&d)
        .write_stdin("a = 2 \u{1} 3\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("control character (U+0001)"), "{stderr}");
    assert!(
        !stderr.contains('\u{1}'),
        "control characters are not echoed raw"
    );

    let long_line = format!("{}+* 2\n", "1 + ".repeat(5000));
    let out = micrograd(&d).write_stdin(long_line).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].starts_with("<stdin>:1:20002:"), "{stderr}");
    assert!(
        lines[1].chars().count() < 140,
        "the source line is windowed"
    );
    let source_caret = lines[1].chars().position(|c| c == '*').unwrap();
    let caret = lines[2].chars().position(|c| c == '^').unwrap();
    assert_eq!(source_caret, caret, "caret under the bad token:\n{stderr}");
}
