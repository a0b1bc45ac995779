//! What a report says, before any format: `StanceGraph` -> `Report`.
//!
//! Every list is in a stated order: shifts newest first, positions and
//! timelines by (actor id, topic id), the rest by id. The JSON format is this
//! structure serialised.

use super::coverage::Coverage;
use crate::extraction::{Held, Observation};
use crate::graph::{ActorLink, ActorNode, Phase, StanceCounts, StanceGraph, TopicNode, Window};
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use serde::Serialize;

/// A stance-change report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The end date: `--until`, else the last observation's date.
    pub as_of: Option<NaiveDate>,
    /// The start date, if the report is limited to one.
    pub since: Option<NaiveDate>,
    /// The actors with observations, by id.
    pub actors: Vec<ActorNode>,
    /// The topics with observations, by id.
    pub topics: Vec<TopicNode>,
    /// Every change of position, newest first.
    pub shifts: Vec<ShiftEntry>,
    /// Each actor's position on each topic as of the end date.
    pub positions: Vec<PositionEntry>,
    /// How often each actor changed.
    pub volatility: Vec<VolatilityEntry>,
    /// Actor pairs that share or oppose stances in the window.
    pub alignment: Vec<ActorLink>,
    /// Each actor's dated history per topic.
    pub timelines: Vec<TimelineEntry>,
    /// What was read.
    pub coverage: Coverage,
}

/// One observation as evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The article.
    pub article: ArticleId,
    /// The date the stance was held.
    pub date: Option<NaiveDate>,
    /// The stance it shows.
    pub stance: Stance,
    /// `earlier` when the article dates it before itself.
    pub held: Option<Held>,
    /// Held earlier at a time the text does not give: `date` is the article's.
    pub before_article: bool,
    /// Whether it was inside a quotation.
    pub quoted: bool,
    /// The rule that fired.
    pub rule: String,
    /// The sentence or quote.
    pub text: String,
}

impl Evidence {
    fn of(graph: &StanceGraph, observation: &Observation) -> Evidence {
        Evidence {
            article: observation.article.clone(),
            date: observation.date,
            stance: observation.stance,
            held: observation.held,
            before_article: observation.held.is_some()
                && observation.date.is_some()
                && observation.date == graph.article_date(&observation.article),
            quoted: observation.quoted,
            rule: observation.rule.clone(),
            text: observation.evidence.clone(),
        }
    }
}

/// A change of position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftEntry {
    /// Who.
    pub actor: ActorId,
    /// On what.
    pub topic: TopicId,
    /// The position before.
    pub from: Stance,
    /// The position after.
    pub to: Stance,
    /// When the position before was last seen.
    pub from_date: NaiveDate,
    /// When the position after was first seen.
    pub to_date: NaiveDate,
    /// The article of the evidence before.
    pub from_article: ArticleId,
    /// The article of the evidence after.
    pub to_article: ArticleId,
    /// Whether one article reports both sides (an earlier stance and a current one).
    pub within_article: bool,
    /// The last observation before.
    pub before: Evidence,
    /// The first observation after.
    pub after: Evidence,
}

/// A position at the end date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionEntry {
    /// Who.
    pub actor: ActorId,
    /// On what.
    pub topic: TopicId,
    /// The position.
    pub stance: Stance,
    /// The date of the point it comes from.
    pub date: NaiveDate,
    /// Whether that date saw more than one stance.
    pub mixed: bool,
}

/// How often an actor changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolatilityEntry {
    /// Who.
    pub actor: ActorId,
    /// Dated positions in the window.
    pub positions: usize,
    /// Shifts in the window.
    pub shifts: usize,
    /// Shifts per position, rounded to two decimals.
    pub score: f64,
}

/// One actor's history on one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Who.
    pub actor: ActorId,
    /// On what.
    pub topic: TopicId,
    /// The position at the end date.
    pub position: Stance,
    /// The dates on which the actor took it since it last changed.
    pub held_on: Vec<NaiveDate>,
    /// The dated points in the window, oldest first.
    pub points: Vec<PointEntry>,
}

/// The observations of one date and phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointEntry {
    /// The date.
    pub date: NaiveDate,
    /// Earlier-held or current.
    pub phase: Phase,
    /// An earlier stance with no date of its own, held some time before `date`.
    pub before_article: bool,
    /// The position (majority; neutral on a tie).
    pub position: Stance,
    /// Observations per stance.
    pub counts: StanceCounts,
    /// Each observation.
    pub evidence: Vec<Evidence>,
}

impl Report {
    /// The report on `graph` for `window`, with the run's `coverage`.
    pub fn build(graph: &StanceGraph, coverage: Coverage, window: Window) -> Report {
        let as_of = window.until.or_else(|| graph.last_date());
        let timelines = graph.timelines(as_of);
        let mut shifts: Vec<ShiftEntry> = graph
            .shifts(window)
            .iter()
            .map(|s| ShiftEntry {
                actor: s.actor.clone(),
                topic: s.topic.clone(),
                from: s.from,
                to: s.to,
                from_date: s.from_date,
                to_date: s.to_date,
                from_article: s.before.article.clone(),
                to_article: s.after.article.clone(),
                within_article: s.within_article(),
                before: Evidence::of(graph, s.before),
                after: Evidence::of(graph, s.after),
            })
            .collect();
        // Newest first: by the later side's date and phase descending, then actor and topic.
        shifts.sort_by(|a, b| {
            let current = |s: &ShiftEntry| s.after.held.is_none();
            (b.to_date.cmp(&a.to_date))
                .then(current(b).cmp(&current(a)))
                .then(a.actor.cmp(&b.actor))
                .then(a.topic.cmp(&b.topic))
                .then(b.from_date.cmp(&a.from_date))
        });
        let positions = timelines
            .iter()
            .filter_map(|t| {
                let point = t.current()?;
                Some(PositionEntry {
                    actor: t.actor.clone(),
                    topic: t.topic.clone(),
                    stance: point.position,
                    date: point.date,
                    mixed: point.counts.is_mixed(),
                })
            })
            .collect();
        let volatility = graph
            .volatility(window)
            .into_iter()
            .map(|v| VolatilityEntry {
                score: (v.score() * 100.0).round() / 100.0,
                actor: v.actor,
                positions: v.positions,
                shifts: v.shifts,
            })
            .collect();
        let timelines = timelines
            .iter()
            .map(|t| TimelineEntry {
                actor: t.actor.clone(),
                topic: t.topic.clone(),
                position: t.current().map_or(Stance::Neutral, |p| p.position),
                held_on: t.current_run(),
                points: t
                    .points
                    .iter()
                    .filter(|p| window.contains(p.date))
                    .map(|p| PointEntry {
                        date: p.date,
                        phase: p.phase,
                        before_article: p.before_article,
                        position: p.position,
                        counts: p.counts,
                        evidence: p
                            .observations
                            .iter()
                            .map(|o| Evidence::of(graph, o))
                            .collect(),
                    })
                    .collect(),
            })
            .filter(|t| !t.points.is_empty())
            .collect();
        Report {
            as_of,
            since: window.since,
            actors: graph.actors().into_iter().cloned().collect(),
            topics: graph.topics().into_iter().cloned().collect(),
            shifts,
            positions,
            volatility,
            alignment: graph.alignment(Window {
                since: window.since,
                until: as_of,
            }),
            timelines,
            coverage,
        }
    }

    /// The actor's name, or its id.
    pub fn actor_name<'a>(&'a self, id: &'a ActorId) -> &'a str {
        self.actors
            .iter()
            .find(|a| &a.id == id)
            .map_or(id.as_str(), |a| a.name.as_str())
    }

    /// The topic's label, or its id.
    pub fn topic_label<'a>(&'a self, id: &'a TopicId) -> &'a str {
        self.topics
            .iter()
            .find(|t| &t.id == id)
            .map_or(id.as_str(), |t| t.label.as_str())
    }
}
