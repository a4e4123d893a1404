//! Text for a learner's eyes: numbers ([`number`]), counts with their
//! plurals ([`count`]), prose wrapped to a width ([`wrap`]), code lines broken where Python
//! allows ([`code_lines`]), columns
//! measured in terminal cells ([`columns`]), colour by meaning
//! ([`Palette`]) and both with a width ([`Style`]). A leaf: uses nothing else of the crate and never looks
//! at the terminal, so every layer may use it.

pub mod ascii;
pub mod code_lines;
pub mod columns;
pub mod count;
pub mod number;
pub mod palette;
pub mod style;
pub mod wrap;

pub use columns::{aligned_row, char_width, column_width, display_width, pad_left, pad_right};
pub use count::{count, thousands};
pub use palette::Palette;
pub use style::Style;
