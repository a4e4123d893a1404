//! What the prompt and script mode need to know about raw text before it is
//! parsed: whether typed lines make a complete input yet (Python's REPL
//! rules), and how to cut a file or a paste into top-level statements, each
//! with its block, to run one after another with the right line numbers.

use super::blocks::can_continue;
use super::layout::{logical_lines, LogicalLine};

/// Whether the lines typed so far can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputState {
    /// Run it (or show its error).
    Complete,
    /// Prompt for another line with `... `.
    NeedsMore,
}

/// Decides, as Python's REPL does, whether `text` (the lines typed so far,
/// joined with `\n`, no line break after the last) is complete: a line
/// left open (an open bracket, a trailing `\`, an open `"""`) needs more; a
/// compound statement (a first line ending in `:`, or `if x: y = 1`) is
/// complete only once an empty line was typed after it. Text with an error
/// no later line can mend (an unmatched `)`, a tab in the indentation,
/// `def f(:`: see [`can_continue`]) is complete, so the error shows.
pub fn input_state(text: &str) -> InputState {
    let lines = logical_lines(text);
    if lines.iter().any(|l| l.problem.is_some()) {
        return InputState::Complete;
    }
    let Some(last) = lines.last() else {
        return InputState::Complete;
    };
    if !can_continue(text) {
        return InputState::Complete;
    }
    if last.open.is_some() {
        return InputState::NeedsMore;
    }
    let Some(chunk_start) = lines.iter().rposition(|l| starts_chunk(text, l)) else {
        return InputState::Complete;
    };
    let first = &lines[chunk_start];
    let compound = first.ends_with_colon || starts_with_compound_keyword(&text[first.content..]);
    let ended_by_empty_line = text
        .rsplit('\n')
        .next()
        .is_some_and(|last_line| last_line.trim().is_empty())
        && text.contains('\n');
    if compound && !ended_by_empty_line {
        InputState::NeedsMore
    } else {
        InputState::Complete
    }
}

/// One top-level statement of a program's text, with its block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// 1-based line of the whole text its first line is.
    pub start_line: usize,
    /// Byte offset of its first line in the whole text.
    pub start: usize,
    /// Its text: from its first line to its last non-blank line (comment
    /// lines inside or right after it included), without the final line
    /// break.
    pub text: String,
}

/// Cuts a program's text into top-level statements with their blocks: a
/// line at indentation 0 that is not `elif`/`else` or a continuation (of an
/// open bracket, a `\` or a `"""` string) starts a new chunk. Blank and
/// comment lines before the first statement belong to no chunk. A line
/// that is wrongly indented at the start stays in a chunk, so parsing the
/// chunk reports it. Parsing each chunk alone gives the same statements as
/// parsing the whole text, spans counted from the chunk's start.
pub fn split_chunks(text: &str) -> Vec<Chunk> {
    let lines = logical_lines(text);
    let mut starts: Vec<usize> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if index == 0 || starts_chunk(text, line) {
            starts.push(index);
        }
    }
    let mut chunks = Vec::with_capacity(starts.len());
    for (n, &first) in starts.iter().enumerate() {
        let start = lines[first].start;
        let end = match starts.get(n + 1) {
            Some(&next) => lines[next].start,
            None => text.len(),
        };
        let body = trim_blank_tail(&text[start..end]);
        chunks.push(Chunk {
            start_line: lines[first].line,
            start,
            text: body.to_string(),
        });
    }
    chunks
}

/// A top-level line that is not an `elif`/`else` of the statement before.
fn starts_chunk(text: &str, line: &LogicalLine) -> bool {
    line.indent == 0 && !starts_with_word(&text[line.content..], &["elif", "else"])
}

fn starts_with_compound_keyword(code: &str) -> bool {
    starts_with_word(
        code,
        &[
            "for", "while", "if", "def", "class", "with", "try", "elif", "else",
        ],
    )
}

fn starts_with_word(code: &str, words: &[&str]) -> bool {
    words.iter().any(|word| {
        code.strip_prefix(word)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// `text` without its trailing blank lines and final line break (a comment
/// line stays: it may be the end of a lesson's answer). A `\` at the end
/// keeps the line it continues onto, blank or not: `\` then a blank line
/// is a blank logical line in Python, while a chunk ending in `\` alone
/// would be an error the whole text does not have.
fn trim_blank_tail(text: &str) -> &str {
    let mut body = text.trim_end_matches(['\n', '\r']);
    while let Some(line_start) = body.rfind('\n').map(|i| i + 1) {
        if !body[line_start..].trim().is_empty() {
            break;
        }
        body = body[..line_start].trim_end_matches(['\n', '\r']);
    }
    if body.ends_with('\\') && body.len() < text.len() {
        let rest = &text[body.len()..];
        let break_len = if rest.starts_with("\r\n") { 2 } else { 1 };
        let continued = &rest[break_len..];
        let line_len = continued.find('\n').map_or(continued.len(), |i| i + 1);
        return &text[..body.len() + break_len + line_len];
    }
    body
}

#[cfg(test)]
mod tests {
    use super::{input_state, split_chunks, InputState::*};

    #[test]
    fn prompt_follows_pythons_repl() {
        assert_eq!(input_state("x = 1"), Complete);
        assert_eq!(input_state(""), Complete);
        assert_eq!(input_state("y = tanh(x"), NeedsMore);
        assert_eq!(input_state("y = [1,\n 2"), NeedsMore);
        assert_eq!(input_state("y = [1,\n 2]"), Complete);
        assert_eq!(input_state("y = 1 + \\"), NeedsMore);
        assert_eq!(input_state("for k in range(3):"), NeedsMore);
        assert_eq!(input_state("for k in range(3):\n    print(k)"), NeedsMore);
        assert_eq!(input_state("for k in range(3):\n    print(k)\n"), Complete);
        assert_eq!(
            input_state("for k in range(3):\n    print(k)\n   "),
            Complete
        );
        assert_eq!(input_state("if x: y = 1"), NeedsMore);
        assert_eq!(input_state("if x: y = 1\n"), Complete);
        assert_eq!(input_state("x = 1  # a comment:"), Complete);
        assert_eq!(input_state("s = 'a:'"), Complete);
        assert_eq!(input_state("f(x))"), Complete, "the stray `)` is shown");
        assert_eq!(
            input_state("def f(x):\n\treturn x"),
            Complete,
            "the tab is shown"
        );
        assert_eq!(input_state("if a:\n    b\nelse:"), NeedsMore);
        assert_eq!(input_state("for i in x:\n    y\nz = 1"), Complete);
        assert_eq!(input_state("for i in x:\n    y\nfor j in z:"), NeedsMore);
        assert_eq!(input_state("for i in x:\n    f(1,\n"), NeedsMore);
    }

    #[test]
    fn chunks_are_top_level_statements_with_their_blocks() {
        let text = "# setup\n\na = 1\nfor k in range(3):\n    a += k\n\n    # more\n    b = [1,\n2]\nif a:\n    c = 1\nelse:\n    c = 2\n\nprint(a)\n";
        let chunks = split_chunks(text);
        let shape: Vec<(usize, &str)> = chunks
            .iter()
            .map(|c| (c.start_line, c.text.as_str()))
            .collect();
        assert_eq!(
            shape,
            [
                (3, "a = 1"),
                (
                    4,
                    "for k in range(3):\n    a += k\n\n    # more\n    b = [1,\n2]"
                ),
                (10, "if a:\n    c = 1\nelse:\n    c = 2"),
                (15, "print(a)"),
            ]
        );
        assert_eq!(chunks[1].start, text.find("for").unwrap_or(0));
        assert!(split_chunks("# only a comment\n\n").is_empty());
        // proptest found this: `\` then a blank line is one blank logical
        // line; the chunk must keep the blank line it continues onto.
        let continued = split_chunks("\\\n\nreturn a, b");
        assert_eq!(continued.len(), 2);
        assert_eq!(continued[0].text, "\\\n\n");
        assert_eq!(continued[1].text, "return a, b");
        assert_eq!(split_chunks("  x = 1\ny = 2").len(), 2);
    }
}
