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
mod found;
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
use clauses::ClauseSplitter;
use discourse::{
    echo_observations, previous_topic, resolve_topic_anaphor, topics_named, ECHO_WINDOW,
};
use found::{settled, Found, FoundRule, Speller};
use holders::Holders;
use readings::Readings;
use std::ops::Range;

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
    let findings = run(input, rules, false);
    let mut speller = Speller::new(rules, input.article);
    let mut observations = Vec::with_capacity(findings.found.len());
    for sentence in 0..findings.readings.len() {
        let found = &findings.found[findings.of_sentence(sentence)];
        observations.extend(settled(found, rules).map(|f| speller.spell(f)));
    }
    observations
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
    let mut findings = run(input, rules, true);
    let mut speller = Speller::new(rules, input.article);
    let readings = std::mem::take(&mut findings.readings);
    readings
        .into_iter()
        .enumerate()
        .map(|(sentence, readings)| SentenceTrace {
            sentence,
            readings,
            observations: findings.found[findings.of_sentence(sentence)]
                .iter()
                .map(|f| speller.spell(f))
                .collect(),
        })
        .collect()
}

/// What the matcher found in an article, sentence by sentence.
struct Findings {
    /// Every sentence's findings before duplicates are settled, in sentence order.
    found: Vec<Found>,
    /// Where each sentence's findings start in `found`.
    starts: Vec<usize>,
    /// Each sentence's readings (kept only for `explain`).
    readings: Vec<Vec<ReadingTrace>>,
}

impl Findings {
    /// The range of `found` holding the findings of `sentence`.
    fn of_sentence(&self, sentence: usize) -> Range<usize> {
        let end = self.starts.get(sentence + 1).copied();
        self.starts[sentence]..end.unwrap_or(self.found.len())
    }
}

/// Runs the matcher; the readings are kept only when `keep_readings` (for `explain`).
fn run(input: &MatchInput<'_>, rules: &CompiledRules, keep_readings: bool) -> Findings {
    let sentences = input.seg.sentences.len();
    let mut findings = Findings {
        found: Vec::new(),
        starts: Vec::with_capacity(sentences),
        readings: Vec::with_capacity(sentences),
    };
    let mut named = Vec::with_capacity(sentences);
    let mut cues: Vec<Cue> = Vec::new();
    let mut readings = Readings::default();
    let mut holders = Holders::default();
    let mut splitter = ClauseSplitter::default();
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
        findings.starts.push(findings.found.len());
        let mut readings_traced = Vec::new();
        let is_question = input.seg.slice(sentence.span).trim_end().ends_with('?')
            && !input.quotes.iter().any(|q| sentence.span.contains(q.outer));
        // A question ("What about reclaiming territory?") takes no side.
        let window_start = findings.starts[index.saturating_sub(ECHO_WINDOW)];
        let echo_source = findings.found[window_start..]
            .iter()
            .any(|o| o.held.is_none());
        let can_yield = may_yield(
            sentence.span,
            sentence_cues,
            antecedent.is_some(),
            echo_source,
        );
        if is_question || !can_yield {
            findings.readings.push(readings_traced);
            continue;
        }
        let evidence = input.seg.original_span(sentence.span);
        splitter.split(&input.seg.text, s, sentence_cues);
        for &clause in &splitter.clauses {
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
            holders.clear();
            for reading in readings.found.drain(..) {
                let (held, date) =
                    match earlier.filter(|e| dates_reading(input.quotes, e.span, reading.at)) {
                        Some(e) => (Some(Held::Earlier), e.date.or(input.article.date)),
                        None => (None, input.article.date),
                    };
                let actors = holders.of(&reading, index, &clause, input);
                if keep_readings {
                    readings_traced.push(ReadingTrace {
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
                for &actor in actors {
                    findings.found.push(Found {
                        actor,
                        topic: reading.topic,
                        stance: reading.stance,
                        evidence,
                        quoted: input.quotes.iter().any(|q| q.outer.contains(reading.at)),
                        rule: FoundRule {
                            reading: reading.rule,
                            echoes: 0,
                        },
                        held,
                        date,
                    });
                }
            }
            // Echoes take up the previous sentences' findings, latest sentence first.
            let earlier = (index.saturating_sub(ECHO_WINDOW)..index)
                .rev()
                .flat_map(|s| &findings.found[findings.of_sentence(s)]);
            let echoes = echo_observations(&cues, &clause, evidence, earlier, input, rules);
            findings.found.extend(echoes);
        }
        findings.readings.push(readings_traced);
    }
    findings
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
