//! JSON Lines dumps: one article record per line; one bad line costs one record.

use super::{
    io_reason, parse_date, pick_date, too_big, Article, ArticleProblem, LoadOptions, Loaded,
};
use crate::model::ArticleId;
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

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

/// The records of a JSON Lines file, split into lines but not parsed.
pub(super) fn read_json_lines<'a>(
    path: &'a Path,
    options: &'a LoadOptions,
) -> Box<dyn Iterator<Item = Record> + 'a> {
    match std::fs::File::open(path) {
        Ok(file) => Box::new(json_lines_records(path, BufReader::new(file), options)),
        Err(err) => Box::new(std::iter::once(Record::Problem(ArticleProblem {
            origin: path.display().to_string(),
            message: format!("cannot read: {}", io_reason(&err)),
            skipped: true,
        }))),
    }
}

/// Reads the records of a JSON Lines dump from `reader` as if it were the file
/// `path`: each record becomes an article (or a problem naming its line), and
/// no line longer than the size limit is ever held in memory.
pub fn json_lines_articles<'a, R: BufRead + 'a>(
    path: &'a Path,
    reader: R,
    options: &'a LoadOptions,
) -> impl Iterator<Item = Loaded> + 'a {
    json_lines_records(path, reader, options).flat_map(Record::parse)
}

/// One line of a dump, split off the file in order but parsed later, on
/// whichever thread reads the article: splitting is cheap, parsing is not.
#[derive(Debug)]
pub(super) enum Record {
    /// A line to parse.
    Line {
        /// `file:line`, for messages.
        origin: String,
        /// The file's name without extension, for records without an id.
        stem: Arc<str>,
        /// The line number.
        number: usize,
        /// The line's bytes.
        bytes: Vec<u8>,
    },
    /// A line that could not be read or is too long.
    Problem(ArticleProblem),
}

fn json_lines_records<'a, R: BufRead + 'a>(
    path: &'a Path,
    reader: R,
    options: &'a LoadOptions,
) -> impl Iterator<Item = Record> + 'a {
    let stem: Arc<str> = path
        .file_stem()
        .map(|s| s.to_string_lossy().into())
        .unwrap_or_else(|| "".into());
    let limit = options.max_article_bytes;
    Lines { reader, limit }
        .enumerate()
        .filter(|(_, line)| !matches!(line, Ok(l) if l.is_blank()))
        .map(move |(index, line)| {
            let origin = format!("{}:{}", path.display(), index + 1);
            let problem = |message: String| {
                Record::Problem(ArticleProblem {
                    origin: origin.clone(),
                    message,
                    skipped: true,
                })
            };
            match line {
                Err(err) => problem(format!("cannot read: {}", io_reason(&err))),
                Ok(line) if line.length > limit as u64 => {
                    problem(too_big("record", line.length, options))
                }
                Ok(line) => Record::Line {
                    origin,
                    stem: Arc::clone(&stem),
                    number: index + 1,
                    bytes: line.bytes,
                },
            }
        })
}

impl Record {
    /// The article, after a warning about it if any; or why it was skipped.
    pub(super) fn parse(self) -> Vec<Loaded> {
        let (origin, stem, number, bytes) = match self {
            Record::Line {
                origin,
                stem,
                number,
                bytes,
            } => (origin, stem, number, bytes),
            Record::Problem(problem) => return vec![Err(problem)],
        };
        let problem = |message: String, skipped: bool| ArticleProblem {
            origin: origin.clone(),
            message,
            skipped,
        };
        let mut out = Vec::new();
        if let Some(warning) = super::decode::utf8_warning(&bytes) {
            out.push(Err(problem(warning, false)));
        }
        let text = String::from_utf8_lossy(&bytes);
        out.push(
            serde_json::from_str::<JsonArticle>(&text)
                .map_err(|err| problem(json_message(&err), true))
                .and_then(|record| json_article(record, &stem, number, &origin)),
        );
        out
    }
}

/// serde_json counts lines and columns within the record; the origin already names the line.
fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let message = match message.find(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    format!(
        "not a JSON article record: {message} (column {})",
        err.column()
    )
}

fn json_article(record: JsonArticle, stem: &str, line: usize, origin: &str) -> Loaded {
    let skip = |message: String| ArticleProblem {
        origin: origin.to_string(),
        message,
        skipped: true,
    };
    if record.text.trim().is_empty() {
        return Err(skip("record has an empty `text`".to_string()));
    }
    let date = match record.date.as_deref() {
        Some(text) => Some(
            parse_date(text)
                .ok_or_else(|| skip(format!("date `{text}` is not a date like 2024-12-03")))?,
        ),
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
        origin: origin.to_string(),
        text: record.text,
    })
}

/// One line of the dump: its bytes (without `\n` or `\r\n`), or only its
/// length when it is over the limit.
struct Line {
    bytes: Vec<u8>,
    length: u64,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.length as usize == self.bytes.len() && self.bytes.iter().all(u8::is_ascii_whitespace)
    }
}

/// Splits on `\n` without requiring UTF-8, keeping at most `limit + 1` bytes
/// of any line: an oversized record is measured and skipped, never buffered.
struct Lines<R> {
    reader: R,
    limit: usize,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = std::io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Line {
            bytes: Vec::new(),
            length: 0,
        };
        let mut ended = false;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Some(Err(err)),
            };
            if buffer.is_empty() {
                break;
            }
            ended = false;
            let (chunk, newline) = match buffer.iter().position(|&b| b == b'\n') {
                Some(at) => (&buffer[..at], true),
                None => (buffer, false),
            };
            let room = (self.limit + 1).saturating_sub(line.bytes.len());
            line.bytes
                .extend_from_slice(&chunk[..chunk.len().min(room)]);
            line.length += chunk.len() as u64;
            let used = chunk.len() + usize::from(newline);
            self.reader.consume(used);
            if newline {
                ended = true;
                break;
            }
        }
        if line.length == 0 && !ended {
            return None;
        }
        if line.bytes.last() == Some(&b'\r') && line.length as usize == line.bytes.len() {
            line.bytes.pop();
            line.length -= 1;
        }
        Some(Ok(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<(String, u64)> {
        Lines {
            reader: std::io::BufReader::with_capacity(4, input),
            limit,
        }
        .map(|l| {
            let l = l.unwrap();
            (String::from_utf8_lossy(&l.bytes).into_owned(), l.length)
        })
        .collect()
    }

    /// (name, input, limit, lines as (kept text, length))
    type Case<'a> = (&'a str, &'a [u8], usize, Vec<(&'a str, u64)>);

    #[test]
    fn lines_split_on_newlines_and_measure_oversized_ones() {
        let cases: [Case; 5] = [
            ("plain", b"ab\ncd\n", 10, vec![("ab", 2), ("cd", 2)]),
            (
                "no final newline",
                b"ab\ncd",
                10,
                vec![("ab", 2), ("cd", 2)],
            ),
            ("crlf", b"ab\r\n\r\n", 10, vec![("ab", 2), ("", 0)]),
            ("empty line kept", b"\nab\n", 10, vec![("", 0), ("ab", 2)]),
            (
                "oversized keeps limit + 1 bytes",
                b"abcdefghij\nxy\n",
                3,
                vec![("abcd", 10), ("xy", 2)],
            ),
        ];
        for (name, input, limit, expected) in cases {
            let expected: Vec<(String, u64)> = expected
                .into_iter()
                .map(|(s, n)| (s.to_string(), n))
                .collect();
            assert_eq!(lines(input, limit), expected, "{name}");
        }
    }
}
