//! Fixed word lists looked up by hashing a packed integer.
//!
//! Each word of a list is packed, with its length, into a `u128`; a lookup
//! packs the candidate the same way, with a few overlapping loads rather
//! than a byte loop, and finds it by one hash probe, most often the only
//! one. That matters because every capitalised word of every article and
//! the word before every mention are looked up.

/// A fixed set of words of at most [`WordSet::MAX_LEN`] bytes, case kept.
pub struct WordSet<const N: usize> {
    keys: [u128; N],
    /// Open addressing by [`slot`]: one more than the index in `keys` of the
    /// word in each slot, 0 for an empty one; at least half the slots are empty.
    slots: [u8; SLOTS],
    /// The [`shape`] bits of the words: most words not in the set miss
    /// them, and that test is cheaper than packing the word.
    shapes: u128,
}

const SLOTS: usize = 256;

/// A bit for a word's length and first letter, in either case, that words
/// of another length or first letter mostly do not share.
pub(super) const fn shape(word: &[u8]) -> u128 {
    let first = if word.is_empty() { 0 } else { word[0] };
    1 << ((first & 0x1F) as u32 | (word.len() as u32 & 3) << 5)
}

/// Where the probe for a packed word starts.
const fn slot(key: u128) -> usize {
    let mixed = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 64) as u64;
    (mixed.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> 56) as usize
}

/// Construction, at compile time.
impl<const N: usize> WordSet<N> {
    /// The longest word a set can hold.
    pub const MAX_LEN: usize = 15;

    /// The set of `words`.
    pub const fn new(words: [&str; N]) -> Self {
        assert!(2 * N <= SLOTS, "too many words for a WordSet");
        let mut keys = [0u128; N];
        let mut slots = [0u8; SLOTS];
        let mut shapes = 0;
        let mut i = 0;
        while i < N {
            let word = words[i].as_bytes();
            shapes |= shape(word);
            assert!(word.len() <= Self::MAX_LEN, "word too long for a WordSet");
            let mut key = (word.len() as u128) << 120;
            let mut j = 0;
            while j < word.len() {
                key |= (word[j] as u128) << (8 * j);
                j += 1;
            }
            keys[i] = key;
            let mut at = slot(key);
            while slots[at] != 0 {
                at = (at + 1) % SLOTS;
            }
            slots[at] = i as u8 + 1;
            i += 1;
        }
        WordSet {
            keys,
            slots,
            shapes,
        }
    }
}

/// Lookup.
impl<const N: usize> WordSet<N> {
    /// Whether `word` is in the set, exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_packed(word.as_bytes(), |half| half)
    }

    /// Whether `word` with its ASCII letters in lower case is in the set.
    pub fn contains_folded(&self, word: &str) -> bool {
        self.contains_packed(word.as_bytes(), to_ascii_lowercase)
    }

    #[inline(always)]
    fn contains_packed(&self, word: &[u8], fold: impl Fn(u64) -> u64) -> bool {
        if word.len() > Self::MAX_LEN || self.shapes & shape(word) == 0 {
            return false;
        }
        let (low, high) = pack(word);
        let key =
            u128::from(fold(high)) << 64 | u128::from(fold(low)) | (word.len() as u128) << 120;
        let mut at = slot(key);
        loop {
            match self.slots[at] {
                0 => return false,
                index if self.keys[usize::from(index - 1)] == key => return true,
                _ => at = (at + 1) % SLOTS,
            }
        }
    }
}

/// The bytes of a word of at most 15 bytes in little-endian order, the
/// first eight and the rest, zero beyond its end.
fn pack(word: &[u8]) -> (u64, u64) {
    let len = word.len();
    let load4 = |at: usize| u64::from(u32::from_le_bytes(word[at..at + 4].try_into().unwrap()));
    let load8 = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().unwrap());
    match len {
        0 => (0, 0),
        // The loads overlap: a byte read twice lands in one place both times.
        1..=3 => {
            let byte = |at: usize| u64::from(word[at]) << (8 * at);
            (byte(0) | byte(len / 2) | byte(len - 1), 0)
        }
        4..=7 => (load4(0) | load4(len - 4) << (8 * (len - 4)), 0),
        8 => (load8(0), 0),
        _ => (load8(0), load8(len - 8) >> (8 * (16 - len))),
    }
}

/// The bytes of `packed` with ASCII capitals in lower case.
fn to_ascii_lowercase(packed: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven_bits = packed & (0x7F * ONES);
    // The top bit of a byte is set when it is at least `A`, and when it is
    // beyond `Z`; ASCII bytes only.
    let from_a = seven_bits + (0x80 - u64::from(b'A')) * ONES;
    let beyond_z = seven_bits + (0x80 - u64::from(b'Z') - 1) * ONES;
    let capitals = from_a & !beyond_z & !packed & (0x80 * ONES);
    packed | capitals >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_listed_words() {
        const WORDS: [&str; 5] = ["The", "A", "An", "Spokesperson", "über"];
        static SET: WordSet<5> = WordSet::new(WORDS);
        for word in WORDS {
            assert!(SET.contains(word), "{word}");
        }
        for word in [
            "the",
            "",
            "Th",
            "Thee",
            "An ",
            "Spokespersons",
            "a long word indeed",
        ] {
            assert!(!SET.contains(word), "{word}");
        }
        static LOWER: WordSet<2> = WordSet::new(["about", "via"]);
        assert!(LOWER.contains_folded("About") && LOWER.contains_folded("VIA"));
        assert!(!LOWER.contains_folded("Abou") && !LOWER.contains_folded("viaé"));
    }

    #[test]
    fn packs_and_folds_as_a_byte_loop_does() {
        let text: Vec<u8> = (0..=255u8).chain(b"AZaz@[`{".iter().copied()).collect();
        for start in 0..text.len() {
            for len in 0..=15.min(text.len() - start) {
                let word = &text[start..start + len];
                let mut expected = [0u8; 16];
                expected[..len].copy_from_slice(word);
                let (low, high) = pack(word);
                let packed = u128::from(high) << 64 | u128::from(low);
                assert_eq!(packed, u128::from_le_bytes(expected), "{word:?}");
                for (to, b) in expected.iter_mut().zip(word) {
                    *to = b.to_ascii_lowercase();
                }
                let folded = u128::from(to_ascii_lowercase(high)) << 64
                    | u128::from(to_ascii_lowercase(low));
                assert_eq!(folded, u128::from_le_bytes(expected), "folded {word:?}");
            }
        }
    }
}
