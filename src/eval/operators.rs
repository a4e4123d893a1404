//! Operators on values: arithmetic builds a graph node when an operand is a
//! node and stays a plain number otherwise (as Python's floats do);
//! `%` and `//` work on plain numbers; `+` and `*` also join and repeat
//! lists, tuples and strings; comparisons read values and give booleans
//! (no graph node); truthiness is Python's.

use std::cmp::Ordering;

use crate::engine::{NodeId, Op};
use crate::syntax::ast::{BinaryOp, CompareOp};
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Value};

/// The engine op for an infix operator (also used by `+=` and friends);
/// `None` for `%` and `//`, which only plain numbers have.
pub(super) fn binary_op(op: BinaryOp, a: NodeId, b: NodeId) -> Option<Op> {
    Some(match op {
        BinaryOp::Add => Op::Add(a, b),
        BinaryOp::Sub => Op::Sub(a, b),
        BinaryOp::Mul => Op::Mul(a, b),
        BinaryOp::Div => Op::Div(a, b),
        BinaryOp::Pow => Op::Pow(a, b),
        BinaryOp::Mod | BinaryOp::FloorDiv => return None,
    })
}

/// A plain number's value (booleans count as 1 and 0, as in Python).
pub(super) fn plain(value: &Value) -> Option<f64> {
    match value {
        Value::Number(x) => Some(*x),
        Value::Int(whole) => Some(*whole as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// A plain int's value (booleans are ints in Python).
pub(super) fn plain_int(value: &Value) -> Option<i64> {
    match value {
        Value::Int(whole) => Some(*whole),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// True when `op` on two ints gives an int in Python: `+ - * // %`, and
/// `**` with an exponent `y` of 0 or more (`/` always gives a float).
pub(super) fn binary_keeps_ints(op: BinaryOp, y: f64) -> bool {
    match op {
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Mod | BinaryOp::FloorDiv => true,
        BinaryOp::Pow => y >= 0.0,
        BinaryOp::Div => false,
    }
}

/// [`binary_keeps_ints`] for a graph op, `y` its second operand's value.
pub(super) fn keeps_ints(op: Op, y: f64) -> bool {
    match op {
        Op::Add(..) | Op::Sub(..) | Op::Mul(..) | Op::Neg(_) | Op::Abs(_) => true,
        Op::Pow(..) => y >= 0.0,
        _ => false,
    }
}

/// The node an op's shape stands on when only its math is wanted.
const NOWHERE: NodeId = NodeId(0);

impl Evaluator<'_> {
    /// `lhs op rhs`.
    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        lhs: Value,
        rhs: Value,
        span: Span,
    ) -> Result<Value, EvalError> {
        if let (Some(x), Some(y)) = (plain(&lhs), plain(&rhs)) {
            let result = self.plain_binary(op, x, y, span);
            return Ok(self.plain_result(op, &lhs, &rhs, y, result));
        }
        if matches!(op, BinaryOp::Mod | BinaryOp::FloorDiv) {
            // Python's numbers, even where they live in the graph (a literal
            // at the top level, a variable made from a number).
            if let (Some(x), Some(y)) = (self.python_number(&lhs), self.python_number(&rhs)) {
                let result = self.plain_binary(op, x, y, span);
                return Ok(self.plain_result(op, &lhs, &rhs, y, result));
            }
        }
        if op == BinaryOp::Mul {
            let repeat = match (&lhs, &rhs) {
                (Value::List(items), count) | (count, Value::List(items)) => {
                    self.python_number(count).map(|n| (items.clone(), n))
                }
                _ => None,
            };
            if let Some((items, count)) = repeat {
                return self.repeat_list(&items, count, span);
            }
        }
        if self.is_numeric(&lhs) && self.is_numeric(&rhs) {
            let (a, b) = (self.node_for(&lhs), self.node_for(&rhs));
            return match binary_op(op, a, b) {
                Some(node_op) => Ok(Value::Node(self.make(node_op, span))),
                None => Err(error(
                    format!(
                        "`{}` works on plain numbers, not on graph nodes",
                        op.symbol()
                    ),
                    span,
                )
                .with_help("read the value first, as in k.data % 2")),
            };
        }
        match (op, &lhs, &rhs) {
            (BinaryOp::Add, Value::List(a), Value::List(b)) => {
                let mut items = a.snapshot();
                items.extend(b.snapshot());
                Ok(Value::list(items))
            }
            (BinaryOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
                Ok(Value::tuple(a.iter().chain(b.iter()).cloned().collect()))
            }
            (BinaryOp::Add, Value::Str(a), Value::Str(b)) => Ok(Value::Str(format!("{a}{b}"))),
            // `ypred - ys` (finding C43): as in Python, lists do not
            // combine item by item; zip pairs them.
            (_, Value::List(_), Value::List(_)) => Err(error(
                format!("`{}` cannot combine a list and a list", op.symbol()),
                span,
            )
            .with_help(format!(
                "lists do not {} item by item (in Python either): pair them with zip, \
                 as in [a {} b for a, b in zip(xs, ys)]",
                match op {
                    BinaryOp::Sub => "subtract",
                    BinaryOp::Mul => "multiply",
                    BinaryOp::Div => "divide",
                    _ => "combine",
                },
                op.symbol()
            ))),
            _ => Err(error(
                format!(
                    "`{}` cannot combine {} and {}",
                    op.symbol(),
                    lhs.kind(),
                    rhs.kind()
                ),
                span,
            )),
        }
    }

    /// `[x] * n`: the items repeated `n` times, in a new list.
    fn repeat_list(&mut self, list: &super::List, n: f64, span: Span) -> Result<Value, EvalError> {
        if n.fract() != 0.0 {
            return Err(error(
                format!("a list can be repeated a whole number of times, not {n}"),
                span,
            ));
        }
        let times = n.max(0.0) as usize;
        let items = list.snapshot();
        if items.is_empty() {
            // `1e308 * []` is empty; repeating nothing that often would
            // still spin through every repetition.
            return Ok(Value::list(Vec::new()));
        }
        if items.len().saturating_mul(times) > MAX_REPEATED_ITEMS {
            return Err(error(
                format!("that list would have more than {MAX_REPEATED_ITEMS} items"),
                span,
            ));
        }
        Ok(Value::list(
            std::iter::repeat_n(items, times).flatten().collect(),
        ))
    }

    /// A number as Python sees it: a plain number or boolean, or a node
    /// Python would hold as a float (a literal, a variable made from a
    /// number, arithmetic on those); `None` for a `Value` and the rest.
    pub(super) fn python_number(&mut self, value: &Value) -> Option<f64> {
        match value {
            Value::Node(id) if self.session.is_plain_node(*id) => Some(self.value_of(*id)),
            other => plain(other),
        }
    }

    /// `x op y` on plain numbers, warning when the result leaves the reals.
    pub(super) fn plain_binary(&mut self, op: BinaryOp, x: f64, y: f64, span: Span) -> f64 {
        let value = match op {
            BinaryOp::Mod => x - y * (x / y).floor(),
            BinaryOp::FloorDiv => (x / y).floor(),
            _ => {
                let shape = binary_op(op, NOWHERE, NOWHERE).unwrap_or(Op::Const);
                let value = shape.forward(x, y);
                if let Some(problem) = shape.domain_problem(x, y, value) {
                    let shown = crate::text::number::full(value);
                    self.warn(format!("{problem}: the result is {shown}"), span);
                }
                return value;
            }
        };
        if y == 0.0 && x.is_finite() {
            self.warn(
                format!(
                    "`{}` by zero is undefined: the result is {}",
                    op.symbol(),
                    crate::text::number::full(value)
                ),
                span,
            );
        }
        value
    }

    /// `op(x)` on a plain number (`math.exp(2)`, `tanh(0.5)` of a number).
    pub(super) fn plain_unary(&mut self, shape: Op, x: f64, span: Span) -> f64 {
        let value = shape.forward(x, 0.0);
        if let Some(problem) = shape.domain_problem(x, 0.0, value) {
            let shown = crate::text::number::full(value);
            self.warn(format!("{problem}: the result is {shown}"), span);
        }
        value
    }

    /// True for values arithmetic accepts: numbers, booleans, nodes.
    pub(super) fn is_numeric(&self, value: &Value) -> bool {
        matches!(
            value,
            Value::Number(_) | Value::Int(_) | Value::Bool(_) | Value::Node(_)
        )
    }

    /// The node for a numeric value: a number becomes a constant node.
    pub(super) fn node_for(&mut self, value: &Value) -> NodeId {
        match value {
            Value::Node(id) => *id,
            other => {
                let x = plain(other).unwrap_or(f64::NAN);
                let id = self.graph().constant(x);
                if plain_int(other).is_some() {
                    self.session.plain_leaves.set_int(id, true);
                }
                id
            }
        }
    }

    /// True when Python would hold `value` as an int: a plain int or
    /// boolean, or a node made from ints alone.
    pub(super) fn is_int_value(&self, value: &Value) -> bool {
        match value {
            Value::Int(_) | Value::Bool(_) => true,
            Value::Node(id) => self.session.is_int_node(*id),
            _ => false,
        }
    }

    /// `result` of `lhs op rhs` on plain numbers, an int where Python's
    /// would be (ints in, an op that keeps them, a whole result a float
    /// holds exactly), else a float.
    fn plain_result(&self, op: BinaryOp, lhs: &Value, rhs: &Value, y: f64, result: f64) -> Value {
        let ints = binary_keeps_ints(op, y) && self.is_int_value(lhs) && self.is_int_value(rhs);
        match super::plain::int_text(result) {
            Some(_) if ints => Value::Int(result as i64),
            _ => Value::Number(result),
        }
    }

    /// The current value of a number or node.
    pub(super) fn number_of(&mut self, value: &Value) -> Option<f64> {
        match value {
            Value::Node(id) => Some(self.value_of(*id)),
            other => plain(other),
        }
    }

    /// A node's value, bringing it up to date first if leaves changed.
    pub(super) fn value_of(&mut self, id: NodeId) -> f64 {
        if self.session.is_pending(id) {
            self.session.flush_pending();
        }
        self.session.graph.value(id)
    }

    /// Python's truthiness. A node has no truth value of its own (Python's
    /// `Value` would always be true): the learner compares its value.
    pub(super) fn truthy(&mut self, value: &Value, span: Span) -> Result<bool, EvalError> {
        Ok(match value {
            Value::Number(x) => *x != 0.0,
            Value::Int(whole) => *whole != 0,
            Value::Bool(b) => *b,
            Value::None | Value::Unit => false,
            Value::Node(_) => {
                return Err(error(
                    "a graph node is neither true nor false: compare its value",
                    span,
                )
                .with_help("as in: if L.data > 0.5:  or  while loss.data > 0.01:"))
            }
            Value::List(items) => !items.is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::Range(range) => !range.is_empty(),
            Value::Str(text) => !text.is_empty(),
            Value::Iter(_)
            | Value::Function(_)
            | Value::Module(_)
            | Value::Model(_)
            | Value::Data(_) => true,
        })
    }

    /// `a op b` for one comparison.
    pub(super) fn compare(
        &mut self,
        op: CompareOp,
        a: &Value,
        b: &Value,
        span: Span,
    ) -> Result<bool, EvalError> {
        match op {
            CompareOp::Eq => return Ok(self.equal(a, b)),
            CompareOp::Ne => return Ok(!self.equal(a, b)),
            CompareOp::In => return self.contains(b, a, span),
            CompareOp::NotIn => return self.contains(b, a, span).map(|found| !found),
            _ => {}
        }
        let ordering = match (self.number_of(a), self.number_of(b), a, b) {
            (Some(x), Some(y), _, _) => x.partial_cmp(&y),
            (_, _, Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
            _ => {
                return Err(error(
                    format!("{} and {} cannot be ordered", a.kind(), b.kind()),
                    span,
                ))
            }
        };
        // NaN compares false with everything, as in Python.
        Ok(ordering.is_some_and(|ordering| match op {
            CompareOp::Lt => ordering == Ordering::Less,
            CompareOp::Le => ordering != Ordering::Greater,
            CompareOp::Gt => ordering == Ordering::Greater,
            _ => ordering != Ordering::Less,
        }))
    }

    /// `==` with Python's meaning: numbers and nodes by value, containers
    /// item by item.
    pub(super) fn equal(&mut self, a: &Value, b: &Value) -> bool {
        if let (Some(x), Some(y)) = (self.number_of(a), self.number_of(b)) {
            return x == y;
        }
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                x.same(y) || self.all_equal(&x.snapshot(), &y.snapshot())
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.all_equal(x, y),
            (Value::None | Value::Unit, Value::None | Value::Unit) => true,
            _ => a == b,
        }
    }

    fn all_equal(&mut self, x: &[Value], y: &[Value]) -> bool {
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(a, b)| super::grow(|| self.equal(a, b)))
    }

    fn contains(&mut self, container: &Value, item: &Value, span: Span) -> Result<bool, EvalError> {
        let items = match container {
            Value::List(items) => items.snapshot(),
            Value::Tuple(items) => items.to_vec(),
            Value::Range(range) => {
                return Ok(self.number_of(item).is_some_and(|x| {
                    let steps = (x - range.start as f64) / range.step as f64;
                    steps >= 0.0 && steps.fract() == 0.0 && steps < range.len() as f64
                }))
            }
            Value::Str(text) => {
                return match item {
                    Value::Str(part) => Ok(text.contains(part.as_str())),
                    other => Err(error(
                        format!("`in` a string needs a string, not {}", other.kind()),
                        span,
                    )),
                }
            }
            other => {
                return Err(error(
                    format!(
                        "`in` needs a list, a tuple or a range, not {}",
                        other.kind()
                    ),
                    span,
                ))
            }
        };
        Ok(items.iter().any(|candidate| self.equal(candidate, item)))
    }
}

/// Most items `[x] * n` may make.
const MAX_REPEATED_ITEMS: usize = 10_000_000;
