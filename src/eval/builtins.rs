//! The functions and methods the language knows: the math functions of the
//! engine (`tanh(x)` or `x.tanh()`), `pow`, and the graph actions
//! `backward`, `zero_grad` and `show`.

use crate::engine::{NodeId, Op};
use crate::syntax::ast::{Arg, Ident};
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Event, Value};

/// Every method name a number has; each is also a function (`x.tanh()`
/// or `tanh(x)`).
pub const METHODS: &[&str] = &[
    "tanh",
    "exp",
    "log",
    "relu",
    "sigmoid",
    "sin",
    "cos",
    "sqrt",
    "abs",
    "pow",
    "backward",
    "zero_grad",
    "show",
];

/// The functions that are not methods of a number: networks, data sets,
/// training and `len`.
const FUNCTIONS_ONLY: &[&str] = &[
    "MLP", "moons", "circles", "xor", "spiral", "csv", "train", "len",
];

/// Every function name, for suggestions and completion: the methods, then
/// the functions that are only functions.
pub const FUNCTIONS: &[&str] =
    &concat::<{ METHODS.len() + FUNCTIONS_ONLY.len() }>(METHODS, FUNCTIONS_ONLY);

/// `first` followed by `second`, at compile time (`N` must be the sum of
/// their lengths, or the build fails).
const fn concat<const N: usize>(
    first: &[&'static str],
    second: &[&'static str],
) -> [&'static str; N] {
    assert!(first.len() + second.len() == N);
    let mut all = [""; N];
    let mut i = 0;
    while i < first.len() {
        all[i] = first[i];
        i += 1;
    }
    while i < N {
        all[i] = second[i - first.len()];
        i += 1;
    }
    all
}

/// True when `name` is a built-in function.
pub fn is_function(name: &str) -> bool {
    FUNCTIONS.contains(&name)
}

fn unary_op(name: &str, x: NodeId) -> Option<Op> {
    Some(match name {
        "tanh" => Op::Tanh(x),
        "exp" => Op::Exp(x),
        "log" => Op::Log(x),
        "relu" => Op::Relu(x),
        "sigmoid" => Op::Sigmoid(x),
        "sin" => Op::Sin(x),
        "cos" => Op::Cos(x),
        "sqrt" => Op::Sqrt(x),
        "abs" => Op::Abs(x),
        _ => return None,
    })
}

/// `name(args)`.
pub(super) fn call_function(
    ev: &mut Evaluator,
    function: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    if let Some(result) = super::nn_builtins::call_function(ev, function, args, span) {
        return result;
    }
    let name = function.name.as_str();
    if ev.session.lookup(name).is_some() {
        return Err(error(
            format!("`{name}` is a value, not a function"),
            function.span,
        ));
    }
    if name == "pow" {
        let nodes = ev.node_args(function, args, 2, span)?;
        return Ok(Value::Node(ev.make(Op::Pow(nodes[0], nodes[1]), span)));
    }
    if is_function(name) {
        let nodes = ev.node_args(function, args, 1, span)?;
        return apply_named(ev, name, nodes[0], span);
    }
    let mut err = error(
        format!("there is no function called `{name}`"),
        function.span,
    );
    if let Some(close) = super::suggest::closest(name, FUNCTIONS.iter().copied()) {
        err = err.with_help(format!("did you mean `{close}`?"));
    } else {
        err = err.with_help(format!("the functions are {}", FUNCTIONS.join(", ")));
    }
    Err(err)
}

/// `receiver.name(args)`.
pub(super) fn call_method(
    ev: &mut Evaluator,
    receiver: Value,
    receiver_span: Span,
    method: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let node = match receiver {
        Value::Node(id) => id,
        Value::Model(mlp) => {
            return super::nn_builtins::call_model_method(ev, &mlp, method, args, span)
        }
        other => {
            return Err(error(
                format!("{} has no method `{}`", other.kind(), method.name),
                receiver_span,
            ))
        }
    };
    let name = method.name.as_str();
    if name == "pow" {
        let exponent = ev.node_args(method, args, 1, span)?;
        return Ok(Value::Node(ev.make(Op::Pow(node, exponent[0]), span)));
    }
    if !METHODS.contains(&name) {
        let mut err = error(format!("numbers have no method `{name}`"), method.span);
        err = match super::suggest::closest(name, METHODS.iter().copied()) {
            Some(close) => err.with_help(format!("did you mean `{close}()`?")),
            None => err.with_help(super::expr::methods_hint()),
        };
        return Err(err);
    }
    ev.node_args(method, args, 0, span)?;
    apply_named(ev, name, node, span)
}

/// Applies a named function or graph action to one node.
fn apply_named(ev: &mut Evaluator, name: &str, x: NodeId, span: Span) -> Result<Value, EvalError> {
    if let Some(op) = unary_op(name, x) {
        return Ok(Value::Node(ev.make(op, span)));
    }
    match name {
        "backward" => {
            let report = ev.session.graph.backward(x);
            if report.accumulated_onto_nonzero {
                let root = ev.display_name(x);
                ev.events.push(Event::Warning {
                    message: format!(
                        "the graph under {root} already held gradients, so this backward added to them \
                         (they accumulate, as in PyTorch); to start fresh, run {root}.zero_grad() or :zero first"
                    ),
                    span,
                });
            }
            ev.events.push(Event::Backward { root: x, report });
        }
        "zero_grad" => ev.session.graph.zero_grad(x),
        _ => ev.events.push(Event::Show(x)),
    }
    Ok(Value::Unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_the_methods_then_the_function_only_names() {
        assert_eq!(FUNCTIONS.len(), METHODS.len() + FUNCTIONS_ONLY.len());
        assert_eq!(&FUNCTIONS[..METHODS.len()], METHODS);
        assert_eq!(&FUNCTIONS[METHODS.len()..], FUNCTIONS_ONLY);
        assert!(is_function("tanh") && is_function("len") && !is_function("fit"));
    }
}
