//! `:dot L FILE`: the graph under L as Graphviz DOT, drawn as in the
//! lecture's `draw_dot` — a record per node (`label | data | grad`) and a
//! small node per operation between a result and its inputs — and the
//! Graphviz run that turns it into a picture when `dot` is on the PATH.
//! FILE's extension says which is wanted ([`FileKind`]).

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::node_text;
use crate::engine::{Graph, NodeId};
use crate::host::{io_words, PictureFormat};

/// Graphs larger than this are not laid out by Graphviz: `dot` would take
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

/// Why Graphviz drew nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum GraphvizError {
    /// `dot` is not on the PATH.
    NotInstalled,
    /// `dot` ran but failed, or took too long; the reason.
    Failed(String),
}

/// The DOT text of the graph under `root`, as a string.
pub fn dot_text(graph: &Graph, root: NodeId) -> String {
    let mut text = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_dot(&mut text, graph, root);
    String::from_utf8_lossy(&text).into_owned()
}

/// Runs Graphviz's `dot` on `dot` and returns the picture it drew.
pub fn graphviz(dot: &str, format: PictureFormat) -> Result<Vec<u8>, GraphvizError> {
    let flag = match format {
        PictureFormat::Svg => "-Tsvg",
        PictureFormat::Png => "-Tpng",
    };
    let spawned = Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(GraphvizError::NotInstalled),
        Err(e) => {
            return Err(GraphvizError::Failed(format!(
                "could not run dot: {}",
                io_words::describe(&e)
            )))
        }
    };
    // Feed and drain on threads, so a large graph cannot fill a pipe and
    // leave both sides waiting.
    let feeder = child.stdin.take().map(|mut stdin| {
        let dot = dot.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(dot.as_bytes());
        })
    });
    let drain = |pipe: Option<Box<dyn io::Read + Send>>| {
        pipe.map(|mut pipe| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let status = wait_at_most(&mut child, LAYOUT_TIMEOUT)?;
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let collect = |reader: Option<std::thread::JoinHandle<Vec<u8>>>| {
        reader.and_then(|r| r.join().ok()).unwrap_or_default()
    };
    let picture = collect(stdout);
    if !status.success() {
        let message = String::from_utf8_lossy(&collect(stderr)).trim().to_string();
        return Err(GraphvizError::Failed(format!(
            "dot exited with {status}: {message}"
        )));
    }
    Ok(picture)
}

fn wait_at_most(
    child: &mut std::process::Child,
    limit: Duration,
) -> Result<std::process::ExitStatus, GraphvizError> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GraphvizError::Failed(format!(
                    "dot took longer than {} s and was stopped",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(GraphvizError::Failed(format!(
                    "could not wait for dot: {}",
                    io_words::describe(&e)
                )))
            }
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
