//! Writing generated articles: a folder of text files with front matter, or JSON Lines.

use super::corpus::{generate_corpus, ArticleSink, CorpusOptions, GenerateSummary, SynthArticle};
use super::names::NameBook;
use crate::load::Article;
use chrono::NaiveDate;
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Generates a corpus into `dir` (new or empty), one `news-NNNNNNNN.txt` per article.
pub fn write_folder(
    dir: &Path,
    seeds: &[Article],
    names: &NameBook,
    options: &CorpusOptions,
) -> io::Result<GenerateSummary> {
    generate_corpus(seeds, names, options, &mut FolderSink::create(dir)?)
}

/// Generates a corpus into the JSON Lines file `path`, one article record per line.
pub fn write_jsonl(
    path: &Path,
    seeds: &[Article],
    names: &NameBook,
    options: &CorpusOptions,
) -> io::Result<GenerateSummary> {
    let file = File::create(path).map_err(|err| with_path(err, path))?;
    generate_corpus(
        seeds,
        names,
        options,
        &mut JsonLinesSink::new(BufWriter::new(file)),
    )
}

/// Writes each article to its own text file, metadata in YAML front matter.
#[derive(Debug)]
pub struct FolderSink {
    dir: PathBuf,
    buffer: Vec<u8>,
}

impl FolderSink {
    /// A sink writing into `dir`, which must be new or empty: files left from
    /// an earlier, larger run would otherwise join the corpus.
    pub fn create(dir: &Path) -> io::Result<FolderSink> {
        if dir.exists()
            && std::fs::read_dir(dir)
                .map_err(|err| with_path(err, dir))?
                .next()
                .is_some()
        {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{}: output folder is not empty; give a new or empty folder",
                    dir.display()
                ),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|err| with_path(err, dir))?;
        Ok(FolderSink {
            dir: dir.to_path_buf(),
            buffer: Vec::new(),
        })
    }
}

/// The front matter of a generated article file.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    date: NaiveDate,
    outlet: &'a str,
    url: &'a str,
}

impl ArticleSink for FolderSink {
    fn write_article(&mut self, article: &SynthArticle) -> io::Result<u64> {
        let front = crate::yaml::to_string(&FrontMatter {
            title: &article.title,
            date: article.date,
            outlet: &article.outlet,
            url: &article.url,
        });
        self.buffer.clear();
        self.buffer.extend_from_slice(b"---\n");
        self.buffer.extend_from_slice(front.as_bytes());
        self.buffer.extend_from_slice(b"---\n");
        self.buffer.extend_from_slice(article.text.as_bytes());
        let path = self.dir.join(format!("{}.txt", article.id));
        std::fs::write(&path, &self.buffer).map_err(|err| with_path(err, &path))?;
        Ok(self.buffer.len() as u64)
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes one JSON record per line: `{"id","title","date","url","outlet","text"}`.
#[derive(Debug)]
pub struct JsonLinesSink<W: Write> {
    out: W,
    buffer: Vec<u8>,
}

impl<W: Write> JsonLinesSink<W> {
    /// A sink writing records to `out` (wrap files in a `BufWriter`).
    pub fn new(out: W) -> JsonLinesSink<W> {
        JsonLinesSink {
            out,
            buffer: Vec::new(),
        }
    }

    /// The writer, once done.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A JSON Lines record, in the field order the loader documents.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    date: NaiveDate,
    url: &'a str,
    outlet: &'a str,
    text: &'a str,
}

impl<W: Write> ArticleSink for JsonLinesSink<W> {
    fn write_article(&mut self, article: &SynthArticle) -> io::Result<u64> {
        self.buffer.clear();
        let record = Record {
            id: &article.id,
            title: &article.title,
            date: article.date,
            url: &article.url,
            outlet: &article.outlet,
            text: &article.text,
        };
        serde_json::to_writer(&mut self.buffer, &record).map_err(io::Error::other)?;
        self.buffer.push(b'\n');
        self.out.write_all(&self.buffer)?;
        Ok(self.buffer.len() as u64)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Adds the path to an I/O error, which otherwise does not say which file failed.
fn with_path(err: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        err.kind(),
        format!("{}: {}", path.display(), err.to_string().to_lowercase()),
    )
}
