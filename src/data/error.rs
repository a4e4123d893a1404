//! Why a CSV file could not be used, in words that name the file, the line
//! and (where one cell or column is at fault) the column, so a learner can
//! open the file and fix it: every error about a place in the file is a
//! [`DataError::BadLine`]; only a file that cannot be read or holds no
//! rows at all has no line to point at.

/// Why a CSV file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// The path given.
        path: String,
        /// What the OS said.
        reason: String,
    },
    /// A line (or a cell on it) is not what the data set needs.
    #[error("{name}:{line}: {problem}")]
    BadLine {
        /// The file.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong, naming the column where one cell is at fault.
        problem: String,
    },
    /// The file holds no rows at all (empty, or blank lines and comments).
    #[error("{0}: the file is empty: no rows to read (expected a header row, then rows of numbers with a label column)")]
    Empty(String),
}
