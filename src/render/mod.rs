//! Everything that turns engine state and the events of evaluation and
//! training into text: the graph tree, tables, diagnostics, DOT, the
//! chain-rule views, training reports and plots. Output goes to a writer
//! passed in, with colour decided by a [`Palette`] passed in; numbers,
//! counts and wrapping come from the `text` leaf.

pub mod boundary_svg;
pub mod check;
pub mod curve_svg;
pub mod diagnostic;
pub mod dot;
pub mod events;
pub mod inspect;
pub mod node_text;
pub mod paths;
pub mod plot;
pub mod step;
pub mod svg;
pub mod training;
pub mod tree;
pub mod vars;

// The views were written against `super::{number, wrap, Palette}`; these
// keep that spelling inside `render` (private: other layers use `text`).
use crate::text::{number, wrap, Palette};
