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
use crate::text::{wrap, Palette};

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
    /// The session as it stood when the open question was asked, kept
    /// once the learner runs a statement there (see [`grade::judge_asked`]).
    asked: Option<crate::eval::Session>,
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
            asked: None,
        };
        run.heading(out);
        if resume_at > 0 && resume_at < run.lesson.steps.len() {
            run.mode = Mode::AskResume { at: resume_at };
            let text = prose(&format!(
                "You stopped at step {} of {} last time. Press Enter to continue there, or type restart to begin again.",
                resume_at + 1,
                run.lesson.steps.len(),
            ));
            let _ = writeln!(
                out,
                "{}",
                text.replacen("restart", &run.palette().bold("restart"), 1)
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
        let mut keys = vec![
            ":hint for a hint",
            ":skip skips a step",
            ":back goes back",
            ":quit leaves the lesson",
        ];
        if self.pause {
            keys.insert(0, "Enter goes on");
        }
        for line in wrap::pack(&keys, " · ", wrap::width()) {
            let _ = writeln!(out, "{}", p.dim(&line));
        }
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
                    self.keep_asked();
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
            // Exploring while the question is open: an assignment, a
            // `show`, `L.backward()`, several statements are not answers;
            // they run in the lesson's session and the question waits.
            Mode::Asking if self.explores(line) => {
                self.keep_asked();
                self.console.execute(line, origin, out, control);
                let _ = writeln!(
                    out,
                    "{}",
                    self.palette()
                        .dim("(ran that; the question is still open — type your answer)")
                );
            }
            Mode::Asking => self.grade(line, origin, out, control),
            // Exploring between steps: the line runs in the lesson's session.
            _ => {
                self.console.execute(line, origin, out, control);
            }
        }
        self.flow()
    }

    /// Keeps the session as the open question found it, before the learner
    /// changes it.
    fn keep_asked(&mut self) {
        if self.mode == Mode::Asking && self.asked.is_none() {
            self.asked = Some(self.console.session.clone());
        }
    }

    /// True when `line` is a statement to run, not an answer to the open
    /// question.
    fn explores(&self, line: &str) -> bool {
        self.current_question()
            .is_some_and(|q| grade::is_exploration(&self.console.session, &q, line))
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
        self.asked = None;
        self.arrive(out, control);
    }

    /// Shows the current step and those after it, up to the next place
    /// that waits for the learner.
    fn arrive(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        while let Some(step) = self.lesson.steps.get(self.step).cloned() {
            let _ = writeln!(out);
            match &step.kind {
                StepKind::Say(text) => {
                    let _ = writeln!(out, "{}", prose(text.trim_end()));
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
        for line in prose(question.prompt.trim_end()).lines() {
            let _ = writeln!(out, "{}", p.bold(line));
        }
        let how = match &question.kind {
            QuestionKind::Type { .. } => "(type it at the prompt)",
            QuestionKind::Predict { .. } => "(type a number)",
            QuestionKind::Choose { options, .. } => {
                for (i, option) in options.iter().enumerate() {
                    let number = format!("  {}) ", i + 1);
                    let _ = writeln!(out, "{}", labelled(&number, option, |n| n.to_string()));
                }
                "(type the number of your choice)"
            }
        };
        let _ = writeln!(out, "{}", p.dim(how));
    }

    fn advance(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) {
        self.step += 1;
        self.hints_shown = 0;
        self.asked = None;
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
                let _ = writeln!(out, "{}", prose(text.trim_end()));
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
            let label = format!("Hint {}/{count}: ", index + 1);
            let _ = writeln!(out, "{}", labelled(&label, hint, |l| p.warning(l)));
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
        let session = &self.console.session;
        let asked = self.asked.as_ref().unwrap_or(session);
        match grade::judge_asked(asked, session, &question, line) {
            Ok(Verdict::Right) => {
                let statement = grade::statement_to_run(&question, line);
                self.complete(&question, statement.as_deref(), true, out, control);
            }
            Ok(Verdict::Wrong(why)) => {
                let why = format!("{why}.");
                let _ = writeln!(out, "{}", labelled("✗ Not quite: ", &why, |l| p.bad(l)));
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
            let _ = writeln!(out, "{}", prose(explain.trim_end()));
        }
        for failure in failures {
            let _ = writeln!(out, "{}", p.bad(&format!("({failure})")));
        }
        self.advance(out, control);
    }
}

/// Lesson prose wrapped to the terminal (at most 80 columns) between
/// words; indented lines (code) are kept as the author wrote them.
fn prose(text: &str) -> String {
    wrap::paragraph(text, wrap::width())
}

/// `text` after `label` (an option's number, `Hint 1/2: `), wrapped with
/// its continuation lines hanging under the text; the label painted by
/// `paint`.
fn labelled(label: &str, text: &str, paint: impl Fn(&str) -> String) -> String {
    labelled_to(label, text, wrap::width(), paint)
}

fn labelled_to(label: &str, text: &str, width: usize, paint: impl Fn(&str) -> String) -> String {
    let wrapped = wrap::hanging(text.trim_end(), label, width);
    let label = label.trim_end();
    let rest = wrapped.strip_prefix(label).unwrap_or(&wrapped);
    format!("{}{rest}", paint(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_option_wraps_under_its_text_not_under_its_number() {
        let option = "overfitting: since step 300 the network has been memorising the training data and its noise";
        let wrapped = labelled_to("  2) ", option, 40, |l| l.to_string());
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 1, "{wrapped}");
        assert!(lines[0].starts_with("  2) overfitting:"), "{wrapped}");
        for line in &lines[1..] {
            assert!(
                line.starts_with("     ") && !line.starts_with("      "),
                "{wrapped}"
            );
        }
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{wrapped}");
        let words: Vec<&str> = wrapped.split_whitespace().skip(1).collect();
        assert_eq!(words.join(" "), option, "no word broken or lost");
    }

    #[test]
    fn a_hint_label_is_painted_and_its_text_hangs_under_the_text() {
        let wrapped = labelled_to("Hint 1/2: ", "one two three four", 20, |l| format!("<{l}>"));
        assert_eq!(wrapped, "<Hint 1/2:> one two\n          three four");
    }
}
