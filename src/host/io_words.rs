//! What a failed file operation means, in a learner's words: "there is no
//! such folder" rather than "No such file or directory (os error 2)". Every
//! message about a file the user named goes through [`describe`].

use std::io;

/// Why `error` happened, as the end of a sentence such as
/// "could not write g.dot: …". Never shows the raw `os error N`.
pub fn describe(error: &io::Error) -> String {
    use io::ErrorKind::*;
    let words = match error.kind() {
        NotFound => "there is no such file, or its folder does not exist",
        PermissionDenied => "permission denied (you may not use that file or folder)",
        AlreadyExists => "it already exists",
        IsADirectory => "it is a folder, not a file",
        NotADirectory => "part of the path is a file, not a folder",
        DirectoryNotEmpty => "the folder is not empty",
        StorageFull => "the disk is full",
        ReadOnlyFilesystem => "the disk is read-only",
        InvalidData => "it is not a text file (not UTF-8)",
        InvalidFilename => "the name is too long or has characters a file name cannot have",
        FileTooLarge => "the file is too large",
        Interrupted => "interrupted",
        _ => return without_os_error(&error.to_string()),
    };
    words.to_string()
}

/// `text` without a trailing ` (os error N)`.
fn without_os_error(text: &str) -> String {
    match text.rfind(" (os error ") {
        Some(start) if text.ends_with(')') => text[..start].to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_message_shows_a_raw_os_error() {
        for code in 1..=40 {
            let text = describe(&io::Error::from_raw_os_error(code));
            assert!(!text.contains("os error"), "{code}: {text}");
            assert!(!text.is_empty(), "{code}");
        }
        let missing = std::fs::read("/no/such/folder/file").unwrap_err();
        assert_eq!(
            describe(&missing),
            "there is no such file, or its folder does not exist"
        );
    }
}
