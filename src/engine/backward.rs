//! Reverse-mode differentiation: the one backward pass of the crate.
//!
//! A pass is one reverse scan over the arena from the root down. Node `i`
//! is final when the scan reaches it (every node that reads it has a larger
//! id and went first), so the scan adds its gradient to what the node held
//! and passes `local × upstream` to its inputs in the same visit: no
//! reachability pre-pass, no accumulate pass afterwards. [`Graph::backward`]
//! runs the scan to the end; [`Graph::backward_steps`] runs the very same
//! scan one node at a time and says what each contribution was, for `:step`.

use super::graph::{GradState, Graph, NodeId};
use super::op::Op;
use super::pages::fill_zeroed;

/// What a backward pass found, for the REPL to teach from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackwardReport {
    /// How many nodes the root depends on (including itself).
    pub nodes_reached: usize,
    /// True when some of those nodes already held a non-zero gradient, so
    /// this pass added to old gradients instead of starting from zero.
    pub accumulated_onto_nonzero: bool,
}

/// One term of the chain rule, as a stepped pass performs it:
/// `input.grad += local × upstream`, giving `new_grad`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    /// The node passing its gradient back.
    pub node: NodeId,
    /// Which operand of `node` the input is (0 first).
    pub slot: usize,
    /// The operand receiving the contribution.
    pub input: NodeId,
    /// `∂node/∂input` at the current values.
    pub local: f64,
    /// This pass's gradient of `node` (final when it passes it back).
    pub upstream: f64,
    /// This pass's gradient of `input` after adding the contribution.
    pub new_grad: f64,
    /// Which use of `input` under the root this is (1 first)…
    pub use_number: u32,
    /// …out of how many: contributions add when it is used more than once.
    pub uses: u32,
}

/// One step of a stepped pass: a node passing its gradient to its inputs.
/// Constants are left out: no gradient flows into them.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The node whose gradient was passed back.
    pub node: NodeId,
    /// Its contributions, in operand order.
    pub contributions: Vec<Contribution>,
}

/// The scratch space and position of one pass.
struct Pass {
    /// This pass's gradient of every node up to the root.
    grads: Vec<f64>,
    /// Whether the root depends on each node (the root included).
    reached: Vec<bool>,
    /// Nodes with an index at or above this have been visited.
    next: usize,
    report: BackwardReport,
}

impl Graph {
    /// Reverse-mode differentiation from `root`: seeds `∂root/∂root = 1`,
    /// walks the nodes root depends on in reverse creation order, and
    /// **adds** this pass's gradients to what each node held (PyTorch
    /// semantics: a second call doubles every gradient, it does not feed old
    /// gradients back into the chain rule as micrograd's `_backward` does).
    pub fn backward(&mut self, root: NodeId) -> BackwardReport {
        let mut pass = self.begin_pass(root);
        self.visit(&mut pass, false, |_| {});
        self.end_pass(pass)
    }

    /// The same pass as [`Graph::backward`], one node at a time: each
    /// [`BackwardSteps::step`] passes one node's gradient to its inputs and
    /// says what it added. Run to the end it leaves bit for bit the
    /// gradients `backward` gives; stopped early ([`BackwardSteps::stop`]),
    /// the gradients are as far as the steps got.
    pub fn backward_steps(&mut self, root: NodeId) -> BackwardSteps<'_> {
        let reached = self.ancestors(root);
        let mut uses = vec![0u32; root.index() + 1];
        let mut total = 0;
        for (i, _) in reached.iter().enumerate().filter(|(_, &r)| r) {
            let inputs = self.op(NodeId(i as u32)).inputs();
            total += usize::from(!inputs.as_slice().is_empty());
            for input in inputs.as_slice() {
                uses[input.index()] += 1;
            }
        }
        let pass = self.begin_pass(root);
        BackwardSteps {
            graph: self,
            root,
            pass: Some(pass),
            received: vec![0; uses.len()],
            uses,
            total,
            done: 0,
        }
    }

    /// `∂root/∂of` from a pass that starts at zero, leaving this graph's
    /// gradients as they are (the pass runs on a copy).
    pub fn gradient_from_zero(&self, root: NodeId, of: NodeId) -> f64 {
        let mut copy = self.clone();
        copy.zero_grad(root);
        copy.backward(root);
        copy.grad(of)
    }

    /// Takes the scratch space, sized to the root, seeded with
    /// `∂root/∂root = 1`; grows the gradient vectors to cover the root.
    fn begin_pass(&mut self, root: NodeId) -> Pass {
        let n = root.index() + 1;
        self.grow_grads(n);
        let (mut grads, mut reached) = self.take_scratch();
        fill_zeroed(&mut grads, n, 0.0);
        fill_zeroed(&mut reached, n, false);
        grads[root.index()] = 1.0;
        reached[root.index()] = true;
        Pass {
            grads,
            reached,
            next: n,
            report: BackwardReport {
                nodes_reached: 0,
                accumulated_onto_nonzero: false,
            },
        }
    }

    fn end_pass(&mut self, pass: Pass) -> BackwardReport {
        self.return_scratch(pass.grads, pass.reached);
        pass.report
    }

    /// Visits nodes from the pass's position downward — the hot loop of
    /// every backward — telling `observe` each contribution. With
    /// `one_step` it returns after the first node that had inputs (that
    /// node); otherwise it runs to node 0 and returns `None`.
    #[inline(always)]
    fn visit(
        &mut self,
        pass: &mut Pass,
        one_step: bool,
        mut observe: impl FnMut(Contribution),
    ) -> Option<NodeId> {
        let n = pass.grads.len();
        let (ops, data, grad, state) = self.parts_mut(n);
        let (grads, reached) = (&mut pass.grads[..n], &mut pass.reached[..n]);
        while pass.next > 0 {
            pass.next -= 1;
            let i = pass.next;
            let op = ops[i];
            if !reached[i] || matches!(op, Op::Const) {
                continue;
            }
            let upstream = grads[i];
            pass.report.nodes_reached += 1;
            pass.report.accumulated_onto_nonzero |= grad[i] != 0.0;
            grad[i] += upstream;
            state[i] = GradState::Fresh;
            if matches!(op, Op::Leaf) {
                continue;
            }
            let node = NodeId(i as u32);
            spread_to_inputs(
                op,
                data,
                i,
                upstream,
                grads,
                |slot, input, local, new_grad| {
                    reached[input.index()] = true;
                    observe(Contribution {
                        node,
                        slot,
                        input,
                        local,
                        upstream,
                        new_grad,
                        use_number: 0,
                        uses: 0,
                    });
                },
            );
            if one_step {
                return Some(node);
            }
        }
        None
    }
}

/// Adds node `i`'s share of `upstream` to each of its inputs' gradients in
/// `grads`, then tells `added` (slot, input, local partial, the input's new
/// gradient). The only place in the crate where a gradient accumulates over
/// a node's inputs: [`Graph::backward`], its step-by-step form and the
/// training replay all call it. A constant's slot is filled like any other
/// and never read.
#[inline(always)]
pub(super) fn spread_to_inputs(
    op: Op,
    data: &[f64],
    i: usize,
    upstream: f64,
    grads: &mut [f64],
    mut added: impl FnMut(usize, NodeId, f64, f64),
) {
    op.for_each_partial(data, data[i], upstream, |slot, input, local, share| {
        let j = input.index();
        grads[j] += share;
        added(slot, input, local, grads[j]);
    });
}

/// A backward pass in progress, one node per [`BackwardSteps::step`]; see
/// [`Graph::backward_steps`].
pub struct BackwardSteps<'g> {
    graph: &'g mut Graph,
    root: NodeId,
    /// `None` once the pass is finished or stopped.
    pass: Option<Pass>,
    /// How many times each node is an operand of a node under the root.
    uses: Vec<u32>,
    /// How many of those uses have passed their contribution back so far.
    received: Vec<u32>,
    total: usize,
    done: usize,
}

impl BackwardSteps<'_> {
    /// The graph being differentiated (read-only while the pass runs).
    pub fn graph(&self) -> &Graph {
        self.graph
    }

    /// The root the pass started from.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// How many steps the whole pass takes (one per node with inputs).
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many steps are done.
    pub fn done(&self) -> usize {
        self.done
    }

    /// True when every step is done.
    pub fn is_finished(&self) -> bool {
        self.done >= self.total
    }

    /// Passes the next node's gradient to its inputs; `None` when no step
    /// is left.
    pub fn step(&mut self) -> Option<Step> {
        let pass = self.pass.as_mut()?;
        let graph = &mut *self.graph;
        let (uses, received) = (&self.uses, &mut self.received);
        let mut contributions = Vec::new();
        let node = graph.visit(pass, true, |c| contributions.push(c))?;
        contributions.retain(|c| graph.op(c.input) != Op::Const);
        for c in &mut contributions {
            received[c.input.index()] += 1;
            c.use_number = received[c.input.index()];
            c.uses = uses[c.input.index()];
        }
        self.done += 1;
        Some(Step {
            node,
            contributions,
        })
    }

    /// Does every remaining step at backward's speed, without reporting
    /// them; the gradients end as `backward` leaves them. Afterwards
    /// [`BackwardSteps::step`] has nothing left to do.
    pub fn finish(&mut self) -> BackwardReport {
        self.done = self.total;
        match self.pass.take() {
            Some(mut pass) => {
                self.graph.visit(&mut pass, false, |_| {});
                self.graph.end_pass(pass)
            }
            None => BackwardReport {
                nodes_reached: 0,
                accumulated_onto_nonzero: false,
            },
        }
    }

    /// Ends the pass where it is. Gradients the scan has not reached yet
    /// receive what they have so far: final (fresh) once every use of the
    /// node has passed its share back, [`GradState::Partial`] when some
    /// have and some have not. Returns how many are left partial.
    pub fn stop(mut self) -> usize {
        let Some(pass) = self.pass.take() else {
            return 0;
        };
        let mut partial = 0;
        let (ops, _, grad, state) = self.graph.parts_mut(pass.grads.len());
        for i in (0..pass.next).filter(|&i| pass.reached[i] && ops[i] != Op::Const) {
            let complete = self.received[i] == self.uses[i];
            partial += usize::from(!complete);
            grad[i] += pass.grads[i];
            state[i] = if complete {
                GradState::Fresh
            } else {
                GradState::Partial
            };
        }
        self.graph.end_pass(pass);
        partial
    }
}
