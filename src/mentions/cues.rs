//! Which phrase hits stay cues: the longest of overlapping hits in one
//! family, and no speech verb inside a name.

use super::nearby::NearbySpans;
use super::{Cue, Mention};
use crate::model::longest_span;
use crate::rules::{Hit, Meaning};

/// The cue family decides which hits a longer hit swallows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Stance,
    Negation,
    Hedge,
    Time,
    Speech,
    Conditional,
}

fn family(meaning: Meaning) -> Family {
    match meaning {
        Meaning::Topic { .. } | Meaning::StanceCue { .. } | Meaning::TopicStance { .. } => {
            Family::Stance
        }
        Meaning::Negator => Family::Negation,
        Meaning::Hedge => Family::Hedge,
        Meaning::Earlier | Meaning::NotEarlier => Family::Time,
        Meaning::Conditional => Family::Conditional,
        _ => Family::Speech,
    }
}

/// Keeps the longest of overlapping hits in one family, drops negators, hedges
/// and time words inside a stance phrase (`not realistic` is one cue, not a
/// negated `realistic`), and drops `once` inside `once again`; drops speech
/// and cognition verbs inside a mention (`States` in `United States`).
/// `hits` come with their meanings in text order, `mentions` sorted by span
/// and none longer than `longest`.
pub(super) fn filter_cues(
    hits: &[(&Hit, Meaning)],
    mentions: &[Mention],
    longest: usize,
) -> Vec<Cue> {
    let mut near_mentions = NearbySpans::new(mentions, |m| m.span, longest);
    let mut cues = Vec::with_capacity(hits.len());
    // Only a hit that contains another can swallow it: one that starts at
    // or before it, hits coming in order of start, and that is no shorter.
    let longest_hit = longest_span(hits, |(hit, _)| hit.span);
    // The furthest end of the hits before the one looked at.
    let mut reach = 0;
    for (i, candidate @ &(hit, meaning)) in hits.iter().enumerate() {
        let later_same_start = || {
            hits[i + 1..]
                .iter()
                .take_while(|(h, _)| h.span.start == hit.span.start)
        };
        // A hit that swallows this one reaches at least as far and is
        // before it or starts with it; most often there is none, and the
        // hits before are only searched when there may be.
        let may_be_swallowed =
            reach >= hit.span.end || later_same_start().any(|(h, _)| h.span.end >= hit.span.end);
        reach = reach.max(hit.span.end);
        let swallowed = may_be_swallowed && {
            let started = i + 1 + later_same_start().count();
            hits[..started]
                .iter()
                .rev()
                .take_while(|(other, _)| other.span.start + longest_hit >= hit.span.end)
                .any(|other| swallows(other, candidate))
        };
        let kept = meaning != Meaning::NotEarlier
            && !swallowed
            && !(matches!(meaning, Meaning::Speech | Meaning::Cognition)
                && near_mentions.any_overlaps(hit.span));
        if kept {
            cues.push(Cue {
                span: hit.span,
                meaning,
                phrase: hit.phrase,
                hit: *hit,
            });
        }
    }
    cues
}

/// Whether cue `other` swallows cue `cue`.
fn swallows(&(other, other_meaning): &(&Hit, Meaning), &(cue, meaning): &(&Hit, Meaning)) -> bool {
    // A gapped phrase swallows only what lies in its own words, not its gaps.
    // Most often `other` is `cue` itself, or a hit that only touches it.
    let longer = other.span != cue.span && other.covers(cue.span);
    if !longer {
        return false;
    }
    let (mine, theirs) = (family(meaning), family(other_meaning));
    let same_family = mine == theirs && mine != Family::Stance;
    // A negator in the gap of `Russia … want … end the war` negates it; one
    // in a phrase's own words (`not realistic`) is part of it.
    let absorbed =
        theirs == Family::Stance && matches!(mine, Family::Negation | Family::Hedge | Family::Time);
    let overlapping_stance =
        mine == Family::Stance && theirs == Family::Stance && same_kind(meaning, other_meaning);
    same_family || absorbed || overlapping_stance
}

/// Whether a shorter stance-family hit `a` is part of a longer hit `b`: a
/// cue inside a cue or topic phrase (`support` in `military support`), a topic
/// phrase inside another of the same topic. An idiom is never swallowed by a
/// plain topic phrase: it says more.
fn same_kind(a: Meaning, b: Meaning) -> bool {
    match (a, b) {
        (Meaning::StanceCue { .. }, Meaning::StanceCue { .. }) => true,
        (
            Meaning::Topic { topic: x, .. },
            Meaning::Topic { topic: y, .. } | Meaning::TopicStance { topic: y, .. },
        )
        | (Meaning::TopicStance { topic: x, .. }, Meaning::TopicStance { topic: y, .. }) => x == y,
        (Meaning::StanceCue { .. }, Meaning::TopicStance { .. } | Meaning::Topic { .. }) => true,
        _ => false,
    }
}
