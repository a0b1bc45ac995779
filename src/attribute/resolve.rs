//! Pronouns and organisation references -> the actor they stand for.

use super::Referent;
use crate::mentions::{Mention, MentionKind, Pronoun};
use crate::rules::source::{ActorKind, Gender};
use crate::rules::CompiledRules;
use crate::segment::{Segmented, Sentence};
use std::ops::Range;

/// How many sentences back a pronoun may look for its antecedent.
const PRONOUN_WINDOW: usize = 3;

/// How many bytes back a reference may look for its antecedent, whatever the
/// sentences: more than four long sentences of prose hold, and it keeps a
/// run-on "sentence" from being walked again for each of its pronouns.
const ANTECEDENT_REACH: usize = 3000;

/// Resolves every mention, in text order, so a resolved pronoun can itself be
/// the antecedent of the next one.
pub fn resolve_references(
    seg: &Segmented,
    mentions: &[Mention],
    rules: &CompiledRules,
) -> Vec<Referent> {
    resolve(
        seg,
        mentions,
        &mention_runs(&seg.sentences, mentions),
        rules,
    )
}

/// [`resolve_references`] given `runs`, the mentions that start in each
/// sentence (from [`mention_runs`]).
pub(super) fn resolve(
    seg: &Segmented,
    mentions: &[Mention],
    runs: &[Range<usize>],
    rules: &CompiledRules,
) -> Vec<Referent> {
    let mut referents: Vec<Referent> = Vec::with_capacity(mentions.len());
    // The first sentence ending after the current reference starts:
    // mentions are in text order, so it only moves forward.
    let mut next_sentence = 0;
    for (index, mention) in mentions.iter().enumerate() {
        let referent = match &mention.kind {
            MentionKind::Actor(a) => Referent::Actor(*a),
            MentionKind::Ambiguous(candidates) => Referent::Ambiguous(candidates.clone()),
            MentionKind::Anonymous => Referent::Anonymous(seg.slice(mention.span).to_string()),
            MentionKind::Named { name, .. } => Referent::Named(name.clone()),
            MentionKind::Pronoun(_) if mention.in_quote => Referent::Unknown,
            kind @ (MentionKind::Pronoun(_) | MentionKind::OrganisationReference) => {
                let here = mention.span.start;
                let sentences = &seg.sentences;
                next_sentence += sentences[next_sentence..]
                    .iter()
                    .take_while(|s| s.span.end <= here)
                    .count();
                let window = Window {
                    seg,
                    mentions,
                    referents: &referents,
                    runs,
                    sentence: sentences
                        .get(next_sentence)
                        .filter(|s| s.span.start <= here)
                        .map(|_| next_sentence),
                    index,
                };
                window.referent(kind, rules).unwrap_or(Referent::Unknown)
            }
        };
        referents.push(referent);
    }
    referents
}

/// For each sentence, the mentions that start inside it (or right at its
/// end): all it can hold. Sentences and mentions are both in text order, so
/// these are runs whose bounds only move forward.
pub(super) fn mention_runs(sentences: &[Sentence], mentions: &[Mention]) -> Vec<Range<usize>> {
    let (mut from, mut to) = (0, 0);
    sentences
        .iter()
        .map(|sentence| {
            let s = sentence.span;
            from = advance(mentions, from, |m| m.span.start < s.start);
            to = advance(mentions, to.max(from), |m| m.span.start <= s.end);
            from..to
        })
        .collect()
}

/// Moves `from` past the items of `items` that are `before` a bound.
pub(super) fn advance<T>(items: &[T], mut from: usize, before: impl Fn(&T) -> bool) -> usize {
    while items.get(from).is_some_and(&before) {
        from += 1;
    }
    from
}

fn fits_pronoun(
    pronoun: Pronoun,
    referent: &Referent,
    rules: &CompiledRules,
    states_as_she: bool,
) -> bool {
    match referent {
        Referent::Actor(a) => {
            let actor = &rules.actors[*a];
            match pronoun {
                Pronoun::He => {
                    actor.kind == ActorKind::Person && actor.gender != Some(Gender::Female)
                }
                Pronoun::She if states_as_she => actor.kind == ActorKind::State,
                Pronoun::She => {
                    actor.kind == ActorKind::Person && actor.gender != Some(Gender::Male)
                }
                Pronoun::It | Pronoun::They => actor.kind != ActorKind::Person,
            }
        }
        Referent::Named(_) => matches!(pronoun, Pronoun::He | Pronoun::She),
        Referent::Anonymous(description) => pronoun == Pronoun::They && description.ends_with('s'),
        _ => false,
    }
}

fn is_body(referent: &Referent, rules: &CompiledRules) -> bool {
    matches!(referent, Referent::Actor(a) if rules.actors[*a].kind != ActorKind::Person)
}

/// `his ministry in Kiev`, `the statement from Moscow`: a place named right after.
fn located_body(
    seg: &Segmented,
    mentions: &[Mention],
    index: usize,
    rules: &CompiledRules,
) -> Option<Referent> {
    let here = mentions[index].span;
    let next = mentions.get(index + 1)?;
    let between = &seg.text[here.end..next.span.start];
    let linked = matches!(between, " in " | " from " | " of ");
    match next.kind {
        MentionKind::Actor(a) if linked && rules.actors[a].kind != ActorKind::Person => {
            Some(Referent::Actor(a))
        }
        _ => None,
    }
}

/// What a reference at mention `index` can look back over.
struct Window<'a> {
    seg: &'a Segmented,
    mentions: &'a [Mention],
    /// The referents of the mentions before `index`.
    referents: &'a [Referent],
    runs: &'a [Range<usize>],
    /// The sentence holding the mention, if any.
    sentence: Option<usize>,
    index: usize,
}

impl Window<'_> {
    /// What a pronoun or organisation reference of this `kind` stands for.
    fn referent(&self, kind: &MentionKind, rules: &CompiledRules) -> Option<Referent> {
        match *kind {
            MentionKind::Pronoun(pronoun) => self
                .antecedent(|r| fits_pronoun(pronoun, r, rules, false))
                .or_else(|| {
                    // Translated prose calls countries "she": only when no person fits.
                    (pronoun == Pronoun::She)
                        .then(|| self.antecedent(|r| fits_pronoun(pronoun, r, rules, true)))?
                }),
            _ => located_body(self.seg, self.mentions, self.index, rules)
                .or_else(|| self.antecedent(|r| is_body(r, rules))),
        }
    }

    /// The antecedent of the mention: walking back sentence by sentence, the
    /// first sentence with a fitting mention gives its subject (the first
    /// fitting mention not after a preposition) or else its last fitting mention.
    fn antecedent(&self, fits: impl Fn(&Referent) -> bool) -> Option<Referent> {
        let sentence = self.sentence?;
        let first_sentence = sentence.saturating_sub(PRONOUN_WINDOW);
        let reach = (self.mentions[self.index].span.start).saturating_sub(ANTECEDENT_REACH);
        for s in (first_sentence..=sentence).rev() {
            let span = self.seg.sentences[s].span;
            if span.end < reach {
                break;
            }
            // Only mentions before this one: those of the same sentence after it are not antecedents.
            let run = &self.runs[s];
            let (first, end) = (run.start.min(self.index), run.end.min(self.index));
            let first = if span.start < reach {
                first + self.mentions[first..end].partition_point(|m| m.span.start < reach)
            } else {
                first
            };
            let candidates = (first..end).filter(|&j| {
                let mention = &self.mentions[j];
                span.contains(mention.span)
                    && !mention.in_quote
                    && fits(&self.referents[j])
                    && !matches!(mention.kind, MentionKind::Named { person: false, .. })
            });
            let mut last = None;
            for j in candidates {
                if !self.mentions[j].after_preposition {
                    return Some(self.referents[j].clone());
                }
                last = Some(j);
            }
            if let Some(j) = last {
                return Some(self.referents[j].clone());
            }
        }
        None
    }
}
