//! pest pairs → expressions. Precedence lives in the one [`PrattParser`]
//! table below and nowhere else. It is Python's, loosest first: `lambda`,
//! `x if c else y`, `or`, `and`, `not`, comparisons (chained: `0 < x <= 1`),
//! `+ -`, `* / // %`, unary `- +`, and `**` (right-associative, binding
//! tighter than a unary minus on its left: `-2**2` is -4, `2**-1` is 0.5).

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::*;
use super::grammar::Rule;
use super::{ParseError, Span};

pub(super) static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::prefix(Rule::lambda_head))
        .op(Op::infix(Rule::if_else, Assoc::Right))
        .op(Op::infix(Rule::or_op, Assoc::Left))
        .op(Op::infix(Rule::and_op, Assoc::Left))
        .op(Op::prefix(Rule::not_op))
        .op(Op::infix(Rule::lt, Assoc::Left)
            | Op::infix(Rule::le, Assoc::Left)
            | Op::infix(Rule::gt, Assoc::Left)
            | Op::infix(Rule::ge, Assoc::Left)
            | Op::infix(Rule::eq, Assoc::Left)
            | Op::infix(Rule::ne, Assoc::Left)
            | Op::infix(Rule::in_op, Assoc::Left)
            | Op::infix(Rule::not_in, Assoc::Left))
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
        .op(Op::infix(Rule::mul, Assoc::Left)
            | Op::infix(Rule::div, Assoc::Left)
            | Op::infix(Rule::floor_div, Assoc::Left)
            | Op::infix(Rule::modulo, Assoc::Left))
        .op(Op::prefix(Rule::neg) | Op::prefix(Rule::pos))
        .op(Op::infix(Rule::pow, Assoc::Right))
});

/// Builds AST nodes from the pairs of one logical line that starts `offset`
/// bytes into the whole source (pest's positions are relative to the line).
#[derive(Clone, Copy)]
pub(super) struct Builder {
    pub offset: usize,
}

/// An expression while the Pratt parser combines it with its neighbours.
struct Operand {
    expr: Expr,
    /// An unbracketed comparison, which a further comparison extends
    /// (`a < b < c` is one chain; `(a < b) < c` is not).
    chain: bool,
    /// An unbracketed `not x` or `lambda: x`, which Python allows only as
    /// the operand of looser operators (`a and not b`, not `a + not b`).
    loose_prefix: Option<&'static str>,
}

impl Operand {
    fn plain(expr: Expr) -> Self {
        Operand {
            expr,
            chain: false,
            loose_prefix: None,
        }
    }
}

impl Builder {
    pub fn span(self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        Span::new(span.start(), span.end()).shifted(self.offset)
    }

    pub fn ident(self, pair: &Pair<Rule>) -> Ident {
        Ident {
            span: self.span(pair),
            name: pair.as_str().to_string(),
        }
    }

    /// An `expr` or `or_test` pair.
    pub fn expr(self, pair: Pair<Rule>) -> Result<Expr, ParseError> {
        PRATT
            .map_primary(|primary| self.postfix(primary).map(Operand::plain))
            .map_prefix(|op, operand| self.prefix(op, operand?))
            .map_infix(|lhs, op, rhs| self.infix(lhs?, op, rhs?))
            .parse(pair.into_inner())
            .map(|operand| operand.expr)
    }

    /// A `tuple_or_expr` pair: one expression, or a tuple when there are
    /// several or a trailing comma.
    pub fn tuple_or_expr(self, pair: Pair<Rule>) -> Result<Expr, ParseError> {
        let span = self.span(&pair);
        let mut items = Vec::new();
        let mut trailing_comma = false;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::trailing_comma => trailing_comma = true,
                _ => items.push(self.expr(part)?),
            }
        }
        if items.len() == 1 && !trailing_comma {
            return Ok(items.pop().expect("one item"));
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span,
        })
    }

    fn prefix(self, op: Pair<Rule>, operand: Operand) -> Result<Operand, ParseError> {
        let op_span = self.span(&op);
        let span = op_span.to(operand.expr.span);
        let (kind, loose_prefix) = match op.as_rule() {
            Rule::lambda_head => (
                ExprKind::Lambda {
                    params: self.params(op.into_inner())?,
                    body: Box::new(operand.expr),
                },
                Some("lambda"),
            ),
            rule => {
                let (op, loose) = match rule {
                    Rule::not_op => (UnaryOp::Not, Some("not")),
                    Rule::neg => (UnaryOp::Neg, None),
                    _ => (UnaryOp::Pos, None),
                };
                if loose.is_none() {
                    self.refuse_loose(&operand, op_span)?;
                }
                let kind = ExprKind::Unary {
                    op,
                    operand: Box::new(operand.expr),
                };
                (kind, loose)
            }
        };
        Ok(Operand {
            expr: Expr { kind, span },
            chain: false,
            loose_prefix,
        })
    }

    /// `-not x` and `2 * lambda: 1` are not Python: the loose operator needs
    /// brackets there.
    fn refuse_loose(self, operand: &Operand, op_span: Span) -> Result<(), ParseError> {
        match operand.loose_prefix {
            Some(word) => Err(ParseError {
                help: Some(format!(
                    "put the `{word} ...` part in brackets: `({word} ...)`"
                )),
                ..ParseError::new(
                    format!("`{word}` cannot be the operand of this operator"),
                    op_span,
                )
            }),
            None => Ok(()),
        }
    }

    fn infix(self, lhs: Operand, op: Pair<Rule>, rhs: Operand) -> Result<Operand, ParseError> {
        let op_span = self.span(&op);
        let rule = op.as_rule();
        if rule != Rule::if_else && !(rhs.loose_prefix == Some("not") && is_logical(rule)) {
            self.refuse_loose(&rhs, op_span)?;
        }
        let span = lhs.expr.span.to(rhs.expr.span);
        let (lhs, rhs) = (lhs, rhs.expr);
        let kind = match rule {
            Rule::if_else => {
                let condition = op
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::or_test)
                    .map(|p| self.expr(p))
                    .ok_or_else(|| ParseError::new("expected a condition after `if`", op_span))??;
                ExprKind::IfElse {
                    condition: Box::new(condition),
                    then: Box::new(lhs.expr),
                    otherwise: Box::new(rhs),
                }
            }
            Rule::or_op | Rule::and_op => ExprKind::Logical {
                op: if rule == Rule::or_op {
                    BoolOp::Or
                } else {
                    BoolOp::And
                },
                lhs: Box::new(lhs.expr),
                rhs: Box::new(rhs),
            },
            _ => match comparison(rule) {
                Some(compare) => {
                    return Ok(Operand {
                        expr: chain_comparison(lhs, compare, rhs, span),
                        chain: true,
                        loose_prefix: None,
                    })
                }
                None => ExprKind::Binary {
                    op: arithmetic(rule),
                    lhs: Box::new(lhs.expr),
                    rhs: Box::new(rhs),
                },
            },
        };
        Ok(Operand {
            expr: Expr { kind, span },
            chain: false,
            loose_prefix: None,
        })
    }

    /// Parameters of `def` or `lambda` (`param` pairs; other pairs skipped).
    pub fn params<'i>(
        self,
        pairs: impl Iterator<Item = Pair<'i, Rule>>,
    ) -> Result<Vec<Param>, ParseError> {
        let mut params: Vec<Param> = Vec::new();
        for pair in pairs.filter(|p| p.as_rule() == Rule::param) {
            let mut parts = pair.into_inner();
            let name = self.ident(&child(&mut parts)?);
            let default = parts.next().map(|d| self.expr(d)).transpose()?;
            if params.iter().any(|p| p.name.name == name.name) {
                return Err(ParseError::new(
                    format!("the parameter `{}` is listed twice", name.name),
                    name.span,
                ));
            }
            if default.is_none() && params.last().is_some_and(|p| p.default.is_some()) {
                return Err(ParseError {
                    help: Some("put the parameters without a default first".into()),
                    ..ParseError::new(
                        format!(
                            "`{}` has no default but follows a parameter with one",
                            name.name
                        ),
                        name.span,
                    )
                });
            }
            params.push(Param { name, default });
        }
        Ok(params)
    }

    fn postfix(self, pair: Pair<Rule>) -> Result<Expr, ParseError> {
        let mut parts = pair.into_inner().peekable();
        let mut expr = self.primary(child(&mut parts)?)?;
        while let Some(op) = parts.next() {
            let mut span = expr.span.to(self.span(&op));
            let kind = match op.as_rule() {
                Rule::call => ExprKind::Call {
                    callee: Box::new(expr),
                    args: self.args(op)?,
                },
                Rule::attribute => {
                    let name = self.ident(&child(&mut op.into_inner())?);
                    match parts.next_if(|p| p.as_rule() == Rule::call) {
                        Some(call) => {
                            span = span.to(self.span(&call));
                            ExprKind::Method {
                                object: Box::new(expr),
                                name,
                                args: self.args(call)?,
                            }
                        }
                        None => ExprKind::Attribute {
                            object: Box::new(expr),
                            name,
                        },
                    }
                }
                _ => ExprKind::Index {
                    object: Box::new(expr),
                    index: Box::new(self.expr(child(&mut op.into_inner())?)?),
                },
            };
            expr = Expr { kind, span };
        }
        Ok(expr)
    }

    /// A call's arguments; a generator as the only argument
    /// (`sum(x*x for x in xs)`) becomes one positional comprehension.
    fn args(self, call: Pair<Rule>) -> Result<Vec<Arg>, ParseError> {
        let call_span = self.span(&call);
        let mut args = Vec::new();
        let mut clauses = Vec::new();
        for part in call.into_inner() {
            match part.as_rule() {
                Rule::comp_clause => clauses.push(self.clause(part)?),
                _ => args.push(self.argument(part)?),
            }
        }
        if clauses.is_empty() {
            return Ok(args);
        }
        let Some(Arg { keyword, value }) = args.pop() else {
            return Err(ParseError::new(
                "expected an expression before `for`",
                call_span,
            ));
        };
        if let Some(keyword) = keyword {
            return Err(ParseError::new(
                format!(
                    "`{}=` cannot take a generator without brackets: write `{}=(... for ...)`",
                    keyword.name, keyword.name
                ),
                keyword.span,
            ));
        }
        let span = Span::new(value.span.start, clauses_end(&clauses, value.span));
        Ok(vec![Arg {
            keyword: None,
            value: Expr {
                kind: ExprKind::Comprehension {
                    kind: ComprehensionKind::Generator,
                    element: Box::new(value),
                    clauses,
                },
                span,
            },
        }])
    }

    fn argument(self, pair: Pair<Rule>) -> Result<Arg, ParseError> {
        let mut parts = pair.into_inner();
        let first = child(&mut parts)?;
        if first.as_rule() == Rule::keyword {
            let keyword = self.ident(&child(&mut first.into_inner())?);
            return Ok(Arg {
                keyword: Some(keyword),
                value: self.expr(child(&mut parts)?)?,
            });
        }
        Ok(Arg {
            keyword: None,
            value: self.expr(first)?,
        })
    }

    /// One `for targets in iterable if condition ...` clause.
    fn clause(self, pair: Pair<Rule>) -> Result<ComprehensionClause, ParseError> {
        let mut targets = LoopTargets {
            names: Vec::new(),
            nested: None,
        };
        let mut iter = None;
        let mut conditions = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::loop_targets => targets = self.loop_targets(part),
                Rule::or_test => iter = Some(self.expr(part)?),
                Rule::comp_if => {
                    if let Some(condition) =
                        part.into_inner().find(|p| p.as_rule() == Rule::or_test)
                    {
                        conditions.push(self.expr(condition)?);
                    }
                }
                _ => {}
            }
        }
        let iter =
            iter.ok_or_else(|| ParseError::new("expected what to loop over", Span::default()))?;
        Ok(ComprehensionClause {
            targets: targets.names,
            nested: targets.nested,
            iter,
            conditions,
        })
    }

    /// The targets of `for a, b in ...`, `for (a, b) in ...` and
    /// `for i, (x, y) in ...`.
    pub fn loop_targets(self, pair: Pair<Rule>) -> LoopTargets {
        let mut items: Vec<LoopTarget> = pair.into_inner().map(|p| self.loop_target(p)).collect();
        // `for (a, b) in` is `for a, b in`.
        if let [LoopTarget::Tuple(inner)] = items.as_mut_slice() {
            items = std::mem::take(inner);
        }
        let mut names = Vec::new();
        collect_names(&items, &mut names);
        let nested = items
            .iter()
            .any(|item| matches!(item, LoopTarget::Tuple(_)))
            .then_some(items);
        LoopTargets { names, nested }
    }

    fn loop_target(self, pair: Pair<Rule>) -> LoopTarget {
        match pair.as_rule() {
            Rule::target_group => {
                LoopTarget::Tuple(pair.into_inner().map(|p| self.loop_target(p)).collect())
            }
            _ => LoopTarget::Name(self.ident(&pair)),
        }
    }

    fn primary(self, pair: Pair<Rule>) -> Result<Expr, ParseError> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number => {
                let text = pair.as_str();
                number_literal(text)
                    .ok_or_else(|| ParseError::new(format!("`{text}` is not a number"), span))?
            }
            Rule::string => ExprKind::Str(
                pair.into_inner()
                    .next()
                    .map_or(String::new(), |body| unescape(body.as_str())),
            ),
            Rule::true_lit => ExprKind::Bool(true),
            Rule::false_lit => ExprKind::Bool(false),
            Rule::none_lit => ExprKind::None,
            Rule::ident => ExprKind::Name(pair.as_str().to_string()),
            Rule::list => self.bracketed(pair, ComprehensionKind::List)?,
            _ => self.bracketed(pair, ComprehensionKind::Generator)?,
        };
        Ok(Expr { kind, span })
    }

    /// The inside of `[...]` or `(...)`: items, or one element and its
    /// comprehension clauses. `(x)` is `x` (its span covers the brackets).
    fn bracketed(self, pair: Pair<Rule>, kind: ComprehensionKind) -> Result<ExprKind, ParseError> {
        let mut items = Vec::new();
        let mut clauses = Vec::new();
        let mut trailing_comma = false;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::comp_clause => clauses.push(self.clause(part)?),
                Rule::trailing_comma => trailing_comma = true,
                _ => items.push(self.expr(part)?),
            }
        }
        Ok(match (kind, items.len(), clauses.is_empty()) {
            (_, 1, false) => ExprKind::Comprehension {
                kind,
                element: Box::new(items.pop().expect("one element")),
                clauses,
            },
            (ComprehensionKind::List, _, _) => ExprKind::List(items),
            (_, 1, true) if !trailing_comma => items.pop().expect("one item").kind,
            _ => ExprKind::Tuple(items),
        })
    }
}

/// The next child of a pair whose shape the grammar guarantees; a missing
/// one is a grammar bug, reported as an error rather than a panic.
pub(super) fn child<'i>(
    pairs: &mut impl Iterator<Item = Pair<'i, Rule>>,
) -> Result<Pair<'i, Rule>, ParseError> {
    pairs.next().ok_or_else(|| {
        ParseError::new(
            "this statement could not be read (a parser bug)",
            Span::default(),
        )
    })
}

fn clauses_end(clauses: &[ComprehensionClause], element: Span) -> usize {
    clauses
        .iter()
        .flat_map(|c| {
            c.conditions
                .iter()
                .map(|e| e.span.end)
                .chain([c.iter.span.end])
        })
        .fold(element.end, usize::max)
}

fn is_logical(rule: Rule) -> bool {
    matches!(rule, Rule::or_op | Rule::and_op)
}

fn comparison(rule: Rule) -> Option<CompareOp> {
    Some(match rule {
        Rule::lt => CompareOp::Lt,
        Rule::le => CompareOp::Le,
        Rule::gt => CompareOp::Gt,
        Rule::ge => CompareOp::Ge,
        Rule::eq => CompareOp::Eq,
        Rule::ne => CompareOp::Ne,
        Rule::in_op => CompareOp::In,
        Rule::not_in => CompareOp::NotIn,
        _ => return None,
    })
}

pub(super) fn arithmetic(rule: Rule) -> BinaryOp {
    match rule {
        Rule::add => BinaryOp::Add,
        Rule::sub => BinaryOp::Sub,
        Rule::mul => BinaryOp::Mul,
        Rule::div => BinaryOp::Div,
        Rule::floor_div => BinaryOp::FloorDiv,
        Rule::modulo => BinaryOp::Mod,
        _ => BinaryOp::Pow,
    }
}

/// `a < b` then `< c`: extends an unbracketed chain, or starts one.
fn chain_comparison(lhs: Operand, op: CompareOp, rhs: Expr, span: Span) -> Expr {
    let kind = match lhs.expr.kind {
        ExprKind::Compare { first, mut rest } if lhs.chain => {
            rest.push((op, rhs));
            ExprKind::Compare { first, rest }
        }
        kind => ExprKind::Compare {
            first: Box::new(Expr {
                kind,
                span: lhs.expr.span,
            }),
            rest: vec![(op, rhs)],
        },
    };
    Expr { kind, span }
}

/// A string literal's body with Python's common escapes applied (`\n`,
/// `\t`, `\\`, `\'`, `\"`); any other backslash stays as written.
fn unescape(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some(quoted @ ('\\' | '\'' | '"')) => text.push(quoted),
            Some('\n') => {}
            Some(other) => {
                text.push('\\');
                text.push(other);
            }
            None => text.push('\\'),
        }
    }
    text
}

/// A number literal as typed: Python's int when written as a whole number
/// (`2`; one too large for 64 bits reads as a float), else a float (`2.0`,
/// `.5`, `1e-4`); `None` when `text` is not a number. Both parsers (pest's
/// and the shortcut's) read literals here.
pub(super) fn number_literal(text: &str) -> Option<ExprKind> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(whole) = text.parse::<i64>() {
            return Some(ExprKind::Int(whole));
        }
    }
    text.parse::<f64>().ok().map(ExprKind::Number)
}

/// Every name of `targets`, in order, into `names`.
fn collect_names(targets: &[LoopTarget], names: &mut Vec<Ident>) {
    for target in targets {
        match target {
            LoopTarget::Name(name) => names.push(name.clone()),
            LoopTarget::Tuple(inner) => collect_names(inner, names),
        }
    }
}
