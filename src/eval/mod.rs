//! Evaluation: statements of the language turned into graph nodes, with an
//! environment of names. Python binding semantics: a name refers to a node;
//! rebinding makes the name point elsewhere and leaves old graphs alone. The
//! first name a node is bound to becomes its label in every view.

mod args;
mod builtins;
mod expr;
mod nn_builtins;
mod random;
mod stmt;
mod suggest;
mod value;

use crate::engine::{BackwardReport, Graph, NodeId};
use crate::syntax::{self, ParseError, Span};

pub use builtins::{FUNCTIONS, METHODS};
pub use nn_builtins::TrainRequest;
pub use random::{rng_for, RandomStream};
pub use suggest::closest;
pub use value::Value;

/// Stack for evaluating one line: deep enough for the longest left-leaning
/// chain the parser accepts (`1+1+…`, 50,000 operators), whatever thread
/// the caller runs on. Only touched pages are ever allocated.
const EVAL_STACK_BYTES: usize = 512 << 20;

/// Something a statement did that the REPL may print.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `name = expr` (or `+=` ...): echo as `name = value` unless silenced.
    Bound { name: String, value: Value },
    /// A bare expression's value.
    Value(Value),
    /// A number read on its own (`x.data`, `x.grad`), with an optional note
    /// such as "stale: computed before a.data changed".
    Number { value: f64, note: Option<String> },
    /// `show L`.
    Show(NodeId),
    /// `L.backward()` ran.
    Backward {
        root: NodeId,
        report: BackwardReport,
    },
    /// `x.data = v` changed a leaf and recomputed `recomputed` nodes.
    Nudged { leaf: NodeId, recomputed: usize },
    /// Math that left the reals, accumulation onto old gradients, ...
    Warning { message: String, span: Span },
    /// `train(n, data, ...)`: the console runs it, printing progress and
    /// stopping on Ctrl-C, then writes the weights back into the graph.
    Train(Box<TrainRequest>),
}

impl Event {
    /// Warnings are shown even for statements silenced with `;`, and a
    /// silenced `train(...);` still trains: `;` hides a value's echo, not
    /// an action (as in Octave).
    fn survives_silencing(&self) -> bool {
        matches!(self, Event::Warning { .. } | Event::Train(_))
    }
}

/// An error in one statement, pointing at the problem.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct EvalError {
    /// What is wrong, in a learner's words.
    pub message: String,
    /// Where in the line.
    pub span: Span,
    /// An optional extra line: a suggestion or the way out.
    pub help: Option<String>,
}

impl EvalError {
    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl From<ParseError> for EvalError {
    fn from(e: ParseError) -> Self {
        EvalError {
            help: e.help,
            ..error(e.message, e.span)
        }
    }
}

pub(crate) fn error(message: impl Into<String>, span: Span) -> EvalError {
    EvalError {
        message: message.into(),
        span,
        help: None,
    }
}

/// The error for a construct the parser knows and the evaluator does not run
/// yet (kept until the evaluator for the small Python lands).
pub(crate) fn not_supported(what: &str, span: Span) -> EvalError {
    error(format!("{what} is not supported yet"), span)
}

/// The statements of one parsed line, run one at a time with
/// [`Session::run_statement`] so each one's effects (training, views) happen
/// before the next statement starts.
#[derive(Debug)]
pub struct Statements {
    list: Vec<syntax::ast::Stmt>,
    line_bytes: usize,
}

impl Statements {
    /// How many statements the line holds.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True for a line with no statements (blank, or only `;`).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The statements themselves, in order.
    pub fn list(&self) -> &[syntax::ast::Stmt] {
        &self.list
    }

    /// Where statement `index` starts in the line (the line's end if there
    /// is no such statement).
    pub fn start_of(&self, index: usize) -> usize {
        self.list
            .get(index)
            .map_or(self.line_bytes, |statement| statement.span.start)
    }
}

impl Drop for Statements {
    /// A long line's syntax tree can be tens of thousands of levels deep;
    /// dropping it recurses as deep, so it is dropped on the large stack.
    fn drop(&mut self) {
        let list = std::mem::take(&mut self.list);
        with_large_stack(self.line_bytes, move || drop(list));
    }
}

/// Parses one input line into its statements on the large stack (as every
/// parse of user text is), for callers with no session at hand.
pub fn parse_statements(source: &str) -> Result<Statements, EvalError> {
    let list = with_large_stack(source.len(), || syntax::parse_line(source))?;
    Ok(Statements {
        list,
        line_bytes: source.len(),
    })
}

/// True if `source` parses as one expression; parsed, and its tree
/// dropped, on the large stack.
pub fn is_expression(source: &str) -> bool {
    with_large_stack(source.len(), || syntax::parse_expression(source).is_ok())
}

/// A REPL session: the graph and the names bound into it.
#[derive(Clone, Debug, Default)]
pub struct Session {
    /// Every node the session has built.
    pub graph: Graph,
    bindings: Vec<(String, Value)>,
    /// Where random initialisation and data sets draw from (`:seed N`).
    random: RandomStream,
}

/// One line's evaluation: the session plus where events go.
pub(crate) struct Evaluator<'s> {
    session: &'s mut Session,
    events: &'s mut Vec<Event>,
}

impl Evaluator<'_> {
    fn graph(&mut self) -> &mut Graph {
        &mut self.session.graph
    }

    fn display_name(&self, id: NodeId) -> String {
        self.session.graph.display_name(id)
    }
}

impl Session {
    /// A fresh session with no names bound (`pi` and `e` are built in).
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs one input line (one or more `;`-separated statements). Events of
    /// statements that ran before an error are pushed to `events` too: their
    /// effects persist, as in Python. Statements ending in `;` push only
    /// their warnings. A caller that must act on a statement's events before
    /// the next statement runs (training, views) uses [`Session::parse_line`]
    /// and [`Session::run_statement`] instead.
    pub fn run(&mut self, source: &str, events: &mut Vec<Event>) -> Result<(), EvalError> {
        let statements = self.parse_line(source)?;
        for index in 0..statements.len() {
            self.run_statement(&statements, index, events)?;
        }
        Ok(())
    }

    /// Parses one input line into its statements, to run one at a time.
    pub fn parse_line(&self, source: &str) -> Result<Statements, EvalError> {
        parse_statements(source)
    }

    /// Runs statement `index` of a parsed line, pushing its events (only
    /// warnings and training if it ends in `;`).
    pub fn run_statement(
        &mut self,
        statements: &Statements,
        index: usize,
        events: &mut Vec<Event>,
    ) -> Result<(), EvalError> {
        let Some(statement) = statements.list.get(index) else {
            return Ok(());
        };
        let length = statement.span.end.saturating_sub(statement.span.start);
        with_large_stack(length, || {
            let mut produced = Vec::new();
            let result = Evaluator {
                session: self,
                events: &mut produced,
            }
            .statement(statement);
            events.extend(
                produced
                    .into_iter()
                    .filter(|e| !statement.silent || e.survives_silencing()),
            );
            result
        })
    }

    /// Evaluates one expression without binding anything (warnings are
    /// dropped).
    pub fn eval_expr(&mut self, source: &str) -> Result<Value, EvalError> {
        with_large_stack(source.len(), || {
            let expr = syntax::parse_expression(source)?;
            let mut events = Vec::new();
            Evaluator {
                session: self,
                events: &mut events,
            }
            .eval(&expr)
        })
    }

    /// The value bound to `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<&Value> {
        self.bindings
            .iter()
            .find(|(bound, _)| bound == name)
            .map(|(_, value)| value)
    }

    /// The node bound to `name`, if it is bound to a node.
    pub fn node(&self, name: &str) -> Option<NodeId> {
        match self.lookup(name) {
            Some(Value::Node(id)) => Some(*id),
            _ => None,
        }
    }

    /// Every binding, in the order names were first bound.
    pub fn bindings(&self) -> &[(String, Value)] {
        &self.bindings
    }

    /// Binds `name` (keeping its place if it was bound before).
    pub fn bind(&mut self, name: &str, value: Value) {
        match self.bindings.iter_mut().find(|(bound, _)| bound == name) {
            Some(slot) => slot.1 = value,
            None => self.bindings.push((name.to_string(), value)),
        }
    }

    /// The seed random constructs draw from (`:seed N`; 0 at first).
    pub fn seed(&self) -> u64 {
        self.random.seed()
    }

    /// How many random constructs (networks, built-in data sets) have drawn
    /// from the seed since `:seed` or `:reset`.
    pub fn random_draws(&self) -> u64 {
        self.random.drawn()
    }

    /// `:seed N`: random constructs start again from the first of `seed`'s
    /// stream.
    pub fn set_seed(&mut self, seed: u64) {
        self.random.set_seed(seed);
    }

    /// Forgets every name and node, and starts the random stream again from
    /// the first construct of the same seed.
    pub fn reset(&mut self) {
        let mut random = self.random;
        random.restart();
        *self = Self {
            random,
            ..Self::new()
        };
    }
}

/// Lines up to this many bytes cannot nest or chain deep enough to need
/// more than a small thread's stack (at most a few hundred levels), so they
/// run in place: spawning a thread per line made long scripts spend most of
/// their time mapping and unmapping stacks.
const SHORT_LINE_BYTES: usize = 512;

/// Runs `work` on a thread with a large stack, so the recursive parts of
/// parsing and evaluation can never overflow on accepted input. Falls back
/// to the current thread if no thread can be spawned.
fn with_large_stack<T: Send>(source_bytes: usize, work: impl FnOnce() -> T + Send) -> T {
    if source_bytes <= SHORT_LINE_BYTES {
        return work();
    }
    let work = std::sync::Mutex::new(Some(work));
    let take = || {
        work.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
            .expect("the work runs once")
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .stack_size(EVAL_STACK_BYTES)
            .spawn_scoped(scope, || take()());
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => take()(),
        }
    })
}
