//! The `.snap` file: insta's file format, written byte for byte as insta writes it.
//!
//! A file is a YAML header between two `---` lines, then the snapshot body:
//!
//! ```text
//! ---
//! source: tests/pipeline.rs
//! description: "Rutte said membership was \"not on the table\".\n"
//! expression: snapshot
//! input_file: tests/corpus/seeds/002_3ff1d541352e87d9.txt
//! ---
//! article:
//!   id: 002_3ff1d541352e87d9
//! ...
//! ```
//!
//! Only the body is compared (insta does the same); the header is for the
//! reviewer: the input text sits in `description`, next to the output. The
//! header is written the way insta's own YAML emitter writes it (plain
//! scalars where they are unambiguous, else double-quoted with escapes), so a
//! file accepted with `stancetrack snapshot --accept` and one accepted with
//! `cargo insta review` are the same bytes.

use crate::model::ArticleId;

/// The test that owns the article snapshots, as insta records it.
pub const SOURCE: &str = "tests/pipeline.rs";
/// The expression insta records: the name of the asserted variable in `tests/pipeline.rs`.
pub const EXPRESSION: &str = "snapshot";
/// The start of every article snapshot's file name: `<test module>__<snapshot name>@`.
pub const FILE_PREFIX: &str = "pipeline__article@";
/// The extension of every snapshot file.
pub const FILE_EXTENSION: &str = ".snap";

/// The file name of an article's snapshot: `pipeline__article@<id>.snap`, the
/// name insta gives the snapshot named `article` with the article id as suffix.
pub fn file_name(id: &ArticleId) -> String {
    let id = id.as_str().replace(['/', '\\'], "__");
    format!("{FILE_PREFIX}{id}{FILE_EXTENSION}")
}

/// Whether `name` is the file name of an article snapshot.
pub fn is_article_file_name(name: &str) -> bool {
    name.starts_with(FILE_PREFIX) && name.ends_with(FILE_EXTENSION)
}

/// One `.snap` file: header fields and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapFile {
    /// The test that asserts it (`tests/pipeline.rs`).
    pub source: String,
    /// The article text, so the reviewer sees input and output together.
    pub description: String,
    /// The asserted expression (`snapshot`).
    pub expression: String,
    /// The article file, relative to the repository (or working) folder.
    pub input_file: Option<String>,
    /// The snapshot YAML.
    pub body: String,
}

/// A `.snap` file that cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapFormatError(pub String);

impl std::fmt::Display for SnapFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SnapFormatError {}

/// Construction, writing and reading.
impl SnapFile {
    /// The snapshot file for an article's text and rendered snapshot body.
    pub fn new(text: &str, input_file: Option<String>, body: String) -> SnapFile {
        SnapFile {
            source: SOURCE.to_string(),
            description: text.to_string(),
            expression: EXPRESSION.to_string(),
            input_file,
            body,
        }
    }

    /// The file's bytes, exactly as insta writes them.
    pub fn to_text(&self) -> String {
        let mut out = String::from("---\n");
        let mut field = |key: &str, value: &str| {
            out.push_str(key);
            out.push_str(": ");
            push_yaml_scalar(&mut out, value);
            out.push('\n');
        };
        field("source", &self.source);
        if !self.description.is_empty() {
            field("description", &self.description);
        }
        field("expression", &self.expression);
        if let Some(input_file) = &self.input_file {
            field("input_file", input_file);
        }
        out.push_str("---\n");
        out.push_str(&normalise_body(&self.body));
        out.push('\n');
        out
    }
}

/// The body of a `.snap` file's text: everything after the header.
pub fn body_of(text: &str) -> Result<&str, SnapFormatError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(SnapFormatError(
            "not a snapshot file: it does not start with a `---` header line".to_string(),
        ));
    }
    let mut consumed = first.len();
    for line in lines {
        consumed += line.len();
        if line.trim_end() == "---" {
            return Ok(&text[consumed..]);
        }
    }
    Err(SnapFormatError(
        "not a snapshot file: its header has no closing `---` line".to_string(),
    ))
}

/// A body as insta compares it: line endings made `\n`, trailing white space removed.
pub fn normalise_body(body: &str) -> String {
    body.trim_end().replace("\r\n", "\n")
}

/// Writes `value` as insta's YAML emitter does: plain when that reads back as
/// the same string, otherwise double-quoted with escapes.
fn push_yaml_scalar(out: &mut String, value: &str) {
    if !needs_quotes(value) {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\x00'..='\x1f' | '\x7f' => out.push_str(&format!("\\u{:04x}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// The quoting rule of insta's vendored YAML emitter (`need_quotes`).
fn needs_quotes(value: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    value.is_empty()
        || value.starts_with(' ')
        || value.ends_with(' ')
        || value.starts_with(['&', '*', '?', '|', '-', '<', '>', '=', '!', '%', '@'])
        || value.contains(|c: char| {
            matches!(
                c,
                ':' | '{'
                    | '}'
                    | '['
                    | ']'
                    | ','
                    | '#'
                    | '`'
                    | '"'
                    | '\''
                    | '\\'
                    | '\0'..='\x06'
                    | '\t'
                    | '\n'
                    | '\r'
                    | '\x0e'..='\x1a'
                    | '\x1c'..='\x1f'
            )
        })
        || RESERVED.contains(&value)
        || value.starts_with('.')
        || value.starts_with("0x")
        || value.parse::<i64>().is_ok()
        || value.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_is_the_insta_name_of_the_article_snapshot() {
        assert_eq!(
            file_name(&ArticleId::from("000_f19abf45d141f3f6")),
            "pipeline__article@000_f19abf45d141f3f6.snap"
        );
        assert_eq!(
            file_name(&ArticleId::from("a/b")),
            "pipeline__article@a__b.snap"
        );
        assert!(is_article_file_name("pipeline__article@x.snap"));
        assert!(!is_article_file_name("pipeline__report.snap"));
    }

    #[test]
    fn header_scalars_are_quoted_like_insta_quotes_them() {
        let cases = [
            ("plain path", "tests/corpus/a.txt", "tests/corpus/a.txt"),
            ("colon", "a: b", "\"a: b\""),
            ("newline", "one\ntwo", "\"one\\ntwo\""),
            ("quotes", "say \"no\"", "\"say \\\"no\\\"\""),
            ("curly quotes stay plain", "“no”", "“no”"),
            ("number", "12", "\"12\""),
            ("float word", "nan", "\"nan\""),
            ("boolean word", "yes", "\"yes\""),
            ("leading dash", "- x", "\"- x\""),
            ("control", "a\u{1}b", "\"a\\u0001b\""),
            ("empty", "", "\"\""),
        ];
        for (case, value, expected) in cases {
            let mut out = String::new();
            push_yaml_scalar(&mut out, value);
            assert_eq!(out, expected, "{case}");
        }
    }

    #[test]
    fn written_file_gives_back_its_body() {
        let file = SnapFile::new(
            "Text: \"quoted\"\n",
            Some("tests/corpus/a.txt".to_string()),
            "article:\n  id: a\n".to_string(),
        );
        let text = file.to_text();
        assert_eq!(
            text,
            "---\nsource: tests/pipeline.rs\ndescription: \"Text: \\\"quoted\\\"\\n\"\n\
             expression: snapshot\ninput_file: tests/corpus/a.txt\n---\narticle:\n  id: a\n"
        );
        assert_eq!(body_of(&text).unwrap(), "article:\n  id: a\n");
    }

    #[test]
    fn file_without_header_is_refused() {
        assert!(body_of("article:\n").is_err());
        assert!(body_of("---\nsource: x\n").is_err());
    }
}
