//! Optimizers: given the gradients `backward` left on the parameter leaves,
//! move each parameter downhill. Plain gradient descent is
//! `w ← w − η·∂L/∂w`; the others keep a little state per parameter (a
//! velocity, running squares) to choose better steps. Updates write leaf
//! values without recomputing the graph: a training loop rebuilds its
//! forward pass every step anyway.

use super::{Graph, NodeId};

/// Added to square roots in denominators so a zero gradient never divides
/// by zero.
pub const EPSILON: f64 = 1e-8;

/// Which update rule, with its constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// `w ← w − η·g`
    Sgd,
    /// `v ← β·v + g; w ← w − η·v` (PyTorch's form), β = 0.9 by default.
    Momentum {
        /// How much of the previous velocity is kept.
        beta: f64,
    },
    /// `G ← G + g²; w ← w − η·g / (√G + ε)`: each weight's step shrinks as
    /// its gradients add up.
    AdaGrad,
    /// `s ← ρ·s + (1−ρ)·g²; w ← w − η·g / (√s + ε)`, ρ = 0.9 by default.
    RmsProp {
        /// Decay of the running mean of squares.
        rho: f64,
    },
    /// Adam: momentum on `g` and on `g²`, both bias-corrected,
    /// `w ← w − η·m̂ / (√v̂ + ε)`.
    Adam {
        /// Decay of the first moment (0.9).
        beta1: f64,
        /// Decay of the second moment (0.999).
        beta2: f64,
    },
}

impl Method {
    /// Every method with its usual constants, by the name used on the
    /// command line and in the REPL.
    pub const ALL: [(&'static str, Method); 5] = [
        ("sgd", Method::Sgd),
        ("momentum", Method::Momentum { beta: 0.9 }),
        ("adagrad", Method::AdaGrad),
        ("rmsprop", Method::RmsProp { rho: 0.9 }),
        (
            "adam",
            Method::Adam {
                beta1: 0.9,
                beta2: 0.999,
            },
        ),
    ];

    /// Parses `sgd`, `momentum`, `adagrad`, `rmsprop` or `adam`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
    }

    /// The name as typed.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, m)| std::mem::discriminant(m) == std::mem::discriminant(&self))
            .map_or("?", |&(n, _)| n)
    }

    /// A learning rate that works for this method on the built-in data sets:
    /// 1.0 for SGD (micrograd's demo), smaller for momentum (whose velocity
    /// adds up to ~10 gradients) and for the adaptive methods, whose steps
    /// do not shrink with the gradient.
    pub fn default_learning_rate(self) -> f64 {
        match self {
            Method::Sgd => 1.0,
            Method::Momentum { .. } => 0.05,
            Method::AdaGrad => 0.1,
            Method::RmsProp { .. } | Method::Adam { .. } => 0.01,
        }
    }
}

/// An optimizer over a fixed list of parameters, with its per-parameter state.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    /// The update rule.
    pub method: Method,
    /// The learning rate η of the next step (a schedule may change it).
    pub learning_rate: f64,
    /// Velocity, sum of squares or first moment, one per parameter.
    first: Vec<f64>,
    /// Second moment (Adam), one per parameter.
    second: Vec<f64>,
    /// Steps taken, for Adam's bias correction.
    steps: u32,
}

impl Optimizer {
    /// An optimizer with zeroed state for `parameters` parameters.
    pub fn new(method: Method, learning_rate: f64, parameters: usize) -> Self {
        Optimizer {
            method,
            learning_rate,
            first: vec![0.0; parameters],
            second: vec![0.0; parameters],
            steps: 0,
        }
    }

    /// One update of every parameter from its current gradient. Values are
    /// written raw: nodes computed from the parameters are not recomputed.
    pub fn step(&mut self, graph: &mut Graph, params: &[NodeId]) {
        assert_eq!(params.len(), self.first.len(), "one state per parameter");
        self.steps += 1;
        let lr = self.learning_rate;
        for (i, &p) in params.iter().enumerate() {
            let g = graph.grad(p);
            let delta = match self.method {
                Method::Sgd => lr * g,
                Method::Momentum { beta } => {
                    self.first[i] = beta * self.first[i] + g;
                    lr * self.first[i]
                }
                Method::AdaGrad => {
                    self.first[i] += g * g;
                    lr * g / (self.first[i].sqrt() + EPSILON)
                }
                Method::RmsProp { rho } => {
                    self.first[i] = rho * self.first[i] + (1.0 - rho) * g * g;
                    lr * g / (self.first[i].sqrt() + EPSILON)
                }
                Method::Adam { beta1, beta2 } => {
                    self.first[i] = beta1 * self.first[i] + (1.0 - beta1) * g;
                    self.second[i] = beta2 * self.second[i] + (1.0 - beta2) * g * g;
                    let m_hat = self.first[i] / (1.0 - beta1.powi(self.steps as i32));
                    let v_hat = self.second[i] / (1.0 - beta2.powi(self.steps as i32));
                    lr * m_hat / (v_hat.sqrt() + EPSILON)
                }
            };
            graph.set_data_raw(p, graph.value(p) - delta);
        }
    }
}
