//! A data set from rows already in memory: the language's
//! `dataset(xs, ys)`, for data a learner made or changed in a loop. The
//! labels are recognised as a CSV file's label column is (names or a few
//! whole numbers are classes, other numbers a quantity to predict), and
//! the features count as unscaled, as a file's do.

use super::labels::{self, Cell, Column};
use super::{DataError, Dataset};

/// The data set `name` whose row `i` has `features[i]` and the label
/// `labels[i]`, written as the label's text (`"setosa"`, `-1.0`).
/// Errors name the row from 0, as `xs[i]` and `ys[i]` do.
pub fn from_rows(
    name: &str,
    features: Vec<Vec<f64>>,
    labels: Vec<String>,
) -> Result<Dataset, String> {
    if features.is_empty() {
        return Err("no rows: give a list of rows of features and a list of their labels".into());
    }
    if features.len() != labels.len() {
        return Err(format!(
            "{} rows of features but {} labels: give one label per row",
            features.len(),
            labels.len()
        ));
    }
    let width = features[0].len();
    if width == 0 {
        return Err("xs[0] has no features".into());
    }
    if let Some(row) = features.iter().position(|row| row.len() != width) {
        return Err(format!(
            "xs[{row}] has {} features and xs[0] has {width}: every row needs as many",
            features[row].len()
        ));
    }
    if let Some(row) = features
        .iter()
        .position(|r| r.iter().any(|v| !v.is_finite()))
    {
        return Err(format!("xs[{row}] holds a number that is not finite"));
    }
    let cells: Vec<Cell> = labels
        .into_iter()
        .enumerate()
        .map(|(line, text)| Cell { line, text })
        .collect();
    let column = Column {
        file: name,
        described: "the label".into(),
    };
    let target = labels::recognise(&cells, &column, None).map_err(|error| match error {
        DataError::BadLine { line, problem, .. } => format!("ys[{line}]: {problem}"),
        other => other.to_string(),
    })?;
    Ok(Dataset::assemble(
        name,
        features,
        target,
        Vec::new(),
        String::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Task;

    fn rows(n: usize) -> Vec<Vec<f64>> {
        (0..n).map(|i| vec![150.0 + i as f64, 0.5]).collect()
    }

    #[test]
    fn whole_number_labels_are_classes_and_features_unscaled() {
        let labels = ["-1.0", "1.0", "-1.0"].map(String::from).to_vec();
        let data = from_rows("d", rows(3), labels).unwrap();
        assert_eq!(data.task(), Task::Classify);
        assert_eq!(data.classes, 2);
        assert_eq!(data.labels, vec![0, 1, 0]);
        assert!(!data.unit_scale, "lists are standardised by default");
    }

    #[test]
    fn fractional_labels_are_a_quantity_and_names_are_classes() {
        let values = ["0.5", "1.25", "2.0"].map(String::from).to_vec();
        assert_eq!(
            from_rows("d", rows(3), values).unwrap().task(),
            Task::Regress
        );
        let names = ["cat", "dog", "cat"].map(String::from).to_vec();
        let data = from_rows("d", rows(3), names).unwrap();
        assert_eq!(data.class_names, vec!["cat", "dog"]);
    }

    #[test]
    fn mismatched_rows_are_refused_naming_the_row() {
        let labels = ["1", "2"].map(String::from).to_vec();
        let error = from_rows("d", rows(3), labels).unwrap_err();
        assert!(error.contains("3 rows of features but 2 labels"), "{error}");
        let mut ragged = rows(3);
        ragged[2].push(1.0);
        let labels = ["1", "2", "1"].map(String::from).to_vec();
        let error = from_rows("d", ragged, labels).unwrap_err();
        assert!(
            error.starts_with("xs[2] has 3 features and xs[0] has 2"),
            "{error}"
        );
        let error = from_rows("d", Vec::new(), Vec::new()).unwrap_err();
        assert!(error.starts_with("no rows"), "{error}");
        let mixed = ["1", "2", "cat"].map(String::from).to_vec();
        let error = from_rows("d", rows(3), mixed).unwrap_err();
        assert!(error.starts_with("ys[2]: the label is `cat`"), "{error}");
    }
}
