//! One snapshot per fixture article: its quotes with speakers and its
//! observations with stance, rule and evidence, run with the bundled `rules/`.
//!
//! A new article under `tests/corpus/` (`.txt`, `.md`, or records in a
//! `.jsonl`) gets a snapshot with no new code: `snapshots/pipeline__article@<id>.snap`.
//! The body is `stancetrack::snapshot::render`, the very text `stancetrack
//! snapshot` writes, so `stancetrack snapshot tests/corpus --dir snapshots --check`
//! and this test agree on every file.

mod support;

use stancetrack::changes::render::entries_text;
use stancetrack::pipeline::extract;
use stancetrack::snapshot::{self, store};
use std::path::Path;

#[test]
fn article() {
    let rules = support::rules_from(&support::rules_dir());
    let articles = support::corpus_articles();
    let _settings = support::insta_settings().bind_to_scope();
    insta::glob!("corpus", "**/*.{txt,md,jsonl}", |path| {
        let path = path.canonicalize().unwrap();
        let in_file = articles
            .iter()
            .filter(|a| support::article_file(a).canonicalize().unwrap() == path);
        for article in in_file {
            let snapshot = snapshot::render(&extract(article, &rules));
            explain_change(&snapshot::file_name(&article.id), &snapshot);
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_suffix(article.id.as_str());
            settings.set_description(&article.text);
            settings.bind(|| insta::assert_snapshot!("article", snapshot));
        }
    });
}

/// Before insta prints its line diff, names the quotes and observations that
/// changed, so a failing run says which observation a rule edit moved.
fn explain_change(name: &str, current: &str) {
    let path = support::repo().join("snapshots").join(name);
    let Ok(accepted) = store::read_body(&path) else {
        return;
    };
    if let Some(diff) = snapshot::compare(name, &accepted, current) {
        if let Some(changes) = diff.changes {
            eprintln!("{name} changed:\n{}", entries_text(&changes));
        }
    }
}

/// `stancetrack snapshot` writes the same files insta writes: the same names
/// and, header included, the same bytes (the bodies are `article`'s business).
#[test]
fn cli_writes_the_snapshot_files_insta_writes() {
    let dir = tempfile::tempdir().unwrap();
    let status = support::stancetrack()
        .args(["snapshot", "tests/corpus", "--quiet", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let written = store::article_files(dir.path()).unwrap();
    let committed = store::article_files(&support::repo().join("snapshots")).unwrap();
    assert_eq!(written, committed, "one snapshot per article, named alike");
    for name in &written {
        let header = |dir: &Path| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let body_len = snapshot::file::body_of(&text).unwrap().len();
            text[..text.len() - body_len].to_string()
        };
        assert_eq!(
            header(dir.path()),
            header(&support::repo().join("snapshots")),
            "{name}: header differs from the one insta wrote"
        );
    }
}
