//! Synthetic data for benchmarks: news corpora and rule packs of any size.
//!
//! Both generators are deterministic (same seed, same bytes) and use their
//! own small random number generator ([`rng::Rng`]), so a benchmark run can
//! be repeated exactly on any machine.
//!
//! - [`generate_corpus`] recombines the seed articles into a corpus of a
//!   requested size, streamed article by article into an [`ArticleSink`]
//!   ([`write_folder`], [`write_jsonl`]).
//! - [`scale_rule_pack`] copies a rule pack and adds generated topics and
//!   people until it holds the requested number of phrases and actors.

pub mod corpus;
pub mod names;
mod people;
mod pool;
pub mod rng;
pub mod rulepack;
pub mod sink;
mod template;
mod topics;
mod vocab;

pub use corpus::{generate_corpus, ArticleSink, CorpusOptions, GenerateSummary, SynthArticle};
pub use names::NameBook;
pub use rulepack::{count_phrases, scale_rule_pack, PackError, PackOptions, PackSummary};
pub use sink::{write_folder, write_jsonl, FolderSink, JsonLinesSink};
