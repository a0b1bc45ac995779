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
mod discourse;
mod holders;
mod readings;
mod time;

use crate::attribute::Attributed;
use crate::extraction::{Held, Observation};
use crate::mentions::{Cue, Mentions};
use crate::model::{ArticleId, Span, Stance};
use crate::quotes::Quote;
use crate::rules::{CompiledRules, Meaning};
use crate::segment::Segmented;
use chrono::NaiveDate;
use clauses::split_clauses;
use discourse::{echo_observations, previous_topic, resolve_topic_anaphor, topics_named};
use holders::holders;
use readings::readings;

/// Most cues a clause may hold before it is skipped as a list rather than prose.
const MAX_CUES_PER_CLAUSE: usize = 64;

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

/// Finds every stance observation in an article, in text order.
pub fn match_stances(input: &MatchInput<'_>, rules: &CompiledRules) -> Vec<Observation> {
    trace_stances(input, rules)
        .into_iter()
        .flat_map(|sentence| settle_sentence(sentence.observations))
        .collect()
}

/// What the matcher considered in one sentence, for `explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceTrace {
    /// Index of the sentence.
    pub sentence: usize,
    /// Every reading: rule, topic, stance, and who (if anyone) holds it.
    pub readings: Vec<ReadingTrace>,
    /// The observations before merging duplicates.
    pub observations: Vec<Observation>,
}

/// One stance reading and its outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingTrace {
    /// The rule ids that produced it.
    pub rule: String,
    /// Topic id.
    pub topic: String,
    /// The stance.
    pub stance: Stance,
    /// Where it was expressed (folded-text span).
    pub at: Span,
    /// Actor ids holding it; empty means discarded for want of a holder.
    pub holders: Vec<String>,
}

/// Runs the matcher, keeping every reading, including those without a holder.
pub fn trace_stances(input: &MatchInput<'_>, rules: &CompiledRules) -> Vec<SentenceTrace> {
    let mut traces = Vec::new();
    let mut topics_by_sentence: Vec<Vec<usize>> = Vec::with_capacity(input.seg.sentences.len());
    for (index, sentence) in input.seg.sentences.iter().enumerate() {
        topics_by_sentence.push(topics_named(&input.found.cues, sentence.span));
        let antecedent = previous_topic(&topics_by_sentence, index);
        let mut trace = SentenceTrace {
            sentence: index,
            readings: Vec::new(),
            observations: Vec::new(),
        };
        let is_question = input.seg.slice(sentence.span).trim_end().ends_with('?')
            && !input.quotes.iter().any(|q| sentence.span.contains(q.outer));
        if is_question {
            // A question ("What about reclaiming territory?") takes no side.
            traces.push(trace);
            continue;
        }
        if !may_yield(sentence.span, &input.found.cues) {
            traces.push(trace);
            continue;
        }
        for clause in split_clauses(&input.seg.text, sentence.span, &input.found.cues) {
            if clause.question {
                continue;
            }
            let mut cues: Vec<Cue> = clause
                .span
                .starting_within(&input.found.cues, |c| c.span)
                .iter()
                .filter(|c| clause.span.contains(c.span))
                .copied()
                .collect();
            // A "clause" with dozens of stance cues is a list, a table or junk,
            // not a sentence anyone wrote; pairing every cue with every topic
            // there would cost cubic time for nothing.
            if cues.len() > MAX_CUES_PER_CLAUSE {
                continue;
            }
            if let Some(topic) = antecedent {
                resolve_topic_anaphor(&mut cues, topic, &input.seg.text, input.quotes);
            }
            let earlier = time::earlier_in(&cues, input.seg, input.article.date);
            for reading in readings(&cues, &clause, input, rules) {
                let (held, date) =
                    match earlier.filter(|e| dates_reading(input.quotes, e.span, reading.at)) {
                        Some(e) => (Some(Held::Earlier), e.date.or(input.article.date)),
                        None => (None, input.article.date),
                    };
                let actors = holders(&reading, index, &clause, input);
                trace.readings.push(ReadingTrace {
                    rule: reading.rule.clone(),
                    topic: rules.topics[reading.topic].id.to_string(),
                    stance: reading.stance,
                    at: reading.at,
                    holders: actors
                        .iter()
                        .map(|&a| rules.actors[a].id.to_string())
                        .collect(),
                });
                for actor in actors {
                    let evidence = input.seg.original_span(sentence.span);
                    trace.observations.push(Observation {
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
                    });
                }
            }
            let echoes = echo_observations(&cues, &clause, index, &traces, input, rules);
            trace.observations.extend(echoes);
        }
        traces.push(trace);
    }
    traces
}

/// Whether any clause of the sentence can yield a reading or an echo; when
/// not, the sentence is not split (most news sentences). A reading starts
/// from an idiom, or from a topic phrase (or an anaphor standing for one)
/// that a stance cue or a negator takes a side on: a topic phrase alone says
/// nothing, and an anaphor stands for a topic only near a stance cue. Echoes
/// need an echo cue.
fn may_yield(sentence: Span, cues: &[Cue]) -> bool {
    let (mut topic, mut side) = (false, false);
    for cue in sentence.starting_within(cues, |c| c.span) {
        if !sentence.contains(cue.span) {
            continue;
        }
        match cue.meaning {
            Meaning::TopicStance { .. } | Meaning::Echo => return true,
            Meaning::Topic { .. } | Meaning::Anaphor => topic = true,
            Meaning::StanceCue { .. } | Meaning::Negator => side = true,
            _ => {}
        }
        if topic && side {
            return true;
        }
    }
    false
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

/// Whether a time cue dates a reading: the narrator's "In November, Zelensky
/// said “…”" dates the quote too; a time word inside a quote dates only that quote.
fn dates_reading(quotes: &[Quote], cue: Span, reading: Span) -> bool {
    let quote_of = |s: Span| quotes.iter().position(|q| q.outer.contains(s));
    match quote_of(cue) {
        None => true,
        inside => inside == quote_of(reading),
    }
}

#[cfg(test)]
mod tests;
