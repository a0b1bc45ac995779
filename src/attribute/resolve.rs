//! Pronouns and organisation references -> the actor they stand for.

use super::Referent;
use crate::mentions::{Mention, MentionKind, Pronoun};
use crate::rules::source::{ActorKind, Gender};
use crate::rules::CompiledRules;
use crate::segment::Segmented;

/// How many sentences back a pronoun may look for its antecedent.
const PRONOUN_WINDOW: usize = 3;

/// Resolves every mention, in text order, so a resolved pronoun can itself be
/// the antecedent of the next one.
pub fn resolve_references(
    seg: &Segmented,
    mentions: &[Mention],
    rules: &CompiledRules,
) -> Vec<Referent> {
    let mut referents: Vec<Referent> = Vec::with_capacity(mentions.len());
    for (index, mention) in mentions.iter().enumerate() {
        let referent = match &mention.kind {
            MentionKind::Actor(a) => Referent::Actor(*a),
            MentionKind::Ambiguous(candidates) => Referent::Ambiguous(candidates.clone()),
            MentionKind::Anonymous => Referent::Anonymous(seg.slice(mention.span).to_string()),
            MentionKind::Named { name, .. } => Referent::Named(name.clone()),
            MentionKind::Pronoun(_) if mention.in_quote => Referent::Unknown,
            MentionKind::Pronoun(pronoun) => {
                let fits = |r: &Referent| fits_pronoun(*pronoun, r, rules, false);
                antecedent(seg, mentions, &referents, index, &fits)
                    .or_else(|| {
                        // Translated prose calls countries "she": only when no person fits.
                        (*pronoun == Pronoun::She).then(|| {
                            let fits = |r: &Referent| fits_pronoun(*pronoun, r, rules, true);
                            antecedent(seg, mentions, &referents, index, &fits)
                        })?
                    })
                    .unwrap_or(Referent::Unknown)
            }
            MentionKind::OrganisationReference => {
                let fits = |r: &Referent| is_body(r, rules);
                located_body(seg, mentions, index, rules)
                    .or_else(|| antecedent(seg, mentions, &referents, index, &fits))
                    .unwrap_or(Referent::Unknown)
            }
        };
        referents.push(referent);
    }
    referents
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

/// The antecedent of mention `index`: walking back sentence by sentence, the
/// first sentence with a fitting mention gives its subject (the first fitting
/// mention not after a preposition) or else its last fitting mention.
fn antecedent(
    seg: &Segmented,
    mentions: &[Mention],
    referents: &[Referent],
    index: usize,
    fits: &dyn Fn(&Referent) -> bool,
) -> Option<Referent> {
    let here = mentions[index].span.start;
    let sentence = seg.sentence_at(here)?;
    let first_sentence = sentence.saturating_sub(PRONOUN_WINDOW);
    let earlier = &mentions[..index];
    for s in (first_sentence..=sentence).rev() {
        let span = seg.sentences[s].span;
        // Mentions are in text order: only those starting inside the sentence can lie in it.
        let from = earlier.partition_point(|m| m.span.start < span.start);
        let to = earlier.partition_point(|m| m.span.start <= span.end);
        let candidates = (from..to.max(from)).filter(|&j| {
            span.contains(mentions[j].span)
                && !mentions[j].in_quote
                && fits(&referents[j])
                && !matches!(mentions[j].kind, MentionKind::Named { person: false, .. })
        });
        let mut last = None;
        for j in candidates {
            if !mentions[j].after_preposition {
                return Some(referents[j].clone());
            }
            last = Some(j);
        }
        if let Some(j) = last {
            return Some(referents[j].clone());
        }
    }
    None
}
