//! Errors and warnings that point at the problem: a caret under the bad
//! column at the prompt, `FILE:LINE:COL` plus the source line in a script.

use std::io::{self, Write};

use super::Palette;
use crate::syntax::Span;

/// Where the line being reported came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin<'a> {
    /// Typed at the prompt; the line is on screen just above, after a prompt
    /// this many columns wide, so the caret lines up under it.
    Prompt {
        /// Width of the prompt in columns (`>>> ` is 4).
        prompt_width: usize,
    },
    /// Line `line` (1-based) of a script called `name` (`<stdin>` for a pipe).
    Script {
        /// The file name as the user gave it.
        name: &'a str,
        /// 1-based line number.
        line: usize,
    },
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The statement did not run.
    Error,
    /// The statement ran, but something deserves attention.
    Warning,
}

/// One diagnostic to print.
#[derive(Clone, Copy, Debug)]
pub struct Diagnostic<'a> {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// Where in `source`.
    pub span: Span,
    /// A suggestion, if any.
    pub help: Option<&'a str>,
}

/// Writes a diagnostic about `source` (one line of input).
pub fn write(
    out: &mut dyn Write,
    palette: Palette,
    origin: Origin,
    source: &str,
    diagnostic: &Diagnostic,
) -> io::Result<()> {
    let column = diagnostic.span.column(source);
    let width = caret_width(source, diagnostic.span);
    let (word, painted_word) = match diagnostic.severity {
        Severity::Error => ("error", palette.error("error")),
        Severity::Warning => ("warning", palette.warning("warning")),
    };
    let caret = palette.bad(&"^".repeat(width));
    match origin {
        Origin::Prompt { prompt_width } => {
            if diagnostic.severity == Severity::Error {
                writeln!(out, "{}{caret}", " ".repeat(prompt_width + column - 1))?;
            }
            writeln!(out, "{painted_word}: {}", diagnostic.message)?;
        }
        Origin::Script { name, line } => {
            let _ = word;
            writeln!(
                out,
                "{}: {painted_word}: {}",
                palette.bold(&format!("{name}:{line}:{column}")),
                diagnostic.message
            )?;
            let (shown, caret_column) = visible_window(source.trim_end(), column);
            writeln!(out, "    {shown}")?;
            writeln!(out, "    {}{caret}", " ".repeat(caret_column - 1))?;
        }
    }
    if let Some(help) = diagnostic.help {
        writeln!(out, "{}: {help}", palette.dim("help"))?;
    }
    Ok(())
}

/// The part of a long line worth showing around `column` (1-based, in
/// characters), with control characters made visible so they cannot move
/// the cursor or hide; returns the text and the caret's column within it.
fn visible_window(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 60;
    const AFTER: usize = 60;
    let skip = column.saturating_sub(BEFORE + 1);
    let mut shown: String = if skip > 0 {
        "…".into()
    } else {
        String::new()
    };
    let caret_column = column - skip + usize::from(skip > 0);
    let mut chars = line.chars().skip(skip);
    for c in chars.by_ref().take(BEFORE + AFTER) {
        shown.push(if c.is_control() { '�' } else { c });
    }
    if chars.next().is_some() {
        shown.push('…');
    }
    (shown, caret_column)
}

/// How many carets: the span's width in characters, at least one, and not
/// past the end of what is shown.
fn caret_width(source: &str, span: Span) -> usize {
    let start = span.start.min(source.len());
    let end = span.end.clamp(start, source.len());
    source
        .get(start..end)
        .map_or(1, |text| text.chars().count())
        .clamp(1, 80)
}
