//! Two graphs that mean the same: values and gradients compared at the
//! current values of the leaves and at seeded random points around them.
//! What grading by meaning rests on, for formulas (`grade`) and for the
//! results of a learner's function (`block`) alike; and the [`Verdict`]
//! both give.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::engine::{Graph, NodeId, Op};
use crate::eval::EvalError;
use crate::text::number;

/// What became of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Right.
    Right,
    /// Wrong, with a word on how (never giving the answer away).
    Wrong(String),
    /// The answer could not be read or evaluated; the error points into it.
    Unreadable(EvalError),
}

/// Random points tried besides the current values.
const RANDOM_POINTS: usize = 4;
/// Seed of those points, fixed so a verdict never changes between runs.
const POINT_SEED: u64 = 0x6d69_6372_6f67_7264;
/// Relative tolerance when comparing two formulas.
const FORMULA_TOLERANCE: f64 = 1e-9;

/// Value and gradients of each `got` against its `want`, with respect to
/// `leaves`, at their current values and at seeded random points near
/// them (the leaves are left at the last point tried). `Err` says, in a
/// learner's words, how they differ.
pub fn compare_pairs(
    graph: &mut Graph,
    pairs: &[(NodeId, NodeId)],
    leaves: &[NodeId],
) -> Result<(), String> {
    let current: Vec<f64> = leaves.iter().map(|&leaf| graph.value(leaf)).collect();
    for (index, &(got, want)) in pairs.iter().enumerate() {
        if !close(graph.value(got), graph.value(want)) {
            let value = number::for_a_verdict(graph.value(got), graph.value(want));
            // A list's wrong entry is named, or the learner cannot tell
            // which of their outputs the number is.
            return Err(if pairs.len() > 1 {
                format!(
                    "number {} of the {} your answer gives is {value}; that is not the value we are after",
                    index + 1,
                    pairs.len()
                )
            } else {
                format!("your answer gives {value}; that is not the value we are after")
            });
        }
        if !same_gradients(graph, got, want, leaves) {
            return Err(not_the_same_formula(graph, pairs, leaves, &current));
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(POINT_SEED);
    for _ in 0..RANDOM_POINTS {
        for (&leaf, &value) in leaves.iter().zip(&current) {
            graph.set_data_raw(leaf, moved_near(value, &mut rng));
        }
        graph.recompute_all();
        for &(got, want) in pairs {
            let (a, b) = (graph.value(got), graph.value(want));
            if !(a.is_finite() && b.is_finite()) {
                // Outside a formula's domain (log of a negative, ...): this
                // point says nothing either way.
                continue;
            }
            if !close(a, b) || !same_gradients(graph, got, want, leaves) {
                return Err(not_the_same_formula(graph, pairs, leaves, &current));
            }
        }
    }
    Ok(())
}

/// How two formulas that agree here differ, naming the leaves that, moved
/// alone from where they are, make the two values differ: `x1*w1 + b`
/// for `x1*w1 + x2*w2 + b` at x2 = 0 differs when x2 moves, not when w2
/// does (none named when only moving several at once shows it).
fn not_the_same_formula(
    graph: &mut Graph,
    pairs: &[(NodeId, NodeId)],
    leaves: &[NodeId],
    current: &[f64],
) -> String {
    let names: Vec<String> = differing_leaves(graph, pairs, leaves, current)
        .into_iter()
        .map(|leaf| graph.display_name(leaf))
        .collect();
    let names = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => return "the value is right for now, but it is not the same formula".into(),
    };
    format!(
        "the value is right for now, but it is not the same formula: change {names} and the two would differ"
    )
}

/// The leaves that, moved alone from `current` (to seeded random points),
/// make some pair differ in value. (A gradient that differs here differs
/// along its own leaf, so its value does too once that leaf moves.) The
/// leaves are left at the last point tried.
fn differing_leaves(
    graph: &mut Graph,
    pairs: &[(NodeId, NodeId)],
    leaves: &[NodeId],
    current: &[f64],
) -> Vec<NodeId> {
    let mut rng = ChaCha8Rng::seed_from_u64(POINT_SEED);
    let mut differing = Vec::new();
    for (&leaf, &here) in leaves.iter().zip(current) {
        let differs = (0..RANDOM_POINTS).any(|_| {
            let moved = moved_near(here, &mut rng);
            for (&other, &value) in leaves.iter().zip(current) {
                graph.set_data_raw(other, if other == leaf { moved } else { value });
            }
            graph.recompute_all();
            pairs.iter().any(|&(got, want)| {
                let (a, b) = (graph.value(got), graph.value(want));
                a.is_finite() && b.is_finite() && !close(a, b)
            })
        });
        if differs {
            differing.push(leaf);
        }
    }
    differing
}

/// A seeded random point near `value`: within half its size (or half of
/// 1, near 0) either side.
fn moved_near(value: f64, rng: &mut ChaCha8Rng) -> f64 {
    value + rng.random_range(-1.0..1.0) * value.abs().max(1.0) * 0.5
}

/// The variable leaves under any of `roots`, in creation order.
pub fn free_leaves(graph: &Graph, roots: &[NodeId]) -> Vec<NodeId> {
    let mut leaves: Vec<NodeId> = roots
        .iter()
        .flat_map(|&root| graph.subgraph(root))
        .filter(|&id| graph.op(id) == Op::Leaf)
        .collect();
    leaves.sort();
    leaves.dedup();
    leaves
}

/// True when d`got`/d`leaf` and d`want`/d`leaf` agree for every leaf,
/// each from a clean backward pass.
fn same_gradients(graph: &mut Graph, got: NodeId, want: NodeId, leaves: &[NodeId]) -> bool {
    let mut gradients = |root: NodeId| -> Vec<f64> {
        graph.zero_all_grads();
        graph.backward(root);
        leaves.iter().map(|&leaf| graph.grad(leaf)).collect()
    };
    let (of_got, of_want) = (gradients(got), gradients(want));
    of_got.iter().zip(&of_want).all(|(&x, &y)| close(x, y))
}

/// True when two values agree within the formula comparison's tolerance.
pub(super) fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= FORMULA_TOLERANCE * a.abs().max(b.abs()).max(1.0)
}
