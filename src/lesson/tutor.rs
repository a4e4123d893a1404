//! The tutor sits between the prompt (or a pipe) and the console: lines go
//! to the lesson in progress if there is one, else to the console; lesson
//! commands (`:lesson`, `:lessons`, ...) are handled here. It keeps the
//! catalog and saves progress after every line a lesson takes.

use std::cell::OnceCell;
use std::io::{self, Write};
use std::path::PathBuf;

use super::catalog::{Catalog, Entry};
use super::progress::{LessonProgress, Progress};
use super::runner::{Flow, LessonRun};
use crate::console::meta::{self, Meta};
use crate::console::{Console, Outcome, StepControl, WriteError};
use crate::render::diagnostic::Origin;
use crate::text::{wrap, Style};

/// Lessons around a console.
pub struct Tutor {
    /// Read when a lesson command first needs it: parsing every embedded
    /// lesson's TOML was nearly all of a start's work, and a script or a
    /// plain session never asks for it.
    catalog: OnceCell<Catalog>,
    progress: Progress,
    /// A damaged progress file's warning, said with the first line fed.
    notice: Option<String>,
    active: Option<(String, LessonRun)>,
    pause: bool,
    save_warned: bool,
    data_dir: Option<PathBuf>,
    /// The lesson whose names the learner's session last took (see
    /// [`hand_back`]), so finishing it again later can say the names they
    /// have came from it, not list them as the learner's own beside the
    /// same names as the lesson's (finding D306).
    handed_back: Option<HandedBack>,
}

/// A lesson's names handed to the learner's empty session.
struct HandedBack {
    /// The lesson's id.
    id: String,
    /// When: `when you left it at step 19`, `when you finished it`.
    when: String,
    /// The lesson's own names it handed.
    names: Vec<String>,
}

impl Tutor {
    /// A tutor over the embedded course and the user's lessons, keeping
    /// progress in `data_dir` (none: progress is not kept). `pause`:
    /// lessons wait for Enter after each text step (at a terminal).
    pub fn new(pause: bool, data_dir: Option<PathBuf>) -> Self {
        Self::over(OnceCell::new(), pause, data_dir)
    }

    /// A tutor over a given catalog.
    pub fn with_catalog(catalog: Catalog, pause: bool, data_dir: Option<PathBuf>) -> Self {
        Self::over(OnceCell::from(catalog), pause, data_dir)
    }

    fn over(catalog: OnceCell<Catalog>, pause: bool, data_dir: Option<PathBuf>) -> Self {
        let loaded = Progress::load(data_dir.as_deref());
        Tutor {
            catalog,
            progress: loaded.progress,
            notice: loaded.warning,
            active: None,
            pause,
            save_warned: false,
            data_dir,
            handed_back: None,
        }
    }

    /// The lessons: the embedded course and the data directory's, read on
    /// first use.
    fn catalog(&self) -> &Catalog {
        self.catalog
            .get_or_init(|| Catalog::load(self.data_dir.as_deref()))
    }

    /// The prompt of the lesson in progress, if any.
    pub fn prompt(&self) -> Option<String> {
        self.active.as_ref().map(|(_, run)| run.prompt())
    }

    /// The session the learner's next line runs in: the lesson's while
    /// one is in progress, else `console`'s own (what Tab completes).
    pub fn names_session<'a>(&'a self, console: &'a Console) -> &'a crate::eval::Session {
        match &self.active {
            Some((_, run)) => run.session(),
            None => &console.session,
        }
    }

    /// True while a lesson is in progress.
    pub fn in_lesson(&self) -> bool {
        self.active.is_some()
    }

    /// Handles one line: the lesson's, the tutor's or the console's. A
    /// write that fails ends it with [`Outcome::WriteFailed`].
    pub fn feed(
        &mut self,
        console: &mut Console,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Outcome {
        let mut watched = Watched::new(out);
        let outcome = self.feed_watched(console, line, origin, &mut watched, control);
        match watched.failed.take() {
            Some(error) => error.into(),
            None => outcome.unwrap_or_else(Outcome::from),
        }
    }

    fn feed_watched(
        &mut self,
        console: &mut Console,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<Outcome> {
        self.say_notice(console, out)?;
        if let Some((command, args)) = lesson_command(line) {
            match command {
                Meta::Lesson => match &self.active {
                    Some((_, run)) if args.trim().is_empty() => run.show_again(out)?,
                    _ => {
                        self.start_watched(console, args, out, control)?;
                    }
                },
                _ => self.write_list(out, console.style())?,
            }
            return Ok(Outcome::Ok);
        }
        if let Some((_, run)) = &mut self.active {
            let flow = run.feed(line, origin, out, control)?;
            self.after_lesson_line(flow, console, out)?;
            return Ok(Outcome::Ok);
        }
        match console.execute(line, origin, out, control) {
            Outcome::Lesson(..) => {
                let lessons = console.palette.bold(":lessons");
                let nothing_done = !self.progress.lessons().any(|(_, p)| p.done);
                let text = match self.suggested_next() {
                    _ if nothing_done => format!(
                        "You are not in a lesson. Type {lessons} to see them, or {} to start the first.",
                        console.palette.bold(":lesson 1")
                    ),
                    Some(next) => format!(
                        "You are not in a lesson. Type {lessons} to see them, or {} to go on with \
                         the next one ({}).",
                        console.palette.bold(&format!(":lesson {}", next.number)),
                        next.title()
                    ),
                    None => format!(
                        "You are not in a lesson, and you have finished them all. Type {lessons} \
                         to see them again."
                    ),
                };
                say(out, console.style().width, &text)?;
                Ok(Outcome::Ok)
            }
            other => Ok(other),
        }
    }

    /// The first lesson (that loads) the learner has not finished.
    fn first_not_done(&self) -> Option<&Entry> {
        self.catalog().entries.iter().find(|e| self.open(e))
    }

    /// True for a lesson that loads and the learner has not finished.
    fn open(&self, entry: &Entry) -> bool {
        entry.lesson.is_ok() && !self.progress.get(&entry.id).done
    }

    /// The lesson to suggest next: the first unfinished one after the
    /// furthest the learner has finished (after finishing 7, lesson 8, not
    /// lesson 1), else the first unfinished one.
    fn suggested_next(&self) -> Option<&Entry> {
        let furthest = self
            .catalog()
            .entries
            .iter()
            .filter(|e| self.progress.get(&e.id).done)
            .map(|e| e.number)
            .max()?;
        self.catalog()
            .entries
            .iter()
            .find(|e| e.number > furthest && self.open(e))
            .or_else(|| self.first_not_done())
    }

    /// Starts (or resumes) the lesson `which` names; empty means the first
    /// lesson not finished yet. Returns false if there is no such lesson,
    /// and the write error that stopped it if writing failed.
    pub fn start(
        &mut self,
        console: &mut Console,
        which: &str,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Result<bool, WriteError> {
        let mut watched = Watched::new(out);
        let started = self.start_watched(console, which, &mut watched, control);
        match watched.failed.take() {
            Some(error) => Err(error.into()),
            None => started.map_err(WriteError::from),
        }
    }

    fn start_watched(
        &mut self,
        console: &mut Console,
        which: &str,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> io::Result<bool> {
        self.say_notice(console, out)?;
        let palette = console.palette;
        let entry = if which.trim().is_empty() {
            self.first_not_done().or(self.catalog().entries.first())
        } else {
            self.catalog().find(which)
        };
        let Some(entry) = entry.cloned() else {
            writeln!(
                out,
                "There is no lesson `{}`. To see them all: {} at the prompt, {} from the shell.",
                which.trim(),
                palette.bold(":lessons"),
                palette.bold("micrograd lessons")
            )?;
            return Ok(false);
        };
        let lesson = match entry.lesson {
            Ok(lesson) => lesson,
            Err(e) => {
                writeln!(out, "{} {e}", palette.error("This lesson file is broken:"))?;
                return Ok(false);
            }
        };
        if let Some((_, run)) = &self.active {
            writeln!(
                out,
                "{}",
                palette.dim(&format!("(Leaving lesson {} for now.)", run.number))
            )?;
        }
        self.active = None;
        let saved = self.progress.get(&entry.id);
        let len = lesson.steps.len();
        if saved.step > 0 && saved.step >= len {
            writeln!(
                out,
                "{}",
                palette.dim(&format!(
                    "(Your saved place, step {}, is past this lesson's {len} steps: it changed since. Starting from the beginning.)",
                    saved.step.saturating_add(1)
                ))
            )?;
        }
        let run = LessonRun::start(
            entry.number,
            lesson,
            console,
            saved.step,
            self.pause,
            out,
            control,
        )?;
        self.active = Some((entry.id.clone(), run));
        self.after_lesson_line(Flow::Stay, console, out)?;
        Ok(true)
    }

    /// Says a damaged progress file's warning, once (at start, else with
    /// the first line fed).
    pub fn say_notice(&mut self, console: &Console, out: &mut dyn Write) -> io::Result<()> {
        match self.notice.take() {
            Some(notice) => console.report_notice(out, &notice),
            None => Ok(()),
        }
    }

    fn after_lesson_line(
        &mut self,
        flow: Flow,
        console: &mut Console,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let style = console.style();
        let palette = style.palette;
        let Some((id, run)) = &self.active else {
            return Ok(());
        };
        let before = self.progress.get(id);
        let (number, step, len) = (run.number, run.step(), run.len());
        let now = match flow {
            Flow::Finished => LessonProgress {
                step: 0,
                done: true,
            },
            _ => LessonProgress {
                step,
                done: before.done,
            },
        };
        if now != before {
            // Saved under a lock, merged with what another micrograd running
            // at the same time saved for other lessons.
            match Progress::record(self.data_dir.as_deref(), id, now) {
                Ok(loaded) => {
                    self.progress = loaded.progress;
                    if let Some(warning) = loaded.warning {
                        console.report_notice(out, &warning)?;
                    }
                }
                Err(e) => {
                    self.progress.set(id, now);
                    if !self.save_warned {
                        console.report_notice(
                            out,
                            &format!("could not save lesson progress ({e}); going on without it"),
                        )?;
                        self.save_warned = true;
                    }
                }
            }
        }
        if flow == Flow::Stay {
            return Ok(());
        }
        let Some((id, run)) = self.active.take() else {
            return Ok(());
        };
        let (lessons, learners) = run.names_by_whose();
        let whose = Whose {
            lessons: &lessons,
            learners: &learners,
            left: flow == Flow::Left,
            from: self.handed_back.as_ref().filter(|h| h.id == id),
        };
        let (back, handed) = hand_back(console, run.into_console(), &whose);
        if handed {
            let when = match flow {
                Flow::Left => format!("when you left it at step {}", step + 1),
                _ => "when you finished it".to_string(),
            };
            self.handed_back = Some(HandedBack {
                id,
                when,
                names: lessons,
            });
        }
        match flow {
            Flow::Stay => Ok(()),
            Flow::Left => say(
                out,
                style.width,
                &format!(
                    "Left lesson {number} at step {} of {len}; {} picks up from there.{back}",
                    step + 1,
                    palette.bold(&format!(":lesson {number}")),
                ),
            ),
            Flow::Finished => {
                let next = self
                    .catalog()
                    .entries
                    .iter()
                    .find(|e| e.number == number + 1);
                match next {
                    Some(next) => say(
                        out,
                        style.width,
                        &format!(
                            "Next: {} ({}).{back}",
                            palette.bold(&format!(":lesson {}", next.number)),
                            next.title()
                        ),
                    ),
                    None => say(
                        out,
                        style.width,
                        &format!("That was the last lesson. Well done!{back}"),
                    ),
                }
            }
        }
    }

    /// The lessons with the learner's progress in each.
    pub fn write_list(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        write_list(self.catalog(), &self.progress, out, style)
    }
}

/// Whose the names of a lesson being left are (see
/// [`LessonRun::names_by_whose`]), and what that lesson handed the
/// learner before.
struct Whose<'a> {
    /// The lesson's own names (what resuming rebuilds).
    lessons: &'a [String],
    /// Names the learner made at the lesson's prompts.
    learners: &'a [String],
    /// Left part way (`:quit`), not finished.
    left: bool,
    /// This lesson's names, handed to the learner's session before.
    from: Option<&'a HandedBack>,
}

/// Gives the learner the lesson's names when their own session is empty
/// (with the statements that built them, so `:save` writes a file that
/// replays); the learner's own names are never touched. Says which names
/// came back, or stayed behind, and which of the learner's own names are
/// spelled like the lesson's (they are the learner's, not the lesson's).
/// Only the lesson's own names are called the lesson's; the helpers the
/// learner made in it are said apart (findings B212, B301), and no name is
/// listed twice (D306). True with the text when the names were handed.
fn hand_back(console: &mut Console, lesson: Console, whose: &Whose) -> (String, bool) {
    let names: Vec<&str> = whose.lessons.iter().map(String::as_str).collect();
    let helpers: Vec<&str> = whose.learners.iter().map(String::as_str).collect();
    if names.is_empty() && helpers.is_empty() {
        return (String::new(), false);
    }
    let listed = listing(&names, ", ");
    let are = |list: &[&str]| if list.len() == 1 { "is" } else { "are" };
    if console.session.bindings().is_empty() {
        *console = lesson;
        let yours = match (names.is_empty(), helpers.is_empty()) {
            (true, _) => format!("Your own {}", listing(&helpers, " and ")),
            (false, true) => format!("The lesson's names ({listed})"),
            (false, false) => format!(
                "The lesson's names ({listed}) and your own {}",
                listing(&helpers, " and ")
            ),
        };
        let are = if names.len() + helpers.len() == 1 {
            "is"
        } else {
            "are"
        };
        return (
            format!(
                " {yours} {are} yours to play with: :vars lists them, and :save writes the statements that built them."
            ),
            true,
        );
    }
    let kept = match (helpers.as_slice(), whose.left) {
        ([], _) => String::new(),
        (_, true) => format!(
            " Your own {}, made in the lesson, {} not kept: resuming rebuilds only the lesson's names.",
            listing(&helpers, " and "),
            are(&helpers)
        ),
        (_, false) => format!(
            " Your own {}, made in the lesson, stayed with it.",
            listing(&helpers, " and ")
        ),
    };
    let yours: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| console.session.lookup(name).is_some())
        .collect();
    if names.is_empty() {
        return (
            format!(" You are back in your own session, as you left it.{kept}"),
            false,
        );
    }
    let they = listing(&yours, " and ");
    let is = are(&yours);
    let ones = if yours.len() == 1 { "one" } else { "ones" };
    let handed = whose.from.filter(|from| {
        yours
            .iter()
            .all(|name| from.names.iter().any(|n| n == name))
    });
    // Every name the lesson has, the learner has too: said once.
    if yours.len() == names.len() {
        let whose_they_are = match handed {
            Some(from) => format!(
                "the {ones} this lesson gave you {}, not the {ones} it has now",
                from.when
            ),
            None => "your own, not the lesson's".to_string(),
        };
        return (
            format!(
                " You are back in your own session, as you left it: the {they} you have {is} {whose_they_are}, which stayed in the lesson.{kept}"
            ),
            false,
        );
    }
    let same_names = match (yours.as_slice(), handed) {
        ([], _) => String::new(),
        (_, Some(from)) => format!(
            " The {they} you have {is} the {ones} this lesson gave you {}, not the {ones} it has now.",
            from.when
        ),
        ([one], None) => format!(" The {one} you have is your own, as you left it, not the lesson's."),
        (_, None) => format!(
            " The {} you have are your own, as you left them, not the lesson's.",
            listing(&yours, " and ")
        ),
    };
    (
        format!(
            " You are back in your own session, as you left it; the lesson's names ({listed}) stayed in the lesson.{same_names}{kept}"
        ),
        false,
    )
}

/// `names` joined for a sentence: the first eight, then how many more.
fn listing(names: &[&str], last: &str) -> String {
    const SHOWN: usize = 8;
    if names.len() > SHOWN {
        return format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        );
    }
    match names.split_last() {
        Some((end, rest)) if !rest.is_empty() => format!("{}{last}{end}", rest.join(", ")),
        _ => names.join(", "),
    }
}

/// Writes `text` wrapped to `width` between words.
fn say(out: &mut dyn Write, width: usize, text: &str) -> io::Result<()> {
    writeln!(out, "{}", wrap::paragraph(text, width))
}

pub use super::list::write_list;

/// Passes writes through to `inner`, keeping the first that failed: the
/// lesson runner writes through it, and the tutor ends the line with that
/// failure (every later write fails the same way, so nothing more is
/// printed after it). Not only a backstop: the runner reports a run step
/// whose output failed as a string and goes on, and a buffered stdout takes
/// the writes after a failed flush, so without it the lesson would carry on
/// (`a_write_that_failed_once_in_a_lesson_s_code_ends_the_line`).
struct Watched<'w> {
    inner: &'w mut dyn Write,
    failed: Option<io::Error>,
}

impl<'w> Watched<'w> {
    fn new(inner: &'w mut dyn Write) -> Self {
        Watched {
            inner,
            failed: None,
        }
    }

    /// The kept failure, again, for a write after it.
    fn again(&self) -> Option<io::Error> {
        let error = self.failed.as_ref()?;
        Some(io::Error::new(error.kind(), error.to_string()))
    }

    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result {
            if self.failed.is_none() && error.kind() != io::ErrorKind::Interrupted {
                self.failed = Some(io::Error::new(error.kind(), error.to_string()));
            }
        }
        result
    }
}

impl Write for Watched<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(error) = self.again() {
            return Err(error);
        }
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(error) = self.again() {
            return Err(error);
        }
        let result = self.inner.flush();
        self.keep(result)
    }
}

/// `:lesson ...` and `:lessons`, which work in and out of a lesson.
fn lesson_command(line: &str) -> Option<(Meta, &str)> {
    let trimmed = line.trim();
    if !trimmed.starts_with(':') {
        return None;
    }
    let (word, args, _) = meta::split(trimmed);
    match meta::resolve(word)?.meta {
        command @ (Meta::Lesson | Meta::Lessons) => Some((command, args)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::RunAll;
    use crate::text::Palette;

    /// A writer whose first write of a line a lesson types fails and which
    /// takes every write after it: what a buffered stdout does once a flush
    /// found the pipe closed (its next writes fill the buffer and only the
    /// next flush fails again).
    struct FailsOnce {
        failed: bool,
    }

    impl Write for FailsOnce {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if !self.failed && buf.windows(4).any(|w| w == b">>> ") {
                self.failed = true;
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_names_to_complete_are_the_lesson_s_while_one_runs() {
        // Finding C223: Tab at a lesson prompt offered no name of the
        // lesson's session (`x`, which lesson 1 binds), only built-ins.
        let mut console = Console::new(Palette::plain());
        let mut tutor = Tutor::new(false, None);
        assert!(std::ptr::eq(
            tutor.names_session(&console),
            &console.session
        ));
        tutor
            .start(&mut console, "1", &mut io::sink(), &mut RunAll)
            .expect("lesson 1 starts");
        let names = tutor.names_session(&console);
        assert!(names.lookup("x").is_some(), "the lesson's x");
        assert!(
            console.session.lookup("x").is_none(),
            "not the learner's own"
        );
    }

    #[test]
    fn a_write_that_failed_once_in_a_lesson_s_code_ends_the_line() {
        // The runner turns a failed write inside a run step into a string
        // it reports and goes on; `Watched` is what ends the line with it.
        let mut console = Console::new(Palette::plain());
        let mut tutor = Tutor::new(false, None);
        let mut out = FailsOnce { failed: false };
        let started = tutor.start(&mut console, "1", &mut out, &mut RunAll);
        assert!(
            out.failed,
            "lesson 1 types a line before its first question"
        );
        let error = started.expect_err("the failed write ends the start");
        assert!(error.reader_left(), "{error:?}");
    }
}
