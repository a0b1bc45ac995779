//! Corpus in: folders, single files and JSON Lines -> `Article`s, read lazily.
//!
//! Metadata comes from (in order of preference) YAML front matter or the JSON
//! record itself, the folder's `corpus.yaml` manifest, and a dateline in the
//! first lines of the text. An article with no date stays undated.

mod dateline;
mod manifest;

use crate::extraction::DateSource;
use crate::model::ArticleId;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use manifest::ManifestEntry;

/// One news article as read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// File name without extension, or the `id` of a JSON Lines record.
    pub id: ArticleId,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date, when known.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: DateSource,
    /// Web address, when known.
    pub url: Option<String>,
    /// Publisher, when known.
    pub outlet: Option<String>,
    /// Where it was read from (`dir/a.txt`, or `dump.jsonl:17`).
    pub origin: String,
    /// The article body (front matter removed); all offsets point into it.
    pub text: String,
}

/// Settings for reading a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files (and JSON Lines records) larger than this are skipped with a message.
    pub max_article_bytes: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_article_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Why one article could not be read, or was read with a caveat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProblem {
    /// The file (and line, for JSON Lines) it concerns.
    pub origin: String,
    /// What happened, lower-case, no final full stop.
    pub message: String,
    /// True when the article was skipped; false for a warning on an article that was kept.
    pub skipped: bool,
}

impl fmt::Display for ArticleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// A corpus argument that cannot be used at all (missing path, unreadable folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The path given.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for CorpusError {}

/// One input file with the manifest metadata that applies to it.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Text {
        path: PathBuf,
        manifest: Option<ManifestEntry>,
    },
    JsonLines {
        path: PathBuf,
    },
}

/// The files of a corpus, listed but not yet read.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    sources: Vec<Source>,
    options: LoadOptions,
    /// Manifest problems found while listing (bad `corpus.yaml`).
    listing_problems: Vec<ArticleProblem>,
}

/// What reading one source yields: articles, and problems with the ones that failed.
pub type Loaded = Result<Article, ArticleProblem>;

/// One article of a corpus before it is read or parsed; see [`Corpus::pending`].
#[derive(Debug)]
pub struct Pending<'a> {
    options: &'a LoadOptions,
    kind: PendingKind<'a>,
}

#[derive(Debug)]
enum PendingKind<'a> {
    TextFile {
        path: &'a Path,
        manifest: Option<&'a ManifestEntry>,
    },
    /// The raw bytes of line `line` (from 1) of a JSON Lines file, or why it could not be read.
    JsonLine {
        path: &'a Path,
        stem: std::borrow::Cow<'a, str>,
        line: usize,
        bytes: std::io::Result<Vec<u8>>,
    },
    /// A JSON Lines file that cannot be opened.
    Unreadable { path: &'a Path, message: String },
}

impl Pending<'_> {
    /// Reads and parses the article.
    pub fn load(self) -> Loaded {
        match self.kind {
            PendingKind::TextFile { path, manifest } => {
                read_text_file(path, manifest, self.options)
            }
            PendingKind::JsonLine {
                path,
                stem,
                line,
                bytes,
            } => parse_json_line(path, &stem, line, bytes, self.options),
            PendingKind::Unreadable { path, message } => Err(ArticleProblem {
                origin: path.display().to_string(),
                message,
                skipped: true,
            }),
        }
    }
}

impl Corpus {
    /// Lists the articles under `paths`: folders are walked recursively in sorted
    /// order, files are taken as given.
    pub fn open(paths: &[PathBuf], options: LoadOptions) -> Result<Corpus, CorpusError> {
        let mut corpus = Corpus {
            sources: Vec::new(),
            options,
            listing_problems: Vec::new(),
        };
        for path in paths {
            corpus.add_path(path)?;
        }
        Ok(corpus)
    }

    /// Problems found while listing, such as a malformed manifest.
    pub fn listing_problems(&self) -> &[ArticleProblem] {
        &self.listing_problems
    }

    /// The total size in bytes of the listed files.
    pub fn total_bytes(&self) -> u64 {
        self.sources
            .iter()
            .map(|source| match source {
                Source::Text { path, .. } | Source::JsonLines { path } => {
                    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
                }
            })
            .sum()
    }

    /// Reads the articles one at a time, in corpus order.
    pub fn articles(&self) -> impl Iterator<Item = Loaded> + '_ {
        self.pending().map(Pending::load)
    }

    /// The articles in corpus order, not yet read (text files) or not yet
    /// parsed (JSON Lines records): [`Pending::load`] finishes each one, so a
    /// caller can do that part in parallel while keeping the order.
    pub fn pending(&self) -> impl Iterator<Item = Pending<'_>> + '_ {
        self.sources.iter().flat_map(
            move |source| -> Box<dyn Iterator<Item = Pending<'_>> + '_> {
                match source {
                    Source::Text { path, manifest } => Box::new(std::iter::once(Pending {
                        options: &self.options,
                        kind: PendingKind::TextFile {
                            path,
                            manifest: manifest.as_ref(),
                        },
                    })),
                    Source::JsonLines { path } => json_lines(path, &self.options),
                }
            },
        )
    }

    fn add_path(&mut self, path: &Path) -> Result<(), CorpusError> {
        let meta = std::fs::metadata(path).map_err(|err| CorpusError {
            path: path.to_path_buf(),
            message: format!("cannot read: {}", io_reason(&err)),
        })?;
        if meta.is_dir() {
            self.add_dir(path)
        } else {
            // A file given alone still takes its metadata from its folder's manifest.
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let manifest = self.read_manifest(folder);
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let entry = name.and_then(|n| manifest.get(&n).cloned());
            self.sources.push(source_for_file(path, entry));
            Ok(())
        }
    }

    fn add_dir(&mut self, dir: &Path) -> Result<(), CorpusError> {
        // The listing says which entries are plain files or folders, so only
        // symbolic links (and file systems that do not say) cost a stat.
        let mut entries: Vec<(PathBuf, Option<bool>)> = std::fs::read_dir(dir)
            .map_err(|err| CorpusError {
                path: dir.to_path_buf(),
                message: format!("cannot list folder: {}", io_reason(&err)),
            })?
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let is_dir = entry
                    .file_type()
                    .ok()
                    .filter(|t| !t.is_symlink())
                    .map(|t| t.is_dir());
                Some((entry.path(), is_dir))
            })
            .collect();
        entries.sort();
        let manifest = self.read_manifest(dir);
        for (entry, is_dir) in entries {
            if is_dir.unwrap_or_else(|| entry.is_dir()) {
                self.add_dir(&entry)?;
            } else if is_article_file(&entry) {
                let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
                let meta = name.and_then(|n| manifest.get(&n).cloned());
                self.sources.push(source_for_file(&entry, meta));
            }
        }
        Ok(())
    }

    fn read_manifest(&mut self, dir: &Path) -> BTreeMap<String, ManifestEntry> {
        let path = dir.join(manifest::MANIFEST_FILE);
        if !path.is_file() {
            return BTreeMap::new();
        }
        match manifest::read(&path) {
            Ok(entries) => entries,
            Err(message) => {
                self.listing_problems.push(ArticleProblem {
                    origin: path.display().to_string(),
                    message,
                    skipped: false,
                });
                BTreeMap::new()
            }
        }
    }
}

fn source_for_file(path: &Path, manifest: Option<ManifestEntry>) -> Source {
    if extension(path) == "jsonl" {
        Source::JsonLines {
            path: path.to_path_buf(),
        }
    } else {
        Source::Text {
            path: path.to_path_buf(),
            manifest,
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_article_file(path: &Path) -> bool {
    matches!(extension(path).as_str(), "txt" | "md" | "jsonl")
}

fn io_reason(err: &std::io::Error) -> String {
    err.to_string().to_lowercase()
}

/// Front matter keys we use; anything else in it is ignored.
#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    title: Option<String>,
    date: Option<serde_yaml::Value>,
    url: Option<String>,
    outlet: Option<String>,
}

fn read_text_file(path: &Path, manifest: Option<&ManifestEntry>, options: &LoadOptions) -> Loaded {
    let origin = path.display().to_string();
    let problem = |message: String| ArticleProblem {
        origin: origin.clone(),
        message,
        skipped: true,
    };
    let cannot_read = |err: std::io::Error| problem(format!("cannot read: {}", io_reason(&err)));
    // One open and one fstat per file: on small files the system calls cost
    // as much as the analysis.
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size as usize > options.max_article_bytes {
        return Err(problem(format!(
            "file is {size} bytes, more than the limit of {} (--max-article-bytes)",
            options.max_article_bytes
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // Through `take`, read_to_end trusts the capacity instead of asking the
    // file its size and position again.
    Read::take(&mut file, u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    let raw = decode(&bytes).map_err(problem)?;
    let (front, body) = split_front_matter(&raw, path).map_err(problem)?;
    let id = ArticleId(
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let front_date = match front.date.as_ref() {
        Some(value) => Some(parse_date_value(value).ok_or_else(|| {
            problem(format!(
                "front matter date {} is not a date like 2024-12-03",
                yaml_scalar(value)
            ))
        })?),
        None => None,
    };
    let (date, date_source) = pick_date(front_date, manifest.and_then(|m| m.date), &body);
    Ok(Article {
        id,
        title: front
            .title
            .or_else(|| manifest.and_then(|m| m.title.clone())),
        date,
        date_source,
        url: front.url.or_else(|| manifest.and_then(|m| m.url.clone())),
        outlet: front
            .outlet
            .or_else(|| manifest.and_then(|m| m.outlet.clone())),
        origin,
        text: body,
    })
}

/// Decodes UTF-8, refusing binary files and empty ones; invalid sequences are
/// replaced (the article is still worth reading).
fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    let text = String::from_utf8_lossy(bytes);
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

fn split_front_matter(raw: &str, path: &Path) -> Result<(FrontMatter, String), String> {
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
    match (err.line, err.column) {
        (Some(line), Some(column)) => format!(
            "front matter line {}, column {column}: {}",
            line + 1,
            err.message
        ),
        _ => format!("front matter: {}", err.message),
    }
}

fn pick_date(
    front: Option<NaiveDate>,
    manifest: Option<NaiveDate>,
    body: &str,
) -> (Option<NaiveDate>, DateSource) {
    if let Some(date) = front {
        return (Some(date), DateSource::FrontMatter);
    }
    if let Some(date) = manifest {
        return (Some(date), DateSource::Manifest);
    }
    match dateline::find(body) {
        Some(date) => (Some(date), DateSource::Text),
        None => (None, DateSource::None),
    }
}

fn parse_date_value(value: &serde_yaml::Value) -> Option<NaiveDate> {
    value.as_str().and_then(parse_date)
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => format!("`{s}`"),
        other => format!("`{}`", crate::yaml::to_string(other).trim()),
    }
}

/// Parses `2024-12-03`, or the date part of an RFC 3339 timestamp.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// A JSON Lines record.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    text: String,
}

/// The non-blank lines of a JSON Lines file, read in order but not parsed.
fn json_lines<'a>(
    path: &'a Path,
    options: &'a LoadOptions,
) -> Box<dyn Iterator<Item = Pending<'a>> + 'a> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) => {
            return Box::new(std::iter::once(Pending {
                options,
                kind: PendingKind::Unreadable {
                    path,
                    message: format!("cannot read: {}", io_reason(&err)),
                },
            }))
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let lines = split_lines(BufReader::new(file));
    Box::new(
        lines
            .enumerate()
            .filter(|(_, line)| !matches!(line, Ok(l) if l.iter().all(u8::is_ascii_whitespace)))
            .map(move |(index, bytes)| Pending {
                options,
                kind: PendingKind::JsonLine {
                    path,
                    stem: stem.clone(),
                    line: index + 1,
                    bytes,
                },
            }),
    )
}

fn parse_json_line(
    path: &Path,
    stem: &str,
    line: usize,
    bytes: std::io::Result<Vec<u8>>,
    options: &LoadOptions,
) -> Loaded {
    let origin = format!("{}:{}", path.display(), line);
    let skip = |message: String| ArticleProblem {
        origin: origin.clone(),
        message,
        skipped: true,
    };
    let bytes = bytes.map_err(|err| skip(format!("cannot read: {}", io_reason(&err))))?;
    if bytes.len() > options.max_article_bytes {
        return Err(skip(format!(
            "record is {} bytes, more than the limit of {} (--max-article-bytes)",
            bytes.len(),
            options.max_article_bytes
        )));
    }
    let text = String::from_utf8_lossy(&bytes);
    let record: JsonArticle = serde_json::from_str(&text)
        .map_err(|err| skip(format!("not a JSON article record: {err}")))?;
    json_article(record, stem, line, origin.clone())
}

fn json_article(record: JsonArticle, stem: &str, line: usize, origin: String) -> Loaded {
    let date = match record.date.as_deref() {
        Some(text) => Some(parse_date(text).ok_or_else(|| ArticleProblem {
            origin: origin.clone(),
            message: format!("date `{text}` is not a date like 2024-12-03"),
            skipped: true,
        })?),
        None => None,
    };
    let (date, date_source) = pick_date(date, None, &record.text);
    Ok(Article {
        id: ArticleId(record.id.unwrap_or_else(|| format!("{stem}-{line}"))),
        title: record.title,
        date,
        date_source,
        url: record.url,
        outlet: record.outlet,
        origin,
        text: record.text,
    })
}

/// Splits on `\n` without requiring UTF-8, so one bad line costs one record.
fn split_lines<R: BufRead>(reader: R) -> impl Iterator<Item = std::io::Result<Vec<u8>>> {
    reader.split(b'\n').map(|line| {
        line.map(|mut l| {
            if l.last() == Some(&b'\r') {
                l.pop();
            }
            l
        })
    })
}

#[cfg(test)]
mod tests;
