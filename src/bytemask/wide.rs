//! Byte tests sixteen at a time: SSE2 on x86_64, which every x86_64 CPU has,
//! and plain loops elsewhere. A test returns a mask with bit `i` set for
//! byte `i`, so `trailing_zeros` finds the first byte that passed.
//!
//! For loops that visit every byte of an article, where the eight-byte word
//! tricks of the parent module cost a dozen instructions per word and one
//! SSE2 compare tests sixteen bytes.

/// Sixteen bytes, loaded once and tested several ways.
#[derive(Clone, Copy)]
pub(crate) struct Bytes16(imp::Block);

impl Bytes16 {
    #[inline(always)]
    pub(crate) fn load(bytes: &[u8; 16]) -> Self {
        Bytes16(imp::load(bytes))
    }

    /// Bytes equal to `b`.
    #[inline(always)]
    pub(crate) fn equal(self, b: u8) -> u32 {
        imp::equal(self.0, b)
    }

    /// Bytes below `b` (as unsigned numbers).
    #[inline(always)]
    pub(crate) fn below(self, b: u8) -> u32 {
        match b.checked_sub(1) {
            Some(max) => imp::at_most(self.0, max),
            None => 0,
        }
    }

    /// Bytes from `low` to `high`, both included (as unsigned numbers).
    #[inline(always)]
    pub(crate) fn within(self, low: u8, high: u8) -> u32 {
        if low > high {
            return 0;
        }
        imp::at_most(imp::minus(self.0, low), high - low)
    }

    /// Bytes of 0x80 and up: those of non-ASCII characters.
    #[inline(always)]
    pub(crate) fn non_ascii(self) -> u32 {
        imp::top_bits(self.0)
    }

    /// Every byte with the bits of `b` set (`0x20` folds ASCII letters to lower case).
    #[inline(always)]
    pub(crate) fn or(self, b: u8) -> Self {
        Bytes16(imp::or(self.0, b))
    }

    /// ASCII letters of either case.
    #[inline(always)]
    pub(crate) fn ascii_letters(self) -> u32 {
        self.or(0x20).within(b'a', b'z')
    }
}

// SAFETY, for every `unsafe` block below: the intrinsics need SSE2, which
// every x86_64 CPU has (it is in the target's baseline features); the one
// load reads the sixteen bytes of an array, with no alignment needed.
#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };

    pub(super) type Block = __m128i;

    #[inline(always)]
    pub(super) fn load(bytes: &[u8; 16]) -> Block {
        unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
    }

    #[inline(always)]
    fn splat(b: u8) -> Block {
        unsafe { _mm_set1_epi8(b as i8) }
    }

    #[inline(always)]
    pub(super) fn top_bits(block: Block) -> u32 {
        unsafe { _mm_movemask_epi8(block) as u32 }
    }

    #[inline(always)]
    pub(super) fn equal(block: Block, b: u8) -> u32 {
        top_bits(unsafe { _mm_cmpeq_epi8(block, splat(b)) })
    }

    /// SSE2 has no unsigned compare: a byte is at most `max` when the
    /// smaller of it and `max` is the byte itself.
    #[inline(always)]
    pub(super) fn at_most(block: Block, max: u8) -> u32 {
        top_bits(unsafe { _mm_cmpeq_epi8(_mm_min_epu8(block, splat(max)), block) })
    }

    #[inline(always)]
    pub(super) fn minus(block: Block, b: u8) -> Block {
        unsafe { _mm_sub_epi8(block, splat(b)) }
    }

    #[inline(always)]
    pub(super) fn or(block: Block, b: u8) -> Block {
        unsafe { _mm_or_si128(block, splat(b)) }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    pub(super) type Block = [u8; 16];

    pub(super) fn load(bytes: &[u8; 16]) -> Block {
        *bytes
    }

    fn mask(block: Block, test: impl Fn(u8) -> bool) -> u32 {
        block
            .iter()
            .enumerate()
            .fold(0, |mask, (i, &b)| mask | u32::from(test(b)) << i)
    }

    pub(super) fn top_bits(block: Block) -> u32 {
        mask(block, |b| b >= 0x80)
    }

    pub(super) fn equal(block: Block, b: u8) -> u32 {
        mask(block, |x| x == b)
    }

    pub(super) fn at_most(block: Block, max: u8) -> u32 {
        mask(block, |x| x <= max)
    }

    pub(super) fn minus(block: Block, b: u8) -> Block {
        block.map(|x| x.wrapping_sub(b))
    }

    pub(super) fn or(block: Block, b: u8) -> Block {
        block.map(|x| x | b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mask a test should give, byte by byte.
    fn expected(block: &[u8; 16], test: impl Fn(u8) -> bool) -> u32 {
        (0..16).filter(|&i| test(block[i])).map(|i| 1 << i).sum()
    }

    #[test]
    fn every_test_agrees_with_a_byte_loop() {
        let mut blocks: Vec<[u8; 16]> = vec![*b"He said: \"No.\"\t\n", [0; 16], [0xFF; 16]];
        // Every byte value, in every position of some block.
        for start in (0u8..=255).step_by(16) {
            blocks.push(std::array::from_fn(|i| start.wrapping_add(i as u8)));
            blocks.push(std::array::from_fn(|i| start.wrapping_add(15 - i as u8)));
        }
        for block in &blocks {
            let wide = Bytes16::load(block);
            assert_eq!(wide.non_ascii(), expected(block, |b| b >= 0x80));
            assert_eq!(
                wide.ascii_letters(),
                expected(block, |b| b.is_ascii_alphabetic())
            );
            for b in [0u8, 1, b' ', b'"', b'A', b'a', b'z', 0x7F, 0x80, 0xC3, 0xFF] {
                assert_eq!(
                    wide.equal(b),
                    expected(block, |x| x == b),
                    "{block:?} = {b}"
                );
                assert_eq!(wide.below(b), expected(block, |x| x < b), "{block:?} < {b}");
                for high in [b, b.saturating_add(9), 0xFF] {
                    assert_eq!(
                        wide.within(b, high),
                        expected(block, |x| (b..=high).contains(&x)),
                        "{block:?} in {b}..={high}"
                    );
                }
            }
        }
    }
}
