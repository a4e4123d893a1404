//! One lesson in progress: a small state machine fed one line at a time,
//! so the interactive prompt and a pipe drive it alike. Text steps wait for
//! Enter (at a terminal); questions wait for an answer, graded by meaning;
//! `:next`, `:back`, `:hint`, `:skip` move around and every step can be
//! skipped, so there is no dead end. The lesson has its own session, built
//! step by step; going back or resuming rebuilds it by replaying the
//! lesson's own answers.

use std::io::Write;

use super::format::{Lesson, Question, QuestionKind, StepKind};
use super::grade::{self, Verdict};
use super::play;
use crate::console::meta::{self, Meta};
use crate::console::{Console, StepControl};
use crate::render::diagnostic::Origin;
use crate::render::Palette;

/// What the lesson is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Whether to continue a lesson left at step `at`, or restart it.
    AskResume { at: usize },
    /// Enter, after a text step.
    Reading,
    /// An answer to the current question.
    Asking,
    /// Nothing: the lesson is over.
    Done,
}

/// What a line did to the lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The lesson goes on.
    Stay,
    /// The learner left (`:quit`).
    Left,
    /// The last step was done.
    Finished,
}

/// A lesson being taken.
pub struct LessonRun {
    /// The lesson's number in the catalog.
    pub number: usize,
    lesson: Lesson,
    console: Console,
    step: usize,
    hints_shown: usize,
    mode: Mode,
    pause: bool,
}

impl LessonRun {
    /// Starts `lesson` (number `number`) in a fresh session that shares
    /// `user`'s palette and Ctrl-C flag. With `resume_at` past the first
    /// step, first asks whether to continue there. `pause`: wait for Enter
    /// after text steps (a terminal); otherwise run through to the next
    /// question (a pipe).
    pub fn start(
        number: usize,
        lesson: Lesson,
        user: &Console,
        resume_at: usize,
        pause: bool,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Self {
        let mut console = Console::new(user.palette);
        console.interrupt = user.interrupt.clone();
        console.diagnostics_to_stderr = user.diagnostics_to_stderr;
        let mut run = LessonRun {
            number,
            lesson,
            console,
            step: 0,
            hints_shown: 0,
            mode: Mode::Reading,
            pause,
        };
        run.heading(out);
        if resume_at > 0 && resume_at < run.lesson.steps.len() {
            run.mode = Mode::AskResume { at: resume_at };
            let _ = writeln!(
                out,
                "You stopped at step {} of {} last time. Press Enter to continue there, or type {} to begin again.",
                resume_at + 1,
                run.lesson.steps.len(),
                run.palette().bold("restart"),
            );
        } else {
            run.arrive(out, control);
        }
        run
    }

    /// The step to resume at if the learner leaves now.
    pub fn step(&self) -> usize {
        match self.mode {
            Mode::AskResume { at } => at,
            _ => self.step,
        }
    }

    /// The lesson's session, for the learner to keep.
    pub fn into_session(self) -> crate::eval::Session {
        self.console.session
    }

    /// The lesson's title.
    pub fn title(&self) -> &str {
        &self.lesson.title
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.lesson.steps.len()
    }

    /// True for a lesson without steps (never produced by the parser).
    pub fn is_empty(&self) -> bool {
        self.lesson.steps.is_empty()
    }

    /// The prompt to show while the lesson waits.
    pub fn prompt(&self) -> String {
        let position = format!("[{}/{}]", self.step + 1, self.len());
        match self.mode {
            Mode::AskResume { .. } => "Enter or restart? ".into(),
            Mode::Reading => format!("{position} press Enter "),
            Mode::Asking | Mode::Done => format!("{position} >>> "),
        }
    }

    fn palette(&self) -> Palette {
        self.console.palette
    }

    fn heading(&self, out: &mut dyn Write) {
        let p = self.palette();
        let minutes = self
            .lesson
            .minutes
            .map_or(String::new(), |m| format!(" · about {m} minutes"));
        let _ = writeln!(
            out,
            "\n{}{}",
            p.bold(&format!("Lesson {}: {}", self.number, self.lesson.title)),
            p.dim(&minutes)
        );
        let enter = if self.pause { "Enter goes on · " } else { "" };
        let _ = writeln!(
            out,
            "{}",
            p.dim(&format!(
                "{enter}:hint for a hint · :skip skips a step · :back goes back · :quit leaves the lesson"
            ))
        );
    }

    /// Feeds one line typed by the learner.
    pub fn feed(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Flow {
        let trimmed = line.trim();
        if let Mode::AskResume { at } = self.mode {
            return self.answer_resume(trimmed, at, out, control);
        }
        if trimmed.starts_with(':') {
            let (word, _, _) = meta::split(trimmed);
            match meta::resolve(word).map(|c| c.meta) {
                Some(Meta::Quit) => return Flow::Left,
                Some(Meta::Next) if self.mode == Mode::Reading => self.advance(out, control),
                Some(Meta::Next | Meta::Skip) => self.skip(out, control),
                Some(Meta::Back) => self.back(out, control),
                Some(Meta::Hint) => self.hint(out),
                _ => {
                    self.console.execute(line, origin, out, control);
                }
            }
            return self.flow();
        }
        match self.mode {
            Mode::Reading if trimmed.is_empty() => self.advance(out, control),
            Mode::Asking if trimmed.is_empty() => {
                let _ = writeln!(
                    out,
                    "{}",
                    self.palette()
                        .dim("Type your answer · :hint for a hint · :skip to move on")
                );
            }
            // Looking at the graph is not an answer.
            Mode::Asking if trimmed.starts_with("show ") => {
                self.console.execute(line, origin, out, control);
            }
            Mode::Asking => self.grade(line, origin, out, control),
            // Exploring between steps: the line runs in the lesson's session.
            _ => {
                self.console.execute(line, origin, out, control);
            }
        }
        self.flow()
    }

    fn flow(&self) -> Flow {
        if self.mode == Mode::Done {
            Flow::Finished
        } else {
            Flow::Stay
        }
    }

    fn answer_resume(
        &mut self,
        answer: &str,
        at: usize,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Flow {
        let answer = answer.to_lowercase();
        if matches!(meta::resolve(answer.trim_start_matches(':')), Some(c) if c.meta == Meta::Quit)
            && answer.starts_with(':')
        {
            return Flow::Left;
        }
        match answer.as_str() {
            "" | "y" | "yes" | "c" | "continue" | ":next" => self.go_to(at, out, control),
            "r" | "restart" | "n" | "no" => self.go_to(0, out, control),
            _ => {
                let _ = writeln!(
                    out,
                    "Press Enter to continue at step {}, or type restart to begin again.",
                    at + 1
                );
            }
        }
        self.flow()
    }

    /// Rebuilds the session as it stands before step `target` and shows it.
    fn go_to(&mut self, target: usize, out: &mut dyn Write, control: &mut dyn StepControl) {
        let mut console = Console::new(self.palette());
        console.interrupt = self.console.interrupt.clone();
        console.diagnostics_to_stderr = self.console.diagnostics_to_stderr;
        if let Err(e) = play::replay(&mut console, &self.lesson, target) {
            let _ = writeln!(
                out,
                "{}",
                self.palette()
                    .bad(&format!("This lesson could not rebuild its steps ({e})."))
            );
        }
        self.console = console;
        self.step = target;
        self.hints_shown = 0;
        self.arrive(out, control);
    }

    /// Shows the current step and those after it, up to the next place
    /// that waits for the learner.
    fn arrive(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        while let Some(step) = self.lesson.steps.get(self.step).cloned() {
            let _ = writeln!(out);
            match &step.kind {
                StepKind::Say(text) => {
                    let _ = writeln!(out, "{}", wrap(text.trim_end(), 0));
                }
                StepKind::Run(code) => {
                    if let Err(e) = play::run_code(&mut self.console, code, true, out, control) {
                        let _ = writeln!(out, "{}", self.palette().bad(&format!("({e})")));
                    }
                }
                StepKind::Question(question) => {
                    self.ask(question, out);
                    self.mode = Mode::Asking;
                    return;
                }
            }
            if self.pause {
                self.mode = Mode::Reading;
                return;
            }
            self.step += 1;
        }
        self.mode = Mode::Done;
        let _ = writeln!(
            out,
            "\n{}",
            self.palette().good(&format!(
                "✓ Lesson {} complete: {}.",
                self.number, self.lesson.title
            ))
        );
    }

    fn ask(&self, question: &Question, out: &mut dyn Write) {
        let p = self.palette();
        let _ = writeln!(out, "{}", p.bold(&wrap(question.prompt.trim_end(), 0)));
        let how = match &question.kind {
            QuestionKind::Type { .. } => "(type it at the prompt)",
            QuestionKind::Predict { .. } => "(type a number)",
            QuestionKind::Choose { options, .. } => {
                for (i, option) in options.iter().enumerate() {
                    let _ = writeln!(out, "  {}) {option}", i + 1);
                }
                "(type the number of your choice)"
            }
        };
        let _ = writeln!(out, "{}", p.dim(how));
    }

    fn advance(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        self.step += 1;
        self.hints_shown = 0;
        self.arrive(out, control);
    }

    fn current_question(&self) -> Option<Question> {
        match self.lesson.steps.get(self.step).map(|s| &s.kind) {
            Some(StepKind::Question(q)) if self.mode == Mode::Asking => Some(q.clone()),
            _ => None,
        }
    }

    fn skip(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        let Some(question) = self.current_question() else {
            return self.advance(out, control);
        };
        let p = self.palette();
        let _ = writeln!(
            out,
            "Skipped. The answer: {}",
            p.bold(&question.answer_text())
        );
        let statement = play::own_statement(&question);
        if let Some(statement) = &statement {
            let _ = writeln!(out, "{}{statement}", p.dim(play::PROMPT));
        }
        self.complete(&question, statement.as_deref(), false, out, control);
    }

    /// Goes back to the previous place the lesson stops at: the previous
    /// step at a terminal, the previous question in a pipe (text steps do
    /// not stop there, so going back one step would come straight back).
    fn back(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        let is_question = |i: &usize| matches!(self.lesson.steps[*i].kind, StepKind::Question(_));
        let target = if self.pause {
            self.step.checked_sub(1)
        } else {
            (0..self.step).rev().find(is_question)
        };
        match target {
            Some(target) => self.go_to(target, out, control),
            None => {
                let _ = writeln!(out, "This is the first step; there is nothing before it.");
            }
        }
    }

    /// Shows the current step again (`:lesson` with no argument), without
    /// running anything.
    pub fn show_again(&self, out: &mut dyn Write) {
        let p = self.palette();
        let _ = writeln!(
            out,
            "{}",
            p.dim(&format!(
                "Lesson {}: {}, step {} of {}",
                self.number,
                self.lesson.title,
                self.step() + 1,
                self.len()
            ))
        );
        match self.lesson.steps.get(self.step).map(|s| &s.kind) {
            Some(StepKind::Say(text)) => {
                let _ = writeln!(out, "{}", wrap(text.trim_end(), 0));
            }
            Some(StepKind::Run(code)) => {
                for line in code.lines() {
                    let _ = writeln!(out, "{}{line}", p.dim(play::PROMPT));
                }
            }
            Some(StepKind::Question(question)) => self.ask(question, out),
            None => {}
        }
    }

    fn hint(&mut self, out: &mut dyn Write) {
        let Some(question) = self.current_question() else {
            let _ = writeln!(
                out,
                "Nothing to answer here: press Enter (or :next) to go on."
            );
            return;
        };
        self.next_hint(&question, out);
    }

    fn next_hint(&mut self, question: &Question, out: &mut dyn Write) {
        let p = self.palette();
        let count = question.hints.len();
        let index = self.hints_shown.min(count.saturating_sub(1));
        if let Some(hint) = question.hints.get(index) {
            let label = format!("Hint {}/{count}:", index + 1);
            let _ = writeln!(
                out,
                "{} {}",
                p.warning(&label),
                wrap(hint, label.chars().count() + 1)
            );
        }
        if self.hints_shown >= count {
            let _ = writeln!(
                out,
                "{}",
                p.dim("That was the last hint. :skip shows the answer and moves on.")
            );
        }
        self.hints_shown = (self.hints_shown + 1).min(count);
    }

    fn grade(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) {
        let Some(question) = self.current_question() else {
            return;
        };
        let p = self.palette();
        match grade::judge(&self.console.session, &question, line) {
            Ok(Verdict::Right) => {
                let statement = grade::statement_to_run(&question, line);
                self.complete(&question, statement.as_deref(), true, out, control);
            }
            Ok(Verdict::Wrong(why)) => {
                let label = "✗ Not quite:";
                let _ = writeln!(
                    out,
                    "{} {}",
                    p.bad(label),
                    wrap(&format!("{why}."), label.chars().count() + 1)
                );
                self.next_hint(&question, out);
            }
            Ok(Verdict::Unreadable(error)) => {
                self.console.report_error(out, origin, line, &error);
                let _ = writeln!(
                    out,
                    "{}",
                    p.dim("Try again · :hint for a hint · :skip to move on")
                );
            }
            Err(bug) => {
                let _ = writeln!(
                    out,
                    "{}",
                    p.bad(&format!("This question is broken ({bug}); skipping it."))
                );
                self.skip(out, control);
            }
        }
    }

    /// Runs the answering statement, praises a right answer, explains,
    /// runs the reveal and moves on.
    fn complete(
        &mut self,
        question: &Question,
        statement: Option<&str>,
        praise: bool,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) {
        let p = self.palette();
        let mut failures = Vec::new();
        if let Some(statement) = statement {
            failures
                .extend(play::run_code(&mut self.console, statement, false, out, control).err());
        }
        if praise {
            let _ = writeln!(out, "{}", p.good("✓ Right."));
        }
        if let Some(reveal) = &question.reveal {
            failures.extend(play::run_code(&mut self.console, reveal, true, out, control).err());
        }
        if let Some(explain) = &question.explain {
            let _ = writeln!(out, "{}", wrap(explain.trim_end(), 0));
        }
        for failure in failures {
            let _ = writeln!(out, "{}", p.bad(&format!("({failure})")));
        }
        self.advance(out, control);
    }
}

/// Width lesson messages are wrapped to.
const WRAP_WIDTH: usize = 78;

/// Wraps each line of `text` at word boundaries to [`WRAP_WIDTH`], the
/// first line `taken` columns shorter (a label precedes it). Lines the
/// author broke by hand are kept as they are.
fn wrap(text: &str, taken: usize) -> String {
    let mut wrapped = String::new();
    let mut column = taken;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            wrapped.push('\n');
            column = 0;
        }
        let mut first_word = true;
        for word in line.split(' ') {
            let width = word.chars().count();
            if !first_word && column + 1 + width > WRAP_WIDTH {
                wrapped.push('\n');
                column = 0;
            } else if !first_word {
                wrapped.push(' ');
                column += 1;
            }
            wrapped.push_str(word);
            column += width;
            first_word = false;
        }
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_lines_wrap_at_words_and_short_ones_stay() {
        assert_eq!(wrap("short line", 0), "short line");
        let long = "word ".repeat(30);
        for line in wrap(long.trim(), 10).lines() {
            assert!(line.chars().count() <= 78, "{line}");
        }
        assert_eq!(wrap("a  b\nc", 0), "a  b\nc");
    }
}
