//! `:paths L a`: the chain rule as a sum over paths. Every path from `a` up
//! to `L` contributes the product of the local derivatives along it, and
//! the sum of those products is `dL/da` — the number backward stores in
//! `a.grad`. The engine finds and counts the paths ([`Graph::paths`]); this
//! module writes at most [`MAX_PATHS`] of them, a very long path as its
//! ends and how many factors sit between them.

use std::io::{self, Write};

use super::node_text::{self, short};
use crate::engine::paths::{Path, PathSum};
use crate::engine::{GradState, Graph, NodeId};
use crate::text::{self, number, wrap, Style};

/// Paths written out; the rest are counted.
pub const MAX_PATHS: usize = 10;
/// Factors shown at each end of a path longer than twice this.
const END_FACTORS: usize = 3;
/// With more paths than this to write, a long path leaves out more of its
/// middle rather than taking several lines.
const COMPACT_FROM: usize = 3;

/// Writes the paths from `from` to `root` and their sum.
pub fn write(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    root: NodeId,
    from: NodeId,
) -> io::Result<()> {
    let (root_name, from_name) = (
        node_text::operand_name(graph, root),
        node_text::operand_name(graph, from),
    );
    let PathSum { total, paths, sum } = graph.paths(root, from, MAX_PATHS);
    if total == 0 {
        return writeln!(
            out,
            "{root_name} does not depend on {from_name}: there is no path from {from_name} to {root_name}, so d{root_name}/d{from_name} = 0."
        );
    }
    let header = format!(
        "d{root_name}/d{from_name} = the sum over {} from {from_name} to {root_name} of the product of the local derivatives along {}:",
        count_text(total, "path"),
        if total == 1 { "it" } else { "each" }
    );
    writeln!(out, "{}", wrap::paragraph(&header, style.width))?;
    // Many paths: each keeps to one row where it can, so they fit a screen.
    let compact = paths.len() > COMPACT_FROM;
    for path in &paths {
        write_path(out, style, graph, from, path, compact)?;
    }
    if total > paths.len() as u128 {
        let rest = total - paths.len() as u128;
        writeln!(
            out,
            "{}",
            style
                .palette
                .dim(&format!("  … {} not shown", count_text(rest, "more path")))
        )?;
    }
    writeln!(
        out,
        "sum = {}",
        style.palette.signed(sum, &number::eye_in_view(sum))
    )?;
    write_comparison(out, style, graph, root, from, sum)
}

/// `  a → e → d → L:  ∂e/∂a (= b = -3) × … = 6` when that fits the width.
/// A long path (its middle already left out) among many (`compact`)
/// keeps fewer factors at each end until its row fits, so ten of them
/// still fit a screen; any other keeps its factors and goes on the next
/// lines instead:
/// the route on its own line, the product under it, broken only before a
/// `→`, a `×` or the `=`, so no factor is cut in two.
fn write_path(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    from: NodeId,
    path: &Path,
    compact: bool,
) -> io::Result<()> {
    let mut nodes = vec![node_text::operand_name(graph, from)];
    let mut factors = Vec::new();
    let mut previous = from;
    for edge in &path.edges {
        let consumer = graph.display_name(edge.consumer);
        factors.push(format!(
            "∂{consumer}/∂{} ({})",
            graph.display_name(previous),
            node_text::local_derivative(graph, edge.consumer, edge.slot)
        ));
        nodes.push(consumer);
        previous = edge.consumer;
    }
    // The product's factors, `ends` at each end, and `= 6` after them.
    let product = |ends: usize| -> (Vec<String>, String) {
        let result = format!("= {}", short(path.product));
        match ends {
            _ if factors.is_empty() => (
                vec![format!(
                    "1 (the empty product: {} is the result itself)",
                    nodes[0]
                )],
                String::new(),
            ),
            0 => (
                vec![format!("{} factors", text::thousands(factors.len()))],
                result,
            ),
            _ => (elide(&factors, ends), result),
        }
    };
    let (palette, width) = (style.palette, style.width);
    let long = factors.len() > 2 * END_FACTORS + 1;
    let tries: &[(usize, usize)] = if long && compact {
        &[(END_FACTORS, END_FACTORS), (2, 2), (1, 1), (1, 0)]
    } else {
        &[(END_FACTORS, END_FACTORS)]
    };
    for &(route_ends, factor_ends) in tries {
        let route = elide(&nodes, route_ends).join(" → ");
        let (kept, result) = product(factor_ends);
        let product = format!("{} {result}", kept.join(" × "));
        let product = product.trim_end();
        if text::display_width(&format!("  {route}:  {product}")) <= width {
            return writeln!(out, "  {}:  {product}", palette.name(&route));
        }
    }
    let route_lines = broken_before(&elide(&nodes, END_FACTORS), "→ ", "  ", width);
    let last = route_lines.len() - 1;
    for (i, line) in route_lines.iter().enumerate() {
        let colon = if i == last { ":" } else { "" };
        writeln!(out, "{}{colon}", palette.name(line))?;
    }
    let (kept, result) = product(END_FACTORS);
    let mut lines = broken_before(&kept, "× ", "    ", width);
    if let Some(line) = lines.last_mut().filter(|_| !result.is_empty()) {
        if text::display_width(line) + 1 + text::display_width(&result) <= width {
            *line = format!("{line} {result}");
        } else {
            lines.push(format!("      {result}"));
        }
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `items` into lines of at most `width` columns, the first indented by
/// `indent`, the rest two deeper; each item after the first starts with
/// `mark` (`→ `, `× `), so a line breaks only between items and a
/// continued line says how it goes on.
fn broken_before(items: &[String], mark: &str, indent: &str, width: usize) -> Vec<String> {
    let mut marked = vec![format!("{indent}{}", items[0])];
    marked.extend(items[1..].iter().map(|item| format!("{mark}{item}")));
    wrap::pack_hanging(&marked, " ", width, text::display_width(indent) + 2)
}

/// `items`, keeping only `ends` at each end of a long list, with the count
/// of those left out between them: `a`, `b`, `c`, `…(4 more)…`, `x`, `y`, `z`.
fn elide(items: &[String], ends: usize) -> Vec<String> {
    if items.len() <= 2 * ends + 1 {
        return items.to_vec();
    }
    let hidden = items.len() - 2 * ends;
    let mut kept = items[..ends].to_vec();
    kept.push(format!("…({} more)…", text::thousands(hidden)));
    kept.extend_from_slice(&items[items.len() - ends..]);
    kept
}

/// How the sum relates to what `from.grad` holds now.
fn write_comparison(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    root: NodeId,
    from: NodeId,
    sum: f64,
) -> io::Result<()> {
    let (root_name, from_name) = (graph.display_name(root), graph.display_name(from));
    let held = graph.grad(from);
    let same = held == sum || (held - sum).abs() <= 1e-9 * held.abs().max(sum.abs()).max(1.0);
    let held_text = number::eye_in_view(held);
    let doubt = match graph.grad_state(from) {
        GradState::Unset => {
            let text = format!(
                "{from_name}.grad is not computed yet: {root_name}.backward() will store this sum in it"
            );
            return writeln!(
                out,
                "{}",
                style.palette.dim(&wrap::paragraph(&text, style.width))
            );
        }
        GradState::Stale => Some("it is marked stale: computed before a value changed"),
        GradState::Partial => {
            Some("it is marked partial: a :step was stopped before all contributions arrived")
        }
        GradState::Fresh => None,
    };
    let text = match (same, doubt) {
        (true, None) => format!(
            "{from_name}.grad = {held_text}: the same number, because backward adds up exactly these products"
        ),
        (true, Some(doubt)) => format!(
            "{from_name}.grad = {held_text}: the same number here, though {doubt}"
        ),
        (false, doubt) => format!(
            "{from_name}.grad holds {held_text}, not the sum: {}. :zero then {root_name}.backward() gives the sum",
            doubt.unwrap_or("backward ran more than once (gradients add up) or from another result")
        ),
    };
    writeln!(
        out,
        "{}",
        style.palette.dim(&wrap::paragraph(&text, style.width))
    )
}

/// `1 path`, `12 paths`, `about 3.4e38 paths`.
fn count_text(count: u128, noun: &str) -> String {
    let number = if count == u128::MAX {
        "more than 3.4e38".to_string()
    } else if count < 1_000_000_000_000 {
        text::thousands(count as usize)
    } else {
        format!("about {}", number::short(count as f64, 3))
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{number} {noun}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(graph: &Graph, root: NodeId, from: NodeId) -> String {
        let mut out = Vec::new();
        write(&mut out, Style::plain(), graph, root, from).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn reused_node_has_one_path_per_use() {
        let mut g = Graph::new();
        let a = g.leaf(3.0);
        g.label_if_unset(a, "a");
        let b = g.add(a, a);
        g.label_if_unset(b, "b");
        let text = render(&g, b, a);
        assert!(text.contains("sum over 2 paths"), "{text}");
        assert!(text.contains("sum = 2"), "{text}");
    }

    #[test]
    fn exponential_path_counts_saturate_and_list_ten() {
        let mut g = Graph::new();
        let x = g.leaf(1.0);
        let mut y = x;
        for _ in 0..200 {
            y = g.mul(y, y);
        }
        let text = render(&g, y, x);
        assert!(text.contains("more than 3.4e38 paths"), "{text}");
        assert_eq!(
            text.lines().filter(|l| l.starts_with("  #")).count(),
            MAX_PATHS
        );
    }
}
