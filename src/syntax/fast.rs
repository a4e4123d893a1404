//! A shortcut past pest for the commonest line of a long script: one
//! simple statement, `NAME = formula`, `x.data -= formula` or a formula on
//! its own, where the formula is arithmetic (`+ - * / // % **`, unary `-`
//! and `+`) over names, numbers, brackets, calls, methods, attributes and
//! indexing. pest spends tens of thousands of instructions on such a line;
//! this reads it in one pass over its bytes and combines operands with the
//! same Pratt table pest's pairs are combined with ([`super::expr`]'s
//! `PRATT`: binding powers are looked up there, never restated), building
//! the very AST the pest path builds, spans included (`fast_vs_pest.rs`
//! compares the two on many random lines).
//!
//! Anything else is not read here: another statement, a keyword, a string,
//! a comparison, a comment, a `;`, a tab or a line break, and every line
//! with a mistake in it. Such a line goes to pest, so every error message
//! stays pest's.

use pest::pratt_parser::{Affix, Assoc, PrattParserOps, Prec};

use super::ast::*;
use super::expr::{arithmetic, number_literal, PRATT};
use super::grammar::Rule;
use super::slips::KEYWORDS;
use super::Span;

/// The statement the logical line `text` (starting `offset` bytes into the
/// source) holds, if it is one the shortcut reads; `None` sends the line
/// to pest.
pub(super) fn simple_statement(text: &str, offset: usize) -> Option<Stmt> {
    let tokens = tokens(text.as_bytes())?;
    // `show x`, `show(x)` and `show -x` are `show` statements.
    let first = tokens.first()?;
    if first.kind == Kind::Name && &text[first.start..first.end] == "show" {
        return None;
    }
    let mut reader = Reader {
        text,
        tokens: &tokens,
        at: 0,
        offset,
    };
    let first = reader.expr(0)?;
    let kind = match reader.peek() {
        Kind::End => StmtKind::Expr(first),
        Kind::Assign(op) => {
            reader.at += 1;
            let value = reader.expr(0)?;
            if reader.peek() != Kind::End {
                return None;
            }
            let target = Target::from_expr(first).ok()?;
            StmtKind::Assign { target, op, value }
        }
        _ => return None,
    };
    // pest's statement runs over the spaces after its last token too.
    let span = Span::new(tokens[0].start, text.len()).shifted(offset);
    Some(Stmt {
        kind,
        span,
        silent: false,
    })
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Name,
    Number,
    /// An operator the grammar names by this rule as an infix (`-` is
    /// `sub` here, and `neg` where an operand is expected).
    Operator(Rule),
    Open(u8),
    Close(u8),
    Comma,
    Dot,
    Assign(AssignOp),
    End,
}

/// A token and its bytes in the line.
#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The line's tokens, or `None` if it holds anything the shortcut does not
/// read (which pest then reads).
fn tokens(bytes: &[u8]) -> Option<Vec<Token>> {
    let mut tokens = Vec::with_capacity(bytes.len() / 2 + 1);
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let next = bytes.get(at + 1).copied();
        let (kind, width) = match bytes[at] {
            b' ' => {
                at += 1;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let width = bytes[at..]
                    .iter()
                    .position(|&b| !is_ident_char(b))
                    .unwrap_or(bytes.len() - at);
                // Only ASCII was matched, so the slice is a `str`.
                let word = std::str::from_utf8(&bytes[at..at + width]).ok()?;
                if could_be_keyword(word) && KEYWORDS.binary_search(&word).is_ok() {
                    return None;
                }
                (Kind::Name, width)
            }
            b'0'..=b'9' => (Kind::Number, number(&bytes[at..])?),
            b'.' if next.is_some_and(|b| b.is_ascii_digit()) => {
                (Kind::Number, number(&bytes[at..])?)
            }
            b'.' => (Kind::Dot, 1),
            b'(' | b'[' => (Kind::Open(bytes[at]), 1),
            b')' | b']' => (Kind::Close(bytes[at]), 1),
            b',' => (Kind::Comma, 1),
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'=' => operator(&bytes[at..])?,
            _ => return None,
        };
        at += width;
        tokens.push(Token {
            kind,
            start,
            end: at,
        });
    }
    tokens.push(Token {
        kind: Kind::End,
        start: bytes.len(),
        end: bytes.len(),
    });
    Some(tokens)
}

/// How `rule` binds, from the one precedence table.
fn binding(rule: Rule) -> Option<(Affix, Prec)> {
    PrattParserOps::get(&*PRATT, &rule)
}

/// False for a word no keyword can be: one with a digit or `_` (most of a
/// long script's names, `a17`, `x_1`), or longer than the longest keyword.
/// Saves the keyword search its string comparisons.
fn could_be_keyword(word: &str) -> bool {
    word.len() <= 8 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_ident_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The length of the grammar's `number` at the start of `bytes`: digits
/// with an optional fraction (a `.` not followed by a letter), or `.` and
/// digits, then an optional exponent. `None` when a letter, `_` or `.`
/// follows it (`4x`, `1_000`, `1e`, `1.e5`), which pest reads (or reports).
fn number(bytes: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| from + n)
    };
    let mut end = digits(0);
    if bytes.get(end) == Some(&b'.')
        && !bytes
            .get(end + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
    {
        end = digits(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1 + sign);
        }
    }
    match bytes.get(end) {
        Some(&b) if is_ident_char(b) || b == b'.' => None,
        _ => Some(end),
    }
}

/// The operator or assignment at the start of `bytes`, as the grammar
/// tells them apart (`**` before `*`, `//` before `/`, `+=` only where no
/// operand can follow); `None` for `==`, `**=` and the like.
fn operator(bytes: &[u8]) -> Option<(Kind, usize)> {
    let assign = |op| Some((Kind::Assign(op), 2));
    let (kind, width) = match (bytes[0], bytes.get(1).copied()) {
        (b'=', Some(b'=')) => return None,
        (b'=', _) => return Some((Kind::Assign(AssignOp::Set), 1)),
        (b'+', Some(b'=')) => return assign(AssignOp::Add),
        (b'-', Some(b'=')) => return assign(AssignOp::Sub),
        (b'*', Some(b'=')) => return assign(AssignOp::Mul),
        (b'/', Some(b'=')) => return assign(AssignOp::Div),
        (b'*', Some(b'*')) => (Rule::pow, 2),
        (b'/', Some(b'/')) => (Rule::floor_div, 2),
        (b'+', _) => (Rule::add, 1),
        (b'-', _) => (Rule::sub, 1),
        (b'*', _) => (Rule::mul, 1),
        (b'/', _) => (Rule::div, 1),
        (b'%', _) => (Rule::modulo, 1),
        _ => (Rule::pow, 1),
    };
    if bytes.get(width) == Some(&b'=') {
        return None;
    }
    Some((Kind::Operator(kind), width))
}

/// Reads expressions from a line's tokens.
struct Reader<'t> {
    text: &'t str,
    tokens: &'t [Token],
    at: usize,
    offset: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Kind {
        self.tokens[self.at].kind
    }

    fn take(&mut self) -> Token {
        let token = self.tokens[self.at];
        if token.kind != Kind::End {
            self.at += 1;
        }
        token
    }

    /// Takes the next token, for its span.
    fn take_span(&mut self) -> Span {
        let token = self.take();
        self.span(token)
    }

    fn span(&self, token: Token) -> Span {
        Span::new(token.start, token.end).shifted(self.offset)
    }

    /// The expression here whose operators bind tighter than `rbp`: pest's
    /// Pratt loop, with the same binding powers.
    fn expr(&mut self, rbp: Prec) -> Option<Expr> {
        let mut lhs = self.prefixed()?;
        loop {
            let (rule, assoc, prec) = match self.peek() {
                Kind::End | Kind::Close(_) | Kind::Comma | Kind::Assign(_) => return Some(lhs),
                Kind::Operator(rule) => match binding(rule)? {
                    (Affix::Infix(assoc), prec) => (rule, assoc, prec),
                    _ => return None,
                },
                _ => return None,
            };
            if rbp >= prec {
                return Some(lhs);
            }
            self.at += 1;
            let rhs = self.expr(match assoc {
                Assoc::Left => prec,
                Assoc::Right => prec - 1,
            })?;
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary {
                    op: arithmetic(rule),
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            };
        }
    }

    /// An operand with the unary `-`/`+` before it.
    fn prefixed(&mut self) -> Option<Expr> {
        let (rule, op) = match self.peek() {
            Kind::Operator(Rule::sub) => (Rule::neg, UnaryOp::Neg),
            Kind::Operator(Rule::add) => (Rule::pos, UnaryOp::Pos),
            _ => return self.postfixed(),
        };
        let (Affix::Prefix, prec) = binding(rule)? else {
            return None;
        };
        let op_span = self.take_span();
        let operand = self.expr(prec - 1)?;
        Some(Expr {
            span: op_span.to(operand.span),
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
        })
    }

    /// A name, number or bracketed expression, then its calls, attributes,
    /// methods and indexes.
    fn postfixed(&mut self) -> Option<Expr> {
        let token = self.take();
        let span = self.span(token);
        let text = &self.text[token.start..token.end];
        let mut expr = match token.kind {
            Kind::Name => Expr {
                kind: ExprKind::Name(text.to_string()),
                span,
            },
            Kind::Number => Expr {
                kind: number_literal(text)?,
                span,
            },
            Kind::Open(b'(') => {
                let inner = self.expr(0)?;
                let close = self.close(b')')?;
                Expr {
                    kind: inner.kind,
                    span: span.to(close),
                }
            }
            _ => return None,
        };
        loop {
            expr = match self.peek() {
                Kind::Open(b'(') => {
                    let (args, call) = self.args()?;
                    Expr {
                        span: expr.span.to(call),
                        kind: ExprKind::Call {
                            callee: Box::new(expr),
                            args,
                        },
                    }
                }
                Kind::Open(b'[') => {
                    self.at += 1;
                    let index = self.expr(0)?;
                    let close = self.close(b']')?;
                    Expr {
                        span: expr.span.to(close),
                        kind: ExprKind::Index {
                            object: Box::new(expr),
                            index: Box::new(index),
                        },
                    }
                }
                Kind::Dot => {
                    let dot = self.take_span();
                    let token = self.take();
                    if token.kind != Kind::Name {
                        return None;
                    }
                    let name = Ident {
                        name: self.text[token.start..token.end].to_string(),
                        span: self.span(token),
                    };
                    let span = expr.span.to(dot).to(name.span);
                    if self.peek() == Kind::Open(b'(') {
                        let (args, call) = self.args()?;
                        Expr {
                            span: span.to(call),
                            kind: ExprKind::Method {
                                object: Box::new(expr),
                                name,
                                args,
                            },
                        }
                    } else {
                        Expr {
                            span,
                            kind: ExprKind::Attribute {
                                object: Box::new(expr),
                                name,
                            },
                        }
                    }
                }
                _ => return Some(expr),
            };
        }
    }

    /// A call's `(a, b)`: positional arguments only, no trailing comma;
    /// and the brackets' span.
    fn args(&mut self) -> Option<(Vec<Arg>, Span)> {
        let open = self.take_span();
        let mut args = Vec::new();
        if self.peek() != Kind::Close(b')') {
            loop {
                let value = self.expr(0)?;
                args.push(Arg {
                    keyword: None,
                    value,
                });
                if self.peek() != Kind::Comma {
                    break;
                }
                self.at += 1;
            }
        }
        let close = self.close(b')')?;
        Some((args, open.to(close)))
    }

    /// The closing bracket `closer` here, or `None`.
    fn close(&mut self, closer: u8) -> Option<Span> {
        (self.peek() == Kind::Close(closer)).then(|| self.take_span())
    }
}
