//! `stancetrack report`: sections, the shifts on the seed corpus, filters,
//! escaping, the HTML page, and a snapshot of the Markdown report.

mod support;

use stancetrack::graph::Window;
use stancetrack::report::{self, Coverage, Report};
use support::{nasty_graph, run_stancetrack, stdout_of, SEEDS};

#[test]
fn changes_list_zelenskys_nato_move_and_the_within_article_shifts() {
    let markdown = stdout_of(&["report", SEEDS]);
    let changes =
        &markdown[markdown.find("## Changes").unwrap()..markdown.find("## Positions").unwrap()];
    let zelensky = changes
        .lines()
        .find(|l| {
            l.contains("Volodymyr Zelensky on Ukraine NATO membership: supportive \u{2192} neutral")
        })
        .unwrap_or_else(|| panic!("no Zelensky NATO shift in:\n{changes}"));
    assert!(
        zelensky.contains("(2024-12-0") && zelensky.ends_with("\u{2192} 2025-02-13)"),
        "{zelensky}"
    );
    for line in [
        "### Donald Trump on Tomahawk missiles for Ukraine: supportive \u{2192} opposed",
        "### Donald Trump on Territorial concessions by Ukraine: opposed \u{2192} supportive",
    ] {
        assert!(changes.contains(line), "{line} missing from:\n{changes}");
    }
    assert!(changes.contains("Reported within one article"));
    assert!(changes.contains("- Before, supportive (`") && changes.contains("- After, neutral (`"));
}

#[test]
fn markdown_has_every_section_in_order() {
    let markdown = stdout_of(&["report", SEEDS]);
    let positions: Vec<usize> = [
        "# Stance changes",
        "## Changes",
        "## Positions",
        "## Timelines",
        "## Coverage",
    ]
    .iter()
    .map(|h| markdown.find(h).unwrap_or_else(|| panic!("{h} missing")))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(markdown.contains(
        "#### Donald Trump on Ukraine NATO membership: opposed (2025-02-13, 2025-10-22)"
    ));
    assert!(markdown.contains("- Articles read: 5"));
}

#[test]
fn json_shifts_keep_the_contract() {
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["report", SEEDS, "--format", "json"])).unwrap();
    let shifts = doc["shifts"].as_array().expect("a shifts list");
    for shift in shifts {
        for key in [
            "actor",
            "topic",
            "from",
            "to",
            "from_date",
            "to_date",
            "from_article",
            "to_article",
        ] {
            assert!(shift.get(key).is_some(), "shift lacks {key}: {shift}");
        }
    }
    let zelensky = shifts
        .iter()
        .find(|s| s["actor"] == "zelensky" && s["topic"] == "ukraine-nato-membership")
        .expect("Zelensky's NATO shift");
    assert_eq!(
        (zelensky["from"].as_str(), zelensky["to"].as_str()),
        (Some("support"), Some("neutral"))
    );
    assert_eq!(zelensky["to_date"], "2025-02-13");
    assert_eq!(zelensky["to_article"], "003_a5bfbbfc84ef667f");
    let dates: Vec<&str> = shifts
        .iter()
        .map(|s| s["to_date"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    for key in [
        "positions",
        "timelines",
        "coverage",
        "volatility",
        "alignment",
    ] {
        assert!(doc.get(key).is_some(), "report lacks {key}");
    }
    assert_eq!(doc["coverage"]["articles"], 5);
}

#[test]
fn filters_narrow_actors_topics_and_dates() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["report", SEEDS, "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&stdout_of(&args)).unwrap()
    };
    let one = json(&["--actor", "zelensky", "--topic", "ukraine-nato-membership"]);
    let pairs: Vec<(&str, &str)> = one["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["actor"].as_str().unwrap(), p["topic"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("zelensky", "ukraine-nato-membership")]);
    let before = json(&["--actor", "zelensky", "--until", "2025-01-01"]);
    assert_eq!(before["as_of"], "2025-01-01");
    assert!(before["shifts"].as_array().unwrap().is_empty());
    let late = json(&["--since", "2025-06-01"]);
    for shift in late["shifts"].as_array().unwrap() {
        assert!(
            shift["to_date"].as_str().unwrap() >= "2025-06-01",
            "{shift}"
        );
    }
}

#[test]
fn unknown_ids_and_backward_dates_are_usage_errors() {
    for args in [
        vec!["report", SEEDS, "--actor", "nobody"],
        vec!["report", SEEDS, "--topic", "nothing"],
        vec![
            "report",
            SEEDS,
            "--since",
            "2025-02-01",
            "--until",
            "2025-01-01",
        ],
    ] {
        let output = run_stancetrack(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("expected"),
            "{args:?}"
        );
    }
}

#[test]
fn text_from_articles_and_rules_is_escaped() {
    let graph = nasty_graph();
    let report = Report::build(&graph, Coverage::default(), Window::default());
    let markdown = report::markdown::render(&report);
    assert!(!markdown.contains("<b>") && markdown.contains("&lt;b&gt;bold&lt;/b&gt;"));
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| Trump"))
        .expect("a matrix row");
    let cell_borders = row.matches('|').count() - row.matches("\\|").count();
    assert_eq!(cell_borders, 3, "one actor cell and one topic cell: {row}");
    assert!(row.contains("Trump \\| He said"), "{row}");
    let html = report::html::render(&report);
    assert!(!html.contains("<b>bold") && html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    let text = report::text::render(&report);
    assert!(text.contains(
        "Trump | He said \"no\" \\ {braces} | pipes <b>bold</b> & 'single' next line tab"
    ));
}

#[test]
fn html_is_one_self_contained_page() {
    let html = stdout_of(&["report", SEEDS, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for outside in ["<script", " src=", " href=", "url(", "@import", "<link"] {
        assert!(
            !html.contains(outside),
            "the page refers outside itself: {outside}"
        );
    }
    assert!(html.contains("Content-Security-Policy"));
    let charts = html.matches("<svg class=\"chart\"").count();
    assert!(charts >= 10, "{charts} charts");
    assert!(html.contains(
        "<g class=\"shift\"><title>Shift: Volodymyr Zelensky on Ukraine NATO membership"
    ));
    assert!(html.contains("<title>Volodymyr Zelensky \u{00B7} 2025-02-13 \u{00B7} neutral\n003_a5bfbbfc84ef667f: \u{201C}"));
}

/// Needs Debian's `chromium`; run with `cargo test -- --ignored` (see scripts/screenshot.sh).
#[test]
#[ignore]
fn html_renders_in_headless_chromium_without_console_errors() {
    let dir = std::env::temp_dir().join(format!("stancetrack-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("report.html");
    let png = dir.join("report.png");
    stdout_of(&[
        "report",
        SEEDS,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let output = std::process::Command::new("scripts/screenshot.sh")
        .args([html.to_str().unwrap(), png.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the script runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn markdown_report_of_the_seed_corpus() {
    let markdown = stdout_of(&["report", SEEDS]);
    support::insta_settings().bind(|| insta::assert_snapshot!("seeds_markdown", markdown));
}
