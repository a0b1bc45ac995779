//! `rules check` and `rules test`.

use super::extract::rules_from;
use super::CommandError;
use stancetrack::cli::{RulesAction, RulesArgs};
use std::process::ExitCode;

/// `stancetrack rules`.
pub fn run(args: RulesArgs) -> Result<ExitCode, CommandError> {
    match args.action {
        RulesAction::Check { rules } => {
            let compiled = rules_from(&rules)?;
            println!(
                "{}: ok ({} actors, {} topics, {} phrases, {} literals)",
                rules.display(),
                compiled.actors.len(),
                compiled.topics.len(),
                compiled.phrases.len(),
                compiled.literal_count()
            );
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Test { rules } => {
            let _ = rules_from(&rules)?;
            Err(CommandError::usage("rules test is not wired yet"))
        }
    }
}
