//! What shapes a training run (loss, optimizer, learning-rate schedule,
//! batches, penalties) and the checks that turn a bad setting into a
//! message naming it instead of a panic or a run out of memory.

use crate::data::{Dataset, Task};
use crate::engine::loss::Loss;
use crate::engine::nn::Mlp;
use crate::engine::optim::Method;
use crate::text::count;

/// The most nodes one micro-batch may build (about 2 GB of graph): beyond
/// that a run would exhaust memory rather than fail cleanly.
pub const MAX_NODES_PER_MICRO_BATCH: usize = 50_000_000;

/// Everything that shapes a training run besides the data and the network.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// The loss comparing outputs with labels.
    pub loss: Loss,
    /// The optimizer's update rule.
    pub method: Method,
    /// Learning rate at step 0.
    pub learning_rate: f64,
    /// Decay the learning rate linearly to 10 % of its start over the run
    /// (micrograd's demo: `lr = 1.0 − 0.9·k/100`).
    pub linear_decay: bool,
    /// How many optimizer steps.
    pub steps: usize,
    /// Samples per step, drawn at random each step; `None` for the whole set.
    pub batch: Option<usize>,
    /// Micro-batches per step (gradient accumulation); 1 for none.
    pub accumulate: usize,
    /// Weight of the L2 penalty `Σ p²` (micrograd's demo: 1e-4).
    pub l2: f64,
    /// Weight of the L1 penalty `Σ |p|`.
    pub l1: f64,
    /// Seed for batch sampling and the held-out split.
    pub seed: u64,
    /// Fraction of the data set kept out of training to measure the
    /// held-out loss on (0 for none); see [`super::split_holdout`].
    pub holdout: f64,
    /// Fraction of the data set kept out as a test set, scored once at the
    /// end (0 for none); split off before the held-out part.
    pub test: f64,
    /// Stop when the held-out loss has not improved for this many progress
    /// checks in a row (early stopping); `None` to run every step.
    pub patience: Option<usize>,
    /// Share of each hidden layer's units switched off at random in every
    /// training sample (0 for none).
    pub dropout: f64,
    /// Standardise the features by the training part's mean and standard
    /// deviation: `None` does it unless the set is on a unit scale already
    /// (the built-in sets, as micrograd's demo trains them).
    pub standardize: Option<bool>,
    /// What [`TrainConfig::choose_optimizer`] chose for a regression
    /// because the learner left it out (the heading says so).
    pub chosen_for_regression: Chosen,
}

/// Which of the optimizer and its learning rate were chosen for a
/// regression rather than given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Chosen {
    /// Adam, as no optimizer was named.
    pub optimizer: bool,
    /// [`REGRESSION_LEARNING_RATE`], as none was given for Adam.
    pub learning_rate: bool,
}

/// Adam's learning rate on a regression when none is given. Measured with
/// the CLI's other defaults (MLP [16, 16], 100 steps decaying to 10 %):
/// on y = 3·x1 − 2·x2 + noise (80 rows) R² 0.9983 at 0.03 against 0.9945
/// at 0.01; on y = sin(2·x1) + x2²/2 + noise (200 rows), 0.981 against
/// 0.872, and over 3 seeds with a quarter held out 0.96/0.76/0.98 against
/// 0.80/0.67/0.95; from 0.07 up the sine's held-out R² falls again.
pub const REGRESSION_LEARNING_RATE: f64 = 0.03;

impl TrainConfig {
    /// micrograd's demo: hinge loss, SGD from lr 1.0 decaying to 0.1, 100
    /// full-batch steps, L2 weight 1e-4.
    pub fn demo() -> Self {
        TrainConfig {
            loss: Loss::Hinge,
            method: Method::Sgd,
            learning_rate: 1.0,
            linear_decay: true,
            steps: 100,
            batch: None,
            accumulate: 1,
            l2: 1e-4,
            l1: 0.0,
            seed: 1,
            holdout: 0.0,
            test: 0.0,
            patience: None,
            dropout: 0.0,
            standardize: None,
            chosen_for_regression: Chosen::default(),
        }
    }

    /// Sets the optimizer and learning rate: `method` and `learning_rate`
    /// where given. Left out, classes train as micrograd's demo (SGD, each
    /// method's [`Method::default_learning_rate`]); a regression with Adam
    /// from [`REGRESSION_LEARNING_RATE`], since the demo's SGD from lr 1
    /// blows a mean squared error up (to NaN on y = 3·x1 − 2·x2 + noise).
    pub fn choose_optimizer(
        &mut self,
        task: Task,
        method: Option<Method>,
        learning_rate: Option<f64>,
    ) {
        let regression = task == Task::Regress;
        let adam = Method::parse("adam").unwrap_or(Method::Sgd);
        self.method = match method {
            Some(method) => method,
            None if regression => adam,
            None => Method::Sgd,
        };
        let is_adam = self.method.name() == "adam";
        self.learning_rate = match learning_rate {
            Some(rate) => rate,
            None if regression && is_adam => REGRESSION_LEARNING_RATE,
            None => self.method.default_learning_rate(),
        };
        self.chosen_for_regression = Chosen {
            optimizer: regression && method.is_none(),
            learning_rate: regression && is_adam && learning_rate.is_none(),
        };
    }

    /// What the report calls the penalties added to the loss (`l2`, `l1`,
    /// `l1+l2`); `None` when there are none.
    pub fn penalty_name(&self) -> Option<&'static str> {
        match (self.l1 > 0.0, self.l2 > 0.0) {
            (false, false) => None,
            (false, true) => Some("l2"),
            (true, false) => Some("l1"),
            (true, true) => Some("l1+l2"),
        }
    }

    /// Whether training on `data` standardises its features.
    pub fn standardizes(&self, data: &Dataset) -> bool {
        self.standardize.unwrap_or(!data.unit_scale)
    }

    /// The learning rate used at step `k` (from 0).
    pub fn learning_rate_at(&self, k: usize) -> f64 {
        if self.linear_decay {
            self.learning_rate * (1.0 - 0.9 * k as f64 / self.steps.max(1) as f64)
        } else {
            self.learning_rate
        }
    }

    /// Checks the numbers a user typed, with a message naming the culprit;
    /// `data` is what will be trained on (the training part of a split).
    pub fn validate(&self, data: &Dataset, mlp: &Mlp) -> Result<(), String> {
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return Err(format!(
                "the learning rate must be a positive number, not {}",
                self.learning_rate
            ));
        }
        if self.steps == 0 {
            return Err("steps must be at least 1".into());
        }
        for (name, weight) in [("l1", self.l1), ("l2", self.l2)] {
            if !(weight.is_finite() && weight >= 0.0) {
                return Err(format!("{name} must be zero or positive, not {weight}"));
            }
        }
        match self.patience {
            Some(0) => return Err("patience must be at least 1 progress check".into()),
            Some(_) if self.holdout == 0.0 => {
                return Err(
                    "patience watches the held-out loss: also give a holdout fraction (e.g. 0.25)"
                        .into(),
                )
            }
            _ => {}
        }
        let batch = self.batch.unwrap_or(data.len());
        if batch == 0 {
            return Err("batch must be at least 1".into());
        }
        if batch > data.len() {
            let left = match (self.holdout > 0.0, self.test > 0.0) {
                (true, true) => " left to train on after test and holdout",
                (true, false) => " left to train on after holdout",
                (false, true) => " left to train on after test",
                (false, false) => "",
            };
            return Err(format!(
                "batch {batch} is larger than the data set ({}{left})",
                count(data.len(), "sample", "samples")
            ));
        }
        if self.accumulate == 0 || self.accumulate > batch {
            return Err(format!(
                "accumulate must be between 1 and the batch size ({batch}), not {}",
                self.accumulate
            ));
        }
        if !(self.dropout.is_finite() && (0.0..1.0).contains(&self.dropout)) {
            return Err(format!(
                "dropout is the share of hidden units switched off, from 0 up to (not including) 1, not {}",
                self.dropout
            ));
        }
        if data.task() == crate::data::Task::Regress {
            if self.loss != Loss::Mse {
                return Err(format!(
                    "{} asks to predict a number (regression), which is fit by the mse loss; the {} loss is for classes",
                    data.name,
                    self.loss.name()
                ));
            }
            return self.check_network(data, mlp, batch);
        }
        if data.classes < 2 {
            return Err(format!(
                "{} has only {} class; classification needs at least 2",
                data.name, data.classes
            ));
        }
        if !self.loss.supports(data.classes) {
            return Err(format!(
                "{} has {} classes, but the {} loss separates only 2: use the ce (softmax cross-entropy) loss",
                data.name,
                data.classes,
                self.loss.name()
            ));
        }
        self.check_network(data, mlp, batch)
    }

    /// The checks every task shares: the network fits the data, a step
    /// fits in memory.
    fn check_network(&self, data: &Dataset, mlp: &Mlp, batch: usize) -> Result<(), String> {
        if mlp.inputs != data.dimensions() {
            return Err(format!(
                "the network reads {}, but {} has {} per sample",
                count(mlp.inputs, "input", "inputs"),
                data.name,
                count(data.dimensions(), "feature", "features")
            ));
        }
        let micro_batch = batch.div_ceil(self.accumulate);
        let nodes = 2usize
            .saturating_mul(mlp.parameters().len())
            .saturating_mul(micro_batch);
        if nodes > MAX_NODES_PER_MICRO_BATCH {
            return Err(format!(
                "each step would build about {nodes} nodes at once (the limit is {MAX_NODES_PER_MICRO_BATCH}): use fewer neurons, a smaller batch, or more accumulate"
            ));
        }
        let needed = self.loss.outputs_for(data.classes);
        if mlp.outputs() != needed {
            return Err(format!(
                "the {} loss on {} needs {needed} {}, but the network has {}",
                self.loss.name(),
                data.what_to_learn(),
                if needed == 1 { "output" } else { "outputs" },
                mlp.outputs()
            ));
        }
        Ok(())
    }
}
