//! Quotes + mentions -> who said each quote, and who is speaking in each sentence.
//!
//! Resolution runs in text order, the way a reader goes: pronouns and `the
//! statement` take the most recent fitting actor (the subject of the nearest
//! sentence that has one), then each quote takes the speaker its attribution
//! names, in this order of evidence:
//!
//! 1. a speech verb right after the quote (`…,” he said`, `…,” said Rutte`);
//! 2. a speech verb before it (`Rutte said: “…”`, `Trump said the call was “productive”`);
//! 3. the speaker of the previous sentence, for a quote with no verb of its own;
//! 4. the subject of its sentence (`Trump is aiming for a deal “within 24 hours”`).

mod resolve;
mod speech;
mod verbs;

use crate::extraction::Speaker;
use crate::mentions::{Mention, Mentions};
use crate::model::{longest_span, Span};
use crate::quotes::Quote;
use crate::rules::CompiledRules;
use crate::segment::Segmented;
use serde::Serialize;

pub use resolve::resolve_references;
use resolve::{advance, mention_runs, resolve};

/// Who a mention or a quote refers to, once resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Referent {
    /// A known actor (index into the rules' actors).
    Actor(usize),
    /// Someone named in the text but not in the rule pack.
    Named(String),
    /// An unnamed source, with its description.
    Anonymous(String),
    /// A description that fits several actors.
    Ambiguous(Vec<usize>),
    /// Nobody we can name.
    Unknown,
}

impl Referent {
    /// The actor index, when known.
    pub fn actor(&self) -> Option<usize> {
        match self {
            Referent::Actor(a) => Some(*a),
            _ => None,
        }
    }

    /// The speaker record for output.
    pub fn to_speaker(&self, rules: &CompiledRules) -> Speaker {
        match self {
            Referent::Actor(a) => Speaker {
                actor: Some(rules.actors[*a].id.clone()),
                name: Some(rules.actors[*a].name.clone()),
                ..Speaker::default()
            },
            Referent::Named(name) => Speaker {
                name: Some(name.clone()),
                ..Speaker::default()
            },
            Referent::Anonymous(description) => Speaker {
                description: Some(description.clone()),
                ..Speaker::default()
            },
            Referent::Ambiguous(candidates) => Speaker {
                candidates: candidates
                    .iter()
                    .map(|a| rules.actors[*a].id.clone())
                    .collect(),
                ..Speaker::default()
            },
            Referent::Unknown => Speaker::default(),
        }
    }
}

/// How a speaker was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Speech verb after the quote.
    VerbAfter,
    /// Speech verb before the quote.
    VerbBefore,
    /// `according to X`.
    AccordingTo,
    /// Continues the previous speaker's statement.
    Continuation,
    /// The subject of the quote's sentence.
    Subject,
    /// `X: …` at the head of a paragraph.
    Headline,
    /// `for X, …`: the view of X.
    ViewOf,
    /// No evidence found.
    None,
}

impl Method {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::VerbAfter => "verb-after",
            Method::VerbBefore => "verb-before",
            Method::AccordingTo => "according-to",
            Method::Continuation => "continuation",
            Method::Subject => "subject",
            Method::Headline => "headline",
            Method::ViewOf => "view-of",
            Method::None => "none",
        }
    }
}

/// A decided speaker, with the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// Who.
    pub speaker: Referent,
    /// The words that decided it (folded-text span), if any.
    pub cue: Option<Span>,
    /// How.
    pub method: Method,
}

impl Attribution {
    fn none() -> Attribution {
        Attribution {
            speaker: Referent::Unknown,
            cue: None,
            method: Method::None,
        }
    }

    fn is_known(&self) -> bool {
        !matches!(self.speaker, Referent::Unknown)
    }
}

/// The attribution stage's output for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Attributed {
    /// The resolved referent of every mention, parallel to `Mentions::mentions`.
    pub referents: Vec<Referent>,
    /// The speaker of every quote, parallel to the quotes.
    pub quotes: Vec<Attribution>,
    /// Who is speaking in each sentence (quote speaker or reported speech), parallel to the sentences.
    pub sentences: Vec<Attribution>,
}

/// Attributes every quote and sentence of an article.
pub fn attribute(
    seg: &Segmented,
    quotes: &[Quote],
    found: &Mentions,
    rules: &CompiledRules,
) -> Attributed {
    let runs = mention_runs(&seg.sentences, &found.mentions);
    let referents = resolve(seg, &found.mentions, &runs, rules);
    let longest_cue = longest_span(&found.cues, |c| c.span);
    let verbs = verbs::find_verbs(quotes, &found.cues, longest_cue);
    let mut quote_speakers: Vec<Attribution> = Vec::with_capacity(quotes.len());
    let mut sentence_speakers: Vec<Attribution> = Vec::with_capacity(seg.sentences.len());
    // The index in `quote_speakers` of the last quote attributed.
    let mut last_quote: Option<usize> = None;
    let nobody = Attribution::none();
    let (mut verbs_from, mut verbs_to, mut quotes_to) = (0, 0, 0);
    for (index, (sentence, run)) in seg.sentences.iter().zip(&runs).enumerate() {
        // Every rule looks inside one sentence: narrow the article's verbs,
        // mentions and quotes to those of the sentence, so the rules search a
        // few items each. All are in text order, so the bounds only move forward.
        let s = sentence.span;
        verbs_from = advance(&verbs, verbs_from, |v| v.span.start < s.start);
        verbs_to = advance(&verbs, verbs_to.max(verbs_from), |v| v.span.start <= s.end);
        // The quotes starting in this sentence; those before it, outside every sentence, have no speaker.
        let quotes_from = advance(quotes, quotes_to, |q| q.outer.start < s.start);
        quotes_to = advance(quotes, quotes_from, |q| q.outer.start < s.end);
        if quote_speakers.len() < quotes_from {
            quote_speakers.resize_with(quotes_from, Attribution::none);
        }
        let context = speech::Context {
            seg,
            quotes,
            mentions: &found.mentions[run.clone()],
            referents: &referents[run.clone()],
            cues: &found.cues,
            verbs: &verbs[verbs_from..verbs_to],
            longest_cue,
        };
        let previous = sentence_speakers.last().unwrap_or(&nobody);
        for q in quotes_from..quotes_to {
            let last = last_quote.map(|l| &quote_speakers[l]);
            let attribution = context.quote_speaker(q, index, previous, last);
            quote_speakers.push(attribution);
            last_quote = Some(q);
        }
        let quoted = last_quote
            .filter(|_| quotes_to > quotes_from)
            .map(|l| &quote_speakers[l])
            .filter(|a| a.is_known());
        let speaker = match quoted {
            Some(quoted) => quoted.clone(),
            None => context.sentence_speaker(index, previous),
        };
        sentence_speakers.push(speaker);
    }
    quote_speakers.resize_with(quotes.len(), Attribution::none);
    Attributed {
        referents,
        quotes: quote_speakers,
        sentences: sentence_speakers,
    }
}

/// Mentions that can stand for a speaker: outside quotes, not pronouns left unresolved.
fn usable(mention: &Mention, referent: &Referent) -> bool {
    !mention.in_quote && !matches!(referent, Referent::Unknown)
}

#[cfg(test)]
mod tests;
