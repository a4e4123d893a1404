//! The lesson list (`:lessons`, `micrograd lessons`): one row a lesson with
//! its number, title, minutes and progress, in columns that fit the
//! terminal. Where the full columns do not fit, the gaps close up; where
//! even that does not fit, a lesson's minutes and progress go on a line of
//! their own under its title, so no row is broken mid-word by the terminal.

use std::io::{self, Write};

use super::catalog::{Catalog, Entry};
use super::progress::Progress;
use crate::text::{wrap, Palette, Style};

/// Writes the lesson list with progress, fitted to `style`'s width.
pub fn write_list(
    catalog: &Catalog,
    progress: &Progress,
    out: &mut dyn Write,
    style: Style,
) -> io::Result<()> {
    let heading = wrap::paragraph(
        "Lessons (type :lesson N to start or resume one):",
        style.width,
    );
    writeln!(out, "{}", style.palette.bold(&heading))?;
    let rows: Vec<Row> = catalog
        .entries
        .iter()
        .map(|entry| Row::of(entry, progress, style.palette))
        .collect();
    for line in layout(&rows, style.width) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// One lesson's cells; `status_width` is the status without colour.
struct Row {
    number: String,
    title: String,
    minutes: String,
    status: String,
    status_width: usize,
}

impl Row {
    fn of(entry: &Entry, progress: &Progress, palette: Palette) -> Row {
        let number = format!("{:>2}", entry.number);
        let lesson = match &entry.lesson {
            Ok(lesson) => lesson,
            Err(e) => {
                let text = format!("broken: {e}");
                return Row {
                    number,
                    title: String::new(),
                    minutes: String::new(),
                    status_width: width_of(&text),
                    status: palette.error(&text),
                };
            }
        };
        let saved = progress.get(&entry.id);
        let len = lesson.steps.len();
        let (text, colour): (String, fn(&Palette, &str) -> String) = match (saved.done, saved.step)
        {
            (_, step) if step >= len && step > 0 => (
                format!(
                    "{}saved step {} is past its {len} steps; starts again",
                    if saved.done { "done ✓, " } else { "" },
                    step.saturating_add(1)
                ),
                Palette::warning,
            ),
            (true, 0) => ("done ✓".to_string(), Palette::good),
            (true, step) => (
                format!("done ✓ (retaking: step {} of {len})", step + 1),
                Palette::good,
            ),
            (false, 0) => ("not started".to_string(), Palette::dim),
            (false, step) => (format!("step {} of {len}", step + 1), Palette::warning),
        };
        Row {
            number,
            title: entry.title().to_string(),
            minutes: lesson
                .minutes
                .map_or(String::new(), |m| format!("{m:>2} min")),
            status_width: width_of(&text),
            status: colour(&palette, &text),
        }
    }
}

fn width_of(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// The rows in the widest layout whose every line fits `width`: the full
/// columns (two-space margin and gaps), then closed-up ones (one space),
/// else each row's minutes and status under its (wrapped) title.
fn layout(rows: &[Row], width: usize) -> Vec<String> {
    let title_width = rows.iter().map(|r| width_of(&r.title)).max().unwrap_or(0);
    let minutes_width = rows.iter().map(|r| width_of(&r.minutes)).max().unwrap_or(0);
    for gap in [2, 1] {
        let widest = rows
            .iter()
            .map(|r| gap + 2 + gap + title_width + gap + minutes_width + gap + r.status_width)
            .max()
            .unwrap_or(0);
        if widest <= width {
            let space = " ".repeat(gap);
            return rows
                .iter()
                .map(|r| {
                    let title = format!("{:<title_width$}", r.title);
                    let minutes = format!("{:>minutes_width$}", r.minutes);
                    format!(
                        "{space}{}{space}{title}{space}{minutes}{space}{}",
                        r.number, r.status
                    )
                    .trim_end()
                    .to_string()
                })
                .collect();
        }
    }
    let mut lines = Vec::new();
    for r in rows {
        let first = format!("{}  ", r.number);
        let indent = " ".repeat(width_of(&first));
        lines.push(wrap::hanging(&r.title, &first, width));
        let under = if r.minutes.is_empty() {
            r.status.clone()
        } else {
            format!("{}  {}", r.minutes.trim(), r.status)
        };
        lines.push(format!("{indent}{under}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, title: &str, status: &str) -> Row {
        Row {
            number: format!("{number:>2}"),
            title: title.to_string(),
            minutes: "10 min".to_string(),
            status: status.to_string(),
            status_width: width_of(status),
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            row(1, "What a derivative is", "done ✓"),
            row(10, "Activations and vanishing gradients", "not started"),
            row(12, "Losses", "step 12 of 30"),
        ]
    }

    #[test]
    fn wide_terminals_get_the_full_columns() {
        let lines = layout(&rows(), 80);
        assert_eq!(
            lines[1],
            "  10  Activations and vanishing gradients  10 min  not started"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn every_layout_fits_its_width_and_keeps_every_word() {
        for width in [40, 50, 60, 62, 70] {
            let lines = layout(&rows(), width);
            for line in &lines {
                assert!(width_of(line) <= width, "{width}: {line:?}");
            }
            let text = lines.join(" ");
            for word in [
                "Activations",
                "vanishing",
                "gradients",
                "started",
                "30",
                "✓",
            ] {
                assert!(text.contains(word), "{width}: {text}");
            }
        }
        // At 60 the gaps close up and each lesson keeps one row.
        assert_eq!(layout(&rows(), 60).len(), 3);
        assert_eq!(
            layout(&rows(), 60)[2],
            " 12 Losses                              10 min step 12 of 30"
        );
        // At 40 the progress goes under the title.
        assert_eq!(
            layout(&rows(), 40)[2..4],
            [
                "10  Activations and vanishing gradients".to_string(),
                "    10 min  not started".to_string()
            ][..]
        );
    }
}
