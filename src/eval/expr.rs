//! Expressions → graph nodes. Literals become constants; an operation whose
//! operands are all constants is folded into one constant (so `x = -4` and
//! `x = 2*pi` make plain leaves); anything touching a variable becomes a
//! node of the graph the learner can inspect.

use crate::engine::{GradState, NodeId, Op};
use crate::syntax::ast::{Arg, BinaryOp, Expr, ExprKind, Ident, UnaryOp};
use crate::syntax::Span;

use super::builtins;
use super::{error, not_supported, EvalError, Evaluator, Event, Value};

impl Evaluator<'_> {
    /// Evaluates an expression to a value.
    pub(super) fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match &expr.kind {
            ExprKind::Number(value) => {
                if value.is_infinite() {
                    self.events.push(Event::Warning {
                        message: "this number is too large for a 64-bit float (the largest is about 1.8e308): it is inf".into(),
                        span: expr.span,
                    });
                }
                Ok(Value::Node(self.graph().constant(*value)))
            }
            ExprKind::Str(text) => Ok(Value::Str(text.clone())),
            ExprKind::Name(name) => self.lookup_name(name, expr.span),
            ExprKind::List(items) => Ok(Value::List(
                items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<_, _>>()?,
            )),
            ExprKind::Unary { op, operand } => {
                let x = self.eval_node(operand)?;
                Ok(Value::Node(match op {
                    UnaryOp::Pos => x,
                    UnaryOp::Neg => self.make(Op::Neg(x), expr.span),
                    UnaryOp::Not => return Err(not_supported("`not`", expr.span)),
                }))
            }
            ExprKind::Binary { op, lhs, rhs } => {
                if matches!(op, BinaryOp::Mod | BinaryOp::FloorDiv) {
                    return Err(not_supported("`%` and `//`", expr.span));
                }
                let a = self.eval_node(lhs)?;
                let b = self.eval_node(rhs)?;
                Ok(Value::Node(self.make(binary_op(*op, a, b), expr.span)))
            }
            ExprKind::Call { callee, args } => match &callee.kind {
                ExprKind::Name(name) => {
                    let function = Ident {
                        name: name.clone(),
                        span: callee.span,
                    };
                    builtins::call_function(self, &function, args, expr.span)
                }
                _ => {
                    let value = self.eval(callee)?;
                    Err(error(
                        format!("{} cannot be called like a function", value.kind()),
                        callee.span,
                    ))
                }
            },
            ExprKind::Method { object, name, args } => {
                let receiver = self.eval(object)?;
                builtins::call_method(self, receiver, object.span, name, args, expr.span)
            }
            ExprKind::Attribute { object, name } => {
                let node = self.attribute_owner(object, name)?;
                let value = self.read_attribute(node, name)?;
                Ok(Value::Node(self.graph().constant(value)))
            }
            ExprKind::Index { object, index } => {
                let list = match self.eval(object)? {
                    Value::List(items) => items,
                    other => {
                        return Err(error(
                            format!("only lists can be indexed, and this is {}", other.kind()),
                            object.span,
                        ))
                    }
                };
                let position = self.eval_number(index)?;
                let count = list.len();
                if position.fract() != 0.0 {
                    return Err(error(
                        format!("a list index is a whole number (0, 1, 2, ...), not {position}"),
                        index.span,
                    ));
                }
                if position < 0.0 || position >= count as f64 {
                    return Err(error(
                        format!("index {position} is out of range for a list of {count} items (0 to {})", count.saturating_sub(1)),
                        index.span,
                    ));
                }
                Ok(list[position as usize].clone())
            }
            ExprKind::Bool(_) => Err(not_supported("`True`/`False`", expr.span)),
            ExprKind::None => Err(not_supported("`None`", expr.span)),
            ExprKind::Tuple(_) => Err(not_supported("a tuple", expr.span)),
            ExprKind::Compare { .. } => Err(not_supported("comparison", expr.span)),
            ExprKind::Logical { .. } => Err(not_supported("`and`/`or`", expr.span)),
            ExprKind::IfElse { .. } => Err(not_supported("`... if ... else ...`", expr.span)),
            ExprKind::Comprehension { .. } => Err(not_supported("a comprehension", expr.span)),
            ExprKind::Lambda { .. } => Err(not_supported("`lambda`", expr.span)),
        }
    }

    /// Evaluates an expression that must be a single node.
    pub(super) fn eval_node(&mut self, expr: &Expr) -> Result<NodeId, EvalError> {
        match self.eval(expr)? {
            Value::Node(id) => Ok(id),
            other => Err(error(
                format!("expected a number here, but this is {}", other.kind()),
                expr.span,
            )),
        }
    }

    /// Evaluates an expression to a plain number (its current value).
    pub(super) fn eval_number(&mut self, expr: &Expr) -> Result<f64, EvalError> {
        let id = self.eval_node(expr)?;
        Ok(self.session.graph.value(id))
    }

    /// The node whose `.data` or `.grad` is read. `x.data.grad` is refused:
    /// `x.data` is a plain number outside the graph, and its "gradient"
    /// would be a misleading 0.
    pub(super) fn attribute_owner(
        &mut self,
        object: &Expr,
        name: &Ident,
    ) -> Result<NodeId, EvalError> {
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
        self.eval_node(object)
    }

    /// The value of `x.data` or `x.grad`.
    pub(super) fn read_attribute(&self, node: NodeId, name: &Ident) -> Result<f64, EvalError> {
        match name.name.as_str() {
            "data" => Ok(self.session.graph.value(node)),
            "grad" => Ok(self.session.graph.grad(node)),
            other => Err(error(
                format!("numbers have `.data` and `.grad`, not `.{other}`"),
                name.span,
            )
            .with_help(methods_hint())),
        }
    }

    /// A note for reading a gradient that is unset or stale.
    pub(super) fn grad_note(&self, node: NodeId, shown_as: &str) -> Option<String> {
        match self.session.graph.grad_state(node) {
            GradState::Fresh => None,
            GradState::Unset => Some(format!(
                "no backward pass has reached {shown_as} yet (or since its gradient was zeroed): call backward on a result that uses it (e.g. L.backward())"
            )),
            GradState::Stale => Some(
                "stale: computed before a value changed; run backward again (after zero_grad) to refresh it".into(),
            ),
            GradState::Partial => Some(
                "partial: a :step was stopped before every contribution reached it; run :zero then backward for the full gradient".into(),
            ),
        }
    }

    fn lookup_name(&mut self, name: &str, span: Span) -> Result<Value, EvalError> {
        if let Some(value) = self.session.lookup(name) {
            return Ok(value.clone());
        }
        match name {
            "pi" => return Ok(Value::Node(self.graph().constant(std::f64::consts::PI))),
            "e" => return Ok(Value::Node(self.graph().constant(std::f64::consts::E))),
            _ => {}
        }
        if name == "show" {
            return Err(error(
                "`show` needs the node to draw, as in show L (or L.show())",
                span,
            ));
        }
        if builtins::is_function(name) {
            return Err(error(
                format!("`{name}` is a function: call it, as in {name}(x) or x.{name}()"),
                span,
            ));
        }
        // `quit`, `exit`, `help`, `vars`, ...: a command typed without its
        // colon (Python's REPL takes a bare `exit`).
        let command = if name == "exit" { "quit" } else { name };
        const BARE_COMMANDS: [&str; 9] = [
            "quit", "help", "vars", "reset", "lessons", "next", "back", "hint", "skip",
        ];
        if BARE_COMMANDS.contains(&command) {
            return Err(error(format!("`{name}` is not defined"), span)
                .with_help(format!("commands start with a colon: :{command}")));
        }
        let bound = self.session.bindings().iter().map(|(n, _)| n.as_str());
        let candidates = bound.chain(builtins::FUNCTIONS.iter().copied());
        let mut err = error(format!("`{name}` is not defined"), span);
        if let Some(close) = super::suggest::closest(name, candidates) {
            err = err.with_help(format!("did you mean `{close}`?"));
        } else {
            err = err.with_help(format!("give it a value first, e.g. {name} = 2"));
        }
        Err(err)
    }

    /// Builds a node for `op`, folding it into a constant when every input is
    /// a constant, and warns when the result leaves the real numbers.
    pub(super) fn make(&mut self, op: Op, span: Span) -> NodeId {
        let graph = &mut self.session.graph;
        let all_const = op
            .inputs()
            .as_slice()
            .iter()
            .all(|&input| graph.op(input) == Op::Const);
        let (x, y) = graph.operand_values(op);
        let value = op.forward(x, y);
        let id = if all_const {
            graph.constant(value)
        } else {
            graph.apply(op)
        };
        if let Some(problem) = op.domain_problem(x, y, value) {
            let shown = crate::text::number::full(value);
            self.events.push(Event::Warning {
                message: format!("{problem}: the result is {shown}"),
                span,
            });
        }
        id
    }

    /// Positional arguments only, each a node, exactly `count` of them.
    pub(super) fn node_args(
        &mut self,
        function: &Ident,
        args: &[Arg],
        count: usize,
        call_span: Span,
    ) -> Result<Vec<NodeId>, EvalError> {
        if let Some(keyword) = args.iter().find_map(|a| a.keyword.as_ref()) {
            return Err(error(
                format!("{}() takes no keyword arguments", function.name),
                keyword.span,
            ));
        }
        if args.len() != count {
            let noun = if count == 1 { "argument" } else { "arguments" };
            return Err(error(
                format!(
                    "{}() takes {count} {noun}, but {} {} given",
                    function.name,
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
                call_span,
            ));
        }
        args.iter().map(|a| self.eval_node(&a.value)).collect()
    }
}

/// A short list of what can follow a dot, for error help.
pub(super) fn methods_hint() -> String {
    "a number has .data and .grad, and methods like .tanh(), .relu(), .exp(), .backward(), .zero_grad()".into()
}

/// The engine op for an infix operator (also used by `+=` and friends).
pub(super) fn binary_op(op: BinaryOp, a: NodeId, b: NodeId) -> Op {
    match op {
        BinaryOp::Add => Op::Add(a, b),
        BinaryOp::Sub => Op::Sub(a, b),
        BinaryOp::Mul => Op::Mul(a, b),
        BinaryOp::Div => Op::Div(a, b),
        BinaryOp::Pow => Op::Pow(a, b),
        // Not produced by `+=` and friends, and refused before evaluation
        // until numbers-only operators land; the nearest op keeps this total.
        BinaryOp::Mod | BinaryOp::FloorDiv => Op::Div(a, b),
    }
}
