//! What a name can be bound to, and what an expression can produce.

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
}

impl Value {
    /// A word for the kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Node(_) => "a number",
            Value::List(_) => "a list",
            Value::Str(_) => "a string",
            Value::Unit => "nothing",
        }
    }
}
