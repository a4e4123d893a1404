//! The operations a node can hold, each with its forward value and its local
//! partial derivatives side by side — the ten lines of micrograd's `engine.py`
//! that make the chain rule visible. Nothing else in the crate knows an op's
//! math: backward, the step view and the path view all ask this module.

use super::NodeId;

/// What a node computes from its inputs. Leaves have no inputs.
///
/// `Leaf` is a variable the learner can nudge and that receives a gradient;
/// `Const` is a literal inside a formula (the `2` in `2*x`): it has a value but
/// no gradient flows into it, so views are not cluttered with numbers nobody
/// asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A variable: a value the learner sets, which receives a gradient.
    Leaf,
    /// A literal constant: no gradient flows into it.
    Const,
    /// `a + b`
    Add(NodeId, NodeId),
    /// `a - b`
    Sub(NodeId, NodeId),
    /// `a * b`
    Mul(NodeId, NodeId),
    /// `a / b`
    Div(NodeId, NodeId),
    /// `a ** b`; both operands may be variables.
    Pow(NodeId, NodeId),
    /// `-a`
    Neg(NodeId),
    /// `tanh(a)`
    Tanh(NodeId),
    /// `exp(a)`
    Exp(NodeId),
    /// `log(a)`, the natural logarithm.
    Log(NodeId),
    /// `relu(a) = max(0, a)`
    Relu(NodeId),
    /// `sigmoid(a) = 1 / (1 + exp(-a))`
    Sigmoid(NodeId),
    /// `sin(a)`
    Sin(NodeId),
    /// `cos(a)`
    Cos(NodeId),
    /// `sqrt(a)`
    Sqrt(NodeId),
    /// `abs(a)`
    Abs(NodeId),
}

/// The inputs of a node: zero, one or two node ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inputs {
    ids: [NodeId; 2],
    len: u8,
}

impl Inputs {
    fn none() -> Self {
        Inputs {
            ids: [NodeId(0); 2],
            len: 0,
        }
    }
    fn one(a: NodeId) -> Self {
        Inputs {
            ids: [a, a],
            len: 1,
        }
    }
    fn two(a: NodeId, b: NodeId) -> Self {
        Inputs {
            ids: [a, b],
            len: 2,
        }
    }
    /// The input ids as a slice, in operand order.
    pub fn as_slice(&self) -> &[NodeId] {
        &self.ids[..self.len as usize]
    }
}

/// The local partial derivatives of a node with respect to each input, in
/// operand order (`∂out/∂a`, `∂out/∂b`).
pub type Partials = [f64; 2];

impl Op {
    /// The node ids this op reads, in operand order.
    pub fn inputs(&self) -> Inputs {
        use Op::*;
        match *self {
            Leaf | Const => Inputs::none(),
            Add(a, b) | Sub(a, b) | Mul(a, b) | Div(a, b) | Pow(a, b) => Inputs::two(a, b),
            Neg(a) | Tanh(a) | Exp(a) | Log(a) | Relu(a) | Sigmoid(a) | Sin(a) | Cos(a)
            | Sqrt(a) | Abs(a) => Inputs::one(a),
        }
    }

    /// A computed op's operands as a pair, the one operand twice for a
    /// unary op (`None` for leaves and constants): for scans that only ask
    /// "does this node read any of these?", without a loop per operand.
    #[inline]
    pub fn operand_pair(&self) -> Option<(NodeId, NodeId)> {
        let inputs = self.inputs();
        (inputs.len > 0).then_some((inputs.ids[0], inputs.ids[1]))
    }

    /// The same op reading `rename(input)` instead of each input (the
    /// arena's compaction renumbers nodes with it).
    #[inline]
    pub fn map_inputs(self, mut rename: impl FnMut(NodeId) -> NodeId) -> Op {
        use Op::*;
        match self {
            Leaf | Const => self,
            Add(a, b) => Add(rename(a), rename(b)),
            Sub(a, b) => Sub(rename(a), rename(b)),
            Mul(a, b) => Mul(rename(a), rename(b)),
            Div(a, b) => Div(rename(a), rename(b)),
            Pow(a, b) => Pow(rename(a), rename(b)),
            Neg(a) => Neg(rename(a)),
            Tanh(a) => Tanh(rename(a)),
            Exp(a) => Exp(rename(a)),
            Log(a) => Log(rename(a)),
            Relu(a) => Relu(rename(a)),
            Sigmoid(a) => Sigmoid(rename(a)),
            Sin(a) => Sin(rename(a)),
            Cos(a) => Cos(rename(a)),
            Sqrt(a) => Sqrt(rename(a)),
            Abs(a) => Abs(rename(a)),
        }
    }

    /// True for `Leaf` and `Const`.
    pub fn is_leaf_like(&self) -> bool {
        matches!(self, Op::Leaf | Op::Const)
    }

    /// The symbol or function name shown in views: `+`, `*`, `tanh`, ...
    pub fn symbol(&self) -> &'static str {
        use Op::*;
        match self {
            Leaf => "leaf",
            Const => "const",
            Add(..) => "+",
            Sub(..) => "-",
            Mul(..) => "*",
            Div(..) => "/",
            Pow(..) => "**",
            Neg(..) => "neg",
            Tanh(..) => "tanh",
            Exp(..) => "exp",
            Log(..) => "log",
            Relu(..) => "relu",
            Sigmoid(..) => "sigmoid",
            Sin(..) => "sin",
            Cos(..) => "cos",
            Sqrt(..) => "sqrt",
            Abs(..) => "abs",
        }
    }

    /// True for infix binary operators (`+ - * / **`), false for functions.
    pub fn is_infix(&self) -> bool {
        matches!(
            self,
            Op::Add(..) | Op::Sub(..) | Op::Mul(..) | Op::Div(..) | Op::Pow(..)
        )
    }

    /// The forward value, given the input values `x` (first operand) and `y`
    /// (second operand; ignored by unary ops). Leaves have no forward rule:
    /// their value is whatever was stored.
    #[inline(always)]
    pub fn forward(&self, x: f64, y: f64) -> f64 {
        use Op::*;
        match self {
            Leaf | Const => f64::NAN,
            Add(..) => x + y,
            Sub(..) => x - y,
            Mul(..) => x * y,
            Div(..) => x / y,
            Pow(..) => x.powf(y),
            Neg(..) => -x,
            Tanh(..) => lecture_tanh(x),
            Exp(..) => x.exp(),
            Log(..) => x.ln(),
            // NaN passes through (`x > 0` alone would turn it into 0).
            Relu(..) => {
                if x > 0.0 || x.is_nan() {
                    x
                } else {
                    0.0
                }
            }
            Sigmoid(..) => sigmoid(x),
            Sin(..) => x.sin(),
            Cos(..) => x.cos(),
            Sqrt(..) => x.sqrt(),
            Abs(..) => x.abs(),
        }
    }

    /// The forward value read from `values` (indexed by node id), `None`
    /// for leaves and constants: [`Op::forward`] on this op's operands, one
    /// `match` in all (each arm rebuilds its own variant, so `forward` folds
    /// to that op's rule), for scans that recompute node after node.
    #[inline(always)]
    pub fn forward_from(&self, values: &[f64]) -> Option<f64> {
        use Op::*;
        macro_rules! binary {
            ($variant:ident, $a:expr, $b:expr) => {
                Some($variant($a, $b).forward(values[$a.index()], values[$b.index()]))
            };
        }
        macro_rules! unary {
            ($variant:ident, $a:expr) => {
                Some($variant($a).forward(values[$a.index()], 0.0))
            };
        }
        match *self {
            Leaf | Const => None,
            Add(a, b) => binary!(Add, a, b),
            Sub(a, b) => binary!(Sub, a, b),
            Mul(a, b) => binary!(Mul, a, b),
            Div(a, b) => binary!(Div, a, b),
            Pow(a, b) => binary!(Pow, a, b),
            Neg(a) => unary!(Neg, a),
            Tanh(a) => unary!(Tanh, a),
            Exp(a) => unary!(Exp, a),
            Log(a) => unary!(Log, a),
            Relu(a) => unary!(Relu, a),
            Sigmoid(a) => unary!(Sigmoid, a),
            Sin(a) => unary!(Sin, a),
            Cos(a) => unary!(Cos, a),
            Sqrt(a) => unary!(Sqrt, a),
            Abs(a) => unary!(Abs, a),
        }
    }

    /// The local derivatives `∂out/∂x`, `∂out/∂y`, given the input values and
    /// the node's own forward value `out` (several rules are cheapest in
    /// terms of it: `tanh' = 1 − out²`, `exp' = out`).
    #[inline(always)]
    pub fn partials(&self, x: f64, y: f64, out: f64) -> Partials {
        use Op::*;
        match self {
            Leaf | Const => [0.0, 0.0],
            Add(..) => [1.0, 1.0],
            Sub(..) => [1.0, -1.0],
            Mul(..) => [y, x],
            Div(..) => [1.0 / y, -x / (y * y)],
            // PyTorch: ∂x is 0 where the exponent is 0 (even at x = 0).
            Pow(..) if y == 0.0 => [0.0, pow_exponent_partial(x, y, out)],
            Pow(..) => [y * x.powf(y - 1.0), pow_exponent_partial(x, y, out)],
            Neg(..) => [-1.0, 0.0],
            Tanh(..) => [1.0 - out * out, 0.0],
            Exp(..) => [out, 0.0],
            Log(..) => [1.0 / x, 0.0],
            Relu(..) => [relu_slope(out), 0.0],
            Sigmoid(..) => [out * (1.0 - out), 0.0],
            Sin(..) => [x.cos(), 0.0],
            Cos(..) => [-x.sin(), 0.0],
            Sqrt(..) => [0.5 / out, 0.0],
            Abs(..) => [sign_or_zero(x), 0.0],
        }
    }

    /// Calls `visit(slot, input, ∂out/∂input, contribution)` for each input
    /// in operand order, where `contribution` is what the input's gradient
    /// receives from `upstream` (this node's gradient): `local × upstream`,
    /// except where PyTorch's backward selects 0 instead of multiplying
    /// (see [`Op::blocks_upstream`]). Operand values are read from `values`
    /// (indexed by node id); `out` is this node's own value. One `match`
    /// with every op written out, so a backward pass costs one jump per
    /// node; each arm asks [`Op::partials`] for the numbers, so the math
    /// stays in one place.
    #[inline(always)]
    pub fn for_each_partial(
        &self,
        values: &[f64],
        out: f64,
        upstream: f64,
        mut visit: impl FnMut(usize, NodeId, f64, f64),
    ) {
        use Op::*;
        // Each arm rebuilds its own variant, so `partials` and
        // `blocks_upstream` fold to that op's rule once inlined.
        macro_rules! binary {
            ($variant:ident, $a:expr, $b:expr) => {{
                let (x, y) = (values[$a.index()], values[$b.index()]);
                let op = $variant($a, $b);
                let [da, db] = op.partials(x, y, out);
                visit(0, $a, da, op.contribution(0, x, y, da, upstream));
                visit(1, $b, db, op.contribution(1, x, y, db, upstream));
            }};
        }
        macro_rules! unary {
            ($variant:ident, $a:expr) => {{
                let x = values[$a.index()];
                let op = $variant($a);
                let [da, _] = op.partials(x, 0.0, out);
                visit(0, $a, da, op.contribution(0, x, 0.0, da, upstream));
            }};
        }
        match *self {
            Leaf | Const => {}
            Add(a, b) => binary!(Add, a, b),
            Sub(a, b) => binary!(Sub, a, b),
            Mul(a, b) => binary!(Mul, a, b),
            Div(a, b) => binary!(Div, a, b),
            Pow(a, b) => binary!(Pow, a, b),
            Neg(a) => unary!(Neg, a),
            Tanh(a) => unary!(Tanh, a),
            Exp(a) => unary!(Exp, a),
            Log(a) => unary!(Log, a),
            Relu(a) => unary!(Relu, a),
            Sigmoid(a) => unary!(Sigmoid, a),
            Sin(a) => unary!(Sin, a),
            Cos(a) => unary!(Cos, a),
            Sqrt(a) => unary!(Sqrt, a),
            Abs(a) => unary!(Abs, a),
        }
    }

    /// True when this op's local derivatives are finite wherever its
    /// operands and result are, so a zero upstream gradient gives its
    /// operands exactly zero (`local × 0`). Not so for `/`, `**`, `log` and
    /// `sqrt`, whose slopes are infinite at 0.
    pub fn finite_slopes(&self) -> bool {
        use Op::*;
        matches!(
            self,
            Add(..)
                | Sub(..)
                | Mul(..)
                | Neg(..)
                | Tanh(..)
                | Exp(..)
                | Relu(..)
                | Sigmoid(..)
                | Sin(..)
                | Cos(..)
                | Abs(..)
        )
    }

    /// True where PyTorch's backward for this operand is a select, not a
    /// product: relu below or at its kink, and `∂(x^y)/∂x` where `y = 0`,
    /// pass exactly 0 whatever the upstream gradient (even inf or NaN, where
    /// `0 × upstream` would be NaN).
    #[inline(always)]
    pub fn blocks_upstream(&self, operand: usize, x: f64, y: f64) -> bool {
        match (self, operand) {
            (Op::Relu(..), 0) => x <= 0.0,
            (Op::Pow(..), 0) => y == 0.0,
            _ => false,
        }
    }

    /// What operand `operand` receives: `local × upstream`, or 0 where the
    /// op [blocks the upstream](Op::blocks_upstream).
    #[inline(always)]
    pub fn contribution(&self, operand: usize, x: f64, y: f64, local: f64, upstream: f64) -> f64 {
        if self.blocks_upstream(operand, x, y) {
            0.0
        } else {
            local * upstream
        }
    }

    /// The local derivative rule written for a learner, in terms of the
    /// operands' names: for `e = a*b`, `rule_text(0, "a", "b")` is `"b"`.
    /// Used by the step and path views next to the numbers.
    pub fn rule_text(&self, operand: usize, x: &str, y: &str) -> String {
        use Op::*;
        match (self, operand) {
            (Add(..), _) => "1".into(),
            (Sub(..), 0) => "1".into(),
            (Sub(..), _) => "-1".into(),
            (Mul(..), 0) => y.into(),
            (Mul(..), _) => x.into(),
            (Div(..), 0) => format!("1/{y}"),
            (Div(..), _) => format!("-{x}/{y}²"),
            (Pow(..), 0) => format!("{y}·{x}^({y}-1)"),
            (Pow(..), _) => format!("{x}^{y}·ln {x}"),
            (Neg(..), _) => "-1".into(),
            (Tanh(..), _) => format!("1 - tanh({x})²"),
            (Exp(..), _) => format!("exp({x})"),
            (Log(..), _) => format!("1/{x}"),
            (Relu(..), _) => format!("({x} > 0 ? 1 : 0)"),
            (Sigmoid(..), _) => format!("σ({x})·(1 - σ({x}))"),
            (Sin(..), _) => format!("cos({x})"),
            (Cos(..), _) => format!("-sin({x})"),
            (Sqrt(..), _) => format!("1/(2·sqrt({x}))"),
            (Abs(..), _) => format!("sign({x})"),
            (Leaf | Const, _) => "0".into(),
        }
    }

    /// Why this op leaves the real numbers for these inputs, if it does:
    /// a learner-facing reason for a `NaN` or infinite result whose inputs
    /// were finite. `None` when the result is an ordinary number.
    pub fn domain_problem(&self, x: f64, y: f64, out: f64) -> Option<&'static str> {
        use Op::*;
        if out.is_finite() || !x.is_finite() || (self.inputs().len == 2 && !y.is_finite()) {
            return None;
        }
        Some(match self {
            Div(..) if x == 0.0 && y == 0.0 => "0/0 is undefined",
            Div(..) => "division by zero",
            Log(..) if x == 0.0 => "log(0) is minus infinity",
            Log(..) => "log of a negative number is not a real number",
            Sqrt(..) => "sqrt of a negative number is not a real number",
            Pow(..) if x < 0.0 => "a negative number to a non-integer power is not a real number",
            Pow(..) if x == 0.0 => "0 to a negative power is a division by zero",
            _ => "the result is too large for a 64-bit float (overflow)",
        })
    }
}

/// The logistic function, computed so that it never overflows.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let z = x.exp();
        z / (1.0 + z)
    }
}

fn sign_or_zero(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else if x == 0.0 {
        0.0
    } else {
        f64::NAN
    }
}

/// relu's slope: 1 where the value is positive, 0 at and below the kink
/// (PyTorch's relu'(0) = 0), NaN for NaN.
fn relu_slope(out: f64) -> f64 {
    if out > 0.0 {
        1.0
    } else if out.is_nan() {
        f64::NAN
    } else {
        0.0
    }
}

/// `∂(x^y)/∂y = x^y · ln x` as PyTorch computes it: 0 at `x = 0` with
/// `y ≥ 0`; otherwise the formula, so `0^y` with `y < 0` gives
/// `inf · ln 0 = −inf` and a negative base gives NaN (its log is not real).
fn pow_exponent_partial(x: f64, y: f64, out: f64) -> f64 {
    if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        out * x.ln()
    }
}

/// tanh as the lecture and micrograd compute it, `(e^2x − 1)/(e^2x + 1)`,
/// where that formula is accurate (so the lecture's neuron gives its
/// 0.7071067811865476, not libm's last digit 7); `f64::tanh` near 0, where
/// the formula cancels digits, and far out, where e^2x overflows.
pub fn lecture_tanh(x: f64) -> f64 {
    if (0.5..=20.0).contains(&x.abs()) {
        let e = (2.0 * x).exp();
        (e - 1.0) / (e + 1.0)
    } else {
        x.tanh()
    }
}
