//! The stance graph -> GraphViz DOT, written by hand: ids quoted, every
//! label escaped with [`crate::escape::dot`], nodes by id, edges by
//! (actor, topic, date). Three views:
//!
//! - **stances**: actor -> topic, one edge per stance an actor took on a
//!   topic, coloured by stance, labelled with the count and the latest date;
//!   the latest evidence is the edge's tooltip.
//! - **shifts**: per actor and topic with at least two dated positions, the
//!   chain of positions (one node per date and phase), shift edges bold
//!   orange; an edge into an earlier stance the text gives no date for is
//!   dotted (its order against the point before is unknown).
//! - **alignment**: an undirected actor network laid out by `neato` (set in
//!   the file, so `dot -Tsvg` uses it): solid green edges, short and thicker
//!   the more stances two actors share, pull allies together; dashed red
//!   conflict edges are long. Actors with no link are left out.

use super::observations_in;
use crate::escape::dot as q;
use crate::graph::{Phase, StanceGraph, Window};
use crate::model::{ActorId, Stance, TopicId};
use crate::report::chart::stance_colour;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write;

const HEADER: &str = "  graph [fontname=\"Helvetica\", fontsize=12];\n  \
node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";

fn actor_id(id: &ActorId) -> String {
    q(&format!("actor:{id}"))
}

fn topic_id(id: &TopicId) -> String {
    q(&format!("topic:{id}"))
}

fn title(graph: &StanceGraph, view: &str, window: Window) -> String {
    let mut text = format!("stancetrack: {view}");
    if let Some(since) = window.since {
        let _ = write!(text, " from {since}");
    }
    match window.until.or_else(|| graph.last_date()) {
        Some(until) => {
            let _ = write!(text, " as of {until}");
        }
        None => text.push_str(" (no dated observations)"),
    }
    text
}

/// One edge of the stances view: how often, the latest date and its evidence.
#[derive(Default)]
struct StanceEdge<'a> {
    count: usize,
    latest: Option<NaiveDate>,
    evidence: &'a str,
}

/// Actors to topics, one edge per (actor, topic, stance).
pub fn stances(graph: &StanceGraph, window: Window) -> String {
    let mut edges: BTreeMap<(&ActorId, &TopicId, Stance), StanceEdge<'_>> = BTreeMap::new();
    for o in observations_in(graph, window) {
        let entry = edges.entry((&o.actor, &o.topic, o.stance)).or_default();
        entry.count += 1;
        if o.date >= entry.latest {
            entry.latest = o.date;
            entry.evidence = &o.evidence;
        }
    }
    let mut out = String::from("digraph stances {\n");
    out.push_str(HEADER);
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, labelloc=t, label={}];",
        q(&title(graph, "stances", window))
    );
    for actor in graph.actors() {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\"];",
            actor_id(&actor.id),
            q(&actor.name)
        );
    }
    for topic in graph.topics() {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#f7f7f7\"];",
            topic_id(&topic.id),
            q(&topic.label)
        );
    }
    for (
        (actor, topic, stance),
        StanceEdge {
            count,
            latest,
            evidence,
        },
    ) in edges
    {
        let latest = latest.map_or("undated".to_string(), |d| d.to_string());
        let label = format!("{} \u{00D7}{count}\n{latest}", stance.adjective());
        let _ = writeln!(
            out,
            "  {} -> {} [color=\"{}\", fontcolor=\"{}\", penwidth={:.1}, label={}, tooltip={}];",
            actor_id(actor),
            topic_id(topic),
            stance_colour(stance),
            stance_colour(stance),
            1.0 + (count.min(8) as f64) * 0.5,
            q(&label),
            q(evidence)
        );
    }
    out.push_str("}\n");
    out
}

/// Per actor and topic, the chain of dated positions.
pub fn shifts(graph: &StanceGraph, window: Window) -> String {
    let mut out = String::from("digraph shifts {\n");
    out.push_str(HEADER);
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, labelloc=t, label={}];\n  node [shape=box, style=\"rounded,filled\", fontcolor=\"#ffffff\"];",
        q(&title(graph, "shifts", window))
    );
    for timeline in graph.timelines(window.until) {
        let first_inside = timeline
            .points
            .iter()
            .position(|p| window.contains(p.date))
            .unwrap_or(timeline.points.len());
        // Keep the point before the window when the first one inside changes from it.
        let start = match first_inside {
            0 => 0,
            i if i < timeline.points.len()
                && timeline.points[i - 1].position != timeline.points[i].position =>
            {
                i - 1
            }
            i => i,
        };
        let points = &timeline.points[start..];
        if points.len() < 2 {
            continue;
        }
        let pair = format!("{}/{}", timeline.actor, timeline.topic);
        let _ = writeln!(
            out,
            "  subgraph {} {{\n    label={};\n    style=rounded;\n    color=\"#bbbbbb\";",
            q(&format!("cluster_{pair}")),
            q(&format!(
                "{} on {}",
                graph.actor_name(&timeline.actor),
                graph.topic_label(&timeline.topic)
            ))
        );
        for (i, point) in points.iter().enumerate() {
            let when = match point.phase {
                Phase::Current => point.date.to_string(),
                Phase::Earlier if point.before_article => format!("before {}", point.date),
                Phase::Earlier => format!("{}\n(held earlier)", point.date),
            };
            let articles: Vec<&str> = point.articles().iter().map(|a| a.as_str()).collect();
            let _ = writeln!(
                out,
                "    {} [label={}, fillcolor=\"{}\", tooltip={}];",
                q(&format!("{pair}#{i}")),
                q(&format!("{when}\n{}", point.position.adjective())),
                stance_colour(point.position),
                q(&articles.join(", "))
            );
        }
        for (i, step) in points.windows(2).enumerate() {
            // As in `graph::shifts`: no shift ends at an earlier stance the text gives no date for.
            let style = if step[1].before_article {
                "color=\"#999999\", style=dotted".to_string()
            } else if step[0].position != step[1].position {
                format!("color=\"#f39c12\", penwidth=3, label={}", q("shift"))
            } else {
                "color=\"#999999\"".to_string()
            };
            let _ = writeln!(
                out,
                "    {} -> {} [{style}];",
                q(&format!("{pair}#{i}")),
                q(&format!("{pair}#{}", i + 1))
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

/// The actor network: shared stances (solid) and conflicts (dashed).
pub fn alignment(graph: &StanceGraph, window: Window) -> String {
    let until = window.until.or_else(|| graph.last_date());
    let links = graph.alignment(Window {
        since: window.since,
        until,
    });
    let mut out = String::from("graph alignment {\n");
    out.push_str(HEADER);
    let _ = writeln!(
        out,
        "  graph [layout=neato, overlap=false, splines=true, sep=\"+12\", labelloc=t, label={}];",
        q(&title(graph, "alignment", window))
    );
    let mut linked: Vec<&ActorId> = links.iter().flat_map(|l| [&l.a, &l.b]).collect();
    linked.sort();
    linked.dedup();
    for actor in linked {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\"];",
            actor_id(actor),
            q(&graph.actor_name(actor))
        );
    }
    for link in &links {
        let (a, b) = (actor_id(&link.a), actor_id(&link.b));
        if !link.agreements.is_empty() {
            let topics: Vec<String> = link
                .agreements
                .iter()
                .map(|g| format!("{} ({})", graph.topic_label(&g.topic), g.stance.adjective()))
                .collect();
            let n = link.agreements.len();
            let _ = writeln!(
                out,
                "  {a} -- {b} [color=\"#1a9850\", penwidth={:.1}, len=1.2, label={}, tooltip={}];",
                1.0 + n.min(8) as f64,
                q(&format!("{n} shared")),
                q(&topics.join("\n"))
            );
        }
        if !link.conflicts.is_empty() {
            let topics: Vec<String> = link
                .conflicts
                .iter()
                .map(|c| {
                    format!(
                        "{} ({} / {})",
                        graph.topic_label(&c.topic),
                        c.a.adjective(),
                        c.b.adjective()
                    )
                })
                .collect();
            let n = link.conflicts.len();
            let _ = writeln!(
                out,
                "  {a} -- {b} [color=\"#d73027\", style=dashed, penwidth={:.1}, len=3.5, label={}, tooltip={}];",
                1.0 + n.min(8) as f64 * 0.5,
                q(&format!("{n} conflict(s)")),
                q(&topics.join("\n"))
            );
        }
    }
    out.push_str("}\n");
    out
}
