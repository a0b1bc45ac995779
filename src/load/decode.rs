//! Bytes -> text: refuse what is not text, decode UTF-8 lossily and say so.

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
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    let junk = not_text_bytes(head);
    // Latin-1 news text has a few percent of invalid bytes; binary has far more.
    if junk * 4 > head.len() {
        return Err(format!(
            "binary file ({junk} of the first {} bytes are not text)",
            head.len()
        ));
    }
    // Nearly every article is valid UTF-8: std's validator says so fastest.
    let (warning, text) = match std::str::from_utf8(bytes) {
        Ok(text) => (None, std::borrow::Cow::Borrowed(text)),
        Err(_) => (utf8_warning(bytes), String::from_utf8_lossy(bytes)),
    };
    Ok(Decoded {
        text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
        warning,
    })
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
    // Tab, newline, form feed and carriage return as bits of a mask. Written
    // without branches so the compiler counts many bytes per instruction.
    const ALLOWED: u32 = 1 << 9 | 1 << 10 | 1 << 12 | 1 << 13;
    let stray = |b: u8| (b < 0x20) & (ALLOWED >> (b & 31) & 1 == 0) | (b == 0x7f);
    // Byte-sized counters in chunks that cannot overflow them vectorise best.
    bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(stray(b)))))
        .sum()
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
}
