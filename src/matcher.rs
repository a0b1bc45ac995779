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
        for clause in split_clauses(&input.seg.text, sentence.span, &input.found.cues) {
            let mut cues: Vec<Cue> = input
                .found
                .cues
                .iter()
                .filter(|c| clause.span.contains(c.span))
                .copied()
                .collect();
            if let Some(topic) = antecedent {
                resolve_topic_anaphor(&mut cues, topic, &input.seg.text);
            }
            let earlier = time::earlier_in(&cues, input.seg, input.article.date);
            for reading in readings(&cues, &clause, input, rules) {
                let (held, date) =
                    match earlier.filter(|e| same_quote_side(input.quotes, e.span, reading.at)) {
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
        }
        traces.push(trace);
    }
    traces
}

/// The topics a sentence names with topic phrases or idioms.
fn topics_named(cues: &[Cue], sentence: Span) -> Vec<usize> {
    let mut topics: Vec<usize> = cues
        .iter()
        .filter(|c| sentence.contains(c.span))
        .filter_map(|c| match c.meaning {
            Meaning::Topic { topic, .. } | Meaning::TopicStance { topic, .. } => Some(topic),
            _ => None,
        })
        .collect();
    topics.sort_unstable();
    topics.dedup();
    topics
}

/// The topic `it` or `this decision` can point back to: the only topic of the
/// nearest of the two previous sentences that names one.
fn previous_topic(topics_by_sentence: &[Vec<usize>], index: usize) -> Option<usize> {
    let nearest = topics_by_sentence[index.saturating_sub(2)..index]
        .iter()
        .rev()
        .find(|topics| !topics.is_empty())?;
    match nearest.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Most words between an anaphor and the stance cue it stands with.
const ANAPHOR_REACH: usize = 4;

/// In a clause with a stance cue but no topic phrase, an anaphor near the cue
/// stands for the previous sentence's topic: "It … is rejected by Scholz and
/// Orban", "reluctant to take this decision".
fn resolve_topic_anaphor(cues: &mut Vec<Cue>, topic: usize, text: &str) {
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
                text[from..to].split_whitespace().count() <= ANAPHOR_REACH
            })
    };
    let resolved: Vec<Cue> = cues
        .iter()
        .filter(|c| c.meaning == Meaning::Anaphor && near_cue(c))
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
                    within_reach && !(verb_cue && anchor.span.end <= c.span.start && !passive)
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
        if let Some(subjects) = clause_subject(reading.at, clause, input) {
            return subjects;
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

/// The subject of a verb cue: the nearest mention before it with no comma
/// between ("Rubio said Washington no longer supports …" is Washington's), else
/// the clause's first mention that no preposition governs ("Zelensky, who met
/// Scholz, called for …"); coordinated subjects come along ("Rutte and Kallas
/// call for …"). `None` when the clause names nobody; an empty list when it
/// names someone outside the pack. A stance reported by a speech verb is the
/// speaker's: "Rubio said Washington does not support …" is Rubio's.
fn clause_subject(at: Span, clause: &Clause, input: &MatchInput<'_>) -> Option<Vec<usize>> {
    let speech = input.found.cues.iter().rfind(|c| {
        clause.span.start <= c.span.start
            && c.span.end <= at.start
            && matches!(c.meaning, Meaning::Speech | Meaning::Cognition)
            && !input.quotes.iter().any(|q| q.outer.overlaps(c.span))
    });
    let at = speech.map_or(at, |verb| verb.span);
    let text = &input.seg.text;
    let mentions = &input.found.mentions;
    let topic_spans: Vec<Span> = input
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
    let candidates: Vec<usize> = (0..mentions.len())
        .filter(|&m| {
            let mention = &mentions[m];
            clause.span.start <= mention.span.start
                && mention.span.end <= at.start
                && !mention.in_quote
                && !mention.after_preposition
                && !topic_spans.iter().any(|s| s.contains(mention.span))
                && !matches!(input.attributed.referents[m], Referent::Unknown)
        })
        .collect();
    let nearest = candidates
        .last()
        .filter(|&&m| !text[mentions[m].span.end..at.start].contains(','));
    let pick = *nearest
        .or_else(|| candidates.iter().find(|&&m| !mentions[m].possessive))
        .or_else(|| candidates.first())?;
    let mut subjects = vec![pick];
    // Walk back over "X and Y" / "X, Y and Z".
    let mut current = pick;
    while let Some(&previous) = candidates
        .iter()
        .rev()
        .find(|&&m| mentions[m].span.end <= mentions[current].span.start)
    {
        let between = text[mentions[previous].span.end..mentions[current].span.start].trim();
        if between != "and" && between != "," && between != "or" {
            break;
        }
        subjects.push(previous);
        current = previous;
    }
    subjects.reverse();
    Some(
        subjects
            .into_iter()
            .filter_map(|m| input.attributed.referents[m].actor())
            .collect(),
    )
}

#[cfg(test)]
mod tests;
