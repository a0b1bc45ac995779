//! Command-line definitions (clap) and nothing else.

use chrono::NaiveDate;
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
    #[command(long_about = "A stance-change report.\n\n\
Changes lists every shift (two consecutive dated positions of one actor on one topic that differ), \
newest first, with the evidence on both sides. Positions is the actor x topic matrix as of the end date \
(--until, else the last observation). Timelines gives each actor's dated history per topic. \
Coverage counts articles, undated articles and quotes without a known speaker.\n\n\
On a date with several stances the position is the majority; a tie is neutral.")]
    Report(ReportArgs),
    /// A GraphViz (DOT) diagram: stances, shifts or alignment between actors.
    #[command(
        long_about = "A GraphViz (DOT) diagram of the stance graph; render it with \
`dot -Tsvg diagram.dot -o diagram.svg`.\n\n\
--view stances: actors -> topics, one edge per stance taken, coloured by stance \
(green supportive, red opposed, grey neutral), labelled with the count and the latest date.\n\
--view shifts: per actor and topic with two or more dated positions, the chain of positions; \
shifts are bold orange.\n\
--view alignment: actors linked by the stances they share on a topic (solid, weighted) \
and by opposite stances (dashed red)."
    )]
    Dot(DotArgs),
    /// The observations as CSV or JSON Lines, or the stance graph as GraphML.
    #[command(long_about = "Data for other tools.\n\n\
--format csv: one row per observation (article, date, actor, actor_name, topic, topic_label, \
stance, held, quoted, rule, start, end, evidence), for R, pandas or a spreadsheet.\n\
--format jsonl: one observation per line, as in `extract --format json`.\n\
--format graphml: actor and topic nodes (label, type, kind) and one actor -> topic edge per \
observation (date, stance, article, evidence, rule, held, quoted), for Gephi, networkx or igraph.\n\n\
With --since or --until, observations without a date are left out.")]
    Export(ExportArgs),
    /// Every quote with its speaker and how the speaker was decided.
    Quotes(QuotesArgs),
    /// Score a run against answer keys (gold files).
    Eval(EvalArgs),
    /// Check the rule pack, or run the examples its rules carry.
    Rules(RulesArgs),
    /// Write or check one snapshot file per article (the files `cargo insta` checks).
    ///
    /// Each article's quotes, speakers and observations go to
    /// `DIR/pipeline__article@<id>.snap` in insta's file format, the same
    /// bytes `cargo insta review` writes, so `--dir snapshots` works on the
    /// repository's own snapshots. Without a flag, new snapshots are written
    /// and changed ones are listed but left alone.
    Snapshot(SnapshotArgs),
    /// Show what a rule edit changes: run an old and a new rule pack over a corpus.
    ///
    /// Prints, per article, the quotes whose speaker changed and the
    /// observations added, removed or changed (old -> new stance), with
    /// evidence, then a summary line.
    Diff(DiffArgs),
    /// Show how the pipeline reads a sentence: mentions, cues, negations, rules, holders.
    Explain(ExplainArgs),
    /// Make synthetic corpora and rule packs for benchmarks.
    Generate(GenerateArgs),
    /// Time `extract --format jsonl` over a corpus for several rule packs and core counts.
    ///
    /// Each configuration runs in a child process, pinned to that many cores
    /// with as many worker threads, and reports the rule-pack compile time,
    /// the time to read, analyse and serialise the whole corpus (output goes
    /// to /dev/null), and the process's peak memory. Prints a Markdown table.
    Bench(BenchArgs),
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

/// Which actors, topics and dates an analysis looks at.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only this actor (an ontology id such as `zelensky`); repeat for more.
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// Only this topic (an ontology id such as `ukraine-nato-membership`); repeat for more.
    #[arg(long = "topic", value_name = "ID")]
    pub topics: Vec<String>,
    /// Only changes and observations from this date on (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Ignore everything after this date (YYYY-MM-DD); the report is "as of" it.
    /// Default: the date of the last observation.
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown: Changes, Positions, Timelines, Coverage.
    Markdown,
    /// The same sections as plain text.
    Text,
    /// JSON for machines, with a `shifts` list.
    Json,
    /// One self-contained HTML page with a timeline chart per topic.
    Html,
}

/// `stancetrack report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Which actors, topics and dates.
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What a `dot` diagram shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DotView {
    /// Actors -> topics, one edge per stance taken, coloured by stance, latest date in the label.
    Stances,
    /// Per actor and topic, the chain of dated positions; shifts in bold.
    Shifts,
    /// Actor-actor network: solid edges weighted by shared stances, dashed edges for conflicts.
    Alignment,
}

/// `stancetrack dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Which actors, topics and dates.
    #[command(flatten)]
    pub filters: Filters,
    /// What the diagram shows.
    #[arg(long, value_enum, default_value_t = DotView::Stances)]
    pub view: DotView,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per observation (RFC 4180 CSV with a header row).
    Csv,
    /// One JSON object per observation per line.
    Jsonl,
    /// The stance graph (actor and topic nodes, one edge per observation) as GraphML.
    Graphml,
}

/// `stancetrack export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// Which actors, topics and dates.
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
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

/// `stancetrack snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Input.
    #[command(flatten)]
    pub input: Input,
    /// The folder of snapshot files (created when missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Write nothing; print a diff per changed article, name missing and extra
    /// files, and exit with 1 if anything differs.
    #[arg(long, conflicts_with = "accept")]
    pub check: bool,
    /// Make the folder match the current output: rewrite changed snapshots,
    /// write new ones, delete those of articles no longer in the corpus.
    #[arg(long)]
    pub accept: bool,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Readable text.
    Text,
    /// One JSON document.
    Json,
}

/// `stancetrack diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Input; `--rules` is the new pack.
    #[command(flatten)]
    pub input: Input,
    /// The old pack: a rules folder, or a git revision (`HEAD`, `main~3`) whose
    /// copy of the `--rules` folder is compared.
    #[arg(long, value_name = "OLD")]
    pub base: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit with 1 when anything changed (to guard a pull request).
    #[arg(long)]
    pub check: bool,
}

/// `stancetrack bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Article folders (walked recursively), `.txt`/`.md` files, or `.jsonl` files.
    #[arg(required = true, value_name = "CORPUS")]
    pub corpus: Vec<PathBuf>,
    /// A rule pack folder to time; repeat for several (`--rules rules --rules big`).
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Core counts to run on, comma-separated [default: 1 and all cores].
    #[arg(long, value_delimiter = ',', value_name = "N,...")]
    pub cores: Vec<usize>,
    /// Timed runs per configuration; the table shows the median run.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024, value_name = "BYTES")]
    pub max_article_bytes: usize,
    /// Print no progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Run one configuration (one pack, `--cores N`) in this process and print
    /// its measurements as one JSON line (what the parent process reads).
    #[arg(long, hide = true)]
    pub child: bool,
}

/// `stancetrack generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What to generate.
    #[command(subcommand)]
    pub what: GenerateWhat,
}

/// `stancetrack generate corpus|rules`.
#[derive(Debug, Subcommand)]
pub enum GenerateWhat {
    /// A news-like corpus of a given size, recombined from seed articles.
    Corpus(GenerateCorpusArgs),
    /// The rule pack scaled up with generated topics and people.
    Rules(GenerateRulesArgs),
}

/// `stancetrack generate corpus`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["out", "jsonl"])))]
pub struct GenerateCorpusArgs {
    /// Total size: bytes, or with a unit (`200KB`, `50MB`, `1GB`; decimal, `MiB` also taken).
    #[arg(long, value_parser = parse_size, value_name = "SIZE")]
    pub size: u64,
    /// Same seed, same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write one `.txt` file with front matter per article into this new or empty folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write one JSON record per article per line into this file.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// The articles to recombine.
    #[arg(long, default_value = "tests/corpus/seeds", value_name = "DIR")]
    pub seeds: PathBuf,
    /// The rule pack whose people are recast in the articles.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: PathBuf,
}

/// `stancetrack generate rules`.
#[derive(Debug, Args)]
pub struct GenerateRulesArgs {
    /// Stance phrases in the whole pack (the bundled ones count).
    #[arg(long, default_value_t = 10_000)]
    pub phrases: usize,
    /// Actors in the whole pack (the bundled ones count).
    #[arg(long, default_value_t = 1_000)]
    pub actors: usize,
    /// Same seed, same pack, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The new or empty folder to write the pack into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The pack to scale up.
    #[arg(long, default_value = "rules", value_name = "DIR")]
    pub rules: PathBuf,
}

/// Parses a size such as `50MB`, `1.5GB`, `512KiB` or `1000000` into bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size like 50MB"))?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}`, expected one of B, KB, MB, GB, KiB, MiB, GiB"
            ))
        }
    };
    Ok((number * scale as f64).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_decimal_and_binary_units() {
        let cases = [
            ("plain bytes", "1234", Ok(1234)),
            ("decimal megabytes", "50MB", Ok(50_000_000)),
            ("fraction", "1.5GB", Ok(1_500_000_000)),
            ("binary", "2MiB", Ok(2 * 1024 * 1024)),
            ("lower case, space", "200 kb", Ok(200_000)),
        ];
        for (name, input, expected) in cases {
            assert_eq!(parse_size(input), expected, "{name}");
        }
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5XB").unwrap_err().contains("unknown unit `xb`"));
    }
}
