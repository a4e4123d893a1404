//! The history file, cleaned before rustyline reads it: rustyline stops
//! loading at the first line that is not UTF-8 (and the next save then
//! drops everything after it), so such lines are skipped here, reported
//! once, and the original is kept beside the cleaned file as
//! `history.txt.bad-<time>`.

use std::path::Path;

use crate::host::files::{read_file, size_words};
use crate::lesson::progress::{name_beside, write_atomically};

/// The largest history file read (5,000 entries of a few hundred bytes).
const HISTORY_LIMIT: u64 = 16 << 20;

/// Rewrites the history file at `path` without its lines that are not
/// UTF-8, keeping every other line in order. Returns a one-line report when
/// lines were skipped (or the file could not be read), `None` otherwise.
pub fn clean(path: &Path) -> Option<String> {
    let bytes = match read_file(path, HISTORY_LIMIT, &|| false) {
        Ok(bytes) => bytes,
        Err(crate::host::HostError::TooLarge { .. }) => {
            return Some(format!(
                "{} is larger than {}; history not loaded",
                path.display(),
                size_words(HISTORY_LIMIT)
            ))
        }
        // No history yet (or unreadable: rustyline will say nothing either).
        Err(_) => return None,
    };
    let (kept, skipped) = valid_lines(&bytes);
    if skipped == 0 {
        return None;
    }
    let aside = name_beside(path, "bad");
    let rewritten = std::fs::copy(path, &aside)
        .map_err(|e| e.to_string())
        .and_then(|_| write_atomically(path, kept.as_bytes()));
    let (lines, are) = if skipped == 1 {
        ("line", "is")
    } else {
        ("lines", "are")
    };
    Some(match rewritten {
        Ok(()) => format!(
            "{}: skipped {skipped} {lines} that {are} not UTF-8 text (the original is kept as {})",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "{}: {skipped} {lines} {are} not UTF-8 text and could not be cleaned ({e})",
            path.display()
        ),
    })
}

/// The UTF-8 lines of `bytes` (each ending in a newline) and how many
/// lines were not UTF-8.
fn valid_lines(bytes: &[u8]) -> (String, usize) {
    let mut kept = String::with_capacity(bytes.len());
    let mut skipped = 0;
    for line in bytes.split(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok("") => {}
            Ok(text) => {
                kept.push_str(text);
                kept.push('\n');
            }
            Err(_) => skipped += 1,
        }
    }
    (kept, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::{DefaultHistory, History};

    fn history_with_a_bad_line(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("history.txt");
        let mut bytes = b"#V2\na = 1\n".to_vec();
        bytes.extend([0xff, 0xfe, b'x', b'\n']);
        bytes.extend(b"b = 2\nL = a * b\n");
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn every_valid_line_loads_and_the_bad_one_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = history_with_a_bad_line(dir.path());
        let report = clean(&path).expect("reports");
        assert!(
            report.contains("skipped 1 line that is not UTF-8"),
            "{report}"
        );
        assert!(report.contains("history.txt.bad-"), "{report}");
        let mut history = DefaultHistory::new();
        history.load(&path).expect("loads");
        let entries: Vec<_> = history.iter().cloned().collect();
        assert_eq!(entries, ["a = 1", "b = 2", "L = a * b"]);
        assert_eq!(clean(&path), None, "reported once: the file is clean now");
    }

    #[test]
    fn a_clean_or_missing_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(clean(&dir.path().join("none.txt")), None);
        let path = dir.path().join("history.txt");
        std::fs::write(&path, "#V2\na = 1\n").unwrap();
        assert_eq!(clean(&path), None);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
