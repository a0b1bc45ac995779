//! The `stancetrack` binary: parse arguments, call the library, pick the exit code.

mod commands;

/// mimalloc instead of the system allocator: the pipeline makes many small,
/// short-lived allocations per sentence, and with glibc's malloc they cost
/// about a tenth of a run (bench, 50 MB corpus, one core: 3.0 -> 2.7 CPU s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use stancetrack::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("stancetrack: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
