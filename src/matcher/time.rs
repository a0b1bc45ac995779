//! Time cues: a stance the text dates before the article, and when.

use crate::mentions::Cue;
use crate::model::Span;
use crate::rules::Meaning;
use crate::segment::Segmented;
use chrono::{Datelike, Duration, NaiveDate};

/// An `earlier` cue and the approximate date it gives, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earlier {
    /// Where the cue is.
    pub span: Span,
    /// The approximate date (`in November` -> the November before the article).
    pub date: Option<NaiveDate>,
}

/// The first `earlier` cue among a clause's cues.
pub fn earlier_in(
    cues: &[Cue],
    seg: &Segmented,
    article_date: Option<NaiveDate>,
) -> Option<Earlier> {
    let cue = cues.iter().find(|c| c.meaning == Meaning::Earlier)?;
    let words = seg.slice(cue.span).to_ascii_lowercase();
    Some(Earlier {
        span: cue.span,
        date: article_date.and_then(|d| approximate_date(&words, d)),
    })
}

/// Turns `in November`, `last year`, `days ago` into a date before `article`.
pub fn approximate_date(words: &str, article: NaiveDate) -> Option<NaiveDate> {
    if let Some(month) = words.strip_prefix("in ").and_then(|m| {
        crate::model::MONTH_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(m))
    }) {
        let month = month as u32 + 1;
        let year = if month < article.month() {
            article.year()
        } else {
            article.year() - 1
        };
        return NaiveDate::from_ymd_opt(year, month, 15);
    }
    let days = if words.ends_with("days ago") {
        3
    } else if words.ends_with("weeks ago") {
        14
    } else if words.ends_with("months ago") {
        60
    } else if words == "last month" {
        30
    } else if words == "last year" || words == "a year ago" {
        365
    } else {
        return None;
    };
    article.checked_sub_signed(Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximate_dates() {
        let article = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
        let cases = [
            ("in november", Some("2024-11-15")),
            ("in january", Some("2025-01-15")),
            ("in february", Some("2024-02-15")),
            ("just days ago", Some("2025-02-10")),
            ("last year", Some("2024-02-14")),
            ("previously", None),
        ];
        for (words, expected) in cases {
            let expected = expected.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
            assert_eq!(approximate_date(words, article), expected, "{words}");
        }
    }
}
