//! The speech and belief verbs of an article that can attribute a statement.

use super::resolve::advance;
use crate::mentions::Cue;
use crate::model::Span;
use crate::quotes::Quote;
use crate::rules::source::HolderRule;
use crate::rules::Meaning;

/// A speech or belief verb cue outside every quote and stance phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Verb {
    /// Span in the folded text.
    pub span: Span,
    /// A belief verb (`thinks`) rather than a speech verb (`said`).
    pub cognition: bool,
}

/// The verbs among `cues` (in text order, none longer than `longest_cue`),
/// in text order. Every attribution rule asks for the verbs of some stretch
/// of a sentence, often the same ones: the tests that keep a cue out are
/// done once here.
pub(super) fn find_verbs(quotes: &[Quote], cues: &[Cue], longest_cue: usize) -> Vec<Verb> {
    // Cues are in text order, so the first quote and the first cue that can
    // reach the current cue only move forward.
    let (mut quotes_from, mut cues_from) = (0, 0);
    // At most one verb per cue: one allocation, not a string of regrowths.
    let mut verbs = Vec::with_capacity(cues.len());
    for c in cues {
        let cognition = match c.meaning {
            Meaning::Speech => false,
            Meaning::Cognition => true,
            _ => continue,
        };
        let span = c.span;
        quotes_from = advance(quotes, quotes_from, |q| q.outer.start < span.start);
        // Quotes are disjoint and in text order, so their ends are in order too:
        // of those starting before `span` ends, the last reaches furthest.
        let starting_before = advance(quotes, quotes_from, |q| q.outer.start < span.end);
        let in_quote = starting_before > 0 && quotes[starting_before - 1].outer.overlaps(span);
        cues_from = advance(cues, cues_from, |c| c.span.start + longest_cue < span.start);
        let reaching = cues[cues_from..]
            .iter()
            .take_while(|c| c.span.start <= span.end);
        if !in_quote && !reaching.clone().any(|c| holds_as_stance_phrase(c, span)) {
            verbs.push(Verb { span, cognition });
        }
    }
    verbs
}

/// Whether `span` lies inside a judgement cue or topic phrase among `cues`
/// (`expect` in `cannot expect`, `NATO` in `NATO membership`). A verb cue
/// such as `called on` stays a speech act.
pub(super) fn inside_stance_phrase(cues: &[Cue], longest_cue: usize, span: Span) -> bool {
    span.reachable_from(cues, longest_cue, |c| c.span)
        .iter()
        .any(|c| holds_as_stance_phrase(c, span))
}

/// Whether `cue` is a stance phrase holding `span` inside it.
fn holds_as_stance_phrase(cue: &Cue, span: Span) -> bool {
    cue.span != span
        && cue.span.contains(span)
        && matches!(
            cue.meaning,
            Meaning::StanceCue {
                holder: HolderRule::Speaker,
                ..
            } | Meaning::Topic { .. }
                | Meaning::TopicStance { .. }
        )
}
