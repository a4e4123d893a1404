//! Where a running statement's events go. The evaluator hands each event
//! to a [`Sink`] the moment it happens (an echo, a `print`, a `show`, a
//! warning) and asks the sink to carry out `train(...)` and whether Ctrl-C
//! was pressed; so the console prints while a loop runs, and a lesson's
//! check or a test runs the same statements with a sink that keeps quiet.

use super::{Event, Session, TrainRequest, Value};
use crate::train::Trainer;

/// Receives what statements do, while they run.
pub trait Sink {
    /// Something happened that may be shown (now: the statement is still
    /// running). `session` is the session as it is at this moment.
    fn emit(&mut self, session: &Session, event: Event);

    /// Carries out `train(...)` on `session`: by default quietly, to the
    /// end. Returns true when Ctrl-C stopped it.
    fn train(&mut self, session: &mut Session, request: &TrainRequest) -> bool {
        train_quietly(session, request);
        false
    }

    /// True if `path` names a file that is already there, so `train(...,
    /// plot="FILE.svg")` can refuse before it trains. A sink that writes no
    /// files (a quiet one) sees none.
    fn file_exists(&mut self, _path: &str) -> bool {
        false
    }

    /// True once Ctrl-C was pressed: loops and calls stop at the next step.
    fn interrupted(&self) -> bool {
        false
    }
}

/// Collects the events (tests, scratch evaluation); trains quietly.
impl Sink for Vec<Event> {
    fn emit(&mut self, _session: &Session, event: Event) {
        self.push(event);
    }
}

/// Carries out `request` on `session`, printing nothing and never stopped:
/// for a scratch copy of a lesson's session, so a prediction about trained
/// weights is judged on trained weights.
pub fn train_quietly(session: &mut Session, request: &TrainRequest) {
    let mut trainer = trainer_for(session, request);
    trainer.run(request.every, &mut |_| {}, &|| false);
    keep_weights(session, request, &trainer);
}

/// A trainer for a copy of the request's network, measuring the held-out
/// and test sets when there are some.
pub fn trainer_for<'r>(session: &Session, request: &'r TrainRequest) -> Trainer<'r> {
    let mut trainer = Trainer::new(
        &session.graph,
        &request.model,
        &request.data,
        request.config.clone(),
    );
    if let Some(held_out) = request.held_out.as_deref() {
        trainer = trainer.with_held_out(held_out);
    }
    if let Some(test) = request.test.as_deref() {
        trainer = trainer.with_test(test);
    }
    trainer
}

/// Writes the weights `trainer` reached into the session's network: every
/// node computed from them is recomputed.
pub fn keep_weights(session: &mut Session, request: &TrainRequest, trainer: &Trainer) {
    session.flush_pending();
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
                matches!(value, Value::Model(m) if std::sync::Arc::ptr_eq(m, &request.model))
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in names {
            session.bind(&name, Value::Model(model.clone()));
        }
    }
}
