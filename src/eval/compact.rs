//! Keeping a session's graph as small as what it can still reach. A
//! training loop typed at the top level builds a new graph every iteration
//! and rebinds `loss`, so the old graphs are garbage; between iterations,
//! when the graph has grown well past what was kept last time, the nodes
//! no name, list, tuple, function, network or running loop can reach are
//! dropped and every id those hold is renamed ([`crate::engine::Renumbering`]).
//! Values, gradients and labels of the kept nodes move unchanged, so what
//! the learner sees is bit for bit what they would see without it.
//!
//! Also here: copies of values that own their lists, for a scratch copy of
//! a session (a lesson's grader) that must not share lists with the
//! learner's, since lists are shared by reference between names.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::engine::nn::Mlp;
use crate::engine::{NodeId, Renumbering};

use super::function::{Body, Frame, Function, Parameter};
use super::iterate::Items;
use super::{Iter, List, Value};

/// A copy of `value` whose lists and iterators are new ones (a list that
/// holds itself stays a list that holds itself: `copies` maps each list
/// already copied to its copy).
pub(super) fn deep_copy(value: &Value, copies: &mut HashMap<usize, List>) -> Value {
    match value {
        Value::List(list) => {
            if let Some(copy) = copies.get(&list.address()) {
                return Value::List(copy.clone());
            }
            let copy = List::new(Vec::new());
            copies.insert(list.address(), copy.clone());
            let items: Vec<Value> = list
                .snapshot()
                .iter()
                .map(|item| deep_copy(item, copies))
                .collect();
            *copy.items() = items;
            Value::List(copy)
        }
        Value::Tuple(items) => Value::tuple(items.iter().map(|i| deep_copy(i, copies)).collect()),
        Value::Iter(iter) => {
            let items: Vec<Value> = iter.remaining().iter().cloned().collect();
            Value::Iter(Iter::new(
                items.iter().map(|i| deep_copy(i, copies)).collect(),
            ))
        }
        other => other.clone(),
    }
}

/// The graph is compacted once it holds at least this many nodes…
const MIN_NODES_TO_COMPACT: usize = 1 << 16;
/// …and this many times what the last compaction kept: each compaction
/// then pays for itself (its cost is linear in the graph, the growth since
/// the last one at least as large), and memory stays within this factor of
/// what the names can reach.
const GROWTH_TO_COMPACT: usize = 2;

/// What a walk over the session's values does with each node id.
enum Pass<'r> {
    /// Gathers the ids: the roots the compaction keeps.
    Collect(Vec<NodeId>),
    /// Renames every id after the compaction.
    Rename(&'r Renumbering),
}

/// One walk over every value that can hold a node. Shared mutable things
/// (lists, iterators, frames) are changed in place and visited once each,
/// checked before locking, so a list that holds itself neither loops nor
/// deadlocks; immutable ones (tuples, functions' defaults, networks) are
/// rebuilt with the new ids, a shared function or network once, so names
/// that shared one still do.
struct Walk<'r> {
    pass: Pass<'r>,
    visited: HashSet<usize>,
    functions: HashMap<usize, Arc<Function>>,
    models: HashMap<usize, Arc<Mlp>>,
}

impl<'r> Walk<'r> {
    fn new(pass: Pass<'r>) -> Self {
        Walk {
            pass,
            visited: HashSet::new(),
            functions: HashMap::new(),
            models: HashMap::new(),
        }
    }

    fn renames(&self) -> bool {
        matches!(self.pass, Pass::Rename(_))
    }

    fn node(&mut self, id: &mut NodeId) {
        match &mut self.pass {
            Pass::Collect(roots) => roots.push(*id),
            Pass::Rename(renumbering) => *id = renumbering.kept_id(*id),
        }
    }

    /// Walks one value (nested lists recurse; the stack grows as needed).
    fn value(&mut self, value: &mut Value) {
        super::grow(|| match value {
            Value::Node(id) => self.node(id),
            Value::List(list) => {
                if self.visited.insert(list.address()) {
                    for item in list.items().iter_mut() {
                        self.value(item);
                    }
                }
            }
            Value::Iter(iter) => {
                if self.visited.insert(iter.address()) {
                    for item in iter.remaining().iter_mut() {
                        self.value(item);
                    }
                }
            }
            Value::Tuple(items) => {
                let mut copy = items.to_vec();
                copy.iter_mut().for_each(|item| self.value(item));
                if self.renames() {
                    *items = Arc::new(copy);
                }
            }
            Value::Function(function) => self.function(function),
            Value::Model(model) => self.model(model),
            Value::Number(_)
            | Value::Int(_)
            | Value::Bool(_)
            | Value::None
            | Value::Range(_)
            | Value::Str(_)
            | Value::Module(_)
            | Value::Unit
            | Value::Data(_) => {}
        })
    }

    /// A function: its enclosing frame in place, its defaults rebuilt.
    fn function(&mut self, function: &mut Arc<Function>) {
        let key = Arc::as_ptr(function) as usize;
        if let Some(done) = self.functions.get(&key) {
            *function = done.clone();
            return;
        }
        // Marked first: a default can hold a list that holds the function.
        self.functions.insert(key, function.clone());
        if let Some(frame) = &function.enclosing {
            self.frame(frame);
        }
        let mut defaults: Vec<Option<Value>> = function
            .parameters
            .iter()
            .map(|p| p.default.clone())
            .collect();
        defaults.iter_mut().flatten().for_each(|d| self.value(d));
        if self.renames() && defaults.iter().flatten().any(holds_ids_by_value) {
            let rebuilt = Arc::new(with_defaults(function, defaults));
            self.functions.insert(key, rebuilt.clone());
            *function = rebuilt;
        }
    }

    /// A call's frame: its locals and its function, in place.
    fn frame(&mut self, frame: &Frame) {
        if !self.visited.insert(frame.address()) {
            return;
        }
        let mut data = frame.data();
        for (_, value) in data.names.iter_mut() {
            self.value(value);
        }
        self.function(&mut data.function);
    }

    /// A network: rebuilt with every weight and bias renamed.
    fn model(&mut self, model: &mut Arc<Mlp>) {
        let key = Arc::as_ptr(model) as usize;
        if let Some(done) = self.models.get(&key) {
            *model = done.clone();
            return;
        }
        let mut copy = Mlp::clone(model);
        for neuron in copy.layers.iter_mut().flat_map(|l| l.neurons.iter_mut()) {
            neuron.weights.iter_mut().for_each(|w| self.node(w));
            self.node(&mut neuron.bias);
        }
        if self.renames() {
            *model = Arc::new(copy);
        }
        self.models.insert(key, model.clone());
    }

    /// A running loop's items still to come.
    fn items(&mut self, items: &mut Items) {
        match items {
            Items::Range(..) => {}
            Items::List(list, _) => self.value(&mut Value::List(list.clone())),
            Items::Iter(iter) => self.value(&mut Value::Iter(iter.clone())),
            Items::Values(values) => {
                let mut rest: Vec<Value> = values.by_ref().collect();
                rest.iter_mut().for_each(|item| self.value(item));
                *values = rest.into_iter();
            }
        }
    }
}

/// True when a value holds node ids in itself rather than behind a shared
/// handle changed in place (so a copy of it must be rebuilt).
fn holds_ids_by_value(value: &Value) -> bool {
    matches!(
        value,
        Value::Node(_) | Value::Tuple(_) | Value::Function(_) | Value::Model(_)
    )
}

/// A copy of `function` with other defaults.
fn with_defaults(function: &Function, defaults: Vec<Option<Value>>) -> Function {
    Function {
        name: function.name.clone(),
        parameters: function
            .parameters
            .iter()
            .zip(defaults)
            .map(|(p, default)| Parameter {
                name: p.name.clone(),
                default,
            })
            .collect(),
        body: match &function.body {
            Body::Block(block) => Body::Block(block.clone()),
            Body::Expr(expr) => Body::Expr(expr.clone()),
        },
        locals: function.locals.clone(),
        enclosing: function.enclosing.clone(),
        chunk: function.chunk.clone(),
    }
}

impl super::Evaluator<'_> {
    /// Between iterations of a top-level loop: when the graph has grown
    /// well past what was kept last time, drop the unreachable nodes.
    pub(super) fn compact_if_large(&mut self) {
        let graph = &self.session.graph;
        if graph.len() >= MIN_NODES_TO_COMPACT
            && graph.len() >= GROWTH_TO_COMPACT * graph.kept_at_compaction()
        {
            self.compact();
        }
    }

    /// Drops every node nothing can reach and renames the ids held by the
    /// session's names and the loops running at the top level. Leaves
    /// changed in the loop stay waiting: the nodes computed from them are
    /// recomputed at the next read as before, but only those still kept
    /// (a node no name can reach is never recomputed).
    pub(super) fn compact(&mut self) -> Renumbering {
        let mut collect = Walk::new(Pass::Collect(self.session.pending.leaves().to_vec()));
        self.walk_held(&mut collect);
        let Pass::Collect(roots) = collect.pass else {
            unreachable!("a collecting walk collects")
        };
        let renumbering = self.session.graph.compact(&roots);
        self.session.compactions += 1;
        self.walk_held(&mut Walk::new(Pass::Rename(&renumbering)));
        self.session.pending.renumber(&renumbering);
        self.session.plain_leaves.renumber(&renumbering);
        renumbering
    }

    /// Walks everything that can hold a node between two iterations of a
    /// top-level loop: the session's names and the loops' items to come
    /// (no function is running and no comprehension is open there).
    fn walk_held(&mut self, walk: &mut Walk) {
        for (_, value) in self.session.bindings.iter_mut() {
            walk.value(value);
        }
        for items in self.top_loops.iter_mut() {
            walk.items(items);
        }
    }
}
