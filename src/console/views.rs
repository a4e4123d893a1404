//! The view commands (`show`, `:vars`, `:step`, `:check`, `:paths`, `:dot`)
//! wired to their renderers in `crate::render`.
//!
//! PLACEHOLDER (views): the bodies below are minimal stand-ins until the
//! render modules of the views work land; replace each with a call into
//! `crate::render::{tree, vars, step, check, paths, dot}`.

use std::io::Write;

use super::{Console, StepControl};
use crate::engine::NodeId;
use crate::eval::{EvalError, Value};
use crate::render::{events, number};

/// `show L`
pub(super) fn show(
    console: &mut Console,
    root: NodeId,
    out: &mut dyn Write,
) -> Result<(), EvalError> {
    let graph = &console.session.graph;
    for id in graph.subgraph(root).into_iter().rev() {
        let _ = writeln!(
            out,
            "{} {} data={} grad={}",
            graph.display_name(id),
            graph.op(id).symbol(),
            number::full(graph.value(id)),
            number::full(graph.grad(id))
        );
    }
    Ok(())
}

/// `:vars`
pub(super) fn vars(console: &mut Console, out: &mut dyn Write) -> Result<(), EvalError> {
    let session = &console.session;
    for (name, value) in session.bindings() {
        let grad = match value {
            Value::Node(id) => number::full(session.graph.grad(*id)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{name} = {}  grad {grad}",
            events::value_text(&session.graph, value)
        );
    }
    Ok(())
}

/// `:step L`
pub(super) fn step(
    console: &mut Console,
    root: NodeId,
    out: &mut dyn Write,
    _control: &mut dyn StepControl,
) -> Result<(), EvalError> {
    console.session.graph.backward(root);
    let _ = writeln!(out, "(step view not built yet; ran backward)");
    Ok(())
}

/// `:check L [h]`
pub(super) fn check(
    console: &mut Console,
    root: NodeId,
    h: f64,
    out: &mut dyn Write,
) -> Result<(), EvalError> {
    let _ = (console, root, h);
    let _ = writeln!(out, "(check view not built yet)");
    Ok(())
}

/// `:paths L a`
pub(super) fn paths(
    console: &mut Console,
    root: NodeId,
    leaf: NodeId,
    out: &mut dyn Write,
) -> Result<(), EvalError> {
    let _ = (console, root, leaf);
    let _ = writeln!(out, "(paths view not built yet)");
    Ok(())
}

/// `:dot L FILE`
pub(super) fn dot(
    console: &mut Console,
    root: NodeId,
    file: &str,
    out: &mut dyn Write,
) -> Result<(), EvalError> {
    let _ = (console, root, file);
    let _ = writeln!(out, "(dot view not built yet)");
    Ok(())
}
