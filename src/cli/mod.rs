//! The command line's own pieces (feature `cli`): the clap arguments of
//! `micrograd train` and `micrograd bench` and the commands that run them,
//! and the `--color` choice. The core never sees clap; these turn flags
//! into the core's plain settings and print with `render`.

pub mod bench;
pub mod train;

use std::io::Write;
use std::process::ExitCode;

use crate::console::WriteError;
use crate::text::Palette;

/// How a command ends whose output could not be written: quietly and
/// successfully when the reader went away (`micrograd … | head -1`, as
/// `ls`, `rg` and `fd` do), else with one message and a failure.
pub fn exit_after_write_error(error: &WriteError) -> ExitCode {
    if error.reader_left() {
        return ExitCode::SUCCESS;
    }
    // Stderr may be gone too; there is nowhere else to say it.
    let _ = writeln!(
        std::io::stderr(),
        "micrograd: cannot write the output: {}",
        error.message
    );
    ExitCode::FAILURE
}

/// The exit code of a command that ran (`ran`: it did what was asked) and
/// then wrote its output with `written`.
pub fn exit_code(ran: bool, written: std::io::Result<()>) -> ExitCode {
    match written {
        Err(error) => exit_after_write_error(&error.into()),
        Ok(()) if ran => ExitCode::SUCCESS,
        Ok(()) => ExitCode::FAILURE,
    }
}

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
/// that can show colour (`TERM` is not `dumb`) and whose user did not ask
/// for none (`NO_COLOR` set to anything, per no-color.org).
pub fn palette_for(choice: ColorChoice, stdout_is_terminal: bool) -> Palette {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    Palette::coloured(wants_colour(choice, stdout_is_terminal && !dumb, no_color))
}

/// Whether to colour: `always` and `never` say so; `auto` colours a
/// terminal able to show colour unless `NO_COLOR` is set.
fn wants_colour(choice: ColorChoice, colour_terminal: bool, no_color: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => colour_terminal && !no_color,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_only_a_colour_terminal_without_no_color() {
        assert!(wants_colour(ColorChoice::Auto, true, false));
        assert!(!wants_colour(ColorChoice::Auto, true, true));
        assert!(!wants_colour(ColorChoice::Auto, false, false));
        assert!(wants_colour(ColorChoice::Always, false, true));
        assert!(!wants_colour(ColorChoice::Never, true, false));
    }
}
