//! `micrograd bench`'s arguments and the command that runs the workloads of
//! [`crate::bench`] and prints their table (or JSON lines).

use std::io::Write;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;

use crate::bench::{check_size, default_size, run_workload, write_table};
use crate::text::Palette;

/// Arguments of `micrograd bench`.
#[derive(Clone, Debug, clap::Args)]
pub struct BenchArgs {
    /// The workload: chain, wide, demo, loop or lecture (default: all).
    #[arg(value_parser = PossibleValuesParser::new(["chain", "wide", "demo", "loop", "lecture"]))]
    pub workload: Option<String>,
    /// Its size: nodes for chain, leaves for wide, steps for the others.
    pub size: Option<u64>,
    /// Runs of each workload; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub runs: u32,
    /// One JSON object per workload, one per line.
    #[arg(long)]
    pub json: bool,
}

/// Runs `micrograd bench`.
pub fn run_cli(args: &BenchArgs, palette: Palette) -> ExitCode {
    let workloads: Vec<(&str, u64)> = match (args.workload.as_deref(), args.size) {
        (None, _) => vec![
            ("chain", 1_000_000),
            ("wide", 1_000_000),
            ("demo", 100),
            ("loop", 1_000),
            ("lecture", 20),
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
            .map(|_| run_workload(name, size))
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
    if written.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
