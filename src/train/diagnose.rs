//! Why a run is not learning, noticed at the step it happens: a loss that
//! jumps up by orders of magnitude, a loss that is no longer a number,
//! accuracy stuck at chance, most ReLUs dead (at or below 0 on every
//! sample, so they pass no gradient and never recover; on a mini-batch,
//! only on the samples that step saw). Each is reported
//! once per run; `render::training` names the likely cause and the fix.

/// Something that stops a run from learning, seen at one step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Diagnosis {
    /// The loss rose from `from` (the first step's) to `to`.
    LossJumped {
        /// The first step's loss.
        from: f64,
        /// This step's.
        to: f64,
    },
    /// The loss is NaN or infinite.
    NotFinite,
    /// Accuracy has stayed at `accuracy`, the share of the largest class,
    /// for `steps` steps while the loss stood still.
    StuckAtChance {
        /// The accuracy it is stuck at.
        accuracy: f64,
        /// For how many steps.
        steps: usize,
    },
    /// `dead` of the `units` hidden ReLUs output 0 for every sample of
    /// the step's batch.
    DeadRelus {
        /// ReLUs at or below 0 on every sample of the batch.
        dead: usize,
        /// Hidden ReLUs in all.
        units: usize,
        /// `Some((seen, all))` when the batch held only `seen` of the `all`
        /// samples: a ReLU off for those may be on for the others, so it
        /// is not dead for good.
        batch: Option<(usize, usize)>,
    },
}

/// How many steps in a row accuracy must sit at chance to be called stuck.
const STUCK_STEPS: usize = 10;
/// How many times the first loss a loss must reach to be called a jump.
const JUMP_FACTOR: f64 = 10.0;

/// Watches each step's loss and accuracy and says what goes wrong, once
/// for each kind of trouble.
pub(super) struct Watch {
    /// The share of the most common class (what always guessing it scores);
    /// `None` for regression.
    chance: Option<f64>,
    first_loss: Option<f64>,
    at_chance: usize,
    loss_at_chance_start: f64,
    reported: [bool; 4],
}

impl Watch {
    pub(super) fn new(chance: Option<f64>) -> Self {
        Watch {
            chance,
            first_loss: None,
            at_chance: 0,
            loss_at_chance_start: f64::NAN,
            reported: [false; 4],
        }
    }

    /// The trouble step `loss`/`accuracy`/`dead` shows that was not reported
    /// before, most telling first. `batch`: the step saw only so many of
    /// the samples (see [`Diagnosis::DeadRelus`]).
    pub(super) fn observe(
        &mut self,
        loss: f64,
        accuracy: f64,
        dead: Option<(usize, usize)>,
        batch: Option<(usize, usize)>,
    ) -> Option<Diagnosis> {
        let first = *self.first_loss.get_or_insert(loss);
        let mut found = Vec::new();
        if !loss.is_finite() {
            found.push((1, Diagnosis::NotFinite));
        } else if first > 0.0 && loss >= JUMP_FACTOR * first {
            found.push((
                0,
                Diagnosis::LossJumped {
                    from: first,
                    to: loss,
                },
            ));
        }
        if let Some((dead, units)) = dead {
            if units > 0 && dead * 2 > units {
                found.push((3, Diagnosis::DeadRelus { dead, units, batch }));
            }
        }
        if let Some(chance) = self.chance {
            if accuracy <= chance + 1e-9 {
                if self.at_chance == 0 {
                    self.loss_at_chance_start = loss;
                }
                self.at_chance += 1;
                let still = (loss - self.loss_at_chance_start).abs()
                    <= 1e-3 * self.loss_at_chance_start.abs().max(1e-12);
                if self.at_chance >= STUCK_STEPS && still {
                    found.push((
                        2,
                        Diagnosis::StuckAtChance {
                            accuracy,
                            steps: self.at_chance,
                        },
                    ));
                }
            } else {
                self.at_chance = 0;
            }
        }
        let (kind, diagnosis) = found.into_iter().find(|(kind, _)| !self.reported[*kind])?;
        self.reported[kind] = true;
        Some(diagnosis)
    }
}
