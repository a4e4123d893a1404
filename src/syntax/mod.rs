//! The language's syntax: `grammar/lang.pest` parsed with pest into an AST
//! whose nodes carry [`Span`]s. The only module that knows pest exists.

mod span;

pub use span::Span;
