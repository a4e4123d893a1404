//! Looking inside networks and data sets by name. `n.L1` is layer 1 (a
//! network of that one layer, callable as micrograd's `Layer` is),
//! `n.L1.N2` its second neuron, `n.L1.N2.w1` and `n.L1.N2.b` that
//! neuron's weight and bias as the very nodes training moves; micrograd's
//! own spelling `n.layers[0].neurons[1].w[0]` reaches the same nodes.
//! `d[0]` is a sample as a tuple `(features, label)`. Parts are resolved
//! by the shape of what they are asked of (a network of several layers
//! has layers, a layer of one layer has neurons, a single neuron has
//! weights), so every name a view prints (`n.L1.N1.w1`, and the
//! graph's labels) can be typed back.

use std::sync::Arc;

use crate::data::{Dataset, Task};
use crate::engine::nn::{Layer, Mlp};
use crate::syntax::ast::Ident;
use crate::syntax::Span;
use crate::text::count;

use super::table::NETWORK_METHODS;
use super::{error, EvalError, Evaluator, Value};

/// `owner.name` where `owner` (as typed) is the network `mlp`.
pub(super) fn network_part(mlp: &Arc<Mlp>, owner: &str, name: &Ident) -> Result<Value, EvalError> {
    let shape = Shape::of(mlp);
    let field = name.name.as_str();
    let refuse = |message: String| Err(error(message, name.span));
    match (field, numbered(field)) {
        ("layers", _) => Ok(Value::list(
            (0..mlp.layers.len())
                .map(|l| Value::Model(Arc::new(layer_of(mlp, l))))
                .collect(),
        )),
        ("neurons", _) if shape == Shape::Network => refuse(format!(
            "{owner} has {}: neurons belong to one of them, as {owner}.L1.neurons (or {owner}.layers[0].neurons)",
            count(mlp.layers.len(), "layer", "layers")
        )),
        ("neurons", _) => Ok(Value::list(
            (0..mlp.layers[0].neurons.len())
                .map(|n| Value::Model(Arc::new(neuron_of(mlp, n))))
                .collect(),
        )),
        ("w", _) | ("b", _) if shape != Shape::Neuron => refuse(weights_of_one_neuron(owner, field, shape)),
        ("w", _) => Ok(Value::list(
            mlp.layers[0].neurons[0]
                .weights
                .iter()
                .map(|&w| Value::Node(w))
                .collect(),
        )),
        ("b", _) => Ok(Value::Node(mlp.layers[0].neurons[0].bias)),
        (_, Some(('L', k))) => {
            let layers = mlp.layers.len();
            if !(1..=layers).contains(&k) {
                return refuse(out_of_range(owner, 'L', k, layers, "layer", "layers"));
            }
            Ok(Value::Model(Arc::new(layer_of(mlp, k - 1))))
        }
        (_, Some(('N', j))) => {
            if shape == Shape::Network {
                return refuse(format!(
                    "{owner} has {}: a neuron is named with its layer, as {owner}.L1.N{j}",
                    count(mlp.layers.len(), "layer", "layers")
                ));
            }
            let neurons = mlp.layers[0].neurons.len();
            if !(1..=neurons).contains(&j) {
                return refuse(out_of_range(owner, 'N', j, neurons, "neuron", "neurons"));
            }
            Ok(Value::Model(Arc::new(neuron_of(mlp, j - 1))))
        }
        (_, Some(('w', i))) => {
            if shape != Shape::Neuron {
                return refuse(weights_of_one_neuron(owner, field, shape));
            }
            let weights = &mlp.layers[0].neurons[0].weights;
            if !(1..=weights.len()).contains(&i) {
                return refuse(out_of_range(owner, 'w', i, weights.len(), "weight", "weights"));
            }
            Ok(Value::Node(weights[i - 1]))
        }
        ("data" | "grad", _) => Err(error(
            format!("a network has no `.{field}`; each of its weights and biases has one"),
            name.span,
        )
        .with_help(format!(
            "as {}.{field}; `show {owner}` lists its layers",
            first_parameter(owner, shape)
        ))),
        _ if NETWORK_METHODS.contains(&field) => Err(error(
            format!("`.{field}` is a method, so it needs brackets: call it: `{owner}.{field}()`"),
            name.span,
        )),
        _ => Err(error(format!("a network has no `.{field}`"), name.span)
            .with_help(parts_hint(mlp, owner, shape))),
    }
}

/// The layer or neuron `n.L1(...)` calls, when `method` names a part
/// (`None` for any other name: a method, or a mistake).
pub(super) fn called_part(
    ev: &Evaluator,
    mlp: &Arc<Mlp>,
    receiver: Span,
    method: &Ident,
) -> Option<Result<Arc<Mlp>, EvalError>> {
    numbered(&method.name)?;
    let owner = ev.typed_text(receiver);
    Some(match network_part(mlp, &owner, method) {
        Ok(Value::Model(part)) => Ok(part),
        Ok(_) => Err(error(
            format!(
                "`{owner}.{}` is a number, not a network to call",
                method.name
            ),
            method.span,
        )),
        Err(err) => Err(err),
    })
}

/// `d.name`: data sets have no attributes; say what they have instead.
pub(super) fn data_attribute(owner: &str, data: &Dataset, name: &Ident) -> EvalError {
    error(format!("a data set has no `.{}`", name.name), name.span)
        .with_help(data_hint(owner, data))
}

/// `d[i]`: sample `at` (already checked to be in range) as `(features,
/// label)`: the features as plain numbers, the label as the file names
/// it (a class name, a class number, or the number to predict).
pub(super) fn sample(data: &Dataset, at: usize) -> Value {
    let features = data.features[at]
        .iter()
        .map(|&x| Value::Number(x))
        .collect();
    let label = match data.task() {
        Task::Regress => Value::Number(data.targets[at]),
        Task::Classify => {
            let name = data.class_name(data.labels[at]);
            match (name.parse::<i64>(), name.parse::<f64>()) {
                (Ok(whole), _) => Value::Int(whole),
                (_, Ok(number)) => Value::Number(number),
                _ => Value::Str(name),
            }
        }
    };
    Value::tuple(vec![Value::list(features), label])
}

/// Why `d[index]` is not a sample: `asked` is the number given (out of
/// range, or not whole), or what was given instead of a number.
pub(super) fn bad_sample_index(
    owner: &str,
    data: &Dataset,
    asked: Result<String, String>,
    span: Span,
) -> EvalError {
    let samples = count(data.len(), "sample", "samples");
    let range = match data.len() {
        0 => "it is empty".to_string(),
        n => format!(
            "{owner}[0] to {owner}[{}], or {owner}[-1] for the last",
            n - 1
        ),
    };
    let message = match asked {
        Ok(number) => format!("{owner} has {samples}: there is no sample {number} ({range})"),
        Err(kind) => {
            format!("a sample of {owner} is picked by its number ({range}), not by {kind}")
        }
    };
    error(message, span).with_help(data_hint(owner, data))
}

/// What a data set offers, for help lines.
fn data_hint(owner: &str, data: &Dataset) -> String {
    let last = data.len().saturating_sub(1);
    format!("{owner}[0] is its first sample (features, label), {owner}[{last}] the last; show {owner} shows a few")
}

/// What a part of a network is: several layers, one layer, one neuron.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Network,
    Layer,
    Neuron,
}

impl Shape {
    fn of(mlp: &Mlp) -> Self {
        match mlp.layers.as_slice() {
            [layer] if layer.neurons.len() == 1 => Shape::Neuron,
            [_] => Shape::Layer,
            _ => Shape::Network,
        }
    }
}

/// `L3` as `('L', 3)`, `w12` as `('w', 12)`: a letter and a number from 1.
fn numbered(field: &str) -> Option<(char, usize)> {
    let mut chars = field.chars();
    let letter = chars.next().filter(|c| matches!(c, 'L' | 'N' | 'w'))?;
    let digits = chars.as_str();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok().map(|n| (letter, n))
}

/// Layer `l` (from 0) of `mlp` as a network of one layer; the first layer
/// keeps the network's input scaling, so `n.L1(x)` is what `n` computes
/// inside from `x`.
fn layer_of(mlp: &Mlp, l: usize) -> Mlp {
    let layer = &mlp.layers[l];
    Mlp {
        inputs: layer.neurons.first().map_or(0, |n| n.weights.len()),
        layers: vec![layer.clone()],
        scaling: if l == 0 { mlp.scaling.clone() } else { None },
    }
}

/// Neuron `n` (from 0) of a one-layer network, as a network of one neuron.
fn neuron_of(mlp: &Mlp, n: usize) -> Mlp {
    let neuron = mlp.layers[0].neurons[n].clone();
    Mlp {
        inputs: neuron.weights.len(),
        layers: vec![Layer {
            neurons: vec![neuron],
        }],
        scaling: mlp.scaling.clone(),
    }
}

/// `n.L9` of a network of 2 layers.
fn out_of_range(
    owner: &str,
    letter: char,
    asked: usize,
    have: usize,
    singular: &str,
    plural: &str,
) -> String {
    let range = if have == 1 {
        format!("{owner}.{letter}1 is the only one")
    } else {
        format!("{owner}.{letter}1 to {owner}.{letter}{have}")
    };
    format!(
        "{owner} has {}: there is no {letter}{asked} ({range})",
        count(have, singular, plural)
    )
}

/// `n.w1` asked of more than one neuron.
fn weights_of_one_neuron(owner: &str, field: &str, shape: Shape) -> String {
    let example = match shape {
        Shape::Network => format!("{owner}.L1.N1.{field}"),
        _ => format!("{owner}.N1.{field}"),
    };
    format!("`{field}` belongs to one neuron, and {owner} has several: name it, as {example}")
}

/// The first parameter's name below `owner`, as an example.
fn first_parameter(owner: &str, shape: Shape) -> String {
    match shape {
        Shape::Network => format!("{owner}.L1.N1.w1"),
        Shape::Layer => format!("{owner}.N1.w1"),
        Shape::Neuron => format!("{owner}.w1"),
    }
}

/// What `owner` has, for help lines.
fn parts_hint(mlp: &Mlp, owner: &str, shape: Shape) -> String {
    let parts = match shape {
        Shape::Network => format!(
            "{owner}.L1 to {owner}.L{} (its layers; also {owner}.layers[0])",
            mlp.layers.len()
        ),
        Shape::Layer => format!(
            "{owner}.N1 to {owner}.N{} (its neurons; also {owner}.neurons[0])",
            mlp.layers[0].neurons.len()
        ),
        Shape::Neuron => format!(
            "{owner}.w1 to {owner}.w{} and {owner}.b (also {owner}.w[0])",
            mlp.inputs
        ),
    };
    format!(
        "it has {parts}, and the methods {owner}.parameters(), {owner}.loss(d), {owner}.accuracy(d); show {owner} draws it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_are_a_letter_and_a_number_from_one() {
        assert_eq!(numbered("L1"), Some(('L', 1)));
        assert_eq!(numbered("w12"), Some(('w', 12)));
        assert_eq!(numbered("N0"), None);
        assert_eq!(numbered("L01"), None);
        assert_eq!(numbered("L"), None);
        assert_eq!(numbered("Lx"), None);
        assert_eq!(numbered("b1"), None);
        assert_eq!(numbered("L99999999999999999999999"), None);
    }
}
