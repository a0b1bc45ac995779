//! Overlap tests against a list of spans for a walk through the text.

use crate::model::Span;

/// Items sorted by start, asked in turn whether any overlaps a span, the
/// spans asked about coming in order of start. It narrows the search as
/// [`Span::reachable_from`] does, with a cursor that only moves forward
/// instead of two binary searches per question.
pub(super) struct NearbySpans<'a, T, F> {
    sorted: &'a [T],
    span_of: F,
    /// No shorter than the longest item span.
    longest: usize,
    /// The first item that could still overlap a span asked about.
    from: usize,
}

impl<'a, T, F: Fn(&T) -> Span> NearbySpans<'a, T, F> {
    /// Ready for spans from the start of the text; no item span is longer
    /// than `longest` (most often found once and shared by several walks).
    pub(super) fn new(sorted: &'a [T], span_of: F, longest: usize) -> Self {
        NearbySpans {
            longest,
            sorted,
            span_of,
            from: 0,
        }
    }

    /// Whether any item overlaps `span`, which starts no earlier than the
    /// span asked about before.
    pub(super) fn any_overlaps(&mut self, span: Span) -> bool {
        while let Some(item) = self.sorted.get(self.from) {
            if (self.span_of)(item).start + self.longest >= span.start {
                break;
            }
            self.from += 1;
        }
        self.sorted[self.from..]
            .iter()
            .map(&self.span_of)
            .take_while(|item| item.start <= span.end)
            .any(|item| item.overlaps(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::longest_span;

    #[test]
    fn finds_what_a_full_search_finds() {
        let items: Vec<Span> = [(0, 3), (2, 40), (5, 6), (9, 12), (30, 31), (50, 70)]
            .iter()
            .map(|&(start, end)| Span::new(start, end))
            .collect();
        let mut near = NearbySpans::new(&items, |s| *s, longest_span(&items, |s| *s));
        let mut bounded = NearbySpans::new(&items, |s| *s, 50);
        for start in 0..80 {
            for probe in [Span::new(start, start), Span::new(start, start + 2)] {
                let expected = items.iter().any(|s| s.overlaps(probe));
                assert_eq!(near.any_overlaps(probe), expected, "{probe:?}");
                assert_eq!(bounded.any_overlaps(probe), expected, "{probe:?} bounded");
            }
        }
    }
}
