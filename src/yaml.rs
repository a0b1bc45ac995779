//! The one place that parses YAML. serde_yaml is stable but unmaintained
//! upstream; swapping it for another parser touches only this file.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Input larger than this is refused before parsing (a guard against huge or hostile files).
pub const MAX_YAML_BYTES: usize = 16 * 1024 * 1024;

/// How deep serde_yaml lets mappings and sequences nest before it refuses the document.
pub const MAX_YAML_DEPTH: usize = 128;

/// A YAML error with the file and, where the parser knows it, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The file that failed to parse.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What went wrong, including the key path where serde knows it.
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for YamlError {}

/// Reads a YAML file, refusing one over [`MAX_YAML_BYTES`] before reading it
/// and pointing at the first byte that is not UTF-8.
pub fn read_file(file: &Path) -> Result<String, YamlError> {
    let error = |message: String| YamlError {
        file: file.to_path_buf(),
        line: None,
        column: None,
        message,
    };
    let reason =
        |err: std::io::Error| error(format!("cannot read: {}", err.to_string().to_lowercase()));
    let meta = std::fs::metadata(file).map_err(reason)?;
    if !meta.is_file() {
        return Err(error("not a regular file".to_string()));
    }
    if meta.len() > MAX_YAML_BYTES as u64 {
        return Err(error(too_big(meta.len())));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_YAML_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(reason)?;
    if bytes.len() > MAX_YAML_BYTES {
        return Err(error(too_big(bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let at = err.utf8_error().valid_up_to();
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1;
        YamlError {
            file: file.to_path_buf(),
            line: Some(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()),
            column: Some(column),
            message: format!(
                "not UTF-8: byte 0x{:02x} cannot start a character; save the file as UTF-8",
                bytes[at]
            ),
        }
    })
}

fn too_big(size: u64) -> String {
    format!("file is {size} bytes, more than the limit of {MAX_YAML_BYTES}")
}

/// Parses `text` (read from `file`) into `T`, keeping the position of any error.
pub fn from_str<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: too_big(text.len() as u64),
        });
    }
    serde_yaml::from_str(text).map_err(|err| {
        let position = err.location().map(|l| (l.line(), l.column()));
        let mut message = explain_limit(strip_position(&err.to_string(), position));
        if let Some((line, column)) = position {
            let found = text.lines().nth(line.saturating_sub(1));
            if found.and_then(|l| l.chars().nth(column.saturating_sub(1))) == Some('\t') {
                message.push_str("; indent YAML with spaces, not tabs");
            }
        }
        YamlError {
            file: file.to_path_buf(),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            message,
        }
    })
}

/// What a document holds at its top level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopLevel {
    /// A mapping, with its string keys in order.
    Keys(Vec<String>),
    /// Anything else, described (`an empty document`, `a sequence`).
    Not(&'static str),
}

/// The keys of a document's top-level mapping, in order, or what it is instead.
pub fn top_level(text: &str, file: &Path) -> Result<TopLevel, YamlError> {
    let value: serde_yaml::Value = from_str(text, file)?;
    Ok(match value {
        serde_yaml::Value::Mapping(map) => TopLevel::Keys(
            map.keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
        ),
        serde_yaml::Value::Null => TopLevel::Not("an empty document"),
        serde_yaml::Value::Sequence(_) => TopLevel::Not("a sequence"),
        serde_yaml::Value::Tagged(_) => TopLevel::Not("a tagged value"),
        _ => TopLevel::Not("a single value"),
    })
}

/// Deserialises an optional date written `2025-01-20`, naming the bad value
/// (chrono's own message is only "input is out of range"). For
/// `#[serde(default, deserialize_with = "crate::yaml::optional_date")]`.
pub fn optional_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<chrono::NaiveDate>, D::Error> {
    deserializer.deserialize_option(OptionalDate)
}

/// Fails inside the scalar, so serde_yaml reports the value's own line,
/// column and key path.
struct OptionalDate;

impl<'de> serde::de::Visitor<'de> for OptionalDate {
    type Value = Option<chrono::NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date like 2025-01-20")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| E::custom(format!("`{text}` is not a date like 2025-01-20")))
    }
}

/// Serialises `value` as YAML.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("plain data always serialises to YAML")
}

/// serde_yaml's guards against hostile input (aliases that expand a few
/// lines into millions of nodes, nesting deep enough to exhaust the stack)
/// name themselves only tersely; say what was found and what is allowed.
fn explain_limit(message: String) -> String {
    match message.as_str() {
        "repetition limit exceeded" => "aliases expand to too many nodes (repetition limit \
             exceeded): is this an alias bomb? rule files need no anchors or aliases"
            .to_string(),
        "recursion limit exceeded" => format!(
            "nested more than {MAX_YAML_DEPTH} levels deep (recursion limit exceeded); rule \
             files need only a few"
        ),
        _ => message,
    }
}

/// serde_yaml puts " at line L column C" in messages; we print the error's
/// own position first instead, and keep any other (`while scanning a quoted
/// scalar at line 2 column 8` says where the unclosed quote began).
fn strip_position(message: &str, position: Option<(usize, usize)>) -> String {
    match position {
        Some((line, column)) => {
            message.replacen(&format!(" at line {line} column {column}"), "", 1)
        }
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        name: String,
    }

    #[test]
    fn error_names_file_line_and_column() {
        let err = from_str::<Doc>("name: x\nnmae: y\n", Path::new("r.yaml")).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("r.yaml:2:1: "), "{shown}");
        assert!(shown.contains("unknown field `nmae`"), "{shown}");
    }

    #[test]
    fn hostile_documents_are_refused_with_a_reason() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip("abcdefg".chars())
        {
            let items = vec![format!("*{prev}"); 10].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let deep = format!("x: {}{}", "[".repeat(500), "]".repeat(500));
        let cases = [
            (bomb.as_str(), "alias bomb"),
            (deep.as_str(), "nested more than 128 levels deep"),
        ];
        for (text, expected) in cases {
            let err = from_str::<serde_yaml::Value>(text, Path::new("r.yaml")).unwrap_err();
            assert!(err.message.contains(expected), "{err}");
        }
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.yaml");
        std::fs::write(&file, b"topic: x\nlabel: caf\xe9\n").unwrap();
        let err = read_file(&file).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(11)), "{err}");
        assert!(err.message.contains("byte 0xe9"), "{err}");
    }
}
