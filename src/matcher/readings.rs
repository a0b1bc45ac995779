//! A clause's cues -> stance readings: topics and cues combined, negation and hedges applied.

use super::clauses::Clause;
use super::MatchInput;
use crate::mentions::Cue;
use crate::model::{Span, Stance};
use crate::rules::source::HolderRule;
use crate::rules::{CompiledRules, Meaning};
use std::ops::Range;

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
    pub rule: RuleName,
}

/// The rules a reading comes from, spelt out (a new string) only for output.
#[derive(Debug, Clone, Copy)]
pub(super) enum RuleName {
    /// An idiom standing alone.
    Idiom(usize),
    /// A negated topic phrase standing alone.
    Negated(usize),
    /// A stance cue and the topic phrase or idiom it takes.
    Combined { cue: usize, anchor: usize },
}

impl RuleName {
    /// The rule ids as output shows them: `cue + anchor`, `idiom (idiom)`.
    pub fn spelt(self, rules: &CompiledRules) -> String {
        let ids = &rules.rule_ids;
        let (first, joint, second) = match self {
            RuleName::Idiom(rule) => (&ids[rule], " (idiom)", ""),
            RuleName::Negated(rule) => (&ids[rule], " (negated)", ""),
            RuleName::Combined { cue, anchor } => (&ids[cue], " + ", ids[anchor].as_str()),
        };
        // Not `format!` or `concat`: this runs for every observation, and plain pushes are cheaper.
        let mut name = String::with_capacity(first.len() + joint.len() + second.len());
        name.push_str(first);
        name.push_str(joint);
        name.push_str(second);
        name
    }
}

/// The buffers [`readings`] fills, kept from clause to clause so that a
/// clause costs no allocation once the first few have grown them.
#[derive(Default)]
pub(super) struct Readings {
    /// The readings of the last clause.
    pub found: Vec<Reading>,
    topics: Vec<usize>,
    /// Every topic phrase of the clause, sorted, without duplicates.
    topic_spans: Vec<Span>,
    negations: Vec<Span>,
    hedges: Vec<Span>,
    stance_cues: Vec<StanceCue>,
    /// Indexes into `stance_cues` of the cues taking the current anchor.
    partners: Vec<usize>,
}

impl Readings {
    /// Replaces `found` with the stance readings of one clause: idioms alone
    /// or with cues, topic cues with cues.
    pub fn read(&mut self, cues: &[Cue], clause: &Clause, input: &MatchInput<'_>) {
        self.found.clear();
        let text = &input.seg.text;
        self.topics.clear();
        self.topics
            .extend(cues.iter().filter_map(|c| match c.meaning {
                Meaning::Topic { topic, .. } | Meaning::TopicStance { topic, .. } => Some(topic),
                _ => None,
            }));
        if self.topics.is_empty() {
            return;
        }
        self.topics.sort_unstable();
        self.topics.dedup();
        self.topic_spans.clear();
        self.topic_spans
            .extend(cues.iter().filter(|c| is_topic(c)).map(|c| c.span));
        self.topic_spans.sort_unstable();
        self.topic_spans.dedup();
        governed_by(cues, Meaning::Negator, text, &mut self.negations);
        governed_by(cues, Meaning::Hedge, text, &mut self.hedges);
        self.stance_cues.clear();
        self.stance_cues.extend(
            cues.iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.meaning, Meaning::StanceCue { .. }))
                .map(|(i, c)| StanceCue::new(i, c, &self.topic_spans, text)),
        );
        let (out, partners) = (&mut self.found, &mut self.partners);
        let (topic_spans, stance_cues) = (&self.topic_spans[..], &self.stance_cues);
        let (negations, hedges) = (&self.negations, &self.hedges);
        let flips = |cue: &Cue| negations.iter().filter(|&&g| g == cue.span).count() % 2 == 1;
        let hedged = |cue: &Cue| clause.conditional || hedges.contains(&cue.span);
        for &topic in &self.topics {
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
                    Meaning::Topic { rule, .. } => {
                        (Stance::Support, HolderRule::Speaker, rule, false)
                    }
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
                        .filter(|c| c.takes(&cues[c.cue], anchor.span, topic_spans, text))
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
                            RuleName::Idiom(anchor_rule)
                        } else {
                            RuleName::Negated(anchor_rule)
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
                for &partner in partners.iter() {
                    let cue = &cues[partner];
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
                        rule: RuleName::Combined {
                            cue: rule,
                            anchor: anchor_rule,
                        },
                    });
                }
            }
        }
    }
}

fn is_topic(cue: &Cue) -> bool {
    matches!(
        cue.meaning,
        Meaning::Topic { .. } | Meaning::TopicStance { .. }
    )
}

/// A general stance cue of a clause, with what it needs to pick its topics.
struct StanceCue {
    /// Index of the cue among the clause's cues.
    cue: usize,
    /// The topic phrases it governs as a verb in the active voice, a range
    /// of the clause's sorted topic spans; `None` when it takes any topic
    /// (a passive verb cue or a judgement cue).
    objects: Option<Range<usize>>,
}

impl StanceCue {
    fn new(index: usize, cue: &Cue, topic_spans: &[Span], text: &str) -> StanceCue {
        let passive = text[cue.span.end..].starts_with(" by ");
        let verb_cue = matches!(
            cue.meaning,
            Meaning::StanceCue {
                holder: HolderRule::Subject,
                ..
            }
        );
        StanceCue {
            cue: index,
            objects: (verb_cue && !passive).then(|| verb_objects(cue, topic_spans, text)),
        }
    }

    /// Whether `cue` (this one) combines with the topic phrase at `anchor`. A
    /// verb cue takes the topic that follows it ("calls for membership", not
    /// "membership …, proposing a plan"), unless passive ("rejected by").
    fn takes(&self, cue: &Cue, anchor: Span, topic_spans: &[Span], text: &str) -> bool {
        let span = cue.span;
        if span.overlaps(anchor) {
            return false;
        }
        let within_reach = match cue.meaning {
            Meaning::StanceCue {
                reach: Some(reach), ..
            } => {
                anchor.start >= span.end
                    && at_most_words(&text[span.end..anchor.start], reach.into())
            }
            _ => true,
        };
        within_reach
            && self
                .objects
                .as_ref()
                .is_none_or(|o| topic_spans[o.clone()].contains(&anchor))
    }
}

/// The topic phrases a verb cue governs, as a range of the clause's sorted
/// `topic_spans`: the first one after it, and those coordinated with it
/// ("calls for weapons and air defence"), but not a topic further on ("will
/// not accept troops under any peace deal").
fn verb_objects(verb: &Cue, topic_spans: &[Span], text: &str) -> Range<usize> {
    let from = topic_spans.partition_point(|s| s.start < verb.span.end);
    let mut to = from;
    while let Some(&span) = topic_spans.get(to) {
        if to > from {
            let last = topic_spans[to - 1];
            // Overlapping phrases of one stretch of text are the same object.
            if span.start >= last.end {
                let between = &text[last.end..span.start];
                let coordinated = at_most_words(between, 3)
                    && (contains(between, " and ")
                        || contains(between, " or ")
                        || between.trim() == ",");
                if !coordinated {
                    break;
                }
            }
        }
        to += 1;
    }
    from..to
}

/// For each negator (or hedge) in the clause, the span of the stance-family
/// cue it governs, into `governed`: the gapped phrase it sits inside, else
/// the first cue that starts within a few words after it.
fn governed_by(cues: &[Cue], kind: Meaning, text: &str, governed: &mut Vec<Span>) {
    let is_stance = |c: &Cue| {
        matches!(
            c.meaning,
            Meaning::Topic { .. } | Meaning::StanceCue { .. } | Meaning::TopicStance { .. }
        )
    };
    governed.clear();
    governed.extend(
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
            }),
    );
}

/// Whether `text` has at most `most` words (as `split_whitespace` finds
/// them); counts no further than that, in one pass over the characters
/// rather than through the splitter's iterators.
pub(super) fn at_most_words(text: &str, most: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words > most {
                return false;
            }
        }
        in_word = !space;
    }
    true
}

/// Whether the short `text` contains `word`: a plain scan, cheaper than
/// setting up `str::contains`'s searcher for the few bytes between two cues.
fn contains(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|window| window == word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::at_most_words;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_finds_them(
            text in "[ a\t\n\u{a0}\u{2003}é,]{0,12}",
            most in 0usize..5,
        ) {
            let expected = text.split_whitespace().count() <= most;
            prop_assert_eq!(at_most_words(&text, most), expected);
        }
    }
}
