//! Reading data sets from files: `csv("points.csv")`, a numeric CSV file
//! whose last column is the label, read as `micrograd train --data
//! file.csv` reads it.

use std::sync::Arc;

use crate::data;

use super::args::Call;
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
