//! A terminal resized while the REPL runs: what the next input prints
//! wraps to the new width (the terminal's host reads the size when asked,
//! not once at start-up).

#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
#[allow(dead_code)] // this test needs only `spawn`
mod pty;

use std::os::fd::AsRawFd;
use std::time::Duration;

use rexpect::session::PtySession;

/// Tells the pseudo-terminal it is now `columns` wide, as a window
/// manager does when the learner drags the window's edge.
fn resize(session: &PtySession, columns: u16) {
    let master = session
        .process()
        .get_file_handle()
        .expect("the pty's master side");
    let size = libc::winsize {
        ws_row: 40,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one `winsize` from the pointer, which
    // lives for the call; the descriptor is open for its duration.
    let done = unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    assert_eq!(done, 0, "the pty takes its new size");
}

/// The widest line `:help language` prints now.
fn widest_help_line(session: &mut PtySession) -> usize {
    session.send_line(":help language").unwrap();
    session.exp_string(":help language").unwrap();
    let page = session
        .exp_string(">>> ")
        .expect("the prompt after the page");
    page.lines()
        .map(|line| line.trim_end().chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn help_after_a_resize_wraps_to_the_new_width() {
    let dir = common::temp_dir();
    let mut session = pty::spawn(dir.path(), None);
    resize(&session, 80);
    session.exp_string(">>> ").expect("the first prompt");
    std::thread::sleep(Duration::from_millis(300));
    let wide = widest_help_line(&mut session);
    resize(&session, 44);
    let narrow = widest_help_line(&mut session);
    assert!(
        wide > 44,
        "the page is wider than 44 at 80 columns ({wide})"
    );
    assert!(narrow <= 44, "after the resize the page is {narrow} wide");
    session.send_line(":quit").unwrap();
    let _ = session.exp_eof();
}
