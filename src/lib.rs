//! stancetrack: what political actors say about contested topics, and when it changed.
//!
//! The pipeline, one module per stage, data flowing forward:
//!
//! | stage | module | from → to |
//! |---|---|---|
//! | load | [`load`] | folders, files, JSON Lines → [`load::Article`] |
//! | rules | [`rules`] | `rules/*.yaml` → [`rules::RuleSet`] → [`rules::CompiledRules`] (once) |
//! | segment | [`segment`] | article text → folded text, sentences |
//! | quotes | [`quotes`] | sentences → [`quotes::Quote`] |
//! | mentions | [`mentions`] | folded text → names, roles, cue phrases |
//! | attribute | [`attribute`] | quotes + mentions → speakers |
//! | match | [`matcher`] | cues + speakers → [`extraction::Observation`] |
//! | (all of the above) | [`pipeline`] | [`load::Article`] → [`extraction::Extraction`] |
//! | report | [`report`], [`eval`], [`explain`] | extractions → text for people |
//!
//! ```
//! use stancetrack::extraction::DateSource;
//! use stancetrack::load::{parse_date, Article};
//! use stancetrack::model::ArticleId;
//! use stancetrack::pipeline::extract;
//! use stancetrack::rules::load_rules;
//!
//! let rules = load_rules(std::path::Path::new("rules")).expect("the bundled pack compiles");
//! let article = Article {
//!     id: ArticleId("example".into()),
//!     title: None,
//!     date: parse_date("2025-03-10"),
//!     date_source: DateSource::FrontMatter,
//!     url: None,
//!     outlet: None,
//!     origin: "example".into(),
//!     text: "“We will never accept Ukraine in NATO,” Lavrov told reporters.".into(),
//! };
//! let extraction = extract(&article, &rules);
//! assert_eq!(extraction.quotes[0].speaker.actor.as_ref().unwrap().as_str(), "lavrov");
//! print!("{}", stancetrack::report::extraction_text(&extraction));
//! ```

pub mod attribute;
mod bytemask;
pub mod changes;
pub mod cli;
pub mod escape;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extraction;
pub mod graph;
pub mod json;
pub mod load;
pub mod matcher;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod report;
pub mod revision;
pub mod rules;
pub mod segment;
pub mod snapshot;
pub mod synth;
pub mod yaml;
