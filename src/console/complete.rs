//! Tab completion, for every front end (the terminal's line editor, the
//! Jupyter kernel): `:` commands, methods and attributes after a `.`, and
//! otherwise the session's names and the built-in functions.

use super::meta::COMMANDS;
use crate::eval::{FUNCTIONS, METHODS};

/// Where the word being completed starts in `line` (cursor at byte `pos`),
/// and the candidates for it, sorted and without repeats.
pub fn complete<'n>(
    line: &str,
    pos: usize,
    names: impl IntoIterator<Item = &'n str>,
) -> (usize, Vec<String>) {
    let pos = line.floor_char_boundary(pos);
    let before = &line[..pos];
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .map_or(0, |i| i + 1);
    let word = &before[start..];
    let after_dot = start > 0 && before[..start].ends_with('.');
    if word.is_empty() && !after_dot {
        return (pos, Vec::new());
    }
    let mut candidates: Vec<String> = if let Some(command) = word.strip_prefix(':') {
        COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(command))
            .map(|c| format!(":{}", c.name))
            .collect()
    } else if after_dot {
        METHODS
            .iter()
            .map(|m| format!("{m}()"))
            .chain(["data".to_string(), "grad".to_string()])
            .filter(|m| m.starts_with(word))
            .collect()
    } else {
        names
            .into_iter()
            .map(str::to_string)
            .chain(FUNCTIONS.iter().map(|f| f.to_string()))
            .chain(["pi".to_string()])
            .filter(|n| n.starts_with(word))
            .collect()
    };
    candidates.sort();
    candidates.dedup();
    (start, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_attributes_follow_a_dot() {
        let (start, found) = complete("L.ba", 4, []);
        assert_eq!(start, 2);
        assert_eq!(found, vec!["backward()"]);
        let (_, after_bare_dot) = complete("x.", 2, []);
        assert!(after_bare_dot.contains(&"grad".to_string()));
        assert!(after_bare_dot.contains(&"backward()".to_string()));
    }

    #[test]
    fn names_and_functions_complete_a_word() {
        let (start, found) = complete("y = ta", 6, ["tax"]);
        assert_eq!(start, 4);
        assert_eq!(found, vec!["tanh", "tax"]);
        assert_eq!(complete(":he", 3, []).1, vec![":help"]);
        assert!(complete("", 0, ["a"]).1.is_empty());
    }
}
