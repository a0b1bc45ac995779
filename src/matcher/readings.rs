//! A clause's cues -> stance readings: topics and cues combined, negation and hedges applied.

use super::clauses::Clause;
use super::MatchInput;
use crate::mentions::Cue;
use crate::model::{Span, Stance};
use crate::rules::source::HolderRule;
use crate::rules::{CompiledRules, Meaning};

/// Most words between a negator or hedge and the cue it governs.
const SCOPE_WORDS: usize = 3;

/// A candidate stance before its holder is known.
pub(super) struct Reading {
    pub topic: usize,
    pub stance: Stance,
    pub holder: HolderRule,
    /// Where the stance is expressed (the cue, or the idiom).
    pub at: Span,
    /// The passive `by` agents look right after this.
    pub cue_end: usize,
    pub rule: String,
}

/// The stance readings of one clause: idioms alone or with cues, topic cues with cues.
pub(super) fn readings(
    cues: &[Cue],
    clause: &Clause,
    input: &MatchInput<'_>,
    rules: &CompiledRules,
) -> Vec<Reading> {
    let text = &input.seg.text;
    let negations = governed_by(cues, Meaning::Negator, text);
    let hedges = governed_by(cues, Meaning::Hedge, text);
    let flips = |cue: &Cue| negations.iter().filter(|&&g| g == cue.span).count() % 2 == 1;
    let hedged = |cue: &Cue| clause.conditional || hedges.contains(&cue.span);
    let stance_cues: Vec<&Cue> = cues
        .iter()
        .filter(|c| matches!(c.meaning, Meaning::StanceCue { .. }))
        .collect();
    let mut topics: Vec<usize> = cues
        .iter()
        .filter_map(|c| match c.meaning {
            Meaning::Topic { topic, .. } | Meaning::TopicStance { topic, .. } => Some(topic),
            _ => None,
        })
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let mut out = Vec::new();
    for topic in topics {
        let idioms: Vec<&Cue> = cues
            .iter()
            .filter(|c| matches!(c.meaning, Meaning::TopicStance { topic: t, .. } if t == topic))
            .collect();
        let anchors: Vec<&Cue> = if idioms.is_empty() {
            cues.iter()
                .filter(|c| matches!(c.meaning, Meaning::Topic { topic: t, .. } if t == topic))
                .collect()
        } else {
            idioms
        };
        for anchor in anchors {
            let (anchor_stance, anchor_holder, anchor_rule, is_idiom) = match anchor.meaning {
                Meaning::TopicStance {
                    stance,
                    holder,
                    rule,
                    ..
                } => (stance, holder, rule, true),
                Meaning::Topic { rule, .. } => (Stance::Support, HolderRule::Speaker, rule, false),
                _ => continue,
            };
            let mut base = anchor_stance;
            if flips(anchor) {
                base = base.negated();
            }
            // A verb cue takes the topic that follows it ("calls for membership",
            // not "membership …, proposing a plan"), unless passive ("rejected by").
            let partners: Vec<&&Cue> = stance_cues
                .iter()
                .filter(|c| !c.span.overlaps(anchor.span))
                .filter(|c| {
                    let passive = text[c.span.end..].starts_with(" by ");
                    let verb_cue = matches!(
                        c.meaning,
                        Meaning::StanceCue {
                            holder: HolderRule::Subject,
                            ..
                        }
                    );
                    let within_reach = match c.meaning {
                        Meaning::StanceCue {
                            reach: Some(reach), ..
                        } => {
                            anchor.span.start >= c.span.end
                                && text[c.span.end..anchor.span.start]
                                    .split_whitespace()
                                    .count()
                                    <= reach as usize
                        }
                        _ => true,
                    };
                    let object =
                        !verb_cue || passive || verb_objects(c, cues, text).contains(&anchor.span);
                    within_reach && object
                })
                .collect();
            if partners.is_empty() {
                // A topic named without a cue takes a side only when negated ("no US troops").
                // In an `if` clause a bare negated topic says nothing ("if Kyiv does not get …").
                if is_idiom || (flips(anchor) && !clause.conditional) {
                    let stance = if hedged(anchor) {
                        Stance::Neutral
                    } else {
                        base
                    };
                    let rule = if is_idiom {
                        format!("{} (idiom)", rules.rule_ids[anchor_rule])
                    } else {
                        format!("{} (negated)", rules.rule_ids[anchor_rule])
                    };
                    out.push(Reading {
                        topic,
                        stance,
                        holder: anchor_holder,
                        at: anchor.span,
                        cue_end: anchor.span.end,
                        rule,
                    });
                }
                continue;
            }
            for cue in partners {
                let Meaning::StanceCue {
                    stance,
                    holder,
                    rule,
                    ..
                } = cue.meaning
                else {
                    continue;
                };
                let mut combined = base.times(stance);
                if flips(cue) {
                    combined = combined.negated();
                }
                if hedged(cue) || hedged(anchor) {
                    // "he could announce more aid" speculates about the holder: no stance.
                    if holder == HolderRule::Subject && hedges.contains(&cue.span) {
                        continue;
                    }
                    combined = Stance::Neutral;
                }
                out.push(Reading {
                    topic,
                    stance: combined,
                    holder,
                    at: cue.span,
                    cue_end: cue.span.end,
                    rule: format!("{} + {}", rules.rule_ids[rule], rules.rule_ids[anchor_rule]),
                });
            }
        }
    }
    out
}

/// The topic phrases a verb cue governs: the first one after it, and those
/// coordinated with it ("calls for weapons and air defence"), but not a
/// topic further on ("will not accept troops under any peace deal").
fn verb_objects(verb: &Cue, cues: &[Cue], text: &str) -> Vec<Span> {
    let mut after: Vec<Span> = cues
        .iter()
        .filter(|c| {
            matches!(
                c.meaning,
                Meaning::Topic { .. } | Meaning::TopicStance { .. }
            )
        })
        .filter(|c| c.span.start >= verb.span.end)
        .map(|c| c.span)
        .collect();
    after.sort();
    after.dedup();
    let mut objects: Vec<Span> = Vec::new();
    for span in after {
        match objects.last() {
            None => objects.push(span),
            // Overlapping phrases of one stretch of text are the same object.
            Some(last) if span.start < last.end => objects.push(span),
            Some(last) => {
                let between = &text[last.end..span.start];
                let coordinated = between.split_whitespace().count() <= 3
                    && (between.contains(" and ")
                        || between.contains(" or ")
                        || between.trim() == ",");
                if !coordinated {
                    break;
                }
                objects.push(span);
            }
        }
    }
    objects
}

/// For each negator (or hedge) in the clause, the span of the stance-family cue
/// it governs: the gapped phrase it sits inside, else the first cue that
/// starts within a few words after it.
fn governed_by(cues: &[Cue], kind: Meaning, text: &str) -> Vec<Span> {
    let is_stance = |c: &Cue| {
        matches!(
            c.meaning,
            Meaning::Topic { .. } | Meaning::StanceCue { .. } | Meaning::TopicStance { .. }
        )
    };
    cues.iter()
        .filter(|c| c.meaning == kind)
        .filter_map(|marker| {
            if let Some(host) = cues
                .iter()
                .find(|c| is_stance(c) && c.hit.in_gap(marker.span))
            {
                return Some(host.span);
            }
            cues.iter()
                .filter(|c| is_stance(c) && c.span.start >= marker.span.end)
                .min_by_key(|c| c.span.start)
                .filter(|c| {
                    let between = &text[marker.span.end..c.span.start];
                    // Scope ends at a comma or a coordinator: "no X and no Y".
                    between.split_whitespace().count() <= SCOPE_WORDS
                        && !between.contains([',', ';'])
                        && !between.contains(" and ")
                        && !between.contains(" or ")
                })
                .map(|c| c.span)
        })
        .collect()
}
