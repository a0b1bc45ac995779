//! Rule hygiene beyond parsing: phrases two rules claim with different stances,
//! and rules that never fire on a corpus.

use super::pack::{RuleError, RuleSet};
use super::source::CueGroup;
use crate::extraction::Extraction;
use crate::model::Stance;
use crate::normalize::fold_phrase;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Where a stance-bearing phrase is declared.
#[derive(Debug, Clone)]
struct Claim {
    file: PathBuf,
    rule: String,
    /// The topic for an idiom; `None` for a general stance cue (any topic).
    topic: Option<String>,
    stance: Stance,
}

/// Phrases that two rules give different stances (on the same topic, or as
/// general cues): whichever fires, one of them is wrong.
pub fn conflicting_phrases(set: &RuleSet) -> Vec<RuleError> {
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    let mut add = |file: &PathBuf, rule: String, topic: Option<&str>, group: &CueGroup| {
        for phrase in &group.phrases {
            claims
                .entry(fold_phrase(&phrase.0))
                .or_default()
                .push(Claim {
                    file: file.clone(),
                    rule: rule.clone(),
                    topic: topic.map(str::to_string),
                    stance: group.stance,
                });
        }
    };
    let (lexicon_file, lexicon) = &set.lexicon;
    for group in &lexicon.stance_cues {
        add(lexicon_file, format!("lexicon/{}", group.id), None, group);
    }
    for (file, topic) in &set.topics {
        for group in &topic.rules {
            add(
                file,
                format!("{}/{}", topic.topic, group.id),
                Some(&topic.topic),
                group,
            );
        }
    }
    let mut errors = Vec::new();
    for (phrase, claims) in &claims {
        for (i, a) in claims.iter().enumerate() {
            for b in &claims[i + 1..] {
                let same_scope = a.topic == b.topic;
                if same_scope && a.stance != b.stance {
                    errors.push(RuleError {
                        file: b.file.clone(),
                        line: None,
                        column: None,
                        message: format!(
                            "phrase `{phrase}` is {} in {} but {} in {} ({})",
                            b.stance,
                            b.rule,
                            a.stance,
                            a.rule,
                            a.file.display()
                        ),
                    });
                }
            }
        }
    }
    errors
}

/// Every rule id of the pack (`lexicon/reject`, `ukraine-nato-membership/cues`, …).
pub fn rule_ids(set: &RuleSet) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = set
        .lexicon
        .1
        .stance_cues
        .iter()
        .map(|g| format!("lexicon/{}", g.id))
        .collect();
    for (_, topic) in &set.topics {
        if !topic.cues.phrases.is_empty() {
            ids.insert(format!("{}/cues", topic.topic));
        }
        ids.extend(
            topic
                .rules
                .iter()
                .map(|r| format!("{}/{}", topic.topic, r.id)),
        );
    }
    ids
}

/// The rules of the pack that produced no observation in `extractions`.
pub fn silent_rules(set: &RuleSet, extractions: &[Extraction]) -> Vec<String> {
    let fired: BTreeSet<&str> = extractions
        .iter()
        .flat_map(|e| &e.observations)
        .flat_map(|o| o.rule.split(" + "))
        .map(|part| part.split(' ').next().unwrap_or(part))
        .collect();
    rule_ids(set)
        .into_iter()
        .filter(|id| !fired.contains(id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::read_rules;
    use std::path::Path;

    #[test]
    fn shipped_pack_has_no_conflicting_phrases() {
        let set = read_rules(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).unwrap();
        let conflicts: Vec<String> = conflicting_phrases(&set)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(conflicts.is_empty(), "{conflicts:#?}");
    }

    #[test]
    fn a_phrase_with_two_stances_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let rules = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        std::fs::copy(rules.join("lexicon.yaml"), dir.path().join("lexicon.yaml")).unwrap();
        std::fs::copy(rules.join("actors.yaml"), dir.path().join("actors.yaml")).unwrap();
        for entry in std::fs::read_dir(rules.join("topics")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
        std::fs::write(
            dir.path().join("t.yaml"),
            "topic: t\nlabel: T\ncues:\n  phrases: [tee]\nrules:\n  - id: a\n    stance: support\n    phrases: [open the door]\n  - id: b\n    stance: oppose\n    phrases: [Open the  door]\n",
        )
        .unwrap();
        let set = read_rules(dir.path()).unwrap();
        let conflicts = conflicting_phrases(&set);
        assert_eq!(conflicts.len(), 1);
        assert!(
            conflicts[0]
                .message
                .contains("`open the door` is oppose in t/b but support in t/a"),
            "{}",
            conflicts[0]
        );
    }
}
