//! Text plots for training: the loss curve, and the decision boundary of a
//! 2-D classifier (the region each class gets, with the data on top).
//! Plain characters carry the meaning; colour on a TTY only helps.

use std::io::{self, Write};

use super::{number, wrap, Palette};
use crate::text::Style;

/// Marks for data points of class 0, 1, 2, ...
const POINT_MARKS: [char; 6] = ['o', 'x', '+', '*', '#', '@'];
/// Marks for held-out points (never trained on) of class 0, 1, 2, ...
const HELD_OUT_MARKS: [char; 6] = ['O', 'X', '%', '&', '$', '?'];
/// Background marks for the region predicted as class 0, 1, 2, ...
const REGION_MARKS: [char; 6] = ['.', ' ', '-', '~', '=', '^'];

/// Mark of the training loss curve.
const TRAINING_MARK: char = '•';
/// Mark of the held-out loss curve: a different shape, so the two curves
/// stay apart without colour.
const HELD_OUT_MARK: char = '×';

/// Draws `training` losses (one per step) as a `width × height` curve with
/// the highest and lowest values on the axis; when `held_out` has a loss
/// per step too, its curve goes on the same axes with its own mark, and a
/// legend names both. Where the curves meet, the training mark shows.
pub fn loss_curves(
    out: &mut dyn Write,
    palette: Palette,
    training: &[f64],
    held_out: &[f64],
    width: usize,
    height: usize,
) -> io::Result<()> {
    let curves: Vec<(&[f64], char)> = [(held_out, HELD_OUT_MARK), (training, TRAINING_MARK)]
        .into_iter()
        .filter(|(losses, _)| !losses.is_empty())
        .collect();
    let finite: Vec<f64> = curves
        .iter()
        .flat_map(|(losses, _)| losses.iter().copied())
        .filter(|l| l.is_finite())
        .collect();
    if finite.is_empty() || width == 0 || height < 2 {
        return writeln!(out, "(no finite loss to plot)");
    }
    let steps = training.len().max(held_out.len());
    if steps < 2 {
        // A curve of one point drew a full-height axis with the same label
        // at its top and bottom, and "step 1  1" (finding B208).
        return writeln!(out, "{}", palette.dim("(one step: no loss curve to draw)"));
    }
    let top = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let bottom = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let span = if top > bottom { top - bottom } else { 1.0 };
    let columns = width.min(steps);
    let mut grid = vec![vec![' '; columns]; height];
    for (losses, mark) in &curves {
        for (column, cell) in (0..columns).map(|c| (c, c * losses.len() / columns)) {
            let loss = losses[cell];
            if loss.is_finite() {
                let level = ((top - loss) / span * (height - 1) as f64).round() as usize;
                grid[level.min(height - 1)][column] = *mark;
            }
        }
    }
    let labels = [number::short(top, 4), number::short(bottom, 4)];
    let label_width = labels.iter().map(String::len).max().unwrap_or(0);
    if curves.len() > 1 {
        writeln!(
            out,
            "{}  {}",
            palette.bold("loss per step"),
            palette.dim(&format!(
                "{TRAINING_MARK} training  {HELD_OUT_MARK} held out"
            ))
        )?;
    } else {
        writeln!(out, "{}", palette.bold("loss per step"))?;
    }
    for (row, cells) in grid.iter().enumerate() {
        let label = match row {
            0 => labels[0].as_str(),
            r if r == height - 1 => labels[1].as_str(),
            _ => "",
        };
        let line: String = cells.iter().collect();
        writeln!(
            out,
            "{label:>label_width$} │{}",
            palette.op(line.trim_end())
        )?;
    }
    writeln!(out, "{:>label_width$} └{}", "", "─".repeat(columns))?;
    let last = steps.to_string();
    writeln!(
        out,
        "{:>label_width$}  step 1{last:>pad$}",
        "",
        pad = columns.saturating_sub(6).max(last.len() + 2)
    )
}

/// A labelled point of a 2-D data set, for [`decision_boundary`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// First feature.
    pub x: f64,
    /// Second feature.
    pub y: f64,
    /// True class.
    pub class: usize,
    /// Which part of the data the point belongs to.
    pub part: Part,
}

/// The part of the data a plotted point comes from: points never trained
/// on are drawn with their own marks, on top of the training points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Trained on.
    Training,
    /// Held out: scored every check, watched by early stopping.
    HeldOut,
    /// The test set: scored once, at the end.
    Test,
}

/// Draws the plane around `points` as a `width × height` grid: each cell
/// shows the class `predict` gives its centre, each data point its true
/// class on top. A point sitting in another class's region is
/// misclassified. The legend calls classes by `class_names` (as a CSV
/// file's labels spell them), by number where there are none.
pub fn decision_boundary(
    out: &mut dyn Write,
    style: Style,
    points: &[Point],
    class_names: &[String],
    predict: &mut dyn FnMut(f64, f64) -> usize,
    width: usize,
    height: usize,
) -> io::Result<()> {
    if points.is_empty() || width == 0 || height == 0 {
        return writeln!(out, "(no points to plot)");
    }
    let (x_min, x_max, y_min, y_max) = padded_bounds(points);
    let cell_x = |column: usize| x_min + (column as f64 + 0.5) / width as f64 * (x_max - x_min);
    let cell_y = |row: usize| y_max - (row as f64 + 0.5) / height as f64 * (y_max - y_min);
    let mut region = vec![vec![0usize; width]; height];
    for (row, cells) in region.iter_mut().enumerate() {
        for (column, cell) in cells.iter_mut().enumerate() {
            *cell = predict(cell_x(column), cell_y(row));
        }
    }
    let classes = points.iter().map(|p| p.class + 1).max().unwrap_or(0);
    let mut marks: Vec<Vec<Option<Point>>> = vec![vec![None; width]; height];
    let (held_out, training): (Vec<&Point>, Vec<&Point>) =
        points.iter().partition(|p| p.part != Part::Training);
    for &point in training.iter().chain(&held_out) {
        let column = ((point.x - x_min) / (x_max - x_min) * width as f64) as usize;
        let row = ((y_max - point.y) / (y_max - y_min) * height as f64) as usize;
        marks[row.min(height - 1)][column.min(width - 1)] = Some(*point);
    }
    // The legend takes a line per kind of mark, beside the title on a
    // wide terminal and under it on a narrow one, each wrapped to fit.
    let title = "decision boundary";
    let columns = style.width.min(wrap::MAX_WIDTH);
    let beside = columns >= 60;
    let indent = if beside { title.len() + 2 } else { 2 };
    if !beside {
        writeln!(out, "{}", style.palette.bold(title))?;
    }
    let mut first = true;
    for (label, marks) in legend(classes, class_names, !held_out.is_empty()) {
        // One column kept for the comma that ends a line the list goes on from.
        let room = columns.saturating_sub(indent + label.len() + 1).max(12);
        let lines = wrap::pack(&marks, ", ", room);
        let last = lines.len() - 1;
        for (i, marks) in lines.iter().enumerate() {
            let lead = if i == 0 {
                label.clone()
            } else {
                " ".repeat(label.len())
            };
            let comma = if i < last { "," } else { "" };
            let line = format!("{lead}{marks}{comma}");
            let heading = if beside && first {
                format!("{}  ", style.palette.bold(title))
            } else {
                " ".repeat(indent)
            };
            first = false;
            writeln!(out, "{heading}{}", style.palette.dim(&line))?;
        }
    }
    for (row, cells) in region.iter().enumerate() {
        let mut line = String::new();
        for (column, &predicted) in cells.iter().enumerate() {
            line.push_str(&paint_cell(style.palette, predicted, marks[row][column]));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let ranges = [
        format!(
            "x from {} to {}",
            number::short(x_min, 3),
            number::short(x_max, 3)
        ),
        format!(
            "y from {} to {}",
            number::short(y_min, 3),
            number::short(y_max, 3)
        ),
    ];
    let lines = wrap::pack(&ranges, ", ", columns.saturating_sub(1));
    writeln!(out, "{}", style.palette.dim(&lines.join(",\n")))
}

/// Labels and their marks: `points: ` `[o class 0, x class 1]`, `held out: ` ...
/// when some points are held out, and `region: ` `'.' predicted 0, ...`;
/// a class with a name goes by it (`o setosa`, `'.' predicted setosa`).
fn legend(
    classes: usize,
    class_names: &[String],
    with_held_out: bool,
) -> Vec<(String, Vec<String>)> {
    let list = |marks: &[char], quote: bool| {
        (0..classes)
            .map(|c| {
                let mark = marks[c % marks.len()];
                let name = class_names.get(c);
                match (quote, name) {
                    (true, Some(name)) => format!("'{mark}' predicted {name}"),
                    (true, None) => format!("'{mark}' predicted {c}"),
                    (false, Some(name)) => format!("{mark} {name}"),
                    (false, None) => format!("{mark} class {c}"),
                }
            })
            .collect::<Vec<_>>()
    };
    let mut lines = vec![("points: ".into(), list(&POINT_MARKS, false))];
    if with_held_out {
        lines.push(("held out: ".into(), list(&HELD_OUT_MARKS, false)));
    }
    lines.push(("region: ".into(), list(&REGION_MARKS, true)));
    lines
}

/// The plane a boundary is drawn over: the points' extent and a tenth more
/// on every side, as `(x_min, x_max, y_min, y_max)`.
pub(super) fn padded_bounds(points: &[Point]) -> (f64, f64, f64, f64) {
    let (x_min, x_max, y_min, y_max) = bounds(points);
    let x_pad = (x_max - x_min).max(1e-9) * 0.1;
    let y_pad = (y_max - y_min).max(1e-9) * 0.1;
    (x_min - x_pad, x_max + x_pad, y_min - y_pad, y_max + y_pad)
}

fn bounds(points: &[Point]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |(x0, x1, y0, y1), p| (x0.min(p.x), x1.max(p.x), y0.min(p.y), y1.max(p.y)),
    )
}

/// One cell: the data point's mark if there is one, else the region's.
fn paint_cell(palette: Palette, predicted: usize, point: Option<Point>) -> String {
    let mark = match point {
        Some(p) if p.part != Part::Training => HELD_OUT_MARKS[p.class % HELD_OUT_MARKS.len()],
        Some(p) => POINT_MARKS[p.class % POINT_MARKS.len()],
        None => REGION_MARKS[predicted % REGION_MARKS.len()],
    };
    let mark = mark.to_string();
    match point {
        Some(p) => palette.class(p.class, true, &mark),
        None => palette.class(predicted, false, &mark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_draws_no_curve() {
        // `train(n, d, ..., steps=1)` at lesson 13 (finding B208) drew
        // "1.06 │•" over "1.06 │" and "step 1  1".
        let mut out = Vec::new();
        loss_curves(&mut out, Palette::plain(), &[1.06], &[], 60, 10).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "(one step: no loss curve to draw)\n");
        let mut out = Vec::new();
        loss_curves(&mut out, Palette::plain(), &[1.06, 0.9], &[], 60, 10).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("loss per step\n1.06 │•"), "{text}");
    }

    #[test]
    fn the_decision_boundary_fits_80_columns_even_with_six_classes() {
        let points: Vec<Point> = (0..12)
            .map(|i| Point {
                x: i as f64,
                y: (i * 7 % 5) as f64,
                class: i % 6,
                part: if i >= 6 {
                    Part::HeldOut
                } else {
                    Part::Training
                },
            })
            .collect();
        let mut out = Vec::new();
        let mut predict = |x: f64, _: f64| (x as usize) % 6;
        decision_boundary(&mut out, Style::plain(), &points, &[], &mut predict, 64, 24).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("@ class 5") && text.contains("'^' predicted 5"),
            "{text}"
        );
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line}\n{text}");
        }
    }
}
