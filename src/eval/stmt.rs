//! Simple statements: bindings with Python semantics, compound assignment,
//! the learner's "nudge" (`x.data = ...`) and `p.grad = 0.0`, assignment
//! into lists and tuple unpacking, `import`, and what bare expressions
//! print at the top level.

use crate::engine::{NodeId, Op};
use crate::syntax::ast::{
    AssignOp, CompareOp, Expr, ExprKind, Ident, Import, Stmt, StmtKind, Target,
};
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Event, Value};

impl Evaluator<'_> {
    /// Runs a statement that is not a block or a jump.
    pub(super) fn simple_statement(&mut self, stmt: &Stmt) -> Result<(), EvalError> {
        match &stmt.kind {
            StmtKind::Expr(expr) => self.expression_statement(expr),
            StmtKind::Show(expr) => {
                if let ExprKind::Attribute { object, name } = &expr.kind {
                    if matches!(name.name.as_str(), "data" | "grad") {
                        let owner = self
                            .chunk
                            .text
                            .get(object.span.start..object.span.end)
                            .unwrap_or("x");
                        return Err(super::mistakes::show_of_number(
                            owner, &name.name, expr.span,
                        ));
                    }
                }
                let event = match self.eval(expr)? {
                    Value::Model(model) => Event::ShowNetwork {
                        name: self.typed_text(expr.span),
                        model,
                    },
                    Value::Data(data) => Event::ShowData {
                        name: self.typed_text(expr.span),
                        data,
                    },
                    value
                    @ (Value::Node(_) | Value::Number(_) | Value::Int(_) | Value::Bool(_)) => {
                        Event::Show(self.node_for(&value))
                    }
                    other => {
                        return Err(error(
                            format!(
                            "show draws a number's graph, a network or a data set, and this is {}",
                            other.kind()
                        ),
                            expr.span,
                        ))
                    }
                };
                if self.depth > 0 || !self.silent {
                    self.emit(event);
                }
                Ok(())
            }
            StmtKind::Assign { target, op, value } => self.assign(target, *op, value, stmt.span),
            StmtKind::Import(import) => self.import(import, stmt.span),
            _ => Err(error("this statement cannot run here", stmt.span)),
        }
    }

    fn expression_statement(&mut self, expr: &Expr) -> Result<(), EvalError> {
        if let ExprKind::Attribute { object, name } = &expr.kind {
            let is_module = matches!(&object.kind, ExprKind::Name(n) if matches!(self.find_name(n), Some(Value::Module(_))));
            // `x.data` and `x.grad` echo as numbers, with a note on a stale
            // gradient; anything else (`n.L1`, `x.foo`) is an expression.
            if !is_module && matches!(name.name.as_str(), "data" | "grad") {
                let node = self.attribute_owner(object, name)?;
                let value = self.read_attribute(node, name)?;
                // Only an echo shows the note (a loop body's `p.grad` does
                // not), and finding the result to name scans the graph.
                let echoed = self.depth == 0 && !self.silent;
                let note = if name.name == "grad" && echoed {
                    let shown = self.display_name(node);
                    self.grad_note(node, &shown)
                } else {
                    None
                };
                self.echo(Event::Number { value, note });
                return Ok(());
            }
        }
        let value = match self.eval(expr) {
            Ok(value) => value,
            Err(err) => return Err(binding_slip(expr, err)),
        };
        match value {
            Value::Unit | Value::None => {}
            value => self.echo(Event::Value(value)),
        }
        Ok(())
    }

    /// Evaluates an expression to a plain number (a node's current value).
    pub(super) fn eval_number(&mut self, expr: &Expr) -> Result<f64, EvalError> {
        let value = self.eval(expr)?;
        self.number_of(&value).ok_or_else(|| {
            error(
                format!("expected a number here, but this is {}", value.kind()),
                expr.span,
            )
        })
    }

    fn assign(
        &mut self,
        target: &Target,
        op: AssignOp,
        rhs: &Expr,
        span: Span,
    ) -> Result<(), EvalError> {
        match target {
            Target::Name(name) => {
                let value = match op.binary() {
                    None => self.eval(rhs)?,
                    Some(binary) => {
                        let current = self.current_for_update(name)?;
                        if let (Value::List(list), AssignOp::Add) = (&current, op) {
                            // `xs += [...]` extends the list in place.
                            let more = self.eval(rhs)?;
                            let items = self.collect_items(more, rhs.span)?;
                            list.items().extend(items);
                            return Ok(());
                        }
                        let operand = self.eval(rhs)?;
                        self.binary(binary, current, operand, rhs.span)?
                    }
                };
                if value == Value::Unit {
                    return Err(error("this gives nothing to bind a name to", rhs.span));
                }
                self.bind_name(name, value);
                Ok(())
            }
            Target::Attribute { object, attr } => self.assign_attribute(object, attr, op, rhs),
            Target::Index { object, index } => {
                let container = self.eval(object)?;
                let position = self.eval(index)?;
                let Value::List(list) = &container else {
                    return Err(error(
                        format!(
                            "only a list's items can be assigned, and this is {}",
                            container.kind()
                        ),
                        object.span,
                    ));
                };
                let at = self.position(&position, list.len(), index.span)?;
                let value = match op.binary() {
                    None => self.eval(rhs)?,
                    Some(binary) => {
                        let current = list.items()[at].clone();
                        let operand = self.eval(rhs)?;
                        self.binary(binary, current, operand, rhs.span)?
                    }
                };
                if let Some(slot) = list.items().get_mut(at) {
                    *slot = value;
                }
                Ok(())
            }
            Target::Tuple(parts) => {
                if op != AssignOp::Set {
                    return Err(error("only `=` can assign to several names at once", span));
                }
                let value = self.eval(rhs)?;
                self.assign_tuple(parts, value, rhs.span)
            }
        }
    }

    fn assign_tuple(
        &mut self,
        parts: &[Target],
        value: Value,
        span: Span,
    ) -> Result<(), EvalError> {
        let values = self.unpack(value, parts.len(), span)?;
        for (part, value) in parts.iter().zip(values) {
            match part {
                Target::Name(name) => self.bind_name(name, value),
                Target::Tuple(inner) => super::grow(|| self.assign_tuple(inner, value, span))?,
                _ => {
                    return Err(error(
                        "only names can be unpacked into here (a, b = ...)",
                        span,
                    ))
                }
            }
        }
        Ok(())
    }

    /// The value `name op= ...` starts from.
    fn current_for_update(&mut self, name: &Ident) -> Result<Value, EvalError> {
        match self.find_name(&name.name) {
            Some(
                value @ (Value::Node(_)
                | Value::Number(_)
                | Value::Int(_)
                | Value::Bool(_)
                | Value::List(_)
                | Value::Str(_)
                | Value::Tuple(_)),
            ) => Ok(value),
            Some(other) => Err(error(
                format!(
                    "`{}` is {}, so it cannot be updated with arithmetic",
                    name.name,
                    other.kind()
                ),
                name.span,
            )),
            None => Err(error(
                format!(
                    "`{}` is not defined yet, so there is nothing to update",
                    name.name
                ),
                name.span,
            )
            .with_help(format!("give it a value first, e.g. `{} = 0`", name.name))),
        }
    }

    /// `name = value` from an assignment statement: in a function, a local;
    /// in the session, a binding that labels the node it names, and at the
    /// top level a plain number becomes a leaf (the learner's variable).
    pub(super) fn bind_name(&mut self, name: &Ident, value: Value) {
        if let Some(frame) = &self.frame {
            frame.set(&name.name, value);
            return;
        }
        let value = match value {
            Value::Number(x) if self.depth == 0 => {
                let leaf = self.graph().leaf(x);
                self.session.plain_leaves.insert(leaf);
                Value::Node(leaf)
            }
            Value::Int(whole) if self.depth == 0 => {
                let leaf = self.graph().leaf(whole as f64);
                self.session.plain_leaves.insert(leaf);
                self.session.plain_leaves.set_int(leaf, true);
                Value::Node(leaf)
            }
            other => other,
        };
        if let Value::Node(id) = value {
            let graph = &mut self.session.graph;
            if graph.op(id) == Op::Const && graph.label(id).is_none() {
                graph.promote_to_leaf(id);
                self.session.plain_leaves.insert(id);
            }
            graph.label_if_unset(id, &name.name);
        }
        if let Value::Model(mlp) = &value {
            let graph = &mut self.session.graph;
            for (id, part) in mlp.parameters().into_iter().zip(mlp.parameter_names()) {
                graph.label_if_unset(id, &format!("{}.{part}", name.name));
            }
        }
        self.session.bind(&name.name, value.clone());
        self.echo(Event::Bound {
            name: name.name.clone(),
            value,
        });
    }

    /// A binding that labels nothing and echoes nothing: a loop variable,
    /// a `def`, an import.
    pub(super) fn assign_plain(&mut self, name: &Ident, value: Value) {
        match &self.frame {
            Some(frame) => frame.set(&name.name, value),
            None => self.session.bind(&name.name, value),
        }
    }

    /// The node `object` names, for `object.attr = ...`.
    fn assigned_node(&mut self, object: &Expr, attr: &Ident) -> Result<NodeId, EvalError> {
        let ExprKind::Name(name) = &object.kind else {
            return match self.eval(object)? {
                Value::Node(id) => Ok(id),
                other => Err(error(
                    format!("{} has no .{}; only numbers do", other.kind(), attr.name),
                    object.span,
                )),
            };
        };
        match self.find_name(name) {
            Some(Value::Node(id)) => Ok(id),
            Some(other) => Err(error(
                format!(
                    "`{name}` is {}; only numbers have .{}",
                    other.kind(),
                    attr.name
                ),
                object.span,
            )),
            None if matches!(name.as_str(), "pi" | "e") => Err(error(
                format!("`{name}` is a built-in constant, so its value cannot be changed"),
                object.span,
            )
            .with_help(format!(
                "make a leaf of your own and nudge that: c = {name}, then c.data = ..."
            ))),
            None => Err(error(format!("`{name}` is not defined"), object.span)
                .with_help(format!("give it a value first, e.g. `{name} = 2`"))),
        }
    }

    fn assign_attribute(
        &mut self,
        object: &Expr,
        attr: &Ident,
        op: AssignOp,
        rhs: &Expr,
    ) -> Result<(), EvalError> {
        let node = self.assigned_node(object, attr)?;
        let shown = match &object.kind {
            ExprKind::Name(name) => name.clone(),
            _ => self.display_name(node),
        };
        match attr.name.as_str() {
            "data" => {}
            "grad" => return self.assign_grad(node, op, rhs),
            other => {
                return Err(error(
                    format!("numbers have `.data` and `.grad`, not `.{other}`"),
                    attr.span,
                ))
            }
        }
        if self.session.graph.op(node) != Op::Leaf {
            let name = &shown;
            return Err(error(
                format!("`{name}` is computed from other values, so setting {name}.data would be overwritten the next time they change"),
                object.span,
            )
            .with_help("change a leaf instead (a value you typed in, like a = 2); everything computed from it updates at once"));
        }
        let given = self.eval(rhs)?;
        let operand = self.number_of(&given).ok_or_else(|| {
            error(
                format!("expected a number here, but this is {}", given.kind()),
                rhs.span,
            )
        })?;
        let current = self.session.graph.value(node);
        let new_value = match op.binary() {
            None => operand,
            Some(binary) => self.plain_binary(binary, current, operand, object.span.to(rhs.span)),
        };
        if self.session.plain_leaves.is_plain(node) {
            // `x = 2` then `x.data = 2.5` (or `+= 0.5`): x is a float now.
            let was = self.is_int_value(&Value::Node(node));
            let int = self.is_int_value(&given)
                && match op.binary() {
                    None => true,
                    Some(binary) => was && super::operators::binary_keeps_ints(binary, operand),
                };
            self.session.plain_leaves.set_int(node, int);
        }
        if self.depth > 0 {
            // In a block: the nodes computed from it wait for the next read
            // (a loop over 337 parameters recomputes the graph once).
            self.session.set_leaf_later(node, new_value);
            return Ok(());
        }
        self.nudge_now(node, &shown, new_value, object.span.to(rhs.span))
    }

    /// A top-level nudge: recomputes at once, says how many nodes changed,
    /// and warns when a named result left the real numbers.
    fn nudge_now(
        &mut self,
        node: NodeId,
        shown: &str,
        new_value: f64,
        span: Span,
    ) -> Result<(), EvalError> {
        self.session.flush_pending();
        let finite_before: Vec<(String, NodeId)> = self
            .session
            .bindings()
            .iter()
            .filter_map(|(name, value)| match value {
                Value::Node(id) if *id != node && self.session.graph.value(*id).is_finite() => {
                    Some((name.clone(), *id))
                }
                _ => None,
            })
            .collect();
        let recomputed = self
            .session
            .graph
            .set_data(node, new_value)
            .map_err(|e| error(e.to_string(), span))?;
        let broken: Vec<String> = finite_before
            .into_iter()
            .filter(|(_, id)| !self.session.graph.value(*id).is_finite())
            .map(|(name, _)| name)
            .collect();
        if let Some((last, init)) = broken.split_last() {
            let (verb, list) = if init.is_empty() {
                ("is", last.clone())
            } else {
                ("are", format!("{} and {last}", init.join(", ")))
            };
            self.warn(
                format!(
                    "with {shown}.data = {}, {list} {verb} now NaN or inf: a formula computed from {shown} left the real numbers",
                    crate::text::number::full(new_value),
                ),
                span,
            );
        }
        self.echo(Event::Nudged {
            leaf: node,
            recomputed,
        });
        Ok(())
    }

    /// `p.grad = 0.0` (the lecture zeroes gradients this way) or `+=`.
    fn assign_grad(&mut self, node: NodeId, op: AssignOp, rhs: &Expr) -> Result<(), EvalError> {
        let operand = self.eval_number(rhs)?;
        let current = self.session.graph.grad(node);
        let new_grad = match op.binary() {
            None => operand,
            Some(binary) => self.plain_binary(binary, current, operand, rhs.span),
        };
        self.session.graph.assign_grad(node, new_grad);
        Ok(())
    }

    /// `import math`, `from micrograd.engine import Value`, ...: the
    /// modules the lecture imports are accepted; anything else is refused.
    fn import(&mut self, import: &Import, span: Span) -> Result<(), EvalError> {
        let path: Vec<&str> = import.module.iter().map(|m| m.name.as_str()).collect();
        let module_span = match (import.module.first(), import.module.last()) {
            (Some(first), Some(last)) => first.span.to(last.span),
            _ => span,
        };
        match path.as_slice() {
            ["math"] | ["random"] if import.names.is_empty() => {
                let which = if path[0] == "math" { "math" } else { "random" };
                let bound = import.alias.clone().unwrap_or_else(|| import.module[0].clone());
                self.assign_plain(&bound, Value::Module(which));
                if which == "random" && self.depth == 0 && !self.silent {
                    let note = "note: random numbers here come from the session's seed (:seed N), so they differ from Python's";
                    self.emit(Event::Note(note.to_string()));
                }
                Ok(())
            }
            ["micrograd"] | ["micrograd", "engine"] | ["micrograd", "nn"] => {
                let known: &[&str] = match path.as_slice() {
                    ["micrograd", "engine"] => &["Value", "*"],
                    ["micrograd", "nn"] => &["Neuron", "Layer", "MLP", "Module", "*"],
                    _ => &["engine", "nn"],
                };
                for name in &import.names {
                    if !known.contains(&name.name.as_str()) {
                        return Err(error(
                            format!("`{}` is not something {} offers here", name.name, path.join(".")),
                            name.span,
                        )
                        .with_help(format!("it offers {}", known.join(", "))));
                    }
                }
                Ok(())
            }
            _ => Err(error(
                format!("there is no module `{}` here", path.join(".")),
                module_span,
            )
            .with_help("the modules are micrograd.engine (Value), micrograd.nn (MLP), math and random; everything else is built in")),
        }
    }
}

/// `L == expr` whose `L` is not defined meant to bind it: the error about
/// `L` says to use one `=` (finding B201), instead of guessing a name.
fn binding_slip(expr: &Expr, err: EvalError) -> EvalError {
    let ExprKind::Compare { first, rest } = &expr.kind else {
        return err;
    };
    let (ExprKind::Name(name), [(CompareOp::Eq, _)]) = (&first.kind, rest.as_slice()) else {
        return err;
    };
    if err.span != first.span || !err.message.ends_with("is not defined") {
        return err;
    }
    err.with_help(format!(
        "to bind `{name}`, use one `=`: `==` compares, and `{name}` has no value yet"
    ))
}
