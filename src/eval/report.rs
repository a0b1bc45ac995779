//! The evaluation result: counts and scores per category, and every miss and extra.

use super::speaker::ActorChoice;
use crate::model::{ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// Everything `evaluate` found, for the table, the verbose listing and JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// How many gold articles were scored.
    pub gold_articles: usize,
    /// Gold articles the system produced nothing for (every item counts as missed).
    pub missing_articles: Vec<ArticleId>,
    /// System articles without a gold file: not scored, listed in id order.
    pub ungraded_articles: Vec<ArticleId>,
    /// Quote extraction: system quotes against gold quotes, by text.
    pub quotes: Score,
    /// Of the gold quotes found, the share given the right speaker.
    pub attribution: Accuracy,
    /// Quotes with the right text and the right speaker.
    pub attributed_quotes: Score,
    /// (article, actor, topic, stance) tuples held at the time of the article.
    pub stances: Score,
    /// Tuples the text dates before the article (`held: earlier`).
    pub history: Score,
    /// Changes of stance across the corpus and those articles report.
    pub shifts: Score,
    /// Gold shifts the system did not find, by (date, actor, topic).
    pub missed_shifts: Vec<ShiftRecord>,
    /// System shifts not in the gold, by (date, actor, topic).
    pub extra_shifts: Vec<ShiftRecord>,
    /// System shifts explained only by optional gold stances: not counted.
    pub ignored_shifts: Vec<ShiftRecord>,
    /// One entry per gold article, in gold order.
    pub articles: Vec<ArticleReport>,
}

/// The scores and differences for one gold article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    /// The article id.
    pub article: ArticleId,
    /// The gold publication date (used for every date comparison).
    pub date: NaiveDate,
    /// Whether the system produced output for this article.
    pub found: bool,
    /// The date the system gave the article, if any (shown when it differs from `date`).
    pub system_date: Option<NaiveDate>,
    /// Quote extraction counts.
    pub quotes: Score,
    /// Share of found gold quotes with the right speaker.
    pub attribution: Accuracy,
    /// Quotes with the right text and speaker.
    pub attributed_quotes: Score,
    /// Main stance counts.
    pub stances: Score,
    /// Dated-history counts.
    pub history: Score,
    /// Gold quotes with no matching system quote (speaker: the expected one).
    pub missed_quotes: Vec<QuoteEntry>,
    /// System quotes with no matching gold quote (speaker: the one found).
    pub extra_quotes: Vec<QuoteEntry>,
    /// Matched quotes whose speaker is wrong.
    pub wrong_speakers: Vec<WrongSpeaker>,
    /// Gold stances the system did not find.
    pub missed_stances: Vec<StanceTuple>,
    /// System stances not in the gold.
    pub extra_stances: Vec<StanceTuple>,
    /// System stances matching only optional gold entries: not counted.
    pub ignored_stances: Vec<StanceTuple>,
    /// Gold `held: earlier` stances the system did not date earlier.
    pub missed_history: Vec<StanceTuple>,
    /// System `held: earlier` stances not in the gold history.
    pub extra_history: Vec<StanceTuple>,
}

/// True positives, false positives and false negatives, with the scores they give.
///
/// A score is `None` where it is 0/0: precision with no system items,
/// recall with no gold items, F1 with neither.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Gold items found.
    pub tp: usize,
    /// System items matching no gold item.
    pub fp: usize,
    /// Gold items not found.
    pub r#fn: usize,
    /// tp / (tp + fp).
    pub precision: Option<f64>,
    /// tp / (tp + fn).
    pub recall: Option<f64>,
    /// 2tp / (2tp + fp + fn).
    pub f1: Option<f64>,
}

/// A share: how many of `total` were `correct`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Accuracy {
    /// Items judged correct.
    pub correct: usize,
    /// Items judged.
    pub total: usize,
    /// correct / total, `None` when nothing was judged.
    pub value: Option<f64>,
}

/// A quote in a miss or extra list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteEntry {
    /// The quote text as written.
    pub text: String,
    /// The speaker (expected for a miss, found for an extra).
    pub speaker: String,
}

/// A quote found with the wrong speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrongSpeaker {
    /// The gold quote text.
    pub text: String,
    /// The system quote text it matched, when not identical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_text: Option<String>,
    /// The gold speaker.
    pub expected: String,
    /// The system speaker.
    pub found: String,
}

/// An (actor, topic, stance) tuple within an article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StanceTuple {
    /// The actor id, or the acceptable ids of a gold entry.
    pub actor: ActorChoice,
    /// The topic.
    pub topic: TopicId,
    /// The stance.
    pub stance: Stance,
}

/// A change of stance, as listed in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ShiftRecord {
    /// The date of the article(s) showing the new stance.
    pub date: NaiveDate,
    /// The actor id, or the acceptable ids of gold entries.
    pub actor: ActorChoice,
    /// The topic.
    pub topic: TopicId,
    /// The stance before.
    pub from: Stance,
    /// The stance after.
    pub to: Stance,
    /// The articles showing the new stance.
    pub articles: Vec<ArticleId>,
}

/// Construction and combination of scores.
impl Score {
    /// The scores for these counts.
    pub fn new(tp: usize, fp: usize, r#fn: usize) -> Score {
        Score {
            tp,
            fp,
            r#fn,
            precision: ratio(tp, tp + fp),
            recall: ratio(tp, tp + r#fn),
            f1: ratio(2 * tp, 2 * tp + fp + r#fn),
        }
    }

    /// The score of the summed counts (micro-average).
    pub fn sum<'a>(scores: impl IntoIterator<Item = &'a Score>) -> Score {
        let (tp, fp, r#fn) = scores.into_iter().fold((0, 0, 0), |(tp, fp, r#fn), s| {
            (tp + s.tp, fp + s.fp, r#fn + s.r#fn)
        });
        Score::new(tp, fp, r#fn)
    }
}

/// Construction and combination of accuracies.
impl Accuracy {
    /// The accuracy of `correct` out of `total`.
    pub fn new(correct: usize, total: usize) -> Accuracy {
        Accuracy {
            correct,
            total,
            value: ratio(correct, total),
        }
    }

    /// The accuracy of the summed counts.
    pub fn sum<'a>(accuracies: impl IntoIterator<Item = &'a Accuracy>) -> Accuracy {
        let (correct, total) = accuracies
            .into_iter()
            .fold((0, 0), |(c, t), a| (c + a.correct, t + a.total));
        Accuracy::new(correct, total)
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl fmt::Display for StanceTuple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.actor.label(), self.topic, self.stance)
    }
}

impl fmt::Display for ShiftRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let articles: Vec<&str> = self.articles.iter().map(ArticleId::as_str).collect();
        write!(
            f,
            "{} {} {} -> {} on {} ({})",
            self.actor.label(),
            self.topic,
            self.from,
            self.to,
            self.date,
            articles.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_follow_the_counts() {
        let cases = [
            ("perfect", (3, 0, 0), Some(1.0), Some(1.0), Some(1.0)),
            (
                "half found",
                (1, 0, 1),
                Some(1.0),
                Some(0.5),
                Some(2.0 / 3.0),
            ),
            ("nothing claimed", (0, 0, 2), None, Some(0.0), Some(0.0)),
            ("nothing expected", (0, 2, 0), Some(0.0), None, Some(0.0)),
            ("empty", (0, 0, 0), None, None, None),
        ];
        for (name, (tp, fp, r#fn), p, r, f1) in cases {
            let score = Score::new(tp, fp, r#fn);
            assert_eq!(
                (score.precision, score.recall, score.f1),
                (p, r, f1),
                "{name}"
            );
        }
    }

    #[test]
    fn sums_are_micro_averages() {
        let total = Score::sum(&[Score::new(1, 0, 1), Score::new(3, 2, 0)]);
        assert_eq!((total.tp, total.fp, total.r#fn), (4, 2, 1));
        let acc = Accuracy::sum(&[Accuracy::new(1, 2), Accuracy::new(0, 0)]);
        assert_eq!(acc.value, Some(0.5));
    }

    #[test]
    fn false_negatives_serialise_as_fn() {
        let json = serde_json::to_string(&Score::new(1, 0, 0)).unwrap();
        assert_eq!(
            json,
            r#"{"tp":1,"fp":0,"fn":0,"precision":1.0,"recall":1.0,"f1":1.0}"#
        );
    }
}
