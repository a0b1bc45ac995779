//! `corpus.yaml`: metadata for article files that carry none themselves.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name inside a corpus folder.
pub const MANIFEST_FILE: &str = "corpus.yaml";

/// What the manifest says about one file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// The article's file name, relative to the manifest's folder.
    pub file: String,
    /// Publication date.
    #[serde(default, deserialize_with = "crate::yaml::optional_date")]
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// Publisher.
    pub outlet: Option<String>,
    /// Language code (informative).
    pub language: Option<String>,
    /// Free-text note (informative).
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    articles: Vec<ManifestEntry>,
}

/// Reads a manifest into a map from file name to entry.
pub fn read(path: &Path) -> Result<BTreeMap<String, ManifestEntry>, String> {
    let manifest: Manifest = crate::yaml::read_file(path)
        .and_then(|text| crate::yaml::from_str(&text, path))
        .map_err(|err| {
            let mut shown = err.to_string();
            // The origin already names the file; keep only the position and message.
            if let Some(rest) = shown.strip_prefix(&format!("{}:", path.display())) {
                shown = rest.trim_start().to_string();
            }
            shown
        })?;
    Ok(manifest
        .articles
        .into_iter()
        .map(|entry| (entry.file.clone(), entry))
        .collect())
}
