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
    let mut topics: Vec<usize> = cues
        .iter()
        .filter_map(|c| match c.meaning {
            Meaning::Topic { topic, .. } | Meaning::TopicStance { topic, .. } => Some(topic),
            _ => None,
        })
        .collect();
    if topics.is_empty() {
        return Vec::new();
    }
    topics.sort_unstable();
    topics.dedup();
    let negations = governed_by(cues, Meaning::Negator, text);
    let hedges = governed_by(cues, Meaning::Hedge, text);
    let flips = |cue: &Cue| negations.iter().filter(|&&g| g == cue.span).count() % 2 == 1;
    let hedged = |cue: &Cue| clause.conditional || hedges.contains(&cue.span);
    let stance_cues: Vec<StanceCue<'_>> = cues
        .iter()
        .filter(|c| matches!(c.meaning, Meaning::StanceCue { .. }))
        .map(|c| StanceCue::new(c, cues, text))
        .collect();
    let mut partners: Vec<&Cue> = Vec::new();
    let mut out = Vec::new();
    for topic in topics {
        // An idiom for the topic stands for it; its plain topic phrases then add nothing.
        let has_idiom = cues
            .iter()
            .any(|c| matches!(c.meaning, Meaning::TopicStance { topic: t, .. } if t == topic));
        let anchors = cues.iter().filter(|c| match c.meaning {
            Meaning::TopicStance { topic: t, .. } => t == topic,
            Meaning::Topic { topic: t, .. } => t == topic && !has_idiom,
            _ => false,
        });
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
            partners.clear();
            partners.extend(
                stance_cues
                    .iter()
                    .filter(|c| c.takes(anchor.span, text))
                    .map(|c| c.cue),
            );
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
                        [&rules.rule_ids[anchor_rule], " (idiom)"].concat()
                    } else {
                        [&rules.rule_ids[anchor_rule], " (negated)"].concat()
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
            for &cue in &partners {
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
                    // Not `format!`: this runs for every reading, and concatenation is several times cheaper.
                    rule: [&rules.rule_ids[rule], " + ", &rules.rule_ids[anchor_rule]].concat(),
                });
            }
        }
    }
    out
}

/// A general stance cue of a clause, with what it needs to pick its topics.
struct StanceCue<'c> {
    cue: &'c Cue,
    /// The topic phrases it governs as a verb in the active voice; `None`
    /// when it takes any topic (a passive verb cue or a judgement cue).
    objects: Option<Vec<Span>>,
}

impl<'c> StanceCue<'c> {
    fn new(cue: &'c Cue, cues: &[Cue], text: &str) -> StanceCue<'c> {
        let passive = text[cue.span.end..].starts_with(" by ");
        let verb_cue = matches!(
            cue.meaning,
            Meaning::StanceCue {
                holder: HolderRule::Subject,
                ..
            }
        );
        StanceCue {
            cue,
            objects: (verb_cue && !passive).then(|| verb_objects(cue, cues, text)),
        }
    }

    /// Whether it combines with the topic phrase at `anchor`. A verb cue takes
    /// the topic that follows it ("calls for membership", not "membership …,
    /// proposing a plan"), unless passive ("rejected by").
    fn takes(&self, anchor: Span, text: &str) -> bool {
        let span = self.cue.span;
        if span.overlaps(anchor) {
            return false;
        }
        let within_reach = match self.cue.meaning {
            Meaning::StanceCue {
                reach: Some(reach), ..
            } => {
                anchor.start >= span.end
                    && at_most_words(&text[span.end..anchor.start], reach.into())
            }
            _ => true,
        };
        within_reach && self.objects.as_ref().is_none_or(|o| o.contains(&anchor))
    }
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
                let coordinated = at_most_words(between, 3)
                    && (contains(between, " and ")
                        || contains(between, " or ")
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
                    at_most_words(between, SCOPE_WORDS)
                        && !between.contains([',', ';'])
                        && !contains(between, " and ")
                        && !contains(between, " or ")
                })
                .map(|c| c.span)
        })
        .collect()
}

/// Whether `text` has at most `most` words; counts no further than that.
pub(super) fn at_most_words(text: &str, most: usize) -> bool {
    text.split_whitespace().nth(most).is_none()
}

/// Whether the short `text` contains `word`: a plain scan, cheaper than
/// setting up `str::contains`'s searcher for the few bytes between two cues.
fn contains(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|window| window == word.as_bytes())
}
