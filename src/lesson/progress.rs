//! Lesson progress: for each lesson, the step reached and whether it was
//! finished. Saved as JSON in the data directory the front end passes in
//! (the terminal app's is `repl::data_dir`). Saved state is never lost:
//!
//! - every write takes an advisory lock, re-reads the file and changes only
//!   the lesson it is about, then replaces the file atomically (a temporary
//!   file renamed over it), so two microgards running at once never undo
//!   each other and a crash mid-write never leaves a torn file;
//! - a damaged file (truncated, mistyped, not UTF-8) is read entry by entry
//!   ([`salvage`]): only what cannot be read is dropped, the original is
//!   moved aside as `progress.json.bad-<time>`, and a one-line warning names
//!   it.

mod salvage;
mod stamp;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use salvage::MAX_STEP;
pub use stamp::beside as name_beside;

/// How far the learner got in one lesson.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LessonProgress {
    /// The step to resume at (0-based, at most [`MAX_STEP`]).
    pub step: usize,
    /// True once the lesson was finished (it may be taken again).
    pub done: bool,
}

/// Progress in every lesson, keyed by lesson id (the file's stem).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    lessons: BTreeMap<String, LessonProgress>,
}

/// What reading a progress file found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every entry that could be read.
    pub progress: Progress,
    /// Set when the file was damaged: one line saying what was kept and
    /// where the original went.
    pub warning: Option<String>,
}

impl Progress {
    /// The progress file in the data directory `data_dir`.
    pub fn path(data_dir: Option<&Path>) -> Option<PathBuf> {
        data_dir.map(|dir| dir.join("progress.json"))
    }

    /// Reads the progress file of `data_dir` (none, or no file, means no
    /// progress yet), with a warning if it was damaged: the caller says it
    /// where its diagnostics go.
    pub fn load(data_dir: Option<&Path>) -> Loaded {
        match Self::path(data_dir) {
            Some(path) => Self::load_from(&path),
            None => Loaded::default(),
        }
    }

    /// Reads the progress file at `path` under its lock, moving a damaged
    /// file aside (see the module's notes).
    pub fn load_from(path: &Path) -> Loaded {
        let _lock = FileLock::take(path);
        read_repairing(path)
    }

    /// Progress in the lesson `id`.
    pub fn get(&self, id: &str) -> LessonProgress {
        self.lessons.get(id).copied().unwrap_or_default()
    }

    /// Records progress in the lesson `id` (in memory only).
    pub fn set(&mut self, id: &str, progress: LessonProgress) {
        self.lessons.insert(id.to_string(), progress);
    }

    /// Saves `progress` for the lesson `id` into the progress file, keeping
    /// what other instances saved for other lessons meanwhile; returns the
    /// progress now on disk (with a warning if the file was damaged).
    pub fn record(
        data_dir: Option<&Path>,
        id: &str,
        progress: LessonProgress,
    ) -> Result<Loaded, String> {
        let path = Self::path(data_dir).ok_or("no data directory to save progress in")?;
        Self::record_at(&path, id, progress)
    }

    /// [`Progress::record`] into the file at `path`.
    pub fn record_at(path: &Path, id: &str, progress: LessonProgress) -> Result<Loaded, String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let _lock = FileLock::take(path);
        let mut loaded = read_repairing(path);
        loaded.progress.set(id, progress);
        let text = serde_json::to_string_pretty(&loaded.progress).map_err(|e| e.to_string())?;
        write_atomically(path, text.as_bytes())?;
        Ok(loaded)
    }

    /// Lessons with saved progress, by id.
    pub fn lessons(&self) -> impl Iterator<Item = (&str, LessonProgress)> {
        self.lessons.iter().map(|(id, p)| (id.as_str(), *p))
    }
}

/// Reads `path` (the caller holds the lock): a missing file is no
/// progress; a damaged one is salvaged and moved aside.
fn read_repairing(path: &Path) -> Loaded {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(_) => return Loaded::default(),
    };
    let salvaged = salvage::read(&bytes);
    if salvaged.dropped.is_empty() {
        return Loaded {
            progress: salvaged.progress,
            warning: None,
        };
    }
    let aside = stamp::beside(path, "bad");
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let kept = salvaged.progress.lessons.len();
    let problems = salvaged.dropped.join("; ");
    // The original goes aside and what was read takes its place, so the
    // next reader finds a sound file and the damage is reported once.
    let repaired = std::fs::rename(path, &aside).and_then(|()| {
        let text =
            serde_json::to_string_pretty(&salvaged.progress).map_err(std::io::Error::other)?;
        write_atomically(path, text.as_bytes()).map_err(std::io::Error::other)
    });
    let warning = match repaired {
        Ok(()) => format!(
            "{name} was damaged ({problems}); kept {kept} lesson(s) and moved the original to {}",
            aside.display()
        ),
        Err(e) => format!(
            "{name} is damaged ({problems}); kept {kept} lesson(s), but could not repair it ({e})"
        ),
    };
    Loaded {
        progress: salvaged.progress,
        warning: Some(warning),
    }
}

/// An advisory lock on `<file>.lock` beside a file, held until dropped.
/// The lock is on a file of its own because the data file is replaced by
/// rename on every write. Where locking is impossible (a read-only folder,
/// a file system without locks), work goes on without it.
struct FileLock(Option<File>);

impl FileLock {
    fn take(path: &Path) -> Self {
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(name))
            .ok()
            .filter(|file| file.lock().is_ok());
        FileLock(file)
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            let _ = file.unlock();
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("{}: {e}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("progress.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn progress_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let four = LessonProgress {
            step: 4,
            done: false,
        };
        Progress::record_at(&path, "01-derivative", four).unwrap();
        let done = LessonProgress {
            step: 0,
            done: true,
        };
        Progress::record_at(&path, "02-sum", done).unwrap();
        let back = Progress::load_from(&path);
        assert!(back.warning.is_none());
        assert_eq!(back.progress.get("01-derivative"), four);
        assert_eq!(back.progress.get("02-sum"), done);
        assert_eq!(back.progress.get("unknown"), LessonProgress::default());
    }

    #[test]
    fn a_damaged_file_is_moved_aside_keeping_what_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let text = r#"{"lessons": {"01-a": {"step": 3, "done": true}, "02-b": {"step": "x", "done": true}, "03-c": {"st"#;
        std::fs::write(&path, text).unwrap();
        let loaded = Progress::load_from(&path);
        let warning = loaded.warning.expect("warns");
        assert!(warning.contains("progress.json.bad-"), "{warning}");
        assert_eq!(loaded.progress.get("01-a").step, 3);
        assert!(loaded.progress.get("02-b").done, "its done survives");
        let repaired = Progress::load_from(&path);
        assert!(repaired.warning.is_none(), "repaired in place");
        assert_eq!(repaired.progress, loaded.progress);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("progress.json.bad-"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        let kept = std::fs::read_to_string(dir.path().join(&aside[0])).unwrap();
        assert_eq!(kept, text, "the original is kept as it was");
    }
}
