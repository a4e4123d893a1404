//! Limits that keep parsing safe whatever the input: sizes, and nesting
//! deep enough to exhaust the stack of a recursive-descent parser. Checked
//! before pest sees a line, in one flat pass.

use super::{ParseError, Span};

/// Longest logical line the parser accepts, in bytes.
pub const MAX_LINE_BYTES: usize = 100_000;
/// Longest program (a file, a paste) the parser accepts, in bytes.
pub const MAX_PROGRAM_BYTES: usize = 16 << 20;
/// Deepest nesting of brackets, of chained unary or power operators, or of
/// `lambda`s and `x if c else y`s, accepted in one line.
pub const MAX_NESTING: usize = 200;
/// Deepest nesting of indented blocks accepted.
pub const MAX_BLOCK_DEPTH: usize = 100;

/// Rejects a program too large to parse.
pub(super) fn check_program(source: &str) -> Result<(), ParseError> {
    if source.len() > MAX_PROGRAM_BYTES {
        return Err(ParseError::new(
            format!(
                "this program is {} bytes long; the limit is {MAX_PROGRAM_BYTES}. Split it into several files",
                source.len()
            ),
            Span::new(MAX_PROGRAM_BYTES, source.len()),
        ));
    }
    Ok(())
}

/// Rejects the logical line `source[start..end]` if it is too long or
/// nested too deeply to parse safely.
pub(super) fn check_line(source: &str, start: usize, end: usize) -> Result<(), ParseError> {
    if end - start > MAX_LINE_BYTES {
        return Err(ParseError::new(
            format!(
                "this line is {} bytes long; the limit is {MAX_LINE_BYTES}. Split it into several statements",
                end - start
            ),
            Span::new(start + MAX_LINE_BYTES, end),
        ));
    }
    let bytes = &source.as_bytes()[start..end];
    let mut depth = 0usize;
    let mut unary_run = 0usize;
    let mut powers = 0usize;
    let mut nested_words = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let mut width = 1;
        match (quote, byte) {
            (Some(_), b'\\') if i + 1 < bytes.len() => width = 2,
            (Some(q), _) if byte == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'#') => {
                while i + width < bytes.len() && bytes[i + width] != b'\n' {
                    width += 1;
                }
            }
            (None, b'(' | b'[') => depth += 1,
            (None, b')' | b']') => depth = depth.saturating_sub(1),
            (None, b'-' | b'+') => unary_run += 1,
            (None, b'^') => powers += 1,
            (None, b'*') if i > 0 && bytes[i - 1] == b'*' => powers += 1,
            (None, b) if b.is_ascii_alphabetic() || b == b'_' => {
                while i + width < bytes.len()
                    && (bytes[i + width].is_ascii_alphanumeric() || bytes[i + width] == b'_')
                {
                    width += 1;
                }
                match &bytes[i..i + width] {
                    b"not" => unary_run += 1,
                    b"if" | b"lambda" => {
                        nested_words += 1;
                        unary_run = 0;
                    }
                    _ => unary_run = 0,
                }
            }
            (None, b) if b.is_ascii_whitespace() || b == b'\\' => {}
            (None, _) => unary_run = 0,
        }
        if depth > MAX_NESTING
            || unary_run > MAX_NESTING
            || powers > MAX_NESTING
            || nested_words > MAX_NESTING
        {
            let at = start + i;
            return Err(ParseError::new(
                format!("this expression is nested more than {MAX_NESTING} levels deep; break it into named steps"),
                Span::new(at, at + width),
            ));
        }
        i += width;
    }
    Ok(())
}
