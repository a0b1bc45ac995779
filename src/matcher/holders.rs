//! Who holds a reading: the quote's speaker, the passive agents, the subject, or the sentence's speaker.

use super::clauses::Clause;
use super::readings::Reading;
use super::MatchInput;
use crate::attribute::Referent;
use crate::model::Span;
use crate::rules::source::HolderRule;
use crate::rules::Meaning;
use std::ops::Range;

/// The holders of one clause's readings, found once for each place and
/// holder rule: the readings of a cue that takes several topics share them.
#[derive(Default)]
pub(super) struct Holders {
    /// What decides the holders (cue, its end, holder rule), and where they are in `actors`.
    known: Vec<((Span, usize, HolderRule), Range<usize>)>,
    actors: Vec<usize>,
}

impl Holders {
    /// Forgets the previous clause's holders.
    pub fn clear(&mut self) {
        self.known.clear();
        self.actors.clear();
    }

    /// The actors holding `reading`, a reading of `clause`.
    pub fn of(
        &mut self,
        reading: &Reading,
        sentence: usize,
        clause: &Clause,
        input: &MatchInput<'_>,
    ) -> &[usize] {
        let key = (reading.at, reading.cue_end, reading.holder);
        let range = match self.known.iter().find(|(known, _)| *known == key) {
            Some((_, range)) => range.clone(),
            None => {
                let from = self.actors.len();
                holders(reading, sentence, clause, input, &mut self.actors);
                self.known.push((key, from..self.actors.len()));
                from..self.actors.len()
            }
        };
        &self.actors[range]
    }
}

/// Adds the actors holding a reading to `out`.
fn holders(
    reading: &Reading,
    sentence: usize,
    clause: &Clause,
    input: &MatchInput<'_>,
    out: &mut Vec<usize>,
) {
    let attributed = input.attributed;
    if let Some(q) = input
        .quotes
        .iter()
        .position(|q| q.outer.contains(reading.at))
    {
        out.extend(attributed.quotes[q].speaker.actor());
        return;
    }
    if reading.holder == HolderRule::Subject {
        let agents = passive_agents(reading.cue_end, clause, input);
        if !agents.is_empty() {
            out.extend(agents);
            return;
        }
        if let Some(subjects) = clause_subject(reading.at, clause, input) {
            out.extend(subjects);
            return;
        }
    }
    out.extend(attributed.sentences[sentence].speaker.actor());
}

/// `rejected by heads of state such as Olaf Scholz and Viktor Orban`: every actor after `by`.
fn passive_agents(cue_end: usize, clause: &Clause, input: &MatchInput<'_>) -> Vec<usize> {
    let after = &input.seg.text[cue_end..clause.span.end];
    if !after.starts_with(" by ") {
        return Vec::new();
    }
    // Mentions are in text order: only those starting after the cue, up to the clause's end, qualify.
    let mentions = &input.found.mentions;
    let from = mentions.partition_point(|m| m.span.start <= cue_end);
    let to = mentions.partition_point(|m| m.span.start <= clause.span.end);
    let mut agents: Vec<usize> = mentions[from..to.max(from)]
        .iter()
        .zip(&input.attributed.referents[from..to.max(from)])
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
pub(super) fn clause_subject(
    at: Span,
    clause: &Clause,
    input: &MatchInput<'_>,
) -> Option<Vec<usize>> {
    // Cues are in text order: only those starting inside the clause qualify.
    let clause_cues = clause.span.starting_within(&input.found.cues, |c| c.span);
    let speech = clause_cues.iter().rfind(|c| {
        clause.span.start <= c.span.start
            && c.span.end <= at.start
            && matches!(c.meaning, Meaning::Speech | Meaning::Cognition)
            && !input.quotes.iter().any(|q| q.outer.overlaps(c.span))
    });
    let at = speech.map_or(at, |verb| verb.span);
    let text = &input.seg.text;
    let mentions = &input.found.mentions;
    let inside_topic = |mention: Span| {
        clause_cues.iter().any(|c| {
            clause.span.contains(c.span)
                && matches!(
                    c.meaning,
                    Meaning::Topic { .. } | Meaning::TopicStance { .. }
                )
                && c.span.contains(mention)
        })
    };
    // Mentions are in text order: only those starting inside the clause, up to `at`, qualify.
    let from = mentions.partition_point(|m| m.span.start < clause.span.start);
    let to = mentions.partition_point(|m| m.span.start <= at.start);
    let candidates: Vec<usize> = (from..to.max(from))
        .filter(|&m| {
            let mention = &mentions[m];
            clause.span.start <= mention.span.start
                && mention.span.end <= at.start
                && !mention.in_quote
                && !mention.after_preposition
                && !inside_topic(mention.span)
                && !matches!(input.attributed.referents[m], Referent::Unknown)
        })
        .collect();
    // "praised Kyiv's resilience and called for …": a possessive modifies a noun, it is no subject.
    let nearest = candidates
        .iter()
        .rev()
        .find(|&&m| !mentions[m].possessive)
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
