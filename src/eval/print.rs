//! Values as Python's `print` writes them: ints as ints (`2`), floats as
//! Python's `repr` writes them (`2.0`, `0.1`, `1e-07`), `True`/`None`, a
//! node as the lecture's `Value.__repr__` does (`Value(data=0.5,
//! grad=0.0)`), containers with their items' reprs (`['a',
//! Value(data=1.0, grad=0.0)]`), a list that holds itself as `[...]`. A
//! node Python would hold as a plain number (a top-level `x = 2.0`, a
//! literal) prints as that number.

use crate::engine::{Graph, NodeId};

use super::{Session, Value};

/// `value` as `print` writes it in `session`, where a node computed only
/// from plain numbers is a number (an int when made from ints alone).
pub fn python_text(session: &Session, value: &Value) -> String {
    let plain_text = |id: NodeId| {
        session
            .is_plain_node(id)
            .then(|| session.node_number_text(id))
    };
    let mut out = String::new();
    write_value(
        &session.graph,
        &plain_text,
        value,
        false,
        &mut Vec::new(),
        &mut out,
    );
    out
}

/// A float as Python's `repr` writes it: `2.0`, `0.1`, `1e-07`, `1e+16`,
/// `inf`, `nan`.
pub fn python_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // The shortest digits that round-trip, laid out as Python does:
    // positional from 1e-4 up to 1e16, scientific outside. Those digits
    // never leave the decade of a number from 1e-4 up to 1e15 (rounding
    // to the digits is monotonic and both ends are exact floats), so only
    // a number outside needs its exponent read from them.
    if (1e-4..1e15).contains(&x.abs()) {
        return positional(x);
    }
    let scientific = format!("{x:e}");
    let (mantissa, power) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let power: i32 = power.parse().unwrap_or(0);
    if (-4..16).contains(&power) {
        positional(x)
    } else {
        let sign = if power < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", power.abs())
    }
}

/// `x`'s shortest round-trip digits without an exponent, with a `.0`
/// when they are whole, as Python writes `2.0`.
fn positional(x: f64) -> String {
    let mut text = x.to_string();
    if !text.contains('.') {
        text.push_str(".0");
    }
    text
}

fn write_value(
    graph: &Graph,
    plain_text: &dyn Fn(NodeId) -> Option<String>,
    value: &Value,
    repr: bool,
    open: &mut Vec<usize>,
    out: &mut String,
) {
    match value {
        Value::Number(x) => out.push_str(&python_float(*x)),
        Value::Int(whole) => out.push_str(&whole.to_string()),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::None | Value::Unit => out.push_str("None"),
        // A literal, or a number the learner named: a plain number that
        // happens to live in the graph.
        Value::Node(id) => match plain_text(*id) {
            Some(text) => out.push_str(&text),
            None => out.push_str(&format!(
                "Value(data={}, grad={})",
                python_float(graph.value(*id)),
                python_float(graph.grad(*id))
            )),
        },
        Value::Str(text) if repr => out.push_str(&format!("'{}'", text.replace('\'', "\\'"))),
        Value::Str(text) => out.push_str(text),
        Value::List(list) => {
            if open.contains(&list.address()) {
                out.push_str("[...]");
                return;
            }
            open.push(list.address());
            let items = list.snapshot();
            write_items(graph, plain_text, "[", &items, "]", open, out);
            open.pop();
        }
        Value::Tuple(items) if items.len() == 1 => {
            write_items(graph, plain_text, "(", items, ",)", open, out)
        }
        Value::Tuple(items) => write_items(graph, plain_text, "(", items, ")", open, out),
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
    plain_text: &dyn Fn(NodeId) -> Option<String>,
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
        super::grow(|| write_value(graph, plain_text, item, true, open, out));
    }
    out.push_str(close_bracket);
}

/// Past this much text a printed container is cut short with `…`.
const MAX_PRINTED_BYTES: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::python_float;

    #[test]
    fn floats_are_written_as_python_writes_them() {
        for (x, text) in [
            (2.0, "2.0"),
            (-8.0, "-8.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-7, "1e-07"),
            (0.0001, "0.0001"),
            (1.5e-5, "1.5e-05"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (1.5e300, "1.5e+300"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(python_float(x), text);
        }
    }

    /// The layout read from the digits' own exponent, for every number:
    /// what `python_float` does outside its shortcut's range.
    fn laid_out_by_exponent(x: f64) -> String {
        let scientific = format!("{x:e}");
        let (mantissa, power) = scientific.split_once('e').unwrap();
        let power: i32 = power.parse().unwrap();
        if (-4..16).contains(&power) {
            let text = format!("{x}");
            if text.contains('.') {
                text
            } else {
                format!("{text}.0")
            }
        } else {
            let sign = if power < 0 { '-' } else { '+' };
            format!("{mantissa}e{sign}{:02}", power.abs())
        }
    }

    /// Around the shortcut's edges (1e-4, 1e15) and Python's (1e16), and
    /// across every decade, each float and its neighbours are written as
    /// the digits' own exponent lays them out.
    #[test]
    fn the_positional_shortcut_agrees_with_the_exponent_of_the_digits() {
        let next = |x: f64, by: i64| f64::from_bits((x.to_bits() as i64 + by) as u64);
        let mut checked = 0;
        for power in -310..310 {
            let decade: f64 = format!("1e{power}").parse().unwrap();
            for base in [decade, decade * 9.999999999999999, decade * 3.7] {
                for by in -3..=3 {
                    for x in [next(base, by), -next(base, by)] {
                        if x.is_finite() && x != 0.0 {
                            assert_eq!(python_float(x), laid_out_by_exponent(x), "{x:e}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 20_000, "{checked} numbers checked");
    }
}
