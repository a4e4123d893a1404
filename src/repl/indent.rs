//! The indent the prompt types for the learner: after a line ending in
//! `:` the next `... ` line starts indented one level deeper, and a body's
//! lines keep the indent of the line above (IPython's autoindent). What the
//! learner did not see typed is taken back: a line typed ahead (a paste
//! without bracketed-paste mode arrives as fast keys) or a paste that
//! carries its own indentation runs as it was sent, never indented twice.

use std::time::Duration;

/// A line that comes back sooner than this after its prompt was shown
/// was typed ahead (a paste, or keys typed while something ran), not
/// typed at a prompt the learner saw.
pub const TYPED_AHEAD: Duration = Duration::from_millis(150);

/// The line as the learner meant it, given the `indent` it was read with
/// and how long after its prompt it came back.
pub fn as_meant(text: String, indent: &str, after: Duration) -> String {
    let Some(rest) = text.strip_prefix(indent) else {
        // Edited (the indent rubbed out or changed): as it stands.
        return text;
    };
    if indent.is_empty() {
        return text;
    }
    if rest.trim().is_empty() {
        // Enter on the indent alone: an empty line, which ends the block.
        return String::new();
    }
    if after < TYPED_AHEAD || rest.starts_with([' ', '\t']) {
        return rest.to_string();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEEN: Duration = Duration::from_millis(900);

    #[test]
    fn typed_at_the_indent_a_line_keeps_it() {
        assert_eq!(as_meant("    y = 1".into(), "    ", SEEN), "    y = 1");
        assert_eq!(
            as_meant("    ".into(), "    ", SEEN),
            "",
            "Enter alone ends the block"
        );
        assert_eq!(
            as_meant("else:".into(), "    ", SEEN),
            "else:",
            "rubbed out"
        );
        assert_eq!(as_meant("y".into(), "", SEEN), "y");
    }

    #[test]
    fn a_paste_or_a_line_typed_ahead_is_not_indented_twice() {
        assert_eq!(
            as_meant("        y = 1\n    z = 2".into(), "    ", SEEN),
            "    y = 1\n    z = 2",
            "a bracketed paste with its own indentation"
        );
        assert_eq!(
            as_meant("    y = 1\n    z = 2".into(), "    ", SEEN),
            "    y = 1\n    z = 2",
            "a paste of a body copied from its first letter lines up"
        );
        assert_eq!(
            as_meant("    print(k)".into(), "    ", Duration::from_millis(3)),
            "print(k)",
            "typed ahead: a line at column 0 stays there"
        );
    }
}
