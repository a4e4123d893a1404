//! Cuts source text into logical lines, as Python's tokenizer does before
//! parsing: a logical line runs on while a bracket is open or a line ends in
//! `\`; blank and comment-only lines are skipped; each logical line knows its
//! indentation. The scan is one pass over the bytes, never recursive, and it
//! never fails: layout problems (a tab in the indentation, a stray or
//! mismatched closing bracket) are recorded on the line they are on, so the
//! parser can report problems in source order, and the prompt and the
//! chunker can still read the shape of broken text.

use super::{ParseError, Span};

/// One logical line of the source.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LogicalLine {
    /// Byte offset of the start of its first physical line.
    pub start: usize,
    /// Byte offset where its code starts (after the indentation).
    pub content: usize,
    /// Byte offset of its end (before the line break that ends it).
    pub end: usize,
    /// Spaces of indentation.
    pub indent: usize,
    /// 1-based number of its first physical line.
    pub line: usize,
    /// Its last code character (outside strings and comments) is `:`.
    pub ends_with_colon: bool,
    /// The first layout problem on it, if any.
    pub problem: Option<ParseError>,
    /// How it is still open at the end of the source, if it is.
    pub open: Option<Open>,
}

/// Why a logical line is unfinished when the source ends.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Open {
    /// A bracket is open: the one at this span (the innermost).
    Bracket(Span, char),
    /// The last line ends in `\`.
    Backslash,
    /// A `"""` or `'''` string is not closed; it started here.
    TripleString(Span),
}

/// Cuts `source` into its logical lines.
pub(super) fn logical_lines(source: &str) -> Vec<LogicalLine> {
    let mut scanner = Scanner {
        bytes: source.as_bytes(),
        source,
        at: 0,
        line: 1,
    };
    let mut lines = Vec::new();
    while scanner.at < scanner.bytes.len() {
        if let Some(line) = scanner.logical_line() {
            lines.push(line);
        }
    }
    lines
}

struct Scanner<'s> {
    source: &'s str,
    bytes: &'s [u8],
    at: usize,
    line: usize,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Scans from the start of a physical line; `None` for a blank or
    /// comment-only line (which it skips).
    fn logical_line(&mut self) -> Option<LogicalLine> {
        let start = self.at;
        let first_line = self.line;
        let mut problem = None;
        while let Some(b' ' | b'\t' | b'\x0c') = self.peek(0) {
            if self.peek(0) == Some(b'\t') && problem.is_none() {
                problem = Some(ParseError::new(
                    "a tab in the indentation: indent with spaces only (4 per level, as in Python)",
                    Span::new(self.at, self.at + 1),
                ));
            }
            self.at += 1;
        }
        let content = self.at;
        let indent = content - start;
        if matches!(self.peek(0), None | Some(b'\n' | b'#'))
            || (self.peek(0) == Some(b'\r') && matches!(self.peek(1), None | Some(b'\n')))
        {
            self.skip_to_line_end();
            self.take_newline();
            return None;
        }
        let mut brackets: Vec<(u8, usize)> = Vec::new();
        let mut last_code = 0u8;
        let mut open = None;
        let end = loop {
            let Some(byte) = self.peek(0) else {
                if let Some(&(bracket, at)) = brackets.last() {
                    open = Some(Open::Bracket(Span::new(at, at + 1), char::from(bracket)));
                } else if [&b"\\\n"[..], b"\\\r\n"]
                    .iter()
                    .any(|tail| self.bytes[start..self.at].ends_with(tail))
                {
                    // The text ends just after a `\` continuation.
                    open = Some(Open::Backslash);
                }
                break trim_cr(self.bytes, start, self.at);
            };
            match byte {
                b'#' => self.skip_to_line_end(),
                b'\n' => {
                    let end = self.at;
                    self.take_newline();
                    if brackets.is_empty() {
                        break trim_cr(self.bytes, start, end);
                    }
                }
                b'\\'
                    if matches!(self.peek(1), Some(b'\n'))
                        || (self.peek(1) == Some(b'\r') && self.peek(2) == Some(b'\n')) =>
                {
                    self.at += 1;
                    if self.peek(0) == Some(b'\r') {
                        self.at += 1;
                    }
                    self.take_newline();
                }
                b'\\' if self.at + 1 == self.bytes.len() => {
                    self.at += 1;
                    open = Some(Open::Backslash);
                    break self.at;
                }
                b'"' | b'\'' => {
                    last_code = byte;
                    if let Some(unclosed) = self.string(byte) {
                        open = Some(Open::TripleString(unclosed));
                        break self.at;
                    }
                }
                b'(' | b'[' | b'{' => {
                    brackets.push((byte, self.at));
                    last_code = byte;
                    self.at += 1;
                }
                b')' | b']' | b'}' => {
                    last_code = byte;
                    if problem.is_none() {
                        problem = self.closing_problem(&brackets, byte);
                    }
                    // A mismatched closer still closes (the problem is on
                    // record), so the rest of the text keeps its shape.
                    brackets.pop();
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' | b'\x0c' => self.at += 1,
                _ => {
                    last_code = byte;
                    self.at += 1;
                }
            }
        };
        Some(LogicalLine {
            start,
            content,
            end,
            indent,
            line: first_line,
            ends_with_colon: last_code == b':',
            problem,
            open,
        })
    }

    fn closing_problem(&self, brackets: &[(u8, usize)], byte: u8) -> Option<ParseError> {
        let here = Span::new(self.at, self.at + 1);
        let found = char::from(byte);
        match brackets.last() {
            None => Some(ParseError::new(
                format!("this `{found}` has no opening bracket to close"),
                here,
            )),
            Some(&(opening, at)) if closer(opening) != byte => {
                let (line, column) = Span::new(at, at + 1).line_col(self.source);
                Some(ParseError {
                    help: Some(format!(
                        "close the `{}` first with `{}`",
                        char::from(opening),
                        char::from(closer(opening))
                    )),
                    ..ParseError::new(
                        format!(
                            "this `{found}` does not match the `{}` at line {line}, column {column}",
                            char::from(opening)
                        ),
                        here,
                    )
                })
            }
            Some(_) => None,
        }
    }

    /// Skips a string starting at the quote under the cursor. Returns the
    /// opening's span if a triple-quoted string runs to the end of the
    /// source. A one-line string ends at its line's end even when unclosed
    /// (the parser then says the closing quote is missing).
    fn string(&mut self, quote: u8) -> Option<Span> {
        let opening = self.at;
        if self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
            self.at += 3;
            loop {
                match self.peek(0) {
                    None => return Some(Span::new(opening, opening + 3)),
                    Some(b'\\') => self.skip_escape(),
                    Some(b'\n') => self.take_newline(),
                    Some(b)
                        if b == quote
                            && self.peek(1) == Some(quote)
                            && self.peek(2) == Some(quote) =>
                    {
                        self.at += 3;
                        return None;
                    }
                    Some(_) => self.at += 1,
                }
            }
        }
        self.at += 1;
        loop {
            match self.peek(0) {
                None | Some(b'\n') => return None,
                Some(b'\\') if self.peek(1) != Some(b'\n') => self.skip_escape(),
                Some(b) if b == quote => {
                    self.at += 1;
                    return None;
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// Steps over a backslash and the character it escapes, never past the
    /// end (a line break inside a `"""` string is still counted).
    fn skip_escape(&mut self) {
        self.at += 1;
        match self.peek(0) {
            Some(b'\n') => self.take_newline(),
            Some(_) => self.at += 1,
            None => {}
        }
    }

    fn skip_to_line_end(&mut self) {
        while !matches!(self.peek(0), None | Some(b'\n')) {
            self.at += 1;
        }
    }

    fn take_newline(&mut self) {
        if self.peek(0) == Some(b'\n') {
            self.at += 1;
            self.line += 1;
        }
        self.at = self.at.min(self.bytes.len());
    }
}

fn closer(opening: u8) -> u8 {
    match opening {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// `end` without a `\r` just before it (a CRLF line break).
fn trim_cr(bytes: &[u8], start: usize, end: usize) -> usize {
    if end > start && bytes[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::{logical_lines, Open};

    fn shape(source: &str) -> Vec<(usize, usize, &str)> {
        logical_lines(source)
            .into_iter()
            .map(|l| (l.line, l.indent, &source[l.content..l.end]))
            .collect()
    }

    #[test]
    fn lines_continue_inside_brackets_and_after_backslash() {
        let source = "for k in range(3):\n    ys = [1,\n  2]  # two\n\n    # note\n    z = 1 + \\\n 2\nprint(z)";
        assert_eq!(
            shape(source),
            [
                (1, 0, "for k in range(3):"),
                (2, 4, "ys = [1,\n  2]  # two"),
                (6, 4, "z = 1 + \\\n 2"),
                (8, 0, "print(z)"),
            ]
        );
        assert!(logical_lines(source)[0].ends_with_colon);
        assert!(!logical_lines("x = 1  # see:")
            .pop()
            .is_some_and(|l| l.ends_with_colon));
    }

    #[test]
    fn strings_hide_brackets_and_comments() {
        assert_eq!(
            shape("s = '(#'\nt = \"]\""),
            [(1, 0, "s = '(#'"), (2, 0, "t = \"]\"")]
        );
        assert_eq!(
            shape("d = \"\"\"a\n(b\"\"\"\nx"),
            [(1, 0, "d = \"\"\"a\n(b\"\"\""), (3, 0, "x")]
        );
    }

    #[test]
    fn unfinished_lines_say_why() {
        let open = |s: &str| logical_lines(s).pop().and_then(|l| l.open);
        assert!(matches!(open("y = tanh(x"), Some(Open::Bracket(span, '(')) if span.start == 8));
        assert_eq!(open("y = 1 + \\"), Some(Open::Backslash));
        assert!(matches!(open("s = '''abc"), Some(Open::TripleString(_))));
        assert_eq!(open("y = (1)\n"), None);
        assert_eq!(
            logical_lines("\"\\").len(),
            1,
            "a string may end the text in `\\`"
        );
        assert_eq!(logical_lines("'''a\\\nb'''\nc").len(), 2);
    }

    #[test]
    fn layout_problems_are_recorded_on_their_line() {
        let lines = logical_lines("x = 1\n\ty = 2\nz = (1]");
        assert_eq!(lines[1].problem.as_ref().map(|p| p.span.start), Some(6));
        let mismatch = lines[2].problem.as_ref().map(|p| p.message.clone());
        assert!(mismatch.is_some_and(|m| m.contains("does not match the `(` at line 3, column 5")));
        let stray = logical_lines("f(x))").pop().and_then(|l| l.problem);
        assert!(
            stray.is_some_and(|p| p.message.contains("no opening bracket") && p.span.start == 4)
        );
    }
}
