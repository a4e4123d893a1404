//! Reading a file the learner named, within bounds: only regular files (a
//! folder, `/dev/zero`, `/dev/full` or a pipe is refused before it is
//! opened, so nothing can read forever), at most a stated size, in chunks
//! that stop at Ctrl-C, with errors in a learner's words (never a bare
//! `os error N`). The terminal Host's `read_file` is this function; `:load`,
//! `csv(...)`, `micrograd FILE` and lesson files all read through it.
//! Uses only `std`.

use std::io::{self, Read};
use std::path::Path;

use super::HostError;

/// The largest script `:load` and `micrograd FILE` read.
pub const SCRIPT_LIMIT: u64 = 16 << 20;
/// The largest CSV file `csv(...)` and `train --data` read.
pub const CSV_LIMIT: u64 = 64 << 20;
/// The largest lesson file read from the data folder.
pub const LESSON_LIMIT: u64 = 4 << 20;

/// Bytes read between two looks at the interrupt flag.
const CHUNK_BYTES: usize = 1 << 16;

/// The bytes of the regular file at `path`, if it holds at most `limit`
/// bytes. `interrupted` is asked between chunks; once it says yes the read
/// stops with [`HostError::Interrupted`].
pub fn read_file(
    path: &Path,
    limit: u64,
    interrupted: &dyn Fn() -> bool,
) -> Result<Vec<u8>, HostError> {
    let shown = path.display().to_string();
    // Looked at before opening: opening a pipe would wait for a writer.
    let metadata = std::fs::metadata(path).map_err(|e| io_error(&shown, &e))?;
    refuse_unless_regular(&shown, &metadata)?;
    if metadata.len() > limit {
        return Err(too_large(&shown, metadata.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&shown, &e))?;
    // The path may have been swapped between the look and the open.
    let opened = file.metadata().map_err(|e| io_error(&shown, &e))?;
    refuse_unless_regular(&shown, &opened)?;
    // One byte past the limit tells a file that grew since from one that
    // fits exactly.
    let mut reader = file.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    let mut chunk = vec![0u8; CHUNK_BYTES];
    loop {
        if interrupted() {
            return Err(HostError::Interrupted);
        }
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(count) => bytes.extend_from_slice(&chunk[..count]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(&shown, &e)),
        }
        if bytes.len() as u64 > limit {
            return Err(too_large(&shown, bytes.len() as u64, limit));
        }
    }
    Ok(bytes)
}

/// The text of the regular file at `path` (see [`read_file`]); a file that
/// is not UTF-8 text is refused in those words.
pub fn read_text(
    path: &Path,
    limit: u64,
    interrupted: &dyn Fn() -> bool,
) -> Result<String, HostError> {
    text_of(path, read_file(path, limit, interrupted)?)
}

/// The bytes read from `path` as text; refused in those words if they are
/// not UTF-8.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, HostError> {
    String::from_utf8(bytes).map_err(|_| {
        HostError::Io(format!(
            "{}: it is not a text file (it is not UTF-8)",
            path.display()
        ))
    })
}

/// A size as a learner reads it: `512 bytes`, `16 MiB`, `20.5 MiB`.
pub fn size_words(bytes: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    let (unit, name) = match bytes {
        b if b >= MIB => (MIB, "MiB"),
        b if b >= KIB => (KIB, "KiB"),
        _ => return format!("{bytes} bytes"),
    };
    if bytes.is_multiple_of(unit) {
        format!("{} {name}", bytes / unit)
    } else {
        format!("{:.1} {name}", bytes as f64 / unit as f64)
    }
}

fn refuse_unless_regular(shown: &str, metadata: &std::fs::Metadata) -> Result<(), HostError> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(HostError::NotAFile(format!(
        "{shown}: it is {}, not a regular file",
        kind_words(&metadata.file_type())
    )))
}

fn kind_words(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_fifo() {
            return "a pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file of data"
}

fn too_large(shown: &str, size: u64, limit: u64) -> HostError {
    HostError::TooLarge {
        path: shown.to_string(),
        size,
        limit,
    }
}

/// The error in words, without the `(os error N)` the system appends.
fn io_error(shown: &str, error: &io::Error) -> HostError {
    HostError::Io(format!("{shown}: {}", super::io_words::describe(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never() -> bool {
        false
    }

    #[test]
    fn reads_a_small_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.mg");
        std::fs::write(&path, "a = 1\n").unwrap();
        assert_eq!(read_text(&path, 100, &never).unwrap(), "a = 1\n");
        assert_eq!(read_file(&path, 6, &never).unwrap().len(), 6);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_naming_both_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        std::fs::write(&path, vec![b'1'; 3 << 10]).unwrap();
        let message = read_file(&path, 2 << 10, &never).unwrap_err().to_string();
        assert!(message.contains("big.csv: it is 3 KiB"), "{message}");
        assert!(message.contains("at most 2 KiB"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_pipes_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let mut cases = vec![
            ("/dev/zero".into(), "a device"),
            ("/dev/full".into(), "a device"),
            (dir.path().to_path_buf(), "a folder"),
        ];
        if made.is_ok_and(|status| status.success()) {
            cases.push((fifo, "a pipe"));
        }
        for (path, kind) in cases {
            let error = read_file(&path, SCRIPT_LIMIT, &never).unwrap_err();
            assert!(matches!(error, HostError::NotAFile(_)), "{error:?}");
            let message = error.to_string();
            assert!(message.contains(kind), "{message}");
            assert!(message.contains("not a regular file"), "{message}");
        }
    }

    #[test]
    fn errors_are_in_words_without_os_codes() {
        let missing = read_file(Path::new("/nonexistent/x.mg"), 10, &never)
            .unwrap_err()
            .to_string();
        assert_eq!(
            missing,
            "/nonexistent/x.mg: there is no such file, or its folder does not exist"
        );
        assert!(!missing.contains("os error"));
    }

    #[test]
    fn interrupt_stops_the_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.mg");
        std::fs::write(&path, "a = 1\n").unwrap();
        let error = read_file(&path, 100, &|| true).unwrap_err();
        assert!(matches!(error, HostError::Interrupted), "{error:?}");
    }

    #[test]
    fn binary_is_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.bin");
        std::fs::write(&path, [0u8, 159, 146, 150, 255]).unwrap();
        let message = read_text(&path, 100, &never).unwrap_err().to_string();
        assert!(message.contains("it is not a text file"), "{message}");
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size_words(512), "512 bytes");
        assert_eq!(size_words(16 << 20), "16 MiB");
        assert_eq!(size_words((41 << 20) / 2), "20.5 MiB");
    }
}
