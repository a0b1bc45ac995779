//! Shared by the integration tests: fixture paths, the bundled rules and corpus,
//! and the insta settings every snapshot test binds.

// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use stancetrack::load::{Article, Corpus, LoadOptions};
use stancetrack::rules::{load_rules, CompiledRules};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository (crate) folder.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled rule pack folder.
pub fn rules_dir() -> PathBuf {
    repo().join("rules")
}

/// The folder of fixture corpora: every article under it gets a snapshot.
pub fn corpus_dir() -> PathBuf {
    repo().join("tests/corpus")
}

/// insta settings: every snapshot in the top-level `snapshots/`, maps sorted.
pub fn insta_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_sort_maps(true);
    settings
}

/// Compiles the rule pack in `dir`, panicking with every error.
pub fn rules_from(dir: &Path) -> CompiledRules {
    load_rules(dir).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "{}: the rule pack has errors:\n{}",
            dir.display(),
            lines.join("\n")
        )
    })
}

/// Every article under `tests/corpus`, with its manifest metadata, in corpus order.
pub fn corpus_articles() -> Vec<Article> {
    let corpus = Corpus::open(&[corpus_dir()], LoadOptions::default()).unwrap();
    assert!(
        corpus.listing_problems().is_empty(),
        "{:?}",
        corpus.listing_problems()
    );
    let articles: Vec<Article> = corpus
        .articles()
        .map(|loaded| loaded.unwrap_or_else(|problem| panic!("{problem}")))
        .collect();
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(
        before,
        ids.len(),
        "article ids under tests/corpus must be unique: snapshots are named by id"
    );
    articles
}

/// The file an article was read from (a JSON Lines record's origin is `file.jsonl:LINE`).
pub fn article_file(article: &Article) -> PathBuf {
    let origin = article.origin.as_str();
    let file = match origin.rsplit_once(':') {
        Some((path, line)) if line.parse::<u64>().is_ok() && path.ends_with(".jsonl") => path,
        _ => origin,
    };
    PathBuf::from(file)
}

/// The stancetrack binary.
pub fn stancetrack() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_stancetrack"));
    command.current_dir(repo());
    command
}

/// Copies the folder `from` (recursively) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The bundled seed corpus, relative to the crate root.
pub const SEEDS: &str = "tests/corpus/seeds";

/// Runs the `stancetrack` binary from the crate root with `args`.
pub fn run_stancetrack(args: &[&str]) -> Output {
    stancetrack().args(args).output().expect("the binary runs")
}

/// Standard output of a run that must succeed.
pub fn stdout_of(args: &[&str]) -> String {
    let output = run_stancetrack(args);
    assert!(
        output.status.success(),
        "stancetrack {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs an outside tool with `input` on standard input; panics (never skips)
/// when the tool is missing, since CI installs it.
pub fn run_tool(program: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot run `{program}` ({err}); .ci/run installs it"));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the tool reads its input");
    child.wait_with_output().expect("the tool finishes")
}

/// Text with every character an output format treats specially.
pub const NASTY: &str = "He said \"no\" \\ {braces} | pipes <b>bold</b> & 'single'\nnext line\ttab *star* _under_ `tick`";

/// Two articles whose observations, names and labels carry [`NASTY`] text:
/// `trump` supports `nasty-topic` on 2025-01-01 and opposes it on 2025-02-01;
/// `zelensky` supports it on 2025-01-01.
pub fn nasty_graph() -> stancetrack::graph::StanceGraph {
    use stancetrack::extraction::{DateSource, Extraction, Observation};
    use stancetrack::graph::{Labels, Selection, StanceGraph};
    use stancetrack::model::Stance;
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let observation = |article: &str, day: &str, actor: &str, stance| Observation {
        actor: actor.into(),
        topic: "nasty-topic".into(),
        stance,
        evidence: format!("{NASTY} ({actor})"),
        start: 0,
        end: 10,
        quoted: true,
        rule: "rule, with \"comma\"".to_string(),
        held: None,
        article: article.into(),
        date: Some(date(day)),
    };
    let article = |id: &str, day: &str, observations| Extraction {
        id: id.into(),
        title: Some(NASTY.to_string()),
        date: Some(date(day)),
        date_source: DateSource::Manifest,
        quotes: Vec::new(),
        observations,
    };
    let extractions = [
        article(
            "a1",
            "2025-01-01",
            vec![
                observation("a1", "2025-01-01", "trump", Stance::Support),
                observation("a1", "2025-01-01", "zelensky", Stance::Support),
            ],
        ),
        article(
            "a2",
            "2025-02-01",
            vec![observation("a2", "2025-02-01", "trump", Stance::Oppose)],
        ),
    ];
    let mut labels = Labels::default();
    labels.actors.insert(
        "trump".into(),
        (format!("Trump | {NASTY}"), "person".to_string()),
    );
    labels
        .topics
        .insert("nasty-topic".into(), format!("Topic {NASTY}"));
    StanceGraph::build(&extractions, &labels, &Selection::default())
}
