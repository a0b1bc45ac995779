//! One article's extraction as readable text, for `extract` and `quotes`.

use crate::extraction::{Extraction, Speaker};

/// A speaker as a short label: the actor id, the name, `anonymous: …`, or `?`.
pub fn speaker_label(speaker: &Speaker) -> String {
    if let Some(actor) = &speaker.actor {
        return actor.to_string();
    }
    if let Some(name) = &speaker.name {
        return format!("{name} (not in pack)");
    }
    if let Some(description) = &speaker.description {
        return format!("anonymous: {description}");
    }
    if !speaker.candidates.is_empty() {
        let ids: Vec<&str> = speaker.candidates.iter().map(|a| a.as_str()).collect();
        return format!("one of {}", ids.join("/"));
    }
    "?".to_string()
}

/// One article's quotes and observations as readable text.
pub fn extraction_text(extraction: &Extraction) -> String {
    let mut out = String::new();
    let date = extraction
        .date
        .map_or("undated".to_string(), |d| d.to_string());
    out.push_str(&format!("== {} ({date})\n", extraction.id));
    if let Some(title) = &extraction.title {
        out.push_str(&format!("   {title}\n"));
    }
    out.push_str(&format!("quotes ({}):\n", extraction.quotes.len()));
    for quote in &extraction.quotes {
        out.push_str(&format!(
            "  {:<22} \u{201C}{}\u{201D}\n",
            speaker_label(&quote.speaker),
            quote.text
        ));
    }
    out.push_str(&format!(
        "observations ({}):\n",
        extraction.observations.len()
    ));
    for o in &extraction.observations {
        let held = if o.held.is_some() { " (earlier)" } else { "" };
        out.push_str(&format!(
            "  {} on {}: {}{held}  [{}]\n      {}\n",
            o.actor, o.topic, o.stance, o.rule, o.evidence
        ));
    }
    out.push('\n');
    out
}
