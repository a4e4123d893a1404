//! Parse errors in a learner's words, with the span they point at.
//!
//! pest reports the grammar rules it expected; we translate them into plain
//! phrases ("an expression", "`)`") and say what was found instead.

use super::parser::Rule;
use super::Span;

/// Longest line the parser accepts, in bytes.
pub const MAX_LINE_BYTES: usize = 100_000;
/// Deepest nesting of brackets or chained unary/power operators accepted.
pub const MAX_NESTING: usize = 200;

/// A syntax error: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong, in words.
    pub message: String,
    /// Where.
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

    pub(super) fn from_pest(error: pest::error::Error<Rule>, source: &str) -> Self {
        let position = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((start, _)) => start,
        };
        let expected = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => describe(positives),
            pest::error::ErrorVariant::CustomError { message } => message.clone(),
        };
        let found = found_at(source, position);
        let width = comparison_at(&source[position..]).map_or_else(
            || source[position..].chars().next().map_or(1, char::len_utf8),
            str::len,
        );
        ParseError {
            help: common_slip(source, position),
            ..ParseError::new(
                format!("expected {expected}, found {found}"),
                Span::new(position, position + width),
            )
        }
    }
}

/// Rejects input that is too long or nested too deeply to parse safely,
/// before pest (a recursive-descent parser) sees it.
pub(super) fn check_limits(source: &str) -> Result<(), ParseError> {
    if source.len() > MAX_LINE_BYTES {
        return Err(ParseError::new(
            format!(
                "this line is {} bytes long; the limit is {MAX_LINE_BYTES}. Split it into several statements",
                source.len()
            ),
            Span::new(MAX_LINE_BYTES, source.len()),
        ));
    }
    let mut depth = 0usize;
    let mut unary_run = 0usize;
    let mut powers = 0usize;
    let mut previous = ' ';
    for (i, c) in source.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '-' | '+' => unary_run += 1,
            '^' => powers += 1,
            '*' if previous == '*' => powers += 1,
            _ if c.is_whitespace() => {}
            _ => unary_run = 0,
        }
        previous = c;
        if depth > MAX_NESTING || unary_run > MAX_NESTING || powers > MAX_NESTING {
            return Err(ParseError::new(
                format!("this expression is nested more than {MAX_NESTING} levels deep; break it into named steps"),
                Span::new(i, i + c.len_utf8()),
            ));
        }
    }
    Ok(())
}

/// Recognises slips learners make often, from the text around the place the
/// parser stopped, and says how to write what they meant.
fn common_slip(source: &str, position: usize) -> Option<String> {
    let before = source[..position].trim_end();
    let rest = &source[position..];
    let next = rest.chars().next()?;
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let after_digits = before.ends_with(|c: char| c.is_ascii_digit());
    let number: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if number == "0" && (word.starts_with('x') || word.starts_with('b')) && word.len() > 1 {
        return Some("numbers are written in decimal here (16, not 0x10)".into());
    }
    if after_digits && next == '_' {
        return Some("write numbers without `_` separators: 1000, not 1_000".into());
    }
    if after_digits && (word == "e" || word == "E") {
        return Some(format!(
            "for a power of ten, put digits after the {word}, as in 1{word}3 or 1{word}-4; to multiply by e, write the `*`"
        ));
    }
    if next.is_ascii_alphabetic() && after_digits {
        return Some(format!(
            "to multiply, write the `*`: `{number}*{word}` (a number written against a name is not a product here)"
        ));
    }
    if let Some(power) = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|c| c == next) {
        return Some(format!(
            "write powers with `**`: `x**{power}` for x to the power {power}"
        ));
    }
    if next == '×' || next == '·' {
        return Some("write multiplication with `*`".into());
    }
    if next == '−' || next == '–' {
        return Some("that is a typographic dash; type the minus sign `-`".into());
    }
    if let Some(operator) = comparison_at(rest) {
        return Some(format!(
            "this language has no comparisons (`{operator}`): `=` binds a name, as in `a = 2`. \
             To compare two values, print both, or their difference `a - b`"
        ));
    }
    if !next.is_ascii() && next.is_alphabetic() {
        return Some(
            "names use only ASCII letters, digits and `_` (like `x`, `w1`, `learning_rate`)".into(),
        );
    }
    if (next == '"' || next == '\'') && !rest[1..].contains(next) {
        return Some(format!(
            "this text has no closing `{next}`: end it with `{next}`"
        ));
    }
    if next == '=' && (before.ends_with("**") || before.ends_with('^')) {
        let operator = if before.ends_with('^') { "^" } else { "**" };
        return Some(format!(
            "there is no `{operator}=`: write the power out, as in `x = x {operator} 2`"
        ));
    }
    if next == '=' && !rest.starts_with("==") {
        return Some(
            "only a name (or `x.data`) can be on the left of `=`: write `name = formula`".into(),
        );
    }
    None
}

/// The comparison operator `rest` starts with, if any.
fn comparison_at(rest: &str) -> Option<&'static str> {
    ["==", "!=", "<=", ">=", "<", ">"]
        .into_iter()
        .find(|op| rest.starts_with(op))
}

fn found_at(source: &str, position: usize) -> String {
    if let Some(operator) = comparison_at(&source[position..]) {
        return format!("`{operator}`");
    }
    match source[position..].chars().next() {
        None => "the end of the line".into(),
        Some(c) if c.is_ascii_digit() => "a number".into(),
        Some(c) if c.is_alphabetic() || c == '_' => {
            let word: String = source[position..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            format!("`{word}`")
        }
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

/// Turns the rules pest expected into one phrase: "an expression",
/// "an operator or the end of the statement", ...
fn describe(rules: &[Rule]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    for rule in rules {
        let phrase = match rule {
            Rule::expr
            | Rule::number
            | Rule::ident
            | Rule::string
            | Rule::list
            | Rule::paren
            | Rule::neg
            | Rule::pos
            | Rule::postfix_expr
            | Rule::primary
            | Rule::argument
            | Rule::keyword
            | Rule::statement
            | Rule::show_stmt
            | Rule::assign_stmt
            | Rule::expr_stmt
            | Rule::show_kw
            | Rule::target => "an expression",
            Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::pow | Rule::infix => {
                "an operator"
            }
            Rule::assign_op => "`=`",
            Rule::call => "`(`",
            Rule::attribute => "`.`",
            Rule::index => "`[`",
            Rule::separator => "`;`",
            Rule::EOI | Rule::line => "the end of the line",
            _ => "something else",
        };
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    match phrases.as_slice() {
        [] => "something else".into(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
