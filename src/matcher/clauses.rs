//! Sentences -> clauses: the span within which a topic and a stance cue combine.

use crate::mentions::Cue;
use crate::model::Span;
use crate::rules::Meaning;

/// A clause of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Span in the folded text.
    pub span: Span,
    /// Whether it is an `if`/`unless` clause (its stances are noncommittal).
    pub conditional: bool,
    /// Whether it reports a question (`asked whether …`): it takes no side.
    pub question: bool,
}

/// Words that open a reported question, up to the next comma.
const QUESTION_OPENERS: [&str; 3] = ["whether ", "asked if ", "asked about "];

/// Words that start a new clause.
const CLAUSE_OPENERS: [&str; 6] = [
    " but ",
    " while ",
    " whereas ",
    " although ",
    ", so ",
    " so that ",
];

/// Words that open a subordinate clause at the start of a sentence; it ends at the first comma.
const SUBORDINATORS: [&str; 7] = [
    "while ",
    "although ",
    "though ",
    "whereas ",
    "when ",
    "as ",
    "once ",
];

/// Splits a sentence at `;`, contrastive conjunctions and the end of a
/// conditional clause (`If X, Y`: X and Y are separate clauses).
pub fn split_clauses(text: &str, sentence: Span, cues: &[Cue]) -> Vec<Clause> {
    let body = &text[sentence.start..sentence.end];
    let lower = body.to_ascii_lowercase();
    // One pass finds `;`, the openers and the question openers, in that order of needles.
    let needles: Vec<&str> = std::iter::once(";")
        .chain(CLAUSE_OPENERS)
        .chain(QUESTION_OPENERS)
        .collect();
    let found = occurrences(&lower, &needles);
    let splitting = 1 + CLAUSE_OPENERS.len();
    let mut cuts: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle < splitting)
        .map(|&(at, _)| at + 1)
        .collect();
    if SUBORDINATORS.iter().any(|s| lower.starts_with(s)) {
        if let Some(comma) = body.find(", ") {
            cuts.push(comma + 1);
        }
    }
    let conditionals: Vec<usize> = sentence
        .starting_within(cues, |c| c.span)
        .iter()
        .filter(|c| c.meaning == Meaning::Conditional && sentence.contains(c.span))
        .map(|c| c.span.start - sentence.start)
        .collect();
    let questions: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle >= splitting)
        .map(|&(at, _)| at)
        .collect();
    for &at in &questions {
        cuts.push(at);
        if let Some(comma) = body[at..].find(", ") {
            cuts.push(at + comma + 1);
        }
    }
    for &at in &conditionals {
        cuts.push(at);
        if let Some(comma) = body[at..].find(", ") {
            cuts.push(at + comma + 1);
        }
    }
    cuts.retain(|&c| c > 0 && c < body.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(body.len());
    bounds
        .windows(2)
        .map(|w| Clause {
            span: Span::new(sentence.start + w[0], sentence.start + w[1]),
            conditional: conditionals.contains(&w[0]),
            question: questions.contains(&w[0]),
        })
        .collect()
}

/// Where each of `needles` occurs in `haystack` (position, needle index),
/// left to right and without overlaps, as `match_indices` finds them one
/// needle at a time, but in a single pass.
fn occurrences(haystack: &str, needles: &[&str]) -> Vec<(usize, usize)> {
    debug_assert!(needles.len() <= 16 && needles.iter().all(|n| !n.is_empty()));
    let bytes = haystack.as_bytes();
    // Needles by first byte, and by second byte (a one-byte needle fits any).
    let mut by_first = [0u16; 256];
    let mut by_second = [0u16; 256];
    for (k, needle) in needles.iter().enumerate() {
        by_first[needle.as_bytes()[0] as usize] |= 1 << k;
        match needle.as_bytes().get(1) {
            Some(&second) => by_second[second as usize] |= 1 << k,
            None => by_second.iter_mut().for_each(|mask| *mask |= 1 << k),
        }
    }
    let one_byte: u16 = (0..needles.len())
        .filter(|&k| needles[k].len() == 1)
        .fold(0, |mask, k| mask | 1 << k);
    let mut free_from = [0usize; 16];
    let mut found = Vec::new();
    for (at, &b) in bytes.iter().enumerate() {
        let first = by_first[b as usize];
        if first == 0 {
            continue;
        }
        let second = bytes
            .get(at + 1)
            .map_or(one_byte, |&n| by_second[n as usize]);
        let mut candidates = first & second;
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let needle = needles[k].as_bytes();
            if at >= free_from[k] && bytes[at..].starts_with(needle) {
                found.push((at, k));
                free_from[k] = at + needle.len();
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::occurrences;

    #[test]
    fn occurrences_are_those_match_indices_finds() {
        let cases: [(&str, &[&str]); 7] = [
            ("a b, so c ; d", &[", so ", ";"]),
            (" but but but ", &[" but "]),
            ("aaaa", &["aa", "a"]),
            ("ends with ;", &[";"]),
            ("", &[" but "]),
            ("short", &["longer than it"]),
            (
                "he asked whether, asked if and asked about",
                &["asked whether ", "asked if ", "asked about "],
            ),
        ];
        for (haystack, needles) in cases {
            let mut expected: Vec<(usize, usize)> = needles
                .iter()
                .enumerate()
                .flat_map(|(k, n)| haystack.match_indices(n).map(move |(at, _)| (at, k)))
                .collect();
            expected.sort_unstable();
            assert_eq!(
                occurrences(haystack, needles),
                expected,
                "{needles:?} in {haystack:?}"
            );
        }
    }
}
