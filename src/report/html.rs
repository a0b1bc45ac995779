//! `Report` -> one self-contained HTML page: inline CSS and inline SVG, no
//! scripts, no fonts, nothing fetched (a Content-Security-Policy forbids it).
//! A timeline chart per topic comes first, then the Markdown report's sections.

use super::chart::{legend, topic_chart};
use super::PositionEntry;
use super::{
    evidence_source, mixed_counts, point_when, shift_title, timeline_title, Evidence, Report,
};
use crate::escape::xml;
use crate::model::{ActorId, TopicId};
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = "
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.chart-box { overflow-x: auto; margin-bottom: 12px; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
svg text.date { text-anchor: middle; font-size: 11px; }
svg text.actor { font-weight: 600; }
svg line.grid { stroke: #eee; } svg line.row { stroke: #f2f2f2; }
svg circle.obs { stroke-width: 1.5; } svg circle.obs:hover { stroke-width: 4; }
svg circle.obs.earlier { stroke-width: 2.5; }
svg .shift line { stroke: #f39c12; stroke-width: 6; stroke-opacity: 0.45; stroke-linecap: round; }
svg .shift circle { fill: none; stroke: #f39c12; stroke-width: 3; }
.shift-entry { border-left: 4px solid #f39c12; padding: 2px 12px; margin: 12px 0; }
blockquote { margin: 4px 0; color: #444; }
.source { color: #777; font-size: 12px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
td.support, td.oppose, td.neutral { color: #fff; }
td.support { background: #1a9850; } td.oppose { background: #d73027; } td.neutral { background: #8c8c8c; }
details { margin: 4px 0; } summary { cursor: pointer; }
";

/// The report as a self-contained HTML page.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Stance changes</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>Stance changes</h1>\n");
    let as_of = report
        .as_of
        .map_or("with no dated observations".to_string(), |d| {
            format!("as of {d}")
        });
    let _ = writeln!(
        out,
        "<p>Report {as_of}: {} change(s), {} actor(s), {} topic(s), {} article(s) read.</p>",
        report.shifts.len(),
        report.actors.len(),
        report.topics.len(),
        report.coverage.articles
    );
    charts(&mut out, report);
    changes(&mut out, report);
    positions(&mut out, report);
    timelines(&mut out, report);
    coverage(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn charts(out: &mut String, report: &Report) {
    out.push_str("<h2 id=\"charts\">Timelines by topic</h2>\n");
    out.push_str("<p>Hover over a mark for its evidence.</p>\n");
    out.push_str(&legend());
    out.push('\n');
    for topic in &report.topics {
        if let Some(svg) = topic_chart(report, &topic.id) {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<div class=\"chart-box\">{svg}</div>",
                xml(&topic.label)
            );
        }
    }
}

fn quote(out: &mut String, label: &str, evidence: &Evidence) {
    let _ = writeln!(
        out,
        "<blockquote><b>{}</b> \u{201C}{}\u{201D} <span class=\"source\">{}</span></blockquote>",
        xml(label),
        xml(&evidence.text),
        xml(&evidence_source(evidence))
    );
}

fn changes(out: &mut String, report: &Report) {
    out.push_str("<h2 id=\"changes\">Changes</h2>\n");
    if report.shifts.is_empty() {
        out.push_str("<p>No actor changed position.</p>\n");
    }
    for shift in &report.shifts {
        out.push_str("<div class=\"shift-entry\">\n");
        let _ = writeln!(out, "<h3>{}</h3>", xml(&shift_title(report, shift)));
        if shift.within_article {
            out.push_str("<p>Reported within one article: the text dates the earlier stance before itself.</p>\n");
        }
        quote(
            out,
            &format!("Before, {}:", shift.from.adjective()),
            &shift.before,
        );
        quote(
            out,
            &format!("After, {}:", shift.to.adjective()),
            &shift.after,
        );
        out.push_str("</div>\n");
    }
}

fn positions(out: &mut String, report: &Report) {
    out.push_str("<h2 id=\"positions\">Positions</h2>\n");
    if let Some(as_of) = report.as_of {
        let _ = writeln!(
            out,
            "<p>As of {as_of}; the date is when the position was last seen.</p>"
        );
    }
    out.push_str("<table>\n<tr><th>Actor</th>");
    for topic in &report.topics {
        let _ = write!(out, "<th>{}</th>", xml(&topic.label));
    }
    out.push_str("</tr>\n");
    let cells: BTreeMap<(&ActorId, &TopicId), &PositionEntry> = report
        .positions
        .iter()
        .map(|p| ((&p.actor, &p.topic), p))
        .collect();
    for actor in &report.actors {
        let _ = write!(out, "<tr><th>{}</th>", xml(&actor.name));
        for topic in &report.topics {
            match cells.get(&(&actor.id, &topic.id)) {
                Some(p) => {
                    let mixed = if p.mixed { ", mixed" } else { "" };
                    let _ = write!(
                        out,
                        "<td class=\"{}\">{} ({}{mixed})</td>",
                        p.stance.as_str(),
                        p.stance.adjective(),
                        p.date
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn timelines(out: &mut String, report: &Report) {
    out.push_str("<h2 id=\"timelines\">Timelines</h2>\n");
    for timeline in &report.timelines {
        let _ = writeln!(
            out,
            "<details><summary>{}</summary>\n<ul>",
            xml(&timeline_title(report, timeline))
        );
        for point in &timeline.points {
            let mixed = mixed_counts(point)
                .map(|m| format!(" (mixed: {m})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}{}<ul>",
                point_when(point),
                point.position.adjective(),
                xml(&mixed)
            );
            for evidence in &point.evidence {
                let _ = writeln!(
                    out,
                    "<li>\u{201C}{}\u{201D} <span class=\"source\">{}, {}, rule {}</span></li>",
                    xml(&evidence.text),
                    xml(evidence.article.as_str()),
                    evidence.stance.adjective(),
                    xml(&evidence.rule)
                );
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul></details>\n");
    }
}

fn coverage(out: &mut String, report: &Report) {
    let c = &report.coverage;
    out.push_str("<h2 id=\"coverage\">Coverage</h2>\n<ul>\n");
    let _ = writeln!(
        out,
        "<li>Articles read: {} ({} dated, {} undated)</li>",
        c.articles,
        c.dated_articles,
        c.undated_articles.len()
    );
    if !c.undated_articles.is_empty() {
        let ids: Vec<String> = c
            .undated_articles
            .iter()
            .map(|id| xml(id.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "<li>Undated articles (on no timeline): {}</li>",
            ids.join(", ")
        );
    }
    let _ = writeln!(out, "<li>{}</li>", c.quotes_sentence());
    let _ = writeln!(out, "<li>{}</li>\n</ul>", c.observations_sentence());
}
