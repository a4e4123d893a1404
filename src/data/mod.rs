//! Data sets to train on: seeded built-in 2-D classification sets (see
//! [`builtin`]) and CSV files as spreadsheets export them (see
//! [`csv_file`]): a header or not, quoted fields, `,` `;` or tab, a chosen
//! label column whose values are class names, class numbers or a quantity
//! to predict ([`Task`]); and rows already in memory ([`from_rows`],
//! the language's `dataset(xs, ys)`). Every row of features has its label or target.

mod builtin;
mod csv_file;
mod error;
mod labels;
mod rows;
mod scaling;

pub use builtin::{builtin, builtin_from, BUILTIN};
pub use csv_file::{
    delimiter_byte, load_csv, parse_csv, parse_csv_with, CsvOptions, LabelColumn, DELIMITER_NAMES,
};
pub use error::DataError;
pub use rows::from_rows;
pub use scaling::Scaling;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a data set asks the network to learn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Pick one of a few classes (accuracy).
    Classify,
    /// Predict a number (mean squared error, RMSE, R²).
    Regress,
}

impl Task {
    /// Parses `classify` or `regress`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "classify" => Some(Task::Classify),
            "regress" => Some(Task::Regress),
            _ => None,
        }
    }

    /// The word a learner types: `classify` or `regress`.
    pub fn name(self) -> &'static str {
        match self {
            Task::Classify => "classify",
            Task::Regress => "regress",
        }
    }
}

/// Samples with their features and what to learn about them: a class
/// (`labels[i]` in `0..classes`) or, for regression (`classes == 0`), a
/// number (`targets[i]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Where it came from (`moons`, a file name), for messages.
    pub name: String,
    /// One row of inputs per sample, all the same length.
    pub features: Vec<Vec<f64>>,
    /// The class of each sample, from 0 (empty for regression).
    pub labels: Vec<usize>,
    /// How many classes there are (0 for regression).
    pub classes: usize,
    /// The number to predict for each sample (empty for classification).
    pub targets: Vec<f64>,
    /// The name of each class as the file spells it (`setosa`, `-1`);
    /// empty when the classes are just numbered (built-in sets).
    pub class_names: Vec<String>,
    /// The name of each feature column (from a header), or empty.
    pub feature_names: Vec<String>,
    /// The name of the label column (from a header), or empty.
    pub label_name: String,
    /// True when the features are already on a unit scale (the built-in
    /// sets), so training leaves them as they are unless asked to
    /// standardise.
    pub unit_scale: bool,
}

impl Dataset {
    /// A data set from rows of `features` and the recognised `target`
    /// (classes or values), as read from a file or from lists: features
    /// on their own scale, so training standardises them by default.
    /// `feature_names` is empty or one name per feature.
    fn assemble(
        name: &str,
        features: Vec<Vec<f64>>,
        target: labels::Target,
        feature_names: Vec<String>,
        label_name: String,
    ) -> Self {
        let mut data = Dataset {
            name: name.to_string(),
            features,
            labels: Vec::new(),
            classes: 0,
            targets: Vec::new(),
            class_names: Vec::new(),
            feature_names,
            label_name,
            unit_scale: false,
        };
        match target {
            labels::Target::Classes { labels, names } => {
                data.classes = names.len();
                data.labels = labels;
                data.class_names = names;
            }
            labels::Target::Values(values) => data.targets = values,
        }
        data
    }

    /// A classification set: `labels[i]` in `0..classes` is the class of
    /// `features[i]`, the classes numbered, no column names.
    pub fn classes(
        name: &str,
        features: Vec<Vec<f64>>,
        labels: Vec<usize>,
        classes: usize,
    ) -> Self {
        Dataset {
            name: name.to_string(),
            features,
            labels,
            classes,
            targets: Vec::new(),
            class_names: Vec::new(),
            feature_names: Vec::new(),
            label_name: String::new(),
            unit_scale: true,
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// Number of input features per sample.
    pub fn dimensions(&self) -> usize {
        self.features.first().map_or(0, Vec::len)
    }

    /// Classification or regression.
    pub fn task(&self) -> Task {
        if self.classes == 0 {
            Task::Regress
        } else {
            Task::Classify
        }
    }

    /// `3 classes`, or `a number to predict (y)` for regression.
    pub fn what_to_learn(&self) -> String {
        match self.task() {
            Task::Classify => {
                let word = if self.classes == 1 {
                    "class"
                } else {
                    "classes"
                };
                format!("{} {word}", self.classes)
            }
            Task::Regress if self.label_name.is_empty() => "a number to predict".into(),
            Task::Regress => format!("a number to predict ({})", self.label_name),
        }
    }

    /// The name of class `class`: as the file spells it, else its number.
    pub fn class_name(&self, class: usize) -> String {
        self.class_names
            .get(class)
            .cloned()
            .unwrap_or_else(|| class.to_string())
    }

    /// The name of feature `index` (from 0): the header's, else `x1`, `x2`….
    pub fn feature_name(&self, index: usize) -> String {
        self.feature_names
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("x{}", index + 1))
    }

    /// Splits off `fraction` of the samples, chosen at random from `seed`,
    /// as a held-out set: returns `(training, held_out)`, each keeping the
    /// original order and the whole set's class count. The same seed always
    /// holds out the same samples. Fails, saying why, on a fraction outside
    /// `[0, 1)` or a split that leaves either part empty.
    pub fn split(&self, fraction: f64, seed: u64) -> Result<(Dataset, Dataset), String> {
        self.split_named(fraction, seed, "holdout")
    }

    /// [`Dataset::split`], its messages naming the setting `setting`
    /// (`holdout`, `test`), with its own random draws for each setting.
    pub fn split_named(
        &self,
        fraction: f64,
        seed: u64,
        setting: &str,
    ) -> Result<(Dataset, Dataset), String> {
        if !(fraction.is_finite() && (0.0..1.0).contains(&fraction)) {
            return Err(format!(
                "{setting} is the fraction of samples kept out of training, from 0 up to (not including) 1, not {fraction}"
            ));
        }
        let held = (fraction * self.len() as f64).round() as usize;
        if held == 0 {
            return Err(format!(
                "{setting} {fraction} of {} samples holds out none: use a larger fraction or more samples",
                self.len()
            ));
        }
        if held >= self.len() {
            return Err(format!(
                "{setting} {fraction} of {} samples leaves none to train on: use a smaller fraction or more samples",
                self.len()
            ));
        }
        let salt = if setting == "holdout" {
            SPLIT_SALT
        } else {
            TEST_SALT
        };
        let mut order: Vec<usize> = (0..self.len()).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ salt);
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
        let pick = |values: &[usize]| indices.iter().map(|&i| values[i]).collect();
        Dataset {
            features: indices.iter().map(|&i| self.features[i].clone()).collect(),
            labels: if self.labels.is_empty() {
                Vec::new()
            } else {
                pick(&self.labels)
            },
            targets: if self.targets.is_empty() {
                Vec::new()
            } else {
                indices.iter().map(|&i| self.targets[i]).collect()
            },
            ..self.without_samples()
        }
    }

    /// This set's description (name, classes, column names) with no samples.
    fn without_samples(&self) -> Dataset {
        Dataset {
            name: self.name.clone(),
            features: Vec::new(),
            labels: Vec::new(),
            classes: self.classes,
            targets: Vec::new(),
            class_names: self.class_names.clone(),
            feature_names: self.feature_names.clone(),
            label_name: self.label_name.clone(),
            unit_scale: self.unit_scale,
        }
    }
}

/// Mixed into the seed of [`Dataset::split`] so that the split's random
/// draws are not the ones that generated or shuffled a built-in set.
const SPLIT_SALT: u64 = 0x5EED_5B11_7000_0001;
/// The same for the test split (`--test`), so that it never holds out the
/// same samples as the validation split merely because the seeds match.
const TEST_SALT: u64 = 0x7E57_5B11_7000_0002;
