//! Slips learners make often (a number against a name, `x²`, Python 2's
//! `print x`, a keyword used as a name, ...), recognised from the text
//! around the place the parser stopped, each with how to write what they
//! meant.

/// Python's keywords, all reserved here as in Python; sorted, so they can
/// be binary-searched (src/syntax/fast.rs does, for every name it reads).
pub(super) const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Keywords of Python this language does not have.
const UNSUPPORTED: [&str; 14] = [
    "assert", "async", "await", "class", "del", "except", "finally", "global", "nonlocal", "raise",
    "try", "with", "yield", "is",
];

/// A fix in words for the slip at `position` of `line`, if one fits.
pub(super) fn common_slip(line: &str, position: usize) -> Option<String> {
    let before = line[..position].trim_end();
    let rest = &line[position..];
    let word = leading_word(rest);
    let previous = trailing_word(before);
    if let Some(help) = keyword_slip(before, previous, word, rest) {
        return Some(help);
    }
    if let Some(help) = number_slip(before, rest, word) {
        return Some(help);
    }
    if let Some(help) = call_slip(before, previous, rest, word) {
        return Some(help);
    }
    symbol_slip(before, rest)
}

/// `for = 3`, `lambda = 0.1`, `x is None`, `class Foo:`, `else if`.
fn keyword_slip(before: &str, previous: &str, word: &str, rest: &str) -> Option<String> {
    let assigns = rest.starts_with('=') && !rest.starts_with("==")
        || ["+=", "-=", "*=", "/="]
            .iter()
            .any(|op| rest.starts_with(op));
    if KEYWORDS.contains(&previous) && assigns {
        return Some(format!(
            "`{previous}` is a Python keyword, so it cannot be a name: choose another, such as `{previous}_`"
        ));
    }
    if previous == "else" && word == "if" {
        return Some("write `elif condition:` (Python has no `else if`)".into());
    }
    if word == "is" {
        return Some("`is` is not supported: compare values with `==` and `!=`".into());
    }
    if UNSUPPORTED.contains(&word) {
        return Some(format!(
            "`{word}` is Python, but not part of the small Python this tool runs"
        ));
    }
    let expression_expected = before.is_empty()
        || before.ends_with(['=', '+', '-', '*', '/', '(', ',', '[', '<', '>', '%']);
    if KEYWORDS.contains(&word) && expression_expected {
        return Some(format!(
            "`{word}` is a Python keyword, so it cannot be used as a name"
        ));
    }
    None
}

/// `4x`, `1_000`, `1e`, `0x10`.
fn number_slip(before: &str, rest: &str, word: &str) -> Option<String> {
    let next = rest.chars().next()?;
    let after_digits = before.ends_with(|c: char| c.is_ascii_digit());
    let number: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let previous = trailing_word(before);
    let after_number =
        after_digits && previous.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if number == "0" && (word.starts_with('x') || word.starts_with('b')) && word.len() > 1 {
        return Some("numbers are written in decimal here (16, not 0x10)".into());
    }
    if after_digits && next == '_' {
        return Some("write numbers without `_` separators: 1000, not 1_000".into());
    }
    if after_number && (word == "e" || word == "E") {
        return Some(format!(
            "for a power of ten, put digits after the {word}, as in 1{word}3 or 1{word}-4; to multiply by e, write the `*`"
        ));
    }
    if next.is_ascii_alphabetic() && after_number {
        return Some(format!(
            "to multiply, write the `*`: `{number}*{word}` (a number written against a name is not a product here)"
        ));
    }
    None
}

/// `tanh x`, Python 2's `print x`, `f"..."`.
fn call_slip(before: &str, previous: &str, rest: &str, word: &str) -> Option<String> {
    let next = rest.chars().next()?;
    let is_name = previous.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !KEYWORDS.contains(&previous)
        && before.ends_with(previous);
    if !is_name {
        return None;
    }
    if matches!(previous, "f" | "r" | "b" | "rb" | "fr") && (next == '"' || next == '\'') {
        return Some(
            "string prefixes (f\"...\", r\"...\") are not supported: print the parts instead, as in print('loss', loss.data)"
                .into(),
        );
    }
    let starts_operand = next.is_ascii_alphanumeric() || matches!(next, '_' | '"' | '\'' | '.');
    if !starts_operand || KEYWORDS.contains(&word) {
        return None;
    }
    if previous == "print" {
        let argument = rest.split(['#', ';']).next().unwrap_or(rest).trim_end();
        return Some(format!(
            "print is a function in Python 3: write `print({argument})`"
        ));
    }
    let argument = if word.is_empty() { "x" } else { word };
    // `a x b`, `w1 x1`: a short name, or one ending in a digit, is a number
    // (a missing `*`), not a function (finding A117).
    let variable_like = previous.len() == 1 || previous.ends_with(|c: char| c.is_ascii_digit());
    Some(if variable_like {
        format!(
            "an operator is missing between `{previous}` and `{argument}`: to multiply, write `{previous}*{argument}`"
        )
    } else {
        format!(
            "to call `{previous}`, put its argument in brackets: `{previous}({argument})`; to multiply, write `{previous}*{argument}`"
        )
    })
}

/// Typographic and other-language symbols: `x²`, `×`, `−`, `&&`, `!x`, an
/// unclosed quote, `**=`, a formula left of `=`, non-ASCII names.
fn symbol_slip(before: &str, rest: &str) -> Option<String> {
    let next = rest.chars().next()?;
    if let Some(power) = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|c| c == next) {
        return Some(format!(
            "write powers with `**`: `x**{power}` for x to the power {power}"
        ));
    }
    if next == '×' || next == '·' {
        return Some("write multiplication with `*`".into());
    }
    if next == '−' {
        // The lessons print U+2212 in their text (finding B218).
        return Some("that is the typeset minus sign (−) the lessons print; type the keyboard's minus sign `-`".into());
    }
    if next == '–' {
        return Some("that is a typographic dash; type the minus sign `-`".into());
    }
    if rest.starts_with("&&") || rest.starts_with("||") {
        let word = if rest.starts_with("&&") { "and" } else { "or" };
        return Some(format!("Python writes `{}` as `{word}`", &rest[..2]));
    }
    if next == '!' && !rest.starts_with("!=") {
        return Some("Python writes `!x` as `not x`".into());
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
            "only a name (or `x.data`, `xs[i]`, `a, b`) can be on the left of `=`: write `name = formula`".into(),
        );
    }
    None
}

fn leading_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

fn trailing_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(text.len(), |(i, _)| i);
    let word = &text[start..];
    // `2.5` is one word; `x.tanh` ends in `tanh`.
    match word.rfind('.') {
        Some(dot) if !word.starts_with(|c: char| c.is_ascii_digit() || c == '.') => {
            &word[dot + 1..]
        }
        _ => word,
    }
}
