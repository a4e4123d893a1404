//! The files `:dot L FILE` writes, driven through the binary with a PATH
//! that has no Graphviz or a stand-in for it: the extension decides (DOT
//! text, an SVG drawn in-process or by Graphviz, a PNG only by Graphviz),
//! and a file that is there is replaced only with `:dot!`.

mod common;

use std::path::Path;

const LECTURE: &str =
    "a = 2.0\nb = -3.0\nc = 10\ne = a * b\nd = e + c\nf = -2\nL = d * f\nL.backward()";

/// Runs the lecture, then `commands`, through the binary in `dir` with only
/// `bin` on the PATH.
fn run_in(dir: &Path, bin: &Path, commands: &str) -> common::Run {
    common::capture(
        common::micrograd(dir)
            .env("PATH", bin)
            .current_dir(dir)
            .write_stdin(format!("{LECTURE}\n{commands}\n")),
    )
}

fn fake_dot(bin: &Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = bin.join("dot");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every node of the lecture graph, as its record shows it.
const RECORDS: [(&str, &str, &str); 7] = [
    ("a", "data 2", "grad 6"),
    ("b", "data -3", "grad -4"),
    ("c", "data 10", "grad -2"),
    ("e", "data -6", "grad -2"),
    ("d", "data 4", "grad -2"),
    ("f", "data -2", "grad 4"),
    ("L", "data -8", "grad 1"),
];

#[test]
fn svg_is_drawn_without_graphviz_with_every_label_data_and_grad() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    let run = run_in(dir.path(), bin.path(), ":dot L g.svg");
    assert!(run.ok, "{run:?}");
    assert!(
        run.stdout
            .contains("Drew g.svg (7 nodes): open it in a browser."),
        "{run:?}"
    );
    let svg = read(dir.path(), "g.svg");
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    for (label, data, grad) in RECORDS {
        for text in [label, data, grad] {
            assert!(svg.contains(&format!(">{text}<")), "{text}: {svg}");
        }
    }
    // Three operations, each a small circle between inputs and result.
    assert_eq!(svg.matches("<ellipse").count(), 3, "{svg}");
}

#[test]
fn dot_files_get_dot_text_and_a_hint_for_the_picture() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    let run = run_in(dir.path(), bin.path(), ":dot L lecture.dot");
    assert!(run.ok, "{run:?}");
    assert!(
        run.stdout.contains(
            "Wrote lecture.dot (7 nodes, Graphviz DOT). For a picture:\n    :dot L lecture.svg\n"
        ),
        "the command on a line of its own, to copy: {run:?}"
    );
    let dot = read(dir.path(), "lecture.dot");
    assert!(dot.starts_with("digraph"), "{dot}");
    for (label, data, grad) in RECORDS {
        let record = format!("[label=\"{{ {label} | {data} | {grad} }}\"]");
        assert!(dot.contains(&record), "{record}: {dot}");
    }
    assert_eq!(dot.matches("_op [label=").count(), 3);
    assert!(!dir.path().join("lecture.svg").exists());
}

#[test]
fn png_without_graphviz_says_how_to_get_a_picture_and_writes_nothing() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    let run = run_in(dir.path(), bin.path(), ":dot L g.png");
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("error: a PNG needs Graphviz's `dot`, which is not installed"),
        "{run:?}"
    );
    assert!(run.stderr.contains(":dot L g.svg draws an SVG"), "{run:?}");
    assert!(!dir.path().join("g.png").exists());
}

#[test]
fn graphviz_draws_svg_and_png_when_it_is_there() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    // A stand-in Graphviz (shell built-ins only: nothing else is on its
    // PATH) that keeps its input and answers with its argument.
    fake_dot(
        bin.path(),
        "#!/bin/sh\nwhile read -r line; do echo \"$line\"; done > input.dot\necho \"<svg>$1</svg>\"\n",
    );
    let run = run_in(dir.path(), bin.path(), ":dot L g.svg\n:dot L g.png");
    assert!(run.ok, "{run:?}");
    assert!(
        run.stdout.contains("Drew g.svg (7 nodes) with Graphviz"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("Drew g.png (7 nodes) with Graphviz"),
        "{run:?}"
    );
    assert_eq!(read(dir.path(), "g.svg").trim(), "<svg>-Tsvg</svg>");
    assert_eq!(read(dir.path(), "g.png").trim(), "<svg>-Tpng</svg>");
    assert!(read(dir.path(), "input.dot").contains("{ L | data -8 | grad 1 }"));
}

#[test]
fn a_failing_graphviz_leaves_svg_to_the_built_in_layout_and_png_undrawn() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    fake_dot(
        bin.path(),
        "#!/bin/sh\nwhile read -r line; do :; done\necho 'syntax error in line 1' >&2\nexit 1\n",
    );
    let run = run_in(dir.path(), bin.path(), ":dot L g.svg");
    assert!(run.ok, "{run:?}");
    assert!(read(dir.path(), "g.svg").contains(">grad 6<"));
    let run = run_in(dir.path(), bin.path(), ":dot L g.png");
    assert!(!run.ok);
    let words = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Graphviz drew no PNG: dot exited with")
            && words.contains("syntax error in line 1"),
        "{run:?}"
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_a_bang() {
    let dir = common::temp_dir();
    let bin = common::temp_dir();
    std::fs::write(dir.path().join("g.svg"), "mine").unwrap();
    let run = run_in(dir.path(), bin.path(), ":dot L g.svg");
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("g.svg already exists, so it was left as it is")
            && run.stderr.contains("to replace it, type :dot! L g.svg"),
        "{run:?}"
    );
    assert_eq!(read(dir.path(), "g.svg"), "mine");
    let run = run_in(dir.path(), bin.path(), ":dot! L g.svg");
    assert!(run.ok, "{run:?}");
    assert!(read(dir.path(), "g.svg").contains("<svg"));
}
