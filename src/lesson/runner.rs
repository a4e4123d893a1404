//! One lesson in progress: a small state machine fed one line at a time,
//! so the interactive prompt and a pipe drive it alike. Text steps wait for
//! Enter (at a terminal); questions wait for an answer, graded by meaning;
//! `:next`, `:back`, `:hint`, `:skip` move around and every step can be
//! skipped, so there is no dead end. The lesson has its own session, built
//! step by step; going back or resuming rebuilds it by replaying the
//! lesson's own answers. What it says is in `prose`; this is only when.

use std::cell::RefCell;
use std::io::{self, Write};
use std::sync::atomic::Ordering;

use super::block::{self, Judged, Shape};
use super::eye::ForTheEye;
use super::format::{Lesson, Question, QuestionKind, StepKind};
use super::grade::{self, Verdict};
use super::structure::{self, Binding};
use super::{mistake, play, prose};
use crate::console::meta::{self, Meta};
use crate::console::{Checkpoint, Console, Outcome, PassLeft, RunAll, StepControl, StepDecision};
use crate::eval::RandomStream;
use crate::render::diagnostic::Origin;
use crate::text::Style;

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

/// Runs the lesson's own code (a run step, an accepted answer, a reveal)
/// drawing from the lesson's random stream, `kept`, and keeps where it
/// left it: the learner's own random constructs in between draw from
/// the session's stream as usual, but never shift the lesson's.
fn own_stream<R>(
    console: &mut Console,
    kept: &mut RandomStream,
    run: impl FnOnce(&mut Console) -> R,
) -> R {
    console.session.set_random_stream(*kept);
    let ran = run(console);
    *kept = console.session.random_stream();
    ran
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
    /// The session as the open question found it, kept once a statement
    /// the learner runs there moves the lesson's names (see
    /// [`Self::run_looking`]).
    asked: Option<Checkpoint>,
    /// Whether the learner was told that the lesson's own output rounds
    /// float noise (see [`ForTheEye`]).
    told_rounding: bool,
    /// Whether the learner was told that their own output shows float
    /// noise (see [`ForTheEye::noting`]).
    told_noise: bool,
    /// What putting the learner's changes back says, kept until the
    /// verdict is out (see `say_put_back`).
    put_back_note: Vec<u8>,
    /// The inputs of a paste after its answer (see `answer_pasted`): a
    /// right answer runs those at their head that only look; the rest are
    /// not run, and said so once the answer is judged.
    looks_after_answer: Vec<String>,
    /// The random stream as the lesson's own code and accepted answers
    /// left it. The lesson's networks and data sets draw from it, whatever
    /// the learner built in between (a look `MLP(2, [3])` at a pause took
    /// the next weights, and every number lesson 18 quotes came out
    /// different: finding C28).
    lesson_stream: RandomStream,
    /// Names the learner bound at the open prediction to what gives its
    /// answer (`acc = n.accuracy(d)`): arithmetic over them reads it too
    /// (see [`grade::answer_read`]).
    answer_names: Vec<String>,
    /// Names the learner bound at the open prediction to a number of
    /// their own computing (`est = (f_nudged - f) / h`): the bare name is
    /// an answer, as `est + 0` is (see [`grade::binds_own_number`]).
    own_numbers: Vec<String>,
    /// The learner ran the step's own code at the open prediction (see
    /// [`grade::runs_the_steps_code`]): answers are then judged only as
    /// the question found the session.
    ran_the_step: bool,
    /// The answer being completed printed as it was judged (a loop's
    /// prints are echoed as they come): running it for real prints them
    /// again, so its prints are not shown then.
    answer_echoed: bool,
    /// The lines the learner typed that ran and read or bound a name of
    /// their own (a helper `def sq(x): ...`, `q = sq(a)`), in order: going
    /// back rebuilds the lesson's names from its own steps and runs these
    /// again, so the learner's own names stay, as at the prompt, and only
    /// the lesson's go back (finding A306: `:back` dropped them).
    own_lines: Vec<String>,
    /// How many of `own_lines` came before `asked` was kept: putting the
    /// lesson's names back as asked drops the names made since, and so the
    /// lines that made them.
    own_lines_as_asked: usize,
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
    ) -> io::Result<Self> {
        let mut console = Console::with_host(user.palette, user.host.clone());
        console.interrupt = user.interrupt.clone();
        console.diagnostics_to_stderr = user.diagnostics_to_stderr;
        let lesson_stream = console.session.random_stream();
        let mut run = LessonRun {
            number,
            console,
            step: 0,
            hints_shown: 0,
            mode: Mode::Reading,
            pause,
            asked: None,
            told_rounding: false,
            told_noise: false,
            put_back_note: Vec::new(),
            looks_after_answer: Vec::new(),
            lesson_stream,
            answer_names: Vec::new(),
            own_numbers: Vec::new(),
            ran_the_step: false,
            answer_echoed: false,
            own_lines: Vec::new(),
            own_lines_as_asked: 0,
            lesson,
        };
        run.heading(out)?;
        if resume_at > 0 && resume_at < run.lesson.steps.len() {
            run.mode = Mode::AskResume { at: resume_at };
            prose::ask_resume(out, run.style(), resume_at, run.lesson.steps.len())?;
        } else {
            run.arrive(out, control)?;
        }
        Ok(run)
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

    /// The lesson's console: its session and the statements that built it
    /// (what `:save` writes), for the learner to keep.
    pub fn into_console(self) -> Console {
        self.console
    }

    /// The names bound in the lesson's session, split into the lesson's
    /// own (those its steps up to here bind: its code, its answers, its
    /// reveals; what resuming here rebuilds) and the learner's (helpers
    /// made at its prompts, which only this session holds), each in the
    /// order bound.
    pub fn names_by_whose(&self) -> (Vec<String>, Vec<String>) {
        let lessons = self.names_the_lesson_binds(self.step + 1);
        (self.console.session.bindings().iter())
            .map(|(name, _)| name.clone())
            .partition(|name| lessons.contains(name))
    }

    /// The names the lesson's first `steps` steps bind: their code, their
    /// answers the lesson's way, their reveals.
    fn names_the_lesson_binds(&self, steps: usize) -> Vec<String> {
        let mut names = Vec::new();
        for step in self.lesson.steps.iter().take(steps) {
            let code = match &step.kind {
                StepKind::Say(_) => Vec::new(),
                StepKind::Run(code) => vec![code.clone()],
                StepKind::Question(question) => (play::own_statement(question).into_iter())
                    .chain(question.reveal.clone())
                    .collect(),
            };
            for code in code {
                names.extend(block::names_bound_by(&code));
            }
        }
        names
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

    /// The session the lesson's lines run in (what Tab completes at its
    /// prompt).
    pub fn session(&self) -> &crate::eval::Session {
        &self.console.session
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

    /// How the lesson writes: its console's palette and its host's width.
    fn style(&self) -> Style {
        self.console.style()
    }

    fn heading(&self, out: &mut dyn Write) -> io::Result<()> {
        prose::heading(out, self.style(), self.number, &self.lesson, self.pause)
    }

    /// Feeds one line typed by the learner.
    pub fn feed(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<Flow> {
        let trimmed = line.trim();
        if let Mode::AskResume { at } = self.mode {
            return self.answer_resume(trimmed, at, out, control);
        }
        if trimmed.starts_with(':') {
            let (word, _, _) = meta::split(trimmed);
            match meta::resolve(word).map(|c| c.meta) {
                Some(Meta::Quit) => return Ok(Flow::Left),
                Some(Meta::Next) if self.mode == Mode::Reading => self.advance(out, control)?,
                // `:next` means "go on after reading"; at a question it
                // would throw the question away, so only `:skip` skips.
                Some(Meta::Next) if self.mode == Mode::Asking => {
                    prose::next_at_question(out, self.style())?
                }
                Some(Meta::Next | Meta::Skip) => self.skip(out, control)?,
                Some(Meta::Back) => self.back(out, control)?,
                Some(Meta::Hint) => self.hint(out)?,
                Some(Meta::Reset) => prose::reset_in_lesson(out, self.style(), self.number)?,
                _ if self.mode == Mode::Asking => {
                    let mut watched = AtQuestion {
                        inner: &mut *control,
                        stopped: false,
                        left: false,
                    };
                    let outcome = self.run_looking(|console| {
                        console.execute(line, origin, &mut *out, &mut watched)
                    });
                    written(outcome)?;
                    // A look (`:check f`, `:paths L a`, `:step L`, finished
                    // or stopped by Ctrl-C) leaves the question open, and
                    // says so as a statement run there does (findings A106,
                    // A108); a line typed at `:step`'s pause runs next, and
                    // answers or says so itself.
                    if !(watched.stopped && watched.left) {
                        prose::open_after_ctrl_c(out, self.style())?;
                    }
                }
                _ => {
                    let outcome = self.run_looking(|console| {
                        console.execute(line, origin, &mut *out, &mut *control)
                    });
                    written(outcome)?;
                }
            }
            return Ok(self.flow());
        }
        self.take_input(line, origin, out, control)?;
        Ok(self.flow())
    }

    /// Takes one input that is not a `:` command: Enter, help, an answer,
    /// a look, a helper, a paste of several inputs.
    fn take_input(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        let trimmed = line.trim();
        let inputs = play::inputs(line);
        let option = self
            .current_question()
            .and_then(|question| grade::option_named(&self.console.session, &question, trimmed));
        let number_for_a_binding = self.number_for_a_binding(line);
        let helper = self.helper_at_statement(line);
        match self.mode {
            Mode::Reading if trimmed.is_empty() => self.advance(out, control)?,
            Mode::Asking if trimmed.is_empty() => prose::awaiting_answer(out, self.style())?,
            // `tanh?`, `help(x)`: help is shown, never graded.
            Mode::Asking if crate::console::asks_for_help(line) => {
                written(self.console.execute(line, origin, out, control))?;
                prose::still_open(out, self.style())?;
            }
            // `ReLU` for the option "ReLU, for any positive input": told
            // to type its number, not that ReLU is undefined.
            Mode::Asking if option.is_some() => prose::type_the_options_number(
                out,
                self.style(),
                trimmed,
                option.unwrap_or_default(),
            )?,
            // A paste of several inputs is one answer (its last that is not
            // looking around), with what comes before it run first.
            Mode::Asking if inputs.len() > 1 => {
                self.answer_pasted(&inputs, origin, out, control)?
            }
            // Exploring while the question is open: an assignment, a
            // `show`, `L.backward()`, several statements are not answers;
            // they run in the lesson's session and the question waits.
            // `f` at "Define f", before any answer bound it: nothing to
            // look at; told what the question wants (finding A221).
            // `a.grad = -6` at "what will a.grad be?": not run (A115).
            Mode::Asking if self.sets_the_asked_gradient(line).is_some() => {
                let value = self.sets_the_asked_gradient(line).unwrap_or_default();
                prose::sets_the_asked(out, self.style(), trimmed, &value)?
            }
            Mode::Asking if self.explores(line) && self.unbound_asked_name(line).is_some() => {
                let name = self.unbound_asked_name(line).unwrap_or_default();
                prose::asked_name_unbound(out, self.style(), &name)?
            }
            Mode::Asking if self.explores(line) => self.look(line, origin, out, control)?,
            // `x.backward()` where `f = ...` is asked: told what the
            // question wants, not run, no try spent.
            // `errs = [...]` where `loss = ...` is asked: a helper on the
            // way; it runs and stays, no try spent (finding C30).
            Mode::Asking if helper.is_some() => {
                let Some(helper) = &helper else {
                    return Ok(());
                };
                let outcome = self
                    .run_looking(|console| console.execute(line, origin, &mut *out, &mut *control));
                let failed = outcome != Outcome::Ok;
                self.note_own_line(line, outcome == Outcome::Ok);
                written(outcome)?;
                if self.console.interrupted() {
                    prose::open_after_ctrl_c(out, self.style())?;
                } else if failed {
                    // Its error was shown; nothing was graded.
                    prose::try_again(out, self.style())?;
                } else if let Some(rename) = &helper.rename {
                    // The asked formula under another name: kept, and
                    // told to rename it.
                    self.console.report_error(out, origin, line, rename)?;
                    prose::try_again(out, self.style())?;
                } else {
                    prose::helper_defined(out, self.style(), &helper.name, &helper.want)?;
                }
            }
            // `0.659` where `q1 = ...` is asked: told to bind the formula,
            // no try spent (finding B204).
            Mode::Asking if number_for_a_binding.is_some() => {
                if let Some(error) = &number_for_a_binding {
                    self.console.report_error(out, origin, line, error)?;
                }
                prose::try_again(out, self.style())?
            }
            Mode::Asking if self.action_at_statement(line).is_some() => {
                let wants = self.action_at_statement(line).unwrap_or_default();
                prose::action_at_statement(out, self.style(), trimmed, &wants)?
            }
            Mode::Asking => self.grade(line, origin, out, control)?,
            // Exploring between steps: the line runs in the lesson's session,
            // unless it changed what the next steps rely on.
            _ => self.explore_between_steps(line, origin, out, control)?,
        }
        Ok(())
    }

    /// Runs `line`, typed at the open question to look around (see
    /// [`Self::explores`]), and says the question is still open.
    fn look(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        // What it says of the answer is judged before it runs (`acc =
        // n.accuracy(d)` binds acc to it: `acc*1` then reads it too).
        let read = self.reads_the_answer(line);
        let value_look = (self.current_question())
            .is_some_and(|question| grade::is_a_look_at_a_value(&question, line));
        self.note_answer_name(line);
        if let Some(question) = self.current_question() {
            self.ran_the_step |= grade::runs_the_steps_code(&question, line);
        }
        let outcome =
            self.run_looking(|console| console.execute(line, origin, &mut *out, &mut *control));
        self.note_own_line(line, outcome == Outcome::Ok);
        written(outcome)?;
        if self.console.interrupted() {
            // The console said what Ctrl-C stopped; "ran that" would say
            // the opposite.
            prose::open_after_ctrl_c(out, self.style())
        } else if let Some(read) = read {
            prose::read_the_answer(out, self.style(), &read)
        } else if value_look {
            prose::look_is_not_an_answer(out, self.style(), line.trim())
        } else {
            prose::still_open(out, self.style())
        }
    }

    /// Notes `line`, typed by the learner, among [`Self::own_lines`] when
    /// it ran (`ran`) and reads or binds a name of their own.
    fn note_own_line(&mut self, line: &str, ran: bool) {
        if !ran {
            return;
        }
        let (_, yours) = self.names_by_whose();
        if block::identifiers(line)
            .iter()
            .any(|name| yours.contains(name))
        {
            self.own_lines.push(line.to_string());
        }
    }

    /// Notes the name `line` binds to what gives the open prediction's
    /// answer, if it does (see [`grade::binds_the_answer`]).
    fn note_answer_name(&mut self, line: &str) {
        let Some(question) = self.current_question() else {
            return;
        };
        let session = &self.console.session;
        let asked = self.asked.as_ref().map_or(session, |c| &c.session);
        let bound = grade::binds_the_answer(asked, session, &question, line, &self.answer_names);
        let own = grade::binds_own_number(session, &question, line);
        if let Some(name) = grade::bound_name(line) {
            self.own_numbers.retain(|own| *own != name);
        }
        match (bound, own) {
            (Some(name), _) if !self.answer_names.contains(&name) => self.answer_names.push(name),
            (None, Some(name)) => self.own_numbers.push(name),
            _ => {}
        }
    }

    /// Runs a line typed while the lesson waits for Enter. Its output
    /// stands, and new names stay; but if it moved or rebound a name the
    /// lesson had (a training loop pasted early moves the weights its next
    /// steps state numbers for), the lesson's names are put back and the
    /// learner is told which, and how to experiment freely.
    fn explore_between_steps(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        if self.step + 1 >= self.len() {
            // The last step: nothing after it relies on anything.
            let outcome = self.console.execute(line, origin, out, control);
            self.note_own_line(line, outcome == Outcome::Ok);
            return written(outcome);
        }
        let before = self.console.checkpoint();
        // A loop Ctrl-C stops here is put back just below, and said so:
        // "every name keeps the value it had reached" would contradict it.
        self.console.names_kept_after_ctrl_c = false;
        let outcome = self.console.execute(line, origin, out, control);
        self.console.names_kept_after_ctrl_c = true;
        let ran = outcome == Outcome::Ok;
        written(outcome)?;
        // Only the lesson's names are guarded; a helper of the learner's
        // own that moved with them goes back too, and is said apart, not
        // as a name "the lesson's next steps use" (finding A204).
        let lessons = self.names_the_lesson_binds(self.len());
        let (changed, yours): (Vec<String>, Vec<String>) = (self.console.session)
            .changed_since(&before.session)
            .into_iter()
            .partition(|name| lessons.contains(name));
        if !changed.is_empty() {
            self.console.restore(before);
            return prose::names_put_back(out, self.style(), &changed, &yours);
        }
        self.note_own_line(line, ran);
        Ok(())
    }

    /// Answers the open question with a pasted block of several inputs
    /// (a paste is one input, as a cell is in a notebook): its first input
    /// that answers (not a look, help or a helper on the way) is the
    /// answer, taken as if typed alone, once. Those before it run first,
    /// as if typed (a helper, `lr = 0.1`), and stop the paste at the first
    /// that fails. Those after it are not run, and said so, except the
    /// looks a right answer's paste ends with (`o` after `o = ...`, which
    /// change nothing: see `complete`) (findings A313, B309, B5): a
    /// trailing `o.backward()` after
    /// a right `0.5` was kept and doubled every later gradient; after a
    /// wrong `o = ...`, a trailing `o` errored with its caret under the
    /// hint; a trailing `L.backward()` was judged instead of `L = ...`.
    fn answer_pasted(
        &mut self,
        inputs: &[String],
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        for (at, input) in inputs.iter().enumerate() {
            // Judged as the paste reaches it: what ran before may have
            // bound the answer to a name (`acc = n.accuracy(d)`, then
            // `acc*1` reads it: a look).
            if self.answers(input) {
                self.looks_after_answer = inputs[at + 1..].to_vec();
                self.take_input(input, origin, out, control)?;
                return self.say_rest_of_paste(out);
            }
            if !self.run_aside(input, origin, out, control)? {
                return prose::paste_stopped(out, self.style());
            }
        }
        prose::still_open(out, self.style())
    }

    /// True when `input`, one input of a paste at the open question, is an
    /// attempt at its answer: not a look, not help, not a helper on the
    /// way to it.
    fn answers(&self, input: &str) -> bool {
        !self.explores(input)
            && !crate::console::asks_for_help(input)
            && self.helper_at_statement(input).is_none()
    }

    /// Says the lines of a paste after its answer were not run (see
    /// [`Self::answer_pasted`]), once.
    fn say_rest_of_paste(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let lines = (std::mem::take(&mut self.looks_after_answer).iter())
            .flat_map(|rest| rest.lines())
            .filter(|line| !line.trim().is_empty())
            .count();
        match lines {
            0 => Ok(()),
            lines => prose::rest_of_paste_not_run(out, self.style(), lines),
        }
    }

    /// True when running `input` now would change nothing in the lesson's
    /// session (`o`, a look at what the answer bound), not even a
    /// gradient or a new name (`o.backward()`, `c.data = 100`, `q = 2`);
    /// tried on a copy.
    fn only_looks(&self, input: &str) -> bool {
        let session = &self.console.session;
        let mut scratch = session.clone();
        scratch.run(input, &mut Vec::new()).is_ok()
            && scratch.bindings().len() == session.bindings().len()
            && scratch.changed_since(session).is_empty()
    }

    /// Runs one input of a paste that is not the answer, as the lesson
    /// runs a line typed where it is: at an open question it waits; between
    /// steps the lesson's names are kept. False when it failed (its error
    /// was shown) or Ctrl-C stopped it: the rest of the paste is not run.
    fn run_aside(
        &mut self,
        input: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<bool> {
        if self.mode == Mode::Reading {
            self.explore_between_steps(input, origin, out, control)?;
            return Ok(!self.console.interrupted());
        }
        self.note_answer_name(input);
        let outcome = self.run_looking(|console| console.execute(input, origin, out, control));
        let ran = outcome == Outcome::Ok && !self.console.interrupted();
        self.note_own_line(input, ran);
        written(outcome)?;
        Ok(ran)
    }

    /// Runs something the learner typed at the open question that is not
    /// an answer, keeping the session as it stood before the first such
    /// line that moved the lesson's names: what answers are judged in
    /// (see [`Self::put_back_asked`]). Names made before that, while the
    /// lesson's names were as asked (a helper `step = 0.1 * w.grad`), are
    /// part of it and so outlive putting an experiment back.
    fn run_looking(&mut self, run: impl FnOnce(&mut Console) -> Outcome) -> Outcome {
        if self.mode != Mode::Asking || self.asked.is_some() {
            return run(&mut self.console);
        }
        let before = self.console.checkpoint();
        let outcome = run(&mut self.console);
        if !self
            .console
            .session
            .changed_since(&before.session)
            .is_empty()
        {
            self.asked = Some(before);
            self.own_lines_as_asked = self.own_lines.len();
        }
        outcome
    }

    /// Puts the lesson's names back as the open question found them, if
    /// the learner's looking around moved them, and says so: `why` is why
    /// (an answer is about to be judged, or the lesson goes on). Names
    /// made since were built on the moved state, and go too (said, not
    /// silently dropped).
    fn put_back_asked(&mut self, why: prose::PutBack) -> io::Result<()> {
        let Some(asked) = self.asked.take() else {
            return Ok(());
        };
        let changed = self.console.session.changed_since(&asked.session);
        if changed.is_empty() {
            return Ok(());
        }
        let made: Vec<String> = (self.console.session.bindings().iter())
            .filter(|(name, _)| asked.session.lookup(name).is_none())
            .map(|(name, _)| name.clone())
            .collect();
        let moved = self.console.session.moved_since(&asked.session);
        self.console.restore(asked);
        self.own_lines.truncate(self.own_lines_as_asked);
        let grads_only: Vec<String> = (changed.iter())
            .filter(|name| !moved.contains(name))
            .cloned()
            .collect();
        let changes = prose::Changes {
            moved: &moved,
            grads_only: &grads_only,
            made: &made,
        };
        // Said after the verdict, not before it (finding A103): see
        // `say_put_back`.
        let mut note = Vec::new();
        prose::back_as_asked(&mut note, self.style(), &changes, why)?;
        self.put_back_note.extend(note);
        Ok(())
    }

    /// The note that names put back (see `put_back_asked`), once the
    /// verdict is out.
    fn say_put_back(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&std::mem::take(&mut self.put_back_note))
    }

    /// True when `line` is a statement to run, not an answer to the open
    /// question.
    fn explores(&self, line: &str) -> bool {
        let session = &self.console.session;
        let asked = self.asked.as_ref().map_or(session, |c| &c.session);
        self.current_question().is_some_and(|q| {
            grade::is_exploration_asked(asked, session, &q, line, &self.answer_names)
                && !grade::names_one_of(line, &self.own_numbers)
        })
    }

    /// The value `line` would set the open prediction's asked gradient to
    /// (see [`grade::sets_the_asked_gradient`]).
    fn sets_the_asked_gradient(&self, line: &str) -> Option<String> {
        grade::sets_the_asked_gradient(&self.current_question()?, line)
    }

    /// What the open `type` question wants, when `line` is a graph action
    /// typed there instead (see [`grade::action_at_statement`]).
    fn action_at_statement(&self, line: &str) -> Option<String> {
        grade::action_at_statement(&self.current_question()?, line)
    }

    /// The helper `line` binds at the open `type` question, and the name
    /// that question asks for (see [`grade::helper_at_statement`]).
    fn helper_at_statement(&self, line: &str) -> Option<grade::Helper> {
        grade::helper_at_statement(&self.console.session, &self.current_question()?, line)
    }

    /// What the open `type` question says of a bare number typed where it
    /// asks for a binding (see [`grade::number_for_a_binding`]).
    fn number_for_a_binding(&self, line: &str) -> Option<crate::eval::EvalError> {
        grade::number_for_a_binding(&self.console.session, &self.current_question()?, line)
    }

    /// The name the open `type` question asks to bind, when `line` reads
    /// it before it is bound (see [`grade::reads_the_unbound_asked_name`]).
    fn unbound_asked_name(&self, line: &str) -> Option<String> {
        grade::reads_the_unbound_asked_name(&self.console.session, &self.current_question()?, line)
    }

    /// The read of the very quantity asked that `line` is arithmetic over,
    /// when that quantity already holds the answer (`x.grad*1`).
    fn reads_the_answer(&self, line: &str) -> Option<String> {
        let session = &self.console.session;
        let asked = self.asked.as_ref().map_or(session, |c| &c.session);
        let question = self.current_question()?;
        grade::answer_read(asked, session, &question, line, &self.answer_names)
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
    ) -> io::Result<Flow> {
        let typed = answer;
        let answer = answer.to_lowercase();
        if matches!(meta::resolve(answer.trim_start_matches(':')), Some(c) if c.meta == Meta::Quit)
            && answer.starts_with(':')
        {
            return Ok(Flow::Left);
        }
        match answer.as_str() {
            "" | "y" | "yes" | "c" | "continue" | ":next" => self.go_to(at, out, control)?,
            "r" | "restart" | "n" | "no" => self.go_to(0, out, control)?,
            _ => prose::resume_choices(out, self.style(), typed, at)?,
        }
        Ok(self.flow())
    }

    /// Rebuilds the session as it stands before step `target` and shows it.
    fn go_to(
        &mut self,
        target: usize,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        if self.asked.is_some() {
            // Made on an experiment that answering would have put back.
            self.own_lines.truncate(self.own_lines_as_asked);
        }
        let (_, yours) = self.names_by_whose();
        if let Err(e) = self.rebuild(target) {
            prose::could_not_rebuild(out, self.style(), &e)?;
        }
        let gone: Vec<String> = (yours.into_iter())
            .filter(|name| self.console.session.lookup(name).is_none())
            .collect();
        if !gone.is_empty() {
            prose::own_names_gone(out, self.style(), &gone)?;
        }
        self.step = target;
        self.hints_shown = 0;
        self.asked = None;
        self.answer_names.clear();
        self.own_numbers.clear();
        self.ran_the_step = false;
        self.arrive(out, control)
    }

    /// Replaces the lesson's session with a fresh one brought, silently,
    /// to where it stands before step `target`, as the lesson's own steps
    /// and answers leave it.
    fn rebuild(&mut self, target: usize) -> Result<(), String> {
        let mut console = Console::with_host(self.console.palette, self.console.host.clone());
        console.interrupt = self.console.interrupt.clone();
        console.diagnostics_to_stderr = self.console.diagnostics_to_stderr;
        let replayed = play::replay(&mut console, &self.lesson, target);
        self.lesson_stream = console.session.random_stream();
        self.console = console;
        self.run_own_lines_again(target);
        replayed
    }

    /// Runs the learner's own lines (see [`Self::own_lines`]) again,
    /// silently, in the session just rebuilt to before step `target`. A
    /// line that does not run there (it reads a name a later step made),
    /// or that moves a name the lesson has there, is undone and forgotten.
    fn run_own_lines_again(&mut self, target: usize) {
        let lessons = self.names_the_lesson_binds(target);
        let to_stderr = std::mem::replace(&mut self.console.diagnostics_to_stderr, false);
        let origin = Origin::Prompt {
            prompt_width: play::PROMPT.len(),
        };
        for line in std::mem::take(&mut self.own_lines) {
            let before = self.console.checkpoint();
            let outcome = (self.console).execute(&line, origin, &mut io::sink(), &mut RunAll);
            let moves_the_lessons = (self.console.session.changed_since(&before.session))
                .iter()
                .any(|name| lessons.contains(name));
            if outcome == Outcome::Ok && !moves_the_lessons && !self.console.interrupted() {
                self.own_lines.push(line);
            } else {
                self.console.restore(before);
            }
        }
        self.console.diagnostics_to_stderr = to_stderr;
        self.own_lines_as_asked = self.own_lines.len();
    }

    /// Shows the current step and those after it, up to the next place
    /// that waits for the learner.
    fn arrive(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) -> io::Result<()> {
        while let Some(step) = self.lesson.steps.get(self.step).cloned() {
            prose::blank_line(out)?;
            match &step.kind {
                StepKind::Say(text) => prose::say(out, self.style(), text)?,
                StepKind::Run(code) => {
                    let mut watched = StopWatch {
                        inner: &mut *control,
                        stopped: false,
                    };
                    let ran = {
                        let mut eye = ForTheEye::telling(
                            out,
                            &mut self.told_rounding,
                            self.console.style().width,
                        );
                        own_stream(&mut self.console, &mut self.lesson_stream, |console| {
                            play::run_code(console, code, true, &mut eye, &mut watched)
                        })
                    };
                    if watched.stopped || self.console.interrupted() {
                        // Ctrl-C stopped the lesson's own code part way (a
                        // `:step`, a loop): the steps after it were written
                        // for it done whole, so it is finished quietly.
                        self.console.interrupt.store(false, Ordering::SeqCst);
                        let rebuilt = self.rebuild(self.step + 1);
                        let what = match watched.stopped {
                            true => prose::Stopped::Step,
                            false => prose::Stopped::Code,
                        };
                        prose::finished_quietly(out, self.style(), what, rebuilt.err().as_deref())?;
                    } else if let Err(e) = ran {
                        prose::failure(out, self.style(), &e)?;
                    }
                }
                StepKind::Question(question) => {
                    prose::ask(out, self.style(), question)?;
                    self.mode = Mode::Asking;
                    return Ok(());
                }
            }
            if self.pause {
                self.mode = Mode::Reading;
                return Ok(());
            }
            self.step += 1;
        }
        self.mode = Mode::Done;
        prose::complete(out, self.style(), self.number, &self.lesson.title)
    }

    fn advance(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) -> io::Result<()> {
        self.step += 1;
        self.hints_shown = 0;
        self.asked = None;
        self.answer_names.clear();
        self.own_numbers.clear();
        self.ran_the_step = false;
        self.arrive(out, control)
    }

    fn current_question(&self) -> Option<Question> {
        match self.lesson.steps.get(self.step).map(|s| &s.kind) {
            Some(StepKind::Question(q)) if self.mode == Mode::Asking => Some((**q).clone()),
            _ => None,
        }
    }

    fn skip(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) -> io::Result<()> {
        let Some(question) = self.current_question() else {
            return self.advance(out, control);
        };
        let statement = play::own_statement(&question);
        prose::skipped(out, self.style(), &question, statement.as_deref())?;
        self.complete(
            &question,
            statement.as_deref(),
            Answered::Skipped,
            out,
            control,
        )
    }

    /// Goes back to the previous place the lesson stops at: the previous
    /// step at a terminal, the previous question in a pipe (text steps do
    /// not stop there, so going back one step would come straight back).
    fn back(&mut self, out: &mut dyn Write, control: &mut dyn StepControl) -> io::Result<()> {
        let is_question = |i: &usize| matches!(self.lesson.steps[*i].kind, StepKind::Question(_));
        let target = if self.pause {
            self.step.checked_sub(1)
        } else {
            (0..self.step).rev().find(is_question)
        };
        match target {
            Some(target) => self.go_to(target, out, control),
            None => prose::at_first_step(out),
        }
    }

    /// Shows the current step again (`:lesson` with no argument), without
    /// running anything.
    pub fn show_again(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = self.style();
        let title = &self.lesson.title;
        prose::position(out, p, self.number, title, self.step(), self.len())?;
        match self.lesson.steps.get(self.step).map(|s| &s.kind) {
            Some(StepKind::Say(text)) => prose::say(out, p, text),
            Some(StepKind::Run(code)) => prose::code(out, p, code),
            Some(StepKind::Question(question)) => prose::ask(out, p, question),
            None => Ok(()),
        }
    }

    fn hint(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let Some(question) = self.current_question() else {
            return prose::nothing_to_answer(out);
        };
        self.next_hint(&question, out)
    }

    fn next_hint(&mut self, question: &Question, out: &mut dyn Write) -> io::Result<()> {
        let count = question.hints.len();
        prose::hint(out, self.style(), question, self.hints_shown)?;
        self.hints_shown = (self.hints_shown + 1).min(count);
        Ok(())
    }

    fn grade(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        let Some(question) = self.current_question() else {
            return Ok(());
        };
        let p = self.style();
        // An answer is judged as the question found the session: what the
        // learner ran meanwhile (`w.data -= 0.1 * w.grad` at "what will w
        // be after ...?") is put back first, or the right formula would be
        // graded on the moved names.
        // But a number worked out in the learner's own experiment (lesson
        // 6's `a.data += h`, then `(L + 8)/h`) is right where they left it
        // (finding A111): a prediction right as the session stands is not
        // put back first. Unless the learner ran the step's own code and
        // the session now shows the answer: then the tool worked it out
        // (finding B227); after `:zero` it shows another number, and the
        // learner's sum over it is their own (finding B318).
        let tool_did_it = self.ran_the_step
            && (self.asked.as_ref()).is_some_and(|asked| {
                grade::shows_the_answer(&asked.session, &self.console.session, &question)
            });
        let as_it_stands = (self.asked.is_some()
            && !tool_did_it
            && matches!(question.kind, QuestionKind::Predict { .. }))
        .then(|| self.judge(&question, line, &mut *out));
        let judged = match as_it_stands {
            Some(judged) if matches!(judged.verdict, Ok(Verdict::Right)) => judged,
            _ => {
                let judged = self.judge_as_asked(&question, line, &mut *out);
                // `r1.grad*1` after the learner's own r5.backward(): 0 as
                // asked, 1.0 on screen (finding B305).
                if let (Ok(Verdict::Unreadable(error)), Some(asked)) =
                    (&judged.verdict, &self.asked)
                {
                    let session = &self.console.session;
                    let unset = grade::unset_gradient_read(&asked.session, line)
                        .is_some_and(|unset| unset.message == error.message);
                    let filled = grade::gradient_filled_since(&asked.session, session, line);
                    if let Some(read) = filled.filter(|_| unset) {
                        return prose::filled_by_the_learner(out, p, &read);
                    }
                }
                // An answer that does not run (`round(x.grad, 4)`), or that
                // Ctrl-C stopped, was not judged: what the learner ran
                // stays, unsaid (finding A213).
                // Nor does a number just outside the window, which costs
                // no try (finding A314): "work with more digits" needs
                // what the learner ran.
                let close = matches!(&judged.verdict,
                    Ok(Verdict::Wrong(why)) if why.ends_with(grade::CLOSE));
                if !judged.interrupted
                    && !close
                    && !matches!(judged.verdict, Ok(Verdict::Unreadable(_)))
                {
                    self.put_back_asked(prose::PutBack::Judging)?;
                }
                judged
            }
        };
        if judged.interrupted {
            // Ctrl-C said "stop", not "this is my answer": nothing counts.
            self.console.interrupt.store(false, Ordering::SeqCst);
            let stopped_at = judged.stopped_at.as_deref();
            return prose::interrupted(out, p, grade::block_shape(&question), stopped_at);
        }
        let session = &self.console.session;
        let asked = self.asked.as_ref().map_or(session, |c| &c.session);
        self.answer_echoed = judged.echoed;
        if !judged.echoed
            && matches!(
                judged.verdict,
                Ok(Verdict::Wrong(_) | Verdict::Unreadable(_))
            )
        {
            // What a wrong loop printed is the learner's best clue to what
            // it did: shown as it would be at the prompt, then the verdict.
            let width = self.console.style().width;
            let mut eye = ForTheEye::noting(out, &mut self.told_noise, width);
            prose::learners_output(&mut eye, &judged.printed)?;
        }
        match judged.verdict {
            Ok(Verdict::Right) => match structure::binding(session, &question, line) {
                Some(Binding::Lessons { statement, missing }) => {
                    prose::bound_the_lessons_form(out, p, &missing, &statement)?;
                    self.complete(
                        &question,
                        Some(&statement),
                        Answered::Equivalent,
                        out,
                        control,
                    )?;
                }
                binding => {
                    let statement = binding.map(|b| b.statement().to_string());
                    self.complete(
                        &question,
                        statement.as_deref(),
                        Answered::Right,
                        out,
                        control,
                    )?;
                }
            },
            Ok(Verdict::Wrong(why)) => {
                // A block that never ends would be run again, to its step
                // budget, for every mistake the hints compare it with.
                let aimed = if judged.endless {
                    None
                } else {
                    mistake::aimed_hint(asked, session, &question, line)
                };
                // "Look at the sign" beside a hint saying it is another
                // mistake altogether (3 is one path, not -3 flipped) would
                // send the learner the wrong way.
                let why = match (&aimed, why.strip_suffix(grade::SIGN_ONLY)) {
                    (Some(_), Some(number)) => format!("{number}that is not it"),
                    _ => why,
                };
                prose::not_quite(out, p, &why)?;
                // The hint aimed at this mistake says what went wrong; the
                // question's own next hint is for a mistake nobody foresaw
                // (both at once buried the aimed one, and a "Type: ..."
                // hint gave the answer away beside it).
                let close = why.ends_with(grade::CLOSE);
                match (aimed, &question.kind) {
                    (Some(hint), _) => prose::aimed_hint(out, p, &hint)?,
                    // A slip in the last digits: no hint spent on it.
                    (None, QuestionKind::Predict { tolerance, .. }) if close => {
                        prose::close_no_try(out, p, *tolerance)?
                    }
                    (None, _) => self.next_hint(&question, out)?,
                }
                self.keep_wrong_def(&question, line, out, control)?;
            }
            Ok(Verdict::Unreadable(error)) => {
                let error = grade::followable_at_a_question(error, line);
                self.console.report_error(out, origin, line, &error)?;
                prose::try_again(out, p)?;
            }
            Err(bug) => {
                prose::broken(out, p, &bug)?;
                self.skip(out, control)?;
            }
        }
        self.say_put_back(out)
    }

    /// [`Self::judge`] in the session as the open question found it, which
    /// is left as it stands.
    fn judge_as_asked(&mut self, question: &Question, line: &str, out: &mut dyn Write) -> Judged {
        let Some(mut session) = self.asked.as_ref().map(|asked| asked.session.clone()) else {
            return self.judge(question, line, out);
        };
        std::mem::swap(&mut self.console.session, &mut session);
        let judged = self.judge(question, line, out);
        std::mem::swap(&mut self.console.session, &mut session);
        judged
    }

    /// Judges `line`, an answer to `question`. A block answer (a loop, a
    /// `def`) runs while the grader watches Ctrl-C, so a learner can stop
    /// a loop that runs long, and comes back with what it printed; a
    /// loop's prints are written to `out` as it prints them, as at the
    /// prompt (finding C227).
    fn judge(&mut self, question: &Question, line: &str, out: &mut dyn Write) -> Judged {
        let session = &self.console.session;
        let asked = self.asked.as_ref().map_or(session, |c| &c.session);
        match &question.kind {
            QuestionKind::Type { answer: expected } if grade::block_shape(question).is_some() => {
                let interrupt = self.console.interrupt.clone();
                interrupt.store(false, Ordering::SeqCst);
                let stop = move || interrupt.load(Ordering::SeqCst);
                let width = self.console.style().width;
                // The learner's own output, as the prompt shows it; its
                // float-noise note (once) comes when the loop is done.
                let eye = RefCell::new(ForTheEye::noting(out, &mut self.told_noise, width));
                let echo = |text: &str| {
                    let mut eye = eye.borrow_mut();
                    // A write that fails here fails again at the verdict,
                    // which ends the line.
                    let _ = eye.write_all(text.as_bytes()).and_then(|()| eye.flush());
                };
                structure::held_to_requirements(
                    session,
                    question,
                    line,
                    block::judge_watched(session, question, expected, line, &stop, &echo),
                )
            }
            _ => Judged {
                verdict: match structure::judge_asked(asked, session, question, line) {
                    // `f*L.grad` before backward() is wrong only because L.grad
                    // reads 0 yet: the learner is told so, and the try does not
                    // count (their chain rule may well be right).
                    Ok(Verdict::Wrong(why)) => Ok(grade::unset_gradient_read(session, line)
                        .map_or(Verdict::Wrong(why), Verdict::Unreadable)),
                    // Nor is a prediction right for a 0 read there: after
                    // the learner's own r5.backward(), `r3.grad + 1` is 1
                    // as asked (r3.grad unset) and 2 on screen (finding
                    // B316). Never judged, whatever its value.
                    Ok(Verdict::Right) if matches!(question.kind, QuestionKind::Predict { .. }) => {
                        Ok(grade::unset_gradient_read(session, line)
                            .map_or(Verdict::Right, Verdict::Unreadable))
                    }
                    other => other,
                },
                printed: Vec::new(),
                interrupted: false,
                endless: false,
                echoed: false,
                stopped_at: None,
            },
        }
    }

    /// A wrong `def` asked for by name stays defined, as in Python, so the
    /// learner can call it and see what it does; the right answer or
    /// `:skip` defines it again.
    fn keep_wrong_def(
        &mut self,
        question: &Question,
        line: &str,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        let Some(Shape::Def(asked)) = grade::block_shape(question) else {
            return Ok(());
        };
        if block::shape(line) != Some(Shape::Def(asked.clone())) {
            return Ok(());
        }
        let mut quiet = std::io::sink();
        if play::run_code(&mut self.console, line, false, &mut quiet, control).is_ok() {
            if let Some(call) = &question.call {
                prose::kept_wrong_def(out, self.style(), &asked, call)?;
            }
        }
        Ok(())
    }

    /// Runs the answering statement, praises a right answer, explains,
    /// runs the reveal and moves on.
    fn complete(
        &mut self,
        question: &Question,
        statement: Option<&str>,
        answered: Answered,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<()> {
        let p = self.style();
        // What the learner ran while the question was open may have moved
        // the lesson's names (`o.backward()`, `w.data -= ...`); the answer
        // and the reveal then run on the state the question was asked in,
        // or they would be run twice and the next questions contradict it.
        // (An answer put them back already, before it was judged; this is
        // for `:skip`.)
        self.put_back_asked(prose::PutBack::GoingOn)?;
        let mut failures = Vec::new();
        if let Some(statement) = statement {
            let width = self.console.style().width;
            // A right answer runs as the learner wrote it, and prints as
            // their wrong tries did (finding B2); the lesson's form (its
            // own code) is rounded like the rest of the lesson's output.
            let mut eye = if answered == Answered::Right {
                ForTheEye::noting(out, &mut self.told_noise, width)
            } else {
                ForTheEye::telling(out, &mut self.told_rounding, width)
            };
            let echoed = std::mem::take(&mut self.answer_echoed);
            self.console.show_prints = !(echoed && answered == Answered::Right);
            let ran = own_stream(&mut self.console, &mut self.lesson_stream, |console| {
                play::run_code(console, statement, false, &mut eye, control)
            });
            self.console.show_prints = true;
            failures.extend(ran.err());
        }
        // A right answer's paste may go on to look at what it bound (`o`
        // after `o = ...`): those looks show before the praise. From the
        // first input that would change something, nothing more runs.
        if answered != Answered::Skipped {
            while let Some(look) = self.looks_after_answer.first().cloned() {
                if !self.only_looks(&look) {
                    break;
                }
                self.looks_after_answer.remove(0);
                let origin = Origin::Prompt {
                    prompt_width: play::PROMPT.len(),
                };
                written(self.console.execute(&look, origin, out, control))?;
            }
        }
        if answered == Answered::Right {
            prose::right(out, p)?;
        }
        self.say_rest_of_paste(out)?;
        self.say_put_back(out)?;
        if let Some(reveal) = &question.reveal {
            let mut eye =
                ForTheEye::telling(out, &mut self.told_rounding, self.console.style().width);
            let ran = own_stream(&mut self.console, &mut self.lesson_stream, |console| {
                play::run_code(console, reveal, true, &mut eye, control)
            });
            failures.extend(ran.err());
        }
        if let Some(explain) = &question.explain {
            let explain = match answered {
                Answered::Skipped => without_grading_note(explain),
                _ => explain,
            };
            if !explain.is_empty() {
                prose::say(out, p, explain)?;
            }
        }
        for failure in failures {
            prose::failure(out, p, &failure)?;
        }
        self.advance(out, control)
    }
}

/// What the console's run of a line means here: its own errors were
/// reported, and only a failed write ends the line.
fn written(outcome: Outcome) -> io::Result<()> {
    match outcome {
        Outcome::WriteFailed(error) => Err(io::Error::new(error.kind, error.message)),
        _ => Ok(()),
    }
}

/// Passes `:step`'s pauses on to the learner's terminal, noting whether
/// Ctrl-C stopped it, at its prompt (which sets no flag: the line editor
/// reads the key itself) or while it printed (the flag, which the view
/// takes).
struct StopWatch<'c> {
    inner: &'c mut dyn StepControl,
    stopped: bool,
}

impl StepControl for StopWatch<'_> {
    fn after_step(&mut self) -> StepDecision {
        self.inner.after_step()
    }

    /// The lesson finishes its own step (see `arrive`).
    fn stopped_part_way(&mut self) -> PassLeft {
        self.stopped = true;
        PassLeft::Finished
    }
}

/// Passes the pauses of the learner's own `:step` at an open question on
/// to the terminal, noting whether it stopped part way, and whether for a
/// line typed at its pause (`left`) rather than Ctrl-C.
struct AtQuestion<'c> {
    inner: &'c mut dyn StepControl,
    stopped: bool,
    left: bool,
}

impl StepControl for AtQuestion<'_> {
    fn after_step(&mut self) -> StepDecision {
        let decision = self.inner.after_step();
        self.left = decision == StepDecision::Leave;
        decision
    }

    /// The full pass would compute the answer: the view does not advise it.
    fn stopped_part_way(&mut self) -> PassLeft {
        self.stopped = true;
        PassLeft::AtQuestion
    }
}

/// How a question came to be completed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answered {
    /// Right as typed: praised.
    Right,
    /// Right by meaning, bound the lesson's way (said so already).
    Equivalent,
    /// `:skip`: nothing of the learner's was graded.
    Skipped,
}

/// `explain` without its opening "Graded by ..." sentence, which speaks of
/// the learner's answer ("Graded by the numbers your loop printed: they
/// match") and is untrue after `:skip`.
fn without_grading_note(explain: &str) -> &str {
    if !explain.starts_with("Graded by") {
        return explain;
    }
    match explain.find(". ") {
        Some(end) => explain[end + 2..].trim_start(),
        None => "",
    }
}
