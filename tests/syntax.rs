//! Parser tests: precedence, statements, spans and friendly errors.

use micrograd::syntax::ast::{AssignOp, BinaryOp, ExprKind, StmtKind, Target, UnaryOp};
use micrograd::syntax::{parse_expression, parse_line, Span};

/// Renders an expression fully parenthesised, to pin precedence.
fn shape(source: &str) -> String {
    fn go(e: &ExprKind) -> String {
        match e {
            ExprKind::Number(n) => format!("{n}"),
            ExprKind::Name(n) => n.clone(),
            ExprKind::Str(s) => format!("{s:?}"),
            ExprKind::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| go(&i.kind))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ExprKind::Unary { op, operand } => {
                let sym = if *op == UnaryOp::Neg { "-" } else { "+" };
                format!("({sym}{})", go(&operand.kind))
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let sym = match op {
                    BinaryOp::Add => "+",
                    BinaryOp::Sub => "-",
                    BinaryOp::Mul => "*",
                    BinaryOp::Div => "/",
                    BinaryOp::Pow => "**",
                    BinaryOp::Mod => "%",
                    BinaryOp::FloorDiv => "//",
                };
                format!("({} {sym} {})", go(&lhs.kind), go(&rhs.kind))
            }
            ExprKind::Call { callee, args } => format!(
                "{}({})",
                go(&callee.kind),
                args.iter()
                    .map(|a| go(&a.value.kind))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ExprKind::Attribute { object, name } => format!("{}.{}", go(&object.kind), name.name),
            ExprKind::Method { object, name, .. } => {
                format!("{}.{}()", go(&object.kind), name.name)
            }
            ExprKind::Index { object, index } => {
                format!("{}[{}]", go(&object.kind), go(&index.kind))
            }
            other => format!("{other:?}"),
        }
    }
    go(&parse_expression(source).unwrap().kind)
}

#[test]
fn python_precedence() {
    assert_eq!(shape("-2**2"), "(-(2 ** 2))");
    assert_eq!(shape("2**3**2"), "(2 ** (3 ** 2))");
    assert_eq!(shape("2^3^2"), "(2 ** (3 ** 2))");
    assert_eq!(shape("2*-3"), "(2 * (-3))");
    assert_eq!(shape("2**-1"), "(2 ** (-1))");
    assert_eq!(shape("a + b * c - d / e"), "((a + (b * c)) - (d / e))");
    assert_eq!(shape("(a + b) * c"), "((a + b) * c)");
    assert_eq!(shape("-x.tanh()"), "(-x.tanh())");
    assert_eq!(shape("a.data"), "a.data");
    assert_eq!(shape(".5 + 1e-4 + 2."), "((0.5 + 0.0001) + 2)");
    assert_eq!(shape("n([x1, x2])[0]"), "n([x1, x2])[0]");
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

    let err = parse_line("a = (1 + 2").unwrap_err();
    assert_eq!(err.span.start, 10);
    assert!(err.message.contains("end of the line"), "{}", err.message);
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
fn common_slips_get_a_fix_in_words() {
    let cases = [
        ("4x + 1", 1, "`4*x`"),
        ("y = 2.5w", 7, "`2.5*w`"),
        ("x²", 1, "`x**2`"),
        ("2 × 3", 2, "`*`"),
        ("2 − 1", 2, "minus sign `-`"),
        ("a+b = 3", 4, "only a name"),
        ("a == b", 2, "no comparisons (`==`)"),
        ("y = a != 1", 6, "no comparisons (`!=`)"),
        ("a < b", 2, "`=` binds a name"),
        ("x >= 0", 2, "no comparisons (`>=`)"),
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
    let compared = parse_line("a == b").expect_err("a comparison");
    assert_eq!(
        compared.span,
        Span::new(2, 4),
        "the caret covers all of `==`"
    );
    assert!(
        compared.message.ends_with("found `==`"),
        "{}",
        compared.message
    );
    let plain = parse_line("1 +* 2").expect_err("bad");
    assert_eq!(plain.help, None, "no made-up advice where no slip fits");
}
