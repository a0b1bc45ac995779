//! Folded text + compiled rules -> who is mentioned where, and every cue phrase.
//!
//! One pass over the text finds names, roles, descriptors and cue phrases. Names
//! and titles that stand side by side form one mention ("US President Donald
//! Trump"), whose most specific part decides who it is: a personal name beats
//! an office, an office beats a description. Offices resolve by the article's
//! date; a description that fits several actors stays ambiguous.

mod bytemask;
mod context;
mod cues;
pub mod names;
mod nearby;
mod words;

use crate::model::{longest_span, Span};
use crate::quotes::Quote;
use crate::rules::{CompiledRules, Hit, Meaning};
use crate::segment::Segmented;
use bytemask::ByteClasses;
use chrono::NaiveDate;
use nearby::NearbySpans;
use serde::Serialize;

/// Who a mention refers to, before pronouns are resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MentionKind {
    /// A known actor (index into the rules' actors).
    Actor(usize),
    /// A description or office that fits several actors.
    Ambiguous(Vec<usize>),
    /// He, she, it or they.
    Pronoun(Pronoun),
    /// `the statement`, `the ministry`: the organisation just named.
    OrganisationReference,
    /// An unnamed source (`a European NATO diplomat`).
    Anonymous,
    /// Someone named in the text but not in the rule pack; `person` is false
    /// for places and organisations.
    Named {
        /// The name as written, titles removed.
        name: String,
        /// Whether it looks like a person.
        person: bool,
    },
}

/// A personal pronoun, by what it can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pronoun {
    /// he, him, his
    He,
    /// she, her
    She,
    /// it, its
    It,
    /// they, them, their
    They,
}

/// A mention of someone in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Span in the folded text.
    pub span: Span,
    /// Who it is.
    pub kind: MentionKind,
    /// Whether it stands inside a quotation.
    pub in_quote: bool,
    /// Whether a preposition stands right before it (`about Ukraine`): then it is not a subject.
    pub after_preposition: bool,
    /// Whether it is a possessive (`Trump's`).
    pub possessive: bool,
}

/// A cue phrase: a topic, a stance cue, a negator, a speech verb...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Span in the folded text.
    pub span: Span,
    /// What it means.
    pub meaning: Meaning,
    /// Index into the rules' phrases.
    pub phrase: u32,
    /// Where it was found, with the gaps of a gapped phrase.
    pub hit: Hit,
}

/// Everything found in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentions {
    /// Mentions of people and organisations, in text order.
    pub mentions: Vec<Mention>,
    /// Cue phrases, in text order.
    pub cues: Vec<Cue>,
}

/// Finds mentions and cues in an article.
pub fn find_mentions(
    seg: &Segmented,
    quotes: &[Quote],
    rules: &CompiledRules,
    date: Option<NaiveDate>,
) -> Mentions {
    let hits = rules.scan(&seg.text);
    let mut mention_hits = Vec::with_capacity(hits.len());
    let mut cue_hits = Vec::with_capacity(hits.len());
    for hit in &hits {
        let meaning = rules.phrases[hit.phrase as usize].meaning;
        if is_mention_meaning(meaning) {
            mention_hits.push((hit, meaning));
        } else {
            cue_hits.push((hit, meaning));
        }
    }
    let mut known = group_mentions(seg, rules, &mention_hits, date);
    known.sort_by_key(|m| m.span);
    // The longest span of each list, found once for the overlap tests.
    let known_longest = longest_span(&known, |m| m.span);
    let sentence_spans: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let classes = ByteClasses::of(seg.text.as_bytes());
    // Titles are stripped from unknown names; known mentions cover their words.
    let mut unknown: Vec<Mention> =
        names::unknown_names(&seg.text, &classes, &sentence_spans, &known, known_longest)
            .into_iter()
            .map(|n| {
                plain_mention(
                    n.span,
                    MentionKind::Named {
                        name: n.name,
                        person: n.person,
                    },
                )
            })
            .collect();
    unknown.sort_by_key(|m| m.span);
    let unknown_longest = longest_span(&unknown, |m| m.span);
    let pronouns = find_pronouns(
        seg,
        &classes,
        [(&known, known_longest), (&unknown, unknown_longest)],
    );
    // Unknown names and pronouns are few: merged first, they move twice.
    let mut mentions = merge_by_span(known, merge_by_span(unknown, pronouns));
    context::mark_context(&seg.text, &classes, quotes, &mut mentions);
    let longest = known_longest.max(unknown_longest).max(LONGEST_PRONOUN);
    let cues = cues::filter_cues(&cue_hits, &mentions, longest);
    Mentions { mentions, cues }
}

/// The mentions of both lists in span order, given each in span order; on
/// equal spans those of `first` come first, as in a stable sort of both.
fn merge_by_span(first: Vec<Mention>, second: Vec<Mention>) -> Vec<Mention> {
    let mut merged = Vec::with_capacity(first.len() + second.len());
    let mut second = second.into_iter();
    for mention in first {
        while second
            .as_slice()
            .first()
            .is_some_and(|earlier| earlier.span < mention.span)
        {
            if let Some(earlier) = second.next() {
                merged.push(earlier);
            }
        }
        merged.push(mention);
    }
    merged.extend(second);
    merged
}

/// A mention with no context marked yet.
fn plain_mention(span: Span, kind: MentionKind) -> Mention {
    Mention {
        span,
        kind,
        in_quote: false,
        after_preposition: false,
        possessive: false,
    }
}

fn is_mention_meaning(meaning: Meaning) -> bool {
    matches!(
        meaning,
        Meaning::Actor(_)
            | Meaning::Descriptor(_)
            | Meaning::Role { .. }
            | Meaning::Title
            | Meaning::Anonymous
            | Meaning::OrganisationReference
    )
}

/// Leftmost-longest mention hits, grouped when only a space separates them.
fn group_mentions(
    seg: &Segmented,
    rules: &CompiledRules,
    hits: &[(&Hit, Meaning)],
    date: Option<NaiveDate>,
) -> Vec<Mention> {
    // Room for a mention per hit, most often more than is needed: growing
    // the list cost more.
    let mut mentions = Vec::with_capacity(hits.len());
    // The group being read: its span, the span of its last slot (hits with
    // one span share a slot) and the meanings of all its hits.
    let mut group: Option<(Span, Span)> = None;
    let mut meanings: Vec<Meaning> = Vec::new();
    let mut close = |group: Span, meanings: &[Meaning]| {
        let Some(kind) = resolve_group(rules, meanings, date) else {
            return;
        };
        let span = match kind {
            MentionKind::Anonymous => extend_to_determiner(&seg.text, group),
            _ => group,
        };
        mentions.push(plain_mention(span, kind));
    };
    for &(hit, meaning) in hits {
        if let Some((span, slot)) = &mut group {
            if hit.span == *slot {
                meanings.push(meaning);
                continue;
            }
            if hit.span.start < slot.end {
                continue;
            }
            if hit.span.start == span.end + 1 && seg.text.as_bytes()[span.end] == b' ' {
                span.end = hit.span.end;
                *slot = hit.span;
                meanings.push(meaning);
                continue;
            }
            close(*span, &meanings);
            meanings.clear();
        }
        group = Some((hit.span, hit.span));
        meanings.push(meaning);
    }
    if let Some((span, _)) = group {
        close(span, &meanings);
    }
    mentions
}

fn resolve_group(
    rules: &CompiledRules,
    meanings: &[Meaning],
    date: Option<NaiveDate>,
) -> Option<MentionKind> {
    use crate::rules::source::ActorKind;
    if let [meaning] = meanings {
        return resolve_one(rules, *meaning, date);
    }
    let person_name = meanings.iter().rev().find_map(|m| match m {
        Meaning::Actor(a) if rules.actors[*a].kind == ActorKind::Person => Some(*a),
        _ => None,
    });
    if let Some(actor) = person_name {
        return Some(MentionKind::Actor(actor));
    }
    if meanings.contains(&Meaning::Anonymous) {
        return Some(MentionKind::Anonymous);
    }
    let mut roles: Vec<usize> = meanings
        .iter()
        .filter_map(|m| match m {
            Meaning::Role { actor, role } if rules.roles[*role].held_on(date) => Some(*actor),
            _ => None,
        })
        .collect();
    roles.sort_unstable();
    roles.dedup();
    let mut descriptors: Vec<usize> = meanings
        .iter()
        .filter_map(|m| match m {
            Meaning::Descriptor(a) => Some(*a),
            _ => None,
        })
        .collect();
    descriptors.sort_unstable();
    descriptors.dedup();
    let other_name = meanings.iter().rev().find_map(|m| match m {
        Meaning::Actor(a) => Some(*a),
        _ => None,
    });
    match (roles.as_slice(), descriptors.as_slice(), other_name) {
        ([one], _, _) | ([], [one], _) => Some(MentionKind::Actor(*one)),
        (_, _, Some(actor)) if roles.is_empty() || meanings.len() > roles.len() => {
            Some(MentionKind::Actor(actor))
        }
        ([_, _, ..], _, _) => Some(MentionKind::Ambiguous(roles)),
        ([], [_, _, ..], _) => Some(MentionKind::Ambiguous(descriptors)),
        _ if meanings.contains(&Meaning::OrganisationReference) => {
            Some(MentionKind::OrganisationReference)
        }
        _ => None,
    }
}

/// [`resolve_group`] of a group of one hit, the most common kind, without
/// the lists a longer group needs.
fn resolve_one(
    rules: &CompiledRules,
    meaning: Meaning,
    date: Option<NaiveDate>,
) -> Option<MentionKind> {
    match meaning {
        Meaning::Actor(actor) | Meaning::Descriptor(actor) => Some(MentionKind::Actor(actor)),
        Meaning::Role { actor, role } if rules.roles[role].held_on(date) => {
            Some(MentionKind::Actor(actor))
        }
        Meaning::Anonymous => Some(MentionKind::Anonymous),
        Meaning::OrganisationReference => Some(MentionKind::OrganisationReference),
        _ => None,
    }
}

/// `a European NATO diplomat`: the description starts at its determiner.
fn extend_to_determiner(text: &str, span: Span) -> Span {
    const DETERMINERS: [&str; 12] = [
        "a", "an", "one", "another", "two", "three", "several", "some", "many", "other", "senior",
        "these",
    ];
    let mut start = span.start;
    let mut cursor = span.start;
    for _ in 0..4 {
        let before = text[..cursor].trim_end_matches(' ');
        if before.len() == cursor || before.ends_with([',', '.', ';', ':', '"', '\n']) {
            break;
        }
        let word_start = before.rfind([' ', '\n', '"', '(']).map_or(0, |p| p + 1);
        let word = &before[word_start..];
        if word.is_empty() {
            break;
        }
        cursor = word_start;
        if DETERMINERS.contains(&word.to_ascii_lowercase().as_str()) {
            start = word_start;
            break;
        }
    }
    Span::new(start, span.end)
}

/// The most letters a pronoun has (`their`).
const LONGEST_PRONOUN: usize = 5;

/// The pronoun the word of ASCII letters `bytes[start..end]` is, in any case.
fn pronoun(bytes: &[u8], start: usize, end: usize) -> Option<Pronoun> {
    let length = end - start;
    if !(2..=LONGEST_PRONOUN).contains(&length) {
        return None;
    }
    // The letters folded to lower case, packed into one integer: a match on
    // integers is a few compares. Most words have eight bytes from their
    // start on, read by one load.
    let packed = match bytes.get(start..start + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => bytes[start..end]
            .iter()
            .rev()
            .fold(0, |packed, &b| packed << 8 | u64::from(b)),
    };
    let packed = (packed | 0x2020_2020_2020_2020) & ((1 << (8 * length)) - 1);
    const fn pack(word: &[u8]) -> u64 {
        let mut packed = 0;
        let mut i = word.len();
        while i > 0 {
            i -= 1;
            packed = packed << 8 | word[i] as u64;
        }
        packed
    }
    const HE: u64 = pack(b"he");
    const HIM: u64 = pack(b"him");
    const HIS: u64 = pack(b"his");
    const SHE: u64 = pack(b"she");
    const HER: u64 = pack(b"her");
    const IT: u64 = pack(b"it");
    const ITS: u64 = pack(b"its");
    const THEY: u64 = pack(b"they");
    const THEM: u64 = pack(b"them");
    const THEIR: u64 = pack(b"their");
    Some(match packed {
        HE | HIM | HIS => Pronoun::He,
        SHE | HER => Pronoun::She,
        IT | ITS => Pronoun::It,
        THEY | THEM | THEIR => Pronoun::They,
        _ => return None,
    })
}

/// Pronouns that are not part of a mention of either list; each list comes
/// sorted by span, with a length none of its spans exceeds.
fn find_pronouns(
    seg: &Segmented,
    classes: &ByteClasses,
    mentions: [(&[Mention], usize); 2],
) -> Vec<Mention> {
    let bytes = seg.text.as_bytes();
    let mut near =
        mentions.map(|(list, longest)| NearbySpans::new(list, |m: &Mention| m.span, longest));
    let mut found = Vec::new();
    // Bytes, not chars: a word here is ASCII letters, and every byte of any
    // other character ends one just as the character would.
    let mut letter_before = false;
    let initials = classes.pronoun_initials();
    for (block, (&letters, &initials)) in classes.letters().iter().zip(initials).enumerate() {
        let mut word_starts = letters & !(letters << 1 | u64::from(letter_before));
        letter_before = letters >> 63 == 1;
        // A pronoun has two to five letters. Where the letters that tell run
        // into the next block, the word stays a candidate.
        let six_letters = (1..6).fold(letters, |run, shift| run & letters >> shift);
        let two_letters = letters >> 1 | 1 << 63;
        word_starts &= two_letters & !six_letters & initials;
        while word_starts != 0 {
            let bit = word_starts.trailing_zeros();
            word_starts &= word_starts - 1;
            let start = block * 64 + bit as usize;
            let length = (letters >> bit).trailing_ones() as usize;
            let end = if bit as usize + length < 64 {
                start + length
            } else {
                start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count()
            };
            let Some(pronoun) = pronoun(bytes, start, end) else {
                continue;
            };
            // A contraction (`it's`) is not a mention.
            if bytes[end..].starts_with(b"'s") {
                continue;
            }
            let span = Span::new(start, end);
            if near.iter_mut().any(|list| list.any_overlaps(span)) {
                continue;
            }
            found.push(plain_mention(span, MentionKind::Pronoun(pronoun)));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_keeps_span_order_and_puts_the_first_list_first_on_ties() {
        use MentionKind::{Anonymous as First, OrganisationReference as Second};
        let list = |spans: &[(usize, usize)], kind: MentionKind| -> Vec<Mention> {
            spans
                .iter()
                .map(|&(start, end)| plain_mention(Span::new(start, end), kind.clone()))
                .collect()
        };
        let first = list(&[(0, 2), (5, 7), (5, 8)], First);
        let second = list(&[(1, 2), (5, 7), (9, 9)], Second);
        let merged: Vec<(Span, MentionKind)> = merge_by_span(first, second)
            .into_iter()
            .map(|m| (m.span, m.kind))
            .collect();
        let expected: Vec<(Span, MentionKind)> = [
            (0, 2, First),
            (1, 2, Second),
            (5, 7, First),
            (5, 7, Second),
            (5, 8, First),
            (9, 9, Second),
        ]
        .into_iter()
        .map(|(start, end, kind)| (Span::new(start, end), kind))
        .collect();
        assert_eq!(merged, expected);
    }

    #[test]
    fn pronouns_in_any_case_with_or_without_text_after() {
        let cases = [
            ("He", Some(Pronoun::He)),
            ("hers", None),
            ("she", Some(Pronoun::She)),
            ("ITS", Some(Pronoun::It)),
            ("Their", Some(Pronoun::They)),
            ("the", None),
            ("theirs", None),
        ];
        for (word, expected) in cases {
            let sentence = format!("{word} said so");
            for text in [word, &sentence] {
                assert_eq!(pronoun(text.as_bytes(), 0, word.len()), expected, "{text}");
            }
        }
    }
}
