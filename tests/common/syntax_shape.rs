//! Renders parsed programs as compact, fully bracketed text, so syntax tests
//! can pin the tree a program parses to in one readable string.

use micrograd::syntax::ast::*;

/// An expression, every operation in brackets: `(a + (b * c))`.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Number(n) => format!("{n}"),
        ExprKind::Int(n) => format!("{n}"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        ExprKind::None => "None".into(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::Tuple(items) => format!("tuple({})", list(items)),
        ExprKind::Unary { op, operand } => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Not => "not ",
            };
            format!("({sym}{})", expr(operand))
        }
        ExprKind::Binary { op, lhs, rhs } => {
            format!("({} {} {})", expr(lhs), op.symbol(), expr(rhs))
        }
        ExprKind::Compare { first, rest } => {
            let mut text = format!("({}", expr(first));
            for (op, operand) in rest {
                let sym = match op {
                    CompareOp::Lt => "<",
                    CompareOp::Le => "<=",
                    CompareOp::Gt => ">",
                    CompareOp::Ge => ">=",
                    CompareOp::Eq => "==",
                    CompareOp::Ne => "!=",
                    CompareOp::In => "in",
                    CompareOp::NotIn => "not in",
                };
                text += &format!(" {sym} {}", expr(operand));
            }
            text + ")"
        }
        ExprKind::Logical { op, lhs, rhs } => {
            let sym = if *op == BoolOp::And { "and" } else { "or" };
            format!("({} {sym} {})", expr(lhs), expr(rhs))
        }
        ExprKind::IfElse {
            condition,
            then,
            otherwise,
        } => format!(
            "({} if {} else {})",
            expr(then),
            expr(condition),
            expr(otherwise)
        ),
        ExprKind::Comprehension {
            kind,
            element,
            clauses,
        } => {
            let inner = format!("{}{}", expr(element), clauses_text(clauses));
            match kind {
                ComprehensionKind::List => format!("[{inner}]"),
                ComprehensionKind::Generator => format!("gen({inner})"),
            }
        }
        ExprKind::Lambda { params, body } => {
            format!("(lambda {}: {})", params_text(params), expr(body))
        }
        ExprKind::Call { callee, args } => format!("{}({})", expr(callee), args_text(args)),
        ExprKind::Attribute { object, name } => format!("{}.{}", expr(object), name.name),
        ExprKind::Method { object, name, args } => {
            format!("{}.{}({})", expr(object), name.name, args_text(args))
        }
        ExprKind::Index { object, index } => format!("{}[{}]", expr(object), expr(index)),
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(", ")
}

/// A loop's targets, brackets inside shown: `i, (x, y)`.
fn loop_targets(targets: &[Ident], nested: Option<&[LoopTarget]>) -> String {
    fn one(target: &LoopTarget) -> String {
        match target {
            LoopTarget::Name(name) => name.name.clone(),
            LoopTarget::Tuple(inner) => {
                format!("({})", inner.iter().map(one).collect::<Vec<_>>().join(", "))
            }
        }
    }
    match nested {
        Some(nested) => nested.iter().map(one).collect::<Vec<_>>().join(", "),
        None => names(targets),
    }
}

fn names(idents: &[Ident]) -> String {
    idents
        .iter()
        .map(|i| i.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn clauses_text(clauses: &[ComprehensionClause]) -> String {
    clauses
        .iter()
        .map(|c| {
            let conditions: String = c
                .conditions
                .iter()
                .map(|e| format!(" if {}", expr(e)))
                .collect();
            format!(
                " for {} in {}{conditions}",
                loop_targets(&c.targets, c.nested.as_deref()),
                expr(&c.iter)
            )
        })
        .collect()
}

fn params_text(params: &[Param]) -> String {
    params
        .iter()
        .map(|p| match &p.default {
            Some(d) => format!("{}={}", p.name.name, expr(d)),
            None => p.name.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn args_text(args: &[Arg]) -> String {
    args.iter()
        .map(|a| match &a.keyword {
            Some(k) => format!("{}={}", k.name, expr(&a.value)),
            None => expr(&a.value),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn target(t: &Target) -> String {
    match t {
        Target::Name(n) => n.name.clone(),
        Target::Attribute { object, attr } => format!("{}.{}", expr(object), attr.name),
        Target::Index { object, index } => format!("{}[{}]", expr(object), expr(index)),
        Target::Tuple(items) => format!(
            "tuple({})",
            items.iter().map(target).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn block(body: &[Stmt]) -> String {
    format!(
        "{{{}}}",
        body.iter().map(stmt).collect::<Vec<_>>().join("; ")
    )
}

/// A statement; blocks in braces, statements separated by `; `, a silent
/// statement marked with a trailing `~`.
pub fn stmt(s: &Stmt) -> String {
    let text = match &s.kind {
        StmtKind::Expr(e) => expr(e),
        StmtKind::Show(e) => format!("show {}", expr(e)),
        StmtKind::Assign {
            target: t,
            op,
            value,
        } => {
            let sym = match op {
                AssignOp::Set => "=",
                AssignOp::Add => "+=",
                AssignOp::Sub => "-=",
                AssignOp::Mul => "*=",
                AssignOp::Div => "/=",
            };
            format!("{} {sym} {}", target(t), expr(value))
        }
        StmtKind::For {
            targets,
            nested,
            iter,
            body,
        } => format!(
            "for {} in {} {}",
            loop_targets(targets, nested.as_deref()),
            expr(iter),
            block(body)
        ),
        StmtKind::While { condition, body } => {
            format!("while {} {}", expr(condition), block(body))
        }
        StmtKind::If {
            branches,
            otherwise,
        } => {
            let mut text = branches
                .iter()
                .enumerate()
                .map(|(i, (c, b))| {
                    let word = if i == 0 { "if" } else { "elif" };
                    format!("{word} {} {}", expr(c), block(b))
                })
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(b) = otherwise {
                text += &format!(" else {}", block(b));
            }
            text
        }
        StmtKind::Def { name, params, body } => {
            format!("def {}({}) {}", name.name, params_text(params), block(body))
        }
        StmtKind::Return(None) => "return".into(),
        StmtKind::Return(Some(e)) => format!("return {}", expr(e)),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Pass => "pass".into(),
        StmtKind::Import(import) => {
            let module = names(&import.module).replace(", ", ".");
            let alias = import
                .alias
                .as_ref()
                .map(|a| format!(" as {}", a.name))
                .unwrap_or_default();
            if import.names.is_empty() {
                format!("import {module}{alias}")
            } else {
                format!("from {module} import {}{alias}", names(&import.names))
            }
        }
    };
    if s.silent {
        text + "~"
    } else {
        text
    }
}

/// A whole program, statements separated by ` | `.
pub fn program(statements: &[Stmt]) -> String {
    statements.iter().map(stmt).collect::<Vec<_>>().join(" | ")
}
