//! `:save` and `:dot` keep a file that is already there unless the command
//! ends in `!`, and say how to replace it; `:save` counts what it saved.

mod common;

fn run(dir: &std::path::Path, input: &str) -> common::Run {
    common::capture(
        common::micrograd(dir)
            .current_dir(dir)
            .write_stdin(input.to_string()),
    )
}

#[test]
fn save_keeps_an_existing_file_unless_told_with_a_bang() {
    let dir = common::temp_dir();
    std::fs::write(dir.path().join("s.mg"), "mine\n").unwrap();
    let out = run(dir.path(), "a = 2\n:save s.mg\n");
    assert!(!out.ok);
    assert!(
        out.stderr
            .contains("error: s.mg already exists, so it was left as it is")
            && out.stderr.contains("help: to replace it, type :save! s.mg"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.mg")).unwrap(),
        "mine\n"
    );

    let out = run(dir.path(), "a = 2\n:save! s.mg\n");
    assert!(out.ok, "{out:?}");
    assert!(out.stdout.contains("Saved 1 line to s.mg;"), "{out:?}");
    assert!(std::fs::read_to_string(dir.path().join("s.mg"))
        .unwrap()
        .ends_with("a = 2\n"));

    let out = run(dir.path(), "a = 2\nb = 3\n:save two.mg\n");
    assert!(out.stdout.contains("Saved 2 lines to two.mg;"), "{out:?}");
}

#[test]
fn a_bang_on_a_command_that_writes_no_file_is_an_error() {
    let dir = common::temp_dir();
    let out = run(dir.path(), "a = 2\n:vars!\n");
    assert!(!out.ok);
    assert!(
        out.stderr.contains("`!` goes only after :save and :dot"),
        "{out:?}"
    );
}

#[test]
fn file_errors_never_show_a_raw_os_error() {
    let dir = common::temp_dir();
    for input in [
        "a = 2\n:save /no/such/folder/s.mg\n",
        "a = 2\n:load /no/such/folder/s.mg\n",
        "a = 2\n:dot a /no/such/folder/g.svg\n",
    ] {
        let out = run(dir.path(), input);
        assert!(!out.ok, "{input}");
        assert!(out.stderr.contains("does not exist"), "{input}: {out:?}");
        assert!(!out.stderr.contains("os error"), "{input}: {out:?}");
    }
}
