//! The pest parser generated from `grammar/lang.pest`, and its [`Rule`]s.
//! It has a module of its own so the builders and the error translator can
//! both use it without depending on each other.

/// The generated parser for one logical line.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/lang.pest"]
pub(super) struct LangParser;
