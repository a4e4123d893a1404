//! Prose wrapped to a width: paragraphs broken only between words, with a
//! hanging indent under a label. Indented lines (code in a lesson) are
//! never re-wrapped: breaking them would change what a learner copies.
//!
//! Every function here takes the width to wrap to: there is no width of
//! the process. A renderer gets it in its [`super::Style`], made from its
//! host's width; this module never looks at the terminal itself.

/// The widest prose is wrapped to, however wide the terminal: longer
/// lines are harder to read.
pub const MAX_WIDTH: usize = 80;

/// The narrowest width honoured: below it every word would be a line.
pub const MIN_WIDTH: usize = 20;

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
    held.push_str(&hold_formulas_together(pieces.next().unwrap_or(""), room));
    for (i, piece) in pieces.enumerate() {
        held.push('`');
        let is_code = i % 2 == 0;
        if is_code && textwrap::core::display_width(piece) + 2 <= room {
            held.push_str(&piece.replace(' ', &HELD_SPACE.to_string()));
        } else if is_code {
            held.push_str(piece);
        } else {
            held.push_str(&hold_formulas_together(piece, room));
        }
    }
    held
}

/// Operators that, standing alone between spaces in prose, join the words
/// on both sides into one formula.
const FORMULA_OPERATORS: [&str; 22] = [
    "=", "==", "+", "-", "−", "×", "·", "*", "/", "**", "≈", "→", "←", "<", ">", "≤", "≥", "+=",
    "-=", "*=", "/=", "±",
];

/// Prose `text` (outside backticks) with the spaces of each short formula
/// held: `at x = 3` came out as `at x` and `= 3` at 60 columns, and
/// `6x − 4` as `6x −` and `4`. The spaces around an operator standing
/// alone (`=`, `−`, `×`, ...) hold when a word beside it is math (a
/// number, a one-letter name, `a.grad`, `(h`), not when the operator is a
/// noun between words (`how + and × pass`); so does the space in a
/// command and its number (`:lesson 2`). A formula wider than `room`
/// still breaks between its words.
fn hold_formulas_together(text: &str, room: usize) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let is_operator = |word: &str| FORMULA_OPERATORS.contains(&word);
    let is_math = |word: &str| {
        let word = word.trim_end_matches([',', '.', ';', ':', '!', '?']);
        let short = word.chars().count() <= 3;
        // A symbol (σ, x², ŷ) is math; `√inputs` is a word.
        word.chars().count() == 1 && !is_operator(word)
            || word
                .chars()
                .any(|c| c.is_ascii_digit() || "._()[]*/^'".contains(c) || (short && !c.is_ascii()))
    };
    let is_command_and_number = |word: &str, next: &str| {
        word.strip_prefix(':')
            .is_some_and(|name| name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            && next
                .trim_end_matches(['.', ',', ';', ':', ')'])
                .parse::<f64>()
                .is_ok()
    };
    // held[k]: the space between words[k] and words[k + 1] does not break.
    let mut held = vec![false; words.len().saturating_sub(1)];
    for (k, word) in words.iter().enumerate() {
        if is_operator(word) {
            let before = k.checked_sub(1).map(|i| words[i]);
            let after = words.get(k + 1).copied();
            if before.is_some_and(is_math) || after.is_some_and(is_math) {
                if k > 0 {
                    held[k - 1] = true;
                }
                if after.is_some() {
                    held[k] = true;
                }
            }
        }
        let next = words.get(k + 1);
        // `50 %` is one quantity: a line never starts with its `%`.
        if next.is_some_and(|next| is_command_and_number(word, next) || next.starts_with('%')) {
            held[k] = true;
        }
    }
    // A run of held words wider than the room breaks as prose again.
    let mut start = 0;
    while start < words.len() {
        let mut end = start;
        while end < held.len() && held[end] {
            end += 1;
        }
        let width: usize = words[start..=end]
            .iter()
            .map(|w| textwrap::core::display_width(w) + 1)
            .sum::<usize>()
            - 1;
        if width > room {
            held[start..end].iter_mut().for_each(|h| *h = false);
        }
        start = end + 1;
    }
    let mut joined = String::with_capacity(text.len());
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            joined.push(if held[k - 1] { HELD_SPACE } else { ' ' });
        }
        joined.push_str(word);
    }
    joined
}

/// Text written for 80 columns (a help page, a heading), fitted to `width`: a line that fits
/// stays as written; a `  code    meaning` line keeps its code and wraps
/// the meaning under itself (on the next lines, indented, when the code
/// column is wider than half the screen); prose wraps between words.
/// Nothing is ever broken inside a word.
pub fn fit_lines(page: &str, width: usize) -> String {
    let page: Vec<&str> = page.lines().collect();
    let mut lines = Vec::new();
    let mut at = 0;
    while at < page.len() {
        let line = page[at];
        at += 1;
        // A table row's meaning may go on, by hand, on lines indented deep
        // under it: the row and those lines are one meaning, re-wrapped
        // together when any of them does not fit.
        let mut column = meaning_column(line);
        let mut rest = Vec::new();
        // A sentence the author broke at 80 columns goes on on the next
        // flush-left line: wrapped as one paragraph when it does not fit.
        if leading(line) == 0 && !line.trim().is_empty() {
            let mut last = line;
            while let Some(next) = page.get(at).filter(|next| {
                leading(next) == 0
                    && !next.trim().is_empty()
                    && !last.trim_end().ends_with(['.', ':', '!', '?'])
            }) {
                rest.push(next.trim());
                last = next;
                at += 1;
            }
        } else if let Some(deep) = page.get(at).and_then(|next| continues(line, next)) {
            column = column.or(Some(deep));
            while let Some(next) = page
                .get(at)
                .filter(|n| leading(n) == deep && !n.trim().is_empty())
            {
                rest.push(next.trim());
                at += 1;
            }
        }
        let written = &page[at - rest.len() - 1..at];
        if written
            .iter()
            .all(|l| textwrap::core::display_width(l) <= width)
        {
            lines.extend(written.iter().map(|l| l.to_string()));
            continue;
        }
        let joined = std::iter::once(line)
            .chain(rest)
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(fit_line(&joined, column, width));
    }
    lines.join("\n")
}

/// The spaces `line` starts with.
fn leading(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Where the meaning of a `  code    meaning` row starts (after the first
/// run of two or more spaces), if `line` is one.
fn meaning_column(line: &str) -> Option<usize> {
    let text = line.trim_start();
    let at = text.find("  ")?;
    let meaning = text[at..].trim_start();
    (leading(line) > 0 && at > 0 && !meaning.is_empty()).then(|| line.len() - meaning.len())
}

/// The column `next` continues `line`'s meaning at, if it does: `next` is
/// indented at least 8 deeper than `line` (a block of code goes 4 deeper),
/// and `line` is a table row, or has a word starting at that column.
fn continues(line: &str, next: &str) -> Option<usize> {
    let deep = leading(next);
    if next.trim().is_empty() || leading(line) == 0 || deep < leading(line) + 8 {
        return None;
    }
    let word_there = line.is_ascii()
        && line.len() > deep
        && line.as_bytes()[deep - 1] == b' '
        && line.as_bytes()[deep] != b' ';
    (word_there || meaning_column(line).is_some()).then_some(deep)
}

/// One line of a page (a row with its meaning joined, the meaning at
/// `column`) fitted to `width`.
fn fit_line(line: &str, column: Option<usize>, width: usize) -> String {
    if textwrap::core::display_width(line) <= width {
        return line.to_string();
    }
    let indent = leading(line);
    match column {
        _ if indent == 0 => balanced(line, "", width),
        Some(column) => {
            let (code, meaning) = line.split_at(column);
            if column <= width / 2 {
                balanced(meaning, code, width)
            } else {
                let under = format!("{}    ", " ".repeat(indent.min(2)));
                format!("{}\n{}", code.trim_end(), balanced(meaning, &under, width))
            }
        }
        None => {
            let lead = " ".repeat(indent.min(width / 2));
            balanced(line.trim_start(), &lead, width)
        }
    }
}

/// [`hanging`] on as narrow a width as keeps the same number of lines, so
/// a line that had to wrap splits into lines of about equal length instead
/// of a full one and a last word alone (`... rebind the name to a new` /
/// `node` at 60 columns) — what CSS calls a balanced wrap.
pub fn balanced(text: &str, first: &str, width: usize) -> String {
    let wrapped = hanging(text, first, width);
    let lines = wrapped.lines().count();
    if lines < 2 || text.contains('\n') {
        return wrapped;
    }
    let narrowest = textwrap::core::display_width(first) + 1;
    let mut best = wrapped;
    for narrower in (narrowest..width).rev() {
        let tried = hanging(text, first, narrower);
        if tried.lines().count() != lines || widest_line(&tried) > narrower {
            break;
        }
        best = tried;
    }
    best
}

fn widest_line(text: &str) -> usize {
    text.lines()
        .map(textwrap::core::display_width)
        .max()
        .unwrap_or(0)
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

/// A one-line description (`MLP(3, [4, 4, 1]) · tanh · 41 parameters`,
/// `moons · 40 samples, 2 features, 2 classes`) after `first`, wrapped to
/// `width` only where a reader pauses: after a ` · ` or a `, ` outside
/// brackets, never inside a word or a bracket (`MLP(3, [4, 4, 1])` stays
/// whole). Lines after the first hang under the text, indented as wide as
/// `first`; a part wider than the line stays whole.
pub fn between_parts(text: &str, first: &str, width: usize) -> String {
    let indent = " ".repeat(textwrap::core::display_width(first));
    let mut lines = vec![first.to_string()];
    for (i, part) in parts(text).into_iter().enumerate() {
        let line = lines.last_mut().expect("one line at least");
        let joined = if i == 0 { 0 } else { 1 };
        if i == 0
            || textwrap::core::display_width(line) + joined + textwrap::core::display_width(part)
                <= width
        {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(part);
        } else {
            lines.push(format!("{indent}{part}"));
        }
    }
    lines.join("\n")
}

/// `text` cut at the spaces [`between_parts`] may break at: those after a
/// `·`, or after a `,` outside brackets.
fn parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut previous) = (0usize, 0, ' ');
    for (at, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ' ' if (previous == '·' || (previous == ',' && depth == 0)) && at > start => {
                parts.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
        previous = c;
    }
    parts.push(&text[start..]);
    parts
}

/// A list's text (`[0.123, -2.5, [1, 2]]`) after `first`, wrapped to
/// `width` only after the `, ` between two items of a list (at any depth
/// of lists, outside a quoted string and outside parentheses), so no
/// number is cut in two and no item that is a call or a description
/// (`MLP(32, [32]) · sigmoid · 1056 parameters`) either (finding C210);
/// the lines after the first hang under the first item, one column right
/// of the `[`. Items that are several words (descriptions, calls) go one
/// to a line, like rows; numbers are packed. Text that fits, or is not a
/// list, is `first` and `text` as they are.
pub fn between_items(text: &str, first: &str, width: usize) -> String {
    let whole = format!("{first}{text}");
    if textwrap::core::display_width(&whole) <= width || !text.starts_with('[') {
        return whole;
    }
    let indent = " ".repeat((textwrap::core::display_width(first) + 1).min(width / 2));
    let mut items = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    // Open parentheses: a `, ` inside one is inside an item.
    let mut in_call = 0usize;
    // Whether an item has a space of its own, outside a quoted string.
    let mut worded = false;
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '(' if !quoted => in_call += 1,
            ')' if !quoted => in_call = in_call.saturating_sub(1),
            ' ' if previous == ',' && !quoted && in_call == 0 => {
                items.push(&text[start..at]);
                start = at + 1;
            }
            ' ' if !quoted => worded = true,
            _ => {}
        }
        previous = c;
    }
    items.push(&text[start..]);
    let mut lines = vec![format!("{first}{}", items[0])];
    for item in &items[1..] {
        let line = lines.last_mut().expect("one line at least");
        if !worded
            && textwrap::core::display_width(line) + 1 + textwrap::core::display_width(item)
                <= width
        {
            line.push(' ');
            line.push_str(item);
        } else {
            lines.push(format!("{indent}{item}"));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_break_between_parts_never_inside_brackets() {
        let network = "MLP(3, [4, 4, 1]) · tanh · 41 parameters";
        assert_eq!(between_parts(network, "n = ", 80), format!("n = {network}"));
        assert_eq!(
            between_parts(network, "n = ", 30),
            "n = MLP(3, [4, 4, 1]) · tanh ·\n    41 parameters"
        );
        let data = "moons · 40 samples, 2 features, 2 classes";
        let narrow = between_parts(data, "d = ", 30);
        assert_eq!(narrow, "d = moons · 40 samples,\n    2 features, 2 classes");
        // Put back together, the lines are the text.
        let rejoined: Vec<&str> = narrow.lines().map(str::trim).collect();
        assert_eq!(rejoined.join(" "), format!("d = {data}"));
        // A part wider than the line stays whole.
        assert_eq!(
            between_parts(network, "n = ", 10).lines().next(),
            Some("n = MLP(3, [4, 4, 1]) ·")
        );
    }

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
    fn a_short_formula_in_prose_is_never_broken() {
        // Lesson 1 at 60 columns: "slope at x" / "= 3." and "6x −" / "4.".
        let text = "We will use  f(x) = 3x² − 4x + 5  and ask for its slope at x = 3.";
        let wrapped = paragraph(text, 60);
        assert!(wrapped.contains("x = 3."), "{wrapped}");
        assert!(wrapped.contains("f(x) = 3x² − 4x + 5"), "{wrapped}");
        let text = "Write the exact slope as a formula of x: bind slope to 6x − 4.";
        let wrapped = paragraph(text, 60);
        assert!(wrapped.contains("6x − 4."), "{wrapped}");
        assert!(!wrapped.contains(HELD_SPACE), "{wrapped}");
        let wrapped = paragraph("bigger formula. Type :lesson 2 when you are ready.", 21);
        assert!(wrapped.contains(":lesson 2"), "{wrapped}");
        for line in wrapped.lines() {
            assert!(textwrap::core::display_width(line) <= 21, "{wrapped}");
        }
        // An operator that is a noun between words holds nothing.
        assert_eq!(
            hold_formulas_together("lesson 2 shows how + and × pass slopes", 80),
            "lesson 2 shows how + and × pass slopes"
        );
        // A formula wider than the line still breaks between its words.
        let long = "so a + b + c + d + e + f + g + h + i + j + k + l is long";
        let narrow = paragraph(long, 20);
        assert!(narrow.lines().all(|l| l.len() <= 20), "{narrow}");
        assert_eq!(narrow.replace('\n', " "), long);
    }

    #[test]
    fn a_percent_sign_stays_with_its_number() {
        // Lesson 21 at 60 columns: "accuracy stuck at 50" / "%, and ...".
        let text =
            "dead ReLUs after the first steps, accuracy stuck at 50 %, and standardised features";
        for width in 20..=80 {
            let wrapped = paragraph(text, width);
            assert!(wrapped.contains("50 %,"), "{width}: {wrapped}");
        }
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
    fn a_fitted_line_that_must_wrap_splits_evenly_not_into_a_full_line_and_an_orphan() {
        let page = "  c += 1             += -= *= /= rebind the name to a new node\n\
                    micrograd: type a formula, call backward, see every gradient.";
        let fitted = fit_lines(page, 60);
        assert_eq!(
            fitted,
            "  c += 1             += -= *= /= rebind the\n\
             \x20                    name to a new node\n\
             micrograd: type a formula, call\n\
             backward, see every gradient."
        );
        // Lines that fit are kept as written.
        assert_eq!(fit_lines(page, 80), page);
    }

    #[test]
    fn a_rows_hand_broken_meaning_and_a_hand_broken_sentence_rewrap_as_one() {
        let page = "  d = moons(100, noise=0.1) also circles, xor, spiral (3 classes); defaults
                            samples=100, noise=0.1
  for p in ps:
          p.grad = 0.0
Random numbers, as after torch.manual_seed: after :seed N, the k-th MLP or data
set gets the same weights. A new line.
Next? Not joined to the line before.";
        let fitted = fit_lines(page, 60);
        assert_eq!(
            fitted,
            "  d = moons(100, noise=0.1) also circles, xor, spiral
                            (3 classes); defaults
                            samples=100, noise=0.1
  for p in ps:
          p.grad = 0.0
Random numbers, as after torch.manual_seed: after :seed N,
the k-th MLP or data set gets the same weights. A new line.
Next? Not joined to the line before."
        );
        assert_eq!(fit_lines(page, 80), page, "as written where it fits");
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

    #[test]
    fn a_list_breaks_only_between_its_items() {
        let list = "[0.123456789, -2.345678901, 3.14159265358979, [1.5, -2.5], \"a, b\", 7.25]";
        let wrapped = between_items(list, "xs = ", 30);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 30),
            "{wrapped}"
        );
        assert_eq!(wrapped.replace("\n      ", " "), format!("xs = {list}"));
        assert!(
            wrapped.lines().skip(1).all(|l| l.starts_with("      ")),
            "{wrapped}"
        );
        assert!(wrapped.contains("\"a, b\""), "{wrapped}");
        assert_eq!(between_items("[1, 2]", "xs = ", 30), "xs = [1, 2]");
    }

    #[test]
    fn a_list_of_descriptions_breaks_between_them_one_to_a_line() {
        // Lesson 20's `w = deep("sigmoid", 1, 32, 5)` at 80 columns (finding
        // C210) came out as "MLP(32," / "[32]) · sigmoid · ...".
        let item = |inputs: usize, outputs: usize, act: &str, params: usize| {
            format!("MLP({inputs}, [{outputs}]) · {act} · {params} parameters")
        };
        let items = [
            item(3, 32, "sigmoid", 128),
            item(32, 32, "sigmoid", 1056),
            item(32, 32, "sigmoid", 1056),
            item(32, 1, "linear", 33),
        ];
        let list = format!("[{}]", items.join(", "));
        let wrapped = between_items(&list, "w = ", 80);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert_eq!(lines.len(), 4, "{wrapped}");
        assert_eq!(lines[0], format!("w = [{},", items[0]));
        assert_eq!(lines[1], format!("     {},", items[1]));
        assert_eq!(lines[3], format!("     {}]", items[3]));
        // Inside a call, even a list of numbers stays whole.
        let calls = "[f(1, 2, 3), f(4, 5, 6), f(7, 8, 9)]";
        let wrapped = between_items(calls, "", 16);
        assert!(
            wrapped
                .lines()
                .all(|l| l.trim().starts_with("f(") || l.starts_with("[f(")),
            "{wrapped}"
        );
    }
}
