//! Sentences -> quotations: spans between double quotation marks.
//!
//! Curly marks say which way they face; straight ones are read from their
//! neighbours. Single quotes inside a quotation stay part of it. A paragraph
//! that ends inside an open quotation continues when the next paragraph opens
//! with a mark (the news convention for long quotes). A stray mark is dropped
//! without swallowing the rest of the article, and marks around no words
//! (`"*"`) are not quotations.

use crate::bytemask::positions_of;
use crate::model::Span;
use crate::segment::Segmented;
use serde::Serialize;

/// A quotation found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The content between the marks, in the folded text, trimmed of white space.
    pub span: Span,
    /// The content with its marks, in the folded text.
    pub outer: Span,
    /// Index of the paragraph it is in.
    pub paragraph: usize,
    /// True when it continues a quotation left open at the end of the previous paragraph.
    pub continues_paragraph: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
}

/// How a mark in the original text faces.
fn facing(original: &str, at: usize) -> (Facing, char) {
    let c = original[at..].chars().next().unwrap_or('"');
    let facing = match c {
        '\u{201C}' | '\u{201E}' | '\u{00AB}' => Facing::Open,
        '\u{201D}' | '\u{00BB}' => Facing::Close,
        _ => Facing::Either,
    };
    (facing, c)
}

/// Finds every quotation in the article's content paragraphs.
pub fn find_quotes(original: &str, seg: &Segmented) -> Vec<Quote> {
    // A quotation takes two marks, or one when it runs on into the next paragraph.
    let mut quotes = Vec::with_capacity(seg.quote_marks().len() / 2 + 1);
    let mut carried_open = false;
    let mut later_marks = seg.quote_marks();
    for (index, paragraph) in seg.paragraphs.iter().enumerate() {
        let text = seg.slice(*paragraph);
        // A paragraph holds few marks: counting them beats a binary search.
        let in_paragraph = later_marks
            .iter()
            .take_while(|&&at| at < paragraph.end)
            .count();
        let (marks, rest) = later_marks.split_at(in_paragraph);
        later_marks = rest;
        debug_assert!(
            (marks.iter().copied())
                .eq(positions_of(text.as_bytes(), b'"').map(|at| paragraph.start + at)),
            "segmenting notes every quotation mark of a paragraph"
        );
        let opens_with_mark = text.starts_with('"');
        let continues = carried_open && opens_with_mark;
        carried_open = false;
        let mut open: Option<(usize, char)> = None;
        for &at in marks {
            let (facing, c) = facing(original, seg.original_offset(at));
            match (open, facing) {
                (None, Facing::Close) => {}
                (None, Facing::Either) if !opens_here(&seg.text, at) => {}
                (None, _) => open = Some((at, c)),
                // A second opener means the first was stray, except German „…“.
                (Some((_, opener)), Facing::Open) if !(opener == '\u{201E}' && c == '\u{201C}') => {
                    open = Some((at, c));
                }
                (Some((start, _)), _) => {
                    let continuing = continues && start == paragraph.start;
                    push_quote(&mut quotes, seg, start, at + 1, index, continuing);
                    open = None;
                }
            }
        }
        if let Some((start, _)) = open {
            let next_opens = seg
                .paragraphs
                .get(index + 1)
                .is_some_and(|next| seg.text[next.start..].starts_with('"'));
            if next_opens {
                let continuing = continues && start == paragraph.start;
                push_quote(&mut quotes, seg, start, paragraph.end, index, continuing);
                carried_open = true;
            }
        }
    }
    quotes
}

/// A straight mark opens when nothing word-like stands right before it.
fn opens_here(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    let before_ok = before.is_none_or(|c| c.is_whitespace() || "([{-:,".contains(c));
    let after_ok = after.is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

fn push_quote(
    quotes: &mut Vec<Quote>,
    seg: &Segmented,
    start: usize,
    end: usize,
    paragraph: usize,
    continues: bool,
) {
    let inner_end = if seg.text.as_bytes().get(end - 1) == Some(&b'"') && end - 1 > start {
        end - 1
    } else {
        end
    };
    let raw = &seg.text[start + 1..inner_end];
    let content_start = start + 1 + (raw.len() - raw.trim_start().len());
    let content_end = start + 1 + raw.trim_end().len();
    if content_end <= content_start || !raw.chars().any(char::is_alphabetic) {
        return;
    }
    quotes.push(Quote {
        span: Span::new(content_start, content_end),
        outer: Span::new(start, end),
        paragraph,
        continues_paragraph: continues,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn quoted(text: &str) -> Vec<String> {
        let seg = segment(text);
        find_quotes(text, &seg)
            .iter()
            .map(|q| {
                let span = seg.original_span(q.span);
                text[span.start..span.end].to_string()
            })
            .collect()
    }

    #[test]
    fn quotation_spans() {
        let cases: [(&str, &str, &[&str]); 9] = [
            ("curly", "He said “we will win” today.", &["we will win"]),
            (
                "straight",
                "He said \"we will win\" today.",
                &["we will win"],
            ),
            (
                "nested single quotes stay inside",
                "“As he said, ‘let’s go.’” she added.",
                &["As he said, ‘let’s go.’"],
            ),
            (
                "split by attribution",
                "“We fight,” he said, “and we win.”",
                &["We fight,", "and we win."],
            ),
            (
                "multi-paragraph",
                "“First part.\n\n“Second part.\n\n“Last part,” she said.",
                &["First part.", "Second part.", "Last part,"],
            ),
            ("no words", "\"*\" indicates something", &[]),
            (
                "stray opener does not swallow the next paragraph",
                "He said “oops and never closed.\n\nNext “real quote” here.",
                &["real quote"],
            ),
            ("stray closer", "Odd” mark then “fine” end.", &["fine"]),
            ("german marks", "Er sagte „Ja“ dann.", &["Ja"]),
        ];
        for (name, text, expected) in cases {
            assert_eq!(quoted(text), expected, "{name}");
        }
    }

    #[test]
    fn continuation_paragraphs_are_marked() {
        let text = "“First part.\n“Second part,” she said.";
        let seg = segment(text);
        let quotes = find_quotes(text, &seg);
        assert_eq!(quotes.len(), 2);
        assert!(!quotes[0].continues_paragraph);
        assert!(quotes[1].continues_paragraph);
    }
}
