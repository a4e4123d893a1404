//! Functions made by `def` and `lambda`, and the scopes they run in, as in
//! Python: a name assigned anywhere in a function's body is local to it for
//! the whole body; any other name is read from the enclosing function (a
//! closure), then from the session, then from the built-ins. Defaults are
//! evaluated once, when the `def` runs.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::syntax::ast::{Block, Expr, Ident, Stmt, StmtKind, Target};

use super::{Chunk, Value};

/// What a function runs.
#[derive(Debug)]
pub enum Body {
    /// A `def`'s statements.
    Block(Block),
    /// A `lambda`'s expression.
    Expr(Expr),
}

/// One parameter, with its default already evaluated.
#[derive(Debug)]
pub struct Parameter {
    /// Its name where it was written.
    pub name: Ident,
    /// `name=default`, evaluated when the `def` ran.
    pub default: Option<Value>,
}

/// A user function: its parameters, body, the names its body assigns (its
/// locals), the scope it was defined in and the text its spans point into.
#[derive(Debug)]
pub struct Function {
    /// `def NAME` (or `<lambda>`).
    pub name: String,
    /// The parameters in order.
    pub parameters: Vec<Parameter>,
    /// What it runs.
    pub body: Body,
    /// Parameters and every name the body assigns.
    pub locals: HashSet<String>,
    /// The frame of the function it was defined in (a closure), if any.
    pub enclosing: Option<Frame>,
    /// The input its spans are byte offsets into.
    pub chunk: Arc<Chunk>,
}

impl Function {
    /// `name(a, b=1)`, for messages and echoes.
    pub fn signature(&self) -> String {
        let params: Vec<&str> = self
            .parameters
            .iter()
            .map(|p| p.name.name.as_str())
            .collect();
        format!("{}({})", self.name, params.join(", "))
    }
}

impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The local names of one running call, shared with closures made in it.
#[derive(Clone, Debug)]
pub struct Frame(Arc<Mutex<FrameData>>);

/// What a [`Frame`] holds.
#[derive(Debug)]
pub struct FrameData {
    /// Bound local names.
    pub names: Vec<(String, Value)>,
    /// The function whose call this is.
    pub function: Arc<Function>,
}

impl Frame {
    /// A frame for a call of `function`.
    pub fn new(function: Arc<Function>) -> Self {
        Frame(Arc::new(Mutex::new(FrameData {
            names: Vec::new(),
            function,
        })))
    }

    /// The frame's data, locked.
    pub fn data(&self) -> MutexGuard<'_, FrameData> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A local's value, if bound.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.data()
            .names
            .iter()
            .find(|(bound, _)| bound == name)
            .map(|(_, value)| value.clone())
    }

    /// True when `name` is local to this frame's function.
    pub fn is_local(&self, name: &str) -> bool {
        self.data().function.locals.contains(name)
    }

    /// Binds a local.
    pub fn set(&self, name: &str, value: Value) {
        let mut data = self.data();
        match data.names.iter_mut().find(|(bound, _)| bound == name) {
            Some(slot) => slot.1 = value,
            None => data.names.push((name.to_string(), value)),
        }
    }

    /// The frame of the function this one's function was defined in.
    pub fn enclosing(&self) -> Option<Frame> {
        self.data().function.enclosing.clone()
    }

    /// An id for this frame, so a walk over values visits it once without
    /// locking it first.
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    /// True when both are the same call's frame.
    pub fn same(&self, other: &Frame) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Every name `body` assigns (targets, loop variables, nested `def`s,
/// imports), not looking inside nested functions: Python's locals.
pub fn assigned_names(body: &[Stmt], names: &mut HashSet<String>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Assign { target, .. } => target_names(target, names),
            StmtKind::For {
                targets,
                body: inner,
                ..
            } => {
                names.extend(targets.iter().map(|t| t.name.clone()));
                assigned_names(inner, names);
            }
            StmtKind::While { body: inner, .. } => assigned_names(inner, names),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (_, inner) in branches {
                    assigned_names(inner, names);
                }
                if let Some(inner) = otherwise {
                    assigned_names(inner, names);
                }
            }
            StmtKind::Def { name, .. } => {
                names.insert(name.name.clone());
            }
            StmtKind::Import(import) => match (&import.alias, import.names.as_slice()) {
                (Some(alias), _) => {
                    names.insert(alias.name.clone());
                }
                (None, []) => {
                    if let Some(first) = import.module.first() {
                        names.insert(first.name.clone());
                    }
                }
                (None, imported) => names.extend(imported.iter().map(|n| n.name.clone())),
            },
            _ => {}
        }
    }
}

fn target_names(target: &Target, names: &mut HashSet<String>) {
    match target {
        Target::Name(name) => {
            names.insert(name.name.clone());
        }
        Target::Tuple(parts) => {
            for part in parts {
                target_names(part, names);
            }
        }
        Target::Attribute { .. } | Target::Index { .. } => {}
    }
}
