//! The language's syntax: `grammar/lang.pest` parsed with pest into an AST
//! whose nodes carry [`Span`]s. The only module that knows pest exists.

pub mod ast;
mod error;
mod parser;
mod span;

pub use error::{ParseError, MAX_LINE_BYTES, MAX_NESTING};
pub use parser::{parse_expression, parse_line};
pub use span::Span;
