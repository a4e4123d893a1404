//! `micrograd train`: the command-line face of the training loop. Reads
//! flags, builds the data set (split with `--test` and `--holdout`) and network, and
//! prints the run as text (see [`crate::render::training`]) or one JSON object with
//! `--json`.

use std::process::ExitCode;
use std::sync::atomic::Ordering;

use clap::builder::PossibleValuesParser;

use crate::data::{self, Dataset, Task};
use crate::engine::loss::Loss;
use crate::engine::nn::{Activation, Mlp};
use crate::engine::optim::Method;
use crate::host::Host;
use crate::render::training::{
    describe, root_of, write_plots, write_progress, write_summary, Sets,
};
use crate::repl;
use crate::text::{wrap, Palette, Style};
use crate::train::{fresh_network, split_holdout, split_test, Summary, TrainConfig, Trainer};

/// Arguments of `micrograd train`. The defaults reproduce micrograd's demo.
#[derive(Clone, Debug, clap::Args)]
pub struct TrainArgs {
    /// A built-in data set (moons, circles, xor, spiral) or a CSV file (a
    /// header row optional; the label column the last unless --label says).
    #[arg(long, default_value = "moons")]
    pub data: String,
    /// The CSV file's label column: its header name or its number from 1
    /// (default: the last column).
    #[arg(long, value_name = "NAME|INDEX")]
    pub label: Option<String>,
    /// The CSV file's field delimiter: `,`, `;` or `tab` (default: detected).
    #[arg(long, value_parser = PossibleValuesParser::new(data::DELIMITER_NAMES))]
    pub delimiter: Option<String>,
    /// What to learn: classify (accuracy) or regress (mean squared error,
    /// RMSE and R²). Default: recognised from the labels (names or a few
    /// whole numbers are classes, other numbers a quantity).
    #[arg(long, value_parser = PossibleValuesParser::new(["classify", "regress"]))]
    pub task: Option<String>,
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
    /// Optimizer (default: sgd, micrograd's demo; adam for a regression).
    #[arg(long, value_parser = PossibleValuesParser::new(["sgd", "momentum", "adagrad", "rmsprop", "adam"]))]
    pub opt: Option<String>,
    /// Learning rate at the first step (default: 1.0 for sgd, 0.05 for
    /// momentum, 0.1 for adagrad, 0.01 for rmsprop and adam; 0.03 for adam
    /// on a regression).
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
    /// Fraction of the data set kept apart as a test set (e.g. 0.2), split
    /// off first (--holdout then takes its share of the rest) and scored
    /// once, on the final weights, without dropout; 0 for none.
    #[arg(
        long,
        value_name = "FRACTION",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    pub test: f64,
    /// Stop early when the held-out loss has not improved for N progress
    /// lines in a row (needs --holdout).
    #[arg(long, allow_negative_numbers = true)]
    pub patience: Option<usize>,
    /// Weight of the L2 penalty Σp² (micrograd's demo: 1e-4).
    #[arg(long, default_value_t = 1e-4, allow_negative_numbers = true)]
    pub l2: f64,
    /// Share of each hidden layer's units switched off at random in every
    /// training sample (e.g. 0.2); never when scoring.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub dropout: f64,
    /// Train on the features as they are. By default a CSV file's features
    /// are standardised by the training part's mean and standard deviation
    /// (the built-in sets are on a unit scale already).
    #[arg(long)]
    pub no_standardize: bool,
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
        test,
        graph,
        mlp,
        config,
    } = setup;
    let mut host = repl::terminal_host(palette);
    // Ctrl-C ends training early with the weights so far and the summary.
    repl::catch_ctrl_c();
    let stop = host.interrupt_flag();
    let clock = host.clock();
    let mut trainer = Trainer::new(&graph, &mlp, &data, config.clone()).with_clock(&clock);
    if let Some(held_out) = &held_out {
        trainer = trainer.with_held_out(held_out);
    }
    if let Some(test) = &test {
        trainer = trainer.with_test(test);
    }
    let sets = Sets {
        training: &data,
        held_out: held_out.as_ref(),
        test: test.as_ref(),
    };
    // The width as the terminal is now, read once for the whole run.
    let style = Style::new(palette, host.width());
    let out = host.out();
    let every = args.every.unwrap_or((config.steps / 10).max(1));
    // The first failed write (the reader of a pipe left) stops the training
    // at once, as Ctrl-C would, and decides how the command ends.
    let failed: std::cell::RefCell<Option<std::io::Error>> = std::cell::RefCell::new(None);
    let summary = if args.json {
        trainer.run(every, &mut |_| {}, &|| stop.load(Ordering::SeqCst))
    } else {
        let heading = describe(sets, &mlp, &config, style.width);
        if let Err(error) = writeln!(out, "{}", wrap::fit_lines(&heading, style.width)) {
            return super::exit_code(false, Err(error));
        }
        trainer.run(
            every,
            &mut |p| {
                if failed.borrow().is_some() {
                    return;
                }
                if let Err(error) =
                    write_progress(out, style, data.task(), config.penalty_name(), p)
                {
                    *failed.borrow_mut() = Some(error);
                }
            },
            &|| failed.borrow().is_some() || stop.load(Ordering::SeqCst),
        )
    };
    if let Some(error) = failed.into_inner() {
        return super::exit_code(false, Err(error));
    }
    let written = if args.json {
        writeln!(out, "{}", summary_json(sets, &config, &summary))
    } else {
        write_summary(out, style, sets, &summary, &config).and_then(|()| {
            if args.plot {
                write_plots(out, style, &mut trainer, sets, &summary)
            } else {
                Ok(())
            }
        })
    };
    super::exit_code(true, written)
}

/// What the flags ask to train: on which samples, measured on which held-out
/// and test ones, which network (its parameters in `graph`), how.
struct Setup {
    data: Dataset,
    held_out: Option<Dataset>,
    test: Option<Dataset>,
    graph: crate::engine::Graph,
    mlp: Mlp,
    config: TrainConfig,
}

/// Turns flags into a data set (split when asked), a network and a checked
/// configuration.
fn prepare(args: &TrainArgs) -> Result<Setup, String> {
    let data = load_data(
        &args.data,
        args.samples,
        args.noise,
        args.seed,
        &csv_options(args),
    )?;
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
    let method = match &args.opt {
        Some(name) => Some(Method::parse(name).ok_or("unknown optimizer")?),
        None => None,
    };
    let loss = match &args.loss {
        Some(name) => Loss::parse(name).ok_or("unknown loss")?,
        None => Loss::default_for(data.classes),
    };
    let activation = Activation::parse(&args.activation).ok_or("unknown activation")?;
    let mut config = TrainConfig {
        loss,
        linear_decay: !args.constant_lr,
        steps: args.steps,
        batch: args.batch,
        accumulate: args.accumulate,
        l2: args.l2,
        l1: args.l1,
        seed: args.seed,
        holdout: args.holdout,
        test: args.test,
        patience: args.patience,
        dropout: args.dropout,
        standardize: args.no_standardize.then_some(false),
        ..TrainConfig::demo()
    };
    config.choose_optimizer(data.task(), method, args.lr);
    let (data, test) = split_test(data, &config).map_err(|e| format!("--{e}"))?;
    let (data, held_out) = split_holdout(data, &config).map_err(|e| format!("--{e}"))?;
    let (graph, mlp) = fresh_network(&data, &args.layers, activation, loss, args.seed);
    config.validate(&data, &mlp)?;
    Ok(Setup {
        data,
        held_out,
        test,
        graph,
        mlp,
        config,
    })
}

/// How `--label`, `--delimiter` and `--task` ask to read a CSV file.
fn csv_options(args: &TrainArgs) -> data::CsvOptions {
    data::CsvOptions {
        delimiter: args.delimiter.as_deref().and_then(data::delimiter_byte),
        label: args
            .label
            .as_deref()
            .map_or(data::LabelColumn::Last, data::LabelColumn::parse),
        task: args.task.as_deref().and_then(data::Task::parse),
    }
}

/// A built-in set by name, else a CSV file read as `csv` says.
pub fn load_data(
    name: &str,
    samples: usize,
    noise: f64,
    seed: u64,
    csv: &data::CsvOptions,
) -> Result<Dataset, String> {
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
    data::load_csv(path, csv).map_err(|e| e.to_string())
}

/// The run as one JSON object: what was trained (`task`, `classes` by
/// name), the loss minimised (`final_loss`, `losses`: penalties
/// included) and its parts (`final_data_loss`, the measure `holdout_loss`
/// and `test_loss` use, and `final_penalty`), the scores on the final
/// weights for each set (`accuracy`, or `rmse` and `r2` for a regression;
/// `holdout_*`, `test_*`), and with a held-out set the step whose weights
/// are kept (`best_step`).
fn summary_json(sets: Sets, config: &TrainConfig, summary: &Summary) -> String {
    let data = sets.training;
    let task = data.task();
    let data_loss = summary.final_data_loss;
    let mut json = serde_json::json!({
        "data": data.name,
        "task": task.name(),
        "samples": data.len(),
        "loss": config.loss.name(),
        "opt": config.method.name(),
        "final_loss": summary.final_loss,
        "final_data_loss": data_loss,
        "final_penalty": summary.final_penalty,
        "steps": summary.steps_done,
        "stopped": summary.stopped,
        "seconds": summary.seconds,
        "losses": summary.losses,
    });
    scores_json(&mut json, "", task, data_loss, summary.accuracy);
    if task == Task::Classify {
        let names: Vec<String> = (0..data.classes).map(|c| data.class_name(c)).collect();
        json["classes"] = names.into();
    }
    if let (Some(held_out), Some(score)) = (sets.held_out, summary.held_out) {
        json["holdout_samples"] = held_out.len().into();
        json["holdout_loss"] = score.loss.into();
        scores_json(&mut json, "holdout_", task, score.loss, score.accuracy);
        json["holdout_losses"] = summary.held_out_losses.clone().into();
        json["best_step"] = best_step(summary).into();
    }
    if let (Some(test), Some(score)) = (sets.test, summary.test) {
        json["test_samples"] = test.len().into();
        json["test_loss"] = score.loss.into();
        scores_json(&mut json, "test_", task, score.loss, score.accuracy);
    }
    if config.patience.is_some() {
        json["early_stopped"] = summary.early_stop.is_some().into();
    }
    json.to_string()
}

/// `accuracy` for classes, `rmse` and `r2` for a regression, each key
/// after `prefix`; `mean_squared` is the loss without penalties.
fn scores_json(
    json: &mut serde_json::Value,
    prefix: &str,
    task: Task,
    mean_squared: f64,
    score: f64,
) {
    match task {
        Task::Classify => json[format!("{prefix}accuracy")] = score.into(),
        Task::Regress => {
            json[format!("{prefix}rmse")] = root_of(mean_squared).into();
            json[format!("{prefix}r2")] = score.into();
        }
    }
}

/// The step of the lowest held-out loss: with early stopping, the lowest
/// among the progress checks, whose weights the run ends with; without,
/// the lowest of every step (the weights kept are the last step's).
fn best_step(summary: &Summary) -> Option<usize> {
    if let Some(stop) = summary.early_stop {
        return Some(stop.best_step);
    }
    summary
        .held_out_losses
        .iter()
        .enumerate()
        .filter(|(_, loss)| !loss.is_nan())
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(index, _)| index + 1)
}
