//! Neurons, layers and multi-layer perceptrons built as nodes of a graph, as
//! in micrograd's `nn.py`: a neuron computes `f(w·x + b)`, a layer is a list
//! of neurons reading the same inputs, an MLP chains layers. Weights start
//! uniform in (−1, 1) from a seeded RNG, biases at 0; every weight and bias
//! is a leaf of the graph, so `backward` fills their gradients.

use rand::RngExt;

use super::{Graph, NodeId, Op};
use crate::data::Scaling;

/// The nonlinearity a neuron applies to `w·x + b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `max(0, z)`
    Relu,
    /// `tanh(z)`
    Tanh,
    /// `1 / (1 + e^−z)`
    Sigmoid,
    /// `z` unchanged (the output layer, for scores and logits).
    Linear,
}

impl Activation {
    /// Parses `relu`, `tanh`, `sigmoid` or `linear`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "relu" => Activation::Relu,
            "tanh" => Activation::Tanh,
            "sigmoid" => Activation::Sigmoid,
            "linear" => Activation::Linear,
            _ => return None,
        })
    }

    /// The name as typed.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
        }
    }

    fn apply(self, graph: &mut Graph, z: NodeId) -> NodeId {
        match self {
            Activation::Relu => graph.apply(Op::Relu(z)),
            Activation::Tanh => graph.apply(Op::Tanh(z)),
            Activation::Sigmoid => graph.apply(Op::Sigmoid(z)),
            Activation::Linear => z,
        }
    }
}

/// One neuron: a weight per input, a bias, an activation.
#[derive(Clone, Debug, PartialEq)]
pub struct Neuron {
    /// Weight leaves, one per input.
    pub weights: Vec<NodeId>,
    /// The bias leaf.
    pub bias: NodeId,
    /// Applied to `w·x + b`.
    pub activation: Activation,
}

impl Neuron {
    /// A neuron over `inputs` inputs with weights uniform in (−1, 1) and a
    /// zero bias, as micrograd initialises them.
    pub fn new(
        graph: &mut Graph,
        inputs: usize,
        activation: Activation,
        rng: &mut impl rand::Rng,
    ) -> Self {
        let weights = (0..inputs)
            .map(|_| graph.leaf(rng.random_range(-1.0..1.0)))
            .collect();
        let bias = graph.leaf(0.0);
        Neuron {
            weights,
            bias,
            activation,
        }
    }

    /// `f(b + w₀x₀ + w₁x₁ + …)` as new nodes (the bias first, as micrograd
    /// sums it).
    pub fn forward(&self, graph: &mut Graph, x: &[NodeId]) -> NodeId {
        let mut z = self.bias;
        for (&w, &xi) in self.weights.iter().zip(x) {
            let product = graph.mul(w, xi);
            z = graph.add(z, product);
        }
        self.activation.apply(graph, z)
    }
}

/// A layer: neurons that all read the same inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// The neurons, one per output.
    pub neurons: Vec<Neuron>,
}

impl Layer {
    /// `outputs` neurons over `inputs` inputs.
    pub fn new(
        graph: &mut Graph,
        inputs: usize,
        outputs: usize,
        activation: Activation,
        rng: &mut impl rand::Rng,
    ) -> Self {
        Layer {
            neurons: (0..outputs)
                .map(|_| Neuron::new(graph, inputs, activation, rng))
                .collect(),
        }
    }

    /// One output node per neuron.
    pub fn forward(&self, graph: &mut Graph, x: &[NodeId]) -> Vec<NodeId> {
        self.neurons.iter().map(|n| n.forward(graph, x)).collect()
    }
}

/// A multi-layer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// How many inputs the first layer reads.
    pub inputs: usize,
    /// The layers, input side first.
    pub layers: Vec<Layer>,
    /// The standardisation its inputs get before the first layer (set by
    /// training on features that were standardised); `None` reads them as
    /// they are.
    pub scaling: Option<Scaling>,
}

impl Mlp {
    /// `MLP(inputs, sizes)`: every layer but the last uses `hidden`, the last
    /// is linear (its outputs are scores or logits), as in micrograd.
    pub fn new(
        graph: &mut Graph,
        inputs: usize,
        sizes: &[usize],
        hidden: Activation,
        rng: &mut impl rand::Rng,
    ) -> Self {
        let activations: Vec<Activation> = (0..sizes.len())
            .map(|i| {
                if i + 1 == sizes.len() {
                    Activation::Linear
                } else {
                    hidden
                }
            })
            .collect();
        Self::with_activations(graph, inputs, sizes, &activations, rng)
    }

    /// An MLP with one activation per layer (`activations.len()` must equal
    /// `sizes.len()`).
    pub fn with_activations(
        graph: &mut Graph,
        inputs: usize,
        sizes: &[usize],
        activations: &[Activation],
        rng: &mut impl rand::Rng,
    ) -> Self {
        assert_eq!(sizes.len(), activations.len(), "one activation per layer");
        let mut fan_in = inputs;
        let layers = sizes
            .iter()
            .zip(activations)
            .map(|(&size, &activation)| {
                let layer = Layer::new(graph, fan_in, size, activation, rng);
                fan_in = size;
                layer
            })
            .collect();
        Mlp {
            inputs,
            layers,
            scaling: None,
        }
    }

    /// The output nodes for input nodes `x` (one per neuron of the last
    /// layer), `x` standardised first when the network has a scaling.
    pub fn forward(&self, graph: &mut Graph, x: &[NodeId]) -> Vec<NodeId> {
        let scaled: Vec<NodeId> = match &self.scaling {
            Some(scaling) => x
                .iter()
                .zip(scaling.mean.iter().zip(&scaling.std))
                .map(|(&xi, (&mean, &std))| {
                    let mean = graph.constant(mean);
                    let centred = graph.sub(xi, mean);
                    let inverse = graph.constant(1.0 / std);
                    graph.mul(centred, inverse)
                })
                .collect(),
            None => x.to_vec(),
        };
        self.forward_layers(graph, &scaled, &mut |_, _, _| {})
    }

    /// The layers alone on inputs already standardised, calling
    /// `after_hidden(graph, layer, outputs)` on each hidden layer's outputs (which
    /// it may replace, as dropout does) before the next layer reads them.
    pub fn forward_layers(
        &self,
        graph: &mut Graph,
        x: &[NodeId],
        after_hidden: &mut dyn FnMut(&mut Graph, usize, &mut Vec<NodeId>),
    ) -> Vec<NodeId> {
        let mut current = x.to_vec();
        let last = self.layers.len().saturating_sub(1);
        for (index, layer) in self.layers.iter().enumerate() {
            current = layer.forward(graph, &current);
            if index < last {
                after_hidden(graph, index, &mut current);
            }
        }
        current
    }

    /// Every weight and bias, neuron by neuron, layer by layer.
    pub fn parameters(&self) -> Vec<NodeId> {
        let mut params = Vec::new();
        for neuron in self.layers.iter().flat_map(|l| &l.neurons) {
            params.extend(&neuron.weights);
            params.push(neuron.bias);
        }
        params
    }

    /// A short name for each parameter, in the order of [`Mlp::parameters`]:
    /// `L2.N3.w1` is layer 2, neuron 3, weight 1 and `L2.N3.b` its bias
    /// (all counted from 1), so a learner can tell them apart in a view.
    pub fn parameter_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            for (n, neuron) in layer.neurons.iter().enumerate() {
                let neuron_name = format!("L{}.N{}", l + 1, n + 1);
                names.extend((1..=neuron.weights.len()).map(|w| format!("{neuron_name}.w{w}")));
                names.push(format!("{neuron_name}.b"));
            }
        }
        names
    }

    /// How many parameters `MLP(inputs, sizes)` has (a weight per input and
    /// a bias, per neuron), without building it; saturates instead of
    /// overflowing.
    pub fn parameter_count(inputs: usize, sizes: &[usize]) -> usize {
        let mut fan_in = inputs;
        let mut count = 0usize;
        for &size in sizes {
            count = count.saturating_add(size.saturating_mul(fan_in.saturating_add(1)));
            fan_in = size;
        }
        count
    }

    /// How many outputs the last layer has.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(self.inputs, |l| l.neurons.len())
    }

    /// The layer sizes, e.g. `[16, 16, 1]`.
    pub fn sizes(&self) -> Vec<usize> {
        self.layers.iter().map(|l| l.neurons.len()).collect()
    }

    /// A copy of this network with fresh leaves in `target`, holding the
    /// values the parameters have in `source`. Training runs on such a copy
    /// in a private graph, so the learner's graph does not grow by millions
    /// of nodes; [`Mlp::parameter_values`] reads the trained values back.
    pub fn copy_into(&self, source: &Graph, target: &mut Graph) -> Mlp {
        let mut copy_leaf = |id: NodeId| target.leaf(source.value(id));
        let layers = self
            .layers
            .iter()
            .map(|layer| Layer {
                neurons: layer
                    .neurons
                    .iter()
                    .map(|n| Neuron {
                        weights: n.weights.iter().map(|&w| copy_leaf(w)).collect(),
                        bias: copy_leaf(n.bias),
                        activation: n.activation,
                    })
                    .collect(),
            })
            .collect();
        Mlp {
            inputs: self.inputs,
            layers,
            scaling: self.scaling.clone(),
        }
    }

    /// The current value of every parameter, in [`Mlp::parameters`] order.
    pub fn parameter_values(&self, graph: &Graph) -> Vec<f64> {
        self.parameters().iter().map(|&p| graph.value(p)).collect()
    }
}
