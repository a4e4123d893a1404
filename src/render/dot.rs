//! `:dot L FILE`: the graph under L as Graphviz DOT, drawn as in the
//! lecture's `draw_dot` — a record per node (`label | data | grad`) and a
//! small node per operation between a result and its inputs. FILE's
//! extension says what is wanted ([`FileKind`]); text only: the console
//! asks its Host to run Graphviz.

use std::io::{self, Write};
use std::path::Path;

use super::node_text;
use crate::engine::{Graph, NodeId};
use crate::host::PictureFormat;

/// Graphs larger than this are not laid out by Graphviz: `dot` would take
/// minutes and draw an unreadable picture.
pub const MAX_LAYOUT_NODES: usize = 2_000;

/// Writes the DOT text of the graph under `root`.
pub fn write_dot(out: &mut dyn Write, graph: &Graph, root: NodeId) -> io::Result<()> {
    writeln!(out, "digraph micrograd {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=record, fontname=\"Helvetica\"];")?;
    for id in graph.subgraph(root) {
        let label = format!(
            "{{ {} | data {} | grad {} }}",
            node_text::operand_name(graph, id),
            node_text::short(graph.value(id)),
            node_text::grad_text(graph, id, node_text::short)
        );
        writeln!(out, "  n{} [label=\"{}\"];", id.0, escape(&label))?;
        let op = graph.op(id);
        let inputs = op.inputs();
        if inputs.as_slice().is_empty() {
            continue;
        }
        writeln!(
            out,
            "  n{0}_op [label=\"{1}\", shape=ellipse];\n  n{0}_op -> n{0};",
            id.0,
            escape(op.symbol())
        )?;
        for input in inputs.as_slice() {
            writeln!(out, "  n{} -> n{}_op;", input.0, id.0)?;
        }
    }
    writeln!(out, "}}")
}

/// Quotes what DOT record labels treat specially.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '<' | '>') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// What `:dot L FILE` writes, from FILE's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `.dot`, `.gv` or anything else: the DOT text.
    Dot,
    /// `.svg` or `.png`: a picture.
    Picture(PictureFormat),
}

impl FileKind {
    /// The kind for `path`, by its extension in any case.
    pub fn of(path: &Path) -> Self {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match extension.to_ascii_lowercase().as_str() {
            "svg" => FileKind::Picture(PictureFormat::Svg),
            "png" => FileKind::Picture(PictureFormat::Png),
            _ => FileKind::Dot,
        }
    }
}

/// The DOT text of the graph under `root`, as a string.
pub fn dot_text(graph: &Graph, root: NodeId) -> String {
    let mut text = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_dot(&mut text, graph, root);
    String::from_utf8_lossy(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_text_has_records_op_nodes_and_edges() {
        let mut g = Graph::new();
        let a = g.leaf(2.0);
        g.label_if_unset(a, "a");
        let b = g.leaf(-3.0);
        g.label_if_unset(b, "b");
        let e = g.mul(a, b);
        g.label_if_unset(e, "e");
        g.backward(e);
        let mut out = Vec::new();
        write_dot(&mut out, &g, e).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("n0 [label=\"{ a | data 2 | grad -3 }\"];"),
            "{text}"
        );
        assert!(
            text.contains("n2_op [label=\"*\", shape=ellipse];"),
            "{text}"
        );
        assert!(text.contains("n0 -> n2_op;") && text.contains("n1 -> n2_op;"));
        assert!(text.contains("n2_op -> n2;"));
        assert!(text.trim_end().ends_with('}'));
    }

    #[test]
    fn the_extension_decides_what_is_written() {
        let kind = |name: &str| FileKind::of(Path::new(name));
        assert_eq!(kind("g.dot"), FileKind::Dot);
        assert_eq!(kind("g.gv"), FileKind::Dot);
        assert_eq!(kind("g"), FileKind::Dot);
        assert_eq!(kind("g.svg"), FileKind::Picture(PictureFormat::Svg));
        assert_eq!(kind("dir.v2/G.SVG"), FileKind::Picture(PictureFormat::Svg));
        assert_eq!(kind("g.png"), FileKind::Picture(PictureFormat::Png));
    }
}
