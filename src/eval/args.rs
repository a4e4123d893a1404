//! Arguments of built-in calls that take options: positional or
//! `name=value`, checked one at a time with errors pointing at the
//! offending argument (`steps=0`, `opt="adamw"`, an unknown keyword).

use crate::syntax::ast::{Arg, Expr, Ident};
use crate::syntax::Span;

use super::{error, EvalError, Evaluator, Value};

/// A keyword argument with its default, as help shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// The keyword.
    pub name: &'static str,
    /// Its default as text (`"hinge"`, `1`, `steps/10`).
    pub default: &'static str,
    /// What it does, in a few words.
    pub help: &'static str,
}

/// The arguments of one call: positional ones in order, keywords by name.
pub(super) struct Call<'a> {
    pub(super) function: &'a Ident,
    positional: Vec<&'a Expr>,
    keywords: Vec<(&'a Ident, &'a Expr)>,
    /// The keywords the built-ins table declares for this function: the
    /// only ones [`Call::keyword`] may ask for, and the did-you-mean list.
    declared: &'static [Keyword],
    pub(super) span: Span,
}

impl<'a> Call<'a> {
    /// A call of `function`, whose row in the built-ins table declares the
    /// keywords `declared` (empty: the function checks its own).
    pub(super) fn new(
        function: &'a Ident,
        args: &'a [Arg],
        declared: &'static [Keyword],
        span: Span,
    ) -> Self {
        let mut call = Call {
            function,
            positional: Vec::new(),
            keywords: Vec::new(),
            declared,
            span,
        };
        for arg in args {
            match &arg.keyword {
                Some(keyword) => call.keywords.push((keyword, &arg.value)),
                None => call.positional.push(&arg.value),
            }
        }
        call
    }

    /// Argument `index` if given by position, else keyword `name`.
    pub(super) fn take(&mut self, index: usize, name: &str) -> Option<&'a Expr> {
        self.named(name)
            .or_else(|| self.positional.get(index).copied())
    }

    /// Keyword argument `name`, if given. `name` must be one the table
    /// declares for the function, so a keyword exists in one place only:
    /// help, completion and the CLI check all read that row.
    pub(super) fn keyword(&mut self, name: &str) -> Option<&'a Expr> {
        debug_assert!(
            self.declared.is_empty() || self.declared.iter().any(|k| k.name == name),
            "{}() reads keyword `{name}`, which its row in eval/table.rs does not declare",
            self.function.name
        );
        self.named(name)
    }

    fn named(&mut self, name: &str) -> Option<&'a Expr> {
        let position = self.keywords.iter().position(|(k, _)| k.name == name)?;
        Some(self.keywords.remove(position).1)
    }

    /// A required argument.
    pub(super) fn require(
        &mut self,
        index: usize,
        name: &str,
        what: &str,
    ) -> Result<&'a Expr, EvalError> {
        self.take(index, name).ok_or_else(|| {
            error(
                format!("{}() needs {what} (argument `{name}`)", self.function.name),
                self.span,
            )
        })
    }

    /// Fails on extra positional arguments or keywords nobody took.
    pub(super) fn finish(&self, positional: usize) -> Result<(), EvalError> {
        if let Some(extra) = self.positional.get(positional) {
            return Err(error(
                format!(
                    "{}() takes at most {positional} positional argument(s)",
                    self.function.name
                ),
                extra.span,
            ));
        }
        if let Some((keyword, _)) = self.keywords.first() {
            let err = error(
                format!(
                    "{}() has no argument `{}`",
                    self.function.name, keyword.name
                ),
                keyword.span,
            );
            let names = self.declared.iter().map(|k| k.name);
            return Err(match super::suggest::closest(&keyword.name, names) {
                Some(close) => err.with_help(format!("did you mean `{close}=`?")),
                None if self.declared.is_empty() => err,
                None => err.with_help(format!(
                    "{}() takes {}",
                    self.function.name,
                    self.declared
                        .iter()
                        .map(|k| format!("{}=", k.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            });
        }
        Ok(())
    }
}

/// `1 argument`, `3 arguments`.
pub(super) fn count_arguments(count: usize) -> String {
    if count == 1 {
        "1 argument".into()
    } else {
        format!("{count} arguments")
    }
}

impl Evaluator<'_> {
    pub(super) fn whole_number(
        &mut self,
        expr: &Expr,
        low: usize,
        high: usize,
    ) -> Result<usize, EvalError> {
        let value = self.eval(expr)?;
        self.whole_number_value(&value, low, high, expr.span)
    }

    /// A value that must be a whole number from `low` to `high`.
    pub(super) fn whole_number_value(
        &mut self,
        value: &Value,
        low: usize,
        high: usize,
        span: Span,
    ) -> Result<usize, EvalError> {
        let Some(value) = self.number_of(value) else {
            return Err(error(
                format!("expected a number here, but this is {}", value.kind()),
                span,
            ));
        };
        if value.fract() != 0.0 || value < low as f64 || value > high as f64 {
            return Err(error(
                format!("expected a whole number from {low} to {high}, not {value}"),
                span,
            ));
        }
        Ok(value as usize)
    }

    pub(super) fn text(&mut self, expr: &Expr, choices: &[&str]) -> Result<String, EvalError> {
        match self.eval(expr)? {
            Value::Str(text) if choices.contains(&text.as_str()) => Ok(text),
            other => {
                let shown = match other {
                    Value::Str(text) => format!("\"{text}\""),
                    other => other.kind().to_string(),
                };
                Err(error(
                    format!("expected one of {}, not {shown}", quoted(choices)),
                    expr.span,
                ))
            }
        }
    }

    pub(super) fn number_at_least(
        &mut self,
        expr: &Expr,
        low: f64,
        strict: bool,
    ) -> Result<f64, EvalError> {
        let value = self.eval_number(expr)?;
        let ok = value.is_finite() && if strict { value > low } else { value >= low };
        if !ok {
            let relation = if strict { "above" } else { "at least" };
            return Err(error(
                format!("expected a number {relation} {low}, not {value}"),
                expr.span,
            ));
        }
        Ok(value)
    }
}

fn quoted(choices: &[&str]) -> String {
    choices
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
