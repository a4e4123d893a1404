//! Training on data as people have it (issue 16's acceptance): an iris-like
//! CSV with unscaled features and named classes, a regression CSV, and
//! dropout that is off when scoring. (Early stopping that keeps the best
//! weights is checked in held_out.rs, on the same run as patience.)

use micrograd::data::{self, parse_csv};
use micrograd::engine::loss::Loss;
use micrograd::engine::nn::Activation;
use micrograd::engine::optim::Method;
use micrograd::train::{fresh_network, Diagnosis, TrainConfig, Trainer};

#[path = "common/data_files.rs"]
mod data_files;

use data_files::{iris_like, linear_regression};

fn run(
    data: &data::Dataset,
    hidden: &[usize],
    config: TrainConfig,
) -> (micrograd::train::Summary, Vec<Diagnosis>) {
    let (graph, mlp) = fresh_network(data, hidden, Activation::Relu, config.loss, 1);
    config.validate(data, &mlp).unwrap();
    let mut trainer = Trainer::new(&graph, &mlp, data, config);
    let mut seen = Vec::new();
    let summary = trainer.run(10, &mut |p| seen.extend(p.diagnosis), &|| false);
    (summary, seen)
}

fn defaults_for(data: &data::Dataset) -> TrainConfig {
    TrainConfig {
        loss: Loss::default_for(data.classes),
        ..TrainConfig::demo()
    }
}

#[test]
fn iris_like_csv_trains_with_the_defaults_and_stalls_without_scaling() {
    let data = parse_csv(&iris_like(), "iris.csv").unwrap();
    assert_eq!(data.class_names, ["setosa", "versicolor", "virginica"]);
    let (summary, _) = run(&data, &[16, 16], defaults_for(&data));
    assert!(summary.accuracy >= 0.9, "{}", summary.accuracy);

    let raw = TrainConfig {
        standardize: Some(false),
        learning_rate: 1.0,
        ..defaults_for(&data)
    };
    let (summary, diagnoses) = run(&data, &[16, 16], raw);
    assert!(
        summary.accuracy < 0.5,
        "unscaled at lr 1 stalls: {}",
        summary.accuracy
    );
    assert!(
        diagnoses.iter().any(|d| matches!(
            d,
            Diagnosis::StuckAtChance { .. } | Diagnosis::DeadRelus { .. }
        )),
        "{diagnoses:?}"
    );
}

#[test]
fn a_regression_csv_reaches_r2_and_reports_rmse() {
    let text = linear_regression(80);
    let data = parse_csv(&text, "linear.csv").unwrap();
    assert_eq!(data.task(), data::Task::Regress);
    let config = TrainConfig {
        method: Method::parse("adam").unwrap(),
        learning_rate: 0.01,
        linear_decay: false,
        steps: 150,
        ..defaults_for(&data)
    };
    let (summary, _) = run(&data, &[8], config);
    assert!(summary.accuracy >= 0.95, "R² {}", summary.accuracy);
    let rmse = (summary.final_loss - summary.final_penalty).sqrt();
    assert!(rmse < 1.0, "rmse {rmse}");
}

#[test]
fn dropout_trains_moons_and_scores_without_dropout() {
    let data = data::builtin("moons", 200, 0.2, 1).unwrap();
    let config = TrainConfig {
        loss: Loss::Bce,
        method: Method::parse("adam").unwrap(),
        learning_rate: 0.02,
        linear_decay: false,
        steps: 120,
        dropout: 0.2,
        l2: 0.0,
        ..TrainConfig::demo()
    };
    let (graph, mlp) = fresh_network(&data, &[32, 32], Activation::Relu, config.loss, 1);
    let mut trainer = Trainer::new(&graph, &mlp, &data, config.clone()).with_held_out(&data);
    let summary = trainer.run(1000, &mut |_| {}, &|| false);
    assert!(summary.accuracy >= 0.95, "{}", summary.accuracy);
    // Scored on the whole set without dropout: the held-out pass over the
    // same samples gives the same loss as the training evaluation.
    let (loss, accuracy) = trainer.evaluate();
    let held_out = trainer.evaluate_held_out().unwrap();
    assert!((held_out.loss - loss).abs() < 1e-12 && held_out.accuracy == accuracy);
    assert_eq!(
        trainer.evaluate(),
        (loss, accuracy),
        "evaluation draws no masks"
    );
}
