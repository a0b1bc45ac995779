//! Shared by the integration tests: fixture paths, the bundled rules and corpus,
//! and the insta settings every snapshot test binds.

// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use stancetrack::load::{Article, Corpus, LoadOptions};
use stancetrack::rules::{load_rules, CompiledRules};
use std::path::{Path, PathBuf};

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
