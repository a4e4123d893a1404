//! Columns measured as a terminal shows them: the cells a text takes, and
//! padding and aligning cells into table rows.

/// Columns `text` takes on a terminal: two for wide characters (CJK,
/// most emoji), none for combining marks, one for anything else
/// (control characters included, so a stray tab still moves a caret).
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes (see [`display_width`]).
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)
    }
}

/// The width of a column: its widest cell in characters, at least `min`
/// (the header's width).
pub fn column_width<'a>(cells: impl IntoIterator<Item = &'a str>, min: usize) -> usize {
    cells
        .into_iter()
        .map(|cell| cell.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

/// Pads `text` on the right to `width` characters (not bytes: tree lines
/// hold box-drawing characters).
pub fn pad_right(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

/// Pads `text` on the left to `width` characters.
pub fn pad_left(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(len)))
}

/// One row of a table, cells two spaces apart: the first (name) column
/// left-aligned, the number columns after it right-aligned.
pub fn aligned_row<S: AsRef<str>>(cells: &[S], widths: &[usize]) -> String {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(column, (cell, &width))| {
            if column == 0 {
                pad_right(cell.as_ref(), width)
            } else {
                pad_left(cell.as_ref(), width)
            }
        })
        .collect();
    padded.join("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_characters_not_bytes() {
        assert_eq!(pad_left("├─ a", 6), "  ├─ a");
        assert_eq!(pad_right("├─", 4), "├─  ");
    }

    #[test]
    fn wide_characters_take_two_cells_and_marks_none() {
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn rows_align_names_left_and_numbers_right() {
        assert_eq!(aligned_row(&["a", "1"], &[3, 4]), "a       1");
        assert_eq!(column_width(["ab", "abcd"], 3), 4);
        assert_eq!(column_width([], 3), 3);
    }
}
