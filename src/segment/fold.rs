//! Article text -> folded text with its map back to the original.

use super::offsets::OffsetMap;
use crate::bytemask::wide::Bytes16;
use crate::normalize::{fold_char, Folded};

/// A folded text in the making.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fold {
    /// The folded text (case kept).
    pub text: String,
    /// For each byte of `text`, and one past the end, the byte offset in the original.
    pub to_original: OffsetMap,
    /// The offset of every line feed in `text`, in order.
    pub line_ends: Vec<usize>,
    /// The numbers (from 0) of the lines of `text` holding non-ASCII characters, in order.
    pub non_ascii_lines: Vec<usize>,
}

/// Folds `text`, noting where each folded byte came from and where lines end.
pub(super) fn fold(text: &str) -> Fold {
    let bytes = text.as_bytes();
    // News prose has a line per 130 bytes or so and a character that is
    // not plain (a run of the offset map each) about as often: sized so,
    // few articles grow these.
    let mut folded = Fold {
        text: String::with_capacity(text.len()),
        to_original: OffsetMap::with_capacity(text.len() / 32),
        line_ends: Vec::with_capacity(text.len() / 64),
        non_ascii_lines: Vec::new(),
    };
    let mut offset = 0;
    while offset < bytes.len() {
        let run = plain_run(&bytes[offset..]);
        if run > 0 {
            (folded.to_original).push_run(folded.text.len(), offset);
            folded.text.push_str(&text[offset..offset + run]);
            offset += run;
            continue;
        }
        // A single space between words, the most common byte that is not plain.
        if bytes[offset] == b' ' {
            if !matches!(
                folded.text.as_bytes().last(),
                None | Some(b' ') | Some(b'\n')
            ) {
                (folded.to_original).push_run(folded.text.len(), offset);
                folded.text.push(' ');
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
    (folded.to_original).finish(folded.text.len(), text.len());
    folded
}

/// The length of the run of bytes at the start of `bytes` that fold to
/// themselves: most bytes are ASCII that does, and a single space after such
/// a byte does too.
fn plain_run(bytes: &[u8]) -> usize {
    let mut end = 0;
    // Whether the byte before `end` is a space; a run never starts with one.
    let mut space_before = true;
    loop {
        for block in bytes[end..].as_chunks::<16>().0 {
            let block = Bytes16::load(block);
            let spaces = block.equal(b' ');
            let doubled = spaces & ((spaces << 1) | u32::from(space_before));
            // Below a space are the white space controls and a few that fold to themselves.
            let stop = block.non_ascii() | block.below(b' ') | block.equal(b'`') | doubled;
            if stop != 0 {
                let at = stop.trailing_zeros();
                if at > 0 {
                    space_before = spaces & (1 << (at - 1)) != 0;
                }
                end += at as usize;
                break;
            }
            space_before = spaces & (1 << 15) != 0;
            end += 16;
        }
        // The block test is cautious about controls, and the last bytes fit no
        // block: a byte at a time settles those.
        match bytes.get(end) {
            Some(&b) if FOLDS_TO_ITSELF[b as usize] || (b == b' ' && !space_before) => {
                space_before = b == b' ';
                end += 1;
            }
            _ => return end,
        }
    }
}

/// ASCII bytes that/// ASCII bytes that [`fold_char`] keeps as they are (all but white space and the backtick).
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
        for at in folded.text.len()..folded.text.len() + s.len() {
            folded.to_original.push_run(at, offset);
        }
        folded.text.push_str(s);
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
                folded.to_original.truncate(folded.text.len());
            }
            folded.line_ends.push(folded.text.len());
            (folded.to_original).push_run(folded.text.len(), offset);
            folded.text.push('\n');
        }
        Folded::Char(c) => {
            let line = folded.line_ends.len();
            if !c.is_ascii() && folded.non_ascii_lines.last() != Some(&line) {
                folded.non_ascii_lines.push(line);
            }
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
        (folded.to_original).finish(folded.text.len(), text.len());
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
            "Ωμέγα\nplain\n\nКиїв and Київ\n",
            "",
        ];
        for text in cases {
            let folded = fold(text);
            assert_eq!(folded, fold_by_char(text), "{text:?}");
            let line_feeds: Vec<usize> =
                folded.text.match_indices('\n').map(|(at, _)| at).collect();
            assert_eq!(folded.line_ends, line_feeds, "{text:?}");
            let non_ascii_lines: Vec<usize> = (folded.text.split('\n').enumerate())
                .filter(|(_, line)| !line.is_ascii())
                .map(|(number, _)| number)
                .collect();
            assert_eq!(folded.non_ascii_lines, non_ascii_lines, "{text:?}");
        }
    }
}
