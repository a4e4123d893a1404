//! The lines that end a training run: how it ended (Ctrl-C, a loss that
//! grew, early stopping), then one row of scores on the final weights per
//! set: the training set, the held-out set watched at every step, the test
//! set scored once at the end. A classification row shows the accuracy, a
//! regression row the root of the mean squared error and R².

use std::io::Write;

use super::{step_label, write_warning, Sets, HELD_OUT};
use crate::data::Task;
use crate::text::{count, number, Palette};
use crate::train::{Score, Summary};

/// The label of the test set's row.
const TEST: &str = "test";

/// The final lines: how it ended, then loss and accuracy (a regression:
/// RMSE and R²) on the final weights, a row for each set there is, in the
/// columns of the progress lines of a run of `planned` steps.
pub fn write_summary(
    out: &mut dyn Write,
    palette: Palette,
    sets: Sets,
    summary: &Summary,
    planned: usize,
) -> std::io::Result<()> {
    let steps_done = count(summary.steps_done, "step", "steps");
    if summary.stopped {
        write_warning(
            out,
            palette,
            &format!("stopped after {steps_done} (Ctrl-C); the weights so far are kept"),
        )?;
    }
    let first = summary.losses.first().copied().unwrap_or(f64::NAN);
    if !summary.final_loss.is_finite() || summary.final_loss > 2.0 * first {
        write_warning(
            out,
            palette,
            "the loss grew instead of shrinking: the learning rate is probably too large (try one 10 times smaller)",
        )?;
    }
    if let Some(stop) = summary.early_stop {
        write_warning(
            out,
            palette,
            &format!(
                "stopped early after {steps_done}: no better held-out loss since step {} ({}); the weights are that step's",
                stop.best_step,
                number::short(stop.best_loss, 4)
            ),
        )?;
    }
    writeln!(
        out,
        "done: {steps_done} in {:.3} s; on the final weights:",
        summary.seconds,
    )?;
    // Rows line up with the progress lines above them.
    let label = step_label(planned, planned).len().max(HELD_OUT.len());
    let task = sets.training.task();
    let training = Row {
        label: "training",
        loss: summary.final_loss,
        data_loss: summary.final_loss - summary.final_penalty,
        score: summary.accuracy,
        samples: sets.training.len(),
        note: "",
    };
    write_row(out, palette, task, label, &training)?;
    if let (Some(held_out), Some(score)) = (sets.held_out, summary.held_out) {
        let row = Row::scored(HELD_OUT, score, held_out.len(), "never trained on");
        write_row(out, palette, task, label, &row)?;
    }
    if let (Some(test), Some(score)) = (sets.test, summary.test) {
        let row = Row::scored(TEST, score, test.len(), "scored once, at the end");
        write_row(out, palette, task, label, &row)?;
    }
    if sets.held_out.is_some() && summary.early_stop.is_none() {
        write_overfitting_note(out, palette, &summary.held_out_losses)?;
    }
    Ok(())
}

/// One set's scores on the final weights.
struct Row<'a> {
    label: &'a str,
    /// The loss as minimised (penalties included for the training set).
    loss: f64,
    /// The loss without penalties: the mean squared error of a regression.
    data_loss: f64,
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
            loss: score.loss,
            data_loss: score.loss,
            score: score.accuracy,
            samples,
            note,
        }
    }
}

/// `training  loss 0.31        accuracy  95.0 % (19/20)`, or for a
/// regression `training  loss 0.31        rmse 0.557  R² 0.97`.
fn write_row(
    out: &mut dyn Write,
    palette: Palette,
    task: Task,
    label: usize,
    row: &Row,
) -> std::io::Result<()> {
    let scores = match task {
        Task::Classify => format!("accuracy {}", accuracy_of(palette, row.score, row.samples)),
        Task::Regress => format!(
            "rmse {}  R² {}",
            number::short(root_of(row.data_loss), 4),
            number::short(row.score, 4)
        ),
    };
    let line = format!(
        "{:>label$}  loss {:<10}  {scores}",
        row.label,
        number::short(row.loss, 4)
    );
    if row.note.is_empty() {
        writeln!(out, "{line}")
    } else {
        writeln!(out, "{line} {}", palette.dim(row.note))
    }
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
    palette: Palette,
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
            palette,
            &format!(
                "overfitting: the held-out loss, lowest at step {} ({}), rose to {}\nwhile the training loss kept falling; try l2, fewer steps or patience",
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
