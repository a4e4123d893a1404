//! Everything that turns engine state into text: numbers, the graph tree,
//! tables, diagnostics, DOT, the chain-rule views and plots. Output goes to
//! a writer passed in, with colour decided by a [`Palette`] passed in.

pub mod check;
pub mod diagnostic;
pub mod dot;
pub mod events;
pub mod node_text;
pub mod number;
pub mod palette;
pub mod paths;
pub mod plot;
pub mod step;
pub mod tree;
pub mod vars;
pub mod wrap;

pub use palette::{ColorChoice, Palette};
