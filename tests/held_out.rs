//! The held-out split through the library API: seeded, disjoint and
//! complete; measured without changing what training does; early stopping
//! ends a run whose held-out loss stops improving, keeping the best weights;
//! the test split lies apart from both and is scored once, without dropout.

use micrograd::data::{self, Dataset};
use micrograd::engine::loss::Loss;
use micrograd::engine::nn::Activation;
use micrograd::engine::optim::Method;
use micrograd::train::{fresh_network, split_holdout, split_test, TrainConfig, Trainer};

fn rows(data: &Dataset) -> Vec<(Vec<u64>, usize)> {
    let mut rows: Vec<_> = data
        .features
        .iter()
        .zip(&data.labels)
        .map(|(x, &label)| (x.iter().map(|v| v.to_bits()).collect(), label))
        .collect();
    rows.sort();
    rows
}

#[test]
fn split_is_seeded_disjoint_and_complete() {
    let data = data::builtin("moons", 40, 0.1, 3).unwrap();
    let (training, held_out) = data.split(0.25, 7).unwrap();
    assert_eq!((training.len(), held_out.len()), (30, 10));
    assert_eq!(held_out.classes, data.classes);
    let mut together = rows(&training);
    together.extend(rows(&held_out));
    together.sort();
    assert_eq!(
        together,
        rows(&data),
        "every sample lands in exactly one part"
    );
    assert_eq!(data.split(0.25, 7).unwrap(), (training, held_out.clone()));
    let (_, other) = data.split(0.25, 8).unwrap();
    assert_ne!(other, held_out, "another seed holds out other samples");
}

#[test]
fn bad_fractions_say_what_is_wrong() {
    let data = data::builtin("xor", 10, 0.0, 1).unwrap();
    for (fraction, words) in [
        (-0.1, "from 0 up to (not including) 1"),
        (1.0, "from 0 up to (not including) 1"),
        (f64::NAN, "not NaN"),
        (0.01, "holds out none"),
        (0.99, "leaves none to train on"),
    ] {
        let err = data.split(fraction, 1).unwrap_err();
        assert!(err.contains(words), "{fraction}: {err}");
    }
    let none = TrainConfig::demo();
    assert_eq!(split_holdout(data.clone(), &none).unwrap(), (data, None));
}

#[test]
fn measuring_the_held_out_loss_leaves_training_unchanged() {
    let data = data::builtin("moons", 40, 0.3, 2).unwrap();
    let config = TrainConfig {
        holdout: 0.25,
        ..TrainConfig::demo()
    };
    let (training, held_out) = split_holdout(data, &config).unwrap();
    let held_out = held_out.unwrap();
    let (graph, mlp) = fresh_network(&training, &[8], Activation::Relu, config.loss, 5);
    let mut plain = Trainer::new(&graph, &mlp, &training, config.clone());
    let mut watched = Trainer::new(&graph, &mlp, &training, config).with_held_out(&held_out);
    for k in 0..5 {
        let (without, with) = (plain.step(k), watched.step(k));
        assert_eq!(without.held_out, None);
        let score = with.held_out.expect("a held-out score every step");
        assert!(score.loss.is_finite() && (0.0..=1.0).contains(&score.accuracy));
        assert_eq!((with.loss, with.accuracy), (without.loss, without.accuracy));
        assert_eq!(watched.parameter_values(), plain.parameter_values());
    }
}

#[test]
fn the_data_loss_is_the_measure_the_held_out_loss_uses() {
    // Held out on the very training samples, the held-out loss is the
    // training loss without the penalty, step by step.
    let data = data::builtin("moons", 40, 0.2, 2).unwrap();
    let config = TrainConfig {
        steps: 6,
        l2: 0.01,
        ..TrainConfig::demo()
    };
    let (graph, mlp) = fresh_network(&data, &[8], Activation::Relu, config.loss, 5);
    let mut trainer = Trainer::new(&graph, &mlp, &data, config).with_held_out(&data);
    let summary = trainer.run(1, &mut |_| {}, &|| false);
    assert_eq!(summary.data_losses.len(), 6);
    for ((data_loss, held_out), loss) in summary
        .data_losses
        .iter()
        .zip(&summary.held_out_losses)
        .zip(&summary.losses)
    {
        assert!(
            (data_loss - held_out).abs() <= 1e-12,
            "{data_loss} vs {held_out}"
        );
        assert!(
            loss - data_loss > 1e-3,
            "the penalty is apart: {loss} vs {data_loss}"
        );
    }
    let final_held_out = summary.held_out.unwrap().loss;
    assert!((summary.final_data_loss - final_held_out).abs() <= 1e-12);
    let parts = summary.final_data_loss + summary.final_penalty;
    assert!((parts - summary.final_loss).abs() <= 1e-12);
}

#[test]
fn patience_stops_a_run_whose_held_out_loss_stops_improving() {
    let data = data::builtin("moons", 60, 0.3, 1).unwrap();
    let config = TrainConfig {
        loss: Loss::Bce,
        method: Method::Sgd,
        learning_rate: 0.3,
        linear_decay: false,
        steps: 1000,
        l2: 0.0,
        holdout: 0.5,
        patience: Some(2),
        ..TrainConfig::demo()
    };
    let (training, held_out) = split_holdout(data, &config).unwrap();
    let held_out = held_out.unwrap();
    let (graph, mlp) = fresh_network(&training, &[16, 16], Activation::Relu, config.loss, 1);
    let mut trainer = Trainer::new(&graph, &mlp, &training, config).with_held_out(&held_out);
    let summary = trainer.run(50, &mut |_| {}, &|| false);
    let stop = summary
        .early_stop
        .expect("the held-out loss rises: overfitting");
    assert_eq!(summary.steps_done, stop.best_step + 100, "two checks later");
    assert_eq!(summary.held_out_losses.len(), summary.steps_done);
    assert!(!summary.stopped, "not a Ctrl-C");
    // Early stopping keeps the best step's weights: the held-out loss
    // after training is the best one seen.
    let final_held_out = summary.held_out.unwrap().loss;
    assert!(
        (final_held_out - stop.best_loss).abs() <= 1e-12,
        "{final_held_out} vs best {}",
        stop.best_loss
    );
}

#[test]
fn the_test_split_is_apart_from_the_held_out_one_and_scored_once_without_dropout() {
    let data = data::builtin("moons", 100, 0.2, 3).unwrap();
    let config = TrainConfig {
        test: 0.2,
        holdout: 0.25,
        dropout: 0.3,
        steps: 20,
        ..TrainConfig::demo()
    };
    let (rest, test) = split_test(data.clone(), &config).unwrap();
    let test = test.expect("a test part");
    let (training, held_out) = split_holdout(rest, &config).unwrap();
    let held_out = held_out.unwrap();
    assert_eq!((training.len(), held_out.len(), test.len()), (60, 20, 20));
    let mut together = rows(&training);
    together.extend(rows(&held_out));
    together.extend(rows(&test));
    together.sort();
    assert_eq!(together, rows(&data), "every sample in exactly one part");
    assert_ne!(
        data.split_named(0.2, 1, "test").unwrap(),
        data.split(0.2, 1).unwrap(),
        "the test split draws apart from the held-out one"
    );

    let (graph, mlp) = fresh_network(&training, &[8], Activation::Relu, config.loss, 5);
    let mut plain = Trainer::new(&graph, &mlp, &training, config.clone()).with_held_out(&held_out);
    let mut tested = Trainer::new(&graph, &mlp, &training, config)
        .with_held_out(&held_out)
        .with_test(&test);
    let without = plain.run(5, &mut |_| {}, &|| false);
    let with = tested.run(5, &mut |_| {}, &|| false);
    assert_eq!(without.test, None);
    assert_eq!(
        tested.parameter_values(),
        plain.parameter_values(),
        "a test set changes nothing in training"
    );
    assert_eq!(
        (with.final_loss, with.held_out),
        (without.final_loss, without.held_out)
    );
    let score = with.test.expect("scored at the end");
    assert!(score.loss.is_finite() && (0.0..=1.0).contains(&score.accuracy));
    // Dropout draws new masks on every pass; a score that comes out the
    // same again was taken with none.
    assert_eq!(tested.evaluate_test(), Some(score));
    assert_eq!(tested.evaluate_test(), Some(score));
}
