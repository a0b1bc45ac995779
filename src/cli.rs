//! Command-line definitions (clap) and nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Track what political actors say about contested topics in news articles,
/// and how their positions shift over time.
#[derive(Debug, Parser)]
#[command(name = "stancetrack", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Quotes (with speakers) and stance observations, per article.
    Extract(ExtractArgs),
    /// A stance-change report: who changed their position on what, when, on what evidence.
    Report(ReportArgs),
    /// A GraphViz diagram of actors, topics and stances.
    Dot(DotArgs),
    /// Every quote with its speaker and how the speaker was decided.
    Quotes(QuotesArgs),
    /// Score a run against answer keys (gold files).
    Eval(EvalArgs),
    /// Check the rule pack, or run the examples its rules carry.
    Rules(RulesArgs),
    /// Show how the pipeline reads a sentence: mentions, cues, negations, rules, holders.
    Explain(ExplainArgs),
}

/// `stancetrack explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The sentence to explain (with `--context`, a sentence of that file, or text appended to it).
    pub sentence: String,
    /// An article file that gives the sentence its context (who "he" is, the date).
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// The date to read the sentence on (decides who holds an office), like 2025-02-13.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The rule pack folder.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: PathBuf,
}

/// Where the articles and rules come from.
#[derive(Debug, Args)]
pub struct Input {
    /// Article folders (walked recursively), `.txt`/`.md` files, or `.jsonl` files.
    #[arg(required = true, value_name = "CORPUS")]
    pub corpus: Vec<PathBuf>,
    /// The rule pack folder.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: PathBuf,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024, value_name = "BYTES")]
    pub max_article_bytes: usize,
    /// Print no warnings or progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Readable text.
    Text,
    /// One JSON document with every article.
    Json,
    /// One JSON object per article per line (streams; for large corpora).
    Jsonl,
}

/// `stancetrack extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `stancetrack report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `stancetrack dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `stancetrack quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// List only the named speakers the rule pack does not know, with a YAML stub to paste into `rules/`.
    #[arg(long)]
    pub unknown: bool,
}

/// Output formats of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table.
    Text,
    /// JSON for machines.
    Json,
}

/// `stancetrack eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Folder of answer keys (one YAML file per article).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// List every miss and every extra.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `stancetrack rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// What to do with the pack.
    #[command(subcommand)]
    pub action: RulesAction,
}

/// `stancetrack rules check|test`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Validate the pack: YAML, ids, duplicates, phrases with two stances; with
    /// `--corpus`, also list the rules that never fire on it.
    Check {
        /// The rule pack folder.
        #[arg(long, default_value = "rules", value_name = "DIR")]
        rules: PathBuf,
        /// Articles to run the pack over to find rules that never fire.
        #[arg(long, value_name = "CORPUS", num_args = 1..)]
        corpus: Vec<PathBuf>,
    },
    /// Run every rule's examples, one pass/fail line per rule.
    Test {
        /// The rule pack folder.
        #[arg(long, default_value = "rules", value_name = "DIR")]
        rules: PathBuf,
    },
}
