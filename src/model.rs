//! Domain nouns shared by every stage: ids, stances, spans and the per-article result.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the rule pack.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
    };
}

id_type!(
    /// An actor id from the ontology, such as `rutte`.
    ActorId
);
id_type!(
    /// A topic id from the ontology, such as `ukraine-nato-membership`.
    TopicId
);
id_type!(
    /// An article id: its file name without extension.
    ArticleId
);

/// A position on a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// In favour of the topic as stated.
    Support,
    /// Against the topic as stated.
    Oppose,
    /// On record but noncommittal, mixed or undecided.
    Neutral,
}

impl Stance {
    /// The stance with its polarity reversed; neutral stays neutral.
    pub fn negated(self) -> Stance {
        match self {
            Stance::Support => Stance::Oppose,
            Stance::Oppose => Stance::Support,
            Stance::Neutral => Stance::Neutral,
        }
    }

    /// Combines two polarities like signs: oppose of an oppose-phrase is support.
    pub fn times(self, other: Stance) -> Stance {
        match (self, other) {
            (Stance::Neutral, _) | (_, Stance::Neutral) => Stance::Neutral,
            (a, b) if a == b => Stance::Support,
            _ => Stance::Oppose,
        }
    }

    /// The id used in rule files and JSON (`support`, `oppose`, `neutral`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Neutral => "neutral",
        }
    }

    /// The adjective used in reports (`supportive`, `opposed`, `neutral`).
    pub fn adjective(self) -> &'static str {
        match self {
            Stance::Support => "supportive",
            Stance::Oppose => "opposed",
            Stance::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range `[start, end)` into a text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
