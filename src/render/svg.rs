//! `:dot L graph.svg` without Graphviz: the graph under L laid out and
//! drawn in-process by the pure-Rust `layout-rs` crate, as the lecture's
//! `draw_dot` draws it — a record per node (`label | data | grad`), a small
//! circle per operation between a result and its inputs, left to right.

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, RecordDef, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::node_text;
use crate::engine::{Graph, NodeId};

/// Graphs larger than this are not laid out in-process: the layout's time
/// grows faster than the node count, and the picture would be unreadable.
pub const MAX_NODES: usize = 600;

/// Points of the text in records and operation circles.
const FONT_SIZE: usize = 14;

/// Why no picture was drawn.
#[derive(Debug, PartialEq, Eq)]
pub enum SvgError {
    /// The graph has more nodes than [`MAX_NODES`].
    TooBig(usize),
    /// The layout failed on this graph (a bug in it, caught).
    LayoutFailed,
}

/// The SVG picture of the graph under `root`.
pub fn render(graph: &Graph, root: NodeId) -> Result<String, SvgError> {
    let nodes = graph.subgraph(root);
    if nodes.len() > MAX_NODES {
        return Err(SvgError::TooBig(nodes.len()));
    }
    let mut picture = VisualGraph::new(Orientation::LeftToRight);
    let mut handles = std::collections::HashMap::with_capacity(nodes.len());
    for &id in &nodes {
        let record = picture.add_node(record_element(graph, id));
        handles.insert(id, record);
        let op = graph.op(id);
        let inputs = op.inputs();
        if inputs.as_slice().is_empty() {
            continue;
        }
        let circle = picture.add_node(op_element(op.symbol()));
        picture.add_edge(Arrow::simple(""), circle, record);
        for input in inputs.as_slice() {
            // Inputs come before their consumers in a subgraph, so the
            // handle is always there.
            if let Some(&from) = handles.get(input) {
                picture.add_edge(Arrow::simple(""), from, circle);
            }
        }
    }
    draw(picture)
}

/// Lays out and draws, turning a panic inside the layout crate into an
/// error: a picture is never worth losing the session over.
fn draw(mut picture: VisualGraph) -> Result<String, SvgError> {
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let mut writer = SVGWriter::new();
        picture.do_it(false, false, false, &mut writer);
        // Helvetica, as the lecture's Graphviz pictures (the crate says Times).
        writer.finalize().replace(
            "font-family: Times, serif",
            "font-family: Helvetica, Arial, sans-serif",
        )
    }));
    std::panic::set_hook(quiet);
    drawn.map_err(|_| SvgError::LayoutFailed)
}

/// `{ label | data 2 | grad -3 }`, its fields side by side.
fn record_element(graph: &Graph, id: NodeId) -> Element {
    let texts = [
        node_text::operand_name(graph, id),
        format!("data {}", node_text::short(graph.value(id))),
        format!("grad {}", node_text::grad_text(graph, id, node_text::short)),
    ];
    // The crate sizes text as one font size per character, twice what a
    // proportional font takes; the fields share out the size given here.
    // Two thirds of the font size a character fits the wide fallback fonts
    // (DejaVu Sans) a browser without Helvetica or Arial uses: at 0.6 a
    // short label such as `#20` touched its field's edges.
    let width: f64 = texts
        .iter()
        .map(|t| t.chars().count() as f64 * FONT_SIZE as f64 * 0.66 + 16.0)
        .sum();
    let size = Point::new(width, FONT_SIZE as f64 * 2.0);
    let fields = texts.iter().map(|t| RecordDef::new_text(t)).collect();
    let shape = ShapeKind::Record(RecordDef::Array(fields));
    let orientation = Orientation::LeftToRight;
    let look = StyleAttr::new(
        Color::fast("black"),
        1,
        Some(Color::fast("white")),
        0,
        FONT_SIZE,
    );
    Element::create(shape, look, orientation, size)
}

/// The small circle of an operation (`+`, `tanh`).
fn op_element(symbol: &str) -> Element {
    let shape = ShapeKind::new_circle(symbol);
    let orientation = Orientation::TopToBottom;
    let size = get_shape_size(orientation, &shape, FONT_SIZE, true);
    let look = StyleAttr::new(
        Color::fast("black"),
        1,
        Some(Color::fast("lightgray")),
        0,
        FONT_SIZE,
    );
    Element::create(shape, look, orientation, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lecture_graph() -> (Graph, NodeId) {
        let mut g = Graph::new();
        let named = |g: &mut Graph, id, name| {
            g.label_if_unset(id, name);
            id
        };
        let a = g.leaf(2.0);
        let a = named(&mut g, a, "a");
        let b = g.leaf(-3.0);
        let b = named(&mut g, b, "b");
        let c = g.leaf(10.0);
        let c = named(&mut g, c, "c");
        let e = g.mul(a, b);
        let e = named(&mut g, e, "e");
        let d = g.add(e, c);
        let d = named(&mut g, d, "d");
        let f = g.leaf(-2.0);
        let f = named(&mut g, f, "f");
        let l = g.mul(d, f);
        let l = named(&mut g, l, "L");
        g.backward(l);
        (g, l)
    }

    #[test]
    fn the_lecture_graph_draws_every_label_data_and_grad() {
        let (g, l) = lecture_graph();
        let svg = render(&g, l).unwrap();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
        for text in [
            ">a<", ">b<", ">c<", ">d<", ">e<", ">f<", ">L<", "data 2", "grad 6", "data -8",
            "grad 1", "grad -4", "data -6", "grad -2", ">*<", ">+<",
        ] {
            assert!(svg.contains(text), "{text} missing:\n{svg}");
        }
    }

    #[test]
    fn a_graph_past_the_limit_is_not_laid_out() {
        let mut g = Graph::new();
        let mut x = g.leaf(1.0);
        for _ in 0..MAX_NODES {
            x = g.tanh(x);
        }
        assert_eq!(render(&g, x), Err(SvgError::TooBig(MAX_NODES + 1)));
    }
}
