//! Beyond the sentence: topic anaphora (`it is rejected by …`) and echoes (`reiterated this message`).

use super::clauses::Clause;
use super::found::{Found, FoundRule};
use super::holders::clause_subject;
use super::readings::at_most_words;
use super::MatchInput;
use crate::mentions::Cue;
use crate::model::Span;
use crate::quotes::Quote;
use crate::rules::{CompiledRules, Meaning};

/// How many sentences back an echo (`reiterate this message`) looks for the stance it takes up.
pub(super) const ECHO_WINDOW: usize = 2;

/// "His foreign minister intends to reiterate this message": the clause's
/// subject takes up the stances found in the `earlier` sentences, the
/// sentence itself (`evidence`, in the original text) showing it.
pub(super) fn echo_observations<'f>(
    cues: &[Cue],
    clause: &Clause,
    evidence: Span,
    earlier: impl Iterator<Item = &'f Found>,
    input: &MatchInput<'_>,
    rules: &CompiledRules,
) -> Vec<Found> {
    let Some(echo) = cues.iter().find(|c| c.meaning == Meaning::Echo) else {
        return Vec::new();
    };
    let Some(holders) = clause_subject(echo.span, clause, input) else {
        return Vec::new();
    };
    let mut echoed = Vec::new();
    for source in earlier.filter(|o| o.held.is_none()) {
        for &actor in &holders {
            if rules.actors[actor].id == rules.actors[source.actor].id {
                continue;
            }
            echoed.push(Found {
                actor,
                evidence,
                quoted: false,
                rule: FoundRule {
                    echoes: source.rule.echoes + 1,
                    ..source.rule
                },
                ..*source
            });
        }
    }
    echoed
}

/// How many topics a sentence names with topic phrases or idioms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    Nothing,
    One(usize),
    Several,
}

/// The topics a sentence names, from the cues starting within it.
pub(super) fn topics_named(cues: &[Cue], sentence: Span) -> Named {
    let mut named = Named::Nothing;
    for cue in cues.iter().filter(|c| sentence.contains(c.span)) {
        let (Meaning::Topic { topic, .. } | Meaning::TopicStance { topic, .. }) = cue.meaning
        else {
            continue;
        };
        named = match named {
            Named::Nothing => Named::One(topic),
            Named::One(one) if one == topic => named,
            _ => Named::Several,
        };
    }
    named
}

/// The topic `it` or `this decision` can point back to: the only topic of the
/// nearest of the two previous sentences that names one.
pub(super) fn previous_topic(named: &[Named], index: usize) -> Option<usize> {
    let nearest = named[index.saturating_sub(2)..index]
        .iter()
        .rev()
        .find(|&&n| n != Named::Nothing)?;
    match *nearest {
        Named::One(topic) => Some(topic),
        _ => None,
    }
}

/// Most words between an anaphor and the stance cue it stands with.
const ANAPHOR_REACH: usize = 4;

/// In a clause with a stance cue but no topic phrase, an anaphor near the cue
/// stands for the previous sentence's topic: "It … is rejected by Scholz and
/// Orban", "reluctant to take this decision".
pub(super) fn resolve_topic_anaphor(
    cues: &mut Vec<Cue>,
    topic: usize,
    text: &str,
    quotes: &[Quote],
) {
    let names_topic = cues.iter().any(|c| {
        matches!(
            c.meaning,
            Meaning::Topic { .. } | Meaning::TopicStance { .. }
        )
    });
    if names_topic {
        return;
    }
    let near_cue = |anaphor: &Cue| {
        cues.iter()
            .filter(|c| matches!(c.meaning, Meaning::StanceCue { .. }))
            .any(|c| {
                // A passive cue's subject may stand anywhere before it: "It … is rejected by".
                let passive =
                    text[c.span.end..].starts_with(" by ") && c.span.start >= anaphor.span.end;
                if passive {
                    return true;
                }
                let (from, to) = if c.span.start >= anaphor.span.end {
                    (anaphor.span.end, c.span.start)
                } else {
                    (c.span.end, anaphor.span.start.max(c.span.end))
                };
                at_most_words(&text[from..to], ANAPHOR_REACH)
            })
    };
    let resolved: Vec<Cue> = cues
        .iter()
        // Inside a quote, "this" is the speaker's own discourse, not the narrator's topic.
        .filter(|c| c.meaning == Meaning::Anaphor && near_cue(c))
        .filter(|c| !quotes.iter().any(|q| q.outer.overlaps(c.span)))
        .map(|c| Cue {
            meaning: Meaning::Topic {
                topic,
                rule: crate::rules::compile::ANAPHORA_RULE,
            },
            ..*c
        })
        .collect();
    cues.extend(resolved);
    cues.sort_by_key(|c| c.span);
}
