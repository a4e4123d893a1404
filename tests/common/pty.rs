//! The REPL in a real pseudo-terminal, as a learner meets it: started with
//! its own data folder, no colour, and handed over only once its editor owns
//! the terminal.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rexpect::session::{spawn_with_options, Options, PtySession};

/// The REPL just started in a pty with its own data folder and no colour,
/// `COLUMNS` set to `columns` (or unset, so the pty's own size is read);
/// nothing is awaited yet.
pub fn spawn(data_dir: &Path, columns: Option<&str>) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_micrograd"));
    command
        .env("MICROGRAD_DATA_DIR", data_dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    spawn_with_options(
        command,
        Options::default()
            .timeout_ms(Some(20_000))
            .strip_ansi_escape_codes(true),
    )
    .expect("the binary starts in a pty")
}

/// The REPL at its first prompt, its editor in raw mode.
pub fn start(data_dir: &Path) -> PtySession {
    let mut session = spawn(data_dir, Some("100"));
    session
        .exp_string(":lesson 1")
        .expect("the banner names the first lesson");
    // Waits for the prompt and for the editor to own the terminal (raw
    // mode), as a learner's first keystroke would: bytes sent before that
    // are read by the terminal's own line discipline, which no learner
    // ever meets.
    session.exp_string(">>> ").expect("the first prompt");
    std::thread::sleep(Duration::from_millis(300));
    session
}
