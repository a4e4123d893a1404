//! Training an MLP on a data set: the loop shared by `micrograd train`, the
//! REPL's `train(...)` and `micrograd bench demo`. It measures and hands
//! each step's [`Progress`] to its caller; `render::training` says it in
//! words.
//!
//! The network lives in a private graph whose first nodes are the
//! parameters, then the data set's inputs as constants. Each step builds
//! the forward pass and loss on top, runs backward, and truncates the graph
//! back to that base (the tape pattern): memory stays flat however many
//! steps run. With `accumulate = k`, a step's batch is split into k
//! micro-batches, each built, differentiated and dropped in turn; their
//! gradients add up on the parameters before the one optimizer step, and
//! each micro-batch's loss is divided by the whole batch size, so the
//! result is exactly the big batch's mean gradient.
//!
//! Given a held-out set ([`Trainer::with_held_out`]), each step also
//! measures the loss on it by a forward pass alone, built on top of the
//! base after backward and dropped before the update: the gradients the
//! optimizer uses never see it.

mod config;
mod held_out;

use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::data::Dataset;
use crate::engine::loss::{self, Loss};
use crate::engine::nn::{Activation, Mlp};
use crate::engine::optim::Optimizer;
use crate::engine::{Graph, NodeId};

pub use config::{TrainConfig, MAX_NODES_PER_MICRO_BATCH};
pub use held_out::{split_holdout, EarlyStop, Score};

use held_out::{HeldOut, Patience};

/// What one step (or an evaluation) measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Steps done so far (1 after the first).
    pub step: usize,
    /// Steps planned.
    pub steps: usize,
    /// Loss of the batch (penalties included), before this step's update.
    pub loss: f64,
    /// Fraction of the batch classified right, before this step's update.
    pub accuracy: f64,
    /// The learning rate this step used.
    pub learning_rate: f64,
    /// Loss (no penalties) and accuracy on the held-out set, on the same
    /// weights as `loss`; `None` without a held-out set.
    pub held_out: Option<Score>,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Steps taken (fewer than planned when stopped).
    pub steps_done: usize,
    /// True when stopped early (Ctrl-C).
    pub stopped: bool,
    /// Loss of each step, in order.
    pub losses: Vec<f64>,
    /// Loss over the whole training set on the final weights.
    pub final_loss: f64,
    /// Fraction of the training set classified right on the final weights.
    pub accuracy: f64,
    /// Held-out loss of each step (empty without a held-out set).
    pub held_out_losses: Vec<f64>,
    /// Held-out loss and accuracy on the final weights.
    pub held_out: Option<Score>,
    /// Set when early stopping (patience) ended the run.
    pub early_stop: Option<EarlyStop>,
    /// Seconds spent in the steps and the final evaluation, by the
    /// trainer's clock (0 without one).
    pub seconds: f64,
}

/// A network, its private graph, the data as constant nodes, an optimizer.
pub struct Trainer<'d> {
    graph: Graph,
    mlp: Mlp,
    params: Vec<NodeId>,
    inputs: Vec<Vec<NodeId>>,
    base: usize,
    data: &'d Dataset,
    held_out: Option<HeldOut<'d>>,
    config: TrainConfig,
    optimizer: Optimizer,
    rng: ChaCha8Rng,
    timing: Timing,
    clock: Clock<'d>,
}

/// Time since some fixed start, as the host's monotonic clock tells it.
/// The loop never reads the machine's clock itself: a caller that shows
/// seconds passes one in ([`Trainer::with_clock`]).
pub type Clock<'a> = &'a dyn Fn() -> Duration;

/// The clock of a trainer given none: always zero, so timings read 0 s.
fn no_clock() -> Duration {
    Duration::ZERO
}

/// Where a trainer's time went, summed over the steps so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timing {
    /// Seconds building forward passes and losses.
    pub build_s: f64,
    /// Seconds in backward passes.
    pub backward_s: f64,
}

impl<'d> Trainer<'d> {
    /// A trainer for a copy of `mlp` (whose parameters live in `source`).
    /// Call [`TrainConfig::validate`] first.
    pub fn new(source: &Graph, mlp: &Mlp, data: &'d Dataset, config: TrainConfig) -> Self {
        let mut graph = Graph::new();
        let mlp = mlp.copy_into(source, &mut graph);
        let inputs = constant_inputs(&mut graph, data);
        let params = mlp.parameters();
        let base = graph.len();
        let optimizer = Optimizer::new(config.method, config.learning_rate, params.len());
        let rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut trainer = Trainer {
            graph,
            mlp,
            params,
            inputs,
            base,
            data,
            held_out: None,
            config,
            optimizer,
            rng,
            timing: Timing::default(),
            clock: &no_clock,
        };
        trainer.reserve_one_step();
        trainer
    }

    /// This trainer, timing its steps and run by `clock` (without one,
    /// [`Timing`] and [`Summary::seconds`] stay 0).
    pub fn with_clock(mut self, clock: Clock<'d>) -> Self {
        self.clock = clock;
        self
    }

    /// This trainer, also measuring the loss on `held_out` (samples it
    /// never trains on) at every step and at the end.
    pub fn with_held_out(mut self, held_out: &'d Dataset) -> Self {
        let inputs = constant_inputs(&mut self.graph, held_out);
        self.base = self.graph.len();
        self.held_out = Some(HeldOut {
            data: held_out,
            inputs,
        });
        self.reserve_one_step();
        self
    }

    /// Sizes the graph for the base plus one full-batch step.
    fn reserve_one_step(&mut self) {
        let per_step = self.nodes_per_full_batch();
        self.graph.set_capacity(self.base + per_step);
    }

    /// The network (its parameters live in this trainer's graph).
    pub fn mlp(&self) -> &Mlp {
        &self.mlp
    }

    /// The current value of every parameter, in [`Mlp::parameters`] order.
    pub fn parameter_values(&self) -> Vec<f64> {
        self.mlp.parameter_values(&self.graph)
    }

    /// How many nodes one full-batch loss adds to the graph (the forward
    /// pass over every sample, the losses, the penalties): the size of the
    /// graph `backward` walks each full-batch step.
    pub fn nodes_per_full_batch(&mut self) -> usize {
        let all: Vec<usize> = (0..self.data.len()).collect();
        self.batch_loss(&all, all.len(), true);
        let nodes = self.graph.len() - self.base;
        self.graph.truncate(self.base);
        nodes
    }

    /// Time spent building and differentiating, over the steps so far.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    /// Nodes kept between steps: the parameters and the data's inputs.
    pub fn base(&self) -> usize {
        self.base
    }

    /// Bytes of graph memory the trainer's graph holds (capacity).
    pub fn graph_heap_bytes(&self) -> usize {
        self.graph.heap_bytes()
    }

    /// One optimizer step (step index `k` from 0, for the schedule).
    pub fn step(&mut self, k: usize) -> Progress {
        let (loss, accuracy) = self.accumulate_gradients();
        // Measured on the weights the batch loss saw, before the update.
        let held_out = self.evaluate_held_out();
        let learning_rate = self.update(k);
        Progress {
            step: k + 1,
            steps: self.config.steps,
            loss,
            accuracy,
            learning_rate,
            held_out,
        }
    }

    /// The first half of a step: draws the batch, and for each micro-batch
    /// builds its loss, runs backward and drops the nodes, so the
    /// parameters hold the batch's summed gradient. Returns the batch's
    /// loss and accuracy.
    pub fn accumulate_gradients(&mut self) -> (f64, f64) {
        let indices = self.draw_batch();
        let chunk = indices.len().div_ceil(self.config.accumulate);
        let mut total_loss = 0.0;
        let mut correct = 0;
        for (c, micro) in indices.chunks(chunk).enumerate() {
            let started = (self.clock)();
            let (root, right) = self.batch_loss(micro, indices.len(), c == 0);
            let built = (self.clock)();
            total_loss += self.graph.value(root);
            correct += right;
            self.graph.backward(root);
            self.graph.truncate(self.base);
            self.timing.build_s += built.saturating_sub(started).as_secs_f64();
            self.timing.backward_s += (self.clock)().saturating_sub(built).as_secs_f64();
        }
        (total_loss, correct as f64 / indices.len() as f64)
    }

    /// The second half of step `k`: one optimizer update from the
    /// accumulated gradients, which are then zeroed. Returns the learning
    /// rate used.
    pub fn update(&mut self, k: usize) -> f64 {
        let learning_rate = self.config.learning_rate_at(k);
        self.optimizer.learning_rate = learning_rate;
        self.optimizer.step(&mut self.graph, &self.params);
        self.graph.zero_all_grads();
        learning_rate
    }

    /// The gradient each parameter holds now, in [`Mlp::parameters`] order.
    pub fn parameter_gradients(&self) -> Vec<f64> {
        self.params.iter().map(|&p| self.graph.grad(p)).collect()
    }

    /// The whole data set, or `batch` samples drawn without replacement.
    fn draw_batch(&mut self) -> Vec<usize> {
        let n = self.data.len();
        let batch = self.config.batch.unwrap_or(n).min(n);
        let mut all: Vec<usize> = (0..n).collect();
        if batch < n {
            for i in 0..batch {
                let j = self.rng.random_range(i..n);
                all.swap(i, j);
            }
            all.truncate(batch);
        }
        all
    }

    /// This trainer's loss over `samples` (see [`build_loss`]).
    fn batch_loss(
        &mut self,
        samples: &[usize],
        divisor: usize,
        with_penalties: bool,
    ) -> (NodeId, usize) {
        let penalties = if with_penalties {
            (self.config.l1, self.config.l2)
        } else {
            (0.0, 0.0)
        };
        build_loss(
            &mut self.graph,
            &self.mlp,
            &self.inputs,
            &self.data.labels,
            LossSpec {
                loss: self.config.loss,
                samples,
                divisor,
                l1: penalties.0,
                l2: penalties.1,
            },
        )
    }

    /// Loss (penalties included) and accuracy over the whole data set on
    /// the current weights; no gradients, no update.
    pub fn evaluate(&mut self) -> (f64, f64) {
        let all: Vec<usize> = (0..self.data.len()).collect();
        let (root, correct) = self.batch_loss(&all, all.len(), true);
        let value = self.graph.value(root);
        self.graph.truncate(self.base);
        (value, correct as f64 / all.len() as f64)
    }

    /// Loss (without penalties: they measure the weights, not the data) and
    /// accuracy over the held-out set on the current weights, by a forward
    /// pass that is dropped again; `None` without a held-out set.
    pub fn evaluate_held_out(&mut self) -> Option<Score> {
        let held_out = self.held_out.as_ref()?;
        let all: Vec<usize> = (0..held_out.data.len()).collect();
        let (root, correct) = build_loss(
            &mut self.graph,
            &self.mlp,
            &held_out.inputs,
            &held_out.data.labels,
            LossSpec {
                loss: self.config.loss,
                samples: &all,
                divisor: all.len(),
                l1: 0.0,
                l2: 0.0,
            },
        );
        let loss = self.graph.value(root);
        self.graph.truncate(self.base);
        Some(Score {
            loss,
            accuracy: correct as f64 / all.len() as f64,
        })
    }

    /// The network's outputs for one input row.
    pub fn outputs(&mut self, x: &[f64]) -> Vec<f64> {
        let inputs: Vec<NodeId> = x.iter().map(|&v| self.graph.constant(v)).collect();
        let outputs = self.mlp.forward(&mut self.graph, &inputs);
        let values = outputs.iter().map(|&o| self.graph.value(o)).collect();
        self.graph.truncate(self.base);
        values
    }

    /// The class the network predicts for one input row.
    pub fn predict(&mut self, x: &[f64]) -> usize {
        let outputs = self.outputs(x);
        self.config.loss.predict(&outputs)
    }

    /// Runs the configured steps, calling `on_progress` after every
    /// `every`-th step and the last, and stopping early (weights kept)
    /// when `stop` returns true or, with a patience, when the held-out
    /// loss has not improved for that many progress checks. Ends with a
    /// full evaluation.
    pub fn run(
        &mut self,
        every: usize,
        on_progress: &mut dyn FnMut(&Progress),
        stop: &dyn Fn() -> bool,
    ) -> Summary {
        let started = (self.clock)();
        let mut losses = Vec::with_capacity(self.config.steps);
        let mut held_out_losses = Vec::new();
        let mut patience = self.config.patience.map(Patience::new);
        let mut early_stop = None;
        let mut stopped = false;
        for k in 0..self.config.steps {
            if stop() {
                stopped = true;
                break;
            }
            let progress = self.step(k);
            losses.push(progress.loss);
            held_out_losses.extend(progress.held_out.map(|score| score.loss));
            if progress.step.is_multiple_of(every.max(1)) || progress.step == self.config.steps {
                on_progress(&progress);
                if let (Some(patience), Some(score)) = (&mut patience, progress.held_out) {
                    early_stop = patience.observe(progress.step, score.loss);
                    if early_stop.is_some() {
                        break;
                    }
                }
            }
        }
        let (final_loss, accuracy) = self.evaluate();
        Summary {
            steps_done: losses.len(),
            stopped,
            losses,
            final_loss,
            accuracy,
            held_out_losses,
            held_out: self.evaluate_held_out(),
            early_stop,
            seconds: (self.clock)().saturating_sub(started).as_secs_f64(),
        }
    }
}

/// The data set's inputs as constant nodes of `graph`, one row per sample.
pub fn constant_inputs(graph: &mut Graph, data: &Dataset) -> Vec<Vec<NodeId>> {
    data.features
        .iter()
        .map(|row| row.iter().map(|&v| graph.constant(v)).collect())
        .collect()
}

/// What [`build_loss`] builds: which loss, over which samples, divided by
/// what, with which penalty weights.
#[derive(Clone, Copy, Debug)]
pub struct LossSpec<'s> {
    /// The per-sample loss.
    pub loss: Loss,
    /// Indices of the samples to include.
    pub samples: &'s [usize],
    /// The sum is divided by this (the whole batch's size, so micro-batches
    /// add up to the batch mean).
    pub divisor: usize,
    /// Weight of `Σ |p|` (0 for none).
    pub l1: f64,
    /// Weight of `Σ p²` (0 for none).
    pub l2: f64,
}

/// Builds `Σ loss(sample) / divisor + l1·Σ|p| + l2·Σp²` in `graph`, with
/// `inputs[i]` the input nodes of sample `i`. Returns the root and how many
/// of the samples the network classifies right.
pub fn build_loss(
    graph: &mut Graph,
    mlp: &Mlp,
    inputs: &[Vec<NodeId>],
    labels: &[usize],
    spec: LossSpec,
) -> (NodeId, usize) {
    let mut terms = Vec::with_capacity(spec.samples.len());
    let mut correct = 0;
    let mut values = Vec::new();
    for &i in spec.samples {
        let outputs = mlp.forward(graph, &inputs[i]);
        values.clear();
        values.extend(outputs.iter().map(|&o| graph.value(o)));
        correct += usize::from(spec.loss.predict(&values) == labels[i]);
        terms.push(spec.loss.sample_loss(graph, &outputs, labels[i]));
    }
    let mut root = loss::scaled_sum(graph, &terms, 1.0 / spec.divisor as f64);
    if spec.l2 > 0.0 {
        let penalty = loss::l2_penalty(graph, &mlp.parameters(), spec.l2);
        root = graph.add(root, penalty);
    }
    if spec.l1 > 0.0 {
        let penalty = loss::l1_penalty(graph, &mlp.parameters(), spec.l1);
        root = graph.add(root, penalty);
    }
    (root, correct)
}

/// A fresh network for `data` under `config`: `hidden` sizes with
/// `activation`, then a linear output layer sized for the loss, weights
/// from `seed`. Returns the graph holding its parameters too.
pub fn fresh_network(
    data: &Dataset,
    hidden: &[usize],
    activation: Activation,
    loss: Loss,
    seed: u64,
) -> (Graph, Mlp) {
    let mut graph = Graph::new();
    let mut sizes = hidden.to_vec();
    sizes.push(loss.outputs_for(data.classes));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mlp = Mlp::new(&mut graph, data.dimensions(), &sizes, activation, &mut rng);
    (graph, mlp)
}
