//! Prose wrapped to a width: paragraphs broken only between words, with a
//! hanging indent under a label. Indented lines (code in a lesson) are
//! never re-wrapped: breaking them would change what a learner copies.
//!
//! The width to wrap to is [`width`]: [`MAX_WIDTH`] unless the front end
//! said otherwise with [`set_width`] (the terminal app, once, from the
//! terminal's size). This module never looks at the terminal itself.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The widest prose is wrapped to, however wide the terminal: longer
/// lines are harder to read.
pub const MAX_WIDTH: usize = 80;

/// The narrowest width honoured: below it every word would be a line.
pub const MIN_WIDTH: usize = 20;

static WIDTH: AtomicUsize = AtomicUsize::new(MAX_WIDTH);

/// The width to wrap prose to: what [`set_width`] last set (kept between
/// [`MIN_WIDTH`] and [`MAX_WIDTH`]), [`MAX_WIDTH`] before that.
pub fn width() -> usize {
    WIDTH.load(Ordering::Relaxed)
}

/// Sets the width [`width`] returns, clamped to [`MIN_WIDTH`]..=[`MAX_WIDTH`].
/// Called by the front end that knows the screen (the terminal app at
/// start-up); tests and other hosts leave it at [`MAX_WIDTH`].
pub fn set_width(columns: usize) {
    WIDTH.store(columns.clamp(MIN_WIDTH, MAX_WIDTH), Ordering::Relaxed);
}

/// Wraps `text` to `width` columns at spaces, never inside a word (a word
/// longer than the line stays whole). The first line starts with `first`
/// (a label such as `Hint 1/2: ` or `  1) `); the lines after it are
/// indented as wide as `first`, so they hang under the text, not the label.
/// Each line of `text` the author broke by hand starts a new line; lines
/// that start with a space (code, tables) are kept exactly as written.
pub fn hanging(text: &str, first: &str, width: usize) -> String {
    let indent = " ".repeat(textwrap::core::display_width(first));
    let mut wrapped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lead = if i == 0 { first } else { indent.as_str() };
        if line.starts_with(' ') || line.trim().is_empty() {
            wrapped.push(format!("{lead}{line}").trim_end().to_string());
            continue;
        }
        let options = between_words(width, lead, &indent);
        let room = width.saturating_sub(indent.len());
        wrapped.extend(
            textwrap::wrap(&hold_code_together(line, room), options)
                .into_iter()
                .map(|l| l.replace(HELD_SPACE, " ")),
        );
    }
    if wrapped.is_empty() {
        wrapped.push(first.trim_end().to_string());
    }
    wrapped.join("\n")
}

/// A space that does not break: what [`hold_code_together`] puts inside
/// code, and [`hanging`] turns back into a space once the line is wrapped.
const HELD_SPACE: char = '\u{a0}';

/// `line` with the spaces inside each `` `code` `` span that fits in
/// `room` columns held, so wrapping never breaks code a learner copies
/// (`return sum(w*x for w, x in zip(ws, xs)) + b` came out as `... +` and
/// `b` on the next line). A span wider than `room` still breaks between
/// its words: kept whole, the terminal would cut it mid-word instead.
fn hold_code_together(line: &str, room: usize) -> String {
    let mut held = String::with_capacity(line.len());
    let mut pieces = line.split('`');
    held.push_str(pieces.next().unwrap_or(""));
    for (i, piece) in pieces.enumerate() {
        held.push('`');
        let is_code = i % 2 == 0;
        if is_code && textwrap::core::display_width(piece) + 2 <= room {
            held.push_str(&piece.replace(' ', &HELD_SPACE.to_string()));
        } else {
            held.push_str(piece);
        }
    }
    held
}

/// Text written for 80 columns (a help page, a heading), fitted to `width`: a line that fits
/// stays as written; a `  code    meaning` line keeps its code and wraps
/// the meaning under itself (on the next lines, indented, when the code
/// column is wider than half the screen); prose wraps between words.
/// Nothing is ever broken inside a word.
pub fn fit_lines(page: &str, width: usize) -> String {
    let mut lines = Vec::new();
    for line in page.lines() {
        if textwrap::core::display_width(line) <= width {
            lines.push(line.to_string());
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let text = line.trim_start();
        // The meaning starts after the first run of two or more spaces.
        let split = text.find("  ").map(|at| {
            let meaning = text[at..].trim_start();
            (&text[..at], meaning)
        });
        let fitted = match split {
            _ if indent == 0 => paragraph(line, width),
            Some((code, meaning)) if !code.is_empty() => {
                let column = line.len() - meaning.len();
                if column <= width / 2 {
                    hanging(meaning, &line[..column], width)
                } else {
                    let code_line = format!("{}{code}", " ".repeat(indent));
                    let under = format!("{}    ", " ".repeat(indent.min(2)));
                    format!("{code_line}\n{}", hanging(meaning, &under, width))
                }
            }
            _ => {
                let lead = " ".repeat(indent.min(width / 2));
                hanging(text, &lead, width)
            }
        };
        lines.push(fitted);
    }
    lines.join("\n")
}

/// Wraps `text` to `width` columns, each line flush left (see [`hanging`]).
pub fn paragraph(text: &str, width: usize) -> String {
    hanging(text, "", width)
}

/// An indented line (a list item, a line of code in prose) too wide for
/// `width`, wrapped between words with its continuation lines hanging
/// under its text: under the item's text after a `· `, `- ` or `* ` mark,
/// else four columns deeper than the line (code's continuation). A line
/// that fits, or has no space to break at, is kept as it is.
pub fn indented(line: &str, width: usize) -> String {
    if textwrap::core::display_width(line) <= width {
        return line.to_string();
    }
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    let is_item = ["· ", "- ", "* "].iter().any(|mark| body.starts_with(mark));
    let hang = if is_item {
        let mark = body.chars().next().map_or(1, char::len_utf8);
        format!(
            "{lead}{}",
            " ".repeat(textwrap::core::display_width(&body[..mark]) + 1)
        )
    } else {
        format!("{lead}    ")
    };
    let options = between_words(width, lead, &hang);
    textwrap::wrap(body, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The house way of wrapping: at ASCII spaces only, never inside a word,
/// the first line led by `first` and the rest by `rest`.
fn between_words<'a>(width: usize, first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `items` joined by `separator` into lines of at most `width` columns,
/// never splitting an item (a line break falls only between items).
pub fn pack(items: &[impl AsRef<str>], separator: &str, width: usize) -> Vec<String> {
    pack_hanging(items, separator, width, 0)
}

/// [`pack`], with every line after the first indented by `indent` spaces
/// (counted in the width), so a wrapped row reads as one.
pub fn pack_hanging(
    items: &[impl AsRef<str>],
    separator: &str,
    width: usize,
    indent: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        let item = item.as_ref();
        match lines.last_mut() {
            Some(line)
                if textwrap::core::display_width(line)
                    + textwrap::core::display_width(separator)
                    + textwrap::core::display_width(item)
                    <= width =>
            {
                line.push_str(separator);
                line.push_str(item);
            }
            Some(_) => lines.push(format!("{}{item}", " ".repeat(indent))),
            None => lines.push(item.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_in_backticks_is_never_broken_when_it_fits_on_a_line() {
        let hint = "Two lines: `def neuron(xs, ws, b):`, then indented, \
                    `return sum(w*x for w, x in zip(ws, xs)) + b`.";
        let wrapped = hanging(hint, "Hint 1/2: ", 60);
        assert!(
            wrapped.contains("`return sum(w*x for w, x in zip(ws, xs)) + b`."),
            "{wrapped}"
        );
        assert!(!wrapped.contains(HELD_SPACE), "{wrapped}");
        for line in wrapped.lines() {
            assert!(textwrap::core::display_width(line) <= 60, "{wrapped}");
        }
        // Code wider than the line breaks between its words, never inside one.
        let long = "Type: `a_long_name = another_long_name * yet_another_long_name + b`";
        let narrow = paragraph(long, 30);
        assert!(narrow.lines().all(|l| l.len() <= 30), "{narrow}");
        assert_eq!(narrow.replace('\n', " "), long);
    }

    #[test]
    fn indented_lines_hang_under_their_text_and_never_break_a_word() {
        let item = "  · more data: the more points, the harder it is to memorise them all";
        assert_eq!(
            indented(item, 40),
            "  · more data: the more points, the\n    harder it is to memorise them all"
        );
        let code = "    loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))";
        assert_eq!(
            indented(code, 40),
            "    loss = sum((yout - ygt)**2 for ygt,\n        yout in zip(ys, ypred))"
        );
        assert_eq!(indented("  short", 40), "  short");
    }

    fn widest(text: &str) -> usize {
        text.lines()
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn long_prose_wraps_between_words_within_the_width() {
        let text = "the gradient says which way makes the loss smaller, for small enough steps, and no further";
        let wrapped = paragraph(text, 30);
        assert!(widest(&wrapped) <= 30, "{wrapped}");
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>().join(" "),
            text
        );
        assert!(wrapped.lines().count() > 1);
    }

    #[test]
    fn a_word_longer_than_the_line_is_never_split() {
        let wrapped = paragraph("see supercalifragilisticexpialidocious now", 10);
        assert_eq!(wrapped, "see\nsupercalifragilisticexpialidocious\nnow");
    }

    #[test]
    fn continuation_lines_hang_under_the_text_after_the_label() {
        let wrapped = hanging("one two three four five six", "  1) ", 16);
        assert_eq!(wrapped, "  1) one two\n     three four\n     five six");
    }

    #[test]
    fn indented_code_lines_and_hand_breaks_are_kept_as_written() {
        let code = "    L2 (weight decay):  + λ·Σ w²   and a long tail that goes past the width";
        let text = format!("Two penalties:\n{code}\nshort");
        let wrapped = paragraph(&text, 30);
        assert_eq!(wrapped, format!("Two penalties:\n{code}\nshort"));
    }

    #[test]
    fn double_spaces_inside_short_lines_survive() {
        assert_eq!(paragraph("a  b\nc", 80), "a  b\nc");
    }

    #[test]
    fn the_width_is_capped_and_defaults_to_eighty_off_a_terminal() {
        // Nothing in the library's tests sets it: the default.
        assert!(width() <= MAX_WIDTH);
        // Setting more than the cap keeps the cap (and so changes nothing
        // for the tests running beside this one).
        set_width(MAX_WIDTH + 100);
        assert_eq!(width(), MAX_WIDTH);
    }
    #[test]
    fn packed_items_break_only_between_items() {
        let items = [
            "Enter goes on",
            ":hint for a hint",
            ":quit leaves the lesson",
        ];
        assert_eq!(
            pack(&items, " · ", 40),
            vec![
                "Enter goes on · :hint for a hint",
                ":quit leaves the lesson"
            ]
        );
        assert_eq!(pack(&items, " · ", 80).len(), 1);
    }
}
