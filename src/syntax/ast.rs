//! The abstract syntax tree. Every node carries the [`Span`] of the text it
//! came from, so evaluation errors can point at the exact operand.

use super::Span;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is in the line.
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it is in the line.
    pub span: Span,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
}

/// Binary (infix) operators.
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
}

/// One argument of a call: positional or `name=value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The keyword, for `name=value` arguments.
    pub keyword: Option<Ident>,
    /// The value.
    pub value: Expr,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A numeric literal.
    Number(f64),
    /// A string literal (for options such as `loss="hinge"`).
    Str(String),
    /// A name.
    Name(String),
    /// `[a, b, c]`
    List(Vec<Expr>),
    /// `-x`, `+x`
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
    /// `f(x, y)` or `model([x1, x2])`
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
    /// `xs[0]`
    Index {
        /// The list.
        object: Box<Expr>,
        /// The position.
        index: Box<Expr>,
    },
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
    /// `name.attr = ...` (`x.data = 3`)
    Attribute {
        /// The object's name.
        object: Ident,
        /// The attribute.
        attr: Ident,
    },
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// A bare expression: its value is printed.
    Expr(Expr),
    /// `show L`
    Show(Expr),
    /// `target op= value`
    Assign {
        /// What is assigned.
        target: Target,
        /// `=`, `+=`, ...
        op: AssignOp,
        /// The right-hand side.
        value: Expr,
    },
}

/// One statement of a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind.
    pub kind: StmtKind,
    /// Where it is in the line.
    pub span: Span,
    /// True when a `;` follows it: it prints nothing.
    pub silent: bool,
}
