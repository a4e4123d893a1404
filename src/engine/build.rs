//! Shorthand constructors (`graph.add(a, b)`, `graph.tanh(x)`) so library
//! code such as `nn` reads like the formulas it builds.

use super::{Graph, NodeId, Op};

macro_rules! binary_builders {
    ($($name:ident => $variant:ident),* $(,)?) => {
        $(
            #[doc = concat!("A new `", stringify!($variant), "` node of `a` and `b`.")]
            #[inline]
            pub fn $name(&mut self, a: NodeId, b: NodeId) -> NodeId {
                self.apply(Op::$variant(a, b))
            }
        )*
    };
}

macro_rules! unary_builders {
    ($($name:ident => $variant:ident),* $(,)?) => {
        $(
            #[doc = concat!("A new `", stringify!($variant), "` node of `a`.")]
            #[inline]
            pub fn $name(&mut self, a: NodeId) -> NodeId {
                self.apply(Op::$variant(a))
            }
        )*
    };
}

impl Graph {
    binary_builders!(add => Add, sub => Sub, mul => Mul, div => Div, pow => Pow);
    unary_builders!(
        neg => Neg, tanh => Tanh, exp => Exp, log => Log, relu => Relu,
        sigmoid => Sigmoid, sin => Sin, cos => Cos, sqrt => Sqrt, abs => Abs,
    );

    /// The sum of `terms` as a left-leaning chain of additions; a constant 0
    /// when `terms` is empty.
    pub fn sum(&mut self, terms: &[NodeId]) -> NodeId {
        match terms.split_first() {
            None => self.constant(0.0),
            Some((&first, rest)) => rest.iter().fold(first, |acc, &t| self.add(acc, t)),
        }
    }
}
