//! Data sets from outside the graph: `csv("points.csv")`, a numeric CSV
//! file whose last column is the label, read as `micrograd train --data
//! file.csv` reads it; and `dataset(xs, ys)`, rows a learner built in
//! lists, labelled as a file's label column would be.

use std::sync::Arc;

use crate::data;

use super::args::Call;
use super::python::Arguments;
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Value};

/// `csv("file.csv", label="species", delimiter=";", task="regress")`,
/// read as `micrograd train --data file.csv` reads it.
pub(super) fn read_csv(ev: &mut Evaluator, call: &mut Call) -> Result<Value, EvalError> {
    let expr = call.require(
        0,
        "path",
        "a file name in quotes, as in csv(\"points.csv\")",
    )?;
    let mut options = data::CsvOptions::default();
    if let Some(label) = call.keyword("label") {
        options.label = match ev.eval(label)? {
            Value::Str(name) => data::LabelColumn::parse(&name),
            _ => data::LabelColumn::Index(ev.whole_number(label, 1, 100_000)?),
        };
    }
    if let Some(delimiter) = call.keyword("delimiter") {
        options.delimiter = data::delimiter_byte(&ev.text(delimiter, &data::DELIMITER_NAMES)?);
    }
    if let Some(task) = call.keyword("task") {
        options.task = data::Task::parse(&ev.text(task, &["classify", "regress"])?);
    }
    call.finish(1)?;
    let path = match ev.eval(expr)? {
        Value::Str(path) => path,
        other => {
            return Err(error(
                format!(
                    "csv() needs a file name in quotes, as in csv(\"points.csv\"), not {}",
                    other.kind()
                ),
                expr.span,
            ))
        }
    };
    let data = data::load_csv(std::path::Path::new(&path), &options)
        .map_err(|problem| error(problem.to_string(), expr.span))?;
    Ok(Value::Data(Arc::new(data)))
}

/// `dataset(xs, ys)`: row `i` has the features `xs[i]` (a list of numbers
/// or nodes' values) and the label `ys[i]` (a number or a name); features
/// count as unscaled, so `train` standardises them unless
/// `standardize=0`.
pub(super) fn from_lists(
    ev: &mut Evaluator,
    mut args: Arguments,
    span: Span,
) -> Result<Value, EvalError> {
    args.finish()?;
    let (labels, labels_at) = args.positional.pop().expect("arity checked: two");
    let (rows, rows_at) = args.positional.pop().expect("arity checked: two");
    let mut features = Vec::new();
    let rows = listed(ev, rows, rows_at, "xs, a list of rows of features")?;
    for (i, row) in rows.into_iter().enumerate() {
        let row = listed(
            ev,
            row,
            rows_at,
            &format!("xs[{i}] to be a list of features"),
        )?;
        let mut numbers = Vec::new();
        for item in row {
            let Some(x) = ev.number_of(&item) else {
                return Err(error(
                    format!("xs[{i}] holds {}: features are numbers", item.kind()),
                    rows_at,
                ));
            };
            numbers.push(x);
        }
        features.push(numbers);
    }
    let mut texts = Vec::new();
    let labels = listed(ev, labels, labels_at, "ys, a list of labels")?;
    for (i, label) in labels.into_iter().enumerate() {
        texts.push(match label {
            Value::Str(name) => name.to_string(),
            other => match ev.number_of(&other) {
                Some(x) => crate::text::number::full(x),
                None => {
                    return Err(error(
                        format!("ys[{i}] is {}: a label is a number or a name", other.kind()),
                        labels_at,
                    ))
                }
            },
        });
    }
    let data =
        data::from_rows("dataset", features, texts).map_err(|problem| error(problem, span))?;
    Ok(Value::Data(Arc::new(data)))
}

/// The items of `value`, or an error saying dataset() needs `what` there
/// (as in `dataset([[1.0, 2.0], [3.0, 4.0]], [-1, 1])`).
fn listed(ev: &mut Evaluator, value: Value, at: Span, what: &str) -> Result<Vec<Value>, EvalError> {
    match value {
        Value::List(_) | Value::Tuple(_) | Value::Iter(_) | Value::Range(_) => {
            ev.collect_items(value, at)
        }
        other => Err(error(
            format!(
                "dataset() needs {what}, not {}, as in dataset([[1.0, 2.0], [3.0, 4.0]], [-1, 1])",
                other.kind()
            ),
            at,
        )),
    }
}
