//! What the REPL prints for each [`Event`] a statement produced: echoes of
//! bindings, values at full precision, notes on stale gradients, nudges.
//! Views (`show`) and diagnostics are delegated to their own modules.

use std::io::{self, Write};

use crate::engine::nn::Mlp;
use crate::eval::{Event, List, Session, Value};
use crate::text::{self, count, number, wrap, Style};

/// Lists longer than this echo only their first [`ECHO_SHOWN_ITEMS`] items
/// and a count.
pub const ECHO_MAX_LIST_ITEMS: usize = 1000;
/// How many items a summarised list shows.
pub const ECHO_SHOWN_ITEMS: usize = 20;

/// The first `shown` items of a long list, each written by `item_text`, and
/// how many more there are: `[1, 2, … 998 more]`.
pub fn list_head_text(
    session: &Session,
    items: &[Value],
    shown: usize,
    item_text: fn(&Session, &Value) -> String,
) -> String {
    let head: Vec<String> = items[..shown]
        .iter()
        .map(|item| item_text(session, item))
        .collect();
    format!(
        "[{}, … {} more]",
        head.join(", "),
        text::thousands(items.len() - shown)
    )
}

/// Formats a value for echoing: a number as Python prints it (an int as
/// `2`, a float or a node's value as `2.0`, at full precision), a list as
/// `[1, 2.0]` (one that holds itself as `[1, [...]]`), a string quoted.
pub fn value_text(session: &Session, value: &Value) -> String {
    let python = |value: &Value| session.number_text(value);
    echo_text(session, value, &python, &mut Vec::new())
}

/// [`value_text`] for the views (`:vars`), which write every number alike,
/// as the tables and trees do: `2` for 2 and 2.0.
pub fn view_text(session: &Session, value: &Value) -> String {
    let full = |value: &Value| view_number(session, value);
    echo_text(session, value, &full, &mut Vec::new())
}

/// The first `at_most` items of `list`, each as [`view_text`] writes it
/// inside the list (an item that is the list itself is `[...]`).
pub fn view_item_texts(session: &Session, list: &List, at_most: usize) -> Vec<String> {
    let full = |value: &Value| view_number(session, value);
    let mut open = vec![list.address()];
    let items = list.items();
    let head: Vec<Value> = items.iter().take(at_most).cloned().collect();
    drop(items);
    head.iter()
        .map(|item| crate::eval::grow(|| echo_text(session, item, &full, &mut open)))
        .collect()
}

/// A number as the views write it, at full precision; `None` for a value
/// that is not a number.
fn view_number(session: &Session, value: &Value) -> Option<String> {
    match value {
        Value::Node(id) => Some(number::in_view(session.graph.value(*id))),
        Value::Number(x) => Some(number::in_view(*x)),
        Value::Int(whole) => Some(whole.to_string()),
        _ => None,
    }
}

/// [`value_text`] inside the lists in `open` (their addresses), which a
/// list that holds one of them shows as `[...]`, as Python does; numbers
/// written by `numbers`.
fn echo_text(
    session: &Session,
    value: &Value,
    numbers: &dyn Fn(&Value) -> Option<String>,
    open: &mut Vec<usize>,
) -> String {
    if let Some(text) = numbers(value) {
        return text;
    }
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
                .map(|item| crate::eval::grow(|| echo_text(session, item, numbers, open)))
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
        // Numbers were written above.
        Value::Node(_) | Value::Number(_) | Value::Int(_) => String::new(),
        Value::Str(text) => format!("{text:?}"),
        Value::Unit | Value::None => String::new(),
        Value::Bool(_)
        | Value::Tuple(_)
        | Value::Range(_)
        | Value::Iter(_)
        | Value::Function(_)
        | Value::Module(_) => crate::eval::python_text(session, value),
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

/// True for the values that echo as a description in parts (a network, a
/// data set), which wrap between their parts rather than at any space.
pub fn is_description(value: &Value) -> bool {
    matches!(value, Value::Model(_) | Value::Data(_))
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
    style: Style,
    session: &Session,
    event: &Event,
) -> io::Result<bool> {
    let graph = &session.graph;
    match event {
        Event::Bound { name, value } => {
            let text = value_text(session, value);
            let first = format!("{name} = ");
            let lines = if is_description(value) {
                wrap::between_parts(&text, &first, style.width)
            } else if matches!(value, Value::List(_)) {
                // The terminal would cut a long list anywhere, mid-number.
                wrap::between_items(&text, &first, style.width)
            } else {
                format!("{first}{text}")
            };
            writeln!(out, "{}{}", style.palette.name(name), &lines[name.len()..])?
        }
        Event::Value(value) if is_description(value) => writeln!(
            out,
            "{}",
            wrap::between_parts(&value_text(session, value), "", style.width)
        )?,
        Event::Value(value @ Value::List(_)) => writeln!(
            out,
            "{}",
            wrap::between_items(&value_text(session, value), "", style.width)
        )?,
        Event::Value(value) => writeln!(out, "{}", value_text(session, value))?,
        Event::Number { value, note } => {
            // `x.data` and `x.grad`: a Value's numbers, Python's floats.
            writeln!(out, "{}", crate::eval::echo_float(*value))?;
            if let Some(note) = note {
                let note = wrap::hanging(note, "  note: ", style.width);
                writeln!(out, "{}", style.palette.dim(&note))?;
            }
        }
        Event::Nudged { leaf, recomputed } => {
            let nodes = if *recomputed == 1 { "node" } else { "nodes" };
            writeln!(
                out,
                "{}.data = {}  {}",
                style.palette.name(&graph.display_name(*leaf)),
                session.number_text(&Value::Node(*leaf)).unwrap_or_default(),
                style
                    .palette
                    .dim(&format!("({recomputed} {nodes} recomputed)"))
            )?
        }
        Event::Print(text) => write!(out, "{text}")?,
        Event::Note(text) => writeln!(out, "{}", wrap::paragraph(text, style.width).trim_end())?,
        Event::Backward { .. } => {}
        Event::ShowNetwork { name, model } => {
            super::inspect::network(out, style, graph, name, model)?
        }
        Event::ShowData { name, data } => super::inspect::data(out, style, name, data)?,
        Event::Show(_) | Event::Warning(_) => return Ok(false),
    }
    Ok(true)
}
