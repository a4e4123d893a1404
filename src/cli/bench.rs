//! `micrograd bench`'s arguments and the command that runs the workloads of
//! [`crate::bench`] and prints their table (or JSON lines).

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::PossibleValuesParser;

use crate::bench::{
    check_size, default_size, demo_setup, run_workload, straight_line_script, write_table,
    Measurement,
};
use crate::console::Console;
use crate::lesson::Tutor;
use crate::repl::run_script;
use crate::text::{ascii::Ascii, Palette};

/// Arguments of `micrograd bench`.
#[derive(Clone, Debug, clap::Args)]
pub struct BenchArgs {
    /// The workload: chain, wide, demo, loop, lecture or script (default:
    /// all).
    #[arg(value_parser = PossibleValuesParser::new(["chain", "wide", "demo", "loop", "lecture", "script"]))]
    pub workload: Option<String>,
    /// Its size: nodes for chain, leaves for wide, statements for script,
    /// steps for the others.
    pub size: Option<u64>,
    /// Runs of each workload; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub runs: u32,
    /// One JSON object per workload, one per line.
    #[arg(long)]
    pub json: bool,
    /// Write the demo's samples, initial weights and schedule to FILE
    /// instead of timing anything (what benches/peers.py gives the other
    /// implementations).
    #[arg(long, value_name = "FILE")]
    pub write_setup: Option<std::path::PathBuf>,
}

/// Runs `micrograd bench`.
pub fn run_cli(args: &BenchArgs, palette: Palette) -> ExitCode {
    if let Some(path) = &args.write_setup {
        return write_setup(path, palette);
    }
    let workloads: Vec<(&str, u64)> = match (args.workload.as_deref(), args.size) {
        (None, _) => vec![
            ("chain", 1_000_000),
            ("wide", 1_000_000),
            ("demo", 100),
            ("loop", 1_000),
            ("lecture", 20),
            ("script", 200_000),
        ],
        (Some(name), size) => vec![(name, size.unwrap_or(default_size(name)))],
    };
    let mut results = Vec::new();
    for (name, size) in workloads {
        if let Err(message) = check_size(name, size, args.runs) {
            eprintln!("{}: {message}", palette.error("error"));
            return ExitCode::FAILURE;
        }
        let best = (0..args.runs)
            .map(|_| match name {
                "script" => piped_script(size),
                _ => run_workload(name, size),
            })
            .min_by(|a, b| a.total_s.total_cmp(&b.total_s))
            .expect("at least one run");
        results.push(best);
    }
    let mut out = std::io::stdout();
    let written = if args.json {
        results.iter().try_for_each(|m| {
            writeln!(
                out,
                "{}",
                serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
            )
        })
    } else {
        write_table(&mut out, palette, &results)
    };
    super::exit_code(true, written)
}

/// `micrograd bench --write-setup FILE`.
fn write_setup(path: &std::path::Path, palette: Palette) -> ExitCode {
    match std::fs::write(path, demo_setup()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}: cannot write {}: {e}",
                palette.error("error"),
                path.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// The `script` workload: [`straight_line_script`] run the way a script
/// piped into `micrograd` is (a console and tutor as `main` makes them,
/// [`run_script`] reading it line by line, every statement echoed), with
/// the echoes written to nowhere instead of stdout. Timed from the console's
/// creation to the end of the last statement.
fn piped_script(statements: u64) -> Measurement {
    let source = straight_line_script(statements as usize);
    let started = Instant::now();
    let mut console = Console::new(Palette::plain());
    console.diagnostics_to_stderr = true;
    let mut tutor = Tutor::new(false, None);
    let mut out = Ascii::new(std::io::sink());
    let ran = run_script(
        &mut console,
        &mut tutor,
        &mut source.as_bytes(),
        "<bench>",
        &mut out,
    );
    let total = started.elapsed().as_secs_f64();
    debug_assert_eq!(ran, Ok(true), "the script workload runs");
    let nodes = console.session.graph.len().max(1) as u64;
    Measurement {
        workload: "script".into(),
        nodes,
        build_s: 0.0,
        backward_s: 0.0,
        total_s: total,
        ns_per_node: total * 1e9 / nodes as f64,
        bytes_per_node: console.session.graph.heap_bytes() as f64 / nodes as f64,
        accuracy: None,
        steps: Some(statements),
        statements_per_s: Some(statements as f64 / total),
    }
}
