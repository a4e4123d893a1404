//! The abstract syntax tree. Every node carries the [`Span`] of the text it
//! came from (byte offsets into the whole source given to the parser: one
//! line at the prompt, a whole block, or a whole file), so evaluation errors
//! can point at the exact operand and name its line.
//!
//! CONTRACT (agreed between the syntax and the evaluator work of the
//! small-Python issue): shapes below are fixed; doc wording may improve.

use super::Span;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is in the source.
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it is in the source.
    pub span: Span,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x`
    Not,
}

/// Binary (infix) arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `**` or `^`
    Pow,
    /// `%` (on plain numbers: `k % 10 == 0`)
    Mod,
    /// `//` (on plain numbers)
    FloorDiv,
}

impl BinaryOp {
    /// The operator as written (`**`, not its synonym `^`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Pow => "**",
            BinaryOp::Mod => "%",
            BinaryOp::FloorDiv => "//",
        }
    }
}

/// Comparison operators; they read values and build no graph node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

/// `and` / `or` (short-circuiting, Python's value semantics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`
    And,
    /// `or`
    Or,
}

/// One argument of a call: positional or `name=value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The keyword, for `name=value` arguments.
    pub keyword: Option<Ident>,
    /// The value. A generator as the only argument (`sum(x*x for x in xs)`)
    /// is an `ExprKind::Comprehension` with `kind: Generator`.
    pub value: Expr,
}

/// One of the targets of a loop with brackets inside (`i, (x, y)`): a
/// name, or a bracketed group unpacked in turn.
#[derive(Clone, Debug, PartialEq)]
pub enum LoopTarget {
    /// `x`
    Name(Ident),
    /// `(x, y)`
    Tuple(Vec<LoopTarget>),
}

/// A loop's targets as written: every name in order, and the brackets
/// inside them when there are any.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopTargets {
    /// Every name, in order.
    pub names: Vec<Ident>,
    /// The targets, when a bracketed group is among them.
    pub nested: Option<Vec<LoopTarget>>,
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct ComprehensionClause {
    /// The loop variables: one name, or several for tuple unpacking
    /// (`for w, x in zip(ws, xs)`), every name in order.
    pub targets: Vec<Ident>,
    /// The brackets inside the targets (`for i, (x, y) in ...`), when there
    /// are any; `None` unpacks each item into `targets` as they stand.
    pub nested: Option<Vec<LoopTarget>>,
    /// What is iterated.
    pub iter: Expr,
    /// Every `if` filter after this `for`, in order.
    pub conditions: Vec<Expr>,
}

/// List comprehension `[...]` or generator expression `(...)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    /// `[e for x in xs]`
    List,
    /// `(e for x in xs)`, or bare as a call's only argument.
    Generator,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A numeric literal written as a float (`2.0`, `.5`, `1e-4`).
    Number(f64),
    /// A numeric literal written as a whole number (`2`): Python's int.
    Int(i64),
    /// A string literal (for options such as `loss="hinge"`).
    Str(String),
    /// `True` / `False`
    Bool(bool),
    /// `None`
    None,
    /// A name.
    Name(String),
    /// `[a, b, c]`
    List(Vec<Expr>),
    /// `(a, b)` or `a, b` where a tuple is allowed (return, assignment
    /// right-hand side, `for` iterable); `()` is the empty tuple.
    Tuple(Vec<Expr>),
    /// `-x`, `+x`, `not x`
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `a + b`, `a ** b`, ...
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `a < b`, chained as in Python: `0 < x <= 1` is
    /// `first: 0, rest: [(Lt, x), (Le, 1)]`.
    Compare {
        /// The leftmost operand.
        first: Box<Expr>,
        /// Each further operator and operand, in order.
        rest: Vec<(CompareOp, Expr)>,
    },
    /// `a and b`, `a or b`.
    Logical {
        /// The operator.
        op: BoolOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `a if condition else b`
    IfElse {
        /// The condition.
        condition: Box<Expr>,
        /// Value when true.
        then: Box<Expr>,
        /// Value when false.
        otherwise: Box<Expr>,
    },
    /// `[e for x in xs if c]` / `(e for x in xs)`
    Comprehension {
        /// List or generator.
        kind: ComprehensionKind,
        /// The element expression.
        element: Box<Expr>,
        /// The `for` clauses, outermost first.
        clauses: Vec<ComprehensionClause>,
    },
    /// `lambda x, y=1: x * y`
    Lambda {
        /// The parameters.
        params: Vec<Param>,
        /// The body.
        body: Box<Expr>,
    },
    /// `f(x, y)`, `model([x1, x2])`, `(lambda x: x)(2)`: the callee is any
    /// expression (a `Name` for built-ins and `def` functions).
    Call {
        /// What is called.
        callee: Box<Expr>,
        /// The arguments.
        args: Vec<Arg>,
    },
    /// `x.data`
    Attribute {
        /// The object.
        object: Box<Expr>,
        /// The attribute.
        name: Ident,
    },
    /// `x.tanh()`
    Method {
        /// The receiver.
        object: Box<Expr>,
        /// The method.
        name: Ident,
        /// The arguments.
        args: Vec<Arg>,
    },
    /// `xs[0]`, `xs[-1]`
    Index {
        /// The list.
        object: Box<Expr>,
        /// The position.
        index: Box<Expr>,
    },
}

/// A parameter of `def` or `lambda`, with its default if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The parameter's name.
    pub name: Ident,
    /// `name=default`: evaluated once, when the `def` runs (as in Python).
    pub default: Option<Expr>,
}

/// Augmented assignment operators, and plain `=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Set,
    /// `+=`
    Add,
    /// `-=`
    Sub,
    /// `*=`
    Mul,
    /// `/=`
    Div,
}

impl AssignOp {
    /// The binary operator a compound assignment applies (`+=` → `+`).
    pub fn binary(self) -> Option<BinaryOp> {
        match self {
            AssignOp::Set => None,
            AssignOp::Add => Some(BinaryOp::Add),
            AssignOp::Sub => Some(BinaryOp::Sub),
            AssignOp::Mul => Some(BinaryOp::Mul),
            AssignOp::Div => Some(BinaryOp::Div),
        }
    }
}

/// What an assignment writes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// `name = ...`
    Name(Ident),
    /// `obj.attr = ...` (`x.data = 3`, `p.grad = 0.0`,
    /// `n.L1.N1.w1.data -= 0.1`): the object is any expression.
    Attribute {
        /// The object.
        object: Box<Expr>,
        /// The attribute.
        attr: Ident,
    },
    /// `xs[i] = ...`
    Index {
        /// The list.
        object: Box<Expr>,
        /// The position.
        index: Box<Expr>,
    },
    /// `a, b = ...` (plain `=` only).
    Tuple(Vec<Target>),
}

impl Target {
    /// What an expression on the left of `=` assigns to, or the part of it
    /// that cannot be assigned to.
    pub(crate) fn from_expr(expr: Expr) -> Result<Target, Expr> {
        match expr.kind {
            ExprKind::Name(name) => Ok(Target::Name(Ident {
                name,
                span: expr.span,
            })),
            ExprKind::Attribute { object, name } => Ok(Target::Attribute { object, attr: name }),
            ExprKind::Index { object, index } => Ok(Target::Index { object, index }),
            ExprKind::Tuple(items) => items
                .into_iter()
                .map(Target::from_expr)
                .collect::<Result<_, _>>()
                .map(Target::Tuple),
            kind => Err(Expr {
                kind,
                span: expr.span,
            }),
        }
    }
}

/// An indented body: the statements of a `for`, `while`, `if` branch or
/// `def`, in order. Never empty (Python needs at least `pass`).
pub type Block = Vec<Stmt>;

/// One `import` / `from ... import ...` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The dotted module path as written: `micrograd.engine`, `random`.
    pub module: Vec<Ident>,
    /// For `from M import a, b`: the names (empty for `import M`).
    /// `from M import *` gives one name `*`.
    pub names: Vec<Ident>,
    /// `import M as alias`
    pub alias: Option<Ident>,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// A bare expression: its value is printed (at the top level only).
    Expr(Expr),
    /// `show L`
    Show(Expr),
    /// `target op= value`
    Assign {
        /// What is assigned.
        target: Target,
        /// `=`, `+=`, ...
        op: AssignOp,
        /// The right-hand side (a `Tuple` for `a, b = 1, 2`).
        value: Expr,
    },
    /// `for NAME in EXPR:` / `for a, b in EXPR:`
    For {
        /// One name, or several for tuple unpacking, every name in order.
        targets: Vec<Ident>,
        /// The brackets inside the targets (`for i, (x, y) in`), if any.
        nested: Option<Vec<LoopTarget>>,
        /// What is iterated.
        iter: Expr,
        /// The loop body.
        body: Block,
    },
    /// `while EXPR:`
    While {
        /// Checked before each iteration.
        condition: Expr,
        /// The loop body.
        body: Block,
    },
    /// `if c1: ... elif c2: ... else: ...`
    If {
        /// `(condition, body)` for the `if` and each `elif`, in order.
        branches: Vec<(Expr, Block)>,
        /// The `else` body, if any.
        otherwise: Option<Block>,
    },
    /// `def NAME(params): body`
    Def {
        /// The function's name.
        name: Ident,
        /// Its parameters.
        params: Vec<Param>,
        /// Its body.
        body: Block,
    },
    /// `return` / `return EXPR` (`return a, b` gives a `Tuple`).
    Return(Option<Expr>),
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `pass`
    Pass,
    /// `import ...` / `from ... import ...`
    Import(Import),
}

/// One statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind.
    pub kind: StmtKind,
    /// Where it is in the source. For a compound statement, from its
    /// keyword to the end of its last body line.
    pub span: Span,
    /// True when a `;` follows it: it prints nothing.
    pub silent: bool,
}
