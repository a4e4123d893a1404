//! Numerical gradient checking: central finite differences, the honest
//! referee for every analytic gradient the engine computes.

use super::{Graph, NodeId, Op};

/// The default step for central differences: small enough for accuracy,
/// large enough that rounding error stays below ~1e-8 relative.
pub const DEFAULT_STEP: f64 = 1e-6;

/// One leaf's analytic gradient next to its numerical estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeafCheck {
    /// The leaf checked.
    pub leaf: NodeId,
    /// The gradient backward computed (as stored in the graph).
    pub analytic: f64,
    /// `(f(x + h) − f(x − h)) / 2h`.
    pub numeric: f64,
    /// `|analytic − numeric| / max(1, |analytic|, |numeric|)`.
    pub relative_error: f64,
}

/// `d root / d leaf` by central differences with step `h`. The leaf's value
/// and every value computed from it are restored afterwards.
pub fn finite_difference(graph: &mut Graph, root: NodeId, leaf: NodeId, h: f64) -> f64 {
    let original = graph.value(leaf);
    graph.set_data_quiet(leaf, original + h, root);
    let plus = graph.value(root);
    graph.set_data_quiet(leaf, original - h, root);
    let minus = graph.value(root);
    graph.set_data_quiet(leaf, original, root);
    (plus - minus) / (2.0 * h)
}

/// The relative error used by [`check_leaves`]: absolute near zero,
/// relative for large gradients.
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    if analytic == numeric {
        return 0.0;
    }
    let scale = 1f64.max(analytic.abs()).max(numeric.abs());
    (analytic - numeric).abs() / scale
}

/// Compares the stored gradient of every variable leaf under `root` with a
/// finite difference. Does not run backward: call it after one, on a graph
/// whose gradients came from a single pass over `root`.
pub fn check_leaves(graph: &mut Graph, root: NodeId, h: f64) -> Vec<LeafCheck> {
    check_leaves_within(graph, root, h, usize::MAX).checked
}

/// The leaves [`check_leaves_within`] checked, and how many there were.
#[derive(Clone, Debug, PartialEq)]
pub struct LeafChecks {
    /// The leaves checked, in creation order.
    pub checked: Vec<LeafCheck>,
    /// How many variable leaves `root` depends on (some may be unchecked).
    pub leaves_total: usize,
}

/// [`check_leaves`] that stops once it has spent `work_budget` node
/// recomputations (each leaf costs two forward passes over the nodes
/// between it and the root), so a huge graph answers quickly; it always
/// checks at least one leaf.
pub fn check_leaves_within(
    graph: &mut Graph,
    root: NodeId,
    h: f64,
    work_budget: usize,
) -> LeafChecks {
    let leaves: Vec<NodeId> = graph
        .subgraph(root)
        .into_iter()
        .filter(|&id| graph.op(id) == Op::Leaf)
        .collect();
    let mut checked = Vec::new();
    let mut work = 0usize;
    for &leaf in &leaves {
        work = work.saturating_add(2 * (root.index() - leaf.index() + 1));
        if work > work_budget && !checked.is_empty() {
            break;
        }
        let numeric = finite_difference(graph, root, leaf, h);
        let analytic = graph.grad(leaf);
        checked.push(LeafCheck {
            leaf,
            analytic,
            numeric,
            relative_error: relative_error(analytic, numeric),
        });
    }
    LeafChecks {
        checked,
        leaves_total: leaves.len(),
    }
}
