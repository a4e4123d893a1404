//! Runs a `train(...)` the evaluator asked for: on a private copy of the
//! network, printing a progress line every few steps, stopping at once on
//! Ctrl-C, then writing the weights reached back into the session's graph
//! (every node computed from them is recomputed, and their old gradients
//! marked stale) and drawing the loss curve and decision boundary. With a
//! held-out set, its loss and accuracy are shown beside the training ones.
//! (`eval::train_quietly` does the same training without printing.)

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::eval::sink::{keep_weights, trainer_for};
use crate::eval::{Session, TrainRequest};
use crate::host::SharedHost;
use crate::render::training::{describe, write_plots, write_progress, write_summary};
use crate::text::Palette;

/// Returns whether Ctrl-C stopped the training.
pub(super) fn run(
    session: &mut Session,
    palette: Palette,
    interrupt: &AtomicBool,
    host: &SharedHost,
    request: &TrainRequest,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let data = &request.data;
    let model = &request.model;
    let held_out = request.held_out.as_deref();
    let host = host.clone();
    let clock = move || crate::host::lock(&host).now();
    let mut trainer = trainer_for(session, request).with_clock(&clock);
    writeln!(out, "{}", describe(data, held_out, model, &request.config))?;
    let summary = trainer.run(
        request.every,
        &mut |progress| {
            let _ = write_progress(out, palette, progress);
            let _ = out.flush();
        },
        &|| interrupt.load(Ordering::SeqCst),
    );
    if summary.stopped {
        // The summary says training was stopped; the prompt need not again.
        interrupt.store(false, Ordering::SeqCst);
    }
    keep_weights(session, request, &trainer);
    write_summary(out, palette, data, held_out, &summary, request.config.steps)?;
    if request.plot && !summary.losses.is_empty() {
        write_plots(out, palette, &mut trainer, data, held_out, &summary)?;
    }
    Ok(summary.stopped)
}
