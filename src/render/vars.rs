//! `:vars`: every name the learner bound, with its value and gradient, in
//! the order the names were first bound. Numbers print at full precision
//! (a name is asked about directly); stale or partial gradients are marked
//! and explained in a legend.

use std::io::{self, Write};

use super::node_text::{self, StatesSeen};
use crate::engine::Graph;
use crate::eval::{Session, Value};
use crate::text::{self, number, Style};

/// Items of a list shown before the rest is summarised.
const MAX_LIST_ITEMS: usize = 8;

/// Writes the table of names.
pub fn write(out: &mut dyn Write, style: Style, session: &Session) -> io::Result<()> {
    let graph = &session.graph;
    let bindings = session.bindings();
    if bindings.is_empty() {
        return writeln!(out, "No names yet. Try: a = 2.0");
    }
    let rows: Vec<(&str, String, String)> = bindings
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                value_text(session, value),
                grad_text(graph, value),
            )
        })
        .collect();
    let name_width = text::column_width(rows.iter().map(|r| r.0), 4);
    let data_width = text::column_width(rows.iter().map(|r| r.1.as_str()), 4);
    writeln!(
        out,
        "{}",
        style.palette.dim(&format!(
            "{}  {}  grad",
            text::pad_right("name", name_width),
            text::pad_right("data", data_width)
        ))
    )?;
    let mut states = StatesSeen::default();
    for ((name, data, grad), (_, value)) in rows.iter().zip(bindings) {
        let grad = match value {
            Value::Node(id) => {
                states.note(graph, *id);
                node_text::paint_grad(style.palette, graph, *id, grad)
            }
            _ => String::new(),
        };
        let line = format!(
            "{}  {}  {grad}",
            style.palette.name(&text::pad_right(name, name_width)),
            text::pad_right(data, data_width)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    states.write_legend(out, style)
}

/// A bound value at full precision; long lists are summarised.
fn value_text(session: &Session, value: &Value) -> String {
    match value {
        Value::List(items) if items.len() > MAX_LIST_ITEMS => {
            let items = items.snapshot();
            super::events::list_head_text(session, &items, MAX_LIST_ITEMS, super::events::view_text)
        }
        other => super::events::view_text(session, other),
    }
}

/// A node's gradient at full precision with its state; blank for values
/// that are not nodes.
fn grad_text(graph: &Graph, value: &Value) -> String {
    match value {
        Value::Node(id) => node_text::grad_text(graph, *id, number::full),
        _ => String::new(),
    }
}
