//! The pause between `:step`'s steps at the terminal. One key decides:
//! Enter or space shows the next step, `q` finishes the rest at once (no
//! Enter needed), Ctrl-C stops. Any other line typed there stops the
//! stepping and is run next, as if typed at the prompt, so it is never
//! lost (`:paths L a` typed at the pause used to count as Enter).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustyline::history::DefaultHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyEvent, RepeatCount,
};

use super::editor::ReplHelper;
use crate::console::{StepControl, StepDecision};

/// What the pause prompt says.
const PROMPT: &str = "  [Enter] next · q finish · Ctrl-C stop ";

/// The keys that act alone at the pause, and whether each finishes the
/// stepping (`q`) or shows the next step (space).
pub const KEYS: [(char, bool); 3] = [('q', true), ('Q', true), (' ', false)];

/// The keys that act alone at the pause, bound once in the editor: they
/// act only while [`PauseKeys::pausing`] and only on an empty line, so
/// everywhere else `q` and space are typed as usual.
#[derive(Clone, Default)]
pub struct PauseKeys {
    pausing: Arc<AtomicBool>,
    quit: Arc<AtomicBool>,
}

impl PauseKeys {
    /// Binds `q` and space in `editor`.
    pub fn bind(editor: &mut Editor<ReplHelper, DefaultHistory>) -> Self {
        let keys = PauseKeys::default();
        for (key, quits) in KEYS {
            let handler = OneKey {
                keys: keys.clone(),
                quits,
            };
            editor.bind_sequence(
                KeyEvent::from(key),
                EventHandler::Conditional(Box::new(handler)),
            );
        }
        keys
    }
}

/// `q` or space pressed on the empty line of the pause: the line is
/// accepted at once (`q` noted, so the pause knows which it was).
struct OneKey {
    keys: PauseKeys,
    quits: bool,
}

impl ConditionalEventHandler for OneKey {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if !self.keys.pausing.load(Ordering::SeqCst) || !ctx.line().is_empty() {
            return None;
        }
        self.keys.quit.store(self.quits, Ordering::SeqCst);
        Some(Cmd::AcceptLine)
    }
}

/// Pauses `:step` at the terminal (see the module's doc).
pub struct TerminalStepper<'e> {
    pub editor: &'e mut Editor<ReplHelper, DefaultHistory>,
    pub keys: &'e PauseKeys,
    /// Lines typed at a pause, for the prompt to run next.
    pub typed: &'e mut VecDeque<String>,
    pub finish_all: bool,
}

impl StepControl for TerminalStepper<'_> {
    fn after_step(&mut self) -> StepDecision {
        if self.finish_all {
            return StepDecision::Continue;
        }
        self.keys.quit.store(false, Ordering::SeqCst);
        self.keys.pausing.store(true, Ordering::SeqCst);
        // A prompt is not written through the ASCII writer: spell it here.
        let read = self
            .editor
            .readline(crate::text::ascii::fit(PROMPT).as_ref());
        self.keys.pausing.store(false, Ordering::SeqCst);
        match read {
            Ok(_) if self.keys.quit.swap(false, Ordering::SeqCst) => self.finish(),
            Ok(line) if line.trim().eq_ignore_ascii_case("q") => self.finish(),
            Ok(line) if line.trim().is_empty() => StepDecision::Continue,
            Ok(line) => {
                self.typed.push_back(line);
                StepDecision::Leave
            }
            Err(_) => StepDecision::Stop,
        }
    }
}

impl TerminalStepper<'_> {
    fn finish(&mut self) -> StepDecision {
        self.finish_all = true;
        StepDecision::FinishAll
    }
}
