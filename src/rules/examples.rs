//! Rules that test themselves: every rule's `examples` run through the pipeline.

use super::pack::RuleSet;
use super::source::{Example, Examples};
use super::CompiledRules;
use crate::extraction::{DateSource, Observation};
use crate::load::Article;
use crate::model::ArticleId;
use crate::pipeline::extract;
use std::path::PathBuf;

/// The outcome of one rule's examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTest {
    /// The rule file.
    pub file: PathBuf,
    /// Key path of the rule in the file (`rules[0] (open-door)`).
    pub path: String,
    /// The rule id (`ukraine-nato-membership/open-door`).
    pub rule: String,
    /// How many `match` and `no-match` examples passed.
    pub passed: usize,
    /// One line per failing example, naming it by key path.
    pub failures: Vec<String>,
    /// Known gaps (`todo`), listed but never failing.
    pub todo: Vec<String>,
}

impl RuleTest {
    /// Whether every example passed.
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs the examples of every rule in the pack, in file order.
pub fn test_examples(set: &RuleSet, rules: &CompiledRules) -> Vec<RuleTest> {
    let mut results = Vec::new();
    let (lexicon_file, lexicon) = &set.lexicon;
    for (g, group) in lexicon.stance_cues.iter().enumerate() {
        results.push(run(
            rules,
            lexicon_file,
            format!("stance-cues[{g}] ({})", group.id),
            format!("lexicon/{}", group.id),
            None,
            &group.examples,
        ));
    }
    for (file, topic) in &set.topics {
        // A topic named only through its idioms has no cue rule to test.
        if !topic.cues.phrases.is_empty() {
            results.push(run(
                rules,
                file,
                "cues".to_string(),
                format!("{}/cues", topic.topic),
                Some(&topic.topic),
                &topic.cues.examples,
            ));
        }
        for (r, rule) in topic.rules.iter().enumerate() {
            results.push(run(
                rules,
                file,
                format!("rules[{r}] ({})", rule.id),
                format!("{}/{}", topic.topic, rule.id),
                Some(&topic.topic),
                &rule.examples,
            ));
        }
    }
    results
}

fn run(
    rules: &CompiledRules,
    file: &std::path::Path,
    path: String,
    rule: String,
    topic: Option<&str>,
    examples: &Examples,
) -> RuleTest {
    let mut test = RuleTest {
        file: file.to_path_buf(),
        path: path.clone(),
        rule: rule.clone(),
        passed: 0,
        failures: Vec::new(),
        todo: Vec::new(),
    };
    let fired = |o: &Observation| {
        o.rule
            .split(" + ")
            .any(|part| part.split(' ').next() == Some(rule.as_str()))
    };
    for (i, example) in examples.matches.iter().enumerate() {
        let observations = observe(&example.text, rules);
        let wanted_topic = example.topic.as_deref().or(topic);
        let hit = observations
            .iter()
            .any(|o| fired(o) && matches_expectation(o, example, wanted_topic));
        if hit {
            test.passed += 1;
        } else {
            let found: Vec<String> = observations
                .iter()
                .map(|o| {
                    let held = if o.held.is_some() { " (earlier)" } else { "" };
                    format!("{} {} {}{held} [{}]", o.actor, o.topic, o.stance, o.rule)
                })
                .collect();
            test.failures.push(format!(
                "{}: {path}.examples.match[{i}]: expected {}, found {}",
                file.display(),
                describe(example, wanted_topic),
                if found.is_empty() {
                    "nothing".to_string()
                } else {
                    found.join("; ")
                }
            ));
        }
    }
    for (i, text) in examples.no_match.iter().enumerate() {
        let unwanted: Vec<String> = observe(text, rules)
            .iter()
            .filter(|o| fired(o))
            .map(|o| format!("{} {} {}", o.actor, o.topic, o.stance))
            .collect();
        if unwanted.is_empty() {
            test.passed += 1;
        } else {
            test.failures.push(format!(
                "{}: {path}.examples.no-match[{i}]: expected nothing, found {}",
                file.display(),
                unwanted.join("; ")
            ));
        }
    }
    for example in &examples.todo {
        let why = example.why.as_deref().unwrap_or("not handled yet");
        test.todo.push(format!("{} ({why})", example.text));
    }
    test
}

fn matches_expectation(o: &Observation, example: &Example, topic: Option<&str>) -> bool {
    example
        .actor
        .as_deref()
        .is_none_or(|a| o.actor.as_str() == a)
        && example.stance.is_none_or(|s| o.stance == s)
        && topic.is_none_or(|t| o.topic.as_str() == t)
        && (example.held.is_some() == o.held.is_some())
}

fn describe(example: &Example, topic: Option<&str>) -> String {
    let mut parts = Vec::new();
    parts.push(
        example
            .actor
            .clone()
            .unwrap_or_else(|| "anyone".to_string()),
    );
    if let Some(topic) = topic {
        parts.push(topic.to_string());
    }
    if let Some(stance) = example.stance {
        parts.push(stance.to_string());
    }
    if example.held.is_some() {
        parts.push("(earlier)".to_string());
    }
    parts.join(" ")
}

/// Runs one example text through the whole pipeline, as an undated article.
fn observe(text: &str, rules: &CompiledRules) -> Vec<Observation> {
    let article = Article {
        id: ArticleId("example".to_string()),
        title: None,
        date: None,
        date_source: DateSource::None,
        url: None,
        outlet: None,
        origin: "example".to_string(),
        text: text.to_string(),
    };
    extract(&article, rules).observations
}
