//! What the terminal app learns from the machine it runs on: where the
//! learner's files live and how wide the terminal is. The core is told
//! these (a path passed in, `text::wrap::set_width`); it never asks.

use std::path::PathBuf;

/// The directory for history, progress and extra lessons:
/// `$MICROGRAD_DATA_DIR`, else the platform's data directory plus
/// `micrograd`. The one place that decides it.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MICROGRAD_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("micrograd"))
}

/// The width to wrap prose to: the terminal's, capped at
/// [`crate::text::wrap::MAX_WIDTH`]; that cap when stdout is not a
/// terminal. The one place that reads the terminal's size.
pub fn terminal_width() -> usize {
    use crate::text::wrap::{MAX_WIDTH, MIN_WIDTH};
    textwrap::termwidth().clamp(MIN_WIDTH, MAX_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_is_capped_and_defaults_to_eighty_off_a_terminal() {
        // Tests run with stdout captured: not a terminal.
        assert!(terminal_width() <= crate::text::wrap::MAX_WIDTH);
    }
}
