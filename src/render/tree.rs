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
use crate::text::{self, wrap, Style};

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

/// How a tree is drawn: the wide shape first; where its rows do not fit
/// the width, narrower indents and a shorter note, then fewer levels.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// Columns each level indents (3: `│  `, 2: `│ `).
    indent: usize,
    /// What follows the name of a node drawn above.
    shared: &'static str,
    /// Deepest level drawn.
    max_depth: usize,
}

const WIDE: Shape = Shape {
    indent: 3,
    shared: " (shared: see above)",
    max_depth: MAX_DEPTH,
};

/// The shapes to try at `width`, widest first.
fn shapes() -> impl Iterator<Item = Shape> {
    let narrow = Shape {
        indent: 2,
        shared: " (shared)",
        max_depth: MAX_DEPTH,
    };
    let shallower = (2..MAX_DEPTH).rev().map(move |max_depth| Shape {
        max_depth,
        ..narrow
    });
    [WIDE, narrow].into_iter().chain(shallower)
}

/// One row's texts: the prefixed node, its data, its gradient and marker.
type Row = (String, String, (String, &'static str));

/// The rows of a layout, and the widths of their node, data and grad
/// columns.
fn rows(graph: &Graph, lines: &[Line], shape: Shape) -> (Vec<Row>, [usize; 3]) {
    let texts: Vec<Row> = lines
        .iter()
        .map(|line| {
            let (node, data, grad) = match line.kind {
                LineKind::Node(id) => (
                    node_text::formula(graph, id),
                    node_text::short(graph.value(id)),
                    node_text::grad_parts(graph, id, node_text::short),
                ),
                LineKind::Again(id) => (
                    format!("{}{}", graph.display_name(id), shape.shared),
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
    // A cut line has no numbers: it does not widen the node column.
    let nodes = lines
        .iter()
        .zip(&texts)
        .filter(|(line, _)| !matches!(line.kind, LineKind::Cut))
        .map(|(_, t)| t.0.as_str());
    let node_width = text::column_width(nodes, 4).min(MAX_NODE_WIDTH);
    let data_width = text::column_width(texts.iter().map(|t| t.1.as_str()), 4);
    let grad_width = text::column_width(texts.iter().map(|t| t.2 .0.as_str()), 4);
    (texts, [node_width, data_width, grad_width])
}

/// Columns the widest row of `texts` takes at these column widths (a
/// cut line, which has no numbers, its own text).
fn widest_row(lines: &[Line], texts: &[Row], [node, data, grad]: [usize; 3]) -> usize {
    let marker = texts.iter().map(|t| t.2 .1.len()).max().unwrap_or(0);
    lines
        .iter()
        .zip(texts)
        .map(|(line, t)| match line.kind {
            LineKind::Cut => text::display_width(&t.0),
            _ => text::display_width(&t.0).max(node) + 2 + data + 2 + grad + marker,
        })
        .max()
        .unwrap_or(0)
}

/// Writes the tree of the graph under `root`, in the widest shape whose
/// rows fit `style.width`: a deep tree at 60 columns gets two-column
/// indents, then fewer levels (saying which parts to show by name).
pub fn write(out: &mut dyn Write, style: Style, graph: &Graph, root: NodeId) -> io::Result<()> {
    let mut chosen = None;
    for shape in shapes() {
        let (lines, drawn, cut_short) = layout(graph, root, shape);
        let (texts, widths) = rows(graph, &lines, shape);
        let fits = widest_row(&lines, &texts, widths) <= style.width;
        chosen = Some((shape, lines, drawn, cut_short, texts, widths));
        if fits {
            break;
        }
    }
    let Some((mut shape, mut lines, mut drawn, mut cut_short, mut texts, mut widths)) = chosen
    else {
        return Ok(());
    };
    if widest_row(&lines, &texts, widths) > style.width && shape.max_depth < MAX_DEPTH {
        // No depth fits (long labels): draw it all, narrow, and let the
        // terminal wrap, rather than cut it for nothing.
        shape.max_depth = MAX_DEPTH;
        (lines, drawn, cut_short) = layout(graph, root, shape);
        (texts, widths) = rows(graph, &lines, shape);
    }
    let [node_width, data_width, grad_width] = widths;
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
        write_not_drawn(out, style, graph, root, &drawn, &lines, shape)?;
    }
    states.write_legend(out, style)?;
    Ok(())
}

/// The lines to draw, which nodes they drew, and whether anything was
/// left out. Depth-first, operands in order, with an explicit stack.
fn layout(graph: &Graph, root: NodeId, shape: Shape) -> (Vec<Line>, Vec<bool>, bool) {
    let (bar, blank, middle, last) = match shape.indent {
        3 => ("│  ", "   ", "├─ ", "└─ "),
        _ => ("│ ", "  ", "├ ", "└ "),
    };
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
                .map(|&is_last| if is_last { blank } else { bar })
                .collect();
            prefix.push_str(if frame.last { last } else { middle });
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
        if frame.depth >= shape.max_depth {
            cut_short = true;
            let cut = Line {
                prefix: next_prefix(&lasts, frame.depth + 1, (bar, blank, last)),
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

/// The prefix of a last child at `depth` under the current path, drawn
/// with `(bar, blank, last)`.
fn next_prefix(lasts: &[bool], depth: usize, (bar, blank, last): (&str, &str, &str)) -> String {
    let mut prefix: String = lasts[..depth.saturating_sub(1).min(lasts.len())]
        .iter()
        .map(|&is_last| if is_last { blank } else { bar })
        .collect();
    prefix.push_str(last);
    prefix
}

/// The note under a tree that was cut short: how many nodes, of which
/// operations, and how to see them.
fn write_not_drawn(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    root: NodeId,
    drawn: &[bool],
    lines: &[Line],
    shape: Shape,
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
    let not_drawn = format!(
        "… {} not drawn ({})",
        text::count(hidden.len(), "more node", "more nodes"),
        node_text::op_counts(graph, hidden.iter().copied())
    );
    let note = if shape.max_depth < MAX_DEPTH {
        // Cut to fit the terminal: name the parts a learner can show.
        let mut parts: Vec<String> = Vec::new();
        for id in cut_below(lines).flat_map(|id| named_parts(graph, id)) {
            let part = format!("show {}", graph.display_name(id));
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts.truncate(3);
        let parts = match parts.is_empty() {
            true => format!("Show a part by name, or write all of it with :dot {name} FILE"),
            false => format!("To see the rest: {}", parts.join(", ")),
        };
        format!(
            "{not_drawn}: {} levels fit {} columns. {parts}.",
            shape.max_depth + 1,
            style.width
        )
    } else {
        format!(
            "{not_drawn}: at most {MAX_LINES} lines and {MAX_DEPTH} levels are shown. \
             Show a part by name, or write all of it with :dot {name} FILE"
        )
    };
    writeln!(
        out,
        "{}",
        style.palette.dim(&wrap::paragraph(&note, style.width))
    )
}

/// What to `show` to see below `cut`, a node whose inputs were not drawn:
/// its named inputs that have inputs of their own (`h1` under `#25 = v1 *
/// h1`), else `cut` itself when it is named.
fn named_parts(graph: &Graph, cut: NodeId) -> Vec<NodeId> {
    let inputs = graph.op(cut).inputs();
    let named: Vec<NodeId> = inputs
        .as_slice()
        .iter()
        .copied()
        .filter(|&id| graph.label(id).is_some() && !graph.op(id).inputs().as_slice().is_empty())
        .collect();
    match (named.is_empty(), graph.label(cut)) {
        (true, Some(_)) => vec![cut],
        _ => named,
    }
}

/// The nodes whose inputs a layout cut (each drawn just above a
/// [`LineKind::Cut`] line), in the order drawn.
fn cut_below(lines: &[Line]) -> impl Iterator<Item = NodeId> + '_ {
    lines.windows(2).filter_map(|pair| match pair {
        [Line {
            kind: LineKind::Node(id),
            ..
        }, Line {
            kind: LineKind::Cut,
            ..
        }] => Some(*id),
        _ => None,
    })
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
