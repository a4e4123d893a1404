//! Parser tests: precedence, statements, blocks, spans and friendly errors.

#[path = "common/syntax_shape.rs"]
mod shape;

use micrograd::syntax::ast::{AssignOp, ExprKind, StmtKind, Target};
use micrograd::syntax::{parse_expression, parse_line, parse_program, ParseError, Span};

/// An expression, fully bracketed, to pin precedence.
fn expr_shape(source: &str) -> String {
    match parse_expression(source) {
        Ok(e) => shape::expr(&e),
        Err(e) => panic!("{source:?} did not parse: {e:?}"),
    }
}

/// A program, as compact text.
fn program(source: &str) -> String {
    match parse_program(source) {
        Ok(statements) => shape::program(&statements),
        Err(e) => panic!("{source:?} did not parse: {e:?}"),
    }
}

fn error(source: &str) -> ParseError {
    match parse_program(source) {
        Ok(statements) => panic!("{source:?} parsed: {}", shape::program(&statements)),
        Err(e) => e,
    }
}

/// `(line, column)` of an error, and its message and help in one string.
fn located(source: &str) -> ((usize, usize), String) {
    let e = error(source);
    (
        e.span.line_col(source),
        format!("{} | {}", e.message, e.help.unwrap_or_default()),
    )
}

#[test]
fn python_precedence() {
    assert_eq!(expr_shape("-2**2"), "(-(2 ** 2))");
    assert_eq!(expr_shape("2**3**2"), "(2 ** (3 ** 2))");
    assert_eq!(expr_shape("2^3^2"), "(2 ** (3 ** 2))");
    assert_eq!(expr_shape("2*-3"), "(2 * (-3))");
    assert_eq!(expr_shape("2**-1"), "(2 ** (-1))");
    assert_eq!(expr_shape("a + b * c - d / e"), "((a + (b * c)) - (d / e))");
    assert_eq!(expr_shape("(a + b) * c"), "((a + b) * c)");
    assert_eq!(expr_shape("-x.tanh()"), "(-x.tanh())");
    assert_eq!(expr_shape("a.data"), "a.data");
    assert_eq!(expr_shape(".5 + 1e-4 + 2."), "((0.5 + 0.0001) + 2)");
    assert_eq!(expr_shape("n([x1, x2])[0]"), "n([x1, x2])[0]");
}

#[test]
fn python_precedence_of_the_new_operators() {
    assert_eq!(expr_shape("k % 10 == 0"), "((k % 10) == 0)");
    assert_eq!(expr_shape("a // b * c % d"), "(((a // b) * c) % d)");
    assert_eq!(expr_shape("-a // b"), "((-a) // b)");
    assert_eq!(expr_shape("a + b < c * d"), "((a + b) < (c * d))");
    assert_eq!(expr_shape("not a == b"), "(not (a == b))");
    assert_eq!(expr_shape("not a and b or c"), "(((not a) and b) or c)");
    assert_eq!(expr_shape("a or b and c"), "(a or (b and c))");
    assert_eq!(expr_shape("a and not b"), "(a and (not b))");
    assert_eq!(expr_shape("not not a"), "(not (not a))");
    assert_eq!(expr_shape("x if a or b else y"), "(x if (a or b) else y)");
    assert_eq!(
        expr_shape("a if c else b if d else e"),
        "(a if c else (b if d else e))"
    );
    assert_eq!(
        expr_shape("x + 1 if x > 0 else -x"),
        "((x + 1) if (x > 0) else (-x))"
    );
    assert_eq!(
        expr_shape("lambda x: x if x else 0"),
        "(lambda x: (x if x else 0))"
    );
    assert_eq!(expr_shape("lambda: 1"), "(lambda : 1)");
    assert_eq!(
        expr_shape("lambda x, y=2: x * y"),
        "(lambda x, y=2: (x * y))"
    );
    assert_eq!(
        expr_shape("a if c else lambda: 0"),
        "(a if c else (lambda : 0))"
    );
}

#[test]
fn comparisons_chain_as_in_python() {
    assert_eq!(expr_shape("0 < x <= 1"), "(0 < x <= 1)");
    assert_eq!(expr_shape("a == b != c"), "(a == b != c)");
    assert_eq!(expr_shape("(a < b) < c"), "((a < b) < c)");
    assert_eq!(expr_shape("x in xs"), "(x in xs)");
    assert_eq!(expr_shape("x not in xs"), "(x not in xs)");
    assert_eq!(expr_shape("not x in xs"), "(not (x in xs))");
    assert_eq!(expr_shape("a < b and b < c"), "((a < b) and (b < c))");
    assert_eq!(expr_shape("a >= b > c"), "(a >= b > c)");
}

#[test]
fn literals_lists_tuples_and_indexing() {
    assert_eq!(expr_shape("True"), "True");
    assert_eq!(expr_shape("[False, None]"), "[False, None]");
    assert_eq!(expr_shape("Truer"), "Truer");
    assert_eq!(expr_shape("[]"), "[]");
    assert_eq!(expr_shape("[1, 2,]"), "[1, 2]");
    assert_eq!(expr_shape("()"), "tuple()");
    assert_eq!(expr_shape("(1,)"), "tuple(1)");
    assert_eq!(expr_shape("(1, 2)"), "tuple(1, 2)");
    assert_eq!(expr_shape("1, 2"), "tuple(1, 2)");
    assert_eq!(expr_shape("xs[-1]"), "xs[(-1)]");
    assert_eq!(expr_shape("m[0][1].data"), "m[0][1].data");
    assert_eq!(expr_shape("'it\\'s'"), "\"it's\"");
    assert_eq!(expr_shape("\"a\\nb\""), "\"a\\nb\"");
    assert_eq!(expr_shape("\"\"\"doc\nstring\"\"\""), "\"doc\\nstring\"");
}

#[test]
fn comprehensions_generators_and_calls() {
    assert_eq!(expr_shape("[n(x) for x in xs]"), "[n(x) for x in xs]");
    assert_eq!(
        expr_shape("[x*x for x in xs if x > 0 if x < 9]"),
        "[(x * x) for x in xs if (x > 0) if (x < 9)]"
    );
    assert_eq!(
        expr_shape("[a*b for a in xs for b in ys]"),
        "[(a * b) for a in xs for b in ys]"
    );
    assert_eq!(
        expr_shape("sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))"),
        "sum(gen(((yout - ygt) ** 2) for ygt, yout in zip(ys, ypred)))"
    );
    assert_eq!(expr_shape("(x for x in xs)"), "gen(x for x in xs)");
    assert_eq!(
        expr_shape("[w for (w, x) in pairs]"),
        "[w for w, x in pairs]"
    );
    assert_eq!(expr_shape("f(x)(y)"), "f(x)(y)");
    assert_eq!(expr_shape("(lambda x: x)(2)"), "(lambda x: x)(2)");
    assert_eq!(expr_shape("xs[0](1)"), "xs[0](1)");
    assert_eq!(expr_shape("Value(2.0, label='a')"), "Value(2, label=\"a\")");
    assert_eq!(expr_shape("f(a, b,)"), "f(a, b)");
    assert_eq!(
        expr_shape("n.layers[0].neurons[1].w"),
        "n.layers[0].neurons[1].w"
    );
}

#[test]
fn statements_and_silencing() {
    let stmts = parse_line("c = 10; e = a * b; d = e + c").unwrap();
    assert_eq!(stmts.len(), 3);
    assert_eq!(
        stmts.iter().map(|s| s.silent).collect::<Vec<_>>(),
        [true, true, false]
    );
    let stmts = parse_line("L.backward();  # comment").unwrap();
    assert!(stmts[0].silent);
    assert!(parse_line("   # only a comment").unwrap().is_empty());
    assert!(parse_line("").unwrap().is_empty());
    match &parse_line("x.data -= 0.01 * x.grad").unwrap()[0].kind {
        StmtKind::Assign {
            target: Target::Attribute { object, attr },
            op: AssignOp::Sub,
            ..
        } => {
            assert_eq!(object.kind, ExprKind::Name("x".into()));
            assert_eq!(attr.name, "data");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        parse_line("show L").unwrap()[0].kind,
        StmtKind::Show(_)
    ));
    assert!(matches!(
        parse_line("show = 3").unwrap()[0].kind,
        StmtKind::Assign { .. }
    ));
    assert!(matches!(
        parse_line("c += c + 1").unwrap()[0].kind,
        StmtKind::Assign {
            op: AssignOp::Add,
            ..
        }
    ));
}

#[test]
fn simple_statements_of_the_small_python() {
    assert_eq!(program("a, b = 1, 2"), "tuple(a, b) = tuple(1, 2)");
    assert_eq!(program("(a, b), c = f()"), "tuple(tuple(a, b), c) = f()");
    assert_eq!(program("xs[i] = 3"), "xs[i] = 3");
    assert_eq!(program("xs[-1] += 1"), "xs[(-1)] += 1");
    assert_eq!(program("n.L1.N1.w1.data -= 0.1"), "n.L1.N1.w1.data -= 0.1");
    assert_eq!(program("p.grad = 0.0"), "p.grad = 0");
    assert_eq!(program("ps[0].grad = 0"), "ps[0].grad = 0");
    assert_eq!(
        program("pass; break; continue"),
        "pass~ | break~ | continue"
    );
    assert_eq!(program("return"), "return");
    assert_eq!(program("return a, b"), "return tuple(a, b)");
    assert_eq!(
        program("import random, math"),
        "import random | import math"
    );
    assert_eq!(program("import numpy as np"), "import numpy as np");
    assert_eq!(
        program("from micrograd.engine import Value"),
        "from micrograd.engine import Value"
    );
    assert_eq!(
        program("from micrograd.nn import Neuron, Layer, MLP"),
        "from micrograd.nn import Neuron, Layer, MLP"
    );
    assert_eq!(program("from m import (a, b,)"), "from m import a, b");
    assert_eq!(program("from m import *"), "from m import *");
    assert_eq!(program("from m import v as w"), "from m import v as w");
    assert_eq!(program("print(k, loss.data)"), "print(k, loss.data)");
    assert_eq!(program("x == 1"), "(x == 1)");
}

#[test]
fn loop_targets_nest_in_brackets_as_in_python() {
    assert_eq!(
        program("for i, (x, y) in enumerate(zip(xs, ys)):\n  s += x*y"),
        "for i, (x, y) in enumerate(zip(xs, ys)) {s += (x * y)}"
    );
    // Brackets around all the targets are the same as none.
    assert_eq!(
        program("for (a, b) in ps:\n  s += a"),
        "for a, b in ps {s += a}"
    );
    assert_eq!(
        program("for (i, (x, (p, q))) in t:\n  s += p"),
        "for i, (x, (p, q)) in t {s += p}"
    );
    assert_eq!(
        program("ys = [x for i, (x, y) in enumerate(ps) if y]"),
        "ys = [x for i, (x, y) in enumerate(ps) if y]"
    );
}

#[test]
fn blocks_by_indentation() {
    assert_eq!(
        program("for k in range(3):\n    a = k\n    b = a\nc = 1"),
        "for k in range(3) {a = k; b = a} | c = 1"
    );
    assert_eq!(
        program("for a, b in zip(xs, ys):\n  s += a*b"),
        "for a, b in zip(xs, ys) {s += (a * b)}"
    );
    assert_eq!(
        program("while x < 10:\n    x += 1\n    if x == 5:\n        break\n    continue"),
        "while (x < 10) {x += 1; if (x == 5) {break}; continue}"
    );
    assert_eq!(
        program("if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    x = 4"),
        "if a {x = 1} elif b {x = 2} elif c {x = 3} else {x = 4}"
    );
    assert_eq!(
        program("def f(x, y=2):\n    z = x * y\n    return z\n\nprint(f(3))"),
        "def f(x, y=2) {z = (x * y); return z} | print(f(3))"
    );
    assert_eq!(
        program("def outer(a):\n    def inner(b):\n        return a + b\n    return inner\n"),
        "def outer(a) {def inner(b) {return (a + b)}; return inner}"
    );
    assert_eq!(
        program("for i in range(2):\n    for j in range(2):\n        pass\n    x = i\ny = 0"),
        "for i in range(2) {for j in range(2) {pass}; x = i} | y = 0"
    );
    assert_eq!(program("if x: pass\nelse: pass"), "if x {pass} else {pass}");
    assert_eq!(
        program("for x in 1, 2, 3:\n    print(x)"),
        "for x in tuple(1, 2, 3) {print(x)}"
    );
}

#[test]
fn one_line_bodies() {
    assert_eq!(
        program("for p in ps: p.data -= 0.1 * p.grad"),
        "for p in ps {p.data -= (0.1 * p.grad)}"
    );
    assert_eq!(program("if x: y = 1"), "if x {y = 1}");
    assert_eq!(program("def f(x): return x*2"), "def f(x) {return (x * 2)}");
    assert_eq!(
        program("while True: x += 1; y = 2"),
        "while True {x += 1~; y = 2}"
    );
    assert_eq!(program("if x: print(x);"), "if x {print(x)~}");
}

#[test]
fn blank_comment_and_continuation_lines() {
    let source = "# train\nfor k in range(20):\n\n    # forward\n    ypred = [n(x)\n             for x in xs]\n        # odd comment\n    loss = sum((yout - ygt)**2 \\\n      for ygt, yout in zip(ys, ypred))\n\nprint(k)\n";
    assert_eq!(
        program(source),
        "for k in range(20) {ypred = [n(x) for x in xs]; loss = sum(gen(((yout - ygt) ** 2) for ygt, yout in zip(ys, ypred)))} | print(k)"
    );
    assert_eq!(program("x = [1,\n2,\n]\ny = x"), "x = [1, 2] | y = x");
    assert_eq!(
        program("x = 1\r\nif x:\r\n    y = 2\r\n"),
        "x = 1 | if x {y = 2}"
    );
    assert_eq!(program("f(a, # first\n  b)"), "f(a, b)");
}

#[test]
fn the_lecture_training_cell_parses() {
    let cell = "xs = [\n  [2.0, 3.0, -1.0],\n  [3.0, -1.0, 0.5],\n  [0.5, 1.0, 1.0],\n  [1.0, 1.0, -1.0],\n]\nys = [1.0, -1.0, -1.0, 1.0]\nn = MLP(3, [4, 4, 1])\nfor k in range(20):\n  # forward pass\n  ypred = [n(x) for x in xs]\n  loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n\n  # backward pass\n  for p in n.parameters():\n    p.grad = 0.0\n  loss.backward()\n\n  # update\n  for p in n.parameters():\n    p.data += -0.1 * p.grad\n\n  print(k, loss.data)\n";
    let statements = parse_program(cell).unwrap();
    assert_eq!(statements.len(), 4);
    match &statements[3].kind {
        StmtKind::For { body, .. } => assert_eq!(body.len(), 6),
        other => panic!("expected the loop, got {other:?}"),
    }
}

#[test]
fn spans_are_offsets_into_the_whole_source() {
    let source = "a = 1\nfor k in range(3):\n    b = k + 1\n    c = b\nd = 2";
    let statements = parse_program(source).unwrap();
    let for_span = statements[1].span;
    assert_eq!(
        &source[for_span.start..for_span.end],
        "for k in range(3):\n    b = k + 1\n    c = b"
    );
    let StmtKind::For { body, iter, .. } = &statements[1].kind else {
        panic!("a for loop");
    };
    assert_eq!(&source[iter.span.start..iter.span.end], "range(3)");
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!("an assignment");
    };
    let ExprKind::Binary { rhs, .. } = &value.kind else {
        panic!("a sum");
    };
    assert_eq!(rhs.span.line_col(source), (3, 13));
    assert_eq!(rhs.span.line_text(source), "    b = k + 1");
    let if_source = "if a:\n    x = 1\nelse:\n    x = 2\ny = 3";
    let if_span = parse_program(if_source).unwrap()[0].span;
    assert_eq!(
        &if_source[if_span.start..if_span.end],
        "if a:\n    x = 1\nelse:\n    x = 2"
    );
}

#[test]
fn error_points_at_bad_token() {
    let err = parse_line("1 +* 2").unwrap_err();
    assert_eq!(err.span.start, 3, "{err:?}");
    assert_eq!(err.span.column("1 +* 2"), 4);
    assert!(
        err.message.contains("expected an expression"),
        "{}",
        err.message
    );
    assert!(err.message.contains("`*`"), "{}", err.message);

    // An unclosed bracket is reported at the bracket (issue 12: say the
    // `)` is missing and point at the `(`), no longer at the line's end.
    let err = parse_line("a = (1 + 2").unwrap_err();
    assert_eq!(err.span.start, 4);
    assert!(err.message.contains("end of the line"), "{}", err.message);
}

#[test]
fn an_unclosed_line_with_a_mistake_before_its_end_points_at_the_mistake() {
    // Python's REPL reports `def f(:` at the `:` at once (R1): the `(`
    // still open is not what is wrong, and no `)` typed later could mend it.
    let ((line, column), text) = located("def f(:");
    assert_eq!((line, column), (1, 7), "{text}");
    assert!(!text.contains("never closed"), "{text}");
    let ((line, column), text) = located("x = [1 2");
    assert_eq!((line, column), (1, 8), "{text}");
    let ((line, column), text) = located("for i in x:\n    y = (1 +\n  * 2");
    assert_eq!((line, column), (3, 3), "{text}");
    // What is only unfinished still says which bracket to close.
    let ((line, column), text) = located("x = (1 +  # more to come");
    assert_eq!((line, column), (1, 5), "{text}");
    assert!(text.contains("never closed"), "{text}");
    let (_, text) = located("y = 1 + \\");
    assert!(text.contains("ends with `\\`"), "{text}");
    assert!(input_state_is_complete("def f(:"));
    assert!(input_state_is_complete("for i in range(3)"));
    assert!(!input_state_is_complete("def f(x,"));
}

fn input_state_is_complete(text: &str) -> bool {
    micrograd::syntax::input_state(text) == micrograd::syntax::InputState::Complete
}

#[test]
fn errors_name_line_and_column_in_a_block() {
    let source = "for k in range(3):\n    x = k +* 2\n";
    let e = error(source);
    assert_eq!(e.span.line_col(source), (2, 12));
    assert_eq!(e.span.line_text(source), "    x = k +* 2");
    let ((line, column), text) = located("if x:\n    y = 1\n  z = 2");
    assert_eq!((line, column), (3, 3));
    assert!(text.contains("matches no block"), "{text}");
    assert!(text.contains("0 or 4 spaces"), "{text}");
    let ((line, column), text) = located("x = 1\n    y = 2");
    assert_eq!((line, column), (2, 5));
    assert!(text.contains("unexpected indent"), "{text}");
    let ((line, column), text) = located("for k in xs:\n\ty = 1");
    assert_eq!((line, column), (2, 1));
    assert!(text.contains("tab"), "{text}");
    let ((line, column), text) = located("for i in range(3):\nprint(i)");
    assert_eq!((line, column), (2, 1));
    assert!(
        text.contains("the body of the `for` on line 1 must be indented"),
        "{text}"
    );
    let ((line, column), text) = located("x = 1\nfor i in range(3):");
    assert_eq!((line, column), (2, 19));
    assert!(text.contains("has no body"), "{text}");
    let ((line, _), text) = located("x = 1\nelse:\n    y = 2");
    assert_eq!(line, 2);
    assert!(text.contains("no `if`"), "{text}");
    let ((line, column), text) = located("xs = [1,\n  2\ny = (3]");
    assert_eq!((line, column), (3, 7));
    assert!(
        text.contains("does not match the `(` at line 3, column 5"),
        "{text}"
    );
    let ((line, column), text) = located("xs = [1,\n  2)");
    assert_eq!((line, column), (2, 4));
    assert!(
        text.contains("does not match the `[` at line 1, column 6"),
        "{text}"
    );
}

#[test]
fn learner_slips_in_the_new_constructs() {
    let cases = [
        ("y = tanh(x", (1, 9), "a `)` is missing"),
        (
            "for i in range(3)",
            (1, 18),
            "a `:` is missing at the end of this `for` line",
        ),
        (
            "def f(x)\n    return x",
            (1, 9),
            "a `:` is missing at the end of this `def` line",
        ),
        (
            "if x > 0  # positive",
            (1, 9),
            "a `:` is missing at the end of this `if` line",
        ),
        ("tanh x", (1, 6), "`tanh(x)`"),
        ("y = exp x", (1, 9), "`exp(x)`"),
        (
            "print x",
            (1, 7),
            "print is a function in Python 3: write `print(x)`",
        ),
        ("print 'loss', L", (1, 7), "`print('loss', L)`"),
        ("for = 3", (1, 5), "`for` is a Python keyword"),
        ("lambda = 0.1", (1, 8), "`lambda` is a Python keyword"),
        ("x = 2 * class", (1, 9), "`class` is Python, but not part"),
        ("y = in + 1", (1, 5), "`in` is a Python keyword"),
        ("if x is None: y = 1", (1, 6), "`is` is not supported"),
        ("if a: x = 1\nelse if b: x = 2", (2, 6), "write `elif"),
        ("x = a if b", (1, 11), "expected an operator or `else`"),
        ("if a && b: pass", (1, 6), "`and`"),
        ("print(f\"loss {L}\")", (1, 8), "string prefixes"),
        ("f(x) = 2", (1, 6), "only a name"),
        ("a, b += 1", (1, 6), "one name at a time"),
        ("def f(a=1, b): pass", (1, 12), "no default but follows"),
        ("def f(a, a): pass", (1, 10), "listed twice"),
        ("y = 2 * not x", (1, 7), "in brackets"),
        (
            "x = 1 +",
            (1, 8),
            "expected an expression, found the end of the line",
        ),
    ];
    for (source, at, words) in cases {
        let (position, text) = located(source);
        assert!(text.contains(words), "{source:?}: {text}");
        assert_eq!(position, at, "{source:?}: {text}");
    }
}

#[test]
fn deep_and_huge_input_is_a_clean_error() {
    let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    let err = parse_line(&deep).unwrap_err();
    assert!(err.message.contains("nested"), "{}", err.message);
    let minus = format!("{}1", "-".repeat(10_000));
    assert!(parse_line(&minus).is_err());
    let long = "1+".repeat(60_000) + "1";
    assert!(parse_line(&long).unwrap_err().message.contains("limit"));
    // Moderately nested input still parses.
    let ok = format!("{}1{}", "(".repeat(150), ")".repeat(150));
    assert!(parse_line(&ok).is_ok());
}

#[test]
fn nesting_of_every_kind_is_bounded() {
    let nots = format!("x = {}y", "not ".repeat(5_000));
    assert!(error(&nots).message.contains("nested"));
    let lambdas = format!("f = {}0", "lambda: ".repeat(5_000));
    assert!(error(&lambdas).message.contains("nested"));
    let ternaries = format!("x = {}0", "1 if c else ".repeat(5_000));
    assert!(error(&ternaries).message.contains("nested"));
    let lists = format!("x = {}{}", "[".repeat(5_000), "]".repeat(5_000));
    assert!(error(&lists).message.contains("nested"));
    let comprehensions = format!("x = {}0{}", "[y for y in ".repeat(300), "]".repeat(300));
    assert!(error(&comprehensions).message.contains("nested"));
    let mut blocks = String::new();
    for depth in 0..150 {
        blocks += &format!("{}if x:\n", " ".repeat(depth));
    }
    blocks += &format!("{}pass\n", " ".repeat(150));
    let e = error(&blocks);
    assert!(e.message.contains("nested more than 100"), "{}", e.message);
    let mut fine = String::new();
    for depth in 0..60 {
        fine += &format!("{}for i in x:\n", " ".repeat(depth));
    }
    fine += &format!("{}pass\n", " ".repeat(60));
    assert!(parse_program(&fine).is_ok());
}

#[test]
fn brackets_nested_to_the_limit_parse_on_a_small_stack() {
    // Short lines are parsed on the caller's thread (no large stack): the
    // nesting guard must keep the deepest accepted line within 1 MiB.
    let source = format!(
        "x = {}[y for y in f(a, b=({}1{}))]{}",
        "[".repeat(60),
        "(".repeat(60),
        ")".repeat(60),
        "]".repeat(60)
    );
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || parse_program(&source).is_ok())
        .unwrap();
    assert!(handle.join().unwrap());
}

#[test]
fn program_size_is_limited() {
    let huge = "x = 1\n".repeat(3_000_000);
    let e = error(&huge);
    assert!(e.message.contains("the limit is"), "{}", e.message);
}

#[test]
fn common_slips_get_a_fix_in_words() {
    let cases = [
        ("4x + 1", 1, "`4*x`"),
        ("y = 2.5w", 7, "`2.5*w`"),
        ("x²", 1, "`x**2`"),
        ("2 × 3", 2, "`*`"),
        ("2 − 1", 2, "minus sign `-`"),
        ("2 − 1", 2, "typeset minus sign (−)"),
        ("2 – 1", 2, "typographic dash"),
        (
            "e = a x b",
            6,
            "an operator is missing between `a` and `x`: to multiply, write `a*x`",
        ),
        ("y = w1 x1", 7, "`w1*x1`"),
        ("tanh x", 5, "to call `tanh`"),
        ("a+b = 3", 4, "only a name"),
        ("é = 1", 0, "ASCII letters"),
        ("x = 1 + 中文", 8, "ASCII letters"),
        ("s = \"abc", 4, "no closing `\"`"),
        ("x **= 2", 4, "no `**=`"),
        ("y = 0x10", 5, "decimal"),
        ("1_000", 1, "without `_`"),
        ("h = 1e", 5, "as in 1e3 or 1e-4"),
        ("2e + 1", 1, "as in 1e3"),
        ("10b", 2, "`10*b`"),
        ("x ^= 2", 3, "`x = x ^ 2`"),
    ];
    for (line, column, fix) in cases {
        let error = parse_line(line).expect_err(line);
        assert_eq!(
            error.span.start,
            line.char_indices().nth(column).unwrap().0,
            "{line}"
        );
        let help = error.help.unwrap_or_default();
        assert!(help.contains(fix), "{line}: help was {help:?}");
    }
    // Comparisons are part of the language now (they used to be a slip).
    assert!(parse_line("a == b").is_ok());
    assert!(parse_line("y = a != 1").is_ok());
    let bad = parse_line("a = = b").expect_err("bad");
    assert_eq!(bad.span, Span::new(4, 5), "the caret covers the `=`");
    let plain = parse_line("1 +* 2").expect_err("bad");
    assert_eq!(plain.help, None, "no made-up advice where no slip fits");
}

mod random_programs {
    //! Programs assembled from pieces of the language (headers, bodies,
    //! indentation right and wrong, brackets, strings, comments) never make
    //! the parser, the prompt rules or the chunker panic, and chunking a
    //! program that parses never changes what it parses to.

    use micrograd::syntax::{input_state, parse_program, split_chunks};
    use proptest::prelude::*;

    const PIECES: [&str; 40] = [
        "for k in range(3):",
        "for a, b in zip(xs, ys):",
        "while x < 3:",
        "if x:",
        "elif y:",
        "else:",
        "def f(a, b=2):",
        "return a, b",
        "break",
        "continue",
        "pass",
        "x = 1",
        "x += -2**-1",
        "p.grad = 0.0",
        "xs[-1] = 3",
        "a, b = b, a",
        "print(k, x.data)",
        "ys = [n(x) for x in xs if x]",
        "s = sum(w*x for w, x in zip(ws, xs))",
        "y = a if b else c",
        "f = lambda x: x * 2",
        "import math",
        "from m import v as w",
        "not a and b or c",
        "0 < x <= 1",
        "k % 10 == 0",
        "(",
        ")",
        "[",
        "]",
        "'",
        "\"\"\"",
        "\\",
        "#",
        ":",
        "\t",
        "for",
        "=",
        "é",
        "x = f(1,",
    ];

    fn program() -> impl Strategy<Value = String> {
        proptest::collection::vec((0usize..6, 0..PIECES.len(), any::<bool>()), 0..30).prop_map(
            |lines| {
                lines
                    .into_iter()
                    .map(|(indent, piece, blank)| {
                        let line = format!("{}{}", "    ".repeat(indent), PIECES[piece]);
                        if blank {
                            line + "\n"
                        } else {
                            line
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn random_programs_with_blocks_never_panic(source in program()) {
            let parsed = parse_program(&source);
            let _ = input_state(&source);
            let chunks = split_chunks(&source);
            if let Ok(statements) = parsed {
                let rebuilt: usize = chunks
                    .iter()
                    .map(|chunk| parse_program(&chunk.text).map_or(usize::MAX / 64, |s| s.len()))
                    .sum();
                prop_assert_eq!(rebuilt, statements.len(), "chunks of {:?}", source);
            }
        }
    }
}
