//! Hand-built observations for the graph's unit tests.

use super::{Labels, Selection, StanceGraph};
use crate::extraction::{DateSource, Extraction, Held, Observation};
use crate::model::Stance;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A current observation in `article` of `date`.
pub fn obs(article: &str, day: &str, actor: &str, topic: &str, stance: Stance) -> Observation {
    Observation {
        actor: actor.into(),
        topic: topic.into(),
        stance,
        evidence: format!("{actor} {} {topic} in {article}", stance.adjective()),
        start: 0,
        end: 10,
        quoted: false,
        rule: "test/rule".to_string(),
        held: None,
        article: article.into(),
        date: Some(date(day)),
    }
}

/// An observation `article` dates before itself, placed at `day`.
pub fn obs_earlier(
    article: &str,
    day: &str,
    actor: &str,
    topic: &str,
    stance: Stance,
) -> Observation {
    Observation {
        held: Some(Held::Earlier),
        start: 20,
        evidence: format!(
            "{actor} earlier {} {topic} in {article}",
            stance.adjective()
        ),
        ..obs(article, day, actor, topic, stance)
    }
}

/// One extraction per article (dated by its first current observation).
pub fn extractions_of(observations: Vec<Observation>) -> Vec<Extraction> {
    let mut by_article: BTreeMap<String, Vec<Observation>> = BTreeMap::new();
    for o in observations {
        by_article.entry(o.article.to_string()).or_default().push(o);
    }
    by_article
        .into_iter()
        .map(|(id, observations)| {
            let date = observations
                .iter()
                .find(|o| o.held.is_none())
                .or(observations.first())
                .and_then(|o| o.date);
            Extraction {
                id: id.as_str().into(),
                title: None,
                date,
                date_source: DateSource::Manifest,
                quotes: Vec::new(),
                observations,
            }
        })
        .collect()
}

/// The graph of these observations, with every actor and topic and no labels.
pub fn graph_of(observations: Vec<Observation>) -> StanceGraph {
    StanceGraph::build(
        &extractions_of(observations),
        &Labels::default(),
        &Selection::default(),
    )
}
