//! The kernel ends when the program that started it has gone. Jupyter
//! sends a shutdown when it can, but a notebook server or test client that
//! is killed sends nothing, and an orphaned kernel would run for ever (one
//! ran 78 minutes). As ipykernel does, a watcher checks once a second that
//! the parent is still there: the process `JPY_PARENT_PID` names (the
//! launcher, as jupyter_client sets it), and the parent this process
//! started under (a dead parent's children are handed to another).

use std::time::Duration;

/// How often the watcher looks.
const EVERY: Duration = Duration::from_millis(500);

/// Starts the watcher thread; it ends the process when the parent is gone.
pub fn watch() {
    let launcher: Option<u32> = std::env::var("JPY_PARENT_PID")
        .ok()
        .and_then(|pid| pid.trim().parse().ok())
        .filter(|pid| *pid > 0);
    let parent = parent_id();
    let _ = std::thread::Builder::new()
        .name("micrograd-parent-watch".into())
        .spawn(move || loop {
            std::thread::sleep(EVERY);
            // Handed to init (or started by it as the launcher died): gone,
            // unless Jupyter itself runs as process 1 and said so.
            let now = parent_id();
            let reparented = now != parent || (now == Some(1) && launcher.is_none());
            let launcher_gone = launcher.is_some_and(|pid| pid > 1 && !is_running(pid));
            if reparented || launcher_gone {
                eprintln!("micrograd kernel: the program that started it has ended; stopping");
                std::process::exit(0);
            }
        });
}

#[cfg(unix)]
fn parent_id() -> Option<u32> {
    Some(std::os::unix::process::parent_id())
}

#[cfg(not(unix))]
fn parent_id() -> Option<u32> {
    None
}

/// True unless the process is known to be gone (or a zombie: dead, not yet
/// reaped). Only Linux's /proc is read; elsewhere the parent check serves.
fn is_running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => !std::path::Path::new("/proc/self").exists(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn a_process_that_ended_is_not_running() {
        assert!(is_running(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!is_running(pid));
    }
}
