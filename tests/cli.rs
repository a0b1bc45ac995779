//! The binary: help, exit codes, and the bundled corpus end to end.

use std::path::Path;
use std::process::{Command, Output};

fn stancetrack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stancetrack"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_every_command() {
    let output = stancetrack(&["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for command in [
        "extract", "report", "dot", "export", "quotes", "eval", "rules", "explain", "diff",
        "snapshot", "generate", "bench",
    ] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
}

#[test]
fn extract_json_keeps_the_contract() {
    let output = stancetrack(&["extract", "tests/corpus/seeds", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let articles = doc["articles"].as_array().expect("articles list");
    assert_eq!(articles.len(), 5);
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "articles sorted by id");
    for article in articles {
        for key in [
            "id",
            "title",
            "date",
            "date_source",
            "quotes",
            "observations",
        ] {
            assert!(article.get(key).is_some(), "article lacks {key}");
        }
        let text = std::fs::read_to_string(
            Path::new("tests/corpus/seeds")
                .join(format!("{}.txt", article["id"].as_str().unwrap())),
        )
        .unwrap();
        for quote in article["quotes"].as_array().unwrap() {
            let (start, end) = (
                quote["start"].as_u64().unwrap() as usize,
                quote["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[start..end],
                quote["text"].as_str().unwrap(),
                "offsets slice the text"
            );
            assert!(
                quote["speaker"].get("actor").is_some() && quote["speaker"].get("name").is_some()
            );
        }
        for observation in article["observations"].as_array().unwrap() {
            for key in [
                "actor", "topic", "stance", "evidence", "start", "end", "quoted", "rule", "held",
            ] {
                assert!(observation.get(key).is_some(), "observation lacks {key}");
            }
        }
    }
}

#[test]
fn eval_on_the_seeds_meets_the_bar() {
    let output = stancetrack(&[
        "eval",
        "--gold",
        "tests/gold/seeds",
        "tests/corpus/seeds",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let f1 = |key: &str| report[key]["f1"].as_f64().unwrap();
    assert!(f1("quotes") >= 0.98, "quote F1 {}", f1("quotes"));
    assert!(f1("stances") >= 0.90, "stance F1 {}", f1("stances"));
    assert!(report["stances"]["precision"].as_f64().unwrap() >= 0.90);
    let attribution = report["attribution"]["value"].as_f64().unwrap();
    assert!(attribution >= 0.97, "attribution {attribution}");
}

#[test]
fn missing_corpus_is_a_usage_error() {
    let output = stancetrack(&["extract", "no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn broken_rule_pack_fails_before_reading_articles() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("broken.yaml"),
        "topic: broken\nlabel: Broken\ncues:\n  phrases: [x]\nrules:\n  - id: a\n    stance: suport\n    phrases: [y]\n",
    )
    .unwrap();
    let rules = dir.path().to_str().unwrap();
    let output = stancetrack(&["extract", "tests/corpus/seeds", "--rules", rules]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("broken.yaml:7:"), "{err}");
    assert!(err.contains("unknown variant `suport`"), "{err}");
}

#[test]
fn rules_test_passes_on_the_shipped_pack() {
    let output = stancetrack(&["rules", "test"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).contains(", 0 failing"));
}

#[test]
fn explain_shows_the_holder_and_the_rule() {
    let output = stancetrack(&["explain", "Orban said he rejects Ukraine's accession."]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("held by orban"), "{text}");
    assert!(text.contains("lexicon/reject"), "{text}");
}

#[test]
fn generated_corpus_and_pack_run_through_extract() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let pack = dir.path().join("pack");
    let (corpus, pack) = (corpus.to_str().unwrap(), pack.to_str().unwrap());
    let output = stancetrack(&[
        "generate", "corpus", "--size", "100KB", "--seed", "3", "--jsonl", corpus,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("articles"), "{}", stdout(&output));
    let output = stancetrack(&[
        "generate",
        "rules",
        "--phrases",
        "1000",
        "--actors",
        "100",
        "--out",
        pack,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1000 phrases"),
        "{}",
        stdout(&output)
    );
    let output = stancetrack(&["rules", "check", "--rules", pack]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = stancetrack(&["extract", "--rules", pack, "--format", "jsonl", corpus]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).lines().count() > 5);
}

#[test]
fn generate_corpus_needs_a_destination() {
    let output = stancetrack(&["generate", "corpus", "--size", "1MB"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn bench_prints_a_markdown_row_per_pack_and_core_count() {
    let output = stancetrack(&[
        "bench",
        "--quiet",
        "--runs",
        "1",
        "--cores",
        "1",
        "tests/corpus/seeds",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(table.contains("| rule pack | phrases |"), "{table}");
    let row = table
        .lines()
        .find(|l| l.starts_with("| rules |"))
        .unwrap_or_else(|| panic!("no row for the bundled pack:\n{table}"));
    assert_eq!(row.split('|').count(), 14, "{row}");
    assert!(table.contains("(5 articles,"), "{table}");
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let output = stancetrack(&["extract", "--format", "jsonl", "tests/corpus/seeds"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "", "stderr is a pipe here");
}
