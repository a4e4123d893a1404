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
//! optimizer uses never see it. With patience, the weights of the best
//! held-out check are kept aside and put back when the run stops early.
//!
//! Features are standardised by the training part's mean and standard
//! deviation (unless the set is already on a unit scale, or the config
//! says otherwise); the trained network keeps that scaling, so later calls
//! and held-out samples are scaled the same way. Dropout switches off a
//! random share of the hidden units of every training sample, scaling the
//! rest up (inverted dropout); evaluation never drops.

mod build;
mod config;
mod diagnose;
mod held_out;
mod tape;

use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::data::{Dataset, Scaling, Task};
use crate::engine::loss::Loss;
use crate::engine::nn::{Activation, Mlp};
use crate::engine::optim::Optimizer;
use crate::engine::{Graph, NodeId};

pub use build::{
    build_loss, build_loss_hooked, constant_inputs, tally_of, HiddenHook, LossSpec, Probes, Tally,
    Targets,
};
pub use config::{Chosen, TrainConfig, MAX_NODES_PER_MICRO_BATCH, REGRESSION_LEARNING_RATE};
pub use diagnose::Diagnosis;
pub use held_out::{split_holdout, split_test, EarlyStop, Score};

use diagnose::Watch;
use held_out::{HeldOut, Patience};
use tape::{steps_repeat, StepTape};

/// What one step (or an evaluation) measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Steps done so far (1 after the first).
    pub step: usize,
    /// Steps planned.
    pub steps: usize,
    /// Loss of the batch (penalties included), before this step's update.
    pub loss: f64,
    /// The penalties' part of `loss`.
    pub penalty: f64,
    /// `loss` without the penalties: the measure of the held-out loss.
    pub data_loss: f64,
    /// Fraction of the batch classified right (R² for regression), before
    /// this step's update.
    pub accuracy: f64,
    /// The learning rate this step used.
    pub learning_rate: f64,
    /// Loss (no penalties) and accuracy on the held-out set, on the same
    /// weights as `loss`; `None` without a held-out set.
    pub held_out: Option<Score>,
    /// Trouble first seen at this step.
    pub diagnosis: Option<Diagnosis>,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Steps taken (fewer than planned when stopped).
    pub steps_done: usize,
    /// True when stopped early (Ctrl-C).
    pub stopped: bool,
    /// Loss of each step (penalties included: what was minimised), in
    /// order.
    pub losses: Vec<f64>,
    /// Loss of each step without the penalties (the data loss, the measure
    /// the held-out losses use), in order.
    pub data_losses: Vec<f64>,
    /// Loss over the whole training set on the final weights.
    pub final_loss: f64,
    /// The penalties' part of `final_loss`.
    pub final_penalty: f64,
    /// `final_loss` without the penalties.
    pub final_data_loss: f64,
    /// Fraction of the training set classified right (R² for regression)
    /// on the final weights.
    pub accuracy: f64,
    /// Held-out loss of each step (empty without a held-out set).
    pub held_out_losses: Vec<f64>,
    /// Held-out loss and accuracy on the final weights.
    pub held_out: Option<Score>,
    /// Set when early stopping (patience) ended the run; the weights are
    /// then those of its best step.
    pub early_stop: Option<EarlyStop>,
    /// Loss (no penalties) and accuracy (R² for regression) on the test
    /// set, scored once on the final weights; `None` without one.
    pub test: Option<Score>,
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
    test: Option<HeldOut<'d>>,
    config: TrainConfig,
    optimizer: Optimizer,
    rng: ChaCha8Rng,
    dropout_rng: ChaCha8Rng,
    scaling: Option<Scaling>,
    dead_relus: Option<(usize, usize)>,
    timing: Timing,
    clock: Clock<'d>,
    /// The first full-batch step's graph, kept for replay (see `tape`).
    tape: Option<StepTape>,
    /// The last step was a replay of the tape, so only the tape's leaves
    /// hold gradients (a replay writes no other).
    replayed: bool,
}

/// How long a run goes before its first progress line at the latest.
const FIRST_LINE_AFTER: Duration = Duration::from_secs(1);

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

/// Mixed into the seed of the dropout masks, so they are not the batch
/// draws.
const DROPOUT_SALT: u64 = 0xD209_0F7A_11E5_0003;

impl<'d> Trainer<'d> {
    /// A trainer for a copy of `mlp` (whose parameters live in `source`),
    /// standardising `data` as `config` says (see
    /// [`TrainConfig::standardizes`]). Call [`TrainConfig::validate`] first.
    pub fn new(source: &Graph, mlp: &Mlp, data: &'d Dataset, config: TrainConfig) -> Self {
        let scaling = config.standardizes(data).then(|| Scaling::fit(data));
        Self::with_scaling(source, mlp, data, config, scaling)
    }

    /// A trainer that scales inputs as `mlp` does already (to measure a
    /// trained network on a data set).
    pub fn measuring(source: &Graph, mlp: &Mlp, data: &'d Dataset, config: TrainConfig) -> Self {
        Self::with_scaling(source, mlp, data, config, mlp.scaling.clone())
    }

    fn with_scaling(
        source: &Graph,
        mlp: &Mlp,
        data: &'d Dataset,
        config: TrainConfig,
        scaling: Option<Scaling>,
    ) -> Self {
        let mut graph = Graph::new();
        let mut mlp = mlp.copy_into(source, &mut graph);
        mlp.scaling = None; // the constants below are scaled already
        let inputs = scaled_inputs(&mut graph, data, scaling.as_ref());
        let params = mlp.parameters();
        let base = graph.len();
        let optimizer = Optimizer::new(config.method, config.learning_rate, params.len());
        let rng = ChaCha8Rng::seed_from_u64(config.seed);
        let dropout_rng = ChaCha8Rng::seed_from_u64(config.seed ^ DROPOUT_SALT);
        let mut trainer = Trainer {
            graph,
            mlp,
            params,
            inputs,
            base,
            data,
            held_out: None,
            test: None,
            config,
            optimizer,
            rng,
            dropout_rng,
            scaling,
            dead_relus: None,
            timing: Timing::default(),
            clock: &no_clock,
            tape: None,
            replayed: false,
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
    /// never trains on, scaled as the training samples are) at every step
    /// and at the end.
    pub fn with_held_out(mut self, held_out: &'d Dataset) -> Self {
        self.drop_tape();
        let inputs = scaled_inputs(&mut self.graph, held_out, self.scaling.as_ref());
        self.base = self.graph.len();
        self.held_out = Some(HeldOut {
            data: held_out,
            inputs,
        });
        self.reserve_one_step();
        self
    }

    /// This trainer, also scoring `test` (samples neither trained on nor
    /// watched by early stopping) once, on the final weights.
    pub fn with_test(mut self, test: &'d Dataset) -> Self {
        self.drop_tape();
        let inputs = scaled_inputs(&mut self.graph, test, self.scaling.as_ref());
        self.base = self.graph.len();
        self.test = Some(HeldOut { data: test, inputs });
        self.reserve_one_step();
        self
    }

    /// Forgets the recorded step (before the base grows).
    fn drop_tape(&mut self) {
        self.tape = None;
        self.graph.truncate(self.base);
    }

    /// Where nodes built for one step or evaluation start, and are dropped
    /// back to: after the recorded step when there is one.
    fn top(&self) -> usize {
        self.tape.as_ref().map_or(self.base, StepTape::end)
    }

    /// Sizes the graph for the base plus one full-batch step.
    fn reserve_one_step(&mut self) {
        let per_step = self.nodes_per_full_batch();
        self.graph.set_capacity(self.base + per_step);
    }

    /// The network (its parameters live in this trainer's graph; its
    /// inputs are the standardised ones, see [`Trainer::scaling`]).
    pub fn mlp(&self) -> &Mlp {
        &self.mlp
    }

    /// The standardisation the inputs get, if any.
    pub fn scaling(&self) -> Option<&Scaling> {
        self.scaling.as_ref()
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
        self.batch_loss(&all, all.len(), true, false);
        let nodes = self.graph.len() - self.top();
        self.graph.truncate(self.top());
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
        let progress = self.measure_step(k);
        self.update(k);
        progress
    }

    /// Step `k` up to its update: the batch's gradients and the scores on
    /// the weights they were taken at.
    fn measure_step(&mut self, k: usize) -> Progress {
        let (loss, tally_score, tally) = self.accumulate_scored();
        // Measured on the weights the batch loss saw, before the update.
        let held_out = self.evaluate_held_out();
        Progress {
            step: k + 1,
            steps: self.config.steps,
            loss,
            penalty: tally.penalty,
            data_loss: tally.data_loss,
            accuracy: tally_score,
            learning_rate: self.config.learning_rate_at(k),
            held_out,
            diagnosis: None,
        }
    }

    /// The first half of a step: draws the batch, and for each micro-batch
    /// builds its loss, runs backward and drops the nodes, so the
    /// parameters hold the batch's summed gradient. Returns the batch's
    /// loss and accuracy (R² for regression).
    pub fn accumulate_gradients(&mut self) -> (f64, f64) {
        let (loss, score, _) = self.accumulate_scored();
        (loss, score)
    }

    /// [`Trainer::accumulate_gradients`], with the tally (the penalty's
    /// part of the loss, the data loss).
    fn accumulate_scored(&mut self) -> (f64, f64, Tally) {
        let indices = self.draw_batch();
        self.replayed = self.tape.is_some();
        if self.replayed {
            return self.replay_step(&indices);
        }
        let repeat = steps_repeat(&self.config, self.data.len());
        let chunk = indices.len().div_ceil(self.config.accumulate);
        let mut total_loss = 0.0;
        let mut tally = Tally::default();
        self.dead_relus = None;
        for (c, micro) in indices.chunks(chunk).enumerate() {
            let started = (self.clock)();
            let (root, counted, probes, watched) =
                self.batch_loss_probed(micro, indices.len(), c == 0, true);
            let built = (self.clock)();
            total_loss += self.graph.value(root);
            tally += counted;
            self.graph.backward(root);
            if repeat {
                self.tape = Some(StepTape {
                    recording: self.graph.record(self.base, root),
                    probes,
                    watched,
                });
            } else {
                self.graph.truncate(self.base);
            }
            self.timing.build_s += built.saturating_sub(started).as_secs_f64();
            self.timing.backward_s += (self.clock)().saturating_sub(built).as_secs_f64();
        }
        let score = Targets::of(self.data).score(&indices, tally);
        (total_loss, score, tally)
    }

    /// [`Trainer::accumulate_scored`] on the recorded step: the same
    /// numbers, by replaying it on the current weights.
    fn replay_step(&mut self, indices: &[usize]) -> (f64, f64, Tally) {
        let Some(tape) = self.tape.take() else {
            return (f64::NAN, f64::NAN, Tally::default());
        };
        let started = (self.clock)();
        let targets = Targets::of(self.data);
        let spec = self.spec(indices, true);
        let (root, tally) = tape.forward(&mut self.graph, targets, spec);
        self.dead_relus = None;
        self.note_dead_relus(&tape.watched);
        let built = (self.clock)();
        self.graph.replay_backward(&tape.recording);
        self.timing.build_s += built.saturating_sub(started).as_secs_f64();
        self.timing.backward_s += (self.clock)().saturating_sub(built).as_secs_f64();
        let loss = self.graph.value(root);
        self.tape = Some(tape);
        (loss, targets.score(indices, tally), tally)
    }

    /// The second half of step `k`: one optimizer update from the
    /// accumulated gradients, which are then zeroed. Returns the learning
    /// rate used.
    pub fn update(&mut self, k: usize) -> f64 {
        let learning_rate = self.config.learning_rate_at(k);
        self.optimizer.learning_rate = learning_rate;
        self.optimizer.step(&mut self.graph, &self.params);
        match &self.tape {
            // Zeroing every node of the arena cost as much as a tenth of
            // a replayed step.
            Some(tape) if self.replayed => self.graph.zero_grads(tape.recording.leaves()),
            _ => self.graph.zero_all_grads(),
        }
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

    /// The loss spec of this trainer's loss over `samples` (the whole
    /// batch), with or without the penalties.
    fn spec<'s>(&self, samples: &'s [usize], with_penalties: bool) -> LossSpec<'s> {
        let (l1, l2) = if with_penalties {
            (self.config.l1, self.config.l2)
        } else {
            (0.0, 0.0)
        };
        LossSpec {
            loss: self.config.loss,
            samples,
            divisor: samples.len(),
            l1,
            l2,
        }
    }

    /// This trainer's loss over `samples` (see [`build_loss`]); `training`
    /// applies dropout and counts dead ReLUs. Also returns the nodes the
    /// tally read and each hidden ReLU unit's output nodes.
    fn batch_loss_probed(
        &mut self,
        samples: &[usize],
        divisor: usize,
        with_penalties: bool,
        training: bool,
    ) -> (NodeId, Tally, Probes, Vec<(usize, NodeId)>) {
        let spec = LossSpec {
            divisor,
            ..self.spec(samples, with_penalties)
        };
        let targets = Targets::of(self.data);
        let mut probes = Probes::default();
        let mut watched = Vec::new();
        let dropout = if training { self.config.dropout } else { 0.0 };
        let (relu_layers, offsets) = self.relu_layout();
        let rng = &mut self.dropout_rng;
        let mut hook = |graph: &mut Graph, layer: usize, outputs: &mut Vec<NodeId>| {
            if training && relu_layers[layer] {
                watched.extend(
                    outputs
                        .iter()
                        .enumerate()
                        .map(|(j, &o)| (offsets[layer] + j, o)),
                );
            }
            if dropout > 0.0 {
                let keep = graph.constant(1.0 / (1.0 - dropout));
                for o in outputs.iter_mut() {
                    *o = if rng.random::<f64>() < dropout {
                        graph.constant(0.0)
                    } else {
                        graph.mul(*o, keep)
                    };
                }
            }
        };
        let (root, tally) = build_loss_hooked(
            &mut self.graph,
            &self.mlp,
            &self.inputs,
            targets,
            spec,
            &mut hook,
            &mut probes,
        );
        if training {
            self.note_dead_relus(&watched);
        }
        (root, tally, probes, watched)
    }

    /// [`Trainer::batch_loss_probed`] without the probes.
    fn batch_loss(
        &mut self,
        samples: &[usize],
        divisor: usize,
        with_penalties: bool,
        training: bool,
    ) -> (NodeId, Tally) {
        let (root, tally, _, _) =
            self.batch_loss_probed(samples, divisor, with_penalties, training);
        (root, tally)
    }

    /// Which layers are ReLU layers, and the index of each layer's first
    /// unit among all the network's units.
    fn relu_layout(&self) -> (Vec<bool>, Vec<usize>) {
        let relu_layers = self
            .mlp
            .layers
            .iter()
            .map(|l| l.neurons.first().map(|n| n.activation) == Some(Activation::Relu))
            .collect();
        let offsets = self
            .mlp
            .layers
            .iter()
            .scan(0, |total, l| {
                let start = *total;
                *total += l.neurons.len();
                Some(start)
            })
            .collect();
        (relu_layers, offsets)
    }

    /// Counts the hidden ReLU units whose output was not positive for any
    /// sample (`watched` holds each unit's output nodes), into
    /// `dead_relus`: across micro-batches a unit is dead only if dead in
    /// every one.
    fn note_dead_relus(&mut self, watched: &[(usize, NodeId)]) {
        let (relu_layers, offsets) = self.relu_layout();
        let hidden = relu_layers.len().saturating_sub(1);
        let relu_units: usize = relu_layers
            .iter()
            .zip(&self.mlp.layers)
            .take(hidden)
            .filter(|(relu, _)| **relu)
            .map(|(_, l)| l.neurons.len())
            .sum();
        if relu_units == 0 {
            return;
        }
        let units = offsets.get(hidden).copied().unwrap_or(0);
        let mut alive = vec![false; units];
        for &(unit, node) in watched {
            alive[unit] |= self.graph.value(node) > 0.0;
        }
        let dead = relu_layers
            .iter()
            .zip(&offsets)
            .zip(&self.mlp.layers)
            .take(hidden)
            .filter(|((relu, _), _)| **relu)
            .map(|((_, &start), l)| {
                alive[start..start + l.neurons.len()]
                    .iter()
                    .filter(|a| !**a)
                    .count()
            })
            .sum::<usize>();
        let (before, _) = self.dead_relus.unwrap_or((usize::MAX, relu_units));
        self.dead_relus = Some((dead.min(before), relu_units));
    }

    /// Loss (penalties included) and accuracy (R² for regression) over the
    /// whole data set on the current weights; no gradients, no update, no
    /// dropout.
    pub fn evaluate(&mut self) -> (f64, f64) {
        let (loss, score, _) = self.evaluate_parts();
        (loss, score)
    }

    /// [`Trainer::evaluate`] with the tally (the penalty's part of the
    /// loss, the data loss).
    fn evaluate_parts(&mut self) -> (f64, f64, Tally) {
        let all: Vec<usize> = (0..self.data.len()).collect();
        // The recorded step is this very loss (dropout aside, which
        // evaluation never applies and a recorded step never has).
        let (root, tally) = match self.tape.take() {
            Some(tape) => {
                let targets = Targets::of(self.data);
                let spec = self.spec(&all, true);
                let result = tape.forward(&mut self.graph, targets, spec);
                self.tape = Some(tape);
                result
            }
            None => self.batch_loss(&all, all.len(), true, false),
        };
        let value = self.graph.value(root);
        self.graph.truncate(self.top());
        let score = Targets::of(self.data).score(&all, tally);
        (value, score, tally)
    }

    /// Loss (without penalties: they measure the weights, not the data) and
    /// accuracy over the held-out set on the current weights, by a forward
    /// pass (no dropout) that is dropped again; `None` without a held-out
    /// set.
    pub fn evaluate_held_out(&mut self) -> Option<Score> {
        let held_out = self.held_out.take()?;
        let score = self.score_of(&held_out);
        self.held_out = Some(held_out);
        Some(score)
    }

    /// [`Trainer::evaluate_held_out`] for the test set.
    pub fn evaluate_test(&mut self) -> Option<Score> {
        let test = self.test.take()?;
        let score = self.score_of(&test);
        self.test = Some(test);
        Some(score)
    }

    /// Loss without penalties and accuracy on `set`, by a forward pass.
    fn score_of(&mut self, set: &HeldOut) -> Score {
        let all: Vec<usize> = (0..set.data.len()).collect();
        let targets = Targets::of(set.data);
        let (root, tally) = build_loss(
            &mut self.graph,
            &self.mlp,
            &set.inputs,
            targets,
            LossSpec {
                loss: self.config.loss,
                samples: &all,
                divisor: all.len(),
                l1: 0.0,
                l2: 0.0,
            },
        );
        let loss = self.graph.value(root);
        self.graph.truncate(self.top());
        Score {
            loss,
            accuracy: targets.score(&all, tally),
        }
    }

    /// The network's outputs for one input row (as the data set has it:
    /// scaled here when the trainer standardises).
    pub fn outputs(&mut self, x: &[f64]) -> Vec<f64> {
        let x = match &self.scaling {
            Some(scaling) => scaling.apply(x),
            None => x.to_vec(),
        };
        let inputs: Vec<NodeId> = x.iter().map(|&v| self.graph.constant(v)).collect();
        let outputs = self.mlp.forward(&mut self.graph, &inputs);
        let values = outputs.iter().map(|&o| self.graph.value(o)).collect();
        self.graph.truncate(self.top());
        values
    }

    /// The class the network predicts for one input row.
    pub fn predict(&mut self, x: &[f64]) -> usize {
        let outputs = self.outputs(x);
        self.config.loss.predict(&outputs)
    }

    /// The trained network as the learner's session should keep it: `mlp`
    /// (the session's) with this trainer's scaling.
    pub fn trained_model(&self, mlp: &Mlp) -> Mlp {
        Mlp {
            scaling: self.scaling.clone(),
            ..mlp.clone()
        }
    }

    /// Runs the configured steps, calling `on_progress` after every
    /// `every`-th step, the last, and any step where trouble shows first,
    /// and stopping early when `stop` returns true or, with a patience,
    /// when the held-out loss has not improved for that many progress
    /// checks (the best check's weights are then put back). Ends with a
    /// full evaluation.
    pub fn run(
        &mut self,
        every: usize,
        on_progress: &mut dyn FnMut(&Progress),
        stop: &dyn Fn() -> bool,
    ) -> Summary {
        let started = (self.clock)();
        let mut losses = Vec::with_capacity(self.config.steps);
        let mut data_losses = Vec::with_capacity(self.config.steps);
        let mut held_out_losses = Vec::new();
        let mut patience = self.config.patience.map(Patience::new);
        let mut best_weights = None;
        let mut watch = Watch::new(self.chance());
        let mut early_stop = None;
        let mut stopped = false;
        let mut shown_any = false;
        for k in 0..self.config.steps {
            if stop() {
                stopped = true;
                break;
            }
            let mut progress = self.measure_step(k);
            let samples = self.data.len();
            let batch = (self.config.batch)
                .filter(|&batch| batch < samples)
                .map(|batch| (batch, samples));
            progress.diagnosis =
                watch.observe(progress.loss, progress.accuracy, self.dead_relus, batch);
            losses.push(progress.loss);
            data_losses.push(progress.data_loss);
            held_out_losses.extend(progress.held_out.map(|score| score.loss));
            let checked =
                progress.step.is_multiple_of(every.max(1)) || progress.step == self.config.steps;
            // However large `every` is, the first line comes within about a
            // second, so a long run shows at once that it is running.
            let first_due =
                !shown_any && (self.clock)().saturating_sub(started) >= FIRST_LINE_AFTER;
            if checked || progress.diagnosis.is_some() || first_due {
                on_progress(&progress);
                shown_any = true;
            }
            if let (true, Some(patience), Some(score)) = (checked, &mut patience, progress.held_out)
            {
                if patience.improves(score.loss) {
                    best_weights = Some(self.parameter_values());
                }
                early_stop = patience.observe(progress.step, score.loss);
                if early_stop.is_some() {
                    break;
                }
            }
            self.update(k);
        }
        if let (Some(_), Some(weights)) = (early_stop, &best_weights) {
            let pairs: Vec<(NodeId, f64)> = self
                .params
                .iter()
                .copied()
                .zip(weights.iter().copied())
                .collect();
            // The parameters are this graph's leaves, so this cannot fail.
            let _ = self.graph.set_data_many(&pairs);
        }
        let (final_loss, accuracy, tally) = self.evaluate_parts();
        Summary {
            steps_done: losses.len(),
            stopped,
            losses,
            data_losses,
            final_loss,
            final_penalty: tally.penalty,
            final_data_loss: tally.data_loss,
            accuracy,
            held_out_losses,
            held_out: self.evaluate_held_out(),
            early_stop,
            test: self.evaluate_test(),
            seconds: (self.clock)().saturating_sub(started).as_secs_f64(),
        }
    }

    /// The accuracy of always guessing the most common class (`None` for
    /// regression).
    fn chance(&self) -> Option<f64> {
        if self.data.task() == Task::Regress || self.data.is_empty() {
            return None;
        }
        let mut counts = vec![0usize; self.data.classes];
        for &label in &self.data.labels {
            counts[label] += 1;
        }
        let most = counts.into_iter().max().unwrap_or(0);
        Some(most as f64 / self.data.len() as f64)
    }
}

/// `data`'s inputs as constants of `graph`, standardised by `scaling`.
fn scaled_inputs(graph: &mut Graph, data: &Dataset, scaling: Option<&Scaling>) -> Vec<Vec<NodeId>> {
    match scaling {
        Some(scaling) => constant_inputs(graph, &scaling.applied_to(data)),
        None => constant_inputs(graph, data),
    }
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
