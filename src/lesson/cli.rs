//! The `micrograd lessons` and `micrograd lessons check` commands.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::catalog::Catalog;
use super::check;
use super::progress::Progress;
use super::tutor;
use crate::text::count;
use crate::text::{Palette, Style};

/// `micrograd lessons`: the list with progress kept in `data_dir` (a
/// damaged progress file is said to `errors`).
pub fn list(
    style: Style,
    data_dir: Option<&Path>,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<()> {
    let loaded = Progress::load(data_dir);
    if let Some(warning) = &loaded.warning {
        writeln!(errors, "micrograd: {warning}")?;
    }
    tutor::write_list(&Catalog::load(data_dir), &loaded.progress, out, style)?;
    out.flush()
}

/// `micrograd lessons check [FILE...]`: replays the given lesson files, or
/// every lesson (embedded and the user's, in `data_dir`), printing `FILE:LINE: message`
/// to `errors` for each broken step. Returns true when all pass.
pub fn check(
    files: &[PathBuf],
    data_dir: Option<&Path>,
    palette: Palette,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<bool> {
    let catalog = if files.is_empty() {
        Catalog::load(data_dir)
    } else {
        let mut catalog = Catalog::default();
        for file in files {
            catalog.add_file(file);
        }
        catalog
    };
    let (mut steps, mut broken) = (0, 0);
    for entry in &catalog.entries {
        let failures = match &entry.lesson {
            Ok(lesson) => {
                steps += lesson.steps.len();
                check::check_lesson(&entry.file, lesson)
            }
            Err(e) => vec![check::Failure {
                file: e.file.clone(),
                line: e.line,
                message: e.message.clone(),
            }],
        };
        if failures.is_empty() {
            writeln!(out, "{} {}", palette.good("ok"), entry.file)?;
        }
        for failure in &failures {
            writeln!(errors, "{}: {}", palette.error("error"), failure)?;
        }
        broken += failures.len();
    }
    let lessons = catalog.entries.len();
    if broken == 0 {
        writeln!(
            out,
            "{}, {}: every step checks out.",
            count(lessons, "lesson", "lessons"),
            count(steps, "step", "steps")
        )?;
    } else {
        writeln!(
            errors,
            "{} in {}.",
            count(broken, "broken step", "broken steps"),
            count(lessons, "lesson", "lessons")
        )?;
    }
    out.flush()?;
    Ok(broken == 0)
}
