//! Byte classes eight bytes at a time (SWAR), for the passes that look at
//! every byte of an article: most bytes are plain lower-case letters that
//! only need to be stepped over.

use crate::bytemask::{equal_bytes, maybe_equal, HIGH, ONES};

/// Where the first space at or after `at` is, or `to` when none comes before it.
pub fn next_space(bytes: &[u8], mut at: usize, to: usize) -> usize {
    while at < to && at + 8 <= bytes.len() {
        let eight = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let spaces = maybe_equal(eight, b' ');
        if spaces != 0 {
            return (at + (spaces.trailing_zeros() / 8) as usize).min(to);
        }
        at += 8;
    }
    let at = at.min(to);
    bytes[at..to]
        .iter()
        .position(|&b| b == b' ')
        .map_or(to, |i| at + i)
}

/// The first position in `at..to` that follows a space and does not hold
/// an ASCII lower-case letter, or `to`: the start of the next word that may
/// be capitalised. `at` must be at least 1.
pub fn next_word_not_lower_case(bytes: &[u8], mut at: usize, to: usize) -> usize {
    while at < to && at + 8 <= bytes.len() {
        let before = eight_at(bytes, at - 1);
        let here = eight_at(bytes, at);
        let found = equal_bytes(before, b' ') & !in_ascii_range(here, b'a', b'z');
        if found != 0 {
            return (at + (found.trailing_zeros() / 8) as usize).min(to);
        }
        at += 8;
    }
    (at..to)
        .find(|&p| bytes[p - 1] == b' ' && !bytes[p].is_ascii_lowercase())
        .unwrap_or(to)
}

fn eight_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The high bit set in each byte of `x` from `low` to `high` (both ASCII).
fn in_ascii_range(x: u64, low: u8, high: u8) -> u64 {
    // With the high bit cleared no byte can carry into the next when the
    // range bounds are added.
    let low7 = x & !HIGH;
    let from_low = low7 + ONES * u64::from(0x80 - low);
    let past_high = low7 + ONES * u64::from(0x80 - high - 1);
    from_low & !past_high & !x & HIGH
}

/// One bit per byte of `block` (at most 64 bytes), set for ASCII letters.
pub fn letter_bits(block: &[u8]) -> u64 {
    debug_assert!(block.len() <= 64);
    let mut chunks = block.chunks_exact(8);
    let mut bits = 0;
    let mut shift = 0;
    for chunk in &mut chunks {
        let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        bits |= gather_high_bits(ascii_letters(eight)) << shift;
        shift += 8;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut eight = [0u8; 8];
        eight[..rest.len()].copy_from_slice(rest);
        bits |= gather_high_bits(ascii_letters(u64::from_le_bytes(eight))) << shift;
    }
    bits
}

/// The high bit set in each byte of `x` that is an ASCII letter.
fn ascii_letters(x: u64) -> u64 {
    in_ascii_range(x | (ONES * 0x20), b'a', b'z')
}

/// The high bits of the eight bytes of `x` as one byte, lowest byte first.
fn gather_high_bits(x: u64) -> u64 {
    // Each byte's bit lands on its own bit of the top byte, with no carries.
    ((x >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
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
        for start in 0..text.len() {
            let block = &text[start..text.len().min(start + 64)];
            let expected = block
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphabetic())
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            assert_eq!(letter_bits(block), expected, "letters at {start}");
            for to in [start, start + 1, start + 9, text.len()] {
                let to = to.min(text.len());
                let expected = text[start..to]
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(to, |i| start + i);
                assert_eq!(
                    next_space(&text, start, to),
                    expected,
                    "space {start}..{to}"
                );
            }
        }
    }
}
