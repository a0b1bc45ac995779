//! stancetrack: what political actors say about contested topics, and when it changed.

pub mod eval;
pub mod extraction;
pub mod model;
pub mod yaml;
