//! `:dot L FILE`: the graph under L as Graphviz DOT, drawn as in the
//! lecture's `draw_dot` — a record per node (`label | data | grad`) and a
//! small node per operation between a result and its inputs — and, when
//! Graphviz's `dot` is on the PATH, an SVG beside it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::node_text;
use crate::engine::{Graph, NodeId};

/// Graphs larger than this are written but not laid out: `dot` would take
/// minutes and draw an unreadable picture.
pub const MAX_LAYOUT_NODES: usize = 2_000;
/// Longest wait for `dot` before giving up on the SVG.
const LAYOUT_TIMEOUT: Duration = Duration::from_secs(30);

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

/// What became of the SVG after the DOT file was written.
#[derive(Debug, PartialEq, Eq)]
pub enum Svg {
    /// `dot` drew it at this path.
    Written(PathBuf),
    /// `dot` is not on the PATH.
    NoGraphviz,
    /// The graph has more nodes than [`MAX_LAYOUT_NODES`].
    TooBig,
    /// `dot` ran but failed, or took too long; the reason.
    Failed(String),
}

/// Writes the DOT file for the graph under `root` at `path`, then tries to
/// render `path` with `.svg` as its extension. Only the DOT file's own I/O
/// error is an error; a missing or failing Graphviz is an [`Svg`] outcome.
pub fn write_files(graph: &Graph, root: NodeId, path: &Path) -> io::Result<Svg> {
    let mut text = Vec::new();
    write_dot(&mut text, graph, root)?;
    std::fs::write(path, text)?;
    if graph.subgraph(root).len() > MAX_LAYOUT_NODES {
        return Ok(Svg::TooBig);
    }
    let svg = svg_path(path);
    Ok(render_svg(path, &svg))
}

/// Where the SVG goes: the DOT file's name with `.svg` as its extension
/// (`graph.dot` → `graph.svg`), never the DOT file itself.
pub fn svg_path(path: &Path) -> PathBuf {
    let svg = path.with_extension("svg");
    if svg == path {
        let mut name = path.as_os_str().to_owned();
        name.push(".svg");
        PathBuf::from(name)
    } else {
        svg
    }
}

fn render_svg(dot_file: &Path, svg: &Path) -> Svg {
    let spawned = Command::new("dot")
        .arg("-Tsvg")
        .arg(dot_file)
        .arg("-o")
        .arg(svg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Svg::NoGraphviz,
        Err(e) => return Svg::Failed(format!("could not run dot: {e}")),
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Svg::Written(svg.to_path_buf()),
            Ok(Some(status)) => {
                let mut message = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = io::Read::read_to_string(&mut stderr, &mut message);
                }
                return Svg::Failed(format!("dot exited with {status}: {}", message.trim()));
            }
            Ok(None) if started.elapsed() > LAYOUT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Svg::Failed(format!(
                    "dot took longer than {} s and was stopped",
                    LAYOUT_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Svg::Failed(format!("could not wait for dot: {e}")),
        }
    }
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
    fn svg_never_overwrites_the_dot_file() {
        assert_eq!(svg_path(Path::new("g.dot")), PathBuf::from("g.svg"));
        assert_eq!(svg_path(Path::new("g")), PathBuf::from("g.svg"));
        assert_eq!(svg_path(Path::new("g.svg")), PathBuf::from("g.svg.svg"));
    }
}
