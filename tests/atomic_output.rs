//! Files given with `-o` are replaced whole or not at all: a run that fails,
//! or is killed half way, leaves the old file.

mod support;

use std::path::Path;
use std::time::Duration;
use support::{repo, run_stancetrack, stancetrack, SEEDS};

fn old_file(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, "old contents\n").unwrap();
    path.to_str().unwrap().to_string()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_run_leaves_the_old_file_and_no_temporary_one() {
    let out = tempfile::tempdir().unwrap();
    let bad_pack = repo().join("tests/fixtures/bad-rules");
    let cases: [(&str, Vec<&str>); 3] = [
        ("missing corpus", vec!["extract", "no/such/corpus"]),
        (
            "broken rule pack",
            vec!["report", SEEDS, "--rules", bad_pack.to_str().unwrap()],
        ),
        ("bad filter", vec!["dot", SEEDS, "--actor", "nobody-at-all"]),
    ];
    for (name, args) in cases {
        let target = old_file(out.path(), "out.txt");
        let mut args = args.clone();
        args.extend(["-o", &target]);
        let run = run_stancetrack(&args);
        assert_eq!(
            run.status.code(),
            Some(2),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "old contents\n",
            "{name}"
        );
        assert_eq!(entries(out.path()), ["out.txt"], "{name}");
    }
}

#[test]
fn an_unwritable_output_names_the_file_and_exits_1() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("no-such-folder/out.json");
    let run = run_stancetrack(&["extract", SEEDS, "-o", target.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!("cannot write output: {}", target.display())),
        "{stderr}"
    );
}

/// A streaming run killed part way: the target holds the old contents or
/// the whole new output, never a part of it.
#[test]
fn a_killed_run_leaves_the_old_file_or_the_whole_new_one() {
    let work = tempfile::tempdir().unwrap();
    let mut dump = String::new();
    for entry in std::fs::read_dir(repo().join(SEEDS)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            dump.push_str(&serde_json::json!({ "text": text }).to_string());
            dump.push('\n');
        }
    }
    let records = 2000;
    let corpus = work.path().join("dump.jsonl");
    std::fs::write(&corpus, dump.repeat(records / 5)).unwrap();
    let target = old_file(work.path(), "out.jsonl");
    let mut child = stancetrack()
        .args([
            "extract",
            corpus.to_str().unwrap(),
            "--format",
            "jsonl",
            "-q",
            "-o",
            &target,
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let killed = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    let contents = std::fs::read_to_string(&target).unwrap();
    if killed {
        assert_eq!(contents, "old contents\n");
    } else {
        assert_eq!(contents.lines().count(), records);
        for line in contents.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
        }
    }
}
