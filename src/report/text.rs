//! `Report` -> plain text for a terminal: the same sections as Markdown,
//! without markup; article text is put on one line.

use super::{
    evidence_source, mixed_counts, point_when, shift_title, timeline_title, Evidence, Report,
};
use crate::escape::one_line;
use std::fmt::Write;

/// The report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let as_of = report
        .as_of
        .map_or("no dated observations".to_string(), |d| {
            format!("as of {d}")
        });
    let _ = writeln!(out, "STANCE CHANGES ({as_of})\n");
    out.push_str("CHANGES\n");
    if report.shifts.is_empty() {
        out.push_str("  none\n");
    }
    for shift in &report.shifts {
        let within = if shift.within_article {
            " [within one article]"
        } else {
            ""
        };
        let _ = writeln!(out, "  {}{within}", one_line(&shift_title(report, shift)));
        evidence_line(&mut out, "before", &shift.before);
        evidence_line(&mut out, "after", &shift.after);
    }
    out.push_str("\nPOSITIONS\n");
    for p in &report.positions {
        let mixed = if p.mixed { ", mixed" } else { "" };
        let _ = writeln!(
            out,
            "  {} on {}: {} ({}{mixed})",
            one_line(report.actor_name(&p.actor)),
            one_line(report.topic_label(&p.topic)),
            p.stance.adjective(),
            p.date
        );
    }
    out.push_str("\nVOLATILITY (shifts per dated position)\n");
    for v in &report.volatility {
        let name = one_line(report.actor_name(&v.actor));
        let _ = writeln!(
            out,
            "  {name:<28} {:>3} positions {:>3} shifts  {:.2}",
            v.positions, v.shifts, v.score
        );
    }
    out.push_str("\nTIMELINES\n");
    for timeline in &report.timelines {
        let _ = writeln!(out, "  {}", one_line(&timeline_title(report, timeline)));
        for point in &timeline.points {
            let mixed = mixed_counts(point)
                .map(|m| format!(" (mixed: {m})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {}: {}{mixed}",
                point_when(point),
                point.position.adjective()
            );
            for evidence in &point.evidence {
                let _ = writeln!(
                    out,
                    "      [{}] {}",
                    evidence.article,
                    one_line(&evidence.text)
                );
            }
        }
    }
    let c = &report.coverage;
    out.push_str("\nCOVERAGE\n");
    let _ = writeln!(
        out,
        "  articles read: {} ({} undated)",
        c.articles,
        c.undated_articles.len()
    );
    for id in &c.undated_articles {
        let _ = writeln!(out, "    undated: {id}");
    }
    let _ = writeln!(
        out,
        "  quotes: {} ({} without a known speaker)\n  observations: {} ({} held earlier, {} undated)",
        c.quotes, c.quotes_without_known_speaker, c.observations, c.held_earlier, c.undated_observations
    );
    out
}

fn evidence_line(out: &mut String, label: &str, evidence: &Evidence) {
    let _ = writeln!(
        out,
        "    {label:<6} [{}] {}",
        evidence_source(evidence),
        one_line(&evidence.text)
    );
}
