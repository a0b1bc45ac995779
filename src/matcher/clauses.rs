//! Sentences -> clauses: the span within which a topic and a stance cue combine.

use crate::mentions::Cue;
use crate::model::Span;
use crate::rules::Meaning;

/// A clause of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Span in the folded text.
    pub span: Span,
    /// Whether it is an `if`/`unless` clause (its stances are noncommittal).
    pub conditional: bool,
    /// Whether it reports a question (`asked whether …`): it takes no side.
    pub question: bool,
}

/// Words that open a reported question, up to the next comma.
const QUESTION_OPENERS: [&str; 3] = ["whether ", "asked if ", "asked about "];

/// Words that start a new clause.
const CLAUSE_OPENERS: [&str; 6] = [
    " but ",
    " while ",
    " whereas ",
    " although ",
    ", so ",
    " so that ",
];

/// Words that open a subordinate clause at the start of a sentence; it ends at the first comma.
const SUBORDINATORS: [&str; 7] = [
    "while ",
    "although ",
    "though ",
    "whereas ",
    "when ",
    "as ",
    "once ",
];

/// Splits a sentence at `;`, contrastive conjunctions and the end of a
/// conditional clause (`If X, Y`: X and Y are separate clauses).
pub fn split_clauses(text: &str, sentence: Span, cues: &[Cue]) -> Vec<Clause> {
    let body = &text[sentence.start..sentence.end];
    let lower = body.to_ascii_lowercase();
    let mut cuts: Vec<usize> = lower.match_indices(';').map(|(at, _)| at + 1).collect();
    for opener in CLAUSE_OPENERS {
        cuts.extend(lower.match_indices(opener).map(|(at, _)| at + 1));
    }
    if SUBORDINATORS.iter().any(|s| lower.starts_with(s)) {
        if let Some(comma) = body.find(", ") {
            cuts.push(comma + 1);
        }
    }
    let conditionals: Vec<usize> = cues
        .iter()
        .filter(|c| c.meaning == Meaning::Conditional && sentence.contains(c.span))
        .map(|c| c.span.start - sentence.start)
        .collect();
    let questions: Vec<usize> = QUESTION_OPENERS
        .iter()
        .flat_map(|opener| lower.match_indices(opener).map(|(at, _)| at))
        .collect();
    for &at in &questions {
        cuts.push(at);
        if let Some(comma) = body[at..].find(", ") {
            cuts.push(at + comma + 1);
        }
    }
    for &at in &conditionals {
        cuts.push(at);
        if let Some(comma) = body[at..].find(", ") {
            cuts.push(at + comma + 1);
        }
    }
    cuts.retain(|&c| c > 0 && c < body.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(body.len());
    bounds
        .windows(2)
        .map(|w| Clause {
            span: Span::new(sentence.start + w[0], sentence.start + w[1]),
            conditional: conditionals.contains(&w[0]),
            question: questions.contains(&w[0]),
        })
        .collect()
}
