//! Bytes -> text: refuse what is not text, decode UTF-8 lossily and say so.

use crate::bytemask::{maybe_equal, splat, HIGH};

/// How many bytes at the start of a file decide whether it is text.
const SNIFF_BYTES: usize = 8192;

/// Text with a leading BOM removed, and a warning when bytes had to be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes an article file, refusing empty and binary files; invalid UTF-8
/// is replaced with U+FFFD (the article is still worth reading) and a
/// warning says where.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err("UTF-16 text (byte order mark); save the file as UTF-8".to_string());
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // Nearly every article is valid UTF-8: std's validator says so fastest,
    // and then only control characters (and a character cut off at the end
    // of the head) are not text.
    let valid = std::str::from_utf8(bytes).ok();
    let junk = match valid {
        Some(text) => valid_head_junk(text, head.len()),
        None => not_text_bytes(head),
    };
    // A NUL byte is a stray control: without junk there is none to look for.
    if junk > 0 && head.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    // Latin-1 news text has a few percent of invalid bytes; binary has far more.
    if junk * 4 > head.len() {
        return Err(format!(
            "binary file ({junk} of the first {} bytes are not text)",
            head.len()
        ));
    }
    let (warning, text) = match valid {
        Some(text) => (None, std::borrow::Cow::Borrowed(text)),
        None => (utf8_warning(bytes), String::from_utf8_lossy(bytes)),
    };
    Ok(Decoded {
        text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
        warning,
    })
}

/// [`not_text_bytes`] of the first `head` bytes of valid text: its control
/// characters, and the bytes of a character the head cuts off.
fn valid_head_junk(text: &str, head: usize) -> usize {
    let whole = (0..=head)
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .expect("0 is a character boundary");
    stray_controls(&text.as_bytes()[..whole]) + (head - whole)
}

/// Bytes that are neither valid UTF-8 nor printable: invalid sequences and
/// control characters other than tab, newline, form feed and carriage return.
fn not_text_bytes(head: &[u8]) -> usize {
    if std::str::from_utf8(head).is_ok() {
        // One valid chunk: only control characters can count.
        return stray_controls(head);
    }
    head.utf8_chunks()
        .map(|chunk| stray_controls(chunk.valid().as_bytes()) + chunk.invalid().len())
        .sum()
}

/// Control characters other than tab, newline, form feed and carriage return.
fn stray_controls(bytes: &[u8]) -> usize {
    let (words, rest) = bytes.as_chunks::<8>();
    // Most words hold no control character at all: one test clears them.
    let in_words: usize = (words.iter())
        .filter(|word| has_control(u64::from_le_bytes(**word)))
        .map(|word| word.iter().filter(|&&b| is_stray_control(b)).count())
        .sum();
    in_words + rest.iter().filter(|&&b| is_stray_control(b)).count()
}

/// Whether some byte of `word` is below a space or is DEL.
fn has_control(word: u64) -> bool {
    // Subtracting 0x20 borrows into a byte's top bit only below 0x20, and a
    // byte with its top bit already set is masked out.
    let below_space = word.wrapping_sub(splat(0x20)) & !word & HIGH;
    below_space | maybe_equal(word, 0x7f) != 0
}

/// Control characters other than tab, newline, form feed and carriage return.
fn is_stray_control(b: u8) -> bool {
    b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | 0x0C | b'\r')
}

/// Says how many invalid UTF-8 sequences `bytes` holds and where the first is.
pub(super) fn utf8_warning(bytes: &[u8]) -> Option<String> {
    let mut at = 0;
    let mut first = None;
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(at);
            count += 1;
        }
        at += chunk.invalid().len();
    }
    let first = first?;
    let line = 1 + bytes[..first].iter().filter(|&&b| b == b'\n').count();
    Some(format!(
        "not valid UTF-8: replaced {count} invalid byte sequence(s) with U+FFFD, the first \
         on line {line} (byte {first}); is the file Latin-1 or Windows-1252?"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, input, text or error, warning)
    type Case<'a> = (&'a str, &'a [u8], Result<&'a str, &'a str>, Option<&'a str>);

    #[test]
    fn decoding_table() {
        let cases: [Case; 7] = [
            ("utf-8", "Café.".as_bytes(), Ok("Café."), None),
            ("bom removed", b"\xef\xbb\xbfHi.", Ok("Hi."), None),
            (
                "latin-1 kept with a warning",
                b"Line one.\nCaf\xe9 \xe9t\xe9.",
                Ok("Line one.\nCaf\u{fffd} \u{fffd}t\u{fffd}."),
                Some("replaced 3 invalid byte sequence(s) with U+FFFD, the first on line 2 (byte 13)"),
            ),
            ("empty", b" \n\t", Err("empty file"), None),
            ("nul", b"PK\x03\x04\x00\x00", Err("contains NUL bytes"), None),
            ("utf-16", b"\xff\xfeH\x00i\x00", Err("UTF-16"), None),
            (
                "control junk",
                b"\x01\x02\x03\x04\xff\xfe\x05abc",
                Err("7 of the first 10 bytes are not text"),
                None,
            ),
        ];
        for (name, input, expected, warning) in cases {
            match (decode(input), expected) {
                (Ok(got), Ok(text)) => {
                    assert_eq!(got.text, text, "{name}");
                    match (got.warning, warning) {
                        (None, None) => {}
                        (Some(got), Some(want)) => assert!(got.contains(want), "{name}: {got}"),
                        (got, want) => panic!("{name}: warning {got:?}, expected {want:?}"),
                    }
                }
                (Err(got), Err(want)) => assert!(got.contains(want), "{name}: {got}"),
                (got, want) => panic!("{name}: got {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn junk_of_valid_text_counts_as_the_chunked_count() {
        let texts = [
            "plain text\nwith lines\r\n\tand tabs\x0c",
            "bell\x07 escape\x1b del\x7f nul\x00 and more words here",
            "“Curly” Orbán – dash… and a \x01 control",
            "ééééééééé",
            "",
        ];
        for text in texts {
            for head in 0..=text.len() {
                let expected = not_text_bytes(&text.as_bytes()[..head]);
                assert_eq!(valid_head_junk(text, head), expected, "{text:?} {head}");
            }
        }
    }
}
