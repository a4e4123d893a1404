//! Which nodes Python would hold as plain floats. At the top level
//! `x = 2.0` makes a leaf (so `x.grad` and every view work on it), but in
//! Python `x` is a float, and so is anything computed only from such
//! variables and literals. `print`, `math.*`, `%`, `//` and list repetition
//! treat those nodes as the numbers they are; a node that reaches a
//! `Value(...)` leaf or a network's parameter is a `Value`.
//!
//! The leaves made from plain numbers are remembered by id: a compaction
//! that renumbers nodes must renumber this set too.

use std::collections::HashSet;

use crate::engine::{NodeId, Op};

use super::Session;

/// Leaves the session made from plain numbers (`x = 2.0` at the top level).
#[derive(Clone, Debug, Default)]
pub(super) struct PlainLeaves(HashSet<NodeId>);

impl PlainLeaves {
    /// Remembers that `leaf` holds a plain number.
    pub(super) fn insert(&mut self, leaf: NodeId) {
        self.0.insert(leaf);
    }
}

/// Most nodes looked at to decide; a larger graph counts as a `Value`.
const MAX_WALK: usize = 100_000;

impl Session {
    /// True when Python would hold `id` as a float: every leaf under it
    /// was made from a plain number, and the rest are literals.
    pub(super) fn is_plain_node(&self, id: NodeId) -> bool {
        let mut seen = HashSet::new();
        let mut todo = vec![id];
        while let Some(next) = todo.pop() {
            if !seen.insert(next) {
                continue;
            }
            if seen.len() > MAX_WALK {
                return false;
            }
            match self.graph.op(next) {
                Op::Const => {}
                Op::Leaf if self.plain_leaves.0.contains(&next) => {}
                Op::Leaf => return false,
                op => todo.extend_from_slice(op.inputs().as_slice()),
            }
        }
        true
    }
}
