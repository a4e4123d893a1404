//! Data sets to train on: seeded built-in 2-D classification sets (moons as
//! scikit-learn's `make_moons`, circles, xor, spiral) and numeric CSV files
//! whose last column is the label. Same seed, same points, on every machine.

use std::f64::consts::PI;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Labelled points: `features[i]` has class `labels[i]` (`0..classes`).
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Where it came from (`moons`, a file name), for messages.
    pub name: String,
    /// One row of inputs per sample, all the same length.
    pub features: Vec<Vec<f64>>,
    /// The class of each sample, from 0.
    pub labels: Vec<usize>,
    /// How many classes there are.
    pub classes: usize,
}

impl Dataset {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Number of input features per sample.
    pub fn dimensions(&self) -> usize {
        self.features.first().map_or(0, Vec::len)
    }

    /// Splits off `fraction` of the samples, chosen at random from `seed`,
    /// as a held-out set: returns `(training, held_out)`, each keeping the
    /// original order and the whole set's class count. The same seed always
    /// holds out the same samples. Fails, saying why, on a fraction outside
    /// `[0, 1)` or a split that leaves either part empty.
    pub fn split(&self, fraction: f64, seed: u64) -> Result<(Dataset, Dataset), String> {
        if !(fraction.is_finite() && (0.0..1.0).contains(&fraction)) {
            return Err(format!(
                "holdout is the fraction of samples kept out of training, from 0 up to (not including) 1, not {fraction}"
            ));
        }
        let held = (fraction * self.len() as f64).round() as usize;
        if held == 0 {
            return Err(format!(
                "holdout {fraction} of {} samples holds out none: use a larger fraction or more samples",
                self.len()
            ));
        }
        if held >= self.len() {
            return Err(format!(
                "holdout {fraction} of {} samples leaves none to train on: use a smaller fraction or more samples",
                self.len()
            ));
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ SPLIT_SALT);
        for i in 0..held {
            let j = rng.random_range(i..order.len());
            order.swap(i, j);
        }
        let mut held_out = order[..held].to_vec();
        let mut training = order[held..].to_vec();
        held_out.sort_unstable();
        training.sort_unstable();
        Ok((self.subset(&training), self.subset(&held_out)))
    }

    /// The samples at `indices`, in that order.
    fn subset(&self, indices: &[usize]) -> Dataset {
        Dataset {
            name: self.name.clone(),
            features: indices.iter().map(|&i| self.features[i].clone()).collect(),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }
}

/// Mixed into the seed of [`Dataset::split`] so that the split's random
/// draws are not the ones that generated or shuffled a built-in set.
const SPLIT_SALT: u64 = 0x5EED_5B11_7000_0001;

/// The built-in data sets, by name.
pub const BUILTIN: [&str; 4] = ["moons", "circles", "xor", "spiral"];

/// A built-in set by name with `samples` points and Gaussian `noise`, or
/// `None` for an unknown name.
pub fn builtin(name: &str, samples: usize, noise: f64, seed: u64) -> Option<Dataset> {
    builtin_from(name, samples, noise, &mut ChaCha8Rng::seed_from_u64(seed))
}

/// [`builtin`] drawing from `rng` (the REPL's per-session stream).
pub fn builtin_from(
    name: &str,
    samples: usize,
    noise: f64,
    rng: &mut ChaCha8Rng,
) -> Option<Dataset> {
    let (features, labels, classes) = match name {
        "moons" => moons_points(samples, noise, rng),
        "circles" => circles_points(samples, noise, rng),
        "xor" => xor_points(samples, noise, rng),
        "spiral" => spiral_points(samples, 3, noise, rng),
        _ => return None,
    };
    Some(Dataset {
        name: name.to_string(),
        features,
        labels,
        classes,
    })
}

type Points = (Vec<Vec<f64>>, Vec<usize>, usize);

/// Two interleaving half circles, as `sklearn.datasets.make_moons`: the
/// upper moon (class 0) on the unit circle, the lower (class 1) shifted by
/// (1, −0.5), each point jittered by N(0, noise²), then shuffled.
fn moons_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let outer = samples / 2;
    let inner = samples - outer;
    let mut points = Vec::with_capacity(samples);
    for t in linspace(0.0, PI, outer) {
        points.push((vec![t.cos(), t.sin()], 0));
    }
    for t in linspace(0.0, PI, inner) {
        points.push((vec![1.0 - t.cos(), 1.0 - t.sin() - 0.5], 1));
    }
    finish(points, noise, 2, rng)
}

/// Two concentric circles, the inner one (class 1) of radius 0.5.
fn circles_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let outer = samples / 2;
    let inner = samples - outer;
    let mut points = Vec::with_capacity(samples);
    for (count, radius, class) in [(outer, 1.0, 0), (inner, 0.5, 1)] {
        for k in 0..count {
            let t = 2.0 * PI * k as f64 / count as f64;
            points.push((vec![radius * t.cos(), radius * t.sin()], class));
        }
    }
    finish(points, noise, 2, rng)
}

/// Points uniform in the square (−1, 1)², class 1 where x and y share a
/// sign: the problem a single neuron cannot solve.
fn xor_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let points = (0..samples)
        .map(|_| {
            let x: f64 = rng.random_range(-1.0..1.0);
            let y: f64 = rng.random_range(-1.0..1.0);
            (vec![x, y], usize::from(x * y > 0.0))
        })
        .collect();
    finish(points, noise, 2, rng)
}

/// `classes` interleaved spiral arms (CS231n's spiral), radius 0 to 1.
fn spiral_points(samples: usize, classes: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let per_class = samples / classes;
    let mut points = Vec::with_capacity(samples);
    for class in 0..classes {
        let count = per_class + usize::from(class < samples % classes);
        for (k, radius) in linspace(0.0, 1.0, count).enumerate() {
            let start = class as f64 * 4.0;
            let t = start + 4.0 * k as f64 / (count.max(2) - 1) as f64;
            points.push((vec![radius * t.sin(), radius * t.cos()], class));
        }
    }
    finish(points, noise, classes, rng)
}

/// Adds Gaussian noise to every coordinate, then shuffles.
fn finish(
    mut points: Vec<(Vec<f64>, usize)>,
    noise: f64,
    classes: usize,
    rng: &mut ChaCha8Rng,
) -> Points {
    for (x, _) in &mut points {
        for v in x.iter_mut() {
            *v += noise * standard_normal(rng);
        }
    }
    for i in (1..points.len()).rev() {
        let j = rng.random_range(0..=i);
        points.swap(i, j);
    }
    let (features, labels) = points.into_iter().unzip();
    (features, labels, classes)
}

/// `count` evenly spaced values from `start` to `end` inclusive (numpy's
/// `linspace`).
fn linspace(start: f64, end: f64, count: usize) -> impl Iterator<Item = f64> {
    let step = if count > 1 {
        (end - start) / (count - 1) as f64
    } else {
        0.0
    };
    (0..count).map(move |k| start + step * k as f64)
}

/// One draw from N(0, 1) by the Box–Muller transform.
fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>(); // (0, 1]: log never sees 0
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}

/// Why a CSV file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// The path given.
        path: String,
        /// What the OS said.
        reason: String,
    },
    /// A line is not what a numeric CSV needs.
    #[error("{name}:{line}: {problem}")]
    BadLine {
        /// The file.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// Nothing to train on.
    #[error("{0}: no data rows (expected numeric columns, the last one the label)")]
    Empty(String),
}

/// Reads a CSV file: see [`parse_csv`].
pub fn load_csv(path: &std::path::Path) -> Result<Dataset, DataError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DataError::Unreadable {
        path: name.clone(),
        reason: e.to_string(),
    })?;
    parse_csv(&text, &name)
}

/// Parses numeric CSV text: every row the same number of comma-separated
/// numbers, at least two, the last the label. A first line with no numbers
/// is a header and is skipped; blank lines and `#` comments are skipped.
/// Labels may be any numbers (`-1/1`, `0/1/2`, ...): the distinct values,
/// sorted, become classes 0, 1, ...
pub fn parse_csv(text: &str, name: &str) -> Result<Dataset, DataError> {
    let bad = |line: usize, problem: String| DataError::BadLine {
        name: name.to_string(),
        line,
        problem,
    };
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let mut width = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = trimmed.split(',').map(str::trim).collect();
        let parsed: Vec<Option<f64>> = cells.iter().map(|c| c.parse().ok()).collect();
        if rows.is_empty() && width.is_none() && parsed.iter().all(Option::is_none) {
            width = Some(cells.len()); // a header names the columns
            continue;
        }
        if let Some(column) = parsed.iter().position(Option::is_none) {
            return Err(bad(
                line,
                format!("column {} is `{}`, not a number", column + 1, cells[column]),
            ));
        }
        let values: Vec<f64> = parsed.into_iter().flatten().collect();
        if let Some(column) = values.iter().position(|v| !v.is_finite()) {
            return Err(bad(line, format!("column {} is not finite", column + 1)));
        }
        if values.len() < 2 {
            return Err(bad(
                line,
                "need at least one feature column and a label column".into(),
            ));
        }
        match width {
            Some(expected) if expected != values.len() => {
                return Err(bad(
                    line,
                    format!("has {} columns, expected {expected}", values.len()),
                ))
            }
            _ => width = Some(values.len()),
        }
        rows.push(values);
    }
    if rows.is_empty() {
        return Err(DataError::Empty(name.to_string()));
    }
    let mut label_values: Vec<f64> = rows.iter().map(|r| r[r.len() - 1]).collect();
    label_values.sort_by(f64::total_cmp);
    label_values.dedup();
    let labels = rows
        .iter()
        .map(|r| {
            let label = r[r.len() - 1];
            label_values.iter().position(|&v| v == label).unwrap_or(0)
        })
        .collect();
    let features = rows
        .into_iter()
        .map(|mut r| {
            r.pop();
            r
        })
        .collect();
    Ok(Dataset {
        name: name.to_string(),
        features,
        labels,
        classes: label_values.len(),
    })
}
