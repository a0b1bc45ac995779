//! Dated positions: each actor's timeline per topic, and its position as of a date.
//!
//! # Definitions
//!
//! A **timeline point** gathers one (actor, topic)'s observations of one date
//! and one [`Phase`]: stances an article dates before itself (`held:
//! earlier`, placed at the date the matcher gives them: an approximate
//! earlier date, or the article's own date when the text gives none) come
//! before the current stances of the same date, so "had long ruled out X …
//! now proposes X" in one article reads as two points, earlier then current.
//!
//! An earlier stance the text gives no date for ("had long ruled out") is
//! known only to lie **before its article**; its point is marked so (see
//! [`TimelinePoint::before_article`]) and [`super::shifts`] compares it only
//! with what follows it.
//!
//! The **position** at a point is the stance most of its observations take,
//! neutral on a tie (see [`super::position`]).
//!
//! The **position as of a date** is the position at the last point on or
//! before it. Undated observations have no place on a timeline.

use super::position::StanceCounts;
use super::StanceGraph;
use crate::extraction::{Held, Observation};
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

/// When a stance was held relative to the article that reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// The article dates it before itself (`held: earlier`).
    Earlier,
    /// Held at the time of the article.
    Current,
}

impl Phase {
    /// The phase of an observation.
    pub fn of(observation: &Observation) -> Phase {
        match observation.held {
            Some(Held::Earlier) => Phase::Earlier,
            None => Phase::Current,
        }
    }
}

/// A date range; either end may be open. Both ends are inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First day, if any.
    pub since: Option<NaiveDate>,
    /// Last day, if any.
    pub until: Option<NaiveDate>,
}

impl Window {
    /// Whether `date` lies inside the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// One (actor, topic)'s observations of one date and phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint<'a> {
    /// The date.
    pub date: NaiveDate,
    /// Earlier-held or current.
    pub phase: Phase,
    /// The position (see the module docs).
    pub position: Stance,
    /// An earlier stance placed at its article's date because the text gives
    /// no date for it: it was held at some time before that date.
    pub before_article: bool,
    /// The observations per stance.
    pub counts: StanceCounts,
    /// The observations, in [`super::observation_order`].
    pub observations: Vec<&'a Observation>,
}

impl<'a> TimelinePoint<'a> {
    /// The articles of the point's observations, sorted, each once.
    pub fn articles(&self) -> Vec<&ArticleId> {
        let mut articles: Vec<&ArticleId> = self.observations.iter().map(|o| &o.article).collect();
        articles.sort();
        articles.dedup();
        articles
    }

    /// The last observation taking `stance`, or the last one at all.
    pub fn last_with(&self, stance: Stance) -> &'a Observation {
        let observations = &self.observations;
        let found = observations.iter().rev().find(|o| o.stance == stance);
        found
            .or(observations.last())
            .expect("a point has observations")
    }

    /// The first observation taking `stance`, or the first one at all.
    pub fn first_with(&self, stance: Stance) -> &'a Observation {
        let observations = &self.observations;
        let found = observations.iter().find(|o| o.stance == stance);
        found
            .or(observations.first())
            .expect("a point has observations")
    }
}

/// One actor's dated positions on one topic, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline<'a> {
    /// Who.
    pub actor: ActorId,
    /// On what.
    pub topic: TopicId,
    /// The points, by date, earlier-held before current on one date.
    pub points: Vec<TimelinePoint<'a>>,
}

impl<'a> Timeline<'a> {
    /// The last point on or before `date`.
    pub fn as_of(&self, date: NaiveDate) -> Option<&TimelinePoint<'a>> {
        self.points.iter().rev().find(|p| p.date <= date)
    }

    /// The last point.
    pub fn current(&self) -> Option<&TimelinePoint<'a>> {
        self.points.last()
    }

    /// The dates since the position last changed: the dates of the trailing
    /// points that share the last point's position, oldest first, each once.
    pub fn current_run(&self) -> Vec<NaiveDate> {
        let Some(last) = self.points.last() else {
            return Vec::new();
        };
        let mut dates: Vec<NaiveDate> = self
            .points
            .iter()
            .rev()
            .take_while(|p| p.position == last.position)
            .map(|p| p.date)
            .collect();
        dates.reverse();
        dates.dedup();
        dates
    }
}

/// Timeline queries.
impl StanceGraph {
    /// One pair's timeline up to `until` (inclusive; `None` for all of it).
    pub fn timeline(
        &self,
        actor: &ActorId,
        topic: &TopicId,
        until: Option<NaiveDate>,
    ) -> Timeline<'_> {
        let mut points: Vec<TimelinePoint<'_>> = Vec::new();
        for observation in self.observations_of(actor, topic) {
            let Some(date) = observation.date else {
                continue;
            };
            if until.is_some_and(|u| date > u) {
                continue;
            }
            let phase = Phase::of(observation);
            let before_article =
                phase == Phase::Earlier && self.article_date(&observation.article) == Some(date);
            match points.last_mut() {
                Some(point) if point.date == date && point.phase == phase => {
                    point.before_article |= before_article;
                    point.observations.push(observation);
                }
                _ => points.push(TimelinePoint {
                    date,
                    phase,
                    before_article,
                    position: observation.stance,
                    counts: StanceCounts::default(),
                    observations: vec![observation],
                }),
            }
        }
        for point in &mut points {
            for observation in &point.observations {
                point.counts.add(observation.stance);
            }
            point.position = point.counts.position();
        }
        Timeline {
            actor: actor.clone(),
            topic: topic.clone(),
            points,
        }
    }

    /// Every pair's timeline up to `until`, by (actor, topic); pairs with no
    /// dated observation are left out.
    pub fn timelines(&self, until: Option<NaiveDate>) -> Vec<Timeline<'_>> {
        // Pairs are independent and a large corpus has thousands; `collect`
        // keeps their order.
        self.pairs()
            .into_par_iter()
            .map(|(actor, topic)| self.timeline(actor, topic, until))
            .filter(|t| !t.points.is_empty())
            .collect()
    }

    /// The actor's position on the topic as of `date`, if on record by then.
    pub fn position_as_of(
        &self,
        actor: &ActorId,
        topic: &TopicId,
        date: NaiveDate,
    ) -> Option<Stance> {
        self.timeline(actor, topic, Some(date))
            .current()
            .map(|p| p.position)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{date, graph_of, obs, obs_earlier};
    use super::*;
    use crate::model::Stance::{Neutral, Oppose, Support};

    #[test]
    fn position_as_of_uses_the_last_point_on_or_before_the_date() {
        let g = graph_of(vec![
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
            obs("a2", "2025-02-13", "zelensky", "nato", Neutral),
        ]);
        let (z, n) = (&"zelensky".into(), &"nato".into());
        assert_eq!(g.position_as_of(z, n, date("2024-12-01")), None);
        assert_eq!(g.position_as_of(z, n, date("2024-12-02")), Some(Support));
        assert_eq!(g.position_as_of(z, n, date("2025-02-12")), Some(Support));
        assert_eq!(g.position_as_of(z, n, date("2025-02-13")), Some(Neutral));
    }

    #[test]
    fn earlier_held_points_come_before_current_ones_of_the_same_date() {
        let g = graph_of(vec![
            obs("a1", "2025-02-13", "zelensky", "land", Support),
            obs_earlier("a1", "2025-02-13", "zelensky", "land", Oppose),
            obs_earlier("a1", "2024-11-15", "zelensky", "land", Neutral),
        ]);
        let t = g.timeline(&"zelensky".into(), &"land".into(), None);
        let seen: Vec<(String, Phase, Stance)> = t
            .points
            .iter()
            .map(|p| (p.date.to_string(), p.phase, p.position))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("2024-11-15".to_string(), Phase::Earlier, Neutral),
                ("2025-02-13".to_string(), Phase::Earlier, Oppose),
                ("2025-02-13".to_string(), Phase::Current, Support),
            ]
        );
        assert_eq!(t.current_run(), vec![date("2025-02-13")]);
    }

    #[test]
    fn one_date_groups_articles_and_undated_observations_are_left_out() {
        let mut undated = obs("a9", "2025-01-01", "trump", "nato", Support);
        undated.date = None;
        let g = graph_of(vec![
            obs("a2", "2025-02-13", "trump", "nato", Oppose),
            obs("a1", "2025-02-13", "trump", "nato", Oppose),
            obs("a3", "2025-10-22", "trump", "nato", Oppose),
            undated,
        ]);
        let t = g.timeline(&"trump".into(), &"nato".into(), None);
        assert_eq!(t.points.len(), 2);
        let articles: Vec<&str> = t.points[0].articles().iter().map(|a| a.as_str()).collect();
        assert_eq!(articles, ["a1", "a2"]);
        assert_eq!(
            t.current_run(),
            vec![date("2025-02-13"), date("2025-10-22")]
        );
        let until = g.timeline(&"trump".into(), &"nato".into(), Some(date("2025-03-01")));
        assert_eq!(until.points.len(), 1);
    }
}
