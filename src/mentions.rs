//! Folded text + compiled rules -> who is mentioned where, and every cue phrase.
//!
//! One pass over the text finds names, roles, descriptors and cue phrases. Names
//! and titles that stand side by side form one mention ("US President Donald
//! Trump"), whose most specific part decides who it is: a personal name beats
//! an office, an office beats a description. Offices resolve by the article's
//! date; a description that fits several actors stays ambiguous.

pub mod names;

use crate::model::{longest_span, Span};
use crate::quotes::Quote;
use crate::rules::{CompiledRules, Hit, Meaning};
use crate::segment::Segmented;
use chrono::NaiveDate;
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

const PREPOSITIONS: [&str; 42] = [
    "during",
    "amid",
    "since",
    "until",
    "throughout",
    "across",
    "beyond",
    "within",
    "near",
    "around",
    "following",
    "of",
    "to",
    "in",
    "with",
    "for",
    "from",
    "against",
    "on",
    "at",
    "by",
    "into",
    "about",
    "like",
    "than",
    "between",
    "toward",
    "towards",
    "over",
    "under",
    "after",
    "before",
    "without",
    "regarding",
    "among",
    "despite",
    "behind",
    "via",
    "per",
    "alongside",
    "onto",
    "upon",
];

/// Finds mentions and cues in an article.
pub fn find_mentions(
    seg: &Segmented,
    quotes: &[Quote],
    rules: &CompiledRules,
    date: Option<NaiveDate>,
) -> Mentions {
    let hits = rules.scan(&seg.text);
    let (mention_hits, cue_hits): (Vec<Hit>, Vec<Hit>) = hits
        .into_iter()
        .partition(|hit| is_mention_meaning(rules.phrases[hit.phrase as usize].meaning));
    let mut mentions = group_mentions(seg, rules, &mention_hits, date);
    // Titles are stripped from unknown names; known mentions cover their words.
    let covered: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let sentence_spans: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    mentions.extend(
        names::unknown_names(&seg.text, &sentence_spans, &covered)
            .into_iter()
            .map(|n| Mention {
                span: n.span,
                kind: MentionKind::Named {
                    name: n.name,
                    person: n.person,
                },
                in_quote: false,
                after_preposition: false,
                possessive: false,
            }),
    );
    mentions.sort_by_key(|m| m.span);
    mentions.extend(find_pronouns(seg, &mentions));
    mentions.sort_by_key(|m| m.span);
    for mention in &mut mentions {
        mention.in_quote = quotes.iter().any(|q| q.outer.contains(mention.span));
        mention.after_preposition = word_before(&seg.text, mention.span.start)
            .is_some_and(|w| PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(w)))
            && !led_by(&seg.text, mention.span.start);
        let word = seg.slice(mention.span);
        mention.possessive = seg.text[mention.span.end..].starts_with("'s ")
            || seg.text[mention.span.end..].starts_with("' ")
            || ["his", "its", "their"]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(word));
    }
    let mut cues = filter_cues(rules, cue_hits);
    // A word inside a name is not a verb: "States" in "United States".
    cues.retain(|c| {
        !matches!(c.meaning, Meaning::Speech | Meaning::Cognition)
            || !mentions.iter().any(|m| m.span.overlaps(c.span))
    });
    Mentions { mentions, cues }
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

/// `countries, led by the United States, are reluctant`: the leader is a subject.
fn led_by(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    before.ends_with("led by") || before.ends_with("headed by")
}

/// The word right before `at`, skipping one article (`about the US` -> `about`).
fn word_before(text: &str, at: usize) -> Option<&str> {
    let mut words = text[..at]
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    if first.contains([',', '.', ';', ':', '"', '(', ')']) {
        return None;
    }
    if ["the", "a", "an"]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(first))
    {
        return words
            .next()
            .filter(|w| !w.contains([',', '.', ';', ':', '"']));
    }
    Some(first)
}

/// Leftmost-longest mention hits, grouped when only a space separates them.
fn group_mentions(
    seg: &Segmented,
    rules: &CompiledRules,
    hits: &[Hit],
    date: Option<NaiveDate>,
) -> Vec<Mention> {
    let mut slots: Vec<(Span, Vec<Meaning>)> = Vec::new();
    for hit in hits {
        let meaning = rules.phrases[hit.phrase as usize].meaning;
        match slots.last_mut() {
            Some((span, meanings)) if *span == hit.span => meanings.push(meaning),
            Some((span, _)) if hit.span.start < span.end => {}
            _ => slots.push((hit.span, vec![meaning])),
        }
    }
    let mut groups: Vec<(Span, Vec<Meaning>)> = Vec::new();
    for (span, meanings) in slots {
        match groups.last_mut() {
            Some((group, all)) if seg.text[group.end..span.start] == *" " => {
                group.end = span.end;
                all.extend(meanings);
            }
            _ => groups.push((span, meanings)),
        }
    }
    groups
        .into_iter()
        .filter_map(|(span, meanings)| {
            let kind = resolve_group(rules, &meanings, date)?;
            let span = match kind {
                MentionKind::Anonymous => extend_to_determiner(&seg.text, span),
                _ => span,
            };
            Some(Mention {
                span,
                kind,
                in_quote: false,
                after_preposition: false,
                possessive: false,
            })
        })
        .collect()
}

fn resolve_group(
    rules: &CompiledRules,
    meanings: &[Meaning],
    date: Option<NaiveDate>,
) -> Option<MentionKind> {
    use crate::rules::source::ActorKind;
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

/// The pronoun a word is, in any case.
fn pronoun(word: &str) -> Option<Pronoun> {
    if !(2..=5).contains(&word.len()) {
        return None;
    }
    let mut lower = [0u8; 5];
    lower[..word.len()].copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &lower[..word.len()] {
        b"he" | b"him" | b"his" => Pronoun::He,
        b"she" | b"her" => Pronoun::She,
        b"it" | b"its" => Pronoun::It,
        b"they" | b"them" | b"their" => Pronoun::They,
        _ => return None,
    })
}

/// Pronouns that are not part of a mention; `mentions` is sorted by span.
fn find_pronouns(seg: &Segmented, mentions: &[Mention]) -> Vec<Mention> {
    let text = &seg.text;
    let longest = longest_span(mentions, |m| m.span);
    let mut found = Vec::new();
    let mut start = None;
    // Bytes, not chars: a word here is ASCII letters, and every byte of any
    // other character ends one just as the character would.
    for (i, b) in text
        .bytes()
        .enumerate()
        .chain(std::iter::once((text.len(), b' ')))
    {
        if b.is_ascii_alphabetic() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        if b == b'\'' && text[i..].starts_with("'s") {
            continue;
        }
        let word = &text[s..i];
        let Some(pronoun) = pronoun(word) else {
            continue;
        };
        let span = Span::new(s, i);
        let near = span.reachable_from(mentions, longest, |m| m.span);
        if near.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        found.push(Mention {
            span,
            kind: MentionKind::Pronoun(pronoun),
            in_quote: false,
            after_preposition: false,
            possessive: false,
        });
    }
    found
}

/// The cue family decides which hits a longer hit swallows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Stance,
    Negation,
    Hedge,
    Time,
    Speech,
    Conditional,
}

fn family(meaning: Meaning) -> Family {
    match meaning {
        Meaning::Topic { .. } | Meaning::StanceCue { .. } | Meaning::TopicStance { .. } => {
            Family::Stance
        }
        Meaning::Negator => Family::Negation,
        Meaning::Hedge => Family::Hedge,
        Meaning::Earlier | Meaning::NotEarlier => Family::Time,
        Meaning::Conditional => Family::Conditional,
        _ => Family::Speech,
    }
}

/// Keeps the longest of overlapping hits in one family, drops negators, hedges
/// and time words inside a stance phrase (`not realistic` is one cue, not a
/// negated `realistic`), and drops `once` inside `once again`.
fn filter_cues(rules: &CompiledRules, hits: Vec<Hit>) -> Vec<Cue> {
    let cues: Vec<Cue> = hits
        .iter()
        .map(|hit| Cue {
            span: hit.span,
            meaning: rules.phrases[hit.phrase as usize].meaning,
            phrase: hit.phrase,
            hit: *hit,
        })
        .collect();
    let longest = longest_span(&cues, |c| c.span);
    let swallowed = |cue: &Cue| {
        let near = cue.span.reachable_from(&cues, longest, |c| c.span);
        near.iter().any(|other| {
            // A gapped phrase swallows only what lies in its own words, not its gaps.
            let longer = other.hit.covers(cue.span) && other.span != cue.span;
            let (mine, theirs) = (family(cue.meaning), family(other.meaning));
            let same_family = mine == theirs && mine != Family::Stance;
            // A negator in the gap of `Russia … want … end the war` negates it; one
            // in a phrase's own words (`not realistic`) is part of it.
            let absorbed = theirs == Family::Stance
                && matches!(mine, Family::Negation | Family::Hedge | Family::Time);
            let overlapping_stance = mine == Family::Stance
                && theirs == Family::Stance
                && longer
                && same_kind(cue.meaning, other.meaning);
            (longer && (same_family || absorbed)) || overlapping_stance
        })
    };
    cues.iter()
        .filter(|cue| !swallowed(cue))
        .filter(|cue| cue.meaning != Meaning::NotEarlier)
        .copied()
        .collect()
}

/// Whether a shorter stance-family hit `a` is part of a longer hit `b`: a
/// cue inside a cue or topic phrase (`support` in `military support`), a topic
/// phrase inside another of the same topic. An idiom is never swallowed by a
/// plain topic phrase: it says more.
fn same_kind(a: Meaning, b: Meaning) -> bool {
    match (a, b) {
        (Meaning::StanceCue { .. }, Meaning::StanceCue { .. }) => true,
        (
            Meaning::Topic { topic: x, .. },
            Meaning::Topic { topic: y, .. } | Meaning::TopicStance { topic: y, .. },
        )
        | (Meaning::TopicStance { topic: x, .. }, Meaning::TopicStance { topic: y, .. }) => x == y,
        (Meaning::StanceCue { .. }, Meaning::TopicStance { .. } | Meaning::Topic { .. }) => true,
        _ => false,
    }
}
