//! Article text -> folded text with its map back to the original.

use crate::bytemask::{maybe_equal, printable_ascii};
use crate::normalize::{fold_char, Folded};

/// A folded text in the making.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fold {
    /// The folded text (case kept).
    pub text: String,
    /// For each byte of `text`, and one past the end, the byte offset in the original.
    pub to_original: Vec<u32>,
    /// The offset of every line feed in `text`, in order.
    pub line_ends: Vec<usize>,
}

/// Folds `text`, noting where each folded byte came from and where lines end.
pub(super) fn fold(text: &str) -> Fold {
    let bytes = text.as_bytes();
    let mut folded = Fold {
        text: String::with_capacity(text.len()),
        to_original: Vec::with_capacity(text.len() + 1),
        line_ends: Vec::new(),
    };
    let mut offset = 0;
    while offset < bytes.len() {
        let run = plain_run(&bytes[offset..]);
        if run > 0 {
            folded.text.push_str(&text[offset..offset + run]);
            (folded.to_original).extend(offset as u32..(offset + run) as u32);
            offset += run;
            continue;
        }
        // A single space between words, the most common byte that is not plain.
        if bytes[offset] == b' ' {
            if !matches!(
                folded.text.as_bytes().last(),
                None | Some(b' ') | Some(b'\n')
            ) {
                folded.text.push(' ');
                folded.to_original.push(offset as u32);
            }
            offset += 1;
            continue;
        }
        let c = text[offset..]
            .chars()
            .next()
            .expect("offset is on a character boundary");
        fold_one(c, offset, &mut folded);
        offset += c.len_utf8();
    }
    folded.to_original.push(text.len() as u32);
    folded
}

/// The length of the run of bytes at the start of `bytes` that fold to
/// themselves: most bytes are ASCII that does, and a single space after such
/// a byte does too.
fn plain_run(bytes: &[u8]) -> usize {
    let mut end = 0;
    // The flag of a space at the end of the last word checked, moved to the
    // first byte; a run never starts with a space.
    let mut space_before = HIGH_OF_FIRST_BYTE;
    loop {
        for word in bytes[end..].as_chunks::<8>().0 {
            let word = u64::from_le_bytes(*word);
            let spaces = maybe_equal(word, b' ');
            let doubled = spaces & ((spaces << 8) | space_before);
            if !printable_ascii(word) || maybe_equal(word, b'`') | doubled != 0 {
                break;
            }
            space_before = spaces >> 56;
            end += 8;
        }
        // The word test is cautious: a byte at a time settles what it turned down.
        match bytes.get(end) {
            Some(&b) if FOLDS_TO_ITSELF[b as usize] || (b == b' ' && space_before == 0) => {
                space_before = if b == b' ' { HIGH_OF_FIRST_BYTE } else { 0 };
                end += 1;
            }
            _ => return end,
        }
    }
}

/// The flag of the first byte of a word.
const HIGH_OF_FIRST_BYTE: u64 = 0x80;

/// ASCII bytes that [`fold_char`] keeps as they are (all but white space and the backtick).
const fn folds_to_itself(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'`')
}

/// [`folds_to_itself`] for every byte.
const FOLDS_TO_ITSELF: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = folds_to_itself(b as u8);
        b += 1;
    }
    table
};

/// Folds one character at `offset` of the original onto the folded text and
/// its offset map: white space runs collapse, line ends drop trailing spaces.
fn fold_one(c: char, offset: usize, folded: &mut Fold) {
    let push = |folded: &mut Fold, s: &str| {
        folded.text.push_str(s);
        (folded.to_original).extend(std::iter::repeat_n(offset as u32, s.len()));
    };
    match fold_char(c) {
        Folded::Char('\r') | Folded::Drop => {}
        Folded::Space => {
            if !matches!(
                folded.text.as_bytes().last(),
                None | Some(b' ') | Some(b'\n')
            ) {
                push(folded, " ");
            }
        }
        Folded::Char('\n') => {
            if folded.text.ends_with(' ') {
                folded.text.pop();
                folded.to_original.pop();
            }
            folded.line_ends.push(folded.text.len());
            folded.to_original.push(offset as u32);
            folded.text.push('\n');
        }
        Folded::Char(c) => {
            let mut buf = [0u8; 4];
            push(folded, c.encode_utf8(&mut buf));
        }
        Folded::Str(s) => push(folded, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_folding_covers_exactly_the_ascii_that_folds_to_itself() {
        for b in 0..=0x7Fu8 {
            let c = b as char;
            let unchanged = fold_char(c) == Folded::Char(c) && c != '\n';
            assert_eq!(folds_to_itself(b), unchanged, "{b:#04x}");
        }
    }

    /// fold as it was, one character at a time.
    fn fold_by_char(text: &str) -> Fold {
        let mut folded = Fold::default();
        for (offset, c) in text.char_indices() {
            fold_one(c, offset, &mut folded);
        }
        folded.to_original.push(text.len() as u32);
        folded
    }

    #[test]
    fn folding_by_runs_is_folding_by_characters() {
        let cases = [
            "plain words here",
            "two  spaces, three   and a tab\t here",
            " leading space",
            "space before newline \nnext line  \n\n  indented",
            "trailing space ",
            "curly “quotes” – dash… no\u{a0}break\u{200b}zero",
            "Orbán’s `tick` \r\nwindows\r\n",
            "",
        ];
        for text in cases {
            let folded = fold(text);
            assert_eq!(folded, fold_by_char(text), "{text:?}");
            let line_feeds: Vec<usize> =
                folded.text.match_indices('\n').map(|(at, _)| at).collect();
            assert_eq!(folded.line_ends, line_feeds, "{text:?}");
        }
    }
}
