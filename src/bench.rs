//! Named, timed engine workloads for `micrograd bench` (stub).

/// Arguments of `micrograd bench`.
#[derive(Clone, Debug, clap::Args)]
pub struct BenchArgs {}

/// Runs `micrograd bench`.
pub fn run_cli(_args: &BenchArgs, _palette: crate::render::Palette) -> std::process::ExitCode {
    eprintln!("micrograd bench: not built yet");
    std::process::ExitCode::FAILURE
}
