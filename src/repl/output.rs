//! Script output: what a script (a file, or a pipe into `micrograd`) prints
//! goes to stdout through one buffer instead of one `write()` per line (a
//! `:step` over a big graph printed hundreds of thousands of lines, each a
//! system call). The buffer is emptied at the end, before every error or
//! warning goes to stderr (the console flushes before writing there), before
//! the script's input is read from a pipe that may make it wait (so a
//! program driving micrograd line by line sees each answer), before the
//! prompt takes over (`micrograd -i`), and at least every
//! [`FLUSH_EVERY`] while lines keep coming, so a long run's progress still
//! shows. At a terminal nothing is held: lines appear as they are written.

use std::io::{self, BufWriter, Stdout, Write};
use std::time::{Duration, Instant};

/// The longest a written line waits in the buffer while more lines come.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// Stdout for script mode: buffered when it is not a terminal.
pub struct ScriptOutput {
    inner: BufWriter<Stdout>,
    buffered: bool,
    flushed_at: Instant,
}

impl ScriptOutput {
    /// Stdout, held in a buffer unless `to_terminal`.
    pub fn new(to_terminal: bool) -> Self {
        ScriptOutput {
            inner: BufWriter::with_capacity(64 << 10, io::stdout()),
            buffered: !to_terminal,
            flushed_at: Instant::now(),
        }
    }
}

impl Write for ScriptOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        let line_ended = buf[..written].contains(&b'\n');
        if line_ended && (!self.buffered || self.flushed_at.elapsed() >= FLUSH_EVERY) {
            self.flush()?;
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flushed_at = Instant::now();
        self.inner.flush()
    }
}

impl Drop for ScriptOutput {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
