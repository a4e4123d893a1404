//! Numbers print as Python prints them: an int as an int (`2`), a float as
//! Python's `repr` writes it (`2.0`, `0.1`, `1e-07`), in `print(...)` and
//! in echoes. Each program runs here and in `python3` (statements end in
//! `;`, which Python allows, so only `print` writes), and the outputs must
//! be the same text, character for character. Skipped, with a message,
//! where `python3` is missing.

mod common;

use std::process::Command;

use common::{capture, micrograd, python3_works, temp_dir};

/// Programs whose every number Python writes exactly as we must: ints
/// and floats mixed through arithmetic, loops, built-ins and containers.
const PROGRAMS: &[&str] = &[
    "xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5]];\nprint(xs, len(xs), xs[0][1])",
    "k = 3; a = 2.0;\nprint(k, a, a * k, k * 2, k / 2, 7 // 2, 7.0 // 2, -7 // 2, 10 % 3, 2.5 % 1)",
    "print(2 ** 3, 2 ** -1, 2.0 ** 2, -3, -(-3), +4, 0.1 + 0.2, 1 - 1.0, True + True)",
    "print(1e-5, 1e16, 1e15, 123456789.0, 0.0001, 1.5e300, -0.0, 100.0)",
    "for i in range(3):\n    print(i, i * 0.5, i + 1, i / 1, i ** 2)",
    "print([i for i in range(4)], [x * 2 for x in [1, 2.5]], (1, 2.0), [(1, 2.0)])",
    "print(sum([1, 2, 3]), sum([1, 2.0]), sum([]), abs(-3), abs(-3.0), min(3, 1.0), max([2, 5]))",
    "for i, x in enumerate([10, 20.0]):\n    print(i, x)",
    "for i, x in enumerate([10, 20.0], 1):\n    print(i, x)",
    "total = 0;\nfor k in range(5):\n    total += k\nprint(total, total / 5, total * 1.0)",
    "def f(x, y=2):\n    return x * y\nprint(f(3), f(3.0), f(2, 0.5))",
    "x = 0.1 * 3; y = 2 * 3; z = y - 6;\nprint(x, y, z, [x, y, z])",
];

#[test]
fn ints_and_floats_print_as_python_prints_them() {
    if !python3_works() {
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let d = temp_dir();
    let mut problems = Vec::new();
    for program in PROGRAMS {
        let ours = capture(micrograd(d.path()).write_stdin(format!("{program}\n\n")));
        assert!(ours.ok, "{program}: {}", ours.stderr);
        let python = Command::new("python3")
            .arg("-c")
            .arg(program)
            .output()
            .expect("python3 runs");
        assert!(python.status.success(), "{program}: Python failed");
        let expected = String::from_utf8_lossy(&python.stdout);
        if ours.stdout != expected {
            problems.push(format!(
                "{program}\n  micrograd: {:?}\n  python:    {expected:?}",
                ours.stdout
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn echoes_write_ints_and_floats_as_python_prints_them() {
    let d = temp_dir();
    let run = capture(micrograd(d.path()).write_stdin(
        "xs = [[2.0, 3.0, -1.0], [0.5, 1, 1]]\nk = 3\na = 2.0\nb = a * k\nc = k * 2\n\
         k / 2\nlen(xs)\nt = (1, 2.0)\nv = Value(2)\nv.data\nw = 0/0\n",
    ));
    assert!(run.ok, "{}", run.stderr);
    let echoed: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        echoed,
        [
            "xs = [[2.0, 3.0, -1.0], [0.5, 1, 1]]",
            "k = 3",
            "a = 2.0",
            "b = 6.0",
            "c = 6",
            "1.5",
            "2",
            "t = (1, 2.0)",
            // A Value's data is a float, whatever it was made from.
            "v = 2.0",
            "2.0",
            // Math that left the reals shows as the REPL always showed it.
            "w = NaN",
        ]
    );
}

#[test]
fn a_nudge_to_a_float_makes_an_int_variable_a_float() {
    let d = temp_dir();
    let run = capture(micrograd(d.path()).write_stdin(
        "x = 2\ny = x + 1\nx.data = 2.5\ny\nz = 4\nz.data += 1\nz\nz.data = 1.0\nz\n",
    ));
    assert!(run.ok, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "x = 2");
    assert_eq!(lines[1], "y = 3");
    assert!(lines[2].starts_with("x.data = 2.5 "), "{}", lines[2]);
    assert_eq!(lines[3], "3.5");
    assert_eq!(lines[4], "z = 4");
    assert!(lines[5].starts_with("z.data = 5 "), "{}", lines[5]);
    assert_eq!(lines[6], "5");
    assert!(lines[7].starts_with("z.data = 1.0 "), "{}", lines[7]);
    assert_eq!(lines[8], "1.0");
}
