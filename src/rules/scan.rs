//! Finding every phrase of a compiled pack in one article's folded text.
//!
//! Each word of the text is looked up once in a table of the words and
//! separators literals hold ([`tokens`]); a [`WordTrie`] over those tokens
//! reports each literal standing as whole words, from each word start, by
//! end. The rare literals that start with a non-word byte (`(nato`) keep a
//! [`LiteralTrie`], walked from inside separator runs. Starts come in text
//! order and each start's literals are reported longest first, so the hits
//! of one-segment phrases come out already in scan order. A literal of a
//! one-segment phrase is a hit at once. The segments of gapped
//! phrases (`warn … against`) are chained afterwards, and only for phrases
//! whose *anchor* segment occurred: the segment whose literals are longest,
//! so the rarest. A common first segment (`Russia … want …`) then costs one
//! record per occurrence instead of one per phrase that starts with it.

mod gapped;
mod tokens;
mod word_trie;

use super::compile::{Hit, MAX_GAPS};
use super::trie::LiteralTrie;
use crate::model::Span;
use gapped::{Chaining, GappedPhrases, Occurrences};
use std::cell::RefCell;
use std::cmp::Reverse;
use tokens::{TextWord, TokenTable};
use word_trie::{TokenLiteral, WordTrie};

#[cfg(test)]
pub(crate) use gapped::gap_ok;

/// A literal of no gapped phrase.
const NOT_GAPPED: u32 = u32::MAX;

/// Offsets into a flat list, one range per item (`start[i]..start[i + 1]`).
#[derive(Debug, Clone, Default)]
struct Table {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Table {
    /// A table from one list per item.
    fn from_lists(lists: &[Vec<u32>]) -> Table {
        let mut table = Table {
            start: Vec::with_capacity(lists.len() + 1),
            items: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        table.start.push(0);
        for list in lists {
            table.items.extend_from_slice(list);
            table.start.push(table.items.len() as u32);
        }
        table
    }

    /// How many items.
    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn get(&self, index: usize) -> &[u32] {
        let (from, to) = (self.start[index], self.start[index + 1]);
        &self.items[from as usize..to as usize]
    }
}

/// The literals of a pack and, for each, the phrases that use it.
#[derive(Debug, Clone)]
pub(super) struct PhraseIndex {
    /// The runs of the literals that start with a word byte.
    tokens: TokenTable,
    /// Those literals, over token ids.
    words: WordTrie,
    /// The literals that start with another byte (`(nato`), rare, by byte.
    others: LiteralTrie,
    /// The literal id of each literal of `others`.
    other_ids: Vec<u32>,
    /// What finding each literal means.
    uses: Vec<LiteralUse>,
    /// The one-segment phrases of each literal, descending: the order of a
    /// start's hits is reversed once they are all found.
    single_phrases: Vec<u32>,
    /// For each slot, the gapped phrases whose anchor segment it is.
    anchors: Table,
    /// For each phrase, its segments (indexes into `segment_literals`); empty for one-segment phrases.
    segments: Table,
    /// For each segment of a gapped phrase, its literals' slots.
    segment_literals: Table,
}

/// What finding one literal means, in one load.
#[derive(Debug, Clone, Copy)]
struct LiteralUse {
    /// Its one-segment phrases are `single_phrases[from..to]`.
    from: u32,
    to: u32,
    /// Its number among the literals of gapped phrases (its *slot*), or
    /// `NOT_GAPPED`.
    slot: u32,
}

/// Construction.
impl PhraseIndex {
    /// Indexes `literals`; `uses[l]` lists the (phrase, segment) pairs literal
    /// `l` stands for, and `segment_counts[p]` how many segments phrase `p` has.
    ///
    /// Literals are folded phrases, so lower-case; matching ignores ASCII case.
    pub fn new(literals: &[String], uses: &[Vec<(u32, u8)>], segment_counts: &[usize]) -> Self {
        debug_assert!(
            literals
                .iter()
                .all(|l| !l.bytes().any(|b| b.is_ascii_uppercase())),
            "literals come from fold_phrase"
        );
        let mut single = vec![Vec::new(); literals.len()];
        let mut gapped_slot = vec![NOT_GAPPED; literals.len()];
        let mut slots = 0;
        let mut by_segment: Vec<Vec<Vec<u32>>> = segment_counts
            .iter()
            .map(|&count| {
                if count > 1 {
                    vec![Vec::new(); count]
                } else {
                    Vec::new()
                }
            })
            .collect();
        for (literal, literal_uses) in uses.iter().enumerate() {
            for &(phrase, segment) in literal_uses {
                if segment_counts[phrase as usize] == 1 {
                    single[literal].push(phrase);
                } else {
                    if gapped_slot[literal] == NOT_GAPPED {
                        gapped_slot[literal] = slots;
                        slots += 1;
                    }
                    by_segment[phrase as usize][segment as usize].push(gapped_slot[literal]);
                }
            }
        }
        let mut slot_literal = vec![0; slots as usize];
        for (literal, &slot) in gapped_slot.iter().enumerate() {
            if slot != NOT_GAPPED {
                slot_literal[slot as usize] = literal;
            }
        }
        let mut anchors = vec![Vec::new(); slots as usize];
        let mut segments = Vec::with_capacity(segment_counts.len());
        let mut segment_literals = Vec::new();
        for (phrase, phrase_segments) in by_segment.into_iter().enumerate() {
            let shortest = |lits: &Vec<u32>| {
                lits.iter()
                    .map(|&slot| literals[slot_literal[slot as usize]].len())
                    .min()
                    .unwrap_or(0)
            };
            // The last of the segments whose shortest literal is longest.
            let anchor = (0..phrase_segments.len())
                .max_by_key(|&s| (shortest(&phrase_segments[s]), s))
                .map(|s| phrase_segments[s].clone());
            for slot in anchor.into_iter().flatten() {
                anchors[slot as usize].push(phrase as u32);
            }
            let first = segment_literals.len() as u32;
            segment_literals.extend(phrase_segments);
            segments.push((first..segment_literals.len() as u32).collect());
        }
        let mut single_phrases = Vec::new();
        let uses = single
            .iter_mut()
            .zip(&gapped_slot)
            .map(|(phrases, &slot)| {
                phrases.dedup();
                phrases.reverse();
                let from = single_phrases.len() as u32;
                single_phrases.extend_from_slice(phrases);
                let to = single_phrases.len() as u32;
                LiteralUse { from, to, slot }
            })
            .collect();
        let (tokens, sequences, starters) = TokenTable::for_literals(literals);
        let mut word_literals = Vec::new();
        let mut other_literals = Vec::new();
        let mut other_ids = Vec::new();
        for (id, sequence) in sequences.into_iter().enumerate() {
            let Some(mut sequence) = sequence else {
                if !literals[id].is_empty() {
                    other_literals.push(literals[id].clone());
                    other_ids.push(id as u32);
                }
                continue;
            };
            let ends_in_separator = sequence.len() % 2 == 0;
            let trailing = ends_in_separator.then(|| {
                let separator = sequence.pop().expect("a separator ends the literal");
                tokens.bytes(separator).into_boxed_slice()
            });
            word_literals.push(TokenLiteral {
                id: id as u32,
                tokens: sequence,
                trailing,
            });
        }
        PhraseIndex {
            words: WordTrie::new(word_literals, starters, tokens.space()),
            tokens,
            others: LiteralTrie::new(&other_literals),
            other_ids,
            uses,
            single_phrases,
            anchors: Table::from_lists(&anchors),
            segments: Table::from_lists(&segments),
            segment_literals: Table::from_lists(&segment_literals),
        }
    }
}

/// Search.
impl PhraseIndex {
    /// How many literals the pack's phrases expand to.
    pub fn literal_count(&self) -> usize {
        self.uses.len()
    }

    /// Every phrase occurrence in `text` at word boundaries, gapped phrases
    /// assembled, sorted by start then longest first (then by phrase).
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        SCRATCH.with(|scratch| self.scan_with(text, &mut scratch.borrow_mut()))
    }

    /// `scan` with buffers kept from earlier articles.
    fn scan_with(&self, text: &str, scratch: &mut Scratch) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let Scratch {
            words,
            starting,
            occurrences,
            chaining,
            gapped,
        } = scratch;
        self.tokens.tokenize(bytes, words, starting);
        let words: &[TextWord] = words;
        occurrences.reset(self.anchors.len());
        let mut found = Found {
            index: self,
            hits: Vec::with_capacity(words.len() / 2),
            occurrences,
        };
        if self.other_ids.is_empty() {
            for &i in starting.iter() {
                self.word_matches(bytes, words, i as usize, &mut found);
            }
        } else {
            let leading = words.first().map_or(bytes.len(), |w| w.start);
            self.other_matches(bytes, 0..leading, &mut found);
            for (i, word) in words.iter().enumerate() {
                if self.words.starts_literal(word.word) {
                    self.word_matches(bytes, words, i, &mut found);
                }
                let next = words.get(i + 1).map_or(bytes.len(), |w| w.start);
                self.other_matches(bytes, word.end + 1..next, &mut found);
            }
        }
        let Found {
            mut hits,
            occurrences,
            ..
        } = found;
        if occurrences.touched.is_empty() {
            return hits;
        }
        gapped.clear();
        let phrases = GappedPhrases {
            anchors: &self.anchors,
            segments: &self.segments,
            segment_literals: &self.segment_literals,
        };
        phrases.assemble(text, occurrences, chaining, gapped);
        if !gapped.is_empty() {
            gapped.sort_by_key(order);
            gapped.dedup();
            merge_into(&mut hits, gapped);
        }
        hits
    }

    /// Matches of the literals that start with a word byte, from the start
    /// of `words[i]`, whose token starts some literal.
    #[inline(always)]
    fn word_matches(&self, text: &[u8], words: &[TextWord], i: usize, found: &mut Found) {
        let start = words[i].start;
        let before = found.hits.len();
        self.words.for_each_match(
            &self.tokens,
            text,
            words,
            i,
            #[inline(always)]
            |end, literal| found.record(Span::new(start, end), literal),
        );
        found.longest_first(before);
    }

    /// Matches of the literals that start with a non-word byte, from each
    /// start in `starts` (each follows a non-word byte).
    fn other_matches(&self, text: &[u8], starts: std::ops::Range<usize>, found: &mut Found) {
        if self.other_ids.is_empty() {
            return;
        }
        for start in starts {
            let before = found.hits.len();
            self.others
                .for_each_match_at(text, start, &mut |_, end, literal| {
                    found.record(Span::new(start, end), self.other_ids[literal as usize]);
                });
            found.longest_first(before);
        }
    }
}

thread_local! {
    /// Each thread's scan buffers, reused from article to article.
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Buffers a scan needs only while it runs.
#[derive(Debug, Default)]
struct Scratch {
    words: Vec<TextWord>,
    /// The indexes of the words that start some literal.
    starting: Vec<u32>,
    occurrences: Occurrences,
    chaining: Chaining,
    gapped: Vec<Hit>,
}

/// Hits as a scan collects them, from one start at a time.
struct Found<'a> {
    index: &'a PhraseIndex,
    /// One-segment phrase hits, in order.
    hits: Vec<Hit>,
    /// Where literals of gapped phrases occurred.
    occurrences: &'a mut Occurrences,
}

impl Found<'_> {
    /// Records `literal` found at `span`; a start's literals come shortest first.
    #[inline(always)]
    fn record(&mut self, span: Span, literal: u32) {
        let uses = self.index.uses[literal as usize];
        let phrases = &self.index.single_phrases[uses.from as usize..uses.to as usize];
        // One capacity check for all of them.
        self.hits.extend(phrases.iter().map(|&phrase| Hit {
            span,
            phrase,
            gaps: [Span::default(); MAX_GAPS],
        }));
        if uses.slot != NOT_GAPPED {
            self.occurrences.push(uses.slot, span);
        }
    }

    /// Puts the hits of one start, recorded from `before` on, longest first
    /// and then by phrase.
    #[inline]
    fn longest_first(&mut self, before: usize) {
        if self.hits.len() > before + 1 {
            self.hits[before..].reverse();
        }
    }
}

/// The order of a scan's hits: by start, then longest first, then by phrase.
fn order(hit: &Hit) -> (usize, Reverse<usize>, u32) {
    (hit.span.start, Reverse(hit.span.end), hit.phrase)
}

/// Merges `second` into `hits`, both in `order`; no hit of one equals one
/// of the other. Filled from the back, each run of `hits` between two hits
/// of `second` moving in one copy: `second` is short, `hits` long.
fn merge_into(hits: &mut Vec<Hit>, second: &[Hit]) {
    let mut first_end = hits.len();
    hits.extend_from_slice(second);
    let mut to = hits.len();
    for hit in second.iter().rev() {
        let key = order(hit);
        let from = hits[..first_end].partition_point(|h| order(h) < key);
        let after = first_end - from;
        hits.copy_within(from..first_end, to - after);
        to -= after + 1;
        hits[to] = *hit;
        first_end = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `nato` (one segment) and `warn … against` (two), as the compiler lays them out.
    fn index() -> PhraseIndex {
        let literals: Vec<String> = ["nato", "warn", "warns", "against"]
            .iter()
            .map(|l| l.to_string())
            .collect();
        let uses = vec![vec![(0, 0)], vec![(1, 0)], vec![(1, 0)], vec![(1, 1)]];
        PhraseIndex::new(&literals, &uses, &[1, 2])
    }

    fn found(text: &str) -> Vec<(&str, u32, Vec<&str>)> {
        index()
            .scan(text)
            .into_iter()
            .map(|hit| {
                let gaps = hit
                    .gaps
                    .iter()
                    .filter(|g| g.end > g.start)
                    .map(|g| &text[g.start..g.end])
                    .collect();
                (&text[hit.span.start..hit.span.end], hit.phrase, gaps)
            })
            .collect()
    }

    #[test]
    fn gapped_phrases_chain_within_reach() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, u32, &'a [&'a str])]);
        let cases: [Case; 4] = [
            (
                "gap of two words",
                "NATO warns them all against it",
                &[
                    ("NATO", 0, &[]),
                    ("warns them all against", 1, &[" them all "]),
                ],
            ),
            ("gap too long", "warn a b c d e against", &[]),
            ("no gap across a full stop", "They warn. Against that.", &[]),
            (
                "the first fitting end is taken, from each start",
                "warn, warn against, against",
                &[
                    ("warn, warn against", 1, &[", warn "]),
                    ("warn against", 1, &[" "]),
                ],
            ),
        ];
        for (name, text, expected) in cases {
            let expected: Vec<(&str, u32, Vec<&str>)> = expected
                .iter()
                .map(|(s, p, g)| (*s, *p, g.to_vec()))
                .collect();
            assert_eq!(found(text), expected, "{name}");
        }
    }
}

#[cfg(test)]
mod properties;
