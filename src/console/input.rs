//! Lines in, whole inputs out. A learner types (or pastes, or a file holds)
//! lines; the console runs *inputs*: one simple statement line, or a
//! compound statement (`for`, `while`, `if`, `def`) with its indented body,
//! or a statement whose brackets span several lines. [`Assembler`] is the
//! one place that decides where an input ends, for the prompt, for scripts
//! and for pasted text alike, so the same text runs the same way wherever
//! it comes from.
//!
//! Two modes differ only in what a blank line means inside a block:
//! - [`Mode::Prompt`] (Python's REPL): an empty line ends the block.
//! - [`Mode::File`] (a script, a pasted or recalled multi-line buffer): a
//!   block ends where a line at column 0 starts something new (or at the
//!   end of the text); blank lines inside a body are just blank lines.

/// What a blank line inside a block means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Typed at the prompt: an empty line ends a block.
    Prompt,
    /// From a file or a paste: only a new statement at column 0 (or the end
    /// of the text) ends a block.
    File,
}

/// One complete input: its text (lines joined by `\n`) and the 1-based
/// number of its first line in the whole stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The text to run; spans of errors point into it.
    pub text: String,
    /// Line number of the chunk's first line (for `FILE:LINE:COL`).
    pub first_line: usize,
}

/// An input larger than this is handed to the parser as it is (which then
/// reports it), so an unclosed bracket in a huge file cannot make the
/// assembler hold the whole file.
const MAX_PENDING_BYTES: usize = 4 << 20;

/// Text typed at the prompt up to this size is parsed again after each
/// line, to tell a mistake no later line can mend at once; longer text (no
/// one types it, but a notebook cell is asked about line by line) is not,
/// so asking stays quick.
const MAX_CHECKED_BYTES: usize = 16 << 10;
/// ... nor text of more lines than this.
const MAX_CHECKED_LINES: usize = 200;

/// Collects lines into [`Chunk`]s.
#[derive(Debug)]
pub struct Assembler {
    mode: Mode,
    pending: Vec<String>,
    first_line: usize,
    lines_seen: usize,
    pending_bytes: usize,
    open: Open,
}

impl Assembler {
    /// An assembler with nothing pending; line numbers start at 1.
    pub fn new(mode: Mode) -> Self {
        Assembler {
            mode,
            pending: Vec::new(),
            first_line: 1,
            lines_seen: 0,
            pending_bytes: 0,
            open: Open::default(),
        }
    }

    /// Switches between prompt and file rules (a paste at the prompt is
    /// read by file rules).
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// True while an input is open: the prompt shows `... `.
    pub fn needs_more(&self) -> bool {
        !self.pending.is_empty()
    }

    /// True when the pending input could end here, were the text to end:
    /// no bracket or backslash is open and the last line does not end in
    /// `:` (a header still waiting for its body). A paste that ends so is
    /// complete, as the same text in a file would be.
    pub fn could_end(&self) -> bool {
        !self.open.continues() && !self.open.header_last
    }

    /// At the prompt, after an empty line while a bracket is still open
    /// (Python's REPL waits on, and so does this one): which bracket and
    /// where, so a learner stuck at `... ` sees what to close.
    pub fn open_bracket_note(&self) -> Option<String> {
        let &(line, column, bracket) = self.open.brackets.last()?;
        let closing = match bracket {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        let place = if line == 0 {
            format!("column {column}")
        } else {
            format!("line {} of this input, column {column}", line + 1)
        };
        Some(format!(
            "a `{bracket}` opened at {place} is still open: type its `{closing}` to finish the statement, or Ctrl-C to drop it"
        ))
    }

    /// The indent the next `... ` line starts with at a terminal, as
    /// IPython's autoindent types it: one level (4 spaces) deeper after a
    /// line ending in `:`, the indent of the line above inside a body, a
    /// level back after a line that ends its block (`return`, `pass`,
    /// `break`, `continue`, `raise`). `None` with nothing open, or inside
    /// an open bracket (whose lines are free of indentation).
    pub fn continuation_indent(&self) -> Option<String> {
        if self.pending.is_empty() || self.open.continues() {
            return None;
        }
        let last = self
            .pending
            .iter()
            .rev()
            .find(|line| !is_blank(line) && !is_comment(line))?;
        let spaces = last.len() - last.trim_start_matches(' ').len();
        if last[spaces..].starts_with('\t') {
            return None;
        }
        let level = if self.open.header_last {
            spaces + 4
        } else if matches!(
            first_word(last),
            "return" | "pass" | "break" | "continue" | "raise"
        ) {
            spaces.saturating_sub(4)
        } else {
            spaces
        };
        Some(" ".repeat(level))
    }

    /// How many lines have been pushed so far.
    pub fn lines_seen(&self) -> usize {
        self.lines_seen
    }

    /// Takes one line (without its newline) and returns the inputs it
    /// completed, in order: none while a block or bracket is open, one for
    /// a simple line, two when a line at column 0 both ends a block and is
    /// itself complete.
    pub fn push_line(&mut self, line: &str) -> Vec<Chunk> {
        self.lines_seen += 1;
        let mut done = Vec::new();
        if self.pending.is_empty() {
            self.start(line, &mut done);
            return done;
        }
        if self.open.continues() {
            self.append(line);
        } else if is_blank(line) {
            match self.mode {
                Mode::Prompt => done.extend(self.take()),
                Mode::File => self.append(line),
            }
            return done;
        } else if starts_indented(line) || is_comment(line) || continues_compound(line) {
            self.append(line);
        } else if self.open.header_last {
            // A header's body typed without its indent: one input, so the
            // parser says once that the body must be indented (as Python
            // does), not that the header has no body and then what the
            // line means outside it.
            self.append(line);
            done.extend(self.take());
            return done;
        } else {
            done.extend(self.take());
            self.start(line, &mut done);
            return done;
        }
        if !self.block_open() || self.pending_bytes > MAX_PENDING_BYTES {
            done.extend(self.take());
        }
        done
    }

    /// The end of the text: whatever is pending is complete (as at the end
    /// of a Python file).
    pub fn finish(&mut self) -> Option<Chunk> {
        self.take()
    }

    fn start(&mut self, line: &str, done: &mut Vec<Chunk>) {
        self.first_line = self.lines_seen;
        self.append(line);
        if !self.block_open() {
            done.extend(self.take());
        }
    }

    /// True when the pending text cannot be complete yet: a bracket or
    /// backslash continues it, or it is a compound statement, whose end only
    /// a later line can tell (in a file also a one-line `if x: y = 1`, which
    /// an `else:` line may follow).
    ///
    /// At the prompt, text with a mistake no later line can mend (`def
    /// f(:`, `for i in :`, a body line that does not parse) is complete at
    /// once, as in Python's REPL, so its error shows now; by file rules it
    /// runs on to where the same text in a file would end.
    fn block_open(&self) -> bool {
        let open = self.open.continues()
            || self.open.opens_block
            || (self.mode == Mode::File
                && self.pending.first().is_some_and(|l| starts_compound(l)));
        open && !(self.mode == Mode::Prompt
            && self.pending_bytes <= MAX_CHECKED_BYTES
            && self.pending.len() <= MAX_CHECKED_LINES
            && !crate::syntax::can_continue(&self.pending.join("\n")))
    }

    fn append(&mut self, line: &str) {
        self.pending_bytes += line.len() + 1;
        self.open.scan_line(line, self.pending.len());
        self.pending.push(line.to_string());
    }

    fn take(&mut self) -> Option<Chunk> {
        if self.pending.is_empty() {
            return None;
        }
        // Blank lines after a block's last line belong to nobody.
        while self.pending.len() > 1 && self.pending.last().is_some_and(|l| is_blank(l)) {
            self.pending.pop();
        }
        let mut lines = std::mem::take(&mut self.pending);
        let text = match lines.len() {
            1 => lines.pop().unwrap_or_default(),
            _ => lines.join("\n"),
        };
        self.pending_bytes = 0;
        self.open = Open::default();
        Some(Chunk {
            text,
            first_line: self.first_line,
        })
    }
}

/// What a lexical scan of the pending lines found so far.
#[derive(Debug, Default)]
struct Open {
    /// `(`, `[` and `{` not yet closed, innermost last: the pending line
    /// it is on (0 is the first) and its 1-based column in characters.
    brackets: Vec<(usize, usize, char)>,
    /// The last line ends in `\`.
    backslash: bool,
    /// A closing bracket closed nothing, or the wrong kind: the input can
    /// never be finished, so it goes to the parser to be reported at once
    /// (as Python's REPL does), not kept waiting at `... `.
    stray_close: bool,
    /// Some logical line ends in `:` outside brackets, strings and comments.
    opens_block: bool,
    /// The last line with code on it ends in `:`.
    header_last: bool,
}

impl Open {
    fn continues(&self) -> bool {
        !self.stray_close && (!self.brackets.is_empty() || self.backslash)
    }

    /// Brackets, strings and comments of one more line, as Python's
    /// tokenizer sees them (strings are one line long in this language).
    fn scan_line(&mut self, line: &str, line_index: usize) {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut last_code = None;
        for (column, c) in line.chars().enumerate() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                last_code = Some(c);
                continue;
            }
            match c {
                '#' => break,
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => self.brackets.push((line_index, column + 1, c)),
                // A stray closing bracket is the parser's to report, not a
                // reason to wait for more lines.
                ')' | ']' | '}' => {
                    let opener = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    match self.brackets.pop() {
                        Some((_, _, open)) if open == opener => {}
                        _ => self.stray_close = true,
                    }
                }
                _ => {}
            }
            if !c.is_whitespace() {
                last_code = Some(c);
            }
        }
        self.backslash = last_code == Some('\\');
        if last_code.is_some() {
            self.header_last = self.brackets.is_empty() && last_code == Some(':');
        }
        self.opens_block |= self.header_last;
    }
}

/// `text` (a paste, or a line starting a new input) without the
/// indentation all its code lines share, as IPython reads a paste: lines
/// copied from an indented listing (a lesson's code, an article) run as
/// written there, instead of failing with "unexpected indent". Blank and
/// comment-only lines do not count, and lose what they have of it.
pub fn dedented(text: &str) -> std::borrow::Cow<'_, str> {
    let common = text
        .split('\n')
        .filter(|line| !is_blank(line) && !is_comment(line))
        .map(indentation)
        .reduce(|shared, next| {
            let same = shared
                .bytes()
                .zip(next.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            &shared[..same]
        })
        .unwrap_or("");
    if common.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| match line.strip_prefix(common) {
            Some(rest) => rest,
            None => &line[indentation(line).len()..],
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// The inputs of one paste (or notebook cell) as one input, their lines in
/// order: a lesson runs what comes before the answer and grades the answer
/// once, instead of grading each line. `:` commands in it keep the paste
/// apart, since they act on the lesson one at a time.
pub fn one_input(chunks: Vec<Chunk>) -> Vec<Chunk> {
    if chunks.len() < 2 || chunks.iter().any(|c| c.text.trim_start().starts_with(':')) {
        return chunks;
    }
    let first_line = chunks[0].first_line;
    let text = chunks
        .into_iter()
        .map(|chunk| chunk.text)
        .collect::<Vec<_>>()
        .join("\n");
    vec![Chunk { text, first_line }]
}

/// The spaces and tabs `line` starts with.
fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The line starts with a keyword of a compound statement.
fn starts_compound(line: &str) -> bool {
    matches!(first_word(line), "for" | "while" | "if" | "def")
}

fn first_word(line: &str) -> &str {
    let trimmed = line.trim_start();
    let end = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    &trimmed[..end]
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn starts_indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// `elif`, `else` (and Python's `except`/`finally`, which the parser then
/// explains) continue the compound statement above them.
fn continues_compound(line: &str) -> bool {
    matches!(first_word(line), "elif" | "else" | "except" | "finally")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mode: Mode, text: &str) -> Vec<(usize, String)> {
        let mut assembler = Assembler::new(mode);
        let mut chunks = Vec::new();
        for line in text.lines() {
            chunks.extend(assembler.push_line(line));
        }
        chunks.extend(assembler.finish());
        chunks.into_iter().map(|c| (c.first_line, c.text)).collect()
    }

    #[test]
    fn an_open_bracket_is_named_with_its_place() {
        let mut assembler = Assembler::new(Mode::Prompt);
        assert!(assembler.push_line("y = tanh(x").is_empty());
        assert!(assembler.push_line("").is_empty(), "Python waits on");
        let note = assembler.open_bracket_note().unwrap();
        assert!(
            note.starts_with("a `(` opened at column 9 is still open"),
            "{note}"
        );
        assert!(note.contains("type its `)`"), "{note}");
        assembler.push_line("  + [1,");
        let note = assembler.open_bracket_note().unwrap();
        assert!(
            note.starts_with("a `[` opened at line 3 of this input, column 5"),
            "{note}"
        );
        assembler.push_line("2])");
        assert!(assembler.open_bracket_note().is_none());
        assert!(!assembler.needs_more());
    }

    #[test]
    fn simple_lines_are_one_input_each() {
        assert_eq!(
            run(Mode::Prompt, "a = 2\nb = a * 3"),
            vec![(1, "a = 2".into()), (2, "b = a * 3".into())]
        );
    }

    #[test]
    fn an_empty_line_ends_a_block_at_the_prompt() {
        let text = "for k in range(3):\n    x = k\n\n    y = 2\n";
        let chunks = run(Mode::Prompt, text);
        assert_eq!(chunks[0], (1, "for k in range(3):\n    x = k".into()));
        // The indented line after the blank one is its own (erroneous) input,
        // exactly as in Python's REPL.
        assert_eq!(chunks[1], (4, "    y = 2".into()));
    }

    #[test]
    fn in_a_file_blank_lines_stay_inside_the_body() {
        let text = "def f(x):\n    y = x\n\n    return y\nz = f(2)\n";
        assert_eq!(
            run(Mode::File, text),
            vec![
                (1, "def f(x):\n    y = x\n\n    return y".into()),
                (5, "z = f(2)".into())
            ]
        );
    }

    #[test]
    fn a_line_at_column_zero_ends_the_block_and_runs_itself() {
        let mut assembler = Assembler::new(Mode::Prompt);
        assert!(assembler.push_line("for p in ps:").is_empty());
        assert!(assembler.needs_more());
        assert!(assembler.push_line("    p.data -= 0.1").is_empty());
        let chunks = assembler.push_line("L");
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[1].text, "L");
        assert!(!assembler.needs_more());
    }

    #[test]
    fn elif_and_else_continue_the_if() {
        let text = "if x > 0:\n    y = 1\nelif x < 0:\n    y = -1\nelse:\n    y = 0\nprint(y)";
        let chunks = run(Mode::File, text);
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].0, 1);
        assert_eq!(chunks[1], (7, "print(y)".into()));
    }

    #[test]
    fn open_brackets_continue_whatever_the_indentation() {
        let text = "xs = [[2.0, 3.0],\n[3.0, -1.0]]\nys = (1 +\n  2)";
        assert_eq!(
            run(Mode::Prompt, text),
            vec![
                (1, "xs = [[2.0, 3.0],\n[3.0, -1.0]]".into()),
                (3, "ys = (1 +\n  2)".into())
            ]
        );
    }

    #[test]
    fn a_closing_bracket_that_closes_nothing_ends_the_input_for_the_parser() {
        // `y = tanh(x`, then `)))(((`: the stray `)` can never be matched,
        // so the input is complete (and the parser reports it) instead of
        // waiting at `... ` for the new `(((` to close.
        assert_eq!(
            run(Mode::Prompt, "y = tanh(x\n)))(((\nz = 1"),
            vec![(1, "y = tanh(x\n)))(((".into()), (3, "z = 1".into())]
        );
        assert_eq!(run(Mode::Prompt, "a = [1, 2)\nb = 2").len(), 2);
    }

    #[test]
    fn brackets_and_colons_in_strings_and_comments_do_not_count() {
        assert_eq!(run(Mode::Prompt, "s = '(:'\n# x = (\nt = 1").len(), 3);
        assert_eq!(run(Mode::Prompt, "y = 1  # note:").len(), 1);
    }

    #[test]
    fn one_line_bodies_are_complete_at_once() {
        assert_eq!(
            run(Mode::Prompt, "for p in ps: p.data -= 0.1\nL"),
            vec![(1, "for p in ps: p.data -= 0.1".into()), (2, "L".into())]
        );
    }

    #[test]
    fn in_a_file_a_one_line_if_can_have_an_else_line() {
        assert_eq!(
            run(Mode::File, "if x: y = 1\nelse: y = 2\nz = y"),
            vec![(1, "if x: y = 1\nelse: y = 2".into()), (3, "z = y".into())]
        );
    }

    #[test]
    fn a_header_without_its_body_could_not_end_yet() {
        let mut assembler = Assembler::new(Mode::File);
        assembler.push_line("for k in range(3):");
        assert!(!assembler.could_end());
        assembler.push_line("    print(k)");
        assert!(assembler.could_end());
        assembler.push_line("    y = (k +");
        assert!(!assembler.could_end());
    }

    #[test]
    fn at_the_prompt_an_input_no_line_can_mend_is_complete_at_once() {
        // As Python's REPL (codeop): what can still become valid waits at
        // `... `; what never can goes to the parser now, to show its caret.
        let waits = |lines: &[&str]| {
            let mut assembler = Assembler::new(Mode::Prompt);
            let mut done = Vec::new();
            for line in lines {
                done.extend(assembler.push_line(line));
            }
            assert_eq!(done.is_empty(), assembler.needs_more(), "{lines:?}");
            assembler.needs_more()
        };
        for never in [
            &["def f(:"][..],
            &["x = [1 2"],
            &["x = ((1 + 2) 3"],
            &["for i in range(3)"],
            &["for i in :"],
            &["else:"],
            &[")"],
            &["for i in range(3):", "    y = 1 2"],
            &["def f(x):", "    return (x +", "  *"],
            &["if x:", "    y = 1", "        z = 2"],
        ] {
            assert!(!waits(never), "{never:?} can never be valid");
        }
        for open in [
            &["x = (1 +"][..],
            &["x = (1 +", ""],
            &["if x:"],
            &["[1, 2"],
            &["f(x for"],
            &["a = (b.  # a comment"],
            &["y = 1 + \\"],
            &["def f(x,"],
            &["for i in range(3):", "    y = (i +"],
            &["if a:", "    b", "else:"],
        ] {
            assert!(waits(open), "{open:?} can still be finished");
        }
    }

    #[test]
    fn a_header_followed_by_an_unindented_line_is_one_input() {
        // Python says once that the body is not indented (R5), not that
        // the `def` has no body and then that `return` is outside one.
        for mode in [Mode::Prompt, Mode::File] {
            assert_eq!(
                run(mode, "def neuron(x, w, b):\nreturn tanh(x*w + b)\nz = 1"),
                vec![
                    (1, "def neuron(x, w, b):\nreturn tanh(x*w + b)".into()),
                    (3, "z = 1".into())
                ],
                "{mode:?}"
            );
        }
        assert_eq!(
            run(Mode::File, "for k in xs:\n\n# note\nprint(k)").len(),
            1,
            "blank and comment lines between do not part them"
        );
    }

    #[test]
    fn the_next_line_s_indent_follows_the_block() {
        let indent = |lines: &[&str]| {
            let mut assembler = Assembler::new(Mode::Prompt);
            for line in lines {
                assembler.push_line(line);
            }
            assembler.continuation_indent()
        };
        assert_eq!(indent(&[]), None, "nothing open");
        assert_eq!(indent(&["x = 1"]), None);
        assert_eq!(indent(&["def f(x):"]).as_deref(), Some("    "));
        assert_eq!(
            indent(&["def f(x):", "    y = x"]).as_deref(),
            Some("    "),
            "the current indent stays"
        );
        assert_eq!(
            indent(&["for k in xs:", "    if k:"]).as_deref(),
            Some("        ")
        );
        assert_eq!(
            indent(&["for k in xs:", "    if k:", "        break"]).as_deref(),
            Some("    "),
            "a line that ends its block steps back, as IPython does"
        );
        assert_eq!(indent(&["def f(x):", "    return x"]).as_deref(), Some(""));
        assert_eq!(
            indent(&["def f(x):", "    y = x", "    # note"]).as_deref(),
            Some("    "),
            "a comment line does not count"
        );
        assert_eq!(indent(&["y = (1 +"]), None, "a bracket has no block indent");
    }

    #[test]
    fn a_stray_closing_bracket_does_not_wait_for_more() {
        assert_eq!(run(Mode::Prompt, "a = 1)\nb = 2").len(), 2);
    }

    #[test]
    fn the_end_of_the_text_completes_an_open_block() {
        assert_eq!(
            run(Mode::File, "while x < 3:\n    x = x + 1"),
            vec![(1, "while x < 3:\n    x = x + 1".into())]
        );
    }

    #[test]
    fn a_paste_loses_the_indentation_all_its_code_lines_share() {
        let listing =
            "    for step in range(3):\n        L.backward()\n\n  # note\n        print(L.data)";
        assert_eq!(
            dedented(listing),
            "for step in range(3):\n    L.backward()\n\n# note\n    print(L.data)"
        );
        assert_eq!(dedented("   a = 2"), "a = 2");
        let flush = "for k in xs:\n    y = k";
        assert!(matches!(dedented(flush), std::borrow::Cow::Borrowed(_)));
        assert_eq!(dedented("\tx = 1\n\ty = 2"), "x = 1\ny = 2");
        assert_eq!(
            dedented("  x = 1\n\ty = 2"),
            "  x = 1\n\ty = 2",
            "nothing shared"
        );
    }

    #[test]
    fn comment_lines_inside_a_block_belong_to_it() {
        let text = "for k in range(2):\n# a note\n    x = k\n\nprint(x)";
        let chunks = run(Mode::Prompt, text);
        assert_eq!(chunks[0].1, "for k in range(2):\n# a note\n    x = k");
    }
}
