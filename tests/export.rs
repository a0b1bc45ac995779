//! `stancetrack export`: CSV read back by Python's csv module, GraphML by
//! networkx (CI installs it: `pip install networkx`; these tests fail, not
//! skip, without `python3` and networkx), JSON Lines by serde.

mod support;

use stancetrack::export::{csv, graphml};
use stancetrack::extraction::Observation;
use stancetrack::graph::Window;
use support::{nasty_graph, run_tool, stdout_of, NASTY, SEEDS};

/// Runs a Python script on `input` and parses the JSON it prints.
fn python(script: &str, input: &str) -> serde_json::Value {
    let output = run_tool("python3", &["-c", script], input);
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

const READ_CSV: &str = "import csv, json, sys\nprint(json.dumps(list(csv.DictReader(sys.stdin))))";

const READ_GRAPHML: &str = r#"
import json, sys, networkx as nx
g = nx.read_graphml(sys.stdin.buffer)
print(json.dumps({
    "type": type(g).__name__,
    "nodes": {n: d for n, d in sorted(g.nodes(data=True))},
    "edges": sorted([[u, v, d] for u, v, d in g.edges(data=True)], key=lambda e: (e[0], e[1], e[2].get("date", ""), e[2]["article"], e[2]["evidence"])),
}))
"#;

fn seed_observations() -> Vec<Observation> {
    stdout_of(&["export", SEEDS, "--format", "jsonl"])
        .lines()
        .map(|line| serde_json::from_str(line).expect("one observation per line"))
        .collect()
}

#[test]
fn jsonl_holds_every_observation_in_order() {
    let observations = seed_observations();
    let extracted: serde_json::Value =
        serde_json::from_str(&stdout_of(&["extract", SEEDS, "--format", "json"])).unwrap();
    let total: usize = extracted["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["observations"].as_array().unwrap().len())
        .sum();
    assert_eq!(observations.len(), total);
    let dates: Vec<_> = observations.iter().map(|o| o.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date");
}

#[test]
fn csv_of_the_seed_corpus_loads_in_python() {
    let rows = python(READ_CSV, &stdout_of(&["export", SEEDS, "--format", "csv"]));
    let rows = rows.as_array().unwrap();
    let observations = seed_observations();
    assert_eq!(rows.len(), observations.len());
    for (row, observation) in rows.iter().zip(&observations) {
        assert_eq!(row["evidence"], observation.evidence.as_str());
        assert_eq!(row["actor"], observation.actor.as_str());
        assert_eq!(row["stance"], observation.stance.as_str());
        assert_eq!(
            row["held"],
            if observation.held.is_some() {
                "earlier"
            } else {
                ""
            }
        );
    }
    let columns: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    assert_eq!(columns.len(), csv::COLUMNS.len());
}

#[test]
fn csv_fields_survive_any_quote_text() {
    let graph = nasty_graph();
    let rows = python(READ_CSV, &csv::observations_csv(&graph, Window::default()));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["evidence"], format!("{NASTY} (trump)").as_str());
    assert_eq!(rows[0]["rule"], "rule, with \"comma\"");
    assert_eq!(rows[0]["actor_name"], format!("Trump | {NASTY}").as_str());
}

#[test]
fn graphml_of_the_seed_corpus_loads_in_networkx() {
    let doc = python(
        READ_GRAPHML,
        &stdout_of(&["export", SEEDS, "--format", "graphml"]),
    );
    assert_eq!(doc["type"], "MultiDiGraph");
    let zelensky = &doc["nodes"]["actor:zelensky"];
    assert_eq!(zelensky["label"], "Volodymyr Zelensky");
    assert_eq!(zelensky["type"], "actor");
    assert_eq!(zelensky["kind"], "person");
    assert_eq!(
        doc["nodes"]["topic:ukraine-nato-membership"]["type"],
        "topic"
    );
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(edges.len(), seed_observations().len());
    let neutral = edges
        .iter()
        .find(|e| {
            e[0] == "actor:zelensky"
                && e[1] == "topic:ukraine-nato-membership"
                && e[2]["stance"] == "neutral"
        })
        .expect("Zelensky's neutral NATO observation");
    assert_eq!(neutral[2]["date"], "2025-02-13");
    assert_eq!(neutral[2]["article"], "003_a5bfbbfc84ef667f");
    assert!(neutral[2]["quoted"].is_boolean());
}

#[test]
fn graphml_values_survive_any_quote_text() {
    let graph = nasty_graph();
    let doc = python(READ_GRAPHML, &graphml::graphml(&graph, Window::default()));
    assert_eq!(
        doc["nodes"]["actor:trump"]["label"],
        format!("Trump | {NASTY}").as_str()
    );
    assert_eq!(
        doc["nodes"]["topic:nasty-topic"]["label"],
        format!("Topic {NASTY}").as_str()
    );
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3);
    assert_eq!(edges[0][2]["evidence"], format!("{NASTY} (trump)").as_str());
}
