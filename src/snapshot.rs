//! The per-article snapshot: a stable, reviewable YAML form of an extraction.
//!
//! One document per article holds what a rule author reviews: the article's
//! id, date and title; each quote with its speaker and how the speaker was
//! decided; each observation with its stance, rule and evidence. Byte offsets,
//! paths and timings are left out, so a snapshot changes only when behaviour
//! does. Fields keep their declaration order and lists keep pipeline order
//! (quotes and observations in text order), so the same extraction always
//! renders to the same bytes.
//!
//! The documents are stored in insta's `.snap` file format ([`file`]), one
//! file per article, which `cargo insta` (through `tests/pipeline.rs`) and
//! `stancetrack snapshot` (through [`store`]) both read and write. [`compare`]
//! turns two snapshots of an article into a readable diff.

pub mod compare;
pub mod file;
pub mod store;

use crate::extraction::{Extraction, Held, Observation, QuoteRecord, Speaker};
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use crate::yaml::YamlError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

pub use compare::{compare, SnapshotDiff};
pub use file::{file_name, SnapFile};

/// One article's snapshot document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSnapshot {
    /// Which article this is.
    pub article: ArticleInfo,
    /// Every quotation with its speaker, in text order.
    pub quotes: Vec<QuoteSnapshot>,
    /// Every stance observation, in text order.
    pub observations: Vec<ObservationSnapshot>,
}

/// The article a snapshot is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleInfo {
    /// The article id (file name without extension).
    pub id: ArticleId,
    /// Publication date, if known.
    pub date: Option<NaiveDate>,
    /// Headline, if known.
    pub title: Option<String>,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSnapshot {
    /// The content between the quotation marks, as written.
    pub text: String,
    /// Who said it.
    pub speaker: SpeakerSnapshot,
    /// How the speaker was decided (`verb-after`, `pronoun`, ...).
    pub method: String,
}

/// A speaker, with only the fields that apply: an actor id for a known actor,
/// a name for anyone else named, a description for an anonymous source,
/// candidates when a descriptor could not be decided; no field when nobody was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerSnapshot {
    /// The ontology id of a known actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    /// The name as written, for a speaker who is not in the rule pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description of an anonymous source (`a European NATO diplomat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<String>,
    /// Actors an undecided descriptor could mean.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<ActorId>,
}

/// One actor taking one stance on one topic, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationSnapshot {
    /// Who holds the stance.
    pub actor: ActorId,
    /// What it is about.
    pub topic: TopicId,
    /// The position.
    pub stance: Stance,
    /// `earlier` when the text dates the stance before the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    /// The date the stance was held, when the text gives one other than the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Whether the stance was expressed inside a quotation.
    pub quoted: bool,
    /// The id of the rule that fired.
    pub rule: String,
    /// The sentence (or quote) that shows it, as written.
    pub evidence: String,
}

/// Construction, rendering and parsing.
impl ArticleSnapshot {
    /// The snapshot of one extraction.
    pub fn from_extraction(extraction: &Extraction) -> ArticleSnapshot {
        ArticleSnapshot {
            article: ArticleInfo {
                id: extraction.id.clone(),
                date: extraction.date,
                title: extraction.title.clone(),
            },
            quotes: extraction.quotes.iter().map(QuoteSnapshot::from).collect(),
            observations: extraction
                .observations
                .iter()
                .map(|o| ObservationSnapshot::new(o, extraction.date))
                .collect(),
        }
    }

    /// The YAML text of the snapshot, as stored in the body of a `.snap` file.
    pub fn render(&self) -> String {
        crate::yaml::to_string(self)
    }

    /// Reads a snapshot back from its YAML text (`file` names it in errors).
    pub fn parse(text: &str, file: &Path) -> Result<ArticleSnapshot, YamlError> {
        crate::yaml::from_str(text, file)
    }
}

/// The snapshot YAML of one extraction: what `tests/pipeline.rs` asserts and
/// what `stancetrack snapshot` writes.
pub fn render(extraction: &Extraction) -> String {
    ArticleSnapshot::from_extraction(extraction).render()
}

impl From<&QuoteRecord> for QuoteSnapshot {
    fn from(quote: &QuoteRecord) -> Self {
        QuoteSnapshot {
            text: quote.text.clone(),
            speaker: SpeakerSnapshot::from(&quote.speaker),
            method: quote.method.clone(),
        }
    }
}

impl From<&Speaker> for SpeakerSnapshot {
    /// A known actor is named by id alone: its canonical name follows from the pack.
    fn from(speaker: &Speaker) -> Self {
        SpeakerSnapshot {
            actor: speaker.actor.clone(),
            name: speaker
                .actor
                .is_none()
                .then(|| speaker.name.clone())
                .flatten(),
            anonymous: speaker.description.clone(),
            candidates: speaker.candidates.clone(),
        }
    }
}

impl ObservationSnapshot {
    /// The snapshot of an observation from an article dated `article_date`.
    pub fn new(observation: &Observation, article_date: Option<NaiveDate>) -> Self {
        ObservationSnapshot {
            actor: observation.actor.clone(),
            topic: observation.topic.clone(),
            stance: observation.stance,
            held: observation.held,
            date: observation.date.filter(|d| Some(*d) != article_date),
            quoted: observation.quoted,
            rule: observation.rule.clone(),
            evidence: observation.evidence.clone(),
        }
    }
}

impl fmt::Display for SpeakerSnapshot {
    /// `rutte`, `"Jane Doe" (not in pack)`, `anonymous: a diplomat`, `one of a/b`, or `nobody`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(actor) = &self.actor {
            write!(f, "{actor}")
        } else if let Some(name) = &self.name {
            write!(f, "\"{name}\" (not in pack)")
        } else if let Some(description) = &self.anonymous {
            write!(f, "anonymous: {description}")
        } else if !self.candidates.is_empty() {
            let ids: Vec<&str> = self.candidates.iter().map(ActorId::as_str).collect();
            write!(f, "one of {}", ids.join("/"))
        } else {
            f.write_str("nobody")
        }
    }
}

impl fmt::Display for ObservationSnapshot {
    /// `rutte on peace-talks-now: oppose`, with ` (earlier)` for a stance held before the article.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}: {}", self.actor, self.topic, self.stance)?;
        if self.held.is_some() {
            f.write_str(" (earlier)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::DateSource;

    fn observation(actor: &str, held: Option<Held>, date: &str) -> Observation {
        Observation {
            actor: actor.into(),
            topic: "peace-talks-now".into(),
            stance: Stance::Oppose,
            evidence: "Rutte warned against forced peace talks.".to_string(),
            start: 10,
            end: 50,
            quoted: false,
            rule: "peace-talks-now/cues".to_string(),
            held,
            article: "a".into(),
            date: Some(date.parse().unwrap()),
        }
    }

    fn extraction() -> Extraction {
        Extraction {
            id: "a".into(),
            title: Some("Title: with a colon".to_string()),
            date: Some("2024-12-03".parse().unwrap()),
            date_source: DateSource::Manifest,
            quotes: vec![QuoteRecord {
                text: "We will not negotiate,".to_string(),
                start: 1,
                end: 20,
                speaker: Speaker {
                    actor: Some("rutte".into()),
                    name: Some("Mark Rutte".to_string()),
                    ..Speaker::default()
                },
                cue: Some("he said".to_string()),
                method: "verb-after".to_string(),
            }],
            observations: vec![
                observation("rutte", None, "2024-12-03"),
                observation("trump", Some(Held::Earlier), "2024-11-01"),
            ],
        }
    }

    #[test]
    fn snapshot_leaves_out_offsets_and_the_article_date_on_observations() {
        insta::assert_snapshot!(render(&extraction()), @r#"
        article:
          id: a
          date: 2024-12-03
          title: 'Title: with a colon'
        quotes:
        - text: We will not negotiate,
          speaker:
            actor: rutte
          method: verb-after
        observations:
        - actor: rutte
          topic: peace-talks-now
          stance: oppose
          quoted: false
          rule: peace-talks-now/cues
          evidence: Rutte warned against forced peace talks.
        - actor: trump
          topic: peace-talks-now
          stance: oppose
          held: earlier
          date: 2024-11-01
          quoted: false
          rule: peace-talks-now/cues
          evidence: Rutte warned against forced peace talks.
        "#);
    }

    #[test]
    fn rendered_snapshot_parses_back_to_the_same_document() {
        let snapshot = ArticleSnapshot::from_extraction(&extraction());
        let parsed = ArticleSnapshot::parse(&snapshot.render(), Path::new("a.snap")).unwrap();
        assert_eq!(parsed, snapshot);
    }

    #[test]
    fn speaker_labels_name_the_one_field_that_applies() {
        let cases = [
            ("actor", Some("rutte"), None, None, vec![], "rutte"),
            (
                "name",
                None,
                Some("Jane Doe"),
                None,
                vec![],
                "\"Jane Doe\" (not in pack)",
            ),
            (
                "anonymous",
                None,
                None,
                Some("a diplomat"),
                vec![],
                "anonymous: a diplomat",
            ),
            ("candidates", None, None, None, vec!["a", "b"], "one of a/b"),
            ("nobody", None, None, None, vec![], "nobody"),
        ];
        for (case, actor, name, anonymous, candidates, expected) in cases {
            let speaker = SpeakerSnapshot {
                actor: actor.map(ActorId::from),
                name: name.map(str::to_string),
                anonymous: anonymous.map(str::to_string),
                candidates: candidates.into_iter().map(ActorId::from).collect(),
            };
            assert_eq!(speaker.to_string(), expected, "{case}");
        }
    }
}
