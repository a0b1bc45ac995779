//! `snapshot`: one snapshot file per article, written, checked or accepted.

use super::extract::{rules_from, RunSummary};
use super::CommandError;
use rayon::prelude::*;
use stancetrack::changes::render::entries_text;
use stancetrack::cli::SnapshotArgs;
use stancetrack::load::{Article, Corpus, LoadOptions, Loaded};
use stancetrack::model::ArticleId;
use stancetrack::output::Output;
use stancetrack::pipeline::extract;
use stancetrack::rules::CompiledRules;
use stancetrack::snapshot::store::{article_files, check_file, write_file, Outcome};
use stancetrack::snapshot::{file_name, render, SnapFile, SnapshotDiff};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How many articles are read before a parallel batch runs.
const BATCH: usize = 64;

/// What the command does with a snapshot that differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Write new snapshots; list changed and extra ones.
    Write,
    /// Write nothing; list every difference.
    Check,
    /// Make the folder match the current output.
    Accept,
}

/// Counts for the closing line.
#[derive(Debug, Default)]
struct Tally {
    unchanged: usize,
    changed: usize,
    missing: usize,
    extra: usize,
}

/// `stancetrack snapshot`.
pub fn run(args: SnapshotArgs) -> Result<ExitCode, CommandError> {
    let mode = match (args.check, args.accept) {
        (true, _) => Mode::Check,
        (_, true) => Mode::Accept,
        _ => Mode::Write,
    };
    let rules = rules_from(&args.input.rules)?;
    let options = LoadOptions {
        max_article_bytes: args.input.max_article_bytes,
    };
    let corpus = Corpus::open(&args.input.corpus, options)
        .map_err(|e| CommandError::usage(e.to_string()))?;
    let mut summary = RunSummary {
        problems: corpus.listing_problems().to_vec(),
        ..RunSummary::default()
    };
    let mut undated = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut tally = Tally::default();
    let mut out = Output::open(None)?;
    let base = working_folder();
    each_snapshot(&corpus, &rules, base.as_deref(), |loaded| {
        let (article, snap) = match loaded {
            Ok(pair) => pair,
            Err(problem) => {
                summary.problems.push(problem);
                return Ok(());
            }
        };
        summary.articles += 1;
        if article.date.is_none() {
            undated.push(article.id.to_string());
        }
        let name = file_name(&article.id);
        if let Some(first) = seen.insert(name.clone(), article.origin.clone()) {
            return Err(CommandError::usage(format!(
                "two articles have the id {} ({first} and {}); snapshot files are named by article id",
                article.id, article.origin
            )));
        }
        let path = args.dir.join(&name);
        let outcome = check_file(&path, &snap).map_err(|err| io_failure(&path, err))?;
        handle(
            mode,
            &article.id,
            &path,
            outcome,
            &snap,
            &mut tally,
            &mut out,
        )
    })?;
    let skipped = summary.problems.iter().any(|p| p.skipped);
    let listed = article_files(&args.dir).map_err(|err| io_failure(&args.dir, err))?;
    for name in listed.iter().filter(|name| !seen.contains_key(*name)) {
        let path = args.dir.join(name);
        tally.extra += 1;
        if mode == Mode::Accept && !skipped {
            std::fs::remove_file(&path).map_err(|err| io_failure(&path, err))?;
            writeln!(out, "removed: {}", path.display())?;
        } else {
            writeln!(
                out,
                "extra:   {} (no article with this id in the corpus)",
                path.display()
            )?;
        }
    }
    writeln!(out, "{}", closing_line(mode, &args.dir, &tally))?;
    out.finish()?;
    summary.report(&undated, args.input.quiet);
    let differs = match mode {
        Mode::Check => tally.changed + tally.missing + tally.extra > 0,
        Mode::Write => tally.changed + tally.extra > 0,
        Mode::Accept => false,
    };
    Ok(if differs || skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Acts on one article's outcome and prints what was done.
fn handle(
    mode: Mode,
    id: &ArticleId,
    path: &Path,
    outcome: Outcome,
    snap: &SnapFile,
    tally: &mut Tally,
    out: &mut Output,
) -> Result<(), CommandError> {
    match outcome {
        Outcome::Unchanged => tally.unchanged += 1,
        Outcome::Missing => {
            tally.missing += 1;
            if mode == Mode::Check {
                writeln!(out, "new:     {id} ({} does not exist)", path.display())?;
            } else {
                write_file(path, snap).map_err(|err| io_failure(path, err))?;
                writeln!(out, "created: {}", path.display())?;
            }
        }
        Outcome::Changed(diff) => {
            tally.changed += 1;
            if mode == Mode::Accept {
                write_file(path, snap).map_err(|err| io_failure(path, err))?;
                writeln!(out, "updated: {}", path.display())?;
            } else {
                writeln!(out, "changed: {id} ({})", path.display())?;
                write!(out, "{}", diff_text(&diff))?;
                if mode == Mode::Write {
                    writeln!(out, "  left as it was: --accept replaces it")?;
                }
            }
        }
    }
    Ok(())
}

/// The named changes (when the accepted snapshot parses), then the line diff.
fn diff_text(diff: &SnapshotDiff) -> String {
    let named = diff.changes.as_ref().map(entries_text).unwrap_or_default();
    format!("{named}{}", diff.lines)
}

fn closing_line(mode: Mode, dir: &Path, tally: &Tally) -> String {
    let total = tally.unchanged + tally.changed + tally.missing;
    let (changed, missing, extra) = match mode {
        Mode::Check => ("changed", "new", "extra"),
        Mode::Write => ("changed (not written)", "created", "extra"),
        Mode::Accept => ("updated", "created", "removed"),
    };
    format!(
        "snapshots in {}: {total} article(s): {} unchanged, {} {changed}, {} {missing}, {} {extra}",
        dir.display(),
        tally.unchanged,
        tally.changed,
        tally.missing,
        tally.extra
    )
}

/// Reads the corpus and runs the pipeline on all cores, handing each article
/// and its snapshot file to `each` in corpus order.
fn each_snapshot(
    corpus: &Corpus,
    rules: &CompiledRules,
    base: Option<&Path>,
    mut each: impl FnMut(
        Result<(Article, SnapFile), stancetrack::load::ArticleProblem>,
    ) -> Result<(), CommandError>,
) -> Result<(), CommandError> {
    let mut batch: Vec<Loaded> = Vec::with_capacity(BATCH);
    let mut articles = corpus.articles().peekable();
    while articles.peek().is_some() {
        batch.extend(articles.by_ref().take(BATCH));
        let done: Vec<_> = batch
            .par_drain(..)
            .map(|loaded| {
                loaded.map(|article| {
                    let body = render(&extract(&article, rules));
                    let input_file = input_file(&article.origin, base);
                    let snap = SnapFile::new(&article.text, input_file, body);
                    (article, snap)
                })
            })
            .collect();
        for result in done {
            each(result)?;
        }
    }
    Ok(())
}

/// The current folder, resolved, against which input files are named.
fn working_folder() -> Option<PathBuf> {
    std::env::current_dir().ok()?.canonicalize().ok()
}

/// The article's file as the snapshot header names it: relative to the
/// current folder, as insta names it relative to the repository; never an
/// absolute path (outside the current folder, just the file name).
fn input_file(origin: &str, base: Option<&Path>) -> Option<String> {
    // A JSON Lines record's origin is `file.jsonl:LINE`.
    let file = match origin.rsplit_once(':') {
        Some((path, line))
            if line.parse::<u64>().is_ok() && path.to_ascii_lowercase().ends_with(".jsonl") =>
        {
            path
        }
        _ => origin,
    };
    let path = Path::new(file);
    let relative = path
        .canonicalize()
        .ok()
        .and_then(|full| Some(full.strip_prefix(base?).ok()?.to_path_buf()));
    let shown = match relative {
        Some(relative) => relative,
        None if path.is_relative() => path.to_path_buf(),
        None => PathBuf::from(path.file_name()?),
    };
    Some(shown.to_string_lossy().replace('\\', "/"))
}

fn io_failure(path: &Path, err: std::io::Error) -> CommandError {
    if err.kind() == std::io::ErrorKind::InvalidData {
        // A malformed snapshot file: the message already names it.
        return CommandError::failed(err.to_string());
    }
    CommandError::failed(format!(
        "{}: {}",
        path.display(),
        err.to_string().to_lowercase()
    ))
}
