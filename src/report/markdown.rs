//! `Report` -> Markdown: Changes, Positions, Timelines, Coverage.
//!
//! Every piece of text from an article or the rule pack goes through
//! [`crate::escape::markdown`]; ids go in code spans.

use super::{
    evidence_source, mixed_counts, point_when, shift_title, timeline_title, Evidence, Report,
};
use crate::escape::markdown as md;
use crate::model::{ActorId, TopicId};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    changes(&mut out, report);
    positions(&mut out, report);
    timelines(&mut out, report);
    coverage(&mut out, report);
    out
}

fn header(out: &mut String, report: &Report) {
    out.push_str("# Stance changes\n\n");
    let as_of = report
        .as_of
        .map_or("with no dated observations".to_string(), |d| {
            format!("as of {d}")
        });
    let since = report
        .since
        .map(|d| format!(", since {d}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Report {as_of}{since}: {} change(s), {} actor(s), {} topic(s), {} article(s) read.\n",
        report.shifts.len(),
        report.actors.len(),
        report.topics.len(),
        report.coverage.articles
    );
}

fn quote_line(out: &mut String, label: &str, evidence: &Evidence) {
    let _ = writeln!(
        out,
        "- {label} (`{}`): \u{201C}{}\u{201D}",
        evidence_source(evidence),
        md(&evidence.text)
    );
}

fn changes(out: &mut String, report: &Report) {
    out.push_str("## Changes\n\n");
    if report.shifts.is_empty() {
        out.push_str("No actor changed position.\n\n");
    }
    for shift in &report.shifts {
        let _ = writeln!(out, "### {}\n", md(&shift_title(report, shift)));
        if shift.within_article {
            let _ = writeln!(
                out,
                "Reported within one article: the text dates the {} stance before itself.\n",
                shift.from.adjective()
            );
        }
        quote_line(
            out,
            &format!("Before, {}", shift.from.adjective()),
            &shift.before,
        );
        quote_line(
            out,
            &format!("After, {}", shift.to.adjective()),
            &shift.after,
        );
        out.push('\n');
    }
}

fn positions(out: &mut String, report: &Report) {
    out.push_str("## Positions\n\n");
    let Some(as_of) = report.as_of else {
        out.push_str("No dated observations.\n\n");
        return;
    };
    let _ = writeln!(
        out,
        "Each actor's position on each topic as of {as_of}, with the date it was last seen; \
         \u{201C}mixed\u{201D} marks a date with more than one stance (the majority counts, a tie is neutral).\n"
    );
    let cells: BTreeMap<(&ActorId, &TopicId), String> = report
        .positions
        .iter()
        .map(|p| {
            let mixed = if p.mixed { ", mixed" } else { "" };
            let cell = format!("{} ({}{mixed})", p.stance.adjective(), p.date);
            ((&p.actor, &p.topic), cell)
        })
        .collect();
    out.push_str("| Actor |");
    for topic in &report.topics {
        let _ = write!(out, " {} |", md(&topic.label));
    }
    out.push_str("\n| --- |");
    out.push_str(&" --- |".repeat(report.topics.len()));
    out.push('\n');
    for actor in &report.actors {
        let _ = write!(out, "| {} |", md(&actor.name));
        for topic in &report.topics {
            let cell = cells
                .get(&(&actor.id, &topic.id))
                .map_or("", String::as_str);
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push_str("\n### Volatility\n\nShifts per dated position.\n\n");
    out.push_str("| Actor | Positions | Shifts | Volatility |\n| --- | ---: | ---: | ---: |\n");
    for v in &report.volatility {
        let name = md(report.actor_name(&v.actor));
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {:.2} |",
            v.positions, v.shifts, v.score
        );
    }
    out.push_str("\n### Alignment\n\n");
    if report.alignment.is_empty() {
        out.push_str("No two actors share or oppose a stance.\n\n");
        return;
    }
    out.push_str(
        "Actor pairs that took the same stance on a topic (agree) or opposite ones (conflict).\n\n",
    );
    out.push_str("| Actors | Agree | Conflict |\n| --- | --- | --- |\n");
    for link in &report.alignment {
        let agree: Vec<String> = link
            .agreements
            .iter()
            .map(|a| {
                format!(
                    "{} ({})",
                    report.topic_label(&a.topic),
                    a.stance.adjective()
                )
            })
            .collect();
        let conflict: Vec<String> = link
            .conflicts
            .iter()
            .map(|c| {
                format!(
                    "{} ({} / {})",
                    report.topic_label(&c.topic),
                    c.a.adjective(),
                    c.b.adjective()
                )
            })
            .collect();
        let pair = format!(
            "{} / {}",
            report.actor_name(&link.a),
            report.actor_name(&link.b)
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&pair),
            md(&agree.join("; ")),
            md(&conflict.join("; "))
        );
    }
    out.push('\n');
}

fn timelines(out: &mut String, report: &Report) {
    out.push_str("## Timelines\n\n");
    if report.timelines.is_empty() {
        out.push_str("No dated positions.\n\n");
    }
    let mut actor: Option<&ActorId> = None;
    for timeline in &report.timelines {
        if actor != Some(&timeline.actor) {
            let _ = writeln!(out, "### {}\n", md(report.actor_name(&timeline.actor)));
            actor = Some(&timeline.actor);
        }
        let _ = writeln!(out, "#### {}\n", md(&timeline_title(report, timeline)));
        for point in &timeline.points {
            let mixed = mixed_counts(point)
                .map(|m| format!(" (mixed: {m})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}**: {}{mixed}",
                point_when(point),
                point.position.adjective()
            );
            for evidence in &point.evidence {
                let quoted = if evidence.quoted { ", quoted" } else { "" };
                let _ = writeln!(
                    out,
                    "  - \u{201C}{}\u{201D} (`{}`, {}{quoted}, rule `{}`)",
                    md(&evidence.text),
                    evidence.article,
                    evidence.stance.adjective(),
                    evidence.rule.replace('`', "'")
                );
            }
        }
        out.push('\n');
    }
}

fn coverage(out: &mut String, report: &Report) {
    let c = &report.coverage;
    out.push_str("## Coverage\n\n");
    let dates = match (c.first_date, c.last_date) {
        (Some(first), Some(last)) => format!(", dated {first} to {last}"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "- Articles read: {} ({} dated{dates}, {} undated)",
        c.articles,
        c.dated_articles,
        c.undated_articles.len()
    );
    if !c.undated_articles.is_empty() {
        let ids: Vec<String> = c
            .undated_articles
            .iter()
            .map(|id| format!("`{id}`"))
            .collect();
        let _ = writeln!(
            out,
            "- Undated articles (on no timeline): {}",
            ids.join(", ")
        );
    }
    let _ = writeln!(out, "- {}", c.quotes_sentence());
    let _ = writeln!(out, "- {}", c.observations_sentence());
}
