//! The loss graph of a batch: each sample's forward pass and loss against
//! its target (a class, or a number for regression by mean squared error),
//! their mean, the penalties; and what is counted on the way: how many
//! were classified right, or the squared error that RMSE and R² are made
//! of, and the penalty's value apart from the data loss.

use crate::data::{Dataset, Task};
use crate::engine::loss::{self, Loss};
use crate::engine::nn::Mlp;
use crate::engine::{Graph, NodeId};

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

/// Called on each hidden layer's outputs of each sample (layer index from
/// 0); may replace them (dropout).
pub type HiddenHook<'h> = &'h mut dyn FnMut(&mut Graph, usize, &mut Vec<NodeId>);

/// Builds `Σ loss(sample) / divisor + l1·Σ|p| + l2·Σp²` in `graph`, with
/// `inputs[i]` the input nodes of sample `i`. Returns the root and what
/// the pass counted (right answers or squared error, the penalty).
pub fn build_loss(
    graph: &mut Graph,
    mlp: &Mlp,
    inputs: &[Vec<NodeId>],
    targets: Targets,
    spec: LossSpec,
) -> (NodeId, Tally) {
    let mut probes = Probes::default();
    build_loss_hooked(
        graph,
        mlp,
        inputs,
        targets,
        spec,
        &mut |_, _, _| {},
        &mut probes,
    )
}

/// The nodes a loss graph's tally was read from: each sample's outputs (in
/// the order of the samples) and the penalty terms (L2, then L1). Read
/// again by [`tally_of`] after the graph's values change, they give the
/// tally building the graph anew would count.
#[derive(Clone, Debug, Default)]
pub struct Probes {
    /// Each sample's output nodes, one after another.
    pub outputs: Vec<NodeId>,
    /// The penalty nodes, in the order they were added to the loss.
    pub penalties: Vec<NodeId>,
    /// The loss before the penalties are added (the data loss).
    pub data_loss: Option<NodeId>,
}

/// [`build_loss`] calling `hidden` on every hidden layer's outputs (only
/// when the network has no scaling of its own: the trainer's inputs are
/// standardised already), noting in `probes` the nodes the tally reads.
pub fn build_loss_hooked(
    graph: &mut Graph,
    mlp: &Mlp,
    inputs: &[Vec<NodeId>],
    targets: Targets,
    spec: LossSpec,
    hidden: HiddenHook,
    probes: &mut Probes,
) -> (NodeId, Tally) {
    let mut terms = Vec::with_capacity(spec.samples.len());
    probes.outputs.clear();
    probes.penalties.clear();
    for &i in spec.samples {
        let outputs = match mlp.scaling {
            Some(_) => mlp.forward(graph, &inputs[i]),
            None => mlp.forward_layers(graph, &inputs[i], hidden),
        };
        terms.push(targets.sample_loss(graph, spec.loss, &outputs, i));
        probes.outputs.extend(&outputs);
    }
    let mut root = loss::scaled_sum(graph, &terms, 1.0 / spec.divisor as f64);
    probes.data_loss = Some(root);
    if spec.l2 > 0.0 {
        let penalty = loss::l2_penalty(graph, &mlp.parameters(), spec.l2);
        probes.penalties.push(penalty);
        root = graph.add(root, penalty);
    }
    if spec.l1 > 0.0 {
        let penalty = loss::l1_penalty(graph, &mlp.parameters(), spec.l1);
        probes.penalties.push(penalty);
        root = graph.add(root, penalty);
    }
    (root, tally_of(graph, targets, spec, probes))
}

/// What a loss graph counts (see [`Tally`]), read from the values of the
/// nodes `probes` names: per sample in `spec`'s order, then the penalties.
pub fn tally_of(graph: &Graph, targets: Targets, spec: LossSpec, probes: &Probes) -> Tally {
    let mut tally = Tally::default();
    let width = probes.outputs.len() / spec.samples.len().max(1);
    let mut values = Vec::with_capacity(width);
    for (&i, outputs) in spec.samples.iter().zip(probes.outputs.chunks(width.max(1))) {
        values.clear();
        values.extend(outputs.iter().map(|&o| graph.value(o)));
        tally += targets.scored(spec.loss, &values, i);
    }
    for &penalty in &probes.penalties {
        tally.penalty += graph.value(penalty);
    }
    tally.data_loss = probes.data_loss.map_or(0.0, |node| graph.value(node));
    tally
}

/// The targets of a data set's samples.
#[derive(Clone, Copy, Debug)]
pub enum Targets<'d> {
    /// The class of each sample.
    Classes(&'d [usize]),
    /// The number to predict for each sample.
    Values(&'d [f64]),
}

impl<'d> Targets<'d> {
    /// The targets `data` holds.
    pub fn of(data: &'d Dataset) -> Self {
        match data.task() {
            Task::Classify => Targets::Classes(&data.labels),
            Task::Regress => Targets::Values(&data.targets),
        }
    }

    /// Sample `i`'s loss for `outputs`: against its class, or the squared
    /// error against its number.
    pub(super) fn sample_loss(
        self,
        graph: &mut Graph,
        loss: Loss,
        outputs: &[NodeId],
        i: usize,
    ) -> NodeId {
        match self {
            Targets::Classes(labels) => loss.sample_loss(graph, outputs, labels[i]),
            Targets::Values(targets) => loss::squared_error(graph, outputs[0], targets[i]),
        }
    }

    /// How sample `i` scored with output values `values`: 1 or 0 right for
    /// a class, the squared error for a number.
    pub(super) fn scored(self, loss: Loss, values: &[f64], i: usize) -> Tally {
        match self {
            Targets::Classes(labels) => Tally {
                correct: usize::from(loss.predict(values) == labels[i]),
                ..Tally::default()
            },
            Targets::Values(targets) => {
                let error = values[0] - targets[i];
                Tally {
                    squared_error: error * error,
                    ..Tally::default()
                }
            }
        }
    }

    /// The score of `tally` over `samples`: the fraction right, or R²
    /// (1 − squared error / the targets' squared spread about their mean).
    pub fn score(self, samples: &[usize], tally: Tally) -> f64 {
        let n = samples.len().max(1) as f64;
        match self {
            Targets::Classes(_) => tally.correct as f64 / n,
            Targets::Values(targets) => {
                let mean = samples.iter().map(|&i| targets[i]).sum::<f64>() / n;
                let spread: f64 = samples
                    .iter()
                    .map(|&i| (targets[i] - mean) * (targets[i] - mean))
                    .sum();
                1.0 - tally.squared_error / spread
            }
        }
    }
}

/// What a pass over samples counted besides the loss.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Samples classified right.
    pub correct: usize,
    /// Sum of squared errors (regression).
    pub squared_error: f64,
    /// The value of the penalty terms in the loss.
    pub penalty: f64,
    /// The loss without the penalty terms (read from its own node: taken
    /// as the difference, a huge penalty would round it away).
    pub data_loss: f64,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.correct += other.correct;
        self.squared_error += other.squared_error;
        self.penalty += other.penalty;
        self.data_loss += other.data_loss;
    }
}
