//! Observations -> CSV (RFC 4180, header row, `\n` line ends): one row per
//! observation in [`crate::graph::observation_order`], for R, pandas or a
//! spreadsheet.

use super::observations_in;
use crate::escape::csv as field;
use crate::graph::{StanceGraph, Window};

/// The columns, in order.
pub const COLUMNS: [&str; 13] = [
    "article",
    "date",
    "actor",
    "actor_name",
    "topic",
    "topic_label",
    "stance",
    "held",
    "quoted",
    "rule",
    "start",
    "end",
    "evidence",
];

/// The observations in `window` as CSV. `date` is empty when unknown,
/// `held` is `earlier` or empty, `quoted` is `true` or `false`.
pub fn observations_csv(graph: &StanceGraph, window: Window) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for o in observations_in(graph, window) {
        let row = [
            o.article.to_string(),
            o.date.map(|d| d.to_string()).unwrap_or_default(),
            o.actor.to_string(),
            graph.actor_name(&o.actor),
            o.topic.to_string(),
            graph.topic_label(&o.topic),
            o.stance.as_str().to_string(),
            if o.held.is_some() { "earlier" } else { "" }.to_string(),
            o.quoted.to_string(),
            o.rule.clone(),
            o.start.to_string(),
            o.end.to_string(),
            o.evidence.clone(),
        ];
        let fields: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}
