//! Programs of many lines: logical lines (src/syntax/layout.rs) are parsed
//! one by one and assembled into blocks by their indentation, as Python
//! does, with an explicit stack of open blocks (no recursion, so nesting is
//! bounded by [`MAX_BLOCK_DEPTH`], not by the thread's stack).

use super::ast::{Block, Stmt, StmtKind};
use super::layout::{logical_lines, LogicalLine, Open};
use super::limits::{check_line, check_program, MAX_BLOCK_DEPTH};
use super::stmt::{mistake_before_the_end, parse_logical_line, Header, HeaderKind, ParsedLine};
use super::{ParseError, Span};

/// Parses a whole program (a line, a block, a file) into its top-level
/// statements. Spans are byte offsets into `source`.
pub fn parse_program(source: &str) -> Result<Vec<Stmt>, ParseError> {
    check_program(source)?;
    let mut blocks = Blocks::new(source);
    for line in logical_lines(source) {
        if let Some(problem) = line.problem.clone() {
            return Err(problem);
        }
        blocks.indentation(&line)?;
        check_line(source, line.content, line.end)?;
        if let Some(open) = &line.open {
            return Err(
                unfinished_line(source, &line).unwrap_or_else(|| unfinished(open, source.len()))
            );
        }
        let parsed = parse_logical_line(source, line.content, line.end)?;
        blocks.add(&line, parsed)?;
    }
    blocks.finish()
}

/// Whether lines typed after `source` (the lines of an input so far) could
/// still make a program of it, as Python's REPL decides (codeop): false
/// once it has a mistake no later line can mend — one before the end of a
/// line left open (`def f(:`), a whole line that does not parse (`for i in
/// range(3)` without its `:`), a wrong indentation, an `else` with no
/// `if` — so the prompt shows the error at once instead of waiting at
/// `... `. A header still waiting for its body, an open bracket after a
/// fair start (`x = (1 +`) or an open `"""` string can go on.
pub fn can_continue(source: &str) -> bool {
    if check_program(source).is_err() {
        return false;
    }
    let mut blocks = Blocks::new(source);
    for line in logical_lines(source) {
        if line.problem.is_some()
            || blocks.indentation(&line).is_err()
            || check_line(source, line.content, line.end).is_err()
        {
            return false;
        }
        if line.open.is_some() {
            return unfinished_line(source, &line).is_none();
        }
        let added = parse_logical_line(source, line.content, line.end)
            .and_then(|parsed| blocks.add(&line, parsed));
        if added.is_err() {
            return false;
        }
    }
    true
}

/// The mistake of a logical line the source ends inside, if it has one no
/// continuation can mend (an open `"""` string has none: it is text).
fn unfinished_line(source: &str, line: &LogicalLine) -> Option<ParseError> {
    match line.open {
        Some(Open::Bracket(..) | Open::Backslash) => {
            mistake_before_the_end(&source[line.content..line.end], line.content)
        }
        _ => None,
    }
}

/// Parses one input line (a one-line program: `;`-separated statements, or
/// a compound statement with a one-line body). Text with line breaks is
/// parsed as the program it is.
pub fn parse_line(source: &str) -> Result<Vec<Stmt>, ParseError> {
    parse_program(source)
}

/// A block whose lines are being read.
struct OpenBlock {
    indent: usize,
    statements: Block,
}

/// A header just read, whose indented body must start on the next line.
struct AwaitingBody {
    keyword: &'static str,
    line: usize,
    /// Where its line ends (where a missing body is reported).
    end: usize,
}

struct Blocks<'s> {
    source: &'s str,
    /// The open blocks, outermost (the program) first.
    open: Vec<OpenBlock>,
    awaiting_body: Option<AwaitingBody>,
}

impl<'s> Blocks<'s> {
    /// Nothing read yet: only the program's own block is open.
    fn new(source: &'s str) -> Self {
        Blocks {
            source,
            open: vec![OpenBlock {
                indent: 0,
                statements: Vec::new(),
            }],
            awaiting_body: None,
        }
    }

    fn innermost(&mut self) -> &mut OpenBlock {
        self.open
            .last_mut()
            .expect("the program's block is never closed")
    }

    /// Opens or closes blocks for the line's indentation, or says why the
    /// indentation is wrong.
    fn indentation(&mut self, line: &LogicalLine) -> Result<(), ParseError> {
        let at = Span::new(line.content, line.content + 1);
        let current = self.innermost().indent;
        if let Some(header) = self.awaiting_body.take() {
            if line.indent <= current {
                return Err(ParseError::new(
                    format!(
                        "the body of the `{}` on line {} must be indented under it",
                        header.keyword, header.line
                    ),
                    at,
                )
                .with_help(format!(
                    "indent this line by {} spaces (a body needs at least one line; `pass` does nothing)",
                    current + 4
                )));
            }
            if self.open.len() > MAX_BLOCK_DEPTH {
                return Err(ParseError::new(
                    format!("blocks are nested more than {MAX_BLOCK_DEPTH} deep here; move the inner part into a function"),
                    at,
                ));
            }
            self.open.push(OpenBlock {
                indent: line.indent,
                statements: Vec::new(),
            });
            return Ok(());
        }
        if line.indent > current {
            return Err(ParseError::new(
                "unexpected indent: this line is indented more than the block it is in",
                at,
            )
            .with_help(format!(
                "only the lines after a line ending in `:` are indented; start this one at column {}",
                current + 1
            )));
        }
        // The indentations that were open, for the message below (only a
        // line that closes blocks can match none of them).
        let levels: Vec<String> = if line.indent < current {
            self.open.iter().map(|b| b.indent.to_string()).collect()
        } else {
            Vec::new()
        };
        while line.indent < self.innermost().indent {
            self.close_block();
        }
        let current = self.innermost().indent;
        if line.indent != current {
            return Err(ParseError::new(
                format!(
                    "this line is indented {} spaces, which matches no block it could belong to",
                    line.indent
                ),
                at,
            )
            .with_help(format!(
                "indent it like one of the lines above it: {} spaces",
                levels.join(" or ")
            )));
        }
        Ok(())
    }

    /// Adds a parsed line to the innermost block.
    fn add(&mut self, line: &LogicalLine, parsed: ParsedLine) -> Result<(), ParseError> {
        let ParsedLine { header, statements } = parsed;
        let Some(Header { kind, span }) = header else {
            self.innermost().statements.extend(statements);
            return Ok(());
        };
        let keyword = kind.keyword();
        let block = &mut self.innermost().statements;
        match kind {
            HeaderKind::Elif(condition) => match block.last_mut() {
                Some(Stmt {
                    kind:
                        StmtKind::If {
                            branches,
                            otherwise: None,
                        },
                    span: if_span,
                    ..
                }) => {
                    branches.push((condition, Vec::new()));
                    *if_span = if_span.to(span);
                }
                _ => return Err(dangling(keyword, span)),
            },
            HeaderKind::Else => match block.last_mut() {
                Some(Stmt {
                    kind:
                        StmtKind::If {
                            otherwise: otherwise @ None,
                            ..
                        },
                    span: if_span,
                    ..
                }) => {
                    *otherwise = Some(Vec::new());
                    *if_span = if_span.to(span);
                }
                Some(Stmt {
                    kind: StmtKind::For { .. } | StmtKind::While { .. },
                    ..
                }) => {
                    return Err(
                        ParseError::new("`else` after a loop is not supported here", span)
                            .with_help(
                            "put the `else` part after the loop, or use a flag set before `break`",
                        ),
                    )
                }
                _ => return Err(dangling(keyword, span)),
            },
            other => block.push(Stmt {
                kind: compound(other),
                span,
                silent: false,
            }),
        }
        if statements.is_empty() {
            self.awaiting_body = Some(AwaitingBody {
                keyword,
                line: line.line,
                end: line.end,
            });
        } else if let Some(stmt) = self.innermost().statements.last_mut() {
            fill_body(stmt, statements);
        }
        Ok(())
    }

    /// Closes the innermost block: it becomes the body of the compound
    /// statement that opened it.
    fn close_block(&mut self) {
        if self.open.len() < 2 {
            return;
        }
        let body = self.open.pop().map(|b| b.statements).unwrap_or_default();
        if let Some(owner) = self.innermost().statements.last_mut() {
            fill_body(owner, body);
        }
    }

    fn finish(mut self) -> Result<Vec<Stmt>, ParseError> {
        if let Some(header) = self.awaiting_body.take() {
            let end = header.end.min(self.source.len());
            return Err(ParseError::new(
                format!(
                    "the `{}` on line {} has no body: its lines go under it, indented",
                    header.keyword, header.line
                ),
                Span::new(end, end),
            )
            .with_help("a body needs at least one line; `pass` is a body that does nothing"));
        }
        while self.open.len() > 1 {
            self.close_block();
        }
        Ok(self.open.pop().map(|b| b.statements).unwrap_or_default())
    }
}

/// The statement a header opens, with its body still empty.
fn compound(kind: HeaderKind) -> StmtKind {
    match kind {
        HeaderKind::For { targets, iter } => StmtKind::For {
            targets: targets.names,
            nested: targets.nested,
            iter,
            body: Vec::new(),
        },
        HeaderKind::While(condition) => StmtKind::While {
            condition,
            body: Vec::new(),
        },
        HeaderKind::Def { name, params } => StmtKind::Def {
            name,
            params,
            body: Vec::new(),
        },
        HeaderKind::If(condition) | HeaderKind::Elif(condition) => StmtKind::If {
            branches: vec![(condition, Vec::new())],
            otherwise: None,
        },
        HeaderKind::Else => StmtKind::Pass,
    }
}

/// Puts `body` where the compound statement is waiting for one (an `if`'s
/// latest branch or its `else`), and stretches its span over it.
fn fill_body(stmt: &mut Stmt, body: Block) {
    if let Some(last) = body.last() {
        stmt.span = stmt.span.to(last.span);
    }
    match &mut stmt.kind {
        StmtKind::For { body: slot, .. }
        | StmtKind::While { body: slot, .. }
        | StmtKind::Def { body: slot, .. }
        | StmtKind::If {
            otherwise: Some(slot),
            ..
        } => *slot = body,
        StmtKind::If { branches, .. } => {
            if let Some((_, slot)) = branches.last_mut() {
                *slot = body;
            }
        }
        _ => {}
    }
}

fn dangling(keyword: &str, span: Span) -> ParseError {
    ParseError::new(
        format!("this `{keyword}` has no `if` to belong to"),
        span,
    )
    .with_help(format!(
        "an `{keyword}` line goes right after the body of an `if` (or `elif`), indented like that `if`"
    ))
}

/// The error for a line still open when the source ends.
fn unfinished(open: &Open, source_end: usize) -> ParseError {
    match open {
        Open::Bracket(span, bracket) => {
            let closer = match bracket {
                '(' => ')',
                '[' => ']',
                _ => '}',
            };
            ParseError::new(
                format!("this `{bracket}` is never closed: a `{closer}` is missing before the end of the line"),
                *span,
            )
            .with_help(format!("add the `{closer}` where the bracket's contents end"))
        }
        Open::Backslash => ParseError::new(
            "the last line ends with `\\`, which continues it onto a line that is not there",
            Span::new(source_end.saturating_sub(1), source_end),
        ),
        Open::TripleString(span) => ParseError::new(
            "this string is never closed: it needs three closing quotes",
            *span,
        ),
    }
}
