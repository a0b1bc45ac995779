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

/// Narrowing a search over items kept in text order (sorted by start), so
/// that per-article work stays linear instead of every item meeting every other.
impl Span {
    /// The items of `sorted` that start inside this span (or right at its
    /// end): every item this span contains, in their order.
    pub fn starting_within<'a, T>(&self, sorted: &'a [T], span_of: impl Fn(&T) -> Span) -> &'a [T] {
        &sorted[self.indexes_starting_within(sorted, span_of)]
    }

    /// Where in `sorted` the items of [`Self::starting_within`] are.
    pub fn indexes_starting_within<T>(
        &self,
        sorted: &[T],
        span_of: impl Fn(&T) -> Span,
    ) -> std::ops::Range<usize> {
        let from = leading(sorted, |t| span_of(t).start < self.start);
        let to = from + leading(&sorted[from..], |t| span_of(t).start <= self.end);
        from..to
    }

    /// The items of `sorted` (none longer than `longest` bytes) that could
    /// overlap or contain this span, in their order: whatever a search over
    /// all of `sorted` would find, a search over these finds.
    pub fn reachable_from<'a, T>(
        &self,
        sorted: &'a [T],
        longest: usize,
        span_of: impl Fn(&T) -> Span,
    ) -> &'a [T] {
        let from = sorted.partition_point(|t| span_of(t).start + longest < self.start);
        let to = sorted.partition_point(|t| span_of(t).start <= self.end);
        &sorted[from..to.max(from)]
    }
}

/// How many items at the start of `sorted` are `before` (those that are
/// come first). Few items are stepped over, which costs less than a binary
/// search; many, as in a run-on sentence, get the search.
fn leading<T>(sorted: &[T], before: impl Fn(&T) -> bool) -> usize {
    if sorted.len() <= 16 {
        sorted.iter().take_while(|t| before(t)).count()
    } else {
        sorted.partition_point(before)
    }
}

/// The length of the longest span, for [`Span::reachable_from`].
pub fn longest_span<T>(items: &[T], span_of: impl Fn(&T) -> Span) -> usize {
    items
        .iter()
        .map(|t| {
            let span = span_of(t);
            span.end.saturating_sub(span.start)
        })
        .max()
        .unwrap_or(0)
}

/// Month names, January first: for datelines, time cues and telling dates from names.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Day names, Monday first.
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans of many lengths, sorted by start, from a fixed pseudo-random sequence.
    fn spans() -> Vec<Span> {
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut spans: Vec<Span> = (0..300)
            .map(|_| {
                let start = next(1000) as usize;
                Span::new(start, start + next(40) as usize)
            })
            .collect();
        spans.sort();
        spans
    }

    #[test]
    fn narrowed_searches_find_what_full_searches_find() {
        let items = spans();
        let longest = longest_span(&items, |s| *s);
        for probe in spans().iter().step_by(7) {
            let near = probe.reachable_from(&items, longest, |s| *s);
            let overlapping = |list: &[Span]| -> Vec<Span> {
                list.iter()
                    .copied()
                    .filter(|s| s.overlaps(*probe))
                    .collect()
            };
            let containing = |list: &[Span]| -> Vec<Span> {
                list.iter()
                    .copied()
                    .filter(|s| s.contains(*probe))
                    .collect()
            };
            assert_eq!(overlapping(near), overlapping(&items), "{probe:?}");
            assert_eq!(containing(near), containing(&items), "{probe:?}");
            let inside = |list: &[Span]| -> Vec<Span> {
                list.iter()
                    .copied()
                    .filter(|s| probe.contains(*s))
                    .collect()
            };
            let within = probe.starting_within(&items, |s| *s);
            assert_eq!(inside(within), inside(&items), "{probe:?}");
        }
    }

    #[test]
    fn items_starting_within_are_exactly_those_of_a_full_search_in_short_and_long_lists() {
        let items = spans();
        for length in 0..=40 {
            let list = &items[..length];
            for probe in spans().iter().step_by(5) {
                let expected: Vec<Span> = (list.iter().copied())
                    .filter(|s| probe.start <= s.start && s.start <= probe.end)
                    .collect();
                assert_eq!(
                    probe.starting_within(list, |s| *s),
                    expected,
                    "{probe:?} of {length}"
                );
            }
        }
    }
}
