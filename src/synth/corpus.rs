//! A news-like corpus of any size, recombined from the seed articles.
//!
//! Each article is built on its own from the seed pool and handed to a sink
//! before the next one starts, so memory stays flat however large the corpus.
//! Article `n` depends only on the seed and `n` (the last one is also cut to
//! fit the requested size):
//!
//! - a date drawn from 2022-01-01 to 2026-12-31 and an invented outlet;
//! - a seed title or heading as its title;
//! - a body of 2 to 10 KB: whole seed paragraphs (quotations stay with their
//!   attribution), now and then a heading, and new paragraphs of 2 to 4 seed
//!   sentences, opened by one that needs no earlier sentence (not `He said`)
//!   and keeping any quotation whole with its attribution;
//! - people recast: about half keep their part, the others are played by
//!   someone of the same gender from the name book, each with a spelling the
//!   article mostly sticks to (`Zelensky`, `Zelenskyy`, `Zelenskyj`);
//! - numbers varied, the seed's own year moved to the article's year;
//! - curly quotes, straight quotes, or a mix by paragraph.

use super::names::NameBook;
use super::pool::SeedPool;
use super::rng::Rng;
use super::template::{ArticleVoice, QuoteStyle};
use super::vocab::OUTLETS;
use crate::load::Article;
use chrono::{Datelike, Days, NaiveDate};
use std::io;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusOptions {
    /// Total size as the sink counts it; generation stops within about 1 KB
    /// below it (the last article is cut to fit).
    pub target_bytes: u64,
    /// Same seed, same corpus, byte for byte.
    pub seed: u64,
}

/// One generated article, as the sinks write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthArticle {
    /// Position in the corpus, from 0.
    pub index: u64,
    /// `news-00000042`: file stem and JSON id, fixed width so sorted order is corpus order.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: NaiveDate,
    /// Invented publisher.
    pub outlet: String,
    /// Invented web address.
    pub url: String,
    /// Body: paragraphs separated by blank lines, ending in a newline.
    pub text: String,
}

/// Where generated articles go.
pub trait ArticleSink {
    /// Writes one article and returns how many bytes it took.
    fn write_article(&mut self, article: &SynthArticle) -> io::Result<u64>;

    /// Flushes whatever is buffered; called once after the last article.
    fn finish(&mut self) -> io::Result<()>;
}

/// What a run produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Articles written.
    pub articles: u64,
    /// Bytes the sink reported, front matter and JSON included.
    pub bytes: u64,
}

/// Smallest and largest article body, in bytes.
const BODY_BYTES: (u64, u64) = (2 * 1024, 10 * 1024);

/// Below this much room, stop rather than write a stub article.
const LAST_ARTICLE_MIN: u64 = 1024;

/// Space left for front matter or JSON fields when sizing the last article.
const RECORD_OVERHEAD: u64 = 256;

/// Generates articles from `seeds` into `sink` until it holds `options.target_bytes`.
///
/// `names` lists who may appear (see [`NameBook::from_rules`]); names of its
/// people found in the seeds are recast in every article. Fails with
/// `InvalidInput` when the seeds hold no usable paragraph or title, and with
/// the sink's error when writing fails.
pub fn generate_corpus(
    seeds: &[Article],
    names: &NameBook,
    options: &CorpusOptions,
    sink: &mut dyn ArticleSink,
) -> io::Result<GenerateSummary> {
    let pool = SeedPool::new(seeds, names);
    if !pool.is_usable() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the seed articles hold no usable title and paragraph",
        ));
    }
    let mut summary = GenerateSummary {
        articles: 0,
        bytes: 0,
    };
    while summary.bytes < options.target_bytes {
        let room = options.target_bytes - summary.bytes;
        if room < LAST_ARTICLE_MIN && summary.articles > 0 {
            break;
        }
        let limit = room.saturating_sub(RECORD_OVERHEAD).max(1);
        let article = compose(&pool, names, options.seed, summary.articles, limit);
        summary.bytes += sink.write_article(&article)?;
        summary.articles += 1;
    }
    sink.finish()?;
    Ok(summary)
}

/// Builds article `index` with a body of at most `limit` bytes (and at most 10 KB).
fn compose(pool: &SeedPool, names: &NameBook, seed: u64, index: u64, limit: u64) -> SynthArticle {
    let mut rng = Rng::for_item(seed, index);
    let first_day = NaiveDate::from_ymd_opt(2022, 1, 1).expect("a valid date");
    let date = first_day + Days::new(rng.below(5 * 365 + 1));
    let styles = match rng.below(10) {
        0..=3 => [QuoteStyle::Curly, QuoteStyle::Curly],
        4..=7 => [QuoteStyle::Straight, QuoteStyle::Straight],
        _ => [QuoteStyle::Curly, QuoteStyle::Straight],
    };
    let (outlet, domain) = *rng.pick(&OUTLETS);
    let id = format!("news-{index:08}");
    let url = format!("https://{domain}/{}/{id}", date.format("%Y/%m/%d"));
    let target = rng.between(BODY_BYTES.0, BODY_BYTES.1 - 1024).min(limit) as usize;
    let cap = BODY_BYTES.1.min(limit) as usize;
    let mut writer = Writer {
        pool,
        names,
        voice: ArticleVoice::new(date.year() as u16, styles[0]),
        rng,
        used: Vec::new(),
    };
    let mut title = String::new();
    writer.write(Part::Title, &mut title);
    let text = writer.body(target, cap, styles);
    SynthArticle {
        index,
        id,
        title,
        date,
        outlet: outlet.to_string(),
        url,
        text,
    }
}

/// The kinds of seed part an article is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Heading,
    Paragraph,
    Opener,
    Follower,
}

/// Writes one article: its voice, its random stream, the parts it has used.
struct Writer<'a> {
    pool: &'a SeedPool,
    names: &'a NameBook,
    voice: ArticleVoice,
    rng: Rng,
    used: Vec<(Part, usize)>,
}

impl Writer<'_> {
    /// Paragraphs until the body reaches `target` bytes, never more than `cap`.
    fn body(&mut self, target: usize, cap: usize, styles: [QuoteStyle; 2]) -> String {
        let mut text = String::with_capacity(cap + 1024);
        let mut last_was_heading = true;
        while text.len() < target {
            let before = text.len();
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            self.voice.style = styles[self.rng.index(2)];
            let roll = self.rng.below(100);
            if roll < 10 && !last_was_heading && !self.pool.headings.is_empty() {
                self.write(Part::Heading, &mut text);
                last_was_heading = true;
                continue;
            }
            if roll < 40 && !self.pool.openers.is_empty() {
                self.mixed_paragraph(&mut text);
            } else {
                self.write(Part::Paragraph, &mut text);
            }
            last_was_heading = false;
            if text.len() > cap && before > 0 {
                text.truncate(before);
                break;
            }
        }
        if text.len() > cap {
            cut_at_char(&mut text, cap);
        }
        text.push('\n');
        text
    }

    /// A new paragraph: a sentence that stands alone, then 1 to 3 more of any kind.
    fn mixed_paragraph(&mut self, out: &mut String) {
        self.write(Part::Opener, out);
        for _ in 0..self.rng.between(1, 3) {
            out.push(' ');
            let from_followers = !self.pool.followers.is_empty() && self.rng.percent(40);
            self.write(
                if from_followers {
                    Part::Follower
                } else {
                    Part::Opener
                },
                out,
            );
        }
    }

    /// Renders a seed part of this kind, preferring one the article has not used yet.
    fn write(&mut self, part: Part, out: &mut String) {
        let list = match part {
            Part::Title => &self.pool.titles,
            Part::Heading => &self.pool.headings,
            Part::Paragraph => &self.pool.paragraphs,
            Part::Opener => &self.pool.openers,
            Part::Follower => &self.pool.followers,
        };
        let mut index = self.rng.index(list.len());
        for _ in 0..4 {
            if !self.used.contains(&(part, index)) {
                break;
            }
            index = self.rng.index(list.len());
        }
        self.used.push((part, index));
        list[index].render(
            &self.pool.arena,
            self.names,
            &mut self.voice,
            &mut self.rng,
            out,
        );
    }
}

/// Cuts `text` to at most `max` bytes at a character boundary, dropping a trailing partial word.
fn cut_at_char(text: &mut String, max: usize) {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end]
        .rfind(' ')
        .filter(|&space| space > 0)
        .unwrap_or(end);
    text.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Corpus, LoadOptions};
    use crate::synth::sink::{write_folder, write_jsonl, JsonLinesSink};
    use std::path::{Path, PathBuf};

    fn seeds() -> Vec<Article> {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/seeds"));
        let corpus = Corpus::open(&[dir], LoadOptions::default()).unwrap();
        corpus.articles().map(Result::unwrap).collect()
    }

    fn names() -> NameBook {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        NameBook::from_rules(&crate::rules::read_rules(dir).unwrap())
    }

    fn jsonl(target_bytes: u64, seed: u64) -> Vec<u8> {
        let mut sink = JsonLinesSink::new(Vec::new());
        let options = CorpusOptions { target_bytes, seed };
        generate_corpus(&seeds(), &names(), &options, &mut sink).unwrap();
        sink.into_inner()
    }

    fn load(path: &Path) -> Vec<Article> {
        let corpus = Corpus::open(&[path.to_path_buf()], LoadOptions::default()).unwrap();
        corpus
            .articles()
            .map(|a| a.unwrap_or_else(|p| panic!("{p}")))
            .collect()
    }

    #[test]
    fn seeds_without_paragraphs_are_refused() {
        let options = CorpusOptions {
            target_bytes: 1000,
            seed: 1,
        };
        let mut sink = JsonLinesSink::new(Vec::new());
        let err = generate_corpus(&[], &names(), &options, &mut sink).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_corpus() {
        let a = jsonl(100_000, 7);
        assert_eq!(a, jsonl(100_000, 7));
        assert_ne!(a, jsonl(100_000, 8));
    }

    #[test]
    fn folder_loads_dated_and_sized_within_five_percent() {
        let dir = tempfile::tempdir().unwrap();
        let target = 200_000;
        let options = CorpusOptions {
            target_bytes: target,
            seed: 3,
        };
        let summary = write_folder(dir.path(), &seeds(), &names(), &options).unwrap();
        let again = write_folder(dir.path(), &seeds(), &names(), &options).unwrap_err();
        assert!(again
            .to_string()
            .ends_with("output folder is not empty; give a new or empty folder"));
        let on_disk: u64 = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert_eq!(on_disk, summary.bytes);
        assert!(
            on_disk.abs_diff(target) * 20 <= target,
            "{on_disk} bytes for {target}"
        );
        let articles = load(dir.path());
        assert_eq!(articles.len() as u64, summary.articles);
        assert_eq!(articles[0].id.as_str(), "news-00000000");
        let first_day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        let last_day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        for article in &articles {
            let date = article
                .date
                .unwrap_or_else(|| panic!("{} undated", article.origin));
            assert!((first_day..=last_day).contains(&date));
            assert!(article.title.is_some() && article.outlet.is_some());
        }
        // All but the last article are 2-10 KB.
        for article in &articles[..articles.len() - 1] {
            assert!(
                (2048..=10240).contains(&article.text.len()),
                "{} bytes",
                article.text.len()
            );
        }
        let years: std::collections::BTreeSet<i32> =
            articles.iter().map(|a| a.date.unwrap().year()).collect();
        assert_eq!(years.len(), 5, "{years:?}");
    }

    #[test]
    fn jsonl_lines_parse_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.jsonl");
        let options = CorpusOptions {
            target_bytes: 150_000,
            seed: 11,
        };
        let summary = write_jsonl(&path, &seeds(), &names(), &options).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.len() as u64, summary.bytes);
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(value["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
        let articles = load(&path);
        assert_eq!(articles.len() as u64, summary.articles);
        assert!(articles.iter().all(|a| a.date.is_some()));
    }

    #[test]
    fn text_mixes_quote_styles_and_recasts_names() {
        let text = String::from_utf8(jsonl(200_000, 5)).unwrap();
        assert!(
            text.contains('“') && text.contains("\\\""),
            "both quote styles"
        );
        for spelling in ["Zelenskyy", "Zelenskyj", "Zelensky ", "Rutte", "Trump"] {
            assert!(text.contains(spelling), "{spelling}");
        }
        // Quotations are never cut: curly quotes pair up in every paragraph.
        for line in text.lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            for paragraph in record["text"].as_str().unwrap().split("\n\n") {
                assert_eq!(
                    paragraph.matches('“').count(),
                    paragraph.matches('”').count(),
                    "{paragraph}"
                );
            }
        }
    }
}
