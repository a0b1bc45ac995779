//! Every input that once crashed a fuzz target, run the way that target runs
//! it. A crash found by `cargo fuzz` becomes a file in
//! `tests/fixtures/fuzz/<target>/`, named after the bug (see docs/fuzzing.md).

mod support;

use stancetrack::load::{json_lines_articles, text_article, LoadOptions};
use stancetrack::pipeline::extract;
use stancetrack::rules::examples::test_examples;
use stancetrack::rules::pack::parse_rules;
use stancetrack::rules::CompiledRules;
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = support::repo().join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(f).unwrap())
        })
        .collect()
}

/// As `fuzz/fuzz_targets/load_article.rs`.
#[test]
fn load_article_crashes_stay_fixed() {
    let rules = support::rules_from(&support::rules_dir());
    let options = LoadOptions {
        max_article_bytes: 64 * 1024,
    };
    for (name, data) in inputs("load_article") {
        let Some((&mode, body)) = data.split_first() else {
            continue;
        };
        let loaded: Vec<_> = if mode % 2 == 0 {
            text_article(Path::new("fuzz.md"), body, None, &options)
        } else {
            json_lines_articles(Path::new("fuzz.jsonl"), body, &options).collect()
        };
        for article in loaded.into_iter().flatten() {
            let extraction = extract(&article, &rules);
            assert_eq!(extraction.check_offsets(&article.text), Ok(()), "{name}");
        }
    }
}

/// As `fuzz/fuzz_targets/rule_file.rs`.
#[test]
fn rule_file_crashes_stay_fixed() {
    let minimal = support::repo().join("tests/fixtures/rules/minimal");
    let pack = ["actors.yaml", "lexicon.yaml", "topics/nato-membership.yaml"];
    let article = std::fs::read_to_string(
        support::repo().join("tests/corpus/seeds/002_3ff1d541352e87d9.txt"),
    )
    .unwrap();
    for (name, data) in inputs("rule_file") {
        let Some((&mode, body)) = data.split_first() else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(body) else {
            continue;
        };
        let replace = match mode % 4 {
            0 => None,
            n => Some(pack[n as usize - 1]),
        };
        let mut files: Vec<(PathBuf, String)> = pack
            .iter()
            .filter(|file| Some(**file) != replace)
            .map(|file| {
                let text = std::fs::read_to_string(minimal.join(file)).unwrap();
                (PathBuf::from(file), text)
            })
            .collect();
        files.push((
            PathBuf::from(replace.unwrap_or("topics/fuzz.yaml")),
            text.to_string(),
        ));
        files.sort();
        let Ok(set) = parse_rules(Path::new("."), &files) else {
            continue;
        };
        let Ok(rules) = CompiledRules::compile(&set) else {
            continue;
        };
        let _ = test_examples(&set, &rules);
        let options = LoadOptions::default();
        for article in text_article(Path::new("seed.txt"), article.as_bytes(), None, &options)
            .into_iter()
            .flatten()
        {
            let extraction = extract(&article, &rules);
            assert_eq!(extraction.check_offsets(&article.text), Ok(()), "{name}");
        }
    }
}
