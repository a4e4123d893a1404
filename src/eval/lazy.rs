//! Live values, lazily: a node's value always reflects its leaves' current
//! values, but a block that changes many leaves (`for p in n.parameters():
//! p.data += -0.1 * p.grad`) does not recompute the graph after each one.
//! The changed leaves wait here; the nodes computed from them are
//! recomputed in one forward scan the first time anything could see them:
//! before a stale node is read or used in a new node, before a backward
//! pass, before an event is shown, and when the statement ends. Nodes made
//! after the last change were computed from current values and never wait.

use crate::engine::{NodeId, Renumbering};

use super::Session;

/// Leaves changed but not yet propagated, and how long the graph was at
/// the last change (nodes from there on are current).
#[derive(Clone, Debug, Default)]
pub(super) struct Pending {
    leaves: Vec<NodeId>,
    mark: usize,
}

impl Session {
    /// Sets a leaf's value, leaving the nodes computed from it for the next
    /// [`Session::flush_pending`].
    pub(super) fn set_leaf_later(&mut self, leaf: NodeId, value: f64) {
        self.graph.set_data_raw(leaf, value);
        if self.pending.leaves.last() != Some(&leaf) {
            self.pending.leaves.push(leaf);
        }
        self.pending.mark = self.graph.len();
    }

    /// True when `id`'s stored value may be out of date.
    pub(super) fn is_pending(&self, id: NodeId) -> bool {
        !self.pending.leaves.is_empty()
            && id.index() < self.pending.mark
            && !self.graph.op(id).is_leaf_like()
    }

    /// True when leaves are waiting to be propagated.
    pub(super) fn has_pending(&self) -> bool {
        !self.pending.leaves.is_empty()
    }

    /// Recomputes every node computed from the leaves changed since the
    /// last flush (one forward scan) and marks gradients that used the old
    /// values stale. Returns how many nodes were recomputed.
    pub fn flush_pending(&mut self) -> usize {
        if self.pending.leaves.is_empty() {
            return 0;
        }
        let mut leaves = std::mem::take(&mut self.pending.leaves);
        leaves.sort_unstable();
        leaves.dedup();
        let updates: Vec<(NodeId, f64)> = leaves
            .iter()
            .map(|&leaf| (leaf, self.graph.value(leaf)))
            .collect();
        // Only leaves are ever pending, so this cannot fail. Nodes built
        // since the last change read the new values: not recomputed.
        let current_from = self.pending.mark;
        self.graph
            .set_data_many_before(&updates, current_from)
            .unwrap_or(0)
    }
}

impl Pending {
    /// The changed leaves still to propagate (a compaction keeps them).
    pub(super) fn leaves(&self) -> &[NodeId] {
        &self.leaves
    }

    /// After a compaction: the leaves' new ids, and the mark where the
    /// nodes built since the change now start.
    pub(super) fn renumber(&mut self, renumbering: &Renumbering) {
        for leaf in &mut self.leaves {
            *leaf = renumbering.kept_id(*leaf);
        }
        self.mark = renumbering.kept_below(self.mark);
    }
}
