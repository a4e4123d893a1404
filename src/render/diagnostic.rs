//! Errors and warnings that point at the problem: a caret under the bad
//! column at the prompt, `FILE:LINE:COL` plus the source line in a script.

use std::io::{self, Write};

use crate::syntax::Span;
use crate::text::{char_width, display_width, wrap, Style};

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

/// The widest `FILE:LINE:COL: error: ` the message is hung under; past it
/// the message starts on the next line.
const MAX_HANGING_INDENT: usize = 32;

/// Writes a diagnostic about `source` (one line of input).
pub fn write(
    out: &mut dyn Write,
    style: Style,
    origin: Origin,
    source: &str,
    diagnostic: &Diagnostic,
) -> io::Result<()> {
    let palette = style.palette;
    let column = diagnostic.span.column(source);
    let width = caret_width(source, diagnostic.span);
    let start = floor_char_boundary(source, diagnostic.span.start);
    let (word, painted_word) = match diagnostic.severity {
        Severity::Error => ("error", palette.error("error")),
        Severity::Warning => ("warning", palette.warning("warning")),
    };
    let caret = palette.bad(&"^".repeat(width));
    match origin {
        Origin::Prompt { prompt_width } => {
            if diagnostic.severity == Severity::Error {
                let before = display_width(&source[..start]);
                writeln!(out, "{}{caret}", " ".repeat(prompt_width + before))?;
            }
            let label = format!("{painted_word}: ");
            writeln!(
                out,
                "{}",
                wrap::hanging(diagnostic.message, &label, style.width)
            )?;
        }
        Origin::Script { name, line } => {
            let location = format!("{name}:{line}:{column}");
            let label = format!("{}: {painted_word}: ", palette.bold(&location));
            let label_width = display_width(&location) + word.len() + 4;
            if label_width > MAX_HANGING_INDENT {
                // Under a long path the message would hang in a one-word
                // column: it gets its own lines instead.
                writeln!(out, "{}", label.trim_end())?;
                writeln!(
                    out,
                    "{}",
                    wrap::hanging(diagnostic.message, "  ", style.width)
                )?;
            } else {
                writeln!(
                    out,
                    "{}",
                    wrap::hanging(diagnostic.message, &label, style.width)
                )?;
            }
            let (shown, caret_column) = visible_window(source.trim_end(), column);
            writeln!(out, "    {shown}")?;
            writeln!(out, "    {}{caret}", " ".repeat(caret_column - 1))?;
        }
    }
    if let Some(help) = diagnostic.help {
        let label = format!("{}: ", palette.dim("help"));
        writeln!(out, "{}", wrap::hanging(help, &label, style.width))?;
    }
    Ok(())
}

/// The part of a long line worth showing around `column` (1-based, in
/// characters), with control characters made visible so they cannot move
/// the cursor or hide (a tab becomes one space); returns the text and the
/// caret's column within it in display columns, so wide characters (CJK,
/// emoji) before the caret do not push it off its mark.
fn visible_window(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 60;
    const AFTER: usize = 60;
    let skip = column.saturating_sub(BEFORE + 1);
    let mut shown: String = if skip > 0 {
        "…".into()
    } else {
        String::new()
    };
    let mut caret_column = 1 + usize::from(skip > 0);
    let mut chars = line.chars().skip(skip);
    for (index, c) in chars.by_ref().take(BEFORE + AFTER).enumerate() {
        let c = match c {
            '\t' => ' ',
            c if c.is_control() => '�',
            c => c,
        };
        if skip + index + 1 < column {
            caret_column += char_width(c);
        }
        shown.push(c);
    }
    if chars.next().is_some() {
        shown.push('…');
    }
    (shown, caret_column)
}

/// How many carets: the span's width in display columns, at least one, and
/// not past the end of what is shown.
fn caret_width(source: &str, span: Span) -> usize {
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(start));
    display_width(&source[start..end]).clamp(1, 80)
}

/// `index` clamped to `text` and moved back to the start of its character.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script_error(source: &str, start: usize, end: usize) -> Vec<String> {
        let mut out = Vec::new();
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            message: "bad",
            span: Span::new(start, end),
            help: None,
        };
        let origin = Origin::Script { name: "f", line: 1 };
        write(&mut out, Style::plain(), origin, source, &diagnostic).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The caret's first and last display column in `caret_line`.
    fn caret_columns(caret_line: &str) -> (usize, usize) {
        let first = caret_line.find('^').unwrap();
        (first, caret_line.rfind('^').unwrap())
    }

    #[test]
    fn carets_line_up_under_wide_and_multibyte_characters() {
        // Each case: the source, the bad text, and how many display columns
        // precede it (CJK and emoji take two columns, é and √ one).
        for (source, bad, columns_before) in [
            ("x = \"√√√√\" +* 1", "*", 12),
            ("x = \"中文中文\" +* 1", "*", 16),
            ("x = \"🎉🎉\" +* 1", "*", 12),
            ("é = \"日本\" + ab", "ab", 13),
            ("x\t= 1\t+\t*2", "*", 8),
        ] {
            let start = source.find(bad).unwrap();
            let lines = script_error(source, start, start + bad.len());
            let indent = "    ".len();
            assert_eq!(
                caret_columns(&lines[2]),
                (
                    indent + columns_before,
                    indent + columns_before + bad.len() - 1
                ),
                "{source}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_long_path_puts_the_message_on_its_own_lines_not_in_a_column() {
        let name = format!("/home/learner/{}/session.mg", "projects/".repeat(5));
        assert!(name.len() > 60);
        let message = "there is no function called `tanhh`; did you mean `tanh`? \
                       Functions are listed by :help functions";
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            message,
            span: Span::new(4, 9),
            help: None,
        };
        let mut out = Vec::new();
        let origin = Origin::Script {
            name: &name,
            line: 12,
        };
        write(
            &mut out,
            Style::plain(),
            origin,
            "y = tanhh(x)",
            &diagnostic,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("{name}:12:5: error:"));
        assert!(
            lines[1].starts_with("  there is no function called"),
            "{text}"
        );
        let shown: Vec<&str> = lines[1..3]
            .iter()
            .flat_map(|l| l.split_whitespace())
            .collect();
        assert_eq!(
            shown.join(" "),
            message.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert!(lines[1..].iter().all(|l| l.chars().count() <= 80), "{text}");

        // A short name keeps the message beside it.
        let lines = script_error("y = tanhh(x)", 4, 9);
        assert_eq!(lines[0], "f:1:5: error: bad");
    }

    #[test]
    fn a_wide_span_gets_a_caret_per_column() {
        let lines = script_error("x = 中文 + 1", 4, 10);
        assert_eq!(caret_columns(&lines[2]), (8, 11), "{lines:?}");
    }

    #[test]
    fn prompt_caret_counts_display_columns() {
        let mut out = Vec::new();
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            message: "bad",
            span: Span::new(14, 15),
            help: None,
        };
        let source = "x = \"中文\" +* 1";
        assert_eq!(&source[14..15], "*");
        let origin = Origin::Prompt { prompt_width: 4 };
        write(&mut out, Style::plain(), origin, source, &diagnostic).unwrap();
        let text = String::from_utf8(out).unwrap();
        // `>>> x = "` is 9 columns, 中文 4, `" +` 3: the `*` is in column 17.
        assert_eq!(text.lines().next().unwrap(), format!("{}^", " ".repeat(16)));
    }
}
