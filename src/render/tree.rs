//! `show L`: the graph under L as a tree, one node a line with the formula
//! that made it, its value and its gradient. A node used in several places
//! (a DAG) is drawn once and referred to where it recurs; literal constants
//! appear inside their parent's formula instead of on lines of their own.
//!
//! The walk is iterative and bounded: at most [`MAX_LINES`] lines and
//! [`MAX_DEPTH`] levels are drawn, and a note counts, per operation, the
//! nodes left out — so `show` on a 100,000-node graph or a network's loss
//! answers at once and fits on a screen.

use std::io::{self, Write};

use super::node_text::{self, StatesSeen};
use crate::engine::{Graph, NodeId, Op};
use crate::text::{self, Palette, Style};

/// Most node lines drawn before the tree is cut short.
pub const MAX_LINES: usize = 200;
/// Deepest level drawn (the root is level 0); deeper parts are cut.
pub const MAX_DEPTH: usize = 12;
/// The node column is padded to at most this width, so one long formula
/// does not push every number off screen.
const MAX_NODE_WIDTH: usize = 72;

/// What one line of the tree shows.
enum LineKind {
    /// A node drawn with its formula.
    Node(NodeId),
    /// A node already drawn above, referred to by name.
    Again(NodeId),
    /// Children below the depth limit.
    Cut,
}

struct Line {
    prefix: String,
    kind: LineKind,
}

struct Frame {
    id: NodeId,
    depth: usize,
    last: bool,
}

/// Writes the tree of the graph under `root`.
pub fn write(out: &mut dyn Write, style: Style, graph: &Graph, root: NodeId) -> io::Result<()> {
    let (lines, drawn, cut_short) = layout(graph, root);
    let texts: Vec<(String, String, (String, &str))> = lines
        .iter()
        .map(|line| {
            let (node, data, grad) = match line.kind {
                LineKind::Node(id) => (
                    node_text::formula(graph, id),
                    node_text::short(graph.value(id)),
                    node_text::grad_parts(graph, id, node_text::short),
                ),
                LineKind::Again(id) => (
                    format!("{} (shared: see above)", graph.display_name(id)),
                    node_text::short(graph.value(id)),
                    node_text::grad_parts(graph, id, node_text::short),
                ),
                LineKind::Cut => (
                    "… deeper nodes not drawn".into(),
                    String::new(),
                    (String::new(), ""),
                ),
            };
            (format!("{}{node}", line.prefix), data, grad)
        })
        .collect();
    let node_width = text::column_width(texts.iter().map(|t| t.0.as_str()), 4).min(MAX_NODE_WIDTH);
    let data_width = text::column_width(texts.iter().map(|t| t.1.as_str()), 4);
    let grad_width = text::column_width(texts.iter().map(|t| t.2 .0.as_str()), 4);
    writeln!(
        out,
        "{}",
        style.palette.dim(&text::aligned_row(
            &["node", "data", "grad"],
            &[node_width, data_width, grad_width]
        ))
    )?;
    let mut states = StatesSeen::default();
    for (line, (node, data, (grad, marker))) in lines.iter().zip(&texts) {
        let id = match line.kind {
            LineKind::Node(id) | LineKind::Again(id) => id,
            LineKind::Cut => {
                writeln!(out, "{}", style.palette.dim(node))?;
                continue;
            }
        };
        states.note(graph, id);
        let (prefix, rest) = node.split_at(line.prefix.len());
        let rest = text::pad_right(rest, node_width.saturating_sub(prefix.chars().count()));
        let rest = match line.kind {
            LineKind::Again(_) => style.palette.dim(&rest),
            _ => rest,
        };
        writeln!(
            out,
            "{}{rest}  {}  {}",
            style.palette.dim(prefix),
            text::pad_left(data, data_width),
            node_text::paint_grad(
                style.palette,
                graph,
                id,
                &format!("{}{marker}", text::pad_left(grad, grad_width))
            )
        )?;
    }
    if cut_short {
        write_not_drawn(out, style.palette, graph, root, &drawn)?;
    }
    states.write_legend(out, style)?;
    Ok(())
}

/// The lines to draw, which nodes they drew, and whether anything was
/// left out. Depth-first, operands in order, with an explicit stack.
fn layout(graph: &Graph, root: NodeId) -> (Vec<Line>, Vec<bool>, bool) {
    let mut drawn = vec![false; root.index() + 1];
    let mut lines = Vec::new();
    let mut cut_short = false;
    // lasts[k]: whether the node on the current path at level k + 1 is
    // its parent's last child (decides between `│  ` and blank).
    let mut lasts: Vec<bool> = Vec::new();
    let mut stack = vec![Frame {
        id: root,
        depth: 0,
        last: true,
    }];
    while let Some(frame) = stack.pop() {
        if lines.len() >= MAX_LINES {
            cut_short = true;
            break;
        }
        let prefix = if frame.depth == 0 {
            String::new()
        } else {
            lasts.truncate(frame.depth - 1);
            let mut prefix: String = lasts
                .iter()
                .map(|&last| if last { "   " } else { "│  " })
                .collect();
            prefix.push_str(if frame.last { "└─ " } else { "├─ " });
            lasts.push(frame.last);
            prefix
        };
        let id = frame.id;
        if drawn[id.index()] {
            lines.push(Line {
                prefix,
                kind: LineKind::Again(id),
            });
            continue;
        }
        drawn[id.index()] = true;
        lines.push(Line {
            prefix,
            kind: LineKind::Node(id),
        });
        let children: Vec<NodeId> = graph
            .op(id)
            .inputs()
            .as_slice()
            .iter()
            .copied()
            .filter(|&input| graph.op(input) != Op::Const)
            .collect();
        if children.is_empty() {
            continue;
        }
        if frame.depth >= MAX_DEPTH {
            cut_short = true;
            let cut = Line {
                prefix: next_prefix(&lasts, frame.depth + 1),
                kind: LineKind::Cut,
            };
            if lines.len() < MAX_LINES {
                lines.push(cut);
            }
            continue;
        }
        for (i, &child) in children.iter().enumerate().rev() {
            stack.push(Frame {
                id: child,
                depth: frame.depth + 1,
                last: i + 1 == children.len(),
            });
        }
    }
    (lines, drawn, cut_short)
}

/// The prefix of a last child at `depth` under the current path.
fn next_prefix(lasts: &[bool], depth: usize) -> String {
    let mut prefix: String = lasts[..depth.saturating_sub(1).min(lasts.len())]
        .iter()
        .map(|&last| if last { "   " } else { "│  " })
        .collect();
    prefix.push_str("└─ ");
    prefix
}

/// The note under a tree that was cut short: how many nodes, of which
/// operations, and how to see them.
fn write_not_drawn(
    out: &mut dyn Write,
    palette: Palette,
    graph: &Graph,
    root: NodeId,
    drawn: &[bool],
) -> io::Result<()> {
    let hidden: Vec<NodeId> = graph
        .subgraph(root)
        .into_iter()
        .filter(|&id| !drawn[id.index()] && graph.op(id) != Op::Const)
        .collect();
    if hidden.is_empty() {
        return Ok(());
    }
    let name = graph.display_name(root);
    writeln!(
        out,
        "{}",
        palette.dim(&format!(
            "… {} not drawn ({}): at most {MAX_LINES} lines and {MAX_DEPTH} levels are shown. \
             Show a part by name, or write all of it with :dot {name} FILE",
            text::count(hidden.len(), "more node", "more nodes"),
            node_text::op_counts(graph, hidden.iter().copied())
        ))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(graph: &Graph, root: NodeId) -> String {
        let mut out = Vec::new();
        write(&mut out, Style::plain(), graph, root).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn shared_node_is_drawn_once_then_referred_to() {
        let mut g = Graph::new();
        let a = g.leaf(3.0);
        g.label_if_unset(a, "a");
        let b = g.add(a, a);
        g.label_if_unset(b, "b");
        let text = render(&g, b);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[1].starts_with("b = a + a"));
        assert!(lines[2].starts_with("├─ a "));
        assert!(lines[3].starts_with("└─ a (shared: see above)"));
    }

    #[test]
    fn deep_chain_is_cut_with_counts() {
        let mut g = Graph::new();
        let mut x = g.leaf(1.0);
        for _ in 0..1000 {
            x = g.tanh(x);
        }
        let text = render(&g, x);
        assert!(text.contains("… deeper nodes not drawn"), "{text}");
        assert!(
            text.contains("988 more nodes not drawn (987 tanh, 1 leaf)"),
            "{text}"
        );
    }
}
