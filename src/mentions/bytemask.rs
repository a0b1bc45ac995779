//! Byte classes of a whole article as bit masks, one bit per byte, made in
//! one pass 32 bytes at a time where the CPU has AVX2 and sixteen at a time
//! elsewhere: the pronoun finder reads the letters and the name finder the
//! spaces and the word starts, so neither looks at every byte again.

use crate::bytemask::wide::Bytes16;

/// Which bytes of a text are ASCII letters, spaces, the starts of words
/// that may be capitalised and letters a pronoun may start with; bit
/// `i % 64` of word `i / 64` stands for byte `i`.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct ByteClasses {
    letters: Vec<u64>,
    spaces: Vec<u64>,
    /// Bytes that follow a space and are not ASCII lower-case letters.
    maybe_capitalised: Vec<u64>,
    /// `h`, `s`, `i` and `t` in either case: every pronoun starts with one.
    pronoun_initials: Vec<u64>,
}

/// The classes of one block of 64 bytes, bit `i` for byte `i`.
struct BlockMasks {
    letters: u64,
    lower_case: u64,
    spaces: u64,
    /// `h`, `s`, `i` and `t` in either case.
    initials: u64,
}

/// Construction.
impl ByteClasses {
    /// The classes of every byte of `bytes`.
    pub fn of(bytes: &[u8]) -> ByteClasses {
        // Every article goes through here: AVX2 halves the instructions.
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2.
            return unsafe { Self::by_thirty_two(bytes) };
        }
        Self::by_sixteen(bytes)
    }

    fn by_sixteen(bytes: &[u8]) -> ByteClasses {
        Self::from_blocks(bytes, masks_by_sixteen)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn by_thirty_two(bytes: &[u8]) -> ByteClasses {
        Self::from_blocks(bytes, |block| avx2::masks(block))
    }

    /// The classes of `bytes`, `masks` giving those of each block.
    #[inline(always)]
    fn from_blocks(bytes: &[u8], masks: impl Fn(&[u8; 64]) -> BlockMasks) -> ByteClasses {
        let blocks = bytes.len().div_ceil(64);
        // Filled by index, not pushed: a push that may grow the list makes
        // the compiler keep the block's vectors on the stack.
        let mut classes = ByteClasses {
            letters: vec![0; blocks],
            spaces: vec![0; blocks],
            maybe_capitalised: vec![0; blocks],
            pronoun_initials: vec![0; blocks],
        };
        let (whole, rest) = bytes.as_chunks::<64>();
        let last = (!rest.is_empty()).then(|| padded(rest));
        let mut space_before = 0;
        for (i, block) in whole.iter().chain(last.as_ref()).enumerate() {
            let masks = masks(block);
            classes.maybe_capitalised[i] = (masks.spaces << 1 | space_before) & !masks.lower_case;
            space_before = masks.spaces >> 63;
            classes.letters[i] = masks.letters;
            classes.spaces[i] = masks.spaces;
            classes.pronoun_initials[i] = masks.initials & masks.letters;
        }
        classes
    }
}

/// The last bytes of a text as a block: zero bytes are neither letters nor spaces.
fn padded(rest: &[u8]) -> [u8; 64] {
    let mut block = [0u8; 64];
    block[..rest.len()].copy_from_slice(rest);
    block
}

fn masks_by_sixteen(block: &[u8; 64]) -> BlockMasks {
    let (mut letters, mut lower_case, mut spaces, mut initials) = (0u64, 0u64, 0u64, 0u64);
    for (i, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
        let bytes = Bytes16::load(sixteen);
        let folded = bytes.or(0x20);
        let shift = 16 * i;
        letters |= u64::from(bytes.ascii_letters()) << shift;
        lower_case |= u64::from(bytes.within(b'a', b'z')) << shift;
        spaces |= u64::from(bytes.equal(b' ')) << shift;
        let initial = folded.equal(b'h') | folded.equal(b's') | folded.equal(b'i');
        initials |= u64::from(initial | folded.equal(b't')) << shift;
    }
    BlockMasks {
        letters,
        lower_case,
        spaces,
        initials,
    }
}

/// [`masks_by_sixteen`] 32 bytes at a time.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::BlockMasks;
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_sub_epi8,
    };

    #[target_feature(enable = "avx2")]
    pub(super) fn masks(block: &[u8; 64]) -> BlockMasks {
        let (low, high) = (half(&block[..32]), half(&block[32..]));
        let join = |low: u32, high: u32| u64::from(high) << 32 | u64::from(low);
        BlockMasks {
            letters: join(low.letters, high.letters),
            lower_case: join(low.lower_case, high.lower_case),
            spaces: join(low.spaces, high.spaces),
            initials: join(low.initials, high.initials),
        }
    }

    struct HalfMasks {
        letters: u32,
        lower_case: u32,
        spaces: u32,
        initials: u32,
    }

    #[target_feature(enable = "avx2")]
    fn half(bytes: &[u8]) -> HalfMasks {
        assert!(bytes.len() == 32, "half a block");
        // SAFETY: the load reads the 32 bytes of the slice, unaligned.
        let bytes = unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) };
        let folded = _mm256_or_si256(bytes, _mm256_set1_epi8(0x20));
        let initials = equal(folded, b'h') | equal(folded, b's') | equal(folded, b'i');
        HalfMasks {
            letters: within(folded, b'a', b'z'),
            lower_case: within(bytes, b'a', b'z'),
            spaces: equal(bytes, b' '),
            initials: initials | equal(folded, b't'),
        }
    }

    #[target_feature(enable = "avx2")]
    fn equal(bytes: __m256i, b: u8) -> u32 {
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(b as i8))) as u32
    }

    /// Bytes from `low` to `high`: AVX2 has no unsigned compare, but a byte
    /// is at most `max` when the smaller of it and `max` is the byte itself.
    #[target_feature(enable = "avx2")]
    fn within(bytes: __m256i, low: u8, high: u8) -> u32 {
        let shifted = _mm256_sub_epi8(bytes, _mm256_set1_epi8(low as i8));
        let max = _mm256_set1_epi8((high - low) as i8);
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(shifted, max), shifted)) as u32
    }
}

/// Queries.
impl ByteClasses {
    /// The letter bits, 64 bytes to a word.
    pub fn letters(&self) -> &[u64] {
        &self.letters
    }

    /// The bits of the letters `h`, `s`, `i` and `t` in either case, 64 bytes to a word.
    pub fn pronoun_initials(&self) -> &[u64] {
        &self.pronoun_initials
    }

    /// Where the run of letters that ends right before `end` starts (`end`
    /// when the byte before it is no letter).
    pub fn letters_before(&self, end: usize) -> usize {
        let mut at = end;
        while at > 0 {
            let (block, bit) = ((at - 1) / 64, (at - 1) % 64);
            // The bits up to the one before `at`, that one on top.
            let up_to = self.letters[block] << (63 - bit);
            let run = up_to.leading_ones() as usize;
            if run <= bit {
                return at - run;
            }
            at -= run;
        }
        0
    }

    /// Where the first space at or after `at` is, or `to` when none comes before it.
    pub fn next_space(&self, at: usize, to: usize) -> usize {
        if at >= to {
            return to;
        }
        let mut block = at / 64;
        let mut spaces = self.spaces[block] & (!0 << (at % 64));
        while spaces == 0 {
            block += 1;
            if block * 64 >= to {
                return to;
            }
            spaces = self.spaces[block];
        }
        (block * 64 + spaces.trailing_zeros() as usize).min(to)
    }

    /// Whether the byte at `at` follows a space and is no ASCII lower-case letter.
    pub fn is_maybe_capitalised(&self, at: usize) -> bool {
        self.maybe_capitalised[at / 64] >> (at % 64) & 1 == 1
    }

    /// The positions in `from..to` that follow a space and do not hold an
    /// ASCII lower-case letter: the starts of words that may be capitalised.
    pub fn maybe_capitalised(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        set_bits(&self.maybe_capitalised, from, to)
    }
}

/// The positions in `from..to` whose bits are set, in order.
fn set_bits(bits: &[u64], from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let mut block = from / 64;
    let mut current = if from < to {
        bits[block] & (!0 << (from % 64))
    } else {
        0
    };
    std::iter::from_fn(move || loop {
        if current != 0 {
            let at = block * 64 + current.trailing_zeros() as usize;
            current &= current - 1;
            if at >= to {
                current = 0;
                block = to / 64;
                return None;
            }
            return Some(at);
        }
        block += 1;
        if block * 64 >= to {
            return None;
        }
        current = bits[block];
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_byte_by_byte_tests() {
        let text: Vec<u8> = (0..=255u8)
            .chain(b"  a Za-z@[`{ \xc3\xa9 said, The  x".iter().copied())
            .cycle()
            .take(700)
            .collect();
        for len in [0, 1, 63, 64, 65, 130, text.len()] {
            let text = &text[..len];
            let classes = ByteClasses::of(text);
            assert_eq!(
                classes,
                ByteClasses::by_sixteen(text),
                "by sixteen, {len} bytes"
            );
            for (i, &b) in text.iter().enumerate() {
                let letter = classes.letters()[i / 64] >> (i % 64) & 1 == 1;
                assert_eq!(letter, b.is_ascii_alphabetic(), "letter at {i}");
                let initial = classes.pronoun_initials()[i / 64] >> (i % 64) & 1 == 1;
                assert_eq!(initial, b"hsitHSIT".contains(&b), "initial at {i}");
            }
            for end in 0..=len {
                let expected = end
                    - text[..end]
                        .iter()
                        .rev()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count();
                assert_eq!(
                    classes.letters_before(end),
                    expected,
                    "letters before {end}"
                );
            }
            for start in 0..len {
                for to in [start, start + 1, start + 9, start + 70, len] {
                    let to = to.min(len);
                    let expected = text[start..to]
                        .iter()
                        .position(|&b| b == b' ')
                        .map_or(to, |i| start + i);
                    let found = classes.next_space(start, to);
                    assert_eq!(found, expected, "space {start}..{to}");
                    let expected: Vec<usize> = (start.max(1)..to)
                        .filter(|&p| text[p - 1] == b' ' && !text[p].is_ascii_lowercase())
                        .collect();
                    let found: Vec<usize> = classes.maybe_capitalised(start.max(1), to).collect();
                    assert_eq!(found, expected, "word starts {start}..{to}");
                    let found: Vec<usize> = (start.max(1)..to)
                        .filter(|&p| classes.is_maybe_capitalised(p))
                        .collect();
                    assert_eq!(found, expected, "word start tests {start}..{to}");
                }
            }
        }
    }
}
