//! Observations -> JSON Lines: one observation object per line (the
//! `observations` entries of `extract --format json`), in
//! [`crate::graph::observation_order`].

use super::observations_in;
use crate::graph::{StanceGraph, Window};

/// The observations in `window` as JSON Lines.
pub fn observations_jsonl(graph: &StanceGraph, window: Window) -> String {
    let mut out = String::new();
    for o in observations_in(graph, window) {
        out.push_str(&serde_json::to_string(o).expect("an observation always serialises"));
        out.push('\n');
    }
    out
}
