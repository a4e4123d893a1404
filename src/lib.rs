//! `micrograd`: an interactive teaching REPL for scalar reverse-mode automatic
//! differentiation.
//!
//! Dependencies, as the `use` lines have them (`a ← b`: `b` uses `a`):
//!
//! - `engine`, `syntax` and `data` use nothing else of the crate; the engine
//!   is usable on its own as a library (no I/O, no pest).
//! - `engine, data ← train`: the training loop and its settings.
//! - `syntax, engine, data, train ← eval`: networks, data sets and
//!   `train(…)` are values and functions of the language.
//! - `eval ← render ← console ← lesson ← repl ← main`, each free to use
//!   any module before it: `render` uses `syntax` (spans), and `console`
//!   uses `train` to run the `train(…)` the evaluator asks for.
//! - `bench` uses `engine`, `data`, `train` and `render`.
//!
//! Two uses point back up this order, both into leaves of `render` that use
//! nothing else of the crate: `eval` writes the number in a domain warning
//! with `render::number`, and `train::cli` (the `micrograd train` command)
//! prints with `render::{number, plot, Palette}`.

pub mod bench;
pub mod console;
pub mod data;
pub mod engine;
pub mod eval;
pub mod host;
pub mod lesson;
pub mod render;
pub mod repl;
pub mod syntax;
pub mod train;
