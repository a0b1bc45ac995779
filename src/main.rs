//! The `stancetrack` binary: parse arguments, call the library, pick the exit code.

mod commands;

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
