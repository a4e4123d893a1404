//! The view commands (`show`, `:vars`, `:step`, `:check`, `:paths`)
//! wired to their renderers in `crate::render` (`:dot` is in `pictures`). The renderers only write
//! text; what needs the console — pausing `:step` between nodes, Ctrl-C,
//! turning a failed file write into an error that points at the name —
//! happens here.

use std::io::Write;
use std::sync::atomic::Ordering;

use super::{Console, Failure, PassLeft, StepControl, StepDecision};
use crate::engine::NodeId;
use crate::render::step::Stepper;
use crate::render::{check, paths, tree, vars};
use crate::text::{self, wrap};

/// Steps still printed after `q` at the prompt; the rest run silently so
/// a huge graph cannot flood the terminal.
const MAX_STEPS_AFTER_FINISH: usize = 200;

/// `show L`
pub(super) fn show(
    console: &mut Console,
    root: NodeId,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    tree::write(out, console.style(), &console.session.graph, root)?;
    Ok(())
}

/// `:vars`
pub(super) fn vars(console: &mut Console, out: &mut dyn Write) -> Result<(), Failure> {
    vars::write(out, console.style(), &console.session)?;
    Ok(())
}

/// `:step L`: one node per step, paced by `control` (Enter / q / Ctrl-C at
/// the prompt, no pauses in a script).
pub(super) fn step(
    console: &mut Console,
    root: NodeId,
    out: &mut dyn Write,
    control: &mut dyn StepControl,
) -> Result<(), Failure> {
    let style = console.style();
    let palette = style.palette;
    let interrupt = console.interrupt.clone();
    let mut stepper = Stepper::new(&mut console.session.graph, root);
    stepper.write_intro(out, style)?;
    let name = stepper.root_name();
    let mut pausing = true;
    let mut printed_after_finish = 0;
    while !stepper.is_finished() {
        // Taken, not just read: the stop message below reports it.
        if interrupt.swap(false, Ordering::SeqCst) {
            return stopped(stepper, &name, out, style, control, Why::CtrlC);
        }
        if !pausing {
            printed_after_finish += 1;
            if printed_after_finish > MAX_STEPS_AFTER_FINISH {
                let rest = stepper.total() - stepper.done();
                stepper.finish_quietly();
                writeln!(
                    out,
                    "{}",
                    palette.dim(&format!(
                        "… {} done without printing",
                        text::count(rest, "more step", "more steps")
                    ))
                )?;
                break;
            }
        }
        stepper.step(Some(out), style)?;
        if pausing && !stepper.is_finished() {
            match control.after_step() {
                StepDecision::Continue => {}
                StepDecision::FinishAll => pausing = false,
                StepDecision::Stop => {
                    return stopped(stepper, &name, out, style, control, Why::CtrlC)
                }
                StepDecision::Leave => {
                    return stopped(stepper, &name, out, style, control, Why::Typed)
                }
            }
        }
    }
    let total = stepper.total();
    stepper.finish();
    if total > 0 {
        let done = format!(
            "Done: {}. Every gradient under {name} is now what {name}.backward() gives from zero.",
            text::count(total, "step", "steps")
        );
        for line in wrap::paragraph(&done, style.width).lines() {
            writeln!(out, "{}", palette.good(line))?;
        }
    }
    Ok(())
}

/// What stopped a `:step` part way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    CtrlC,
    /// A line typed at the pause, which runs next.
    Typed,
}

fn stopped(
    stepper: Stepper,
    name: &str,
    out: &mut dyn Write,
    style: crate::text::Style,
    control: &mut dyn StepControl,
    why: Why,
) -> Result<(), Failure> {
    let (done, total) = (stepper.done(), stepper.total());
    let after = match why {
        Why::CtrlC => format!("Stopped after {done} of {total} steps"),
        Why::Typed => format!("Stopped after {done} of {total} steps to run what you typed"),
    };
    let left_partial = stepper.stop();
    let stopped = match control.stopped_part_way() {
        // The rest is done for the learner: advice to run it would
        // contradict what they are told next.
        PassLeft::Finished => format!("{after}."),
        // The full gradients are the answer the question waits for.
        PassLeft::AtQuestion => format!("{after}: {}.", as_far(left_partial)),
        PassLeft::ToRunAgain => format!(
            "{after}: {}. Run :zero then {name}.backward() (or :step {name} again) \
             for the full ones.",
            as_far(left_partial)
        ),
    };
    for line in wrap::paragraph(&stopped, style.width).lines() {
        writeln!(out, "{}", style.palette.warning(line))?;
    }
    Ok(())
}

/// Where a stopped pass left the gradients.
fn as_far(left_partial: usize) -> String {
    let partial = match left_partial {
        0 => String::new(),
        1 => "1 gradient still missing contributions is marked (partial); ".into(),
        n => format!(
            "{} gradients still missing contributions are marked (partial); ",
            text::thousands(n)
        ),
    };
    format!(
        "the gradients are as far as the steps got; {partial}nodes not reached yet still hold 0"
    )
}

/// `:check L [h]`: on a copy, so the user's gradients stay as they are.
pub(super) fn check(
    console: &mut Console,
    root: NodeId,
    h: f64,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let session = &console.session;
    let table = check::CheckTable::fresh(&session.graph, root, h);
    let in_use = |name: &str| session.lookup(name).is_some();
    table.write_among(out, console.style(), &session.graph, &in_use)?;
    Ok(())
}

/// `:paths L a`
pub(super) fn paths(
    console: &mut Console,
    root: NodeId,
    leaf: NodeId,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    paths::write(out, console.style(), &console.session.graph, root, leaf)?;
    Ok(())
}
