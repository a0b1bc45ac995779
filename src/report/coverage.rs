//! What the run read: articles, dates, quotes whose speaker is unknown, observations.

use crate::extraction::{Extraction, Held};
use crate::model::ArticleId;
use chrono::NaiveDate;
use serde::Serialize;

/// Counts over every article read (filters do not apply here).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// Articles read.
    pub articles: usize,
    /// Articles with a date.
    pub dated_articles: usize,
    /// Articles without one, by id: their observations are on no timeline.
    pub undated_articles: Vec<ArticleId>,
    /// The earliest article date.
    pub first_date: Option<NaiveDate>,
    /// The latest article date.
    pub last_date: Option<NaiveDate>,
    /// Quotations found.
    pub quotes: usize,
    /// Quotations not attributed to an actor of the rule pack.
    pub quotes_without_known_speaker: usize,
    /// ... of which the speaker is named but not in the pack.
    pub named_outside_pack: usize,
    /// ... of which the source is anonymous (`a European diplomat`).
    pub anonymous: usize,
    /// ... of which no speaker was found at all.
    pub unresolved: usize,
    /// Stance observations.
    pub observations: usize,
    /// Observations the text dates before its article.
    pub held_earlier: usize,
    /// Observations without a date.
    pub undated_observations: usize,
    /// The same counts per article, by id.
    pub per_article: Vec<ArticleCoverage>,
}

/// One article's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCoverage {
    /// The article.
    pub id: ArticleId,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// Quotations found.
    pub quotes: usize,
    /// Quotations not attributed to an actor of the rule pack.
    pub quotes_without_known_speaker: usize,
    /// Stance observations.
    pub observations: usize,
}

/// The counting sentences of the Coverage section, the same in every format
/// (numbers only, so no format needs to escape them).
impl Coverage {
    /// `Quotes: 58; without a known speaker: …`.
    pub fn quotes_sentence(&self) -> String {
        format!(
            "Quotes: {}; without a known speaker: {} ({} named outside the rule pack, {} anonymous, {} unresolved)",
            self.quotes, self.quotes_without_known_speaker, self.named_outside_pack, self.anonymous, self.unresolved
        )
    }

    /// `Observations: 49 (5 held earlier, 0 undated)`.
    pub fn observations_sentence(&self) -> String {
        format!(
            "Observations: {} ({} held earlier, {} undated)",
            self.observations, self.held_earlier, self.undated_observations
        )
    }
}

impl Coverage {
    /// Counts over `extractions`, per article in id order.
    pub fn of(extractions: &[Extraction]) -> Coverage {
        let mut coverage = Coverage::default();
        let mut sorted: Vec<&Extraction> = extractions.iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        for extraction in sorted {
            coverage.add(extraction);
        }
        coverage
    }

    fn add(&mut self, extraction: &Extraction) {
        self.articles += 1;
        match extraction.date {
            Some(date) => {
                self.dated_articles += 1;
                self.first_date = Some(self.first_date.map_or(date, |d| d.min(date)));
                self.last_date = Some(self.last_date.map_or(date, |d| d.max(date)));
            }
            None => self.undated_articles.push(extraction.id.clone()),
        }
        let mut unknown = 0;
        for quote in &extraction.quotes {
            let speaker = &quote.speaker;
            if speaker.actor.is_some() {
                continue;
            }
            unknown += 1;
            if speaker.name.is_some() {
                self.named_outside_pack += 1;
            } else if speaker.description.is_some() {
                self.anonymous += 1;
            } else {
                self.unresolved += 1;
            }
        }
        self.quotes += extraction.quotes.len();
        self.quotes_without_known_speaker += unknown;
        let observations = &extraction.observations;
        self.observations += observations.len();
        self.held_earlier += observations
            .iter()
            .filter(|o| o.held == Some(Held::Earlier))
            .count();
        self.undated_observations += observations.iter().filter(|o| o.date.is_none()).count();
        self.per_article.push(ArticleCoverage {
            id: extraction.id.clone(),
            date: extraction.date,
            quotes: extraction.quotes.len(),
            quotes_without_known_speaker: unknown,
            observations: observations.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::{DateSource, QuoteRecord, Speaker};

    fn quote(speaker: Speaker) -> QuoteRecord {
        QuoteRecord {
            text: "words".to_string(),
            start: 0,
            end: 5,
            speaker,
            cue: None,
            method: "test".to_string(),
        }
    }

    #[test]
    fn counts_undated_articles_and_quotes_without_a_known_speaker() {
        let known = Speaker {
            actor: Some("rutte".into()),
            name: Some("Mark Rutte".to_string()),
            ..Speaker::default()
        };
        let named = Speaker {
            name: Some("Oleksandr Shapovalov".to_string()),
            ..Speaker::default()
        };
        let anonymous = Speaker {
            description: Some("a diplomat".to_string()),
            ..Speaker::default()
        };
        let article = |id: &str, date: Option<&str>, quotes| Extraction {
            id: id.into(),
            title: None,
            date: date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            date_source: DateSource::Manifest,
            quotes,
            observations: Vec::new(),
        };
        let coverage = Coverage::of(&[
            article("b", None, vec![quote(Speaker::default())]),
            article(
                "a",
                Some("2025-02-13"),
                vec![quote(known), quote(named), quote(anonymous)],
            ),
        ]);
        assert_eq!(coverage.articles, 2);
        assert_eq!(coverage.undated_articles, vec![ArticleId::from("b")]);
        assert_eq!(coverage.quotes, 4);
        assert_eq!(coverage.quotes_without_known_speaker, 3);
        let split = (
            coverage.named_outside_pack,
            coverage.anonymous,
            coverage.unresolved,
        );
        assert_eq!(split, (1, 1, 1));
        assert_eq!(coverage.per_article[0].id.as_str(), "a");
        assert_eq!(coverage.first_date, coverage.last_date);
    }
}
