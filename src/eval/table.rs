//! The one table of built-ins: every function, method and constructor the
//! language knows, with its arity, keywords and defaults, a one-line help
//! and its implementation. Evaluation dispatches through it; completion,
//! did-you-mean, `:help NAME` and the lesson grader read it; the keywords
//! of `train(...)` are declared here once (a test checks `micrograd train
//! --help` against them).

use std::sync::LazyLock;

use crate::engine::{NodeId, Op};

use super::args::Call;
use super::{python, EvalError, Evaluator, Value};
use crate::syntax::Span;

/// Where a built-in is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `f(x)` only.
    Function,
    /// `f(x)` and `x.f()` on a number.
    NumberFunction,
    /// `x.f()` on a number only.
    NumberMethod,
    /// `Value(...)`, `MLP(...)`, `moons(...)`: makes something.
    Constructor,
    /// `n.f(...)` on a network.
    NetworkMethod,
    /// `xs.f(...)` on a list.
    ListMethod,
    /// `math.f(x)` / `random.f(...)`.
    ModuleFunction(&'static str),
}

pub use super::args::Keyword;

/// One built-in.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The name as typed.
    pub name: &'static str,
    /// Where it is called.
    pub kind: Kind,
    /// How many positional arguments: at least, at most (`None`: any).
    pub arity: (usize, Option<usize>),
    /// Keyword arguments and their defaults.
    pub keywords: &'static [Keyword],
    /// Usage, as `tanh(x)`.
    pub usage: &'static str,
    /// One line of help.
    pub help: &'static str,
    /// A line to type that shows it at work: what `:help NAME` shows (a
    /// test runs each).
    pub example: &'static str,
    pub(super) run: Run,
}

/// How a built-in runs.
#[derive(Clone, Copy)]
pub(super) enum Run {
    /// A math function of one number (a node, or a plain number).
    Unary(fn(NodeId) -> Op),
    /// `pow(x, y)` / `x.pow(y)`.
    Pow,
    /// A graph action on one node.
    Action(Action),
    /// Takes its arguments evaluated.
    Values(ValuesFn),
    /// Reads its arguments itself (literal layer sizes, many keywords).
    Syntax(SyntaxFn),
    /// A method of networks, lists or modules, dispatched by receiver.
    Method,
}

/// A built-in that takes evaluated arguments.
pub(super) type ValuesFn = fn(&mut Evaluator, python::Arguments, Span) -> Result<Value, EvalError>;
/// A built-in that reads its arguments itself.
pub(super) type SyntaxFn = fn(&mut Evaluator, &mut Call) -> Result<Value, EvalError>;

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Run::Unary(_) => "Unary",
            Run::Pow => "Pow",
            Run::Action(_) => "Action",
            Run::Values(_) => "Values",
            Run::Syntax(_) => "Syntax",
            Run::Method => "Method",
        })
    }
}

/// The graph actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Action {
    Backward,
    ZeroGrad,
    Show,
}

/// A row of [`BUILTINS`] without keywords (`Builtin { keywords, ..row(...) }`
/// adds them).
const fn row(
    name: &'static str,
    kind: Kind,
    arity: (usize, Option<usize>),
    usage: &'static str,
    help: &'static str,
    example: &'static str,
    run: Run,
) -> Builtin {
    Builtin {
        name,
        kind,
        arity,
        keywords: &[],
        usage,
        help,
        example,
        run,
    }
}

const ONE: (usize, Option<usize>) = (1, Some(1));
const ANY: (usize, Option<usize>) = (0, None);

/// The keywords of `train(n, d, ...)`, with their defaults: the REPL's
/// keyword parser, `:help networks` and the CLI test read this list.
pub const TRAIN_KEYWORDS: &[Keyword] = &[
    Keyword { name: "loss", default: "\"hinge\"", help: "or \"mse\", \"bce\"; \"ce\" (softmax), the default for 3+ classes" },
    Keyword { name: "opt", default: "\"sgd\"", help: "or \"momentum\", \"adagrad\", \"rmsprop\", \"adam\"" },
    Keyword { name: "lr", default: "1", help: "learning rate (sgd); momentum 0.05, adagrad 0.1, others 0.01" },
    Keyword { name: "steps", default: "100", help: "optimizer steps (Ctrl-C stops early, keeping the weights)" },
    Keyword { name: "decay", default: "1", help: "1: lr falls linearly to 10 % of its start; 0: constant" },
    Keyword { name: "batch", default: "all", help: "samples per step, drawn at random" },
    Keyword { name: "accumulate", default: "1", help: "micro-batches per step whose gradients add up first" },
    Keyword { name: "l2", default: "0.0001", help: "weight of the L2 penalty + l2·Σp²" },
    Keyword { name: "l1", default: "0", help: "weight of the L1 penalty + l1·Σ|p|" },
    Keyword { name: "holdout", default: "0", help: "fraction of d kept out of training, its loss shown beside" },
    Keyword { name: "test", default: "0", help: "fraction of d kept apart first (holdout takes its share of the rest), scored once at the end" },
    Keyword { name: "patience", default: "none", help: "stop when the held-out loss has not improved for this many progress lines (needs holdout); keeps the best weights" },
    Keyword { name: "dropout", default: "0", help: "fraction of hidden units dropped at random each step (off when scoring)" },
    Keyword { name: "standardize", default: "1", help: "1: scale the features of CSV files and dataset() by the training part's mean and std; 0: as they are" },
    Keyword { name: "seed", default: "N", help: "batches and the held-out part drawn from N (default: :seed)" },
    Keyword { name: "every", default: "steps/10", help: "a progress line every this many steps (and the first within about a second)" },
    Keyword { name: "plot", default: "1", help: "then draw the loss curve and decision boundary (0: don't; \"FILE.svg\": as a picture in FILE, a new one; \"FILE.svg!\" replaces it)" },
];

const LOSS_KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "loss",
        default: "\"hinge\"",
        help: "as train's",
    },
    Keyword {
        name: "l2",
        default: "0.0001",
        help: "as train's",
    },
    Keyword {
        name: "l1",
        default: "0",
        help: "as train's",
    },
];

const MLP_KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "activation",
        default: "\"tanh\"",
        help: "the hidden layers': \"tanh\" is the lecture's network; \"relu\" (nn.py's), \"sigmoid\", \"linear\"",
    },
    Keyword {
        name: "output",
        default: "\"tanh\"|\"linear\"",
        help: "the last layer's; by default tanh after tanh hidden layers, linear (scores, as nn.py's) after any other",
    },
    Keyword {
        name: "seed",
        default: "the session's stream",
        help: "draw the weights from exactly this seed",
    },
];

const LAYER_KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "nonlin",
        default: "True",
        help: "False for a linear neuron, as in nn.py",
    },
    Keyword {
        name: "activation",
        default: "\"relu\"",
        help: "or \"tanh\", \"sigmoid\", \"linear\"",
    },
    Keyword {
        name: "seed",
        default: "the session's stream",
        help: "draw the weights from exactly this seed",
    },
];

const DATA_KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "noise",
        default: "0.1",
        help: "standard deviation of the noise",
    },
    Keyword {
        name: "seed",
        default: "the session's stream",
        help: "draw the points from exactly this seed",
    },
];

const CSV_KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "label",
        default: "the last column",
        help: "the label column, by header name or number from 1",
    },
    Keyword {
        name: "delimiter",
        default: "detected",
        help: "\",\", \";\" or \"tab\"",
    },
    Keyword {
        name: "task",
        default: "from the labels",
        help: "\"classify\" or \"regress\"",
    },
];

use Kind::*;

/// Every built-in, in the order help lists them.
pub static BUILTINS: &[Builtin] = &[
    row(
        "tanh",
        NumberFunction,
        ONE,
        "tanh(x)",
        "hyperbolic tangent, the lecture's neuron activation",
        "x = Value(0.5); y = x.tanh(); y.backward(); x.grad",
        Run::Unary(Op::Tanh),
    ),
    row(
        "exp",
        NumberFunction,
        ONE,
        "exp(x)",
        "e to the power x",
        "x = Value(1.0); y = exp(x); y.backward(); x.grad",
        Run::Unary(Op::Exp),
    ),
    row(
        "log",
        NumberFunction,
        ONE,
        "log(x)",
        "natural logarithm (NaN below 0, with a warning)",
        "x = Value(2.0); y = log(x); y.backward(); x.grad",
        Run::Unary(Op::Log),
    ),
    row(
        "relu",
        NumberFunction,
        ONE,
        "relu(x)",
        "max(0, x); its derivative at 0 is 0, as in PyTorch",
        "x = Value(-1.0); y = x.relu(); y.backward(); x.grad",
        Run::Unary(Op::Relu),
    ),
    row(
        "sigmoid",
        NumberFunction,
        ONE,
        "sigmoid(x)",
        "1 / (1 + exp(-x))",
        "x = Value(0.0); y = sigmoid(x); y.backward(); x.grad",
        Run::Unary(Op::Sigmoid),
    ),
    row(
        "sin",
        NumberFunction,
        ONE,
        "sin(x)",
        "sine (radians)",
        "x = Value(0.0); y = sin(x); y.backward(); x.grad",
        Run::Unary(Op::Sin),
    ),
    row(
        "cos",
        NumberFunction,
        ONE,
        "cos(x)",
        "cosine (radians)",
        "x = Value(0.0); y = cos(x); y.backward(); x.grad",
        Run::Unary(Op::Cos),
    ),
    row(
        "sqrt",
        NumberFunction,
        ONE,
        "sqrt(x)",
        "square root",
        "x = Value(4.0); y = sqrt(x); y.backward(); x.grad",
        Run::Unary(Op::Sqrt),
    ),
    row(
        "abs",
        NumberFunction,
        ONE,
        "abs(x)",
        "absolute value (derivative 0 at 0)",
        "x = Value(-2.0); y = abs(x); y.backward(); x.grad",
        Run::Unary(Op::Abs),
    ),
    row(
        "pow",
        NumberFunction,
        (2, Some(2)),
        "pow(x, y)",
        "x ** y; as a method x.pow(y)",
        "x = Value(3.0); y = x.pow(2); y.backward(); x.grad",
        Run::Pow,
    ),
    row(
        "backward",
        NumberFunction,
        ONE,
        "L.backward()",
        "reverse mode from L: fills .grad of everything L depends on (gradients add up)",
        "a = Value(2.0); L = a * a; L.backward(); a.grad",
        Run::Action(Action::Backward),
    ),
    row(
        "zero_grad",
        NumberFunction,
        ONE,
        "L.zero_grad()",
        "sets the gradients under L to 0",
        "a = Value(2.0); L = a * a; L.backward(); L.zero_grad(); a.grad",
        Run::Action(Action::ZeroGrad),
    ),
    row(
        "show",
        NumberFunction,
        ONE,
        "show L",
        "the graph under L as a tree",
        "a = Value(2.0); L = a * 3 + 1; show L",
        Run::Action(Action::Show),
    ),
    Builtin {
        keywords: MLP_KEYWORDS,
        ..row(
            "MLP",
            Constructor,
            (2, Some(3)),
            "MLP(2, [16, 16, 1])",
            "a network: inputs, then layer sizes (the last is the output)",
            "n = MLP(2, [4, 1]); n([0.5, -0.3])",
            Run::Syntax(super::nn_builtins::make_mlp),
        )
    },
    Builtin {
        keywords: LAYER_KEYWORDS,
        ..row(
            "Neuron",
            Constructor,
            (1, Some(1)),
            "Neuron(3)",
            "one neuron of micrograd's nn.py: n(x) is relu(w·x + b)",
            "u = Neuron(2); u([0.5, -0.3])",
            Run::Syntax(super::nn_builtins::make_layer),
        )
    },
    Builtin {
        keywords: LAYER_KEYWORDS,
        ..row(
            "Layer",
            Constructor,
            (2, Some(2)),
            "Layer(3, 4)",
            "a layer of neurons of micrograd's nn.py: l(x) is a list",
            "l = Layer(2, 3); l([0.5, -0.3])",
            Run::Syntax(super::nn_builtins::make_layer),
        )
    },
    Builtin {
        keywords: DATA_KEYWORDS,
        ..row(
            "moons",
            Constructor,
            (0, Some(2)),
            "moons(100, noise=0.1)",
            "two interleaved half circles, 2 classes",
            "d = moons(20, noise=0.1); len(d)",
            Run::Syntax(super::nn_builtins::make_data),
        )
    },
    Builtin {
        keywords: DATA_KEYWORDS,
        ..row(
            "circles",
            Constructor,
            (0, Some(2)),
            "circles(100, noise=0.1)",
            "a ring around a disc, 2 classes",
            "d = circles(20); len(d)",
            Run::Syntax(super::nn_builtins::make_data),
        )
    },
    Builtin {
        keywords: DATA_KEYWORDS,
        ..row(
            "xor",
            Constructor,
            (0, Some(2)),
            "xor(100, noise=0.1)",
            "four clusters, opposite corners alike, 2 classes",
            "d = xor(20); len(d)",
            Run::Syntax(super::nn_builtins::make_data),
        )
    },
    Builtin {
        keywords: DATA_KEYWORDS,
        ..row(
            "spiral",
            Constructor,
            (0, Some(2)),
            "spiral(100, noise=0.1)",
            "three interleaved spiral arms, 3 classes",
            "d = spiral(30); len(d)",
            Run::Syntax(super::nn_builtins::make_data),
        )
    },
    Builtin {
        keywords: CSV_KEYWORDS,
        ..row(
            "csv",
            Constructor,
            ONE,
            "csv(\"points.csv\")",
            "a data set from a CSV file (a header row, quotes, ; or tab are fine)",
            "d = csv(\"points.csv\"); len(d)",
            Run::Syntax(super::files::read_csv),
        )
    },
    row(
        "dataset",
        Constructor,
        (2, Some(2)),
        "dataset(xs, ys)",
        "a data set from lists: rows of features xs, their labels ys",
        "d = dataset([[1.0, 2.0], [3.0, 4.0]], [-1, 1]); len(d)",
        Run::Values(super::files::from_lists),
    ),
    Builtin {
        keywords: TRAIN_KEYWORDS,
        ..row(
            "train",
            Function,
            (2, Some(2)),
            "train(n, d, steps=100)",
            "trains network n on data set d, printing progress",
            "n = MLP(2, [8, 1]); d = moons(40); train(n, d, steps=20, plot=0)",
            Run::Syntax(super::nn_builtins::train),
        )
    },
    row(
        "len",
        Function,
        ONE,
        "len(xs)",
        "how many items in a list, tuple, range, string or data set",
        "len([1, 2, 3])",
        Run::Values(python::length),
    ),
    row(
        "Value",
        Constructor,
        (1, Some(1)),
        "Value(2.0, label='a')",
        "a leaf holding a number (the lecture's Value)",
        "a = Value(2.0, label='a'); a.data",
        Run::Values(python::value),
    ),
    row(
        "range",
        Function,
        (1, Some(3)),
        "range(stop) / range(start, stop, step)",
        "the whole numbers start, start+step, ... before stop",
        "list(range(3))",
        Run::Values(python::range),
    ),
    row(
        "sum",
        Function,
        (1, Some(2)),
        "sum(xs)",
        "adds the items (a node if any is a node): sum(w*x for w, x in zip(ws, xs))",
        "ws = [1.0, 2.0]; xs = [3.0, 4.0]; sum(w*x for w, x in zip(ws, xs))",
        Run::Values(python::sum),
    ),
    row(
        "min",
        Function,
        (1, None),
        "min(xs) / min(a, b)",
        "the smallest item, by value",
        "min([3, 1, 2])",
        Run::Values(python::min),
    ),
    row(
        "max",
        Function,
        (1, None),
        "max(xs) / max(a, b)",
        "the largest item, by value",
        "max(3, 1, 2)",
        Run::Values(python::max),
    ),
    row(
        "zip",
        Function,
        ANY,
        "zip(ws, xs)",
        "pairs up items: (ws[0], xs[0]), (ws[1], xs[1]), ...",
        "list(zip([1, 2], [3, 4]))",
        Run::Values(python::zip),
    ),
    row(
        "enumerate",
        Function,
        (1, Some(2)),
        "enumerate(xs)",
        "pairs (0, xs[0]), (1, xs[1]), ...",
        "list(enumerate([5, 6]))",
        Run::Values(python::enumerate),
    ),
    row(
        "list",
        Function,
        (0, Some(1)),
        "list(xs)",
        "a new list of the items",
        "list(range(3))",
        Run::Values(python::list),
    ),
    row(
        "print",
        Function,
        ANY,
        "print(k, loss.data)",
        "writes its arguments separated by spaces, as Python does",
        "print('loss', 0.25)",
        Run::Values(python::print),
    ),
    row(
        "parameters",
        NetworkMethod,
        (0, Some(0)),
        "n.parameters()",
        "every weight and bias of the network, as nodes",
        "n = MLP(2, [3, 1]); len(n.parameters())",
        Run::Method,
    ),
    Builtin {
        keywords: LOSS_KEYWORDS,
        ..row(
            "loss",
            NetworkMethod,
            ONE,
            "n.loss(d)",
            "the loss over data set d as a graph to show and backward",
            "n = MLP(2, [4, 1]); d = moons(20); L = n.loss(d); L.backward()",
            Run::Method,
        )
    },
    Builtin {
        keywords: LOSS_KEYWORDS,
        ..row(
            "accuracy",
            NetworkMethod,
            ONE,
            "n.accuracy(d)",
            "the fraction of d the network classifies right",
            "n = MLP(2, [4, 1]); d = moons(20); n.accuracy(d)",
            Run::Method,
        )
    },
    row(
        "append",
        ListMethod,
        ONE,
        "xs.append(x)",
        "adds x at the end of the list",
        "xs = [1, 2]; xs.append(3); xs",
        Run::Method,
    ),
    row(
        "extend",
        ListMethod,
        ONE,
        "xs.extend(ys)",
        "adds every item of ys at the end",
        "xs = [1]; xs.extend([2, 3]); xs",
        Run::Method,
    ),
    row(
        "pop",
        ListMethod,
        (0, Some(1)),
        "xs.pop()",
        "removes and gives the last item (or the one at a position)",
        "xs = [1, 2, 3]; xs.pop()",
        Run::Method,
    ),
    row(
        "exp",
        ModuleFunction("math"),
        ONE,
        "math.exp(x)",
        "e to the power x, of a plain number",
        "import math; math.exp(1.0)",
        Run::Method,
    ),
    row(
        "log",
        ModuleFunction("math"),
        (1, Some(2)),
        "math.log(x)",
        "natural logarithm of a plain number",
        "import math; math.log(10.0)",
        Run::Method,
    ),
    row(
        "tanh",
        ModuleFunction("math"),
        ONE,
        "math.tanh(x)",
        "hyperbolic tangent of a plain number",
        "import math; math.tanh(0.5)",
        Run::Method,
    ),
    row(
        "sqrt",
        ModuleFunction("math"),
        ONE,
        "math.sqrt(x)",
        "square root of a plain number",
        "import math; math.sqrt(2.0)",
        Run::Method,
    ),
    row(
        "sin",
        ModuleFunction("math"),
        ONE,
        "math.sin(x)",
        "sine of a plain number",
        "import math; math.sin(math.pi / 2)",
        Run::Method,
    ),
    row(
        "cos",
        ModuleFunction("math"),
        ONE,
        "math.cos(x)",
        "cosine of a plain number",
        "import math; math.cos(0.0)",
        Run::Method,
    ),
    row(
        "fabs",
        ModuleFunction("math"),
        ONE,
        "math.fabs(x)",
        "absolute value of a plain number",
        "import math; math.fabs(-3.0)",
        Run::Method,
    ),
    row(
        "pow",
        ModuleFunction("math"),
        (2, Some(2)),
        "math.pow(x, y)",
        "x ** y of plain numbers",
        "import math; math.pow(2.0, 10.0)",
        Run::Method,
    ),
    row(
        "uniform",
        ModuleFunction("random"),
        (2, Some(2)),
        "random.uniform(a, b)",
        "a number drawn evenly from a to b (from the session's seed)",
        "import random; random.uniform(-1, 1)",
        Run::Method,
    ),
    row(
        "random",
        ModuleFunction("random"),
        (0, Some(0)),
        "random.random()",
        "a number drawn evenly from 0 to 1 (from the session's seed)",
        "import random; random.random()",
        Run::Method,
    ),
    row(
        "seed",
        ModuleFunction("random"),
        ONE,
        "random.seed(n)",
        "as :seed n",
        "import random; random.seed(42)",
        Run::Method,
    ),
];

impl Builtin {
    /// The graph operation this built-in makes, for the derivative rule
    /// help shows (`None` for everything but the math functions).
    pub fn op(&self) -> Option<Op> {
        match self.run {
            Run::Unary(make) => Some(make(NodeId(0))),
            Run::Pow => Some(Op::Pow(NodeId(0), NodeId(1))),
            _ => None,
        }
    }

    /// A line to type that shows the built-in at work (a test runs each),
    /// unless its row left it empty.
    pub fn example(&self) -> Option<&'static str> {
        (!self.example.is_empty()).then_some(self.example)
    }
}

/// What every number has besides methods: `x.data`, `x.grad`.
pub const ATTRIBUTES: &[(&str, &str, &str)] = &[
    (
        "data",
        "the node's value; a leaf's can be set (x.data = 3, x.data -= 0.01 * x.grad) and everything computed from it updates",
        "a = Value(2.0); b = a * 3; a.data = 4; b.data",
    ),
    (
        "grad",
        "dL/dx after L.backward(); gradients add up across backward calls until zero_grad (p.grad = 0.0 sets one)",
        "a = Value(2.0); L = a * 3; L.backward(); a.grad",
    ),
];

/// The built-in called `name` as `name(...)`, if any.
pub fn function(name: &str) -> Option<&'static Builtin> {
    BUILTINS
        .iter()
        .find(|b| b.name == name && matches!(b.kind, Function | NumberFunction | Constructor))
}

/// The built-in called `name` as `receiver.name(...)` for receivers of
/// `kind`, if any.
pub fn method(name: &str, kinds: &[Kind]) -> Option<&'static Builtin> {
    BUILTINS
        .iter()
        .find(|b| b.name == name && kinds.contains(&b.kind))
}

/// True when `name` is a built-in function.
pub fn is_function(name: &str) -> bool {
    function(name).is_some()
}

/// Every method name a number has; each is also a function (`x.tanh()` or
/// `tanh(x)`), for completion after a dot.
pub static METHODS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| names_of(|b| matches!(b.kind, NumberFunction | NumberMethod)));

/// Every function name, for suggestions and completion.
pub static FUNCTIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| names_of(|b| matches!(b.kind, Function | NumberFunction | Constructor)));

/// The methods a network has.
pub static NETWORK_METHODS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| names_of(|b| b.kind == NetworkMethod));

/// Names of the rows `keep` selects, each once, in table order.
fn names_of(keep: impl Fn(&Builtin) -> bool) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for builtin in BUILTINS.iter().filter(|b| keep(b)) {
        if !names.contains(&builtin.name) {
            names.push(builtin.name);
        }
    }
    names
}

/// Words that are commands when typed without their colon.
pub const BARE_COMMANDS: [&str; 9] = [
    "quit", "help", "vars", "reset", "lessons", "next", "back", "hint", "skip",
];

/// The graph actions a lesson treats as exploring, not answering.
pub fn is_action(name: &str) -> bool {
    matches!(function(name).map(|b| b.run), Some(Run::Action(_))) || name == "train"
}

/// A short list of what can follow a dot, for error help.
pub fn methods_hint() -> String {
    "a number has .data and .grad, and methods like .tanh(), .relu(), .exp(), .backward(), .zero_grad()".into()
}

/// `:help NAME` for a built-in: usage, help and keywords; `None` for a
/// name the table does not have.
pub fn help_text(name: &str) -> Option<String> {
    let rows: Vec<&Builtin> = BUILTINS.iter().filter(|b| b.name == name).collect();
    if rows.is_empty() {
        return None;
    }
    let mut text = String::new();
    for builtin in rows {
        text.push_str(&format!("{}   {}\n", builtin.usage, builtin.help));
        for keyword in builtin.keywords {
            text.push_str(&format!(
                "  {}={}   {}\n",
                keyword.name, keyword.default, keyword.help
            ));
        }
    }
    Some(text.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_and_methods_come_from_the_table() {
        assert!(is_function("tanh") && is_function("len") && is_function("range"));
        assert!(!is_function("fit") && !is_function("append"));
        assert!(METHODS.contains(&"backward") && !METHODS.contains(&"len"));
        assert_eq!(
            NETWORK_METHODS.as_slice(),
            ["parameters", "loss", "accuracy"]
        );
        assert!(is_action("backward") && is_action("train") && !is_action("tanh"));
    }

    #[test]
    fn every_function_has_help() {
        for name in FUNCTIONS.iter() {
            let text = help_text(name).expect(name);
            assert!(text.contains(name), "{text}");
        }
        assert!(help_text("train").is_some_and(|t| t.contains("holdout=0")));
    }
}
