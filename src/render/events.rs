//! What the REPL prints for each [`Event`] a statement produced: echoes of
//! bindings, values at full precision, notes on stale gradients, nudges.
//! Views (`show`) and diagnostics are delegated to their own modules.

use std::io::{self, Write};

use crate::engine::nn::Mlp;
use crate::engine::Graph;
use crate::eval::{Event, Session, Value};
use crate::text::{self, count, number, wrap, Palette};

/// Lists longer than this echo only their first [`ECHO_SHOWN_ITEMS`] items
/// and a count.
pub const ECHO_MAX_LIST_ITEMS: usize = 1000;
/// How many items a summarised list shows.
pub const ECHO_SHOWN_ITEMS: usize = 20;

/// The first `shown` items of a long list, each written by `item_text`, and
/// how many more there are: `[1, 2, … 998 more]`.
pub fn list_head_text(
    graph: &Graph,
    items: &[Value],
    shown: usize,
    item_text: fn(&Graph, &Value) -> String,
) -> String {
    let head: Vec<String> = items[..shown]
        .iter()
        .map(|item| item_text(graph, item))
        .collect();
    format!(
        "[{}, … {} more]",
        head.join(", "),
        text::thousands(items.len() - shown)
    )
}

/// Formats a value for echoing: a node's value at full precision, a list as
/// `[1, 2]` (one that holds itself as `[1, [...]]`), a string quoted.
pub fn value_text(graph: &Graph, value: &Value) -> String {
    echo_text(graph, value, &mut Vec::new())
}

/// [`value_text`] inside the lists in `open` (their addresses), which a
/// list that holds one of them shows as `[...]`, as Python does.
fn echo_text(graph: &Graph, value: &Value, open: &mut Vec<usize>) -> String {
    match value {
        Value::List(items) if open.contains(&items.address()) => "[...]".into(),
        Value::List(items) => {
            open.push(items.address());
            let all = items.snapshot();
            // A big network's parameters would echo as one line of megabytes.
            let long = all.len() > ECHO_MAX_LIST_ITEMS;
            let shown = if long { ECHO_SHOWN_ITEMS } else { all.len() };
            let head: Vec<String> = all[..shown]
                .iter()
                .map(|item| crate::eval::grow(|| echo_text(graph, item, open)))
                .collect();
            open.pop();
            if long {
                format!(
                    "[{}, … {} more]  ({} items)",
                    head.join(", "),
                    text::thousands(all.len() - shown),
                    text::thousands(all.len())
                )
            } else {
                format!("[{}]", head.join(", "))
            }
        }
        Value::Node(id) => number::full(graph.value(*id)),
        Value::Number(x) => number::full(*x),
        Value::Str(text) => format!("{text:?}"),
        Value::Unit | Value::None => String::new(),
        Value::Bool(_)
        | Value::Tuple(_)
        | Value::Range(_)
        | Value::Iter(_)
        | Value::Function(_)
        | Value::Module(_) => crate::eval::python_text(graph, value),
        Value::Model(mlp) => format!(
            "MLP({}, {:?}) · {} · {} parameters",
            mlp.inputs,
            mlp.sizes(),
            activations_text(mlp),
            mlp.parameters().len()
        ),
        Value::Data(data) => format!(
            "{} · {}, {}, {}",
            data.name,
            count(data.len(), "sample", "samples"),
            count(data.dimensions(), "feature", "features"),
            data.what_to_learn()
        ),
    }
}

/// The activations of a network as built, for its echo: `tanh` when every
/// layer has the same, `relu, linear output` when the hidden layers share
/// one and the output differs, else each layer's in order.
fn activations_text(mlp: &Mlp) -> String {
    let names: Vec<&str> = mlp
        .layers
        .iter()
        .map(|layer| {
            layer
                .neurons
                .first()
                .map_or("linear", |n| n.activation.name())
        })
        .collect();
    match names.as_slice() {
        [] => "linear".into(),
        [hidden @ .., output] if hidden.iter().all(|h| h == output) => (*output).into(),
        [first, hidden @ .., output] if hidden.iter().all(|h| h == first) => {
            format!("{first}, {output} output")
        }
        all => all.join(", "),
    }
}

/// Writes one non-view, non-warning event. Returns `false` for events the
/// caller must handle itself (`Show`, `Warning`).
pub fn write_event(
    out: &mut dyn Write,
    palette: Palette,
    session: &Session,
    event: &Event,
) -> io::Result<bool> {
    let graph = &session.graph;
    match event {
        Event::Bound { name, value } => {
            writeln!(out, "{} = {}", palette.name(name), value_text(graph, value))?
        }
        Event::Value(value) => writeln!(out, "{}", value_text(graph, value))?,
        Event::Number { value, note } => {
            writeln!(out, "{}", number::full(*value))?;
            if let Some(note) = note {
                let note = wrap::hanging(note, "  note: ", wrap::width());
                writeln!(out, "{}", palette.dim(&note))?;
            }
        }
        Event::Nudged { leaf, recomputed } => {
            let nodes = if *recomputed == 1 { "node" } else { "nodes" };
            writeln!(
                out,
                "{}.data = {}  {}",
                palette.name(&graph.display_name(*leaf)),
                number::full(graph.value(*leaf)),
                palette.dim(&format!("({recomputed} {nodes} recomputed)"))
            )?
        }
        Event::Print(text) => write!(out, "{text}")?,
        Event::Backward { .. } => {}
        Event::ShowNetwork { name, model } => {
            super::inspect::network(out, palette, graph, name, model)?
        }
        Event::ShowData { name, data } => super::inspect::data(out, palette, name, data)?,
        Event::Show(_) | Event::Warning(_) => return Ok(false),
    }
    Ok(true)
}
