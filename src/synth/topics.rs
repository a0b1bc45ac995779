//! Generated topics: a policy frame, a country and a domain
//! (`Sanctions on Moldovan grain exports`), named by cue phrases and argued
//! over by idioms (`tighten sanctions on Moldova's grain exports`).

use super::rng::Rng;
use super::vocab::{Frame, COUNTRIES, DOMAINS, FRAMES};
use crate::model::Stance;
use crate::normalize::fold_phrase;
use crate::rules::phrase;
use serde::Serialize;
use std::collections::HashSet;

/// Phrases per generated topic: 8 cues, 14 support, 14 oppose and 4 neutral idioms.
const PHRASES_PER_TOPIC: usize = 40;
const IDIOM_QUOTAS: [(Stance, usize); 3] = [
    (Stance::Support, 14),
    (Stance::Oppose, 14),
    (Stance::Neutral, 4),
];

/// A topic file as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct TopicOut {
    /// Ontology id (`synth-sanctions-on-moldovan-grain-exports`).
    pub topic: String,
    /// Label for reports.
    pub label: String,
    /// Topic cue phrases.
    pub cues: CuesOut,
    /// Idioms by stance.
    pub rules: Vec<GroupOut>,
}

/// The `cues:` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CuesOut {
    /// Phrases naming the topic.
    pub phrases: Vec<String>,
}

/// One idiom group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupOut {
    /// Unique within the file.
    pub id: String,
    /// The stance the idioms express.
    pub stance: Stance,
    /// Whose stance it is: the clause subject (`Orban wants to lift ...`).
    pub holder: &'static str,
    /// The idioms.
    pub phrases: Vec<String>,
}

impl TopicOut {
    /// Cue and idiom phrases together.
    pub fn phrase_count(&self) -> usize {
        self.cues.phrases.len() + self.rules.iter().map(|g| g.phrases.len()).sum::<usize>()
    }
}

/// Phrases and topic ids already in the pack, so generated ones stay unique.
pub struct Vocabulary<'a> {
    /// Folded phrases already used.
    pub phrases: &'a mut HashSet<String>,
    /// Topic ids already used.
    pub topic_ids: &'a mut HashSet<String>,
    /// The pack's spelling variants (phrases are checked against the expansion limit).
    pub spellings: &'a [Vec<String>],
}

/// Generates topics holding `wanted` phrases in all (fewer only when every
/// frame, country and domain combination is used up).
pub fn generate_topics(wanted: usize, vocabulary: &mut Vocabulary, rng: &mut Rng) -> Vec<TopicOut> {
    let mut combos: Vec<(u16, u16, u16)> =
        Vec::with_capacity(FRAMES.len() * COUNTRIES.len() * DOMAINS.len());
    for f in 0..FRAMES.len() as u16 {
        for c in 0..COUNTRIES.len() as u16 {
            for d in 0..DOMAINS.len() as u16 {
                combos.push((f, c, d));
            }
        }
    }
    rng.shuffle(&mut combos);
    let mut topics = Vec::new();
    let mut made = 0;
    for (f, c, d) in combos {
        if made >= wanted {
            break;
        }
        let budget = PHRASES_PER_TOPIC.min(wanted - made);
        if let Some(topic) = make_topic(
            &FRAMES[f as usize],
            c as usize,
            d as usize,
            budget,
            vocabulary,
            rng,
        ) {
            made += topic.phrase_count();
            topics.push(topic);
        }
    }
    topics
}

fn make_topic(
    frame: &Frame,
    country: usize,
    domain: usize,
    budget: usize,
    vocabulary: &mut Vocabulary,
    rng: &mut Rng,
) -> Option<TopicOut> {
    let (adjective, _, possessive) = COUNTRIES[country];
    let domain = DOMAINS[domain];
    let label = format!("{} {adjective} {domain}", capitalise(frame.nouns[0]));
    let id = format!("synth-{}", slug(&label));
    if vocabulary.topic_ids.contains(&id) {
        return None;
    }
    let objects = [
        format!("{adjective} {domain}"),
        format!("{possessive} {domain}"),
    ];
    let accept = |text: String, vocabulary: &mut Vocabulary| -> Option<String> {
        let key = fold_phrase(&text);
        let fits = phrase::expand(&text, vocabulary.spellings).is_ok();
        (fits && vocabulary.phrases.insert(key)).then_some(text)
    };
    let mut cues = Vec::new();
    for noun in frame.nouns {
        for (o, object) in objects.iter().enumerate() {
            if cues.len() >= budget {
                break;
            }
            // Some cues allow an article: "sanctions on [the] Moldovan grain exports".
            let text = if o == 0 && rng.percent(15) {
                format!("{noun} [the] {object}")
            } else {
                format!("{noun} {object}")
            };
            cues.extend(accept(text, vocabulary));
        }
    }
    let mut rules = Vec::new();
    let mut left = budget - cues.len();
    for (stance, quota) in IDIOM_QUOTAS {
        let verbs: &[&str] = match stance {
            Stance::Support => &frame.support,
            Stance::Oppose => &frame.oppose,
            Stance::Neutral => &frame.neutral,
        };
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for v in 0..verbs.len() {
            for n in 0..frame.nouns.len() {
                for o in 0..objects.len() {
                    candidates.push((v, n, o));
                }
            }
        }
        rng.shuffle(&mut candidates);
        let mut phrases = Vec::new();
        for (v, n, o) in candidates {
            if phrases.len() >= quota.min(left) {
                break;
            }
            // A few idioms leave room for words in between: "tighten … sanctions on".
            let gap = if rng.percent(10) { " …" } else { "" };
            let text = format!("{}{gap} {} {}", verbs[v], frame.nouns[n], objects[o]);
            phrases.extend(accept(text, vocabulary));
        }
        left -= phrases.len();
        if !phrases.is_empty() {
            rules.push(GroupOut {
                id: stance.as_str().to_string(),
                stance,
                holder: "subject",
                phrases,
            });
        }
    }
    if cues.is_empty() && rules.is_empty() {
        return None;
    }
    vocabulary.topic_ids.insert(id.clone());
    Some(TopicOut {
        topic: id,
        label,
        cues: CuesOut { phrases: cues },
        rules,
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `Sanctions on Moldova's grain exports` -> `sanctions-on-moldova-s-grain-exports`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_exactly_the_phrases_asked_for_all_unique() {
        let mut phrases = HashSet::new();
        let mut topic_ids = HashSet::new();
        let mut vocabulary = Vocabulary {
            phrases: &mut phrases,
            topic_ids: &mut topic_ids,
            spellings: &[],
        };
        let topics = generate_topics(1234, &mut vocabulary, &mut Rng::new(3));
        let total: usize = topics.iter().map(TopicOut::phrase_count).sum();
        assert_eq!(total, 1234);
        assert_eq!(phrases.len(), 1234);
        assert_eq!(topic_ids.len(), topics.len());
        let first = &topics[0];
        assert!(first.topic.starts_with("synth-"), "{}", first.topic);
        assert!(first
            .rules
            .iter()
            .all(|g| g.phrases.iter().all(|p| p.split_whitespace().count() >= 3)));
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Sanctions on Moldova's grain exports"),
            "sanctions-on-moldova-s-grain-exports"
        );
        assert_eq!(slug("A ban on dual-use goods"), "a-ban-on-dual-use-goods");
    }
}
