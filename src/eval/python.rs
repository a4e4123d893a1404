//! Python's built-in functions the lecture uses, on evaluated arguments:
//! `range len sum min max zip enumerate list print` and the lecture's
//! `Value(x, label='a')`.

use crate::syntax::ast::Ident;
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Event, Iter, Range, Value};
use crate::syntax::ast::BinaryOp;

/// A call's arguments, evaluated: positional in order, then keywords.
pub(super) struct Arguments {
    /// The function's name as written.
    pub(super) name: Ident,
    pub(super) positional: Vec<(Value, Span)>,
    pub(super) keywords: Vec<(Ident, Value)>,
}

impl Arguments {
    /// Keyword `name`, taken (so [`Arguments::finish`] knows it was used).
    fn keyword(&mut self, name: &str) -> Option<Value> {
        let at = self.keywords.iter().position(|(k, _)| k.name == name)?;
        Some(self.keywords.remove(at).1)
    }

    /// Fails on a keyword nobody took.
    pub(super) fn finish(&self) -> Result<(), EvalError> {
        match self.keywords.first() {
            Some((keyword, _)) => Err(error(
                format!("{}() has no argument `{}`", self.name.name, keyword.name),
                keyword.span,
            )),
            None => Ok(()),
        }
    }

    fn only(&self) -> (&Value, Span) {
        let (value, span) = &self.positional[0];
        (value, *span)
    }
}

fn whole(ev: &mut Evaluator, value: &Value, span: Span) -> Result<i64, EvalError> {
    match ev.number_of(value) {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Ok(x as i64),
        Some(x) => Err(error(
            format!(
                "range() needs whole numbers, not {}",
                crate::text::number::full(x)
            ),
            span,
        )),
        None => Err(error(
            format!("range() needs whole numbers, not {}", value.kind()),
            span,
        )),
    }
}

/// `range(stop)`, `range(start, stop)`, `range(start, stop, step)`.
pub(super) fn range(ev: &mut Evaluator, args: Arguments, span: Span) -> Result<Value, EvalError> {
    args.finish()?;
    let mut numbers = Vec::new();
    for (value, at) in &args.positional {
        numbers.push(whole(ev, value, *at)?);
    }
    let (start, stop, step) = match numbers.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(error("range() takes 1 to 3 whole numbers", span)),
    };
    if step == 0 {
        return Err(error("range() step must not be zero", args.positional[2].1));
    }
    Ok(Value::Range(Range { start, stop, step }))
}

/// `len(xs)`.
pub(super) fn length(ev: &mut Evaluator, args: Arguments, _span: Span) -> Result<Value, EvalError> {
    args.finish()?;
    let (value, at) = args.only();
    let count = match value {
        Value::List(items) => items.len(),
        Value::Tuple(items) => items.len(),
        Value::Range(range) => range.len(),
        Value::Data(data) => data.len(),
        Value::Str(text) => text.chars().count(),
        other => {
            let _ = ev;
            return Err(error(
                format!(
                    "len() needs a list, a string or a data set, not {}",
                    other.kind()
                ),
                at,
            ));
        }
    };
    Ok(ev.int(count as i64))
}

/// `Value(2.0)` / `Value(2.0, label='a')`: a new leaf.
pub(super) fn value(
    ev: &mut Evaluator,
    mut args: Arguments,
    _span: Span,
) -> Result<Value, EvalError> {
    let label = args.keyword("label");
    args.finish()?;
    let (given, at) = args.only();
    let Some(x) = ev.number_of(given) else {
        return Err(error(
            format!("Value() holds a number, not {}", given.kind()),
            at,
        ));
    };
    let leaf = ev.graph().leaf(x);
    match label {
        Some(Value::Str(label)) => ev.graph().label_if_unset(leaf, &label),
        Some(other) => {
            return Err(error(
                format!(
                    "a label is a string in quotes, as in label='a', not {}",
                    other.kind()
                ),
                at,
            ))
        }
        None => {}
    }
    Ok(Value::Node(leaf))
}

/// The items of the only argument (or of all arguments for `min(a, b)`).
fn items_of(ev: &mut Evaluator, args: Arguments) -> Result<(Vec<Value>, Span), EvalError> {
    args.finish()?;
    let span = args.positional[0].1;
    if args.positional.len() > 1 {
        return Ok((args.positional.into_iter().map(|(v, _)| v).collect(), span));
    }
    let (value, at) = args
        .positional
        .into_iter()
        .next()
        .unwrap_or((Value::None, span));
    Ok((ev.collect_items(value, at)?, at))
}

/// `sum(xs)`, `sum(xs, start)`: a node when any item is a node.
pub(super) fn sum(ev: &mut Evaluator, mut args: Arguments, span: Span) -> Result<Value, EvalError> {
    let start = match args.keyword("start") {
        Some(start) => Some(start),
        None if args.positional.len() == 2 => args.positional.pop().map(|(v, _)| v),
        None => None,
    };
    args.finish()?;
    let (iterable, at) = args.positional.remove(0);
    let items = ev.collect_items(iterable, at)?;
    let mut items = items.into_iter();
    // Python starts from 0; starting from the first item gives the same
    // number and a graph without a `0 +` node.
    let mut total = match start {
        Some(start) => start,
        None => match items.next() {
            Some(first) => first,
            None => return Ok(Value::Int(0)),
        },
    };
    for item in items {
        total = ev.binary(BinaryOp::Add, total, item, span)?;
    }
    Ok(total)
}

fn extreme(
    ev: &mut Evaluator,
    args: Arguments,
    span: Span,
    largest: bool,
) -> Result<Value, EvalError> {
    let name = args.name.name.clone();
    let (items, at) = items_of(ev, args)?;
    let mut best: Option<(Value, f64)> = None;
    for item in items {
        let Some(x) = ev.number_of(&item) else {
            return Err(error(
                format!("{name}() compares numbers, and one item is {}", item.kind()),
                at,
            ));
        };
        let better = match &best {
            None => true,
            Some((_, current)) => (largest && x > *current) || (!largest && x < *current),
        };
        if better {
            best = Some((item, x));
        }
    }
    best.map(|(item, _)| item)
        .ok_or_else(|| error(format!("{name}() of nothing: the sequence is empty"), span))
}

/// `min(xs)` / `min(a, b, ...)`.
pub(super) fn min(ev: &mut Evaluator, args: Arguments, span: Span) -> Result<Value, EvalError> {
    extreme(ev, args, span, false)
}

/// `max(xs)` / `max(a, b, ...)`.
pub(super) fn max(ev: &mut Evaluator, args: Arguments, span: Span) -> Result<Value, EvalError> {
    extreme(ev, args, span, true)
}

/// `zip(a, b, ...)`: tuples until the shortest runs out.
pub(super) fn zip(ev: &mut Evaluator, args: Arguments, _span: Span) -> Result<Value, EvalError> {
    args.finish()?;
    let mut columns = Vec::new();
    for (value, at) in args.positional {
        columns.push(ev.collect_items(value, at)?);
    }
    let rows = columns.iter().map(Vec::len).min().unwrap_or(0);
    let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
    let tuples = (0..rows)
        .map(|_| Value::tuple(columns.iter_mut().filter_map(Iterator::next).collect()))
        .collect();
    Ok(Value::Iter(Iter::new(tuples)))
}

/// `enumerate(xs, start=0)`.
pub(super) fn enumerate(
    ev: &mut Evaluator,
    mut args: Arguments,
    _span: Span,
) -> Result<Value, EvalError> {
    let start = match args.keyword("start") {
        Some(start) => Some(start),
        None if args.positional.len() == 2 => args.positional.pop().map(|(v, _)| v),
        None => None,
    };
    args.finish()?;
    let start = match start {
        Some(value) => ev.number_of(&value).unwrap_or(0.0),
        None => 0.0,
    };
    let (iterable, at) = args.positional.remove(0);
    let items = ev.collect_items(iterable, at)?;
    let pairs = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let index = start + i as f64;
            let index = match super::plain::int_text(index) {
                Some(_) => Value::Int(index as i64),
                None => Value::Number(index),
            };
            Value::tuple(vec![index, item])
        })
        .collect();
    Ok(Value::Iter(Iter::new(pairs)))
}

/// `list(xs)`: a new list.
pub(super) fn list(ev: &mut Evaluator, args: Arguments, _span: Span) -> Result<Value, EvalError> {
    args.finish()?;
    match args.positional.into_iter().next() {
        Some((value, at)) => Ok(Value::list(ev.collect_items(value, at)?)),
        None => Ok(Value::list(Vec::new())),
    }
}

/// `print(a, b, sep=' ', end='\n')`.
pub(super) fn print(
    ev: &mut Evaluator,
    mut args: Arguments,
    _span: Span,
) -> Result<Value, EvalError> {
    let text_keyword =
        |args: &mut Arguments, name: &str, default: &str| -> Result<String, EvalError> {
            match args.keyword(name) {
                None => Ok(default.to_string()),
                Some(Value::Str(text)) => Ok(text),
                Some(Value::None) => Ok(default.to_string()),
                Some(other) => Err(error(
                    format!("print's {name}= is a string, not {}", other.kind()),
                    args.name.span,
                )),
            }
        };
    let sep = text_keyword(&mut args, "sep", " ")?;
    let end = text_keyword(&mut args, "end", "\n")?;
    args.finish()?;
    ev.session.flush_pending();
    let parts: Vec<String> = args
        .positional
        .iter()
        .map(|(value, _)| super::print::python_text(ev.session, value))
        .collect();
    let text = format!("{}{end}", parts.join(&sep));
    ev.emit(Event::Print(text));
    Ok(Value::None)
}
