//! The context of each mention: inside a quotation, after a preposition,
//! a possessive.

use super::bytemask::ByteClasses;
use super::words::WordSet;
use super::Mention;
use crate::model::Span;
use crate::quotes::Quote;

/// Prepositions, in lower case.
static PREPOSITIONS: WordSet<42> = WordSet::new([
    "during",
    "amid",
    "since",
    "until",
    "throughout",
    "across",
    "beyond",
    "within",
    "near",
    "around",
    "following",
    "of",
    "to",
    "in",
    "with",
    "for",
    "from",
    "against",
    "on",
    "at",
    "by",
    "into",
    "about",
    "like",
    "than",
    "between",
    "toward",
    "towards",
    "over",
    "under",
    "after",
    "before",
    "without",
    "regarding",
    "among",
    "despite",
    "behind",
    "via",
    "per",
    "alongside",
    "onto",
    "upon",
]);

/// Sets whether each mention stands in a quotation, after a preposition and
/// as a possessive; `mentions` is sorted by span.
pub(super) fn mark_context(
    text: &str,
    classes: &ByteClasses,
    quotes: &[Quote],
    mentions: &mut [Mention],
) {
    let mut outers: Vec<Span> = quotes.iter().map(|q| q.outer).collect();
    outers.sort_unstable();
    // Mentions come in order of start, so the quotations that start at or
    // before one only grow; it is in one of them when the furthest end reaches it.
    let mut opened = 0;
    let mut furthest_end = 0;
    for mention in mentions {
        while opened < outers.len() && outers[opened].start <= mention.span.start {
            furthest_end = furthest_end.max(outers[opened].end);
            opened += 1;
        }
        mention.in_quote = opened > 0 && mention.span.end <= furthest_end;
        mention.after_preposition = after_preposition(text, classes, mention.span.start);
        let bytes = text.as_bytes();
        let after = &bytes[mention.span.end..];
        let word = &bytes[mention.span.start..mention.span.end];
        mention.possessive = after.starts_with(b"'s ")
            || after.starts_with(b"' ")
            || (matches!(word.len(), 3 | 5)
                && [&b"his"[..], b"its", b"their"]
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(word)));
    }
}

/// Whether a preposition stands right before `at` (`about Ukraine`), one
/// that does not make the mention a leader ([`led_by`]).
fn after_preposition(text: &str, classes: &ByteClasses, at: usize) -> bool {
    word_before(text, classes, at).is_some_and(|word| {
        // `led by` is the only preposition `led_by` looks for.
        PREPOSITIONS.contains_folded(word) && !(word.eq_ignore_ascii_case("by") && led_by(text, at))
    })
}

/// `countries, led by the United States, are reluctant`: the leader is a subject.
fn led_by(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    before.ends_with("led by") || before.ends_with("headed by")
}

/// The word right before `at`, skipping one article (`about the US` -> `about`).
fn word_before<'t>(text: &'t str, classes: &ByteClasses, at: usize) -> Option<&'t str> {
    let is_clause_mark = |b: u8| matches!(b, b',' | b'.' | b';' | b':' | b'"' | b'(' | b')');
    // Most often a clause mark ends the word before (`said, Trump`): no
    // need to find where that word starts.
    let bytes = text.as_bytes();
    let end = at - usize::from(at > 0 && bytes[at - 1] == b' ');
    if end > 0 && is_clause_mark(bytes[end - 1]) {
        return None;
    }
    let first = last_word_before(text, classes, at)?;
    if !first.letters_only && first.word.bytes().any(is_clause_mark) {
        return None;
    }
    if first.word.len() <= 3
        && ["the", "a", "an"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(first.word))
    {
        let second = last_word_before(text, classes, first.start)?;
        let plain = second.letters_only
            || !second
                .word
                .bytes()
                .any(|b| matches!(b, b',' | b'.' | b';' | b':' | b'"'));
        return plain.then_some(second.word);
    }
    Some(first.word)
}

/// A word found right before a position by [`last_word_before`].
struct WordBefore<'t> {
    start: usize,
    word: &'t str,
    /// Whether it is ASCII letters only, so holds no punctuation.
    letters_only: bool,
}

/// [`last_word`] of `text[..at]`, `classes` being those of `text`.
fn last_word_before<'t>(text: &'t str, classes: &ByteClasses, at: usize) -> Option<WordBefore<'t>> {
    let bytes = text.as_bytes();
    // Most often a word of ASCII letters and one space stand right before.
    if at >= 2 && bytes[at - 1] == b' ' {
        let end = at - 1;
        let start = classes.letters_before(end);
        if start < end && (start == 0 || is_space(bytes[start - 1])) {
            return Some(WordBefore {
                start,
                word: &text[start..end],
                letters_only: true,
            });
        }
    }
    last_word(&text[..at]).map(|(start, word)| WordBefore {
        start,
        word,
        letters_only: false,
    })
}

/// White space for [`last_word`]: ASCII only.
fn is_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// The last white-space-separated word of `text`, and where it starts.
fn last_word(text: &str) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end > 0 && is_space(bytes[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !is_space(bytes[start - 1]) && bytes[start - 1].is_ascii() {
        start -= 1;
    }
    let beyond_ascii = |at: usize| at > 0 && !bytes[at - 1].is_ascii();
    if beyond_ascii(end) || beyond_ascii(start) {
        // Beyond ASCII a character may still be white space (a no-break space).
        let text = text.trim_end();
        let start = text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        return (start < text.len()).then(|| (start, &text[start..]));
    }
    (start < end).then(|| (start, &text[start..end]))
}
