//! One topic's timeline as inline SVG: actors on rows, dates across (one
//! evenly spaced column per date that has an observation, so that clusters
//! of dates stay readable), one mark per observation coloured by stance,
//! its evidence in an SVG `<title>` (shown on hover), shifts highlighted.
//!
//! Stances an article dates before itself are hollow marks, drawn just left
//! of the current ones of the same date.

use super::{point_when, shift_title, Report, TimelineEntry};
use crate::escape::xml;
use crate::graph::Phase;
use crate::model::{Stance, TopicId};
use chrono::NaiveDate;
use std::fmt::Write;

const LABEL_WIDTH: f64 = 190.0;
const COLUMN_WIDTH: f64 = 96.0;
const ROW_HEIGHT: f64 = 34.0;
const TOP: f64 = 34.0;
const EARLIER_OFFSET: f64 = -20.0;

/// The fill colour of a stance.
pub fn stance_colour(stance: Stance) -> &'static str {
    match stance {
        Stance::Support => "#1a9850",
        Stance::Oppose => "#d73027",
        Stance::Neutral => "#8c8c8c",
    }
}

/// The chart of one topic, or `None` when no actor has a dated point on it.
pub fn topic_chart(report: &Report, topic: &TopicId) -> Option<String> {
    let rows: Vec<&TimelineEntry> = report
        .timelines
        .iter()
        .filter(|t| &t.topic == topic && !t.points.is_empty())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut dates: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|t| t.points.iter().map(|p| p.date))
        .collect();
    dates.sort();
    dates.dedup();
    let width = LABEL_WIDTH + COLUMN_WIDTH * dates.len() as f64 + 20.0;
    let height = TOP + ROW_HEIGHT * rows.len() as f64 + 8.0;
    let x_of = |date: NaiveDate, phase: Phase| {
        // A date outside the chart (a shift's side before `--since`) sits at its left edge.
        let column = match dates.binary_search(&date) {
            Ok(i) => i as f64,
            Err(i) => i as f64 - 0.5,
        };
        let centre = LABEL_WIDTH + COLUMN_WIDTH * (column + 0.5);
        match phase {
            Phase::Earlier => centre + EARLIER_OFFSET,
            Phase::Current => centre,
        }
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"{}\">",
        xml(&format!("Timeline of {}", report.topic_label(topic)))
    );
    for date in &dates {
        let x = x_of(*date, Phase::Current);
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\
             <text class=\"date\" x=\"{x:.1}\" y=\"{:.1}\">{date}</text>",
            TOP - 6.0,
            height - 4.0,
            TOP - 12.0
        );
    }
    for (row, timeline) in rows.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * (row as f64 + 0.5);
        let _ = write!(
            svg,
            "<line class=\"row\" x1=\"0\" y1=\"{:.1}\" x2=\"{width:.0}\" y2=\"{:.1}\"/>\
             <text class=\"actor\" x=\"8\" y=\"{:.1}\">{}</text>",
            y + ROW_HEIGHT / 2.0,
            y + ROW_HEIGHT / 2.0,
            y + 4.0,
            xml(report.actor_name(&timeline.actor))
        );
        shift_marks(&mut svg, report, timeline, y, &x_of);
        observation_marks(&mut svg, report, timeline, y, &x_of);
    }
    svg.push_str("</svg>");
    Some(svg)
}

fn shift_marks(
    svg: &mut String,
    report: &Report,
    timeline: &TimelineEntry,
    y: f64,
    x_of: &impl Fn(NaiveDate, Phase) -> f64,
) {
    let phase = |held: bool| if held { Phase::Earlier } else { Phase::Current };
    for shift in report
        .shifts
        .iter()
        .filter(|s| s.actor == timeline.actor && s.topic == timeline.topic)
    {
        let from_x = x_of(shift.from_date, phase(shift.before.held.is_some()));
        let to_x = x_of(shift.to_date, phase(shift.after.held.is_some()));
        let title = xml(&shift_title(report, shift));
        let _ = write!(
            svg,
            "<g class=\"shift\"><title>Shift: {title}</title>\
             <line x1=\"{from_x:.1}\" y1=\"{y:.1}\" x2=\"{to_x:.1}\" y2=\"{y:.1}\"/>\
             <circle cx=\"{to_x:.1}\" cy=\"{y:.1}\" r=\"13\"/></g>"
        );
    }
}

fn observation_marks(
    svg: &mut String,
    report: &Report,
    timeline: &TimelineEntry,
    y: f64,
    x_of: &impl Fn(NaiveDate, Phase) -> f64,
) {
    let name = report.actor_name(&timeline.actor);
    for point in &timeline.points {
        let count = point.evidence.len() as f64;
        let step = (40.0 / count).min(12.0);
        for (i, evidence) in point.evidence.iter().enumerate() {
            let x = x_of(point.date, point.phase) + step * (i as f64 - (count - 1.0) / 2.0);
            let colour = stance_colour(evidence.stance);
            let (fill, class) = match point.phase {
                Phase::Earlier => ("#ffffff", "obs earlier"),
                Phase::Current => (colour, "obs"),
            };
            let title = format!(
                "{name} \u{00B7} {} \u{00B7} {}\n{}: \u{201C}{}\u{201D}",
                point_when(point),
                evidence.stance.adjective(),
                evidence.article,
                evidence.text
            );
            let _ = write!(
                svg,
                "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{fill}\" stroke=\"{colour}\">\
                 <title>{}</title></circle>",
                xml(&title)
            );
        }
    }
}

/// The legend: one mark per stance, the hollow earlier mark, the shift ring.
pub fn legend() -> String {
    let mut svg = String::from(
        "<svg class=\"legend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"620\" height=\"28\" viewBox=\"0 0 620 28\">",
    );
    let mut x = 10.0;
    for stance in [Stance::Support, Stance::Oppose, Stance::Neutral] {
        let colour = stance_colour(stance);
        let _ = write!(
            svg,
            "<circle cx=\"{x:.0}\" cy=\"14\" r=\"6\" fill=\"{colour}\" stroke=\"{colour}\"/>\
             <text x=\"{:.0}\" y=\"18\">{}</text>",
            x + 10.0,
            stance.adjective()
        );
        x += 105.0;
    }
    let _ = write!(
        svg,
        "<circle cx=\"{x:.0}\" cy=\"14\" r=\"6\" fill=\"#ffffff\" stroke=\"#555\"/>\
         <text x=\"{:.0}\" y=\"18\">held earlier</text>",
        x + 10.0
    );
    x += 115.0;
    let _ = write!(
        svg,
        "<g class=\"shift\"><line x1=\"{:.0}\" y1=\"14\" x2=\"{x:.0}\" y2=\"14\"/>\
         <circle cx=\"{x:.0}\" cy=\"14\" r=\"10\"/></g><text x=\"{:.0}\" y=\"18\">shift</text></svg>",
        x - 24.0,
        x + 16.0
    );
    svg
}
