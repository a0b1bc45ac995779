//! `generate corpus` and `generate rules`: synthetic inputs for benchmarks.

use super::CommandError;
use stancetrack::cli::{GenerateArgs, GenerateCorpusArgs, GenerateRulesArgs, GenerateWhat};
use stancetrack::load::{Article, Corpus, LoadOptions};
use stancetrack::rules::read_rules;
use stancetrack::synth::{
    scale_rule_pack, write_folder, write_jsonl, CorpusOptions, NameBook, PackOptions,
};
use std::process::ExitCode;

/// `stancetrack generate`.
pub fn run(args: GenerateArgs) -> Result<ExitCode, CommandError> {
    match args.what {
        GenerateWhat::Corpus(args) => corpus(args),
        GenerateWhat::Rules(args) => rules(args),
    }
}

fn corpus(args: GenerateCorpusArgs) -> Result<ExitCode, CommandError> {
    let seeds = read_seeds(&args.seeds)?;
    let set = read_rules(&args.rules).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CommandError::usage(lines.join("\n"))
    })?;
    let names = NameBook::from_rules(&set);
    let options = CorpusOptions {
        target_bytes: args.size,
        seed: args.seed,
    };
    let (summary, target) = match (&args.out, &args.jsonl) {
        (Some(dir), _) => (write_folder(dir, &seeds, &names, &options), dir),
        (None, Some(file)) => (write_jsonl(file, &seeds, &names, &options), file),
        (None, None) => unreachable!("clap requires --out or --jsonl"),
    };
    let summary = summary.map_err(|err| CommandError::failed(err.to_string()))?;
    println!(
        "{}: {} articles, {} bytes (seed {})",
        target.display(),
        summary.articles,
        summary.bytes,
        args.seed
    );
    Ok(ExitCode::SUCCESS)
}

fn rules(args: GenerateRulesArgs) -> Result<ExitCode, CommandError> {
    let options = PackOptions {
        phrases: args.phrases,
        actors: args.actors,
        seed: args.seed,
    };
    let summary = scale_rule_pack(&args.rules, &options, &args.out)
        .map_err(|err| CommandError::failed(err.to_string()))?;
    println!(
        "{}: {} phrases ({} bundled), {} actors ({} bundled), {} generated topics (seed {})",
        args.out.display(),
        summary.phrases,
        summary.bundled_phrases,
        summary.actors,
        summary.bundled_actors,
        summary.generated_topics,
        args.seed
    );
    Ok(ExitCode::SUCCESS)
}

/// The seed articles; one that cannot be read fails the command, since a
/// corpus quietly built from fewer seeds would not be the one asked for.
fn read_seeds(dir: &std::path::Path) -> Result<Vec<Article>, CommandError> {
    let corpus = Corpus::open(&[dir.to_path_buf()], LoadOptions::default())
        .map_err(|err| CommandError::usage(err.to_string()))?;
    corpus
        .articles()
        .map(|loaded| loaded.map_err(|problem| CommandError::usage(problem.to_string())))
        .collect()
}
