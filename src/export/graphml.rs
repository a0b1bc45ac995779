//! The stance graph -> GraphML for Gephi, networkx, igraph or yEd.
//!
//! Nodes are `actor:ID` and `topic:ID` (by id) with `label`, `type`
//! (`actor`/`topic`) and `kind` (`person`, `state`, `organisation`,
//! `unknown`, or `topic`). Edges go from actor to topic, one per observation
//! in [`crate::graph::observation_order`], with `date` (left out when
//! unknown), `stance`, `article`, `evidence`, `rule`, `held` and `quoted`.
//! Several observations of one pair make parallel edges (networkx reads a
//! `MultiDiGraph`). Every value is XML-escaped.

use super::observations_in;
use crate::escape::xml;
use crate::graph::{StanceGraph, Window};
use std::fmt::Write;

/// (id, for, name, type) of every `<key>`.
const KEYS: [(&str, &str, &str, &str); 10] = [
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("kind", "node", "kind", "string"),
    ("date", "edge", "date", "string"),
    ("stance", "edge", "stance", "string"),
    ("article", "edge", "article", "string"),
    ("evidence", "edge", "evidence", "string"),
    ("rule", "edge", "rule", "string"),
    ("held", "edge", "held", "string"),
    ("quoted", "edge", "quoted", "boolean"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml(value));
}

/// The graph (observations in `window`) as a GraphML document.
pub fn graphml(graph: &StanceGraph, window: Window) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, target, name, kind) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph id=\"stances\" edgedefault=\"directed\">\n");
    for actor in graph.actors() {
        let _ = writeln!(
            out,
            "    <node id=\"{}\">",
            xml(&format!("actor:{}", actor.id))
        );
        data(&mut out, "label", &actor.name);
        data(&mut out, "type", "actor");
        data(&mut out, "kind", &actor.kind);
        out.push_str("    </node>\n");
    }
    for topic in graph.topics() {
        let _ = writeln!(
            out,
            "    <node id=\"{}\">",
            xml(&format!("topic:{}", topic.id))
        );
        data(&mut out, "label", &topic.label);
        data(&mut out, "type", "topic");
        data(&mut out, "kind", "topic");
        out.push_str("    </node>\n");
    }
    for (i, o) in observations_in(graph, window).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml(&format!("actor:{}", o.actor)),
            xml(&format!("topic:{}", o.topic))
        );
        if let Some(date) = o.date {
            data(&mut out, "date", &date.to_string());
        }
        data(&mut out, "stance", o.stance.as_str());
        data(&mut out, "article", o.article.as_str());
        data(&mut out, "evidence", &o.evidence);
        data(&mut out, "rule", &o.rule);
        data(
            &mut out,
            "held",
            if o.held.is_some() { "earlier" } else { "" },
        );
        data(&mut out, "quoted", if o.quoted { "true" } else { "false" });
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
