//! Guided lessons: lesson files (TOML, embedded in the binary, plus the
//! user's own folder), a runner fed one line at a time, grading by meaning,
//! progress saved atomically in the data directory, and `lessons check`,
//! which replays every lesson with its own answers.
//!
//! `format` reads files into steps; `catalog` lists them; `grade` judges
//! answers (`block` those that are a `def` or a loop; `meaning` compares
//! two graphs), `structure` keeps a right answer from breaking later steps and
//! `mistake` aims hints at wrong ones; `play` does what steps do to a session; `runner` is one lesson
//! in progress (its state machine) and `prose` what it says; `tutor`
//! routes lines between a lesson and the console;
//! `eye` rounds the numbers a lesson's own lines print; `check` and `cli`
//! are the `micrograd lessons` commands; `list` lays out the lesson list.

pub mod block;
pub mod catalog;
pub mod check;
pub mod cli;
mod eye;
pub mod format;
pub mod grade;
mod list;
mod meaning;
pub mod mistake;
mod play;
pub mod progress;
mod prose;
pub mod runner;
pub mod structure;
mod told;
pub mod tutor;

pub use tutor::Tutor;
