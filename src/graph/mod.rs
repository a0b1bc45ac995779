//! Observations -> `StanceGraph`: actor and topic nodes, one edge per observation.
//!
//! The graph is a petgraph `StableGraph` whose edges carry whole
//! [`Observation`]s (date, article, stance, evidence, rule, held). Every query
//! sorts explicitly (nodes by id, observations by [`observation_order`]), so
//! output never depends on petgraph's index order.
//!
//! The queries live beside this file: [`timeline`] (dated positions, position
//! as of a date), [`shifts`] (changes of position, volatility) and
//! [`network`] (alignment and conflict between actors).

mod build;
#[cfg(test)]
pub(crate) mod fixture;
pub mod network;
pub mod nodes;
pub mod position;
pub mod shifts;
pub mod timeline;

pub use build::GraphBuilder;
pub use network::{ActorLink, Agreement, Conflict};
pub use nodes::{ActorNode, Labels, Node, TopicNode};
pub use position::StanceCounts;
pub use shifts::{Shift, Volatility};
pub use timeline::{Phase, Timeline, TimelinePoint, Window};

use crate::extraction::{Extraction, Held, Observation};
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Which actors and topics to keep; an empty set keeps all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Actors to keep.
    pub actors: BTreeSet<ActorId>,
    /// Topics to keep.
    pub topics: BTreeSet<TopicId>,
}

impl Selection {
    /// Whether an observation by `actor` on `topic` is kept.
    pub fn keeps(&self, actor: &ActorId, topic: &TopicId) -> bool {
        (self.actors.is_empty() || self.actors.contains(actor))
            && (self.topics.is_empty() || self.topics.contains(topic))
    }
}

/// The order of observations everywhere: dated before undated, then by date,
/// stances held earlier before current ones of the same date, then article,
/// byte offset, actor, topic and stance.
pub fn observation_order(a: &Observation, b: &Observation) -> Ordering {
    order_key(a).cmp(&order_key(b))
}

type OrderKey<'a> = (
    bool,
    Option<NaiveDate>,
    bool,
    &'a ArticleId,
    usize,
    &'a ActorId,
    &'a TopicId,
    Stance,
);

fn order_key(o: &Observation) -> OrderKey<'_> {
    (
        o.date.is_none(),
        o.date,
        o.held != Some(Held::Earlier),
        &o.article,
        o.start,
        &o.actor,
        &o.topic,
        o.stance,
    )
}

/// Actors, topics and observations as a graph.
#[derive(Debug, Clone)]
pub struct StanceGraph {
    graph: StableGraph<Node, Observation>,
    actors: BTreeMap<ActorId, NodeIndex>,
    topics: BTreeMap<TopicId, NodeIndex>,
    /// Each (actor, topic)'s edges in [`observation_order`].
    pairs: BTreeMap<(ActorId, TopicId), Vec<EdgeIndex>>,
    article_dates: BTreeMap<ArticleId, Option<NaiveDate>>,
}

/// Construction.
impl StanceGraph {
    /// Builds the graph of every selected observation in `extractions`.
    pub fn build(extractions: &[Extraction], labels: &Labels, selection: &Selection) -> Self {
        let mut builder = GraphBuilder::new(labels, selection);
        for extraction in extractions {
            builder.add_copy(extraction);
        }
        builder.finish()
    }
}

/// Nodes, edges and articles.
impl StanceGraph {
    /// Every actor, by id.
    pub fn actors(&self) -> Vec<&ActorNode> {
        self.actors.keys().filter_map(|id| self.actor(id)).collect()
    }

    /// Every topic, by id.
    pub fn topics(&self) -> Vec<&TopicNode> {
        self.topics.keys().filter_map(|id| self.topic(id)).collect()
    }

    /// The actor node with this id.
    pub fn actor(&self, id: &ActorId) -> Option<&ActorNode> {
        match self.graph.node_weight(*self.actors.get(id)?) {
            Some(Node::Actor(actor)) => Some(actor),
            _ => None,
        }
    }

    /// The topic node with this id.
    pub fn topic(&self, id: &TopicId) -> Option<&TopicNode> {
        match self.graph.node_weight(*self.topics.get(id)?) {
            Some(Node::Topic(topic)) => Some(topic),
            _ => None,
        }
    }

    /// The actor's name, or its id when unknown.
    pub fn actor_name(&self, id: &ActorId) -> String {
        self.actor(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    /// The topic's label, or its id when unknown.
    pub fn topic_label(&self, id: &TopicId) -> String {
        self.topic(id)
            .map_or_else(|| id.to_string(), |t| t.label.clone())
    }

    /// Every (actor, topic) with at least one observation, sorted.
    pub fn pairs(&self) -> Vec<(&ActorId, &TopicId)> {
        self.pairs.keys().map(|(a, t)| (a, t)).collect()
    }

    /// One pair's observations in [`observation_order`].
    pub fn observations_of(&self, actor: &ActorId, topic: &TopicId) -> Vec<&Observation> {
        self.pairs
            .get(&(actor.clone(), topic.clone()))
            .map(|edges| self.edge_weights(edges))
            .unwrap_or_default()
    }

    /// Every observation in [`observation_order`].
    pub fn observations(&self) -> Vec<&Observation> {
        let mut all: Vec<&Observation> = self.graph.edge_weights().collect();
        all.sort_by(|a, b| observation_order(a, b));
        all
    }

    /// An article's publication date (`None` when undated or never read).
    pub fn article_date(&self, article: &ArticleId) -> Option<NaiveDate> {
        self.article_dates.get(article).copied().flatten()
    }

    /// The date of the latest dated observation.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.graph.edge_weights().filter_map(|o| o.date).max()
    }

    fn edge_weights(&self, edges: &[EdgeIndex]) -> Vec<&Observation> {
        edges
            .iter()
            .filter_map(|e| self.graph.edge_weight(*e))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{extractions_of, obs};
    use super::*;
    use crate::model::Stance::{Oppose, Support};

    #[test]
    fn nodes_are_sorted_by_id_and_named_from_the_labels() {
        let extractions = extractions_of(vec![
            obs("a2", "2025-02-13", "zelensky", "nato", Support),
            obs("a1", "2024-12-02", "trump", "nato", Oppose),
            obs("a1", "2024-12-02", "trump", "aid", Oppose),
        ]);
        let mut labels = Labels::default();
        labels.actors.insert(
            "trump".into(),
            ("Donald Trump".to_string(), "person".to_string()),
        );
        let g = StanceGraph::build(&extractions, &labels, &Selection::default());
        let actors: Vec<(&str, &str, &str)> = g
            .actors()
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str(), a.kind.as_str()))
            .collect();
        assert_eq!(
            actors,
            [
                ("trump", "Donald Trump", "person"),
                ("zelensky", "zelensky", "unknown")
            ]
        );
        let topics: Vec<&str> = g.topics().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(topics, ["aid", "nato"]);
        let order: Vec<&str> = g
            .observations()
            .iter()
            .map(|o| o.article.as_str())
            .collect();
        assert_eq!(order, ["a1", "a1", "a2"]);
        assert_eq!(
            g.last_date().map(|d| d.to_string()).as_deref(),
            Some("2025-02-13")
        );
    }

    #[test]
    fn a_selection_keeps_only_its_actors_and_topics() {
        let extractions = extractions_of(vec![
            obs("a1", "2024-12-02", "trump", "nato", Oppose),
            obs("a1", "2024-12-02", "trump", "aid", Oppose),
            obs("a1", "2024-12-02", "zelensky", "nato", Support),
        ]);
        let selection = Selection {
            actors: ["trump".into()].into(),
            topics: ["nato".into()].into(),
        };
        let g = StanceGraph::build(&extractions, &Labels::default(), &selection);
        let pairs: Vec<String> = g.pairs().iter().map(|(a, t)| format!("{a}/{t}")).collect();
        assert_eq!(pairs, ["trump/nato"]);
        assert_eq!(
            g.article_date(&"a1".into())
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-12-02")
        );
    }
}
