//! What a name can be bound to, and what an expression can produce: the
//! runtime values of the small Python. Plain numbers, booleans and `None`
//! live outside the graph (as Python's floats do); a [`Value::Node`] is a
//! scalar of the session's graph. Lists are shared by reference, as in
//! Python (`a = b` aliases, `ys.append(x)` is seen through every name).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::data::Dataset;
use crate::engine::nn::Mlp;
use crate::engine::NodeId;

use super::function::Function;

/// A list shared by every name bound to it (Python's reference semantics).
#[derive(Clone, Debug, Default)]
pub struct List(Arc<Mutex<Vec<Value>>>);

impl List {
    /// A new list holding `items`.
    pub fn new(items: Vec<Value>) -> Self {
        List(Arc::new(Mutex::new(items)))
    }

    /// The items, locked for reading or changing.
    pub fn items(&self) -> MutexGuard<'_, Vec<Value>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A copy of the items as they are now.
    pub fn snapshot(&self) -> Vec<Value> {
        self.items().clone()
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.items().len()
    }

    /// True for `[]`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when both names refer to the same list (Python's `is`).
    pub fn same(&self, other: &List) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// An id for this list, to detect cycles (`xs.append(xs)`).
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl PartialEq for List {
    fn eq(&self, other: &Self) -> bool {
        self.same(other) || *self.items() == *other.items()
    }
}

impl From<Vec<Value>> for List {
    fn from(items: Vec<Value>) -> Self {
        List::new(items)
    }
}

/// `range(start, stop, step)`, iterated lazily.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// First number.
    pub start: i64,
    /// One past the last (or before, for a negative step).
    pub stop: i64,
    /// Never zero.
    pub step: i64,
}

impl Range {
    /// How many numbers the range yields.
    pub fn len(&self) -> usize {
        let span = if self.step > 0 {
            self.stop.saturating_sub(self.start)
        } else {
            self.start.saturating_sub(self.stop)
        };
        if span <= 0 {
            0
        } else {
            let step = self.step.unsigned_abs() as i128;
            ((span as i128 + step - 1) / step) as usize
        }
    }

    /// True when the range yields nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `index`-th number.
    pub fn at(&self, index: usize) -> i64 {
        self.start + self.step * index as i64
    }
}

/// A one-pass iterator (`zip(...)`, `enumerate(...)`, a generator): its
/// items are made when it is created and taken as it is iterated, so it is
/// used up after one loop, as in Python.
#[derive(Clone, Debug)]
pub struct Iter(Arc<Mutex<std::collections::VecDeque<Value>>>);

impl Iter {
    /// An iterator over `items`.
    pub fn new(items: Vec<Value>) -> Self {
        Iter(Arc::new(Mutex::new(items.into())))
    }

    /// The next item, if any.
    pub fn next_item(&self) -> Option<Value> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    }

    /// Everything not taken yet, taking it.
    pub fn drain(&self) -> Vec<Value> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
            .collect()
    }

    /// An id for this iterator, so a walk over values visits it once.
    pub(super) fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    /// The items not taken yet, left in place (for renumbering nodes).
    pub(super) fn remaining(&self) -> MutexGuard<'_, std::collections::VecDeque<Value>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PartialEq for Iter {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A runtime value of the REPL language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A plain float, outside the graph (`p.grad`, `0.1`, `x.data`).
    Number(f64),
    /// A plain int, outside the graph (a loop counter, `len(xs)`, `2`), as
    /// Python keeps them apart from floats: `2` prints as `2`, `2.0` as
    /// `2.0`.
    Int(i64),
    /// `True` or `False`.
    Bool(bool),
    /// Python's `None` (what a function without `return` gives).
    None,
    /// A scalar node of the session's graph.
    Node(NodeId),
    /// A list such as `[x1, x2]`, shared by reference.
    List(List),
    /// A tuple such as `(w, x)` from `zip`.
    Tuple(Arc<Vec<Value>>),
    /// `range(...)`.
    Range(Range),
    /// What `zip`, `enumerate` and generator expressions give.
    Iter(Iter),
    /// A string such as `"moons"`.
    Str(String),
    /// A function made by `def` or `lambda`.
    Function(Arc<Function>),
    /// An imported module (`math`, `random`).
    Module(&'static str),
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
            Value::Number(_) | Value::Int(_) => "a plain number",
            Value::Bool(_) => "a boolean",
            Value::None => "None",
            Value::Node(_) => "a number",
            Value::List(_) => "a list",
            Value::Tuple(_) => "a tuple",
            Value::Range(_) => "a range",
            Value::Iter(_) => "an iterator",
            Value::Str(_) => "a string",
            Value::Function(_) => "a function",
            Value::Module(_) => "a module",
            Value::Unit => "nothing",
            Value::Model(_) => "a network",
            Value::Data(_) => "a data set",
        }
    }

    /// A tuple of `items`.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(items))
    }

    /// A new list of `items`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List::new(items))
    }
}
