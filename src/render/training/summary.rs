//! The lines that end a training run: how it ended (Ctrl-C, a loss that
//! grew, early stopping), then one row of scores on the final weights per
//! set: the training set, the held-out set watched at every step, the test
//! set scored once at the end. A classification row shows the accuracy, a
//! regression row the root of the mean squared error and R².

use std::io::Write;

use super::{loss_text, penalty_text, step_label, write_warning, Sets, HELD_OUT};
use crate::data::Task;
use crate::text::{count, display_width, number, wrap, Palette, Style};
use crate::train::{Score, Summary, TrainConfig};

/// The label of the test set's row.
const TEST: &str = "test";

/// The final lines: how it ended, then loss and accuracy (a regression:
/// RMSE and R²) on the final weights, a row for each set there is, in the
/// columns of the progress lines of a run `config` planned. Every row's
/// loss is the data loss; the training row's penalty follows it
/// (`loss 0.31 + l2 0.07`).
pub fn write_summary(
    out: &mut dyn Write,
    style: Style,
    sets: Sets,
    summary: &Summary,
    config: &TrainConfig,
) -> std::io::Result<()> {
    let planned = config.steps;
    let steps_done = count(summary.steps_done, "step", "steps");
    if summary.stopped {
        // The terminal echoes `^C` where the cursor is, two columns the
        // line does not know of: leave room for them.
        let text = format!("stopped after {steps_done} (Ctrl-C); the weights so far are kept");
        for line in wrap::paragraph(&text, style.width.saturating_sub(2)).lines() {
            writeln!(out, "{}", style.palette.warning(line))?;
        }
    }
    let first = summary.losses.first().copied().unwrap_or(f64::NAN);
    if !summary.final_loss.is_finite() || summary.final_loss > 2.0 * first {
        write_warning(
            out,
            style,
            "the loss grew instead of shrinking: the learning rate is probably too large (try one 10 times smaller)",
        )?;
    }
    if let Some(stop) = summary.early_stop {
        write_warning(
            out,
            style,
            &format!(
                "stopped early after {steps_done}: no better held-out loss since step {} ({}); the weights are that step's",
                stop.best_step,
                number::short(stop.best_loss, 4)
            ),
        )?;
    }
    let done = format!(
        "done: {steps_done} in {:.3} s; on the final weights:",
        summary.seconds,
    );
    writeln!(out, "{}", wrap::paragraph(&done, style.width))?;
    // Rows line up with the progress lines above them.
    let label = step_label(planned, planned).len().max(HELD_OUT.len());
    let penalty = config.penalty_name();
    let mut rows = vec![Row {
        label: "training",
        data_loss: summary.final_data_loss,
        penalty: penalty.map(|name| (name, summary.final_penalty)),
        score: summary.accuracy,
        samples: sets.training.len(),
        note: "",
    }];
    if let (Some(held_out), Some(score)) = (sets.held_out, summary.held_out) {
        rows.push(Row::scored(
            HELD_OUT,
            score,
            held_out.len(),
            "never trained on",
        ));
    }
    if let (Some(test), Some(score)) = (sets.test, summary.test) {
        rows.push(Row::scored(
            TEST,
            score,
            test.len(),
            "scored once, at the end",
        ));
    }
    let columns = Columns {
        task: sets.training.task(),
        label,
        // As wide as the widest loss (with its penalty), and at least the
        // progress lines' `loss 0.4123    `.
        loss: rows
            .iter()
            .map(|row| display_width(&loss_text(row.data_loss, row.penalty)))
            .fold(LOSS_WIDTH, usize::max),
    };
    for row in &rows {
        write_row(out, style, columns, row)?;
    }
    if sets.held_out.is_some() && summary.early_stop.is_none() {
        write_overfitting_note(out, style, &summary.held_out_losses)?;
    }
    Ok(())
}

/// The columns of a row's loss when no loss is wider: `loss ` and 10.
const LOSS_WIDTH: usize = 15;

/// The rows' columns: the task's scores, the label's width, the loss's.
#[derive(Clone, Copy)]
struct Columns {
    task: Task,
    label: usize,
    loss: usize,
}

/// One set's scores on the final weights.
struct Row<'a> {
    label: &'a str,
    /// The loss without penalties: the mean squared error of a regression.
    data_loss: f64,
    /// The penalties' name and part of the minimised loss (the training
    /// set's row only).
    penalty: Option<(&'a str, f64)>,
    /// Accuracy, or R² for a regression.
    score: f64,
    samples: usize,
    /// Said after the scores, dimmed.
    note: &'a str,
}

impl<'a> Row<'a> {
    /// A row for a set scored without penalties (held out, test).
    fn scored(label: &'a str, score: Score, samples: usize, note: &'a str) -> Self {
        Row {
            label,
            data_loss: score.loss,
            penalty: None,
            score: score.accuracy,
            samples,
            note,
        }
    }
}

/// `training  loss 0.31        accuracy  95.0 % (19/20)`, or for a
/// regression `training  loss 0.31        rmse 0.557  R² 0.97`; with a
/// penalty `training  loss 0.31 + l2 0.07  accuracy ...`, every row's
/// scores in the same columns. A row too wide for the terminal puts its
/// note on the next line, or failing that wraps between its fields
/// (never inside a number), the lines after the first under the loss.
fn write_row(
    out: &mut dyn Write,
    style: Style,
    columns: Columns,
    row: &Row,
) -> std::io::Result<()> {
    let mut scores = match columns.task {
        Task::Classify => vec![format!(
            "accuracy {}",
            accuracy_of(style.palette, row.score, row.samples)
        )],
        Task::Regress => vec![
            format!("rmse {}", number::short(root_of(row.data_loss), 4)),
            format!("R² {}", number::short(row.score, 4)),
        ],
    };
    let label = format!("{:>width$}", row.label, width = columns.label);
    let loss = loss_text(row.data_loss, row.penalty);
    let line = format!(
        "{label}  {loss:<width$}  {}",
        scores.join("  "),
        width = columns.loss
    );
    let note = style.palette.dim(row.note);
    let width = style.width;
    let shown = textwrap::core::display_width;
    let with_note = match row.note.is_empty() {
        true => line.clone(),
        false => format!("{line} {note}"),
    };
    if shown(&with_note) <= width {
        return writeln!(out, "{with_note}");
    }
    if shown(&line) <= width {
        let indent = columns.label + 2;
        return writeln!(out, "{line}\n{:indent$}{note}", "");
    }
    let mut fields = vec![format!("{label}  loss {}", number::short(row.data_loss, 4))];
    fields.extend(row.penalty.map(penalty_text));
    fields.append(&mut scores);
    if !row.note.is_empty() {
        fields.push(note);
    }
    // The lines after the first hang under the loss, unless that leaves
    // the widest field no room (a long run's `step 100000/100000` label).
    let widest = fields
        .iter()
        .skip(1)
        .map(|f| shown(f.as_str()))
        .max()
        .unwrap_or(0);
    let indent = (columns.label + 2).min(width.saturating_sub(widest));
    for line in wrap::pack_hanging(&fields, " ", width, indent) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The root of a mean squared error, in the target's units: NaN stays NaN
/// (a diverged run must not read as a perfect fit), and a difference that
/// rounding left just below 0 reads 0.
pub fn root_of(mean_squared: f64) -> f64 {
    if mean_squared < 0.0 {
        0.0
    } else {
        mean_squared.sqrt()
    }
}

/// `95.0 % (19/20)`, highlighted when (nearly) perfect; the percentage
/// right-aligned like the progress lines'.
fn accuracy_of(palette: Palette, accuracy: f64, samples: usize) -> String {
    let right = (accuracy * samples as f64).round() as usize;
    let percent = format!("{:>5.1} %", 100.0 * accuracy);
    let percent = if accuracy >= 0.99 {
        palette.good(&percent)
    } else {
        palette.bold(&percent)
    };
    format!("{percent} ({right}/{samples})")
}

/// Says so when the held-out loss ended well above its lowest point while
/// training went on: the network is learning the training set's noise.
fn write_overfitting_note(
    out: &mut dyn Write,
    style: Style,
    held_out_losses: &[f64],
) -> std::io::Result<()> {
    let Some((best_index, &best)) = held_out_losses
        .iter()
        .enumerate()
        .filter(|(_, loss)| loss.is_finite())
        .min_by(|a, b| a.1.total_cmp(b.1))
    else {
        return Ok(());
    };
    let last = held_out_losses[held_out_losses.len() - 1];
    if last > best * OVERFITTING_RISE && last > best + 1e-3 {
        write_warning(
            out,
            style,
            &format!(
                "overfitting: the held-out loss, lowest at step {} ({}), rose to {} while the training loss kept falling; try l2, fewer steps or patience",
                best_index + 1,
                number::short(best, 4),
                number::short(last, 4)
            ),
        )?;
    }
    Ok(())
}

/// How far above its lowest the held-out loss must end to call it
/// overfitting (not noise).
const OVERFITTING_RISE: f64 = 1.2;
