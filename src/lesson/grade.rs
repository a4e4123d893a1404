//! Grading by meaning. An answer is never compared as text: it is
//! evaluated in a scratch copy of the lesson's session, beside the expected
//! answer. Numbers must agree within the stated tolerance; formulas must
//! agree in value *and* in every gradient, at the current values of their
//! free leaves and at a few seeded random points around them, so `a*b + c`,
//! `c + b*a` and `(a*b)+c` are all right while `a*b - c` is not — and
//! neither is the bare number `4`, which has the right value today but is
//! not a formula of `a`, `b` and `c`.

use super::block;
use super::format::{Question, QuestionKind};
pub use super::meaning::Verdict;
use super::meaning::{compare_pairs, free_leaves};
use crate::console::{Assembler, Mode};
use crate::engine::{GradState, Graph, NodeId};
use crate::eval::{parse_statements, EvalError, Session, Value};
use crate::syntax::ast::{AssignOp, Expr, ExprKind, StmtKind, Target};
use crate::syntax::Span;
use crate::text::number;

/// A `type` answer split into the name it binds (if any) and the
/// expression, with the expression's byte offset in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement<'a> {
    /// `d` in `d = a*b + c`.
    pub target: Option<&'a str>,
    /// `a*b + c` in `d = a*b + c`.
    pub expression: &'a str,
    /// Where the expression starts in the text.
    pub offset: usize,
}

/// Splits an expression or `name = expression`; any other statement is an
/// error pointing at it.
pub fn split_statement(text: &str) -> Result<Statement<'_>, EvalError> {
    let statements = crate::eval::parse_statements(text)?;
    let whole = Span::new(0, text.len().max(1));
    let [statement] = statements.list() else {
        return Err(problem(
            "type one expression, or one `name = expression`",
            whole,
        ));
    };
    let slice = |span: Span| Statement {
        target: None,
        expression: &text[span.start..span.end],
        offset: span.start,
    };
    match &statement.kind {
        StmtKind::Expr(expr) => Ok(slice(expr.span)),
        StmtKind::Assign {
            target: Target::Name(name),
            op: AssignOp::Set,
            value,
        } => Ok(Statement {
            target: Some(&text[name.span.start..name.span.end]),
            ..slice(value.span)
        }),
        _ => Err(problem(
            "here, type an expression, or `name = expression`",
            statement.span,
        )),
    }
}

/// Judges `answer` to `question` against the lesson's `session` (left
/// untouched). `Err` means the lesson itself is broken: its expected answer
/// does not evaluate.
pub fn judge(session: &Session, question: &Question, answer: &str) -> Result<Verdict, String> {
    judge_asked(session, session, question, answer)
}

/// [`judge`], with the number a `predict` question is about taken from
/// `asked`, the session as it stood when the question was asked: statements
/// the learner ran since (`w.data -= 0.1 * w.grad`, the very step the
/// question is about) do not move the answer away from the question's own
/// hints. The answer itself is read in `session`, as the learner sees it.
pub fn judge_asked(
    asked: &Session,
    session: &Session,
    question: &Question,
    answer: &str,
) -> Result<Verdict, String> {
    match &question.kind {
        QuestionKind::Type { answer: expected } if block::shape(expected).is_some() => {
            block::judge(session, question, expected, answer)
        }
        QuestionKind::Type { answer: expected } => judge_formula(session, expected, answer),
        QuestionKind::Predict {
            answer: expected,
            tolerance,
        } => {
            let truth = true_number(asked, question, expected)?;
            let stated = expected.trim().parse::<f64>().ok();
            Ok(
                match judge_number(session, (truth, stated), *tolerance, answer) {
                    // The mistake's own hint, aimed as every mistake's is, says which.
                    Verdict::Right if formula_mistake(session, question, answer).is_some() => {
                        Verdict::Wrong(
                            "that formula gives the right number only at these values".to_string(),
                        )
                    }
                    verdict => verdict,
                },
            )
        }
        QuestionKind::Choose {
            options,
            answer: right,
        } => Ok(judge_choice(options.len(), *right, answer)),
    }
}

/// True when `line`, typed at `question`, is clearly not an answer but a
/// statement to run in the session while the question stays open: at a
/// `predict` or `choose` question, an assignment, a `show`, a graph action
/// such as `L.backward()`, or several statements. A plain expression stays
/// an answer (`2*3` is a prediction), and so does anything that does not
/// parse. At a `type` question, where the statement is the answer, only
/// a lone `show` runs.
pub fn is_exploration(session: &Session, question: &Question, line: &str) -> bool {
    is_exploration_asked(session, session, question, line, &[])
}

/// [`is_exploration`], with `asked` the session as the question found it
/// (the learner may have moved names since): at a prediction, arithmetic
/// over a read of the very quantity asked (`x.grad*1`, `x.grad + 0` at
/// "what is x.grad?") that gives the answer, because that quantity already
/// holds it, is reading the answer off the tool, not predicting it; so is
/// one over the call the step will show (`n(xs[1]) + 0`) or over a name in
/// `derived`, bound to one of those at this question (see
/// [`answer_read`]).
pub fn is_exploration_asked(
    asked: &Session,
    session: &Session,
    question: &Question,
    line: &str,
    derived: &[String],
) -> bool {
    is_exploration_here(session, question, line)
        || answer_read(asked, session, question, line, derived).is_some()
}

fn is_exploration_here(session: &Session, question: &Question, line: &str) -> bool {
    if let Some(asked) = block_shape(question) {
        return block::explores(&asked, line);
    }
    let Ok(statements) = session.parse_line(line) else {
        return false;
    };
    if let [one] = statements.list() {
        if only_reads_state(&one.kind) && !answer_only_reads(question) {
            return true;
        }
        // The reveal's own expression asks the tool what it will show:
        // looking at the answer, not predicting it (`n.accuracy(d)`).
        if matches!(question.kind, QuestionKind::Predict { .. })
            && (is_the_reveal(question, line) || builds_with_the_tool(line))
        {
            return true;
        }
    }
    let typed = matches!(question.kind, QuestionKind::Type { .. });
    match statements.list() {
        [] => false,
        [one] if typed => matches!(one.kind, StmtKind::Show(_)),
        _ if typed => false,
        [one] => match &one.kind {
            // A choice is a number: an expression that uses a name or calls
            // something (`gap()`, `n(x)`) is the learner looking around.
            StmtKind::Expr(expr) if matches!(question.kind, QuestionKind::Choose { .. }) => {
                !is_plain_arithmetic(expr)
            }
            // A list or a function is not a number: at a number question
            // it is the learner looking (`n.parameters()`, `list(zip(..))`).
            // A computation that gives a number (`0.1 * w.grad`,
            // `max(abs(g) for g in gs)`) is an answer, graded by its value.
            StmtKind::Expr(expr) => {
                is_action(expr)
                    || (!is_plain_arithmetic(expr)
                        && matches!(question.kind, QuestionKind::Predict { .. })
                        && session
                            .clone()
                            .eval_expr(line.trim().trim_end_matches(';'))
                            .is_ok_and(|value| !is_number(&value)))
            }
            _ => true,
        },
        _ => true,
    }
}

/// True for a statement that only reads state, at any question: a bare
/// name, `x.grad`, `x.data`, `xs[0]`, `show L`, or `print(...)` (a Python
/// learner's way of looking: its value is None, never an answer).
/// Looking is never an answer.
fn only_reads_state(statement: &StmtKind) -> bool {
    match statement {
        StmtKind::Show(_) => true,
        StmtKind::Expr(expr) => is_read(expr) || is_print(expr),
        _ => false,
    }
}

fn is_print(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call { callee, .. }
        if matches!(&callee.kind, ExprKind::Name(name) if name.as_str() == "print"))
}

/// A name, `x.grad`, `xs[0]`, or what a network says of itself and of
/// data (`n.parameters()[0]`, `n.accuracy(d)`, `n.loss(d)`): reading what
/// is there, computing nothing of the learner's.
fn is_read(expr: &Expr) -> bool {
    // Down the chain `n.parameters()[0].data` with a loop: a chain is as
    // long as the learner typed it.
    let mut expr = expr;
    loop {
        match &expr.kind {
            ExprKind::Name(_) => return true,
            ExprKind::Attribute { object, .. } => expr = object,
            ExprKind::Index { object, index }
                if matches!(
                    index.kind,
                    ExprKind::Number(_) | ExprKind::Int(_) | ExprKind::Unary { .. }
                ) =>
            {
                expr = object
            }
            ExprKind::Method { object, name, args }
                if crate::eval::table::NETWORK_METHODS.contains(&name.name.as_str())
                    && args
                        .iter()
                        .all(|arg| arg.keyword.is_none() && is_read(&arg.value)) =>
            {
                expr = object
            }
            _ => return false,
        }
    }
}

/// True when `line` is the expression the question's reveal ends with
/// (spacing aside), and that expression calls something (`n.accuracy(d)`,
/// `n(xs[1])`, `len(n.parameters())`): what the tool will show, asked of
/// the tool. Arithmetic on the lesson's numbers (`(f_nudged - f) / h`) is
/// the learner's own computation, an answer like any other.
fn is_the_reveal(question: &Question, line: &str) -> bool {
    reveal_call(question).is_some_and(|call| call == squeezed(line))
}

/// The last line of the question's reveal (or truth): what the step will
/// show.
fn shown_last(question: &Question) -> Option<String> {
    question
        .reveal
        .as_deref()
        .or(question.truth.as_deref())
        .map(inputs)
        .and_then(|mut lines| lines.pop())
}

/// The expression the question's reveal ends with, squeezed (see
/// [`squeezed`]), when it calls something: the tool's own answer.
fn reveal_call(question: &Question) -> Option<String> {
    let last = shown_last(question)?;
    let calls = parse_statements(&last).is_ok_and(|parsed| {
        matches!(parsed.list(), [one] if matches!(&one.kind,
            StmtKind::Expr(expr) if !is_arithmetic_over_reads(expr)))
    });
    calls.then(|| squeezed(&last))
}

/// `text` without white space or a final `;`: the same expression however
/// it was spaced.
fn squeezed(text: &str) -> String {
    text.trim_end_matches([';', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// True when `line`, at a prediction, contains (as a part, inside
/// arithmetic or a call) what gives the answer: a read of the very
/// quantity asked (`x.grad` at "what is x.grad?"), the call the step will
/// show (`n(xs[1])`, `n.accuracy(d)`), or a name the learner bound to one
/// of them at this question (`derived`: `acc = n.accuracy(d)`); and both
/// that part and the whole give the number the question is about (within
/// its tolerance): `x.grad*1`, `n(xs[1]) + 0`, `round(acc, 2)` read the
/// answer off the tool (findings NEW-1, C9, B32). A computation from the
/// quantity that it does not yet hold (`w.grad + (w*xb - yb)*xb` while
/// w.grad holds the first share) is the learner's own, an answer; so is
/// one from an input whose value happens to be the answer (`f*1` at
/// lesson 3's "what is d.grad?", A122). The part, as typed, when it is so
/// (the read or the call alone is a look of its own: `None`).
pub fn answer_read(
    asked: &Session,
    session: &Session,
    question: &Question,
    line: &str,
    derived: &[String],
) -> Option<String> {
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let StmtKind::Expr(expr) = &one.kind else {
        return None;
    };
    // A read alone is looking already, and told so as every look is; so
    // is the reveal's own call.
    if is_read(expr) || is_the_reveal(question, line) {
        return None;
    }
    answer_part(asked, session, question, line, expr, derived, false)
}

/// The name `line` binds at a prediction to what gives its answer (see
/// [`answer_read`]): `acc` for `acc = n.accuracy(d)` or `acc = 1*x.grad`,
/// so that `acc*1` reads the answer too.
pub fn binds_the_answer(
    asked: &Session,
    session: &Session,
    question: &Question,
    line: &str,
    derived: &[String],
) -> Option<String> {
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let StmtKind::Assign {
        target: Target::Name(name),
        op: AssignOp::Set,
        value,
    } = &one.kind
    else {
        return None;
    };
    answer_part(asked, session, question, line, value, derived, true)?;
    Some(name.name.clone())
}

/// The name `line` binds, at a prediction, to a number the learner
/// computes themselves (`est = (f_nudged - f) / h` at lesson 1's "roughly
/// what number?", finding A226): not a read (`g = x.grad`), not the
/// step's own call or the tool building a network, not an action. The
/// bare name is then an answer, as `est + 0` is; one bound to what gives
/// the answer off the tool is [`binds_the_answer`]'s, and stays a look.
pub fn binds_own_number(session: &Session, question: &Question, line: &str) -> Option<String> {
    if !matches!(question.kind, QuestionKind::Predict { .. }) {
        return None;
    }
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let StmtKind::Assign {
        target: Target::Name(name),
        op: AssignOp::Set,
        value,
    } = &one.kind
    else {
        return None;
    };
    let text = line.get(value.span.start..value.span.end)?;
    if is_read(value) || is_action(value) || is_the_reveal(question, text) {
        return None;
    }
    if builds_with_the_tool(text) {
        return None;
    }
    let value = session.clone().eval_expr(text).ok()?;
    is_number(&value).then(|| name.name.clone())
}

/// The name `line` binds, when it is one plain assignment (`est = ...`).
pub fn bound_name(line: &str) -> Option<String> {
    let parsed = parse_statements(line).ok()?;
    match parsed.list() {
        [one] => match &one.kind {
            StmtKind::Assign {
                target: Target::Name(name),
                ..
            } => Some(name.name.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// True when `line` is one of `names`, alone (`est`, `est;`).
pub fn names_one_of(line: &str, names: &[String]) -> bool {
    let bare = line.trim().trim_end_matches(';').trim_end();
    names.iter().any(|name| name == bare)
}

/// At a prediction whose answer is a gradient (`a.grad` at "what will
/// a.grad be?"), `line` setting that very gradient (`a.grad = -6`,
/// finding A115): it would not answer, only change what the question is
/// about. The value as typed, to tell the learner to type it alone.
pub fn sets_the_asked_gradient(question: &Question, line: &str) -> Option<String> {
    if !matches!(question.kind, QuestionKind::Predict { .. }) {
        return None;
    }
    let asked_for = shown_last(question).and_then(|last| read_quantity(&last))?;
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let StmtKind::Assign {
        target: Target::Attribute { object, attr },
        op: AssignOp::Set,
        value,
    } = &one.kind
    else {
        return None;
    };
    let target = line.get(object.span.start..attr.span.end)?;
    (attr.name == "grad" && read_quantity(target).as_ref() == Some(&asked_for)).then(|| {
        line.get(value.span.start..value.span.end)
            .map(str::to_string)
    })?
}

/// The first part of `expr` (itself too, with `whole`) that gives the
/// answer of `question` (see [`answer_read`]), as typed in `line`, when
/// it and `expr` both give the number the question is about.
fn answer_part(
    asked: &Session,
    session: &Session,
    question: &Question,
    line: &str,
    expr: &Expr,
    derived: &[String],
    whole: bool,
) -> Option<String> {
    let QuestionKind::Predict {
        answer: expected,
        tolerance,
    } = &question.kind
    else {
        return None;
    };
    // Where reading it off the tool is the exercise, a read is the answer.
    if question.answer_readable.is_some() {
        return None;
    }
    let asked_for = shown_last(question).and_then(|last| read_quantity(&last));
    let call = reveal_call(question);
    let text = |part: &Expr| &line[part.span.start..part.span.end];
    // The node the step's call will show (`n(xs[1])`): a read bound to
    // the same formula (`ypred[1]`, the same network on the same point)
    // is that quantity too.
    let mut scratch = session.clone();
    let shown = match (&call, shown_last(question)) {
        (Some(_), Some(last)) => match scratch.eval_expr(last.trim().trim_end_matches(';')) {
            Ok(Value::Node(id)) => Some(id),
            _ => None,
        },
        _ => None,
    };
    let mut parts = Vec::new();
    collect_parts(expr, whole, &mut parts);
    let mut candidates = Vec::new();
    for part in parts {
        let gives_it = matches!(&part.kind, ExprKind::Name(name) if derived.contains(name))
            || asked_for.is_some() && read_quantity(text(part)) == asked_for
            || call
                .as_ref()
                .is_some_and(|call| *call == squeezed(text(part)))
            || shown.is_some_and(|want| {
                is_read(part)
                    && matches!(scratch.eval_expr(text(part)), Ok(Value::Node(got))
                        if compare_formulas(&mut scratch.graph, got, want) == Verdict::Right)
            });
        if gives_it {
            candidates.push(text(part));
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let truth = true_number(asked, question, expected).ok()?;
    let near = |text: &str| {
        number_of(&mut session.clone(), text.trim().trim_end_matches(';'))
            .is_ok_and(|value| within(value, truth, *tolerance))
    };
    let part = candidates.into_iter().find(|part| near(part))?;
    near(text(expr)).then(|| without_brackets(part).to_string())
}

/// Every part of `expr` (with `whole`, `expr` too), outermost first, not
/// looking inside a `lambda` (its names are its own). A walk with its own
/// stack: a learner's `1+1+…+1` is as deep as it is long.
fn collect_parts<'e>(expr: &'e Expr, whole: bool, parts: &mut Vec<&'e Expr>) {
    let mut todo: Vec<&Expr> = vec![expr];
    let mut first = true;
    while let Some(expr) = todo.pop() {
        if whole || !first {
            parts.push(expr);
        }
        first = false;
        let args = |args: &'e [crate::syntax::ast::Arg]| args.iter().map(|arg| &arg.value);
        match &expr.kind {
            ExprKind::List(items) | ExprKind::Tuple(items) => todo.extend(items.iter().rev()),
            ExprKind::Unary { operand, .. } => todo.push(operand),
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Logical { lhs, rhs, .. } => {
                todo.extend([&**rhs, &**lhs])
            }
            ExprKind::Compare { first, rest } => {
                todo.extend(rest.iter().rev().map(|(_, e)| e));
                todo.push(first);
            }
            ExprKind::IfElse {
                condition,
                then,
                otherwise,
            } => todo.extend([&**otherwise, &**condition, &**then]),
            ExprKind::Comprehension {
                element, clauses, ..
            } => {
                for clause in clauses.iter().rev() {
                    todo.extend(clause.conditions.iter().rev());
                    todo.push(&clause.iter);
                }
                todo.push(element);
            }
            ExprKind::Call { callee, args: a } => {
                todo.extend(args(a).rev());
                todo.push(callee);
            }
            ExprKind::Method {
                object, args: a, ..
            } => {
                todo.extend(args(a).rev());
                todo.push(object);
            }
            ExprKind::Attribute { object, .. } => todo.push(object),
            ExprKind::Index { object, index } => todo.extend([&**index, &**object]),
            ExprKind::Lambda { .. }
            | ExprKind::Number(_)
            | ExprKind::Int(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Name(_) => {}
        }
    }
}

/// The quantity `text` reads, spelled one way: `x.grad` for `x.grad`,
/// `w` for `w` and for `w.data` (a node's value is its data); `None` when
/// `text` is not one read.
fn read_quantity(text: &str) -> Option<String> {
    let parsed = parse_statements(text).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let StmtKind::Expr(expr) = &one.kind else {
        return None;
    };
    if !is_read(expr) {
        return None;
    }
    let squeezed: String = without_brackets(text.trim().trim_end_matches(';'))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(
        squeezed
            .strip_suffix(".data")
            .map_or(squeezed.clone(), str::to_string),
    )
}

/// `text` without the brackets around all of it: `(x.grad)` is `x.grad`.
fn without_brackets(text: &str) -> &str {
    let mut text = text.trim();
    while let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        text = inner.trim();
    }
    text
}

/// True when `line` builds a network or a data set (`MLP(2, [8, 1])`,
/// `moons(100)`): at a prediction that is the tool answering, as
/// `len(MLP(2, [8, 1]).parameters())` at "how many parameters does
/// MLP(2, [8, 1]) have?" was. Numbers (`Value(2)`) are not counted: they
/// are the learner's own arithmetic. Read off the text, as a name
/// followed by `(`.
fn builds_with_the_tool(line: &str) -> bool {
    use crate::eval::table::{Kind, BUILTINS};
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    BUILTINS
        .iter()
        .filter(|b| b.kind == Kind::Constructor && b.name != "Value")
        .any(|maker| {
            line.match_indices(maker.name).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + maker.name.len()..].trim_start();
                !before.is_some_and(identifier) && after.starts_with('(')
            })
        })
}

/// True when the question's own answer is itself a plain read (`g = e`):
/// then a read typed at it is an answer, not a look.
fn answer_only_reads(question: &Question) -> bool {
    let QuestionKind::Type { answer } = &question.kind else {
        return false;
    };
    split_statement(answer)
        .ok()
        .and_then(|statement| parse_statements(statement.expression).ok())
        .is_some_and(|parsed| matches!(parsed.list(), [one] if only_reads_state(&one.kind)))
}

/// True for arithmetic on number literals only (`2`, `-1`, `2*3`).
fn is_plain_arithmetic(expr: &Expr) -> bool {
    is_arithmetic_over(expr, &|_| false)
}

/// Numbers and reads (`x.data`, `xs[0]`) combined by operators only.
fn is_arithmetic_over_reads(expr: &Expr) -> bool {
    is_arithmetic_over(expr, &is_read)
}

/// Number literals, and what `operand` accepts, combined by operators
/// only. A walk with its own stack: a learner's `1+1+…+1` is as deep as
/// it is long.
fn is_arithmetic_over(expr: &Expr, operand: &dyn Fn(&Expr) -> bool) -> bool {
    let mut todo = vec![expr];
    while let Some(expr) = todo.pop() {
        match &expr.kind {
            ExprKind::Number(_) | ExprKind::Int(_) => {}
            ExprKind::Unary { operand: inner, .. } => todo.push(inner),
            ExprKind::Binary { lhs, rhs, .. } => todo.extend([&**lhs, &**rhs]),
            _ if operand(expr) => {}
            _ => return false,
        }
    }
    true
}

fn is_action(expr: &Expr) -> bool {
    let name = match &expr.kind {
        ExprKind::Method { name, .. } => name.name.as_str(),
        ExprKind::Call { callee, .. } => match &callee.kind {
            ExprKind::Name(name) => name.as_str(),
            _ => return false,
        },
        _ => return false,
    };
    // The graph actions that, called alone on a line, are a statement
    // rather than a value (`L.backward()`, `L.show()`, `train(n, d)`), as
    // the built-ins table marks them.
    crate::eval::table::is_action(name)
}

/// The shape of block a `type` question asks for (`None`: a formula, or
/// not a `type` question).
pub fn block_shape(question: &Question) -> Option<block::Shape> {
    match &question.kind {
        QuestionKind::Type { answer } => block::shape(answer),
        _ => None,
    }
}

/// The expected answer of a `type` question that asks for one statement
/// (not a loop or a `def` block), which the statement-question rules read.
fn statement_answer(question: &Question) -> Option<&String> {
    match &question.kind {
        QuestionKind::Type { answer } if block_shape(question).is_none() => Some(answer),
        _ => None,
    }
}

/// The statement to run in the lesson's session once `answer` was judged
/// right: the learner's own, bound to the expected name when they typed
/// only the expression (a block answer runs as typed).
pub fn statement_to_run(question: &Question, answer: &str) -> Option<String> {
    let QuestionKind::Type { answer: expected } = &question.kind else {
        return None;
    };
    if block_shape(question).is_some() {
        return Some(
            answer
                .trim_start_matches(['\n', '\r'])
                .trim_end()
                .to_string(),
        );
    }
    let target = split_statement(expected).ok()?.target;
    match (target, split_statement(answer).ok()?.target) {
        (Some(name), None) => Some(format!("{name} = {}", answer.trim())),
        _ => Some(answer.trim().to_string()),
    }
}

fn judge_formula(session: &Session, expected: &str, answer: &str) -> Result<Verdict, String> {
    let expected = split_statement(expected).map_err(|e| {
        format!(
            "the expected answer `{expected}` is not valid: {}",
            e.message
        )
    })?;
    let given = match split_statement(answer) {
        Ok(given) => given,
        Err(error) => return Ok(Verdict::Unreadable(error)),
    };
    let misnamed = match (expected.target, given.target) {
        (Some(want), Some(got)) if want != got => Some((want, got)),
        _ => None,
    };
    if let Some((want, got)) = misnamed {
        return Ok(misnamed_verdict(
            session,
            &expected,
            &given,
            answer,
            (want, got),
        ));
    }
    let mut scratch = session.clone();
    let want = match scratch.eval_expr(expected.expression) {
        Ok(Value::Node(id)) => id,
        Ok(other) => {
            return Err(format!(
                "the expected answer is {}, not a number",
                other.kind()
            ))
        }
        Err(e) => {
            return Err(format!(
                "the expected answer does not evaluate: {}",
                e.message
            ))
        }
    };
    let got = match scratch.eval_expr(given.expression) {
        Ok(Value::Node(id)) => id,
        Ok(other) => {
            let span = Span::new(given.offset, given.offset + given.expression.len());
            return Ok(Verdict::Unreadable(problem(
                &not_a_formula(expected.target, &other),
                span,
            )));
        }
        Err(mut error) => {
            error.span.start += given.offset;
            error.span.end += given.offset;
            if let Some(name) = expected.target {
                if error.message == format!("`{name}` is not defined") {
                    error.help = Some(asked_name_help(name));
                }
            }
            return Ok(Verdict::Unreadable(error));
        }
    };
    Ok(compare_formulas(&mut scratch.graph, got, want))
}

/// What a learner is told who reads the name a `type` question asks them
/// to define before it is bound (finding C202: `o = o.tanh()` after a
/// wrong `o = neuron(...)`, which was not kept, was "`o` is not defined /
/// did you mean `b`?"; A221: `f` alone at "Define f").
pub fn asked_name_help(name: &str) -> String {
    format!(
        "`{name}` is the name this question asks you to define, and only a right answer \
         binds it (a wrong one is not kept): type the whole line, `{name} = ...`"
    )
}

/// The name a `type` question asks to bind, when `line` reads it while
/// the session has no such name (see [`asked_name_help`]).
pub fn reads_the_unbound_asked_name(
    session: &Session,
    question: &Question,
    line: &str,
) -> Option<String> {
    let answer = statement_answer(question)?;
    let name = split_statement(answer).ok()?.target?;
    if session.lookup(name).is_some() {
        return None;
    }
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    let expr = match &one.kind {
        StmtKind::Expr(expr) | StmtKind::Show(expr) => expr,
        _ => return None,
    };
    let mut parts = Vec::new();
    collect_parts(expr, true, &mut parts);
    parts
        .iter()
        .any(|part| matches!(&part.kind, ExprKind::Name(read) if read == name))
        .then(|| name.to_string())
}

/// A bare number (`0.659`) typed where a binding of a formula is asked
/// (`q1 = exp(z1) / total`, finding B204): judged wrong (a number is not
/// a formula), but at the prompt it is a statement not yet written, told
/// what the question wants (and that the number is right, when it is the
/// formula's value) without a try: the error to show. So is that number,
/// rounded as the lesson shows it, bound to the asked name (`q1 = 0.659`,
/// finding C302: it was "not the value we are after"). `None` when the
/// answer uses a name or is not a finite number, or the asked formula is
/// itself only a number.
pub fn number_for_a_binding(
    session: &Session,
    question: &Question,
    line: &str,
) -> Option<EvalError> {
    let answer = statement_answer(question)?;
    let expected = split_statement(answer).ok()?;
    let name = expected.target?;
    let given = split_statement(line).ok()?;
    // `q1 = 0.659`: that number, bound to the asked name (finding C302).
    let binds_it = given.target == Some(name);
    if given.target.is_some() && !binds_it {
        return None;
    }
    let plain = |text: &str| {
        parse_statements(text).is_ok_and(|parsed| {
            matches!(parsed.list(), [one] if matches!(&one.kind,
                StmtKind::Expr(expr) if is_plain_arithmetic(expr)))
        })
    };
    if !plain(given.expression) || plain(expected.expression) {
        return None;
    }
    let mut scratch = session.clone();
    let want = number_of(&mut scratch, expected.expression).ok()?;
    // `0/0` is not a value a formula could have here: judged as typed.
    let typed = number_of(&mut scratch, given.expression)
        .ok()
        .filter(|typed| typed.is_finite())?;
    let names = names_in(session, expected.expression);
    let follows = match names.is_empty() {
        true => String::new(),
        false => format!(
            ", so that {name} changes when {} {}",
            and_list(&names),
            if names.len() == 1 { "does" } else { "do" }
        ),
    };
    let span = Span::new(given.offset, given.offset + given.expression.len());
    let mut error = problem(
        &format!("this question asks for the statement `{name} = ...`: a formula{follows}"),
        span,
    );
    let rounding = rounding_of(given.expression).unwrap_or(0.0);
    // Bound to the asked name, only the value rounded as shown is told so
    // here: the exact value is "right for now, but not the same formula",
    // and a wrong one is graded (a listed mistake has its hint).
    if binds_it && (super::meaning::close(typed, want) || !within(typed, want, rounding)) {
        return None;
    }
    error.help = Some(match within(typed, want, rounding) {
        true => format!(
            "{} is {name}'s value; now bind the formula that gives it: {name} = ...",
            given.expression.trim()
        ),
        false => format!("write {name} = and the formula that makes it"),
    });
    Some(error)
}

/// The names of the session that `expression` reads, each once, in the
/// order they are written.
fn names_in(session: &Session, expression: &str) -> Vec<String> {
    let Ok(parsed) = parse_statements(expression) else {
        return Vec::new();
    };
    let [one] = parsed.list() else {
        return Vec::new();
    };
    let StmtKind::Expr(expr) = &one.kind else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    collect_parts(expr, true, &mut parts);
    let mut names: Vec<String> = Vec::new();
    for part in parts {
        if let ExprKind::Name(name) = &part.kind {
            if session.lookup(name).is_some() && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A formula bound to another name than the one asked. A right formula
/// under the wrong name is a naming slip: the learner is told to rename
/// it, and the try does not count (no hint aimed at a formula that is
/// right); any other is wrong, as before.
fn misnamed_verdict(
    session: &Session,
    expected: &Statement,
    given: &Statement,
    answer: &str,
    (want, got): (&str, &str),
) -> Verdict {
    let message = format!("this question asks you to define `{want}`, not `{got}`");
    let mut scratch = session.clone();
    let same = match (
        scratch.eval_expr(expected.expression),
        scratch.eval_expr(given.expression),
    ) {
        (Ok(Value::Node(want_id)), Ok(Value::Node(got_id))) => {
            matches!(
                compare_formulas(&mut scratch.graph, got_id, want_id),
                Verdict::Right
            )
        }
        _ => false,
    };
    // The statement starts with the name it binds.
    let start = answer.len() - answer.trim_start().len();
    let name_span = Span::new(start, start + got.len());
    if !same {
        // The lesson's own setup retyped (`x = 3.0` where x is 3.0): not a
        // wrong formula, a learner finding their feet.
        let number = given.expression.trim().parse::<f64>().ok();
        let holds = session.node(got).map(|id| session.graph.value(id));
        if let (Some(number), Some(holds)) = (number, holds) {
            if number == holds {
                let mut error = problem(&message, name_span);
                error.help = Some(format!(
                    "`{got}` is {} already: the lesson set it; now define `{want}`",
                    number::for_the_eye(holds)
                ));
                return Verdict::Unreadable(error);
            }
        }
        return Verdict::Wrong(message);
    }
    let mut error = problem(&message, name_span);
    error.help = Some(format!(
        "the formula is right: bind it to `{want}`: {want} = {}",
        given.expression.trim()
    ));
    Verdict::Unreadable(error)
}

/// A helper a learner binds on the way to a `type` answer (see
/// [`helper_at_statement`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Helper {
    /// The name it binds (`errs`).
    pub name: String,
    /// The name the question asks for (`loss`).
    pub want: String,
    /// When it is the asked formula under its own name (`myloss = ...`
    /// for `loss = ...`): the error that says to rename it.
    pub rename: Option<EvalError>,
}

/// At a `type` question that asks to bind `want` (`loss = ...`), `line`
/// binding a new name instead (`errs = [yout - ygt for ...]`, finding
/// C30): a helper on the way to the answer, typed on its own line as a
/// learner builds a formula in two lines. It is neither graded nor put
/// back: it runs, stays bound, and the question waits for `want`. So does
/// the asked formula under another name (`myloss = ...`, `prod = a*b`:
/// told to rename it, and `loss = myloss` is then right), and a name a
/// later step of the lesson binds (`step = w*x - y`: that step just
/// rebinds it; findings B220, C224, A224, A227). Not a name the session
/// has (`e = a*b + 0` rebinds a node the question is about) or a
/// built-in's. At a question that asks for a `def`, likewise a `def` of
/// a new name (`def unit(xs, ws, b):` where `layer` is asked, finding
/// D304), which the asked function may then call.
pub fn helper_at_statement(session: &Session, question: &Question, line: &str) -> Option<Helper> {
    let new_name =
        |name: &str| session.lookup(name).is_none() && !crate::eval::table::is_function(name);
    if let Some(block::Shape::Def(want)) = block_shape(question) {
        let Some(block::Shape::Def(got)) = block::shape(line) else {
            return None;
        };
        return (got != want && new_name(&got)).then_some(Helper {
            name: got,
            want,
            rename: None,
        });
    }
    let answer = statement_answer(question)?;
    let expected = split_statement(answer).ok()?;
    let want = expected.target?;
    let given = split_statement(line).ok()?;
    let got = given.target?;
    if got == want || !new_name(got) {
        return None;
    }
    let rename = match misnamed_verdict(session, &expected, &given, line, (want, got)) {
        Verdict::Unreadable(error) => Some(error),
        _ => None,
    };
    Some(Helper {
        name: got.to_string(),
        want: want.to_string(),
        rename,
    })
}

/// At a `type` question that asks for a formula, a line that is one graph
/// action (`x.backward()`, `L.zero_grad()`, finding A61): neither an answer
/// nor a look. It does not run, costs no try, and the learner is told what
/// the question wants, which this returns (`None` for anything else, and
/// where the question's own answer is such an action).
pub fn action_at_statement(question: &Question, line: &str) -> Option<String> {
    let answer = statement_answer(question)?;
    let is_one_action = |text: &str| {
        parse_statements(text.trim()).is_ok_and(|parsed| {
            matches!(parsed.list(), [one] if matches!(&one.kind,
                StmtKind::Expr(expr) if is_action(expr)))
        })
    };
    if !is_one_action(line) || is_one_action(answer) {
        return None;
    }
    let expected = split_statement(answer).ok()?;
    Some(wanted_formula(expected.target))
}

/// `error`, raised by `answer` at a question, with help the learner can
/// follow there (finding B10): `math.log(p)` was told "write `import math`
/// first", and a question takes an answer, not an import (which would cut
/// the graph anyway). Where every `math.` in the answer calls a function
/// that is built in here, the help is the answer without `math.`.
pub fn followable_at_a_question(mut error: EvalError, answer: &str) -> EvalError {
    const MODULE: &str = "math";
    if error.message != format!("`{MODULE}` is not defined") {
        return error;
    }
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    let mut rewritten = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut rest = answer.trim();
    let mut all_built_in = true;
    while let Some(at) = rest.find("math.") {
        let before = rest[..at].chars().next_back();
        rewritten.push_str(&rest[..at]);
        let after = &rest[at + MODULE.len() + 1..];
        if before.is_some_and(identifier) {
            rewritten.push_str(MODULE);
            rest = &rest[at + MODULE.len()..];
            continue;
        }
        let name: String = after.chars().take_while(|&c| identifier(c)).collect();
        let called = after[name.len()..].trim_start().starts_with('(');
        if called && crate::eval::table::function(&name).is_some() {
            if !names.contains(&name) {
                names.push(name);
            }
        } else {
            all_built_in = false;
        }
        rest = after;
    }
    rewritten.push_str(rest);
    error.help = Some(match names.first() {
        Some(name) if all_built_in => format!(
            "{name} is a built-in here, and keeps the graph (math's functions take plain \
             numbers only): type {rewritten}"
        ),
        _ => "a question takes an answer, not `import math`; math's functions take plain \
              numbers only, and exp, log, tanh and sqrt are built in here: log(p)"
            .to_string(),
    });
    error
}

/// The hint of a formula mistake `answer` makes at a prediction even where
/// its number is right: lesson 5's `o**2`, the "1 −" of tanh's slope
/// forgotten, gives 0.5 because o = 1/√2 makes o² = 1 − o² (finding
/// A113). A listed mistake written as a formula matches when the two
/// formulas mean the same at random points too, so only the coincidence
/// at the lesson's numbers is told apart, never a right formula.
fn formula_mistake(session: &Session, question: &Question, answer: &str) -> Option<String> {
    if !matches!(question.kind, QuestionKind::Predict { .. }) || is_plain_number(answer) {
        return None;
    }
    question
        .mistakes
        .iter()
        .filter(|mistake| !is_plain_number(&mistake.answer))
        .find(|mistake| same_formula(session, answer, &mistake.answer))
        .map(|mistake| mistake.hint.clone())
}

/// True when the expressions `answer` and `formula` mean the same: equal
/// values and gradients at the session's numbers and at random points
/// near them, as formula answers are compared.
pub fn same_formula(session: &Session, answer: &str, formula: &str) -> bool {
    let mut scratch = session.clone();
    matches!(
        (
            scratch.eval_expr(answer.trim()),
            scratch.eval_expr(formula.trim()),
        ),
        (Ok(Value::Node(got)), Ok(Value::Node(want)))
            if compare_formulas(&mut scratch.graph, got, want) == Verdict::Right
    )
}

/// True when `answer` is a formula over the session's names (`b + d`),
/// not a number or arithmetic over numbers alone (`3 + -6`).
pub fn reads_names(session: &Session, answer: &str) -> bool {
    let mut scratch = session.clone();
    let before = scratch.graph.len();
    match scratch.eval_expr(answer.trim()) {
        Ok(Value::Node(root)) => scratch
            .graph
            .subgraph(root)
            .iter()
            .any(|id| id.index() < before),
        _ => false,
    }
}

/// `0.5`, `-3`, `1e-3`: an answer that is only a number.
fn is_plain_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok()
}

/// What a `type` question asks for, as a clause.
fn wanted_formula(target: Option<&str>) -> String {
    match target {
        Some(name) => format!("this question asks for a formula bound to {name} (`{name} = ...`)"),
        None => "this question asks for a formula".to_string(),
    }
}

/// What a `type` question is told when the answer is not a formula: what
/// the question wants, and what the answer is instead.
fn not_a_formula(target: Option<&str>, given: &Value) -> String {
    let wanted = wanted_formula(target);
    let given = match given {
        // `L.backward()` typed where `L = ...` is asked.
        Value::Unit => "an action, which gives no value",
        other => other.kind(),
    };
    format!("{wanted}, but this is {given}")
}

/// Value and gradients of `got` against `want`, at the current point and at
/// random points near it.
fn compare_formulas(graph: &mut Graph, got: NodeId, want: NodeId) -> Verdict {
    let leaves = free_leaves(graph, &[got, want]);
    match compare_pairs(graph, &[(got, want)], &leaves) {
        Ok(()) => Verdict::Right,
        Err(why) => Verdict::Wrong(why),
    }
}

/// True when `line` runs a statement of the step's own code (its `reveal`
/// or `truth`) before the expression it shows: `r5.backward()` at "after
/// r5.backward(), what will x.grad be?", or the step's `train(...)` call
/// with its arguments in any order. A call counts by what it calls. After
/// that, a number right only where the learner's lines left the session
/// was read off the tool doing the step, not predicted (finding B227).
pub fn runs_the_steps_code(question: &Question, line: &str) -> bool {
    let Some(code) = question.reveal.as_ref().or(question.truth.as_ref()) else {
        return false;
    };
    let key = |statement: &str| {
        let squeezed: String = statement.chars().filter(|c| !c.is_whitespace()).collect();
        match squeezed.find('(') {
            Some(open) if squeezed.ends_with(')') && open > 0 => squeezed[..=open].to_string(),
            _ => squeezed,
        }
    };
    let mut steps: Vec<String> = inputs(code)
        .iter()
        .flat_map(|input| input.split(';').map(key).collect::<Vec<_>>())
        .filter(|statement| !statement.is_empty())
        .collect();
    steps.pop();
    line.split(';').map(key).any(|typed| steps.contains(&typed))
}

/// True when `session`, as the learner's lines left it, shows the answer
/// of the prediction `question` (asked in `asked`): what the step will
/// show (its reveal's or truth's last input, alone) reads, there, the
/// number the question is about. Then the tool did the step for the
/// learner (finding B227), and a number right only there was read off
/// it. After `:zero; loss.backward()` at lesson 8's "forgetting to zero,
/// what will w.grad be?", w.grad shows -3.2, not the -7.2 asked: the
/// learner's `w.grad + -4` is their own sum, right on screen (finding
/// B318). True too when the last input is not a number to read here
/// (nothing tells the two apart: judged as asked, as before).
pub fn shows_the_answer(asked: &Session, session: &Session, question: &Question) -> bool {
    let QuestionKind::Predict {
        answer: expected,
        tolerance,
    } = &question.kind
    else {
        return false;
    };
    let Ok(truth) = true_number(asked, question, expected) else {
        return true;
    };
    let Some(last) = shown_last(question) else {
        return true;
    };
    let Ok(Statement {
        target: None,
        expression,
        ..
    }) = split_statement(&last)
    else {
        return true;
    };
    number_of(
        &mut session.clone(),
        expression.trim().trim_end_matches(';'),
    )
    .map_or(true, |shown| within(shown, truth, *tolerance))
}

/// The inputs of `code`, read as a file is read: one per simple line, one
/// per compound statement (`for`, `def`, ...) with its indented body.
pub fn inputs(code: &str) -> Vec<String> {
    let mut assembler = Assembler::new(Mode::File);
    let mut chunks = Vec::new();
    for line in code.lines() {
        chunks.extend(assembler.push_line(line));
    }
    chunks.extend(assembler.finish());
    chunks
        .into_iter()
        .map(|chunk| chunk.text)
        .filter(|text| !text.trim().is_empty())
        .collect()
}

/// The number a `predict` question is about: the value of the last input of
/// `reveal` (a line, or a block with its body), or of `truth` (the same,
/// never shown), when it is an expression (what the tool will show), else
/// the author's answer.
pub fn true_number(session: &Session, question: &Question, expected: &str) -> Result<f64, String> {
    let mut scratch = session.clone();
    if let Some(reveal) = question.reveal.as_ref().or(question.truth.as_ref()) {
        let lines = inputs(reveal);
        if let Some((last, before)) = lines.split_last() {
            for line in before {
                run_training(&mut scratch, line)
                    .map_err(|e| format!("reveal line `{line}` fails: {}", e.message))?;
            }
            if let Ok(Statement {
                target: None,
                expression,
                ..
            }) = split_statement(last)
            {
                return number_of(&mut scratch, expression)
                    .map_err(|e| format!("reveal line `{last}` fails: {}", e.message));
            }
        }
    }
    number_of(&mut session.clone(), expected).map_err(|e| {
        format!(
            "the expected answer `{expected}` does not evaluate: {}",
            e.message
        )
    })
}

/// Runs `line` in `session` as the console would, a statement at a time,
/// carrying out each `train(...)` (quietly) before the next statement: a
/// reveal that trains and then reads a loss reads the trained one.
fn run_training(session: &mut Session, line: &str) -> Result<(), EvalError> {
    // A collecting sink carries out `train(...)` quietly as it runs.
    session.run(line, &mut Vec::new())
}

/// True for a value that is a number: a node, a float or an int (a
/// boolean or a list is not).
fn is_number(value: &Value) -> bool {
    matches!(value, Value::Node(_) | Value::Number(_) | Value::Int(_))
}

/// The number `value` is, if it is one: a node's value, a float or an
/// int (a boolean or a list is not a number).
fn number_in(graph: &Graph, value: &Value) -> Option<f64> {
    match value {
        Value::Node(id) => Some(graph.value(*id)),
        Value::Number(x) => Some(*x),
        Value::Int(n) => Some(*n as f64),
        _ => None,
    }
}

fn number_of(session: &mut Session, expression: &str) -> Result<f64, EvalError> {
    let value = session.eval_expr(expression)?;
    match number_in(&session.graph, &value) {
        Some(number) => Ok(number),
        None => Err(problem(
            &format!("expected a number, but this is {}", value.kind()),
            Span::new(0, expression.len().max(1)),
        )),
    }
}

/// True when every input of `code` only shows something: an expression
/// that is not a graph action (`x.grad`, `n(x)`, `mlp(x)`) or a `show`.
/// A choose question whose reveal is only that asks about what the
/// session already holds: typing the reveal at the question answers it.
pub fn only_shows(code: &str) -> bool {
    let lines = inputs(code);
    !lines.is_empty()
        && lines.iter().all(|line| {
            parse_statements(line).is_ok_and(|parsed| {
                parsed.list().iter().all(|statement| match &statement.kind {
                    StmtKind::Show(_) => true,
                    StmtKind::Expr(expr) => !is_action(expr),
                    _ => false,
                })
            })
        })
}

/// What `line` shows when a learner types it in `session`, if it only
/// reads state (a name, `x.grad`, `x.data`, `xs[0]`, what a network says
/// of itself) and gives a number: the value a look at the question would
/// show. `None` for anything that computes, and for a gradient no
/// backward pass has reached (it reads 0 and says it is not computed).
pub fn read_now(session: &Session, line: &str) -> Option<f64> {
    let line = line.trim().trim_end_matches(';');
    let parsed = parse_statements(line).ok()?;
    let [one] = parsed.list() else {
        return None;
    };
    if !matches!(&one.kind, StmtKind::Expr(expr) if is_read(expr)) {
        return None;
    }
    if unset_gradient_read(session, line).is_some() {
        return None;
    }
    number_of(&mut session.clone(), line).ok()
}

/// True when `line`, typed at a prediction, only reads a value (a name,
/// `x.grad`, `xs[0]`): a look, never an answer. The learner who typed `f`
/// at lesson 3's "what is d.grad?" has likely worked the answer out and
/// is told to type it as a number (finding A104). Whatever the value
/// shows: a line said only when the value is the answer would tell the
/// answer of every prediction to a learner who reads names one by one
/// (findings B315, C309).
pub fn is_a_look_at_a_value(question: &Question, line: &str) -> bool {
    if !matches!(question.kind, QuestionKind::Predict { .. }) {
        return false;
    }
    let Ok(parsed) = parse_statements(line) else {
        return false;
    };
    matches!(parsed.list(), [one] if matches!(&one.kind, StmtKind::Expr(expr) if is_read(expr)))
}

/// The first `x.grad` that `answer` reads while no backward pass has
/// reached `x` (its gradient is 0 only because nothing has computed it
/// yet), as an error pointing at it that says so. A wrong prediction such
/// as `f*L.grad` before any backward() is told this rather than "too
/// high": its chain rule may be right, and L.grad will be 1.
pub fn unset_gradient_read(session: &Session, typed: &str) -> Option<EvalError> {
    let (read, whole) = gradient_read_where(typed, |object| {
        grad_state_of(session, object) == Some(GradState::Unset)
    })?;
    Some(
        problem(
            &format!("`{read}` reads 0 only because backward() has not run yet"),
            whole,
        )
        .with_help(format!(
            "the question asks what it will be: type the number you expect in place of {read}"
        )),
    )
}

/// The first `x.grad` that `answer` reads which no backward pass had
/// reached when the question was asked (in `asked`), but the learner's
/// own backward pass has filled since (in `session`): `r1.grad*1` after
/// the learner ran lesson 10's `r5.backward()` (finding B305). Answers
/// are judged as the question found the session, where it reads 0;
/// "backward() has not run yet" would contradict the 1.0 the learner
/// sees, so the runner says why instead.
pub fn gradient_filled_since(asked: &Session, session: &Session, typed: &str) -> Option<String> {
    let (read, _) = gradient_read_where(typed, |object| {
        grad_state_of(asked, object) == Some(GradState::Unset)
            && grad_state_of(session, object).is_some_and(|state| state != GradState::Unset)
    })?;
    Some(read)
}

/// Where a node `object` (its text) stands in `session`'s backward pass.
fn grad_state_of(session: &Session, object: &str) -> Option<GradState> {
    let mut scratch = session.clone();
    match scratch.eval_expr(object) {
        Ok(Value::Node(id)) => Some(scratch.graph.grad_state(id)),
        _ => None,
    }
}

/// The first `x.grad` read in the expression `typed` whose object's text
/// passes `test`: the read as typed, and its span in `typed`.
fn gradient_read_where(typed: &str, test: impl Fn(&str) -> bool) -> Option<(String, Span)> {
    let answer = typed.trim_start();
    let leading = typed.len() - answer.len();
    let parsed = parse_statements(answer).ok()?;
    let [statement] = parsed.list() else {
        return None;
    };
    let StmtKind::Expr(expr) = &statement.kind else {
        return None;
    };
    let mut reads = Vec::new();
    gradient_reads(expr, &mut reads);
    reads.into_iter().find_map(|(object, whole)| {
        test(&answer[object.start..object.end]).then(|| {
            (
                answer[whole.start..whole.end].to_string(),
                Span::new(whole.start + leading, whole.end + leading),
            )
        })
    })
}

/// The spans of every `x.grad` in `expr` (the object's and the whole
/// read's), leftmost first, outside comprehensions and lambdas (whose
/// names mean nothing on their own).
fn gradient_reads(expr: &Expr, reads: &mut Vec<(Span, Span)>) {
    // A stack, not recursion: a 50,000-term sum typed as an answer is a
    // tree that deep, and a thread's stack is not (tests/stack_safety.rs).
    let mut pending = vec![expr];
    while let Some(expr) = pending.pop() {
        match &expr.kind {
            ExprKind::Attribute { object, name } if name.name == "grad" => {
                reads.push((object.span, expr.span));
            }
            ExprKind::Attribute { object, .. } => pending.push(object),
            ExprKind::Unary { operand, .. } => pending.push(operand),
            ExprKind::Binary { lhs, rhs, .. } => {
                pending.push(rhs);
                pending.push(lhs);
            }
            ExprKind::Call { args, .. } => pending.extend(args.iter().rev().map(|arg| &arg.value)),
            ExprKind::Method { object, args, .. } => {
                pending.extend(args.iter().rev().map(|arg| &arg.value));
                pending.push(object);
            }
            _ => {}
        }
    }
}

/// What a number of the right size but the wrong sign is told. A hint
/// aimed at that very number (a mistake the lesson lists) may know better:
/// then the runner says only that it is not it.
pub const SIGN_ONLY: &str = "the size is right, but look at the sign";

/// What a number just outside the window is told (finding A225: -7.285
/// for -7.286496 "three decimals are enough"), when no listed mistake
/// says more: a slip in the last digits, no try spent.
pub const CLOSE: &str = "close, but not within the question's precision";

/// Judges a number `answer` against `truth`, and against the answer the
/// step states (`stated`, -0.084 for a truth of -0.0839514, when it is
/// itself within the tolerance of the truth): right within the question's
/// tolerance of either, the same on both sides of what the learner is
/// shown (finding B219), or as the truth rounded to the
/// digits typed (see [`rounding_of`]). Within three times the tolerance,
/// it is [`CLOSE`].
fn judge_number(
    session: &Session,
    (truth, stated): (f64, Option<f64>),
    tolerance: f64,
    answer: &str,
) -> Verdict {
    // A scratch copy: `3*2` or `-2*3` are fine answers, but evaluating them
    // must not leave nodes behind in the lesson's graph.
    let given = match number_of(&mut session.clone(), answer.trim().trim_end_matches(';')) {
        Ok(given) => given,
        Err(mut error) => {
            let leading = answer.len() - answer.trim_start().len();
            error.span.start += leading;
            error.span.end += leading;
            match number_then_words(answer) {
                // `33 parameters`, `0.9 (54 of 60)`: the number is the answer
                // (the usual help, `33*parameters`, would be nonsense here).
                Some(number) => {
                    error.help = Some(format!(
                        "type just the number, {number}: the words after it are not needed"
                    ))
                }
                None => {
                    error
                        .help
                        .get_or_insert_with(|| "type just a number, like 14 or -2.5".into());
                }
            }
            return Verdict::Unreadable(error);
        }
    };
    let truth = as_shown(truth);
    // A stated answer the truth does not bear out is the lesson's mistake
    // (`lessons check` says so), not a second target.
    let stated = stated.filter(|&a| within(a, truth, tolerance));
    let near = |given: f64, tolerance: f64| {
        within(given, truth, tolerance) || stated.is_some_and(|a| within(given, a, tolerance))
    };
    // The truth rounded to the digits typed is right when those digits
    // are as fine as the question asks; rounded coarser (14.4 where two
    // decimals are asked, finding B308), it is close, not right: else
    // 14.4 passed while 14.40 and the nearer 14.42 did not.
    let rounding = rounding_of(answer);
    let fine = rounding.filter(|&half_unit| half_unit <= tolerance * (1.0 + 1e-9));
    if near(given, tolerance) || fine.is_some_and(|half_unit| within(given, truth, half_unit)) {
        return Verdict::Right;
    }
    let typed = answer.trim().trim_end_matches(';').trim_end();
    if let Some(half_unit) = rounding.filter(|&half_unit| within(given, truth, half_unit)) {
        return Verdict::Wrong(format!(
            "{typed} is {} to {}, and the question wants {} — {CLOSE}",
            number::for_the_eye(truth),
            decimals(half_unit),
            decimals(tolerance)
                .trim_end_matches(" decimals")
                .trim_end_matches(" decimal"),
        ));
    }
    // A number is echoed as typed (`14.40`, not 14.4); a computation by
    // its value.
    let shown = match is_plain_number(typed) {
        true => typed.to_string(),
        false => number::for_a_verdict(given, truth),
    };
    let how = if !given.is_finite() {
        "that is not a finite number"
    } else if truth != 0.0 && within(-given, truth, tolerance) {
        SIGN_ONLY
    } else if tolerance > 0.0 && near(given, 3.0 * tolerance) {
        CLOSE
    } else if given > truth {
        "that is too high"
    } else {
        "that is too low"
    };
    Verdict::Wrong(format!("{shown} — {how}"))
}

/// How many decimals a number rounded to within `half_unit` (half a unit
/// in its last digit, as [`rounding_of`] gives it) has, in words: `one
/// decimal`, `two decimals`, `a whole number`; for a question's tolerance,
/// the fewest decimals that keep within it (0.01: two).
fn decimals(half_unit: f64) -> String {
    let count = (0..=15)
        .find(|&d| 0.5 * 10f64.powi(-d) <= half_unit * (1.0 + 1e-6))
        .unwrap_or(15) as usize;
    const WORDS: [&str; 7] = ["", "one", "two", "three", "four", "five", "six"];
    match count {
        0 => "a whole number".to_string(),
        1 => "one decimal".to_string(),
        n if n < WORDS.len() => format!("{} decimals", WORDS[n]),
        n => format!("{n} decimals"),
    }
}

/// `truth` with its float noise rounded away, as a lesson shows it:
/// 0.5 for 0.4999999999999999 (finding A218: the window around the noisy
/// value took 0.49 and refused 0.51).
fn as_shown(truth: f64) -> f64 {
    number::without_noise(&number::full(truth))
        .and_then(|shown| shown.parse().ok())
        .unwrap_or(truth)
}

/// True when `given` is within `tolerance` of `truth` (as shown, see
/// [`as_shown`]): one window, the same on both sides, edges included,
/// with a hair of slack for binary noise on either number (lesson 6's
/// nudge estimate 6.000000000021544 "within 0.01" takes 5.99 as it takes
/// 6.01).
fn within(given: f64, truth: f64, tolerance: f64) -> bool {
    let truth = as_shown(truth);
    let slack = 1e-9 * truth.abs().max(1.0);
    given == truth || (given - truth).abs() <= tolerance + slack
}

/// The number `answer` starts with, when words follow it (`33 parameters`,
/// `0.9 (54 of 60)`).
fn number_then_words(answer: &str) -> Option<&str> {
    let (number, rest) = answer.trim().split_once(char::is_whitespace)?;
    let words = rest
        .trim_start()
        .starts_with(|c: char| c.is_alphabetic() || c == '(');
    (words && number.parse::<f64>().is_ok()).then_some(number)
}

/// How far a plain number the learner typed may be from the truth because
/// it is the truth rounded to the digits typed: half a unit in its last
/// digit (`-7.29` stands for anything from -7.285 to -7.295), with a hair
/// more for binary noise. Only a literal with at least three significant
/// digits counts (`0.79`, `14.0`, `-7.29`): `0.8` or `14` say too little to
/// be read as a rounded answer, and the question's own tolerance applies.
pub fn rounding_of(answer: &str) -> Option<f64> {
    let text = answer.trim().trim_end_matches(';').trim_end();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) if !fraction.contains('.') => (whole, fraction),
        Some(_) => return None,
        None => (digits, ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let all: String = format!("{whole}{fraction}");
    let significant = all.trim_start_matches('0').len();
    if significant < 3 {
        return None;
    }
    let half_unit = 0.5 * 10f64.powi(-(fraction.len() as i32));
    Some(half_unit * (1.0 + 1e-9))
}

/// The option a word typed at a `choose` question names (finding B35:
/// `ReLU` for "ReLU, for any positive input"), when `line` is not a name
/// of the session: the option whose text is the word, whose first part
/// (before a comma or colon) is, or, failing those, the only one with it
/// as a whole word. Case does not matter. `None` at other questions.
pub fn option_named(session: &Session, question: &Question, line: &str) -> Option<usize> {
    let QuestionKind::Choose { options, .. } = &question.kind else {
        return None;
    };
    let typed = line.trim().trim_end_matches(['.', '?', '!', ';']).trim();
    if typed.is_empty() || typed.parse::<f64>().is_ok() || session.lookup(typed).is_some() {
        return None;
    }
    let word = typed.to_lowercase();
    let options: Vec<String> = options.iter().map(|o| o.to_lowercase()).collect();
    let first_part = |o: &str| {
        o.split([',', ':', '('])
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    };
    if let Some(at) = (options.iter()).position(|o| o.trim() == word || first_part(o) == word) {
        return Some(at + 1);
    }
    let whole_word = |o: &str| {
        o.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == word)
    };
    let mut with_it = (options.iter().enumerate()).filter(|(_, o)| whole_word(o));
    match (with_it.next(), with_it.next()) {
        (Some((at, _)), None) => Some(at + 1),
        _ => None,
    }
}

fn judge_choice(count: usize, right: usize, answer: &str) -> Verdict {
    match answer.trim().trim_end_matches(['.', ')']).parse::<usize>() {
        Ok(n) if n == right => Verdict::Right,
        Ok(n) if (1..=count).contains(&n) => Verdict::Wrong(format!("option {n} is not it")),
        _ => Verdict::Unreadable(problem(
            &format!("type the number of an option, 1 to {count}"),
            Span::new(0, answer.len().max(1)),
        )),
    }
}

fn problem(message: &str, span: Span) -> EvalError {
    EvalError::new(message, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(setup: &str) -> Session {
        let mut session = Session::new();
        session.run(setup, &mut Vec::new()).unwrap();
        session
    }

    fn typed(answer: &str) -> Question {
        Question {
            prompt: String::new(),
            kind: QuestionKind::Type {
                answer: answer.into(),
            },
            hints: Vec::new(),
            explain: None,
            reveal: None,
            truth: None,
            right: Vec::new(),
            wrong: Vec::new(),
            mistakes: Vec::new(),
            require: Vec::new(),
            answer_on_screen: None,
            answer_readable: None,
            look_gives_answer: None,
            call: None,
            compare: Vec::new(),
        }
    }

    #[test]
    fn building_a_network_at_a_prediction_is_asking_the_tool() {
        assert!(builds_with_the_tool("len(MLP(2, [8, 1]).parameters())"));
        assert!(builds_with_the_tool("moons (100)"));
        assert!(!builds_with_the_tool("2*8 + 8 + 9 + 1"));
        assert!(!builds_with_the_tool("myMLP(2)"));
        assert!(!builds_with_the_tool("Value(2) * 3"));
    }

    #[test]
    fn equivalent_formulas_are_right_and_others_wrong() {
        let s = session("a = 2; b = -3; c = 10");
        let q = typed("d = a*b + c");
        for right in [
            "d = a*b + c",
            "c + b*a",
            "(a*b)+c",
            "d = c + a*b;",
            "a*b - -c",
        ] {
            assert_eq!(judge(&s, &q, right), Ok(Verdict::Right), "{right}");
        }
        for wrong in ["a*b - c", "4", "d = 4", "a*b + c + 0*a + 1", "e = a*b - c"] {
            assert!(
                matches!(judge(&s, &q, wrong), Ok(Verdict::Wrong(_))),
                "{wrong}"
            );
        }
        // The right formula under another name is not right either, but a
        // naming slip: told to rename it, without a hint or a try spent.
        match judge(&s, &q, "e = a*b + c") {
            Ok(Verdict::Unreadable(error)) => {
                assert!(error.message.contains("define `d`, not `e`"), "{error:?}");
                assert_eq!(
                    error.help.as_deref(),
                    Some("the formula is right: bind it to `d`: d = a*b + c")
                );
                assert_eq!(error.span, Span::new(0, 1));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(judge(&s, &q, "a*b +"), Ok(Verdict::Unreadable(_))));
    }

    #[test]
    fn same_value_and_gradient_here_but_different_formula_is_wrong() {
        // x*x and 2*x - 1 agree at x = 1 in value (1) and slope (2).
        let s = session("x = 1");
        assert!(matches!(
            judge(&s, &typed("x*x"), "2*x - 1"),
            Ok(Verdict::Wrong(_))
        ));
        assert_eq!(judge(&s, &typed("x*x"), "x**2"), Ok(Verdict::Right));
    }

    #[test]
    fn unknown_name_points_into_the_learners_text() {
        let s = session("a = 2");
        match judge(&s, &typed("d = a"), "d = zz") {
            Ok(Verdict::Unreadable(e)) => assert_eq!(e.span, Span::new(4, 6)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn predictions_accept_expressions_within_tolerance() {
        let s = session("a = 2; b = -3; L = a*b");
        let mut q = typed("");
        q.kind = QuestionKind::Predict {
            answer: "-3".into(),
            tolerance: 1e-9,
        };
        q.reveal = Some("L.backward()\na.grad".into());
        for right in ["-3", "-1*3", "b", " -3.0 "] {
            assert_eq!(judge(&s, &q, right), Ok(Verdict::Right), "{right}");
        }
        assert!(matches!(judge(&s, &q, "0/0"), Ok(Verdict::Wrong(why)) if why.contains("finite")));
        match judge(&s, &q, "3") {
            Ok(Verdict::Wrong(why)) => assert!(why.contains("sign"), "{why}"),
            other => panic!("{other:?}"),
        }
        // Reading a.grad before backward ran is 0, not the answer.
        assert!(matches!(judge(&s, &q, "a.grad"), Ok(Verdict::Wrong(_))));
        assert!(s.lookup("L").is_some() && s.graph.grad(s.node("a").unwrap()) == 0.0);
    }

    #[test]
    fn a_number_rounded_to_the_digits_typed_is_right_if_as_fine_as_asked() {
        let s = session("a = 2");
        let mut q = typed("");
        q.kind = QuestionKind::Predict {
            answer: "-7.286496".into(),
            tolerance: 0.001,
        };
        for right in ["-7.286", "-7.2865", " -7.286; ", "-7.287"] {
            assert_eq!(judge(&s, &q, right), Ok(Verdict::Right), "{right}");
        }
        // Rounded wrongly, or too few digits to be a rounding.
        for wrong in ["-7.28", "-7.3", "-7.2", "-7.30", "-7.2885"] {
            assert!(
                matches!(judge(&s, &q, wrong), Ok(Verdict::Wrong(_))),
                "{wrong}"
            );
        }
        // Rounded right, but coarser than the question asks (finding
        // B308): close, and told so.
        assert_eq!(
            judge(&s, &q, "-7.29"),
            Ok(Verdict::Wrong(format!(
                "-7.29 is -7.286496 to two decimals, and the question wants three — {CLOSE}"
            )))
        );
        q.kind = QuestionKind::Predict {
            answer: "14.44".into(),
            tolerance: 0.01,
        };
        assert!(matches!(judge(&s, &q, "14.4"), Ok(Verdict::Wrong(why))
            if why.starts_with("14.4 is 14.44 to one decimal, and the question wants two")));
        // Echoed as typed, not as 14.4.
        assert!(matches!(judge(&s, &q, "14.40"), Ok(Verdict::Wrong(why))
            if why.starts_with("14.40 — ")));
        q.kind = QuestionKind::Predict {
            answer: "0.7864477".into(),
            tolerance: 1e-6,
        };
        for right in ["0.7864477", "0.786448"] {
            assert_eq!(judge(&s, &q, right), Ok(Verdict::Right), "{right}");
        }
        for wrong in ["0.79", "0.7865", "0.78644", "0.786", "0.78645"] {
            assert!(
                matches!(judge(&s, &q, wrong), Ok(Verdict::Wrong(_))),
                "{wrong}"
            );
        }
        assert_eq!(rounding_of("14"), None);
        assert_eq!(rounding_of("0.05"), None);
        assert_eq!(rounding_of("1.2.3"), None);
        assert_eq!(rounding_of("2*0.786"), None);
        assert!(rounding_of("140").is_some_and(|r| (r - 0.5).abs() < 1e-6));
    }

    #[test]
    fn statements_at_a_prediction_or_choice_run_and_expressions_are_answers() {
        let s = session("a = 2; b = -3; L = a*b");
        let mut predict = typed("");
        predict.kind = QuestionKind::Predict {
            answer: "-3".into(),
            tolerance: 1e-9,
        };
        let mut choose = typed("");
        choose.kind = QuestionKind::Choose {
            options: vec!["one".into(), "two".into()],
            answer: 2,
        };
        for question in [&predict, &choose] {
            for statement in [
                "show L",
                "y = a + 1",
                "a.data -= 0.1",
                "L.backward()",
                "zero_grad(L)",
                "y = a; y",
                "a; b",
                "x = 3;",
                "a.grad",
                "L",
                "b.data",
                "print(a.grad)",
                "print(a, b)",
            ] {
                assert!(is_exploration(&s, question, statement), "{statement}");
            }
            for answer in ["2", "-20", "2*3", "2;", "2)", "a +", ""] {
                assert!(!is_exploration(&s, question, answer), "{answer}");
            }
        }
        // A formula is a prediction; at a choice, where only an option's
        // number answers, it is looking around.
        assert!(!is_exploration(&s, &predict, "L.tanh()"));
        for look in ["L.tanh()", "a * b", "max(a, b)"] {
            assert!(is_exploration(&s, &choose, look), "{look}");
        }
        let formula = typed("d = a*b");
        for look in ["show L", "a.grad", "L", "print(L)"] {
            assert!(is_exploration(&s, &formula, look), "{look}");
        }
        assert!(
            !is_exploration(&s, &typed("g = a"), "a"),
            "the answer itself"
        );
        for answer in ["d = a*b", "a.data = 3", "L.backward()", "d = a; d"] {
            assert!(!is_exploration(&s, &formula, answer), "{answer}");
        }
    }

    #[test]
    fn a_number_computed_from_plain_numbers_is_an_answer_and_a_list_a_look() {
        let s = session("a = 2; b = -3; gs = [x.data for x in [a, b]]");
        let mut predict = typed("");
        predict.kind = QuestionKind::Predict {
            answer: "3".into(),
            tolerance: 1e-9,
        };
        for answer in ["max(abs(g) for g in gs)", "gs[0] - gs[1]", "0.5 * a.data"] {
            assert!(!is_exploration(&s, &predict, answer), "{answer}");
        }
        assert_eq!(
            judge(&s, &predict, "max(abs(g) for g in gs)"),
            Ok(Verdict::Right)
        );
        for look in ["gs", "[g for g in gs]", "gs[0]", "a.data > 0"] {
            assert!(is_exploration(&s, &predict, look), "{look}");
        }
    }

    #[test]
    fn a_gradient_no_backward_reached_is_pointed_at() {
        let s = session("d = 4; f = -2; L = d*f");
        let error = unset_gradient_read(&s, " f*L.grad").expect("L.grad is unset");
        assert_eq!(error.span, Span::new(3, 9));
        assert!(error
            .message
            .contains("`L.grad` reads 0 only because backward() has not run yet"));
        assert_eq!(unset_gradient_read(&s, "f*L.data"), None);
        let mut s = s;
        s.run("L.backward()", &mut Vec::new()).unwrap();
        assert_eq!(unset_gradient_read(&s, "f*L.grad"), None);
    }

    #[test]
    fn a_formula_right_only_here_names_only_the_leaves_where_it_differs() {
        let s = session("x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.88");
        match judge(&s, &typed("n = x1*w1 + x2*w2 + b"), "n = x1*w1 + b") {
            Ok(Verdict::Wrong(why)) => assert!(
                why.ends_with("not the same formula: change x2 and the two would differ"),
                "{why}"
            ),
            other => panic!("{other:?}"),
        }
        // (x - 1)*(y - 1) and 0 agree moving x or y alone from (1, 1).
        let s = session("x = 1; y = 1");
        match judge(&s, &typed("x*y + 1 - x - y"), "0*x") {
            Ok(Verdict::Wrong(why)) => {
                assert!(why.ends_with("it is not the same formula"), "{why}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_a_network_says_of_itself_is_a_read_and_a_calling_reveal_a_look() {
        let s = session("n = MLP(2, [2, 1], seed=1); d = moons(4, seed=1)");
        let mut predict = typed("");
        predict.kind = QuestionKind::Predict {
            answer: "0.5".into(),
            tolerance: 1e-9,
        };
        for look in ["n.parameters()[0]", "n.accuracy(d)", "n.loss(d)"] {
            assert!(is_exploration(&s, &predict, look), "{look}");
        }
        assert!(!is_exploration(&s, &predict, "2 * n.parameters()[0]"));
        predict.reveal = Some("x = 1\nn([1.0, 2.0])".into());
        assert!(is_exploration(&s, &predict, "n([1.0,  2.0]);"));
        assert!(!is_exploration(&s, &predict, "n([2.0, 1.0])"));
        predict.reveal = Some("n.parameters()[0] * 2".into());
        assert!(!is_exploration(&s, &predict, "n.parameters()[0] * 2"));
    }

    #[test]
    fn arithmetic_over_a_read_that_holds_the_answer_is_a_look() {
        let s = session("a = 2; b = -3; L = a*b; L.backward()");
        let mut q = typed("");
        q.kind = QuestionKind::Predict {
            answer: "-3".into(),
            tolerance: 1e-9,
        };
        q.reveal = Some("a.grad".into());
        for look in [
            "a.grad*1",
            "a.grad + 0",
            "1*a.grad",
            "-(-a.grad)",
            "(a.grad) * 1",
        ] {
            assert!(is_exploration(&s, &q, look), "{look}");
            assert_eq!(
                answer_read(&s, &s, &q, look, &[]).as_deref(),
                Some("a.grad"),
                "{look}"
            );
        }
        // Not the answer, or not a read of the quantity asked: graded.
        for answer in ["a.grad*2", "-3", "b.grad - 5", "b*1"] {
            assert!(!is_exploration(&s, &q, answer), "{answer}");
        }
        // The quantity does not hold the answer yet (backward has not run
        // where the question was asked): a computation over it is an answer.
        let asked = session("a = 2; b = -3; L = a*b");
        q.reveal = Some("L.backward()\na.grad".into());
        assert!(!is_exploration_asked(&asked, &asked, &q, "a.grad + b", &[]));
        // `w` and `w.data` are one quantity.
        let s = session("w = 2.5");
        q.kind = QuestionKind::Predict {
            answer: "2.5".into(),
            tolerance: 1e-9,
        };
        q.reveal = Some("w".into());
        assert!(is_exploration(&s, &q, "w.data * 1"));
        assert!(!is_exploration(&s, &q, "w.data - 0.1 * -20"));
    }

    #[test]
    fn math_at_a_question_is_told_the_built_in() {
        let s = session("p = 0.6; y = 1");
        let answer = "bce = -(y*math.log(p) + (1 - y)*math.log(1 - p))";
        let Ok(Verdict::Unreadable(error)) = judge(&s, &typed("bce = -log(p)"), answer) else {
            panic!("math is not defined here");
        };
        let help = followable_at_a_question(error, answer).help.unwrap();
        assert!(help.starts_with("log is a built-in here"), "{help}");
        assert!(
            help.ends_with("type bce = -(y*log(p) + (1 - y)*log(1 - p))"),
            "{help}"
        );
        assert!(!help.contains("import math` first"), "{help}");
        let answer = "math.pi * p";
        let Ok(Verdict::Unreadable(error)) = judge(&s, &typed("bce = -log(p)"), answer) else {
            panic!("math is not defined here");
        };
        let help = followable_at_a_question(error, answer).help.unwrap();
        assert!(help.starts_with("a question takes an answer"), "{help}");
    }

    #[test]
    fn a_number_with_words_after_it_is_found() {
        assert_eq!(number_then_words("33 parameters"), Some("33"));
        assert_eq!(number_then_words(" 0.9 (54 of 60)"), Some("0.9"));
        for not in ["33", "2 * 3", "a b", "33parameters"] {
            assert_eq!(number_then_words(not), None, "{not}");
        }
    }

    #[test]
    fn a_statement_question_says_what_it_asks_for_when_given_something_else() {
        let s = session("a = 2; b = -3; L = a*b");
        for (typed_answer, given) in [
            ("[a, b]", "but this is a list"),
            ("d = [a, b]", "but this is a list"),
            (
                "L.backward()",
                "but this is an action, which gives no value",
            ),
        ] {
            match judge(&s, &typed("d = a*b"), typed_answer) {
                Ok(Verdict::Unreadable(e)) => assert_eq!(
                    e.message,
                    format!("this question asks for a formula bound to d (`d = ...`), {given}"),
                ),
                other => panic!("{typed_answer}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_word_of_one_option_names_it() {
        let s = session("x = 1");
        let mut q = typed("");
        q.kind = QuestionKind::Choose {
            options: vec![
                "sigmoid, at z = 0".into(),
                "ReLU, for any positive input".into(),
                "tanh, for any input".into(),
            ],
            answer: 2,
        };
        assert_eq!(option_named(&s, &q, "ReLU"), Some(2));
        assert_eq!(option_named(&s, &q, " relu."), Some(2));
        assert_eq!(option_named(&s, &q, "positive"), Some(2));
        assert_eq!(option_named(&s, &q, "tanh"), Some(3));
        // In two options, a bound name, a number: not an option's word.
        assert_eq!(option_named(&s, &q, "input"), None);
        assert_eq!(option_named(&s, &q, "x"), None);
        assert_eq!(option_named(&s, &q, "2"), None);
    }

    #[test]
    fn choices_are_numbers_in_range() {
        assert_eq!(judge_choice(3, 2, "2"), Verdict::Right);
        assert!(matches!(judge_choice(3, 2, "1"), Verdict::Wrong(_)));
        assert!(matches!(judge_choice(3, 2, "7"), Verdict::Unreadable(_)));
        assert!(matches!(judge_choice(3, 2, "two"), Verdict::Unreadable(_)));
    }
}
