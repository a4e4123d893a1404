//! Runs a `train(...)` the evaluator asked for: on a private copy of the
//! network, printing a progress line every few steps, stopping at once on
//! Ctrl-C, then writing the weights reached back into the session's graph
//! (every node computed from them is recomputed, and their old gradients
//! marked stale) and drawing the loss curve and decision boundary. With a
//! held-out set, its loss and accuracy are shown beside the training ones.
//! [`run_quietly`] does the same training without printing, for grading.

use std::io::{self, Write};

use super::Console;
use crate::eval::{Session, TrainRequest};
use crate::render::training::{describe, write_plots, write_progress, write_summary};
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
    let held_out = request.held_out.as_deref();
    let host = console.host.clone();
    let clock = move || crate::host::lock(&host).now();
    let mut trainer = trainer_for(&console.session, request).with_clock(&clock);
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
    keep_weights(&mut console.session, request, &trainer);
    write_summary(out, palette, data, held_out, &summary, request.config.steps)?;
    if request.plot && !summary.losses.is_empty() {
        write_plots(out, palette, &mut trainer, data, held_out, &summary)?;
    }
    Ok(summary.stopped)
}

/// Carries out `request` on `session` as [`run`] does, printing nothing
/// and never stopped: for a scratch copy of a lesson's session, so a
/// prediction about trained weights is judged on trained weights.
pub fn run_quietly(session: &mut Session, request: &TrainRequest) {
    let mut trainer = trainer_for(session, request);
    trainer.run(request.every, &mut |_| {}, &|| false);
    keep_weights(session, request, &trainer);
}

/// A trainer for a copy of the request's network, measuring the held-out
/// set when there is one.
fn trainer_for<'r>(session: &Session, request: &'r TrainRequest) -> Trainer<'r> {
    let trainer = Trainer::new(
        &session.graph,
        &request.model,
        &request.data,
        request.config.clone(),
    );
    match request.held_out.as_deref() {
        Some(held_out) => trainer.with_held_out(held_out),
        None => trainer,
    }
}

/// Writes the weights `trainer` reached into the session's network: every
/// node computed from them is recomputed.
fn keep_weights(session: &mut Session, request: &TrainRequest, trainer: &Trainer) {
    let trained: Vec<_> = request
        .model
        .parameters()
        .into_iter()
        .zip(trainer.parameter_values())
        .collect();
    // Parameters are leaves the session made, so this cannot fail.
    let _ = session.graph.set_data_many(&trained);
    let trained_model = trainer.trained_model(&request.model);
    if trained_model.scaling != request.model.scaling {
        // The network now reads standardised inputs: every name bound to
        // it gets the network that scales them, so `n([...])` keeps working
        // in the data's own units.
        let model = std::sync::Arc::new(trained_model);
        let names: Vec<String> = session
            .bindings()
            .iter()
            .filter(|(_, value)| {
                matches!(value, crate::eval::Value::Model(m) if std::sync::Arc::ptr_eq(m, &request.model))
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in names {
            session.bind(&name, crate::eval::Value::Model(model.clone()));
        }
    }
}
