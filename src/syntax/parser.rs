//! pest → AST. Precedence lives in the one [`PrattParser`] table below and
//! nowhere else (Python's: `**` binds tighter than unary minus on its left
//! and is right-associative, so `-2**2` is `-4` and `2**-1` is `0.5`).

use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;

use super::ast::*;
use super::error::{check_limits, ParseError};
use super::Span;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/lang.pest"]
pub(super) struct LangParser;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
        .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
        .op(Op::prefix(Rule::neg) | Op::prefix(Rule::pos))
        .op(Op::infix(Rule::pow, Assoc::Right))
});

/// Parses one input line into its statements.
pub fn parse_line(source: &str) -> Result<Vec<Stmt>, ParseError> {
    check_limits(source)?;
    let mut pairs =
        LangParser::parse(Rule::line, source).map_err(|e| ParseError::from_pest(e, source))?;
    let line = pairs.next().expect("a successful parse has the line rule");
    let mut statements: Vec<Stmt> = Vec::new();
    for pair in line.into_inner() {
        match pair.as_rule() {
            Rule::separator => {
                if let Some(last) = statements.last_mut() {
                    last.silent = true;
                }
            }
            Rule::EOI => {}
            _ => statements.push(build_statement(pair)?),
        }
    }
    Ok(statements)
}

/// Parses a single expression (for meta commands such as `:step L`).
pub fn parse_expression(source: &str) -> Result<Expr, ParseError> {
    let mut statements = parse_line(source)?;
    match (statements.len(), statements.pop()) {
        (
            1,
            Some(Stmt {
                kind: StmtKind::Expr(expr),
                ..
            }),
        ) => Ok(expr),
        (_, Some(stmt)) => Err(ParseError::new(
            "expected a single expression here",
            stmt.span,
        )),
        (_, None) => Err(ParseError::new(
            "expected an expression",
            Span::new(0, source.len()),
        )),
    }
}

fn span_of(pair: &Pair<Rule>) -> Span {
    let span = pair.as_span();
    Span::new(span.start(), span.end())
}

fn build_statement(pair: Pair<Rule>) -> Result<Stmt, ParseError> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    let kind = match rule {
        Rule::show_stmt => {
            inner.next(); // the `show` keyword
            StmtKind::Show(build_expr(next(&mut inner))?)
        }
        Rule::assign_stmt => {
            let target = build_target(next(&mut inner));
            let op = match next(&mut inner).as_str() {
                "+=" => AssignOp::Add,
                "-=" => AssignOp::Sub,
                "*=" => AssignOp::Mul,
                "/=" => AssignOp::Div,
                _ => AssignOp::Set,
            };
            let value = build_expr(next(&mut inner))?;
            StmtKind::Assign { target, op, value }
        }
        _ => StmtKind::Expr(build_expr(next(&mut inner))?),
    };
    Ok(Stmt {
        kind,
        span,
        silent: false,
    })
}

/// The grammar guarantees the shape; a missing child is a grammar bug.
fn next<'i>(pairs: &mut Pairs<'i, Rule>) -> Pair<'i, Rule> {
    pairs.next().expect("grammar guarantees this child")
}

fn ident(pair: Pair<Rule>) -> Ident {
    Ident {
        span: span_of(&pair),
        name: pair.as_str().to_string(),
    }
}

fn build_target(pair: Pair<Rule>) -> Target {
    let mut parts = pair.into_inner();
    let object = ident(next(&mut parts));
    match parts.next() {
        Some(attr) => Target::Attribute {
            object: Box::new(Expr {
                span: object.span,
                kind: ExprKind::Name(object.name),
            }),
            attr: ident(attr),
        },
        None => Target::Name(object),
    }
}

fn build_expr(pair: Pair<Rule>) -> Result<Expr, ParseError> {
    PRATT
        .map_primary(build_postfix)
        .map_prefix(|op, operand| {
            let operand = operand?;
            let op_span = span_of(&op);
            let unary = if op.as_rule() == Rule::neg {
                UnaryOp::Neg
            } else {
                UnaryOp::Pos
            };
            Ok(Expr {
                span: op_span.to(operand.span),
                kind: ExprKind::Unary {
                    op: unary,
                    operand: Box::new(operand),
                },
            })
        })
        .map_infix(|lhs, op, rhs| {
            let (lhs, rhs) = (lhs?, rhs?);
            let binary = match op.as_rule() {
                Rule::add => BinaryOp::Add,
                Rule::sub => BinaryOp::Sub,
                Rule::mul => BinaryOp::Mul,
                Rule::div => BinaryOp::Div,
                _ => BinaryOp::Pow,
            };
            Ok(Expr {
                span: lhs.span.to(rhs.span),
                kind: ExprKind::Binary {
                    op: binary,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
            })
        })
        .parse(pair.into_inner())
}

fn build_postfix(pair: Pair<Rule>) -> Result<Expr, ParseError> {
    let mut parts = pair.into_inner().peekable();
    let mut expr = build_primary(next_peekable(&mut parts))?;
    while let Some(op) = parts.next() {
        let span = expr.span.to(span_of(&op));
        let kind = match op.as_rule() {
            Rule::call => ExprKind::Call {
                callee: Box::new(expr),
                args: build_args(op)?,
            },
            Rule::attribute => {
                let name = ident(op.into_inner().next().expect("attribute has a name"));
                if parts.peek().map(Pair::as_rule) == Some(Rule::call) {
                    let call = parts.next().expect("peeked");
                    let span = span.to(span_of(&call));
                    expr = Expr {
                        span,
                        kind: ExprKind::Method {
                            object: Box::new(expr),
                            name,
                            args: build_args(call)?,
                        },
                    };
                    continue;
                }
                ExprKind::Attribute {
                    object: Box::new(expr),
                    name,
                }
            }
            _ => ExprKind::Index {
                object: Box::new(expr),
                index: Box::new(build_expr(op.into_inner().next().expect("index"))?),
            },
        };
        expr = Expr { kind, span };
    }
    Ok(expr)
}

fn next_peekable<'i>(pairs: &mut std::iter::Peekable<Pairs<'i, Rule>>) -> Pair<'i, Rule> {
    pairs.next().expect("grammar guarantees this child")
}

fn build_args(call: Pair<Rule>) -> Result<Vec<Arg>, ParseError> {
    call.into_inner()
        .map(|argument| {
            let mut parts = argument.into_inner();
            let first = next(&mut parts);
            if first.as_rule() == Rule::keyword {
                let keyword = ident(first.into_inner().next().expect("keyword has a name"));
                Ok(Arg {
                    keyword: Some(keyword),
                    value: build_expr(next(&mut parts))?,
                })
            } else {
                Ok(Arg {
                    keyword: None,
                    value: build_expr(first)?,
                })
            }
        })
        .collect()
}

fn build_primary(pair: Pair<Rule>) -> Result<Expr, ParseError> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::number => {
            let text = pair.as_str();
            let value = text
                .parse::<f64>()
                .map_err(|_| ParseError::new(format!("`{text}` is not a number"), span))?;
            ExprKind::Number(value)
        }
        Rule::string => ExprKind::Str(
            pair.into_inner()
                .next()
                .map_or(String::new(), |body| body.as_str().to_string()),
        ),
        Rule::ident => ExprKind::Name(pair.as_str().to_string()),
        Rule::list => ExprKind::List(
            pair.into_inner()
                .map(build_expr)
                .collect::<Result<_, _>>()?,
        ),
        Rule::paren => {
            let inner = build_expr(pair.into_inner().next().expect("paren has an expr"))?;
            return Ok(Expr {
                kind: inner.kind,
                span,
            });
        }
        _ => build_expr(pair)?.kind,
    };
    Ok(Expr { kind, span })
}
