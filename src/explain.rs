//! `explain`: every stage's view of a sentence, for rule authors.

use crate::attribute::Referent;
use crate::load::Article;
use crate::matcher::{trace_stances, ArticleContext, MatchInput};
use crate::mentions::MentionKind;
use crate::model::Span;
use crate::pipeline::analyse;
use crate::rules::{CompiledRules, Meaning};
use std::fmt::Write;

/// Explains how the pipeline reads the sentences of `article` that overlap
/// `focus` (original-text byte range; the whole article when `None`).
pub fn explain(article: &Article, rules: &CompiledRules, focus: Option<(usize, usize)>) -> String {
    let analysis = analyse(article, rules);
    let seg = &analysis.seg;
    let focus =
        focus.map(|(start, end)| Span::new(seg.folded_offset(start), seg.folded_offset(end)));
    let input = MatchInput {
        seg,
        quotes: &analysis.quotes,
        found: &analysis.mentions,
        attributed: &analysis.attributed,
        article: ArticleContext {
            id: &article.id,
            date: article.date,
            text: &article.text,
        },
    };
    let traces = trace_stances(&input, rules);
    let mut out = String::new();
    let date = article
        .date
        .map_or("undated".to_string(), |d| d.to_string());
    let _ = writeln!(out, "article date: {date}");
    for (index, sentence) in seg.sentences.iter().enumerate() {
        if focus.is_some_and(|f| !f.overlaps(sentence.span) && f != sentence.span) {
            continue;
        }
        let _ = writeln!(
            out,
            "\nsentence {}: {}",
            index + 1,
            seg.slice(sentence.span)
        );
        let speaker = &analysis.attributed.sentences[index];
        let _ = writeln!(
            out,
            "  speaker of the sentence: {} ({})",
            referent_label(&speaker.speaker, rules),
            speaker.method.as_str()
        );
        for (q, quote) in analysis.quotes.iter().enumerate() {
            if sentence
                .span
                .contains(Span::new(quote.outer.start, quote.outer.start))
            {
                let a = &analysis.attributed.quotes[q];
                let cue = a.cue.map(|c| seg.slice(c).to_string()).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  quote \"{}\" -> {} by {} (cue: {cue})",
                    seg.slice(quote.span),
                    referent_label(&a.speaker, rules),
                    a.method.as_str()
                );
            }
        }
        for (m, mention) in analysis.mentions.mentions.iter().enumerate() {
            if !sentence.span.contains(mention.span) {
                continue;
            }
            let kind = match &mention.kind {
                MentionKind::Actor(_) => "name",
                MentionKind::Ambiguous(_) => "ambiguous",
                MentionKind::Pronoun(_) => "pronoun",
                MentionKind::OrganisationReference => "organisation reference",
                MentionKind::Anonymous => "anonymous source",
                MentionKind::Named { person: true, .. } => "name outside the pack",
                MentionKind::Named { person: false, .. } => "place or body outside the pack",
            };
            let mut flags = Vec::new();
            if mention.in_quote {
                flags.push("in quote");
            }
            if mention.after_preposition {
                flags.push("after preposition: not a subject");
            }
            if mention.possessive {
                flags.push("possessive");
            }
            let _ = writeln!(
                out,
                "  mention \"{}\" ({kind}) -> {}{}",
                seg.slice(mention.span),
                referent_label(&analysis.attributed.referents[m], rules),
                if flags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", flags.join(", "))
                }
            );
        }
        for cue in &analysis.mentions.cues {
            if sentence.span.contains(cue.span) {
                let phrase = &rules.phrases[cue.phrase as usize];
                let _ = writeln!(
                    out,
                    "  cue \"{}\": {} (phrase `{}`)",
                    seg.slice(cue.span),
                    meaning_label(cue.meaning, rules),
                    phrase.text
                );
            }
        }
        for reading in &traces[index].readings {
            let outcome = if reading.holders.is_empty() {
                "discarded: no holder found".to_string()
            } else {
                format!("held by {}", reading.holders.join(", "))
            };
            let _ = writeln!(
                out,
                "  reading: {} {} at \"{}\" [{}] -> {outcome}",
                reading.topic,
                reading.stance,
                seg.slice(reading.at),
                reading.rule
            );
        }
    }
    let _ = writeln!(out, "\nobservations:");
    for o in &analysis.extraction.observations {
        if focus.is_some_and(|f| {
            let s = Span::new(seg.folded_offset(o.start), seg.folded_offset(o.end));
            !f.overlaps(s)
        }) {
            continue;
        }
        let held = if o.held.is_some() { " (earlier)" } else { "" };
        let _ = writeln!(
            out,
            "  {} on {}: {}{held} [{}]",
            o.actor, o.topic, o.stance, o.rule
        );
    }
    out
}

fn referent_label(referent: &Referent, rules: &CompiledRules) -> String {
    match referent {
        Referent::Actor(a) => rules.actors[*a].id.to_string(),
        Referent::Named(name) => format!("{name} (not in pack)"),
        Referent::Anonymous(d) => format!("anonymous ({d})"),
        Referent::Ambiguous(c) => {
            let ids: Vec<&str> = c.iter().map(|a| rules.actors[*a].id.as_str()).collect();
            format!("ambiguous: {}", ids.join(" or "))
        }
        Referent::Unknown => "nobody".to_string(),
    }
}

fn meaning_label(meaning: Meaning, rules: &CompiledRules) -> String {
    match meaning {
        Meaning::Topic { topic, .. } => format!("topic {}", rules.topics[topic].id),
        Meaning::StanceCue {
            stance,
            holder,
            rule,
            ..
        } => {
            format!(
                "stance cue {stance} ({}, holder: {holder:?})",
                rules.rule_ids[rule]
            )
        }
        Meaning::TopicStance {
            topic,
            stance,
            rule,
            ..
        } => {
            format!(
                "idiom {} {stance} ({})",
                rules.topics[topic].id, rules.rule_ids[rule]
            )
        }
        other => format!("{other:?}").to_lowercase(),
    }
}
