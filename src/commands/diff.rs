//! `diff`: what a rule edit changes on a corpus.

use super::extract::{collect, rules_from};
use super::CommandError;
use stancetrack::changes::render::{article_text, json, summary_text};
use stancetrack::changes::{compare_articles, ArticleChanges, ChangeSummary};
use stancetrack::cli::{DiffArgs, DiffFormat};
use stancetrack::output::Output;
use stancetrack::revision::{rules_at_revision, RulesAtRevision};
use stancetrack::rules::CompiledRules;
use stancetrack::snapshot::ArticleSnapshot;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `stancetrack diff`.
pub fn run(args: DiffArgs) -> Result<ExitCode, CommandError> {
    let (old_rules, base_label, _checkout) = base_rules(&args.base, &args.input.rules)?;
    let new_rules = rules_from(&args.input.rules)?;
    let (old, _, _) = collect(&args.input, &old_rules)?;
    let (new, summary, undated) = collect(&args.input, &new_rules)?;
    if old.len() != new.len() || old.iter().zip(&new).any(|(a, b)| a.id != b.id) {
        return Err(CommandError::failed(
            "the corpus changed between the two runs; run the comparison again",
        ));
    }
    let changes: Vec<ArticleChanges> = old
        .iter()
        .zip(&new)
        .map(|(a, b)| {
            compare_articles(
                &ArticleSnapshot::from_extraction(a),
                &ArticleSnapshot::from_extraction(b),
            )
        })
        .collect();
    let totals = ChangeSummary::of(new.len(), &changes);
    let mut out = Output::open(None)?;
    match args.format {
        DiffFormat::Text => {
            for article in changes.iter().filter(|c| !c.is_empty()) {
                writeln!(out, "{}", article_text(article))?;
            }
            write!(out, "{}", summary_text(&totals))?;
        }
        DiffFormat::Json => {
            let rules_label = args.input.rules.display().to_string();
            let doc = json(&base_label, &rules_label, &changes, &totals);
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|err| CommandError::failed(err.to_string()))?;
            writeln!(out)?;
        }
    }
    out.finish()?;
    let code = summary.report(&undated, args.input.quiet);
    Ok(if args.check && totals.any() {
        ExitCode::from(1)
    } else {
        code
    })
}

/// The old pack: the folder `base` names, or the `rules` folder as it was at
/// the git revision `base`. The checkout (if any) must outlive the run.
fn base_rules(
    base: &str,
    rules: &Path,
) -> Result<(CompiledRules, String, Option<RulesAtRevision>), CommandError> {
    if Path::new(base).is_dir() {
        return Ok((rules_from(Path::new(base))?, base.to_string(), None));
    }
    let checkout = rules_at_revision(base, rules).map_err(|e| CommandError::usage(e.0))?;
    let label = checkout.label();
    let compiled = rules_from(checkout.path()).map_err(|err| {
        // Errors name files in the temporary checkout; name them as `HEAD:rules/…` instead.
        let temp = checkout.path().display().to_string();
        CommandError::usage(err.to_string().replace(&temp, &label))
    })?;
    Ok((compiled, label, Some(checkout)))
}
