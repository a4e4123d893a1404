//! Blocks and control flow: `for`, `while`, `if/elif/else`, `def`,
//! `return`, `break`, `continue`, calls of user functions, and where an
//! error happened (`in iteration 3 of for k (k = 2)`, `in neuron()`).
//! Loops and calls ask the sink about Ctrl-C before every step, so any
//! program stops within a moment and keeps every name as far as it got.

use std::sync::Arc;

use crate::syntax::ast::{Arg, Block, Expr, Ident, LoopTarget, Stmt, StmtKind};
use crate::syntax::Span;

use super::function::{Body, Frame, Function};
use super::iterate::Items;
use super::{error, grow, EvalError, Evaluator, Value, MAX_CALL_DEPTH};

/// How a statement ended.
pub(super) enum Flow {
    /// Go on with the next statement.
    Next,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return` with its value.
    Return(Value),
}

impl Evaluator<'_> {
    /// Runs one statement typed at the top level.
    pub(super) fn top_statement(&mut self, stmt: &Stmt) -> Result<(), EvalError> {
        match self.exec(stmt)? {
            Flow::Next => Ok(()),
            Flow::Break | Flow::Continue => Err(error(
                "`break` and `continue` only work inside a loop",
                stmt.span,
            )),
            Flow::Return(_) => Err(error("`return` only works inside a function", stmt.span)),
        }
    }

    /// Runs one statement anywhere.
    pub(super) fn exec(&mut self, stmt: &Stmt) -> Result<Flow, EvalError> {
        grow(|| self.exec_here(stmt))
    }

    fn exec_here(&mut self, stmt: &Stmt) -> Result<Flow, EvalError> {
        match &stmt.kind {
            StmtKind::For {
                targets,
                nested,
                iter,
                body,
            } => self.for_loop(stmt, (targets, nested.as_deref()), iter, body),
            StmtKind::While { condition, body } => self.while_loop(stmt, condition, body),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (condition, body) in branches {
                    let test = self.eval(condition)?;
                    if self.truthy(&test, condition.span)? {
                        return self.block(body);
                    }
                }
                match otherwise {
                    Some(body) => self.block(body),
                    None => Ok(Flow::Next),
                }
            }
            StmtKind::Def { name, params, body } => {
                let function = self.make_function(&name.name, params, Body::Block(body.clone()))?;
                self.assign_plain(name, Value::Function(function));
                Ok(Flow::Next)
            }
            StmtKind::Return(value) => {
                if self.frame.is_none() {
                    return Err(error("`return` only works inside a function", stmt.span));
                }
                let value = match value {
                    Some(expr) => self.eval(expr)?,
                    None => Value::None,
                };
                Ok(Flow::Return(value))
            }
            StmtKind::Break => Ok(Flow::Break),
            StmtKind::Continue => Ok(Flow::Continue),
            StmtKind::Pass => Ok(Flow::Next),
            _ => {
                self.simple_statement(stmt)?;
                Ok(Flow::Next)
            }
        }
    }

    /// The statements of a body, which echo nothing.
    pub(super) fn block(&mut self, body: &Block) -> Result<Flow, EvalError> {
        self.depth += 1;
        let result = self.statements(body);
        self.depth -= 1;
        result
    }

    fn statements(&mut self, body: &Block) -> Result<Flow, EvalError> {
        for stmt in body {
            match self.exec(stmt)? {
                Flow::Next => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Next)
    }

    fn for_loop(
        &mut self,
        stmt: &Stmt,
        (targets, nested): (&[Ident], Option<&[LoopTarget]>),
        iter: &Expr,
        body: &Block,
    ) -> Result<Flow, EvalError> {
        let iterable = self.eval(iter)?;
        let mut items = self.items(iterable, iter.span)?;
        let header = Span::new(stmt.span.start, iter.span.end);
        // As written, for saying which iteration failed: `i, (x, y)`.
        let written: Vec<String> = match nested {
            Some(nested) => nested.iter().map(target_text).collect(),
            None => targets.iter().map(|t| t.name.clone()).collect(),
        };
        let names: Vec<&str> = written.iter().map(String::as_str).collect();
        let at_top = self.depth == 0 && self.frame.is_none();
        let mut iteration = 0usize;
        loop {
            // Ctrl-C is seen here, between iterations, but it was pressed
            // while the body ran: said at the body's last line, in the
            // iteration that ran it, not at the `for` line (finding A119).
            self.check_interrupt(header)
                .map_err(|e| match (iteration, body.last()) {
                    (1.., Some(last)) => EvalError {
                        span: last.span,
                        ..e
                    }
                    .within(loop_context(iteration, &names, None)),
                    _ => e.within(loop_context(iteration + 1, &names, None)),
                })?;
            let Some(item) = items.next_item() else {
                break;
            };
            iteration += 1;
            let shown = self.loop_values(&item, names.len());
            let in_iteration =
                |e: EvalError| e.within(loop_context(iteration, &names, shown.as_deref()));
            self.bind_loop_targets(targets, nested, item, iter.span)
                .map_err(in_iteration)?;
            let flow = if at_top {
                // Kept where a compaction of the graph can renumber the
                // nodes the loop has still to visit.
                self.top_loops.push(std::mem::take(&mut items));
                let flow = self.block(body);
                self.compact_if_large();
                items = self.top_loops.pop().unwrap_or_default();
                flow
            } else {
                self.block(body)
            };
            match flow.map_err(in_iteration)? {
                Flow::Break => break,
                Flow::Next | Flow::Continue => {}
                Flow::Return(value) => return Ok(Flow::Return(value)),
            }
        }
        Ok(Flow::Next)
    }

    /// The loop variables' values, for saying which iteration failed (only
    /// plain numbers: a node's id would say nothing).
    fn loop_values(&mut self, item: &Value, targets: usize) -> Option<String> {
        let first = match item {
            Value::Tuple(parts) if targets > 1 => parts.first()?,
            _ if targets == 1 => item,
            _ => return None,
        };
        super::plain::plain_number_text(first)
    }

    fn while_loop(
        &mut self,
        stmt: &Stmt,
        condition: &Expr,
        body: &Block,
    ) -> Result<Flow, EvalError> {
        let header = Span::new(stmt.span.start, condition.span.end);
        let at_top = self.depth == 0 && self.frame.is_none();
        let mut iteration = 0usize;
        loop {
            let in_iteration =
                |n: usize| move |e: EvalError| e.within(loop_context(n, &["while"], None));
            // As in a `for` loop: said at the body's last line.
            self.check_interrupt(header)
                .map_err(|e| match (iteration, body.last()) {
                    (1.., Some(last)) => in_iteration(iteration)(EvalError {
                        span: last.span,
                        ..e
                    }),
                    _ => in_iteration(iteration + 1)(e),
                })?;
            let test = self.eval(condition).map_err(in_iteration(iteration + 1))?;
            if !self
                .truthy(&test, condition.span)
                .map_err(in_iteration(iteration + 1))?
            {
                break;
            }
            iteration += 1;
            let flow = self.block(body).map_err(in_iteration(iteration))?;
            if at_top {
                self.compact_if_large();
            }
            match flow {
                Flow::Break => break,
                Flow::Next | Flow::Continue => {}
                Flow::Return(value) => return Ok(Flow::Return(value)),
            }
        }
        Ok(Flow::Next)
    }

    /// Calls `value` (a function, a network) with `args`.
    pub(super) fn call_value(
        &mut self,
        value: Value,
        callee_span: Span,
        args: &[Arg],
        span: Span,
    ) -> Result<Value, EvalError> {
        match value {
            Value::Function(function) => {
                let mut positional = Vec::new();
                let mut keywords = Vec::new();
                for arg in args {
                    let value = self.eval(&arg.value)?;
                    match &arg.keyword {
                        Some(keyword) => keywords.push((keyword.clone(), value)),
                        None => positional.push(value),
                    }
                }
                self.call_function(&function, positional, keywords, span)
            }
            Value::Model(mlp) => super::nn_builtins::call_model(self, &mlp, args, span),
            other => Err(error(
                format!("{} cannot be called like a function", other.kind()),
                callee_span,
            )),
        }
    }

    /// Runs a user function with its arguments bound to its parameters.
    pub(super) fn call_function(
        &mut self,
        function: &Arc<Function>,
        positional: Vec<Value>,
        keywords: Vec<(Ident, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if self.calls >= MAX_CALL_DEPTH {
            return Err(error(
                format!(
                    "{}() went {MAX_CALL_DEPTH} calls deep without returning: the limit is {MAX_CALL_DEPTH}",
                    function.name
                ),
                span,
            )
            .with_help("a recursive function needs a case that returns without calling itself again"));
        }
        self.check_interrupt(span)?;
        let frame = Frame::new(function.clone());
        bind_arguments(function, &frame, positional, keywords, span)?;
        let saved_frame = self.frame.replace(frame);
        let saved_comprehension = std::mem::take(&mut self.comprehension);
        let saved_chunk = std::mem::replace(&mut self.chunk, function.chunk.clone());
        let saved_depth = std::mem::replace(&mut self.depth, 1);
        self.calls += 1;
        let result = match &function.body {
            Body::Block(body) => self.statements(body).map(|flow| match flow {
                Flow::Return(value) => value,
                _ => Value::None,
            }),
            Body::Expr(expr) => self.eval(expr),
        };
        self.calls -= 1;
        self.depth = saved_depth;
        let chunk = std::mem::replace(&mut self.chunk, saved_chunk);
        self.comprehension = saved_comprehension;
        self.frame = saved_frame;
        result.map_err(|mut e| {
            if e.chunk.is_none() && !Arc::ptr_eq(&chunk, &self.top_chunk) {
                e.chunk = Some(chunk);
            }
            e.within(format!("in {}()", function.name))
        })
    }
}

/// `in iteration 3 of for k (k = 2)`.
/// A loop target as written: `x`, `(x, (p, q))`.
fn target_text(target: &LoopTarget) -> String {
    match target {
        LoopTarget::Name(name) => name.name.clone(),
        LoopTarget::Tuple(inner) => {
            let parts: Vec<String> = inner.iter().map(target_text).collect();
            format!("({})", parts.join(", "))
        }
    }
}

fn loop_context(iteration: usize, names: &[&str], value: Option<&str>) -> String {
    let what = if names == ["while"] {
        "while".to_string()
    } else {
        format!("for {}", names.join(", "))
    };
    match value {
        Some(value) => format!(
            "in iteration {iteration} of `{what}` ({} = {value})",
            names[0]
        ),
        None => format!("in iteration {iteration} of `{what}`"),
    }
}

/// Puts a call's arguments into the new frame as Python does: positional
/// ones in order, then keywords by name, then defaults for the rest.
fn bind_arguments(
    function: &Function,
    frame: &Frame,
    positional: Vec<Value>,
    keywords: Vec<(Ident, Value)>,
    span: Span,
) -> Result<(), EvalError> {
    let parameters = &function.parameters;
    if positional.len() > parameters.len() {
        return Err(error(
            format!(
                "{} takes {} but {} given",
                function.signature(),
                super::args::count_arguments(parameters.len()),
                were(positional.len())
            ),
            span,
        ));
    }
    let mut bound = vec![false; parameters.len()];
    for (slot, value) in positional.into_iter().enumerate() {
        frame.set(&parameters[slot].name.name, value);
        bound[slot] = true;
    }
    for (keyword, value) in keywords {
        let Some(slot) = parameters.iter().position(|p| p.name.name == keyword.name) else {
            return Err(error(
                format!(
                    "{} has no parameter `{}`",
                    function.signature(),
                    keyword.name
                ),
                keyword.span,
            ));
        };
        if bound[slot] {
            return Err(error(
                format!("{}() got two values for `{}`", function.name, keyword.name),
                keyword.span,
            ));
        }
        frame.set(&keyword.name, value);
        bound[slot] = true;
    }
    let missing: Vec<&str> = parameters
        .iter()
        .zip(&bound)
        .filter(|(p, done)| !**done && p.default.is_none())
        .map(|(p, _)| p.name.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(error(
            format!(
                "{} is missing {}: {}",
                function.signature(),
                super::args::count_arguments(missing.len()),
                missing.join(", ")
            ),
            span,
        ));
    }
    for (parameter, done) in parameters.iter().zip(bound) {
        if let (false, Some(default)) = (done, &parameter.default) {
            frame.set(&parameter.name.name, default.clone());
        }
    }
    Ok(())
}

fn were(count: usize) -> String {
    if count == 1 {
        "1 was".into()
    } else {
        format!("{count} were")
    }
}

impl Default for Items {
    fn default() -> Self {
        Items::empty()
    }
}
