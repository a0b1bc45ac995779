//! `rules check` and `rules test`.

use super::extract::rules_from;
use super::CommandError;
use stancetrack::cli::{RulesAction, RulesArgs};
use stancetrack::rules::examples::test_examples;
use stancetrack::rules::read_rules;
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
            let set = read_rules(&rules).map_err(|errors| {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                CommandError::usage(lines.join("\n"))
            })?;
            let compiled = rules_from(&rules)?;
            let results = test_examples(&set, &compiled);
            let mut failed = 0;
            for result in &results {
                let status = if result.ok() { "pass" } else { "FAIL" };
                println!(
                    "{status}  {}  {} ({} example(s) passed{})",
                    result.rule,
                    result.path,
                    result.passed,
                    if result.todo.is_empty() {
                        String::new()
                    } else {
                        format!(", {} todo", result.todo.len())
                    }
                );
                for failure in &result.failures {
                    println!("      {failure}");
                }
                for todo in &result.todo {
                    println!("      todo: {todo}");
                }
                failed += usize::from(!result.ok());
            }
            println!("{} rule(s), {failed} failing", results.len());
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
