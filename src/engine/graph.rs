//! The arena (tape) that holds every node of a session.
//!
//! Nodes live in parallel vectors indexed by [`NodeId`]. A node can only be
//! built from nodes that already exist, so creation order is a topological
//! order: backward is one reverse scan and recomputing after a nudge is one
//! forward scan. Nothing here recurses, so a ten-million-node chain neither
//! overflows the stack while differentiating nor while being dropped.

use std::collections::HashMap;

use super::op::Op;

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

/// What a backward pass found, for the REPL to teach from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackwardReport {
    /// How many nodes the root depends on (including itself).
    pub nodes_reached: usize,
    /// True when some of those nodes already held a non-zero gradient, so
    /// this pass added to old gradients instead of starting from zero.
    pub accumulated_onto_nonzero: bool,
}

/// Error for operations that only make sense on some nodes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    /// `x.data = v` on a node computed from others.
    #[error("node {0:?} is computed from other nodes; only a leaf's value can be set")]
    NotALeaf(NodeId),
}

/// The arena of nodes: operations, values, gradients, labels.
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
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for `nodes` nodes before reallocating.
    pub fn with_capacity(nodes: usize) -> Self {
        Graph {
            ops: Vec::with_capacity(nodes),
            data: Vec::with_capacity(nodes),
            grad: Vec::with_capacity(nodes),
            grad_state: Vec::with_capacity(nodes),
            ..Self::default()
        }
    }

    /// Makes room for exactly `nodes` nodes (never less than the current
    /// length), so a training loop that knows its step's size holds no
    /// doubling slack.
    pub fn set_capacity(&mut self, nodes: usize) {
        let nodes = nodes.max(self.len());
        fit_capacity(&mut self.ops, nodes);
        fit_capacity(&mut self.data, nodes);
        fit_capacity(&mut self.grad, nodes);
        fit_capacity(&mut self.grad_state, nodes);
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// True when the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Bytes held per node by the graph's own vectors (capacity, not length),
    /// excluding labels and the backward scratch space.
    pub fn bytes_per_node(&self) -> usize {
        std::mem::size_of::<Op>()
            + 2 * std::mem::size_of::<f64>()
            + std::mem::size_of::<GradState>()
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

    #[inline]
    fn push(&mut self, op: Op, value: f64) -> NodeId {
        assert!(self.ops.len() < u32::MAX as usize, "graph is full");
        let id = NodeId(self.ops.len() as u32);
        self.ops.push(op);
        self.data.push(value);
        self.grad.push(0.0);
        self.grad_state.push(GradState::Unset);
        id
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
        self.grad[id.index()]
    }

    /// Whether a node's gradient is unset, fresh or stale.
    pub fn grad_state(&self, id: NodeId) -> GradState {
        self.grad_state[id.index()]
    }

    /// Overwrites a node's gradient. Used by optimizers' tests and by the
    /// gradient check's own tests to corrupt a gradient on purpose.
    pub fn set_grad(&mut self, id: NodeId, grad: f64) {
        self.grad[id.index()] = grad;
    }

    /// Overwrites a node's gradient state. For stepped backward passes
    /// (`:step`), which write gradients one contribution at a time.
    pub fn set_grad_state(&mut self, id: NodeId, state: GradState) {
        self.grad_state[id.index()] = state;
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

    /// The ids `root` depends on (itself included), in topological order.
    pub fn subgraph(&self, root: NodeId) -> Vec<NodeId> {
        self.ancestors(root)
            .iter()
            .enumerate()
            .filter(|(_, &m)| m)
            .map(|(i, _)| NodeId(i as u32))
            .collect()
    }

    /// Reverse-mode differentiation from `root`: seeds `∂root/∂root = 1`,
    /// walks the nodes root depends on in reverse creation order, and
    /// **adds** this pass's gradients to what each node held (PyTorch
    /// semantics: a second call doubles every gradient, it does not feed old
    /// gradients back into the chain rule as micrograd's `_backward` does).
    pub fn backward(&mut self, root: NodeId) -> BackwardReport {
        let n = root.index() + 1;
        let mut pass = std::mem::take(&mut self.scratch_grad);
        let mut mark = std::mem::take(&mut self.scratch_mark);
        pass.clear();
        pass.resize(n, 0.0);
        mark.clear();
        mark.resize(n, false);
        mark_ancestors(&self.ops, root, &mut mark);
        pass[root.index()] = 1.0;
        for i in (0..n).rev() {
            if !mark[i] {
                continue;
            }
            let op = self.ops[i];
            let inputs = op.inputs();
            let upstream = pass[i];
            if inputs.as_slice().is_empty() {
                continue;
            }
            let (x, y) = self.operand_values(op);
            let local = op.partials(x, y, self.data[i]);
            for (input, partial) in inputs.as_slice().iter().zip(local) {
                if self.ops[input.index()] != Op::Const {
                    pass[input.index()] += partial * upstream;
                }
            }
        }
        let mut report = BackwardReport {
            nodes_reached: 0,
            accumulated_onto_nonzero: false,
        };
        for i in 0..n {
            if mark[i] && self.ops[i] != Op::Const {
                report.nodes_reached += 1;
                report.accumulated_onto_nonzero |= self.grad[i] != 0.0;
                self.grad[i] += pass[i];
                self.grad_state[i] = GradState::Fresh;
            }
        }
        self.scratch_grad = pass;
        self.scratch_mark = mark;
        report
    }

    /// Sets the gradient of every node `root` depends on back to zero.
    pub fn zero_grad(&mut self, root: NodeId) {
        let mark = self.ancestors(root);
        for (i, _) in mark.iter().enumerate().filter(|(_, &m)| m) {
            self.grad[i] = 0.0;
            self.grad_state[i] = GradState::Unset;
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
        self.mark_stale(&dirty);
        Ok(dirty.iter().filter(|&&d| d).count() - 1)
    }

    /// Changes several leaves at once (trained weights written back): like
    /// [`Graph::set_data`] on each, but with one forward scan for all of
    /// them. Returns how many non-leaf nodes were recomputed.
    pub fn set_data_many(&mut self, updates: &[(NodeId, f64)]) -> Result<usize, GraphError> {
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
        let dirty = self.recompute_downstream(&leaves, self.len());
        self.mark_stale(&dirty);
        let ops = &self.ops;
        Ok((0..dirty.len())
            .filter(|&i| dirty[i] && !ops[i].is_leaf_like())
            .count())
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
        for i in 0..self.len() {
            let op = self.ops[i];
            if !op.is_leaf_like() {
                self.data[i] = self.forward_value(op);
            }
        }
    }

    /// Recomputes the nodes before `end` that depend on any of `leaves`;
    /// returns the dirty marks (index `i` true when node `i` was changed).
    fn recompute_downstream(&mut self, leaves: &[NodeId], end: usize) -> Vec<bool> {
        let Some(first) = leaves.iter().min() else {
            return vec![false; end];
        };
        let highest = leaves.iter().max().map_or(0, |id| id.index());
        let mut dirty = vec![false; end.max(highest + 1)];
        for leaf in leaves {
            dirty[leaf.index()] = true;
        }
        for i in first.index() + 1..end {
            let op = self.ops[i];
            if op.inputs().as_slice().iter().any(|id| dirty[id.index()]) {
                dirty[i] = true;
                self.data[i] = self.forward_value(op);
            }
        }
        dirty
    }

    /// A gradient is stale when its node feeds into, or is, a node whose value
    /// changed: every backward pass through such a node would now give
    /// different numbers.
    fn mark_stale(&mut self, dirty: &[bool]) {
        let mut tainted = dirty.to_vec();
        for i in (0..tainted.len()).rev() {
            if tainted[i] {
                for input in self.ops[i].inputs().as_slice() {
                    tainted[input.index()] = true;
                }
            }
        }
        for (i, _) in tainted.iter().enumerate().filter(|(_, &t)| t) {
            if self.grad_state[i] == GradState::Fresh {
                self.grad_state[i] = GradState::Stale;
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

fn fit_capacity<T>(vector: &mut Vec<T>, capacity: usize) {
    if vector.capacity() > capacity {
        vector.shrink_to(capacity);
    } else {
        vector.reserve_exact(capacity - vector.len());
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
