//! What a name can be bound to, and what an expression can produce.

use std::sync::Arc;

use crate::data::Dataset;
use crate::engine::nn::Mlp;
use crate::engine::NodeId;

/// A runtime value of the REPL language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar node of the session's graph.
    Node(NodeId),
    /// A list such as `[x1, x2]`.
    List(Vec<Value>),
    /// A string such as `"moons"`.
    Str(String),
    /// What `L.backward()` returns: nothing to print or bind.
    Unit,
    /// A network from `MLP(2, [16, 16, 1])`; its parameters are leaves of
    /// the session's graph.
    Model(Arc<Mlp>),
    /// A data set from `moons(100)` and friends.
    Data(Arc<Dataset>),
}

impl Value {
    /// A word for the kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Node(_) => "a number",
            Value::List(_) => "a list",
            Value::Str(_) => "a string",
            Value::Unit => "nothing",
            Value::Model(_) => "a network",
            Value::Data(_) => "a data set",
        }
    }
}
