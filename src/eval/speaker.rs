//! Who a gold entry names: an actor id or list of ids, a name, or an anonymous source.
//!
//! These come in several YAML shapes (`rutte`, `[sybiha, ukraine]`,
//! `{name: ...}`, `{anonymous: true}`). They are read with hand-written
//! visitors rather than `#[serde(untagged)]`, which buffers the input and
//! loses the line and column of any mistake; errors raised here with
//! `de::Error::custom` get their position from serde_yaml.

use crate::model::ActorId;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An actor id, or a non-empty list of ids of which any one is correct.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorChoice(pub Vec<ActorId>);

/// The speaker of a gold quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoldSpeaker {
    /// An ontology actor, or a list of which any one is correct.
    Actor(ActorChoice),
    /// A named speaker outside the ontology (`{name: "Some Person"}`).
    Name(String),
    /// An unnamed source (`{anonymous: true}`).
    Anonymous,
}

/// Queries.
impl ActorChoice {
    /// Whether `actor` is one of the acceptable ids.
    pub fn accepts(&self, actor: &ActorId) -> bool {
        self.0.contains(actor)
    }

    /// The ids joined with `|` (`sybiha|ukraine`), for reports.
    pub fn label(&self) -> String {
        let ids: Vec<&str> = self.0.iter().map(ActorId::as_str).collect();
        ids.join("|")
    }
}

impl From<&str> for ActorChoice {
    fn from(id: &str) -> Self {
        ActorChoice(vec![ActorId::from(id)])
    }
}

/// Presentation in reports.
impl GoldSpeaker {
    /// How the speaker is shown in reports: `rutte`, `sybiha|ukraine`, `name "Keir Giles"`, `anonymous`.
    pub fn label(&self) -> String {
        match self {
            GoldSpeaker::Actor(choice) => choice.label(),
            GoldSpeaker::Name(name) => format!("name {name:?}"),
            GoldSpeaker::Anonymous => "anonymous".to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for ActorChoice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ActorChoiceVisitor)
    }
}

impl<'de> Deserialize<'de> for GoldSpeaker {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SpeakerVisitor)
    }
}

/// Reads `rutte` or `[sybiha, ukraine]`.
struct ActorChoiceVisitor;

impl<'de> Visitor<'de> for ActorChoiceVisitor {
    type Value = ActorChoice;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an actor id or a list of actor ids")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<ActorChoice, E> {
        Ok(ActorChoice(vec![actor_id(id)?]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ActorChoice, A::Error> {
        let mut ids = Vec::new();
        while let Some(id) = seq.next_element::<String>()? {
            ids.push(actor_id(&id)?);
        }
        if ids.is_empty() {
            return Err(de::Error::custom(
                "empty list of actor ids, expected at least one",
            ));
        }
        Ok(ActorChoice(ids))
    }
}

/// Reads an actor id or list, `{name: "..."}` or `{anonymous: true}`.
struct SpeakerVisitor;

impl<'de> Visitor<'de> for SpeakerVisitor {
    type Value = GoldSpeaker;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an actor id, a list of actor ids, {name: ...} or {anonymous: true}")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<GoldSpeaker, E> {
        ActorChoiceVisitor.visit_str(id).map(GoldSpeaker::Actor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<GoldSpeaker, A::Error> {
        ActorChoiceVisitor.visit_seq(seq).map(GoldSpeaker::Actor)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GoldSpeaker, A::Error> {
        let key: String = map
            .next_key()?
            .ok_or_else(|| de::Error::custom("empty speaker, expected `name` or `anonymous`"))?;
        let speaker = match key.as_str() {
            "name" => {
                let name: String = map.next_value()?;
                if name.trim().is_empty() {
                    return Err(de::Error::custom("speaker name is empty"));
                }
                GoldSpeaker::Name(name)
            }
            "anonymous" => {
                if !map.next_value::<bool>()? {
                    return Err(de::Error::custom(
                        "`anonymous: false` says nothing, expected `anonymous: true`",
                    ));
                }
                GoldSpeaker::Anonymous
            }
            other => return Err(de::Error::unknown_field(other, &["name", "anonymous"])),
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format!(
                "speaker has `{key}` and `{extra}`, expected only one key"
            )));
        }
        Ok(speaker)
    }
}

/// An actor id, refusing the empty string.
fn actor_id<E: de::Error>(id: &str) -> Result<ActorId, E> {
    if id.trim().is_empty() {
        return Err(E::custom("empty actor id"));
    }
    Ok(ActorId::from(id))
}

// Serialisation mirrors the YAML shapes, so a report can echo gold entries.

impl Serialize for ActorChoice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(serializer),
            ids => ids.serialize(serializer),
        }
    }
}

impl Serialize for GoldSpeaker {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            GoldSpeaker::Actor(choice) => choice.serialize(serializer),
            GoldSpeaker::Name(name) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("name", name)?;
                map.end()
            }
            GoldSpeaker::Anonymous => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("anonymous", &true)?;
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::parse_gold;
    use std::path::Path;

    fn speaker_of(yaml_speaker: &str) -> Result<GoldSpeaker, String> {
        let text = format!(
            "article: a\ndate: 2024-01-01\nquotes:\n  - text: hi\n    speaker: {yaml_speaker}\n"
        );
        parse_gold(&text, Path::new("g.yaml"))
            .map(|gold| gold.quotes[0].speaker.clone())
            .map_err(|errs| errs[0].to_string())
    }

    #[test]
    fn reads_every_speaker_kind() {
        let cases: &[(&str, GoldSpeaker)] = &[
            ("rutte", GoldSpeaker::Actor("rutte".into())),
            (
                "[sybiha, ukraine]",
                GoldSpeaker::Actor(ActorChoice(vec!["sybiha".into(), "ukraine".into()])),
            ),
            (
                "{name: \"Keir Giles\"}",
                GoldSpeaker::Name("Keir Giles".into()),
            ),
            ("{anonymous: true}", GoldSpeaker::Anonymous),
        ];
        for (input, expected) in cases {
            assert_eq!(&speaker_of(input).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn bad_speakers_are_reported_at_their_line() {
        let cases = [
            ("{anonymous: false}", "expected `anonymous: true`"),
            ("{nmae: X}", "unknown field `nmae`"),
            ("{name: X, anonymous: true}", "expected only one key"),
            ("[]", "empty list of actor ids"),
            ("42", "expected an actor id, a list of actor ids"),
            ("{name: \"\"}", "speaker name is empty"),
        ];
        for (input, expected) in cases {
            let err = speaker_of(input).unwrap_err();
            assert!(err.starts_with("g.yaml:5:"), "{input}: {err}");
            assert!(err.contains(expected), "{input}: {err}");
        }
    }
}
