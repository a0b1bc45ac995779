//! Every rule in the shipped pack passes its own examples, and every rule has one.

use stancetrack::rules::examples::test_examples;
use stancetrack::rules::{read_rules, CompiledRules};
use std::path::Path;

#[test]
fn shipped_rules_pass_their_examples() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
    let set = read_rules(dir).expect("the shipped rule pack reads");
    let rules = CompiledRules::compile(&set).expect("the shipped rule pack compiles");
    let results = test_examples(&set, &rules);
    let failures: Vec<&String> = results.iter().flat_map(|r| &r.failures).collect();
    assert!(failures.is_empty(), "failing rule examples:\n{failures:#?}");
    let untested: Vec<&str> = results
        .iter()
        .filter(|r| r.passed == 0)
        .map(|r| r.rule.as_str())
        .collect();
    assert!(
        untested.is_empty(),
        "rules without a passing example: {untested:?}"
    );
}

#[test]
fn pack_uses_exactly_the_ontology_ids() {
    #[derive(serde::Deserialize)]
    struct Ontology {
        topics: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
        actors: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("tests/gold/ontology.yaml");
    let ontology: Ontology =
        stancetrack::yaml::from_str(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    let set = read_rules(&root.join("rules")).unwrap();
    let actors: Vec<String> = set.all_actors().map(|a| a.id.clone()).collect();
    let mut topics: Vec<String> = set.topics.iter().map(|(_, t)| t.topic.clone()).collect();
    let mut sorted_actors = actors.clone();
    sorted_actors.sort();
    topics.sort();
    assert_eq!(
        sorted_actors,
        ontology.actors.keys().cloned().collect::<Vec<_>>()
    );
    assert_eq!(topics, ontology.topics.keys().cloned().collect::<Vec<_>>());
}

/// Rules capture how stances are said, not whole sentences: no phrase is longer than six words.
#[test]
fn no_rule_phrase_is_longer_than_six_words() {
    let set = read_rules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
    let mut phrases: Vec<&str> = set
        .lexicon
        .1
        .stance_cues
        .iter()
        .flat_map(|g| &g.phrases)
        .map(|p| p.0.as_str())
        .collect();
    for (_, topic) in &set.topics {
        phrases.extend(topic.cues.phrases.iter().map(|p| p.0.as_str()));
        phrases.extend(
            topic
                .rules
                .iter()
                .flat_map(|r| &r.phrases)
                .map(|p| p.0.as_str()),
        );
    }
    let long: Vec<&str> = phrases
        .into_iter()
        .filter(|p| {
            p.split_whitespace()
                .filter(|w| *w != "…" && *w != "...")
                .count()
                > 6
        })
        .collect();
    assert!(long.is_empty(), "phrases longer than six words: {long:?}");
}
