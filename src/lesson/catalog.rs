//! Which lessons exist: the course embedded in the binary at build time,
//! then any `*.toml` lessons in the `lessons` folder of the data directory,
//! numbered after the course in file-name order.

use std::path::Path;

use super::format::{self, FormatError, Lesson};
use crate::host::files::{read_text, LESSON_LIMIT};

macro_rules! embed {
    ($name:literal) => {
        ($name, include_str!(concat!("../../lessons/", $name)))
    };
}
/// The course, embedded at build time (file name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    embed!("01-derivative.toml"),
    embed!("02-sum-and-product.toml"),
    embed!("03-chain-rule.toml"),
    embed!("04-reuse.toml"),
    embed!("05-neuron.toml"),
    embed!("06-verify.toml"),
    embed!("07-primitives.toml"),
    embed!("08-zero-grad.toml"),
    embed!("09-gradient-descent.toml"),
    embed!("10-activations.toml"),
    embed!("11-small-network.toml"),
    embed!("12-losses.toml"),
    embed!("13-networks-and-optimizers.toml"),
    embed!("14-micro-batches-and-regularisation.toml"),
    embed!("15-overfitting.toml"),
    embed!("16-neuron-as-a-function.toml"),
    embed!("17-layer-and-mlp.toml"),
    embed!("18-training-loop.toml"),
    embed!("19-optimizers.toml"),
    embed!("20-vanishing-and-exploding.toml"),
    embed!("21-real-data-habits.toml"),
    embed!("22-accumulation-by-hand.toml"),
];

/// One lesson of the catalog, parsed or not.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its number in the list, from 1.
    pub number: usize,
    /// The file's stem (`01-derivative`): the key of its progress.
    pub id: String,
    /// The file as shown in messages (`lessons/01-derivative.toml`).
    pub file: String,
    /// The lesson, or why its file could not be read.
    pub lesson: Result<Lesson, FormatError>,
}

impl Entry {
    /// Reads one lesson file's text into an entry.
    pub fn parse(number: usize, file: &str, source: &str) -> Self {
        let id = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(file)
            .to_string();
        Entry {
            number,
            id,
            file: file.to_string(),
            lesson: format::parse(file, source),
        }
    }

    /// The title, or the file name if the file is broken.
    pub fn title(&self) -> &str {
        match &self.lesson {
            Ok(lesson) => &lesson.title,
            Err(_) => &self.file,
        }
    }

    /// The id without its number: `derivative` for `01-derivative`.
    fn short_name(&self) -> &str {
        self.id
            .split_once('-')
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map_or(self.id.as_str(), |(_, name)| name)
    }
}

/// Every lesson, in order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The lessons.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The embedded course plus the `lessons` folder of the data directory.
    pub fn load(data_dir: Option<&Path>) -> Self {
        let mut catalog = Self::embedded();
        if let Some(dir) = data_dir.map(|d| d.join("lessons")) {
            catalog.add_folder(&dir);
        }
        catalog
    }

    /// Only the embedded course.
    pub fn embedded() -> Self {
        let entries = EMBEDDED
            .iter()
            .enumerate()
            .map(|(i, (name, source))| Entry::parse(i + 1, &format!("lessons/{name}"), source))
            .collect();
        Catalog { entries }
    }

    /// Adds every `*.toml` file of `dir` (a missing folder adds nothing).
    pub fn add_folder(&mut self, dir: &Path) {
        let Ok(listing) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = listing
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            self.add_file(&path);
        }
    }

    /// Adds one lesson file; an unreadable file becomes a broken entry.
    pub fn add_file(&mut self, path: &Path) {
        let number = self.entries.len() + 1;
        let file = path.display().to_string();
        let entry = match read_text(path, LESSON_LIMIT, &|| false) {
            Ok(source) => Entry::parse(number, &file, &source),
            Err(e) => Entry {
                lesson: Err(FormatError {
                    file: file.clone(),
                    line: 1,
                    message: format!("cannot read {e}"),
                }),
                ..Entry::parse(number, &file, "")
            },
        };
        self.entries.push(entry);
    }

    /// The lesson `which` names: its number, its name (`derivative`,
    /// `01-derivative`, or a prefix), or a word of its title.
    pub fn find(&self, which: &str) -> Option<&Entry> {
        let which = which.trim().to_lowercase();
        if let Ok(number) = which.parse::<usize>() {
            return self.entries.iter().find(|e| e.number == number);
        }
        let by = |test: &dyn Fn(&Entry) -> bool| self.entries.iter().find(|e| test(e));
        by(&|e| e.id == which)
            .or_else(|| by(&|e| e.short_name().starts_with(&which)))
            .or_else(|| by(&|e| e.title().to_lowercase().contains(&which)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::format::StepKind;

    #[test]
    fn every_embedded_lesson_parses() {
        for entry in Catalog::embedded().entries {
            if let Err(e) = &entry.lesson {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn every_file_in_the_lessons_folder_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn no_lesson_repeats_the_pointer_its_completion_line_gives() {
        // The completion line says "Next: :lesson N (title)"; a last say
        // that also says "Type :lesson N" told the learner twice in a row
        // (finding D302), and went stale when lessons were renumbered.
        for entry in Catalog::embedded().entries {
            let lesson = entry.lesson.unwrap();
            for step in &lesson.steps {
                let StepKind::Say(text) = &step.kind else {
                    continue;
                };
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    !flat.contains("Type :lesson"),
                    "{}:{}: {flat}",
                    entry.file,
                    step.line
                );
            }
        }
    }

    #[test]
    fn every_question_of_the_course_aims_hints_at_its_likely_mistakes() {
        // Two or three likely mistakes per question (one when a choice has
        // only one wrong option), each with the hint aimed at it.
        for entry in Catalog::embedded().entries {
            for step in &entry.lesson.unwrap().steps {
                let StepKind::Question(question) = &step.kind else {
                    continue;
                };
                let wanted = match &question.kind {
                    crate::lesson::format::QuestionKind::Choose { options, .. } => {
                        (options.len() - 1).min(2)
                    }
                    _ => 2,
                };
                assert!(
                    question.mistakes.len() >= wanted,
                    "{}:{}: {} aimed mistakes, want {wanted}",
                    entry.file,
                    step.line,
                    question.mistakes.len()
                );
            }
        }
    }

    #[test]
    fn no_explanation_says_right_again_after_the_tick() {
        // "✓ Right." (or "Skipped. The answer: ...") comes first; an
        // explanation that opens with "Right" or "Yes" doubles it.
        for entry in Catalog::embedded().entries {
            for step in &entry.lesson.unwrap().steps {
                let StepKind::Question(question) = &step.kind else {
                    continue;
                };
                let explain = question.explain.as_deref().unwrap_or("").trim_start();
                for doubled in ["Right", "Yes", "Correct"] {
                    assert!(
                        !explain.starts_with(doubled),
                        "{}:{}: {explain}",
                        entry.file,
                        step.line
                    );
                }
            }
        }
    }

    #[test]
    fn lessons_are_found_by_number_name_or_title_word() {
        let catalog = Catalog::embedded();
        assert_eq!(catalog.find("1").unwrap().id, "01-derivative");
        assert_eq!(catalog.find("reuse").unwrap().number, 4);
        assert_eq!(catalog.find("08-zero-grad").unwrap().number, 8);
        assert_eq!(catalog.find("losses").unwrap().number, 12);
        assert!(catalog.find("99").is_none());
        assert!(catalog.find("no such lesson").is_none());
    }
}
