//! What the terminal app learns from the machine it runs on, decided once
//! here: where the learner's files live, how wide the terminal is, and the
//! one Ctrl-C handler. [`terminal_host`] puts them into the [`SystemHost`]
//! the app runs the core with; the core asks that host, never the machine.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::host::SystemHost;
use crate::text::Palette;

/// The directory for history, progress and extra lessons:
/// `$MICROGRAD_DATA_DIR` (unless empty), else the platform's data
/// directory plus `micrograd`. The one place that decides it.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("MICROGRAD_DATA_DIR") {
        // An empty value would mean the current directory: treat it as unset.
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join("micrograd")),
    }
}

/// The width to wrap prose to: the terminal's, capped at
/// [`crate::text::wrap::MAX_WIDTH`]; that cap when stdout is not a
/// terminal. The one place that reads the terminal's size.
pub fn terminal_width() -> usize {
    use crate::text::wrap::{MAX_WIDTH, MIN_WIDTH};
    // COLUMNS, when set, wins (as Python's shutil.get_terminal_size has it):
    // a user or test can ask for a width a pipe cannot report.
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    columns
        .unwrap_or_else(textwrap::termwidth)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}

/// The flag Ctrl-C sets once [`catch_ctrl_c`] installed the handler.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(Arc::default).clone()
}

/// Installs the process's one Ctrl-C handler (once, however often it is
/// called), which sets [`interrupt_flag`]: the prompt and `micrograd train`
/// ask for it; a script without it ends at Ctrl-C. While rustyline reads a
/// line it sees the key itself; at any other time (a long command,
/// training) the work polls the flag. Failing to install only means
/// Ctrl-C ends the program, as it would anyway.
pub fn catch_ctrl_c() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let flag = interrupt_flag();
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    });
}

/// The host the terminal app runs the core with: stdout and stderr, the
/// terminal's width (read again each time it is asked, so a resized
/// window re-wraps what comes next), `palette`, the one Ctrl-C flag, the
/// real clock and file system, and Graphviz for pictures.
pub fn terminal_host(palette: Palette) -> SystemHost {
    SystemHost::new(palette, terminal_width(), interrupt_flag()).reading_width_from(terminal_width)
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
