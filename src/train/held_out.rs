//! The held-out side of training, where overfitting shows: a seeded split
//! of the data set into samples to train on and samples kept out, the
//! score measured on the kept-out ones, and early stopping when that
//! held-out loss stops improving.

use crate::data::Dataset;
use crate::engine::NodeId;

use super::TrainConfig;

/// A loss and an accuracy measured together on the same weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// The mean loss over the samples (no penalty terms).
    pub loss: f64,
    /// Fraction of the samples classified right.
    pub accuracy: f64,
}

/// How early stopping ended a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EarlyStop {
    /// The step whose held-out loss was the lowest seen.
    pub best_step: usize,
    /// That lowest held-out loss.
    pub best_loss: f64,
}

/// `data` split by `config.holdout` (from `config.seed`) into the part to
/// train on and, when the fraction is above 0, the part held out.
pub fn split_holdout(
    data: Dataset,
    config: &TrainConfig,
) -> Result<(Dataset, Option<Dataset>), String> {
    if config.holdout == 0.0 {
        return Ok((data, None));
    }
    let (training, held_out) = data.split(config.holdout, config.seed)?;
    Ok((training, Some(held_out)))
}

/// `data` split by `config.test` (from `config.seed`, drawn apart from
/// the held-out split) into the rest and, when the fraction is above 0,
/// the test set, scored once after training.
pub fn split_test(
    data: Dataset,
    config: &TrainConfig,
) -> Result<(Dataset, Option<Dataset>), String> {
    if config.test == 0.0 {
        return Ok((data, None));
    }
    let (rest, test) = data.split_named(config.test, config.seed, "test")?;
    Ok((rest, Some(test)))
}

/// The held-out samples inside a trainer: the set, and its inputs as
/// constant nodes of the trainer's graph.
pub(super) struct HeldOut<'d> {
    pub(super) data: &'d Dataset,
    pub(super) inputs: Vec<Vec<NodeId>>,
}

/// Watches the held-out loss at each progress check and says when it has
/// gone `patience` checks without a new lowest value.
pub(super) struct Patience {
    patience: usize,
    best: Option<EarlyStop>,
    checks_since_best: usize,
}

impl Patience {
    pub(super) fn new(patience: usize) -> Self {
        Patience {
            patience,
            best: None,
            checks_since_best: 0,
        }
    }

    /// True when `loss` would be a new lowest held-out loss.
    pub(super) fn improves(&self, loss: f64) -> bool {
        !loss.is_nan() && self.best.is_none_or(|best| loss < best.best_loss)
    }

    /// Records the held-out loss at `step`; returns how the run should end
    /// when patience has run out.
    pub(super) fn observe(&mut self, step: usize, loss: f64) -> Option<EarlyStop> {
        let improved = self.improves(loss);
        if improved {
            self.best = Some(EarlyStop {
                best_step: step,
                best_loss: loss,
            });
            self.checks_since_best = 0;
        } else {
            self.checks_since_best += 1;
        }
        if self.checks_since_best >= self.patience {
            self.best
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patience_runs_out_after_that_many_checks_without_a_new_low() {
        let mut watch = Patience::new(2);
        assert_eq!(watch.observe(10, 0.5), None);
        assert_eq!(watch.observe(20, 0.4), None);
        assert_eq!(watch.observe(30, 0.45), None);
        assert_eq!(watch.observe(40, 0.3), None, "a new low resets the count");
        assert_eq!(watch.observe(50, 0.3), None, "equal is not better");
        assert_eq!(
            watch.observe(60, 0.35),
            Some(EarlyStop {
                best_step: 40,
                best_loss: 0.3
            })
        );
    }
}
