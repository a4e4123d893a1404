//! `:vars`: every name the learner bound, with its value and gradient, in
//! the order the names were first bound. Numbers print at full precision
//! (a name is asked about directly); stale or partial gradients are marked
//! and explained in a legend. The data and grad columns are as wide as the
//! numbers in them: a list, a network or a string has no gradient, so its
//! row writes it after the name, fitted to the width (a list shows the
//! items that fit and counts the rest), and never widens the columns.

use std::io::{self, Write};

use super::node_text::{self, StatesSeen};
use crate::engine::Graph;
use crate::eval::{List, Session, Value};
use crate::text::{self, number, wrap, Style};

/// Items of a list shown before the rest is summarised.
const MAX_LIST_ITEMS: usize = 8;

/// Writes the table of names.
pub fn write(out: &mut dyn Write, style: Style, session: &Session) -> io::Result<()> {
    let graph = &session.graph;
    let bindings = session.bindings();
    if bindings.is_empty() {
        return writeln!(out, "No names yet. Try: a = 2.0");
    }
    let (palette, width) = (style.palette, style.width);
    let name_width = text::column_width(bindings.iter().map(|(name, _)| name.as_str()), 4);
    let numbers: Vec<Option<(String, String)>> = bindings
        .iter()
        .map(|(_, value)| {
            is_number(value).then(|| {
                (
                    super::events::view_text(session, value),
                    grad_text(graph, value),
                )
            })
        })
        .collect();
    let data_width = text::column_width(numbers.iter().flatten().map(|(data, _)| data.as_str()), 4);
    let grad_width = text::column_width(numbers.iter().flatten().map(|(_, grad)| grad.as_str()), 4);
    // The gradients' numbers, without their state markers, align.
    let grad_numbers: Vec<String> = bindings
        .iter()
        .filter_map(|(_, value)| grad_number(graph, value))
        .collect();
    let grad_number_width = text::column_width(grad_numbers.iter().map(String::as_str), 4);
    // Too narrow for three columns (full-precision numbers at 40 columns):
    // each gradient goes on the line under its value.
    let stacked = name_width + 2 + data_width + 2 + grad_width > width;
    if numbers.iter().any(Option::is_some) {
        let header = if stacked {
            format!(
                "{}  data, and grad under it",
                text::pad_right("name", name_width)
            )
        } else {
            // Numbers right-aligned under their headers, as `show` has them.
            format!(
                "{}  {}  {}",
                text::pad_right("name", name_width),
                text::pad_left("data", data_width),
                text::pad_left("grad", grad_number_width)
            )
        };
        writeln!(out, "{}", palette.dim(&header))?;
    }
    let mut states = StatesSeen::default();
    for ((name, value), number) in bindings.iter().zip(&numbers) {
        let line = match number {
            Some((data, grad)) => {
                let grad = match value {
                    Value::Node(id) if stacked => {
                        states.note(graph, *id);
                        node_text::paint_grad(palette, graph, *id, grad)
                    }
                    Value::Node(id) => {
                        states.note(graph, *id);
                        let (number, marker) = node_text::grad_parts(graph, *id, number::in_view);
                        let padded =
                            format!("{}{marker}", text::pad_left(&number, grad_number_width));
                        node_text::paint_grad(palette, graph, *id, &padded)
                    }
                    _ => String::new(),
                };
                let name = palette.name(&text::pad_right(name, name_width));
                if stacked && !grad.is_empty() {
                    let under = " ".repeat(name_width);
                    format!("{name}  {data}\n{under}  grad {grad}")
                } else {
                    format!("{name}  {}  {grad}", text::pad_left(data, data_width))
                }
            }
            None => {
                let first = format!("{}  ", text::pad_right(name, name_width));
                let room = width.saturating_sub(text::display_width(&first));
                let lines = match value {
                    Value::List(list) => format!("{first}{}", list_text(session, list, room)),
                    other if super::events::is_description(other) => wrap::between_parts(
                        &super::events::view_text(session, other),
                        &first,
                        width,
                    ),
                    other => format!("{first}{}", super::events::view_text(session, other)),
                };
                format!("{}{}", palette.name(name), &lines[name.len()..])
            }
        };
        writeln!(out, "{}", line.trim_end())?;
    }
    states.write_legend(out, style)
}

/// True for the values a row writes in the data and grad columns.
fn is_number(value: &Value) -> bool {
    matches!(value, Value::Node(_) | Value::Number(_) | Value::Int(_))
}

/// A list in at most `room` columns (and at most [`MAX_LIST_ITEMS`]
/// items): as many whole items as fit, then how many more there are,
/// `[0.87, -0.22, … 2 more]`; when not even one fits, a first item that is
/// a list is shortened the same way (`[[0.41, … 1 more], … 2 more]`);
/// never an item cut in two.
fn list_text(session: &Session, list: &List, room: usize) -> String {
    let total = list.len();
    // Each item takes two columns at least (`1,`): no more could fit.
    let items = super::events::view_item_texts(session, list, MAX_LIST_ITEMS.min(room / 2 + 1));
    let whole = format!("[{}]", items.join(", "));
    if items.len() == total && text::display_width(&whole) <= room {
        return whole;
    }
    let more = |shown: usize| format!(", … {} more]", text::thousands(total - shown));
    let with = |shown: usize| format!("[{}{}", items[..shown].join(", "), more(shown));
    let fitting = (1..=items.len().min(total.saturating_sub(1)))
        .rev()
        .map(with)
        .find(|text| text::display_width(text) <= room);
    if let Some(text) = fitting {
        return text;
    }
    let first = list.items().first().cloned();
    if let Some(Value::List(inner)) = first {
        let tail = if total > 1 { more(1) } else { "]".to_string() };
        let inner_room = room.saturating_sub(1 + text::display_width(&tail));
        // The room shrinks at every level, so this ends; a list holding
        // itself was written `[...]` above and fits long before.
        if !inner.same(list) && inner_room >= 4 {
            let inner = list_text(session, &inner, inner_room);
            if text::display_width(&inner) <= inner_room && !inner.starts_with("[…") {
                return format!("[{inner}{tail}");
            }
        }
    }
    format!("[… {}]", text::count(total, "item", "items"))
}

/// A node's gradient's number, without its state; `None` for values that
/// are not nodes.
fn grad_number(graph: &Graph, value: &Value) -> Option<String> {
    match value {
        Value::Node(id) => Some(node_text::grad_parts(graph, *id, number::in_view).0),
        _ => None,
    }
}

/// A node's gradient at full precision with its state; blank for values
/// that are not nodes.
fn grad_text(graph: &Graph, value: &Value) -> String {
    match value {
        Value::Node(id) => node_text::grad_text(graph, *id, number::in_view),
        _ => String::new(),
    }
}
