//! The `micrograd` command line: parses arguments and hands off.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use micrograd::render::{ColorChoice, Palette};

/// An interactive teaching REPL for scalar reverse-mode automatic
/// differentiation. With no arguments: the REPL. With FILE: run it as a script.
#[derive(Parser, Debug)]
#[command(
    name = "micrograd",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Run FILE's statements, print what the REPL would, and exit.
    file: Option<std::path::PathBuf>,
    /// After running FILE, stay at the prompt with its variables.
    #[arg(short, long, requires = "file")]
    interactive: bool,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Train an MLP on a built-in or CSV data set.
    Train(micrograd::train::TrainArgs),
    /// Time the engine's named workloads.
    Bench(micrograd::bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let palette = Palette::from_choice(cli.color, std::io::stdout().is_terminal());
    match &cli.command {
        Some(Command::Train(args)) => micrograd::train::run_cli(args, palette),
        Some(Command::Bench(args)) => micrograd::bench::run_cli(args, palette),
        None => {
            eprintln!("the REPL is not built yet");
            ExitCode::FAILURE
        }
    }
}
