//! Writing a file the user named (`:save`, `:dot`, saved plots) without
//! replacing one that is there unless they said so (`:save! FILE`), and
//! saying what went wrong in words, pointing at the name.

use std::io::Write;

use crate::eval::EvalError;
use crate::host::io_words;
use crate::syntax::Span;

/// Writes `bytes` to `path`. An existing file is kept unless `overwrite`;
/// `replace` is the command that would replace it (`:save! s.mg`), shown in
/// the error. Spans are relative to `path`.
pub(super) fn write_file(
    path: &str,
    bytes: &[u8],
    overwrite: bool,
    replace: &str,
) -> Result<(), EvalError> {
    let span = Span::new(0, path.len().max(1));
    let opened = if overwrite {
        std::fs::File::create(path)
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let result = opened.and_then(|mut file| file.write_all(bytes));
    result.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => EvalError::new(
            format!("{path} already exists, so it was left as it is"),
            span,
        )
        .with_help(format!("to replace it, type {replace}")),
        _ => EvalError::new(
            format!("could not write {path}: {}", io_words::describe(&e)),
            span,
        )
        .with_help("check that the folder exists and that you may write there"),
    })
}

/// True if `path` names something that is already there (a file the
/// command would replace), checked before slow work such as a layout.
pub(super) fn exists(path: &str) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}
