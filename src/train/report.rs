//! What a training run prints as text, shared by `micrograd train` and the
//! REPL's `train(...)`: the line saying what will be trained, a progress
//! line every few steps (held-out columns beside the training ones when
//! there is a held-out set), the summary with its warnings, and the plots.

use std::io::Write;

use super::{Progress, Score, Summary, TrainConfig, Trainer};
use crate::data::Dataset;
use crate::engine::nn::Mlp;
use crate::render::{number, plot, Palette};

/// One line saying what is about to be trained.
pub fn describe(
    data: &Dataset,
    held_out: Option<&Dataset>,
    mlp: &Mlp,
    config: &TrainConfig,
) -> String {
    let mut penalties = String::new();
    if config.l2 > 0.0 {
        penalties += &format!(" + {}·Σp²", number::short(config.l2, 3));
    }
    if config.l1 > 0.0 {
        penalties += &format!(" + {}·Σ|p|", number::short(config.l1, 3));
    }
    let schedule = if config.linear_decay {
        format!(
            " → {}",
            number::short(config.learning_rate_at(config.steps), 3)
        )
    } else {
        String::new()
    };
    let batch = match config.batch {
        Some(b) => format!("batches of {b}"),
        None => "full batch".into(),
    };
    let accumulate = if config.accumulate > 1 {
        format!(" in {} micro-batches", config.accumulate)
    } else {
        String::new()
    };
    let held_out = match held_out {
        Some(held_out) => format!(" + {} held out", held_out.len()),
        None => String::new(),
    };
    let patience = match config.patience {
        Some(checks) => format!(
            ", stopping when the held-out loss has not improved for {checks} progress lines"
        ),
        None => String::new(),
    };
    format!(
        "training MLP({}, {:?}) ({} parameters) on {} ({} samples{held_out}, {} classes): {} loss{penalties}, {} lr {}{schedule}, {} steps, {batch}{accumulate}{patience}",
        mlp.inputs,
        mlp.sizes(),
        mlp.parameters().len(),
        data.name,
        data.len(),
        data.classes,
        config.loss.name(),
        config.method.name(),
        number::short(config.learning_rate, 3),
        config.steps,
    )
}

/// `step  10/100  loss 0.4123      accuracy  88.0 %  lr 0.91`, with
/// `held out: loss 0.5012      accuracy  80.0 %` before the learning rate
/// when there is a held-out set.
pub fn write_progress(out: &mut dyn Write, palette: Palette, p: &Progress) -> std::io::Result<()> {
    let width = p.steps.to_string().len();
    let held_out = match p.held_out {
        Some(score) => format!("held out: {}  ", score_columns(score)),
        None => String::new(),
    };
    writeln!(
        out,
        "step {:>width$}/{}  {}  {held_out}{}",
        p.step,
        p.steps,
        score_columns(Score {
            loss: p.loss,
            accuracy: p.accuracy
        }),
        palette.dim(&format!("lr {}", number::short(p.learning_rate, 3))),
    )
}

/// `loss 0.4123      accuracy  88.0 %`, the same width for every loss.
fn score_columns(score: Score) -> String {
    format!(
        "loss {:<10}  accuracy {:>5.1} %",
        number::short(score.loss, 4),
        100.0 * score.accuracy
    )
}

/// The final lines: how it ended, accuracy and loss on the final weights,
/// on the held-out set too when there is one.
pub fn write_summary(
    out: &mut dyn Write,
    palette: Palette,
    data: &Dataset,
    held_out: Option<&Dataset>,
    summary: &Summary,
) -> std::io::Result<()> {
    if summary.stopped {
        writeln!(
            out,
            "{}",
            palette.warning(&format!(
                "stopped after {} steps (Ctrl-C); the weights so far are kept",
                summary.steps_done
            ))
        )?;
    }
    let first = summary.losses.first().copied().unwrap_or(f64::NAN);
    if !summary.final_loss.is_finite() || summary.final_loss > 2.0 * first {
        writeln!(
            out,
            "{}",
            palette.warning(
                "the loss grew instead of shrinking: the learning rate is probably too large (try one 10 times smaller)"
            )
        )?;
    }
    if let Some(stop) = summary.early_stop {
        writeln!(
            out,
            "{}",
            palette.warning(&format!(
                "stopped early after {} steps: the held-out loss has not improved since step {} ({})",
                summary.steps_done,
                stop.best_step,
                number::short(stop.best_loss, 4)
            ))
        )?;
    }
    writeln!(
        out,
        "done: {} steps in {:.3} s · accuracy {} · loss {} on the final weights",
        summary.steps_done,
        summary.seconds,
        accuracy_of(palette, summary.accuracy, data.len()),
        number::short(summary.final_loss, 4),
    )?;
    if let (Some(held_out), Some(score)) = (held_out, summary.held_out) {
        writeln!(
            out,
            "held out: accuracy {} · loss {} on {} samples never trained on",
            accuracy_of(palette, score.accuracy, held_out.len()),
            number::short(score.loss, 4),
            held_out.len(),
        )?;
        if summary.early_stop.is_none() {
            write_overfitting_note(out, palette, &summary.held_out_losses)?;
        }
    }
    Ok(())
}

/// `95.0 % (19/20)`, highlighted when (nearly) perfect.
fn accuracy_of(palette: Palette, accuracy: f64, samples: usize) -> String {
    let right = (accuracy * samples as f64).round() as usize;
    let percent = format!("{:.1} %", 100.0 * accuracy);
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
        writeln!(
            out,
            "{}",
            palette.warning(&format!(
                "overfitting: the held-out loss was lowest at step {} ({}) and rose to {} while the training loss kept falling; try l2, fewer steps or patience",
                best_index + 1,
                number::short(best, 4),
                number::short(last, 4)
            ))
        )?;
    }
    Ok(())
}

/// How far above its lowest the held-out loss must end to call it
/// overfitting (not noise).
const OVERFITTING_RISE: f64 = 1.2;

/// The loss curve(s), and the decision boundary when the data is 2-D (the
/// held-out points drawn with their own marks).
pub fn write_plots(
    out: &mut dyn Write,
    palette: Palette,
    trainer: &mut Trainer,
    data: &Dataset,
    held_out: Option<&Dataset>,
    summary: &Summary,
) -> std::io::Result<()> {
    plot::loss_curves(
        out,
        palette,
        &summary.losses,
        &summary.held_out_losses,
        60,
        10,
    )?;
    if data.dimensions() != 2 {
        return writeln!(
            out,
            "(no decision boundary: the data has {} features, the plot needs 2)",
            data.dimensions()
        );
    }
    let mut points = plot_points(data, false);
    points.extend(held_out.map_or_else(Vec::new, |held_out| plot_points(held_out, true)));
    plot::decision_boundary(
        out,
        palette,
        &points,
        &mut |x, y| trainer.predict(&[x, y]),
        64,
        24,
    )
}

/// The samples of a 2-D data set as points to plot.
fn plot_points(data: &Dataset, held_out: bool) -> Vec<plot::Point> {
    data.features
        .iter()
        .zip(&data.labels)
        .map(|(x, &class)| plot::Point {
            x: x[0],
            y: x[1],
            class,
            held_out,
        })
        .collect()
}
