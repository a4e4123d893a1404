//! `micrograd`: an interactive teaching REPL for scalar reverse-mode automatic
//! differentiation.
//!
//! The modules stand in layers; each uses only modules before it in this
//! list (`tests/layers.rs` checks every `use crate::` line against it, and
//! that no module, nor any file within one, takes part in a cycle):
//!
//! 1. `text`: numbers, counts and plurals, wrapping, widths, the palette
//!    and the `Style` (a palette and a width) every renderer is handed.
//!    Uses nothing else of the crate.
//! 2. `host`: the one door to the world (output, files, width, clock,
//!    Ctrl-C, pictures), a trait the front end implements. Uses `text`.
//! 3. `syntax`: the language's parser, spans and syntax errors.
//! 4. `data`: data sets (built-in and CSV).
//! 5. `engine`: the autograd graph, ops, backward, networks, losses,
//!    optimizers, gradient checks. No I/O; usable alone as a library.
//! 6. `train`: the training loop and its settings; it measures and hands
//!    progress to its caller, never prints.
//! 7. `eval`: the language's evaluator; networks, data sets and
//!    `train(…)` are its values and functions.
//! 8. `render`: everything that turns engine state, evaluation events and
//!    training progress into text, to a writer with a `text::Style` (the
//!    palette and the width, both from the console's host).
//! 9. `bench`: `micrograd bench`'s timed workloads.
//! 10. `console`: one input line → statements or `:` commands → output.
//! 11. `lesson`: lesson files, the runner, grading, progress.
//! 12. `repl` (feature `cli`): line editing, history, script mode, and what
//!     the terminal app reads from the machine (data directory, width).
//! 13. `kernel` (feature `kernel`): `micrograd kernel`, the Jupyter
//!     kernel: the messaging protocol over ZeroMQ, one session per kernel.
//! 14. `cli` (feature `cli`): the clap arguments of `micrograd train` and
//!     `micrograd bench`, and `--color`.
//!
//! `src/main.rs` parses the command line and hands off. Without the `cli`
//! feature the library (1–11) builds with none of clap, rustyline, ctrlc
//! or dirs.

pub mod bench;
#[cfg(feature = "cli")]
pub mod cli;
pub mod console;
pub mod data;
pub mod engine;
pub mod eval;
pub mod host;
#[cfg(feature = "kernel")]
pub mod kernel;
pub mod lesson;
pub mod render;
#[cfg(feature = "cli")]
pub mod repl;
pub mod syntax;
pub mod text;
pub mod train;
