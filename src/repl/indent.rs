//! The indent the prompt types for the learner: after a line ending in
//! `:` the next `... ` line starts indented one level deeper, and a body's
//! lines keep the indent of the line above (IPython's autoindent). What the
//! learner did not see typed is taken back: a line typed ahead (a paste
//! without bracketed-paste mode arrives as fast keys) or a paste that
//! carries its own indentation runs as it was sent, never indented twice.
//!
//! Two keys act on that indent as IPython's do. Backspace in a line's
//! leading spaces goes back one level (to the previous multiple of 4), not
//! one column (finding C232). A space typed on the untouched pre-filled
//! indent replaces it: a learner who types a body's spaces as the lesson
//! shows them gets those spaces, not twice as many (finding B224). A
//! bracketed paste arrives whole, never as keys, so neither acts on it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustyline::history::DefaultHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyCode, KeyEvent,
    Modifiers, Movement, RepeatCount,
};

use super::editor::ReplHelper;

/// A line that comes back sooner than this after its prompt was shown
/// was typed ahead (a paste, or keys typed while something ran), not
/// typed at a prompt the learner saw.
pub const TYPED_AHEAD: Duration = Duration::from_millis(150);

/// One level of indentation, as the prompt types it.
const LEVEL: usize = 4;

/// The line as the learner meant it, given the `indent` it was read with,
/// how long after its prompt it came back, and whether the learner's own
/// spaces replaced that indent (then the line is as they typed it).
pub fn as_meant(text: String, indent: &str, after: Duration, own_indent: bool) -> String {
    if own_indent {
        return text;
    }
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

/// How many columns Backspace takes at `pos` in `line` when they go back
/// one whole level: everything before the cursor is spaces and the cursor
/// is at a level's column. Between levels (an odd count the learner typed)
/// it takes one column as usual, toward the level.
pub fn dedent_width(line: &str, pos: usize) -> Option<usize> {
    let before = line.get(..pos)?;
    if before.is_empty() || !before.bytes().all(|b| b == b' ') || !pos.is_multiple_of(LEVEL) {
        return None;
    }
    Some(LEVEL)
}

/// The keys that act on the pre-filled indent, bound once in the editor;
/// [`IndentKeys::reading`] tells them the indent of each read.
#[derive(Clone, Default)]
pub struct IndentKeys {
    state: Arc<Mutex<Read>>,
}

/// The indent the line being read was pre-filled with, and what the
/// learner's own spaces did to it.
#[derive(Default)]
struct Read {
    indent: String,
    /// A typed space replaced the pre-fill.
    replaced: bool,
    /// That space is still to be written, with the next key: the editor
    /// can rub out the pre-fill in one command but not also type after it.
    owed: bool,
}

impl IndentKeys {
    /// Binds Backspace (and Ctrl-H, which terminals send for it), space
    /// and every other key in `editor`. The `:step` pause's keys (bound
    /// before) ask its handler first.
    pub fn bind(editor: &mut Editor<ReplHelper, DefaultHistory>) -> Self {
        let keys = IndentKeys::default();
        // What Backspace does at a level (the editor's dedent) takes one.
        rustyline::config::Configurer::set_indent_size(editor, LEVEL as u8);
        for key in [
            KeyEvent(KeyCode::Backspace, Modifiers::NONE),
            KeyEvent::ctrl('H'),
        ] {
            let dedent = Dedent { keys: keys.clone() };
            editor.bind_sequence(key, EventHandler::Conditional(Box::new(dedent)));
        }
        // The pause's keys are typed keys too (a `q` after the owed space).
        let mut typed = super::pause::KEYS.map(|(c, _)| c).to_vec();
        if !typed.contains(&' ') {
            typed.push(' ');
        }
        for c in typed {
            let earlier = editor.bind_sequence(KeyEvent::from(c), Cmd::Noop);
            let handler = BoundKey {
                keys: keys.clone(),
                typed: c,
                earlier,
            };
            editor.bind_sequence(
                KeyEvent::from(c),
                EventHandler::Conditional(Box::new(handler)),
            );
        }
        let next = NextKey { keys: keys.clone() };
        editor.bind_sequence(Event::Any, EventHandler::Conditional(Box::new(next)));
        keys
    }

    /// The next line is read pre-filled with `indent`.
    pub fn reading(&self, indent: &str) {
        *self.read() = Read {
            indent: indent.to_string(),
            ..Read::default()
        };
    }

    /// Whether the learner's spaces replaced the indent of the line read.
    pub fn replaced(&self) -> bool {
        self.read().replaced
    }

    fn read(&self) -> std::sync::MutexGuard<'_, Read> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The owed space written before `typed`, if one is owed.
    fn pay(&self, typed: &str) -> Option<Cmd> {
        let mut read = self.read();
        if !std::mem::take(&mut read.owed) {
            return None;
        }
        Some(Cmd::Insert(1, format!(" {typed}")))
    }
}

/// Backspace in leading spaces: back one level.
struct Dedent {
    keys: IndentKeys,
}

impl ConditionalEventHandler for Dedent {
    fn handle(&self, _: &Event, n: RepeatCount, positive: bool, ctx: &EventContext) -> Option<Cmd> {
        if std::mem::take(&mut self.keys.read().owed) {
            // The space not yet written is the one rubbed out.
            return Some(Cmd::Noop);
        }
        if n != 1 || !positive {
            return None;
        }
        dedent_width(ctx.line(), ctx.pos())?;
        // Not `Kill(BackwardChar(4))`: the editor replays a kill with the
        // key's repeat count (1), which was the one column of C232.
        Some(Cmd::Dedent(Movement::WholeLine))
    }
}

/// A key bound before (the pause's) or space: the earlier binding first,
/// then the owed space; and a space typed on the untouched pre-filled
/// indent rubs it out: the learner indents the line themselves, from
/// column 0.
struct BoundKey {
    keys: IndentKeys,
    typed: char,
    earlier: Option<EventHandler>,
}

impl ConditionalEventHandler for BoundKey {
    fn handle(
        &self,
        evt: &Event,
        n: RepeatCount,
        positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let earlier = match &self.earlier {
            Some(EventHandler::Conditional(handler)) => handler.handle(evt, n, positive, ctx),
            Some(EventHandler::Simple(cmd)) => Some(cmd.clone()),
            None => None,
        };
        if earlier.is_some() {
            return earlier;
        }
        if let Some(paid) = self.keys.pay(&self.typed.to_string()) {
            return Some(paid);
        }
        let mut read = self.keys.read();
        let untouched =
            !read.indent.is_empty() && ctx.line() == read.indent && ctx.pos() == read.indent.len();
        if self.typed != ' ' || !untouched || read.replaced || n != 1 {
            return None;
        }
        read.replaced = true;
        read.owed = true;
        Some(Cmd::Kill(Movement::BeginningOfLine))
    }
}

/// Any other key: after a space that replaced the pre-fill, the character
/// typed comes after that space.
struct NextKey {
    keys: IndentKeys,
}

impl ConditionalEventHandler for NextKey {
    fn handle(&self, evt: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        let typed = match evt {
            Event::KeySeq(keys) => match keys.as_slice() {
                [KeyEvent(KeyCode::Char(c), Modifiers::NONE | Modifiers::SHIFT)] => Some(*c),
                _ => None,
            },
            _ => None,
        };
        let typed = match typed {
            Some(c) => c,
            // Enter, a move, Ctrl-something: the space is not written.
            _ => {
                self.keys.read().owed = false;
                return None;
            }
        };
        self.keys.pay(&typed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEEN: Duration = Duration::from_millis(900);

    #[test]
    fn typed_at_the_indent_a_line_keeps_it() {
        assert_eq!(
            as_meant("    y = 1".into(), "    ", SEEN, false),
            "    y = 1"
        );
        assert_eq!(
            as_meant("    ".into(), "    ", SEEN, false),
            "",
            "Enter alone ends the block"
        );
        assert_eq!(
            as_meant("else:".into(), "    ", SEEN, false),
            "else:",
            "rubbed out"
        );
        assert_eq!(as_meant("y".into(), "", SEEN, false), "y");
    }

    #[test]
    fn a_paste_or_a_line_typed_ahead_is_not_indented_twice() {
        assert_eq!(
            as_meant("        y = 1\n    z = 2".into(), "    ", SEEN, false),
            "    y = 1\n    z = 2",
            "a bracketed paste with its own indentation"
        );
        assert_eq!(
            as_meant("    y = 1\n    z = 2".into(), "    ", SEEN, false),
            "    y = 1\n    z = 2",
            "a paste of a body copied from its first letter lines up"
        );
        assert_eq!(
            as_meant(
                "    print(k)".into(),
                "    ",
                Duration::from_millis(3),
                false
            ),
            "print(k)",
            "typed ahead: a line at column 0 stays there"
        );
    }

    #[test]
    fn backspace_in_leading_spaces_goes_back_one_level() {
        assert_eq!(dedent_width("        ", 8), Some(4));
        assert_eq!(
            dedent_width("       ", 7),
            None,
            "between levels: one column"
        );
        assert_eq!(dedent_width("    ", 4), Some(4));
        assert_eq!(dedent_width("  ", 2), None);
        assert_eq!(
            dedent_width("    print(p)", 4),
            Some(4),
            "cursor before the code"
        );
        assert_eq!(
            dedent_width("    print(p)", 12),
            None,
            "in the code: one character"
        );
        assert_eq!(dedent_width("", 0), None);
        assert_eq!(
            dedent_width("\t", 1),
            None,
            "a tab is left to the usual key"
        );
    }

    #[test]
    fn a_line_indented_by_the_learner_is_as_typed() {
        assert_eq!(
            as_meant("    y = 1".into(), "        ", SEEN, true),
            "    y = 1",
            "four spaces typed over an inner body's eight: the outer body"
        );
        assert_eq!(
            as_meant("    y = 1".into(), "    ", Duration::from_millis(3), true),
            "    y = 1",
            "a burst that brings its own indent keeps it"
        );
    }
}
