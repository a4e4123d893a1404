//! Evaluation: the small Python of the REPL turned into graph nodes, with
//! the session's names. Python binding semantics: a name refers to a value;
//! rebinding makes the name point elsewhere and leaves old graphs alone. The
//! first name a node is bound to in the session becomes its label in every
//! view (a function's locals label nothing: its result is named by the name
//! it is bound to outside, so views read like the learner's top-level code).
//!
//! The evaluator carries out every statement itself while it runs: echoes,
//! `print`, `show`, warnings and `train(...)` go to a [`Sink`] the caller
//! gives it (the console prints them; tests collect them), so any statement
//! works anywhere: in a loop body, in a function, in a lesson's check.

mod args;
mod builtins;
mod changes;
mod compact;
mod expr;
mod files;
mod flow;
pub mod function;
mod iterate;
mod lazy;
mod mistakes;
mod nn_builtins;
mod nn_views;
mod operators;
mod plain;
mod print;
mod python;
mod random;
pub mod sink;
mod stmt;
mod stuck;
mod suggest;
pub mod table;
mod value;

use std::collections::HashMap;
use std::sync::Arc;

use crate::data::Dataset;
use crate::engine::nn::Mlp;
use crate::engine::{BackwardReport, Graph, NodeId};
use crate::syntax::{self, ParseError, Span};

pub use nn_builtins::TrainRequest;
pub use plain::echo_float;
pub use print::{python_float, python_text};
pub use random::{rng_for, RandomStream};
pub use sink::{train_quietly, Sink};
pub use suggest::closest;
pub use table::{FUNCTIONS, METHODS};
pub use value::{Iter, List, Range, Value};

use function::Frame;

/// Stack for parsing one long input: deep enough for the longest
/// left-leaning chain the parser accepts (`1+1+…`, 50,000 operators),
/// whatever thread the caller runs on. Only touched pages are allocated.
const EVAL_STACK_BYTES: usize = 512 << 20;

/// How deep user functions may call each other (recursion included) before
/// the call fails with an error naming the function.
pub const MAX_CALL_DEPTH: usize = 200;

/// One input the evaluator runs: a line, or a compound statement with its
/// body (many lines), and where it came from. Spans are byte offsets into
/// `text`; a function keeps the chunk it was defined in, so an error in its
/// body points into the right text even when called from a later input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chunk {
    /// The source text.
    pub text: String,
    /// The script's name, for inputs read from a file or a pipe.
    pub script: Option<String>,
    /// The line of the script the text starts on (1-based; 1 at the prompt).
    pub first_line: usize,
}

impl Chunk {
    /// Text typed at the prompt (or given by a test).
    pub fn typed(text: &str) -> Arc<Chunk> {
        Arc::new(Chunk {
            text: text.to_string(),
            script: None,
            first_line: 1,
        })
    }

    /// The line holding byte `offset`: its index in the chunk (0-based),
    /// the byte where it starts, and its text (without the newline).
    pub fn line_at(&self, offset: usize) -> (usize, usize, &str) {
        let offset = offset.min(self.text.len());
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let index = self.text[..start].matches('\n').count();
        (index, start, &self.text[start..end])
    }

    /// True when the text spans more than one line.
    pub fn is_multiline(&self) -> bool {
        self.text.trim_end_matches('\n').contains('\n')
    }
}

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
    /// `show n` (or a part of it, `show n.L1`): the network layer by layer,
    /// its parts named from `name` as typed.
    ShowNetwork { name: String, model: Arc<Mlp> },
    /// `show d`: a few samples and the class counts.
    ShowData { name: String, data: Arc<Dataset> },
    /// `L.backward()` ran.
    Backward {
        root: NodeId,
        report: BackwardReport,
    },
    /// `x.data = v` changed a leaf and recomputed `recomputed` nodes.
    Nudged { leaf: NodeId, recomputed: usize },
    /// `print(...)`: one line of text, as Python prints it.
    Print(String),
    /// A note to the learner about what a statement did (`import random`
    /// says where its numbers come from): prose, wrapped to the width when
    /// written.
    Note(String),
    /// Math that left the reals, accumulation onto old gradients, ...
    Warning(Warning),
}

/// A warning: what, where, and how many times a loop raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// What happened, in a learner's words.
    pub message: String,
    /// Where, in `chunk` if set, else in the input being run.
    pub span: Span,
    /// How many times it was raised (a loop raising it on every iteration
    /// shows it once, with this count).
    pub repeats: usize,
    /// The input the span points into, when it is not the one being run
    /// (a function defined earlier).
    pub chunk: Option<Arc<Chunk>>,
}

/// An error in one statement, pointing at the problem.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct EvalError {
    /// What is wrong, in a learner's words.
    pub message: String,
    /// Where in the input (or in `chunk`, when set).
    pub span: Span,
    /// An optional extra line: a suggestion or the way out.
    pub help: Option<String>,
    /// Where it happened, innermost first: `in iteration 3 of for k (k = 2)`,
    /// `in neuron()`.
    pub context: Vec<String>,
    /// The input the span points into, when it is not the one being run
    /// (the body of a function defined earlier).
    pub chunk: Option<Arc<Chunk>>,
    /// True when Ctrl-C stopped the statement (not a mistake).
    pub interrupted: bool,
}

impl EvalError {
    /// An error with a message and where it is.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        EvalError {
            message: message.into(),
            span,
            help: None,
            context: Vec::new(),
            chunk: None,
            interrupted: false,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds where it happened (outer contexts are added later). The same
    /// place again, as recursion gives, counts instead of repeating:
    /// `in down() ×200`.
    pub(crate) fn within(mut self, context: String) -> Self {
        if let Some(last) = self.context.last_mut() {
            let (place, times) = match last.rsplit_once(" ×") {
                Some((place, times)) => (place, times.parse::<usize>().ok()),
                None => (last.as_str(), Some(1)),
            };
            if let (true, Some(times)) = (place == context, times) {
                *last = format!("{context} ×{}", times + 1);
                return self;
            }
        }
        self.context.push(context);
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
    EvalError::new(message, span)
}

/// The statements of one parsed input, run one at a time with
/// [`Session::run_statement`].
#[derive(Debug)]
pub struct Statements {
    list: Vec<syntax::ast::Stmt>,
    chunk: Arc<Chunk>,
}

impl Statements {
    /// How many statements the input holds.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True for an input with no statements (blank, or only `;`).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The statements themselves, in order.
    pub fn list(&self) -> &[syntax::ast::Stmt] {
        &self.list
    }

    /// The input they were parsed from.
    pub fn chunk(&self) -> &Arc<Chunk> {
        &self.chunk
    }

    /// Where statement `index` starts in the input (its end if there is no
    /// such statement).
    pub fn start_of(&self, index: usize) -> usize {
        self.list
            .get(index)
            .map_or(self.chunk.text.len(), |statement| statement.span.start)
    }
}

impl Drop for Statements {
    /// A long line's syntax tree can be tens of thousands of levels deep;
    /// dropping it recurses as deep, so it is dropped on the large stack.
    fn drop(&mut self) {
        let list = std::mem::take(&mut self.list);
        with_large_stack(self.chunk.text.len() > SHORT_LINE_BYTES, move || drop(list));
    }
}

/// Parses one input line into its statements on the large stack (as every
/// parse of user text is), for callers with no session at hand.
pub fn parse_statements(source: &str) -> Result<Statements, EvalError> {
    let chunk = Chunk::typed(source);
    let long = source.len() > SHORT_LINE_BYTES;
    let list = with_large_stack(long, || syntax::parse_line(source))?;
    Ok(Statements { list, chunk })
}

/// True if `source` parses as one expression; parsed, and its tree
/// dropped, on the large stack.
pub fn is_expression(source: &str) -> bool {
    with_large_stack(source.len() > SHORT_LINE_BYTES, || {
        syntax::parse_expression(source).is_ok()
    })
}

/// A REPL session: the graph and the names bound into it.
#[derive(Debug, Default)]
pub struct Session {
    /// Every node the session has built.
    pub graph: Graph,
    bindings: Vec<(String, Value)>,
    /// Where each name is in `bindings`: a long script binds hundreds of
    /// thousands of names, and a lookup must not read them all.
    positions: HashMap<String, usize>,
    /// Where random initialisation and data sets draw from (`:seed N`).
    random: RandomStream,
    /// Leaves changed inside a block whose dependants are not recomputed yet.
    pending: lazy::Pending,
    /// The last value a statement printed: what `_` reads (as in Python).
    last_printed: Option<Value>,
    /// Leaves made from plain numbers (`x = 2.0`): Python's floats.
    plain_leaves: plain::PlainLeaves,
    /// How many times the graph was compacted (its ids renamed): node ids
    /// of two copies of a session compare only while this is the same.
    compactions: u32,
}

impl Clone for Session {
    /// A copy whose lists are its own: changing a list in a lesson's scratch
    /// copy must not change the learner's.
    fn clone(&self) -> Self {
        let mut copies = HashMap::new();
        Session {
            graph: self.graph.clone(),
            bindings: self
                .bindings
                .iter()
                .map(|(name, value)| (name.clone(), compact::deep_copy(value, &mut copies)))
                .collect(),
            positions: self.positions.clone(),
            random: self.random,
            pending: self.pending.clone(),
            last_printed: self
                .last_printed
                .as_ref()
                .map(|value| compact::deep_copy(value, &mut copies)),
            plain_leaves: self.plain_leaves.clone(),
            compactions: self.compactions,
        }
    }
}

/// One input's evaluation: the session, where events go, and where in the
/// program it is (which function's locals, how deep in blocks).
pub(crate) struct Evaluator<'s> {
    session: &'s mut Session,
    sink: &'s mut dyn Sink,
    /// The running call's locals (`None` in the session's own scope).
    frame: Option<Frame>,
    /// Comprehension variables in scope, innermost last.
    comprehension: Vec<(String, Value)>,
    /// Blocks entered within the current top-level statement (0: the
    /// statement itself, which echoes).
    depth: usize,
    /// User function calls in progress.
    calls: usize,
    /// The input the spans being evaluated point into.
    chunk: Arc<Chunk>,
    /// The input the top-level statement came from.
    top_chunk: Arc<Chunk>,
    /// True when the top-level statement ends in `;`.
    silent: bool,
    /// Warnings raised inside blocks, shown once each with a count when the
    /// top-level statement ends.
    held_warnings: Vec<Warning>,
    /// Loops at the top level of the statement being run (their iterators
    /// are kept alive across a renumbering of the graph).
    top_loops: Vec<iterate::Items>,
    /// The loss the statement's last `backward()` started from, to notice
    /// a training loop whose loss stands still.
    last_backward_loss: Option<f64>,
}

impl<'s> Evaluator<'s> {
    fn new(
        session: &'s mut Session,
        sink: &'s mut dyn Sink,
        chunk: Arc<Chunk>,
        silent: bool,
    ) -> Self {
        Evaluator {
            session,
            sink,
            frame: None,
            comprehension: Vec::new(),
            depth: 0,
            calls: 0,
            top_chunk: chunk.clone(),
            chunk,
            silent,
            held_warnings: Vec::new(),
            top_loops: Vec::new(),
            last_backward_loss: None,
        }
    }

    fn graph(&mut self) -> &mut Graph {
        &mut self.session.graph
    }

    fn display_name(&self, id: NodeId) -> String {
        self.session.graph.display_name(id)
    }

    /// An echo (a binding, a value): only for a top-level statement that
    /// does not end in `;`.
    fn echo(&mut self, event: Event) {
        if self.depth == 0 && !self.silent {
            match &event {
                // `y = 5` echoes its value here (Python's prompt does not),
                // so it is printed, and `_` is it.
                Event::Value(value) | Event::Bound { value, .. } => {
                    self.session.last_printed = Some(value.clone())
                }
                Event::Number { value, .. } => {
                    self.session.last_printed = Some(Value::Number(*value))
                }
                _ => {}
            }
            self.emit(event);
        }
    }

    /// Hands an event to the sink now.
    fn emit(&mut self, event: Event) {
        self.session.flush_pending();
        self.sink.emit(self.session, event);
    }

    /// Raises a warning about `span` in the text being evaluated: at once
    /// for a plain statement, once with a count for a block.
    fn warn(&mut self, message: String, span: Span) {
        let chunk = (!Arc::ptr_eq(&self.chunk, &self.top_chunk)).then(|| self.chunk.clone());
        let warning = Warning {
            message,
            span,
            repeats: 1,
            chunk,
        };
        if self.depth == 0 {
            self.emit(Event::Warning(warning));
            return;
        }
        let same = |held: &&mut Warning| {
            held.message == warning.message
                && held.span == warning.span
                && held.chunk.as_ref().map(Arc::as_ptr) == warning.chunk.as_ref().map(Arc::as_ptr)
        };
        let room = self.held_warnings.len() < MAX_HELD_WARNINGS;
        match self.held_warnings.iter_mut().find(same) {
            Some(held) => held.repeats += 1,
            None if room => self.held_warnings.push(warning),
            None => {}
        }
    }

    /// Shows the warnings a block held back.
    fn release_warnings(&mut self) {
        for warning in std::mem::take(&mut self.held_warnings) {
            self.emit(Event::Warning(warning));
        }
    }

    /// Fails if Ctrl-C was pressed: loops, calls and comprehensions ask
    /// before each step, so any program stops within a moment.
    fn check_interrupt(&mut self, span: Span) -> Result<(), EvalError> {
        if self.sink.interrupted() {
            let mut stop = error("stopped by Ctrl-C", span);
            stop.interrupted = true;
            return Err(stop);
        }
        Ok(())
    }
}

/// Different warnings a block keeps for the end of its statement.
const MAX_HELD_WARNINGS: usize = 50;

impl Session {
    /// A fresh session with no names bound (`pi` and `e` are built in).
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs one input (statements separated by `;` or newlines, compound
    /// statements with their bodies), handing what each statement does to
    /// `sink` while it runs. What ran before an error stays done, as in
    /// Python. A `Vec<Event>` is a sink that collects the events.
    pub fn run(&mut self, source: &str, sink: &mut dyn Sink) -> Result<(), EvalError> {
        let statements = self.parse_line(source)?;
        for index in 0..statements.len() {
            self.run_statement(&statements, index, sink)?;
        }
        Ok(())
    }

    /// Parses one input typed at the prompt into its statements.
    pub fn parse_line(&self, source: &str) -> Result<Statements, EvalError> {
        self.parse_chunk(Chunk::typed(source))
    }

    /// Parses one input into its statements, to run one at a time.
    pub fn parse_chunk(&self, chunk: Arc<Chunk>) -> Result<Statements, EvalError> {
        let long = chunk.text.len() > SHORT_LINE_BYTES;
        let list = with_large_stack(long, || syntax::parse_line(&chunk.text))?;
        Ok(Statements { list, chunk })
    }

    /// Runs statement `index` of a parsed input, handing its events to
    /// `sink` as they happen (only warnings, prints and actions if it ends
    /// in `;`).
    pub fn run_statement(
        &mut self,
        statements: &Statements,
        index: usize,
        sink: &mut dyn Sink,
    ) -> Result<(), EvalError> {
        let Some(statement) = statements.list.get(index) else {
            return Ok(());
        };
        let mut evaluator = Evaluator::new(self, sink, statements.chunk.clone(), statement.silent);
        let result = evaluator.top_statement(statement);
        evaluator.release_warnings();
        evaluator.session.flush_pending();
        result
    }

    /// Evaluates one expression without binding anything (warnings are
    /// dropped).
    pub fn eval_expr(&mut self, source: &str) -> Result<Value, EvalError> {
        let long = source.len() > SHORT_LINE_BYTES;
        let expr = with_large_stack(long, || syntax::parse_expression(source))?;
        let mut events: Vec<Event> = Vec::new();
        let mut evaluator = Evaluator::new(self, &mut events, Chunk::typed(source), true);
        let value = evaluator.eval(&expr);
        evaluator.session.flush_pending();
        // A deep tree is dropped where it was built: on the large stack.
        with_large_stack(long, move || drop(expr));
        value
    }

    /// The value bound to `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<&Value> {
        self.positions.get(name).map(|&at| &self.bindings[at].1)
    }

    /// The node bound to `name`, if it is bound to a node.
    pub fn node(&self, name: &str) -> Option<NodeId> {
        match self.lookup(name) {
            Some(Value::Node(id)) => Some(*id),
            _ => None,
        }
    }

    /// The last value a statement printed (`_`), if any.
    pub fn last_printed(&self) -> Option<&Value> {
        self.last_printed.as_ref()
    }

    /// Every binding, in the order names were first bound.
    pub fn bindings(&self) -> &[(String, Value)] {
        &self.bindings
    }

    /// Binds `name` (keeping its place if it was bound before).
    pub fn bind(&mut self, name: &str, value: Value) {
        match self.positions.get(name) {
            Some(&at) => self.bindings[at].1 = value,
            None => {
                self.positions.insert(name.to_string(), self.bindings.len());
                self.bindings.push((name.to_string(), value));
            }
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

    /// Where the next random construct will draw from: a lesson keeps its
    /// own, so a learner's look that builds a network between its steps
    /// does not change the numbers the lesson's text quotes.
    pub fn random_stream(&self) -> RandomStream {
        self.random
    }

    /// Draws the next random constructs from `stream` (one kept with
    /// [`Self::random_stream`]).
    pub fn set_random_stream(&mut self, stream: RandomStream) {
        self.random = stream;
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

/// Runs `work`, first growing the stack if less than a comfortable margin
/// is left: evaluation recurses once per nesting level of the program (and
/// once per call of a user function), so deep programs get a longer stack
/// instead of overflowing it, whatever thread runs them.
pub(crate) fn grow<T>(work: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, work)
}

/// Room left on the stack below which [`grow`] adds a segment.
const STACK_RED_ZONE: usize = 256 << 10;
/// Size of each added stack segment.
const STACK_SEGMENT: usize = 8 << 20;

/// Inputs up to this many bytes without compound statements cannot nest or
/// chain deep enough to need more than a small thread's stack, so they run
/// in place: spawning a thread per line made long scripts spend most of
/// their time mapping and unmapping stacks.
const SHORT_LINE_BYTES: usize = 512;

/// Runs `work` on a thread with a large stack when `large`, so the
/// recursive parts of parsing and evaluation can never overflow on accepted
/// input. Falls back to the current thread if no thread can be spawned.
fn with_large_stack<T: Send>(large: bool, work: impl FnOnce() -> T + Send) -> T {
    if !large {
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
