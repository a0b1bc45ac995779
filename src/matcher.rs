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
use discourse::{
    echo_observations, previous_topic, resolve_topic_anaphor, topics_named, ECHO_WINDOW,
};
use holders::holders;
use readings::Readings;

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
    run(input, rules, false)
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
    run(input, rules, true)
}

/// Runs the matcher; the readings are kept only when `keep_readings` (for `explain`).
fn run(input: &MatchInput<'_>, rules: &CompiledRules, keep_readings: bool) -> Vec<SentenceTrace> {
    let mut traces: Vec<SentenceTrace> = Vec::with_capacity(input.seg.sentences.len());
    let mut named = Vec::with_capacity(input.seg.sentences.len());
    let mut cues: Vec<Cue> = Vec::new();
    let mut readings = Readings::default();
    let mut clauses = Vec::new();
    let all_cues = &input.found.cues;
    let (mut cues_from, mut cues_to) = (0, 0);
    for (index, sentence) in input.seg.sentences.iter().enumerate() {
        // The cues starting within the sentence, as `Span::starting_within`
        // finds them; sentences and cues are in text order, so the bounds
        // only move forward, a few cues per sentence: stepping beats a
        // binary search over the rest of the article.
        let s = sentence.span;
        let starts_at = |i: usize| all_cues.get(i).map(|c: &Cue| c.span.start);
        while starts_at(cues_from).is_some_and(|start| start < s.start) {
            cues_from += 1;
        }
        cues_to = cues_to.max(cues_from);
        while starts_at(cues_to).is_some_and(|start| start <= s.end) {
            cues_to += 1;
        }
        let sentence_cues = &all_cues[cues_from..cues_to];
        named.push(topics_named(sentence_cues, sentence.span));
        let antecedent = previous_topic(&named, index);
        let mut trace = SentenceTrace {
            sentence: index,
            readings: Vec::new(),
            observations: Vec::new(),
        };
        let is_question = input.seg.slice(sentence.span).trim_end().ends_with('?')
            && !input.quotes.iter().any(|q| sentence.span.contains(q.outer));
        // A question ("What about reclaiming territory?") takes no side.
        let echo_source = traces[index.saturating_sub(ECHO_WINDOW)..]
            .iter()
            .any(|t| t.observations.iter().any(|o| o.held.is_none()));
        let can_yield = may_yield(
            sentence.span,
            sentence_cues,
            antecedent.is_some(),
            echo_source,
        );
        if is_question || !can_yield {
            traces.push(trace);
            continue;
        }
        let evidence = input.seg.original_span(sentence.span);
        split_clauses(&input.seg.text, s, sentence_cues, &mut clauses);
        for &clause in &clauses {
            if clause.question {
                continue;
            }
            cues.clear();
            cues.extend(
                clause
                    .span
                    .starting_within(sentence_cues, |c| c.span)
                    .iter()
                    .filter(|c| clause.span.contains(c.span)),
            );
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
            readings.read(&cues, &clause, input);
            for reading in readings.found.drain(..) {
                let (held, date) =
                    match earlier.filter(|e| dates_reading(input.quotes, e.span, reading.at)) {
                        Some(e) => (Some(Held::Earlier), e.date.or(input.article.date)),
                        None => (None, input.article.date),
                    };
                let actors = holders(&reading, index, &clause, input);
                if keep_readings {
                    trace.readings.push(ReadingTrace {
                        rule: reading.rule.spelt(rules),
                        topic: rules.topics[reading.topic].id.to_string(),
                        stance: reading.stance,
                        at: reading.at,
                        holders: actors
                            .iter()
                            .map(|&a| rules.actors[a].id.to_string())
                            .collect(),
                    });
                }
                for actor in actors {
                    trace.observations.push(Observation {
                        actor: rules.actors[actor].id.clone(),
                        topic: rules.topics[reading.topic].id.clone(),
                        stance: reading.stance,
                        evidence: input.article.text[evidence.start..evidence.end].to_string(),
                        start: evidence.start,
                        end: evidence.end,
                        quoted: input.quotes.iter().any(|q| q.outer.contains(reading.at)),
                        rule: reading.rule.spelt(rules),
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

/// Whether any clause of the sentence can yield a reading or an echo, given
/// the cues starting within it; when not, the sentence is not split (most
/// news sentences). A reading starts from an idiom, or from a topic phrase
/// (or an anaphor standing for one, when there is an `antecedent` topic) that
/// a stance cue or a negator takes a side on: a topic phrase alone says
/// nothing, and an anaphor stands for a topic only near a stance cue. Echoes
/// need an echo cue and an `echo_source`: a stance in the sentences before.
fn may_yield(sentence: Span, cues: &[Cue], antecedent: bool, echo_source: bool) -> bool {
    let (mut topic, mut side) = (false, false);
    for cue in cues {
        if !sentence.contains(cue.span) {
            continue;
        }
        match cue.meaning {
            Meaning::TopicStance { .. } => return true,
            Meaning::Echo if echo_source => return true,
            Meaning::Topic { .. } => topic = true,
            Meaning::Anaphor if antecedent => topic = true,
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
    if found.len() < 2 {
        return found;
    }
    let same_holding = |a: &Observation, b: &Observation| {
        a.actor == b.actor && a.topic == b.topic && a.held == b.held
    };
    // An observation repeating an earlier one shares its fate, so it goes either way.
    let keep: Vec<bool> = found
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let overridden = o.stance == Stance::Neutral
                && found
                    .iter()
                    .any(|f| f.stance != Stance::Neutral && same_holding(f, o));
            let repeated = found[..i]
                .iter()
                .any(|e| e.stance == o.stance && same_holding(e, o));
            !overridden && !repeated
        })
        .collect();
    let mut verdicts = keep.into_iter();
    found.retain(|_| verdicts.next().unwrap_or(false));
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
