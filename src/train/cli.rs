//! `micrograd train`: the command-line face of the training loop. Reads
//! flags, builds the data set and network, prints a progress line every few
//! steps and a summary (or one JSON object with `--json`), and with
//! `--plot` the loss curve and decision boundary. With `--holdout` the
//! held-out loss and accuracy appear beside the training ones.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::builder::PossibleValuesParser;

use super::{fresh_network, split_holdout, Progress, Score, Summary, TrainConfig, Trainer};
use crate::data::{self, Dataset};
use crate::engine::loss::Loss;
use crate::engine::nn::{Activation, Mlp};
use crate::engine::optim::Method;
use crate::render::{number, plot, Palette};

/// Arguments of `micrograd train`. The defaults reproduce micrograd's demo.
#[derive(Clone, Debug, clap::Args)]
pub struct TrainArgs {
    /// A built-in data set (moons, circles, xor, spiral) or a CSV file whose
    /// last column is the label.
    #[arg(long, default_value = "moons")]
    pub data: String,
    /// Points in a built-in data set.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100)]
    pub samples: usize,
    /// Standard deviation of the Gaussian noise on built-in points.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub noise: f64,
    /// Hidden layer sizes, comma-separated; the output layer is added.
    #[arg(long, value_delimiter = ',', default_value = "16,16")]
    pub layers: Vec<usize>,
    /// Activation of the hidden layers (the output layer is linear).
    #[arg(long, default_value = "relu", value_parser = PossibleValuesParser::new(["relu", "tanh", "sigmoid", "linear"]))]
    pub activation: String,
    /// Loss: hinge (micrograd's demo), mse, bce, or ce (softmax
    /// cross-entropy). Default: hinge for two classes, ce for more.
    #[arg(long, value_parser = PossibleValuesParser::new(["hinge", "mse", "bce", "ce"]))]
    pub loss: Option<String>,
    /// Optimizer.
    #[arg(long, default_value = "sgd", value_parser = PossibleValuesParser::new(["sgd", "momentum", "adagrad", "rmsprop", "adam"]))]
    pub opt: String,
    /// Learning rate at the first step (default: 1.0 for sgd, 0.05 for
    /// momentum, 0.1 for adagrad, 0.01 for rmsprop and adam).
    #[arg(long, allow_negative_numbers = true)]
    pub lr: Option<f64>,
    /// Keep the learning rate constant instead of decaying it linearly to
    /// 10 % (micrograd's demo decays).
    #[arg(long)]
    pub constant_lr: bool,
    /// Optimizer steps.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100)]
    pub steps: usize,
    /// Samples per step, drawn at random (default: the whole data set).
    #[arg(long, allow_negative_numbers = true)]
    pub batch: Option<usize>,
    /// Split each step's batch into this many micro-batches whose gradients
    /// add up before the step (gradient accumulation).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1)]
    pub accumulate: usize,
    /// Seed for data, weights, batches and the held-out split.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fraction of the data set kept out of training (e.g. 0.25) to show
    /// the held-out loss and accuracy beside the training ones; 0 for none.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub holdout: f64,
    /// Stop early when the held-out loss has not improved for N progress
    /// lines in a row (needs --holdout).
    #[arg(long, allow_negative_numbers = true)]
    pub patience: Option<usize>,
    /// Weight of the L2 penalty Σp² (micrograd's demo: 1e-4).
    #[arg(long, default_value_t = 1e-4, allow_negative_numbers = true)]
    pub l2: f64,
    /// Weight of the L1 penalty Σ|p|.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub l1: f64,
    /// Print progress every N steps (default: 10 lines per run).
    #[arg(long)]
    pub every: Option<usize>,
    /// After training, draw the loss curve and (for 2-D data) the decision
    /// boundary.
    #[arg(long)]
    pub plot: bool,
    /// Print one JSON object with the results instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `micrograd train`.
pub fn run_cli(args: &TrainArgs, palette: Palette) -> ExitCode {
    let setup = match prepare(args) {
        Ok(setup) => setup,
        Err(message) => {
            eprintln!("{}: {message}", palette.error("error"));
            return ExitCode::FAILURE;
        }
    };
    let Setup {
        data,
        held_out,
        graph,
        mlp,
        config,
    } = setup;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // Ctrl-C ends training early with the weights so far and the summary.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let mut trainer = Trainer::new(&graph, &mlp, &data, config.clone());
    if let Some(held_out) = &held_out {
        trainer = trainer.with_held_out(held_out);
    }
    let mut out = std::io::stdout();
    let every = args.every.unwrap_or((config.steps / 10).max(1));
    let summary = if args.json {
        trainer.run(every, &mut |_| {}, &|| stop.load(Ordering::SeqCst))
    } else {
        let _ = writeln!(out, "{}", describe(&data, held_out.as_ref(), &mlp, &config));
        trainer.run(
            every,
            &mut |p| {
                let _ = write_progress(&mut out, palette, p);
            },
            &|| stop.load(Ordering::SeqCst),
        )
    };
    let written = if args.json {
        writeln!(
            out,
            "{}",
            summary_json(&data, held_out.as_ref(), &config, &summary)
        )
    } else {
        write_summary(&mut out, palette, &data, held_out.as_ref(), &summary).and_then(|()| {
            if args.plot {
                write_plots(&mut out, palette, &mut trainer, &data, &summary)
            } else {
                Ok(())
            }
        })
    };
    if written.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// What the flags ask to train: on which samples, measured on which held-out
/// ones, which network (its parameters in `graph`), how.
struct Setup {
    data: Dataset,
    held_out: Option<Dataset>,
    graph: crate::engine::Graph,
    mlp: Mlp,
    config: TrainConfig,
}

/// Turns flags into a data set (split when asked), a network and a checked
/// configuration.
fn prepare(args: &TrainArgs) -> Result<Setup, String> {
    let data = load_data(&args.data, args.samples, args.noise, args.seed)?;
    if args.layers.contains(&0) {
        return Err("every layer needs at least 1 neuron (--layers 16,16)".into());
    }
    let parameters = Mlp::parameter_count(data.dimensions(), &args.layers);
    if parameters > 10_000_000 {
        return Err(format!(
            "layers {:?} would make {parameters} parameters; the limit is 10000000",
            args.layers
        ));
    }
    let method = Method::parse(&args.opt).ok_or("unknown optimizer")?;
    let loss = match &args.loss {
        Some(name) => Loss::parse(name).ok_or("unknown loss")?,
        None => Loss::default_for(data.classes),
    };
    let activation = Activation::parse(&args.activation).ok_or("unknown activation")?;
    let config = TrainConfig {
        loss,
        method,
        learning_rate: args.lr.unwrap_or_else(|| method.default_learning_rate()),
        linear_decay: !args.constant_lr,
        steps: args.steps,
        batch: args.batch,
        accumulate: args.accumulate,
        l2: args.l2,
        l1: args.l1,
        seed: args.seed,
        holdout: args.holdout,
        patience: args.patience,
    };
    let (data, held_out) = split_holdout(data, &config).map_err(|e| format!("--{e}"))?;
    let (graph, mlp) = fresh_network(&data, &args.layers, activation, loss, args.seed);
    config.validate(&data, &mlp)?;
    Ok(Setup {
        data,
        held_out,
        graph,
        mlp,
        config,
    })
}

/// A built-in set by name, else a CSV file.
pub fn load_data(name: &str, samples: usize, noise: f64, seed: u64) -> Result<Dataset, String> {
    if data::BUILTIN.contains(&name) {
        if samples < 2 {
            return Err(format!("--samples must be at least 2, not {samples}"));
        }
        if !(noise.is_finite() && noise >= 0.0) {
            return Err(format!("--noise must be zero or positive, not {noise}"));
        }
        return data::builtin(name, samples, noise, seed).ok_or_else(|| "unknown data set".into());
    }
    let path = std::path::Path::new(name);
    if !path.exists() && !name.contains('.') && !name.contains('/') {
        return Err(format!(
            "there is no data set called `{name}`: use {} or a CSV file",
            data::BUILTIN.join(", ")
        ));
    }
    data::load_csv(path).map_err(|e| e.to_string())
}

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

/// The loss curve, and the decision boundary when the data is 2-D.
pub fn write_plots(
    out: &mut dyn Write,
    palette: Palette,
    trainer: &mut Trainer,
    data: &Dataset,
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
    let points: Vec<(f64, f64, usize)> = data
        .features
        .iter()
        .zip(&data.labels)
        .map(|(x, &label)| (x[0], x[1], label))
        .collect();
    plot::decision_boundary(
        out,
        palette,
        &points,
        &mut |x, y| trainer.predict(&[x, y]),
        64,
        24,
    )
}

fn summary_json(
    data: &Dataset,
    held_out: Option<&Dataset>,
    config: &TrainConfig,
    summary: &Summary,
) -> String {
    let mut json = serde_json::json!({
        "data": data.name,
        "samples": data.len(),
        "loss": config.loss.name(),
        "opt": config.method.name(),
        "accuracy": summary.accuracy,
        "final_loss": summary.final_loss,
        "steps": summary.steps_done,
        "stopped": summary.stopped,
        "seconds": summary.seconds,
        "losses": summary.losses,
    });
    if let (Some(held_out), Some(score)) = (held_out, summary.held_out) {
        json["holdout_samples"] = held_out.len().into();
        json["holdout_loss"] = score.loss.into();
        json["holdout_accuracy"] = score.accuracy.into();
        json["holdout_losses"] = summary.held_out_losses.clone().into();
    }
    if config.patience.is_some() {
        json["early_stopped"] = summary.early_stop.is_some().into();
    }
    json.to_string()
}
