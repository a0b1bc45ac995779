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
