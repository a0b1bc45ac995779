//! `extract` and `quotes`, and the corpus run every analysis command shares.

use super::progress::Progress;
use super::CommandError;
use stancetrack::cli::{ExtractArgs, ExtractFormat, Input, QuotesArgs};
use stancetrack::extraction::Extraction;
use stancetrack::load::{ArticleProblem, Corpus, LoadOptions};
use stancetrack::output::Output;
use stancetrack::pipeline::run_corpus_with;
use stancetrack::rules::{load_rules, CompiledRules};
use std::io::Write;
use std::process::ExitCode;

/// Reads and compiles the rule pack, or fails with every error listed.
pub fn rules_from(dir: &std::path::Path) -> Result<CompiledRules, CommandError> {
    load_rules(dir).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CommandError::usage(format!(
            "the rule pack has {} error(s):\n{}",
            errors.len(),
            lines.join("\n")
        ))
    })
}

/// What a corpus run saw besides the results.
#[derive(Debug, Default)]
pub struct RunSummary {
    /// Articles read.
    pub articles: usize,
    /// Articles skipped, with why.
    pub problems: Vec<ArticleProblem>,
}

impl RunSummary {
    /// Prints skipped articles and undated ones on stderr; returns the exit code.
    pub fn report(&self, undated: &[String], quiet: bool) -> ExitCode {
        if !quiet {
            for id in undated {
                eprintln!("warning: {id}: no date (no front matter, manifest entry or dateline)");
            }
            if !self.problems.is_empty() {
                let skipped = self.problems.iter().filter(|p| p.skipped).count();
                eprintln!(
                    "stancetrack: read {} article(s), skipped {skipped}, {} warning(s):",
                    self.articles,
                    self.problems.len() - skipped
                );
                for problem in &self.problems {
                    let what = if problem.skipped {
                        "skipped"
                    } else {
                        "warning"
                    };
                    eprintln!("  {what}: {problem}");
                }
            }
        }
        if self.problems.iter().any(|p| p.skipped) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Runs the pipeline over the input corpus, handing each extraction to `each`.
pub fn run_input(
    input: &Input,
    rules: &CompiledRules,
    each: impl FnMut(Extraction) -> Result<(), CommandError>,
) -> Result<(RunSummary, Vec<String>), CommandError> {
    run_input_with(input, rules, |extraction| extraction, each)
}

/// Like [`run_input`], with `finish` applied to each extraction on the
/// worker threads before `each` gets the result in corpus order.
pub fn run_input_with<T: Send>(
    input: &Input,
    rules: &CompiledRules,
    finish: impl Fn(Extraction) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), CommandError>,
) -> Result<(RunSummary, Vec<String>), CommandError> {
    let options = LoadOptions {
        max_article_bytes: input.max_article_bytes,
    };
    let corpus =
        Corpus::open(&input.corpus, options).map_err(|e| CommandError::usage(e.to_string()))?;
    let mut summary = RunSummary {
        problems: corpus.listing_problems().to_vec(),
        ..RunSummary::default()
    };
    let mut undated = Vec::new();
    let mut failure = None;
    let finish = |extraction: Extraction| {
        let undated = extraction.date.is_none().then(|| extraction.id.to_string());
        (undated, finish(extraction))
    };
    let mut progress = Progress::new(input.quiet, || corpus.total_bytes());
    run_corpus_with(&corpus, rules, finish, |result, bytes| {
        progress.advance(bytes);
        if failure.is_some() {
            return;
        }
        match result {
            Ok((undated_id, finished)) => {
                summary.articles += 1;
                undated.extend(undated_id);
                if let Err(err) = each(finished) {
                    failure = Some(err);
                }
            }
            Err(problem) => summary.problems.push(problem),
        }
    });
    progress.finish();
    match failure {
        Some(err) => Err(err),
        None => Ok((summary, undated)),
    }
}

/// Room for most articles' JSON lines (news articles average 8 kB of it), so
/// that serialising seldom moves a line to grow it.
pub const LINE_CAPACITY: usize = 16 * 1024;

/// Runs the corpus and writes one JSON object per article per line to `out`,
/// serialised on the worker threads.
pub fn write_jsonl(
    input: &Input,
    rules: &CompiledRules,
    out: &mut impl Write,
) -> Result<(RunSummary, Vec<String>), CommandError> {
    let serialise = |extraction: Extraction| {
        let mut line = Vec::with_capacity(LINE_CAPACITY);
        stancetrack::json::write(&mut line, &extraction)?;
        line.push(b'\n');
        Ok(line)
    };
    run_input_with(
        input,
        rules,
        serialise,
        |line: Result<Vec<u8>, stancetrack::json::Error>| {
            let line = line.map_err(|err| CommandError::failed(err.to_string()))?;
            out.write_all(&line)?;
            Ok(())
        },
    )
}

/// Runs the corpus and collects every extraction, sorted by article id.
pub fn collect(
    input: &Input,
    rules: &CompiledRules,
) -> Result<(Vec<Extraction>, RunSummary, Vec<String>), CommandError> {
    let mut all = Vec::new();
    let (summary, undated) = run_input(input, rules, |e| {
        all.push(e);
        Ok(())
    })?;
    all.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((all, summary, undated))
}

/// `stancetrack extract`.
pub fn run(args: ExtractArgs) -> Result<ExitCode, CommandError> {
    let rules = rules_from(&args.input.rules)?;
    let mut out = Output::open(args.output.as_deref())?;
    let (summary, undated) = match args.format {
        ExtractFormat::Jsonl => write_jsonl(&args.input, &rules, &mut out)?,
        ExtractFormat::Json => {
            let (all, summary, undated) = collect(&args.input, &rules)?;
            let doc = serde_json::json!({ "articles": all });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|err| CommandError::failed(err.to_string()))?;
            writeln!(out)?;
            (summary, undated)
        }
        ExtractFormat::Text => {
            let (all, summary, undated) = collect(&args.input, &rules)?;
            for extraction in &all {
                write!(out, "{}", stancetrack::report::extraction_text(extraction))?;
            }
            (summary, undated)
        }
    };
    out.finish()?;
    Ok(summary.report(&undated, args.input.quiet))
}

/// `stancetrack quotes`.
pub fn quotes(args: QuotesArgs) -> Result<ExitCode, CommandError> {
    let rules = rules_from(&args.input.rules)?;
    let (all, summary, undated) = collect(&args.input, &rules)?;
    let mut out = Output::open(None)?;
    if args.unknown {
        write!(out, "{}", stancetrack::report::unknown_speakers(&all))?;
    } else {
        for extraction in &all {
            writeln!(out, "# {}", extraction.id)?;
            for quote in &extraction.quotes {
                let speaker = stancetrack::report::speaker_label(&quote.speaker);
                writeln!(
                    out,
                    "  {speaker:<24} [{}] \u{201C}{}\u{201D}",
                    quote.method, quote.text
                )?;
                if let Some(cue) = &quote.cue {
                    writeln!(out, "  {:<24} cue: {cue}", "")?;
                }
            }
        }
    }
    out.finish()?;
    Ok(summary.report(&undated, args.input.quiet))
}
