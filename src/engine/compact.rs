//! Compaction: dropping the nodes nothing can reach any more, so a long
//! training loop that builds a new graph every step runs in bounded memory.
//! The caller names every node it still holds (the roots); the nodes they
//! depend on are kept, everything else goes, and the kept nodes move down
//! in place, keeping their order. Creation order stays a topological order
//! and every kept value, gradient, state and label is moved unchanged, so
//! any later pass gives bit for bit what it gave before. The caller then
//! renames the ids it holds with the returned [`Renumbering`].

use std::collections::HashMap;

use super::graph::{Graph, NodeId};

/// Where each node of the graph before a compaction went.
#[derive(Clone, Debug, Default)]
pub struct Renumbering {
    /// New index of each old node; [`DROPPED`] for a dropped one.
    new_index: Vec<u32>,
    kept: usize,
}

/// The mark of a dropped node in [`Renumbering::new_index`].
const DROPPED: u32 = u32::MAX;

impl Renumbering {
    /// The new id of `old`, or `None` if it was dropped (or never existed).
    #[inline]
    pub fn get(&self, old: NodeId) -> Option<NodeId> {
        match self.new_index.get(old.index()) {
            Some(&index) if index != DROPPED => Some(NodeId(index)),
            _ => None,
        }
    }

    /// The new id of a node the caller named as a root (so it was kept).
    #[inline]
    pub fn kept_id(&self, old: NodeId) -> NodeId {
        self.get(old)
            .expect("a node named as a root is kept by the compaction")
    }

    /// How many nodes the graph had before.
    pub fn before(&self) -> usize {
        self.new_index.len()
    }

    /// How many nodes were kept.
    pub fn kept(&self) -> usize {
        self.kept
    }

    /// How many kept nodes had an old index below `old_len`: where a mark
    /// "the graph was this long" lands after the compaction.
    pub fn kept_below(&self, old_len: usize) -> usize {
        let end = old_len.min(self.new_index.len());
        // Kept nodes are numbered in order, so the count is the first new
        // index at or after `end` (or the total when none is kept there).
        self.new_index[end..]
            .iter()
            .find(|&&index| index != DROPPED)
            .map_or(self.kept, |&index| index as usize)
    }
}

impl Graph {
    /// Keeps `roots` and every node they depend on, drops the rest, and
    /// numbers the kept nodes from 0 in their old order. Values, gradients,
    /// gradient states and labels move with their nodes; the allocation is
    /// kept for the nodes built next. Ids the caller holds must be renamed
    /// with the returned [`Renumbering`] (ids of dropped nodes are gone).
    pub fn compact(&mut self, roots: &[NodeId]) -> Renumbering {
        let len = self.len();
        let mut keep = vec![false; len];
        for root in roots {
            keep[root.index()] = true;
        }
        for i in (0..len).rev() {
            if !keep[i] {
                continue;
            }
            if let Some((a, b)) = self.op(NodeId(i as u32)).operand_pair() {
                keep[a.index()] = true;
                keep[b.index()] = true;
            }
        }
        let mut renumbering = Renumbering {
            new_index: vec![DROPPED; len],
            kept: 0,
        };
        move_kept(self, &keep, &mut renumbering);
        renumbering
    }
}

/// Numbers the kept nodes in order and moves each to its new index in the
/// same forward pass: a node's inputs come before it, so they are already
/// numbered when it is renamed, and a new index is never above the old
/// one, so moving in increasing order never overwrites a node still to
/// move. Then cuts the columns to the kept length.
fn move_kept(graph: &mut Graph, keep: &[bool], renumbering: &mut Renumbering) {
    let columns = graph.columns_mut();
    let graded = columns.grad.len();
    let new_index = &mut renumbering.new_index;
    let mut kept = 0usize;
    for old in (0..keep.len()).filter(|&old| keep[old]) {
        new_index[old] = kept as u32;
        let op = columns.ops[old];
        columns.ops[kept] = op.map_inputs(|id| NodeId(new_index[id.index()]));
        columns.data[kept] = columns.data[old];
        if old < graded {
            columns.grad[kept] = columns.grad[old];
            columns.grad_state[kept] = columns.grad_state[old];
        }
        kept += 1;
    }
    renumbering.kept = kept;
    let kept_graded = renumbering.kept_below(graded);
    columns.ops.truncate(kept);
    columns.data.truncate(kept);
    columns.grad.truncate(kept_graded);
    columns.grad_state.truncate(kept_graded);
    let labels: HashMap<NodeId, String> = std::mem::take(columns.labels)
        .into_iter()
        .filter_map(|(id, label)| renumbering.get(id).map(|new| (new, label)))
        .collect();
    *columns.labels = labels;
    *columns.kept_at_compaction = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Op;

    /// Two graphs built the same way, one with garbage between its nodes.
    fn with_garbage() -> (Graph, NodeId, NodeId, Graph, NodeId, NodeId) {
        let mut plain = Graph::new();
        let a = plain.leaf(0.3);
        let b = plain.leaf(-1.7);
        let ab = plain.mul(a, b);
        let t = plain.apply(Op::Tanh(ab));
        let root = plain.add(t, a);

        let mut messy = Graph::new();
        let ga = messy.leaf(0.3);
        let junk = messy.leaf(9.0);
        let gb = messy.leaf(-1.7);
        let j2 = messy.mul(junk, ga);
        let gab = messy.mul(ga, gb);
        messy.apply(Op::Exp(j2));
        let gt = messy.apply(Op::Tanh(gab));
        messy.label_if_unset(junk, "junk");
        messy.label_if_unset(gb, "b");
        let groot = messy.add(gt, ga);
        messy.relu(groot);
        (plain, a, root, messy, ga, groot)
    }

    #[test]
    fn compaction_keeps_exactly_what_the_roots_need_in_order() {
        let (plain, _, root, mut messy, ga, groot) = with_garbage();
        let renumbering = messy.compact(&[groot, ga]);
        assert_eq!(renumbering.before(), 9);
        assert_eq!(renumbering.kept(), 5);
        assert_eq!(messy.len(), plain.len());
        for i in 0..plain.len() as u32 {
            assert_eq!(messy.op(NodeId(i)), plain.op(NodeId(i)));
            assert_eq!(
                messy.value(NodeId(i)).to_bits(),
                plain.value(NodeId(i)).to_bits()
            );
        }
        assert_eq!(renumbering.kept_id(groot), root);
        assert_eq!(messy.label(NodeId(1)), Some("b"));
        let labelled = (0..messy.len() as u32).filter(|&i| messy.label(NodeId(i)).is_some());
        assert_eq!(labelled.count(), 1, "the dropped node's label goes with it");
    }

    #[test]
    fn gradients_after_compaction_are_bit_identical() {
        let (mut plain, a, root, mut messy, ga, groot) = with_garbage();
        plain.backward(root);
        messy.backward(groot);
        let renumbering = messy.compact(&[groot]);
        let (new_root, new_a) = (renumbering.kept_id(groot), renumbering.kept_id(ga));
        assert_eq!(messy.grad(new_a).to_bits(), plain.grad(a).to_bits());
        plain.backward(root);
        messy.backward(new_root);
        for i in 0..plain.len() as u32 {
            assert_eq!(
                messy.grad(NodeId(i)).to_bits(),
                plain.grad(NodeId(i)).to_bits()
            );
            assert_eq!(messy.grad_state(NodeId(i)), plain.grad_state(NodeId(i)));
        }
    }

    #[test]
    fn kept_below_places_a_length_mark() {
        let (_, _, _, mut messy, ga, groot) = with_garbage();
        let renumbering = messy.compact(&[groot]);
        assert_eq!(renumbering.kept_below(0), 0);
        assert_eq!(renumbering.kept_below(2), 1);
        assert_eq!(renumbering.kept_below(9), 5);
        assert_eq!(renumbering.kept_below(100), 5);
        assert_eq!(renumbering.get(NodeId(1)), None);
        assert_eq!(renumbering.get(NodeId(50)), None);
        assert_eq!(renumbering.kept_id(ga), NodeId(0));
    }

    #[test]
    fn an_empty_root_list_empties_the_graph_and_keeps_its_room() {
        let mut graph = Graph::with_capacity(64);
        let x = graph.leaf(1.0);
        graph.mul(x, x);
        let renumbering = graph.compact(&[]);
        assert_eq!((graph.len(), renumbering.kept()), (0, 0));
        assert!(graph.heap_bytes() >= 64 * 8);
    }
}
