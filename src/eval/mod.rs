//! Evaluation: statements of the language turned into graph nodes, with an
//! environment of names. Python binding semantics: a name refers to a node;
//! rebinding makes the name point elsewhere and leaves old graphs alone.

mod value;

use crate::engine::{BackwardReport, Graph, NodeId};
use crate::syntax::Span;

pub use value::Value;

/// Something a statement did that the REPL may print.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `name = expr` (or `+=` ...): echo as `name = value` unless silenced.
    Bound { name: String, value: Value },
    /// A bare expression's value.
    Value(Value),
    /// A number read on its own (`x.data`, `x.grad`), with an optional note
    /// such as "stale: computed before a.data changed".
    Number { value: f64, note: Option<String> },
    /// `show L`.
    Show(NodeId),
    /// `L.backward()` ran.
    Backward {
        root: NodeId,
        report: BackwardReport,
    },
    /// `x.data = v` changed a leaf and recomputed `recomputed` nodes.
    Nudged { leaf: NodeId, recomputed: usize },
    /// Math that left the reals, a stale read, accumulation onto old grads.
    Warning { message: String, span: Span },
}

/// An error in one statement, pointing at the problem.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct EvalError {
    /// What is wrong, in a learner's words.
    pub message: String,
    /// Where in the line.
    pub span: Span,
    /// An optional extra line: a suggestion or the way out.
    pub help: Option<String>,
}

/// A REPL session: the graph and the names bound into it.
#[derive(Clone, Debug, Default)]
pub struct Session {
    /// Every node the session has built.
    pub graph: Graph,
    bindings: Vec<(String, Value)>,
}

impl Session {
    /// A fresh session with no names bound (but `pi` and `e`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs one input line (one or more `;`-separated statements). Events of
    /// statements that ran before an error are pushed to `events` too: their
    /// effects persist, as in Python.
    pub fn run(&mut self, _source: &str, _events: &mut Vec<Event>) -> Result<(), EvalError> {
        Err(EvalError {
            message: "not implemented yet".into(),
            span: Span::default(),
            help: None,
        })
    }

    /// Evaluates one expression without binding anything.
    pub fn eval_expr(&mut self, source: &str) -> Result<Value, EvalError> {
        let _ = source;
        Err(EvalError {
            message: "not implemented yet".into(),
            span: Span::default(),
            help: None,
        })
    }

    /// The value bound to `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<&Value> {
        self.bindings
            .iter()
            .find(|(bound, _)| bound == name)
            .map(|(_, value)| value)
    }

    /// The node bound to `name`, if it is bound to a node.
    pub fn node(&self, name: &str) -> Option<NodeId> {
        match self.lookup(name) {
            Some(Value::Node(id)) => Some(*id),
            _ => None,
        }
    }

    /// Every binding, in the order names were first bound.
    pub fn bindings(&self) -> &[(String, Value)] {
        &self.bindings
    }

    /// Forgets every name and node.
    pub fn reset(&mut self) {
        *self = Self::new();
    }
}
