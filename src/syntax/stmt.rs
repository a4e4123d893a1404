//! pest pairs of one logical line → its statements: simple statements
//! (`;`-separated, a trailing `;` silences one), or a compound statement's
//! header (`for ...:`, `if ...:`, `def ...:`, ...) with the one-line body that
//! may follow its `:`. Assembling headers and indented bodies into blocks is
//! src/syntax/blocks.rs's job.

use pest::iterators::Pair;
use pest::Parser as _;

use super::ast::*;
use super::expr::{child, Builder};
use super::fast::simple_statement;
use super::grammar::{LangParser, Rule};
use super::{ParseError, Span};

/// A compound statement's first line, up to and including its `:`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Header {
    /// What it is.
    pub kind: HeaderKind,
    /// From the keyword to the `:`.
    pub span: Span,
}

/// The kinds of header.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum HeaderKind {
    For { targets: LoopTargets, iter: Expr },
    While(Expr),
    If(Expr),
    Elif(Expr),
    Else,
    Def { name: Ident, params: Vec<Param> },
}

impl HeaderKind {
    /// The keyword, for messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            HeaderKind::For { .. } => "for",
            HeaderKind::While(_) => "while",
            HeaderKind::If(_) => "if",
            HeaderKind::Elif(_) => "elif",
            HeaderKind::Else => "else",
            HeaderKind::Def { .. } => "def",
        }
    }
}

/// One logical line, parsed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ParsedLine {
    /// The compound statement it opens, if it does.
    pub header: Option<Header>,
    /// Its simple statements (after the header's `:`, a one-line body).
    pub statements: Vec<Stmt>,
}

/// Parses the logical line `source[start..end]`: a simple statement of
/// the commonest shape through the shortcut in src/syntax/fast.rs, any
/// other line (and every line with a mistake) with pest.
pub(super) fn parse_logical_line(
    source: &str,
    start: usize,
    end: usize,
) -> Result<ParsedLine, ParseError> {
    let text = &source[start..end];
    if let Some(statement) = simple_statement(text, start) {
        return Ok(ParsedLine {
            header: None,
            statements: vec![statement],
        });
    }
    parse_with_pest(text, start)
}

/// Parses the logical line `text`, `start` bytes into the source, with pest.
pub(super) fn parse_with_pest(text: &str, start: usize) -> Result<ParsedLine, ParseError> {
    let end = start + text.len();
    let builder = Builder { offset: start };
    let line = LangParser::parse(Rule::logical_line, text)
        .map_err(|e| ParseError::from_pest(e, text).shifted(start))?
        .next()
        .ok_or_else(|| ParseError::new("expected a statement", Span::new(start, end)))?;
    let mut parsed = ParsedLine {
        header: None,
        statements: Vec::new(),
    };
    for pair in line.into_inner() {
        match pair.as_rule() {
            Rule::separator => {
                if let Some(last) = parsed.statements.last_mut() {
                    last.silent = true;
                }
            }
            Rule::EOI => {}
            Rule::colon => {
                if let Some(header) = &mut parsed.header {
                    header.span = header.span.to(builder.span(&pair));
                }
            }
            Rule::for_header
            | Rule::while_header
            | Rule::if_header
            | Rule::elif_header
            | Rule::else_header
            | Rule::def_header => parsed.header = Some(builder.header(pair)?),
            _ => builder.statement(pair, &mut parsed.statements)?,
        }
    }
    Ok(parsed)
}

/// The mistake in `text`, a logical line the source ends inside (a bracket
/// still open, or a last line ending in `\\`), that no line typed after it
/// can mend, as Python's REPL tells (codeop): pest fails before the end of
/// the code so far (`def f(:`, `[1 2`). `None` while the text is a fair
/// start (`x = (1 +`, `f(a,`): the parser then wanted more at its end.
/// `start` is where `text` starts in the source.
pub(super) fn mistake_before_the_end(text: &str, start: usize) -> Option<ParseError> {
    let error = LangParser::parse(Rule::logical_line, text).err()?;
    let position = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((p, _)) => p,
    };
    // Comments and spaces are skipped before pest tries the next token, so
    // at a fair start it fails at the very end; a final `\\` (its line break
    // not typed yet) is where it stops instead.
    let code_end = text.trim_end().trim_end_matches('\\').trim_end().len();
    (position < code_end).then(|| ParseError::from_pest(error, text).shifted(start))
}

impl Builder {
    fn header(self, pair: Pair<Rule>) -> Result<Header, ParseError> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
        let kind = match rule {
            Rule::for_header => HeaderKind::For {
                targets: self.loop_targets(child(&mut parts)?),
                iter: self.tuple_or_expr(child(&mut parts)?)?,
            },
            Rule::while_header => HeaderKind::While(self.expr(child(&mut parts)?)?),
            Rule::if_header => HeaderKind::If(self.expr(child(&mut parts)?)?),
            Rule::elif_header => HeaderKind::Elif(self.expr(child(&mut parts)?)?),
            Rule::else_header => HeaderKind::Else,
            _ => HeaderKind::Def {
                name: self.ident(&child(&mut parts)?),
                params: self.params(parts)?,
            },
        };
        Ok(Header { kind, span })
    }

    /// One small statement; `import a, b` gives one statement per module.
    fn statement(self, pair: Pair<Rule>, out: &mut Vec<Stmt>) -> Result<(), ParseError> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
        let kind = match rule {
            Rule::pass_stmt => StmtKind::Pass,
            Rule::break_stmt => StmtKind::Break,
            Rule::continue_stmt => StmtKind::Continue,
            Rule::return_stmt => {
                StmtKind::Return(parts.next().map(|e| self.tuple_or_expr(e)).transpose()?)
            }
            Rule::show_stmt => {
                let mut shown = parts.filter(|p| p.as_rule() == Rule::expr);
                StmtKind::Show(self.expr(child(&mut shown)?)?)
            }
            Rule::import_stmt => {
                for module in parts {
                    let span = self.span(&module);
                    let mut pieces = module.into_inner().filter(|p| !is_keyword(p.as_rule()));
                    let path = self.dotted(child(&mut pieces)?);
                    let alias = pieces.next().map(|a| self.ident(&a));
                    out.push(simple(
                        StmtKind::Import(Import {
                            module: path,
                            names: Vec::new(),
                            alias,
                        }),
                        span,
                    ));
                }
                return Ok(());
            }
            Rule::from_import_stmt => StmtKind::Import(self.import_from(parts)?),
            _ => self.expression_or_assignment(parts)?,
        };
        out.push(simple(kind, span));
        Ok(())
    }

    fn dotted(self, pair: Pair<Rule>) -> Vec<Ident> {
        pair.into_inner().map(|p| self.ident(&p)).collect()
    }

    fn import_from<'i>(
        self,
        mut parts: impl Iterator<Item = Pair<'i, Rule>>,
    ) -> Result<Import, ParseError> {
        let module = self.dotted(child(&mut parts)?);
        let what = child(&mut parts)?;
        if what.as_rule() == Rule::star {
            return Ok(Import {
                module,
                names: vec![self.ident(&what)],
                alias: None,
            });
        }
        let mut names = Vec::new();
        let mut alias = None;
        for name in what.into_inner() {
            let mut pieces = name.into_inner().filter(|p| !is_keyword(p.as_rule()));
            names.push(self.ident(&child(&mut pieces)?));
            if let Some(renamed) = pieces.next() {
                alias = Some(self.ident(&renamed));
            }
        }
        if let (Some(alias), true) = (&alias, names.len() > 1) {
            return Err(ParseError {
                help: Some(
                    "write one `from ... import NAME as OTHER` line for each renamed name".into(),
                ),
                ..ParseError::new("`as` works here only when one name is imported", alias.span)
            });
        }
        Ok(Import {
            module,
            names,
            alias,
        })
    }

    /// `expr`, or `target op= expr` (parsed as two expressions; the left one
    /// must be something that can be assigned to).
    fn expression_or_assignment<'i>(
        self,
        mut parts: impl Iterator<Item = Pair<'i, Rule>>,
    ) -> Result<StmtKind, ParseError> {
        let left = self.tuple_or_expr(child(&mut parts)?)?;
        let Some(op_pair) = parts.next() else {
            return Ok(StmtKind::Expr(left));
        };
        let op_span = self.span(&op_pair);
        let op = match op_pair.as_str() {
            "+=" => AssignOp::Add,
            "-=" => AssignOp::Sub,
            "*=" => AssignOp::Mul,
            "/=" => AssignOp::Div,
            _ => AssignOp::Set,
        };
        let value = self.tuple_or_expr(child(&mut parts)?)?;
        if op != AssignOp::Set && matches!(left.kind, ExprKind::Tuple(_)) {
            return Err(ParseError::new(
                format!("`{}` updates one name at a time", op_pair.as_str()),
                op_span,
            ));
        }
        let target = Target::from_expr(left).map_err(|bad| not_a_target(&bad, op_span))?;
        Ok(StmtKind::Assign { target, op, value })
    }
}

fn not_a_target(bad: &Expr, op_span: Span) -> ParseError {
    let what = match bad.kind {
        ExprKind::Call { .. } | ExprKind::Method { .. } => "a call",
        ExprKind::Number(_)
        | ExprKind::Int(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None => "a constant",
        ExprKind::Compare { .. } => "a comparison",
        _ => "a formula",
    };
    ParseError {
        help: Some(
            "only a name (or `x.data`, `xs[i]`, `a, b`) can be on the left of `=`: write `name = formula`; to compare, use `==`"
                .into(),
        ),
        ..ParseError::new(format!("cannot assign to {what}"), op_span)
    }
}

fn simple(kind: StmtKind, span: Span) -> Stmt {
    Stmt {
        kind,
        span,
        silent: false,
    }
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_as
            | Rule::kw_break
            | Rule::kw_continue
            | Rule::kw_def
            | Rule::kw_elif
            | Rule::kw_else
            | Rule::kw_false
            | Rule::kw_for
            | Rule::kw_from
            | Rule::kw_if
            | Rule::kw_import
            | Rule::kw_in
            | Rule::kw_lambda
            | Rule::kw_none
            | Rule::kw_not
            | Rule::kw_pass
            | Rule::kw_return
            | Rule::kw_true
            | Rule::kw_while
    )
}
