//! [`SystemHost`]: the [`Host`] of a process on a real machine, with only
//! `std`: stdout and stderr, the file system, a monotonic clock from when
//! it was made, Graphviz's `dot` for pictures, and an interrupt flag that
//! whoever owns the process's Ctrl-C (the terminal app's one handler in
//! `repl`) sets. The terminal app gives it the terminal's width and the
//! palette `--color` chose; a library user or a test gets 80 columns and
//! no colour.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::graphviz::{self, GraphvizError};
use super::{Host, HostError, PictureFormat};
use crate::text::ascii::Ascii;
use crate::text::Palette;

/// The host of a process on a real machine (see the module's doc).
pub struct SystemHost {
    palette: Palette,
    width: usize,
    /// Where the width is read each time it is asked for (a terminal, which
    /// the learner may resize); `width` when there is none.
    width_source: Option<fn() -> usize>,
    interrupt: Arc<AtomicBool>,
    started: Instant,
    stdout: Ascii<io::Stdout>,
    stderr: Ascii<io::Stderr>,
}

impl SystemHost {
    /// A host painting with `palette` and wrapping at `width` columns, whose
    /// [`Host::interrupted`] reads `interrupt`.
    pub fn new(palette: Palette, width: usize, interrupt: Arc<AtomicBool>) -> Self {
        SystemHost {
            palette,
            width,
            width_source: None,
            interrupt,
            started: Instant::now(),
            stdout: Ascii::new(io::stdout()),
            stderr: Ascii::new(io::stderr()),
        }
    }

    /// The same host, reading its width from `source` each time
    /// [`Host::width`] is asked (the terminal app passes the terminal's
    /// size, so a resized window re-wraps what comes next).
    pub fn reading_width_from(mut self, source: fn() -> usize) -> Self {
        self.width_source = Some(source);
        self
    }

    /// The flag Ctrl-C sets, to share with what else watches it.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// This host's clock as a value of its own, for a loop that must read
    /// the time while the host is lent elsewhere (its output, say).
    pub fn clock(&self) -> impl Fn() -> Duration + Send + Sync + 'static {
        let started = self.started;
        move || started.elapsed()
    }
}

impl Default for SystemHost {
    /// 80 columns, no colour, an interrupt flag nobody sets.
    fn default() -> Self {
        Self::new(Palette::plain(), 80, Arc::default())
    }
}

impl Host for SystemHost {
    fn out(&mut self) -> &mut dyn Write {
        &mut self.stdout
    }
    fn diagnostics(&mut self) -> &mut dyn Write {
        // What stdout holds goes first, to keep the order. A failed flush
        // is not lost: the next write to stdout fails the same way, and the
        // caller's handling of it decides.
        let _ = self.stdout.flush();
        &mut self.stderr
    }
    fn palette(&self) -> Palette {
        self.palette
    }
    fn width(&self) -> usize {
        self.width_source.map_or(self.width, |source| source())
    }
    fn interrupted(&self) -> bool {
        self.interrupt.load(Ordering::SeqCst)
    }
    fn clear_interrupt(&mut self) {
        self.interrupt.store(false, Ordering::SeqCst);
    }
    fn now(&self) -> Duration {
        self.started.elapsed()
    }
    fn read_file(&mut self, path: &str, limit: u64) -> Result<Vec<u8>, HostError> {
        let interrupt = &self.interrupt;
        super::files::read_file(std::path::Path::new(path), limit, &|| {
            interrupt.load(Ordering::SeqCst)
        })
    }
    fn write_file(&mut self, path: &str, bytes: &[u8], overwrite: bool) -> Result<(), HostError> {
        let opened = if overwrite {
            std::fs::File::create(path)
        } else {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
        };
        opened
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => HostError::Exists(path.into()),
                _ => io_error(path, &e),
            })
    }
    fn exists(&mut self, path: &str) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }
    fn render_picture(&mut self, dot: &str, format: PictureFormat) -> Result<Vec<u8>, HostError> {
        graphviz::graphviz(dot, format).map_err(|e| match e {
            GraphvizError::NotInstalled => {
                HostError::Unsupported("Graphviz's dot is not installed".into())
            }
            GraphvizError::Failed(reason) => HostError::Io(reason),
        })
    }
}

fn io_error(path: &str, error: &io::Error) -> HostError {
    HostError::Io(format!("{path}: {}", super::io_words::describe(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip_and_are_not_replaced_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let path = path.to_str().unwrap();
        let mut host = SystemHost::default();
        host.write_file(path, b"one", false).unwrap();
        assert!(host.write_file(path, b"two", false).is_err());
        assert_eq!(host.read_file(path, 100).unwrap(), b"one");
        host.write_file(path, b"three", true).unwrap();
        assert_eq!(host.read_file(path, 100).unwrap(), b"three");
    }

    #[test]
    fn a_folder_or_a_large_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut host = SystemHost::default();
        let folder = dir.path().to_str().unwrap();
        assert!(matches!(
            host.read_file(folder, 100),
            Err(HostError::NotAFile(_))
        ));
        let path = dir.path().join("big");
        std::fs::write(&path, [0u8; 10]).unwrap();
        assert!(matches!(
            host.read_file(path.to_str().unwrap(), 9),
            Err(HostError::TooLarge {
                size: 10,
                limit: 9,
                ..
            })
        ));
    }

    #[test]
    fn the_clock_is_monotonic_and_the_flag_is_shared() {
        let flag = Arc::new(AtomicBool::new(false));
        let mut host = SystemHost::new(Palette::plain(), 60, flag.clone());
        let clock = host.clock();
        let (first, second) = (clock(), host.now());
        assert!(second >= first);
        assert_eq!(host.width(), 60);
        flag.store(true, Ordering::SeqCst);
        assert!(host.interrupted());
        host.clear_interrupt();
        assert!(!flag.load(Ordering::SeqCst));
    }

    #[test]
    fn a_width_source_is_read_each_time_the_width_is_asked() {
        // A terminal the learner resizes between two inputs.
        static COLUMNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(72);
        let host = SystemHost::default()
            .reading_width_from(|| COLUMNS.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(host.width(), 72);
        COLUMNS.store(45, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(host.width(), 45);
        assert_eq!(
            SystemHost::default().width(),
            80,
            "no source: the width it was made with"
        );
    }
}
