//! What a name can be bound to.

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
}
