//! Standardisation: each feature shifted by its mean and divided by its
//! standard deviation, both measured on the training samples only, so
//! features in centimetres and in thousands weigh alike and the default
//! learning rates fit. The same numbers are applied to held-out samples
//! and, kept with a trained network, to every later call of it.

use super::Dataset;

/// The mean and standard deviation of each feature of a training set.
#[derive(Clone, Debug, PartialEq)]
pub struct Scaling {
    /// Mean of each feature.
    pub mean: Vec<f64>,
    /// Standard deviation of each feature (1 where a feature is constant,
    /// so it is only centred).
    pub std: Vec<f64>,
}

impl Scaling {
    /// Measured on `data` (the training part).
    pub fn fit(data: &Dataset) -> Self {
        let n = data.len().max(1) as f64;
        let dims = data.dimensions();
        let mut mean = vec![0.0; dims];
        for row in &data.features {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut variance = vec![0.0; dims];
        for row in &data.features {
            for ((s, v), m) in variance.iter_mut().zip(row).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        let std = variance
            .into_iter()
            .map(|v| if v.sqrt() > 1e-12 { v.sqrt() } else { 1.0 })
            .collect();
        Scaling { mean, std }
    }

    /// One row of features standardised.
    pub fn apply(&self, row: &[f64]) -> Vec<f64> {
        row.iter()
            .zip(self.mean.iter().zip(&self.std))
            .map(|(v, (m, s))| (v - m) / s)
            .collect()
    }

    /// `data` with every row standardised.
    pub fn applied_to(&self, data: &Dataset) -> Dataset {
        Dataset {
            features: data.features.iter().map(|row| self.apply(row)).collect(),
            ..data.clone()
        }
    }
}
