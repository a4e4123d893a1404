//! What the label column asks to learn, recognised rather than guessed
//! into nonsense: names (`setosa`) are classes; whole numbers with few
//! distinct values (`0/1/2`, `-1/1`) are classes; any other numbers are a
//! quantity to predict (regression). `--task` overrides, except that
//! numbers with fractions are never turned into classes and names never
//! into a quantity: both are refused with the reason. Also the cell-level
//! rules shared with the feature columns: what counts as a number and as
//! a missing value.

use super::{DataError, Task};

/// Most distinct whole numbers that are taken for classes without
/// `--task classify`.
const MAX_AUTO_CLASSES: usize = 10;
/// Most classes a label column may have.
const MAX_CLASSES: usize = 100;

/// One label cell and the line it is on.
pub(super) struct Cell {
    pub(super) line: usize,
    pub(super) text: String,
}

/// The label column, for messages: the file and `column 5 (species)`.
pub(super) struct Column<'f> {
    pub(super) file: &'f str,
    pub(super) described: String,
}

/// What the labels say to learn.
pub(super) enum Target {
    /// A class per sample (`labels[i]` indexes `names`).
    Classes {
        labels: Vec<usize>,
        names: Vec<String>,
    },
    /// A number per sample.
    Values(Vec<f64>),
}

/// Recognises the task of the label `cells` (every one of them present),
/// or refuses a `task` that does not fit them.
pub(super) fn recognise(
    cells: &[Cell],
    column: &Column,
    task: Option<Task>,
) -> Result<Target, DataError> {
    let bad = |cell: &Cell, problem: String| DataError::BadLine {
        name: column.file.to_string(),
        line: cell.line,
        problem: format!("{} {problem}", column.described),
    };
    if let Some(cell) = cells.iter().find(|c| is_missing(&c.text)) {
        return Err(bad(
            cell,
            "has no label (a missing value); fill it in or delete the row".into(),
        ));
    }
    let numbers: Vec<Option<f64>> = cells.iter().map(|c| number(&c.text, b',')).collect();
    let numeric = numbers.iter().filter(|n| n.is_some()).count();
    if numeric == 0 {
        if task == Some(Task::Regress) {
            let cell = &cells[0];
            return Err(bad(
                cell,
                format!(
                    "is `{}`: regression needs numbers to predict, and these labels are names; use --task classify",
                    shorten(&cell.text)
                ),
            ));
        }
        return named_classes(cells, column);
    }
    if numeric < cells.len() {
        // Mostly numbers with a few words: a typo, not a set of classes.
        let (odd, expected) = if numeric * 2 >= cells.len() {
            (numbers.iter().position(Option::is_none), "numbers")
        } else {
            (numbers.iter().position(Option::is_some), "names")
        };
        let cell = &cells[odd.unwrap_or(0)];
        return Err(bad(
            cell,
            format!(
                "is `{}`, but the other labels are {expected}: a label column holds one or the other",
                shorten(&cell.text)
            ),
        ));
    }
    let values: Vec<f64> = numbers.into_iter().flatten().collect();
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(bad(&cells[i], "is not finite".into()));
    }
    let whole = values.iter().all(|v| v.fract() == 0.0 && v.abs() < 1e15);
    let mut distinct = values.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    match task {
        Some(Task::Regress) => regression(values, &distinct, cells, column),
        Some(Task::Classify) if !whole => {
            let i = values.iter().position(|v| v.fract() != 0.0).unwrap_or(0);
            Err(bad(
                &cells[i],
                format!(
                    "is {}, not a whole number: these labels are a quantity to predict ({} different values), not classes; drop --task classify to fit them by regression",
                    cells[i].text,
                    distinct.len()
                ),
            ))
        }
        Some(Task::Classify) if distinct.len() > MAX_CLASSES => {
            let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            Err(bad(
                &cells[first_beyond(&texts, MAX_CLASSES)],
                format!(
                    "has {} different values; at most {MAX_CLASSES} classes can be learned (value number {} first appears on this row)",
                    distinct.len(),
                    MAX_CLASSES + 1
                ),
            ))
        }
        Some(Task::Classify) => Ok(numbered_classes(&values, &distinct)),
        None if whole && distinct.len() <= MAX_AUTO_CLASSES => {
            Ok(numbered_classes(&values, &distinct))
        }
        None => regression(values, &distinct, cells, column),
    }
}

/// Classes from whole numbers, in increasing order (`-1` before `1`).
fn numbered_classes(values: &[f64], distinct: &[f64]) -> Target {
    let labels = values
        .iter()
        .map(|v| distinct.iter().position(|d| d == v).unwrap_or(0))
        .collect();
    let names = distinct.iter().map(|v| format!("{v}")).collect();
    Target::Classes { labels, names }
}

/// Classes from names, in alphabetical order; refused when every row has
/// its own name (an id column, not a class).
fn named_classes(cells: &[Cell], column: &Column) -> Result<Target, DataError> {
    let mut names: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
    names.sort();
    names.dedup();
    if names.len() > MAX_CLASSES || (names.len() == cells.len() && cells.len() > 10) {
        // Point at the row that went past the most classes, else (an id
        // in every row) at the first row.
        let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
        let at = match names.len() > MAX_CLASSES {
            true => first_beyond(&texts, MAX_CLASSES),
            false => 0,
        };
        return Err(DataError::BadLine {
            name: column.file.to_string(),
            line: cells[at].line,
            problem: format!(
                "{} has {} different names in {} rows ({}): that looks like an id or a name, not a class; choose the label column with --label",
                column.described,
                names.len(),
                cells.len(),
                lines_of(cells)
            ),
        });
    }
    let labels = cells
        .iter()
        .map(|c| names.iter().position(|n| *n == c.text).unwrap_or(0))
        .collect();
    Ok(Target::Classes { labels, names })
}

/// Regression targets, refused when they are all the same.
fn regression(
    values: Vec<f64>,
    distinct: &[f64],
    cells: &[Cell],
    column: &Column,
) -> Result<Target, DataError> {
    if distinct.len() < 2 && cells.len() > 1 {
        return Err(DataError::BadLine {
            name: column.file.to_string(),
            line: cells[0].line,
            problem: format!(
                "{} is {} on every row ({}): there is nothing to predict",
                column.described,
                cells[0].text,
                lines_of(cells)
            ),
        });
    }
    Ok(Target::Values(values))
}

/// `lines 2 to 13`: where `cells` lie in the file.
fn lines_of(cells: &[Cell]) -> String {
    match (cells.first(), cells.last()) {
        (Some(first), Some(last)) => format!("lines {} to {}", first.line, last.line),
        _ => "no lines".to_string(),
    }
}

/// The index of the first of `texts` that is the `most + 1`-th different
/// one (0 if there are not that many).
fn first_beyond(texts: &[String], most: usize) -> usize {
    let mut seen = std::collections::HashSet::new();
    texts
        .iter()
        .position(|text| seen.insert(text) && seen.len() > most)
        .unwrap_or(0)
}

/// The marks spreadsheets and data tools leave for a missing value.
const MISSING: [&str; 10] = [
    "", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "?",
];

/// True when `cell` marks a missing value.
pub(super) fn is_missing(cell: &str) -> bool {
    MISSING.contains(&cell)
}

/// `cell` as a number: `1.5`, `-2e3`, and in `;` or tab files a decimal
/// comma (`1,5`).
pub(super) fn number(cell: &str, delimiter: u8) -> Option<f64> {
    if let Ok(value) = cell.parse::<f64>() {
        return (!cell.eq_ignore_ascii_case("nan")).then_some(value);
    }
    if delimiter != b',' && cell.matches(',').count() == 1 {
        return cell.replace(',', ".").parse().ok();
    }
    None
}

/// `cell` cut to a length that fits a message.
pub(super) fn shorten(cell: &str) -> String {
    const MAX: usize = 24;
    if cell.chars().count() <= MAX {
        cell.to_string()
    } else {
        format!("{}…", cell.chars().take(MAX).collect::<String>())
    }
}

/// A hint when a cell that is not a number looks like several fields run
/// together (a delimiter other than the one detected).
pub(super) fn quote_hint(cell: &str) -> &'static str {
    if cell.contains([',', ';', '\t']) {
        " (fields run together? choose the delimiter with --delimiter)"
    } else {
        ""
    }
}
