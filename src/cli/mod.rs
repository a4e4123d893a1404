//! The command line's own pieces (feature `cli`): the clap arguments of
//! `micrograd train` and `micrograd bench` and the commands that run them,
//! and the `--color` choice. The core never sees clap; these turn flags
//! into the core's plain settings and print with `render`.

pub mod bench;
pub mod train;

use crate::text::Palette;

/// The user's `--color` choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (even when piped).
    Always,
    /// Never colour.
    Never,
}

/// The palette for a `--color` choice; `auto` colours only a terminal
/// without `NO_COLOR` set (any value, per no-color.org).
pub fn palette_for(choice: ColorChoice, stdout_is_terminal: bool) -> Palette {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Palette::coloured(match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && !no_color,
    })
}
