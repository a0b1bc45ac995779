//! Byte tests eight at a time (SWAR), shared by the stages whose loops
//! visit every byte of an article: segmenting, quotes, mentions, clauses.
//!
//! A word is eight bytes read little-endian (`u64::from_le_bytes`), so the
//! byte at the lowest offset is the lowest; a test flags a byte by setting
//! its top bit (0x80).

pub(crate) mod wide;

/// Every byte 0x01.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// Every byte 0x7F.
const LOW_SEVEN: u64 = u64::from_ne_bytes([0x7F; 8]);
/// Every byte 0x80.
pub(crate) const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// `b` in every byte.
pub(crate) const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// Flags bytes of `word` equal to `b`. The lowest flag is exact, but a byte
/// right above a flagged one may be flagged too: no flag means no such byte,
/// and [`first_flagged`] finds the first one.
pub(crate) fn maybe_equal(word: u64, b: u8) -> u64 {
    let x = word ^ splat(b);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Flags exactly the bytes of `word` equal to `b`.
pub(crate) fn equal_bytes(word: u64, b: u8) -> u64 {
    let diff = word ^ splat(b);
    // A byte's top bit survives only when it and its low seven bits are zero;
    // no carry crosses bytes, as each sum stays below 0x100.
    !(((diff & LOW_SEVEN) + LOW_SEVEN) | diff | LOW_SEVEN)
}

/// [`maybe_equal`] for the letter `lower` (lower-case ASCII) in either case.
pub(crate) fn maybe_letter(word: u64, lower: u8) -> u64 {
    maybe_equal(word | splat(0x20), lower)
}

/// Whether every byte of `word` is printable ASCII (0x20 to 0x7F).
pub(crate) fn printable_ascii(word: u64) -> bool {
    // Adding 0x60 to the low seven bits carries into the top bit exactly
    // from 0x20 up, and never into the next byte.
    ((word & LOW_SEVEN) + splat(0x60)) & !word & HIGH == HIGH
}

/// The offset (0 to 7) of the byte of the lowest flag (`flags` not zero).
pub(crate) fn first_flagged(flags: u64) -> usize {
    flags.trailing_zeros() as usize / 8
}

/// The offsets of every `b` in `bytes`, in order.
pub(crate) fn positions_of(bytes: &[u8], b: u8) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (words, rest) = bytes[at..].as_chunks::<8>();
        for word in words {
            let flags = maybe_equal(u64::from_le_bytes(*word), b);
            if flags != 0 {
                let found = at + first_flagged(flags);
                at = found + 1;
                return Some(found);
            }
            at += 8;
        }
        let found = at + rest.iter().position(|&x| x == b)?;
        at = found + 1;
        Some(found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_agree_with_byte_tests() {
        let samples: [&[u8; 8]; 6] = [
            b"plain wo",
            b"a. \"b\"!?",
            b"\x00\x1f `\x7f\x80\xff ",
            b"  double",
            b"\x80\x80\x80\x80\x80\x80\x80\x01",
            b"Qq.q ! .",
        ];
        for sample in samples {
            let word = u64::from_le_bytes(*sample);
            for target in [b' ', b'"', b'`', b'.', b'q', 0x80, 0x00] {
                let first = sample.iter().position(|&b| b == target);
                let flags = maybe_equal(word, target);
                assert_eq!((flags != 0).then(|| first_flagged(flags)), first);
                let first = sample.iter().position(|&b| b | 0x20 == target);
                let flags = maybe_letter(word, target);
                if target.is_ascii_lowercase() {
                    assert_eq!((flags != 0).then(|| first_flagged(flags)), first);
                }
            }
            let printable = sample.iter().all(|&b| (0x20..0x80).contains(&b));
            let text = [&sample[..], &sample[..], b"\"."].concat();
            let expected: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b'"').collect();
            assert_eq!(positions_of(&text, b'"').collect::<Vec<_>>(), expected);
            assert_eq!(printable_ascii(word), printable, "{sample:?}");
        }
    }
}
