//! Corpus in: folders, single files and JSON Lines -> `Article`s, read lazily.
//!
//! Metadata comes from (in order of preference) YAML front matter or the JSON
//! record itself, the folder's `corpus.yaml` manifest, and a dateline in the
//! first lines of the text. An article with no date stays undated.

mod dateline;
mod decode;
mod front_matter;
mod jsonl;
mod manifest;

use crate::extraction::DateSource;
use crate::model::ArticleId;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use jsonl::json_lines_articles;
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
    /// Problems found while listing (bad `corpus.yaml`, unreadable folder).
    listing_problems: Vec<ArticleProblem>,
    /// Every folder and file listed, by canonical path, with the path shown:
    /// a symbolic link loop or a path given twice is read once.
    /// Keyed by the path's bytes: comparing `Path`s component by component
    /// cost more than the listing itself on a folder of 8000 files.
    seen: BTreeMap<OsString, PathBuf>,
}

/// One article of a corpus before its file is read; see [`Corpus::pending`].
#[derive(Debug)]
pub struct Pending<'a> {
    options: &'a LoadOptions,
    kind: PendingKind<'a>,
}

#[derive(Debug)]
enum PendingKind<'a> {
    /// A text file still to read.
    TextFile {
        path: &'a Path,
        manifest: Option<&'a ManifestEntry>,
    },
    /// A JSON Lines record, split off its file in order, still to parse.
    Record(jsonl::Record),
}

impl Pending<'_> {
    /// Reads the article: a warning about it (if any) comes first, then the
    /// article or why it was skipped.
    pub fn load(self) -> Vec<Loaded> {
        match self.kind {
            PendingKind::TextFile { path, manifest } => {
                read_text_file(path, manifest, self.options)
            }
            PendingKind::Record(record) => record.parse(),
        }
    }
}

/// What reading one source yields: articles, and problems with the ones that failed.
///
/// An `Err` with `skipped: false` is a warning about the article that follows
/// it (kept, such as a file whose invalid UTF-8 was replaced).
pub type Loaded = Result<Article, ArticleProblem>;

impl Corpus {
    /// Lists the articles under `paths`: folders are walked recursively in sorted
    /// order, files are taken as given.
    pub fn open(paths: &[PathBuf], options: LoadOptions) -> Result<Corpus, CorpusError> {
        let mut corpus = Corpus {
            sources: Vec::new(),
            options,
            listing_problems: Vec::new(),
            seen: BTreeMap::new(),
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

    /// Reads the articles one at a time, in corpus order (a warning about an
    /// article comes right before it).
    pub fn articles(&self) -> impl Iterator<Item = Loaded> + '_ {
        self.pending().flat_map(Pending::load)
    }

    /// The articles in corpus order, text files not yet read and JSON Lines
    /// records not yet parsed: [`Pending::load`] reads each one, so a caller
    /// can do that part in parallel and keep the order.
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
                    Source::JsonLines { path } => {
                        Box::new(jsonl::read_json_lines(path, &self.options).map(|record| {
                            Pending {
                                options: &self.options,
                                kind: PendingKind::Record(record),
                            }
                        }))
                    }
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
            let entries = std::fs::read_dir(path).map_err(|err| CorpusError {
                path: path.to_path_buf(),
                message: format!("cannot list folder: {}", io_reason(&err)),
            })?;
            self.add_dir(path, entries);
        } else if self.first_visit(path) {
            // A file given alone still takes its metadata from its folder's manifest.
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let manifest = self.read_manifest(folder);
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let entry = name.and_then(|n| manifest.get(&n).cloned());
            self.sources.push(source_for_file(path, entry));
        }
        Ok(())
    }

    /// Lists a folder's articles and subfolders in sorted order; a subfolder
    /// that cannot be listed costs only its own articles.
    fn add_dir(&mut self, dir: &Path, entries: std::fs::ReadDir) {
        if !self.first_visit(dir) {
            return;
        }
        // The listing says which entries are plain files or folders (not
        // links), so those cost no stat, and a plain file's canonical path is
        // its folder's plus its name: one canonicalize per folder, not per file.
        let mut entries: Vec<(OsString, PathBuf, Option<bool>)> = entries
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let is_dir = entry
                    .file_type()
                    .ok()
                    .filter(|t| !t.is_symlink())
                    .map(|t| t.is_dir());
                Some((entry.file_name(), entry.path(), is_dir))
            })
            .collect();
        // Siblings sort by name alone, as bytes: the same order as sorting
        // their paths, without comparing the shared folder part each time.
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let canonical_dir = std::fs::canonicalize(dir).ok();
        let manifest = self.read_manifest(dir);
        for (name, entry, is_dir) in entries {
            if is_dir.unwrap_or_else(|| entry.is_dir()) {
                match std::fs::read_dir(&entry) {
                    Ok(listing) => self.add_dir(&entry, listing),
                    Err(err) => self.listing_problems.push(ArticleProblem {
                        origin: entry.display().to_string(),
                        message: format!("cannot list folder: {}", io_reason(&err)),
                        skipped: true,
                    }),
                }
            } else if is_article_file(&entry) && {
                let known = match (&canonical_dir, is_dir) {
                    (Some(dir), Some(false)) => Some(dir.join(&name)),
                    _ => None,
                };
                self.first_visit_as(&entry, known)
            } {
                let meta = manifest.get(name.to_string_lossy().as_ref()).cloned();
                self.sources.push(source_for_file(&entry, meta));
            }
        }
    }

    /// Whether `path` is new to the corpus; a second sighting (through a
    /// symbolic link, or a path given twice) is noted and read no more.
    fn first_visit(&mut self, path: &Path) -> bool {
        self.first_visit_as(path, None)
    }

    /// [`Corpus::first_visit`], with the canonical path when it is already known.
    fn first_visit_as(&mut self, path: &Path, canonical: Option<PathBuf>) -> bool {
        let Some(canonical) = canonical.or_else(|| std::fs::canonicalize(path).ok()) else {
            return true;
        };
        let canonical = canonical.into_os_string();
        match self.seen.get(&canonical) {
            None => {
                self.seen.insert(canonical, path.to_path_buf());
                true
            }
            Some(first) => {
                let message = if first == path {
                    "listed twice, read once".to_string()
                } else {
                    format!("same as {}, read once", first.display())
                };
                self.listing_problems.push(ArticleProblem {
                    origin: path.display().to_string(),
                    message,
                    skipped: false,
                });
                false
            }
        }
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

fn read_text_file(
    path: &Path,
    manifest: Option<&ManifestEntry>,
    options: &LoadOptions,
) -> Vec<Loaded> {
    let skip = |message: String| {
        vec![Err(ArticleProblem {
            origin: path.display().to_string(),
            message,
            skipped: true,
        })]
    };
    // Checked before reading, so a 50 GB dump is never loaded into memory
    // (and a named pipe never opened: opening one waits for a writer).
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return skip(format!("cannot read: {}", io_reason(&err))),
    };
    if !meta.is_file() {
        return skip("not a regular file".to_string());
    }
    if meta.len() > options.max_article_bytes as u64 {
        return skip(too_big("file", meta.len(), options));
    }
    // Read no more than the limit allows, should the file grow meanwhile.
    let limit = options.max_article_bytes as u64 + 1;
    // Sized from the stat above, so the file is read in one go.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    let read = std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes));
    match read {
        Ok(_) => owned_text_article(path, bytes, manifest, options),
        Err(err) => skip(format!("cannot read: {}", io_reason(&err))),
    }
}

/// Reads one text article (front matter and body) from bytes already in
/// memory, with the same checks and messages as reading `path` from disk: a
/// warning about the article comes first, then the article or why it was
/// skipped.
pub fn text_article(
    path: &Path,
    bytes: &[u8],
    manifest: Option<&ManifestEntry>,
    options: &LoadOptions,
) -> Vec<Loaded> {
    owned_text_article(path, bytes.to_vec(), manifest, options)
}

/// [`text_article`] of bytes it may keep: valid UTF-8 becomes the text in place.
fn owned_text_article(
    path: &Path,
    bytes: Vec<u8>,
    manifest: Option<&ManifestEntry>,
    options: &LoadOptions,
) -> Vec<Loaded> {
    // Formatted once: the article (or why it was skipped) takes it over.
    let origin = path.display().to_string();
    if bytes.len() > options.max_article_bytes {
        let message = too_big("file", bytes.len() as u64, options);
        return vec![Err(skipped(origin, message))];
    }
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(message) => return vec![Err(skipped(origin, message))],
    };
    let mut out: Vec<Loaded> = Vec::with_capacity(2);
    if let Some(message) = decoded.warning {
        out.push(Err(ArticleProblem {
            origin: origin.clone(),
            message,
            skipped: false,
        }));
    }
    out.push(parse_text(path, decoded.text, manifest, origin));
    out
}

/// The problem of an article skipped for `message`.
fn skipped(origin: String, message: String) -> ArticleProblem {
    ArticleProblem {
        origin,
        message,
        skipped: true,
    }
}

fn parse_text(
    path: &Path,
    raw: String,
    manifest: Option<&ManifestEntry>,
    origin: String,
) -> Loaded {
    let (front, body) = match front_matter::split(raw, path) {
        Ok(split) => split,
        Err(message) => return Err(skipped(origin, message)),
    };
    let front_date = match front.date() {
        Ok(date) => date,
        Err(message) => return Err(skipped(origin, message)),
    };
    let id = ArticleId(
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
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

fn too_big(what: &str, size: u64, options: &LoadOptions) -> String {
    format!(
        "{what} is {size} bytes, more than the limit of {} (--max-article-bytes)",
        options.max_article_bytes
    )
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

/// Parses `2024-12-03`, or the date part of an RFC 3339 timestamp.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    // Nearly every date is written just so: its numbers read directly are
    // what the format below makes of them, at a twentieth of the cost.
    if let Some((year, month, day)) = plain_date(head) {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Year, month and day of a `dddd-dd-dd` date, whether or not it exists.
fn plain_date(head: &str) -> Option<(i32, u32, u32)> {
    let bytes = head.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        (digits.iter()).try_fold(0, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = number(&bytes[..4])?;
    Some((year as i32, number(&bytes[5..7])?, number(&bytes[8..])?))
}

#[cfg(test)]
mod tests;
