//! Writing a file the user named (`:save`, `:dot`, saved plots) without
//! replacing one that is there unless they said so (`:save! FILE`), and
//! saying what went wrong in words, pointing at the name.

use crate::eval::EvalError;
use crate::host::{self, HostError, SharedHost};
use crate::syntax::Span;

/// Writes `bytes` to `path` through the console's host. An existing file
/// is kept unless `overwrite`; `replace` is the command that would replace
/// it (`:save! s.mg`), shown in the error. Spans are relative to `path`.
pub(super) fn write_file(
    host: &SharedHost,
    path: &str,
    bytes: &[u8],
    overwrite: bool,
    replace: &str,
) -> Result<(), EvalError> {
    let span = Span::new(0, path.len().max(1));
    let written = host::lock(host).write_file(path, bytes, overwrite);
    written.map_err(|e| match e {
        HostError::Exists(_) => EvalError::new(
            format!("{path} already exists, so it was left as it is"),
            span,
        )
        .with_help(format!("to replace it, type {replace}")),
        other => EvalError::new(format!("could not write {other}"), span)
            .with_help("check that the folder exists and that you may write there"),
    })
}

/// True if `path` names something that is already there (a file the
/// command would replace), checked before slow work such as a layout.
pub(super) fn exists(host: &SharedHost, path: &str) -> bool {
    host::lock(host).exists(path)
}
