//! `:step L`: backward one node at a time, in reverse topological order,
//! each contribution written as the chain rule with its numbers:
//!
//! ```text
//! step 3/4  e = a * b
//!   a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6
//! ```
//!
//! A [`Stepper`] does one node per call and writes the gradients into the
//! graph as it goes, so whoever drives it (the console, pausing for Enter)
//! can stop anywhere and the gradients are as far as the steps got. The
//! contributions are summed in the same order as [`Graph::backward`], so a
//! finished stepper leaves bit-for-bit the gradients backward gives.

use std::io::{self, Write};

use super::node_text::{self, short};
use super::{wrap, Palette};
use crate::engine::{GradState, Graph, NodeId, Op};

/// Walks backward from a root one node at a time.
pub struct Stepper<'g> {
    graph: &'g mut Graph,
    root: NodeId,
    /// Nodes that pass gradient to inputs, highest id first.
    order: Vec<NodeId>,
    next: usize,
    /// This pass's gradient of every node up to the root.
    pass: Vec<f64>,
    /// How many times each node is used as an operand under the root.
    uses: Vec<u32>,
    /// How many of those uses have passed their contribution back so far.
    received: Vec<u32>,
    started_from_nonzero: bool,
}

impl<'g> Stepper<'g> {
    /// Prepares to step backward from `root`: clears the gradients under it
    /// (a stepped pass starts from zero so every number shown is this
    /// pass's) and seeds `root.grad = 1`.
    pub fn new(graph: &'g mut Graph, root: NodeId) -> Self {
        let marks = graph.ancestors(root);
        let under_root = || {
            marks
                .iter()
                .enumerate()
                .filter(|(_, &m)| m)
                .map(|(i, _)| NodeId(i as u32))
        };
        let started_from_nonzero = under_root().any(|id| graph.grad(id) != 0.0);
        let order: Vec<NodeId> = under_root()
            .filter(|&id| !graph.op(id).inputs().as_slice().is_empty())
            .rev()
            .collect();
        let mut uses = vec![0u32; root.index() + 1];
        for &id in &order {
            for input in graph.op(id).inputs().as_slice() {
                uses[input.index()] += 1;
            }
        }
        graph.zero_grad(root);
        let mut pass = vec![0.0; root.index() + 1];
        if graph.op(root) != Op::Const {
            pass[root.index()] = 1.0;
            graph.set_grad(root, 1.0);
            graph.set_grad_state(root, GradState::Fresh);
        }
        Stepper {
            graph,
            root,
            order,
            next: 0,
            pass,
            received: vec![0; uses.len()],
            uses,
            started_from_nonzero,
        }
    }

    /// How many steps the whole pass takes (one per node with inputs).
    pub fn total(&self) -> usize {
        self.order.len()
    }

    /// How many steps are done.
    pub fn done(&self) -> usize {
        self.next
    }

    /// True when every step is done.
    pub fn is_finished(&self) -> bool {
        self.next >= self.order.len()
    }

    /// The root's name, for messages about the pass.
    pub fn root_name(&self) -> String {
        self.graph.display_name(self.root)
    }

    /// The lines before the first step: a note if old gradients were
    /// cleared, and the seed `L.grad = 1`.
    pub fn write_intro(&self, out: &mut dyn Write, palette: Palette) -> io::Result<()> {
        let name = self.root_name();
        if self.graph.op(self.root) == Op::Const {
            return writeln!(
                out,
                "{} is a constant: no gradient flows through it, so there is nothing to step.",
                node_text::operand_name(self.graph, self.root)
            );
        }
        if self.started_from_nonzero {
            writeln!(
                out,
                "{}",
                palette.dim(&wrap::paragraph(
                    &format!(
                        "(gradients under {name} were not zero: :step starts them from zero; \
                         {name}.backward() would add to them)"
                    ),
                    wrap::width()
                ))
            )?;
        }
        writeln!(
            out,
            "{}.grad = {}   {}",
            palette.name(&name),
            palette.signed(1.0, "1"),
            palette.dim(&format!("(seed: ∂{name}/∂{name} = 1)"))
        )
    }

    /// Does the next step: passes one node's gradient to its inputs and,
    /// if `out` is given, writes the lines that show it. Returns `false`
    /// when there was no step left.
    pub fn step(&mut self, out: Option<&mut dyn Write>, palette: Palette) -> io::Result<bool> {
        let Some(&id) = self.order.get(self.next) else {
            return Ok(false);
        };
        self.next += 1;
        self.graph.set_grad_state(id, GradState::Fresh);
        let op = self.graph.op(id);
        let upstream = self.pass[id.index()];
        let partials = self.graph.partials(id);
        let mut lines = Vec::new();
        for (slot, (&input, partial)) in op.inputs().as_slice().iter().zip(partials).enumerate() {
            if self.graph.op(input) == Op::Const {
                continue;
            }
            self.pass[input.index()] += partial * upstream;
            self.received[input.index()] += 1;
            self.graph.set_grad(input, self.pass[input.index()]);
            self.graph.set_grad_state(input, GradState::Partial);
            if out.is_some() {
                lines.push(self.contribution_line(palette, id, slot, input, upstream));
            }
        }
        if let Some(out) = out {
            writeln!(
                out,
                "{}  {}",
                palette.dim(&format!("step {}/{}", self.next, self.total())),
                palette.bold(&node_text::formula(self.graph, id))
            )?;
            for line in lines {
                writeln!(out, "  {line}")?;
            }
        }
        Ok(true)
    }

    /// One contribution: `a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6`.
    fn contribution_line(
        &self,
        palette: Palette,
        id: NodeId,
        slot: usize,
        input: NodeId,
        upstream: f64,
    ) -> String {
        let graph = &*self.graph;
        let out_name = graph.display_name(id);
        let in_name = graph.display_name(input);
        let local = node_text::local_derivative(graph, id, slot);
        let mut line = format!(
            "{}.grad += ∂{out_name}/∂{in_name} ({local}) × {out_name}.grad ({})  → {}",
            palette.name(&in_name),
            short(upstream),
            palette.signed(self.pass[input.index()], &short(self.pass[input.index()]))
        );
        let (received, uses) = (self.received[input.index()], self.uses[input.index()]);
        if received >= 2 {
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
                    "↑ {in_name} is used {times}: contributions add (use {received} of {uses})"
                ))
            ));
        }
        line
    }

    /// Marks every gradient under the root as final (call after the last
    /// step, or instead of the remaining steps via [`Stepper::finish_quietly`]).
    fn mark_all_fresh(&mut self) {
        for id in self.graph.subgraph(self.root) {
            if self.graph.op(id) != Op::Const {
                self.graph.set_grad_state(id, GradState::Fresh);
            }
        }
    }

    /// Does every remaining step without writing anything; the gradients
    /// end as `backward` leaves them.
    pub fn finish_quietly(&mut self) {
        while self.next < self.order.len() {
            let _ = self.step(None, Palette::plain());
        }
        self.mark_all_fresh();
    }

    /// Ends the pass where it is. A gradient is final once every use of
    /// its node has passed its share back; one that has some shares but not
    /// all keeps the `Partial` state. Returns how many are left partial.
    pub fn stop(mut self) -> usize {
        if self.is_finished() {
            self.mark_all_fresh();
            return 0;
        }
        let mut partial = 0;
        for id in self.graph.subgraph(self.root) {
            let (received, uses) = (self.received[id.index()], self.uses[id.index()]);
            if self.graph.op(id) == Op::Const || received == 0 {
                continue;
            }
            if received == uses {
                self.graph.set_grad_state(id, GradState::Fresh);
            } else {
                partial += 1;
            }
        }
        partial
    }

    /// Finishes the pass after the last step was shown.
    pub fn finish(mut self) {
        self.finish_quietly();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
