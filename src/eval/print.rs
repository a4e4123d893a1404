//! Values as Python's `print` writes them: numbers at full precision,
//! `True`/`None`, a node as the lecture's `Value.__repr__` does
//! (`Value(data=0.5, grad=0)`), containers with their items' reprs
//! (`['a', Value(data=1, grad=0)]`), a list that holds itself as `[...]`.

use crate::engine::Graph;
use crate::text::number;

use super::Value;

/// `value` as `print` writes it (`str`); strings inside containers are
/// quoted (`repr`), as in Python.
pub fn python_text(graph: &Graph, value: &Value) -> String {
    let mut out = String::new();
    write_value(graph, value, false, &mut Vec::new(), &mut out);
    out
}

fn write_value(graph: &Graph, value: &Value, repr: bool, open: &mut Vec<usize>, out: &mut String) {
    match value {
        Value::Number(x) => out.push_str(&number::full(*x)),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::None | Value::Unit => out.push_str("None"),
        // A constant is a plain number that happens to live in the graph.
        Value::Node(id) if graph.op(*id) == crate::engine::Op::Const => {
            out.push_str(&number::full(graph.value(*id)))
        }
        Value::Node(id) => out.push_str(&format!(
            "Value(data={}, grad={})",
            number::full(graph.value(*id)),
            number::full(graph.grad(*id))
        )),
        Value::Str(text) if repr => out.push_str(&format!("'{}'", text.replace('\'', "\\'"))),
        Value::Str(text) => out.push_str(text),
        Value::List(list) => {
            if open.contains(&list.address()) {
                out.push_str("[...]");
                return;
            }
            open.push(list.address());
            let items = list.snapshot();
            write_items(graph, "[", &items, "]", open, out);
            open.pop();
        }
        Value::Tuple(items) if items.len() == 1 => write_items(graph, "(", items, ",)", open, out),
        Value::Tuple(items) => write_items(graph, "(", items, ")", open, out),
        Value::Range(range) if range.step == 1 => {
            out.push_str(&format!("range({}, {})", range.start, range.stop))
        }
        Value::Range(range) => out.push_str(&format!(
            "range({}, {}, {})",
            range.start, range.stop, range.step
        )),
        Value::Iter(_) => out.push_str("<iterator>"),
        Value::Function(function) => out.push_str(&format!("<function {}>", function.signature())),
        Value::Module(name) => out.push_str(&format!("<module '{name}'>")),
        Value::Model(mlp) => out.push_str(&format!("MLP({}, {:?})", mlp.inputs, mlp.sizes())),
        Value::Data(data) => out.push_str(&format!(
            "<data set {} of {} samples>",
            data.name,
            data.len()
        )),
    }
}

fn write_items(
    graph: &Graph,
    open_bracket: &str,
    items: &[Value],
    close_bracket: &str,
    open: &mut Vec<usize>,
    out: &mut String,
) {
    out.push_str(open_bracket);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if out.len() > MAX_PRINTED_BYTES {
            out.push('…');
            break;
        }
        super::grow(|| write_value(graph, item, true, open, out));
    }
    out.push_str(close_bracket);
}

/// Past this much text a printed container is cut short with `…`.
const MAX_PRINTED_BYTES: usize = 1 << 20;
