//! The `stancetrack` binary: parse arguments, call the library, pick the exit code.

mod commands;

use clap::Parser;
use stancetrack::cli::Cli;
use std::process::ExitCode;

// The pipeline allocates many small, short-lived vectors per article on
// every worker thread; mimalloc's thread-local free lists serve them in a
// fraction of glibc malloc's time (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is a bug; the run goes on without that article (see
    // `pipeline::extract_guarded`) and the summary names it. Say so in one
    // line instead of a backtrace note, unless a backtrace was asked for.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            eprintln!("stancetrack: internal error (a bug): {info}");
        }));
    }
    let cli = Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("stancetrack: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
