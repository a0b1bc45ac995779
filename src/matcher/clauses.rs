//! Sentences -> clauses: the span within which a topic and a stance cue combine.

mod needles;

use crate::mentions::Cue;
use crate::model::Span;
use crate::rules::Meaning;
use needles::{occurrences, starts_with_ignoring_case, NeedleIndex};

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

/// What a sentence is searched for: `;` and the words that start a new
/// clause, then the words that open a reported question, up to the next comma.
const NEEDLES: [&str; 10] = [
    ";",
    " but ",
    " while ",
    " whereas ",
    " although ",
    ", so ",
    " so that ",
    "whether ",
    "asked if ",
    "asked about ",
];

/// Needles before this index split clauses; the rest open questions.
const SPLITTING: usize = 7;

/// [`NEEDLES`], indexed once at compile time.
const NEEDLE_INDEX: NeedleIndex = NeedleIndex::new(&NEEDLES);

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

/// Whether `body` starts with one of the [`SUBORDINATORS`]; its first
/// letter alone rules out most sentences.
fn opens_subordinate(body: &[u8]) -> bool {
    let may_open = |first: &u8| {
        SUBORDINATORS
            .iter()
            .any(|s| s.as_bytes()[0] == first | 0x20)
    };
    body.first().is_some_and(may_open)
        && SUBORDINATORS
            .iter()
            .any(|s| starts_with_ignoring_case(body, s.as_bytes()))
}

/// Splits a sentence at `;`, contrastive conjunctions and the end of a
/// conditional clause (`If X, Y`: X and Y are separate clauses), into
/// `clauses` (cleared first, so one buffer serves every sentence).
pub fn split_clauses(text: &str, sentence: Span, cues: &[Cue], clauses: &mut Vec<Clause>) {
    clauses.clear();
    let body = &text[sentence.start..sentence.end];
    let found = occurrences(body, &NEEDLES, &NEEDLE_INDEX);
    let subordinate = opens_subordinate(body.as_bytes());
    let conditional = |c: &&Cue| c.meaning == Meaning::Conditional && sentence.contains(c.span);
    let cues = sentence.starting_within(cues, |c| c.span);
    // Most sentences are one clause.
    if found.is_empty() && !subordinate && !cues.iter().any(|c| conditional(&c)) {
        clauses.push(Clause {
            span: sentence,
            conditional: false,
            question: false,
        });
        return;
    }
    let mut cuts: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle < SPLITTING)
        .map(|&(at, _)| at + 1)
        .collect();
    if subordinate {
        if let Some(comma) = body.find(", ") {
            cuts.push(comma + 1);
        }
    }
    let conditionals: Vec<usize> = cues
        .iter()
        .filter(conditional)
        .map(|c| c.span.start - sentence.start)
        .collect();
    let questions: Vec<usize> = found
        .iter()
        .filter(|&&(_, needle)| needle >= SPLITTING)
        .map(|&(at, _)| at)
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
    clauses.extend(bounds.windows(2).map(|w| Clause {
        span: Span::new(sentence.start + w[0], sentence.start + w[1]),
        conditional: conditionals.contains(&w[0]),
        question: questions.contains(&w[0]),
    }));
}
