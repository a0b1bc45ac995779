//! The one place that parses YAML. serde_yaml is stable but unmaintained
//! upstream; swapping it for another parser touches only this file.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Input larger than this is refused before parsing (a guard against huge or hostile files).
pub const MAX_YAML_BYTES: usize = 16 * 1024 * 1024;

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

/// Parses `text` (read from `file`) into `T`, keeping the position of any error.
pub fn from_str<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: format!(
                "file is {} bytes, more than the limit of {MAX_YAML_BYTES}",
                text.len()
            ),
        });
    }
    serde_yaml::from_str(text).map_err(|err| {
        let location = err.location();
        YamlError {
            file: file.to_path_buf(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: strip_position_suffix(&err.to_string()),
        }
    })
}

/// The keys of a document's top-level mapping, in order (empty for a non-mapping).
pub fn top_level_keys(text: &str, file: &Path) -> Result<Vec<String>, YamlError> {
    let value: serde_yaml::Value = from_str(text, file)?;
    Ok(match value {
        serde_yaml::Value::Mapping(map) => map
            .keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    })
}

/// Serialises `value` as YAML.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("plain data always serialises to YAML")
}

/// serde_yaml appends " at line L column C" to messages; we print the position first instead.
fn strip_position_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
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
}
