//! Chaining the segments of gapped phrases (`warn … against`).
//!
//! While scanning, each occurrence of a literal of some gapped phrase is
//! appended to that literal's own list, so the lists come out in text order
//! and chaining needs no sort of all occurrences and no search for a
//! literal's range. The lists are chained through one flat vector and
//! stamped with the article they belong to, so starting a new article only
//! bumps a counter.

use super::Table;
use crate::model::Span;
use crate::rules::compile::{Hit, MAX_GAPS};
use crate::rules::phrase::MAX_GAP_WORDS;

/// No next entry.
const END: u32 = u32::MAX;

/// The occurrences of gapped literals in one article, one list per literal.
#[derive(Debug, Default)]
pub(super) struct Occurrences {
    /// The article being scanned; a list stamped otherwise is empty.
    generation: u32,
    /// For each gapped literal: its stamp, first and last entry.
    lists: Vec<[u32; 3]>,
    /// Every occurrence and the next entry of its literal's list.
    entries: Vec<(Span, u32)>,
    /// The gapped literals that occurred, in order of first occurrence.
    pub touched: Vec<u32>,
}

/// Recording.
impl Occurrences {
    /// Empties the lists for an article of a pack with `literals` gapped literals.
    pub fn reset(&mut self, literals: usize) {
        if self.lists.len() < literals {
            self.lists.resize(literals, [0; 3]);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.lists.iter_mut().for_each(|list| list[0] = 0);
            self.generation = 1;
        }
        self.entries.clear();
        self.touched.clear();
    }

    /// Appends `span` to the list of gapped literal `slot`.
    #[inline]
    pub fn push(&mut self, slot: u32, span: Span) {
        let entry = self.entries.len() as u32;
        self.entries.push((span, END));
        let list = &mut self.lists[slot as usize];
        if list[0] == self.generation {
            self.entries[list[2] as usize].1 = entry;
            list[2] = entry;
        } else {
            *list = [self.generation, entry, entry];
            self.touched.push(slot);
        }
    }

    /// Appends the spans of gapped literal `slot` to `spans`, in text order.
    fn extend(&self, slot: u32, spans: &mut Vec<Span>) {
        let list = self.lists[slot as usize];
        if list[0] != self.generation {
            return;
        }
        let mut entry = list[1];
        while entry != END {
            let (span, next) = self.entries[entry as usize];
            spans.push(span);
            entry = next;
        }
    }
}

/// Scratch for chaining, kept across articles.
#[derive(Debug, Default)]
pub(super) struct Chaining {
    candidates: Vec<u32>,
    by_segment: [Vec<Span>; MAX_GAPS + 1],
}

/// The gapped phrases of an index, for chaining.
pub(super) struct GappedPhrases<'a> {
    /// For each gapped literal, the gapped phrases whose anchor segment it is.
    pub anchors: &'a Table,
    /// For each phrase, its segments; empty for one-segment phrases.
    pub segments: &'a Table,
    /// For each segment, its gapped literals (slots).
    pub segment_literals: &'a Table,
}

impl GappedPhrases<'_> {
    /// Chains segment occurrences into `hits`: each next segment must start
    /// within `MAX_GAP_WORDS` words of the previous one, in the same sentence.
    /// From each occurrence of the first segment, the earliest fitting
    /// occurrence of each next segment is taken. Only phrases whose anchor
    /// segment occurred are tried.
    pub fn assemble(
        &self,
        text: &str,
        occurrences: &Occurrences,
        scratch: &mut Chaining,
        hits: &mut Vec<Hit>,
    ) {
        let Chaining {
            candidates,
            by_segment,
        } = scratch;
        candidates.clear();
        for &slot in &occurrences.touched {
            candidates.extend_from_slice(self.anchors.get(slot as usize));
        }
        candidates.sort_unstable();
        candidates.dedup();
        'phrase: for &phrase in candidates.iter() {
            let segments = self.segments.get(phrase as usize);
            for (spans, &segment) in by_segment.iter_mut().zip(segments) {
                spans.clear();
                let literals = self.segment_literals.get(segment as usize);
                for &slot in literals {
                    occurrences.extend(slot, spans);
                }
                if spans.is_empty() {
                    continue 'phrase;
                }
                // One literal's list is in text order already, one span per start.
                if literals.len() > 1 {
                    spans.sort_unstable_by_key(|s| (s.start, s.end));
                }
            }
            'start: for &start in &by_segment[0] {
                let mut end = start;
                let mut gaps = [Span::default(); MAX_GAPS];
                for segment in 1..segments.len() {
                    // Only the first later occurrence can fit: a gap that is too long or
                    // holds a break only grows with the next ones.
                    let spans = &by_segment[segment];
                    let next = spans
                        .get(spans.partition_point(|span| span.start < end.end))
                        .filter(|span| gap_ok(&text[end.end..span.start]));
                    match next {
                        Some(&span) => {
                            gaps[segment - 1] = Span::new(end.end, span.start);
                            end = span;
                        }
                        None => continue 'start,
                    }
                }
                hits.push(Hit {
                    span: Span::new(start.start, end.end),
                    phrase,
                    gaps,
                });
            }
        }
    }
}

/// A gap may hold a few words but no sentence or clause break.
pub(crate) fn gap_ok(gap: &str) -> bool {
    // One pass that stops early: a gap can run to the far end of the article.
    let mut words = 0;
    let mut in_word = false;
    for &b in gap.as_bytes() {
        match b {
            b'.' | b'!' | b'?' | b';' | b'\n' => return false,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => in_word = false,
            0x80.. => return gap_ok_unicode(gap),
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

/// `gap_ok` for a gap with non-ASCII characters, some of which are spaces.
fn gap_ok_unicode(gap: &str) -> bool {
    gap.split_whitespace().take(MAX_GAP_WORDS + 1).count() <= MAX_GAP_WORDS
        && !gap.contains(['.', '!', '?', ';', '\n'])
}
