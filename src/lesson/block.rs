//! Block answers: a `def` or a loop typed (or pasted) as the answer to a
//! `type` question, graded by meaning as formulas are. A `def` is tried
//! through the question's `call`: the lesson's function and the learner's
//! are both called in one scratch copy of the session, and their results
//! must agree in value and in every gradient, at the current values of the
//! leaves they read and at seeded random points around them. A loop is run
//! in a scratch copy beside the lesson's own: the numbers each prints must
//! agree, in order, and so must each `compare` expression afterwards. Both
//! run under a step budget, so a loop that never ends is an answer that is
//! wrong, not a lesson that hangs, and both stop at Ctrl-C when the
//! runner watches for it ([`judge_watched`]): a learner who sees their loop
//! run long can stop it without it counting as an answer.

use std::cell::Cell;

use super::format::Question;
use super::meaning::{compare_pairs, free_leaves, Verdict};
use crate::engine::NodeId;
use crate::eval::{parse_statements, Event, Session, Sink, Value};
use crate::syntax::ast::StmtKind;
use crate::text::number;

/// Loop steps and calls a block may take before it is stopped.
const STEP_BUDGET: u64 = 2_000_000;
/// Relative tolerance of the numbers a loop prints.
const LOOP_TOLERANCE: f64 = 1e-6;
/// How deep lists of results are read (a layer's outputs, an MLP's layers).
const MAX_NESTING: usize = 4;

/// What kind of block an answer is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `def NAME(...)`.
    Def(String),
    /// `for ...:` or `while ...:`.
    Loop,
}

/// The shape of `text` when it is one `def` or one loop; `None` for
/// anything else (a formula, several statements, text that does not
/// parse).
pub fn shape(text: &str) -> Option<Shape> {
    let statements = parse_statements(text).ok()?;
    let [one] = statements.list() else {
        return None;
    };
    match &one.kind {
        StmtKind::Def { name, .. } => Some(Shape::Def(name.name.clone())),
        StmtKind::For { .. } | StmtKind::While { .. } => Some(Shape::Loop),
        _ => None,
    }
}

/// True when `line`, typed at a question whose answer is a block of shape
/// `asked`, is not an answer: anything but a block of that shape runs, and
/// the question stays open (a learner trying their function, or setting
/// `lr = 0.1`). Text that does not parse is an answer, so its error shows.
pub fn explores(asked: &Shape, line: &str) -> bool {
    if parse_statements(line).is_err() {
        return false;
    }
    !matches!(
        (asked, shape(line)),
        (Shape::Def(_), Some(Shape::Def(_))) | (Shape::Loop, Some(Shape::Loop))
    )
}

/// Judges the block `answer` against the lesson's block `expected`, both
/// run in scratch copies of `session` (left untouched). `Err`: the lesson
/// itself is broken.
pub fn judge(
    session: &Session,
    question: &Question,
    expected: &str,
    answer: &str,
) -> Result<Verdict, String> {
    judge_watched(session, question, expected, answer, &|| false, &|_| {}).verdict
}

/// What judging a block found: the verdict, and what the runner shows
/// beside it.
#[derive(Debug)]
pub struct Judged {
    /// Right or wrong (`Err`: the lesson is broken). Means nothing when
    /// `interrupted`.
    pub verdict: Result<Verdict, String>,
    /// The lines the learner's block printed, in order: a wrong loop's
    /// numbers are the learner's best clue to what it did.
    pub printed: Vec<String>,
    /// Ctrl-C (`stop`) ended a run before it finished: nothing was judged.
    pub interrupted: bool,
    /// The learner's block used up the step budget (it may never end).
    pub endless: bool,
    /// What `printed` holds was handed to `echo` as it was printed (a
    /// loop's), so it has been shown already.
    pub echoed: bool,
    /// Where Ctrl-C stopped the learner's block, in words (`at line 2, in
    /// iteration 2471 of `for k``), when it stopped the learner's and not
    /// the lesson's.
    pub stopped_at: Option<String>,
}

/// [`judge`], where every loop step and call also asks `stop` whether
/// Ctrl-C was pressed, and what the learner's block printed comes back.
/// A loop's prints also go to `echo` the moment it prints them, as at the
/// prompt (finding C227: a long loop's prints were held back until it
/// ended, so the question looked hung, and Ctrl-C lost them); a `def`'s
/// come only from the grader's calls of it, and are not echoed.
pub fn judge_watched(
    session: &Session,
    question: &Question,
    expected: &str,
    answer: &str,
    stop: &dyn Fn() -> bool,
    echo: &dyn Fn(&str),
) -> Judged {
    let mut runs = Runs {
        stop,
        echo,
        printed: Vec::new(),
        interrupted: false,
        endless: false,
        echoed: false,
        stopped_at: None,
    };
    let verdict = runs.judge(session, question, expected, answer);
    Judged {
        verdict,
        printed: runs.printed,
        interrupted: runs.interrupted,
        endless: runs.endless,
        echoed: runs.echoed,
        stopped_at: runs.stopped_at,
    }
}

/// Collects what a block prints (handing each print to `echo` too, when
/// set) and stops it once it has taken [`STEP_BUDGET`] steps, or once
/// `stop` says Ctrl-C was pressed.
struct Budget<'s> {
    printed: Vec<String>,
    steps: Cell<u64>,
    stop: &'s dyn Fn() -> bool,
    stopped: Cell<bool>,
    echo: Option<&'s dyn Fn(&str)>,
}

impl Budget<'_> {
    fn exhausted(&self) -> bool {
        self.steps.get() >= STEP_BUDGET
    }
}

impl Sink for Budget<'_> {
    fn emit(&mut self, _session: &Session, event: Event) {
        if let Event::Print(line) = event {
            if let Some(echo) = self.echo {
                echo(&line);
            }
            self.printed.push(line);
        }
    }

    fn interrupted(&self) -> bool {
        self.steps.set(self.steps.get() + 1);
        if (self.stop)() {
            self.stopped.set(true);
        }
        self.stopped.get() || self.exhausted()
    }
}

const NEVER_ENDS: &str = "it ran for millions of steps without ending: does it stop?";

/// The runs one judgement makes, and what they saw.
struct Runs<'s> {
    stop: &'s dyn Fn() -> bool,
    echo: &'s dyn Fn(&str),
    printed: Vec<String>,
    interrupted: bool,
    endless: bool,
    echoed: bool,
    stopped_at: Option<String>,
}

impl<'s> Runs<'s> {
    /// A fresh step budget that also stops at Ctrl-C.
    fn budget(&self) -> Budget<'s> {
        Budget {
            printed: Vec::new(),
            steps: Cell::new(0),
            stop: self.stop,
            stopped: Cell::new(false),
            echo: None,
        }
    }

    /// Notes where Ctrl-C stopped the learner's `answer`, if it did.
    fn note_stop(&mut self, answer: &str, ran: &Result<(), crate::eval::EvalError>) {
        match ran {
            Err(error) if self.interrupted && error.interrupted => {
                self.stopped_at = Some(stopped_at(answer, error));
            }
            _ => {}
        }
    }

    /// Notes what a run saw: Ctrl-C, and for a run of the learner's
    /// block, what it printed and whether it ran out of steps.
    fn saw(&mut self, budget: Budget, learners: bool) {
        self.interrupted |= budget.stopped.get();
        if learners {
            self.endless |= budget.exhausted() && !budget.stopped.get();
            self.printed.extend(budget.printed);
        }
    }

    fn judge(
        &mut self,
        session: &Session,
        question: &Question,
        expected: &str,
        answer: &str,
    ) -> Result<Verdict, String> {
        let Some(want) = shape(expected) else {
            return Err(format!(
                "the expected answer is not one `def` or one loop:\n{expected}"
            ));
        };
        if let Err(error) = parse_statements(answer) {
            return Ok(Verdict::Unreadable(error));
        }
        match (want, shape(answer)) {
            (Shape::Def(name), Some(Shape::Def(given))) if name == given => {
                self.judge_def(session, question, expected, answer)
            }
            (Shape::Def(name), Some(Shape::Def(given))) => Ok(Verdict::Wrong(format!(
                "this question asks you to define `{name}`, not `{given}`"
            ))),
            (Shape::Def(name), _) => Ok(Verdict::Wrong(format!(
                "this question asks for a function: a block that starts `def {name}(`"
            ))),
            (Shape::Loop, Some(Shape::Loop)) => {
                self.judge_loop(session, question, expected, answer)
            }
            (Shape::Loop, _) => Ok(Verdict::Wrong(
                "this question asks for a loop: a block that starts `for` (or `while`)".into(),
            )),
        }
    }

    fn judge_def(
        &mut self,
        session: &Session,
        question: &Question,
        expected: &str,
        answer: &str,
    ) -> Result<Verdict, String> {
        let call = question
            .call
            .as_deref()
            .ok_or("a `def` answer needs `call = \"...\"`: how to try the function")?;
        let verdict = self.judge_def_call(session, expected, answer, call)?;
        if !matches!(verdict, Verdict::Right) {
            return Ok(verdict);
        }
        // The call names the session's own leaves, so a body that reads
        // them (`w1*x1 + ...`) instead of its parameters gave the same
        // graph (finding D313). Called again with new leaves of the same
        // values in their place, such a body no longer follows its inputs.
        let mut fresh = session.clone();
        let Some((fresh_call, renamed)) = with_fresh_arguments(&mut fresh, call) else {
            return Ok(verdict);
        };
        Ok(
            match self.judge_def_call(&fresh, expected, answer, &fresh_call)? {
                Verdict::Right => Verdict::Right,
                Verdict::Wrong(_) | Verdict::Unreadable(_) => {
                    Verdict::Wrong(reads_the_session(answer, &renamed))
                }
            },
        )
    }

    /// [`Self::judge_def`] through one `call`: the lesson's function and
    /// the learner's, both called in one scratch copy of `session`.
    fn judge_def_call(
        &mut self,
        session: &Session,
        expected: &str,
        answer: &str,
        call: &str,
    ) -> Result<Verdict, String> {
        let mut scratch = session.clone();
        let before = scratch.graph.len();
        let mut budget = self.budget();
        let defined = scratch.run(expected, &mut budget);
        self.saw(budget, false);
        defined.map_err(|e| format!("the expected def does not run: {}", e.message))?;
        let want = self
            .call_result(&mut scratch, call, false)
            .map_err(|e| format!("the lesson's call `{call}` fails on its own def: {e}"))?;
        let want_shape = shape_of(&want);
        let want = nodes_of(&want, 0).ok_or_else(|| {
            format!(
                "the lesson's call `{call}` gives {}, not numbers",
                want.kind()
            )
        })?;
        let mut budget = self.budget();
        let defined = scratch.run(answer, &mut budget);
        self.saw(budget, true);
        if let Err(error) = defined {
            return Ok(Verdict::Unreadable(error));
        }
        let got = match self.call_result(&mut scratch, call, true) {
            Ok(value) => value,
            Err(why) => return Ok(Verdict::Wrong(format!("calling `{call}` fails: {why}"))),
        };
        let got_shape = shape_of(&got);
        let got = match nodes_of(&got, 0) {
            // `[o]` where `o` is asked: the same number, but the lesson's
            // next steps do arithmetic on it, and a list fails there.
            Some(_) if got_shape != want_shape => {
                return Ok(Verdict::Wrong(format!(
                    "`{call}` gives {got_shape} with your function; it should give {want_shape}{}",
                    if want_shape == "one number" && got_shape.ends_with("of one number") {
                        ": take the item out of the list, [0]"
                    } else {
                        ""
                    }
                )))
            }
            Some(nodes) => nodes,
            None if matches!(got, Value::None) => {
                return Ok(Verdict::Wrong(format!(
                    "`{call}` gives None: a function without `return` gives None"
                )))
            }
            None => {
                return Ok(Verdict::Wrong(format!(
                    "`{call}` gives {}; the function should give numbers of the graph",
                    got.kind()
                )))
            }
        };
        if got.len() != want.len() {
            return Ok(Verdict::Wrong(format!(
                "`{call}` gives {} with your function; it should give {}",
                numbers(got.len()),
                numbers(want.len())
            )));
        }
        let pairs: Vec<(NodeId, NodeId)> = got.into_iter().zip(want).collect();
        let roots: Vec<NodeId> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        // Only the leaves the session had: a `Value(0.0)` the function makes
        // for itself is a constant of that function, not a point to move.
        let leaves: Vec<NodeId> = free_leaves(&scratch.graph, &roots)
            .into_iter()
            .filter(|leaf| leaf.index() < before)
            .collect();
        Ok(match compare_pairs(&mut scratch.graph, &pairs, &leaves) {
            Ok(()) => Verdict::Right,
            Err(why) => Verdict::Wrong(why),
        })
    }

    /// The value of `call` in `scratch`, run under a fresh budget (a call of
    /// the learner's function when `learners`).
    fn call_result(
        &mut self,
        scratch: &mut Session,
        call: &str,
        learners: bool,
    ) -> Result<Value, String> {
        const RESULT: &str = "_lesson_call_result";
        let mut budget = self.budget();
        let ran = scratch.run(&format!("{RESULT} = {call};"), &mut budget);
        let exhausted = budget.exhausted();
        self.saw(budget, learners);
        match ran {
            Ok(()) => scratch
                .lookup(RESULT)
                .cloned()
                .ok_or_else(|| "it gave nothing".to_string()),
            Err(_) if exhausted => Err(NEVER_ENDS.into()),
            Err(error) => Err(error.message),
        }
    }

    fn judge_loop(
        &mut self,
        session: &Session,
        question: &Question,
        expected: &str,
        answer: &str,
    ) -> Result<Verdict, String> {
        // The learner's loop runs first, its prints shown as they come; the
        // lesson's (unseen) after it.
        let mut theirs = session.clone();
        let mut got = self.budget();
        got.echo = Some(self.echo);
        let ran = theirs.run(answer, &mut got);
        let exhausted = got.exhausted();
        let got_numbers = numbers_in(&got.printed);
        self.echoed = true;
        self.saw(got, true);
        self.note_stop(answer, &ran);
        if self.interrupted {
            return Ok(Verdict::Wrong(String::new()));
        }
        let mut lessons = session.clone();
        let mut want = self.budget();
        let ran_expected = lessons.run(expected, &mut want);
        let want_numbers = numbers_in(&want.printed);
        self.saw(want, false);
        ran_expected.map_err(|e| format!("the expected loop does not run: {}", e.message))?;
        if want_numbers.is_empty() && question.compare.is_empty() {
            return Err(
                "a loop answer needs something to compare: it should print numbers, or the step should list `compare = [...]`"
                    .into(),
            );
        }
        if let Err(error) = ran {
            if exhausted {
                return Ok(Verdict::Wrong(format!("your loop: {NEVER_ENDS}")));
            }
            return Ok(Verdict::Unreadable(error));
        }
        if let Some(why) = stale_backward(session, expected, answer) {
            return Ok(Verdict::Wrong(why));
        }
        if let Some(why) = printed_differently(&got_numbers, &want_numbers) {
            return Ok(Verdict::Wrong(why));
        }
        for expression in &question.compare {
            let want = values_of(&mut lessons, expression)
                .map_err(|e| format!("`compare` expression `{expression}` fails: {e}"))?;
            let got = match values_of(&mut theirs, expression) {
                Ok(got) => got,
                Err(why) => {
                    return Ok(Verdict::Wrong(format!(
                        "after your loop, `{expression}` fails: {why}"
                    )))
                }
            };
            if let Some(why) = left_differently(expression, &got, &want) {
                return Ok(Verdict::Wrong(why));
            }
        }
        Ok(match unread_loop_name(expected, answer) {
            Some(why) => Verdict::Wrong(why),
            None => Verdict::Right,
        })
    }
}

/// Why a loop that leaves the lesson's numbers is still not the loop
/// asked for (finding D315): the lesson's loop reads its `for` name in
/// its body (micro-batch `j` picks its points), the learner's never does,
/// so every pass did the same work (four full batches scaled by 1/4 add
/// up to the same gradients as four micro-batches). `None` otherwise.
fn unread_loop_name(expected: &str, answer: &str) -> Option<String> {
    let reads_its_name = |text: &str| -> Option<(String, bool)> {
        let (head, body) = text.trim_start().split_once('\n')?;
        let names = head.strip_prefix("for ")?.split(" in ").next()?;
        let names: Vec<String> = identifiers(names);
        let read = identifiers(body);
        Some((
            names.first()?.clone(),
            names.iter().any(|name| read.contains(name)),
        ))
    };
    let (_, lesson_reads) = reads_its_name(expected)?;
    let (name, learner_reads) = reads_its_name(answer)?;
    (lesson_reads && !learner_reads).then(|| {
        format!(
            "your loop never reads `{name}`, so every pass does the same work; each pass \
             should use its own `{name}`"
        )
    })
}

/// Where Ctrl-C stopped the learner's `answer`, in words: `at line 2, in
/// iteration 2471 of `for k` (k = 2470)` (the line only when the error
/// points into `answer`, not into a function defined before it).
fn stopped_at(answer: &str, error: &crate::eval::EvalError) -> String {
    let mut parts = Vec::new();
    if error.chunk.is_none() {
        if let Some(before) = answer.get(..error.span.start) {
            parts.push(format!("at line {}", before.matches('\n').count() + 1));
        }
    }
    parts.extend(error.context.iter().cloned());
    parts.join(", ")
}

/// Why the learner's loop `answer` is wrong in Python though it prints the
/// lesson's numbers here (finding C217): it calls `X.backward()` on an `X`
/// built before the loop, where the lesson's loop `expected` builds `X`
/// anew each time round. This tool recomputes `X` as the weights under it
/// move, so the loss falls; in Python (the lecture, PyTorch) `X.data`
/// would stay where it was and the gradients go stale. `None`: no such
/// call.
fn stale_backward(session: &Session, expected: &str, answer: &str) -> Option<String> {
    let body = |text: &str| -> Option<Vec<crate::syntax::ast::Stmt>> {
        let statements = parse_statements(text).ok()?;
        match &statements.list().first()?.kind {
            StmtKind::For { body, .. } | StmtKind::While { body, .. } => Some(body.clone()),
            _ => None,
        }
    };
    let (want, got) = (body(expected)?, body(answer)?);
    let (mut want_made, mut got_made) = (Vec::new(), Vec::new());
    assigned(&want, &mut want_made);
    assigned(&got, &mut got_made);
    let mut called = Vec::new();
    backward_receivers(&got, &mut called);
    let stale = called
        .into_iter()
        .find(|name| want_made.contains(name) && !got_made.contains(name))?;
    // What the lesson's loop builds before its backward: the forward pass.
    let mut before = Vec::new();
    for statement in &want {
        let mut receivers = Vec::new();
        backward_receivers(std::slice::from_ref(statement), &mut receivers);
        if receivers.contains(&stale) {
            break;
        }
        assigned(std::slice::from_ref(statement), &mut before);
    }
    let rebuild: Vec<String> = (before.iter())
        .filter(|name| !got_made.contains(name))
        .map(|name| format!("`{name}`"))
        .collect();
    let rebuild = match rebuild.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => format!("`{stale}`"),
    };
    // The number `stale` was built with is gone (this tool recomputed it),
    // and its value now is not what Python would show (finding C231), so
    // the message names no number.
    let held = match session.lookup(&stale) {
        Some(Value::Node(_)) => format!(" would stay what it was when `{stale}` was built"),
        _ => " would not change".to_string(),
    };
    Some(format!(
        "your loop calls `{stale}.backward()` but never rebuilds `{stale}`: it prints \
         the right numbers here only because this tool recomputes `{stale}` as the weights \
         move; in Python (the lecture, PyTorch) `{stale}.data`{held} and the gradients go \
         stale. Rebuild {rebuild} inside the loop"
    ))
}

/// The names `code` binds (see [`assigned`]); none for code that does
/// not parse. A lesson's run step may hold console commands (`:reset`
/// before the names it makes, finding C312): those lines bind nothing
/// and are left out.
pub fn names_bound_by(code: &str) -> Vec<String> {
    let statements: Vec<&str> = (code.lines())
        .filter(|line| !line.trim_start().starts_with(':'))
        .collect();
    let mut names = Vec::new();
    if let Ok(statements) = parse_statements(&statements.join("\n")) {
        assigned(statements.list(), &mut names);
    }
    names
}

/// The names `block` binds (`x = ...`, `a, b = ...`, a `for`'s names, a
/// `def`), at any depth, each once, in order.
fn assigned(block: &[crate::syntax::ast::Stmt], names: &mut Vec<String>) {
    use crate::syntax::ast::Target;
    fn target(t: &Target, names: &mut Vec<String>) {
        match t {
            Target::Name(ident) => {
                if !names.contains(&ident.name) {
                    names.push(ident.name.clone());
                }
            }
            Target::Tuple(targets) => targets.iter().for_each(|t| target(t, names)),
            Target::Attribute { .. } | Target::Index { .. } => {}
        }
    }
    for statement in block {
        match &statement.kind {
            StmtKind::Assign { target: t, .. } => target(t, names),
            StmtKind::For { targets, body, .. } => {
                for ident in targets {
                    target(&Target::Name(ident.clone()), names);
                }
                assigned(body, names);
            }
            StmtKind::While { body, .. } => assigned(body, names),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (_, body) in branches {
                    assigned(body, names);
                }
                if let Some(body) = otherwise {
                    assigned(body, names);
                }
            }
            StmtKind::Def { name, .. } => target(&Target::Name(name.clone()), names),
            // `import random` binds random (finding D325); `from M import
            // a, b` binds a and b.
            StmtKind::Import(import) => {
                let bound = match (&import.alias, import.names.is_empty()) {
                    (Some(alias), _) => vec![alias.clone()],
                    (None, true) => import.module.first().cloned().into_iter().collect(),
                    (None, false) => import.names.clone(),
                };
                for ident in bound.into_iter().filter(|ident| ident.name != "*") {
                    target(&Target::Name(ident), names);
                }
            }
            _ => {}
        }
    }
}

/// The names `block` calls `.backward()` on as a statement (`loss.backward()`),
/// at any depth, in order.
fn backward_receivers(block: &[crate::syntax::ast::Stmt], names: &mut Vec<String>) {
    use crate::syntax::ast::ExprKind;
    for statement in block {
        match &statement.kind {
            StmtKind::Expr(expr) => {
                if let ExprKind::Method { object, name, .. } = &expr.kind {
                    if let (ExprKind::Name(receiver), "backward") =
                        (&object.kind, name.name.as_str())
                    {
                        names.push(receiver.clone());
                    }
                }
            }
            StmtKind::For { body, .. } | StmtKind::While { body, .. } => {
                backward_receivers(body, names)
            }
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (_, body) in branches {
                    backward_receivers(body, names);
                }
                if let Some(body) = otherwise {
                    backward_receivers(body, names);
                }
            }
            _ => {}
        }
    }
}

/// `call` with each name it passes that holds nodes (`x1`, a list `W1`)
/// replaced by a new name bound in `session` to new leaves of the same
/// values, in the same shape; and the names so replaced. `None` when the
/// call passes no such name. A name after a `.` is an attribute, not a
/// name of the session, and stays.
fn with_fresh_arguments(session: &mut Session, call: &str) -> Option<(String, Vec<String>)> {
    let mut renamed: Vec<String> = Vec::new();
    let mut out = String::with_capacity(call.len());
    let mut chars = call.char_indices().peekable();
    let mut previous = ' ';
    while let Some((start, c)) = chars.next() {
        if !(c.is_alphabetic() || c == '_') {
            out.push(c);
            previous = c;
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            if !(next.is_alphanumeric() || next == '_') {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let name = &call[start..end];
        let fresh_name = format!("_fresh_{name}");
        if previous != '.'
            && (renamed.iter().any(|n| n == name) || bind_fresh(session, name, &fresh_name))
        {
            if !renamed.iter().any(|n| n == name) {
                renamed.push(name.to_string());
            }
            out.push_str(&fresh_name);
        } else {
            out.push_str(name);
        }
        previous = 'a';
    }
    (!renamed.is_empty()).then_some((out, renamed))
}

/// Binds `fresh_name` to a copy of what `name` holds with new leaves in
/// place of its nodes; false (nothing bound) when it holds no node.
fn bind_fresh(session: &mut Session, name: &str, fresh_name: &str) -> bool {
    fn copy(
        session: &mut Session,
        value: &Value,
        depth: usize,
        nodes: &mut usize,
    ) -> Option<Value> {
        let items = match value {
            Value::Node(id) => {
                *nodes += 1;
                let value = session.graph.value(*id);
                return Some(Value::Node(session.graph.leaf(value)));
            }
            Value::Number(_) | Value::Int(_) | Value::Bool(_) => return Some(value.clone()),
            Value::List(list) => list.snapshot(),
            Value::Tuple(items) => items.to_vec(),
            _ => return None,
        };
        if depth >= MAX_NESTING {
            return None;
        }
        let copied = (items.iter())
            .map(|item| copy(session, item, depth + 1, nodes))
            .collect::<Option<Vec<Value>>>()?;
        Some(match value {
            Value::Tuple(_) => Value::Tuple(std::sync::Arc::new(copied)),
            _ => Value::List(crate::eval::List::new(copied)),
        })
    }
    let Some(value) = session.lookup(name).cloned() else {
        return false;
    };
    let mut nodes = 0;
    match copy(session, &value, 0, &mut nodes) {
        Some(fresh) if nodes > 0 => {
            session.bind(fresh_name, fresh);
            true
        }
        _ => false,
    }
}

/// Why a def that is right on the lesson's own names is wrong (finding
/// D313): its body reads some of the `passed` names from the session
/// rather than through its parameters.
fn reads_the_session(answer: &str, passed: &[String]) -> String {
    let (parameters, body) = match parse_statements(answer).ok().and_then(|statements| {
        match &statements.list().first()?.kind {
            StmtKind::Def { params, .. } => Some((
                params
                    .iter()
                    .map(|p| p.name.name.clone())
                    .collect::<Vec<_>>(),
                answer
                    .split_once(':')
                    .map_or("", |(_, body)| body)
                    .to_string(),
            )),
            _ => None,
        }
    }) {
        Some(found) => found,
        None => (Vec::new(), answer.to_string()),
    };
    let words = identifiers(&body);
    let read: Vec<String> = (passed.iter())
        .filter(|name| words.contains(name) && !parameters.contains(name))
        .map(|name| format!("`{name}`"))
        .collect();
    let parameters = match parameters.split_last() {
        Some((last, [])) => format!("the parameter `{last}`"),
        Some((last, rest)) => format!(
            "the parameters {} and `{last}`",
            rest.iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "the parameters".to_string(),
    };
    match read.split_last() {
        Some((last, rest)) => {
            let names = if rest.is_empty() {
                last.clone()
            } else {
                format!("{} and {last}", rest.join(", "))
            };
            let them = if rest.is_empty() { "it" } else { "them" };
            format!(
                "your function reads {names} from the session instead of its parameters: \
                 called with other inputs, it would still compute with {them}. Use {parameters} \
                 in the body"
            )
        }
        None => format!(
            "called with other inputs of the same values, your function does not follow \
             them: does its body read a name from the session instead of {parameters}?"
        ),
    }
}

/// The names (not attributes after a `.`) that `text` mentions.
pub fn identifiers(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut previous = ' ';
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() || c == '_' {
            if word.is_empty() && c.is_numeric() {
                previous = c;
                continue;
            }
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            if previous != '.' {
                names.push(std::mem::take(&mut word));
            } else {
                word.clear();
            }
        }
        previous = c;
    }
    names
}

/// The nodes a result holds: one node, or the nodes of a list or tuple of
/// them (nested up to [`MAX_NESTING`]).
fn nodes_of(value: &Value, depth: usize) -> Option<Vec<NodeId>> {
    let items = match value {
        Value::Node(id) => return Some(vec![*id]),
        Value::List(list) => list.snapshot(),
        Value::Tuple(items) => items.to_vec(),
        _ => return None,
    };
    if depth >= MAX_NESTING {
        return None;
    }
    let mut nodes = Vec::new();
    for item in &items {
        nodes.extend(nodes_of(item, depth + 1)?);
    }
    Some(nodes)
}

/// What a call's result is, in words, to the depth a learner would
/// notice: `one number`, `a list of one number`, `a list of 3 numbers`, a
/// tuple likewise. Lists of lists are `a list of 3 items`.
fn shape_of(value: &Value) -> String {
    let (what, items) = match value {
        Value::Node(_) => return "one number".into(),
        Value::List(list) => ("a list", list.snapshot()),
        Value::Tuple(items) => ("a tuple", items.to_vec()),
        _ => return value.kind().to_string(),
    };
    if items.iter().all(|item| matches!(item, Value::Node(_))) {
        let of = if items.len() == 1 {
            "one number".to_string()
        } else {
            numbers(items.len())
        };
        format!("{what} of {of}")
    } else {
        format!("{what} of {} items", items.len())
    }
}

/// `one number`, `33 numbers`.
fn numbers(n: usize) -> String {
    if n == 1 {
        "one number".into()
    } else {
        format!("{n} numbers")
    }
}

/// Why `expression` after the learner's loop (`got`) is not what it is
/// after the lesson's (`want`), in words: which of its numbers differs,
/// counted as a learner counts (the first, the 12th), and what it is.
fn left_differently(expression: &str, got: &[f64], want: &[f64]) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!(
            "after your loop, `{expression}` holds {}; it should hold {}",
            numbers(got.len()),
            numbers(want.len())
        ));
    }
    let at = got.iter().zip(want).position(|(&a, &b)| !near(a, b))?;
    let value = number::for_a_verdict(got[at], want[at]);
    if got.len() == 1 {
        return Some(format!(
            "after your loop, `{expression}` is {value}; that is not where this loop should leave it"
        ));
    }
    let agree = match at {
        0 => String::new(),
        1 => " (the first agrees)".into(),
        n => format!(" (the {n} before it agree)"),
    };
    Some(format!(
        "after your loop, `{expression}` holds {}, and the {} of them is {value}{agree}: that is not where this loop should leave it",
        numbers(got.len()),
        ordinal(at + 1)
    ))
}

/// `first`, `second`, `third`, then `4th`, `11th`, `22nd`, `33rd`.
fn ordinal(n: usize) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// Why the numbers a learner's loop printed are not the lesson's, without
/// giving the lesson's away.
fn printed_differently(got: &[f64], want: &[f64]) -> Option<String> {
    if let Some(at) = got.iter().zip(want).position(|(&a, &b)| !near(a, b)) {
        return Some(format!(
            "the {} number your loop printed, {}, is not what this loop should print there",
            ordinal(at + 1),
            number::for_a_verdict(got[at], want[at])
        ));
    }
    match got.len().cmp(&want.len()) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Less if got.is_empty() => {
            Some("your loop printed no numbers: `print(...)` what the question asks for".into())
        }
        std::cmp::Ordering::Less => Some(format!(
            "your loop printed {}, but it should print more: does it run for the steps asked?",
            match got.len() {
                1 => "1 number, and it agrees".to_string(),
                n => format!("{n} numbers, and they agree"),
            }
        )),
        std::cmp::Ordering::Greater => Some(format!(
            "your loop printed {} numbers, more than this loop should: does it run for the steps asked, and print only what is asked?",
            got.len()
        )),
    }
}

/// The numbers in printed lines, in order (words and punctuation around
/// them are ignored, and so is the `grad=` of a printed `Value(data=...,
/// grad=...)`: `print(L)` and `print(L.data)` print the same number).
pub fn numbers_in(lines: &[String]) -> Vec<f64> {
    let mut numbers = Vec::new();
    for line in lines {
        let mut after_grad = false;
        for word in line.split(|c: char| c.is_whitespace() || ",()[]=:;".contains(c)) {
            if word.is_empty() {
                continue;
            }
            match word.parse::<f64>() {
                Ok(number) if !after_grad => numbers.push(number),
                _ => {}
            }
            after_grad = word == "grad";
        }
    }
    numbers
}

/// The numbers `expression` gives in `session`: a number, a node, or a
/// list of them.
fn values_of(session: &mut Session, expression: &str) -> Result<Vec<f64>, String> {
    let value = session.eval_expr(expression).map_err(|e| e.message)?;
    let numbers = match &value {
        Value::Number(x) => Some(vec![*x]),
        Value::Int(whole) => Some(vec![*whole as f64]),
        _ => nodes_of(&value, 0).map(|nodes| {
            nodes
                .into_iter()
                .map(|id| session.graph.value(id))
                .collect()
        }),
    };
    numbers.ok_or_else(|| format!("it gives {}, not numbers", value.kind()))
}

fn near(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= LOOP_TOLERANCE * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_one_def_or_one_loop() {
        assert_eq!(
            shape("def f(x):\n    return x"),
            Some(Shape::Def("f".into()))
        );
        assert_eq!(shape("for i in range(3):\n    print(i)"), Some(Shape::Loop));
        assert_eq!(shape("while False:\n    pass"), Some(Shape::Loop));
        assert_eq!(shape("x = 1"), None);
        assert_eq!(shape("def f(x):\n    return x\nf(1)"), None);
        assert!(explores(&Shape::Def("f".into()), "f(2)"));
        assert!(!explores(
            &Shape::Def("f".into()),
            "def g(x):\n    return x"
        ));
        assert!(explores(&Shape::Loop, "lr = 0.1"));
        assert!(!explores(&Shape::Loop, "for i in range(2):\n    print(i)"));
        assert!(!explores(&Shape::Loop, "for i in"), "errors are shown");
    }

    #[test]
    fn printed_numbers_are_read_from_words_and_punctuation() {
        let lines = vec![
            "step 1 loss 0.25".to_string(),
            "[2, -3.5] w=4".into(),
            "Value(data=0.04, grad=1)".into(),
        ];
        assert_eq!(numbers_in(&lines), vec![1.0, 0.25, 2.0, -3.5, 4.0, 0.04]);
    }
}
