//! Article -> folded text, paragraphs and sentences, with page boilerplate left out.
//!
//! Later stages work on the folded text (straight quotes, plain dashes, single
//! spaces, base letters) and map spans back to the original with
//! [`Segmented::original_span`], so every offset they report slices the
//! article text as loaded.

mod fold;
mod offsets;

use crate::bytemask::wide::Bytes16;
use crate::model::Span;
use fold::{fold, Fold};
use offsets::OffsetMap;
use serde::Serialize;

/// A sentence: its span in the folded text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Span in the folded text.
    pub span: Span,
    /// Index into [`Segmented::paragraphs`].
    pub paragraph: usize,
}

/// An article's text ready for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmented {
    /// The folded text (case kept).
    pub text: String,
    /// For each byte of `text`, and one past the end, the byte offset in the original.
    to_original: OffsetMap,
    /// Paragraphs (lines) that carry article content, in order.
    pub paragraphs: Vec<Span>,
    /// Sentences of those paragraphs, in order.
    pub sentences: Vec<Sentence>,
    /// The offset of every quotation mark in the paragraphs, in order.
    quote_marks: Vec<usize>,
}

impl Segmented {
    /// The original-text span of a folded-text span.
    pub fn original_span(&self, span: Span) -> Span {
        Span::new(
            self.to_original.original(span.start),
            self.to_original.original(span.end),
        )
    }

    /// The original-text offset of a folded-text offset (at most the folded length).
    pub fn original_offset(&self, folded: usize) -> usize {
        self.to_original.original(folded)
    }

    /// The folded-text offset of an original offset (the first folded byte at or after it).
    pub fn folded_offset(&self, original: usize) -> usize {
        self.to_original.folded(original)
    }

    /// The folded text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The offsets of the quotation marks (`"`) in the paragraphs, in order:
    /// found while splitting sentences, so quotes need not look again.
    pub fn quote_marks(&self) -> &[usize] {
        &self.quote_marks
    }

    /// The index of the sentence containing folded offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.span.end <= at);
        (index < self.sentences.len() && self.sentences[index].span.start <= at).then_some(index)
    }
}

/// Folds `text`, drops boilerplate lines and splits the rest into sentences.
pub fn segment(text: &str) -> Segmented {
    let Fold {
        text: folded,
        to_original,
        line_ends,
        non_ascii_lines,
    } = fold(text);
    // Sized for news prose (a sentence or quotation mark per 130 bytes or
    // so), so few articles grow them: growing one cost more than the slack.
    let mut paragraphs = Vec::with_capacity(line_ends.len() + 1);
    let mut sentences = Vec::with_capacity(folded.len() / 64);
    let mut quote_marks = Vec::with_capacity(folded.len() / 64);
    for (paragraph, ascii) in lines(&folded, &line_ends, &non_ascii_lines) {
        if is_boilerplate(&folded[paragraph.start..paragraph.end], ascii) {
            continue;
        }
        let index = paragraphs.len();
        split_sentences(&folded, paragraph, &mut quote_marks, |span| {
            sentences.push(Sentence {
                span,
                paragraph: index,
            })
        });
        paragraphs.push(paragraph);
    }
    Segmented {
        text: folded,
        to_original,
        paragraphs,
        sentences,
        quote_marks,
    }
}

/// Non-empty lines, trimmed, each with whether it is all ASCII, given the
/// offset of every line feed and the numbers of the lines that are not.
fn lines<'a>(
    text: &'a str,
    line_ends: &'a [usize],
    non_ascii_lines: &'a [usize],
) -> impl Iterator<Item = (Span, bool)> + 'a {
    let starts = std::iter::once(0).chain(line_ends.iter().map(|end| end + 1));
    let ends = line_ends.iter().copied().chain(std::iter::once(text.len()));
    let mut non_ascii_lines = non_ascii_lines.iter().peekable();
    let ascii = (0..).map(move |number| non_ascii_lines.next_if_eq(&&number).is_none());
    (starts.zip(ends).zip(ascii)).filter_map(|((line_start, line_end), ascii)| {
        // Folding leaves no white space but spaces and line feeds: trimming
        // ASCII white space trims it all, without decoding characters.
        let line = &text.as_bytes()[line_start..line_end];
        let trimmed_start = line_start + (line.len() - line.trim_ascii_start().len());
        let trimmed_end = line_start + line.trim_ascii_end().len();
        (trimmed_end > trimmed_start).then(|| (Span::new(trimmed_start, trimmed_end), ascii))
    })
}

/// Lines that belong to the web page, not the article: tag lists, ad slots,
/// link labels, form notices, photo credits. `ascii` says whether `line` is all ASCII.
fn is_boilerplate(line: &str, ascii: bool) -> bool {
    const LABELS: [&str; 14] = [
        "advertisement",
        "source link",
        "more articles",
        "latest articles",
        "must read",
        "read more",
        "related articles",
        "related",
        "share this article",
        "share",
        "subscribe",
        "sign up",
        "advertisement -spot_img",
        "tags",
    ];
    const LONGEST_LABEL: usize = "advertisement -spot_img".len();
    // Ad slots (`Advertisement - Scroll to continue`) and form notices are
    // lines of their own: a longer line holding those words is prose, or a
    // page whose line breaks were lost, and is kept.
    const LONGEST_NOTICE: usize = 64;
    let notice = line.len() <= LONGEST_NOTICE;
    let bullet = line.starts_with(['•', '·', '▪', '*', '-', '–']);
    let page_label = if ascii {
        // Lower-casing ASCII changes no letter into a non-letter: compare in
        // place. Every byte is a character: trim bytes.
        let bytes = line.as_bytes();
        let label = match bytes.iter().position(u8::is_ascii_alphanumeric) {
            Some(first) => {
                let last = (bytes.iter().rposition(u8::is_ascii_alphanumeric))
                    .expect("a line with a first letter or digit has a last");
                &line[first..=last]
            }
            None => "",
        };
        (label.len() <= LONGEST_LABEL && LABELS.iter().any(|l| l.eq_ignore_ascii_case(label)))
            || (notice
                && (label
                    .get(..13)
                    .is_some_and(|head| head.eq_ignore_ascii_case("advertisement"))
                    || contains_ignoring_ascii_case(line, "indicates required field", b'q')))
    } else {
        let lower = line.to_lowercase();
        let label = lower.trim_matches(|c: char| !c.is_alphanumeric());
        LABELS.contains(&label)
            || (notice
                && (label.starts_with("advertisement")
                    || lower.contains("indicates required field")))
    };
    page_label
        || line.starts_with('©')
        || !line.chars().any(char::is_alphabetic)
        || (bullet && line.split_whitespace().count() <= 5 && !line.ends_with(['.', '!', '?']))
}

/// Whether `text` holds `needle` (lower-case ASCII), in any ASCII case.
/// Only the places where `letter`, a letter of the needle, stands in `text`
/// are compared: for a rare letter (the `q` of `required`), that is few.
fn contains_ignoring_ascii_case(text: &str, needle: &str, letter: u8) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let anchor = needle
        .iter()
        .position(|&b| b == letter)
        .expect("the letter is in the needle");
    let found_at = |at: usize| {
        at >= anchor
            && text
                .get(at - anchor..at - anchor + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    };
    let found_in = |block: Bytes16, at: usize| {
        let mut letters = block.or(0x20).equal(letter);
        while letters != 0 {
            if found_at(at + letters.trailing_zeros() as usize) {
                return true;
            }
            letters &= letters - 1;
        }
        false
    };
    let (blocks, rest) = text.as_chunks::<16>();
    (blocks.iter().enumerate()).any(|(index, block)| found_in(Bytes16::load(block), index * 16))
        || padded(rest).is_some_and(|block| found_in(block, blocks.len() * 16))
}

/// The bytes after the last whole block, padded with zero bytes (which the
/// tests here never look for), if there are any.
fn padded(rest: &[u8]) -> Option<Bytes16> {
    (!rest.is_empty()).then(|| {
        let mut block = [0; 16];
        block[..rest.len()].copy_from_slice(rest);
        Bytes16::load(&block)
    })
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 32] = [
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "prof", "jr",
    "sr", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "capt", "adm", "pres",
];

/// The length of the longest of [`ABBREVIATIONS`]; no initial or dotted
/// abbreviation is longer either.
const LONGEST_ABBREVIATION: usize = "approx".len();

/// [`word_key`] of every abbreviation, sorted: a full stop ends most words,
/// and one binary search of numbers costs less than comparing the word
/// with each abbreviation in turn.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        let key = word_key(ABBREVIATIONS[i].as_bytes());
        // Insertion sort: the only sort a constant can use.
        let mut at = i;
        while at > 0 && keys[at - 1] > key {
            keys[at] = keys[at - 1];
            at -= 1;
        }
        keys[at] = key;
        i += 1;
    }
    keys
};

/// A word of at most [`LONGEST_ABBREVIATION`] bytes as one number, ASCII
/// letters in lower case, with its length in the top byte (so no two words
/// that differ in more than ASCII case share a key).
const fn word_key(word: &[u8]) -> u64 {
    let mut key = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Splits one paragraph into sentences. A full stop ends a sentence when the
/// next word starts with a capital, digit or quotation mark, unless it follows
/// an abbreviation or an initial. Stops inside a quotation do not split it.
/// Hands each sentence's span to `push`, in order.
fn split_sentences(
    text: &str,
    paragraph: Span,
    quote_marks: &mut Vec<usize>,
    mut push: impl FnMut(Span),
) {
    let body = &text[paragraph.start..paragraph.end];
    let bytes = body.as_bytes();
    let mut start = 0;
    let mut in_quote = false;
    let mut i = 0;
    loop {
        i = next_stop_or_quote(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b == b'"' {
            quote_marks.push(paragraph.start + i);
            let was_open = in_quote;
            in_quote = quote_toggle(bytes, i, in_quote);
            // `…over.” This reveals`: a quote closing on a full stop can end the sentence.
            let closes_sentence = was_open
                && !in_quote
                && i > 0
                && matches!(bytes[i - 1], b'.' | b'!' | b'?')
                && bytes.get(i + 1) == Some(&b' ')
                && starts_sentence(&body[i + 2..]);
            if closes_sentence {
                push(Span::new(paragraph.start + start, paragraph.start + i + 1));
                start = i + 2;
                i += 2;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') && !in_quote {
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')')
            {
                if bytes[end] == b'"' {
                    quote_marks.push(paragraph.start + end);
                }
                end += 1;
            }
            if end < bytes.len()
                && bytes[end] == b' '
                && starts_sentence(&body[end + 1..])
                && !is_abbreviation(body, i)
            {
                push(Span::new(paragraph.start + start, paragraph.start + end));
                start = end + 1;
                i = end;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if start < bytes.len() {
        push(Span::new(paragraph.start + start, paragraph.end));
    }
}

/// The first offset from `at` holding a quotation mark, full stop, `!` or
/// `?`, or the length: the only bytes where a sentence can end.
fn next_stop_or_quote(bytes: &[u8], mut at: usize) -> usize {
    let stops = |block: Bytes16| {
        block.equal(b'"') | block.equal(b'.') | block.equal(b'!') | block.equal(b'?')
    };
    let (blocks, rest) = bytes[at..].as_chunks::<16>();
    for block in blocks {
        let stops = stops(Bytes16::load(block));
        if stops != 0 {
            return at + stops.trailing_zeros() as usize;
        }
        at += 16;
    }
    match padded(rest).map(stops) {
        Some(stops) if stops != 0 => at + stops.trailing_zeros() as usize,
        _ => bytes.len(),
    }
}

/// A straight quote opens when it follows space or the line start, and closes otherwise.
fn quote_toggle(bytes: &[u8], at: usize, in_quote: bool) -> bool {
    let after_space = at == 0 || matches!(bytes[at - 1], b' ' | b'(' | b'[' | b'-');
    if in_quote {
        after_space && at + 1 < bytes.len() && bytes[at + 1] != b' '
    } else {
        after_space || at == 0
    }
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\'' || c == '('
    })
}

fn is_abbreviation(body: &str, stop: usize) -> bool {
    let bytes = body.as_bytes();
    // Every abbreviation is short: only its bytes and the one before it
    // need looking at, and a word filling them all is too long to be one.
    let window = stop.saturating_sub(LONGEST_ABBREVIATION + 1);
    let word_start =
        match (bytes[window..stop].iter()).rposition(|&b| matches!(b, b' ' | b'(' | b'"')) {
            Some(p) => window + p + 1,
            None if window == 0 => 0,
            None => return false,
        };
    let word = &bytes[word_start..stop];
    let single_initial = word.len() == 1 && word[0].is_ascii_uppercase();
    let dotted = word.len() <= 5 && word.contains(&b'.');
    // "No. 5" abbreviates; "According to the US, no. Hegseth said" ends a sentence.
    if word.eq_ignore_ascii_case(b"no") {
        return body[stop + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    }
    single_initial || dotted || ABBREVIATION_KEYS.binary_search(&word_key(word)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let seg = segment(text);
        seg.sentences
            .iter()
            .map(|s| seg.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_quotes() {
        let cases: [(&str, &str, &[&str]); 6] = [
            ("plain", "One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "mr",
                "It was Mr. Zelensky. He spoke.",
                &["It was Mr. Zelensky.", "He spoke."],
            ),
            (
                "us",
                "The U.S. Senate met. It voted.",
                &["The U.S. Senate met.", "It voted."],
            ),
            (
                "quote with two sentences",
                "“We fight. We win,” he said. Then he left.",
                &["\"We fight. We win,\" he said.", "Then he left."],
            ),
            (
                "lower case after stop",
                "approx. five people came.",
                &["approx. five people came."],
            ),
            (
                "no ends a sentence, No. 5 does not",
                "Will it? No. He saw No. 5 win.",
                &["Will it?", "No.", "He saw No. 5 win."],
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(sentences(text), expected, "{name}");
        }
    }

    #[test]
    fn abbreviation_keys_match_the_list_in_any_ascii_case() {
        let words = [
            "mr", "MRS", "Sept", "approx", "aPPrOx", "no", "m", "mrx", "approxx", "sep.", "Mr.",
            "dec", "déc", "", "Capt", "ca", "pt",
        ];
        for word in words {
            let listed = (ABBREVIATIONS.iter()).any(|a| word.eq_ignore_ascii_case(a));
            let keyed = word.len() <= LONGEST_ABBREVIATION
                && ABBREVIATION_KEYS
                    .binary_search(&word_key(word.as_bytes()))
                    .is_ok();
            assert_eq!(keyed, listed, "{word}");
        }
    }

    #[test]
    fn long_words_before_a_stop_are_no_abbreviations() {
        let cases = [
            ("He met the approx. crowd", true),
            ("An unapprox. value", false),
            ("approx. value", true),
            ("Xapprox. value", false),
            ("The (U.S.A. team", true),
            ("The U.S.A.B. team", false),
            ("U.S.A.B. team", false),
        ];
        for (body, expected) in cases {
            let stop = body.rfind('.').unwrap();
            assert_eq!(is_abbreviation(body, stop), expected, "{body}");
        }
    }

    #[test]
    fn drops_page_boilerplate() {
        let text = "Headline\n\nBody text here.\n\n  • Ukraine\n\n  • Mark Rutte\nSource link\n- Advertisement -spot_img\n\"*\" indicates required fields\n© POOL/AFP\n-";
        assert_eq!(sentences(text), ["Headline", "Body text here."]);
    }

    #[test]
    fn boilerplate_labels_match_in_any_case_ascii_or_not() {
        let cases = [
            ("label", "SHARE THIS ARTICLE", true),
            (
                "advertisement prefix",
                "Advertisement (scroll to continue)",
                true,
            ),
            (
                "form notice",
                "Fields marked * INDICATES REQUIRED FIELD",
                true,
            ),
            ("non-ascii label", "— Related —", true),
            (
                "non-ascii form notice",
                "Champs * Indicates required field é",
                true,
            ),
            (
                "article text",
                "Share prices fell as Zelensky spoke.",
                false,
            ),
            ("non-ascii article text", "Orbán spoke to reporters.", false),
            (
                "prose after an ad slot on a page without line breaks",
                "Advertisement Zelensky said on Friday that Ukraine would not give up the Donbas.",
                false,
            ),
            (
                "prose around a form notice on a page without line breaks",
                "\"*\" indicates required fields Rutte said that NATO would stand by Ukraine.",
                false,
            ),
            (
                "non-ascii prose after an ad slot",
                "Advertisement Orbán said on Friday that Hungary would block the sanctions package.",
                false,
            ),
        ];
        for (name, line, expected) in cases {
            assert_eq!(is_boilerplate(line, line.is_ascii()), expected, "{name}");
        }
    }

    #[test]
    fn quote_marks_are_every_mark_in_the_paragraphs() {
        let text = "Tags\n\n“Yes.” He left. \"No!\" said she.\" Then “a “b” c.”\n• Share\n\"end";
        let seg = segment(text);
        let expected: Vec<usize> = (seg.paragraphs.iter())
            .flat_map(|p| (p.start..p.end).filter(|&at| seg.text.as_bytes()[at] == b'"'))
            .collect();
        assert_eq!(seg.quote_marks(), expected);
        assert_eq!(expected.len(), 10);
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let text = "“Don’t  go,” she said – twice.";
        let seg = segment(text);
        assert_eq!(seg.text, "\"Don't go,\" she said - twice.");
        let at = seg.text.find("she").unwrap();
        let span = seg.original_span(Span::new(at, at + 3));
        assert_eq!(&text[span.start..span.end], "she");
        let whole = seg.original_span(Span::new(0, seg.text.len()));
        assert_eq!(&text[whole.start..whole.end], text);
        assert_eq!(seg.folded_offset(span.start), at);
    }
}
