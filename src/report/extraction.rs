//! Extractions as readable text, for `extract` and `quotes`: articles, speakers, unknown speakers.

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

/// Named speakers the rule pack does not know, most quoted first, with a YAML
/// stub for `rules/actors.yaml`.
pub fn unknown_speakers(extractions: &[Extraction]) -> String {
    let mut counts: std::collections::BTreeMap<&str, (usize, std::collections::BTreeSet<&str>)> =
        std::collections::BTreeMap::new();
    for extraction in extractions {
        for quote in &extraction.quotes {
            if let (None, Some(name)) = (&quote.speaker.actor, &quote.speaker.name) {
                let entry = counts.entry(name.as_str()).or_default();
                entry.0 += 1;
                entry.1.insert(extraction.id.as_str());
            }
        }
    }
    if counts.is_empty() {
        return "every named speaker is in the rule pack\n".to_string();
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let mut out = String::from("# speakers not in the rule pack (quotes, articles)\n");
    for (name, (quotes, articles)) in &ranked {
        let ids: Vec<&str> = articles.iter().copied().collect();
        out.push_str(&format!(
            "#   {name}: {quotes} quote(s) in {}\n",
            ids.join(", ")
        ));
    }
    out.push_str("# paste into rules/actors.yaml and complete kind, gender and roles:\n");
    for (name, _) in &ranked {
        let id: String = name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let surname = name.split_whitespace().last().unwrap_or(name);
        out.push_str(&format!(
            "  - id: {id}\n    name: {}\n    kind: person\n    aliases: [{}]\n",
            yaml_scalar(name),
            yaml_scalar(surname)
        ));
    }
    out
}

/// A string safe as a plain or quoted YAML scalar.
fn yaml_scalar(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '.')
        && !text.starts_with(['-', '.']);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
