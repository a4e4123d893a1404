//! Runs a `train(...)` the evaluator asked for: on a private copy of the
//! network, printing a progress line every few steps, stopping at once on
//! Ctrl-C, then writing the weights reached back into the session's graph
//! (every node computed from them is recomputed, and their old gradients
//! marked stale) and drawing the loss curve and decision boundary. With a
//! held-out set, its loss and accuracy are shown beside the training ones.

use std::io::{self, Write};

use super::Console;
use crate::eval::TrainRequest;
use crate::train::report::{describe, write_plots, write_progress, write_summary};
use crate::train::Trainer;

pub(super) fn run(
    console: &mut Console,
    request: &TrainRequest,
    out: &mut dyn Write,
) -> io::Result<()> {
    let palette = console.palette;
    let interrupt = console.interrupt.clone();
    let data = &request.data;
    let model = &request.model;
    let held_out = request.held_out.as_deref();
    let mut trainer = Trainer::new(&console.session.graph, model, data, request.config.clone());
    if let Some(held_out) = held_out {
        trainer = trainer.with_held_out(held_out);
    }
    writeln!(out, "{}", describe(data, held_out, model, &request.config))?;
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
    write_summary(out, palette, data, held_out, &summary, request.config.steps)?;
    if request.plot && !summary.losses.is_empty() {
        write_plots(out, palette, &mut trainer, data, held_out, &summary)?;
    }
    Ok(())
}
