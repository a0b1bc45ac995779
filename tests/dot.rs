//! `stancetrack dot`: every view renders with Graphviz (`dot -Tsvg`, which
//! CI installs: these tests fail when it is missing), labels survive any
//! quote text, and each view of the seed corpus is snapshotted.

mod support;

use stancetrack::export::dot;
use stancetrack::graph::Window;
use support::{nasty_graph, run_tool, stdout_of, SEEDS};

const VIEWS: [&str; 3] = ["stances", "shifts", "alignment"];

/// Renders DOT to SVG, failing with Graphviz's message.
fn render(source: &str) -> String {
    let output = run_tool("dot", &["-Tsvg"], source);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot rejected the graph: {stderr}\n{source}"
    );
    String::from_utf8(output.stdout).expect("SVG is UTF-8")
}

#[test]
fn every_view_of_the_seed_corpus_renders() {
    for view in VIEWS {
        let source = stdout_of(&["dot", SEEDS, "--view", view]);
        let svg = render(&source);
        assert!(svg.contains("<svg"), "{view}");
    }
}

#[test]
fn views_show_what_they_promise() {
    let stances = stdout_of(&["dot", SEEDS]);
    assert!(stances.starts_with("digraph stances {"));
    assert!(stances
        .contains("\"actor:zelensky\" -> \"topic:ukraine-nato-membership\" [color=\"#8c8c8c\""));
    let shifts = stdout_of(&["dot", SEEDS, "--view", "shifts"]);
    assert!(shifts.contains("subgraph \"cluster_zelensky/ukraine-nato-membership\""));
    assert!(shifts.contains("penwidth=3, label=\"shift\""));
    let alignment = stdout_of(&["dot", SEEDS, "--view", "alignment"]);
    assert!(alignment.starts_with("graph alignment {"));
    assert!(alignment.contains("style=dashed"));
}

#[test]
fn filters_apply_to_every_view() {
    for view in VIEWS {
        let source = stdout_of(&[
            "dot",
            SEEDS,
            "--view",
            view,
            "--topic",
            "ukraine-nato-membership",
        ]);
        assert!(!source.contains("military-aid"), "{view}");
        render(&source);
    }
    let early = stdout_of(&["dot", SEEDS, "--until", "2024-12-31"]);
    assert!(!early.contains("2025-"), "{early}");
}

#[test]
fn any_quote_text_yields_valid_dot() {
    let graph = nasty_graph();
    for source in [
        dot::stances(&graph, Window::default()),
        dot::shifts(&graph, Window::default()),
        dot::alignment(&graph, Window::default()),
    ] {
        let svg = render(&source);
        let name = "Trump | He said &quot;no&quot; \\ {braces} | pipes &lt;b&gt;bold&lt;/b&gt; &amp; &#39;single&#39;";
        assert!(svg.contains(name), "the name survives escaping:\n{svg}");
    }
}

#[test]
fn dot_views_of_the_seed_corpus() {
    support::insta_settings().bind(|| {
        for view in VIEWS {
            let source = stdout_of(&["dot", SEEDS, "--view", view]);
            insta::assert_snapshot!(format!("seeds_{view}"), source);
        }
    });
}
