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
const QUESTION_OPENERS: [&str; 4] = [
    "asked whether ",
    "asked if ",
    "wondered whether ",
    "asked about ",
];

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
    let mut cuts: Vec<usize> = occurrences(&lower, &[";"]);
    cuts.extend(occurrences(&lower, &CLAUSE_OPENERS));
    for cut in &mut cuts {
        *cut += 1;
    }
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
    let questions: Vec<usize> = occurrences(&lower, &QUESTION_OPENERS);
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

/// Where each of `needles` occurs in `haystack`, left to right and without
/// overlaps, as `match_indices` finds them one needle at a time, but in a
/// single pass (by position; which needle is not kept).
fn occurrences(haystack: &str, needles: &[&str]) -> Vec<usize> {
    debug_assert!(needles.len() <= 16 && needles.iter().all(|n| !n.is_empty()));
    let bytes = haystack.as_bytes();
    let mut starting_with = [0u16; 256];
    for (k, needle) in needles.iter().enumerate() {
        starting_with[needle.as_bytes()[0] as usize] |= 1 << k;
    }
    let mut free_from = [0usize; 16];
    let mut found = Vec::new();
    for (at, &b) in bytes.iter().enumerate() {
        let mut candidates = starting_with[b as usize];
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if at >= free_from[k] && bytes[at..].starts_with(needles[k].as_bytes()) {
                found.push(at);
                free_from[k] = at + needles[k].len();
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
            let mut expected: Vec<usize> = needles
                .iter()
                .flat_map(|n| haystack.match_indices(n).map(|(at, _)| at))
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
