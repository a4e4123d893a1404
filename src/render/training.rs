//! What a training run prints as text, shared by `micrograd train` and the
//! REPL's `train(...)` (the loop in `train` only measures and reports
//! progress; the words are here): a few lines saying what will be trained,
//! a progress line every few steps (with a held-out set, its scores beside
//! the training ones, under a line naming both), the summary with its
//! warnings, and the plots. Everything fits an 80-column terminal.

mod summary;

use std::io::Write;

pub use summary::{root_of, write_summary};

use super::plot::Part;
use super::{boundary_svg, curve_svg, plot};
use crate::data::{Dataset, Task};
use crate::engine::nn::{Activation, Mlp};
use crate::text::{count, display_width, number, wrap, Style};
use crate::train::{Diagnosis, Progress, Score, Summary, TrainConfig, Trainer};

/// The samples of one run: those trained on, those held out (scored at
/// every step, watched by early stopping) and the test set (scored once,
/// at the end).
#[derive(Clone, Copy, Debug)]
pub struct Sets<'a> {
    /// The training part, which the standardisation is measured on.
    pub training: &'a Dataset,
    /// The held-out part, if any.
    pub held_out: Option<&'a Dataset>,
    /// The test part, if any.
    pub test: Option<&'a Dataset>,
}

/// A few short lines saying what is about to be trained: the network, the
/// data, then the loss and how it is minimised (each fits 80 columns for
/// any built-in data set), wrapped to `width` columns.
pub fn describe(sets: Sets, mlp: &Mlp, config: &TrainConfig, width: usize) -> String {
    let Sets {
        training: data,
        held_out,
        test,
    } = sets;
    let mut penalties = String::new();
    if config.l2 > 0.0 {
        penalties += &format!(" + {}·Σp²", number::short(config.l2, 3));
    }
    if config.l1 > 0.0 {
        penalties += &format!(" + {}·Σ|p|", number::short(config.l1, 3));
    }
    let batch = match config.batch {
        Some(b) => format!("batches of {b}"),
        None => "full batch".into(),
    };
    let accumulate = if config.accumulate > 1 {
        format!(" in {} micro-batches", config.accumulate)
    } else {
        String::new()
    };
    let held_out_count = match held_out {
        Some(held_out) => format!(" + {} held out", held_out.len()),
        None => String::new(),
    };
    let test_count = match test {
        Some(test) => format!(" + {} to test", test.len()),
        None => String::new(),
    };
    // The network's repr is one field: a narrow terminal breaks around it.
    let heading = [
        "training".to_string(),
        format!("MLP({}, {:?})", mlp.inputs, mlp.sizes()),
        format!(
            "({})",
            count(mlp.parameters().len(), "parameter", "parameters")
        ),
    ];
    let mut lines = vec![
        wrap::pack_hanging(&heading, " ", width, 2).join("\n"),
        format!(
            "  on {} ({}{held_out_count}{test_count}, {})",
            data.name,
            count(data.len(), "sample", "samples"),
            data.what_to_learn(),
        ),
    ];
    if !data.class_names.is_empty() {
        lines.push(format!("  classes: {}", data.class_names.join(", ")));
    }
    if let Some(note) = output_range_note(data, mlp) {
        lines.push(note);
    }
    if let Some(scaling) = scaling_line(data, config) {
        lines.push(scaling);
    }
    let loss = format!("  {} loss{penalties}", config.loss.name());
    let method = format!("{} lr {}", config.method.name(), learning_rates(config));
    // Dropout changes what each step trains: the heading says so.
    let dropout = if config.dropout > 0.0 {
        format!(", dropout {}", number::short(config.dropout, 3))
    } else {
        String::new()
    };
    let steps = format!(
        "{}, {batch}{accumulate}{dropout}",
        count(config.steps, "step", "steps")
    );
    let together = format!("{loss}, {method}, {steps}");
    // Wider than the terminal, the line breaks between fields only
    // (`batches of` and its `5` stay together), as it reads at 80.
    let fields = match display_width(&together) <= wrap::MAX_WIDTH {
        true => vec![together],
        false => vec![format!("{loss}, {method}"), format!("  {steps}")],
    };
    for line in fields {
        lines.push(wrap::between_parts(line.trim_start(), "  ", width));
    }
    // Defaults that differ from the demo's say why.
    let chosen = config.chosen_for_regression;
    let (method, rate) = (config.method.name(), number::short(config.learning_rate, 3));
    let what = match (chosen.optimizer, chosen.learning_rate) {
        (true, true) => Some(format!("{method} and lr {rate}")),
        (true, false) => Some(method.to_string()),
        (false, true) => Some(format!("lr {rate}")),
        (false, false) => None,
    };
    if let Some(what) = what {
        lines.push(format!(
            "  {what} chosen for a regression; opt and lr choose others"
        ));
    }
    if let Some(checks) = config.patience {
        lines.push(format!(
            "  stopping when the held-out loss has not improved for {}",
            count(checks, "progress line", "progress lines")
        ));
    }
    let label = step_label(config.steps, config.steps).len();
    let penalty = config.penalty_name();
    let score = SCORE_WIDTH + SCORE_GAP.len() + penalty.map_or(0, penalty_width);
    // Progress lines then carry two sets of scores; say which is which,
    // unless the terminal is too narrow for the columns (the lines then
    // name the held-out set themselves).
    if held_out.is_some() && label + 2 + score + SCORE_WIDTH <= width {
        let measure = match data.task() {
            Task::Classify => "accuracy",
            Task::Regress => "R²",
        };
        let training = match penalty {
            Some(name) => format!("training: loss + {name}, {measure}"),
            None => format!("training: loss, {measure}"),
        };
        let names = format!(
            "{:label$}  {training:<score$}{HELD_OUT}: loss, {measure}",
            ""
        );
        // Wrapped, `accuracy` went alone under nothing (60 columns): the
        // held-out name then stands over its column by itself.
        match display_width(&names) <= width {
            true => lines.push(names),
            false => lines.push(format!("{:label$}  {training:<score$}{HELD_OUT}:", "")),
        }
    }
    lines
        .iter()
        .map(|line| {
            line.lines()
                .map(|part| wrap::indented(part, width))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Says so when a regression's targets lie outside what the network's
/// output layer can give (tanh: −1 to 1, sigmoid: 0 to 1, ReLU: 0 up):
/// such a run cannot fit however long it trains.
fn output_range_note(data: &Dataset, mlp: &Mlp) -> Option<String> {
    let activation = mlp.layers.last()?.neurons.first()?.activation;
    let (low, high) = match activation {
        Activation::Tanh => (-1.0, 1.0),
        Activation::Sigmoid => (0.0, 1.0),
        Activation::Relu => (0.0, f64::INFINITY),
        Activation::Linear => return None,
    };
    let min = data.targets.iter().copied().fold(f64::INFINITY, f64::min);
    let max = data
        .targets
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if data.task() != Task::Regress || (low <= min && max <= high) {
        return None;
    }
    let range = match high.is_finite() {
        true => format!("{} to {}", number::short(low, 3), number::short(high, 3)),
        false => format!("{} and up", number::short(low, 3)),
    };
    Some(format!(
        "  the output layer is {} ({range}) but the targets run from {} to {}: it cannot fit them; MLP(..., output=\"linear\") can",
        activation.name(),
        number::short(min, 3),
        number::short(max, 3)
    ))
}

/// Whether the features are standardised, and by what: said for every
/// data set not on a unit scale already (CSV files) and whenever the
/// setting was given; the built-in sets train as micrograd's demo does.
fn scaling_line(data: &Dataset, config: &TrainConfig) -> Option<String> {
    if data.unit_scale && config.standardize.is_none() {
        return None;
    }
    Some(if config.standardizes(data) {
        format!(
            "  features standardised by the mean and std of the {}",
            count(data.len(), "training sample", "training samples")
        )
    } else {
        "  features used as they are (not standardised)".to_string()
    })
}

/// The learning rates the run will use: `0.1`, or `1 → 0.109` (the first
/// step's to the last step's) when it decays.
fn learning_rates(config: &TrainConfig) -> String {
    let first = config.learning_rate_at(0);
    let last = config.learning_rate_at(config.steps.saturating_sub(1));
    let (first_text, last_text) = (number::short(first, 3), number::short(last, 3));
    if first_text == last_text {
        first_text
    } else {
        format!("{first_text} → {last_text}")
    }
}

/// `step  10/100  loss 0.4123      accuracy  88.0 %  lr 0.91` (for a
/// regression `R² 0.912` instead of the accuracy); with a penalty the
/// loss is the data loss and the penalty follows it
/// (`loss 0.4123 + l2 0.0123`), so the loss compares with the held-out one.
/// With a held-out set its scores follow the training ones on the same
/// line, each set `loss 0.4123     88.0 %` (the line [`describe`] ends
/// with names the two). A line too wide for the terminal drops the
/// learning rate (shown in the heading's schedule), then wraps between its
/// fields, never inside a number.
pub fn write_progress(
    out: &mut dyn Write,
    style: Style,
    task: Task,
    penalty: Option<&str>,
    p: &Progress,
) -> std::io::Result<()> {
    let step = step_label(p.step, p.steps);
    let training = Score {
        loss: p.data_loss,
        accuracy: p.accuracy,
    };
    let penalty = penalty.map(|name| (name, p.penalty));
    let scores = match p.held_out {
        Some(held_out) => format!(
            "{}{SCORE_GAP}{}",
            compact_scores(training, penalty, task),
            compact_scores(held_out, None, task)
        ),
        None => score_columns(training, penalty, task),
    };
    let rate = format!("lr {}", number::short(p.learning_rate, 3));
    let width = style.width;
    if display_width(&format!("{step}  {scores}  {rate}")) <= width {
        writeln!(out, "{step}  {scores}  {}", style.palette.dim(&rate))?;
    } else if display_width(&format!("{step}  {scores}")) <= width {
        writeln!(out, "{step}  {scores}")?;
    } else {
        // Each set's fields on lines of their own, the held-out ones
        // named, the lines after the first indented.
        // R² to as many digits as the columns show it.
        let digits = if p.held_out.is_some() { 2 } else { 3 };
        let mut fields = vec![step];
        fields.extend(score_fields(training, penalty, task, "", digits));
        let mut lines = wrap::pack_hanging(&fields, " ", width, 2);
        if let Some(held_out) = p.held_out {
            let label = format!("  {HELD_OUT}");
            let fields = score_fields(held_out, None, task, &label, digits);
            lines.extend(wrap::pack_hanging(&fields, " ", width, 4));
        }
        for line in lines {
            writeln!(out, "{line}")?;
        }
    }
    match p.diagnosis {
        Some(diagnosis) => write_warning(out, style, &diagnosis_text(p.step, diagnosis)),
        None => Ok(()),
    }
}

/// The fields of one set's scores, to wrap between on a narrow terminal:
/// `loss 0.4123`, `+ l2 0.0123`, `accuracy 88.0 %` (a regression:
/// `R² 0.912`, to `digits` digits); `label` (the held-out set's,
/// indented) goes before the loss.
fn score_fields(
    score: Score,
    penalty: Option<(&str, f64)>,
    task: Task,
    label: &str,
    digits: usize,
) -> Vec<String> {
    let loss = format!("loss {}", number::short(score.loss, 4));
    let mut fields = vec![if label.is_empty() {
        loss
    } else {
        format!("{label} {loss}")
    }];
    fields.extend(penalty.map(penalty_text));
    fields.push(match task {
        Task::Classify => format!("accuracy {:.1} %", 100.0 * score.accuracy),
        Task::Regress => format!("R² {}", number::short(score.accuracy, digits)),
    });
    fields
}

/// `+ l2 0.0123`: the penalties' part of a loss.
fn penalty_text((name, value): (&str, f64)) -> String {
    format!("+ {name} {}", number::short(value, 3))
}

/// `loss 0.4123` or `loss 0.4123 + l2 0.0123`, padded to `width` columns,
/// widened by [`penalty_width`] when a penalty is named.
fn loss_cell(loss: f64, penalty: Option<(&str, f64)>, width: usize) -> String {
    let width = width + penalty.map_or(0, |(name, _)| penalty_width(name));
    format!("{:<width$}", loss_text(loss, penalty))
}

/// `loss 0.4123`, or `loss 0.4123 + l2 0.0123` with a penalty.
fn loss_text(loss: f64, penalty: Option<(&str, f64)>) -> String {
    let loss = format!("loss {}", number::short(loss, 4));
    match penalty {
        Some(penalty) => format!("{loss} {}", penalty_text(penalty)),
        None => loss,
    }
}

/// The columns a penalty adds to a loss cell: ` + l2 ` and 6 for the
/// number (`0.0123`; longer ones push the line on by their excess).
fn penalty_width(name: &str) -> usize {
    display_width(name) + 4 + 6
}

/// What trouble at `step` means and what to do about it.
pub fn diagnosis_text(step: usize, diagnosis: Diagnosis) -> String {
    const FIX: &str = "try a learning rate 10 times smaller, standardised features (standardize=1, the default for CSV files and dataset()), or opt=\"adam\".";
    match diagnosis {
        Diagnosis::LossJumped { from, to } => format!(
            "at step {step}: the loss jumped from {} to {}: the learning rate is too large for these features; {FIX}",
            number::short(from, 4),
            number::short(to, 4)
        ),
        Diagnosis::NotFinite => format!(
            "at step {step}: the loss is no longer a number (NaN or inf): the weights overflowed; {FIX}"
        ),
        Diagnosis::StuckAtChance { accuracy, steps } => format!(
            "at step {step}: accuracy has stayed at {:.1} % (always guessing one class) for {steps} steps and the loss stands still: the network has stopped learning, usually dead ReLUs after a too-large step; {FIX}",
            100.0 * accuracy
        ),
        Diagnosis::DeadRelus {
            dead,
            units,
            batch: None,
        } => format!(
            "at step {step}: {dead} of {units} ReLUs are dead (at or below 0 on every sample): they pass no gradient and never recover; {FIX}"
        ),
        // A mini-batch saw only some samples: a ReLU off for those may be on
        // for the rest, and the next batch can bring it back.
        Diagnosis::DeadRelus {
            dead,
            units,
            batch: Some((seen, all)),
        } => format!(
            "at step {step}: {dead} of {units} ReLUs are dead on this step's batch ({seen} of the {all} samples: at or below 0 on all of it), so they passed no gradient this step; they may be alive on the other samples, and a later batch can bring them back; if the loss stops falling, {FIX}"
        ),
    }
}

/// `step  10/100`: the step number as wide as the last one.
fn step_label(step: usize, steps: usize) -> String {
    let width = steps.to_string().len();
    format!("step {step:>width$}/{steps}")
}

/// The label of held-out scores.
const HELD_OUT: &str = "held out";

/// Columns of one set of scores on a line with two.
const SCORE_WIDTH: usize = 22;
/// Between the training and held-out scores.
const SCORE_GAP: &str = "    ";

/// `loss 0.4123      accuracy  88.0 %` (a regression: `R² 0.912`), the
/// same width for every loss (and for every penalty beside it).
fn score_columns(score: Score, penalty: Option<(&str, f64)>, task: Task) -> String {
    let loss = loss_cell(score.loss, penalty, 15);
    match task {
        Task::Classify => format!("{loss}  accuracy {:>5.1} %", 100.0 * score.accuracy),
        Task::Regress => format!("{loss}  R² {}", number::short(score.accuracy, 3)),
    }
}

/// `loss 0.4123     88.0 %` (a regression: `R² 0.91`): [`SCORE_WIDTH`]
/// columns for every loss, and [`penalty_width`] more with a penalty.
fn compact_scores(score: Score, penalty: Option<(&str, f64)>, task: Task) -> String {
    let loss = loss_cell(score.loss, penalty, 14);
    match task {
        Task::Classify => format!("{loss} {:>5.1} %", 100.0 * score.accuracy),
        Task::Regress => format!("{loss} R² {:<4}", number::short(score.accuracy, 2)),
    }
}

/// A warning, wrapped to fit the terminal, each line painted.
fn write_warning(out: &mut dyn Write, style: Style, text: &str) -> std::io::Result<()> {
    for line in wrap::paragraph(text, style.width).lines() {
        writeln!(out, "{}", style.palette.warning(line))?;
    }
    Ok(())
}

/// The loss curve(s), and the decision boundary when the data is 2-D (the
/// held-out points drawn with their own marks).
pub fn write_plots(
    out: &mut dyn Write,
    style: Style,
    trainer: &mut Trainer,
    sets: Sets,
    summary: &Summary,
) -> std::io::Result<()> {
    let (data, held_out) = (sets.training, sets.held_out);
    plot::loss_curves(
        out,
        style.palette,
        &summary.data_losses,
        &summary.held_out_losses,
        // The curve's labels take about 10 columns; a narrow terminal
        // gets a narrower curve.
        style.width.saturating_sub(10).clamp(20, 60),
        10,
    )?;
    if data.dimensions() != 2 {
        return writeln!(
            out,
            "(no decision boundary: the data has {}, the plot needs 2)",
            count(data.dimensions(), "feature", "features")
        );
    }
    let mut points = plot_points(data, Part::Training);
    points.extend(held_out.map_or_else(Vec::new, |held_out| plot_points(held_out, Part::HeldOut)));
    plot::decision_boundary(
        out,
        style,
        &points,
        &data.class_names,
        &mut |x, y| trainer.predict(&[x, y]),
        style.width.clamp(20, 64),
        24,
    )
}

/// The decision boundary as an SVG picture (for a front end that shows
/// pictures), with the held-out and test points on top; `None` unless the
/// data has 2 features.
pub fn boundary_picture(trainer: &mut Trainer, sets: Sets) -> Option<String> {
    let data = sets.training;
    if data.dimensions() != 2 {
        return None;
    }
    let mut points = plot_points(data, Part::Training);
    for (part, set) in [(Part::HeldOut, sets.held_out), (Part::Test, sets.test)] {
        points.extend(set.map_or_else(Vec::new, |set| plot_points(set, part)));
    }
    boundary_svg::decision_boundary(&points, &data.class_names, &mut |x, y| {
        trainer.predict(&[x, y])
    })
}

/// The loss curve above the decision boundary (when the data has 2
/// features) as one SVG picture: what `train(..., plot="FILE.svg")`
/// writes; `None` with nothing to draw.
pub fn plots_picture(trainer: &mut Trainer, sets: Sets, summary: &Summary) -> Option<String> {
    let pictures: Vec<String> =
        curve_svg::loss_curve(&summary.data_losses, &summary.held_out_losses)
            .into_iter()
            .chain(boundary_picture(trainer, sets))
            .collect();
    stack(&pictures)
}

/// SVG pictures one under the other, in one picture as wide as the widest.
fn stack(pictures: &[String]) -> Option<String> {
    let size = |svg: &str, name: &str| -> f64 {
        let head = &svg[..svg.find('>').unwrap_or(svg.len())];
        let key = format!(" {name}=\"");
        head.find(&key)
            .and_then(|at| head[at + key.len()..].split('"').next())
            .and_then(|number| number.parse().ok())
            .unwrap_or(0.0)
    };
    if pictures.is_empty() {
        return None;
    }
    let width = pictures
        .iter()
        .map(|p| size(p, "width"))
        .fold(0.0, f64::max);
    let height: f64 = pictures.iter().map(|p| size(p, "height")).sum();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"
    );
    let mut top = 0.0;
    for picture in pictures {
        svg.push_str(&format!(
            "<g transform=\"translate(0 {top})\">{picture}</g>"
        ));
        top += size(picture, "height");
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The samples of a 2-D data set as points to plot.
fn plot_points(data: &Dataset, part: Part) -> Vec<plot::Point> {
    data.features
        .iter()
        .zip(&data.labels)
        .map(|(x, &class)| plot::Point {
            x: x[0],
            y: x[1],
            class,
            part,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(steps: usize, linear_decay: bool) -> TrainConfig {
        TrainConfig {
            learning_rate: 0.01,
            linear_decay,
            steps,
            ..TrainConfig::demo()
        }
    }

    #[test]
    fn stacked_pictures_go_one_under_the_other_as_wide_as_the_widest() {
        let pictures = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"240\"><line/></svg>"
                .to_string(),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"376\"><rect/></svg>"
                .to_string(),
        ];
        let svg = stack(&pictures).unwrap();
        assert!(
            svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"616\""
            ),
            "{svg}"
        );
        assert!(
            svg.contains("<g transform=\"translate(0 0)\"><svg")
                && svg.contains("<g transform=\"translate(0 240)\"><svg"),
            "{svg}"
        );
        assert!(svg.ends_with("</svg></g></svg>"));
        assert!(stack(&[]).is_none());
    }

    #[test]
    fn the_learning_rate_range_is_the_one_the_steps_use() {
        assert_eq!(learning_rates(&config(1, true)), "0.01");
        assert_eq!(learning_rates(&config(100, true)), "0.01 → 0.00109");
        assert_eq!(learning_rates(&config(100, false)), "0.01");
    }

    /// A two-feature regression set of `n` samples (target = x1).
    fn regression(n: usize, unit_scale: bool) -> Dataset {
        let features: Vec<Vec<f64>> = (0..n).map(|i| vec![i as f64, 1.0]).collect();
        Dataset {
            targets: features.iter().map(|x| x[0]).collect(),
            classes: 0,
            unit_scale,
            ..Dataset::classes("y.csv", features, Vec::new(), 0)
        }
    }

    fn summary(final_loss: f64, held_out: Option<Score>) -> Summary {
        Summary {
            steps_done: 1,
            stopped: false,
            losses: vec![1.0],
            data_losses: vec![1.0],
            final_loss,
            final_penalty: 0.0,
            final_data_loss: final_loss,
            accuracy: f64::NAN,
            held_out_losses: held_out.iter().map(|s| s.loss).collect(),
            held_out,
            early_stop: None,
            test: None,
            seconds: 0.0,
        }
    }

    fn summary_text(data: &Dataset, summary: &Summary) -> String {
        let mut out = Vec::new();
        let sets = Sets {
            training: data,
            held_out: Some(data),
            test: None,
        };
        let config = TrainConfig {
            steps: 1,
            l2: 0.0,
            ..TrainConfig::demo()
        };
        write_summary(&mut out, Style::plain(), sets, summary, &config).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_nan_regression_loss_shows_a_nan_rmse_not_zero() {
        let data = regression(4, false);
        let nan = Score {
            loss: f64::NAN,
            accuracy: f64::NAN,
        };
        let text = summary_text(&data, &summary(f64::NAN, Some(nan)));
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("rmse")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        for row in rows {
            assert!(row.contains("rmse NaN"), "{row}");
        }
        let fine = summary_text(&data, &summary(4.0, None));
        assert!(fine.contains("rmse 2 "), "{fine}");
    }

    fn progress_line(task: Task, held_out: Option<Score>) -> String {
        let progress = Progress {
            step: 10,
            steps: 100,
            loss: 0.5,
            penalty: 0.0,
            data_loss: 0.5,
            accuracy: 0.912,
            learning_rate: 0.1,
            held_out,
            diagnosis: None,
        };
        let mut out = Vec::new();
        write_progress(&mut out, Style::plain(), task, None, &progress).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn regression_progress_shows_r2_not_an_accuracy_percentage() {
        let held_out = Some(Score {
            loss: 0.6,
            accuracy: 0.85,
        });
        for line in [
            progress_line(Task::Regress, None),
            progress_line(Task::Regress, held_out),
        ] {
            assert!(line.contains("R² 0.91"), "{line}");
            assert!(!line.contains('%') && !line.contains("accuracy"), "{line}");
        }
        assert!(progress_line(Task::Regress, held_out).contains("R² 0.85"));
        assert!(progress_line(Task::Classify, None).contains("accuracy  91.2 %"));
    }

    fn heading(data: &Dataset, standardize: Option<bool>) -> String {
        let mut graph = crate::engine::Graph::new();
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let mlp = Mlp::new(
            &mut graph,
            2,
            &[1],
            crate::engine::nn::Activation::Linear,
            &mut rng,
        );
        let config = TrainConfig {
            loss: crate::engine::loss::Loss::Mse,
            standardize,
            ..TrainConfig::demo()
        };
        let sets = Sets {
            training: data,
            held_out: Some(data),
            test: Some(data),
        };
        describe(sets, &mlp, &config, 80)
    }

    #[test]
    fn a_regression_beyond_the_output_layer_s_range_is_pointed_out() {
        let mut graph = crate::engine::Graph::new();
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let linear = Mlp::new(&mut graph, 2, &[4, 1], Activation::Tanh, &mut rng);
        let mut tanh = linear.clone();
        for neuron in &mut tanh.layers[1].neurons {
            neuron.activation = Activation::Tanh;
        }
        let targets = regression(8, false); // targets 0 to 7
        let sets = Sets {
            training: &targets,
            held_out: None,
            test: None,
        };
        let config = TrainConfig::demo();
        let said = describe(sets, &tanh, &config, 80);
        assert!(
            said.contains("the output layer is tanh (-1 to 1) but the targets run from 0 to 7"),
            "{said}"
        );
        assert!(!describe(sets, &linear, &config, 80).contains("output layer"));
    }

    #[test]
    fn the_heading_says_whether_features_are_standardised() {
        let csv = regression(8, false);
        assert!(heading(&csv, None)
            .contains("features standardised by the mean and std of the 8 training samples"));
        assert!(heading(&csv, Some(false)).contains("features used as they are (not standardised)"));
        let unit = regression(8, true);
        assert!(!heading(&unit, None).contains("features"));
        assert!(heading(&unit, Some(true)).contains("features standardised"));
        assert!(heading(&csv, None).contains("training: loss + l2, R²"));
        assert!(heading(&csv, None).contains("(8 samples + 8 held out + 8 to test,"));
    }

    #[test]
    fn the_heading_names_dropout_when_it_is_set() {
        let data = regression(8, true);
        let sets = Sets {
            training: &data,
            held_out: None,
            test: None,
        };
        let mut graph = crate::engine::Graph::new();
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let mlp = Mlp::new(&mut graph, 2, &[4, 1], Activation::Relu, &mut rng);
        let mut config = TrainConfig::demo();
        assert!(!describe(sets, &mlp, &config, 80).contains("dropout"));
        config.dropout = 0.2;
        let said = describe(sets, &mlp, &config, 80);
        assert!(said.contains("full batch, dropout 0.2"), "{said}");
    }

    #[test]
    fn relus_off_on_a_mini_batch_are_not_called_dead_for_good() {
        let whole = diagnosis_text(
            2,
            Diagnosis::DeadRelus {
                dead: 8,
                units: 8,
                batch: None,
            },
        );
        assert!(whole.contains("8 of 8 ReLUs are dead"), "{whole}");
        assert!(whole.contains("never recover"), "{whole}");
        let batch = diagnosis_text(
            2,
            Diagnosis::DeadRelus {
                dead: 5,
                units: 8,
                batch: Some((1, 20)),
            },
        );
        assert!(!batch.contains("never recover"), "{batch}");
        assert!(
            batch.contains("5 of 8 ReLUs are dead on this step's batch (1 of the 20 samples"),
            "{batch}"
        );
        assert!(
            batch.contains("a later batch can bring them back"),
            "{batch}"
        );
    }
}
