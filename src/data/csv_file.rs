//! CSV files as spreadsheets export them, read with the `csv` crate: an
//! optional header row (its names kept), quoted fields, CRLF line ends, a
//! byte-order mark, `,` `;` or tab between fields (detected, or chosen),
//! decimal commas in `;` and tab files, `#` comment lines and blank lines
//! skipped. Every feature cell must be a number; the label column
//! (`--label NAME|INDEX`, the last by default) holds class names, class
//! numbers or a quantity to predict (see [`super::labels`]). Whatever is
//! wrong is reported as `FILE:LINE: column N (name) ...`, never a panic.

use std::io::Read;

use super::labels;
use super::{DataError, Dataset, Task};
use crate::text::count;

/// Which column holds the label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LabelColumn {
    /// The last column.
    #[default]
    Last,
    /// The column of this number, counted from 1.
    Index(usize),
    /// The column the header names so.
    Name(String),
}

impl LabelColumn {
    /// `3` is the third column, anything else a header name.
    pub fn parse(text: &str) -> Self {
        match text.trim().parse::<usize>() {
            Ok(index) => LabelColumn::Index(index),
            Err(_) => LabelColumn::Name(text.trim().to_string()),
        }
    }
}

/// How to read a CSV file; the default detects everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The byte between fields; `None` detects `,`, `;` or tab.
    pub delimiter: Option<u8>,
    /// Which column is the label.
    pub label: LabelColumn,
    /// Classification or regression; `None` recognises it from the labels.
    pub task: Option<Task>,
}

/// The delimiters a learner can choose, as typed.
pub const DELIMITER_NAMES: [&str; 3] = [",", ";", "tab"];

/// The byte of a delimiter named as in [`DELIMITER_NAMES`].
pub fn delimiter_byte(name: &str) -> Option<u8> {
    match name {
        "tab" | "\t" => Some(b'\t'),
        "," => Some(b','),
        ";" => Some(b';'),
        _ => None,
    }
}

/// Largest CSV file read (the file is read whole, and a network built over
/// it): far above anything the REPL can train on in reasonable time.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a CSV file: see [`parse_csv_with`].
// A bounded read through the Host's `read_file` belongs here once the Host
// is threaded to the loaders; until then `take` keeps /dev/zero or a huge
// file from filling memory.
pub fn load_csv(path: &std::path::Path, options: &CsvOptions) -> Result<Dataset, DataError> {
    let name = path.display().to_string();
    let unreadable = |reason: String| DataError::Unreadable {
        path: name.clone(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "it is larger than {} MB, the most a data set may be",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    parse_bytes(&bytes, &name, options)
}

/// [`parse_csv_with`] with every choice detected.
pub fn parse_csv(text: &str, name: &str) -> Result<Dataset, DataError> {
    parse_csv_with(text, name, &CsvOptions::default())
}

/// Parses CSV text into a data set: the label column as `options` says,
/// every other column a feature.
pub fn parse_csv_with(text: &str, name: &str, options: &CsvOptions) -> Result<Dataset, DataError> {
    parse_bytes(text.as_bytes(), name, options)
}

/// One record of the file: the line it starts on and its trimmed cells.
struct Record {
    line: usize,
    cells: Vec<String>,
}

fn parse_bytes(bytes: &[u8], name: &str, options: &CsvOptions) -> Result<Dataset, DataError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    let mut records = read_records(bytes, name, delimiter)?;
    let header = if !records.is_empty() && is_header(&records[0], records.get(1)) {
        Some(records.remove(0))
    } else {
        None
    };
    let Some(first) = header.as_ref().or(records.first()) else {
        return Err(DataError::Empty(name.to_string()));
    };
    let first_line = first.line;
    let width = first.cells.len();
    if width < 2 {
        return Err(bad_line(
            name,
            first.line,
            "need at least one feature column and a label column (is the delimiter right? use --delimiter)".into(),
        ));
    }
    if records.is_empty() {
        return Err(bad_line(
            name,
            first_line,
            format!(
                "only a header row ({}), no data rows under it",
                first.cells.join(", ")
            ),
        ));
    }
    let names = header.map(|h| h.cells).unwrap_or_default();
    let label = label_index(name, first_line, &names, &options.label, width)?;
    let columns = Columns {
        file: name,
        names,
        label,
    };
    let mut features = Vec::with_capacity(records.len());
    let mut label_cells = Vec::with_capacity(records.len());
    for record in &records {
        if record.cells.len() != width {
            return Err(bad_line(
                name,
                record.line,
                format!(
                    "has {}, expected {width}{}",
                    count(record.cells.len(), "column", "columns"),
                    if columns.names.is_empty() {
                        " (as the first row)"
                    } else {
                        " (as the header)"
                    }
                ),
            ));
        }
        let mut row = Vec::with_capacity(width - 1);
        for (index, cell) in record.cells.iter().enumerate() {
            if index == columns.label {
                label_cells.push(labels::Cell {
                    line: record.line,
                    text: cell.clone(),
                });
            } else {
                row.push(columns.number(record.line, index, cell, delimiter)?);
            }
        }
        features.push(row);
    }
    let label_column = labels::Column {
        file: name,
        described: columns.describe(columns.label),
    };
    let target = labels::recognise(&label_cells, &label_column, options.task)?;
    let label_name = columns
        .names
        .get(columns.label)
        .cloned()
        .unwrap_or_default();
    let feature_names = columns
        .names
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != columns.label)
        .map(|(_, n)| n.clone())
        .collect();
    Ok(Dataset::assemble(
        name,
        features,
        target,
        feature_names,
        label_name,
    ))
}

/// The label column's index from 0, or why `--label` does not fit the
/// file's first row (the header, if any), on `line`.
fn label_index(
    file: &str,
    line: usize,
    names: &[String],
    label: &LabelColumn,
    width: usize,
) -> Result<usize, DataError> {
    let refuse = |problem: String| bad_line(file, line, problem);
    match label {
        LabelColumn::Last => Ok(width - 1),
        LabelColumn::Index(index) if (1..=width).contains(index) => Ok(index - 1),
        LabelColumn::Index(index) => Err(refuse(format!(
            "--label {index}: there is no column {index}; the file has columns 1 to {width}"
        ))),
        LabelColumn::Name(wanted) if names.is_empty() => Err(refuse(format!(
            "--label {wanted}: the file has no header row naming its columns; give the label column's number (1 to {width})"
        ))),
        LabelColumn::Name(wanted) => names
            .iter()
            .position(|n| n == wanted)
            .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)))
            .ok_or_else(|| {
                refuse(format!(
                    "--label {wanted}: no column has that name; the columns are {}",
                    names.join(", ")
                ))
            }),
    }
}

/// The header's names, which column is the label, for messages.
struct Columns<'f> {
    file: &'f str,
    names: Vec<String>,
    label: usize,
}

impl Columns<'_> {
    /// `column 3 (petal_length)`, or `column 3` without a header.
    fn describe(&self, index: usize) -> String {
        match self.names.get(index) {
            Some(name) if !name.is_empty() => format!("column {} ({name})", index + 1),
            _ => format!("column {}", index + 1),
        }
    }

    /// ` (petal_length)` after a cell's text, or nothing without a header.
    fn name_note(&self, index: usize) -> String {
        match self.names.get(index) {
            Some(name) if !name.is_empty() => format!(" ({name})"),
            _ => String::new(),
        }
    }

    /// The feature cell at `index` of `line` as a number, or why not:
    /// `column 3 is `abc`, not a number (petal_length)`.
    fn number(
        &self,
        line: usize,
        index: usize,
        cell: &str,
        delimiter: u8,
    ) -> Result<f64, DataError> {
        let column = index + 1;
        let name = self.name_note(index);
        let problem = if labels::is_missing(cell) {
            let shown = if cell.is_empty() {
                "empty".to_string()
            } else {
                format!("`{cell}`")
            };
            format!(
                "column {column} is {shown}{name}: a missing value; fill it in or delete the row"
            )
        } else {
            match labels::number(cell, delimiter) {
                Some(value) if value.is_finite() => return Ok(value),
                Some(_) => format!("column {column} is not finite{name}"),
                None => format!(
                    "column {column} is `{}`, not a number{name}{}",
                    labels::shorten(cell),
                    labels::quote_hint(cell)
                ),
            }
        };
        Err(bad_line(self.file, line, problem))
    }
}

fn bad_line(name: &str, line: usize, problem: String) -> DataError {
    DataError::BadLine {
        name: name.to_string(),
        line,
        problem,
    }
}

/// The first record is a header when it has no empty cell and none of its
/// cells is a number, or when a column that is text in it is a number in
/// the next record.
fn is_header(first: &Record, second: Option<&Record>) -> bool {
    let numeric = |cell: &String| labels::number(cell, b',').is_some();
    if first.cells.iter().any(String::is_empty) {
        return false;
    }
    if !first.cells.iter().any(numeric) {
        return true;
    }
    second.is_some_and(|second| {
        first
            .cells
            .iter()
            .zip(&second.cells)
            .any(|(a, b)| !numeric(a) && numeric(b))
    })
}

/// Every record of the file with the line it starts on, skipping blank
/// lines and `#` comments.
fn read_records(bytes: &[u8], name: &str, delimiter: u8) -> Result<Vec<Record>, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        let start = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let at = error.position().map_or(start, csv::Position::byte);
                return Err(bad_line(name, lines.line_at(at), csv_problem(&error)));
            }
        }
        let line = lines.line_at(record.position().map_or(start, csv::Position::byte));
        let mut cells = Vec::with_capacity(record.len());
        for (index, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field).map_err(|_| {
                bad_line(
                    name,
                    line,
                    format!(
                        "column {} is not text (not UTF-8): save the file as CSV UTF-8",
                        index + 1
                    ),
                )
            })?;
            if text.contains(['\n', '\r']) {
                return Err(bad_line(
                    name,
                    line,
                    format!(
                        "column {} opens a quote (\") that is not closed on this line",
                        index + 1
                    ),
                ));
            }
            cells.push(text.to_string());
        }
        if cells.iter().all(String::is_empty) {
            continue; // a line of spaces, or of delimiters only
        }
        records.push(Record { line, cells });
    }
    Ok(records)
}

/// Line numbers from byte offsets, counted in the file itself: the csv
/// reader's own count skips blank and `#` comment lines, and the offset it
/// gives a record is where the blank and comment lines before it begin, so
/// a record after one would be reported a line early. Offsets are asked in
/// increasing order, so each byte is looked at about once.
struct LineCounter<'b> {
    bytes: &'b [u8],
    /// Offset counted up to, and the line it is on (from 1).
    at: usize,
    line: usize,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) of the record the csv reader placed at `offset`:
    /// past the line ends and `#` comment lines there; a line ends at
    /// `\n`, at `\r\n`, or at a `\r` alone (old Mac files).
    fn line_at(&mut self, offset: u64) -> usize {
        let mut offset = (offset as usize).min(self.bytes.len());
        loop {
            match self.bytes.get(offset) {
                Some(b'\r' | b'\n') => offset += 1,
                Some(b'#') => {
                    let rest = &self.bytes[offset..];
                    offset += rest
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .unwrap_or(rest.len());
                }
                _ => break,
            }
        }
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        for i in self.at..offset {
            let ends = match self.bytes[i] {
                b'\n' => true,
                b'\r' => self.bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            self.line += usize::from(ends);
        }
        self.at = offset;
        self.line
    }
}

/// A csv error in a learner's words.
fn csv_problem(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not text (not UTF-8): save the file as CSV UTF-8".into(),
        csv::ErrorKind::Io(e) => format!("cannot be read: {e}"),
        _ => format!("cannot be read as CSV: {error}"),
    }
}

/// The candidate delimiters, in the order that wins a tie: a `;` or tab
/// file may also hold decimal commas, a `,` file no `;`.
const DELIMITERS: [u8; 3] = [b'\t', b';', b','];

/// The delimiter that splits the first lines into the same number of
/// fields, the most of them; `,` when none does.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(10)
        .collect();
    let mut best = (b',', 0);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, delimiter))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first > best.1 && counts.iter().all(|&c| c == first) {
            best = (delimiter, first);
        }
    }
    best.0
}

/// How many times `delimiter` appears in `line` outside double quotes.
fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}
