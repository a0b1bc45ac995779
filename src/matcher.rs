//! Compiled rules + attributed text -> stance observations.
//!
//! Within each clause, every topic phrase meets every general stance cue:
//! "Orban rejects Ukraine's accession" is `reject` (oppose) x `accession`
//! (ukraine-nato-membership). An idiom that names topic and stance at once
//! ("stop at the battle line") stands alone or combines with a cue. Stances
//! multiply like signs: a negator flips the cue it governs ("does not
//! support"), so "did not rule out" is openness; a hedge or an `if` clause
//! makes the stance neutral. The holder is the quote's speaker inside a
//! quote; outside, the clause subject for verb cues ("Zelensky calls for"),
//! the agents of a passive ("rejected by Scholz and Orban"), or whoever speaks
//! the sentence for judgement cues ("membership is unrealistic", said Hegseth).

mod clauses;
mod time;

use crate::attribute::{Attributed, Referent};
use crate::extraction::{Held, Observation};
use crate::mentions::{Cue, Mentions};
use crate::model::{ArticleId, Span, Stance};
use crate::quotes::Quote;
use crate::rules::source::HolderRule;
use crate::rules::{CompiledRules, Meaning};
use crate::segment::Segmented;
use chrono::NaiveDate;
use clauses::{split_clauses, Clause};

/// Most words between a negator or hedge and the cue it governs.
const SCOPE_WORDS: usize = 3;

/// The article-level facts observations need.
#[derive(Debug, Clone, Copy)]
pub struct ArticleContext<'a> {
    /// The article's id.
    pub id: &'a ArticleId,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// Its original text (for evidence).
    pub text: &'a str,
}

/// Everything the matcher reads for one article.
pub struct MatchInput<'a> {
    /// The segmented text.
    pub seg: &'a Segmented,
    /// The quotations.
    pub quotes: &'a [Quote],
    /// Mentions and cues.
    pub found: &'a Mentions,
    /// Speakers.
    pub attributed: &'a Attributed,
    /// Article facts.
    pub article: ArticleContext<'a>,
}

/// A candidate stance before its holder is known.
struct Reading {
    topic: usize,
    stance: Stance,
    holder: HolderRule,
    /// Where the stance is expressed (the cue, or the idiom).
    at: Span,
    /// The passive `by` agents look right after this.
    cue_end: usize,
    rule: String,
}

/// Finds every stance observation in an article, in text order.
pub fn match_stances(input: &MatchInput<'_>, rules: &CompiledRules) -> Vec<Observation> {
    let mut observations = Vec::new();
    for (index, sentence) in input.seg.sentences.iter().enumerate() {
        let mut in_sentence: Vec<Observation> = Vec::new();
        for clause in split_clauses(&input.seg.text, sentence.span, &input.found.cues) {
            let cues: Vec<Cue> = input
                .found
                .cues
                .iter()
                .filter(|c| clause.span.contains(c.span))
                .copied()
                .collect();
            let earlier = time::earlier_in(&cues, input.seg, input.article.date);
            for reading in readings(&cues, &clause, input, rules) {
                let (held, date) =
                    match earlier.filter(|e| same_quote_side(input.quotes, e.span, reading.at)) {
                        Some(e) => (Some(Held::Earlier), e.date.or(input.article.date)),
                        None => (None, input.article.date),
                    };
                for actor in holders(&reading, index, &clause, input) {
                    let evidence = input.seg.original_span(sentence.span);
                    let observation = Observation {
                        actor: rules.actors[actor].id.clone(),
                        topic: rules.topics[reading.topic].id.clone(),
                        stance: reading.stance,
                        evidence: input.article.text[evidence.start..evidence.end].to_string(),
                        start: evidence.start,
                        end: evidence.end,
                        quoted: input.quotes.iter().any(|q| q.outer.contains(reading.at)),
                        rule: reading.rule.clone(),
                        held,
                        article: input.article.id.clone(),
                        date,
                    };
                    in_sentence.push(observation);
                }
            }
        }
        observations.extend(settle_sentence(in_sentence));
    }
    observations
}

/// One observation per (actor, topic, stance, held) in a sentence; a firm
/// stance overrides a hedged one of the same actor and topic.
fn settle_sentence(mut found: Vec<Observation>) -> Vec<Observation> {
    let firm: Vec<(String, String, Option<Held>)> = found
        .iter()
        .filter(|o| o.stance != Stance::Neutral)
        .map(|o| (o.actor.0.clone(), o.topic.0.clone(), o.held))
        .collect();
    found.retain(|o| {
        o.stance != Stance::Neutral
            || o.rule.ends_with("(idiom)")
            || !firm.contains(&(o.actor.0.clone(), o.topic.0.clone(), o.held))
    });
    let mut seen = Vec::new();
    found.retain(|o| {
        let key = (o.actor.clone(), o.topic.clone(), o.stance, o.held);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    found
}

fn same_quote_side(quotes: &[Quote], a: Span, b: Span) -> bool {
    let side = |s: Span| quotes.iter().position(|q| q.outer.contains(s));
    side(a) == side(b)
}

/// The stance readings of one clause: idioms alone or with cues, topic cues with cues.
fn readings(
    cues: &[Cue],
    clause: &Clause,
    input: &MatchInput<'_>,
    rules: &CompiledRules,
) -> Vec<Reading> {
    let text = &input.seg.text;
    let negations = governed_by(cues, Meaning::Negator, text, rules);
    let hedges = governed_by(cues, Meaning::Hedge, text, rules);
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
            let partners: Vec<&&Cue> = stance_cues
                .iter()
                .filter(|c| !c.span.overlaps(anchor.span))
                .collect();
            if partners.is_empty() {
                // A topic named without a cue takes a side only when negated ("no US troops").
                if is_idiom || flips(anchor) {
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
                } = cue.meaning
                else {
                    continue;
                };
                let mut combined = base.times(stance);
                if flips(cue) {
                    combined = combined.negated();
                }
                if hedged(cue) || hedged(anchor) {
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

/// For each negator (or hedge) in the clause, the span of the stance-family cue
/// it governs: the gapped phrase it sits inside, else the first cue that
/// starts within a few words after it.
fn governed_by(cues: &[Cue], kind: Meaning, text: &str, rules: &CompiledRules) -> Vec<Span> {
    let is_stance = |c: &Cue| {
        matches!(
            c.meaning,
            Meaning::Topic { .. } | Meaning::StanceCue { .. } | Meaning::TopicStance { .. }
        )
    };
    cues.iter()
        .filter(|c| c.meaning == kind)
        .filter_map(|marker| {
            if let Some(host) = cues.iter().find(|c| {
                is_stance(c)
                    && rules.phrases[c.phrase as usize].segments > 1
                    && c.span.contains(marker.span)
            }) {
                return Some(host.span);
            }
            cues.iter()
                .filter(|c| is_stance(c) && c.span.start >= marker.span.end)
                .min_by_key(|c| c.span.start)
                .filter(|c| {
                    text[marker.span.end..c.span.start]
                        .split_whitespace()
                        .count()
                        <= SCOPE_WORDS
                })
                .map(|c| c.span)
        })
        .collect()
}

/// The actors holding a reading.
fn holders(
    reading: &Reading,
    sentence: usize,
    clause: &Clause,
    input: &MatchInput<'_>,
) -> Vec<usize> {
    let attributed = input.attributed;
    if let Some(q) = input
        .quotes
        .iter()
        .position(|q| q.outer.contains(reading.at))
    {
        return attributed.quotes[q].speaker.actor().into_iter().collect();
    }
    if reading.holder == HolderRule::Subject {
        let agents = passive_agents(reading.cue_end, clause, input);
        if !agents.is_empty() {
            return agents;
        }
        if let Some(subject) = clause_subject(reading.at, clause, input) {
            return subject.into_iter().collect();
        }
    }
    attributed.sentences[sentence]
        .speaker
        .actor()
        .into_iter()
        .collect()
}

/// `rejected by heads of state such as Olaf Scholz and Viktor Orban`: every actor after `by`.
fn passive_agents(cue_end: usize, clause: &Clause, input: &MatchInput<'_>) -> Vec<usize> {
    let after = &input.seg.text[cue_end..clause.span.end];
    if !after.starts_with(" by ") {
        return Vec::new();
    }
    let mut agents: Vec<usize> = input
        .found
        .mentions
        .iter()
        .zip(&input.attributed.referents)
        .filter(|(m, _)| m.span.start > cue_end && m.span.end <= clause.span.end && !m.in_quote)
        .filter_map(|(_, r)| r.actor())
        .collect();
    agents.dedup();
    agents
}

/// The subject before a verb cue: `Some(Some(actor))` for an actor,
/// `Some(None)` for someone outside the pack, `None` when the clause names nobody.
fn clause_subject(at: Span, clause: &Clause, input: &MatchInput<'_>) -> Option<Option<usize>> {
    let stance_spans: Vec<Span> = input
        .found
        .cues
        .iter()
        .filter(|c| {
            clause.span.contains(c.span)
                && matches!(
                    c.meaning,
                    Meaning::Topic { .. } | Meaning::TopicStance { .. }
                )
        })
        .map(|c| c.span)
        .collect();
    let candidates: Vec<usize> = (0..input.found.mentions.len())
        .filter(|&m| {
            let mention = &input.found.mentions[m];
            clause.span.start <= mention.span.start
                && mention.span.end <= at.start
                && !mention.in_quote
                && !stance_spans.iter().any(|s| s.contains(mention.span))
                && !matches!(input.attributed.referents[m], Referent::Unknown)
        })
        .collect();
    let pick = candidates
        .iter()
        .find(|&&m| {
            !input.found.mentions[m].after_preposition && !input.found.mentions[m].possessive
        })
        .or_else(|| {
            candidates
                .iter()
                .find(|&&m| !input.found.mentions[m].after_preposition)
        })?;
    Some(input.attributed.referents[*pick].actor())
}
