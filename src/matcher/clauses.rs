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

/// Splits sentences into clauses, keeping its buffers from sentence to sentence.
#[derive(Default)]
pub struct ClauseSplitter {
    /// The clauses of the last sentence split.
    pub clauses: Vec<Clause>,
    found: Vec<(usize, usize)>,
    cuts: Vec<usize>,
    conditionals: Vec<usize>,
    questions: Vec<usize>,
}

impl ClauseSplitter {
    /// Splits a sentence at `;`, contrastive conjunctions and the end of a
    /// conditional clause (`If X, Y`: X and Y are separate clauses), into
    /// `clauses`.
    pub fn split(&mut self, text: &str, sentence: Span, cues: &[Cue]) {
        self.clauses.clear();
        let body = &text[sentence.start..sentence.end];
        occurrences(body, &NEEDLES, &NEEDLE_INDEX, &mut self.found);
        let found = &self.found;
        let subordinate = opens_subordinate(body.as_bytes());
        let conditional = |c: &&Cue| c.meaning == Meaning::Conditional && sentence.contains(c.span);
        let cues = sentence.starting_within(cues, |c| c.span);
        // Most sentences are one clause.
        if found.is_empty() && !subordinate && !cues.iter().any(|c| conditional(&c)) {
            self.clauses.push(Clause {
                span: sentence,
                conditional: false,
                question: false,
            });
            return;
        }
        let cuts = &mut self.cuts;
        cuts.clear();
        cuts.extend(
            found
                .iter()
                .filter(|&&(_, needle)| needle < SPLITTING)
                .map(|&(at, _)| at + 1),
        );
        if subordinate {
            if let Some(comma) = body.find(", ") {
                cuts.push(comma + 1);
            }
        }
        self.conditionals.clear();
        self.conditionals.extend(
            cues.iter()
                .filter(conditional)
                .map(|c| c.span.start - sentence.start),
        );
        self.questions.clear();
        self.questions.extend(
            found
                .iter()
                .filter(|&&(_, needle)| needle >= SPLITTING)
                .map(|&(at, _)| at),
        );
        for &at in self.questions.iter().chain(&self.conditionals) {
            cuts.push(at);
            if let Some(comma) = body[at..].find(", ") {
                cuts.push(at + comma + 1);
            }
        }
        cuts.retain(|&c| c > 0 && c < body.len());
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = 0;
        for &to in cuts.iter().chain([&body.len()]) {
            self.clauses.push(Clause {
                span: Span::new(sentence.start + from, sentence.start + to),
                conditional: self.conditionals.contains(&from),
                question: self.questions.contains(&from),
            });
            from = to;
        }
    }
}
