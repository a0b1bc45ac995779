//! Extractions and the stance graph -> text for people (and JSON for machines).
//!
//! [`Report::build`] turns a [`crate::graph::StanceGraph`] into the report's
//! content; [`markdown`], [`text`], [`html`] and [`json`] write it. The phrases
//! every format shares (`Volodymyr Zelensky on Ukraine NATO membership:
//! supportive → neutral (2024-12-02 → 2025-02-13)`) are built here, unescaped;
//! each format escapes them its own way.
//!
//! ```
//! use stancetrack::graph::{Labels, Selection, StanceGraph, Window};
//! use stancetrack::load::{Corpus, LoadOptions};
//! use stancetrack::pipeline::extract;
//! use stancetrack::report::{markdown, Coverage, Report};
//!
//! let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
//! let rules = stancetrack::rules::load_rules(&root.join("rules")).expect("the bundled pack compiles");
//! let corpus = Corpus::open(&[root.join("tests/corpus/seeds")], LoadOptions::default()).unwrap();
//! let extractions: Vec<_> = corpus
//!     .articles()
//!     .filter_map(Result::ok)
//!     .map(|article| extract(&article, &rules))
//!     .collect();
//! let graph = StanceGraph::build(&extractions, &Labels::from_rules(&rules), &Selection::default());
//! let report = Report::build(&graph, Coverage::of(&extractions), Window::default());
//! let text = markdown::render(&report);
//! assert!(text.starts_with("# Stance changes") && text.contains("## Changes"));
//! ```

pub mod chart;
pub mod content;
pub mod coverage;
pub mod extraction;
pub mod html;
pub mod markdown;
pub mod text;

pub use content::{Evidence, PointEntry, PositionEntry, Report, ShiftEntry, TimelineEntry};
pub use coverage::Coverage;
pub use extraction::{extraction_text, speaker_label, unknown_speakers};

use crate::graph::Phase;
use chrono::NaiveDate;

/// The report as pretty-printed JSON, ending with a line break.
pub fn json(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("a report always serialises");
    out.push('\n');
    out
}

/// `Volodymyr Zelensky on Ukraine NATO membership: supportive → neutral (2024-12-02 → 2025-02-13)`;
/// the first date reads `before 2025-10-22` when the article gives no date for the earlier stance.
pub fn shift_title(report: &Report, shift: &ShiftEntry) -> String {
    let before = if shift.before.before_article {
        "before "
    } else {
        ""
    };
    format!(
        "{} on {}: {} \u{2192} {} ({before}{} \u{2192} {})",
        report.actor_name(&shift.actor),
        report.topic_label(&shift.topic),
        shift.from.adjective(),
        shift.to.adjective(),
        shift.from_date,
        shift.to_date
    )
}

/// `Donald Trump on Ukraine NATO membership: opposed (2025-02-13, 2025-10-22)`.
pub fn timeline_title(report: &Report, timeline: &TimelineEntry) -> String {
    let dates: Vec<String> = timeline.held_on.iter().map(NaiveDate::to_string).collect();
    format!(
        "{} on {}: {} ({})",
        report.actor_name(&timeline.actor),
        report.topic_label(&timeline.topic),
        timeline.position.adjective(),
        dates.join(", ")
    )
}

/// When a point was held: `2025-02-13` for a current point, `2024-11-15,
/// held earlier` for an earlier one the text dates, `before 2025-02-13` for
/// an earlier one it does not date.
pub fn point_when(point: &PointEntry) -> String {
    match point.phase {
        Phase::Current => point.date.to_string(),
        Phase::Earlier if point.before_article => format!("before {}", point.date),
        Phase::Earlier => format!("{}, held earlier", point.date),
    }
}

/// Where a piece of evidence comes from: `003_a5bfbbfc84ef667f, 2025-02-13`,
/// `…, 2024-11-15, held earlier` or `…, before 2025-02-13` for stances the
/// article dates before itself.
pub fn evidence_source(evidence: &Evidence) -> String {
    let date = evidence
        .date
        .map_or("undated".to_string(), |d| d.to_string());
    match (evidence.held.is_some(), evidence.before_article) {
        (true, true) => format!("{}, before {date}", evidence.article),
        (true, false) => format!("{}, {date}, held earlier", evidence.article),
        _ => format!("{}, {date}", evidence.article),
    }
}

/// `supportive 2, opposed 1` for a point that saw more than one stance.
pub fn mixed_counts(point: &PointEntry) -> Option<String> {
    if !point.counts.is_mixed() {
        return None;
    }
    let parts: Vec<String> = [
        crate::model::Stance::Support,
        crate::model::Stance::Oppose,
        crate::model::Stance::Neutral,
    ]
    .into_iter()
    .filter(|s| point.counts.get(*s) > 0)
    .map(|s| format!("{} {}", s.adjective(), point.counts.get(s)))
    .collect();
    Some(parts.join(", "))
}
