//! The training step's graph kept between steps and replayed.
//!
//! When every step builds the same graph (the whole data set each step, one
//! micro-batch, no dropout, and a loss whose shape does not depend on the
//! values), the first step's forward pass and loss stay in the arena after
//! its backward, recorded ([`crate::engine::Recording`]); every later step
//! writes the new parameter values, recomputes that tape forward and runs
//! backward over it ([`Graph::replay_forward`], [`Graph::replay_backward`]).
//! The numbers are the ones a rebuilt graph gives, bit for bit (the same
//! ops over the same operands in the same order; `tests/bit_identity.rs`
//! holds `micrograd train --json` to stored loss curves); the network code
//! and the node pushes run once instead of every step.
//!
//! Softmax cross-entropy is rebuilt every step: it shifts the logits by
//! their largest value, a constant taken from the values when it is built.
//! Nodes built for evaluations go after the tape and are dropped back to
//! its end.

use crate::engine::loss::Loss;
use crate::engine::{Graph, NodeId, Recording};

use super::build::{tally_of, LossSpec, Probes, Tally, Targets};
use super::TrainConfig;

/// A recorded full-batch step: the loss graph, the nodes its tally reads,
/// and the hidden ReLU outputs watched for dead units.
pub(super) struct StepTape {
    pub recording: Recording,
    pub probes: Probes,
    /// `(unit, node)`: the output node of each hidden ReLU unit, per sample.
    pub watched: Vec<(usize, NodeId)>,
}

impl StepTape {
    /// One past the tape's last node: where evaluations build.
    pub fn end(&self) -> usize {
        self.recording.end()
    }

    /// Recomputes the tape on the current parameter values; returns the
    /// loss node and the tally, as building `spec`'s loss would.
    pub fn forward(&self, graph: &mut Graph, targets: Targets, spec: LossSpec) -> (NodeId, Tally) {
        graph.replay_forward(&self.recording);
        (
            self.recording.root(),
            tally_of(graph, targets, spec, &self.probes),
        )
    }
}

/// Whether every step of `config` over `samples` samples builds the same
/// graph, so the first can be replayed.
pub(super) fn steps_repeat(config: &TrainConfig, samples: usize) -> bool {
    config.batch.is_none_or(|batch| batch >= samples)
        && config.accumulate <= 1
        && config.dropout == 0.0
        && config.loss != Loss::CrossEntropy
}

#[cfg(test)]
mod tests {
    use super::super::{fresh_network, Trainer};
    use super::*;
    use crate::data;
    use crate::engine::nn::Activation;
    use crate::engine::GradState;

    /// After each update, replayed or not, no node of the arena holds a
    /// gradient: zeroing only the tape's leaves after a replay leaves the
    /// graph as zeroing all of it would.
    #[test]
    fn every_gradient_is_zero_after_each_update_replayed_or_not() {
        let data = data::builtin("moons", 20, 0.1, 3).unwrap();
        let config = TrainConfig::demo();
        let (graph, mlp) = fresh_network(&data, &[6], Activation::Relu, config.loss, 4);
        let mut trainer = Trainer::new(&graph, &mlp, &data, config);
        for k in 0..4 {
            trainer.step(k);
            assert_eq!(trainer.tape.is_some(), steps_repeat(&trainer.config, 20));
            assert_eq!(trainer.replayed, k > 0, "step {k}");
            let graph = &trainer.graph;
            for i in 0..graph.len() as u32 {
                let id = NodeId(i);
                assert_eq!(graph.grad(id).to_bits(), 0, "step {k}, node {i}");
                assert_eq!(graph.grad_state(id), GradState::Unset, "step {k}, node {i}");
            }
        }
    }
}
