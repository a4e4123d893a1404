//! The language's syntax, a small Python: `grammar/lang.pest` parsed with
//! pest into an AST whose nodes carry [`Span`]s into the whole source. The
//! only module that knows pest exists.
//!
//! The stages: [`layout`] cuts text into logical lines (brackets and `\`
//! continue a line) with their indentation; pest parses each logical line
//! ([`stmt`], [`expr`]), except the commonest simple statements, which a
//! shortcut reads into the same tree ([`fast`]); [`blocks`] assembles
//! lines into indented blocks. [`prompt`] answers the REPL's questions
//! about unfinished text.

pub mod ast;
mod blocks;
mod error;
mod expr;
mod fast;
#[cfg(test)]
mod fast_vs_pest;
mod grammar;
mod layout;
mod limits;
mod prompt;
mod slips;
mod span;
mod stmt;

pub use blocks::{can_continue, parse_line, parse_program};
pub use error::ParseError;
pub use limits::{MAX_BLOCK_DEPTH, MAX_LINE_BYTES, MAX_NESTING, MAX_PROGRAM_BYTES};
pub use prompt::{input_state, split_chunks, Chunk, InputState};
pub use span::Span;

/// Parses a single expression (for meta commands such as `:step L`).
pub fn parse_expression(source: &str) -> Result<ast::Expr, ParseError> {
    use ast::{Stmt, StmtKind};
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
