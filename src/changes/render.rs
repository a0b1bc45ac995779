//! Changes -> text for people and JSON for machines.

use super::{ArticleChanges, ChangeSummary, ObservationChange, Reading, SpeakerChange};
use crate::snapshot::SpeakerSnapshot;
use std::fmt::Write;

/// Evidence lines are indented under their observation by this much.
const INDENT: &str = "           ";

/// One article's changes as text: a heading, then one entry per change.
pub fn article_text(changes: &ArticleChanges) -> String {
    let mut out = String::new();
    let date = changes
        .date
        .map_or("undated".to_string(), |d| d.to_string());
    let _ = write!(out, "== {} ({date})", changes.id);
    if let Some(title) = &changes.title {
        let _ = write!(out, " {title}");
    }
    out.push('\n');
    out.push_str(&entries_text(changes));
    out
}

/// The entries of one article's changes, without the heading.
pub fn entries_text(changes: &ArticleChanges) -> String {
    let mut out = String::new();
    for speaker in &changes.speakers {
        out.push_str(&speaker_text(speaker));
    }
    for o in &changes.removed {
        let _ = writeln!(out, "  removed  {o}  [{}]\n{INDENT}{}", o.rule, o.evidence);
    }
    for o in &changes.added {
        let _ = writeln!(out, "  added    {o}  [{}]\n{INDENT}{}", o.rule, o.evidence);
    }
    for change in &changes.changed {
        let _ = writeln!(
            out,
            "  changed  {}\n{INDENT}{}",
            change_label(change),
            change.evidence
        );
    }
    out
}

/// The closing line: how many articles changed, and how.
pub fn summary_text(summary: &ChangeSummary) -> String {
    if !summary.any() {
        return format!(
            "summary: {} article(s) compared, none changed\n",
            summary.articles
        );
    }
    format!(
        "summary: {} article(s) compared, {} changed: {} speaker(s) changed, \
         {} observation(s) added, {} removed, {} changed\n",
        summary.articles,
        summary.changed_articles,
        summary.speakers,
        summary.added,
        summary.removed,
        summary.changed
    )
}

/// The whole comparison as JSON: what was compared, every changed article, the counts.
pub fn json(
    base: &str,
    rules: &str,
    changes: &[ArticleChanges],
    summary: &ChangeSummary,
) -> serde_json::Value {
    let changed: Vec<&ArticleChanges> = changes.iter().filter(|c| !c.is_empty()).collect();
    serde_json::json!({
        "base": base,
        "rules": rules,
        "articles": changed,
        "summary": summary,
    })
}

fn speaker_text(change: &SpeakerChange) -> String {
    let side = |s: &Option<SpeakerSnapshot>| {
        s.as_ref()
            .map_or("(no such quote)".to_string(), ToString::to_string)
    };
    format!(
        "  speaker  \u{201C}{}\u{201D}\n{INDENT}{} \u{2192} {}\n",
        change.quote,
        side(&change.old),
        side(&change.new)
    )
}

/// `ukraine on ukraine-nato-membership: support → oppose  [r1 → r2]`, naming
/// only what differs besides the stance.
pub fn change_label(change: &ObservationChange) -> String {
    let (old, new) = (&change.old, &change.new);
    let mut out = format!("{} on {}: {}", change.actor, change.topic, old.stance);
    if new.stance != old.stance {
        let _ = write!(out, " \u{2192} {}", new.stance);
    }
    let notes = [
        (old.held != new.held).then(|| format!("{} \u{2192} {}", when(old), when(new))),
        (old.quoted != new.quoted).then(|| format!("{} \u{2192} {}", voice(old), voice(new))),
    ];
    for note in notes.into_iter().flatten() {
        let _ = write!(out, ", {note}");
    }
    if old.rule == new.rule {
        let _ = write!(out, "  [{}]", old.rule);
    } else {
        let _ = write!(out, "  [{} \u{2192} {}]", old.rule, new.rule);
    }
    out
}

fn when(reading: &Reading) -> String {
    match (reading.held, reading.date) {
        (Some(_), Some(date)) => format!("earlier ({date})"),
        (Some(_), None) => "earlier".to_string(),
        (None, _) => "now".to_string(),
    }
}

fn voice(reading: &Reading) -> &'static str {
    if reading.quoted {
        "quoted"
    } else {
        "reported"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::Held;
    use crate::model::Stance;

    fn reading(stance: Stance, held: Option<Held>, rule: &str) -> Reading {
        Reading {
            stance,
            held,
            date: None,
            quoted: false,
            rule: rule.to_string(),
        }
    }

    #[test]
    fn change_labels_name_what_differs() {
        let cases = [
            (
                "stance",
                reading(Stance::Support, None, "r"),
                reading(Stance::Oppose, None, "r"),
                "a on t: support \u{2192} oppose  [r]",
            ),
            (
                "rule only",
                reading(Stance::Support, None, "r1"),
                reading(Stance::Support, None, "r2"),
                "a on t: support  [r1 \u{2192} r2]",
            ),
            (
                "held",
                reading(Stance::Support, None, "r"),
                reading(Stance::Support, Some(Held::Earlier), "r"),
                "a on t: support, now \u{2192} earlier  [r]",
            ),
        ];
        for (case, old, new, expected) in cases {
            let change = ObservationChange {
                actor: "a".into(),
                topic: "t".into(),
                evidence: "E".to_string(),
                old,
                new,
            };
            assert_eq!(change_label(&change), expected, "{case}");
        }
    }

    #[test]
    fn summary_says_none_changed_or_counts_each_kind() {
        let mut summary = ChangeSummary {
            articles: 5,
            ..ChangeSummary::default()
        };
        assert_eq!(
            summary_text(&summary),
            "summary: 5 article(s) compared, none changed\n"
        );
        summary.changed_articles = 1;
        summary.removed = 2;
        assert_eq!(
            summary_text(&summary),
            "summary: 5 article(s) compared, 1 changed: 0 speaker(s) changed, \
             0 observation(s) added, 2 removed, 0 changed\n"
        );
    }
}
