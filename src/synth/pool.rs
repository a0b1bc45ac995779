//! Seed articles cut into reusable parts: titles, headings, whole paragraphs
//! and free-standing sentences, each parsed into a template.

use super::names::NameBook;
use super::template::{Arena, Template};
use crate::load::Article;
use chrono::Datelike;

/// The parts generated articles are assembled from.
#[derive(Debug, Clone)]
pub struct SeedPool {
    /// Literal text of every template.
    pub arena: Arena,
    /// Seed titles and headings: article titles.
    pub titles: Vec<Template>,
    /// Short lines between paragraphs (`Will Ukraine join NATO?`).
    pub headings: Vec<Template>,
    /// Body paragraphs, kept whole so every quotation keeps its attribution.
    pub paragraphs: Vec<Template>,
    /// Sentences that can open a new paragraph (no pronoun to resolve first).
    pub openers: Vec<Template>,
    /// Sentences that can follow another one.
    pub followers: Vec<Template>,
}

/// Words that tell who said a quotation in the same sentence.
const ATTRIBUTION: [&str; 24] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "added",
    "adds",
    "insisted",
    "admitted",
    "emphasized",
    "emphasised",
    "urged",
    "noted",
    "explained",
    "argued",
    "warned",
    "wrote",
    "recognizes",
    "according",
    "believes",
    "stating",
    "telling",
    "suggested",
];

/// First words that point back to an earlier sentence.
const BACK_REFERENCES: [&str; 16] = [
    "he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "its",
    "such", "but", "however", "instead",
];

impl SeedPool {
    /// Cuts `seeds` into parts, finding the names of `names` in them.
    pub fn new(seeds: &[Article], names: &NameBook) -> SeedPool {
        let mut pool = SeedPool {
            arena: Arena::default(),
            titles: Vec::new(),
            headings: Vec::new(),
            paragraphs: Vec::new(),
            openers: Vec::new(),
            followers: Vec::new(),
        };
        for seed in seeds {
            pool.add(seed, names);
        }
        pool
    }

    /// True when there is enough to build articles from.
    pub fn is_usable(&self) -> bool {
        !self.paragraphs.is_empty() && !self.titles.is_empty()
    }

    fn add(&mut self, seed: &Article, names: &NameBook) {
        let year = seed.date.map(|d| d.year() as u16);
        if let Some(title) = &seed.title {
            let template = self.arena.parse(title, names, year);
            self.titles.push(template);
        }
        let seg = crate::segment::segment(&seed.text);
        for (index, &folded) in seg.paragraphs.iter().enumerate() {
            let span = seg.original_span(folded);
            let text = seed.text[span.start..span.end].trim();
            let words = text.split_whitespace().count();
            if is_heading(text) {
                if words >= 3 && !text.contains(|c: char| c.is_ascii_digit()) {
                    let template = self.arena.parse(text, names, year);
                    self.titles.push(template.clone());
                    self.headings.push(template);
                }
                continue;
            }
            if words < 4 {
                continue;
            }
            let template = self.arena.parse(text, names, year);
            self.paragraphs.push(template);
            for sentence in seg.sentences.iter().filter(|s| s.paragraph == index) {
                let span = seg.original_span(sentence.span);
                let text = seed.text[span.start..span.end].trim();
                if text.split_whitespace().count() < 4 || !quote_is_attributed(text) {
                    continue;
                }
                let template = self.arena.parse(text, names, year);
                if refers_back(text) {
                    self.followers.push(template);
                } else {
                    self.openers.push(template);
                }
            }
        }
    }
}

/// A short line without a closing full stop, or a short question.
fn is_heading(text: &str) -> bool {
    text.chars().count() < 100
        && (text.ends_with('?') || !text.ends_with(['.', '!', ':', '”', '"', '’', ')', ',']))
}

/// A sentence without quotation marks, or one that says who is quoted.
fn quote_is_attributed(sentence: &str) -> bool {
    if !sentence.contains(['“', '”', '"']) {
        return true;
    }
    sentence
        .split(|c: char| !c.is_alphabetic())
        .any(|word| ATTRIBUTION.contains(&word.to_lowercase().as_str()))
}

/// Whether the first word needs an earlier sentence (`He added ...`, `But ...`).
fn refers_back(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .is_some_and(|first| BACK_REFERENCES.contains(&first.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines_and_sentences() {
        let cases = [
            (
                "question heading",
                is_heading("Will Ukraine join NATO?"),
                true,
            ),
            (
                "headline",
                is_heading("Rutte: Russia doesn’t want to end war"),
                true,
            ),
            ("paragraph", is_heading("Rutte spoke. He left."), false),
            (
                "quote with speaker",
                quote_is_attributed("“No,” he said."),
                true,
            ),
            (
                "quote alone",
                quote_is_attributed("“We will win this war.”"),
                false,
            ),
            (
                "plain",
                quote_is_attributed("Talks resumed on Monday."),
                true,
            ),
            (
                "pronoun",
                refers_back("“But we have no illusions,” he admitted."),
                true,
            ),
            (
                "name",
                refers_back("Rutte warned against forcing Ukraine."),
                false,
            ),
        ];
        for (name, got, expected) in cases {
            assert_eq!(got, expected, "{name}");
        }
    }
}
