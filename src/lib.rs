//! stancetrack: what political actors say about contested topics, and when it changed.

pub mod attribute;
pub mod cli;
pub mod escape;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extraction;
pub mod graph;
pub mod load;
pub mod matcher;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod report;
pub mod rules;
pub mod segment;
pub mod synth;
pub mod yaml;
