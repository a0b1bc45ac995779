//! Building a [`StanceGraph`] one article at a time, as a corpus run yields them.

use super::{observation_order, ActorNode, Labels, Node, Selection, StanceGraph, TopicNode};
use crate::extraction::{Extraction, Observation};
use crate::model::{ActorId, ArticleId, TopicId};
use chrono::NaiveDate;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Adds articles' observations to a graph in any order; [`GraphBuilder::finish`]
/// puts each (actor, topic)'s edges in [`observation_order`].
///
/// A corpus run feeds it from its sink, so the graph grows while later
/// articles are still being analysed instead of in one pass at the end.
pub struct GraphBuilder<'a> {
    graph: StableGraph<Node, Observation>,
    actors: BTreeMap<ActorId, NodeIndex>,
    topics: BTreeMap<TopicId, NodeIndex>,
    /// Edges by (actor, topic) node, in the order added. Keyed by node
    /// index so adding an edge clones no id; iteration order never leaks
    /// (`finish` moves them into a sorted map).
    edges: HashMap<(NodeIndex, NodeIndex), Vec<EdgeIndex>>,
    article_dates: BTreeMap<ArticleId, Option<NaiveDate>>,
    labels: &'a Labels,
    selection: &'a Selection,
}

impl<'a> GraphBuilder<'a> {
    /// An empty graph that will keep the `selection`, with nodes named from `labels`.
    pub fn new(labels: &'a Labels, selection: &'a Selection) -> Self {
        GraphBuilder {
            graph: StableGraph::new(),
            actors: BTreeMap::new(),
            topics: BTreeMap::new(),
            edges: HashMap::new(),
            article_dates: BTreeMap::new(),
            labels,
            selection,
        }
    }

    /// Adds an article's selected observations (its quotes are dropped).
    pub fn add(&mut self, extraction: Extraction) {
        let selection = self.selection;
        let kept = extraction
            .observations
            .into_iter()
            .filter(|o| selection.keeps(&o.actor, &o.topic));
        self.add_article(extraction.id, extraction.date, kept);
    }

    /// Adds copies of an article's selected observations.
    pub fn add_copy(&mut self, extraction: &Extraction) {
        let selection = self.selection;
        let kept = extraction
            .observations
            .iter()
            .filter(|o| selection.keeps(&o.actor, &o.topic))
            .cloned();
        self.add_article(extraction.id.clone(), extraction.date, kept);
    }

    fn add_article(
        &mut self,
        id: ArticleId,
        date: Option<NaiveDate>,
        kept: impl Iterator<Item = Observation>,
    ) {
        self.article_dates.insert(id, date);
        for observation in kept {
            self.add_observation(observation);
        }
    }

    fn add_observation(&mut self, observation: Observation) {
        let actor = match self.actors.get(&observation.actor) {
            Some(&node) => node,
            None => {
                let (name, kind) = self
                    .labels
                    .actors
                    .get(&observation.actor)
                    .cloned()
                    .unwrap_or_else(|| (observation.actor.to_string(), "unknown".to_string()));
                let node = self.graph.add_node(Node::Actor(ActorNode {
                    id: observation.actor.clone(),
                    name,
                    kind,
                }));
                self.actors.insert(observation.actor.clone(), node);
                node
            }
        };
        let topic = match self.topics.get(&observation.topic) {
            Some(&node) => node,
            None => {
                let label = self
                    .labels
                    .topics
                    .get(&observation.topic)
                    .cloned()
                    .unwrap_or_else(|| observation.topic.to_string());
                let node = self.graph.add_node(Node::Topic(TopicNode {
                    id: observation.topic.clone(),
                    label,
                }));
                self.topics.insert(observation.topic.clone(), node);
                node
            }
        };
        let edge = self.graph.add_edge(actor, topic, observation);
        self.edges.entry((actor, topic)).or_default().push(edge);
    }

    /// The graph, each pair's edges sorted. The sort is stable, so equal
    /// observations keep the order they were added in.
    pub fn finish(self) -> StanceGraph {
        let graph = self.graph;
        let mut sorted: Vec<_> = self.edges.into_iter().collect();
        // The last step of a corpus run, when nothing else is left to do:
        // sort the pairs on all cores.
        sorted.par_iter_mut().for_each(|(_, edges)| {
            edges.sort_by(|&a, &b| observation_order(&graph[a], &graph[b]));
        });
        let mut pairs = BTreeMap::new();
        for ((actor, topic), edges) in sorted {
            let (Some(Node::Actor(actor)), Some(Node::Topic(topic))) =
                (graph.node_weight(actor), graph.node_weight(topic))
            else {
                unreachable!("edges run from an actor node to a topic node");
            };
            pairs.insert((actor.id.clone(), topic.id.clone()), edges);
        }
        StanceGraph {
            graph,
            actors: self.actors,
            topics: self.topics,
            pairs,
            article_dates: self.article_dates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{extractions_of, obs};
    use super::*;
    use crate::graph::Window;
    use crate::model::Stance::{Neutral, Oppose, Support};

    /// Every pair with its observations as (article, stance).
    fn contents(graph: &StanceGraph) -> Vec<(String, Vec<(String, String)>)> {
        graph
            .pairs()
            .into_iter()
            .map(|(actor, topic)| {
                let seen = graph
                    .observations_of(actor, topic)
                    .iter()
                    .map(|o| (o.article.to_string(), format!("{:?}", o.stance)))
                    .collect();
                (format!("{actor}/{topic}"), seen)
            })
            .collect()
    }

    #[test]
    fn articles_added_in_any_order_make_the_same_graph() {
        let extractions = extractions_of(vec![
            obs("a3", "2024-03-01", "trump", "nato", Oppose),
            obs("a1", "2024-01-01", "trump", "nato", Support),
            obs("a2", "2024-02-01", "trump", "nato", Neutral),
            obs("a2", "2024-02-01", "orban", "sanctions", Oppose),
        ]);
        let (labels, selection) = (Labels::default(), Selection::default());
        let built = StanceGraph::build(&extractions, &labels, &selection);
        let mut builder = GraphBuilder::new(&labels, &selection);
        for extraction in extractions.into_iter().rev() {
            builder.add(extraction);
        }
        let added = builder.finish();
        assert_eq!(contents(&added), contents(&built));
        assert_eq!(
            contents(&added)[1],
            (
                "trump/nato".to_string(),
                vec![
                    ("a1".to_string(), "Support".to_string()),
                    ("a2".to_string(), "Neutral".to_string()),
                    ("a3".to_string(), "Oppose".to_string()),
                ]
            )
        );
        assert_eq!(added.shifts(Window::default()).len(), 2);
    }
}
