//! A quote and its sentence full of `"`, `'`, `\`, `<`, `>`, `&` and a tab,
//! in articles read by the binary, come back unchanged from every output
//! format, each read by a real parser: JSON by serde, CSV by Python's csv
//! module, GraphML by networkx, DOT rendered by Graphviz and its SVG read as
//! XML, the HTML report by Python's HTML parser, the Markdown report by
//! markdown-it (CommonMark with tables). Layout formats may fold runs of
//! whitespace; nothing else may change, and no tag from the text may appear
//! as markup.
//!
//! CI installs Graphviz, networkx and markdown-it-py (`.ci/run`); these
//! tests fail, not skip, without them.
//!
//! Newlines cannot ride along: the segmenter ends a sentence at a line break
//! and the quote finder does not cross one, so no quote or evidence holds a
//! newline. The per-format tests on a built graph (`tests/export.rs`,
//! `tests/dot.rs`, `tests/report.rs`, with `support::NASTY`) cover newlines.

mod support;

use serde_json::Value;
use support::{run_tool, stdout_of};

/// The first article: two sentences against Ukraine's accession.
const FIRST: &str = "---
date: 2024-12-03
title: \"Hostile <title> & \\\"quotes\\\" \\\\ here\"
---
Orban said he rejects \"Ukraine's accession\" to <NATO> & the EU \\ forever.

“Ukraine's accession to <NATO> & the EU \\ is off\tthe table,” Orban said.
";

/// The second article, later: a shift to support, with markup in the sentence.
const SECOND: &str = "---
date: 2025-02-13
---
Orban said he now supports Ukraine's accession <blink>after all</blink> & \\ \"gladly\" <script>alert(1)</script>.
";

const TITLE: &str = "Hostile <title> & \"quotes\" \\ here";

/// The quote with every special character but the straight double quote
/// (which would end it: the quote finder pairs `“` with `"`).
const QUOTE: &str = "Ukraine's accession to <NATO> & the EU \\ is off\tthe table,";

/// The three observations' evidence, as written.
const EVIDENCE: [&str; 3] = [
    "Orban said he rejects \"Ukraine's accession\" to <NATO> & the EU \\ forever.",
    "“Ukraine's accession to <NATO> & the EU \\ is off\tthe table,” Orban said.",
    "Orban said he now supports Ukraine's accession <blink>after all</blink> & \\ \"gladly\" <script>alert(1)</script>.",
];

/// Tag names that would mean text became markup.
const INJECTED: [&str; 3] = ["nato", "blink", "script"];

struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hostile-1.md"), FIRST).unwrap();
        std::fs::write(dir.path().join("hostile-2.md"), SECOND).unwrap();
        Corpus { dir }
    }

    /// Standard output of `stancetrack COMMAND <corpus> ARGS...`.
    fn run(&self, command: &str, args: &[&str]) -> String {
        let mut all = vec![command, self.dir.path().to_str().unwrap()];
        all.extend(args);
        stdout_of(&all)
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs a Python script on `input` and parses the JSON it prints.
fn python(script: &str, input: &str) -> Value {
    let output = run_tool("python3", &["-c", script], input);
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

/// Every string anywhere in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn all_strings(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    strings(value, &mut out);
    out
}

/// Reads HTML from stdin: every tag name, every text run, every attribute value.
const READ_HTML: &str = r#"
import json, sys
from html.parser import HTMLParser
class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.texts, self.attrs = [], [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(v for _, v in attrs if v is not None)
    def handle_data(self, data):
        self.texts.append(data)
reader = Reader()
reader.feed(sys.stdin.read())
reader.close()
print(json.dumps({"tags": reader.tags, "texts": reader.texts, "attrs": reader.attrs}))
"#;

/// Renders Markdown from stdin to HTML with markdown-it (CommonMark and tables).
const MARKDOWN_TO_HTML: &str = r#"
import sys
from markdown_it import MarkdownIt
sys.stdout.write(MarkdownIt("commonmark").enable("table").render(sys.stdin.read()))
"#;

/// Reads SVG from stdin as XML: every tag name, text run and attribute value.
const READ_SVG: &str = r#"
import json, sys
import xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
tags, texts, attrs = [], [], []
for element in root.iter():
    tags.append(element.tag.split("}")[-1])
    texts.extend(t for t in (element.text, element.tail) if t)
    attrs.extend(element.attrib.values())
print(json.dumps({"tags": tags, "texts": texts, "attrs": attrs}))
"#;

/// What a markup parser read: the text (runs joined, whitespace folded) and attribute values.
struct Markup {
    tags: Vec<String>,
    text: String,
    attrs: Vec<String>,
}

fn read_markup(script: &str, source: &str) -> Markup {
    let doc = python(script, source);
    let list = |key: &str| -> Vec<String> {
        doc[key]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    Markup {
        tags: list("tags"),
        text: fold(&list("texts").concat()),
        attrs: list("attrs").iter().map(|a| fold(a)).collect(),
    }
}

fn assert_no_injected_tags(tags: &[String], what: &str) {
    for tag in INJECTED {
        assert!(
            !tags.iter().any(|t| t == tag),
            "{what}: <{tag}> became markup"
        );
    }
}

#[test]
fn json_outputs_carry_it_exactly() {
    let corpus = Corpus::new();
    let extract: Value =
        serde_json::from_str(&corpus.run("extract", &["--format", "json"])).unwrap();
    let found = all_strings(&extract);
    for expected in EVIDENCE.iter().chain([&QUOTE, &TITLE]) {
        assert!(
            found.iter().any(|s| s == expected),
            "extract json lacks {expected:?}"
        );
    }
    for (command, args) in [
        ("extract", vec!["--format", "jsonl"]),
        ("export", vec!["--format", "jsonl"]),
    ] {
        let lines = corpus.run(command, &args);
        let found: Vec<String> = lines
            .lines()
            .flat_map(|line| all_strings(&serde_json::from_str(line).expect("a JSON line")))
            .collect();
        for expected in EVIDENCE {
            assert!(
                found.iter().any(|s| s == expected),
                "{command} jsonl lacks {expected:?}"
            );
        }
    }
    let report: Value = serde_json::from_str(&corpus.run("report", &["--format", "json"])).unwrap();
    let found = all_strings(&report);
    for expected in EVIDENCE {
        assert!(
            found.iter().any(|s| s == expected),
            "report json lacks {expected:?}"
        );
    }
}

#[test]
fn csv_reader_reads_it_back() {
    let corpus = Corpus::new();
    let rows = python(
        "import csv, json, sys\nprint(json.dumps(list(csv.DictReader(sys.stdin))))",
        &corpus.run("export", &["--format", "csv"]),
    );
    let evidence: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["evidence"].as_str().unwrap())
        .collect();
    assert_eq!(evidence, EVIDENCE);
}

#[test]
fn networkx_reads_the_graphml_back() {
    let corpus = Corpus::new();
    let doc = python(
        "import json, sys, networkx as nx\n\
         g = nx.read_graphml(sys.stdin.buffer)\n\
         print(json.dumps(sorted(d['evidence'] for _, _, d in g.edges(data=True))))",
        &corpus.run("export", &["--format", "graphml"]),
    );
    let mut expected = EVIDENCE.to_vec();
    expected.sort();
    assert_eq!(doc, serde_json::json!(expected));
}

#[test]
fn graphviz_renders_every_view_and_the_svg_holds_the_text() {
    let corpus = Corpus::new();
    let mut seen = Vec::new();
    for view in ["stances", "shifts", "alignment"] {
        let source = corpus.run("dot", &["--view", view]);
        let svg = run_tool("dot", &["-Tsvg"], &source);
        let stderr = String::from_utf8_lossy(&svg.stderr);
        assert!(
            svg.status.success() && stderr.trim().is_empty(),
            "{view}: {stderr}\n{source}"
        );
        let svg = read_markup(READ_SVG, &String::from_utf8(svg.stdout).unwrap());
        assert_no_injected_tags(&svg.tags, view);
        seen.extend(svg.attrs);
        seen.push(svg.text);
    }
    // The stances view's edge tooltips hold the latest evidence for each stance.
    for expected in &EVIDENCE[1..] {
        let expected = fold(expected);
        assert!(
            seen.iter().any(|s| s.contains(&expected)),
            "no SVG text holds {expected:?}"
        );
    }
}

#[test]
fn the_html_report_parses_back_to_the_same_text() {
    let corpus = Corpus::new();
    let html = read_markup(READ_HTML, &corpus.run("report", &["--format", "html"]));
    assert_no_injected_tags(&html.tags, "html report");
    for expected in EVIDENCE {
        let expected = fold(expected);
        let found =
            html.text.contains(&expected) || html.attrs.iter().any(|a| a.contains(&expected));
        assert!(found, "the HTML report lacks {expected:?}");
    }
}

#[test]
fn the_markdown_report_renders_to_the_same_text() {
    let corpus = Corpus::new();
    let markdown = corpus.run("report", &["--format", "markdown"]);
    let html = run_tool("python3", &["-c", MARKDOWN_TO_HTML], &markdown);
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let html = read_markup(READ_HTML, &String::from_utf8(html.stdout).unwrap());
    assert_no_injected_tags(&html.tags, "markdown report");
    for expected in EVIDENCE {
        let expected = fold(expected);
        assert!(
            html.text.contains(&expected),
            "the Markdown report lacks {expected:?}"
        );
    }
}

#[test]
fn text_outputs_print_it_as_written() {
    let corpus = Corpus::new();
    let extract = corpus.run("extract", &[]);
    for expected in EVIDENCE.iter().chain([&QUOTE, &TITLE]) {
        assert!(
            extract.contains(expected),
            "extract text lacks {expected:?}"
        );
    }
    assert!(corpus.run("quotes", &[]).contains(QUOTE));
    let report = fold(&corpus.run("report", &["--format", "text"]));
    for expected in EVIDENCE {
        assert!(
            report.contains(&fold(expected)),
            "report text lacks {expected:?}"
        );
    }
}
