//! Byte ranges into the source given to the parser (one line at the prompt,
//! a whole block or a whole file), carried by every AST node and error, and
//! the line/column arithmetic diagnostics need to print `FILE:LINE:COL` and
//! put a caret under the problem.

/// A half-open byte range `start..end` into the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The same span moved `offset` bytes later (a span of a slice made a
    /// span of the whole source).
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// 1-based line and column of `start` in `source`; the column counts
    /// characters from the start of its line.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        let start = floor_char_boundary(source, self.start);
        let before = &source[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, source[line_start..start].chars().count() + 1)
    }

    /// 1-based column of `start` in its line of `source`, in characters.
    pub fn column(&self, source: &str) -> usize {
        self.line_col(source).1
    }

    /// The text of the line `start` is on (without its line break), to
    /// print under a diagnostic with a caret at [`Span::column`].
    pub fn line_text<'s>(&self, source: &'s str) -> &'s str {
        let start = floor_char_boundary(source, self.start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        source[line_start..line_end].trim_end_matches('\r')
    }
}

/// The largest char boundary at or before `index` (clamped to the source).
fn floor_char_boundary(source: &str, index: usize) -> usize {
    let mut index = index.min(source.len());
    while !source.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let source = "a = 1\nfor é in xs:\n    y = é + 1\n";
        let at = source.rfind('é').unwrap_or(0);
        assert_eq!(Span::new(at, at + 2).line_col(source), (3, 9));
        assert_eq!(Span::new(0, 1).line_col(source), (1, 1));
        assert_eq!(Span::new(at, at + 2).line_text(source), "    y = é + 1");
        let end = source.len();
        assert_eq!(Span::new(end, end).line_col(source), (4, 1));
        assert_eq!(Span::new(end, end).line_text(source), "");
        assert_eq!(Span::new(3, 4).column("x\r\ny = 2"), 1);
    }
}
