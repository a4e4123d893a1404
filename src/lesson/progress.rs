//! Lesson progress: for each lesson, the step reached and whether it was
//! finished. Saved as JSON in the data directory the front end passes in
//! (the terminal app's is `repl::data_dir`), written atomically (a
//! temporary file renamed over the old one), so quitting or a crash
//! mid-write never leaves a torn file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How far the learner got in one lesson.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// The step to resume at (0-based).
    pub step: usize,
    /// True once the lesson was finished (it may be taken again).
    pub done: bool,
}

/// Progress in every lesson, keyed by lesson id (the file's stem).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    lessons: BTreeMap<String, LessonProgress>,
}

impl Progress {
    /// The progress file in the data directory `data_dir`.
    pub fn path(data_dir: Option<&Path>) -> Option<PathBuf> {
        data_dir.map(|dir| dir.join("progress.json"))
    }

    /// Reads the progress file of `data_dir`; none, a missing or an
    /// unreadable file means no progress yet (a corrupt file is not worth
    /// stopping a lesson for).
    pub fn load(data_dir: Option<&Path>) -> Self {
        Self::path(data_dir)
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Progress in the lesson `id`.
    pub fn get(&self, id: &str) -> LessonProgress {
        self.lessons.get(id).copied().unwrap_or_default()
    }

    /// Records progress in the lesson `id`.
    pub fn set(&mut self, id: &str, progress: LessonProgress) {
        self.lessons.insert(id.to_string(), progress);
    }

    /// Writes the progress file of `data_dir` atomically.
    pub fn save(&self, data_dir: Option<&Path>) -> Result<(), String> {
        let path = Self::path(data_dir).ok_or("no data directory to save progress in")?;
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        write_atomically(&path, text.as_bytes())
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut file| {
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
    fn progress_round_trips_through_json() {
        let mut progress = Progress::default();
        progress.set(
            "01-derivative",
            LessonProgress {
                step: 4,
                done: false,
            },
        );
        let text = serde_json::to_string(&progress).unwrap();
        let back: Progress = serde_json::from_str(&text).unwrap();
        assert_eq!(back.get("01-derivative").step, 4);
        assert_eq!(back.get("unknown"), LessonProgress::default());
    }
}
