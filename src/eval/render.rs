//! An `EvalReport` as a fixed-width table, a full listing of differences, or JSON.

use super::report::{Accuracy, ArticleReport, EvalReport, Score};

/// The summary table: one row per category, then one row per article.
///
/// Corpus scores are printed `{:.3}`, per-article F1 `{:.2}`; `-` marks a
/// score with nothing to divide by.
pub fn render_table(report: &EvalReport) -> String {
    let mut out = format!(
        "gold articles: {} (without system output: {}; system articles without gold: {})\n\n",
        report.gold_articles,
        report.missing_articles.len(),
        report.ungraded_articles.len()
    );
    out.push_str("category               tp     fp     fn  precision  recall     f1\n");
    let rows = [
        ("quotes", &report.quotes),
        ("attributed quotes", &report.attributed_quotes),
        ("stances", &report.stances),
        ("dated history", &report.history),
        ("shifts", &report.shifts),
    ];
    for (name, score) in rows {
        out.push_str(&score_row(name, score));
    }
    let Accuracy {
        correct,
        total,
        value,
    } = report.attribution;
    out.push_str(&format!(
        "attribution accuracy: {correct}/{total} = {}\n",
        fixed(value, 3)
    ));
    out.push('\n');
    out.push_str(
        "article                      date        quotes  attrib  stances  history  (F1)\n",
    );
    for article in &report.articles {
        out.push_str(&article_row(article));
    }
    out
}

/// Every miss, extra and ignored item, article by article, then the shifts.
pub fn render_verbose(report: &EvalReport) -> String {
    let mut out = String::new();
    for article in &report.articles {
        out.push_str(&article_listing(article));
        out.push('\n');
    }
    out.push_str(&format!(
        "== shifts across the corpus: {}\n",
        counts(&report.shifts)
    ));
    for shift in &report.missed_shifts {
        out.push_str(&format!("  missed shift: {shift}\n"));
    }
    for shift in &report.extra_shifts {
        out.push_str(&format!("  extra shift: {shift}\n"));
    }
    for shift in &report.ignored_shifts {
        out.push_str(&format!("  ignored shift (optional in gold): {shift}\n"));
    }
    if !report.ungraded_articles.is_empty() {
        out.push_str("\n== system articles without gold (not scored)\n");
        for id in &report.ungraded_articles {
            out.push_str(&format!("  {id}\n"));
        }
    }
    out
}

/// The report as pretty-printed JSON, ending in a newline.
pub fn render_json(report: &EvalReport) -> String {
    let mut json = serde_json::to_string_pretty(report).expect("the report is plain data");
    json.push('\n');
    json
}

/// The listing for one article.
fn article_listing(article: &ArticleReport) -> String {
    let mut out = format!("== {} {}\n", article.article, article.date);
    if !article.found {
        out.push_str("  no system output: everything below is missed\n");
    } else if article.system_date != Some(article.date) {
        let found = article
            .system_date
            .map_or_else(|| "none".to_string(), |d| d.to_string());
        out.push_str(&format!("  system date: {found} (gold dates are used)\n"));
    }
    out.push_str(&format!("quotes: {}\n", counts(&article.quotes)));
    for q in &article.missed_quotes {
        out.push_str(&format!(
            "  missed quote: {:?} (speaker {})\n",
            q.text, q.speaker
        ));
    }
    for q in &article.extra_quotes {
        out.push_str(&format!(
            "  extra quote: {:?} (speaker {})\n",
            q.text, q.speaker
        ));
    }
    let Accuracy { correct, total, .. } = article.attribution;
    out.push_str(&format!(
        "speakers: {correct} of {total} found quotes right\n"
    ));
    for w in &article.wrong_speakers {
        out.push_str(&format!(
            "  wrong speaker: {:?} expected {}, found {}\n",
            w.text, w.expected, w.found
        ));
        if let Some(system_text) = &w.system_text {
            out.push_str(&format!("    (system text {system_text:?})\n"));
        }
    }
    out.push_str(&format!("stances: {}\n", counts(&article.stances)));
    for s in &article.missed_stances {
        out.push_str(&format!("  missed stance: {s}\n"));
    }
    for s in &article.extra_stances {
        out.push_str(&format!("  extra stance: {s}\n"));
    }
    for s in &article.ignored_stances {
        out.push_str(&format!("  ignored stance (optional in gold): {s}\n"));
    }
    out.push_str(&format!("dated history: {}\n", counts(&article.history)));
    for s in &article.missed_history {
        out.push_str(&format!("  missed earlier stance: {s}\n"));
    }
    for s in &article.extra_history {
        out.push_str(&format!("  extra earlier stance: {s}\n"));
    }
    out
}

fn score_row(name: &str, score: &Score) -> String {
    format!(
        "{name:<19} {:>5}  {:>5}  {:>5}  {:>9}  {:>6}  {:>5}\n",
        score.tp,
        score.fp,
        score.r#fn,
        fixed(score.precision, 3),
        fixed(score.recall, 3),
        fixed(score.f1, 3)
    )
}

fn article_row(article: &ArticleReport) -> String {
    let mut row = format!(
        "{:<28} {}  {:>6}  {:>6}  {:>7}  {:>7}",
        article.article.as_str(),
        article.date,
        fixed(article.quotes.f1, 2),
        fixed(article.attribution.value, 2),
        fixed(article.stances.f1, 2),
        fixed(article.history.f1, 2)
    );
    if !article.found {
        row.push_str("  no system output");
    }
    row.push('\n');
    row
}

fn counts(score: &Score) -> String {
    format!("tp {}, fp {}, fn {}", score.tp, score.fp, score.r#fn)
}

/// A score with `digits` decimals, or `-` when undefined.
fn fixed(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.digits$}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{evaluate, parse_gold, GoldArticle};
    use crate::extraction::Extraction;
    use crate::model::{ActorId, Stance};
    use std::path::Path;

    /// One gold article, and a system that misattributes a quote, adds
    /// boilerplate and takes the wrong stance.
    fn example() -> EvalReport {
        let text = r#"
article: a1
date: 2024-12-03
quotes:
  - {text: "If we come to a deal,", speaker: rutte}
  - {text: "monumental decision", speaker: {anonymous: true}}
stances:
  - {actor: rutte, topic: aid, stance: support}
  - {actor: rutte, topic: nato, stance: neutral, optional: true}
"#;
        let gold: GoldArticle = parse_gold(text, Path::new("a1.yaml")).unwrap();
        let mut system: Extraction = gold.to_extraction();
        system.quotes[1].speaker.actor = Some(ActorId::from("nato"));
        let mut boilerplate = system.quotes[0].clone();
        boilerplate.text = "*".to_string();
        system.quotes.push(boilerplate);
        system.observations[0].stance = Stance::Oppose;
        let mut stray = system.clone();
        stray.id = "zz".into();
        evaluate(&[gold], &[system, stray])
    }

    #[test]
    fn table_has_fixed_columns() {
        let expected = "\
gold articles: 1 (without system output: 0; system articles without gold: 1)

category               tp     fp     fn  precision  recall     f1
quotes                  2      1      0      0.667   1.000  0.800
attributed quotes       1      2      1      0.333   0.500  0.400
stances                 0      1      1      0.000   0.000  0.000
dated history           0      0      0          -       -      -
shifts                  0      0      0          -       -      -
attribution accuracy: 1/2 = 0.500

article                      date        quotes  attrib  stances  history  (F1)
a1                           2024-12-03    0.80    0.50     0.00        -
";
        assert_eq!(render_table(&example()), expected);
    }

    #[test]
    fn verbose_lists_every_difference() {
        let expected = "\
== a1 2024-12-03
quotes: tp 2, fp 1, fn 0
  extra quote: \"*\" (speaker rutte)
speakers: 1 of 2 found quotes right
  wrong speaker: \"monumental decision\" expected anonymous, found nato
stances: tp 0, fp 1, fn 1
  missed stance: rutte aid support
  extra stance: rutte aid oppose
  ignored stance (optional in gold): rutte nato neutral
dated history: tp 0, fp 0, fn 0

== shifts across the corpus: tp 0, fp 0, fn 0

== system articles without gold (not scored)
  zz
";
        assert_eq!(render_verbose(&example()), expected);
    }

    #[test]
    fn json_uses_fn_and_null_for_undefined_scores() {
        let json: serde_json::Value = serde_json::from_str(&render_json(&example())).unwrap();
        assert_eq!(json["stances"]["fn"], 1);
        assert_eq!(json["history"]["precision"], serde_json::Value::Null);
        assert_eq!(json["articles"][0]["wrong_speakers"][0]["found"], "nato");
        assert_eq!(json["ungraded_articles"][0], "zz");
    }
}
