//! Neural-network pieces through the library API: optimizers against
//! hand-computed first steps, losses against hand-computed values and
//! gradients, MLP shape and initialisation, gradient accumulation equal to
//! one big batch, seeded data sets, CSV errors, micrograd's demo.

use micrograd::data::{self, DataError};
use micrograd::engine::loss::{self, Loss};
use micrograd::engine::nn::{Activation, Mlp};
use micrograd::engine::optim::{Method, Optimizer};
use micrograd::engine::{check, Graph, NodeId};
use micrograd::train::{fresh_network, TrainConfig, Trainer};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const TOL: f64 = 1e-9;

fn close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol * 1f64.max(expected.abs())
}

fn assert_close(actual: f64, expected: f64, tol: f64) {
    assert!(
        close(actual, expected, tol),
        "{actual} != {expected} (tolerance {tol})"
    );
}

/// Two optimizer steps on one parameter starting at 1 with the given
/// gradients; returns the value after each.
fn two_steps(method: &str, lr: f64, grads: [f64; 2]) -> [f64; 2] {
    let mut g = Graph::new();
    let p = g.leaf(1.0);
    let mut opt = Optimizer::new(Method::parse(method).unwrap(), lr, 1);
    let mut after = [0.0; 2];
    for (slot, grad) in after.iter_mut().zip(grads) {
        g.set_grad(p, grad);
        opt.step(&mut g, &[p]);
        *slot = g.value(p);
    }
    after
}

#[test]
fn optimizers_take_their_hand_computed_first_two_steps() {
    // (method, learning rate, the two gradients, the value after each step)
    let cases = [
        // sgd, w ← w − η·g: 1 − 0.1·0.5, then again.
        ("sgd", 0.1, [0.5, 0.5], [0.95, 0.9]),
        // momentum, v = 0.5 → 0.95; v = 0.9·0.5 + 0.5 = 0.95 → 0.95 − 0.095.
        ("momentum", 0.1, [0.5, 0.5], [0.95, 0.855]),
        // adagrad shrinks steps as squares add up.
        // G = 0.25: step 0.1·0.5/0.5; G = 0.5: step 0.05/√0.5.
        (
            "adagrad",
            0.1,
            [0.5, 0.5],
            [0.900000002, 0.8292893248813452],
        ),
        // rmsprop divides by the running rms.
        // s = 0.1·0.25 = 0.025: step 0.01·0.5/√0.025.
        (
            "rmsprop",
            0.01,
            [0.5, 0.5],
            [0.968377225398316, 0.9454356530638914],
        ),
        // adam: bias correction makes m̂/√v̂ = g/|g| on step 1 (a step of
        // the learning rate times the sign); step 2 by hand.
        ("adam", 0.1, [0.5, -1.0], [0.900000002, 0.9366103542405654]),
    ];
    for (method, lr, grads, expected) in cases {
        let after = two_steps(method, lr, grads);
        for (step, (actual, expected)) in after.into_iter().zip(expected).enumerate() {
            assert!(
                close(actual, expected, TOL),
                "{method} step {}: {actual} != {expected}",
                step + 1
            );
        }
    }
}

/// The value of a one-sample loss and its gradient on each output.
fn loss_and_grads(logits: &[f64], class: usize, loss: Loss) -> (f64, Vec<f64>) {
    let mut g = Graph::new();
    let outputs: Vec<NodeId> = logits.iter().map(|&z| g.leaf(z)).collect();
    let root = loss.sample_loss(&mut g, &outputs, class);
    g.backward(root);
    (g.value(root), outputs.iter().map(|&o| g.grad(o)).collect())
}

/// A loss, the logits, the true class, the value and the gradient on each
/// logit.
type LossCase = (Loss, &'static [f64], usize, f64, &'static [f64]);

#[test]
fn losses_match_hand_computed_values_and_gradients() {
    let cases: [LossCase; 8] = [
        // hinge: max(0, 1 − y·z) with y = ±1.
        (Loss::Hinge, &[0.3], 1, 0.7, &[-1.0]),
        (Loss::Hinge, &[0.3], 0, 1.3, &[1.0]),
        // mse against plus or minus one: (z − y)², gradient 2(z − y).
        (Loss::Mse, &[0.3], 1, 0.49, &[-1.4]),
        (Loss::Mse, &[0.3], 0, 1.69, &[2.6]),
        // bce with logits: the formula, and sigmoid(z) − target.
        (
            Loss::Bce,
            &[0.5],
            1,
            0.4740769841801067,
            &[-0.3775406687981454],
        ),
        // ... finite for a huge logit.
        (Loss::Bce, &[1000.0], 0, 1000.0, &[1.0]),
        // softmax cross-entropy: log-sum-exp minus the true logit; its
        // gradient softmax − one-hot.
        (
            Loss::CrossEntropy,
            &[1.0, 2.0, 3.0],
            0,
            2.40760596444438,
            &[
                0.09003057317038046 - 1.0,
                0.24472847105479767,
                0.6652409557748219,
            ],
        ),
        (Loss::CrossEntropy, &[1000.0, 0.0], 1, 1000.0, &[1.0, -1.0]),
    ];
    for (loss, logits, class, value, grads) in cases {
        let (actual_value, actual_grads) = loss_and_grads(logits, class, loss);
        let case = format!("{loss:?} of {logits:?} for class {class}");
        assert!(
            close(actual_value, value, TOL),
            "{case}: {actual_value} != {value}"
        );
        assert_eq!(actual_grads.len(), grads.len(), "{case}");
        for (actual, expected) in actual_grads.into_iter().zip(grads) {
            assert!(
                close(actual, *expected, TOL),
                "{case}: gradient {actual} != {expected}"
            );
        }
    }
}

#[test]
fn hinge_loss_is_zero_beyond_the_margin() {
    let (value, grads) = loss_and_grads(&[2.0], 1, Loss::Hinge);
    assert_eq!((value, grads[0]), (0.0, 0.0));
}

#[test]
fn bce_with_logits_stays_finite_for_a_huge_negative_logit() {
    let (value, grads) = loss_and_grads(&[-1000.0], 0, Loss::Bce);
    assert!(value.abs() < 1e-300 && grads[0].abs() < 1e-300);
}

#[test]
fn l1_and_l2_penalties_and_their_gradients() {
    let mut g = Graph::new();
    let params = [g.leaf(1.0), g.leaf(-2.0)];
    let l2 = loss::l2_penalty(&mut g, &params, 0.5);
    g.backward(l2);
    assert_close(g.value(l2), 2.5, TOL);
    assert_close(g.grad(params[0]), 1.0, TOL);
    assert_close(g.grad(params[1]), -2.0, TOL);
    g.zero_all_grads();
    let l1 = loss::l1_penalty(&mut g, &params, 0.5);
    g.backward(l1);
    assert_close(g.value(l1), 1.5, TOL);
    assert_close(g.grad(params[0]), 0.5, TOL);
    assert_close(g.grad(params[1]), -0.5, TOL);
}

#[test]
fn mlp_has_micrograds_parameter_count_and_initialisation() {
    let mut g = Graph::new();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mlp = Mlp::new(&mut g, 2, &[16, 16, 1], Activation::Relu, &mut rng);
    assert_eq!(mlp.parameters().len(), 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    assert_eq!(mlp.sizes(), vec![16, 16, 1]);
    let names = mlp.parameter_names();
    assert_eq!(names.len(), mlp.parameters().len());
    assert_eq!(&names[..3], ["L1.N1.w1", "L1.N1.w2", "L1.N1.b"]);
    assert_eq!(names.last().unwrap(), "L3.N1.b");
    let last = &mlp.layers[2].neurons[0];
    assert_eq!(last.activation, Activation::Linear);
    assert_eq!(mlp.layers[0].neurons[0].activation, Activation::Relu);
    for neuron in mlp.layers.iter().flat_map(|l| &l.neurons) {
        assert_eq!(g.value(neuron.bias), 0.0);
        assert!(neuron.weights.iter().all(|&w| g.value(w).abs() < 1.0));
    }
    let mut again = Graph::new();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let same = Mlp::new(&mut again, 2, &[16, 16, 1], Activation::Relu, &mut rng);
    assert_eq!(mlp.parameter_values(&g), same.parameter_values(&again));
}

#[test]
fn neuron_computes_activation_of_weighted_sum_plus_bias() {
    let mut g = Graph::new();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mlp = Mlp::with_activations(&mut g, 2, &[1], &[Activation::Tanh], &mut rng);
    let neuron = &mlp.layers[0].neurons[0];
    g.set_data_raw(neuron.bias, 0.25);
    let x = [g.constant(0.5), g.constant(-1.5)];
    let out = mlp.forward(&mut g, &x)[0];
    let w: Vec<f64> = neuron.weights.iter().map(|&w| g.value(w)).collect();
    assert_close(g.value(out), (0.25 + 0.5 * w[0] - 1.5 * w[1]).tanh(), TOL);
}

#[test]
fn mlp_gradients_match_finite_differences() {
    let mut g = Graph::new();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mlp = Mlp::new(&mut g, 2, &[4, 3], Activation::Tanh, &mut rng);
    let x = [g.constant(0.7), g.constant(-0.2)];
    let out = mlp.forward(&mut g, &x);
    let root = loss::softmax_cross_entropy(&mut g, &out, 1);
    g.backward(root);
    for p in mlp.parameters() {
        let numeric = check::finite_difference(&mut g, root, p, check::DEFAULT_STEP);
        assert!(
            (g.grad(p) - numeric).abs() < 1e-6,
            "parameter {p:?}: analytic {} vs numeric {numeric}",
            g.grad(p)
        );
    }
}

fn trainer_for<'d>(data: &'d data::Dataset, config: TrainConfig) -> Trainer<'d> {
    let (graph, mlp) = fresh_network(data, &[8], Activation::Relu, config.loss, 5);
    Trainer::new(&graph, &mlp, data, config)
}

#[test]
fn accumulated_micro_batches_equal_one_big_batch() {
    let data = data::builtin("moons", 40, 0.1, 2).unwrap();
    for batch in [None, Some(30), Some(17)] {
        let config = TrainConfig {
            learning_rate: 0.05,
            batch,
            ..TrainConfig::demo()
        };
        let mut big = trainer_for(&data, config.clone());
        let mut splits: Vec<Trainer> = [2, 3, 7]
            .iter()
            .map(|&accumulate| {
                trainer_for(
                    &data,
                    TrainConfig {
                        accumulate,
                        ..config.clone()
                    },
                )
            })
            .collect();
        // Several steps, so later batches start from trained weights.
        for k in 0..4 {
            let (big_loss, big_accuracy) = big.accumulate_gradients();
            let expected = big.parameter_gradients();
            assert!(expected.iter().any(|&g| g != 0.0));
            for split in &mut splits {
                let (loss, accuracy) = split.accumulate_gradients();
                assert_close(loss, big_loss, 1e-12);
                assert_eq!(accuracy, big_accuracy);
                for (a, b) in expected.iter().zip(split.parameter_gradients()) {
                    assert!(
                        (a - b).abs() < 1e-12,
                        "batch {batch:?} step {k}: {a} vs {b}"
                    );
                }
            }
            big.update(k);
            for split in &mut splits {
                split.update(k);
            }
        }
        for split in &splits {
            for (a, b) in big.parameter_values().iter().zip(split.parameter_values()) {
                assert!((a - b).abs() < 1e-12, "batch {batch:?}: weights {a} vs {b}");
            }
        }
    }
}

#[test]
fn micrograd_demo_reaches_full_accuracy() {
    let data = data::builtin("moons", 100, 0.1, 1).unwrap();
    let config = TrainConfig::demo();
    let (graph, mlp) = fresh_network(&data, &[16, 16], Activation::Relu, config.loss, 1);
    config.validate(&data, &mlp).unwrap();
    let mut trainer = Trainer::new(&graph, &mlp, &data, config);
    let mut reported = Vec::new();
    let summary = trainer.run(25, &mut |p| reported.push(p.step), &|| false);
    assert_eq!(reported, vec![25, 50, 75, 100]);
    assert_eq!(summary.steps_done, 100);
    assert!(summary.accuracy >= 0.99, "accuracy {}", summary.accuracy);
    assert!(summary.final_loss < 0.05, "loss {}", summary.final_loss);
    assert!(summary.losses[99] < summary.losses[0] / 10.0);
}

#[test]
fn stopping_keeps_the_weights_so_far() {
    let data = data::builtin("xor", 20, 0.0, 1).unwrap();
    let config = TrainConfig::demo();
    let (graph, mlp) = fresh_network(&data, &[4], Activation::Relu, config.loss, 1);
    let before = mlp.parameter_values(&graph);
    let mut trainer = Trainer::new(&graph, &mlp, &data, config);
    let calls = std::cell::Cell::new(0);
    let summary = trainer.run(1, &mut |_| {}, &|| {
        calls.set(calls.get() + 1);
        calls.get() > 3
    });
    assert!(summary.stopped);
    assert_eq!(summary.steps_done, 3);
    assert_ne!(trainer.parameter_values(), before);
}

#[test]
fn validation_names_the_bad_setting() {
    let data = data::builtin("spiral", 30, 0.1, 1).unwrap();
    let (_, mlp) = fresh_network(&data, &[4], Activation::Relu, Loss::Hinge, 1);
    let demo = TrainConfig::demo();
    let err = demo.validate(&data, &mlp).unwrap_err();
    assert!(err.contains("3 classes") && err.contains("ce"), "{err}");
    let moons = data::builtin("moons", 30, 0.1, 1).unwrap();
    let (_, mlp) = fresh_network(&moons, &[4], Activation::Relu, Loss::Hinge, 1);
    let cases = [
        (
            TrainConfig {
                learning_rate: -1.0,
                ..demo.clone()
            },
            "learning rate",
        ),
        (
            TrainConfig {
                learning_rate: f64::NAN,
                ..demo.clone()
            },
            "learning rate",
        ),
        (
            TrainConfig {
                steps: 0,
                ..demo.clone()
            },
            "steps",
        ),
        (
            TrainConfig {
                batch: Some(0),
                ..demo.clone()
            },
            "batch",
        ),
        (
            TrainConfig {
                batch: Some(31),
                ..demo.clone()
            },
            "larger",
        ),
        (
            TrainConfig {
                accumulate: 0,
                ..demo.clone()
            },
            "accumulate",
        ),
        (
            TrainConfig {
                l2: -1.0,
                ..demo.clone()
            },
            "l2",
        ),
    ];
    for (config, word) in cases {
        let err = config.validate(&moons, &mlp).unwrap_err();
        assert!(err.contains(word), "{err} should mention {word}");
    }
}

#[test]
fn built_in_data_sets_are_seeded_and_balanced() {
    for name in data::BUILTIN {
        let a = data::builtin(name, 90, 0.1, 4).unwrap();
        assert_eq!(a, data::builtin(name, 90, 0.1, 4).unwrap(), "{name}");
        assert_ne!(a, data::builtin(name, 90, 0.1, 5).unwrap(), "{name}");
        assert_eq!(a.len(), 90);
        assert_eq!(a.dimensions(), 2);
        assert!(a.labels.iter().all(|&l| l < a.classes));
    }
    let moons = data::builtin("moons", 100, 0.0, 1).unwrap();
    assert_eq!(moons.labels.iter().filter(|&&l| l == 1).count(), 50);
    // Without noise the upper moon lies on the unit circle.
    for (x, &label) in moons.features.iter().zip(&moons.labels) {
        if label == 0 {
            assert_close(x[0].hypot(x[1]), 1.0, 1e-12);
        }
    }
    assert_eq!(data::builtin("spiral", 30, 0.1, 1).unwrap().classes, 3);
    assert!(data::builtin("nope", 10, 0.1, 1).is_none());
}

#[test]
fn csv_reads_numbers_skips_header_and_maps_labels_to_classes() {
    let text = "x,y,label\n0.5, 1, -1\n# a comment\n\n2,3,1\n4,5,1\n";
    let data = data::parse_csv(text, "t.csv").unwrap();
    assert_eq!(
        data.features,
        vec![vec![0.5, 1.0], vec![2.0, 3.0], vec![4.0, 5.0]]
    );
    assert_eq!(data.labels, vec![0, 1, 1]);
    assert_eq!(data.classes, 2);
}

#[test]
fn bad_csv_names_the_line() {
    let cases = [
        ("1,2,0\n3,oops,1\n", 2, "column 2 is `oops`"),
        ("1,2,0\n3,4\n", 2, "has 2 columns, expected 3"),
        ("a,b,c\n1,2,0\nx,y,z\n", 3, "column 1 is `x`"),
        ("5\n", 1, "at least one feature"),
        ("1,inf,0\n", 1, "not finite"),
    ];
    for (text, line, problem) in cases {
        match data::parse_csv(text, "bad.csv") {
            Err(DataError::BadLine {
                line: got,
                problem: message,
                ..
            }) => {
                assert_eq!(got, line, "{text:?}");
                assert!(message.contains(problem), "{message} vs {problem}");
            }
            other => panic!("{text:?} gave {other:?}"),
        }
    }
    // A header alone points at its line; only a file with no rows has none.
    assert!(matches!(
        data::parse_csv("x,y\n", "header.csv"),
        Err(DataError::BadLine { line: 1, .. })
    ));
    assert!(matches!(
        data::parse_csv("", "empty.csv"),
        Err(DataError::Empty(_))
    ));
}

#[test]
fn setting_many_leaves_recomputes_once_and_marks_gradients_stale() {
    let mut g = Graph::new();
    let a = g.leaf(1.0);
    let b = g.leaf(2.0);
    let c = g.leaf(5.0);
    let ab = g.mul(a, b);
    let out = g.add(ab, c);
    g.backward(out);
    let recomputed = g.set_data_many(&[(a, 3.0), (b, 4.0)]).unwrap();
    assert_eq!(recomputed, 2);
    assert_close(g.value(out), 17.0, TOL);
    assert_eq!(g.grad_state(a), micrograd::engine::GradState::Stale);
    assert!(g.set_data_many(&[(out, 1.0)]).is_err());
    assert_eq!(g.set_data_many(&[]), Ok(0));
}

#[test]
fn training_steps_reuse_the_arena_without_growing_it() {
    let data = data::builtin("moons", 60, 0.1, 3).unwrap();
    let mut trainer = trainer_for(&data, TrainConfig::demo());
    trainer.step(0);
    let after_one = trainer.graph_heap_bytes();
    for k in 1..10 {
        trainer.step(k);
    }
    assert_eq!(trainer.graph_heap_bytes(), after_one);
}
