//! Parse errors in a learner's words, with the span they point at.
//!
//! pest reports the grammar rules it expected; we translate them into plain
//! phrases ("an expression", "`)`") and say what was found instead, and
//! src/syntax/slips.rs adds a fix for the slips learners make most.

use super::grammar::Rule;
use super::slips::{common_slip, KEYWORDS};
use super::Span;

/// A syntax error: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong, in words.
    pub message: String,
    /// Where (byte offsets into the whole source parsed).
    pub span: Span,
    /// A likely fix for a common slip (`4x`, `x²`, `2 = a`), if one fits.
    pub help: Option<String>,
}

impl ParseError {
    /// An error with this message at this span.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// The same error with a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error, its span moved `offset` bytes later.
    pub(super) fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.shifted(offset);
        self
    }

    /// Translates pest's error on one logical line `line`.
    pub(super) fn from_pest(error: pest::error::Error<Rule>, line: &str) -> Self {
        let position = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((start, _)) => start,
        }
        .min(line.len());
        let positives: &[Rule] = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
            pest::error::ErrorVariant::CustomError { .. } => &[],
        };
        let found = found_at(line, position);
        let width = operator_at(&line[position..]).map_or_else(
            || line[position..].chars().next().map_or(0, char::len_utf8),
            str::len,
        );
        let span = Span::new(position, position + width);
        if positives.contains(&Rule::colon) && at_line_end(&line[position..]) {
            let keyword = first_word(line);
            let end = code_end(line).min(position);
            let span = Span::new(end, end);
            return ParseError::new(
                format!("a `:` is missing at the end of this `{keyword}` line"),
                span,
            )
            .with_help(format!(
                "{} `{keyword}` line ends with `:`, and the lines of its body follow, indented by 4 spaces",
                if keyword.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
            ));
        }
        let expected = match &error.variant {
            _ if line[..position].trim().is_empty() => "a statement".to_string(),
            pest::error::ErrorVariant::ParsingError { positives, .. } => describe(positives),
            pest::error::ErrorVariant::CustomError { message } => message.clone(),
        };
        ParseError {
            help: common_slip(line, position),
            ..ParseError::new(format!("expected {expected}, found {found}"), span)
        }
    }
}

/// Nothing but spaces and a comment is left.
fn at_line_end(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// Where the code of `line` ends: before a trailing comment and spaces.
fn code_end(line: &str) -> usize {
    let mut quote = None;
    let mut end = line.len();
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), _) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => {
                end = i;
                break;
            }
            _ => {}
        }
        escaped = false;
    }
    line[..end].trim_end().len()
}

fn first_word(line: &str) -> &str {
    let line = line.trim_start();
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    &line[..end]
}

/// The operator `rest` starts with, if it is longer than one character.
fn operator_at(rest: &str) -> Option<&'static str> {
    [
        "==", "!=", "<=", ">=", "**", "//", "+=", "-=", "*=", "/=", "&&", "||",
    ]
    .into_iter()
    .find(|op| rest.starts_with(op))
}

fn found_at(source: &str, position: usize) -> String {
    let rest = &source[position..];
    if let Some(operator) = operator_at(rest) {
        return format!("`{operator}`");
    }
    match rest.chars().next() {
        None => "the end of the line".into(),
        Some(c) if c.is_ascii_digit() => "a number".into(),
        Some(c) if c.is_alphabetic() || c == '_' => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if KEYWORDS.contains(&word.as_str()) {
                format!("the keyword `{word}`")
            } else {
                format!("`{word}`")
            }
        }
        Some('\n') => "the end of the line".into(),
        Some(c) if c.is_control() => format!("an invisible control character (U+{:04X})", c as u32),
        Some(c @ ('\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')) => {
            format!("an invisible character (U+{:04X})", c as u32)
        }
        Some(c) if c.is_whitespace() && c != ' ' => {
            format!("an unusual space character (U+{:04X})", c as u32)
        }
        Some(c) => format!("`{c}`"),
    }
}

/// What a rule means to a learner, when it is what the parser expected.
fn phrase(rule: Rule) -> &'static str {
    match rule {
        Rule::if_else
        | Rule::ternary_if
        | Rule::or_op
        | Rule::and_op
        | Rule::not_in
        | Rule::in_op
        | Rule::eq
        | Rule::ne
        | Rule::le
        | Rule::ge
        | Rule::lt
        | Rule::gt
        | Rule::pow
        | Rule::add
        | Rule::sub
        | Rule::mul
        | Rule::floor_div
        | Rule::div
        | Rule::modulo
        | Rule::call
        | Rule::attribute
        | Rule::index
        | Rule::comp_clause
        | Rule::comp_if
        | Rule::kw_for
        | Rule::kw_if => "an operator",
        Rule::assign_op => "`=`",
        Rule::colon => "`:`",
        Rule::kw_in => "`in`",
        Rule::kw_else => "`else`",
        Rule::kw_import => "`import`",
        Rule::kw_as => "`as`",
        Rule::param => "a parameter name",
        Rule::ident
        | Rule::loop_targets
        | Rule::target_group
        | Rule::dotted
        | Rule::import_names
        | Rule::import_name
        | Rule::star => "a name",
        Rule::trailing_comma => "`,`",
        Rule::separator => "`;`",
        Rule::EOI | Rule::logical_line => "the end of the line",
        _ => "an expression",
    }
}

/// The order phrases are listed in.
const ORDER: [&str; 13] = [
    "an expression",
    "a name",
    "a parameter name",
    "an operator",
    "`in`",
    "`else`",
    "`import`",
    "`as`",
    "`:`",
    "`=`",
    "`,`",
    "`;`",
    "the end of the line",
];

/// Turns the rules pest expected into one phrase: "an expression",
/// "an operator or the end of the line", ...
fn describe(rules: &[Rule]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    for &rule in rules {
        let phrase = phrase(rule);
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    if phrases.contains(&"an expression") {
        phrases.retain(|p| *p != "a name");
    }
    if phrases.contains(&"an operator") {
        phrases.retain(|p| *p != "`,`" && *p != "`;`");
    }
    phrases.sort_by_key(|p| ORDER.iter().position(|o| o == p));
    match phrases.as_slice() {
        [] => "something else".into(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
