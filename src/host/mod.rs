//! The one door to the world. The core (eval, train, render, console,
//! lesson) reaches output, files, the terminal's width and colours, the
//! clock, Ctrl-C and picture rendering only through a [`Host`]. The terminal
//! app provides one (in `repl`), tests provide [`MemoryHost`], a Jupyter
//! kernel would provide its own.
//!
//! Uses nothing else of the crate but `text::Palette`, so every layer may
//! use it.

pub mod graphviz;
pub mod system;

pub mod io_words;

use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::text::Palette;

pub mod files;

/// A picture format a host may be able to render a DOT graph into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// Scalable vector graphics.
    Svg,
    /// A PNG bitmap.
    Png,
}

/// Why a host could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The file system said no; the message is in a learner's words.
    #[error("{0}")]
    Io(String),
    /// The file is larger than the limit the caller set.
    #[error(
        "{path}: it is {}, and files of at most {} can be read here",
        files::size_words(*size),
        files::size_words(*limit)
    )]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not a regular file (a directory, `/dev/zero`, a pipe): the path and
    /// what it is instead, in a learner's words.
    #[error("{0}")]
    NotAFile(String),
    /// A write that may not replace a file found the path taken.
    #[error("{0}: it already exists")]
    Exists(String),
    /// Ctrl-C while reading or writing.
    #[error("interrupted (Ctrl-C)")]
    Interrupted,
    /// The host has no way to do this (no renderer, no file system).
    #[error("{0}")]
    Unsupported(String),
}

/// Everything the core needs from the world.
pub trait Host {
    /// Where results go (stdout for the terminal and scripts).
    fn out(&mut self) -> &mut dyn Write;
    /// Where errors and warnings go when a caller keeps them apart from
    /// results (a process's stderr; the console does so in script mode and
    /// writes them with its output at the prompt).
    fn diagnostics(&mut self) -> &mut dyn Write;
    /// The colours to paint with.
    fn palette(&self) -> Palette;
    /// Columns to wrap prose to (at most 80 is the house rule).
    fn width(&self) -> usize;
    /// True once Ctrl-C was pressed since the last [`Host::clear_interrupt`].
    fn interrupted(&self) -> bool;
    /// Forgets a Ctrl-C that has been dealt with.
    fn clear_interrupt(&mut self);
    /// Time since the host started (monotonic).
    fn now(&self) -> Duration;
    /// The bytes of a regular file of at most `limit` bytes.
    fn read_file(&mut self, path: &str, limit: u64) -> Result<Vec<u8>, HostError>;
    /// Writes a file, replacing it only if `overwrite` is set (else
    /// [`HostError::Exists`]).
    fn write_file(&mut self, path: &str, bytes: &[u8], overwrite: bool) -> Result<(), HostError>;
    /// True if something is at `path` already (checked before slow work
    /// whose result a write would then refuse).
    fn exists(&mut self, path: &str) -> bool;
    /// Renders DOT text into a picture, if this host can.
    fn render_picture(&mut self, dot: &str, format: PictureFormat) -> Result<Vec<u8>, HostError>;
}

pub use system::SystemHost;

/// A host several owners use in turn (the console, a lesson's console,
/// the training loop's clock): lock it for one call at a time.
pub type SharedHost = Arc<Mutex<dyn Host + Send>>;

/// `host`, made shareable.
pub fn shared(host: impl Host + Send + 'static) -> SharedHost {
    Arc::new(Mutex::new(host))
}

/// The host behind `shared`, for one call. A panic while another owner
/// held it leaves nothing half-done that matters here, so a poisoned lock
/// is used as it is.
pub fn lock(shared: &SharedHost) -> MutexGuard<'_, dyn Host + Send + 'static> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A host in memory, for tests: output and diagnostics are captured, files
/// are a map, the clock advances 1 ms per reading, Ctrl-C is a flag.
#[derive(Debug, Default)]
pub struct MemoryHost {
    /// What was written to [`Host::out`].
    pub out: Vec<u8>,
    /// What was written to [`Host::diagnostics`].
    pub diagnostics: Vec<u8>,
    /// The files, by path.
    pub files: std::collections::BTreeMap<String, Vec<u8>>,
    /// Set to simulate Ctrl-C.
    pub interrupt: bool,
    /// Columns to wrap to (80 when 0).
    pub columns: usize,
    ticks: std::cell::Cell<u64>,
}

impl MemoryHost {
    /// An empty host whose [`Host::width`] is `columns`.
    pub fn with_width(columns: usize) -> Self {
        MemoryHost {
            columns,
            ..MemoryHost::default()
        }
    }

    /// Everything written to `out`, as text.
    pub fn out_text(&self) -> String {
        String::from_utf8_lossy(&self.out).into_owned()
    }

    /// Everything written to `diagnostics`, as text.
    pub fn diagnostics_text(&self) -> String {
        String::from_utf8_lossy(&self.diagnostics).into_owned()
    }
}

impl Host for MemoryHost {
    fn out(&mut self) -> &mut dyn Write {
        &mut self.out
    }
    fn diagnostics(&mut self) -> &mut dyn Write {
        &mut self.diagnostics
    }
    fn palette(&self) -> Palette {
        Palette::plain()
    }
    fn width(&self) -> usize {
        if self.columns == 0 {
            80
        } else {
            self.columns
        }
    }
    fn interrupted(&self) -> bool {
        self.interrupt
    }
    fn clear_interrupt(&mut self) {
        self.interrupt = false;
    }
    fn now(&self) -> Duration {
        let tick = self.ticks.get() + 1;
        self.ticks.set(tick);
        Duration::from_millis(tick)
    }
    fn read_file(&mut self, path: &str, limit: u64) -> Result<Vec<u8>, HostError> {
        let bytes = self
            .files
            .get(path)
            .ok_or_else(|| HostError::Io(format!("{path}: no such file")))?;
        if bytes.len() as u64 > limit {
            return Err(HostError::TooLarge {
                path: path.into(),
                size: bytes.len() as u64,
                limit,
            });
        }
        Ok(bytes.clone())
    }
    fn write_file(&mut self, path: &str, bytes: &[u8], overwrite: bool) -> Result<(), HostError> {
        if !overwrite && self.files.contains_key(path) {
            return Err(HostError::Exists(path.into()));
        }
        self.files.insert(path.into(), bytes.to_vec());
        Ok(())
    }
    fn exists(&mut self, path: &str) -> bool {
        self.files.contains_key(path)
    }
    fn render_picture(&mut self, _dot: &str, _format: PictureFormat) -> Result<Vec<u8>, HostError> {
        Err(HostError::Unsupported(
            "no picture renderer in memory".into(),
        ))
    }
}

/// Writes a line to a writer, turning a failed write into `io::Error` the
/// caller may propagate (the core never silently drops write errors).
pub fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{text}")
}
