//! Shifts (changes of position) and how often each actor changed.
//!
//! # Definitions
//!
//! A **shift** is two consecutive points of one timeline (see
//! [`super::timeline`]) whose positions differ. Its evidence is the last
//! observation of the earlier point that takes the `from` stance and the
//! first observation of the later point that takes the `to` stance. When an
//! article reports an earlier stance and a current one that differ ("had
//! long ruled out ceding territory … has proposed to swap land"), its two
//! points are consecutive and the shift is **within the article**: both
//! sides of the evidence come from it.
//!
//! An earlier stance the text gives no date for ([`super::TimelinePoint::before_article`])
//! may have been held at any time before its article, so no shift ends at
//! it: it is compared only with the point that follows it. "Had long ruled
//! out ceding territory" in a February article says nothing about a change
//! since December.
//!
//! A window keeps the shifts whose later side lies inside it; the earlier
//! side may lie before `since` (the change happened inside the window even
//! if the old position was taken before it). Nothing after `until` is seen.
//!
//! **Volatility** is an actor's shifts divided by its positions (timeline
//! points) in the window, over all topics: 0 for an actor who never changed,
//! approaching 1 for one whose every statement differs from the last.

use super::timeline::{Phase, Window};
use super::StanceGraph;
use crate::extraction::Observation;
use crate::model::{ActorId, Stance, TopicId};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A change of position with the evidence on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift<'a> {
    /// Who changed.
    pub actor: ActorId,
    /// On what.
    pub topic: TopicId,
    /// The position before.
    pub from: Stance,
    /// The position after.
    pub to: Stance,
    /// The date of the point before.
    pub from_date: NaiveDate,
    /// The date of the point after.
    pub to_date: NaiveDate,
    /// Whether the point before was held earlier or current.
    pub from_phase: Phase,
    /// Whether the point after was held earlier or current.
    pub to_phase: Phase,
    /// The last observation before the change.
    pub before: &'a Observation,
    /// The first observation after the change.
    pub after: &'a Observation,
}

impl Shift<'_> {
    /// Whether one article reports both sides.
    pub fn within_article(&self) -> bool {
        self.before.article == self.after.article
    }
}

/// How often an actor changed position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Volatility {
    /// Who.
    pub actor: ActorId,
    /// Timeline points in the window, over all topics.
    pub positions: usize,
    /// Shifts in the window, over all topics.
    pub shifts: usize,
}

impl Volatility {
    /// Shifts per position, 0 when there are no positions.
    pub fn score(&self) -> f64 {
        if self.positions == 0 {
            0.0
        } else {
            self.shifts as f64 / self.positions as f64
        }
    }
}

/// Shift queries.
impl StanceGraph {
    /// Every shift whose later side lies in `window`, oldest first (by date
    /// and phase of the later side, then actor and topic).
    pub fn shifts(&self, window: Window) -> Vec<Shift<'_>> {
        let mut shifts = Vec::new();
        for timeline in self.timelines(window.until) {
            for pair in timeline.points.windows(2) {
                let (before, after) = (&pair[0], &pair[1]);
                if before.position == after.position
                    || after.before_article
                    || !window.contains(after.date)
                {
                    continue;
                }
                shifts.push(Shift {
                    actor: timeline.actor.clone(),
                    topic: timeline.topic.clone(),
                    from: before.position,
                    to: after.position,
                    from_date: before.date,
                    to_date: after.date,
                    from_phase: before.phase,
                    to_phase: after.phase,
                    before: before.last_with(before.position),
                    after: after.first_with(after.position),
                });
            }
        }
        shifts.sort_by(|a, b| {
            (a.to_date, a.to_phase, &a.actor, &a.topic, a.from_date).cmp(&(
                b.to_date,
                b.to_phase,
                &b.actor,
                &b.topic,
                b.from_date,
            ))
        });
        shifts
    }

    /// Every actor's volatility in `window`, by actor id.
    pub fn volatility(&self, window: Window) -> Vec<Volatility> {
        let mut by_actor: BTreeMap<ActorId, Volatility> = BTreeMap::new();
        for timeline in self.timelines(window.until) {
            let entry = by_actor
                .entry(timeline.actor.clone())
                .or_insert_with(|| Volatility {
                    actor: timeline.actor.clone(),
                    positions: 0,
                    shifts: 0,
                });
            entry.positions += timeline
                .points
                .iter()
                .filter(|p| window.contains(p.date))
                .count();
        }
        for shift in self.shifts(window) {
            if let Some(entry) = by_actor.get_mut(&shift.actor) {
                entry.shifts += 1;
            }
        }
        by_actor.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{date, graph_of, obs, obs_earlier};
    use super::*;
    use crate::model::Stance::{Neutral, Oppose, Support};

    fn summary(shifts: &[Shift<'_>]) -> Vec<String> {
        shifts
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}->{} {}->{} [{} | {}]",
                    s.actor,
                    s.topic,
                    s.from,
                    s.to,
                    s.from_date,
                    s.to_date,
                    s.before.article,
                    s.after.article
                )
            })
            .collect()
    }

    #[test]
    fn consecutive_differing_positions_are_shifts_with_evidence_on_both_sides() {
        let g = graph_of(vec![
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
            obs("a2", "2024-12-03", "zelensky", "nato", Support),
            obs("a3", "2025-02-13", "zelensky", "nato", Neutral),
            obs("a3", "2025-02-13", "trump", "nato", Oppose),
            obs("a4", "2025-10-22", "trump", "nato", Oppose),
        ]);
        let shifts = g.shifts(Window::default());
        assert_eq!(
            summary(&shifts),
            ["zelensky nato support->neutral 2024-12-03->2025-02-13 [a2 | a3]"]
        );
        assert!(!shifts[0].within_article());
    }

    #[test]
    fn an_article_reporting_an_earlier_stance_yields_a_within_article_shift() {
        let g = graph_of(vec![
            obs_earlier("a1", "2025-10-22", "trump", "tomahawks", Support),
            obs("a1", "2025-10-22", "trump", "tomahawks", Oppose),
        ]);
        let shifts = g.shifts(Window::default());
        assert_eq!(
            summary(&shifts),
            ["trump tomahawks support->oppose 2025-10-22->2025-10-22 [a1 | a1]"]
        );
        assert!(shifts[0].within_article());
        assert_eq!(
            (shifts[0].from_phase, shifts[0].to_phase),
            (Phase::Earlier, Phase::Current)
        );
    }

    #[test]
    fn no_shift_ends_at_an_earlier_stance_the_text_gives_no_date_for() {
        let g = graph_of(vec![
            obs("a1", "2024-12-03", "zelensky", "land", Support),
            obs_earlier("a2", "2025-02-13", "zelensky", "land", Oppose),
            obs("a2", "2025-02-13", "zelensky", "land", Support),
        ]);
        assert_eq!(
            summary(&g.shifts(Window::default())),
            ["zelensky land oppose->support 2025-02-13->2025-02-13 [a2 | a2]"]
        );
    }

    #[test]
    fn a_dated_earlier_stance_takes_part_like_any_other() {
        let g = graph_of(vec![
            obs("a1", "2024-10-01", "zelensky", "land", Oppose),
            obs_earlier("a2", "2024-11-15", "zelensky", "land", Neutral),
            obs("a2", "2025-02-13", "zelensky", "land", Support),
        ]);
        assert_eq!(
            summary(&g.shifts(Window::default())),
            [
                "zelensky land oppose->neutral 2024-10-01->2024-11-15 [a1 | a2]",
                "zelensky land neutral->support 2024-11-15->2025-02-13 [a2 | a2]"
            ]
        );
    }

    #[test]
    fn evidence_takes_the_observations_holding_each_side() {
        let mut mixed = obs("a2", "2025-02-13", "zelensky", "nato", Support);
        mixed.start = 5;
        let g = graph_of(vec![
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
            mixed,
            obs("a2", "2025-02-13", "zelensky", "nato", Oppose),
            obs("a3", "2025-02-13", "zelensky", "nato", Oppose),
        ]);
        let shifts = g.shifts(Window::default());
        assert_eq!(shifts.len(), 1);
        assert_eq!(shifts[0].to, Oppose);
        assert_eq!(shifts[0].after.stance, Oppose);
        assert_eq!(shifts[0].after.article.as_str(), "a2");
    }

    #[test]
    fn a_window_keeps_shifts_ending_inside_it() {
        let g = graph_of(vec![
            obs("a1", "2024-01-01", "x", "t", Support),
            obs("a2", "2024-06-01", "x", "t", Oppose),
            obs("a3", "2025-01-01", "x", "t", Support),
        ]);
        let all = g.shifts(Window::default());
        assert_eq!(all.len(), 2);
        let since = Window {
            since: Some(date("2024-03-01")),
            until: Some(date("2024-12-31")),
        };
        assert_eq!(
            summary(&g.shifts(since)),
            ["x t support->oppose 2024-01-01->2024-06-01 [a1 | a2]"]
        );
    }

    #[test]
    fn volatility_is_shifts_per_position() {
        let g = graph_of(vec![
            obs("a1", "2024-01-01", "x", "t", Support),
            obs("a2", "2024-06-01", "x", "t", Oppose),
            obs("a2", "2024-06-01", "x", "u", Oppose),
            obs("a3", "2025-01-01", "x", "t", Support),
            obs("a1", "2024-01-01", "y", "t", Oppose),
            obs("a3", "2025-01-01", "y", "t", Oppose),
        ]);
        let v = g.volatility(Window::default());
        let seen: Vec<(String, usize, usize, String)> = v
            .iter()
            .map(|v| {
                (
                    v.actor.to_string(),
                    v.positions,
                    v.shifts,
                    format!("{:.2}", v.score()),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("x".to_string(), 4, 2, "0.50".to_string()),
                ("y".to_string(), 2, 0, "0.00".to_string())
            ]
        );
    }
}
