//! Each subcommand: read inputs through the library, write outputs, return the exit code.

mod analysis;
mod bench;
mod diff;
mod eval;
mod explain;
mod extract;
mod generate;
mod progress;
mod rules;
mod snapshot;

use stancetrack::cli::Command;
use std::fmt;
use std::process::ExitCode;

/// A failure that ends the command, with its exit code.
#[derive(Debug)]
pub struct CommandError {
    message: String,
    code: u8,
}

impl CommandError {
    /// A usage or rule-pack error (exit code 2).
    pub fn usage(message: impl Into<String>) -> CommandError {
        CommandError {
            message: message.into(),
            code: 2,
        }
    }

    /// A failure while running (exit code 1).
    pub fn failed(message: impl Into<String>) -> CommandError {
        CommandError {
            message: message.into(),
            code: 1,
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CommandError {
    fn from(err: std::io::Error) -> Self {
        CommandError::failed(format!("cannot write output: {err}"))
    }
}

/// Runs one subcommand.
pub fn run(command: Command) -> Result<ExitCode, CommandError> {
    match command {
        Command::Extract(args) => extract::run(args),
        Command::Report(args) => analysis::report(args),
        Command::Dot(args) => analysis::dot(args),
        Command::Export(args) => analysis::export(args),
        Command::Quotes(args) => extract::quotes(args),
        Command::Eval(args) => eval::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Snapshot(args) => snapshot::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Bench(args) => bench::run(args),
    }
}
