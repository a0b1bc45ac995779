//! Byte classes of a whole article as bit masks, one bit per byte, made in
//! one pass sixteen bytes at a time: the pronoun finder reads the letters
//! and the name finder the spaces and the word starts, so neither looks at
//! every byte again.

use crate::bytemask::wide::Bytes16;

/// Which bytes of a text are ASCII letters, spaces, the starts of words
/// that may be capitalised and letters a pronoun may start with; bit
/// `i % 64` of word `i / 64` stands for byte `i`.
pub struct ByteClasses {
    letters: Vec<u64>,
    spaces: Vec<u64>,
    /// Bytes that follow a space and are not ASCII lower-case letters.
    maybe_capitalised: Vec<u64>,
    /// `h`, `s`, `i` and `t` in either case: every pronoun starts with one.
    pronoun_initials: Vec<u64>,
}

/// Construction.
impl ByteClasses {
    /// The classes of every byte of `bytes`.
    pub fn of(bytes: &[u8]) -> ByteClasses {
        let blocks = bytes.len().div_ceil(64);
        let mut classes = ByteClasses {
            letters: Vec::with_capacity(blocks),
            spaces: Vec::with_capacity(blocks),
            maybe_capitalised: Vec::with_capacity(blocks),
            pronoun_initials: Vec::with_capacity(blocks),
        };
        let (whole, rest) = bytes.as_chunks::<64>();
        for block in whole {
            classes.push_block(block);
        }
        if !rest.is_empty() {
            // Zero bytes are neither letters nor spaces.
            let mut block = [0u8; 64];
            block[..rest.len()].copy_from_slice(rest);
            classes.push_block(&block);
        }
        classes
    }

    fn push_block(&mut self, block: &[u8; 64]) {
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
        let space_before = self.spaces.last().map_or(0, |s| s >> 63);
        self.maybe_capitalised
            .push(((spaces << 1) | space_before) & !lower_case);
        self.letters.push(letters);
        self.spaces.push(spaces);
        self.pronoun_initials.push(initials & letters);
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
        set_bits(&self.spaces, at, to).next().unwrap_or(to)
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
