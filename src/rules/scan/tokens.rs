//! Words and separators: the tokens the word trie steps over.
//!
//! A text splits into runs of word bytes (ASCII letters and digits, and
//! every byte of a non-ASCII character) and runs of other bytes. A literal
//! that starts with a word byte can only match from the start of a word run,
//! and then only whole runs, except that a separator run ending the literal
//! may be the start of the text's run (`u.s.` in `U.S. troops`). So each run
//! of a text is looked up once, ASCII case folded, in the [`TokenTable`] of
//! the runs that literals hold, and the trie walks token ids.

use crate::bytemask::wide::Bytes16;
use crate::rules::trie::WORD;
use std::collections::HashMap;
use std::mem::MaybeUninit;

/// No token: a run no literal holds.
pub(crate) const NO_TOKEN: u32 = u32::MAX;

/// Most bytes a token can have: a literal's length bounds it.
const MAX_TOKEN_BYTES: usize = super::super::phrase::MAX_LITERAL_BYTES;

/// The runs (words and separators) literals hold, each with an id, looked
/// up by the text's bytes with ASCII case folded on the fly.
#[derive(Debug, Clone)]
pub(crate) struct TokenTable {
    /// Every token's bytes in little-endian 8-byte chunks, zero padded.
    chunks: Vec<u64>,
    /// Each token's first chunk and length in bytes.
    tokens: Vec<(u32, u32)>,
    /// Open addressing by hash.
    slots: Vec<Slot>,
    /// 64 minus the number of slot index bits.
    shift: u32,
    /// The one-space separator, the commonest run between two words.
    space: u32,
    /// How many tokens start a literal: those numbered below this.
    starters: u32,
}

/// A token in the hash table: its first chunk, length and id (length 0
/// when the slot is empty), so a short token is checked in the slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    first: u64,
    len: u32,
    id: u32,
}

/// One word of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextWord {
    /// First byte.
    pub start: usize,
    /// One past the last byte; the separator run after it starts here.
    pub end: usize,
    /// The word's token, or `NO_TOKEN`.
    pub word: u32,
}

/// Construction.
impl TokenTable {
    /// A table of `tokens`, numbered in order; each holds lower-case bytes.
    pub fn new(tokens: &[&[u8]]) -> TokenTable {
        // A quarter full at most: most words of a text are in no literal, and
        // a miss probes until an empty slot.
        let bits = (tokens.len() * 4)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        let mut table = TokenTable {
            chunks: Vec::new(),
            tokens: Vec::with_capacity(tokens.len()),
            slots: vec![Slot::default(); 1 << bits],
            shift: 64 - bits,
            space: NO_TOKEN,
            starters: 0,
        };
        for (id, token) in tokens.iter().enumerate() {
            debug_assert!(!token.is_empty() && token.len() <= MAX_TOKEN_BYTES);
            let hash = hash(chunk(token, 0, token.len()), token.len());
            table
                .tokens
                .push((table.chunks.len() as u32, token.len() as u32));
            table.chunks.extend(
                (0..token.len())
                    .step_by(8)
                    .map(|at| chunk(token, at, token.len())),
            );
            let mask = table.slots.len() - 1;
            let mut slot = hash >> table.shift;
            while table.slots[slot].len != 0 {
                slot = (slot + 1) & mask;
            }
            table.slots[slot] = Slot {
                first: chunk(token, 0, token.len()),
                len: token.len() as u32,
                id: id as u32,
            };
        }
        table.space = table.find_span(b" ", 0, 1);
        table
    }

    /// The distinct runs of `literals` that start with a word byte, as ids:
    /// the table of them, each literal's token ids (`None` for a literal
    /// that starts with another byte, or is empty), and how many runs start
    /// a literal. Those *starters* are numbered first, so a word starts a
    /// literal exactly when its id is below that count.
    pub fn for_literals(literals: &[String]) -> (TokenTable, Vec<Option<Vec<u32>>>, u32) {
        // Literals are folded, so lower-case: their runs are the keys as they are.
        debug_assert!(literals
            .iter()
            .all(|l| !l.bytes().any(|b| b.is_ascii_uppercase())));
        let keys = literals.iter().map(|literal| {
            let key = literal.as_bytes();
            key.first()
                .is_some_and(|&b| WORD[b as usize])
                .then_some(key)
        });
        let mut ids: HashMap<&[u8], u32> = HashMap::new();
        let mut distinct: Vec<&[u8]> = Vec::new();
        let mut sequences: Vec<Option<Vec<u32>>> = keys
            .map(|key| {
                let sequence = runs(key?).map(|run| match ids.get(run) {
                    Some(&id) => id,
                    None => {
                        let id = distinct.len() as u32;
                        ids.insert(run, id);
                        distinct.push(run);
                        id
                    }
                });
                Some(sequence.collect())
            })
            .collect();
        drop(ids);
        let mut starts = vec![false; distinct.len()];
        for sequence in sequences.iter().flatten() {
            starts[sequence[0] as usize] = true;
        }
        let order: Vec<usize> = (0..distinct.len())
            .filter(|&id| starts[id])
            .chain((0..distinct.len()).filter(|&id| !starts[id]))
            .collect();
        let mut renumbered = vec![0; distinct.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old] = new as u32;
        }
        for id in sequences.iter_mut().flatten().flatten() {
            *id = renumbered[*id as usize];
        }
        let starters = starts.iter().filter(|&&starts| starts).count() as u32;
        let distinct: Vec<&[u8]> = order.iter().map(|&old| distinct[old]).collect();
        let mut table = TokenTable::new(&distinct);
        table.starters = starters;
        (table, sequences, starters)
    }
}

/// The maximal runs of word bytes and of other bytes, in order.
fn runs(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        let first = *rest.first()?;
        let word = WORD[first as usize];
        let len = rest
            .iter()
            .position(|&b| WORD[b as usize] != word)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(len);
        rest = tail;
        Some(run)
    })
}

/// Queries.
impl TokenTable {
    /// The token of a one-space separator, or `NO_TOKEN`.
    pub fn space(&self) -> u32 {
        self.space
    }

    /// The bytes of token `id`.
    pub fn bytes(&self, id: u32) -> Vec<u8> {
        let (first, len) = self.tokens[id as usize];
        let chunks = &self.chunks[first as usize..];
        (0..len as usize)
            .map(|i| (chunks[i / 8] >> (8 * (i % 8))) as u8)
            .collect()
    }

    /// The token of `text[start..end]`, ASCII case folded, or `NO_TOKEN`.
    fn find_span(&self, text: &[u8], start: usize, end: usize) -> u32 {
        self.find(text, start, end, chunk(text, start, end))
    }

    /// The token of `text[start..end]`, whose first folded chunk is `first`,
    /// or `NO_TOKEN`.
    #[inline(always)]
    fn find(&self, text: &[u8], start: usize, end: usize, first: u64) -> u32 {
        let len = end - start;
        let mask = self.slots.len() - 1;
        let mut index = hash(first, len) >> self.shift;
        loop {
            let slot = self.slots[index & mask];
            if slot.first == first
                && slot.len as usize == len
                && (len <= 8 || self.holds_rest(slot.id, text, start, end))
            {
                return slot.id;
            }
            if slot.len == 0 {
                return NO_TOKEN;
            }
            index += 1;
        }
    }

    /// Whether token `id` is `text[start..end]` past the first chunk, ASCII
    /// case folded.
    #[cold]
    #[inline(never)]
    fn holds_rest(&self, id: u32, text: &[u8], start: usize, end: usize) -> bool {
        let (first, _) = self.tokens[id as usize];
        let mut stored = first as usize + 1;
        let mut at = start + 8;
        while at < end {
            if self.chunks[stored] != chunk(text, at, end) {
                return false;
            }
            stored += 1;
            at += 8;
        }
        true
    }

    /// The token of the separator run `text[start..end]`, or `NO_TOKEN`
    /// when it ends the text (no literal goes on past it).
    #[inline]
    pub fn separator(&self, text: &[u8], start: usize, end: usize) -> u32 {
        if end == text.len() {
            NO_TOKEN
        } else if end == start + 1 && text[start] == b' ' {
            self.space
        } else {
            self.find_span(text, start, end)
        }
    }

    /// Every word of `text` into `words`, and the indexes of those whose
    /// token starts a literal into `starting`.
    ///
    /// The word bytes of each 64 bytes are found at once, as bits, and the
    /// words are read off their starts and ends; each word then costs one
    /// load of its first bytes and one probe.
    // Out of line: inlined into the scan, both loops cost 3.5 M more
    // instructions on the 5 MB corpus.
    #[inline(never)]
    pub fn tokenize(&self, text: &[u8], words: &mut Vec<TextWord>, starting: &mut Vec<u32>) {
        words.clear();
        starting.clear();
        // Every word but the last is followed by a byte of another run.
        let most = text.len() / 2 + 1;
        words.reserve(most);
        starting.reserve(most);
        let mut tokenizer = Tokenizer {
            table: self,
            text,
            words: &mut words.spare_capacity_mut()[..most],
            starting: &mut starting.spare_capacity_mut()[..most],
            word_count: 0,
            starting_count: 0,
            open: None,
            before: 0,
        };
        // A block is read through a window eight bytes longer, so the first
        // chunk of a word starting in it loads without a bounds check.
        let windowed = text.len().saturating_sub(8) / 64;
        for (index, window) in text.windows(WINDOW).step_by(64).take(windowed).enumerate() {
            tokenizer.block(index * 64, window.try_into().expect("a window"));
        }
        // Zero bytes are no word bytes, so the padded tail ends any word
        // still open, even when the text fills its blocks exactly.
        let base = windowed * 64;
        let rest = &text[base..];
        let mut tail = [0u8; 2 * 64 + 8];
        tail[..rest.len()].copy_from_slice(rest);
        for block in 0..=rest.len() / 64 {
            let window = tail[block * 64..][..WINDOW].try_into().expect("a window");
            tokenizer.block(base + block * 64, window);
        }
        let (word_count, starting_count) = (tokenizer.word_count, tokenizer.starting_count);
        // SAFETY: the tokenizer wrote the first `word_count` words and the
        // first `starting_count` indexes into these vectors' spare capacity.
        unsafe {
            words.set_len(word_count);
            starting.set_len(starting_count);
        }
    }
}

/// Bytes read for a 64-byte block: its own and the first chunk of a word
/// starting at its end.
const WINDOW: usize = 64 + 8;

/// The state of one `tokenize`: words are written by index into room
/// reserved for the most a text can have, without a capacity check each.
struct Tokenizer<'a> {
    table: &'a TokenTable,
    text: &'a [u8],
    words: &'a mut [MaybeUninit<TextWord>],
    starting: &'a mut [MaybeUninit<u32>],
    word_count: usize,
    starting_count: usize,
    /// The start and first chunk of a word that goes on past the last block.
    open: Option<(usize, u64)>,
    /// The word bits of the last block.
    before: u64,
}

impl Tokenizer<'_> {
    /// Reads the words that end in the 64 bytes from `base`, the first 64
    /// of `window`.
    #[inline(always)]
    fn block(&mut self, base: usize, window: &[u8; WINDOW]) {
        let bits = word_bits(window.first_chunk().expect("64 of the window's bytes"));
        let shifted = (bits << 1) | (self.before >> 63);
        self.before = bits;
        let mut starts = bits & !shifted;
        // Starts and ends alternate, so the k-th end after a start closes it.
        let mut ends = !bits & shifted;
        if let Some((start, first)) = self.open {
            if ends == 0 {
                return;
            }
            self.push(start, base + take_lowest(&mut ends), first);
            self.open = None;
        }
        while starts != 0 {
            let offset = take_lowest(&mut starts);
            let first = u64::from_le_bytes(window[offset..offset + 8].try_into().expect("8 bytes"));
            if ends == 0 {
                self.open = Some((base + offset, first));
                break;
            }
            self.push(base + offset, base + take_lowest(&mut ends), first);
        }
    }

    /// Writes the word `text[start..end]`, whose first eight bytes (with
    /// those after it) are `first`, and its index when its token starts a
    /// literal.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, first: u64) {
        let mask = FIRST_BYTES[(end - start).min(8)];
        let first = first & mask;
        // ASCII letters and digits fold by setting bit 5 (digits have it).
        let first = if first & HIGH == 0 {
            (first | (ONES * 0x20)) & mask
        } else {
            fold_word_bytes(first)
        };
        let word = self.table.find(self.text, start, end, first);
        // Indexed with bounds checks: a text of n bytes has at most
        // n / 2 + 1 words, the room reserved, so they never fail.
        self.words[self.word_count].write(TextWord { start, end, word });
        // Written always, kept only for a starter: no branch.
        self.starting[self.starting_count].write(self.word_count as u32);
        self.starting_count += usize::from(word < self.table.starters);
        self.word_count += 1;
    }
}

/// The offset of the lowest set bit of `bits` (not zero), which is cleared.
#[inline(always)]
fn take_lowest(bits: &mut u64) -> usize {
    let offset = bits.trailing_zeros() as usize;
    *bits &= *bits - 1;
    offset
}

/// Bit `i` set when `block[i]` is a word byte (see `WORD`).
#[inline(always)]
fn word_bits(block: &[u8; 64]) -> u64 {
    let (sixteens, _) = block.as_chunks::<16>();
    sixteens.iter().enumerate().fold(0, |bits, (i, sixteen)| {
        let bytes = Bytes16::load(sixteen);
        let word = bytes.ascii_letters() | bytes.within(b'0', b'9') | bytes.non_ascii();
        bits | u64::from(word) << (16 * i)
    })
}

/// ASCII lower case of eight word bytes: the letters are the ASCII bytes
/// with bit 6 set.
#[inline(always)]
fn fold_word_bytes(chunk: u64) -> u64 {
    chunk | ((chunk & !(chunk >> 1) & (ONES * 0x40)) >> 1)
}

/// Eight bytes of `text` from `at`, zeros past its end.
#[inline]
fn load(text: &[u8], at: usize) -> u64 {
    match text.get(at..at + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().expect("eight bytes")),
        None => {
            let mut bytes = [0u8; 8];
            let tail = &text[at.min(text.len())..];
            bytes[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(bytes)
        }
    }
}

/// The mask of the low `len` bytes of a chunk (`len` below 8).
#[inline]
fn low_bytes(len: usize) -> u64 {
    (1u64 << (8 * len)) - 1
}

/// The mask of the low `len` bytes of a chunk, by `len` up to 8.
const FIRST_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut len = 0;
    while len < 8 {
        masks[len] = (1 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// The chunk of `text[..end]` from `at`, ASCII case folded, zero padded.
#[inline]
fn chunk(text: &[u8], at: usize, end: usize) -> u64 {
    let folded = fold_ascii(load(text, at));
    if end - at >= 8 {
        folded
    } else {
        folded & low_bytes(end - at)
    }
}

/// The hash of a run by its first folded chunk and its length: runs
/// longer than a chunk that share one are told apart by `holds_rest`.
#[inline(always)]
fn hash(first: u64, len: usize) -> usize {
    // Fibonacci hashing: the top bits of the product, taken by the caller,
    // depend on every bit of the key.
    (first ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) as usize
}

/// ASCII lower case of eight bytes at once; other bytes are left as they are.
#[inline]
fn fold_ascii(chunk: u64) -> u64 {
    // Setting bit 5 maps `A..=Z` onto `a..=z` and no other byte into it.
    chunk | (in_range(chunk | (ONES * 0x20), b'a', b'z') >> 2)
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each ASCII byte of `chunk` in `low..=high`.
#[inline]
fn in_range(chunk: u64, low: u8, high: u8) -> u64 {
    let seven = chunk & !HIGH;
    // A byte's top bit is set when its seven low bits reach `low`, and when
    // they pass `high`; no sum carries into the next byte.
    let from_low = seven + ONES * (0x80 - low as u64);
    let past_high = seven + ONES * (0x80 - high as u64 - 1);
    from_low & !past_high & !chunk & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_only_ascii_upper_case() {
        let all: Vec<u8> = (0..=255).collect();
        for chunk in all.chunks(8) {
            let folded = fold_ascii(u64::from_le_bytes(chunk.try_into().unwrap()));
            assert_eq!(folded.to_le_bytes().to_vec(), chunk.to_ascii_lowercase());
        }
    }

    #[test]
    fn word_bits_and_folding_agree_with_byte_tests() {
        let all: Vec<u8> = (0..=255).collect();
        for block in all.as_chunks::<64>().0 {
            let bits = word_bits(block);
            for (i, &b) in block.iter().enumerate() {
                assert_eq!(bits >> i & 1 == 1, WORD[b as usize], "{b:#x}");
            }
        }
        let words: Vec<u8> = all.into_iter().filter(|&b| WORD[b as usize]).collect();
        for chunk in words.chunks(8).filter(|c| c.len() == 8) {
            let folded = fold_word_bytes(u64::from_le_bytes(chunk.try_into().unwrap()));
            assert_eq!(folded.to_le_bytes().to_vec(), chunk.to_ascii_lowercase());
        }
    }

    #[test]
    fn tokenizes_texts_of_every_length_around_the_block_windows() {
        let (table, _, _) = TokenTable::for_literals(&["ab cdefghij".to_string()]);
        let pattern = b"Ab cdefghij, x \xc3\xa9t\xc3\xa9 ab-CDEFGHIJ 12.5 ";
        let (mut words, mut starting) = (Vec::new(), Vec::new());
        for len in 0..=300 {
            let text: Vec<u8> = pattern
                .iter()
                .copied()
                .cycle()
                .skip(len % 7)
                .take(len)
                .collect();
            table.tokenize(&text, &mut words, &mut starting);
            let mut expected = Vec::new();
            let mut at = 0;
            for run in runs(&text) {
                if WORD[run[0] as usize] {
                    let id = table.find_span(&text, at, at + run.len());
                    expected.push((at, at + run.len(), id));
                }
                at += run.len();
            }
            let found: Vec<_> = words.iter().map(|w| (w.start, w.end, w.word)).collect();
            assert_eq!(found, expected, "length {len}");
            let starters: Vec<u32> = (0..words.len() as u32)
                .filter(|&i| words[i as usize].word < table.starters)
                .collect();
            assert_eq!(starting, starters, "length {len}");
        }
    }

    #[test]
    fn finds_runs_in_any_case_and_tokenizes_words() {
        let (table, sequences, starters) = TokenTable::for_literals(&[
            "u.s. army".to_string(),
            "(nato".to_string(),
            "a-very-long-word-of-many-chunks".to_string(),
        ]);
        let names = |sequence: &[u32]| -> Vec<String> {
            sequence
                .iter()
                .map(|&t| String::from_utf8(table.bytes(t)).unwrap())
                .collect()
        };
        assert_eq!(
            names(sequences[0].as_ref().unwrap()),
            ["u", ".", "s", ". ", "army"]
        );
        assert_eq!(sequences[1], None);
        assert_eq!(starters, 2, "`u` and `a` start literals");
        assert_eq!(sequences[2].as_ref().unwrap()[0], 1);
        let text = b"The U.S. Army, A-VERY-LONG-WORD-OF-MANY-CHUNKS";
        let mut words = Vec::new();
        let mut starting = Vec::new();
        table.tokenize(text, &mut words, &mut starting);
        let id = |t: &[u8]| table.find_span(t, 0, t.len());
        let found: Vec<(&[u8], u32, u32)> = words
            .iter()
            .zip(words.iter().skip(1).map(|w| w.start).chain([text.len()]))
            .map(|(w, next)| {
                (
                    &text[w.start..w.end],
                    w.word,
                    table.separator(text, w.end, next),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (&b"The"[..], NO_TOKEN, NO_TOKEN),
                (b"U", id(b"u"), id(b".")),
                (b"S", id(b"s"), id(b". ")),
                (b"Army", id(b"army"), NO_TOKEN),
                (b"A", id(b"a"), id(b"-")),
                (b"VERY", id(b"very"), id(b"-")),
                (b"LONG", id(b"long"), id(b"-")),
                (b"WORD", id(b"word"), id(b"-")),
                (b"OF", id(b"of"), id(b"-")),
                (b"MANY", id(b"many"), id(b"-")),
                (b"CHUNKS", id(b"chunks"), NO_TOKEN),
            ]
        );
        assert_eq!(table.tokens.len(), 13);
        let starting: Vec<&[u8]> = starting
            .iter()
            .map(|&i| &text[words[i as usize].start..words[i as usize].end])
            .collect();
        assert_eq!(starting, [&b"U"[..], b"A"]);
    }
}
