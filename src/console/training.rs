//! Runs a `train(...)` the evaluator asked for: on a private copy of the
//! network, printing a progress line every few steps, stopping at once on
//! Ctrl-C, then writing the weights reached back into the session's graph
//! (every node computed from them is recomputed, and their old gradients
//! marked stale) and drawing the loss curve and decision boundary. With a
//! held-out set, its loss and accuracy are shown beside the training ones;
//! a test set is scored once, at the end.
//! (`eval::train_quietly` does the same training without printing.)

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::eval::sink::{keep_weights, trainer_for};
use crate::eval::{Session, TrainRequest};
use crate::host::SharedHost;
use crate::render::curve_svg;
use crate::render::training::{
    boundary_picture, describe, plots_picture, write_plots, write_progress, write_summary, Sets,
};
use crate::text::{wrap, Style};

/// Returns whether Ctrl-C stopped the training.
pub(super) fn run(
    session: &mut Session,
    style: Style,
    interrupt: &AtomicBool,
    host: &SharedHost,
    request: &TrainRequest,
    out: &mut dyn Write,
    pictures: &mut Option<Vec<(String, String)>>,
) -> io::Result<bool> {
    let data = &request.data;
    let model = &request.model;
    let sets = Sets {
        training: data,
        held_out: request.held_out.as_deref(),
        test: request.test.as_deref(),
    };
    let host_for_files = host;
    let host = host.clone();
    let clock = move || crate::host::lock(&host).now();
    let mut trainer = trainer_for(session, request).with_clock(&clock);
    let heading = describe(sets, model, &request.config, style.width);
    writeln!(out, "{}", wrap::fit_lines(&heading, style.width))?;
    // The first failed write stops the training as Ctrl-C would, and is
    // returned once the weights reached are kept.
    let failed: std::cell::RefCell<Option<io::Error>> = std::cell::RefCell::new(None);
    let summary = trainer.run(
        request.every,
        &mut |progress| {
            if failed.borrow().is_some() {
                return;
            }
            let written = write_progress(
                out,
                style,
                data.task(),
                request.config.penalty_name(),
                progress,
            )
            .and_then(|()| out.flush());
            if let Err(error) = written {
                *failed.borrow_mut() = Some(error);
            }
        },
        &|| failed.borrow().is_some() || interrupt.load(Ordering::SeqCst),
    );
    if summary.stopped {
        // The summary says training was stopped; the prompt need not again.
        interrupt.store(false, Ordering::SeqCst);
    }
    keep_weights(session, request, &trainer);
    if let Some(error) = failed.into_inner() {
        return Err(error);
    }
    write_summary(out, style, sets, &summary, &request.config)?;
    if let Some(pictures) = pictures.as_mut().filter(|_| request.plot) {
        if let Some(svg) = curve_svg::loss_curve(&summary.data_losses, &summary.held_out_losses) {
            pictures.push((svg, "<the loss curve>".to_string()));
        }
        if let Some(svg) = boundary_picture(&mut trainer, sets) {
            pictures.push((svg, "<the decision boundary>".to_string()));
        }
    }
    if summary.losses.is_empty() {
        return Ok(summary.stopped);
    }
    if let Some(file) = &request.plot_file {
        let Some(svg) = plots_picture(&mut trainer, sets, &summary) else {
            return Ok(summary.stopped);
        };
        // An existing file was refused before training unless replacing
        // was asked for (`plot="FILE.svg!"`), as `:save!` and `:dot!` do.
        let written = crate::host::lock(host_for_files).write_file(
            file,
            svg.as_bytes(),
            request.replace_plot_file,
        );
        let note = match written {
            Ok(()) => style.palette.dim(&wrap::paragraph(
                &format!(
                    "Drew {file} (the loss curve{}): open it in a browser.",
                    if data.dimensions() == 2 {
                        " and decision boundary"
                    } else {
                        ""
                    }
                ),
                style.width,
            )),
            Err(e) => wrap::paragraph(
                &format!("{}: could not write {e}", style.palette.warning("warning")),
                style.width,
            ),
        };
        writeln!(out, "{note}")?;
    } else if request.plot {
        write_plots(out, style, &mut trainer, sets, &summary)?;
    }
    Ok(summary.stopped)
}

#[cfg(test)]
mod tests {
    use crate::console::{Console, Outcome, RunAll};
    use crate::host::{self, MemoryHost};
    use crate::render::diagnostic::Origin;
    use crate::text::Palette;

    #[test]
    fn plot_with_an_svg_file_name_draws_the_curve_and_boundary_in_that_file() {
        let memory = std::sync::Arc::new(std::sync::Mutex::new(MemoryHost::default()));
        let shared: host::SharedHost = memory.clone();
        let mut console = Console::with_host(Palette::plain(), shared);
        let mut out = Vec::new();
        let origin = Origin::Prompt { prompt_width: 4 };
        let outcome = console.execute(
            "n = MLP(2, [4, 1], seed=1); d = moons(40, seed=1); train(n, d, steps=20, test=0.25, plot=\"t.svg\")",
            origin,
            &mut out,
            &mut RunAll,
        );
        assert_eq!(outcome, Outcome::Ok);
        let text = String::from_utf8_lossy(&out).into_owned();
        assert!(
            text.contains("Drew t.svg (the loss curve and decision boundary)"),
            "{text}"
        );
        assert!(!text.contains("region: "), "no text plot as well: {text}");
        let svg = String::from_utf8_lossy(&memory.lock().unwrap().files["t.svg"]).into_owned();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<polyline").count(), 1, "the loss curve");
        assert!(svg.contains("decision boundary") && svg.matches("<polygon").count() == 10);
        // A name that is not an SVG file is refused before training.
        let mut out = Vec::new();
        console.execute(
            "train(n, d, steps=5, plot=\"t.png\")",
            origin,
            &mut out,
            &mut RunAll,
        );
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("plot=\"t.png\" is not an SVG file name"),
            "{text}"
        );
        assert!(!text.contains("step "), "{text}");
    }

    #[test]
    fn plot_refuses_an_existing_file_before_training_unless_the_name_ends_in_a_bang() {
        let memory = std::sync::Arc::new(std::sync::Mutex::new(MemoryHost::default()));
        let shared: host::SharedHost = memory.clone();
        let mut console = Console::with_host(Palette::plain(), shared);
        let origin = Origin::Prompt { prompt_width: 4 };
        let mut run = |line: &str| {
            let mut out = Vec::new();
            let outcome = console.execute(line, origin, &mut out, &mut RunAll);
            (outcome, String::from_utf8_lossy(&out).into_owned())
        };
        run("n = MLP(2, [4, 1], seed=1); d = moons(20, seed=1)");
        memory
            .lock()
            .unwrap()
            .files
            .insert("old.svg".into(), b"mine".to_vec());
        let (outcome, text) = run("train(n, d, steps=5, plot=\"old.svg\")");
        assert_eq!(outcome, Outcome::Failed, "{text}");
        assert!(
            text.contains("old.svg already exists, so nothing was trained"),
            "{text}"
        );
        assert!(text.contains("plot=\"old.svg!\""), "says how: {text}");
        assert!(!text.contains("step "), "nothing trained: {text}");
        assert_eq!(memory.lock().unwrap().files["old.svg"], b"mine");
        let (outcome, text) = run("train(n, d, steps=5, plot=\"old.svg!\")");
        assert_eq!(outcome, Outcome::Ok, "{text}");
        assert!(text.contains("Drew old.svg"), "{text}");
        let svg = memory.lock().unwrap().files["old.svg"].clone();
        assert!(svg.starts_with(b"<svg"), "replaced");
    }

    #[test]
    fn the_first_progress_line_comes_within_a_second_whatever_every_is() {
        // The memory host's clock moves 1 ms a reading: a second passes
        // long before step 3000.
        let host = host::shared(MemoryHost::default());
        let mut console = Console::with_host(Palette::plain(), host);
        let mut out = Vec::new();
        let outcome = console.execute(
            "n = MLP(2, [4, 1], seed=1); d = moons(20, seed=1); train(n, d, steps=3000, every=3000, plot=0)",
            Origin::Prompt { prompt_width: 4 },
            &mut out,
            &mut RunAll,
        );
        assert_eq!(outcome, Outcome::Ok);
        let text = String::from_utf8_lossy(&out);
        let steps: Vec<usize> = text
            .lines()
            .filter_map(|line| {
                line.strip_prefix("step ")?
                    .split('/')
                    .next()?
                    .trim()
                    .parse()
                    .ok()
            })
            .collect();
        assert_eq!(steps.len(), 2, "{text}");
        assert!(steps[0] < 3000 && steps[1] == 3000, "{text}");
    }
}
