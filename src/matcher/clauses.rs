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

/// What a sentence is searched for: `;` and the words that start a new
/// clause, then the words that open a reported question, up to the next comma.
const NEEDLES: [&str; 10] = [
    ";",
    " but ",
    " while ",
    " whereas ",
    " although ",
    ", so ",
    " so that ",
    "whether ",
    "asked if ",
    "asked about ",
];

/// Needles before this index split clauses; the rest open questions.
const SPLITTING: usize = 7;

/// [`NEEDLES`], indexed once at compile time.
const NEEDLE_INDEX: NeedleIndex = NeedleIndex::new(&NEEDLES);

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
    let found = occurrences(body, &NEEDLES, &NEEDLE_INDEX);
    let subordinate = SUBORDINATORS
        .iter()
        .any(|s| starts_with_ignoring_case(body.as_bytes(), s.as_bytes()));
    let conditional = |c: &&Cue| c.meaning == Meaning::Conditional && sentence.contains(c.span);
    let cues = sentence.starting_within(cues, |c| c.span);
    // Most sentences are one clause.
    if found.is_empty() && !subordinate && !cues.iter().any(|c| conditional(&c)) {
        return vec![Clause {
            span: sentence,
            conditional: false,
            question: false,
        }];
    }
    let mut cuts: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle < SPLITTING)
        .map(|&(at, _)| at + 1)
        .collect();
    if subordinate {
        if let Some(comma) = body.find(", ") {
            cuts.push(comma + 1);
        }
    }
    let conditionals: Vec<usize> = cues
        .iter()
        .filter(conditional)
        .map(|c| c.span.start - sentence.start)
        .collect();
    let questions: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle >= SPLITTING)
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

/// Whether `haystack` starts with the lower-case `needle`, in any case.
fn starts_with_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .get(..needle.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(needle))
}

/// How many leading bytes of a needle [`NeedleIndex`] checks before comparing it whole.
const INDEXED_BYTES: usize = 3;

/// For each of a needle set's first few byte positions, which needles a byte
/// fits there in either case, as bit masks over needle indexes; a needle
/// shorter than the position fits any byte.
struct NeedleIndex {
    by_byte: [[u16; 256]; INDEXED_BYTES],
    /// Bit `a | b << 8` is set when some needle may start with bytes `a`, `b`.
    starting_pairs: [u64; 1024],
    /// The needles no longer than each position: all that fit past the haystack's end.
    no_longer: [u16; INDEXED_BYTES],
}

impl NeedleIndex {
    /// Indexes up to 16 non-empty lower-case needles.
    const fn new(needles: &[&str]) -> NeedleIndex {
        assert!(needles.len() <= 16);
        let mut index = NeedleIndex {
            by_byte: [[0; 256]; INDEXED_BYTES],
            starting_pairs: [0; 1024],
            no_longer: [0; INDEXED_BYTES],
        };
        let mut k = 0;
        while k < needles.len() {
            let bit = 1 << k;
            let needle = needles[k].as_bytes();
            assert!(!needle.is_empty());
            let mut position = 0;
            while position < INDEXED_BYTES {
                let fits = &mut index.by_byte[position];
                if position < needle.len() {
                    let byte = needle[position];
                    fits[byte as usize] |= bit;
                    fits[byte.to_ascii_uppercase() as usize] |= bit;
                } else {
                    index.no_longer[position] |= bit;
                    let mut byte = 0;
                    while byte < 256 {
                        fits[byte] |= bit;
                        byte += 1;
                    }
                }
                position += 1;
            }
            k += 1;
        }
        let mut pair = 0;
        while pair < 1 << 16 {
            if index.by_byte[0][pair & 0xff] & index.by_byte[1][pair >> 8] != 0 {
                index.starting_pairs[pair / 64] |= 1 << (pair % 64);
            }
            pair += 1;
        }
        index
    }

    /// Whether some needle may start with bytes `a`, `b`.
    fn may_start(&self, a: u8, b: u8) -> bool {
        let pair = a as usize | (b as usize) << 8;
        self.starting_pairs[pair / 64] & 1 << (pair % 64) != 0
    }

    /// The first position from `from` on where a needle may start. Most byte
    /// pairs start none; the last byte has no pair and is always a candidate.
    fn next_start(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let mut at = from;
        while at + 1 < bytes.len() {
            if self.may_start(bytes[at], bytes[at + 1]) {
                return Some(at);
            }
            at += 1;
        }
        (at < bytes.len()).then_some(at)
    }

    /// The needles whose indexed bytes fit `bytes` from `at` on.
    fn candidates(&self, bytes: &[u8], at: usize) -> u16 {
        let mut fit = u16::MAX;
        for (position, fits) in self.by_byte.iter().enumerate() {
            fit &= bytes
                .get(at + position)
                .map_or(self.no_longer[position], |&b| fits[b as usize]);
        }
        fit
    }
}

/// Where each of the lower-case `needles` occurs in `haystack`, in any case
/// (position, needle index), left to right and without overlaps, as
/// `match_indices` finds them in the lower-cased haystack one needle at a
/// time, but in a single pass and without a lower-cased copy.
fn occurrences(haystack: &str, needles: &[&str], index: &NeedleIndex) -> Vec<(usize, usize)> {
    let bytes = haystack.as_bytes();
    let mut free_from = [0usize; 16];
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = index.next_start(bytes, from) {
        from = at + 1;
        let mut candidates = index.candidates(bytes, at);
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let needle = needles[k].as_bytes();
            if at >= free_from[k] && starts_with_ignoring_case(&bytes[at..], needle) {
                found.push((at, k));
                free_from[k] = at + needle.len();
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{occurrences, NeedleIndex};

    #[test]
    fn occurrences_are_those_match_indices_finds_in_lower_case() {
        let cases: [(&str, &[&str]); 10] = [
            ("a b, so c ; d", &[", so ", ";"]),
            (" but but but ", &[" but "]),
            ("aaaa", &["aa", "a"]),
            ("ends with ;", &[";"]),
            ("", &[" but "]),
            ("short", &["longer than it"]),
            ("ab", &["abc", "a", "ab"]),
            ("Whereas A, BUT b; But", &[" but ", "whereas ", ";"]),
            ("ÀSKED IF é asked if", &["asked if "]),
            (
                "he asked whether, asked if and asked about",
                &["asked whether ", "asked if ", "asked about "],
            ),
        ];
        for (haystack, needles) in cases {
            let lower = haystack.to_ascii_lowercase();
            let mut expected: Vec<(usize, usize)> = needles
                .iter()
                .enumerate()
                .flat_map(|(k, n)| lower.match_indices(n).map(move |(at, _)| (at, k)))
                .collect();
            expected.sort_unstable();
            assert_eq!(
                occurrences(haystack, needles, &NeedleIndex::new(needles)),
                expected,
                "{needles:?} in {haystack:?}"
            );
        }
    }
}
