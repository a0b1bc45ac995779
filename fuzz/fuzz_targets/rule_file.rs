//! Rule loading on an arbitrary YAML file, next to a small valid pack.
//!
//! The first byte picks where the file goes: added to the pack, or in place
//! of its lexicon, actors or topic file. The pack is parsed, cross-checked
//! and compiled; when it compiles, its examples run through the pipeline
//! and the rules scan a seed article, so hostile phrases reach the matcher.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stancetrack::load::{text_article, LoadOptions};
use stancetrack::pipeline::extract;
use stancetrack::rules::examples::test_examples;
use stancetrack::rules::pack::parse_rules;
use stancetrack::rules::CompiledRules;
use std::path::{Path, PathBuf};

const PACK: [(&str, &str); 3] = [
    (
        "actors.yaml",
        include_str!("../../tests/fixtures/rules/minimal/actors.yaml"),
    ),
    (
        "lexicon.yaml",
        include_str!("../../tests/fixtures/rules/minimal/lexicon.yaml"),
    ),
    (
        "topics/nato-membership.yaml",
        include_str!("../../tests/fixtures/rules/minimal/topics/nato-membership.yaml"),
    ),
];

const ARTICLE: &str = include_str!("../../tests/corpus/seeds/002_3ff1d541352e87d9.txt");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let replace = match mode % 4 {
        0 => None,
        n => Some(PACK[n as usize - 1].0),
    };
    let mut files: Vec<(PathBuf, String)> = PACK
        .iter()
        .filter(|(name, _)| Some(*name) != replace)
        .map(|(name, text)| (PathBuf::from(name), text.to_string()))
        .collect();
    files.push((
        PathBuf::from(replace.unwrap_or("topics/fuzz.yaml")),
        text.to_string(),
    ));
    files.sort();
    let Ok(set) = parse_rules(Path::new("."), &files) else {
        return;
    };
    let Ok(rules) = CompiledRules::compile(&set) else {
        return;
    };
    let _ = test_examples(&set, &rules);
    let options = LoadOptions::default();
    for article in text_article(Path::new("seed.txt"), ARTICLE.as_bytes(), None, &options)
        .into_iter()
        .flatten()
    {
        let extraction = extract(&article, &rules);
        if let Err(problem) = extraction.check_offsets(&article.text) {
            panic!("{problem}");
        }
    }
});
