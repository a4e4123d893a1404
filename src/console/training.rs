//! Runs a `train(...)` the evaluator asked for: on a private copy of the
//! network, printing a progress line every few steps, stopping at once on
//! Ctrl-C, then writing the weights reached back into the session's graph
//! (every node computed from them is recomputed, and their old gradients
//! marked stale) and drawing the loss curve and decision boundary.

use std::io::{self, Write};

use super::Console;
use crate::eval::TrainRequest;
use crate::train::cli::{describe, write_plots, write_progress, write_summary};
use crate::train::Trainer;

/// Returns whether Ctrl-C stopped the training.
pub(super) fn run(
    console: &mut Console,
    request: &TrainRequest,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let palette = console.palette;
    let interrupt = console.interrupt.clone();
    let data = &request.data;
    let model = &request.model;
    let mut trainer = Trainer::new(&console.session.graph, model, data, request.config.clone());
    writeln!(out, "{}", describe(data, model, &request.config))?;
    let summary = trainer.run(
        request.every,
        &mut |progress| {
            let _ = write_progress(out, palette, progress);
            let _ = out.flush();
        },
        &|| interrupt.load(std::sync::atomic::Ordering::SeqCst),
    );
    if summary.stopped {
        // The summary says training was stopped; the prompt need not again.
        interrupt.store(false, std::sync::atomic::Ordering::SeqCst);
    }
    let trained: Vec<_> = model
        .parameters()
        .into_iter()
        .zip(trainer.parameter_values())
        .collect();
    // Parameters are leaves the session made, so this cannot fail.
    let _ = console.session.graph.set_data_many(&trained);
    write_summary(out, palette, data, &summary)?;
    if request.plot && !summary.losses.is_empty() {
        write_plots(out, palette, &mut trainer, data, &summary.losses)?;
    }
    Ok(summary.stopped)
}
