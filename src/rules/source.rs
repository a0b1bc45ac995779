//! The rule pack as written in YAML, and nothing more.
//!
//! Three kinds of file, told apart by their top-level key:
//! `actors:` (who can speak and how they are named), `lexicon:` (how the
//! language expresses speech, negation, hedging, time and stance in general)
//! and `topic:` (one contested topic: its cue phrases and its idioms).

use crate::model::Stance;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// A non-empty phrase in the pack's phrase syntax (see `rules::phrase`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase(pub String);

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.trim().is_empty() {
            return Err(serde::de::Error::custom("empty phrase"));
        }
        super::phrase::validate(&text).map_err(serde::de::Error::custom)?;
        Ok(Phrase(text))
    }
}

/// A file with `actors:`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ActorsFile {
    /// Every actor the pack knows.
    pub actors: Vec<ActorSource>,
}

/// Person, state or organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// A named individual.
    Person,
    /// A government speaking as one voice (`Moscow`, `Washington`).
    State,
    /// An alliance, party, ministry or company.
    Organisation,
}

/// Grammatical gender, for resolving `he` and `she`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gender {
    /// Referred to as he/him/his.
    Male,
    /// Referred to as she/her.
    Female,
}

/// One actor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ActorSource {
    /// The ontology id (`zelensky`).
    pub id: String,
    /// Canonical name for reports (`Volodymyr Zelensky`).
    pub name: String,
    /// Person, state or organisation.
    pub kind: ActorKind,
    /// For persons: male or female.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Other ways the text names this actor (spellings, surnames, capitals).
    #[serde(default)]
    pub aliases: Vec<Phrase>,
    /// Descriptions that mean this actor whatever the date (`the Green politician`).
    #[serde(default)]
    pub descriptors: Vec<Phrase>,
    /// Offices held, with dates: `the US president` means whoever held it then.
    #[serde(default)]
    pub roles: Vec<RoleSource>,
}

/// An office held between two dates.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleSource {
    /// Ways the text names the office (`US president`, `president of the United States`).
    pub title: Vec<Phrase>,
    /// First day in office, if it matters.
    #[serde(default, deserialize_with = "crate::yaml::optional_date")]
    pub from: Option<NaiveDate>,
    /// First day no longer in office, if it matters.
    #[serde(default, deserialize_with = "crate::yaml::optional_date")]
    pub until: Option<NaiveDate>,
}

/// A file with `lexicon:`: the general language of stance-taking.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconFile {
    /// The word lists.
    pub lexicon: Lexicon,
    /// General stance cues: combined with any topic cue in the same clause.
    #[serde(default)]
    pub stance_cues: Vec<CueGroup>,
}

/// Word lists the attribution and matching stages rely on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lexicon {
    /// Verbs that introduce speech (`say`, `tell`, `insist`, `according to`).
    pub speech_verbs: Vec<Phrase>,
    /// Verbs of belief whose subject holds the stance that follows (`believe`, `see`).
    #[serde(default)]
    pub cognition_verbs: Vec<Phrase>,
    /// Words that reverse the next cue (`not`, `never`, `no longer`).
    pub negators: Vec<Phrase>,
    /// Words that make the next cue noncommittal (`could`, `may`, `perhaps`).
    #[serde(default)]
    pub hedges: Vec<Phrase>,
    /// Words that open a conditional clause (`if`, `unless`).
    #[serde(default)]
    pub conditionals: Vec<Phrase>,
    /// Words that date a stance before the article (`previously`, `just days ago`).
    #[serde(default)]
    pub earlier: Vec<Phrase>,
    /// Longer phrases that contain an `earlier` word but do not date anything (`once again`).
    #[serde(default)]
    pub not_earlier: Vec<Phrase>,
    /// Nouns that stand for the organisation just named (`the statement`, `the ministry`).
    #[serde(default)]
    pub organisation_references: Vec<Phrase>,
    /// Nouns that make an unnamed source (`diplomat`, `officials`).
    #[serde(default)]
    pub anonymous_sources: Vec<Phrase>,
    /// Titles that may precede a name (`President`, `Foreign Minister`).
    #[serde(default)]
    pub titles: Vec<Phrase>,
    /// Words that point back at the topic of the previous sentence (`it`, `this decision`).
    #[serde(default)]
    pub topic_anaphora: Vec<Phrase>,
    /// Phrases by which an actor takes up the stance just reported (`reiterate this message`).
    #[serde(default)]
    pub echoes: Vec<Phrase>,
    /// Spelling variants treated as the same word everywhere (`defence`/`defense`).
    #[serde(default)]
    pub spellings: Vec<Vec<String>>,
}

/// Who holds a stance expressed by a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolderRule {
    /// The subject of the clause (`Zelensky calls for ...`, `X is reluctant`).
    Subject,
    /// Whoever says the sentence (`membership is necessary`, said Rutte).
    Speaker,
}

/// A group of phrases sharing a stance.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CueGroup {
    /// A short id, unique within the file (`call-for`).
    pub id: String,
    /// The stance the phrases express.
    pub stance: Stance,
    /// Who holds it.
    #[serde(default = "default_holder")]
    pub holder: HolderRule,
    /// When set, the topic must follow the cue within this many words (`must`
    /// only supports what it governs: "Europe must provide …").
    #[serde(default)]
    pub reach: Option<u8>,
    /// The phrases.
    pub phrases: Vec<Phrase>,
    /// Sentences this group must and must not match.
    #[serde(default)]
    pub examples: Examples,
}

fn default_holder() -> HolderRule {
    HolderRule::Subject
}

/// A file with `topic:`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TopicFile {
    /// The ontology id.
    pub topic: String,
    /// The label reports print.
    pub label: String,
    /// Phrases that name the topic without taking a side.
    pub cues: CueList,
    /// Idioms that name the topic and a stance at once.
    #[serde(default)]
    pub rules: Vec<CueGroup>,
}

/// Topic cue phrases with their examples.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CueList {
    /// The phrases.
    pub phrases: Vec<Phrase>,
    /// Sentences the cues (with the pack's stance cues) must and must not match.
    #[serde(default)]
    pub examples: Examples,
}

/// Example sentences a rule must match, must not match, or should one day match.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Examples {
    /// Each must yield the observation given.
    #[serde(default, rename = "match")]
    pub matches: Vec<Example>,
    /// Each must yield no observation from this rule.
    #[serde(default)]
    pub no_match: Vec<String>,
    /// Known gaps: listed, never failing.
    #[serde(default)]
    pub todo: Vec<Example>,
}

/// A sentence and the observation it must yield.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    /// The sentence (a few sentences are fine: `he` needs someone before it).
    pub text: String,
    /// The actor expected to hold the stance.
    pub actor: Option<String>,
    /// The stance expected; the topic is the file's.
    pub stance: Option<Stance>,
    /// The topic, for examples in the lexicon's stance cues.
    #[serde(default)]
    pub topic: Option<String>,
    /// `earlier` when the example's stance is dated before the text.
    #[serde(default)]
    pub held: Option<String>,
    /// Why a `todo` example is not handled yet.
    #[serde(default)]
    pub why: Option<String>,
}
