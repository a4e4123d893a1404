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
use super::wrap;
use crate::engine::{BackwardSteps, Contribution, Graph, NodeId, Op};
use crate::text::{self, Style};

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
        let seed = format!("{name}.grad = 1");
        let note = format!("(seed: ∂{name}/∂{name} = 1)");
        // A long name puts the note under the seed, so the line fits.
        let note = if text::display_width(&format!("{seed}   {note}")) <= style.width {
            format!("   {}", style.palette.dim(&note))
        } else {
            let lines = wrap::hanging(&note, "  ", style.width);
            format!("\n{}", style.palette.dim(&lines))
        };
        writeln!(
            out,
            "{}.grad = {}{note}",
            style.palette.name(&name),
            style.palette.signed(1.0, "1"),
        )
    }

    /// Does the next step: passes one node's gradient to its inputs and,
    /// if `out` is given, writes the lines that show it. Returns `false`
    /// when there was no step left.
    /// Every line fits `style.width`: a long one breaks between the
    /// chain rule's parts (before `× e.grad`, before `→`), never inside one.
    pub fn step(&mut self, out: Option<&mut dyn Write>, style: Style) -> io::Result<bool> {
        let Some(step) = self.steps.step() else {
            return Ok(false);
        };
        let Some(out) = out else {
            return Ok(true);
        };
        let (palette, width) = (style.palette, style.width);
        let graph = self.steps.graph();
        let label = format!("step {}/{}  ", self.done(), self.total());
        let formula = wrap::hanging(&node_text::formula(graph, step.node), &label, width);
        for (i, line) in formula.lines().enumerate() {
            let (lead, rest) = line.split_at(if i == 0 { label.len() } else { 0 });
            let lead = match i {
                0 => palette.dim(lead.trim_end()) + "  ",
                _ => String::new(),
            };
            writeln!(out, "{lead}{}", palette.bold(rest))?;
        }
        for contribution in &step.contributions {
            for line in contribution_lines(graph, style, contribution) {
                writeln!(out, "{line}")?;
            }
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

/// One contribution, `  a.grad += ∂e/∂a (= b = -3) × e.grad (-2)  → 6`,
/// as the lines it takes at `style.width`: where it does not fit it breaks
/// before `(= …)`, `× e.grad` or `→`, the lines after the first hanging
/// under the `∂`; a reused node's note follows under the `+=`.
fn contribution_lines(graph: &Graph, style: Style, contribution: &Contribution) -> Vec<String> {
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
    let (palette, width) = (style.palette, style.width);
    let out_name = graph.display_name(node);
    let in_name = graph.display_name(input);
    let local = node_text::local_derivative(graph, node, slot);
    let target = format!("{in_name}.grad += ");
    // (the separator before a part, the part, the part painted)
    let parts = [
        (
            "",
            target.trim_end().to_string(),
            format!("{}.grad +=", palette.name(&in_name)),
        ),
        (
            " ",
            format!("∂{out_name}/∂{in_name}"),
            format!("∂{out_name}/∂{in_name}"),
        ),
        (" ", format!("({local})"), format!("({local})")),
        (
            " ",
            format!("× {out_name}.grad ({})", short(upstream)),
            format!("× {out_name}.grad ({})", short(upstream)),
        ),
        (
            "  ",
            format!("→ {}", short(new_grad)),
            format!("→ {}", palette.signed(new_grad, &short(new_grad))),
        ),
    ];
    let lead = "  ";
    // Under the `∂`, or less deep where a part would not fit there.
    let widest = parts[1..]
        .iter()
        .map(|(_, plain, _)| text::display_width(plain))
        .max()
        .unwrap_or(0);
    let hang = " ".repeat(
        (lead.len() + text::display_width(&target))
            .min(width.saturating_sub(widest))
            .max(2 * lead.len()),
    );
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (separator, plain, painted) in parts {
        let part_width = text::display_width(&plain);
        match lines.last_mut() {
            Some((used, line)) if *used + separator.len() + part_width <= width => {
                *used += separator.len() + part_width;
                line.push_str(separator);
                line.push_str(&painted);
            }
            Some(_) => lines.push((hang.len() + part_width, format!("{hang}{painted}"))),
            None => lines.push((lead.len() + part_width, format!("{lead}{painted}"))),
        }
    }
    let mut lines: Vec<String> = lines.into_iter().map(|(_, line)| line).collect();
    if use_number >= 2 {
        let times = if uses == 2 {
            "twice".to_string()
        } else {
            format!("{uses} times")
        };
        // On a line of its own, the arrow under `+=`, so the row keeps
        // to its width.
        let under_plus = " "
            .repeat((lead.len() + text::display_width(&in_name) + ".grad ".len()).min(width / 4));
        let note = wrap::hanging(
            &format!("{in_name} is used {times}: contributions add (use {use_number} of {uses})"),
            &format!("{under_plus}↑ "),
            width,
        );
        lines.extend(note.lines().map(|line| palette.warning(line)));
    }
    lines
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
        while stepper.step(Some(&mut out), Style::plain()).unwrap() {}
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
        stepper.step(None, Style::plain()).unwrap();
        assert_eq!(stepper.stop(), 1);
        assert_eq!(g.grad_state(a), GradState::Partial);
        assert_eq!(g.grad_state(e), GradState::Fresh);
        assert_eq!(g.grad(a), 1.0);
    }
}
