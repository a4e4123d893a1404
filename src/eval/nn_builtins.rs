//! The neural-network surface of the language: `MLP(2, [16, 16, 1])`,
//! calling a network on a list of inputs, `n.parameters()`, data sets
//! (`moons(100, noise=0.1)`, `csv("points.csv")`), a network's loss over a
//! data set as a graph the learner can `show` and `backward` (`n.loss(d)`),
//! and `train(n, d, ...)`, which the sink carries out while the statement
//! runs (the console prints progress and stops on Ctrl-C); `holdout=0.25` keeps a seeded
//! quarter of `d` out of training to show the held-out loss beside the
//! training loss.

use std::sync::Arc;

use rand_chacha::ChaCha8Rng;

use crate::data::{self, Dataset};
use crate::engine::loss::Loss;
use crate::engine::nn::{Activation, Mlp};
use crate::engine::optim::Method;
use crate::engine::NodeId;
use crate::syntax::ast::Arg;
use crate::syntax::Span;
use crate::text::count;
use crate::train::{
    build_loss, constant_inputs, split_holdout, split_test, LossSpec, Targets, TrainConfig, Trainer,
};

use super::args::Call;
use super::{error, rng_for, EvalError, Evaluator, Value};

/// Largest network the REPL builds: parameters are nodes of the session's
/// graph, and every call of the network builds a node per weight.
const MAX_PARAMETERS: usize = 1_000_000;
/// Largest built-in data set.
const MAX_SAMPLES: usize = 100_000;

/// Everything the console needs to run `train(...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainRequest {
    /// The network; its parameters are leaves of the session graph, and get
    /// the trained values at the end (or on Ctrl-C).
    pub model: Arc<Mlp>,
    /// What to train on (without the held-out samples).
    pub data: Arc<Dataset>,
    /// The samples kept out of training, to measure the held-out loss on.
    pub held_out: Option<Arc<Dataset>>,
    /// The samples kept apart to score once, on the final weights.
    pub test: Option<Arc<Dataset>>,
    /// Loss, optimizer, steps, ...
    pub config: TrainConfig,
    /// A progress line every this many steps.
    pub every: usize,
    /// Draw the loss curve and decision boundary afterwards.
    pub plot: bool,
    /// With `plot="FILE.svg"`: the SVG file to draw them in instead.
    pub plot_file: Option<String>,
    /// `plot="FILE.svg!"`: replace FILE if it is there (as `:save!`).
    pub replace_plot_file: bool,
}

/// `n.parameters()`, `n.loss(d)`, `n.accuracy(d)`.
pub(super) fn call_model_method(
    ev: &mut Evaluator,
    mlp: &Mlp,
    call: &mut Call,
) -> Result<Value, EvalError> {
    let method = call.function;
    match method.name.as_str() {
        "parameters" => {
            call.finish(0)?;
            Ok(Value::List(
                mlp.parameters()
                    .into_iter()
                    .map(Value::Node)
                    .collect::<Vec<_>>()
                    .into(),
            ))
        }
        "loss" => {
            let (data, config) = data_and_loss(ev, call, mlp)?;
            let inputs = constant_inputs(&mut ev.session.graph, &data);
            let samples: Vec<usize> = (0..data.len()).collect();
            let (root, _) = build_loss(
                &mut ev.session.graph,
                mlp,
                &inputs,
                Targets::of(&data),
                LossSpec {
                    loss: config.loss,
                    samples: &samples,
                    divisor: samples.len(),
                    l1: config.l1,
                    l2: config.l2,
                },
            );
            Ok(Value::Node(root))
        }
        "accuracy" => {
            let (data, config) = data_and_loss(ev, call, mlp)?;
            let (_, accuracy) =
                Trainer::measuring(&ev.session.graph, mlp, &data, config).evaluate();
            Ok(Value::Node(ev.session.graph.constant(accuracy)))
        }
        // The caller checked the name against the built-ins table.
        other => Err(error(
            format!("networks have no method `{other}`"),
            method.span,
        )),
    }
}

/// Largest `seed=`: every whole number up to it is exact as a number.
const MAX_SEED: usize = 1 << 53;

/// The `seed=` keyword of a random construct, read before anything is drawn.
fn seed_keyword(ev: &mut Evaluator, call: &mut Call) -> Result<Option<u64>, EvalError> {
    call.keyword("seed")
        .map(|expr| ev.whole_number(expr, 0, MAX_SEED).map(|seed| seed as u64))
        .transpose()
}

/// The generator of a construct whose arguments all checked out: from
/// exactly `seed=` if given (the session's stream stays where it is), else
/// the next of the session's stream, so what ran before (`x = 1`, views,
/// backward) never changes a network's weights or a data set's points.
fn construct_rng(ev: &mut Evaluator, seed: Option<u64>) -> ChaCha8Rng {
    match seed {
        Some(seed) => rng_for(seed, 0),
        None => ev.session.random.next_rng(),
    }
}

/// `MLP(inputs, [sizes], activation="tanh", output=..., seed=N)`: tanh
/// throughout by default, as the lecture's; `activation="relu"` is
/// micrograd nn.py's network. `seed=` draws the weights from exactly that
/// seed, whatever the session did before.
pub(super) fn make_mlp(ev: &mut Evaluator, call: &mut Call) -> Result<Value, EvalError> {
    let inputs_expr = call.require(
        0,
        "inputs",
        "the number of inputs, as in MLP(2, [16, 16, 1])",
    )?;
    let inputs = ev.whole_number(inputs_expr, 1, 10_000)?;
    let sizes_expr = call.require(1, "sizes", "the layer sizes, as in MLP(2, [16, 16, 1])")?;
    let sizes_value = ev.eval(sizes_expr)?;
    let sizes = match &sizes_value {
        Value::List(items) if !items.is_empty() => {
            let mut sizes = Vec::new();
            for item in items.snapshot() {
                sizes.push(ev.whole_number_value(&item, 1, 10_000, sizes_expr.span)?);
            }
            sizes
        }
        _ => {
            return Err(error(
                "the layer sizes are a list of whole numbers, as in [16, 16, 1]",
                sizes_expr.span,
            ))
        }
    };
    // Without keywords, the lecture's network: tanh on every layer, the
    // output included. `activation=` sets the hidden layers; the output
    // stays tanh for a tanh network and is linear for any other (nn.py's
    // ReLU network gives scores), unless `output=` says otherwise.
    let hidden = match call.take(2, "activation") {
        Some(expr) => {
            let name = ev.text(expr, &["relu", "tanh", "sigmoid", "linear"])?;
            Activation::parse(&name).unwrap_or(Activation::Tanh)
        }
        None => Activation::Tanh,
    };
    let output = match call.keyword("output") {
        Some(expr) => {
            let name = ev.text(expr, &["linear", "tanh", "sigmoid", "relu"])?;
            Activation::parse(&name).unwrap_or(Activation::Linear)
        }
        None => default_output(hidden),
    };
    let seed = seed_keyword(ev, call)?;
    call.finish(3)?;
    let parameters = Mlp::parameter_count(inputs, &sizes);
    if parameters > MAX_PARAMETERS {
        return Err(error(
            format!("that network has {parameters} parameters; the REPL builds at most {MAX_PARAMETERS}"),
            call.span,
        ));
    }
    let mut rng = construct_rng(ev, seed);
    let mut activations = vec![hidden; sizes.len()];
    if let Some(last) = activations.last_mut() {
        *last = output;
    }
    let mlp = Mlp::with_activations(
        &mut ev.session.graph,
        inputs,
        &sizes,
        &activations,
        &mut rng,
    );
    Ok(Value::Model(Arc::new(mlp)))
}

/// The output layer of `MLP(..., activation=hidden)` without `output=`:
/// tanh for a tanh network (the lecture's, whose targets are ±1), linear
/// for any other (nn.py's ReLU network gives scores for a loss to judge).
fn default_output(hidden: Activation) -> Activation {
    match hidden {
        Activation::Tanh => Activation::Tanh,
        Activation::Relu | Activation::Sigmoid | Activation::Linear => Activation::Linear,
    }
}

/// `moons(samples=100, noise=0.1, seed=N)` and the other built-in sets.
pub(super) fn make_data(ev: &mut Evaluator, call: &mut Call) -> Result<Value, EvalError> {
    let samples = match call.take(0, "samples") {
        Some(expr) => ev.whole_number(expr, 2, MAX_SAMPLES)?,
        None => 100,
    };
    let noise = match call.take(1, "noise") {
        Some(expr) => ev.number_at_least(expr, 0.0, false)?,
        None => 0.1,
    };
    let seed = seed_keyword(ev, call)?;
    call.finish(2)?;
    let mut rng = construct_rng(ev, seed);
    let data = data::builtin_from(&call.function.name, samples, noise, &mut rng)
        .ok_or_else(|| error("unknown data set", call.function.span))?;
    Ok(Value::Data(Arc::new(data)))
}

/// `n([x1, x2])`: one output node, or a list when the last layer has more.
pub(super) fn call_model(
    ev: &mut Evaluator,
    mlp: &Mlp,
    args: &[Arg],
    span: Span,
) -> Result<Value, EvalError> {
    let [arg] = args else {
        return Err(error(
            format!(
                "a network takes one argument: a list of its {}",
                count(mlp.inputs, "input", "inputs")
            ),
            span,
        ));
    };
    let inputs: Vec<NodeId> = match ev.eval(&arg.value)? {
        Value::Node(id) => vec![id],
        Value::Number(x) => vec![ev.graph().constant(x)],
        Value::Int(whole) => vec![ev.graph().constant(whole as f64)],
        Value::List(items) => items
            .snapshot()
            .into_iter()
            .map(|item| {
                if ev.is_numeric(&item) {
                    Ok(ev.node_for(&item))
                } else {
                    Err(error(
                        format!("the inputs must be numbers, but one is {}", item.kind()),
                        arg.value.span,
                    ))
                }
            })
            .collect::<Result<_, _>>()?,
        other => {
            return Err(error(
                format!(
                    "a network's input is a list of numbers, not {}",
                    other.kind()
                ),
                arg.value.span,
            ))
        }
    };
    if inputs.len() != mlp.inputs {
        return Err(error(
            format!(
                "this network reads {} inputs, but got {}",
                mlp.inputs,
                inputs.len()
            ),
            arg.value.span,
        ));
    }
    let outputs = mlp.forward(&mut ev.session.graph, &inputs);
    Ok(match outputs.as_slice() {
        [single] => Value::Node(*single),
        many => Value::list(many.iter().map(|&id| Value::Node(id)).collect()),
    })
}

/// The data argument (position 0 of a method, 1 of `train`).
fn data_argument(
    ev: &mut Evaluator,
    call: &mut Call,
    index: usize,
) -> Result<Arc<Dataset>, EvalError> {
    let expr = call.require(index, "data", "a data set, as in moons(100)")?;
    match ev.eval(expr)? {
        Value::Data(data) => Ok(data),
        other => Err(error(
            format!(
                "expected a data set (from moons(), circles(), xor(), spiral() or csv()), not {}",
                other.kind()
            ),
            expr.span,
        )),
    }
}

/// `(data, loss="hinge", l2=1e-4, l1=0)` for `n.loss` and `n.accuracy`.
fn data_and_loss(
    ev: &mut Evaluator,
    call: &mut Call,
    mlp: &Mlp,
) -> Result<(Arc<Dataset>, TrainConfig), EvalError> {
    let data = data_argument(ev, call, 0)?;
    let config = options(ev, call, &data)?;
    call.finish(1)?;
    config
        .validate(&data, mlp)
        .map_err(|message| error(message, call.span))?;
    Ok((data, config))
}

/// The keyword options shared by `train` and `n.loss`, from micrograd's
/// demo by default.
fn options(ev: &mut Evaluator, call: &mut Call, data: &Dataset) -> Result<TrainConfig, EvalError> {
    let mut config = TrainConfig {
        loss: Loss::default_for(data.classes),
        seed: ev.session.seed(),
        ..TrainConfig::demo()
    };
    if let Some(expr) = call.keyword("loss") {
        let names: Vec<&str> = Loss::ALL.iter().map(|(n, _)| *n).collect();
        config.loss = Loss::parse(&ev.text(expr, &names)?).unwrap_or(Loss::Hinge);
    }
    if let Some(expr) = call.keyword("l2") {
        config.l2 = ev.number_at_least(expr, 0.0, false)?;
    }
    if let Some(expr) = call.keyword("l1") {
        config.l1 = ev.number_at_least(expr, 0.0, false)?;
    }
    Ok(config)
}

/// `train(n, data, loss=, opt=, lr=, steps=, batch=, accumulate=, l2=, l1=,
/// decay=, every=, plot=, holdout=, test=, patience=, seed=)`; batches and
/// the held-out and test parts come from `seed=`, else from the session's seed (training
/// draws nothing from the session's stream).
pub(super) fn train(ev: &mut Evaluator, call: &mut Call) -> Result<Value, EvalError> {
    let model_expr = call.require(0, "model", "a network, as in train(n, d)")?;
    let model = match ev.eval(model_expr)? {
        Value::Model(mlp) => mlp,
        other => {
            return Err(error(
                format!("expected a network (from MLP(...)), not {}", other.kind()),
                model_expr.span,
            ))
        }
    };
    let whole = data_argument(ev, call, 1)?;
    let mut config = options(ev, call, &whole)?;
    if let Some(seed) = seed_keyword(ev, call)? {
        config.seed = seed;
    }
    // The test part goes first, so the held-out part never overlaps it.
    let (rest, test) = match call.keyword("test") {
        Some(expr) => {
            config.test = ev.eval_number(expr)?;
            let (rest, test) = split_test(Dataset::clone(&whole), &config)
                .map_err(|message| error(message, expr.span))?;
            (Arc::new(rest), test.map(Arc::new))
        }
        None => (whole, None),
    };
    let (data, held_out) = match call.keyword("holdout") {
        Some(expr) => {
            config.holdout = ev.eval_number(expr)?;
            let (training, held_out) = split_holdout(Dataset::clone(&rest), &config)
                .map_err(|message| error(message, expr.span))?;
            (Arc::new(training), held_out.map(Arc::new))
        }
        None => (rest, None),
    };
    if let Some(expr) = call.keyword("dropout") {
        config.dropout = ev.number_at_least(expr, 0.0, false)?;
    }
    if let Some(expr) = call.keyword("standardize") {
        config.standardize = Some(ev.whole_number(expr, 0, 1)? == 1);
    }
    if let Some(expr) = call.keyword("patience") {
        config.patience = Some(ev.whole_number(expr, 1, 1_000_000)?);
    }
    let method = match call.keyword("opt") {
        Some(expr) => {
            let names: Vec<&str> = Method::ALL.iter().map(|(n, _)| *n).collect();
            Some(Method::parse(&ev.text(expr, &names)?).unwrap_or(Method::Sgd))
        }
        None => None,
    };
    let learning_rate = match call.keyword("lr") {
        Some(expr) => Some(ev.number_at_least(expr, 0.0, true)?),
        None => None,
    };
    config.choose_optimizer(data.task(), method, learning_rate);
    if let Some(expr) = call.keyword("steps") {
        config.steps = ev.whole_number(expr, 1, 1_000_000)?;
    }
    if let Some(expr) = call.keyword("batch") {
        config.batch = Some(ev.whole_number(expr, 1, data.len())?);
    }
    if let Some(expr) = call.keyword("accumulate") {
        config.accumulate = ev.whole_number(expr, 1, config.batch.unwrap_or(data.len()))?;
    }
    if let Some(expr) = call.keyword("decay") {
        config.linear_decay = ev.whole_number(expr, 0, 1)? == 1;
    }
    let every = match call.keyword("every") {
        Some(expr) => ev.whole_number(expr, 1, 1_000_000)?,
        None => (config.steps / 10).max(1),
    };
    let (plot, plot_file, replace_plot_file) = match call.keyword("plot") {
        Some(expr) => match ev.eval(expr)? {
            Value::Str(named) => {
                let (file, replace) = match named.strip_suffix('!') {
                    Some(file) => (file.to_string(), true),
                    None => (named.to_string(), false),
                };
                if !file.to_ascii_lowercase().ends_with(".svg") {
                    return Err(error(
                        format!("plot=\"{named}\" is not an SVG file name: plot= takes 0, 1 or a file name ending in .svg"),
                        expr.span,
                    ));
                }
                // Refused before training, as `:save` and `:dot` refuse
                // before writing: a long run would be thrown away after.
                if !replace && ev.sink.file_exists(&file) {
                    return Err(error(
                        format!("{file} already exists, so nothing was trained and it was left as it is"),
                        expr.span,
                    )
                    .with_help(format!(
                        "to replace it, end the name with !, as :save! does: plot=\"{file}!\"; or choose another name"
                    )));
                }
                (true, Some(file), replace)
            }
            value => (
                ev.whole_number_value(&value, 0, 1, expr.span)? == 1,
                None,
                false,
            ),
        },
        None => (true, None, false),
    };
    call.finish(2)?;
    config
        .validate(&data, &model)
        .map_err(|message| error(message, call.span))?;
    let request = TrainRequest {
        model,
        data,
        held_out,
        test,
        config,
        every,
        plot,
        plot_file,
        replace_plot_file,
    };
    // Trained now, while the statement runs: in a loop, a function or a
    // lesson's check as at the prompt.
    ev.session.flush_pending();
    let stopped = ev.sink.train(ev.session, &request);
    if stopped && ev.depth > 0 {
        // The training said it stopped; the loop or function around it
        // stops too instead of starting the next training.
        let mut stop = error(
            "stopped by Ctrl-C during train(...) (the weights reached are kept)",
            call.span,
        );
        stop.interrupted = true;
        return Err(stop);
    }
    Ok(Value::Unit)
}

/// `Neuron(nin)` and `Layer(nin, nout)` from micrograd's `nn.py`: a
/// network of one layer (one neuron for `Neuron`), ReLU unless
/// `nonlin=False` (or `activation="tanh"`, ...), callable on a list of
/// inputs and with `.parameters()`, as the lecture's are.
pub(super) fn make_layer(ev: &mut Evaluator, call: &mut Call) -> Result<Value, EvalError> {
    let neuron = call.function.name == "Neuron";
    let usage = if neuron { "Neuron(3)" } else { "Layer(3, 4)" };
    let inputs_expr = call.require(0, "nin", &format!("the number of inputs, as in {usage}"))?;
    let inputs = ev.whole_number(inputs_expr, 1, 10_000)?;
    let outputs = if neuron {
        1
    } else {
        let expr = call.require(1, "nout", "the number of neurons, as in Layer(3, 4)")?;
        ev.whole_number(expr, 1, 10_000)?
    };
    let mut activation = Activation::Relu;
    if let Some(expr) = call.keyword("nonlin") {
        let value = ev.eval(expr)?;
        if !ev.truthy(&value, expr.span)? {
            activation = Activation::Linear;
        }
    }
    if let Some(expr) = call.keyword("activation") {
        let name = ev.text(expr, &["relu", "tanh", "sigmoid", "linear"])?;
        activation = Activation::parse(&name).unwrap_or(Activation::Relu);
    }
    let seed = seed_keyword(ev, call)?;
    call.finish(if neuron { 1 } else { 2 })?;
    if inputs * outputs > MAX_PARAMETERS {
        return Err(error(
            format!("the REPL builds at most {MAX_PARAMETERS} parameters"),
            call.span,
        ));
    }
    let mut rng = construct_rng(ev, seed);
    let mlp = Mlp::with_activations(
        &mut ev.session.graph,
        inputs,
        &[outputs],
        &[activation],
        &mut rng,
    );
    Ok(Value::Model(Arc::new(mlp)))
}
