//! How output looks: the [`Palette`] to paint with and the columns to wrap
//! prose to, as one value every renderer is handed. The front end makes it
//! from its host (`Host::palette`, `Host::width`), so two sessions in one
//! process may write to two widths.

use super::wrap::{MAX_WIDTH, MIN_WIDTH};
use super::Palette;

/// The palette and the width to write with. Copy it freely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// The colours.
    pub palette: Palette,
    /// Columns to wrap prose to, between [`MIN_WIDTH`] and [`MAX_WIDTH`].
    pub width: usize,
}

impl Style {
    /// `palette` and `width` columns, the width clamped to
    /// [`MIN_WIDTH`]..=[`MAX_WIDTH`] (below it every word would be a line,
    /// above it prose is harder to read).
    pub fn new(palette: Palette, width: usize) -> Self {
        Style {
            palette,
            width: width.clamp(MIN_WIDTH, MAX_WIDTH),
        }
    }

    /// No colour, [`MAX_WIDTH`] columns: for pipes, files and tests.
    pub fn plain() -> Self {
        Self::new(Palette::plain(), MAX_WIDTH)
    }

    /// The same palette at `width` columns (clamped as in [`Style::new`]).
    pub fn with_width(self, width: usize) -> Self {
        Self::new(self.palette, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_is_capped_and_defaults_to_eighty_off_a_terminal() {
        // Moved from text::wrap, where the width was a process global.
        assert!(Style::plain().width <= MAX_WIDTH);
        assert_eq!(Style::plain().width, 80);
        assert_eq!(
            Style::new(Palette::plain(), MAX_WIDTH + 100).width,
            MAX_WIDTH
        );
    }

    #[test]
    fn the_width_is_kept_within_the_house_limits() {
        assert_eq!(Style::new(Palette::plain(), 500).width, MAX_WIDTH);
        assert_eq!(Style::new(Palette::plain(), 3).width, MIN_WIDTH);
        assert_eq!(Style::plain().with_width(44).width, 44);
    }
}
