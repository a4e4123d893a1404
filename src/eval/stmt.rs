//! Statements: bindings with Python semantics, compound assignment, the
//! learner's "nudge" (`x.data = ...`), and what bare expressions print.

use crate::engine::Op;
use crate::syntax::ast::{AssignOp, Expr, ExprKind, Ident, Stmt, StmtKind, Target};

use super::expr::binary_op;
use super::{error, not_supported, EvalError, Evaluator, Event, Value};

impl Evaluator<'_> {
    /// Runs one statement, pushing what it did to the event list.
    pub(super) fn statement(&mut self, stmt: &Stmt) -> Result<(), EvalError> {
        match &stmt.kind {
            StmtKind::Expr(expr) => self.expression_statement(expr),
            StmtKind::Show(expr) => {
                let root = self.eval_node(expr)?;
                self.events.push(Event::Show(root));
                Ok(())
            }
            StmtKind::Assign { target, op, value } => match target {
                Target::Name(name) => self.assign_name(name, *op, value),
                Target::Attribute { object, attr } => match &object.kind {
                    ExprKind::Name(name) => {
                        let object = Ident {
                            name: name.clone(),
                            span: object.span,
                        };
                        self.assign_attribute(&object, attr, *op, value)
                    }
                    _ => Err(not_supported(
                        "assigning to an attribute of this",
                        object.span,
                    )),
                },
                Target::Index { .. } => Err(not_supported("assigning to `xs[i]`", stmt.span)),
                Target::Tuple(_) => Err(not_supported("assigning to several names", stmt.span)),
            },
            StmtKind::For { .. } => Err(not_supported("`for`", stmt.span)),
            StmtKind::While { .. } => Err(not_supported("`while`", stmt.span)),
            StmtKind::If { .. } => Err(not_supported("`if`", stmt.span)),
            StmtKind::Def { .. } => Err(not_supported("`def`", stmt.span)),
            StmtKind::Return(_) => Err(not_supported("`return`", stmt.span)),
            StmtKind::Break => Err(not_supported("`break`", stmt.span)),
            StmtKind::Continue => Err(not_supported("`continue`", stmt.span)),
            StmtKind::Pass => Err(not_supported("`pass`", stmt.span)),
            StmtKind::Import(_) => Err(not_supported("`import`", stmt.span)),
        }
    }

    fn expression_statement(&mut self, expr: &Expr) -> Result<(), EvalError> {
        if let ExprKind::Attribute { object, name } = &expr.kind {
            let node = self.attribute_owner(object, name)?;
            let value = self.read_attribute(node, name)?;
            let note = if name.name == "grad" {
                let shown = self.display_name(node);
                self.grad_note(node, &shown)
            } else {
                None
            };
            self.events.push(Event::Number { value, note });
            return Ok(());
        }
        match self.eval(expr)? {
            Value::Unit => {}
            value => self.events.push(Event::Value(value)),
        }
        Ok(())
    }

    fn assign_name(&mut self, name: &Ident, op: AssignOp, rhs: &Expr) -> Result<(), EvalError> {
        let value = match op.binary() {
            None => self.eval(rhs)?,
            Some(binary) => {
                let current = match self.session.lookup(&name.name) {
                    Some(Value::Node(id)) => *id,
                    Some(other) => {
                        return Err(error(
                            format!(
                                "`{}` is {}, so it cannot be updated with arithmetic",
                                name.name,
                                other.kind()
                            ),
                            name.span,
                        ))
                    }
                    None => {
                        return Err(error(
                            format!(
                                "`{}` is not defined yet, so there is nothing to update",
                                name.name
                            ),
                            name.span,
                        )
                        .with_help(format!("give it a value first, e.g. {} = 0", name.name)))
                    }
                };
                let operand = self.eval_node(rhs)?;
                Value::Node(self.make(binary_op(binary, current, operand), rhs.span))
            }
        };
        if value == Value::Unit {
            return Err(error("this gives nothing to bind a name to", rhs.span));
        }
        if let Value::Node(id) = value {
            let graph = &mut self.session.graph;
            if graph.op(id) == Op::Const && graph.label(id).is_none() {
                graph.promote_to_leaf(id);
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
        self.events.push(Event::Bound {
            name: name.name.clone(),
            value,
        });
        Ok(())
    }

    fn assign_attribute(
        &mut self,
        object: &Ident,
        attr: &Ident,
        op: AssignOp,
        rhs: &Expr,
    ) -> Result<(), EvalError> {
        let node = match self.session.lookup(&object.name) {
            Some(Value::Node(id)) => *id,
            Some(other) => {
                return Err(error(
                    format!(
                        "`{}` is {}; only numbers have .{}",
                        object.name,
                        other.kind(),
                        attr.name
                    ),
                    object.span,
                ))
            }
            None if matches!(object.name.as_str(), "pi" | "e") => {
                let name = &object.name;
                return Err(error(
                    format!("`{name}` is a built-in constant, so its value cannot be changed"),
                    object.span,
                )
                .with_help(format!(
                    "make a leaf of your own and nudge that: c = {name}, then c.data = ..."
                )));
            }
            None => {
                return Err(
                    error(format!("`{}` is not defined", object.name), object.span)
                        .with_help(format!("give it a value first, e.g. {} = 2", object.name)),
                )
            }
        };
        match attr.name.as_str() {
            "data" => {}
            "grad" => {
                return Err(error(
                    "gradients are written by backward(), not by assignment",
                    attr.span,
                )
                .with_help(format!(
                    "to clear them, run {}.zero_grad() or :zero",
                    object.name
                )))
            }
            other => {
                return Err(error(
                    format!("numbers have `.data` and `.grad`, not `.{other}`"),
                    attr.span,
                ))
            }
        }
        if self.session.graph.op(node) != Op::Leaf {
            let name = &object.name;
            return Err(error(
                format!("`{name}` is computed from other values, so setting {name}.data would be overwritten the next time they change"),
                object.span,
            )
            .with_help("change a leaf instead (a value you typed in, like a = 2); everything computed from it updates at once"));
        }
        let operand = self.eval_number(rhs)?;
        let current = self.session.graph.value(node);
        let new_value = match op.binary() {
            None => operand,
            Some(binary) => {
                let update = binary_op(binary, node, node);
                let value = update.forward(current, operand);
                if let Some(problem) = update.domain_problem(current, operand, value) {
                    let shown = crate::text::number::full(value);
                    self.events.push(Event::Warning {
                        message: format!("{problem}: the result is {shown}"),
                        span: object.span.to(rhs.span),
                    });
                }
                value
            }
        };
        let finite_before: Vec<(String, crate::engine::NodeId)> = self
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
            .map_err(|e| error(e.to_string(), object.span))?;
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
            self.events.push(Event::Warning {
                message: format!(
                    "with {}.data = {}, {list} {verb} now NaN or inf: a formula computed from {} left the real numbers",
                    object.name,
                    crate::text::number::full(new_value),
                    object.name
                ),
                span: object.span.to(rhs.span),
            });
        }
        self.events.push(Event::Nudged {
            leaf: node,
            recomputed,
        });
        Ok(())
    }
}
