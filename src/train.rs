//! Training an MLP on a data set: the loop shared by `micrograd train` and
//! the REPL's `train(...)` (stub).

/// Arguments of `micrograd train`.
#[derive(Clone, Debug, clap::Args)]
pub struct TrainArgs {}

/// Runs `micrograd train`.
pub fn run_cli(_args: &TrainArgs, _palette: crate::render::Palette) -> std::process::ExitCode {
    eprintln!("micrograd train: not built yet");
    std::process::ExitCode::FAILURE
}
