//! The binary as a user runs it: piped scripts, files, flags, colour.

mod common;

use common::{capture, micrograd, temp_dir};

#[test]
fn piped_lecture_prints_grads_without_colour() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).write_stdin(
        "a = 2\nb = -3\nc = 10\ne = a*b\nd = e + c\nf = -2\nL = d*f\nL.backward()\na.grad\nb.grad\nL\n",
    ));
    assert!(out.ok);
    let stdout = out.stdout;
    let lines: Vec<&str> = stdout.lines().collect();
    // a to f are ints, so L is; gradients are floats, as in Python.
    for expected in ["6.0", "-4.0", "-8"] {
        assert!(lines.contains(&expected), "{expected} missing in {stdout}");
    }
    assert!(!stdout.contains('\x1b'));
    assert!(!stdout.contains(">>>"), "no prompt in script mode");
    assert!(!stdout.contains("micrograd 0"), "no banner in script mode");
}

#[test]
fn piped_syntax_error_names_stdin_line_and_column() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).write_stdin("1 +* 2\n"));
    assert!(!out.ok);
    assert!(out.stderr.contains("<stdin>:1:4:"), "{}", out.stderr);
}

#[test]
fn script_file_error_names_file_line_and_column() {
    let d = temp_dir();
    let script = d.path().join("bad.mg");
    std::fs::write(&script, "a = 1\nb = a +\n").unwrap();
    let out = capture(micrograd(d.path()).arg(&script));
    assert!(!out.ok);
    assert!(out.stderr.contains("bad.mg:2:8:"), "{}", out.stderr);
    assert_eq!(out.stdout, "a = 1\n");
}

#[test]
fn interactive_after_file_keeps_its_variables() {
    let d = temp_dir();
    let script = d.path().join("setup.mg");
    std::fs::write(&script, "a = 21\n").unwrap();
    let out = capture(
        micrograd(d.path())
            .arg("-i")
            .arg(&script)
            .write_stdin("a * 2\n"),
    );
    assert!(out.ok);
    assert_eq!(out.stdout, "a = 21\n42\n");
}

#[test]
fn missing_file_is_a_clear_error() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).arg(d.path().join("nope.mg")));
    assert!(!out.ok);
    assert!(out.stderr.contains("cannot open"));
}

#[test]
fn help_and_version() {
    let d = temp_dir();
    let help = capture(micrograd(d.path()).arg("--help"));
    assert!(help.ok);
    let text = help.stdout;
    assert!(text.contains("--color") && text.contains("train") && text.contains("bench"));
    let version = capture(micrograd(d.path()).arg("--version"));
    assert!(version.stdout.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn colour_only_when_asked_and_not_with_no_color() {
    let d = temp_dir();
    let input = "a = 2\nb = a * -3\nb.backward()\nshow b\n";
    let always = capture(
        micrograd(d.path())
            .args(["--color", "always"])
            .write_stdin(input),
    );
    assert!(always.stdout.contains('\x1b'));
    let never = capture(
        micrograd(d.path())
            .args(["--color", "never"])
            .write_stdin(input),
    );
    assert!(!never.stdout.contains('\x1b'));
    let no_color = capture(micrograd(d.path()).env("NO_COLOR", "1").write_stdin(input));
    assert!(!no_color.stdout.contains('\x1b'));
}

#[test]
fn random_bytes_and_deep_nesting_never_crash() {
    let d = temp_dir();
    let mut bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    bytes.push(b'\n');
    let out = micrograd(d.path()).write_stdin(bytes).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "clean failure, not a crash");
    let deep = format!("{}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    let out = capture(micrograd(d.path()).write_stdin(deep));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("nested"));
    let long_chain = format!("x = 1{}\nx\n", "+1".repeat(40_000));
    let out = capture(micrograd(d.path()).write_stdin(long_chain));
    assert!(out.ok);
    assert!(out.stdout.ends_with("40001\n"));
}

#[test]
fn save_then_load_replays_the_session() {
    let d = temp_dir();
    let in_dir = || {
        let mut command = micrograd(d.path());
        command.current_dir(d.path());
        command
    };
    let out = capture(in_dir().write_stdin("a = 2; b = a * 3\nbad +\n"));
    assert!(!out.ok);
    let out = capture(in_dir().write_stdin("a = 2; b = a * 3\n:save s.mg\n"));
    assert!(out.ok, "{}", out.stderr);
    let out = capture(in_dir().write_stdin(":load s.mg\nb + 1\n"));
    assert!(out.stdout.ends_with("b = 6\n7\n"));

    // Commands that change later results are saved too: the seed behind a
    // network's weights, and gradients set by :step or cleared by :zero.
    let session =
        ":seed 3\nn = MLP(2, [2, 1])\nn([1, 1])\nL = b * b\n:step L\n:zero\nL.backward()\na.grad\n";
    let live = capture(in_dir().write_stdin(format!("a = 2; b = a * 3\n{session}:save t.mg\n")));
    assert!(live.ok, "{}", live.stderr);
    let replay = capture(in_dir().arg("t.mg"));
    assert!(replay.ok, "{}", replay.stderr);
    let result_lines = |text: &str| {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = lines.iter().position(|l| l.starts_with("n = MLP")).unwrap();
        lines[at..at + 2].to_vec()
    };
    assert_eq!(result_lines(&replay.stdout), result_lines(&live.stdout));
    assert!(replay.stdout.ends_with("36.0\n"), "{}", replay.stdout);
}

#[test]
fn errors_show_control_characters_and_long_lines_readably() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).write_stdin("a = 2 \u{1} 3\n"));
    let stderr = out.stderr;
    assert!(stderr.contains("control character (U+0001)"), "{stderr}");
    assert!(
        !stderr.contains('\u{1}'),
        "control characters are not echoed raw"
    );

    let long_line = format!("{}+* 2\n", "1 + ".repeat(5000));
    let stderr = capture(micrograd(d.path()).write_stdin(long_line)).stderr;
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

#[test]
fn train_on_a_line_runs_before_the_statements_after_it() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).write_stdin(
        "n = MLP(2, [4, 1]); d = moons(20)\nbefore = n([1, 2])\n\
         train(n, d, steps=3, plot=0); after = n([1, 2])\n",
    ));
    assert!(out.ok, "{}", out.stderr);
    common::assert_in_order(
        &out.stdout,
        &["before = ", "training MLP", "done:", "after = "],
    );
    let value = |name: &str| -> String {
        let prefix = format!("{name} = ");
        let line = out.stdout.lines().find(|l| l.starts_with(&prefix)).unwrap();
        line[prefix.len()..].to_string()
    };
    assert_ne!(
        value("before"),
        value("after"),
        "after uses the trained weights"
    );
}

#[test]
fn confused_commands_and_attributes_get_pointed_errors() {
    // Each case: a line after `a = 2; b = -3; L = a*b`, then fragments the
    // error must hold, in order (message, source line, caret, help).
    let cases: &[(&str, &[&str])] = &[
        (":s", &["<stdin>:2:3: error: usage: :show L"]),
        (":step", &["error: usage: :step L"]),
        (":paths L", &["error: usage: :paths L a"]),
        (":dot L", &["error: usage: :dot L FILE"]),
        (":seed -1", &["error: usage: :seed N", ":seed -1", "^^"]),
        (
            ":check L abc",
            &[
                "<stdin>:2:10: error: usage: :check L [h]",
                ":check L abc",
                "         ^^^",
            ],
        ),
        (
            "a.data.grad",
            &[
                "<stdin>:2:8: error: `.data` gives a plain number",
                "^^^^",
                "help: the gradient of a is a.grad",
            ],
        ),
        (
            "pi.data = 3",
            &[
                "<stdin>:2:1: error: `pi` is a built-in constant",
                "help: make a leaf of your own",
            ],
        ),
        (
            "zz.data = 3",
            &["`zz` is not defined", "help: give it a value first"],
        ),
        (
            ":load /nonexistent/x.mg",
            &[
                "<stdin>:2:7: error: could not read /nonexistent/x.mg",
                "      ^^^^^^^^^^^^^^^^^",
            ],
        ),
        (":load", &["<stdin>:2:6: error: usage: :load FILE"]),
        (
            ":reset a",
            &["<stdin>:2:8: error: usage: :reset   (it takes nothing after it)"],
        ),
        (":vars a", &["error: usage: :vars"]),
    ];
    for (line, fragments) in cases {
        let d = temp_dir();
        let out =
            capture(micrograd(d.path()).write_stdin(format!("a = 2; b = -3; L = a*b\n{line}\n")));
        assert!(!out.ok, "{line} should fail");
        common::assert_in_order(&out.stderr, fragments);
    }
}

#[test]
fn load_of_a_binary_or_self_loading_file_is_a_pointed_error() {
    let d = temp_dir();
    let binary = d.path().join("weights.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 255]).unwrap();
    let itself = d.path().join("itself.mg");
    std::fs::write(&itself, format!(":load {}\n", itself.display())).unwrap();
    for (file, message) in [
        (&binary, "it is not a text file"),
        (&itself, "files :load each other more than 8 levels deep"),
    ] {
        let out =
            capture(micrograd(d.path()).write_stdin(format!("a = 1\n:load {}\n", file.display())));
        assert!(!out.ok);
        // The message wraps to 80 columns where the temporary path ends.
        let stderr = out.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        common::assert_in_order(&stderr, &[":7: error: ", message, "^^^"]);
    }
}

#[test]
fn windows_scripts_with_a_byte_order_mark_and_crlf_run() {
    let d = temp_dir();
    let script = d.path().join("windows.mg");
    std::fs::write(&script, "\u{feff}a = 1\r\nb = a + 1\r\n").unwrap();
    let out = capture(micrograd(d.path()).arg(&script));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout, "a = 1\nb = 2\n");
    let out =
        capture(micrograd(d.path()).write_stdin(format!(":load {}\nb * 10\n", script.display())));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout, "a = 1\nb = 2\n20\n");
    let out = capture(micrograd(d.path()).write_stdin("a = 1\u{200b}\n"));
    // The message wraps at 80 columns wherever its words fall.
    let stderr = out.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        stderr.contains("found an invisible character (U+200B)"),
        "{}",
        out.stderr
    );
}

#[test]
fn echo_of_a_huge_list_is_summarised_with_its_length() {
    let d = temp_dir();
    let out = capture(
        micrograd(d.path()).write_stdin("n = MLP(2, [300, 300, 1])\nx = n.parameters()\nx\n"),
    );
    assert!(out.ok, "{}", out.stderr);
    let longest = out.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 2000, "a line of {longest} bytes");
    common::assert_in_order(
        &out.stdout,
        &[
            "x = [",
            "… 91,481 more]  (91,501 items)",
            "… 91,481 more]  (91,501 items)",
        ],
    );
}

#[test]
fn every_help_page_fits_eighty_columns() {
    let d = temp_dir();
    for command in [&[][..], &["lesson"], &["lessons"], &["train"], &["bench"]] {
        let out = capture(micrograd(d.path()).args(command).arg("--help"));
        assert!(out.ok, "{command:?}: {}", out.stderr);
        for line in out.stdout.lines() {
            assert!(
                textwrap::core::display_width(line) <= 80,
                "{command:?} --help: {line:?}"
            );
        }
    }
}

#[test]
fn an_unknown_lesson_from_the_shell_names_the_shell_command_too() {
    let d = temp_dir();
    let out = capture(micrograd(d.path()).args(["lesson", "99"]).write_stdin(""));
    assert!(!out.ok);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(
        said.contains("There is no lesson `99`.")
            && said.contains("micrograd lessons from the shell"),
        "{said}"
    );
}
