//! Why a CSV file could not be used, in words that name the file, the line
//! and (where one cell is at fault) the column, so a learner can open the
//! file and fix it.

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
    /// Nothing to train on.
    #[error("{0}: no data rows (expected columns of numbers, one of them the label)")]
    Empty(String),
    /// A choice made for the whole file (`--label`, `--task`) does not fit it.
    #[error("{name}: {problem}")]
    BadChoice {
        /// The file.
        name: String,
        /// What does not fit, and what would.
        problem: String,
    },
}
