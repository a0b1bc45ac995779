//! The scan against references that check every literal at every start.

use super::*;
use crate::rules::phrase::MAX_GAP_WORDS;
use proptest::prelude::*;

/// Words (one not ASCII), separators and their joins make the literals
/// and texts: literals that start or end with a separator, words that
/// run into each other, prefixes of other words.
const PIECES: &[&str] = &[
    "a", "ab", "b", "nato", "u", "é", " ", ".", ". ", "-", "(", ", ", "'", "  ",
];

/// Every literal at every start that follows a non-word byte, checked
/// byte by byte: the definition the scan must meet.
fn reference(literals: &[String], text: &str) -> Vec<(usize, usize, u32)> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut found = Vec::new();
    for start in 0..bytes.len() {
        if start > 0 && word(bytes[start - 1]) {
            continue;
        }
        for (id, literal) in literals.iter().enumerate() {
            let end = start + literal.len();
            if end <= bytes.len()
                && bytes[start..end].eq_ignore_ascii_case(literal.as_bytes())
                && (end == bytes.len() || !word(bytes[end]))
            {
                found.push((start, end, id as u32));
            }
        }
    }
    found.sort_by_key(|&(start, end, id)| (start, Reverse(end), id));
    found
}

proptest! {
    #[test]
    fn scan_finds_what_the_reference_finds(
        literals in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(PIECES), 1..5), 1..12),
        text in proptest::collection::vec(
            (proptest::sample::select(PIECES), any::<bool>()), 0..40),
    ) {
        let mut literals: Vec<String> = literals.into_iter().map(|l| l.concat()).collect();
        literals.sort();
        literals.dedup();
        let text: String = text
            .into_iter()
            .map(|(piece, upper)| if upper { piece.to_ascii_uppercase() } else { piece.to_string() })
            .collect();
        let uses: Vec<Vec<(u32, u8)>> = (0..literals.len() as u32).map(|l| vec![(l, 0)]).collect();
        let index = PhraseIndex::new(&literals, &uses, &vec![1; literals.len()]);
        let found: Vec<(usize, usize, u32)> = index
            .scan(&text)
            .iter()
            .map(|hit| (hit.span.start, hit.span.end, hit.phrase))
            .collect();
        prop_assert_eq!(found, reference(&literals, &text));
    }

    #[test]
    fn gapped_phrases_chain_as_the_reference_chains(
        literals in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(GAPPED_PIECES), 1..3), 1..6),
        phrases in proptest::collection::vec(
            proptest::collection::vec(
                proptest::collection::vec(0..6usize, 1..3), 1..=MAX_GAPS + 1),
            1..6),
        text in proptest::collection::vec(
            (proptest::sample::select(GAPPED_PIECES), any::<bool>()), 0..60),
    ) {
        let mut literals: Vec<String> = literals.into_iter().map(|l| l.concat()).collect();
        literals.sort();
        literals.dedup();
        let phrases: Vec<Vec<Vec<u32>>> = phrases
            .into_iter()
            .map(|segments| {
                segments
                    .into_iter()
                    .map(|lits| lits.into_iter().map(|l| (l % literals.len()) as u32).collect())
                    .collect()
            })
            .collect();
        let text: String = text
            .into_iter()
            .map(|(piece, upper)| if upper { piece.to_ascii_uppercase() } else { piece.to_string() })
            .collect();
        let mut uses = vec![Vec::new(); literals.len()];
        for (phrase, segments) in phrases.iter().enumerate() {
            for (segment, lits) in segments.iter().enumerate() {
                for &l in lits {
                    uses[l as usize].push((phrase as u32, segment as u8));
                }
            }
        }
        let counts: Vec<usize> = phrases.iter().map(Vec::len).collect();
        let index = PhraseIndex::new(&literals, &uses, &counts);
        let found: Vec<Hit> = index.scan(&text);
        prop_assert_eq!(found, gapped_reference(&literals, &phrases, &text));
    }
}

/// Words, spaces and sentence breaks enough for gaps that fit and gaps
/// that don't.
const GAPPED_PIECES: &[&str] = &["a", "b", "nato", "u", " ", " ", ". ", ", ", "-", "  "];

/// Every hit of `phrases` (segments of literal ids) in `text`: each
/// occurrence of a first segment, by start and end, chained to the
/// earliest fitting occurrence of each next segment, all searched
/// linearly; then in scan order without duplicates.
fn gapped_reference(literals: &[String], phrases: &[Vec<Vec<u32>>], text: &str) -> Vec<Hit> {
    let all = reference(literals, text);
    let mut hits = Vec::new();
    for (phrase, segments) in phrases.iter().enumerate() {
        let occurrences: Vec<Vec<Span>> = segments
            .iter()
            .map(|lits| {
                let mut spans: Vec<Span> = all
                    .iter()
                    .filter(|(_, _, id)| lits.contains(id))
                    .map(|&(start, end, _)| Span::new(start, end))
                    .collect();
                spans.sort_by_key(|s| (s.start, s.end));
                spans
            })
            .collect();
        'start: for &first in &occurrences[0] {
            let mut end = first;
            let mut gaps = [Span::default(); MAX_GAPS];
            for (segment, spans) in occurrences.iter().enumerate().skip(1) {
                let next = spans.iter().find(|s| s.start >= end.end);
                match next.filter(|s| gap_ok(&text[end.end..s.start])) {
                    Some(&span) => {
                        gaps[segment - 1] = Span::new(end.end, span.start);
                        end = span;
                    }
                    None => continue 'start,
                }
            }
            hits.push(Hit {
                span: Span::new(first.start, end.end),
                phrase: phrase as u32,
                gaps,
            });
        }
    }
    hits.sort_by_key(order);
    hits.dedup();
    hits
}

/// `gap_ok` byte by byte: the definition the sixteen-byte version must meet.
fn gap_ok_reference(gap: &str) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in gap.as_bytes() {
        match b {
            b'.' | b'!' | b'?' | b';' | b'\n' => return false,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => in_word = false,
            0x80.. => {
                return gap.split_whitespace().take(MAX_GAP_WORDS + 1).count() <= MAX_GAP_WORDS
                    && !gap.contains(['.', '!', '?', ';', '\n'])
            }
            _ if !in_word => {
                in_word = true;
                words += 1;
                if words > MAX_GAP_WORDS {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// Gap pieces: words, every ASCII space, breaks, and non-ASCII characters
/// that are spaces (no-break space) and that are not.
const GAP_PIECES: &[&str] = &[
    "a", "word", ",", "-", " ", "   ", "\t", "\r", "\x0b", "\x0c", "\n", ".", "!", "?", ";", "é",
    "\u{a0}",
];

proptest! {
    #[test]
    fn gap_ok_agrees_with_the_byte_by_byte_reference(
        pieces in proptest::collection::vec(proptest::sample::select(GAP_PIECES), 0..40),
    ) {
        let gap = pieces.concat();
        prop_assert_eq!(gap_ok(&gap), gap_ok_reference(&gap), "{:?}", gap);
    }
}
