//! Chaining the segments of gapped phrases (`warn … against`).
//!
//! While scanning, each occurrence of a literal of some gapped phrase is
//! appended to that literal's own list, so the lists come out in text order
//! and chaining needs no sort of all occurrences and no search for a
//! literal's range. The lists are chained through one flat vector and
//! stamped with the article they belong to, so starting a new article only
//! bumps a counter.

use super::Table;
use crate::bytemask::wide::Bytes16;
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
            let second_last_start = by_segment[1].last().map_or(0, |span| span.start);
            // Where each later segment's search ended for the previous start:
            // the searches go forward mostly, as starts do.
            let mut cursors = [0usize; MAX_GAPS + 1];
            'start: for &start in &by_segment[0] {
                // A later start's second segment would have to start later still.
                if second_last_start < start.start {
                    break;
                }
                let mut end = start;
                let mut gaps = [Span::default(); MAX_GAPS];
                for segment in 1..segments.len() {
                    // Only the first later occurrence can fit: a gap that is too long or
                    // holds a break only grows with the next ones.
                    let spans = &by_segment[segment];
                    let cursor = &mut cursors[segment];
                    while *cursor < spans.len() && spans[*cursor].start < end.end {
                        *cursor += 1;
                    }
                    while *cursor > 0 && spans[*cursor - 1].start >= end.end {
                        *cursor -= 1;
                    }
                    let next = spans
                        .get(*cursor)
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
    // Sixteen bytes at a time, stopping early: a gap can run to the far end
    // of the article. A word is a run of bytes other than ASCII spaces; the
    // first break or non-ASCII byte decides, unless a fifth word starts
    // before it.
    let bytes = gap.as_bytes();
    let mut words = 0;
    let mut in_word = 0;
    for (base, chunk) in (0..).step_by(16).zip(bytes.chunks(16)) {
        // Spaces pad the last chunk: they neither start a word nor stop.
        let mut block = [b' '; 16];
        block[..chunk.len()].copy_from_slice(chunk);
        let block = Bytes16::load(&block);
        let stops = block.equal(b'.')
            | block.equal(b'!')
            | block.equal(b'?')
            | block.equal(b';')
            | block.equal(b'\n')
            | block.non_ascii();
        let word = !(block.equal(b' ') | block.within(0x09, 0x0d)) & 0xffff;
        let starts = word & !((word << 1) | in_word);
        let before_stop = (1u32 << stops.trailing_zeros().min(16)) - 1;
        words += (starts & before_stop).count_ones() as usize;
        if words > MAX_GAP_WORDS {
            return false;
        }
        if stops != 0 {
            return bytes[base + stops.trailing_zeros() as usize] >= 0x80 && gap_ok_unicode(gap);
        }
        in_word = word >> 15;
    }
    true
}

/// `gap_ok` for a gap with non-ASCII characters, some of which are spaces.
fn gap_ok_unicode(gap: &str) -> bool {
    gap.split_whitespace().take(MAX_GAP_WORDS + 1).count() <= MAX_GAP_WORDS
        && !gap.contains(['.', '!', '?', ';', '\n'])
}
