//! Expressions → values. Literals are plain numbers; an operation on plain
//! numbers stays a plain number (so `x = -4` and `x = 2*pi` make plain
//! leaves when bound); anything touching a node becomes a node of the graph
//! the learner can inspect. Names are looked up as Python does: the
//! comprehension's variables, the function's locals, the enclosing
//! functions', the session's, then the built-ins.

use std::sync::Arc;

use crate::engine::{GradState, NodeId, Op};
use crate::syntax::ast::{BoolOp, ComprehensionKind, Expr, ExprKind, Ident, Param, UnaryOp};
use crate::syntax::Span;

use super::function::{Body, Function, Parameter};
use super::{builtins, error, grow, EvalError, Evaluator, Iter, Value};

impl Evaluator<'_> {
    /// Evaluates an expression to a value.
    pub(super) fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        grow(|| self.eval_here(expr))
    }

    fn eval_here(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match &expr.kind {
            ExprKind::Number(value) => {
                if value.is_infinite() {
                    self.warn(
                        "this number is too large for a 64-bit float (the largest is about 1.8e308): it is inf".into(),
                        expr.span,
                    );
                }
                Ok(self.number(*value))
            }
            ExprKind::Int(whole) => Ok(self.int(*whole)),
            ExprKind::Str(text) => Ok(Value::Str(text.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Name(name) => self.lookup_name(name, expr.span),
            ExprKind::List(items) => Ok(Value::list(self.eval_all(items)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_all(items)?)),
            ExprKind::Unary { op, operand } => {
                let x = self.eval(operand)?;
                self.unary(*op, x, operand.span, expr.span)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.eval(lhs)?;
                let b = self.eval(rhs)?;
                self.binary(*op, a, b, expr.span)
            }
            ExprKind::Compare { first, rest } => {
                let mut left = self.eval(first)?;
                for (op, operand) in rest {
                    let right = self.eval(operand)?;
                    if !self.compare(*op, &left, &right, expr.span)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Ok(Value::Bool(true))
            }
            ExprKind::Logical { op, lhs, rhs } => {
                let left = self.eval(lhs)?;
                let decided = self.truthy(&left, lhs.span)? == (*op == BoolOp::Or);
                if decided {
                    Ok(left)
                } else {
                    self.eval(rhs)
                }
            }
            ExprKind::IfElse {
                condition,
                then,
                otherwise,
            } => {
                let test = self.eval(condition)?;
                if self.truthy(&test, condition.span)? {
                    self.eval(then)
                } else {
                    self.eval(otherwise)
                }
            }
            ExprKind::Comprehension {
                kind,
                element,
                clauses,
            } => {
                let items = self.comprehension(element, clauses)?;
                Ok(match kind {
                    ComprehensionKind::List => Value::list(items),
                    ComprehensionKind::Generator => Value::Iter(Iter::new(items)),
                })
            }
            ExprKind::Lambda { params, body } => {
                let function =
                    self.make_function("<lambda>", params, Body::Expr((**body).clone()))?;
                Ok(Value::Function(function))
            }
            ExprKind::Call { callee, args } => match &callee.kind {
                ExprKind::Name(name) if self.find_name(name).is_none() => {
                    let function = Ident {
                        name: name.clone(),
                        span: callee.span,
                    };
                    builtins::call_builtin(self, &function, args, expr.span)
                }
                _ => {
                    let value = self.eval(callee)?;
                    self.call_value(value, callee.span, args, expr.span)
                }
            },
            ExprKind::Method { object, name, args } => {
                let receiver = self.eval(object)?;
                builtins::call_method(self, receiver, object.span, name, args, expr.span)
            }
            ExprKind::Attribute { object, name } => self.attribute(object, name),
            ExprKind::Index { object, index } => {
                let container = self.eval(object)?;
                let position = self.eval(index)?;
                self.index(&container, object.span, &position, index.span)
            }
        }
    }

    fn eval_all(&mut self, items: &[Expr]) -> Result<Vec<Value>, EvalError> {
        items.iter().map(|item| self.eval(item)).collect()
    }

    fn unary(
        &mut self,
        op: UnaryOp,
        x: Value,
        operand: Span,
        span: Span,
    ) -> Result<Value, EvalError> {
        match (op, &x) {
            (UnaryOp::Not, _) => Ok(Value::Bool(!self.truthy(&x, operand)?)),
            (_, Value::Node(id)) => Ok(Value::Node(match op {
                UnaryOp::Neg => self.make(Op::Neg(*id), span),
                _ => *id,
            })),
            (_, other) => match super::operators::plain(other) {
                Some(_) if self.is_int_value(other) => {
                    let whole = super::operators::plain_int(other).unwrap_or(0);
                    Ok(match op {
                        UnaryOp::Neg => whole
                            .checked_neg()
                            .map_or(Value::Number(-(whole as f64)), Value::Int),
                        _ => Value::Int(whole),
                    })
                }
                Some(v) if op == UnaryOp::Neg => Ok(Value::Number(-v)),
                Some(v) => Ok(Value::Number(v)),
                None => Err(error(
                    format!("expected a number here, but this is {}", other.kind()),
                    operand,
                )),
            },
        }
    }

    /// `def` or `lambda`: a function whose defaults are evaluated now.
    pub(super) fn make_function(
        &mut self,
        name: &str,
        params: &[Param],
        body: Body,
    ) -> Result<Arc<Function>, EvalError> {
        let mut parameters = Vec::with_capacity(params.len());
        let mut locals = std::collections::HashSet::new();
        for param in params {
            let default = match &param.default {
                Some(expr) => Some(self.eval(expr)?),
                None => None,
            };
            if !locals.insert(param.name.name.clone()) {
                return Err(error(
                    format!("`{}` is named twice among the parameters", param.name.name),
                    param.name.span,
                ));
            }
            parameters.push(Parameter {
                name: param.name.clone(),
                default,
            });
        }
        if let Body::Block(block) = &body {
            super::function::assigned_names(block, &mut locals);
        }
        Ok(Arc::new(Function {
            name: name.to_string(),
            parameters,
            body,
            locals,
            enclosing: self.frame.clone(),
            chunk: self.chunk.clone(),
        }))
    }

    /// A name's value wherever it is bound, if it is (no built-ins).
    pub(super) fn find_name(&self, name: &str) -> Option<Value> {
        if let Some((_, value)) = self.comprehension.iter().rev().find(|(n, _)| n == name) {
            return Some(value.clone());
        }
        let mut frame = self.frame.clone();
        while let Some(current) = frame {
            if let Some(value) = current.get(name) {
                return Some(value);
            }
            // Local to that function but not bound yet: Python does not
            // look further out.
            if current.is_local(name) {
                return None;
            }
            frame = current.enclosing();
        }
        self.session.lookup(name).cloned()
    }

    fn lookup_name(&mut self, name: &str, span: Span) -> Result<Value, EvalError> {
        if let Some(value) = self.find_name(name) {
            return Ok(value);
        }
        if let Some(frame) = &self.frame {
            if frame.is_local(name) {
                return Err(error(
                    format!("`{name}` is used before this function gives it a value"),
                    span,
                )
                .with_help(format!(
                    "`{name}` is assigned somewhere in {}(), so it is local to it everywhere in it (as in Python); give it a value first, or pass it in as a parameter",
                    frame.data().function.name
                )));
            }
        }
        match name {
            "_" => {
                return self.session.last_printed().cloned().ok_or_else(|| {
                    error(
                        "`_` is the last value printed, and nothing has been printed yet",
                        span,
                    )
                    .with_help("type an expression first, e.g. 2 * 3; then _ + 1")
                })
            }
            "pi" => return Ok(self.number(std::f64::consts::PI)),
            "e" => return Ok(self.number(std::f64::consts::E)),
            _ => {}
        }
        if name == "show" {
            return Err(error(
                "`show` needs the node to draw, as in show L (or L.show())",
                span,
            ));
        }
        if super::table::is_function(name) {
            return Err(error(
                format!("`{name}` is a function: call it, as in {name}(x) or x.{name}()"),
                span,
            ));
        }
        // `quit`, `exit`, `help`, `vars`, ...: a command typed without its
        // colon (Python's REPL takes a bare `exit`).
        let command = if name == "exit" { "quit" } else { name };
        if super::table::BARE_COMMANDS.contains(&command) {
            return Err(error(format!("`{name}` is not defined"), span)
                .with_help(format!("commands start with a colon: :{command}")));
        }
        let mut err = error(format!("`{name}` is not defined"), span);
        if let Some(help) = super::mistakes::foreign_name(name) {
            return Err(err.with_help(help));
        }
        let visible = self.visible_names();
        let candidates = visible
            .iter()
            .map(String::as_str)
            .chain(super::table::FUNCTIONS.iter().copied());
        if let Some(close) = super::suggest::closest(name, candidates) {
            err = err.with_help(format!("did you mean `{close}`?"));
        } else {
            err = err.with_help(format!("give it a value first, e.g. `{name} = 2`"));
        }
        Err(err)
    }

    /// Every name bound where evaluation is, for suggestions.
    fn visible_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.comprehension.iter().map(|(n, _)| n.clone()).collect();
        let mut frame = self.frame.clone();
        while let Some(current) = frame {
            names.extend(current.data().names.iter().map(|(n, _)| n.clone()));
            frame = current.enclosing();
        }
        names.extend(self.session.bindings().iter().map(|(n, _)| n.clone()));
        names
    }

    /// `x.data`, `x.grad`, `math.pi`.
    fn attribute(&mut self, object: &Expr, name: &Ident) -> Result<Value, EvalError> {
        if let ExprKind::Name(module) = &object.kind {
            if let Some(Value::Module(which)) = self.find_name(module) {
                return builtins::module_attribute(which, name);
            }
        }
        self.refuse_gradient_of_number(object, name)?;
        let owner = self.eval(object)?;
        match &owner {
            Value::Model(mlp) => {
                let typed = self.typed_text(object.span);
                return super::nn_views::network_part(mlp, &typed, name);
            }
            Value::Data(data) => {
                let typed = self.typed_text(object.span);
                return Err(super::nn_views::data_attribute(&typed, data, name));
            }
            _ => {}
        }
        let node = self.owner_node(owner, object, name)?;
        let value = self.read_attribute(node, name)?;
        Ok(self.number(value))
    }

    /// The text of `span` as typed (`n.L1`), for messages and view names.
    pub(super) fn typed_text(&self, span: Span) -> String {
        self.chunk
            .text
            .get(span.start..span.end)
            .unwrap_or("x")
            .trim()
            .to_string()
    }

    /// A plain number as this place makes it: in a statement typed at the
    /// top level a constant node (as the REPL always made, so views number
    /// the nodes of a session as before), in blocks and functions a plain
    /// number outside the graph, as Python's floats are.
    pub(super) fn number(&mut self, x: f64) -> Value {
        if self.depth == 0 && self.frame.is_none() {
            Value::Node(self.graph().constant(x))
        } else {
            Value::Number(x)
        }
    }

    /// A plain int as this place makes it, as [`Evaluator::number`] does a
    /// float; the constant remembers that it is an int.
    pub(super) fn int(&mut self, whole: i64) -> Value {
        if self.depth == 0 && self.frame.is_none() {
            let id = self.graph().constant(whole as f64);
            self.session.plain_leaves.set_int(id, true);
            Value::Node(id)
        } else {
            Value::Int(whole)
        }
    }

    /// The node whose `.data` or `.grad` is read. `x.data.grad` is refused:
    /// `x.data` is a plain number outside the graph, and its "gradient"
    /// would be a misleading 0.
    pub(super) fn attribute_owner(
        &mut self,
        object: &Expr,
        name: &Ident,
    ) -> Result<NodeId, EvalError> {
        self.refuse_gradient_of_number(object, name)?;
        let value = self.eval(object)?;
        self.owner_node(value, object, name)
    }

    /// Refuses `x.data.grad`: `x.data` is a plain number outside the graph.
    fn refuse_gradient_of_number(&self, object: &Expr, name: &Ident) -> Result<(), EvalError> {
        if let ExprKind::Attribute {
            object: inner,
            name: read,
        } = &object.kind
        {
            if name.name == "grad" && matches!(read.name.as_str(), "data" | "grad") {
                let mut err = error(
                    format!(
                        "`.{}` gives a plain number, which is not part of the graph, so it has no gradient",
                        read.name
                    ),
                    name.span,
                );
                if let ExprKind::Name(owner) = &inner.kind {
                    err = err.with_help(format!("the gradient of {owner} is {owner}.grad"));
                }
                return Err(err);
            }
        }
        Ok(())
    }

    /// The node `value` (what `object` evaluated to) is, for reading its
    /// `.name`; anything but a number is refused, saying why.
    fn owner_node(
        &mut self,
        value: Value,
        object: &Expr,
        name: &Ident,
    ) -> Result<NodeId, EvalError> {
        match value {
            Value::Node(id) => Ok(id),
            // A plain number read as a node, as the REPL always allowed
            // (`(2*3).data`): it becomes a constant.
            Value::Number(_) | Value::Bool(_) => Ok(self.node_for(&value)),
            Value::Model(mlp) => {
                let typed = self.typed_text(object.span);
                match super::nn_views::network_part(&mlp, &typed, name)? {
                    Value::Node(id) => Ok(id),
                    other => Err(error(
                        format!("`{typed}.{}` is {}, not a number", name.name, other.kind()),
                        name.span,
                    )),
                }
            }
            Value::Data(data) => {
                let typed = self.typed_text(object.span);
                Err(super::nn_views::data_attribute(&typed, &data, name))
            }
            other => {
                let receiver = self
                    .chunk
                    .text
                    .get(object.span.start..object.span.end)
                    .unwrap_or("x");
                if let Some(err) =
                    super::mistakes::method_without_call(receiver, &name.name, name.span)
                {
                    return Err(err);
                }
                Err(error(
                    format!(
                        "{} has no `.{}`; only numbers have .data and .grad",
                        other.kind(),
                        name.name
                    ),
                    object.span,
                ))
            }
        }
    }

    /// How a message names the node a method was asked of: its label, or
    /// `x` for a node without one.
    pub(super) fn receiver_text(&self, node: NodeId) -> String {
        match self.session.graph.label(node) {
            Some(label) => label.to_string(),
            None => "x".to_string(),
        }
    }

    /// The value of `x.data` or `x.grad`.
    pub(super) fn read_attribute(&mut self, node: NodeId, name: &Ident) -> Result<f64, EvalError> {
        match name.name.as_str() {
            "data" => Ok(self.value_of(node)),
            "grad" => Ok(self.session.graph.grad(node)),
            other => {
                let receiver = self.receiver_text(node);
                if let Some(err) = super::mistakes::method_without_call(&receiver, other, name.span)
                {
                    return Err(err);
                }
                Err(error(
                    format!("numbers have `.data` and `.grad`, not `.{other}`"),
                    name.span,
                )
                .with_help(super::table::methods_hint()))
            }
        }
    }

    /// A note for reading a gradient that is unset or stale.
    pub(super) fn grad_note(&self, node: NodeId, shown_as: &str) -> Option<String> {
        match self.session.graph.grad_state(node) {
            GradState::Fresh => None,
            GradState::Unset => {
                if let Some((root, label)) = self.built_from_an_older(node) {
                    return Some(format!(
                        "this {shown_as} is a new node (rebinding a name makes one), and no \
                         result uses it yet: {root} still holds the old {label} it was built \
                         from (show {root})"
                    ));
                }
                let results = self.results_using(node);
                let how = match results.as_slice() {
                    [] => match self.bound_name_of(node) {
                        // A lone input: its own backward only seeds it.
                        Some(own) if self.session.graph.op(node) == Op::Leaf => {
                            let result = if own == "y" { "z" } else { "y" };
                            format!(
                                "nothing is computed from {own} yet: build a result from it \
                                 ({result} = 2*{own}, say), then call {result}.backward()"
                            )
                        }
                        Some(own) => format!("call {own}.backward() (it seeds {own}.grad = 1)"),
                        None => "call backward on a result that uses it".to_string(),
                    },
                    [one] => format!("call backward on a result that uses it (e.g. {one}.backward())"),
                    [.., last] => {
                        let shown: Vec<String> = results[..results.len() - 1]
                            .iter()
                            .map(|name| format!("{name}.backward()"))
                            .collect();
                        format!(
                            "call backward on the result whose slope you want ({} or \
                             {last}.backward(): {shown_as}.grad then holds that one's slope)",
                            shown.join(", ")
                        )
                    }
                };
                Some(format!(
                    "no backward pass has reached {shown_as} yet (or since its gradient was zeroed): {how}"
                ))
            }
            GradState::Stale => Some(
                "stale: computed before a value changed; run backward again (after zero_grad) to refresh it".into(),
            ),
            GradState::Partial => Some(
                "partial: a :step was stopped before every contribution reached it; run :zero then backward for the full gradient".into(),
            ),
        }
    }

    /// For a node nothing bound is computed from, whose name was rebound
    /// (`a = 4.0` at lesson 8, finding A37): the newest bound result built
    /// from the older node of the same label, and that label. Backward on
    /// that result never reaches this node, so "call backward on a result
    /// that uses it" would send the learner the wrong way.
    fn built_from_an_older(&self, node: NodeId) -> Option<(String, String)> {
        let graph = &self.session.graph;
        let label = graph.label(node)?;
        let computed = graph.computed_from(node);
        let bound_nodes = || self.bound_nodes();
        if bound_nodes().any(|(_, id)| id != node && computed.get(id.index()) == Some(&true)) {
            return None;
        }
        let uses_an_older = |root: NodeId| {
            let mark = graph.ancestors(root);
            (mark.iter().enumerate()).any(|(index, &marked)| {
                let id = NodeId(index as u32);
                marked && id != node && id != root && graph.label(id) == Some(label)
            })
        };
        bound_nodes()
            .filter(|&(_, id)| id != node && uses_an_older(id))
            .max_by_key(|&(_, id)| id)
            .map(|(name, _)| (name.clone(), label.to_string()))
    }

    /// The names of the results a note should tell the learner to call
    /// backward on for `node`'s gradient: the bound results computed from
    /// it that no other such result is built from (the loss, usually).
    fn results_using(&self, node: NodeId) -> Vec<String> {
        let graph = &self.session.graph;
        let computed = graph.computed_from(node);
        let using: Vec<(&String, NodeId)> = self
            .bound_nodes()
            .filter(|(_, id)| *id != node && computed.get(id.index()) == Some(&true))
            .collect();
        // One result nothing else bound is built from (the loss, usually)
        // is the one to name. With several (lesson 1's f, the learner's
        // rise = f(x + h) - f, and slope), naming one sends the learner to
        // the wrong slope (finding A101: the newest, slope; A228): every
        // result is named, in the order they were bound.
        let roots: Vec<&String> = using
            .iter()
            .filter(|(_, id)| {
                let above = graph.computed_from(*id);
                !using
                    .iter()
                    .any(|(_, other)| other != id && above.get(other.index()) == Some(&true))
            })
            .map(|(name, _)| *name)
            .collect();
        match roots.as_slice() {
            [one] => vec![(*one).clone()],
            _ => using
                .iter()
                .take(3)
                .map(|(name, _)| (*name).clone())
                .collect(),
        }
    }

    /// The name bound to `node` itself, if one is.
    fn bound_name_of(&self, node: NodeId) -> Option<String> {
        self.bound_nodes()
            .find(|(_, id)| *id == node)
            .map(|(name, _)| name.clone())
    }

    /// Every name bound to a node, with it.
    fn bound_nodes(&self) -> impl Iterator<Item = (&String, NodeId)> {
        self.session
            .bindings()
            .iter()
            .filter_map(|(name, value)| match value {
                Value::Node(id) => Some((name, *id)),
                _ => None,
            })
    }

    /// `xs[i]`, negative positions counting from the end.
    pub(super) fn index(
        &mut self,
        container: &Value,
        container_span: Span,
        position: &Value,
        span: Span,
    ) -> Result<Value, EvalError> {
        let count = match container {
            Value::List(items) => items.len(),
            Value::Tuple(items) => items.len(),
            Value::Range(range) => range.len(),
            Value::Str(text) => text.chars().count(),
            Value::Data(data) => return self.data_sample(data, container_span, position, span),
            other => {
                return Err(error(
                    format!("only lists can be indexed, and this is {}", other.kind()),
                    container_span,
                ))
            }
        };
        let at = self.position(position, count, span)?;
        Ok(match container {
            Value::List(items) => items.items()[at].clone(),
            Value::Tuple(items) => items[at].clone(),
            Value::Range(range) => Value::Int(range.at(at)),
            Value::Str(text) => {
                Value::Str(text.chars().nth(at).map(String::from).unwrap_or_default())
            }
            _ => Value::None,
        })
    }

    /// `d[i]`: sample `i` of a data set (`-1` the last), or why not.
    fn data_sample(
        &mut self,
        data: &crate::data::Dataset,
        data_span: Span,
        position: &Value,
        span: Span,
    ) -> Result<Value, EvalError> {
        let owner = self.typed_text(data_span);
        let asked = match self.number_of(position) {
            Some(x) => {
                let from_start = if x < 0.0 { x + data.len() as f64 } else { x };
                if x.fract() == 0.0 && from_start >= 0.0 && from_start < data.len() as f64 {
                    return Ok(super::nn_views::sample(data, from_start as usize));
                }
                Ok(crate::text::number::full(x))
            }
            None => Err(match position {
                Value::Str(text) => format!("the string {text:?}"),
                other => other.kind().to_string(),
            }),
        };
        Err(super::nn_views::bad_sample_index(&owner, data, asked, span))
    }

    /// A position in a sequence of `count` items (`-1` is the last).
    pub(super) fn position(
        &mut self,
        position: &Value,
        count: usize,
        span: Span,
    ) -> Result<usize, EvalError> {
        let Some(position) = self.number_of(position) else {
            return Err(error(
                format!("a list index is a whole number, not {}", position.kind()),
                span,
            ));
        };
        if position.fract() != 0.0 {
            return Err(error(
                format!("a list index is a whole number (0, 1, 2, ...), not {position}"),
                span,
            ));
        }
        let from_start = if position < 0.0 {
            position + count as f64
        } else {
            position
        };
        if from_start < 0.0 || from_start >= count as f64 {
            let shown = crate::text::number::full(position);
            let range = if count == 0 {
                "it is empty".to_string()
            } else {
                format!("0 to {}, or -{count} to -1", count - 1)
            };
            return Err(error(
                format!("index {shown} is out of range for a list of {count} items ({range})"),
                span,
            ));
        }
        Ok(from_start as usize)
    }

    /// Builds a node for `op`, folding it into a constant when every input is
    /// a constant, and warns when the result leaves the real numbers.
    pub(super) fn make(&mut self, op: Op, span: Span) -> NodeId {
        let inputs = op.inputs();
        if self.session.has_pending()
            && inputs
                .as_slice()
                .iter()
                .any(|&input| self.session.is_pending(input))
        {
            self.session.flush_pending();
        }
        let graph = &mut self.session.graph;
        let all_const = inputs
            .as_slice()
            .iter()
            .all(|&input| graph.op(input) == Op::Const);
        let (x, y) = graph.operand_values(op);
        let value = op.forward(x, y);
        let id = if all_const {
            let folded = graph.constant(value);
            // `1 + 2` typed at the top level is Python's int 3.
            let ints = super::operators::keeps_ints(op, y)
                && inputs
                    .as_slice()
                    .iter()
                    .all(|&input| self.session.is_int_node(input));
            if ints {
                self.session.plain_leaves.set_int(folded, true);
            }
            folded
        } else {
            graph.apply(op)
        };
        if let Some(problem) = op.domain_problem(x, y, value) {
            let shown = crate::text::number::full(value);
            self.warn(format!("{problem}: the result is {shown}"), span);
        }
        id
    }
}
