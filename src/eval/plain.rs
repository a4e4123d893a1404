//! Which nodes Python would hold as plain floats. At the top level
//! `x = 2.0` makes a leaf (so `x.grad` and every view work on it), but in
//! Python `x` is a float, and so is anything computed only from such
//! variables and literals. `print`, `math.*`, `%`, `//` and list repetition
//! treat those nodes as the numbers they are; a node that reaches a
//! `Value(...)` leaf or a network's parameter is a `Value`.
//!
//!
//! Python also keeps ints apart from floats (`2` prints as `2`, `2.0` as
//! `2.0`): the constants and leaves made from ints are remembered too, and
//! a plain node is an int when it stands on those alone through `+ - *`,
//! negation and whole powers, as Python's int arithmetic does.
//!
//! The leaves made from plain numbers are remembered by id: a compaction
//! that renumbers nodes renumbers these sets too.

use std::collections::{BinaryHeap, HashSet};

use crate::engine::{NodeId, Op, Renumbering};

use super::print::python_float;
use super::Session;

/// Leaves the session made from plain numbers (`x = 2.0` at the top level),
/// and the constants and leaves among them made from ints.
#[derive(Clone, Debug, Default)]
pub(super) struct PlainLeaves {
    leaves: HashSet<NodeId>,
    ints: HashSet<NodeId>,
}

impl PlainLeaves {
    /// Remembers that `leaf` holds a plain number.
    pub(super) fn insert(&mut self, leaf: NodeId) {
        self.leaves.insert(leaf);
    }

    /// True for a leaf made from a plain number.
    pub(super) fn is_plain(&self, leaf: NodeId) -> bool {
        self.leaves.contains(&leaf)
    }

    /// Remembers whether the constant or leaf `id` holds an int (`x.data =
    /// 2.5` makes an int leaf a float).
    pub(super) fn set_int(&mut self, id: NodeId, int: bool) {
        if int {
            self.ints.insert(id);
        } else {
            self.ints.remove(&id);
        }
    }

    /// The same sets after a compaction; dropped nodes are forgotten.
    pub(super) fn renumber(&mut self, renumbering: &Renumbering) {
        let renamed = |set: &HashSet<NodeId>| -> HashSet<NodeId> {
            set.iter().filter_map(|&id| renumbering.get(id)).collect()
        };
        self.leaves = renamed(&self.leaves);
        self.ints = renamed(&self.ints);
    }
}

/// Largest whole number a float holds exactly (2⁵³).
const EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// `x` written as Python writes an int, if it is a whole number a float
/// holds exactly.
pub(super) fn int_text(x: f64) -> Option<String> {
    (x.fract() == 0.0 && x.abs() <= EXACT_WHOLE).then(|| format!("{}", x as i64))
}

/// Most nodes looked at to decide; a larger graph counts as a `Value`.
const MAX_WALK: usize = 100_000;

/// What a walk under a node makes of one node on the way.
enum Verdict {
    /// It counts, and so do the nodes it is computed from.
    Passes,
    /// It passes if every one of these does.
    Needs(crate::engine::op::Inputs),
    /// The whole answer is no.
    Fails,
}

impl Session {
    /// True when every node under `id` (itself included) passes `verdict`;
    /// a graph of more than [`MAX_WALK`] nodes does not.
    fn all_under(&self, id: NodeId, verdict: impl Fn(NodeId, Op) -> Verdict) -> bool {
        // Highest id first: an input's id is below its reader's, so every
        // copy of a node queued twice comes out of the heap in a row (no
        // set of seen nodes to hash), and the nodes the newest statement
        // built, where a non-int literal usually sits, are looked at before
        // the older ones they stand on. The answer does not depend on the
        // order: every node the walk reaches must pass.
        let mut todo = BinaryHeap::from([id]);
        let mut last = None;
        let mut seen = 0;
        while let Some(next) = todo.pop() {
            if last == Some(next) {
                continue;
            }
            last = Some(next);
            seen += 1;
            if seen > MAX_WALK {
                return false;
            }
            match verdict(next, self.graph.op(next)) {
                Verdict::Passes => {}
                Verdict::Needs(inputs) => todo.extend(inputs.as_slice()),
                Verdict::Fails => return false,
            }
        }
        true
    }

    /// True when Python would hold `id` as a float: every leaf under it
    /// was made from a plain number, and the rest are literals.
    pub(super) fn is_plain_node(&self, id: NodeId) -> bool {
        self.all_under(id, |next, op| match op {
            Op::Const => Verdict::Passes,
            Op::Leaf if self.plain_leaves.leaves.contains(&next) => Verdict::Passes,
            Op::Leaf => Verdict::Fails,
            op => Verdict::Needs(op.inputs()),
        })
    }

    /// True when Python would hold `id` as an int: it stands only on
    /// constants and leaves made from ints, through `+ - *`, negation,
    /// `abs` and powers with an exponent of 0 or more.
    pub(super) fn is_int_node(&self, id: NodeId) -> bool {
        self.all_under(id, |next, op| match op {
            Op::Const | Op::Leaf if self.plain_leaves.ints.contains(&next) => Verdict::Passes,
            Op::Add(..) | Op::Sub(..) | Op::Mul(..) | Op::Neg(_) | Op::Abs(_) => {
                Verdict::Needs(op.inputs())
            }
            Op::Pow(_, b) if self.graph.value(b) >= 0.0 => Verdict::Needs(op.inputs()),
            _ => Verdict::Fails,
        })
    }

    /// A number as an echo writes it, as Python would print it: an int (a
    /// plain int, or a node made from ints) as `2`, anything else as a
    /// float (`2.0`, `0.1`, `1e-07`), except that math that left the reals
    /// shows as `NaN`, `inf`, `-inf` (Python's `print` writes `nan`);
    /// `None` for what is not a number.
    pub fn number_text(&self, value: &super::Value) -> Option<String> {
        let x = match value {
            super::Value::Node(id) => self.graph.value(*id),
            super::Value::Number(x) => *x,
            super::Value::Int(whole) => *whole as f64,
            _ => return None,
        };
        if !x.is_finite() {
            return Some(crate::text::number::full(x));
        }
        match value {
            super::Value::Node(id) => Some(self.node_number_text(*id)),
            other => plain_number_text(other),
        }
    }

    /// A number of the graph as Python would print it (see
    /// [`Session::number_text`]).
    pub(super) fn node_number_text(&self, id: NodeId) -> String {
        let x = self.graph.value(id);
        // Only a whole number can print as an int: the walk is for those.
        match int_text(x) {
            Some(text) if self.is_int_node(id) => text,
            _ => python_float(x),
        }
    }
}

/// A float as an echo writes it: as Python prints it (`2.0`, `1e-07`),
/// but `NaN`, `inf` and `-inf` as the REPL has always shown math that left
/// the reals.
pub fn echo_float(x: f64) -> String {
    if x.is_finite() {
        python_float(x)
    } else {
        crate::text::number::full(x)
    }
}

/// A plain number as Python prints it; `None` for anything else.
pub(super) fn plain_number_text(value: &super::Value) -> Option<String> {
    match value {
        super::Value::Int(whole) => Some(whole.to_string()),
        super::Value::Number(x) => Some(python_float(*x)),
        _ => None,
    }
}
