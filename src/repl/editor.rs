//! The line editor: rustyline with tab completion of names, functions,
//! methods and `:` commands, and history kept in the user's data directory.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::completion::Completer;
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Highlighter, Hinter, Validator};

use super::data_dir;
use crate::console::complete::complete;

/// Names the completer offers besides the built-ins; the REPL refreshes it
/// after every line.
pub type SharedNames = Rc<RefCell<Vec<String>>>;

/// Tab completion for the REPL.
#[derive(Helper, Hinter, Validator, Highlighter)]
pub struct ReplHelper {
    names: SharedNames,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let names = self.names.borrow();
        Ok(complete(line, pos, names.iter().map(String::as_str)))
    }
}

/// Where the REPL's history lives.
pub fn history_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.txt"))
}

/// Builds the editor, loading history if there is any.
pub fn new_editor(names: SharedNames) -> rustyline::Result<Editor<ReplHelper, DefaultHistory>> {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .max_history_size(5000)?
        .completion_type(rustyline::CompletionType::List)
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ReplHelper { names }));
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
