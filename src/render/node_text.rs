//! How the views write one node: its name, the formula that made it, its
//! gradient with the state that says whether to trust it, and the legend
//! that explains those states. Shared by `show`, `:vars`, `:step`,
//! `:paths` and `:check`, so a node reads the same in every view.

use crate::engine::{GradState, Graph, NodeId, Op};
use std::io::{self, Write};

use crate::text::{number, thousands, wrap, Palette, Style};

/// Significant digits in tables and trees: enough to tell values apart,
/// short enough to align (signs and magnitudes are never hidden).
pub const TABLE_DIGITS: usize = 6;

/// A value rounded for a table or tree.
pub fn short(x: f64) -> String {
    number::short(x, TABLE_DIGITS)
}

/// How a node appears inside another node's formula: its name, or for an
/// unnamed constant its value (`2` in `#3 = 2 * x`).
pub fn operand_name(graph: &Graph, id: NodeId) -> String {
    if graph.op(id) == Op::Const && graph.label(id).is_none() {
        short(graph.value(id))
    } else {
        graph.display_name(id)
    }
}

/// The [`operand_name`]s of a node's inputs, in operand order.
fn operand_names(graph: &Graph, id: NodeId) -> Vec<String> {
    let inputs = graph.op(id).inputs();
    inputs
        .as_slice()
        .iter()
        .map(|&input| operand_name(graph, input))
        .collect()
}

/// The right-hand side that computed a node: `d * f`, `tanh(n)`, `-a`;
/// for a leaf or constant just its name.
pub fn expression(graph: &Graph, id: NodeId) -> String {
    let op = graph.op(id);
    let names = operand_names(graph, id);
    match (op, names.as_slice()) {
        (Op::Neg(_), [x]) => format!("-{x}"),
        (_, [x, y]) => format!("{x} {} {y}", op.symbol()),
        (_, [x]) => format!("{}({x})", op.symbol()),
        _ => operand_name(graph, id),
    }
}

/// A node with the formula that made it: `L = d * f`, `a` for a leaf,
/// `2 (constant)` for a literal.
pub fn formula(graph: &Graph, id: NodeId) -> String {
    match graph.op(id) {
        Op::Leaf => graph.display_name(id),
        Op::Const => format!("{} (constant)", operand_name(graph, id)),
        _ => format!("{} = {}", graph.display_name(id), expression(graph, id)),
    }
}

/// The local derivative of `consumer` with respect to its operand `slot`,
/// as the rule and its number: `= b = -3` for `∂e/∂a` of `e = a * b`, or
/// just `= 1` when the rule is a number.
pub fn local_derivative(graph: &Graph, consumer: NodeId, slot: usize) -> String {
    let op = graph.op(consumer);
    let operands = operand_names(graph, consumer);
    let first = operands.first().map_or("", String::as_str);
    let second = operands.get(1).map_or("", String::as_str);
    let rule = match (op, slot) {
        // The views write powers as the learner types them, `**` (in
        // Python `^` is XOR); `pow?`'s help keeps the math notation.
        (Op::Pow(..), 0) => format!("{second}·{first}**({second}-1)"),
        (Op::Pow(..), _) => format!("{first}**{second}·ln {first}"),
        _ => op.rule_text(slot, first, second),
    };
    let value = short(graph.partials(consumer)[slot]);
    if rule == value || rule.parse::<f64>().is_ok() {
        format!("= {value}")
    } else {
        format!("= {rule} = {value}")
    }
}

/// A gradient written by `format`, with a marker when its state says not
/// to trust it (the marker survives piping, where dimming does not); `-`
/// for a constant, which never receives one.
pub fn grad_text(graph: &Graph, id: NodeId, format: fn(f64) -> String) -> String {
    let (number, marker) = grad_parts(graph, id, format);
    number + marker
}

/// [`grad_text`] in two parts, the number and the state marker, so a
/// column can align the numbers.
pub fn grad_parts(graph: &Graph, id: NodeId, format: fn(f64) -> String) -> (String, &'static str) {
    if graph.op(id) == Op::Const {
        return ("-".into(), "");
    }
    let marker = match graph.grad_state(id) {
        GradState::Stale => " (stale)",
        GradState::Partial => " (partial)",
        GradState::Fresh | GradState::Unset => "",
    };
    (format(graph.grad(id)), marker)
}

/// Paints already padded gradient text: by sign when fresh, dimmed when
/// stale, partial or never computed.
pub fn paint_grad(palette: Palette, graph: &Graph, id: NodeId, padded: &str) -> String {
    match graph.grad_state(id) {
        GradState::Fresh => palette.signed(graph.grad(id), padded),
        _ => palette.dim(padded),
    }
}

/// Which untrustworthy gradient states a view has shown, for its legend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatesSeen {
    stale: bool,
    partial: bool,
}

impl StatesSeen {
    /// Notes the state of a node that was shown.
    pub fn note(&mut self, graph: &Graph, id: NodeId) {
        match graph.grad_state(id) {
            GradState::Stale => self.stale = true,
            GradState::Partial => self.partial = true,
            GradState::Fresh | GradState::Unset => {}
        }
    }

    /// Writes the legend for what was seen, each line wrapped to the
    /// terminal's width (nothing when every gradient shown can be trusted).
    pub fn write_legend(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        for legend in self.legend() {
            writeln!(
                out,
                "{}",
                style.palette.dim(&wrap::paragraph(legend, style.width))
            )?;
        }
        Ok(())
    }

    /// The legend lines for what was seen (none when every gradient shown
    /// can be trusted).
    fn legend(&self) -> Vec<&'static str> {
        let mut lines = Vec::new();
        if self.stale {
            lines.push(
                "(stale): computed before a value changed; run :zero then backward to refresh",
            );
        }
        if self.partial {
            lines.push(
                "(partial): a :step was stopped before every contribution arrived; run :zero then backward",
            );
        }
        lines
    }
}

/// How many nodes of each operation, most common first: `49,999 *, 1 leaf`.
pub fn op_counts(graph: &Graph, ids: impl IntoIterator<Item = NodeId>) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for id in ids {
        let symbol = graph.op(id).symbol();
        match counts.iter_mut().find(|(s, _)| *s == symbol) {
            Some((_, count)) => *count += 1,
            None => counts.push((symbol, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .iter()
        .map(|(symbol, count)| format!("{} {symbol}", thousands(*count)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_name_operands_and_inline_constants() {
        let mut g = Graph::new();
        let a = g.leaf(2.0);
        g.label_if_unset(a, "a");
        let two = g.constant(2.0);
        let t = g.mul(two, a);
        let n = g.neg(t);
        let o = g.tanh(n);
        g.label_if_unset(o, "o");
        assert_eq!(formula(&g, a), "a");
        assert_eq!(formula(&g, two), "2 (constant)");
        assert_eq!(formula(&g, t), "#2 = 2 * a");
        assert_eq!(formula(&g, n), "#3 = -#2");
        assert_eq!(formula(&g, o), "o = tanh(#3)");
        assert_eq!(grad_text(&g, two, short), "-");
    }

    #[test]
    fn op_counts_list_the_most_common_first() {
        let mut g = Graph::new();
        let a = g.leaf(1.0);
        let b = g.add(a, a);
        let c = g.add(b, a);
        assert_eq!(op_counts(&g, [a, b, c]), "2 +, 1 leaf");
    }
}
