//! `eval`: score a run against answer keys.

use super::extract::{collect, rules_from};
use super::CommandError;
use stancetrack::cli::{EvalArgs, EvalFormat};
use stancetrack::eval::{evaluate, load_gold_dir, render_json, render_table, render_verbose};
use std::process::ExitCode;

/// `stancetrack eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode, CommandError> {
    let rules = rules_from(&args.input.rules)?;
    let gold = load_gold_dir(&args.gold).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CommandError::usage(lines.join("\n"))
    })?;
    let (system, summary, undated) = collect(&args.input, &rules)?;
    let report = evaluate(&gold, &system);
    match args.format {
        EvalFormat::Json => print!("{}", render_json(&report)),
        EvalFormat::Text => {
            print!("{}", render_table(&report));
            if args.verbose {
                print!("{}", render_verbose(&report));
            }
        }
    }
    Ok(summary.report(&undated, args.input.quiet))
}
