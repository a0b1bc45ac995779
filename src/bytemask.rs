//! Byte tests over an article's bytes, shared by the stages: [`wide`] tests
//! sixteen bytes at a time for the loops that visit every byte; the
//! searches here read eight at a time (SWAR) and find single bytes.
//!
//! A word is eight bytes read little-endian (`u64::from_le_bytes`), so the
//! byte at the lowest offset is the lowest; a test flags a byte by setting
//! its top bit (0x80).

pub(crate) mod wide;

/// Every byte 0x01.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// Every byte 0x7F.
const LOW_SEVEN: u64 = u64::from_ne_bytes([0x7F; 8]);
/// Every byte 0x80.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// `b` in every byte.
const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// Flags bytes of `word` equal to `b`. The lowest flag is exact, but a byte
/// right above a flagged one may be flagged too: no flag means no such byte,
/// and [`first_flagged`] finds the first one.
fn maybe_equal(word: u64, b: u8) -> u64 {
    let x = word ^ splat(b);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Flags exactly the bytes of `word` equal to `b`.
fn equal_bytes(word: u64, b: u8) -> u64 {
    let diff = word ^ splat(b);
    // A byte's top bit survives only when it and its low seven bits are zero;
    // no carry crosses bytes, as each sum stays below 0x100.
    !(((diff & LOW_SEVEN) + LOW_SEVEN) | diff | LOW_SEVEN)
}

/// The offset (0 to 7) of the byte of the lowest flag (`flags` not zero).
fn first_flagged(flags: u64) -> usize {
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

/// The offset of the last byte of `bytes` equal to `a` or to `b`, read
/// backwards a word at a time.
pub(crate) fn last_of_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let (head, words) = bytes.as_rchunks::<8>();
    for (i, word) in words.iter().enumerate().rev() {
        let word = u64::from_le_bytes(*word);
        // Exact flags: the highest one must be a real match.
        let flags = equal_bytes(word, a) | equal_bytes(word, b);
        if flags != 0 {
            return Some(head.len() + i * 8 + (63 - flags.leading_zeros() as usize) / 8);
        }
    }
    head.iter().rposition(|&x| x == a || x == b)
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
            }
            let text = [&sample[..], &sample[..], b"\"."].concat();
            let expected: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b'"').collect();
            assert_eq!(positions_of(&text, b'"').collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn last_of_either_agrees_with_rposition() {
        let text = b"a. \"b\"!? plain words, then \"more\". And 0x80: \x80\x2e.";
        for end in 0..=text.len() {
            for start in 0..=end {
                let bytes = &text[start..end];
                let expected = bytes.iter().rposition(|&x| x == b'.' || x == b'"');
                assert_eq!(last_of_either(bytes, b'.', b'"'), expected);
            }
        }
    }
}
