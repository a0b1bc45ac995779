//! stancetrack: what political actors say about contested topics, and when it changed.

pub mod eval;
pub mod extraction;
pub mod load;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod quotes;
pub mod rules;
pub mod segment;
pub mod synth;
pub mod yaml;
