//! What a rule edit changes in one article: two snapshots of it compared.
//!
//! Quotes are found without rules, so both runs see the same quotes; a rule
//! edit can only change who said them. Observations are matched in three
//! passes: identical ones are unchanged; of the rest, one with the same
//! actor, topic and evidence on both sides has *changed* (its stance, rule,
//! or when it was held); whatever is left was *removed* or *added*.

pub mod render;

use crate::extraction::Held;
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use crate::snapshot::{ArticleSnapshot, ObservationSnapshot, SpeakerSnapshot};
use chrono::NaiveDate;
use serde::Serialize;

/// Everything that differs between two snapshots of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleChanges {
    /// The article id.
    pub id: ArticleId,
    /// Its date, if known.
    pub date: Option<NaiveDate>,
    /// Its title, if known.
    pub title: Option<String>,
    /// Quotes whose speaker changed, in text order.
    pub speakers: Vec<SpeakerChange>,
    /// Observations only the new rules make.
    pub added: Vec<ObservationSnapshot>,
    /// Observations only the old rules made.
    pub removed: Vec<ObservationSnapshot>,
    /// Observations both make, with a different stance, rule or time.
    pub changed: Vec<ObservationChange>,
}

/// A quote whose speaker differs; `None` on the side where the quote is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerChange {
    /// The quote text.
    pub quote: String,
    /// The speaker under the old rules.
    pub old: Option<SpeakerSnapshot>,
    /// The speaker under the new rules.
    pub new: Option<SpeakerSnapshot>,
}

/// The same actor, topic and evidence with a different reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationChange {
    /// Who holds the stance.
    pub actor: ActorId,
    /// What it is about.
    pub topic: TopicId,
    /// The evidence both readings share.
    pub evidence: String,
    /// The old reading.
    pub old: Reading,
    /// The new reading.
    pub new: Reading,
}

/// What an observation says about its evidence: the parts a rule edit can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The position.
    pub stance: Stance,
    /// `earlier` for a stance dated before the article.
    pub held: Option<Held>,
    /// The date the stance was held, when not the article's.
    pub date: Option<NaiveDate>,
    /// Whether it was expressed inside a quotation.
    pub quoted: bool,
    /// The rule that fired.
    pub rule: String,
}

/// Counts over a whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// Articles compared.
    pub articles: usize,
    /// Articles with at least one change.
    pub changed_articles: usize,
    /// Quotes whose speaker changed.
    pub speakers: usize,
    /// Observations added.
    pub added: usize,
    /// Observations removed.
    pub removed: usize,
    /// Observations changed.
    pub changed: usize,
}

/// Queries.
impl ArticleChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

/// Construction.
impl ChangeSummary {
    /// Adds up the changes of `compared` articles (of which `changes` lists those that changed).
    pub fn of(compared: usize, changes: &[ArticleChanges]) -> ChangeSummary {
        let mut summary = ChangeSummary {
            articles: compared,
            ..ChangeSummary::default()
        };
        for article in changes.iter().filter(|c| !c.is_empty()) {
            summary.changed_articles += 1;
            summary.speakers += article.speakers.len();
            summary.added += article.added.len();
            summary.removed += article.removed.len();
            summary.changed += article.changed.len();
        }
        summary
    }

    /// Whether anything changed.
    pub fn any(&self) -> bool {
        self.changed_articles > 0
    }
}

impl From<&ObservationSnapshot> for Reading {
    fn from(o: &ObservationSnapshot) -> Self {
        Reading {
            stance: o.stance,
            held: o.held,
            date: o.date,
            quoted: o.quoted,
            rule: o.rule.clone(),
        }
    }
}

/// Compares the old and new snapshots of one article.
pub fn compare_articles(old: &ArticleSnapshot, new: &ArticleSnapshot) -> ArticleChanges {
    let (removed, added, changed) = compare_observations(&old.observations, &new.observations);
    ArticleChanges {
        id: new.article.id.clone(),
        date: new.article.date,
        title: new.article.title.clone(),
        speakers: compare_speakers(old, new),
        added,
        removed,
        changed,
    }
}

/// Pairs each old quote with the first unpaired new quote of the same text.
fn compare_speakers(old: &ArticleSnapshot, new: &ArticleSnapshot) -> Vec<SpeakerChange> {
    let mut used = vec![false; new.quotes.len()];
    let mut changes = Vec::new();
    for quote in &old.quotes {
        let partner = (0..new.quotes.len()).find(|&i| !used[i] && new.quotes[i].text == quote.text);
        match partner {
            Some(i) => {
                used[i] = true;
                if new.quotes[i].speaker != quote.speaker {
                    changes.push(SpeakerChange {
                        quote: quote.text.clone(),
                        old: Some(quote.speaker.clone()),
                        new: Some(new.quotes[i].speaker.clone()),
                    });
                }
            }
            None => changes.push(SpeakerChange {
                quote: quote.text.clone(),
                old: Some(quote.speaker.clone()),
                new: None,
            }),
        }
    }
    for (quote, _) in new.quotes.iter().zip(&used).filter(|(_, used)| !**used) {
        changes.push(SpeakerChange {
            quote: quote.text.clone(),
            old: None,
            new: Some(quote.speaker.clone()),
        });
    }
    changes
}

type Compared = (
    Vec<ObservationSnapshot>,
    Vec<ObservationSnapshot>,
    Vec<ObservationChange>,
);

/// Returns (removed, added, changed), each in text order.
fn compare_observations(old: &[ObservationSnapshot], new: &[ObservationSnapshot]) -> Compared {
    let mut old_left: Vec<Option<&ObservationSnapshot>> = old.iter().map(Some).collect();
    let mut new_left: Vec<Option<&ObservationSnapshot>> = new.iter().map(Some).collect();
    pair_off(&mut old_left, &mut new_left, |a, b| a == b, |_, _| {});
    let mut changed = Vec::new();
    pair_off(
        &mut old_left,
        &mut new_left,
        |a, b| a.actor == b.actor && a.topic == b.topic && a.evidence == b.evidence,
        |a, b| {
            changed.push(ObservationChange {
                actor: a.actor.clone(),
                topic: a.topic.clone(),
                evidence: a.evidence.clone(),
                old: Reading::from(a),
                new: Reading::from(b),
            })
        },
    );
    let rest =
        |left: Vec<Option<&ObservationSnapshot>>| left.into_iter().flatten().cloned().collect();
    (rest(old_left), rest(new_left), changed)
}

/// Pairs each remaining old item with the first remaining new item that
/// `same` accepts, takes both out and hands them to `paired`.
fn pair_off<'a>(
    old: &mut [Option<&'a ObservationSnapshot>],
    new: &mut [Option<&'a ObservationSnapshot>],
    same: impl Fn(&ObservationSnapshot, &ObservationSnapshot) -> bool,
    mut paired: impl FnMut(&'a ObservationSnapshot, &'a ObservationSnapshot),
) {
    for slot in old.iter_mut() {
        let Some(a) = *slot else { continue };
        let partner = new.iter_mut().find(|b| b.is_some_and(|b| same(a, b)));
        if let Some(partner) = partner {
            let b = partner.take().expect("found among the remaining ones");
            *slot = None;
            paired(a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{ArticleInfo, QuoteSnapshot};

    fn obs(actor: &str, stance: Stance, rule: &str, evidence: &str) -> ObservationSnapshot {
        ObservationSnapshot {
            actor: actor.into(),
            topic: "t".into(),
            stance,
            held: None,
            date: None,
            quoted: false,
            rule: rule.to_string(),
            evidence: evidence.to_string(),
        }
    }

    fn quote(text: &str, actor: Option<&str>) -> QuoteSnapshot {
        QuoteSnapshot {
            text: text.to_string(),
            speaker: SpeakerSnapshot {
                actor: actor.map(ActorId::from),
                ..SpeakerSnapshot::default()
            },
            method: "verb-after".to_string(),
        }
    }

    fn article(
        quotes: Vec<QuoteSnapshot>,
        observations: Vec<ObservationSnapshot>,
    ) -> ArticleSnapshot {
        ArticleSnapshot {
            article: ArticleInfo {
                id: "a".into(),
                date: None,
                title: None,
            },
            quotes,
            observations,
        }
    }

    #[test]
    fn observations_are_unchanged_changed_removed_or_added() {
        let old = article(
            vec![],
            vec![
                obs("rutte", Stance::Oppose, "r1", "E1"),
                obs("trump", Stance::Support, "r2", "E2"),
                obs("rutte", Stance::Oppose, "r3", "E3"),
            ],
        );
        let new = article(
            vec![],
            vec![
                obs("rutte", Stance::Oppose, "r1", "E1"),
                obs("trump", Stance::Oppose, "r2", "E2"),
                obs("vance", Stance::Support, "r4", "E4"),
            ],
        );
        let changes = compare_articles(&old, &new);
        assert_eq!(changes.removed, [obs("rutte", Stance::Oppose, "r3", "E3")]);
        assert_eq!(changes.added, [obs("vance", Stance::Support, "r4", "E4")]);
        assert_eq!(changes.changed.len(), 1);
        assert_eq!(changes.changed[0].old.stance, Stance::Support);
        assert_eq!(changes.changed[0].new.stance, Stance::Oppose);
        assert!(compare_articles(&old, &old).is_empty());
    }

    #[test]
    fn two_readings_of_one_sentence_lose_only_the_one_that_went() {
        let both = vec![
            obs("ukraine", Stance::Support, "r1", "E"),
            obs("ukraine", Stance::Oppose, "r2", "E"),
        ];
        let old = article(vec![], both.clone());
        let new = article(vec![], vec![both[0].clone()]);
        let changes = compare_articles(&old, &new);
        assert_eq!(changes.removed, [both[1].clone()]);
        assert!(changes.changed.is_empty() && changes.added.is_empty());
    }

    #[test]
    fn speaker_changes_pair_quotes_by_text() {
        let old = article(vec![quote("Q1", Some("rutte")), quote("Q2", None)], vec![]);
        let new = article(
            vec![quote("Q1", Some("rutte")), quote("Q2", Some("trump"))],
            vec![],
        );
        let changes = compare_articles(&old, &new);
        assert_eq!(changes.speakers.len(), 1);
        assert_eq!(changes.speakers[0].quote, "Q2");
        assert_eq!(
            changes.speakers[0].new.as_ref().unwrap().to_string(),
            "trump"
        );
        let summary = ChangeSummary::of(3, &[changes]);
        assert_eq!(
            (summary.articles, summary.changed_articles, summary.speakers),
            (3, 1, 1)
        );
    }
}
