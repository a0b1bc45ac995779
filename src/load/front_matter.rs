//! YAML front matter: the `---` block at the top of a text article.

use super::parse_date;
use crate::bytemask::positions_of;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// Front matter keys we use; anything else in it is ignored.
#[derive(Debug, Default, Deserialize)]
pub(super) struct FrontMatter {
    pub title: Option<String>,
    date: Option<serde_yaml::Value>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

impl FrontMatter {
    /// The `date`, if given; one that is not a date is an error naming it.
    pub fn date(&self) -> Result<Option<NaiveDate>, String> {
        match self.date.as_ref() {
            Some(value) => match value.as_str().and_then(parse_date) {
                Some(date) => Ok(Some(date)),
                None => Err(format!(
                    "front matter date {} is not a date like 2024-12-03",
                    yaml_scalar(value)
                )),
            },
            None => Ok(None),
        }
    }
}

/// Splits a text article into its front matter (empty when there is none)
/// and body, which is `raw` with the front matter cut off.
pub(super) fn split(mut raw: String, path: &Path) -> Result<(FrontMatter, String), String> {
    let Some(rest) = raw
        .strip_prefix("---\n")
        .or_else(|| raw.strip_prefix("---\r\n"))
    else {
        return Ok((FrontMatter::default(), raw));
    };
    // The first `---` line, ended by a newline, CRLF or the end of the file.
    // Found from line feed to line feed: a substring searcher costs more to
    // set up than these few lines take to walk.
    let close = positions_of(rest.as_bytes(), b'\n').find_map(|at| {
        match rest.as_bytes()[at + 1..].strip_prefix(b"---")? {
            [] => Some((at, 4)),
            [b'\n', ..] => Some((at, 5)),
            [b'\r', b'\n', ..] => Some((at, 6)),
            _ => None,
        }
    });
    let Some((at, marker_len)) = close else {
        return Err("front matter starts with --- but never closes".to_string());
    };
    let front: FrontMatter = if rest[..at].trim().is_empty() {
        FrontMatter::default()
    } else if let Some(front) = plain_front_matter(&rest[..at]) {
        front
    } else {
        crate::yaml::from_str(&rest[..at], path).map_err(|err| front_matter_message(&err))?
    };
    let body_start = raw.len() - rest.len() + (at + marker_len).min(rest.len());
    raw.drain(..body_start);
    Ok((front, raw))
}

/// Front matter of nothing but `key: value` lines whose values YAML reads
/// as plain strings, as nearly every article's is, read without the YAML
/// parser (which cost a tenth of reading an article); `None` for anything
/// else, which the parser then reads, errors and all.
fn plain_front_matter(text: &str) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    // Room for the usual handful of keys, so the list is allocated once.
    let mut keys: Vec<&str> = Vec::with_capacity(8);
    for line in text.split('\n') {
        let colon = find_pair(line, b": ")?;
        let (key, value) = (&line[..colon], &line[colon + 2..]);
        let plain_key = key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !plain_key || keys.contains(&key) {
            return None;
        }
        let value = match quoted_string(value) {
            Some(unquoted) => unquoted,
            None if plain_string(value, key == "date") => value.to_string(),
            None => return None,
        };
        keys.push(key);
        match key {
            "title" => front.title = Some(value),
            "date" => front.date = Some(serde_yaml::Value::String(value)),
            "url" => front.url = Some(value),
            "outlet" => front.outlet = Some(value),
            _ => {}
        }
    }
    Some(front)
}

/// The string a single-quoted (`'It''s'`) or a double-quoted scalar
/// without escapes stands for; quoted scalars are always strings.
fn quoted_string(value: &str) -> Option<String> {
    if !value.starts_with(['\'', '"'])
        || value.len() < 2
        || value.bytes().any(|b| b.is_ascii_control())
    {
        return None;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        let unquoted = inner.replace("''", "'");
        // A lone quote inside would have ended the scalar early.
        return (unquoted.matches('\'').count() * 2 == inner.matches('\'').count())
            .then_some(unquoted);
    }
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['"', '\\'])).then(|| inner.to_string())
}

/// Whether YAML reads `value` as this very string: no indicator, quote or
/// comment, no `: ` (a nested mapping), nothing a number, boolean or null
/// could be; a date (`2024-12-03`, a string to this YAML) only when `date`.
fn plain_string(value: &str, date: bool) -> bool {
    let bytes = value.as_bytes();
    let is_date = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if date && is_date {
        return true;
    }
    let Some(&first) = bytes.first() else {
        return false;
    };
    let last = bytes[bytes.len() - 1];
    let special_word = ["true", "false", "null", "yes", "no", "on", "off"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(value));
    first.is_ascii_alphabetic()
        && !matches!(last, b' ' | b':')
        && plain_bytes(bytes)
        && !special_word
}

/// Whether `bytes` hold no control character, no `: ` and no ` #`, in one pass.
fn plain_bytes(bytes: &[u8]) -> bool {
    let mut previous = 0;
    bytes.iter().all(|&b| {
        let stop = b.is_ascii_control() || matches!((previous, b), (b':', b' ') | (b' ', b'#'));
        previous = b;
        !stop
    })
}

/// The offset of the first `pair` of bytes in `text`: a two-byte `str::find`
/// without the cost of setting up a substring searcher on every line.
fn find_pair(text: &str, pair: &[u8; 2]) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == pair)
}

/// Positions in front matter count from the file's first line (the opening `---`).
fn front_matter_message(err: &crate::yaml::YamlError) -> String {
    let message = shift_lines(&err.message);
    match (err.line, err.column) {
        (Some(line), Some(column)) => {
            format!("front matter line {}, column {column}: {message}", line + 1)
        }
        _ => format!("front matter: {message}"),
    }
}

/// Adds one to every `at line N` in a parser message (`while scanning a
/// quoted scalar at line 1 column 8`), so it counts from the file's first line.
fn shift_lines(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("at line ") {
        let (before, after) = rest.split_at(at + "at line ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>() {
            Ok(line) => out.push_str(&(line + 1).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => format!("`{s}`"),
        other => format!("`{}`", crate::yaml::to_string(other).trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the shortcut reads, the YAML parser reads the same; what it
    /// declines is left to the parser.
    #[test]
    fn plain_front_matter_reads_what_yaml_reads() {
        let cases = [
            (
                "title: Trump's plan, in full\ndate: 2024-12-03\nurl: https://x.org/a#b",
                true,
            ),
            (
                "title: C# and [brackets], {braces}\noutlet: Kyiv Independent",
                true,
            ),
            ("date: March 6, 2026\ntags: ukraine", true),
            ("title: Null and void\nauthor_2: No one", true),
            ("title: null", false),
            ("title: No", false),
            ("title: 2024", false),
            ("date: 2024-12-3", false),
            ("title: Trump: a profile", false),
            ("title: Peace # comment", false),
            (
                "title: 'War in Ukraine: it''s on'\nurl: \"https://x.org\"",
                true,
            ),
            ("title: ''''", true),
            ("title: '#1: ''top'' story'", true),
            ("title: 'a' b'", false),
            ("title: 'unclosed", false),
            ("title: \"with \\\" escape\"", false),
            ("title: 'two' 'parts'", false),
            ("title: Ending:", false),
            ("title: Two\ntitle: Three", false),
            ("title: Line\n  continued", false),
            ("title: Tab\there", false),
            ("title: Windows\r", false),
            ("published-at: 2024-12-03", false),
            ("title: A\n\noutlet: B", false),
            ("tags: [a, b]", false),
            ("title: a:b c#d", true),
            ("title: a:b c #d", false),
            ("title: a\u{7f}b", false),
            ("title:no space", false),
            ("title: x: y", false),
            ("title: 'quoted: ok'", true),
            ("title: '\u{1}'", false),
        ];
        for (text, plain) in cases {
            let fast = plain_front_matter(text);
            assert_eq!(fast.is_some(), plain, "{text:?}");
            if let Some(fast) = fast {
                let parsed: FrontMatter = serde_yaml::from_str(text).expect(text);
                assert_eq!(format!("{fast:?}"), format!("{parsed:?}"), "{text:?}");
            }
        }
    }
}
