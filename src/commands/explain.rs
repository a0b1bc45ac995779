//! `explain`: how the pipeline reads one sentence.

use super::extract::rules_from;
use super::CommandError;
use stancetrack::cli::ExplainArgs;
use stancetrack::extraction::DateSource;
use stancetrack::load::{parse_date, Article, Corpus, LoadOptions};
use stancetrack::model::ArticleId;
use std::process::ExitCode;

/// `stancetrack explain`.
pub fn run(args: ExplainArgs) -> Result<ExitCode, CommandError> {
    let rules = rules_from(&args.rules)?;
    let mut article = match &args.context {
        Some(path) => {
            let corpus = Corpus::open(std::slice::from_ref(path), LoadOptions::default())
                .map_err(|e| CommandError::usage(e.to_string()))?;
            // A warning (such as replaced invalid UTF-8) comes before the article it concerns.
            let first = corpus.articles().find(|loaded| match loaded {
                Err(problem) if !problem.skipped => {
                    eprintln!("warning: {problem}");
                    false
                }
                _ => true,
            });
            first
                .ok_or_else(|| CommandError::usage(format!("{}: no article", path.display())))?
                .map_err(|p| CommandError::usage(p.to_string()))?
        }
        None => Article {
            id: ArticleId("sentence".to_string()),
            title: None,
            date: None,
            date_source: DateSource::None,
            url: None,
            outlet: None,
            origin: "command line".to_string(),
            text: String::new(),
        },
    };
    if let Some(date) = &args.date {
        article.date = Some(parse_date(date).ok_or_else(|| {
            CommandError::usage(format!("--date `{date}` is not a date like 2025-02-13"))
        })?);
    }
    let focus = match article.text.find(&args.sentence) {
        Some(at) => (at, at + args.sentence.len()),
        None => {
            if !article.text.is_empty() && !article.text.ends_with('\n') {
                article.text.push('\n');
            }
            let at = article.text.len();
            article.text.push_str(&args.sentence);
            (at, article.text.len())
        }
    };
    print!(
        "{}",
        stancetrack::explain::explain(&article, &rules, Some(focus))
    );
    Ok(ExitCode::SUCCESS)
}
