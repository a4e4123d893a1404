//! The `micrograd` command line: parses arguments and hands off.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use micrograd::console::Console;
use micrograd::render::{ColorChoice, Palette};
use micrograd::repl;

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
    file: Option<PathBuf>,
    /// After running FILE, stay at the prompt with its variables.
    #[arg(short, long, requires = "file")]
    interactive: bool,
    /// When to colour output (NO_COLOR in the environment also turns it off).
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
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let palette = Palette::from_choice(cli.color, stdout_is_terminal);
    match &cli.command {
        Some(Command::Train(args)) => micrograd::train::run_cli(args, palette),
        Some(Command::Bench(args)) => micrograd::bench::run_cli(args, palette),
        None => run_repl_or_script(&cli, palette, stdin_is_terminal),
    }
}

fn run_repl_or_script(cli: &Cli, palette: Palette, stdin_is_terminal: bool) -> ExitCode {
    let mut console = Console::new(palette);
    let mut out = std::io::stdout();
    if let Some(path) = &cli.file {
        let name = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("micrograd: cannot open {name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        console.diagnostics_to_stderr = !cli.interactive;
        let ok = repl::run_script(
            &mut console,
            &mut std::io::BufReader::new(file),
            &name,
            &mut out,
        );
        if !cli.interactive {
            return if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        console.diagnostics_to_stderr = false;
    }
    if stdin_is_terminal {
        repl::run_interactive(&mut console);
        ExitCode::SUCCESS
    } else {
        // Piped input is a script: no banner, no prompt, no colour.
        if cli.color != ColorChoice::Always {
            console.palette = Palette::plain();
        }
        console.diagnostics_to_stderr = true;
        let stdin = std::io::stdin();
        let ok = repl::run_script(&mut console, &mut stdin.lock(), "<stdin>", &mut out);
        if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
