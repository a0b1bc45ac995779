//! The graph's nodes: actors and topics, with the names and labels reports show.

use crate::model::{ActorId, TopicId};
use crate::rules::source::ActorKind;
use crate::rules::CompiledRules;
use serde::Serialize;
use std::collections::BTreeMap;

/// An actor node: who can hold a stance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorNode {
    /// Ontology id.
    pub id: ActorId,
    /// Canonical name (the id when the rule pack does not know the actor).
    pub name: String,
    /// `person`, `state`, `organisation`, or `unknown`.
    pub kind: String,
}

/// A topic node: what a stance is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicNode {
    /// Ontology id.
    pub id: TopicId,
    /// Label for reports (the id when the rule pack does not know the topic).
    pub label: String,
}

/// A node of the stance graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Node {
    /// An actor.
    Actor(ActorNode),
    /// A topic.
    Topic(TopicNode),
}

/// Names and labels for the nodes, usually taken from the rule pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    /// Actor id -> (canonical name, kind).
    pub actors: BTreeMap<ActorId, (String, String)>,
    /// Topic id -> label.
    pub topics: BTreeMap<TopicId, String>,
}

impl Labels {
    /// The actors' names and kinds and the topics' labels of a rule pack.
    pub fn from_rules(rules: &CompiledRules) -> Labels {
        let kind = |k: ActorKind| match k {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
        };
        Labels {
            actors: rules
                .actors
                .iter()
                .map(|a| (a.id.clone(), (a.name.clone(), kind(a.kind).to_string())))
                .collect(),
            topics: rules
                .topics
                .iter()
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect(),
        }
    }
}
