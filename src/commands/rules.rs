//! `rules check` and `rules test`.

use super::extract::collect;
use super::extract::rules_from;
use super::CommandError;
use stancetrack::cli::Input;
use stancetrack::cli::{RulesAction, RulesArgs};
use stancetrack::rules::check::{conflicting_phrases, silent_rules};
use stancetrack::rules::examples::test_examples;
use stancetrack::rules::read_rules;
use std::process::ExitCode;

/// `stancetrack rules`.
pub fn run(args: RulesArgs) -> Result<ExitCode, CommandError> {
    match args.action {
        RulesAction::Check { rules, corpus } => check(&rules, &corpus),
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

/// `stancetrack rules check`: every error at once, exit 2 when there is any.
fn check(rules: &std::path::Path, corpus: &[std::path::PathBuf]) -> Result<ExitCode, CommandError> {
    let set = read_rules(rules).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CommandError::usage(format!("{} error(s):\n{}", errors.len(), lines.join("\n")))
    })?;
    let conflicts = conflicting_phrases(&set);
    if !conflicts.is_empty() {
        let lines: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
        return Err(CommandError::usage(format!(
            "{} error(s):\n{}",
            conflicts.len(),
            lines.join("\n")
        )));
    }
    let compiled = rules_from(rules)?;
    println!(
        "{}: ok ({} actors, {} topics, {} phrases, {} literals)",
        rules.display(),
        compiled.actors.len(),
        compiled.topics.len(),
        compiled.phrases.len(),
        compiled.literal_count()
    );
    if !corpus.is_empty() {
        let input = Input {
            corpus: corpus.to_vec(),
            rules: rules.to_path_buf(),
            max_article_bytes: stancetrack::load::LoadOptions::default().max_article_bytes,
            quiet: true,
        };
        let (extractions, _, _) = collect(&input, &compiled)?;
        let silent = silent_rules(&set, &extractions);
        println!(
            "{} of {} rule(s) never fire on {} article(s):",
            silent.len(),
            stancetrack::rules::check::rule_ids(&set).len(),
            extractions.len()
        );
        for rule in silent {
            println!("  {rule}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
