//! YAML front matter: the `---` block at the top of a text article.

use super::parse_date;
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

/// Splits a text article into its front matter (empty when there is none) and body.
pub(super) fn split(raw: &str, path: &Path) -> Result<(FrontMatter, String), String> {
    let Some(rest) = raw
        .strip_prefix("---\n")
        .or_else(|| raw.strip_prefix("---\r\n"))
    else {
        return Ok((FrontMatter::default(), raw.to_string()));
    };
    let close = ["\n---\n", "\n---\r\n"]
        .iter()
        .filter_map(|marker| rest.find(marker).map(|at| (at, marker.len())))
        .min()
        .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), 4)));
    let Some((at, marker_len)) = close else {
        return Err("front matter starts with --- but never closes".to_string());
    };
    let front: FrontMatter = if rest[..at].trim().is_empty() {
        FrontMatter::default()
    } else {
        crate::yaml::from_str(&rest[..at], path).map_err(|err| front_matter_message(&err))?
    };
    let body_start = (at + marker_len).min(rest.len());
    Ok((front, rest[body_start..].to_string()))
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
