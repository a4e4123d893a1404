//! What Python and lecture habits run into here, each with what to do:
//! a method named without its brackets (`L.backward`), an attribute
//! called (`x.grad()`), `show` of one number (`show L.grad`), and names
//! from elsewhere (`torch`, `np`, the lecture's `draw_dot`, `math` before
//! `import math`). The evaluator asks here when a name or attribute fails.

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
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
