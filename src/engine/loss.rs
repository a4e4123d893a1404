//! Loss functions and regularisation penalties built from graph nodes, so
//! `backward` on a loss reaches every weight. Each loss is written the way
//! it is taught; the numerically delicate ones (cross-entropy on logits) use
//! the stable rearrangements of PyTorch's `BCEWithLogitsLoss` and
//! `log-sum-exp`, which change no value or gradient, only rounding.

use super::{Graph, NodeId};

/// Which loss compares a network's outputs with a class label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Mean squared error against targets ±1.
    Mse,
    /// The SVM "max-margin" loss `relu(1 − y·score)` with `y = ±1`, as in
    /// micrograd's demo.
    Hinge,
    /// Binary cross-entropy on a logit, target 0 or 1.
    Bce,
    /// Softmax cross-entropy over one logit per class.
    CrossEntropy,
}

impl Loss {
    /// Every loss, with the name used on the command line and in the REPL.
    pub const ALL: [(&'static str, Loss); 4] = [
        ("hinge", Loss::Hinge),
        ("mse", Loss::Mse),
        ("bce", Loss::Bce),
        ("ce", Loss::CrossEntropy),
    ];

    /// Parses `hinge`, `mse`, `bce` or `ce`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, l)| l)
    }

    /// The name as typed.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("?", |&(n, _)| n)
    }

    /// The usual loss for `classes` classes: hinge (micrograd's demo) for
    /// two, softmax cross-entropy for more, mean squared error for 0 (a
    /// number to predict).
    pub fn default_for(classes: usize) -> Self {
        if classes == 0 {
            Loss::Mse // a number to predict (regression)
        } else if classes > 2 {
            Loss::CrossEntropy
        } else {
            Loss::Hinge
        }
    }

    /// How many outputs the network needs for `classes` classes.
    pub fn outputs_for(self, classes: usize) -> usize {
        match self {
            Loss::CrossEntropy => classes,
            _ => 1,
        }
    }

    /// True when this loss can learn `classes` classes (the binary losses
    /// need exactly two).
    pub fn supports(self, classes: usize) -> bool {
        self == Loss::CrossEntropy || classes == 2
    }

    /// This loss for one sample whose outputs are `outputs` and whose class
    /// is `class` (0 or 1 for the binary losses).
    pub fn sample_loss(self, graph: &mut Graph, outputs: &[NodeId], class: usize) -> NodeId {
        let sign = if class == 1 { 1.0 } else { -1.0 };
        match self {
            Loss::Mse => squared_error(graph, outputs[0], sign),
            Loss::Hinge => hinge(graph, outputs[0], sign),
            Loss::Bce => bce_with_logits(graph, outputs[0], class as f64),
            Loss::CrossEntropy => softmax_cross_entropy(graph, outputs, class),
        }
    }

    /// The class the outputs predict: the sign of the score (or logit) for
    /// binary losses, the largest logit for cross-entropy.
    pub fn predict(self, outputs: &[f64]) -> usize {
        match self {
            Loss::CrossEntropy => argmax(outputs),
            _ => usize::from(outputs[0] > 0.0),
        }
    }
}

fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// `(score − target)²`.
pub fn squared_error(graph: &mut Graph, score: NodeId, target: f64) -> NodeId {
    let t = graph.constant(target);
    let diff = graph.sub(score, t);
    graph.mul(diff, diff)
}

/// `relu(1 − target·score)` for `target = ±1`: zero once the sample is on
/// the right side with a margin of 1.
pub fn hinge(graph: &mut Graph, score: NodeId, target: f64) -> NodeId {
    let minus_target = graph.constant(-target);
    let product = graph.mul(minus_target, score);
    let one = graph.constant(1.0);
    let margin = graph.add(one, product);
    graph.relu(margin)
}

/// `−[y·log σ(z) + (1−y)·log(1−σ(z))]` computed as
/// `relu(z) − z·y + log(1 + e^−|z|)`: equal in value and gradient
/// (`σ(z) − y`), but never takes the log of 0 or overflows `exp`.
pub fn bce_with_logits(graph: &mut Graph, logit: NodeId, target: f64) -> NodeId {
    let positive_part = graph.relu(logit);
    let y = graph.constant(target);
    let zy = graph.mul(logit, y);
    let magnitude = graph.abs(logit);
    let negated = graph.neg(magnitude);
    let tail = graph.exp(negated);
    let one = graph.constant(1.0);
    let inside = graph.add(one, tail);
    let softplus_tail = graph.log(inside);
    let linear = graph.sub(positive_part, zy);
    graph.add(linear, softplus_tail)
}

/// `−log softmax(logits)[class] = log Σ e^zᵢ − z_class`, with the largest
/// logit subtracted inside the sum (as a constant: the shift cancels
/// exactly, so gradients are unchanged) so `exp` never overflows.
pub fn softmax_cross_entropy(graph: &mut Graph, logits: &[NodeId], class: usize) -> NodeId {
    let shift = logits
        .iter()
        .map(|&z| graph.value(z))
        .fold(f64::NEG_INFINITY, f64::max);
    let shift = if shift.is_finite() { shift } else { 0.0 };
    let shift_node = graph.constant(shift);
    let exps: Vec<NodeId> = logits
        .iter()
        .map(|&z| {
            let shifted = graph.sub(z, shift_node);
            graph.exp(shifted)
        })
        .collect();
    let total = graph.sum(&exps);
    let log_total = graph.log(total);
    let log_sum_exp = graph.add(log_total, shift_node);
    graph.sub(log_sum_exp, logits[class])
}

/// `scale · Σ terms` — a mean when `scale = 1/n`.
pub fn scaled_sum(graph: &mut Graph, terms: &[NodeId], scale: f64) -> NodeId {
    let total = graph.sum(terms);
    let factor = graph.constant(scale);
    graph.mul(total, factor)
}

/// The L2 penalty `λ · Σ p²` (weight decay), as micrograd's demo adds it.
pub fn l2_penalty(graph: &mut Graph, params: &[NodeId], lambda: f64) -> NodeId {
    let squares: Vec<NodeId> = params.iter().map(|&p| graph.mul(p, p)).collect();
    scaled_sum(graph, &squares, lambda)
}

/// The L1 penalty `λ · Σ |p|`, which pushes weights to exactly zero.
pub fn l1_penalty(graph: &mut Graph, params: &[NodeId], lambda: f64) -> NodeId {
    let magnitudes: Vec<NodeId> = params.iter().map(|&p| graph.abs(p)).collect();
    scaled_sum(graph, &magnitudes, lambda)
}
