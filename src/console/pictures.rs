//! `:dot L FILE`: what goes in FILE, by its extension — the DOT text for
//! `.dot` (and any other name), a picture for `.svg` (Graphviz's when `dot`
//! is installed, else drawn in-process by `render::svg`) and `.png` (only
//! Graphviz draws those) — and the one or two lines that say what was done.

use std::io::Write;
use std::path::Path;

use super::{files, Console, Failure};
use crate::engine::NodeId;
use crate::eval::EvalError;
use crate::host::graphviz::GraphvizError;
use crate::host::HostError;
use crate::host::PictureFormat;
use crate::render::dot::{self, FileKind};
use crate::render::svg::{self, SvgError};
use crate::syntax::Span;
use crate::text::{self, wrap};

/// What `:dot` was asked: the root as typed (for the hints), the file, and
/// whether `!` allows replacing it.
pub(super) struct DotRequest<'a> {
    pub root_text: &'a str,
    pub file: &'a str,
    pub overwrite: bool,
}

/// Carries out `:dot`; errors have spans relative to the file name.
pub(super) fn dot(
    console: &Console,
    root: NodeId,
    request: &DotRequest,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let DotRequest {
        root_text, file, ..
    } = *request;
    let replace = format!(":dot! {root_text} {file}");
    if !request.overwrite && files::exists(&console.host, file) {
        return Ok(files::write_file(
            &console.host,
            file,
            &[],
            false,
            &replace,
        )?);
    }
    let graph = &console.session.graph;
    let nodes = text::count(graph.subgraph(root).len(), "node", "nodes");
    let (bytes, note) = match FileKind::of(Path::new(file)) {
        FileKind::Dot => (
            dot::dot_text(graph, root).into_bytes(),
            // The command sits on its own indented line, which wrapping
            // keeps whole, so a learner can copy it.
            format!(
                "Wrote {file} ({nodes}, Graphviz DOT). For a picture:\n    :dot {root_text} {}",
                with_extension(file, "svg")
            ),
        ),
        FileKind::Picture(format) => {
            picture(console, root, request, format).map(|(bytes, how)| {
                (
                    bytes,
                    format!("Drew {file} ({nodes}){how}: open it in a browser."),
                )
            })?
        }
    };
    files::write_file(&console.host, file, &bytes, request.overwrite, &replace)?;
    writeln!(
        out,
        "{}",
        console
            .palette
            .dim(&wrap::paragraph(&note, console.style().width))
    )?;
    Ok(())
}

/// The picture's bytes and how it was drawn (`" with Graphviz"` or not).
fn picture(
    console: &Console,
    root: NodeId,
    request: &DotRequest,
    format: PictureFormat,
) -> Result<(Vec<u8>, &'static str), EvalError> {
    let graph = &console.session.graph;
    let size = graph.subgraph(root).len();
    let dot_instead = format!(
        ":dot {} {} writes the DOT text, for a viewer of your choice",
        request.root_text,
        with_extension(request.file, "dot")
    );
    let refuse = |message: String, help: String| {
        EvalError::new(message, Span::new(0, request.file.len().max(1))).with_help(help)
    };
    if size > dot::MAX_LAYOUT_NODES {
        return Err(refuse(
            format!(
                "not drawn: {} would take minutes to lay out and be unreadable",
                text::count(size, "node", "nodes")
            ),
            dot_instead,
        ));
    }
    let drawn =
        crate::host::lock(&console.host).render_picture(&dot::dot_text(graph, root), format);
    let graphviz = drawn.map_err(|e| match e {
        HostError::Unsupported(_) => GraphvizError::NotInstalled,
        other => GraphvizError::Failed(other.to_string()),
    });
    match (graphviz, format) {
        (Ok(bytes), _) => Ok((bytes, " with Graphviz")),
        (Err(GraphvizError::NotInstalled), PictureFormat::Png) => Err(refuse(
            "a PNG needs Graphviz's `dot`, which is not installed".into(),
            format!(
                ":dot {} {} draws an SVG picture without it (any browser opens it); \
                 or install the graphviz package",
                request.root_text,
                with_extension(request.file, "svg")
            ),
        )),
        (Err(GraphvizError::Failed(reason)), PictureFormat::Png) => Err(refuse(
            format!("Graphviz drew no PNG: {reason}"),
            dot_instead,
        )),
        (Err(_), PictureFormat::Svg) => match svg::render(graph, root) {
            Ok(text) => Ok((text.into_bytes(), "")),
            Err(SvgError::TooBig(_)) => Err(refuse(
                format!(
                    "not drawn: without Graphviz, pictures stop at {} nodes and this graph has {}",
                    svg::MAX_NODES,
                    text::thousands(size)
                ),
                format!("install the graphviz package to draw it, or {dot_instead}"),
            )),
            Err(SvgError::LayoutFailed) => Err(refuse(
                "the built-in layout could not draw this graph".into(),
                dot_instead,
            )),
        },
    }
}

/// `file` with its extension replaced (`g.svg` → `g.dot`), for hints.
fn with_extension(file: &str, extension: &str) -> String {
    Path::new(file)
        .with_extension(extension)
        .to_string_lossy()
        .into_owned()
}
