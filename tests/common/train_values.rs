//! A value each `train(...)` keyword accepts on a 20- or 40-point set, for
//! the tests that walk `eval::table::TRAIN_KEYWORDS` (the one list of the
//! keywords): a keyword added there without a value here fails loudly.

// Each test crate compiles this module on its own and uses only part of it.
#![allow(dead_code)]

/// A value `keyword` accepts.
pub fn sample_value(keyword: &str) -> &'static str {
    match keyword {
        "loss" => "\"mse\"",
        "opt" => "\"adam\"",
        "lr" => "0.01",
        "steps" => "3",
        "decay" => "0",
        "batch" => "10",
        "accumulate" => "2",
        "l2" => "0.001",
        "l1" => "0.001",
        "holdout" => "0.25",
        "test" => "0.2",
        "patience" => "2",
        "seed" => "7",
        "every" => "1",
        "plot" => "0",
        "dropout" => "0.1",
        "standardize" => "0",
        other => panic!(
            "train keyword `{other}` is new: give it a sample value in \
             tests/common/train_values.rs, a CLI flag in train_keywords.rs' \
             cli_flag() and make sure the REPL reads it"
        ),
    }
}

/// Another keyword `keyword` needs beside it to be accepted.
pub fn companion(keyword: &str) -> Option<&'static str> {
    match keyword {
        "patience" => Some("holdout=0.25"),
        _ => None,
    }
}
