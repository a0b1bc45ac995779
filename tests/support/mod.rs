//! Shared by the integration tests: insta settings, the binary, fixture paths.
#![allow(dead_code)]

use std::process::{Command, Output};

/// insta settings every snapshot test binds: every snapshot lives in the
/// top-level `snapshots/`, maps sorted.
pub fn insta_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_sort_maps(true);
    settings.set_prepend_module_to_snapshot(true);
    settings
}

/// The bundled seed corpus, relative to the crate root.
pub const SEEDS: &str = "tests/corpus/seeds";

/// Runs the `stancetrack` binary from the crate root.
pub fn stancetrack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stancetrack"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// Standard output of a run that must succeed.
pub fn stdout_of(args: &[&str]) -> String {
    let output = stancetrack(args);
    assert!(
        output.status.success(),
        "stancetrack {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs an outside tool with `input` on standard input; panics (never skips)
/// when the tool is missing, since CI installs it.
pub fn run_tool(program: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot run `{program}` ({err}); .ci/run installs it"));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the tool reads its input");
    child.wait_with_output().expect("the tool finishes")
}

/// Text with every character an output format treats specially.
pub const NASTY: &str = "He said \"no\" \\ {braces} | pipes <b>bold</b> & 'single'\nnext line\ttab *star* _under_ `tick`";

/// Two articles whose observations, names and labels carry [`NASTY`] text:
/// `trump` supports `nasty-topic` on 2025-01-01 and opposes it on 2025-02-01;
/// `zelensky` supports it on 2025-01-01.
pub fn nasty_graph() -> stancetrack::graph::StanceGraph {
    use stancetrack::extraction::{DateSource, Extraction, Observation};
    use stancetrack::graph::{Labels, Selection, StanceGraph};
    use stancetrack::model::Stance;
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let observation = |article: &str, day: &str, actor: &str, stance| Observation {
        actor: actor.into(),
        topic: "nasty-topic".into(),
        stance,
        evidence: format!("{NASTY} ({actor})"),
        start: 0,
        end: 10,
        quoted: true,
        rule: "rule, with \"comma\"".to_string(),
        held: None,
        article: article.into(),
        date: Some(date(day)),
    };
    let article = |id: &str, day: &str, observations| Extraction {
        id: id.into(),
        title: Some(NASTY.to_string()),
        date: Some(date(day)),
        date_source: DateSource::Manifest,
        quotes: Vec::new(),
        observations,
    };
    let extractions = [
        article(
            "a1",
            "2025-01-01",
            vec![
                observation("a1", "2025-01-01", "trump", Stance::Support),
                observation("a1", "2025-01-01", "zelensky", Stance::Support),
            ],
        ),
        article(
            "a2",
            "2025-02-01",
            vec![observation("a2", "2025-02-01", "trump", Stance::Oppose)],
        ),
    ];
    let mut labels = Labels::default();
    labels.actors.insert(
        "trump".into(),
        (format!("Trump | {NASTY}"), "person".to_string()),
    );
    labels
        .topics
        .insert("nasty-topic".into(), format!("Topic {NASTY}"));
    StanceGraph::build(&extractions, &labels, &Selection::default())
}
