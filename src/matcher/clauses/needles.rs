//! Finding a few fixed words in a sentence in one pass, ignoring case.
//!
//! Every needle holds a space or a `;`, its anchor: the sentence is read
//! sixteen bytes at a time for those two bytes, and only around them are
//! the needles compared. Most bytes are letters, so this reads far fewer
//! bytes one by one than a search from every position.

use crate::bytemask::wide::Bytes16;

/// Whether `haystack` starts with the lower-case `needle`, in any case.
pub(super) fn starts_with_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .get(..needle.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(needle))
}

/// How far before and after its anchor a needle's bytes are indexed.
const AROUND: [isize; 4] = [-2, -1, 1, 2];

/// A set of up to 16 lower-case needles, each with its anchor and the bytes
/// around it, as bit masks over needle indexes.
pub(super) struct NeedleIndex {
    /// Where each needle has its first space or `;`.
    anchor_at: [usize; 16],
    /// The needles anchored at each byte (only a space and `;` have any).
    by_anchor: [u16; 256],
    /// For each offset of [`AROUND`], the needles a byte fits there, in
    /// either case; a needle that does not reach that far fits any byte.
    by_byte_around: [[u16; 256]; AROUND.len()],
    /// For each offset of [`AROUND`], the needles that do not reach that far:
    /// all that fit when the offset falls outside the haystack.
    not_reaching: [u16; AROUND.len()],
}

impl NeedleIndex {
    /// Indexes up to 16 lower-case needles, each holding a space or a `;`.
    pub(super) const fn new(needles: &[&str]) -> NeedleIndex {
        assert!(needles.len() <= 16);
        let mut index = NeedleIndex {
            anchor_at: [0; 16],
            by_anchor: [0; 256],
            by_byte_around: [[0; 256]; AROUND.len()],
            not_reaching: [0; AROUND.len()],
        };
        let mut k = 0;
        while k < needles.len() {
            let bit = 1 << k;
            let needle = needles[k].as_bytes();
            let mut anchor = 0;
            while anchor < needle.len() && needle[anchor] != b' ' && needle[anchor] != b';' {
                anchor += 1;
            }
            assert!(anchor < needle.len(), "every needle holds a space or a `;`");
            index.anchor_at[k] = anchor;
            index.by_anchor[needle[anchor] as usize] |= bit;
            let mut o = 0;
            while o < AROUND.len() {
                let fits = &mut index.by_byte_around[o];
                let at = anchor as isize + AROUND[o];
                if at >= 0 && at < needle.len() as isize {
                    let byte = needle[at as usize];
                    fits[byte as usize] |= bit;
                    fits[byte.to_ascii_uppercase() as usize] |= bit;
                } else {
                    index.not_reaching[o] |= bit;
                    let mut byte = 0;
                    while byte < 256 {
                        fits[byte] |= bit;
                        byte += 1;
                    }
                }
                o += 1;
            }
            k += 1;
        }
        index
    }

    /// The needles that may be anchored at `at`, judged by the bytes around it.
    fn candidates(&self, bytes: &[u8], at: usize) -> u16 {
        let anchored = self.by_anchor[bytes[at] as usize];
        // Most anchors have two bytes on either side, the offsets of `AROUND`:
        // no bounds to check.
        if let Some(&[b0, b1, _, b3, b4]) =
            at.checked_sub(2).and_then(|from| bytes.get(from..at + 3))
        {
            let [f0, f1, f3, f4] = &self.by_byte_around;
            return anchored
                & f0[b0 as usize]
                & f1[b1 as usize]
                & f3[b3 as usize]
                & f4[b4 as usize];
        }
        let mut fit = anchored;
        for (o, offset) in AROUND.iter().enumerate() {
            fit &= at
                .checked_add_signed(*offset)
                .and_then(|i| bytes.get(i))
                .map_or(self.not_reaching[o], |&b| {
                    self.by_byte_around[o][b as usize]
                });
        }
        fit
    }
}

/// Calls `visit` with the position of each space and `;` in `bytes`, in order.
fn for_each_anchor(bytes: &[u8], mut visit: impl FnMut(usize)) {
    for (from, mut found) in anchor_masks(bytes) {
        while found != 0 {
            visit(from + found.trailing_zeros() as usize);
            found &= found - 1;
        }
    }
}

/// The spaces and `;`s of `bytes`, as masks over the 16 bytes from each
/// position given; the blocks do not overlap in the positions they mark.
fn anchor_masks(bytes: &[u8]) -> impl Iterator<Item = (usize, u32)> + '_ {
    let in_block = |from: usize| {
        let block = Bytes16::load(bytes[from..from + 16].try_into().expect("16 bytes"));
        block.equal(b' ') | block.equal(b';')
    };
    let full = bytes.len() / 16 * 16;
    let rest = (full < bytes.len()).then(|| match bytes.len().checked_sub(16) {
        // The rest is read as the last 16 bytes, without the anchors marked already.
        Some(last) => (last, in_block(last) & u32::MAX << (full - last)),
        None => {
            let anchors = bytes.iter().enumerate();
            let mask = anchors
                .filter(|&(_, &b)| b == b' ' || b == b';')
                .fold(0, |mask, (at, _)| mask | 1 << at);
            (0, mask)
        }
    });
    (0..full)
        .step_by(16)
        .map(move |from| (from, in_block(from)))
        .chain(rest)
}

/// Where each of the lower-case `needles` occurs in `haystack`, in any case
/// (position, needle index), left to right and without overlaps, as
/// `match_indices` finds them in the lower-cased haystack one needle at a
/// time, but in a single pass and without a lower-cased copy; into `found`
/// (cleared first).
pub(super) fn occurrences(
    haystack: &str,
    needles: &[&str],
    index: &NeedleIndex,
    found: &mut Vec<(usize, usize)>,
) {
    let bytes = haystack.as_bytes();
    let mut free_from = [0usize; 16];
    found.clear();
    // Anchors come in order, so each needle's occurrences do too.
    for_each_anchor(bytes, |anchor| {
        let mut candidates = index.candidates(bytes, anchor);
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let Some(at) = anchor.checked_sub(index.anchor_at[k]) else {
                continue;
            };
            let needle = needles[k].as_bytes();
            if at >= free_from[k] && starts_with_ignoring_case(&bytes[at..], needle) {
                found.push((at, k));
                free_from[k] = at + needle.len();
            }
        }
    });
    found.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::NeedleIndex;
    use proptest::prelude::*;

    fn occurrences(haystack: &str, needles: &[&str], index: &NeedleIndex) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        super::occurrences(haystack, needles, index, &mut found);
        found
    }

    /// What `occurrences` must find: `match_indices` in the lower-cased haystack.
    fn expected(haystack: &str, needles: &[&str]) -> Vec<(usize, usize)> {
        let lower = haystack.to_ascii_lowercase();
        let mut found: Vec<(usize, usize)> = needles
            .iter()
            .enumerate()
            .flat_map(|(k, n)| lower.match_indices(n).map(move |(at, _)| (at, k)))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn occurrences_are_those_match_indices_finds_in_lower_case() {
        let cases: [(&str, &[&str]); 10] = [
            ("a b, so c ; d", &[", so ", ";"]),
            (" but but but ", &[" but "]),
            ("a a a a", &["a a", " a"]),
            ("ends with ;", &[";"]),
            ("", &[" but "]),
            ("short", &["longer than it"]),
            ("a;", &["a;b", ";", "a;"]),
            ("Whereas A, BUT b; But", &[" but ", "whereas ", ";"]),
            ("ÀSKED IF é asked if", &["asked if "]),
            (
                "he asked whether, asked if and asked about",
                &["asked whether ", "asked if ", "asked about "],
            ),
        ];
        for (haystack, needles) in cases {
            assert_eq!(
                occurrences(haystack, needles, &NeedleIndex::new(needles)),
                expected(haystack, needles),
                "{needles:?} in {haystack:?}"
            );
        }
    }

    /// Sentences made of pieces of the needles, in mixed case, and stray bytes.
    fn sentence() -> impl Strategy<Value = String> {
        let pieces = vec![
            " but ",
            "BUT",
            ", so",
            " so that ",
            "whether",
            "asked if",
            "asked ABOUT",
            "Whereas",
            " while",
            "although",
            ";",
            " ",
            ",",
            "é",
        ];
        let piece = prop_oneof![
            proptest::sample::select(pieces).prop_map(str::to_string),
            "[ ;,a-zA-Z]{1,3}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn occurrences_match_the_lower_cased_search(haystack in sentence()) {
            let needles = super::super::NEEDLES;
            prop_assert_eq!(
                occurrences(&haystack, &needles, &NeedleIndex::new(&needles)),
                expected(&haystack, &needles)
            );
        }
    }
}
