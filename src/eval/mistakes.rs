//! What Python and lecture habits run into here, each with what to do:
//! a method named without its brackets (`L.backward`), an attribute
//! called (`x.grad()`), `show` of one number (`show L.grad`), and names
//! from elsewhere (`torch`, `np`, the lecture's `draw_dot`, `math` before
//! `import math`), and the lecture's internal `Value(data, (x, y), '+')`.
//! The evaluator asks here when a name, attribute or call fails.

use crate::syntax::ast::Arg;
use crate::syntax::Span;

use super::table::{METHODS, NETWORK_METHODS};
use super::{error, EvalError};

/// `L.backward`, `x.exp`, `n.parameters` read as attributes: the method
/// named without its call.
pub(super) fn method_without_call(receiver: &str, name: &str, span: Span) -> Option<EvalError> {
    let is_method = METHODS.contains(&name) || NETWORK_METHODS.contains(&name);
    is_method.then(|| {
        error(
            format!("`.{name}` is a method, so it needs brackets: call it: `{receiver}.{name}()`"),
            span,
        )
        .with_help(format!(
            "in Python too, {receiver}.{name} alone names the method and does nothing"
        ))
    })
}

/// `x.grad()`, `x.data()`: an attribute called as a method.
pub(super) fn attribute_called(receiver: &str, name: &str, span: Span) -> Option<EvalError> {
    matches!(name, "data" | "grad").then(|| {
        error(
            format!(
                "`.{name}` is a number, not a method: write `{receiver}.{name}` without brackets"
            ),
            span,
        )
    })
}

/// `show L.grad`: show draws a graph, and `L.grad` is one number.
pub(super) fn show_of_number(owner: &str, name: &str, span: Span) -> EvalError {
    error(
        format!("`{owner}.{name}` is one number, not a graph to draw"),
        span,
    )
    .with_help(format!(
        "type {owner}.{name} to see it; show {owner} draws the graph with every node's data and grad"
    ))
}

/// `Value(1.0, (x, y), '+')` or `Value(1.0, _op='+')`: the lecture's Value
/// class makes its results this way inside its operators; here only a leaf
/// is made by hand and the operators record children and op themselves.
pub(super) fn value_internals(args: &[Arg], span: Span) -> Option<EvalError> {
    let internal = |arg: &Arg| match &arg.keyword {
        Some(keyword) => matches!(keyword.name.as_str(), "_children" | "_prev" | "_op"),
        None => false,
    };
    let positional = args.iter().filter(|arg| arg.keyword.is_none()).count();
    (positional > 1 || args.iter().any(internal)).then(|| {
        error(
            "only `Value(x)` and `Value(x, label='a')` make a Value here: a result's children and op come from the operator that builds it",
            span,
        )
        .with_help("build it with operators, as in z = x + y: z then has children x and y and op '+' (see show z)")
    })
}

/// Help for a name that is not defined here but is somewhere else.
pub(super) fn foreign_name(name: &str) -> Option<String> {
    Some(match name {
        "math" | "random" => format!(
            "write `import {name}` first; {name}'s functions work on plain numbers (for a node, use its methods: x.exp(), x.tanh())"
        ),
        "torch" | "np" | "numpy" | "plt" | "matplotlib" | "sklearn" => format!(
            "there is no {name} here: numbers are Values (x = Value(2.0)), networks are MLP(...), data sets moons(...), plots come with train(...)"
        ),
        "help" => "help(NAME) works on a line of its own, as do :help NAME and NAME?".to_string(),
        "quit" | "exit" => format!("{name}() works on a line of its own, as does :quit (or Ctrl-D)"),
        "draw_dot" | "trace" => {
            "the lecture's draw_dot is built in: show L (a tree here) or :dot L graph.svg (a picture)"
                .to_string()
        }
        "nn" | "engine" | "micrograd" => format!(
            "write `from micrograd.nn import MLP` or `from micrograd.engine import Value`; or just use MLP(...) and Value(...), which are built in (`{name}` is not a name)"
        ),
        // numpy's and statistics' names: the lessons build them from sum and len.
        "mean" => {
            "there is no mean() here: a mean is sum(xs) / len(xs)".to_string()
        }
        "std" | "stdev" | "variance" => {
            "there is none here: the variance is sum((x - m)**2 for x in xs) / len(xs) with m the mean, the standard deviation its square root (**0.5)".to_string()
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_statistics_names_are_told_how_to_write_them() {
        assert!(foreign_name("mean").unwrap().contains("sum(xs) / len(xs)"));
        assert!(foreign_name("std").unwrap().contains("square root (**0.5)"));
        assert!(foreign_name("meaning").is_none());
    }

    #[test]
    fn a_method_named_without_brackets_is_told_to_call_it() {
        let err = method_without_call("L", "backward", Span::new(2, 10)).unwrap();
        assert!(
            err.message.contains("call it: `L.backward()`"),
            "{}",
            err.message
        );
        assert!(method_without_call("n", "parameters", Span::new(0, 1)).is_some());
        assert!(method_without_call("x", "label", Span::new(0, 1)).is_none());
        assert!(attribute_called("x", "grad", Span::new(0, 1)).is_some());
        assert!(foreign_name("torch").is_some() && foreign_name("x").is_none());
    }

    #[test]
    fn the_lectures_internal_value_form_is_told_to_use_operators() {
        let parse = |text: &str| match crate::syntax::parse_expression(text).unwrap().kind {
            crate::syntax::ast::ExprKind::Call { args, .. } => args,
            other => panic!("not a call: {other:?}"),
        };
        let span = Span::new(0, 5);
        for internal in [
            "Value(1.0, (x, y), '+')",
            "Value(1.0, _op='+')",
            "Value(1.0, _children=(x,))",
        ] {
            let err = value_internals(&parse(internal), span).expect(internal);
            assert!(err.message.contains("only `Value(x)`"), "{}", err.message);
        }
        for leaf in ["Value(2.0)", "Value(2.0, label='a')"] {
            assert!(value_internals(&parse(leaf), span).is_none(), "{leaf}");
        }
    }
}
