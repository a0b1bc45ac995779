//! Bytes -> text: refuse what is not text, decode UTF-8 lossily and say so.

use crate::bytemask::wide::Bytes16;

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
pub(super) fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err("UTF-16 text (byte order mark); save the file as UTF-8".to_string());
    }
    let head_len = bytes.len().min(SNIFF_BYTES);
    // Nearly every article is valid UTF-8: std's validator says so fastest
    // (and the bytes become the text as they are), and then only control
    // characters (and a character cut off at the end of the head) are not text.
    let decoded = String::from_utf8(bytes);
    let (bytes, junk) = match &decoded {
        Ok(text) => (text.as_bytes(), valid_head_junk(text.as_bytes(), head_len)),
        Err(err) => (err.as_bytes(), not_text_bytes(&err.as_bytes()[..head_len])),
    };
    let head = &bytes[..head_len];
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
    let (warning, mut text) = match decoded {
        Ok(text) => (None, text),
        Err(err) => {
            let bytes = err.as_bytes();
            (
                utf8_warning(bytes),
                String::from_utf8_lossy(bytes).into_owned(),
            )
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(Decoded { text, warning })
}

/// [`not_text_bytes`] of the first `head` bytes of valid UTF-8 `text`: its
/// control characters, and the bytes of a character the head cuts off.
fn valid_head_junk(text: &[u8], head: usize) -> usize {
    // Continuation bytes (0b10xx_xxxx) are the ones that start no character.
    let whole = (0..=head)
        .rev()
        .find(|&end| text.get(end).is_none_or(|&b| b & 0xC0 != 0x80))
        .expect("0 is a character boundary");
    stray_controls(&text[..whole]) + (head - whole)
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
    let (blocks, rest) = bytes.as_chunks::<16>();
    let mut count = 0;
    for block in blocks {
        let block = Bytes16::load(block);
        // Most blocks hold no control character at all: one test clears them.
        let controls = block.below(b' ') | block.equal(0x7f);
        if controls != 0 {
            let text =
                block.equal(b'\t') | block.equal(b'\n') | block.equal(0x0C) | block.equal(b'\r');
            count += (controls & !text).count_ones() as usize;
        }
    }
    count + rest.iter().filter(|&&b| is_stray_control(b)).count()
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
            match (decode(input.to_vec()), expected) {
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
    fn stray_controls_counts_every_byte_alike() {
        let every_byte: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for end in [0, 15, 16, 17, 100, every_byte.len()] {
            let bytes = &every_byte[..end];
            let expected = bytes.iter().filter(|&&b| is_stray_control(b)).count();
            assert_eq!(stray_controls(bytes), expected, "{end}");
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
                let junk = valid_head_junk(text.as_bytes(), head);
                assert_eq!(junk, expected, "{text:?} {head}");
            }
        }
    }
}
