//! Fixed word lists looked up by one binary search over integers.
//!
//! Each word of a list is packed, with its length, into a `u128`; a lookup
//! packs the candidate the same way. That is a handful of integer compares
//! instead of a string compare per entry, and it matters because every
//! capitalised word of every article is looked up.

/// A fixed set of words of at most [`WordSet::MAX_LEN`] bytes, case kept.
pub struct WordSet<const N: usize> {
    keys: [u128; N],
    /// The [`shape`] bits of the words: most words not in the set miss
    /// them, and that test is cheaper than packing the word.
    shapes: u128,
}

/// A bit for a word's length and first letter, in either case, that words
/// of another length or first letter mostly do not share.
pub(super) const fn shape(word: &[u8]) -> u128 {
    let first = if word.is_empty() { 0 } else { word[0] };
    1 << ((first & 0x1F) as u32 | (word.len() as u32 & 3) << 5)
}

/// Construction, at compile time.
impl<const N: usize> WordSet<N> {
    /// The longest word a set can hold.
    pub const MAX_LEN: usize = 15;

    /// The set of `words`.
    pub const fn new(words: [&str; N]) -> Self {
        let mut keys = [0u128; N];
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
            // Insertion sort: the lists are short and this runs once, at compile time.
            let mut k = i;
            while k > 0 && keys[k - 1] > key {
                keys[k] = keys[k - 1];
                k -= 1;
            }
            keys[k] = key;
            i += 1;
        }
        WordSet { keys, shapes }
    }
}

/// Lookup.
impl<const N: usize> WordSet<N> {
    /// Whether `word` is in the set, exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_packed(word, |b| b)
    }

    /// Whether `word` with its ASCII letters in lower case is in the set.
    pub fn contains_folded(&self, word: &str) -> bool {
        self.contains_packed(word, |b| b.to_ascii_lowercase())
    }

    fn contains_packed(&self, word: &str, fold: impl Fn(u8) -> u8) -> bool {
        let word = word.as_bytes();
        if word.len() > Self::MAX_LEN || self.shapes & shape(word) == 0 {
            return false;
        }
        let mut packed = [0u8; 16];
        for (to, &b) in packed.iter_mut().zip(word) {
            *to = fold(b);
        }
        packed[15] = word.len() as u8;
        self.keys
            .binary_search(&u128::from_le_bytes(packed))
            .is_ok()
    }
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
}
