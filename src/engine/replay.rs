//! Replaying a recorded stretch of the graph with new leaf values: the
//! training loop's tape, built once and then re-run every step.
//!
//! A training step builds the same nodes every time (same ops, same
//! operands, new parameter values). [`Graph::record`] notes, once, which
//! nodes the root depends on; [`Graph::replay_forward`] recomputes the
//! recorded nodes' values from the leaves' current ones, in creation order,
//! with the very forward rule `apply` used; [`Graph::replay_backward`] runs
//! backward's reverse scan over just those nodes, each passing its share on
//! through the one accumulating function backward uses, in the same
//! order, so every leaf receives bit for bit the gradient a rebuilt graph
//! would give it. What a replay skips is the building (the network code,
//! the pushes) and backward's bookkeeping for nodes nobody reads: the
//! recorded nodes' own gradients and states are not written, only the
//! leaves'.

use super::backward::spread_to_inputs;
use super::graph::{GradState, Graph, NodeId};
use super::op::Op;
use super::pages::fill_zeroed;

/// A stretch of nodes, `start..=root`, recorded for replay (see the module
/// doc). Valid while the graph keeps those nodes as they were.
#[derive(Clone, Debug)]
pub struct Recording {
    start: usize,
    root: NodeId,
    /// Computed nodes the root depends on, highest id first.
    computed: Vec<NodeId>,
    /// Whether the root depends on each node `0..=root`.
    reached: Vec<bool>,
    /// Leaves the root depends on, highest id first.
    leaves: Vec<NodeId>,
}

impl Recording {
    /// The recorded root.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The leaves the root depends on: the only nodes whose gradients
    /// [`Graph::replay_backward`] writes.
    pub fn leaves(&self) -> &[NodeId] {
        &self.leaves
    }

    /// One past the last recorded node: where nodes built after the
    /// recording begin.
    pub fn end(&self) -> usize {
        self.root.index() + 1
    }
}

impl Graph {
    /// Records the nodes from `start` to `root` for replay. Nodes before
    /// `start` are taken as inputs (their values are read, never
    /// recomputed).
    pub fn record(&self, start: usize, root: NodeId) -> Recording {
        let reached = self.ancestors(root);
        let mut computed = Vec::new();
        let mut leaves = Vec::new();
        for i in (0..reached.len()).rev().filter(|&i| reached[i]) {
            let id = NodeId(i as u32);
            match self.op(id) {
                Op::Const => {}
                Op::Leaf => leaves.push(id),
                _ => computed.push(id),
            }
        }
        Recording {
            start,
            root,
            computed,
            leaves,
            reached,
        }
    }

    /// Recomputes every recorded node's value from the current values
    /// before it (one forward scan in creation order).
    pub fn replay_forward(&mut self, recording: &Recording) {
        self.recompute_range(recording.start, recording.end());
    }

    /// Adds `∂root/∂leaf` to every leaf the root depends on, exactly as
    /// [`Graph::backward`] from the root would (its gradients and states
    /// are the leaves'; the recorded nodes' own are left as they were).
    pub fn replay_backward(&mut self, recording: &Recording) {
        let n = recording.end();
        self.grow_grads(n);
        let (mut scratch, marks) = self.take_scratch();
        fill_zeroed(&mut scratch, n, 0.0);
        let (ops, data, grad, state) = self.parts_mut(n);
        let grads = &mut scratch[..n];
        grads[recording.root.index()] = 1.0;
        // A node whose upstream gradient is zero gives its operands only
        // zeros when its slopes are finite, and adding a zero changes no
        // sum (each starts at +0, so none is -0): such a node is skipped.
        // Once a network classifies a sample past the hinge's margin, that
        // sample's whole subgraph has a zero upstream. An infinite or NaN
        // value anywhere can make a slope infinite (0 × inf is NaN), so
        // then nothing is skipped.
        if all_finite(data) {
            // Every node from the root down, in the arena's own order (no
            // list to follow): one the root does not reach never receives
            // a share, so its upstream is zero and it is skipped too; an op
            // whose slope can be infinite even so (`1/x` at a tiny x) is
            // passed only where the root reaches it, as backward would.
            let reached = &recording.reached[..n];
            for i in (recording.start..n).rev() {
                let (op, upstream) = (ops[i], grads[i]);
                if upstream == 0.0 && (op.finite_slopes() || !reached[i]) {
                    continue;
                }
                spread_to_inputs(op, data, i, upstream, grads, |_, _, _, _| {});
            }
        } else {
            for &node in &recording.computed {
                let i = node.index();
                spread_to_inputs(ops[i], data, i, grads[i], grads, |_, _, _, _| {});
            }
        }
        for &leaf in &recording.leaves {
            grad[leaf.index()] += grads[leaf.index()];
            state[leaf.index()] = GradState::Fresh;
        }
        self.return_scratch(scratch, marks);
    }
}

/// True when no value is infinite or NaN. Checked block by block without
/// a branch per value, so the compiler checks several values at once.
fn all_finite(values: &[f64]) -> bool {
    values.chunks(256).all(|block| {
        block
            .iter()
            .fold(true, |all, value| all & value.is_finite())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small step graph over `w`: constants, fan-out, a blocked relu.
    fn step_graph(g: &mut Graph, w: NodeId, v: NodeId) -> NodeId {
        let k = g.constant(-0.5);
        let a = g.mul(w, k);
        let b = g.tanh(a);
        let c = g.mul(b, v);
        let d = g.relu(c);
        let e = g.add(d, b);
        let f = g.mul(e, w);
        g.add(f, a)
    }

    #[test]
    fn replay_gives_the_bits_of_a_rebuilt_graph() {
        replays_as_rebuilt(step_graph, &[(0.3, -1.7), (1.9, 2.2), (-0.4, 0.0)]);
    }

    /// A relu blocked by an infinite operand leaves the product before it
    /// a zero upstream and an infinite slope: a rebuilt graph gives that
    /// operand NaN, so replay must not skip it.
    #[test]
    fn a_zero_upstream_is_skipped_only_where_all_values_are_finite() {
        replays_as_rebuilt(
            step_graph,
            &[
                (1.9, f64::INFINITY),
                (1.9, 2.2),
                (f64::NAN, 1.0),
                (-0.4, f64::NEG_INFINITY),
                (1e308, 1e308),
            ],
        );
    }

    /// `sqrt(w·0)` has a finite value and an infinite slope: where the
    /// root reaches it with a zero upstream (relu(v) blocked, v < 0) a
    /// rebuilt graph passes NaN on, so replay must too; the copy the root
    /// does not read passes nothing, in a rebuilt graph and in a replay.
    /// `w / wv` at w = 1e-300 has the infinite slope `-w/wv²` too, unread.
    fn infinite_slopes_graph(g: &mut Graph, w: NodeId, v: NodeId) -> NodeId {
        let zero = g.constant(0.0);
        let z = g.mul(w, zero);
        let _unread = g.sqrt(z);
        let s = g.sqrt(z);
        let r = g.relu(v);
        let blocked = g.mul(r, s);
        let wv = g.mul(w, v);
        let _unread_too = g.div(w, wv);
        g.add(wv, blocked)
    }

    #[test]
    fn an_infinite_slope_passes_on_where_the_root_reaches_it_and_only_there() {
        let rebuilt = |w: f64, v: f64| {
            let mut g = Graph::new();
            let (w, v) = (g.leaf(w), g.leaf(v));
            let root = infinite_slopes_graph(&mut g, w, v);
            g.backward(root);
            (g.grad(w), g.grad(v))
        };
        // w's gradient is NaN (0 × inf through `w·0`), v's is finite: an
        // unread node's infinite slope must not reach it.
        for (w, v) in [(0.3, -1.7), (1e-300, 2.0)] {
            let (dw, dv) = rebuilt(w, v);
            assert!(dw.is_nan() && dv == w, "{dw} {dv}");
        }
        replays_as_rebuilt(
            infinite_slopes_graph,
            &[(0.3, -1.7), (1e-300, 2.0), (0.5, 0.0), (-2.0, -1e-320)],
        );
    }

    /// Replays `build`'s graph with each pair of leaf values and checks
    /// every value and gradient against a graph built anew, bit for bit.
    fn replays_as_rebuilt(build: fn(&mut Graph, NodeId, NodeId) -> NodeId, steps: &[(f64, f64)]) {
        let mut replayed = Graph::new();
        let w = replayed.leaf(0.3);
        let v = replayed.leaf(-1.7);
        let start = replayed.len();
        let root = build(&mut replayed, w, v);
        let recording = replayed.record(start, root);
        for (step, (wv, vv)) in steps.iter().enumerate() {
            let mut rebuilt = Graph::new();
            let (w2, v2) = (rebuilt.leaf(*wv), rebuilt.leaf(*vv));
            let root2 = build(&mut rebuilt, w2, v2);
            rebuilt.backward(root2);
            replayed.set_data_raw(w, *wv);
            replayed.set_data_raw(v, *vv);
            replayed.replay_forward(&recording);
            replayed.replay_backward(&recording);
            assert_eq!(
                replayed.value(root).to_bits(),
                rebuilt.value(root2).to_bits()
            );
            for (mine, theirs) in [(w, w2), (v, v2)] {
                assert_eq!(
                    replayed.grad(mine).to_bits(),
                    rebuilt.grad(theirs).to_bits(),
                    "step {step}"
                );
                assert_eq!(replayed.grad_state(mine), GradState::Fresh);
            }
            replayed.zero_all_grads();
        }
    }
}
