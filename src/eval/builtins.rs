//! Calling built-ins: `name(args)` and `receiver.name(args)` looked up in
//! the [table](super::table) and run: math on numbers and nodes (a node
//! gives a node, a plain number a plain number), the graph actions
//! `backward`, `zero_grad` and `show`, list methods, `math.*` and
//! `random.*`, and the network methods.

use rand::RngExt;

use crate::engine::{NodeId, Op};
use crate::syntax::ast::{Arg, Ident};
use crate::syntax::Span;

use super::args::Call;
use super::python::Arguments;
use super::table::{self, Action, Builtin, Kind, Run};
use super::{error, EvalError, Evaluator, Event, Value};

/// `name(args)` for a name that is not bound: a built-in, or an error
/// with a suggestion.
pub(super) fn call_builtin(
    ev: &mut Evaluator,
    function: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let name = function.name.as_str();
    let Some(builtin) = table::function(name) else {
        let mut err = error(
            format!("there is no function called `{name}`"),
            function.span,
        );
        if let Some(help) = super::mistakes::foreign_name(name) {
            err = err.with_help(help);
        } else if let Some(close) = super::suggest::closest(name, table::FUNCTIONS.iter().copied())
        {
            err = err.with_help(format!("did you mean `{close}`?"));
        } else {
            err = err.with_help(format!("the functions are {}", table::FUNCTIONS.join(", ")));
        }
        return Err(err);
    };
    if name == "Value" {
        if let Some(err) = super::mistakes::value_internals(args, span) {
            return Err(err);
        }
    }
    match builtin.run {
        Run::Unary(_) | Run::Pow | Run::Action(_) => {
            let count = builtin.arity.0;
            let values = positional_values(ev, function, args, count, span)?;
            apply_number(ev, builtin, &values, span)
        }
        Run::Values(run) => {
            let arguments = evaluate(ev, function, builtin, args, span)?;
            run(ev, arguments, span)
        }
        Run::Syntax(run) => run(ev, &mut Call::new(function, args, builtin.keywords, span)),
        Run::Method => Err(error(format!("`{name}` is a method"), function.span)),
    }
}

/// Positional arguments only, evaluated, exactly `count` of them.
fn positional_values(
    ev: &mut Evaluator,
    function: &Ident,
    args: &[Arg],
    count: usize,
    call_span: Span,
) -> Result<Vec<Value>, EvalError> {
    if let Some(keyword) = args.iter().find_map(|a| a.keyword.as_ref()) {
        return Err(error(
            format!("{}() takes no keyword arguments", function.name),
            keyword.span,
        ));
    }
    if args.len() != count {
        return Err(error(
            format!(
                "{}() takes {}, but {} given",
                function.name,
                super::args::count_arguments(count),
                if args.len() == 1 {
                    "1 was".to_string()
                } else {
                    format!("{} were", args.len())
                }
            ),
            call_span,
        ));
    }
    args.iter()
        .map(|a| {
            let value = ev.eval(&a.value)?;
            if ev.is_numeric(&value) {
                Ok(value)
            } else {
                Err(error(
                    format!("expected a number here, but this is {}", value.kind()),
                    a.value.span,
                ))
            }
        })
        .collect()
}

/// The arguments evaluated, checked against the table's arity.
fn evaluate(
    ev: &mut Evaluator,
    function: &Ident,
    builtin: &Builtin,
    args: &[Arg],
    span: Span,
) -> Result<Arguments, EvalError> {
    let mut arguments = Arguments {
        name: function.clone(),
        positional: Vec::new(),
        keywords: Vec::new(),
    };
    for arg in args {
        let value = ev.eval(&arg.value)?;
        match &arg.keyword {
            Some(keyword) => arguments.keywords.push((keyword.clone(), value)),
            None => arguments.positional.push((value, arg.value.span)),
        }
    }
    let given = arguments.positional.len();
    let (least, most) = builtin.arity;
    if given < least || most.is_some_and(|most| given > most) {
        let expected = match most {
            Some(most) if most == least => super::args::count_arguments(least),
            Some(most) => format!("{least} to {most} arguments"),
            None => format!("at least {}", super::args::count_arguments(least)),
        };
        return Err(error(
            format!("{}() takes {expected}, but {given} given", function.name),
            span,
        )
        .with_help(format!("as in {}", builtin.usage)));
    }
    Ok(arguments)
}

/// A math function or graph action on numbers: a node in, a node out; a
/// plain number in, a plain number out.
fn apply_number(
    ev: &mut Evaluator,
    builtin: &Builtin,
    values: &[Value],
    span: Span,
) -> Result<Value, EvalError> {
    match builtin.run {
        Run::Unary(op) => match &values[0] {
            Value::Node(id) => Ok(Value::Node(ev.make(op(*id), span))),
            other => {
                let x = ev.number_of(other).unwrap_or(f64::NAN);
                // abs of an int is an int, as in Python.
                let whole = super::operators::plain_int(other)
                    .filter(|_| matches!(op(NodeId(0)), Op::Abs(_)));
                match whole.and_then(i64::checked_abs) {
                    Some(whole) => Ok(Value::Int(whole)),
                    None => Ok(Value::Number(ev.plain_unary(op(NodeId(0)), x, span))),
                }
            }
        },
        Run::Pow => ev.binary(
            crate::syntax::ast::BinaryOp::Pow,
            values[0].clone(),
            values[1].clone(),
            span,
        ),
        Run::Action(action) => {
            let node = ev.node_for(&values[0]);
            act(ev, action, node, span)
        }
        _ => Ok(Value::None),
    }
}

/// `backward`, `zero_grad`, `show` on one node.
fn act(ev: &mut Evaluator, action: Action, x: NodeId, span: Span) -> Result<Value, EvalError> {
    match action {
        Action::Backward => {
            ev.session.flush_pending();
            let report = ev.session.graph.backward(x);
            if report.accumulated_onto_nonzero {
                let root = ev.display_name(x);
                ev.warn(
                    format!(
                        "the graph under {root} already held gradients, so this backward added to them \
                         (they accumulate, as in PyTorch); to start fresh, run {root}.zero_grad() or :zero first"
                    ),
                    span,
                );
            }
            ev.notice_dead_relus(x, span);
            ev.echo(Event::Backward { root: x, report });
        }
        Action::ZeroGrad => ev.session.graph.zero_grad(x),
        Action::Show => {
            if ev.depth > 0 || !ev.silent {
                ev.emit(Event::Show(x));
            }
        }
    }
    Ok(Value::Unit)
}

/// `receiver.name(args)`.
pub(super) fn call_method(
    ev: &mut Evaluator,
    receiver: Value,
    receiver_span: Span,
    method: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let name = method.name.as_str();
    match receiver {
        Value::Node(_) | Value::Number(_) | Value::Int(_) | Value::Bool(_) => {}
        Value::Model(mlp) => {
            if let Some(part) = super::nn_views::called_part(ev, &mlp, receiver_span, method) {
                // `n.L1([x1, x2])`: a layer (or neuron) called on inputs.
                let part = part?;
                return super::nn_builtins::call_model(ev, &part, args, span);
            }
            if name == "zero_grad" {
                // micrograd's nn.Module has it; here gradients are zeroed
                // through the graph that holds them.
                return Err(error(
                    "networks have no method `zero_grad` here: gradients live in the loss's graph",
                    method.span,
                )
                .with_help(
                    "zero them from the loss: `loss.zero_grad()` (or `zero_grad(loss)`), or `:zero` for every gradient; the lecture's `for p in n.parameters(): p.grad = 0.0` works too",
                ));
            }
            if !table::NETWORK_METHODS.contains(&name) {
                let err = error(format!("networks have no method `{name}`"), method.span);
                return Err(
                    match super::suggest::closest(name, table::NETWORK_METHODS.iter().copied()) {
                        Some(close) => err.with_help(format!("did you mean `{close}()`?")),
                        None => err.with_help(
                            "a network has .parameters(), .loss(data) and .accuracy(data)",
                        ),
                    },
                );
            }
            let declared =
                table::method(name, &[Kind::NetworkMethod]).map_or(&[][..], |row| row.keywords);
            let mut call = Call::new(method, args, declared, span);
            return super::nn_builtins::call_model_method(ev, &mlp, &mut call);
        }
        Value::List(list) => return list_method(ev, &list, method, args, span),
        Value::Module(module) => return module_function(ev, module, method, args, span),
        other => {
            return Err(error(
                format!("{} has no method `{}`", other.kind(), method.name),
                receiver_span,
            ))
        }
    }
    let Some(builtin) = table::method(name, &[Kind::NumberFunction, Kind::NumberMethod]) else {
        let receiver_text = ev
            .chunk
            .text
            .get(receiver_span.start..receiver_span.end)
            .unwrap_or("x");
        if let Some(err) = super::mistakes::attribute_called(receiver_text, name, method.span) {
            return Err(err);
        }
        let mut err = error(format!("numbers have no method `{name}`"), method.span);
        err = match super::suggest::closest(name, table::METHODS.iter().copied()) {
            Some(close) => err.with_help(format!("did you mean `{close}()`?")),
            None => err.with_help(table::methods_hint()),
        };
        return Err(err);
    };
    let extra = builtin.arity.0.saturating_sub(1);
    let mut values = vec![receiver];
    values.extend(positional_values(ev, method, args, extra, span)?);
    apply_number(ev, builtin, &values, span)
}

fn list_method(
    ev: &mut Evaluator,
    list: &super::List,
    method: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let Some(builtin) = table::method(&method.name, &[Kind::ListMethod]) else {
        return Err(error(
            format!("lists have no method `{}`", method.name),
            method.span,
        )
        .with_help("a list has .append(x), .extend(ys) and .pop()"));
    };
    let arguments = evaluate(ev, method, builtin, args, span)?;
    let mut values = arguments.positional.into_iter();
    match builtin.name {
        "append" => {
            let (item, _) = values.next().unwrap_or((Value::None, span));
            list.items().push(item);
            Ok(Value::None)
        }
        "extend" => {
            let (more, at) = values.next().unwrap_or((Value::None, span));
            let items = ev.collect_items(more, at)?;
            list.items().extend(items);
            Ok(Value::None)
        }
        _ => {
            let count = list.len();
            let at = match values.next() {
                Some((position, at)) => ev.position(&position, count, at)?,
                None if count == 0 => return Err(error("pop from an empty list", span)),
                None => count - 1,
            };
            Ok(list.items().remove(at))
        }
    }
}

fn module_function(
    ev: &mut Evaluator,
    module: &'static str,
    method: &Ident,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let Some(builtin) = table::method(&method.name, &[Kind::ModuleFunction(module)]) else {
        return Err(error(
            format!("`{module}.{}` is not available here", method.name),
            method.span,
        ));
    };
    let arguments = evaluate(ev, method, builtin, args, span)?;
    let mut numbers = Vec::new();
    for (value, at) in &arguments.positional {
        match ev.python_number(value) {
            Some(x) => numbers.push(x),
            None => {
                let what = match value {
                    Value::Node(_) => "a node of the graph (a Value)",
                    other => other.kind(),
                };
                return Err(error(
                    format!(
                        "{module}.{}() works on plain numbers, not on {what}",
                        method.name,
                    ),
                    *at,
                )
                .with_help(format!(
                    "for a node, use the method: x.{}()",
                    if method.name == "fabs" {
                        "abs"
                    } else {
                        &method.name
                    }
                )));
            }
        }
    }
    let shape = |op: fn(NodeId) -> Op| op(NodeId(0));
    let x = numbers.first().copied().unwrap_or(0.0);
    let value = match builtin.name {
        "exp" => ev.plain_unary(shape(Op::Exp), x, span),
        // Python's math.tanh is libm's, not the lecture's formula.
        "tanh" => x.tanh(),
        "sqrt" => ev.plain_unary(shape(Op::Sqrt), x, span),
        "sin" => ev.plain_unary(shape(Op::Sin), x, span),
        "cos" => ev.plain_unary(shape(Op::Cos), x, span),
        "fabs" => x.abs(),
        "log" => {
            let natural = ev.plain_unary(shape(Op::Log), x, span);
            match numbers.get(1) {
                Some(base) => natural / base.ln(),
                None => natural,
            }
        }
        "pow" => ev.plain_binary(crate::syntax::ast::BinaryOp::Pow, x, numbers[1], span),
        "uniform" => {
            let (low, high) = (x, numbers[1]);
            low + (high - low) * ev.session.random.next_rng().random::<f64>()
        }
        "random" => ev.session.random.next_rng().random::<f64>(),
        _ => {
            if x.fract() != 0.0 || x < 0.0 {
                return Err(error("random.seed() takes a whole number", span));
            }
            ev.session.set_seed(x as u64);
            return Ok(Value::None);
        }
    };
    Ok(Value::Number(value))
}

/// `math.pi`, `math.e`.
pub(super) fn module_attribute(module: &str, name: &Ident) -> Result<Value, EvalError> {
    match (module, name.name.as_str()) {
        ("math", "pi") => Ok(Value::Number(std::f64::consts::PI)),
        ("math", "e") => Ok(Value::Number(std::f64::consts::E)),
        ("math", "inf") => Ok(Value::Number(f64::INFINITY)),
        _ => Err(error(
            format!("`{module}.{}` is not available here", name.name),
            name.span,
        )),
    }
}
