//! The `micrograd` command line: parses arguments and hands off.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use micrograd::cli::{exit_after_write_error, palette_for, ColorChoice};
use micrograd::console::{Console, RunAll, WriteError};
use micrograd::host::files::{read_file, SCRIPT_LIMIT};
use micrograd::lesson::{self, Tutor};
use micrograd::repl;
use micrograd::text::{ascii, Palette};

/// An interactive teaching REPL for scalar reverse-mode automatic
/// differentiation. With no arguments: the REPL. With FILE: run it as a script.
#[derive(Parser, Debug)]
#[command(name = "micrograd", version, about, max_term_width = 80)]
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
    Train(Box<micrograd::cli::train::TrainArgs>),
    /// Time the engine's named workloads.
    Bench(micrograd::cli::bench::BenchArgs),
    /// Start or resume a lesson, by number or name (default: the first one
    /// not finished).
    Lesson {
        /// The lesson's number (1, 2, ...) or name (derivative, reuse, ...).
        which: Option<String>,
    },
    /// List the lessons with your progress.
    Lessons {
        #[command(subcommand)]
        action: Option<LessonsAction>,
    },
    /// Run as a Jupyter kernel (Jupyter starts it with --connection-file),
    /// or install the kernelspec so Jupyter finds it.
    #[cfg(feature = "kernel")]
    Kernel {
        /// The connection file Jupyter wrote for this kernel.
        #[arg(long, value_name = "FILE")]
        connection_file: Option<PathBuf>,
        #[command(subcommand)]
        action: Option<KernelAction>,
    },
}

#[cfg(feature = "kernel")]
#[derive(Subcommand, Debug)]
enum KernelAction {
    /// Write the kernelspec (kernel.json and a logo) where Jupyter looks,
    /// so `jupyter notebook`, `jupyter lab` and `jupyter console --kernel
    /// micrograd` find this binary.
    Install {
        /// Into your own Jupyter data folder (the default).
        #[arg(long, conflicts_with = "prefix")]
        user: bool,
        /// Into PREFIX/share/jupyter (a virtual environment, say).
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum LessonsAction {
    /// Replay every lesson (or the given files) with its own answers; fail
    /// with FILE:LINE on any broken step.
    Check {
        /// Lesson files to check instead of the installed lessons.
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (Some(file), Some(_)) = (&cli.file, &cli.command) {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "a script FILE ({}) cannot be combined with a subcommand",
                    file.display()
                ),
            )
            .exit();
    }
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let palette = palette_for(cli.color, stdout_is_terminal);
    if !matches!(cli.command, Some(Command::Kernel { .. })) {
        // Jupyter shows UTF-8 whatever the locale; a terminal may not.
        let var = |name: &str| std::env::var(name).ok();
        let utf8 = ascii::locale_is_utf8(
            var("LC_ALL").as_deref(),
            var("LC_CTYPE").as_deref(),
            var("LANG").as_deref(),
        );
        ascii::set_ascii_only(!utf8);
    }
    let data_dir = repl::data_dir();
    match &cli.command {
        Some(Command::Train(args)) => micrograd::cli::train::run_cli(args, palette),
        Some(Command::Bench(args)) => micrograd::cli::bench::run_cli(args, palette),
        Some(Command::Lessons { action: None }) => {
            let listed = lesson::cli::list(
                micrograd::text::Style::new(palette, repl::terminal_width()),
                data_dir.as_deref(),
                &mut ascii::Ascii::new(std::io::stdout()),
                &mut ascii::Ascii::new(std::io::stderr()),
            );
            micrograd::cli::exit_code(true, listed)
        }
        Some(Command::Lessons {
            action: Some(LessonsAction::Check { files }),
        }) => {
            let checked = lesson::cli::check(
                files,
                data_dir.as_deref(),
                palette,
                &mut ascii::Ascii::new(std::io::stdout()),
                &mut ascii::Ascii::new(std::io::stderr()),
            );
            match checked {
                Ok(ok) => exit_code(ok),
                Err(error) => exit_after_write_error(&error.into()),
            }
        }
        #[cfg(feature = "kernel")]
        Some(Command::Kernel {
            connection_file,
            action,
        }) => run_kernel(connection_file.as_deref(), action.as_ref()),
        Some(Command::Lesson { which }) => {
            let which = which.as_deref().unwrap_or("");
            run_repl_or_script(&cli, palette, stdin_is_terminal, Some(which), data_dir)
        }
        None => run_repl_or_script(&cli, palette, stdin_is_terminal, None, data_dir),
    }
}

/// `micrograd kernel`: serve Jupyter, or install the kernelspec.
#[cfg(feature = "kernel")]
fn run_kernel(
    connection_file: Option<&std::path::Path>,
    action: Option<&KernelAction>,
) -> ExitCode {
    use micrograd::kernel::{self, install};
    if let Some(KernelAction::Install { prefix, .. }) = action {
        let location = match prefix {
            Some(prefix) => install::Location::Prefix(prefix.clone()),
            None => install::Location::User,
        };
        let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("micrograd"));
        return match install::install(&location, &program) {
            Ok(dir) => {
                println!("Installed the micrograd kernel in {}", dir.display());
                println!("Start it with: jupyter console --kernel micrograd (or pick \"micrograd\" in jupyter lab)");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("micrograd: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(file) = connection_file else {
        eprintln!("micrograd: `micrograd kernel` is started by Jupyter with --connection-file FILE; to make Jupyter find it, run `micrograd kernel install`");
        return ExitCode::FAILURE;
    };
    match kernel::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("micrograd kernel: {e}");
            ExitCode::FAILURE
        }
    }
}

fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The REPL (or a script), optionally starting in lesson `lesson`. A
/// write to stdout that fails ends it: quietly and successfully when the
/// reader of a pipe went away (`micrograd FILE | head -1`), else with one
/// message (see [`exit_after_write_error`]).
fn run_repl_or_script(
    cli: &Cli,
    palette: Palette,
    stdin_is_terminal: bool,
    lesson: Option<&str>,
    data_dir: Option<PathBuf>,
) -> ExitCode {
    match run_session(cli, palette, stdin_is_terminal, lesson, data_dir) {
        Ok(code) => code,
        Err(error) => exit_after_write_error(&error),
    }
}

fn run_session(
    cli: &Cli,
    palette: Palette,
    stdin_is_terminal: bool,
    lesson: Option<&str>,
    data_dir: Option<PathBuf>,
) -> Result<ExitCode, WriteError> {
    let host = repl::terminal_host(palette);
    let interrupt = host.interrupt_flag();
    let mut console = Console::with_host(palette, micrograd::host::shared(host));
    console.interrupt = interrupt;
    let mut tutor = Tutor::new(stdin_is_terminal, data_dir);
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let mut out = micrograd::text::ascii::Ascii::new(repl::ScriptOutput::new(stdout_is_terminal));
    console.diagnostics_to_stderr = (cli.file.is_some() && !cli.interactive) || !stdin_is_terminal;
    tutor.say_notice(&console, &mut out)?;
    if let Some(path) = &cli.file {
        let name = path.display().to_string();
        let script = match read_file(path, SCRIPT_LIMIT, &|| false) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("micrograd: cannot open {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        console.diagnostics_to_stderr = !cli.interactive;
        let ok = repl::run_script(
            &mut console,
            &mut tutor,
            &mut script.as_slice(),
            &name,
            &mut out,
        )?;
        if !cli.interactive {
            out.flush()?;
            return Ok(exit_code(ok));
        }
        console.diagnostics_to_stderr = false;
    }
    if !stdin_is_terminal {
        // Piped input is a script: no banner, no prompt, no colour.
        if cli.color != ColorChoice::Always {
            console.palette = Palette::plain();
        }
        console.diagnostics_to_stderr = true;
    }
    if let Some(which) = lesson {
        if !tutor.start(&mut console, which, &mut out, &mut RunAll)? {
            out.flush()?;
            return Ok(ExitCode::FAILURE);
        }
    }
    if stdin_is_terminal {
        // The prompt writes to stdout itself, after what is held here.
        out.flush()?;
        repl::run_interactive(&mut console, &mut tutor)?;
        Ok(ExitCode::SUCCESS)
    } else {
        let stdin = std::io::stdin();
        let ok = repl::run_script(
            &mut console,
            &mut tutor,
            &mut stdin.lock(),
            "<stdin>",
            &mut out,
        )?;
        out.flush()?;
        Ok(exit_code(ok))
    }
}
