//! Byte ranges into one input line, carried by every AST node and error so
//! diagnostics can put a caret under the problem.

/// A half-open byte range `start..end` into the source line.
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

    /// 1-based column of `start` in `source`, counted in characters.
    pub fn column(&self, source: &str) -> usize {
        let end = self.start.min(source.len());
        source.char_indices().take_while(|(i, _)| *i < end).count() + 1
    }
}
