//! The line editor: rustyline with what it ships for completion, hints
//! and brackets, fed by the shared completer ([`crate::console::complete`]):
//! names, functions, methods after a dot, `train(` keywords, `:` commands
//! and help topics; file names (rustyline's `FilenameCompleter`) where a
//! file goes; fish-style hints from history (`HistoryHinter`); the bracket
//! matching the cursor (`MatchingBracketHighlighter`); and light colours
//! for numbers, built-in functions and commands, on a colour terminal only.
//! History is kept in the user's data directory.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter};
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Validator};

use super::data_dir;
use crate::console::complete::{self, Receiver};
use crate::eval::FUNCTIONS;
use crate::text::Palette;

/// Names the completer offers besides the built-ins, with what each is;
/// the REPL refreshes it after every line.
pub type SharedNames = Rc<RefCell<Vec<(String, Receiver)>>>;

/// Completion, hints and highlighting for the REPL.
#[derive(Helper, Validator)]
pub struct ReplHelper {
    names: SharedNames,
    palette: Palette,
    brackets: MatchingBracketHighlighter,
    history: HistoryHinter,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        if complete::wants_path(line, pos).is_some() {
            return Ok(file_names(line, pos));
        }
        let names = self.names.borrow();
        Ok(complete::complete(
            line,
            pos,
            names.iter().map(|(n, r)| (n.as_str(), *r)),
        ))
    }
}

/// File names for the path being typed where one goes (`:load ex`,
/// `csv("da`), as rustyline's filename completer lists them.
pub fn file_names(line: &str, pos: usize) -> (usize, Vec<String>) {
    let start = complete::wants_path(line, pos).unwrap_or(pos);
    let pos = line.floor_char_boundary(pos).max(start);
    match FilenameCompleter::new().complete_path(&line[start..pos], pos - start) {
        Ok((offset, pairs)) => (
            start + offset,
            pairs.into_iter().map(|pair| pair.replacement).collect(),
        ),
        Err(_) => (pos, Vec::new()),
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    /// The rest of the latest history line that starts as this one does;
    /// without colour a hint would look typed, so there is none.
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if !self.palette.is_enabled() {
            return None;
        }
        self.history.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.palette.is_enabled() {
            return Cow::Borrowed(line);
        }
        match self.brackets.highlight(line, pos) {
            Cow::Owned(marked) => Cow::Owned(marked),
            Cow::Borrowed(_) => Cow::Owned(colour_tokens(line, self.palette)),
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(self.palette.dim(hint))
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        if !self.palette.is_enabled() {
            return false;
        }
        let bracket = self.brackets.highlight_char(line, pos, kind);
        bracket || kind != CmdKind::MoveCursor
    }
}

/// `line` with numbers, built-in functions and a leading `:command`
/// coloured; everything else (and every character) as typed.
fn colour_tokens(line: &str, palette: Palette) -> String {
    let leading = line.len() - line.trim_start().len();
    if line[leading..].starts_with(':') {
        let end = line[leading..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| leading + i);
        return format!("{}{}", palette.bold(&line[..end]), &line[end..]);
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let token_len = if c.is_ascii_digit()
            || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            rest.find(|d: char| !(d.is_ascii_alphanumeric() || d == '.'))
                .unwrap_or(rest.len())
        } else if c.is_ascii_alphabetic() || c == '_' {
            rest.find(|d: char| !(d.is_ascii_alphanumeric() || d == '_'))
                .unwrap_or(rest.len())
        } else if c == '#' {
            rest.len()
        } else {
            c.len_utf8()
        };
        let token = &rest[..token_len];
        let after_dot = out.ends_with('.');
        if c.is_ascii_digit() || c == '.' && token.len() > 1 {
            out.push_str(&palette.name(token));
        } else if c == '#' {
            out.push_str(&palette.dim(token));
        } else if FUNCTIONS.contains(&token) || after_dot && crate::eval::METHODS.contains(&token) {
            out.push_str(&palette.op(token));
        } else {
            out.push_str(token);
        }
        rest = &rest[token_len..];
    }
    out
}

/// Where the REPL's history lives.
pub fn history_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.txt"))
}

/// Builds the editor, loading history if there is any.
pub fn new_editor(
    names: SharedNames,
    palette: Palette,
) -> rustyline::Result<Editor<ReplHelper, DefaultHistory>> {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .max_history_size(5000)?
        .completion_type(rustyline::CompletionType::List)
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ReplHelper {
        names,
        palette,
        brackets: MatchingBracketHighlighter::new(),
        history: HistoryHinter::new(),
    }));
    if let Some(path) = history_path() {
        if let Some(report) = super::history::clean(&path) {
            eprintln!("micrograd: {report}");
        }
        let _ = editor.load_history(&path);
    }
    Ok(editor)
}

/// Saves history; failure is reported once and never ends the session.
pub fn save_history(editor: &mut Editor<ReplHelper, DefaultHistory>) -> Result<(), String> {
    let Some(path) = history_path() else {
        return Err("no data directory for history".into());
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    editor
        .save_history(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_change_no_character_and_only_with_colour_on() {
        let line = "y = tanh(2.5 * x) # note";
        let coloured = colour_tokens(line, Palette::ansi());
        assert!(coloured.contains('\x1b'));
        let stripped: String = {
            let mut text = String::new();
            let mut chars = coloured.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    for d in chars.by_ref() {
                        if d == 'm' {
                            break;
                        }
                    }
                } else {
                    text.push(c);
                }
            }
            text
        };
        assert_eq!(stripped, line);
        assert_eq!(colour_tokens(line, Palette::plain()), line);
    }

    #[test]
    fn file_names_come_from_the_folder_typed() {
        let dir = std::env::temp_dir().join(format!("mg-complete-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("lecture.mg"), "a = 2\n").unwrap();
        let typed = format!(":load {}/lec", dir.display());
        let (start, found) = file_names(&typed, typed.len());
        assert_eq!(start, 6);
        assert_eq!(found, vec![format!("{}/lecture.mg", dir.display())]);
        let typed = format!("d = csv(\"{}/l", dir.display());
        let (_, found) = file_names(&typed, typed.len());
        assert!(found[0].ends_with("lecture.mg"), "{found:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
