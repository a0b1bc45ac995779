//! Scoring system output against gold answer keys, as `gold/FORMAT.md` defines it.
//!
//! ```no_run
//! use stancetrack::eval::{evaluate, load_gold_dir, render_table};
//! # fn run(system: Vec<stancetrack::extraction::Extraction>) {
//! let gold = load_gold_dir(std::path::Path::new("tests/gold/seeds")).expect("gold loads");
//! let report = evaluate(&gold, &system);
//! print!("{}", render_table(&report));
//! # }
//! ```
//!
//! Scores are micro-averaged: each category's counts are summed over
//! articles before precision, recall and F1 are taken.

mod gold;
mod normalise;
mod quotes;
mod render;
mod report;
mod shifts;
mod speaker;
mod stances;

pub use gold::{
    load_gold_dir, parse_gold, EvalError, GoldArticle, GoldQuote, GoldShift, GoldStance, QuoteText,
};
pub use normalise::{names_match, normalise_quote, normalised_texts_match};
pub use quotes::{match_quotes, speaker_is_correct};
pub use render::{render_json, render_table, render_verbose};
pub use report::{
    Accuracy, ArticleReport, EvalReport, QuoteEntry, Score, ShiftRecord, StanceTuple, WrongSpeaker,
};
pub use shifts::{gold_shifts, GoldShifts};
pub use speaker::{ActorChoice, GoldSpeaker};

use crate::extraction::{DateSource, Extraction, Observation, QuoteRecord, Speaker};
use crate::model::ArticleId;
use std::collections::{BTreeSet, HashMap};

/// Scores the system's extractions against the gold articles.
///
/// Articles are matched by id. A gold article with no system output scores
/// every gold item as missed; system articles without gold are not scored
/// and are listed in `ungraded_articles`. Where the system has two outputs
/// for one id, the first is scored.
pub fn evaluate(gold: &[GoldArticle], system: &[Extraction]) -> EvalReport {
    let mut by_id: HashMap<&ArticleId, &Extraction> = HashMap::new();
    for extraction in system {
        by_id.entry(&extraction.id).or_insert(extraction);
    }
    let pairs: Vec<(&GoldArticle, Option<&Extraction>)> = gold
        .iter()
        .map(|g| (g, by_id.get(&g.article).copied()))
        .collect();
    let articles: Vec<ArticleReport> = pairs
        .iter()
        .map(|(gold, system)| score_article(gold, *system))
        .collect();
    let gold_ids: BTreeSet<&ArticleId> = gold.iter().map(|g| &g.article).collect();
    let ungraded_articles: BTreeSet<ArticleId> = system
        .iter()
        .filter(|s| !gold_ids.contains(&s.id))
        .map(|s| s.id.clone())
        .collect();
    let shifts = shifts::score_shifts(&pairs);
    EvalReport {
        gold_articles: gold.len(),
        missing_articles: pairs
            .iter()
            .filter(|(_, system)| system.is_none())
            .map(|(gold, _)| gold.article.clone())
            .collect(),
        ungraded_articles: ungraded_articles.into_iter().collect(),
        quotes: Score::sum(articles.iter().map(|a| &a.quotes)),
        attribution: Accuracy::sum(articles.iter().map(|a| &a.attribution)),
        attributed_quotes: Score::sum(articles.iter().map(|a| &a.attributed_quotes)),
        stances: Score::sum(articles.iter().map(|a| &a.stances)),
        history: Score::sum(articles.iter().map(|a| &a.history)),
        shifts: shifts.score,
        missed_shifts: shifts.missed,
        extra_shifts: shifts.extra,
        ignored_shifts: shifts.ignored,
        articles,
    }
}

/// Scores one gold article against the system's output for it (none: all missed).
fn score_article(gold: &GoldArticle, system: Option<&Extraction>) -> ArticleReport {
    let (quote_records, observations): (&[QuoteRecord], &[Observation]) = match system {
        Some(s) => (&s.quotes, &s.observations),
        None => (&[], &[]),
    };
    let quotes = quotes::score_quotes(&gold.quotes, quote_records);
    let current = stances::score_current(&gold.stances, observations);
    let history = stances::score_history(&gold.stances, observations);
    ArticleReport {
        article: gold.article.clone(),
        date: gold.date,
        found: system.is_some(),
        system_date: system.and_then(|s| s.date),
        quotes: quotes.quotes,
        attribution: quotes.attribution,
        attributed_quotes: quotes.attributed,
        stances: current.score,
        history: history.score,
        missed_quotes: quotes.missed,
        extra_quotes: quotes.extra,
        wrong_speakers: quotes.wrong_speakers,
        missed_stances: current.missed,
        extra_stances: current.extra,
        ignored_stances: current.ignored,
        missed_history: history.missed,
        extra_history: history.extra,
    }
}

/// Construction of system output from gold.
impl GoldArticle {
    /// The extraction a perfect system would produce for this article.
    ///
    /// Quotes keep their gold text; an actor list becomes its first id, a
    /// named speaker a name without actor, an anonymous one a bare
    /// description. Every stance entry, optional ones included, becomes one
    /// observation. Offsets are zero. Useful as a fixture and to check the
    /// scorer: evaluating gold against its own extractions scores 1.0.
    pub fn to_extraction(&self) -> Extraction {
        let quotes = self
            .quotes
            .iter()
            .map(|q| QuoteRecord {
                text: q.text.0.clone(),
                start: 0,
                end: 0,
                speaker: match &q.speaker {
                    GoldSpeaker::Actor(choice) => Speaker {
                        actor: Some(choice.0[0].clone()),
                        ..Speaker::default()
                    },
                    GoldSpeaker::Name(name) => Speaker {
                        name: Some(name.clone()),
                        ..Speaker::default()
                    },
                    GoldSpeaker::Anonymous => Speaker {
                        description: Some("an unnamed source".to_string()),
                        ..Speaker::default()
                    },
                },
                cue: None,
                method: "gold".to_string(),
            })
            .collect();
        let observations = self
            .stances
            .iter()
            .map(|s| Observation {
                actor: s.actor.0[0].clone(),
                topic: s.topic.clone(),
                stance: s.stance,
                evidence: s.evidence.clone().unwrap_or_default(),
                start: 0,
                end: 0,
                quoted: false,
                rule: "gold".to_string(),
                held: s.held,
                article: self.article.clone(),
                date: Some(self.date),
            })
            .collect();
        Extraction {
            id: self.article.clone(),
            title: None,
            date: Some(self.date),
            date_source: DateSource::Manifest,
            quotes,
            observations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn seeds() -> Vec<GoldArticle> {
        load_gold_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/seeds")).unwrap()
    }

    fn perfect(score: &Score) -> bool {
        score.fp == 0 && score.r#fn == 0 && score.f1 == Some(1.0)
    }

    #[test]
    fn gold_scored_against_itself_is_perfect() {
        let gold = seeds();
        let system: Vec<Extraction> = gold.iter().map(GoldArticle::to_extraction).collect();
        let report = evaluate(&gold, &system);
        let categories = [
            ("quotes", &report.quotes),
            ("attributed quotes", &report.attributed_quotes),
            ("stances", &report.stances),
            ("dated history", &report.history),
            ("shifts", &report.shifts),
        ];
        for (name, score) in categories {
            assert!(perfect(score), "{name}: {score:?}");
        }
        assert_eq!(report.attribution.value, Some(1.0));
        let tps: Vec<usize> = categories.iter().map(|(_, s)| s.tp).collect();
        assert_eq!(tps, [58, 58, 49, 5, 4]);
        for article in &report.articles {
            assert!(perfect(&article.quotes), "{}", article.article);
            assert!(article.missed_stances.is_empty() && article.extra_stances.is_empty());
        }
        assert!(report.missing_articles.is_empty() && report.ungraded_articles.is_empty());
        assert!(report.extra_shifts.is_empty() && report.ignored_shifts.is_empty());
    }

    #[test]
    fn unmatched_articles_are_missed_or_listed() {
        let gold = seeds();
        let mut system: Vec<Extraction> =
            gold[1..].iter().map(GoldArticle::to_extraction).collect();
        let mut stray = gold[0].to_extraction();
        stray.id = ArticleId::from("999_unknown");
        system.push(stray);
        let report = evaluate(&gold, &system);
        assert_eq!(report.missing_articles, [gold[0].article.clone()]);
        assert_eq!(report.ungraded_articles, [ArticleId::from("999_unknown")]);
        let first = &report.articles[0];
        assert!(!first.found);
        assert_eq!(first.quotes, Score::new(0, 0, 7));
        assert_eq!(first.missed_quotes.len(), 7);
        assert_eq!(report.quotes, Score::new(51, 0, 7));
    }
}
