//! One bad article costs one article: the seed corpus mixed with every kind
//! of bad input gives the seed articles' clean results, a summary of what was
//! skipped and why on stderr, exit code 1, and no panic.

mod support;

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Output;
use support::{copy_dir, insta_settings, run_stancetrack, SEEDS};

/// Larger than every seed article (the largest is 7,612 bytes).
const LIMIT: &str = "10000";

/// Every kind of bad input, by file name, with what the file holds.
fn bad_files() -> Vec<(&'static str, Vec<u8>)> {
    let record = |id: &str, text: &str| format!("{{\"id\":\"{id}\",\"text\":\"{text}\"}}\n");
    let mut dump = record(
        "dump-good",
        "Rutte said NATO membership was not on the table.",
    );
    dump.push_str("{\"id\": \"broken\", \"text\": \n");
    dump.push_str(&record("dump-huge", &"word ".repeat(3000)));
    dump.push_str("{\"id\":\"no-text\"}\n");
    dump.push_str(&record("dump-empty", "  "));
    let mut dump = dump.into_bytes();
    dump.extend_from_slice(b"{\"id\":\"dump-latin1\",\"text\":\"Caf\xe9 talk.\"}\n");
    vec![
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00".to_vec(),
        ),
        ("control-junk.txt", (1u8..32).cycle().take(600).collect()),
        ("utf16.txt", b"\xff\xfeT\x00r\x00u\x00m\x00p\x00".to_vec()),
        ("empty.txt", Vec::new()),
        ("blank.md", b" \n\t\r\n".to_vec()),
        (
            "latin1.txt",
            b"Orb\xe1n said he rejects Ukraine's accession.".to_vec(),
        ),
        (
            "unclosed-front-matter.md",
            b"---\ntitle: Never closed\nTrump said hello.\n".to_vec(),
        ),
        (
            "broken-front-matter.md",
            b"---\ntitle: \"unterminated\ndate: 2025-01-01\n---\nBody.\n".to_vec(),
        ),
        (
            "front-matter-bad-date.md",
            b"---\ndate: next tuesday\n---\nBody.\n".to_vec(),
        ),
        (
            "oversized.txt",
            "Trump said yes. ".repeat(1000).into_bytes(),
        ),
        (
            "html-fragment.txt",
            b"<html><script>alert('x')</script><p>Rutte said &quot;no&quot;.</p>".to_vec(),
        ),
        ("dump.jsonl", dump),
    ]
}

/// The seed corpus with every bad file beside it, and a subfolder whose
/// manifest is broken.
fn mixed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&support::repo().join(SEEDS), dir.path());
    for (name, bytes) in bad_files() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let sub = dir.path().join("zz-broken-manifest");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("corpus.yaml"), "articles:\n  - file: [\n").unwrap();
    std::fs::write(sub.join("kept.txt"), "Zelensky said hello.").unwrap();
    dir
}

/// Articles of an `extract --format json` run, by id.
fn articles_by_id(output: &Output) -> BTreeMap<String, Value> {
    let doc: Value = serde_json::from_slice(&output.stdout).expect("valid JSON on stdout");
    doc["articles"]
        .as_array()
        .expect("an articles list")
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a.clone()))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn seed_articles_come_out_the_same_beside_bad_input() {
    let clean = run_stancetrack(&["extract", SEEDS, "--format", "json"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let clean = articles_by_id(&clean);
    assert_eq!(clean.len(), 5);
    let corpus = mixed_corpus();
    let dir = corpus.path().to_str().unwrap();
    let mixed = run_stancetrack(&[
        "extract",
        dir,
        "--format",
        "json",
        "--max-article-bytes",
        LIMIT,
    ]);
    assert_eq!(mixed.status.code(), Some(1), "{}", stderr(&mixed));
    let mixed = articles_by_id(&mixed);
    for (id, article) in &clean {
        assert_eq!(mixed.get(id), Some(article), "seed article {id}");
    }
    let kept: Vec<&str> = mixed.keys().map(String::as_str).collect();
    assert_eq!(
        kept,
        [
            "000_f19abf45d141f3f6",
            "001_dbee41912bf1d351",
            "002_3ff1d541352e87d9",
            "003_a5bfbbfc84ef667f",
            "004_2ced16fb7bbe558b",
            "dump-good",
            "dump-latin1",
            "html-fragment",
            "kept",
            "latin1",
        ]
    );
}

#[test]
fn the_summary_says_what_was_skipped_and_why() {
    let corpus = mixed_corpus();
    let dir = corpus.path().to_str().unwrap();
    let run = run_stancetrack(&["extract", dir, "--max-article-bytes", LIMIT]);
    assert_eq!(run.status.code(), Some(1));
    let shown = stderr(&run).replace(dir, "<corpus>");
    assert!(!shown.contains("panicked") && !shown.contains("internal error"));
    let mut settings = insta_settings();
    settings.set_description(
        "stderr of `extract <corpus> --max-article-bytes 10000` over the seed corpus \
         mixed with bad_input.rs's bad files",
    );
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("summary", shown));
}

#[test]
fn every_command_finishes_over_bad_input_with_exit_code_1() {
    let corpus = mixed_corpus();
    let dir = corpus.path().to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["extract", "--format", "jsonl"],
        &["quotes"],
        &["report"],
        &["dot"],
        &["export", "--format", "csv"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.extend([dir, "--max-article-bytes", LIMIT]);
        let run = run_stancetrack(&args);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{command:?}: {err}");
        assert!(!run.stdout.is_empty(), "{command:?} wrote nothing");
        assert!(
            err.contains("skipped 13, 3 warning(s)"),
            "{command:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{command:?}: {err}");
    }
}

#[test]
fn quiet_runs_still_fail_when_articles_were_skipped() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("good.txt"), "Rutte said hello.").unwrap();
    std::fs::write(corpus.path().join("empty.txt"), "").unwrap();
    let dir = corpus.path().to_str().unwrap();
    let run = run_stancetrack(&["extract", dir, "--quiet"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(run.stderr.is_empty(), "{}", stderr(&run));
    let only_warnings = run_stancetrack(&["extract", &format!("{dir}/good.txt")]);
    assert_eq!(
        only_warnings.status.code(),
        Some(0),
        "{}",
        stderr(&only_warnings)
    );
}

/// The bad files alone, each loaded through the library: every one is
/// skipped or kept with a warning, none panics.
#[test]
fn each_bad_file_alone_costs_at_most_itself() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in bad_files() {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let options = stancetrack::load::LoadOptions {
            max_article_bytes: LIMIT.parse().unwrap(),
        };
        let corpus = stancetrack::load::Corpus::open(std::slice::from_ref(&path), options).unwrap();
        let results: Vec<_> = corpus.articles().collect();
        assert!(!results.is_empty(), "{name}");
        for problem in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(
                problem.origin.starts_with(&path.display().to_string()),
                "{name}: {problem}"
            );
            assert!(!problem.message.ends_with('.'), "{name}: {problem}");
        }
    }
}
