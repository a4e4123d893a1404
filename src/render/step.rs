//! `:step L`: backward one node at a time, in reverse topological order,
//! each contribution written as the chain rule with its numbers:
//!
//! ```text
//! step 3/4  e = a * b
//!   a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6
//! ```
//!
//! The pass itself is the engine's ([`Graph::backward_steps`], the same
//! scan as [`Graph::backward`]); a [`Stepper`] only writes down what each
//! step contributed, so whoever drives it (the console, pausing for Enter)
//! can stop anywhere, the gradients are as far as the steps got, and a
//! finished stepper leaves bit for bit the gradients backward gives.

use std::io::{self, Write};

use super::node_text::{self, short};
use super::{wrap, Palette};
use crate::engine::{BackwardSteps, Contribution, Graph, NodeId, Op};
use crate::text::Style;

/// Shows the engine's stepped backward pass from a root, one node at a time.
pub struct Stepper<'g> {
    steps: BackwardSteps<'g>,
    started_from_nonzero: bool,
}

impl<'g> Stepper<'g> {
    /// Prepares to step backward from `root`: clears the gradients under it
    /// (a stepped pass starts from zero so every number shown is this
    /// pass's) and seeds `root.grad = 1`.
    pub fn new(graph: &'g mut Graph, root: NodeId) -> Self {
        let started_from_nonzero = graph
            .subgraph(root)
            .into_iter()
            .any(|id| graph.grad(id) != 0.0);
        graph.zero_grad(root);
        Stepper {
            steps: graph.backward_steps(root),
            started_from_nonzero,
        }
    }

    /// How many steps the whole pass takes (one per node with inputs).
    pub fn total(&self) -> usize {
        self.steps.total()
    }

    /// How many steps are done.
    pub fn done(&self) -> usize {
        self.steps.done()
    }

    /// True when every step is done.
    pub fn is_finished(&self) -> bool {
        self.steps.is_finished()
    }

    /// The root's name, for messages about the pass.
    pub fn root_name(&self) -> String {
        self.steps.graph().display_name(self.steps.root())
    }

    /// The lines before the first step: a note if old gradients were
    /// cleared, and the seed `L.grad = 1`.
    pub fn write_intro(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let name = self.root_name();
        let (graph, root) = (self.steps.graph(), self.steps.root());
        if graph.op(root) == Op::Const {
            return writeln!(
                out,
                "{} is a constant: no gradient flows through it, so there is nothing to step.",
                node_text::operand_name(graph, root)
            );
        }
        if self.started_from_nonzero {
            writeln!(
                out,
                "{}",
                style.palette.dim(&wrap::paragraph(
                    &format!(
                        "(gradients under {name} were not zero: :step starts them from zero; \
                         {name}.backward() would add to them)"
                    ),
                    style.width
                ))
            )?;
        }
        writeln!(
            out,
            "{}.grad = {}   {}",
            style.palette.name(&name),
            style.palette.signed(1.0, "1"),
            style.palette.dim(&format!("(seed: ∂{name}/∂{name} = 1)"))
        )
    }

    /// Does the next step: passes one node's gradient to its inputs and,
    /// if `out` is given, writes the lines that show it. Returns `false`
    /// when there was no step left.
    pub fn step(&mut self, out: Option<&mut dyn Write>, palette: Palette) -> io::Result<bool> {
        let Some(step) = self.steps.step() else {
            return Ok(false);
        };
        let Some(out) = out else {
            return Ok(true);
        };
        let graph = self.steps.graph();
        writeln!(
            out,
            "{}  {}",
            palette.dim(&format!("step {}/{}", self.done(), self.total())),
            palette.bold(&node_text::formula(graph, step.node))
        )?;
        for contribution in &step.contributions {
            writeln!(out, "  {}", contribution_line(graph, palette, contribution))?;
        }
        Ok(true)
    }

    /// Does every remaining step without writing anything; the gradients
    /// end as `backward` leaves them.
    pub fn finish_quietly(&mut self) {
        self.steps.finish();
    }

    /// Ends the pass where it is. A gradient is final once every use of
    /// its node has passed its share back; one that has some shares but not
    /// all keeps the `Partial` state. Returns how many are left partial.
    pub fn stop(self) -> usize {
        self.steps.stop()
    }

    /// Finishes the pass after the last step was shown.
    pub fn finish(mut self) {
        self.finish_quietly();
    }
}

/// One contribution: `a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6`.
fn contribution_line(graph: &Graph, palette: Palette, contribution: &Contribution) -> String {
    let Contribution {
        node,
        slot,
        input,
        upstream,
        new_grad,
        use_number,
        uses,
        ..
    } = *contribution;
    let out_name = graph.display_name(node);
    let in_name = graph.display_name(input);
    let local = node_text::local_derivative(graph, node, slot);
    let mut line = format!(
        "{}.grad += ∂{out_name}/∂{in_name} ({local}) × {out_name}.grad ({})  → {}",
        palette.name(&in_name),
        short(upstream),
        palette.signed(new_grad, &short(new_grad))
    );
    if use_number >= 2 {
        let times = if uses == 2 {
            "twice".to_string()
        } else {
            format!("{uses} times")
        };
        // On a line of its own, the arrow under `+=` (the row is
        // printed two columns in), so the row keeps to its width.
        let under_plus = " ".repeat(2 + in_name.chars().count() + ".grad ".len());
        line.push_str(&format!(
            "\n{under_plus}{}",
            palette.warning(&format!(
                "↑ {in_name} is used {times}: contributions add (use {use_number} of {uses})"
            ))
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::GradState;

    #[test]
    fn stepping_to_the_end_gives_backward_gradients_bit_for_bit() {
        let mut g = Graph::new();
        let a = g.leaf(2.0);
        let b = g.leaf(-3.0);
        let e = g.mul(a, b);
        let f = g.add(e, a);
        let o = g.tanh(f);
        let mut reference = g.clone();
        reference.backward(o);
        let mut stepper = Stepper::new(&mut g, o);
        let mut out = Vec::new();
        while stepper.step(Some(&mut out), Palette::plain()).unwrap() {}
        stepper.finish();
        for id in [a, b, e, f, o] {
            assert_eq!(g.grad(id).to_bits(), reference.grad(id).to_bits());
            assert_eq!(g.grad_state(id), GradState::Fresh);
        }
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("used twice: contributions add (use 2 of 2)"),
            "{text}"
        );
    }

    #[test]
    fn stopping_leaves_waiting_gradients_partial() {
        let mut g = Graph::new();
        let a = g.leaf(2.0);
        let e = g.mul(a, a);
        let f = g.add(e, a);
        let mut stepper = Stepper::new(&mut g, f);
        stepper.step(None, Palette::plain()).unwrap();
        assert_eq!(stepper.stop(), 1);
        assert_eq!(g.grad_state(a), GradState::Partial);
        assert_eq!(g.grad_state(e), GradState::Fresh);
        assert_eq!(g.grad(a), 1.0);
    }
}
