//! The arena (tape) that holds every node of a session.
//!
//! Nodes live in parallel vectors indexed by [`NodeId`]. A node can only be
//! built from nodes that already exist, so creation order is a topological
//! order: backward is one reverse scan and recomputing after a nudge is one
//! forward scan. Nothing here recurses, so a ten-million-node chain neither
//! overflows the stack while differentiating nor while being dropped.

use std::collections::HashMap;

use super::op::Op;
use super::pages::{advise_huge_pages, fill_zeroed, reserve_total};

/// A handle to one node of a [`Graph`]. Ids are dense and ordered by
/// creation: an input always has a smaller id than the node that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The id as an index into the graph's vectors.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Whether a node's gradient reflects the current values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradState {
    /// No backward pass has reached the node since it was made or zeroed.
    Unset,
    /// Computed by a backward pass over the current values.
    Fresh,
    /// Computed before a leaf it depends on (or that depends on it) changed.
    Stale,
    /// Still waiting for contributions: a stepped backward (`:step`) was
    /// stopped before every use of the node had passed its share back.
    Partial,
}

/// Error for operations that only make sense on some nodes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    /// `x.data = v` on a node computed from others.
    #[error("node {0:?} is computed from other nodes; only a leaf's value can be set")]
    NotALeaf(NodeId),
}

/// The arena of nodes: operations, values, gradients, labels.
///
/// Building a node pushes only its op and value; the gradient vectors grow
/// when a backward pass reaches past their end (a node beyond them has
/// gradient 0, state unset), so a forward-only graph never pays for them.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    ops: Vec<Op>,
    data: Vec<f64>,
    grad: Vec<f64>,
    grad_state: Vec<GradState>,
    labels: HashMap<NodeId, String>,
    /// Reused between backward passes so a training loop does not allocate.
    scratch_grad: Vec<f64>,
    scratch_mark: Vec<bool>,
    /// How many nodes the last [`Graph::compact`] kept (0 before any).
    kept_at_compaction: usize,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for `nodes` nodes, built and differentiated,
    /// before reallocating.
    pub fn with_capacity(nodes: usize) -> Self {
        let mut graph = Self::default();
        graph.set_capacity(nodes);
        graph
    }

    /// Makes room for exactly `nodes` nodes (never less than the current
    /// length), so a training loop that knows its step's size holds no
    /// doubling slack. The gradient columns and backward's scratch are
    /// sized with the nodes' own, all before any of them is written: the
    /// untouched room costs address space only, and laid out side by side
    /// and advised together the columns are backed by huge pages across
    /// their boundaries too (see `pages`).
    pub fn set_capacity(&mut self, nodes: usize) {
        let nodes = nodes.max(self.len());
        fit_capacity(&mut self.ops, nodes);
        fit_capacity(&mut self.data, nodes);
        fit_capacity(&mut self.grad, nodes);
        fit_capacity(&mut self.grad_state, nodes);
        fit_capacity(&mut self.scratch_grad, nodes);
        fit_capacity(&mut self.scratch_mark, nodes);
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// True when the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Bytes a differentiated node costs: op, value, gradient and state,
    /// plus a backward pass's scratch (this pass's gradient and reach mark).
    pub fn bytes_per_node(&self) -> usize {
        std::mem::size_of::<Op>()
            + 3 * std::mem::size_of::<f64>()
            + std::mem::size_of::<GradState>()
            + std::mem::size_of::<bool>()
    }

    /// Bytes of graph memory held now, scratch space included.
    pub fn heap_bytes(&self) -> usize {
        self.ops.capacity() * std::mem::size_of::<Op>()
            + (self.data.capacity() + self.grad.capacity() + self.scratch_grad.capacity()) * 8
            + self.grad_state.capacity()
            + self.scratch_mark.capacity()
    }

    /// A new variable leaf holding `value`.
    #[inline]
    pub fn leaf(&mut self, value: f64) -> NodeId {
        self.push(Op::Leaf, value)
    }

    /// A new literal constant: has a value, never receives a gradient.
    #[inline]
    pub fn constant(&mut self, value: f64) -> NodeId {
        self.push(Op::Const, value)
    }

    /// A new node computing `op` from existing nodes; its value is computed
    /// now. Panics if an input id does not exist (a bug in the caller, never
    /// reachable from user input, which only holds ids the graph handed out).
    #[inline]
    pub fn apply(&mut self, op: Op) -> NodeId {
        let value = self.forward_value(op);
        self.push(op, value)
    }

    /// Appends a node. `forward_value` read every input's value first, so
    /// every input id is below the new id: the invariant backward's single
    /// reverse scan relies on.
    #[inline]
    fn push(&mut self, op: Op, value: f64) -> NodeId {
        assert!(self.ops.len() < u32::MAX as usize, "graph is full");
        let id = NodeId(self.ops.len() as u32);
        if self.ops.len() == self.ops.capacity() || self.data.len() == self.data.capacity() {
            self.grow_nodes();
        }
        self.ops.push(op);
        self.data.push(value);
        id
    }

    /// Doubles the node columns' room (huge pages advised), so `push`
    /// never lets `Vec` grow them behind the advice's back.
    #[cold]
    #[inline(never)]
    fn grow_nodes(&mut self) {
        let nodes = self.ops.len() + 1;
        reserve_total(&mut self.ops, nodes);
        reserve_total(&mut self.data, nodes);
    }

    #[inline]
    fn forward_value(&self, op: Op) -> f64 {
        let (x, y) = self.operand_values(op);
        op.forward(x, y)
    }

    /// The values of an op's first and second operands (0 when absent).
    #[inline]
    pub fn operand_values(&self, op: Op) -> (f64, f64) {
        let inputs = op.inputs();
        let ids = inputs.as_slice();
        let x = ids.first().map_or(0.0, |id| self.data[id.index()]);
        let y = ids.get(1).map_or(0.0, |id| self.data[id.index()]);
        (x, y)
    }

    /// The op of a node.
    #[inline]
    pub fn op(&self, id: NodeId) -> Op {
        self.ops[id.index()]
    }

    /// The value of a node.
    #[inline]
    pub fn value(&self, id: NodeId) -> f64 {
        self.data[id.index()]
    }

    /// The gradient of a node (0 until a backward pass reaches it).
    #[inline]
    pub fn grad(&self, id: NodeId) -> f64 {
        self.grad.get(id.index()).copied().unwrap_or(0.0)
    }

    /// Whether a node's gradient is unset, fresh, stale or partial.
    pub fn grad_state(&self, id: NodeId) -> GradState {
        self.grad_state
            .get(id.index())
            .copied()
            .unwrap_or(GradState::Unset)
    }

    /// Overwrites a node's gradient. Used by optimizers' tests and by the
    /// gradient check's own tests to corrupt a gradient on purpose.
    pub fn set_grad(&mut self, id: NodeId, grad: f64) {
        self.grow_grads(id.index() + 1);
        self.grad[id.index()] = grad;
    }

    /// A gradient the learner sets (`p.grad = 0.0`, as the lecture zeroes
    /// them): 0 makes it unset, as `zero_grad` does, so no view calls it
    /// stale and the next backward starts from it without a warning; any
    /// other number is taken as given (fresh).
    pub fn assign_grad(&mut self, id: NodeId, grad: f64) {
        self.set_grad(id, grad);
        self.grad_state[id.index()] = if grad == 0.0 {
            GradState::Unset
        } else {
            GradState::Fresh
        };
    }

    /// Grows the gradient vectors to cover the first `nodes` nodes.
    pub(super) fn grow_grads(&mut self, nodes: usize) {
        if self.grad.len() >= nodes {
            return;
        }
        if self.grad.is_empty() {
            // Nothing to keep: fresh zeroed memory, written only once.
            fill_zeroed(&mut self.grad, nodes, 0.0);
        } else {
            reserve_total(&mut self.grad, nodes);
            self.grad.resize(nodes, 0.0);
        }
        reserve_total(&mut self.grad_state, nodes);
        self.grad_state.resize(nodes, GradState::Unset);
    }

    /// The first `n` nodes' ops and values to read and gradients and states
    /// to write, for backward's scan (the gradients already grown to `n`).
    #[inline]
    pub(super) fn parts_mut(&mut self, n: usize) -> (&[Op], &[f64], &mut [f64], &mut [GradState]) {
        (
            &self.ops[..n],
            &self.data[..n],
            &mut self.grad[..n],
            &mut self.grad_state[..n],
        )
    }

    /// How many nodes the last compaction kept (0 if none ran): a caller
    /// compacting when the graph has grown a few times past it pays for
    /// each compaction with the growth since the last.
    pub fn kept_at_compaction(&self) -> usize {
        self.kept_at_compaction
    }

    /// Every column of the arena, for compaction to renumber in place.
    pub(super) fn columns_mut(&mut self) -> Columns<'_> {
        Columns {
            ops: &mut self.ops,
            data: &mut self.data,
            grad: &mut self.grad,
            grad_state: &mut self.grad_state,
            labels: &mut self.labels,
            kept_at_compaction: &mut self.kept_at_compaction,
        }
    }

    /// Lends the backward scratch vectors (their allocation is kept
    /// between passes, so a training loop does not allocate).
    pub(super) fn take_scratch(&mut self) -> (Vec<f64>, Vec<bool>) {
        (
            std::mem::take(&mut self.scratch_grad),
            std::mem::take(&mut self.scratch_mark),
        )
    }

    /// Gives the scratch vectors back after a pass.
    pub(super) fn return_scratch(&mut self, grads: Vec<f64>, reached: Vec<bool>) {
        self.scratch_grad = grads;
        self.scratch_mark = reached;
    }

    /// The local partial derivatives of a node with respect to its inputs
    /// (operand order), at the current values.
    pub fn partials(&self, id: NodeId) -> [f64; 2] {
        let op = self.op(id);
        let (x, y) = self.operand_values(op);
        op.partials(x, y, self.value(id))
    }

    /// The label of a node: the first name it was bound to, if any.
    pub fn label(&self, id: NodeId) -> Option<&str> {
        self.labels.get(&id).map(String::as_str)
    }

    /// How views name a node: its label, or `#id` when it has none.
    pub fn display_name(&self, id: NodeId) -> String {
        match self.label(id) {
            Some(label) => label.to_string(),
            None => format!("#{}", id.0),
        }
    }

    /// Gives a node a label unless it already has one (the first bound name
    /// wins, as in the lecture's `Value(..., label='a')`).
    pub fn label_if_unset(&mut self, id: NodeId, label: &str) {
        self.labels.entry(id).or_insert_with(|| label.to_string());
    }

    /// Turns an unlabelled constant into a variable leaf, for `x = 3` where
    /// the literal `3` becomes the learner's variable `x`.
    pub fn promote_to_leaf(&mut self, id: NodeId) {
        if self.ops[id.index()] == Op::Const {
            self.ops[id.index()] = Op::Leaf;
        }
    }

    /// Marks, for every node up to `root`, whether `root` depends on it
    /// (the root itself included). One reverse scan.
    pub fn ancestors(&self, root: NodeId) -> Vec<bool> {
        let mut mark = vec![false; root.index() + 1];
        mark_ancestors(&self.ops, root, &mut mark);
        mark
    }

    /// Marks, for every node, whether it is computed from `from` (`from`
    /// itself included). One forward scan from `from`: creation order is a
    /// topological order, so nothing made before `from` can use it.
    pub fn computed_from(&self, from: NodeId) -> Vec<bool> {
        let mut mark = vec![false; self.ops.len()];
        mark[from.index()] = true;
        for i in from.index() + 1..self.ops.len() {
            mark[i] = self.ops[i]
                .inputs()
                .as_slice()
                .iter()
                .any(|input| mark[input.index()]);
        }
        mark
    }

    /// The ids `root` depends on (itself included), in topological order.
    pub fn subgraph(&self, root: NodeId) -> Vec<NodeId> {
        self.ancestors(root)
            .iter()
            .enumerate()
            .filter(|(_, &m)| m)
            .map(|(i, _)| NodeId(i as u32))
            .collect()
    }

    /// Sets the gradient of every node `root` depends on back to zero.
    pub fn zero_grad(&mut self, root: NodeId) {
        let mark = self.ancestors(root);
        let held = self.grad.len();
        for (i, _) in mark.iter().enumerate().take(held).filter(|(_, &m)| m) {
            self.grad[i] = 0.0;
            self.grad_state[i] = GradState::Unset;
        }
    }

    /// Sets the gradients of `ids` back to zero (unset), leaving the rest.
    pub fn zero_grads(&mut self, ids: &[NodeId]) {
        for id in ids {
            if let Some(grad) = self.grad.get_mut(id.index()) {
                *grad = 0.0;
                self.grad_state[id.index()] = GradState::Unset;
            }
        }
    }

    /// Sets every gradient in the graph back to zero.
    pub fn zero_all_grads(&mut self) {
        self.grad.fill(0.0);
        self.grad_state.fill(GradState::Unset);
    }

    /// Changes a leaf's value and recomputes every node built from it (one
    /// forward scan). Gradients that depended on the old values are marked
    /// stale. Returns how many nodes were recomputed.
    pub fn set_data(&mut self, leaf: NodeId, value: f64) -> Result<usize, GraphError> {
        if !self.ops[leaf.index()].is_leaf_like() {
            return Err(GraphError::NotALeaf(leaf));
        }
        self.data[leaf.index()] = value;
        let dirty = self.recompute_downstream(&[leaf], self.len());
        let recomputed = dirty.iter().filter(|&&d| d).count() - 1;
        self.mark_stale(dirty);
        Ok(recomputed)
    }

    /// Changes several leaves at once (trained weights written back): like
    /// [`Graph::set_data`] on each, but with one forward scan for all of
    /// them. Returns how many non-leaf nodes were recomputed.
    pub fn set_data_many(&mut self, updates: &[(NodeId, f64)]) -> Result<usize, GraphError> {
        self.set_data_many_before(updates, self.len())
    }

    /// [`Graph::set_data_many`] for a caller that knows the nodes from
    /// `end` on were built from the new values already (a lazy update):
    /// only the nodes before `end` are recomputed and can be marked stale.
    pub fn set_data_many_before(
        &mut self,
        updates: &[(NodeId, f64)],
        end: usize,
    ) -> Result<usize, GraphError> {
        if let Some(&(id, _)) = updates
            .iter()
            .find(|(id, _)| !self.ops[id.index()].is_leaf_like())
        {
            return Err(GraphError::NotALeaf(id));
        }
        for &(leaf, value) in updates {
            self.data[leaf.index()] = value;
        }
        let leaves: Vec<NodeId> = updates.iter().map(|&(id, _)| id).collect();
        let dirty = self.recompute_downstream(&leaves, end.min(self.len()));
        let recomputed = dirty.iter().filter(|&&d| d).count() - leaves_count(&leaves);
        self.mark_stale(dirty);
        Ok(recomputed)
    }

    /// Sets a leaf's value and recomputes only the nodes up to `root`, leaving
    /// gradient states alone. For finite differences and optimizers, which
    /// set many values in a row.
    pub fn set_data_quiet(&mut self, leaf: NodeId, value: f64, root: NodeId) {
        self.data[leaf.index()] = value;
        if root >= leaf {
            self.recompute_downstream(&[leaf], root.index() + 1);
        }
    }

    /// Sets a leaf's value without recomputing anything; call
    /// [`Graph::recompute_all`] after a batch of such updates.
    #[inline]
    pub fn set_data_raw(&mut self, leaf: NodeId, value: f64) {
        self.data[leaf.index()] = value;
    }

    /// Recomputes every non-leaf value from its inputs, in creation order.
    pub fn recompute_all(&mut self) {
        self.recompute_range(0, self.len());
    }

    /// Recomputes every non-leaf value among nodes `start..end`, in
    /// creation order, with the forward rule they were built with.
    pub(super) fn recompute_range(&mut self, start: usize, end: usize) {
        let (ops, data) = (&self.ops[..end], &mut self.data[..end]);
        for i in start..end {
            let op = ops[i];
            // A neuron's adds and products are told apart by two plain
            // branches before the jump over every op: through the jump
            // alone, the loop's speed swung by 40 % with where the linker
            // happened to place it (the jump's prediction).
            let value = if let Op::Add(a, b) = op {
                op.forward(data[a.index()], data[b.index()])
            } else if let Op::Mul(a, b) = op {
                op.forward(data[a.index()], data[b.index()])
            } else if let Some(value) = op.forward_from(data) {
                value
            } else {
                continue;
            };
            data[i] = value;
        }
    }

    /// Recomputes the nodes before `end` that depend on any of `leaves`;
    /// returns the dirty marks (index `i` true when node `i` was changed).
    /// One forward scan: a node is dirty when either operand is (a unary
    /// op's operand is read twice), and only a dirty node is recomputed.
    fn recompute_downstream(&mut self, leaves: &[NodeId], end: usize) -> Vec<bool> {
        let Some(first) = leaves.iter().min() else {
            return vec![false; end];
        };
        let highest = leaves.iter().max().map_or(0, |id| id.index());
        let mut dirty = vec![false; end.max(highest + 1)];
        for leaf in leaves {
            dirty[leaf.index()] = true;
        }
        let end = end.min(self.ops.len());
        let (ops, data) = (&self.ops[..end], &mut self.data[..end]);
        for i in first.index() + 1..end {
            let op = ops[i];
            let Some((a, b)) = op.operand_pair() else {
                continue;
            };
            if dirty[a.index()] | dirty[b.index()] {
                dirty[i] = true;
                data[i] = op.forward(data[a.index()], data[b.index()]);
            }
        }
        dirty
    }

    /// A gradient is stale when its node feeds into, or is, a node whose value
    /// changed: every backward pass through such a node would now give
    /// different numbers. One reverse scan: a tainted node taints its
    /// operands (which come later in the scan) and turns fresh to stale.
    fn mark_stale(&mut self, mut tainted: Vec<bool>) {
        let held = self.grad_state.len().min(tainted.len());
        let (ops, states) = (&self.ops[..tainted.len()], &mut self.grad_state[..held]);
        for i in (0..tainted.len()).rev() {
            if !tainted[i] {
                continue;
            }
            if let Some((a, b)) = ops[i].operand_pair() {
                tainted[a.index()] = true;
                tainted[b.index()] = true;
            }
            if let Some(state @ GradState::Fresh) = states.get_mut(i) {
                *state = GradState::Stale;
            }
        }
    }

    /// Drops every node with id `>= len` — the tape pattern of a training
    /// loop: keep the parameters, throw away each step's forward graph.
    pub fn truncate(&mut self, len: usize) {
        self.ops.truncate(len);
        self.data.truncate(len);
        self.grad.truncate(len);
        self.grad_state.truncate(len);
        self.labels.retain(|id, _| id.index() < len);
    }
}

/// The arena's columns, borrowed together (see [`Graph::columns_mut`]).
pub(super) struct Columns<'g> {
    pub ops: &'g mut Vec<Op>,
    pub data: &'g mut Vec<f64>,
    pub grad: &'g mut Vec<f64>,
    pub grad_state: &'g mut Vec<GradState>,
    pub labels: &'g mut HashMap<NodeId, String>,
    pub kept_at_compaction: &'g mut usize,
}

/// How many different leaves a list names (a leaf may be listed twice).
fn leaves_count(leaves: &[NodeId]) -> usize {
    let mut distinct = leaves.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len()
}

fn fit_capacity<T>(vector: &mut Vec<T>, capacity: usize) {
    if vector.capacity() > capacity {
        vector.shrink_to(capacity);
    } else if vector.capacity() < capacity {
        vector.reserve_exact(capacity - vector.len());
        advise_huge_pages(vector);
    }
}

fn mark_ancestors(ops: &[Op], root: NodeId, mark: &mut [bool]) {
    mark[root.index()] = true;
    for i in (0..=root.index()).rev() {
        if mark[i] {
            for input in ops[i].inputs().as_slice() {
                mark[input.index()] = true;
            }
        }
    }
}
