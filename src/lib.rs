//! `micrograd`: an interactive teaching REPL for scalar reverse-mode automatic
//! differentiation.
//!
//! Dependencies point one way: `engine ← eval ← render ← lesson ← repl`, and
//! `syntax ← eval`. The engine is usable on its own as a library; `data`,
//! `train` and `bench` sit beside the REPL and use only the engine and render.

pub mod bench;
pub mod console;
pub mod data;
pub mod engine;
pub mod eval;
pub mod lesson;
pub mod render;
pub mod repl;
pub mod syntax;
pub mod train;
