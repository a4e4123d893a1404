//! Iteration: what `for`, comprehensions, `sum`, `zip` and friends walk
//! over (ranges, lists, tuples, strings, iterators, a data set's samples),
//! binding loop variables with tuple unpacking (`for w, x in zip(ws, xs)`),
//! and comprehensions, whose variables stay inside them (Python 3).

use crate::syntax::ast::{ComprehensionClause, Expr, Ident, LoopTarget};
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Iter, List, Range, Value};

/// Where the next item of a loop comes from. A list is read by position
/// as the loop goes, so appending to it while looping is seen (Python).
pub(super) enum Items {
    Range(Range, usize),
    List(List, usize),
    Values(std::vec::IntoIter<Value>),
    Iter(Iter),
}

impl Items {
    pub(super) fn empty() -> Self {
        Items::Values(Vec::new().into_iter())
    }

    /// The next item, if any.
    pub(super) fn next_item(&mut self) -> Option<Value> {
        match self {
            Items::Range(range, at) => {
                if *at >= range.len() {
                    return None;
                }
                *at += 1;
                Some(Value::Int(range.at(*at - 1)))
            }
            Items::List(list, at) => {
                let item = list.items().get(*at).cloned();
                *at += 1;
                item
            }
            Items::Values(values) => values.next(),
            Items::Iter(iter) => iter.next_item(),
        }
    }
}

impl Evaluator<'_> {
    /// The items of an iterable value.
    pub(super) fn items(&mut self, iterable: Value, span: Span) -> Result<Items, EvalError> {
        Ok(match iterable {
            Value::Range(range) => Items::Range(range, 0),
            Value::List(list) => Items::List(list, 0),
            Value::Tuple(items) => Items::Values(items.iter().cloned().collect::<Vec<_>>().into_iter()),
            Value::Iter(iter) => Items::Iter(iter),
            Value::Str(text) => Items::Values(
                text.chars()
                    .map(|c| Value::Str(c.to_string()))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            other => {
                return Err(error(
                    format!(
                        "{} cannot be looped over; a loop walks a list, a range, zip(...) or enumerate(...)",
                        other.kind()
                    ),
                    span,
                ))
            }
        })
    }

    /// Every item of an iterable, taken now (stops on Ctrl-C).
    pub(super) fn collect_items(
        &mut self,
        iterable: Value,
        span: Span,
    ) -> Result<Vec<Value>, EvalError> {
        if let Value::Range(range) = iterable {
            if range.len() > MAX_COLLECTED_ITEMS {
                return Err(error(
                    format!("that range has {} numbers; at most {MAX_COLLECTED_ITEMS} can be held at once", range.len()),
                    span,
                ));
            }
        }
        let mut items = self.items(iterable, span)?;
        let mut all = Vec::new();
        while let Some(item) = items.next_item() {
            if all.len().is_multiple_of(4096) {
                self.check_interrupt(span)?;
            }
            all.push(item);
        }
        Ok(all)
    }

    /// Binds `for` variables in the scope the loop runs in.
    pub(super) fn bind_loop_targets(
        &mut self,
        targets: &[Ident],
        nested: Option<&[LoopTarget]>,
        item: Value,
        span: Span,
    ) -> Result<(), EvalError> {
        if let Some(nested) = nested {
            let mut bound = Vec::new();
            self.destructure(nested, item, span, &mut bound)?;
            for (target, part) in bound {
                self.assign_plain(target, part);
            }
            return Ok(());
        }
        match targets {
            [one] => {
                self.assign_plain(one, item);
                Ok(())
            }
            many => {
                let parts = self.unpack(item, many.len(), span)?;
                for (target, part) in many.iter().zip(parts) {
                    self.assign_plain(target, part);
                }
                Ok(())
            }
        }
    }

    /// `item` unpacked into `targets` with brackets inside (`i, (x, y)`),
    /// each name with its part, in order, into `bound`.
    fn destructure<'t>(
        &mut self,
        targets: &'t [LoopTarget],
        item: Value,
        span: Span,
        bound: &mut Vec<(&'t Ident, Value)>,
    ) -> Result<(), EvalError> {
        let parts = self.unpack(item, targets.len(), span)?;
        for (target, part) in targets.iter().zip(parts) {
            match target {
                LoopTarget::Name(name) => bound.push((name, part)),
                LoopTarget::Tuple(inner) => self.destructure(inner, part, span, bound)?,
            }
        }
        Ok(())
    }

    /// `a, b = value`: exactly `count` items.
    pub(super) fn unpack(
        &mut self,
        value: Value,
        count: usize,
        span: Span,
    ) -> Result<Vec<Value>, EvalError> {
        let kind = value.kind();
        let parts = match value {
            Value::Tuple(items) => items.to_vec(),
            Value::List(items) => items.snapshot(),
            other @ (Value::Range(_) | Value::Iter(_)) => self.collect_items(other, span)?,
            _ => {
                return Err(error(
                    format!("{kind} cannot be unpacked into {count} names"),
                    span,
                ))
            }
        };
        if parts.len() != count {
            return Err(error(
                format!(
                    "{count} names to unpack into, but {} {}",
                    parts.len(),
                    if parts.len() == 1 { "value" } else { "values" }
                ),
                span,
            ));
        }
        Ok(parts)
    }

    /// `[element for ... in ... if ...]`: the items, in order.
    pub(super) fn comprehension(
        &mut self,
        element: &Expr,
        clauses: &[ComprehensionClause],
    ) -> Result<Vec<Value>, EvalError> {
        let mut out = Vec::new();
        let scope = self.comprehension.len();
        let result = self.clause(element, clauses, &mut out);
        self.comprehension.truncate(scope);
        result.map(|_| out)
    }

    fn clause(
        &mut self,
        element: &Expr,
        clauses: &[ComprehensionClause],
        out: &mut Vec<Value>,
    ) -> Result<(), EvalError> {
        let Some((clause, rest)) = clauses.split_first() else {
            let item = self.eval(element)?;
            out.push(item);
            return Ok(());
        };
        let iterable = self.eval(&clause.iter)?;
        let mut items = self.items(iterable, clause.iter.span)?;
        let scope = self.comprehension.len();
        'items: while let Some(item) = items.next_item() {
            if out.len().is_multiple_of(1024) {
                self.check_interrupt(clause.iter.span)?;
            }
            if out.len() >= MAX_COLLECTED_ITEMS {
                return Err(error(
                    format!("this comprehension makes more than {MAX_COLLECTED_ITEMS} items"),
                    clause.iter.span,
                ));
            }
            self.comprehension.truncate(scope);
            let mut bound = Vec::new();
            match (clause.nested.as_deref(), clause.targets.as_slice()) {
                (Some(nested), _) => {
                    self.destructure(nested, item, clause.iter.span, &mut bound)?
                }
                (None, [one]) => bound.push((one, item)),
                (None, many) => {
                    let parts = self.unpack(item, many.len(), clause.iter.span)?;
                    bound.extend(many.iter().zip(parts));
                }
            }
            for (target, part) in bound {
                self.comprehension.push((target.name.clone(), part));
            }
            for condition in &clause.conditions {
                let test = self.eval(condition)?;
                if !self.truthy(&test, condition.span)? {
                    continue 'items;
                }
            }
            super::grow(|| self.clause(element, rest, out))?;
        }
        self.comprehension.truncate(scope);
        Ok(())
    }
}

/// Most items a comprehension or a collected range may hold.
pub(super) const MAX_COLLECTED_ITEMS: usize = 10_000_000;
