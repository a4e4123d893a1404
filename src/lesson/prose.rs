//! What a lesson says, apart from when it says it (`runner`): the heading,
//! text steps, questions and their options, hints, verdicts and the notes
//! between them, each written to a writer with a [`Style`] (a palette and a
//! width). Prose is wrapped to its width; indented lines (code) are kept as
//! written.

use std::io::{self, Write};

use super::format::{Lesson, Question, QuestionKind};
use super::play;
use crate::text::{wrap, Style};

/// The lesson's title and length, and the keys that move around in it.
pub fn heading(
    out: &mut dyn Write,
    style: Style,
    number: usize,
    lesson: &Lesson,
    pause: bool,
) -> io::Result<()> {
    let minutes = lesson
        .minutes
        .map_or(String::new(), |m| format!(" · about {m} minutes"));
    let title = format!("Lesson {number}: {}", lesson.title);
    let fits = title.chars().count() + minutes.chars().count() <= style.width;
    let minutes = if fits {
        minutes
    } else {
        format!("\n{}", minutes.trim_start_matches(" · "))
    };
    writeln!(
        out,
        "\n{}{}",
        style.palette.bold(&title),
        style.palette.dim(&minutes)
    )?;
    let mut keys = vec![
        ":hint for a hint",
        ":skip skips a step",
        ":back goes back",
        ":quit leaves the lesson",
    ];
    if pause {
        keys.insert(0, "Enter goes on");
    }
    for line in wrap::pack(&keys, " · ", style.width) {
        writeln!(out, "{}", style.palette.dim(&line))?;
    }
    Ok(())
}

/// Asks whether to continue at `at` (0-based) of `len` steps or restart.
pub fn ask_resume(out: &mut dyn Write, style: Style, at: usize, len: usize) -> io::Result<()> {
    let text = prose(
        &format!(
            "You stopped at step {} of {len} last time. Press Enter to continue there, or type restart to begin again.",
            at + 1,
        ),
        style.width,
    );
    writeln!(
        out,
        "{}",
        text.replacen("restart", &style.palette.bold("restart"), 1)
    )?;
    Ok(())
}

/// The answer to [`ask_resume`] was neither: `typed` did not run (the
/// lesson's session is not built yet), and the question is asked again,
/// wrapped as the first time (finding A201).
pub fn resume_choices(out: &mut dyn Write, style: Style, typed: &str, at: usize) -> io::Result<()> {
    let text = format!(
        "(`{typed}` did not run: first choose where the lesson goes on.) \
         Press Enter to continue at step {}, or type restart to begin again.",
        at + 1
    );
    writeln!(out, "{}", prose(&text, style.width))?;
    Ok(())
}

/// The empty line before each step.
pub fn blank_line(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    Ok(())
}

/// A text step (or an explanation): prose, wrapped to `style`'s width.
pub fn say(out: &mut dyn Write, style: Style, text: &str) -> io::Result<()> {
    writeln!(out, "{}", prose(text.trim_end(), style.width))?;
    Ok(())
}

/// A code step shown again, without running it: each line after a prompt.
pub fn code(out: &mut dyn Write, style: Style, code: &str) -> io::Result<()> {
    for input in play::inputs(code) {
        play::echo(out, style, &input)?;
    }
    Ok(())
}

/// Where the learner is (`:lesson` with no argument): lesson `number`,
/// `title`, step `step` (0-based) of `len`.
pub fn position(
    out: &mut dyn Write,
    style: Style,
    number: usize,
    title: &str,
    step: usize,
    len: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.palette.dim(&format!(
            "Lesson {number}: {title}, step {} of {len}",
            step + 1
        ))
    )?;
    Ok(())
}

/// A question: its prompt, its options, and how to answer.
pub fn ask(out: &mut dyn Write, style: Style, question: &Question) -> io::Result<()> {
    for line in prose(question.prompt.trim_end(), style.width).lines() {
        writeln!(out, "{}", style.palette.bold(line))?;
    }
    let how = match &question.kind {
        QuestionKind::Type { answer } => match super::block::shape(answer) {
            Some(super::block::Shape::Def(_)) => {
                "(a def block: end it with an empty line, or paste it)"
            }
            Some(super::block::Shape::Loop) => {
                "(a loop block: end it with an empty line, or paste it)"
            }
            None => "(type it at the prompt)",
        },
        QuestionKind::Predict { .. } => "(type a number)",
        QuestionKind::Choose { options, .. } => {
            for (i, option) in options.iter().enumerate() {
                let number = format!("  {}) ", i + 1);
                writeln!(
                    out,
                    "{}",
                    labelled(&number, option, style.width, |n| n.to_string())
                )?;
            }
            "(type the number of your choice)"
        }
    };
    writeln!(out, "{}", style.palette.dim(how))?;
    Ok(())
}

/// Enter at an open question.
pub fn awaiting_answer(out: &mut dyn Write, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .dim("Type your answer · :hint for a hint · :skip to move on")
    )?;
    Ok(())
}

/// `:next` typed at an open question: it goes on after reading, so here
/// it says how to answer or skip instead of skipping.
pub fn next_at_question(out: &mut dyn Write, style: Style) -> io::Result<()> {
    say(
        out,
        style,
        "This step is a question. Type your answer, \
         or :skip to see the answer and move on.",
    )
}

/// `:reset` typed inside lesson `number`: it would forget the names the
/// lesson's next steps use, and every one after would be broken (finding
/// B28), so it does not run; the learner is told how to start again.
pub fn reset_in_lesson(out: &mut dyn Write, style: Style, number: usize) -> io::Result<()> {
    say(
        out,
        style,
        &format!(
            ":reset is off inside a lesson: it would forget the names the next steps use. \
             :lesson {number}, then `restart`, starts it again from the first step; \
             :quit leaves it, and :reset then works as usual."
        ),
    )
}

/// A statement ran at an open question, which stays open.
pub fn still_open(out: &mut dyn Write, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .dim("(ran that; the question is still open — type your answer)")
    )?;
    Ok(())
}

/// A read typed at a prediction (`read`, a name or `x.grad`; see
/// [`super::grade::is_a_look_at_a_value`]): in place of [`still_open`],
/// the same words whatever the value it showed.
pub fn look_is_not_an_answer(out: &mut dyn Write, style: Style, read: &str) -> io::Result<()> {
    let text = format!(
        "(`{read}` is a look, not an answer; the question is still open — type your \
         answer as a number)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// `line` would set the gradient the open prediction asks about (see
/// [`super::grade::sets_the_asked_gradient`]): not run.
pub fn sets_the_asked(
    out: &mut dyn Write,
    style: Style,
    line: &str,
    value: &str,
) -> io::Result<()> {
    let text = format!(
        "(`{line}` would set the gradient the question asks about, so it did not run, and \
         nothing changed. To answer, type just the number: {value}. The question is still open.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A helper the learner bound on the way to a `type` answer (`errs`
/// where `loss = ...` is asked): it ran and stays; the question waits.
pub fn helper_defined(
    out: &mut dyn Write,
    style: Style,
    helper: &str,
    want: &str,
) -> io::Result<()> {
    let text = format!("(`{helper}` is defined; the question still wants `{want}`)");
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// The name a `type` question asks for, read before it is bound (`f` at
/// "Define f"): nothing ran; the question waits.
pub fn asked_name_unbound(out: &mut dyn Write, style: Style, name: &str) -> io::Result<()> {
    let help = super::grade::asked_name_help(name);
    let text = format!("(`{name}` is not defined yet: {help} — the question is still open.)");
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A number just outside the question's window, or the answer rounded
/// coarser than it asks (see [`super::grade::CLOSE`]): no hint, no try
/// spent.
pub fn close_no_try(out: &mut dyn Write, style: Style, tolerance: f64) -> io::Result<()> {
    let text = format!(
        "(No try spent: the question takes {} either side of the answer. Work with \
         more digits and round at the end.)",
        crate::text::number::for_the_eye(tolerance)
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A word of one option typed at a choice: the answer is its number.
pub fn type_the_options_number(
    out: &mut dyn Write,
    style: Style,
    word: &str,
    option: usize,
) -> io::Result<()> {
    let text = format!(
        "Type the option's number: {word} is option {option}, so type {option} to choose it. \
         The question is still open."
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A graph action (`x.backward()`) typed where a formula is asked: not
/// run, not graded; `wants` says what the question asks for.
pub fn action_at_statement(
    out: &mut dyn Write,
    style: Style,
    line: &str,
    wants: &str,
) -> io::Result<()> {
    let text = format!(
        "(`{line}` is an action, not an answer, so it did not run: {wants}. \
         The question is still open.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// What the learner ran at a prediction reads the answer off the tool
/// (`x.grad*1` where x.grad already holds it): it ran, and is not graded.
/// A call (`n(xs[1])`, what the step will show) gives the answer rather
/// than holding it.
pub fn read_the_answer(out: &mut dyn Write, style: Style, read: &str) -> io::Result<()> {
    let text = match read.ends_with(')') {
        true => format!(
            "(ran that: `{read}` in it already gives the answer, so it is not graded; \
             the question is still open — type the number you predict)"
        ),
        false => format!(
            "(ran that: it reads `{read}`, which already holds the answer, so it is not \
             graded; the question is still open — type the number you predict)"
        ),
    };
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// An answer read a gradient (`read`, `r1.grad`) that the learner's own
/// backward pass filled after the question was asked (see
/// [`super::grade::gradient_filled_since`]): not judged, no try spent.
pub fn filled_by_the_learner(out: &mut dyn Write, style: Style, read: &str) -> io::Result<()> {
    let text = format!(
        "(That reads `{read}`, which your own backward() filled; answers are judged as the \
         question found the session, before it, so type the number you predict. \
         The question is still open.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// Ctrl-C stopped what the learner ran at an open question (the console
/// said where), or a view command (`:check f`) looked: the question waits.
pub fn open_after_ctrl_c(out: &mut dyn Write, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .dim("(the question is still open — type your answer)")
    )?;
    Ok(())
}

/// What Ctrl-C stopped in a lesson's own run step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// A `:step`, which has said after how many steps.
    Step,
    /// Code (a loop, a training run), which has said where.
    Code,
}

/// Ctrl-C stopped the lesson's own code part way, and the lesson did it
/// whole, quietly (or could not: `failed` says why).
pub fn finished_quietly(
    out: &mut dyn Write,
    style: Style,
    what: Stopped,
    failed: Option<&str>,
) -> io::Result<()> {
    let text = match (what, failed) {
        // `:step` said where it stopped, and nothing more.
        (Stopped::Step, None) => "(It is the lesson's own :step, so the lesson has finished it quietly: what comes next finds the gradients it was written for.)".to_string(),
        (Stopped::Code, None) => "(Ctrl-C stopped the lesson's own step part way; the lesson has finished it quietly, so what comes next finds what it was written for.)".to_string(),
        (_, Some(why)) => format!("(Ctrl-C stopped the lesson's own step part way, and the lesson could not finish it: {why}.)"),
    };
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A paste stopped at an input that failed (its error is shown above):
/// the rest of it, the answer among it, did not run.
pub fn paste_stopped(out: &mut dyn Write, style: Style) -> io::Result<()> {
    let text = prose(
        "(The paste stopped at that error, so the rest of it was not run or graded; the question is still open.)",
        style.width,
    );
    writeln!(out, "{}", style.palette.dim(&text))?;
    Ok(())
}

/// The lines of a paste after its answer were not run.
pub fn rest_of_paste_not_run(out: &mut dyn Write, style: Style, lines: usize) -> io::Result<()> {
    let text = format!(
        "(the rest of the paste, {}, was not run)",
        crate::text::count(lines, "line", "lines")
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// Ctrl-C stopped the learner's block while it was being graded: it is
/// not an answer, and the question waits.
pub fn interrupted(
    out: &mut dyn Write,
    style: Style,
    shape: Option<super::block::Shape>,
    stopped_at: Option<&str>,
) -> io::Result<()> {
    let what = match shape {
        Some(super::block::Shape::Def(_)) => "your function",
        _ => "your loop",
    };
    // Where it stopped, as the prompt says it; the grader ran it on a copy
    // of the session, so nothing it did stays.
    let text = match stopped_at {
        Some(at) => format!(
            "(Ctrl-C: {what} was interrupted before it finished, {at}. It was not graded, and what it changed is put back: the question is still open.)"
        ),
        None => format!(
            "(Ctrl-C: {what} was interrupted before it finished, so it was not graded; the question is still open.)"
        ),
    };
    // On a line of its own: the terminal has echoed `^C` where the cursor
    // was, and a first line wrapped to the full width then overflowed by
    // those two columns, leaving a word alone on a line (finding B17).
    writeln!(out)?;
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// Most lines of a learner's own output shown beside a wrong answer: the
/// first ones say what went wrong, and a loop that printed thousands
/// would bury the verdict under them.
const OUTPUT_SHOWN: usize = 30;

/// What the learner's block printed, as it printed it (up to
/// [`OUTPUT_SHOWN`] lines, then how many more there were).
pub fn learners_output(out: &mut dyn Write, printed: &[String]) -> io::Result<()> {
    let lines: Vec<&str> = printed.iter().flat_map(|text| text.lines()).collect();
    for line in lines.iter().take(OUTPUT_SHOWN) {
        writeln!(out, "{line}")?;
    }
    if lines.len() > OUTPUT_SHOWN {
        let more = lines.len() - OUTPUT_SHOWN;
        writeln!(
            out,
            "… ({} more)",
            crate::text::count(more, "line", "lines")
        )?;
    }
    Ok(())
}

/// The hint after `shown` hints were shown (the last one again once all
/// were), and a note when it is the last.
pub fn hint(
    out: &mut dyn Write,
    style: Style,
    question: &Question,
    shown: usize,
) -> io::Result<()> {
    let count = question.hints.len();
    let index = shown.min(count.saturating_sub(1));
    if let Some(hint) = question.hints.get(index) {
        let label = format!("Hint {}/{count}: ", index + 1);
        writeln!(
            out,
            "{}",
            labelled(&label, hint, style.width, |l| style.palette.warning(l))
        )?;
    }
    if shown >= count {
        writeln!(
            out,
            "{}",
            style
                .palette
                .dim("That was the last hint. :skip shows the answer and moves on.")
        )?;
    }
    Ok(())
}

/// `:hint` where there is no question.
pub fn nothing_to_answer(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Nothing to answer here: press Enter (or :next) to go on."
    )?;
    Ok(())
}

/// `:back` at the first step.
pub fn at_first_step(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "This is the first step; there is nothing before it.")?;
    Ok(())
}

/// A skipped question's answer, and the statement that answers it.
pub fn skipped(
    out: &mut dyn Write,
    style: Style,
    question: &Question,
    statement: Option<&str>,
) -> io::Result<()> {
    let answer = question.answer_text();
    let long = "Skipped. The answer: ".len() + answer.chars().count() > style.width;
    if answer.trim().contains('\n') || (long && statement.is_some()) {
        // A block, or a statement too long for the line: shown once, as
        // it would be typed.
        writeln!(out, "Skipped. The answer:")?;
        play::echo(out, style, statement.unwrap_or(&answer))?;
        return Ok(());
    }
    writeln!(out, "Skipped. The answer: {}", style.palette.bold(&answer))?;
    if let Some(statement) = statement {
        play::echo(out, style, statement)?;
    }
    Ok(())
}

/// A right answer.
pub fn right(out: &mut dyn Write, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.palette.good("✓ Right."))?;
    Ok(())
}

/// A right answer in a form that leaves out nodes later steps read
/// (`missing`): it counts, and the lesson binds its own `statement`, shown.
pub fn bound_the_lessons_form(
    out: &mut dyn Write,
    style: Style,
    missing: &[String],
    statement: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.palette.good("✓ Right: that means the same.")
    )?;
    let names = match missing {
        [one] => format!("`{one}`"),
        [rest @ .., last] => format!(
            "{} and `{last}`",
            rest.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => String::new(),
    };
    let target = statement
        .split_once('=')
        .map_or("it", |(name, _)| name.trim());
    let them = if missing.len() == 1 { "it" } else { "them" };
    let why = match missing.is_empty() {
        // Finding A310: `L = d*f*1` has a node the lesson's L has not.
        true => format!(
            "Your form builds `{target}` from a different number of operations, and later \
             steps walk the graph under it, so the lesson binds its own form:"
        ),
        false => format!(
            "Later steps read {names} inside `{target}`, and your form does not use {them}, so the lesson binds its own form:"
        ),
    };
    say(out, style, &why)?;
    play::echo(out, style, statement)?;
    Ok(())
}

/// The hint aimed at the mistake a wrong answer shows.
pub fn aimed_hint(out: &mut dyn Write, style: Style, hint: &str) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        labelled("Hint: ", hint, style.width, |l| style.palette.warning(l))
    )?;
    Ok(())
}

/// `names` as a short list of code: "`a`, `b` and 3 more".
fn name_list(names: &[String]) -> String {
    // Five fit as well as "four and 1 more" does (finding C44 hid w2).
    let take = if names.len() <= 5 { 5 } else { 4 };
    let shown: Vec<String> = names.iter().take(take).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Why the names the learner moved at a question are put back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutBack {
    /// An answer is about to be judged, in the state the question was asked in.
    Judging,
    /// The question is done (`:skip`) and the lesson goes on.
    GoingOn,
}

/// What the learner's statements at an open question changed.
pub struct Changes<'a> {
    /// Names whose values (or nodes) changed.
    pub moved: &'a [String],
    /// Names only whose gradients changed (a backward pass).
    pub grads_only: &'a [String],
    /// Names they made.
    pub made: &'a [String],
}

/// A question was answered after the learner's statements had changed
/// names the lesson relies on: they are back as the question found them,
/// and the names those statements made are gone. Names only a backward
/// pass touched are said to have changed gradients, not to have changed
/// (finding C44: "changed `x1`" read as x1's value).
pub fn back_as_asked(
    out: &mut dyn Write,
    style: Style,
    changes: &Changes,
    why: PutBack,
) -> io::Result<()> {
    let made = changes.made;
    let gone = match made.len() {
        0 => String::new(),
        1 => format!(", and {}, which it made, is gone", name_list(made)),
        _ => format!(", and {}, which it made, are gone", name_list(made)),
    };
    let why = match why {
        PutBack::Judging => "answers are judged as the question found them",
        PutBack::GoingOn => "the lesson goes on from where the question was asked",
    };
    let changed = match (changes.moved, changes.grads_only) {
        (moved, []) => name_list(moved),
        ([], grads) => format!("the gradients of {}", name_list(grads)),
        (moved, grads) => format!(
            "{}, and the gradients of {}",
            name_list(moved),
            name_list(grads)
        ),
    };
    let text = format!(
        "(What you ran while the question was open changed {changed}; {why}, so those are \
         back as they were then{gone}.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A line typed between steps changed names the lesson relies on, so they
/// were put back.
pub fn names_put_back(
    out: &mut dyn Write,
    style: Style,
    names: &[String],
    yours: &[String],
) -> io::Result<()> {
    let list = name_list(names);
    let also = match yours {
        [] => String::new(),
        _ => format!(" (your own {} too)", name_list(yours)),
    };
    let text = format!(
        "(That changed {list}, which the lesson's next steps use, so the session is \
         back as it was before that line{also}; the output above stands. To experiment \
         freely, type :quit — your place in the lesson is kept.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A wrong `def` was kept so it can be tried.
pub fn kept_wrong_def(out: &mut dyn Write, style: Style, name: &str, call: &str) -> io::Result<()> {
    let text = format!(
        "(Your `{name}` is defined as you wrote it, so you can try it: `{call}`. \
         Type the corrected def when you have found it.)"
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// A wrong answer, and why.
pub fn not_quite(out: &mut dyn Write, style: Style, why: &str) -> io::Result<()> {
    // A reason that ends in a question ("does it stop?") gets no full stop.
    let why = if why.ends_with(['?', '.', '!']) {
        why.to_string()
    } else {
        format!("{why}.")
    };
    writeln!(
        out,
        "{}",
        labelled("✗ Not quite: ", &why, style.width, |l| style
            .palette
            .bad(l))
    )?;
    Ok(())
}

/// An answer that could not be read (its error was reported just above).
pub fn try_again(out: &mut dyn Write, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .dim("Try again · :hint for a hint · :skip to move on")
    )?;
    Ok(())
}

/// A question the grader cannot judge.
pub fn broken(out: &mut dyn Write, style: Style, bug: &str) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .bad(&format!("This question is broken ({bug}); skipping it."))
    )?;
    Ok(())
}

/// A lesson's own code failed.
pub fn failure(out: &mut dyn Write, style: Style, failure: &str) -> io::Result<()> {
    writeln!(out, "{}", style.palette.bad(&format!("({failure})")))?;
    Ok(())
}

/// Going back or resuming could not replay the steps before.
pub fn could_not_rebuild(out: &mut dyn Write, style: Style, why: &str) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style
            .palette
            .bad(&format!("This lesson could not rebuild its steps ({why})."))
    )?;
    Ok(())
}

/// After going back: the learner's own names that did not come back,
/// since the lines that made them read or moved what the lesson had only
/// at the step left (finding A306).
pub fn own_names_gone(out: &mut dyn Write, style: Style, names: &[String]) -> io::Result<()> {
    let it = if names.len() == 1 { "it" } else { "them" };
    let text = format!(
        "(Your own {} did not come back: what made {it} needs, or changes, what the \
         lesson had at the step you left.)",
        name_list(names)
    );
    writeln!(out, "{}", style.palette.dim(&prose(&text, style.width)))?;
    Ok(())
}

/// The end of the lesson.
pub fn complete(out: &mut dyn Write, style: Style, number: usize, title: &str) -> io::Result<()> {
    writeln!(
        out,
        "\n{}",
        style
            .palette
            .good(&format!("✓ Lesson {number} complete: {title}."))
    )?;
    Ok(())
}

/// Lesson prose wrapped to the terminal (at most 80 columns) between
/// words; indented lines (code) are kept as the author wrote them.
fn prose(text: &str, width: usize) -> String {
    let wrapped = unprotect(&wrap::paragraph(&protect(&reflowed(text)), width));
    // Indented lines (lists, code) were kept as written: wrap those too
    // wide for the terminal under themselves, or the terminal breaks them
    // mid-word at its edge.
    wrapped
        .lines()
        .map(|line| {
            if line.starts_with(' ') {
                wrap::indented(line, width)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The author's hand-wrapped lines joined back into paragraphs, so they
/// wrap to the terminal's width and not to the author's: a line joins the
/// one before it unless either is blank or starts with a space (code, a
/// list, a picture), or the one before ends a sentence with `:`.
fn reflowed(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let joins = previous.is_some_and(|before| {
            !before.trim().is_empty()
                && !before.starts_with(' ')
                && !before.trim_end().ends_with(':')
                && !line.trim().is_empty()
                && !line.starts_with(' ')
        });
        // A list item's hand-wrapped continuation (indented deeper than
        // the item's mark) joins the item, to be wrapped as one.
        let continues_item = previous.is_some_and(|before| {
            let item = before.trim_start();
            let depth = before.len() - item.len();
            ["· ", "- ", "* "].iter().any(|mark| item.starts_with(mark))
                && before.starts_with(' ')
                && !line.trim().is_empty()
                && line.len() - line.trim_start().len() > depth
                && !["· ", "- ", "* "]
                    .iter()
                    .any(|mark| line.trim_start().starts_with(mark))
        });
        if continues_item {
            joined.push(' ');
            joined.push_str(line.trim_start());
            // The item goes on: its first line is still the one to test.
            continue;
        }
        if joins {
            joined.push(' ');
        } else if previous.is_some() {
            joined.push('\n');
        }
        joined.push_str(if joins { line.trim_start() } else { line });
        previous = Some(line);
    }
    joined
}

/// A space that wrapping never breaks at: inside `code`.
const KEPT_SPACE: char = '\u{a0}';

/// Spaces inside backticks made unbreakable, so code is never split.
fn protect(text: &str) -> String {
    let mut inside = false;
    text.chars()
        .map(|c| match c {
            '`' => {
                inside = !inside;
                c
            }
            ' ' if inside => KEPT_SPACE,
            _ => c,
        })
        .collect()
}

fn unprotect(text: &str) -> String {
    text.replace(KEPT_SPACE, " ")
}

/// `text` after `label` (an option's number, `Hint 1/2: `), wrapped to
/// `width` with its continuation lines hanging under the text; the label
/// painted by `paint`. Code in backticks stays on one line where it fits
/// beside the hang, and breaks between its words where it cannot; a line
/// of code (indented) too wide beside the hang is broken where Python
/// allows, as the lesson's own echo is, so it still copies as written
/// (finding C220: hints' code lines ran to 75 columns at 60).
fn labelled(label: &str, text: &str, width: usize, paint: impl Fn(&str) -> String) -> String {
    let room = width.saturating_sub(crate::text::display_width(label));
    let fitted: Vec<String> = (text.trim_end().lines())
        .map(|line| {
            if !line.starts_with(' ') || crate::text::display_width(line) <= room {
                return line.to_string();
            }
            let parts = crate::text::code_lines::break_code_line(line, room);
            let parts: Vec<String> = parts.into_iter().map(|part| part.text).collect();
            parts.join("\n")
        })
        .collect();
    let wrapped = wrap::hanging(&fitted.join("\n"), label, width);
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
        let wrapped = labelled("  2) ", option, 40, |l| l.to_string());
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
        let wrapped = labelled("Hint 1/2: ", "one two three four", 20, |l| format!("<{l}>"));
        assert_eq!(wrapped, "<Hint 1/2:> one two\n          three four");
    }
}
