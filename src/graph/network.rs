//! Alignment and conflict between actors, as in discourse network analysis.
//!
//! # Definitions
//!
//! Within a window, each actor's **stances on a topic** are the set of
//! supportive and opposed stances its dated observations take there (neutral
//! ones say nothing about which side an actor is on, so they are left out).
//! Two actors **agree** on a topic for each stance both took; they are in
//! **conflict** on a topic when one took a stance the other took the
//! opposite of. An actor who changed sides inside the window may do both with
//! the same partner; narrow the window to separate the periods.

use super::timeline::Window;
use super::StanceGraph;
use crate::model::{ActorId, Stance, TopicId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A stance two actors share on a topic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Agreement {
    /// The topic.
    pub topic: TopicId,
    /// The stance both took.
    pub stance: Stance,
}

/// Opposite stances of two actors on a topic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Conflict {
    /// The topic.
    pub topic: TopicId,
    /// The first actor's stance.
    pub a: Stance,
    /// The second actor's stance.
    pub b: Stance,
}

/// What two actors share and where they clash; `a` sorts before `b`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorLink {
    /// The first actor.
    pub a: ActorId,
    /// The second actor.
    pub b: ActorId,
    /// Shared stances, by topic and stance.
    pub agreements: Vec<Agreement>,
    /// Opposite stances, by topic and stances.
    pub conflicts: Vec<Conflict>,
}

type StanceSets<'a> = BTreeMap<&'a ActorId, BTreeMap<&'a TopicId, BTreeSet<Stance>>>;

/// Network queries.
impl StanceGraph {
    /// Every pair of actors that agree or conflict on some topic in `window`,
    /// by (a, b).
    pub fn alignment(&self, window: Window) -> Vec<ActorLink> {
        let sets = self.stance_sets(window);
        let actors: Vec<&&ActorId> = sets.keys().collect();
        let mut links = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            for b in &actors[i + 1..] {
                let link = link_between(a, b, &sets[**a], &sets[**b]);
                if !link.agreements.is_empty() || !link.conflicts.is_empty() {
                    links.push(link);
                }
            }
        }
        links
    }

    fn stance_sets(&self, window: Window) -> StanceSets<'_> {
        let mut sets: StanceSets<'_> = BTreeMap::new();
        for observation in self.observations() {
            let in_window = observation.date.is_some_and(|d| window.contains(d));
            if in_window && observation.stance != Stance::Neutral {
                sets.entry(&observation.actor)
                    .or_default()
                    .entry(&observation.topic)
                    .or_default()
                    .insert(observation.stance);
            }
        }
        sets
    }
}

fn link_between(
    a: &ActorId,
    b: &ActorId,
    a_topics: &BTreeMap<&TopicId, BTreeSet<Stance>>,
    b_topics: &BTreeMap<&TopicId, BTreeSet<Stance>>,
) -> ActorLink {
    let mut link = ActorLink {
        a: a.clone(),
        b: b.clone(),
        agreements: Vec::new(),
        conflicts: Vec::new(),
    };
    for (topic, a_stances) in a_topics {
        let Some(b_stances) = b_topics.get(topic) else {
            continue;
        };
        for stance in a_stances {
            if b_stances.contains(stance) {
                link.agreements.push(Agreement {
                    topic: (*topic).clone(),
                    stance: *stance,
                });
            }
            if b_stances.contains(&stance.negated()) {
                link.conflicts.push(Conflict {
                    topic: (*topic).clone(),
                    a: *stance,
                    b: stance.negated(),
                });
            }
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{date, graph_of, obs};
    use super::*;
    use crate::model::Stance::{Neutral, Oppose, Support};

    fn summary(links: &[ActorLink]) -> Vec<String> {
        links
            .iter()
            .map(|l| {
                let agree: Vec<String> = l
                    .agreements
                    .iter()
                    .map(|g| format!("{}={}", g.topic, g.stance))
                    .collect();
                let clash: Vec<String> = l
                    .conflicts
                    .iter()
                    .map(|c| format!("{}:{}/{}", c.topic, c.a, c.b))
                    .collect();
                format!(
                    "{}-{} agree[{}] conflict[{}]",
                    l.a,
                    l.b,
                    agree.join(","),
                    clash.join(",")
                )
            })
            .collect()
    }

    #[test]
    fn shared_stances_align_and_opposite_ones_conflict() {
        let g = graph_of(vec![
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
            obs("a1", "2024-12-02", "sybiha", "nato", Support),
            obs("a1", "2024-12-02", "russia", "nato", Oppose),
            obs("a2", "2024-12-03", "trump", "nato", Neutral),
            obs("a2", "2024-12-03", "russia", "aid", Oppose),
        ]);
        assert_eq!(
            summary(&g.alignment(Window::default())),
            [
                "russia-sybiha agree[] conflict[nato:oppose/support]",
                "russia-zelensky agree[] conflict[nato:oppose/support]",
                "sybiha-zelensky agree[nato=support] conflict[]",
            ]
        );
    }

    #[test]
    fn the_window_limits_which_stances_count() {
        let g = graph_of(vec![
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
            obs("a2", "2025-02-13", "zelensky", "nato", Oppose),
            obs("a2", "2025-02-13", "hegseth", "nato", Oppose),
        ]);
        assert_eq!(
            summary(&g.alignment(Window::default())),
            ["hegseth-zelensky agree[nato=oppose] conflict[nato:oppose/support]"]
        );
        let early = Window {
            since: None,
            until: Some(date("2024-12-31")),
        };
        assert!(g.alignment(early).is_empty());
    }
}
