//! The chain rule as a sum over paths: every path from a node up to the
//! root contributes the product of the local derivatives along it, and the
//! sum of those products is the gradient backward computes. Path counts
//! grow exponentially in a DAG, so they are counted (saturating) and only
//! the first few are listed; nothing here recurses.

use super::{Graph, NodeId};

/// One edge of a path: `consumer` reads the previous node as operand `slot`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathEdge {
    /// The node one step up the path.
    pub consumer: NodeId,
    /// Which operand of `consumer` the previous node is.
    pub slot: usize,
    /// `∂consumer/∂operand` at the current values.
    pub local: f64,
}

/// One path from `from` up to the root.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// Its edges, from `from` upward (empty when `from` is the root).
    pub edges: Vec<PathEdge>,
    /// The product of the edges' local derivatives (1 for no edges).
    pub product: f64,
}

/// The paths from a node to a root, and their sum.
#[derive(Clone, Debug, PartialEq)]
pub struct PathSum {
    /// How many paths there are; saturates at `u128::MAX`; 0 when the
    /// root does not depend on the node.
    pub total: u128,
    /// The first paths, depth-first from the root, at most the limit asked.
    pub paths: Vec<Path>,
    /// `∂root/∂from` from a backward pass started at zero.
    pub sum: f64,
}

impl Graph {
    /// The paths from `from` up to `root`, listing at most `limit`.
    pub fn paths(&self, root: NodeId, from: NodeId, limit: usize) -> PathSum {
        let Some(counts) = path_counts(self, root, from) else {
            return PathSum {
                total: 0,
                paths: Vec::new(),
                sum: 0.0,
            };
        };
        let total = counts[counts.len() - 1];
        if total == 0 {
            return PathSum {
                total,
                paths: Vec::new(),
                sum: 0.0,
            };
        }
        let paths = first_paths(self, root, from, &counts, limit)
            .into_iter()
            .map(|slots| {
                let edges: Vec<PathEdge> = slots
                    .into_iter()
                    .map(|(consumer, slot)| PathEdge {
                        consumer,
                        slot,
                        local: self.partials(consumer)[slot],
                    })
                    .collect();
                let product = edges.iter().fold(1.0, |product, e| product * e.local);
                Path { edges, product }
            })
            .collect();
        PathSum {
            total,
            paths,
            sum: self.gradient_from_zero(root, from),
        }
    }
}

/// `count[i]` = number of paths from `from` to node `from + i`; saturates
/// at `u128::MAX`. `None` when `from` comes after `root`.
fn path_counts(graph: &Graph, root: NodeId, from: NodeId) -> Option<Vec<u128>> {
    if from > root {
        return None;
    }
    let base = from.index();
    let mut counts = vec![0u128; root.index() - base + 1];
    counts[0] = 1;
    for i in base + 1..=root.index() {
        let op = graph.op(NodeId(i as u32));
        counts[i - base] = op
            .inputs()
            .as_slice()
            .iter()
            .filter(|input| input.index() >= base)
            .fold(0u128, |sum, input| {
                sum.saturating_add(counts[input.index() - base])
            });
    }
    Some(counts)
}

/// Up to `limit` paths as (consumer, slot) edges, each listed from `from`
/// upward. Depth-first from the root with an explicit stack, entering only
/// nodes that `from` reaches, so every descent ends in a path.
fn first_paths(
    graph: &Graph,
    root: NodeId,
    from: NodeId,
    counts: &[u128],
    limit: usize,
) -> Vec<Vec<(NodeId, usize)>> {
    if root == from {
        return vec![Vec::new()];
    }
    let reaches = |id: NodeId| id >= from && counts[id.index() - from.index()] > 0;
    let mut paths = Vec::new();
    // (node, next operand slot to try)
    let mut stack: Vec<(NodeId, usize)> = vec![(root, 0)];
    while let Some(top) = stack.last_mut() {
        let (node, slot) = *top;
        let inputs = graph.op(node).inputs();
        let Some(&input) = inputs.as_slice().get(slot) else {
            stack.pop();
            continue;
        };
        top.1 += 1;
        if input == from {
            let mut path: Vec<(NodeId, usize)> = stack
                .iter()
                .map(|&(consumer, next)| (consumer, next - 1))
                .collect();
            path.reverse();
            paths.push(path);
            if paths.len() == limit {
                break;
            }
        } else if reaches(input) {
            stack.push((input, 0));
        }
    }
    paths
}
