//! The stance graph -> files for other tools: GraphViz DOT, CSV, JSON Lines, GraphML.
//!
//! Each writer returns a `String` in a stated order (nodes by id, observations
//! in [`crate::graph::observation_order`]); the command writes it out.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod jsonl;

use crate::extraction::Observation;
use crate::graph::{StanceGraph, Window};

/// The observations an export holds: those dated inside `window`; undated
/// ones too when the window is open at both ends (a date filter cannot
/// place them).
pub fn observations_in(graph: &StanceGraph, window: Window) -> Vec<&Observation> {
    let open = window.since.is_none() && window.until.is_none();
    graph
        .observations()
        .into_iter()
        .filter(|o| o.date.map_or(open, |d| window.contains(d)))
        .collect()
}
