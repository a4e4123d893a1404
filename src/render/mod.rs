//! Everything that turns engine state into text: numbers, the graph tree,
//! tables, diagnostics, DOT, the chain-rule views and plots. Output goes to
//! a writer passed in, with colour decided by a [`Palette`] passed in.

pub mod diagnostic;
pub mod events;
pub mod number;
pub mod palette;
pub mod plot;
pub mod tree;

pub use palette::{ColorChoice, Palette};
