//! Snapshot-testing rule edits, end to end: editing one phrase in a copy of
//! `rules/` must show up in the snapshot comparison `cargo test` runs, in
//! `stancetrack diff --check` and in `stancetrack snapshot --check`, each
//! naming the observation that changed; restoring the phrase makes all three
//! clean again.
//!
//! The test does not hard-code what the edit changes (rule tuning moves
//! stances around): it runs both packs to find the observation the edit
//! takes away, then checks that all three views name that one.

mod support;

use serde_json::Value;
use stancetrack::changes::render::{change_label, entries_text};
use stancetrack::changes::{compare_articles, ArticleChanges};
use stancetrack::load::Article;
use stancetrack::model::ArticleId;
use stancetrack::pipeline::extract;
use stancetrack::rules::CompiledRules;
use stancetrack::snapshot::{self, store, ArticleSnapshot};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Phrases the test may edit, each in its rule file: the first that is still
/// in the pack and still changes an observation on `tests/corpus` is used,
/// so rule tuning that drops or reworks one phrase does not break the test.
const CANDIDATES: [(&str, &str); 4] = [
    ("topics/peace-talks-now.yaml", "within 24 hours"),
    (
        "topics/territorial-concessions.yaml",
        "stop at the battle line",
    ),
    ("topics/ukraine-nato-membership.yaml", "NATO membership"),
    ("topics/peace-talks-now.yaml", "from a position of strength"),
];
/// Appended to the phrase: the edited phrase matches nothing.
const NONSENSE: &str = " xyzzy";

/// An original and an edited copy of the bundled pack.
struct Packs {
    _dir: tempfile::TempDir,
    original: PathBuf,
    edited: PathBuf,
    /// The edited file, inside the pack.
    file: &'static str,
}

impl Packs {
    /// Copies the pack and edits the first candidate phrase that changes an observation.
    fn new() -> (Packs, Changed) {
        for (file, phrase) in CANDIDATES {
            let dir = tempfile::tempdir().unwrap();
            let original = dir.path().join("original");
            let edited = dir.path().join("edited");
            support::copy_dir(&support::rules_dir(), &original);
            support::copy_dir(&support::rules_dir(), &edited);
            let path = edited.join(file);
            let Some(text) = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| edit_phrase(&text, phrase))
            else {
                continue;
            };
            std::fs::write(&path, text).unwrap();
            let packs = Packs {
                _dir: dir,
                original,
                edited,
                file,
            };
            if let Some(changed) = find_changed_observation(&packs) {
                return (packs, changed);
            }
        }
        panic!(
            "none of the phrases {CANDIDATES:?} changes an observation on tests/corpus any more: \
             add one that fires to CANDIDATES"
        );
    }

    /// Puts the phrase back: the edited pack is the original again.
    fn restore(&self) {
        std::fs::copy(self.original.join(self.file), self.edited.join(self.file)).unwrap();
    }
}

/// The rule file text with `phrase` (an item of a phrase list, quoted or
/// not) made into one that never matches; `None` when it is not there.
fn edit_phrase(text: &str, phrase: &str) -> Option<String> {
    let quoted = format!("\"{phrase}\"");
    if text.contains(&quoted) {
        return Some(text.replacen(&quoted, &format!("\"{phrase}{NONSENSE}\""), 1));
    }
    for before in ["[", ", ", "- "] {
        for after in [",", "]", "\n"] {
            let item = format!("{before}{phrase}{after}");
            if text.contains(&item) {
                let edited = format!("{before}{phrase}{NONSENSE}{after}");
                return Some(text.replacen(&item, &edited, 1));
            }
        }
    }
    None
}

/// What the edit changed in one article: its id, how the changed observation
/// is named, and its evidence.
struct Changed {
    article: ArticleId,
    name: String,
    evidence: String,
}

fn snapshot_of(article: &Article, rules: &CompiledRules) -> ArticleSnapshot {
    ArticleSnapshot::from_extraction(&extract(article, rules))
}

/// Runs both packs over the corpus and returns the first observation the edit
/// removed (or changed), if any.
fn find_changed_observation(packs: &Packs) -> Option<Changed> {
    let original = support::rules_from(&packs.original);
    let edited = support::rules_from(&packs.edited);
    for article in support::corpus_articles() {
        let changes: ArticleChanges = compare_articles(
            &snapshot_of(&article, &original),
            &snapshot_of(&article, &edited),
        );
        if let Some(o) = changes.removed.first() {
            return Some(Changed {
                article: article.id.clone(),
                name: o.to_string(),
                evidence: o.evidence.clone(),
            });
        }
        if let Some(change) = changes.changed.first() {
            return Some(Changed {
                article: article.id.clone(),
                name: change_label(change),
                evidence: change.evidence.clone(),
            });
        }
    }
    None
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    let mut command = support::stancetrack();
    command.args(args).args(paths);
    command.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

#[test]
fn editing_one_phrase_shows_in_snapshots_diff_and_snapshot_check_until_restored() {
    let (packs, changed) = Packs::new();
    let snaps = tempfile::tempdir().unwrap();
    let accepted = run(
        &["snapshot", "tests/corpus", "--quiet", "--accept", "--rules"],
        &[&packs.original, Path::new("--dir"), snaps.path()],
    );
    assert_eq!(code(&accepted), 0, "{accepted:?}");

    // Edited: all three views fail and name the observation.
    let diffs = committed_snapshot_diffs(&packs.edited);
    let (name, diff) = diffs
        .iter()
        .find(|(name, _)| *name == snapshot::file_name(&changed.article))
        .unwrap_or_else(|| panic!("no snapshot diff for {}", changed.article));
    let named = entries_text(diff.changes.as_ref().expect("snapshots parse"));
    assert!(named.contains(&changed.name), "{name}:\n{named}");
    assert!(named.contains(&changed.evidence), "{name}:\n{named}");
    let evidence_line = format!(
        "  evidence: {}",
        stancetrack::yaml::to_string(&changed.evidence).trim_end()
    );
    let lines: Vec<&str> = diff.lines.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with('-') && !l.starts_with("---"))
            && lines
                .iter()
                .any(|l| l.get(1..) == Some(evidence_line.as_str())),
        "{name}: expected a removed line and the evidence\n{}",
        diff.lines
    );

    let diff = run(
        &["diff", "--check", "--base"],
        &[
            &packs.original,
            Path::new("--rules"),
            &packs.edited,
            Path::new("tests/corpus/seeds"),
        ],
    );
    assert_eq!(code(&diff), 1, "{diff:?}");
    for expected in [changed.article.as_str(), &changed.name, &changed.evidence] {
        assert!(
            stdout(&diff).contains(expected),
            "{expected}\n{}",
            stdout(&diff)
        );
    }

    let check = run(
        &["snapshot", "tests/corpus", "--check", "--rules"],
        &[&packs.edited, Path::new("--dir"), snaps.path()],
    );
    assert_eq!(code(&check), 1, "{check:?}");
    let shown = stdout(&check);
    assert!(
        shown.contains(&format!("changed: {}", changed.article)),
        "{shown}"
    );
    assert!(shown.contains(&changed.name), "{shown}");
    assert!(shown.contains(&changed.evidence), "{shown}");

    // Restored: all three are clean.
    packs.restore();
    let diffs = committed_snapshot_diffs(&packs.edited);
    let names: Vec<&String> = diffs.iter().map(|(name, _)| name).collect();
    assert!(
        diffs.is_empty(),
        "the committed snapshots differ from the bundled rules' output ({names:?}); \
         review them with `cargo insta review`"
    );
    let diff = run(
        &["diff", "--check", "--base"],
        &[
            &packs.original,
            Path::new("--rules"),
            &packs.edited,
            Path::new("tests/corpus/seeds"),
        ],
    );
    assert_eq!(code(&diff), 0, "{diff:?}");
    assert!(stdout(&diff).contains("none changed"), "{}", stdout(&diff));
    let check = run(
        &["snapshot", "tests/corpus", "--check", "--rules"],
        &[&packs.edited, Path::new("--dir"), snaps.path()],
    );
    assert_eq!(code(&check), 0, "{check:?}");
}

/// Compares each committed article snapshot with the output of the pack in
/// `rules`, the way `tests/pipeline.rs` does, and returns those that differ.
fn committed_snapshot_diffs(rules: &Path) -> Vec<(String, snapshot::SnapshotDiff)> {
    let rules = support::rules_from(rules);
    let committed = support::repo().join("snapshots");
    let mut diffs = Vec::new();
    for article in support::corpus_articles() {
        let name = snapshot::file_name(&article.id);
        let accepted = store::read_body(&committed.join(&name))
            .unwrap_or_else(|err| panic!("{name}: {err}; run `cargo insta review`"));
        let current = snapshot::render(&extract(&article, &rules));
        if let Some(diff) = snapshot::compare(&name, &accepted, &current) {
            diffs.push((name, diff));
        }
    }
    diffs
}

#[test]
fn diff_json_lists_the_changed_articles_and_counts() {
    let (packs, changed) = Packs::new();
    let output = run(
        &["diff", "--format", "json", "--base"],
        &[
            &packs.original,
            Path::new("--rules"),
            &packs.edited,
            Path::new("tests/corpus/seeds"),
        ],
    );
    assert_eq!(
        code(&output),
        0,
        "without --check a change is not a failure"
    );
    let doc: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let summary = &doc["summary"];
    assert!(summary["articles"].as_u64().unwrap() >= 1, "{doc:#}");
    let moved = summary["removed"].as_u64().unwrap() + summary["changed"].as_u64().unwrap();
    assert!(moved >= 1, "{doc:#}");
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&changed.article.as_str()), "{ids:?}");
    assert_eq!(doc["base"], packs.original.display().to_string());
}

#[test]
fn snapshot_check_names_missing_and_extra_files_and_accept_fixes_them() {
    let snaps = tempfile::tempdir().unwrap();
    let dir = snaps.path();
    let accept = run(
        &["snapshot", "tests/corpus/seeds", "-q", "--accept", "--dir"],
        &[dir],
    );
    assert_eq!(code(&accept), 0, "{accept:?}");
    let files: Vec<String> = store::article_files(dir).unwrap().into_iter().collect();
    assert!(files.len() >= 2, "{files:?}");
    std::fs::rename(dir.join(&files[0]), dir.join("pipeline__article@gone.snap")).unwrap();
    std::fs::write(dir.join("pipeline__report.snap"), "not ours\n").unwrap();

    let check = run(
        &["snapshot", "tests/corpus/seeds", "-q", "--check", "--dir"],
        &[dir],
    );
    assert_eq!(code(&check), 1);
    let shown = stdout(&check);
    let id = files[0]
        .trim_start_matches("pipeline__article@")
        .trim_end_matches(".snap");
    assert!(shown.contains(&format!("new:     {id}")), "{shown}");
    assert!(
        shown.contains("extra:   ") && shown.contains("pipeline__article@gone.snap"),
        "{shown}"
    );
    assert!(!shown.contains("pipeline__report.snap"), "{shown}");
    assert!(
        shown.contains(&format!(
            "{} unchanged, 0 changed, 1 new, 1 extra",
            files.len() - 1
        )),
        "{shown}"
    );

    let accept = run(
        &["snapshot", "tests/corpus/seeds", "-q", "--accept", "--dir"],
        &[dir],
    );
    assert_eq!(code(&accept), 0);
    assert!(stdout(&accept).contains("removed: "), "{}", stdout(&accept));
    let check = run(
        &["snapshot", "tests/corpus/seeds", "-q", "--check", "--dir"],
        &[dir],
    );
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(dir.join("pipeline__report.snap").exists());
}

#[test]
fn snapshot_without_a_flag_writes_new_files_but_leaves_changed_ones() {
    let snaps = tempfile::tempdir().unwrap();
    let dir = snaps.path();
    let first = run(&["snapshot", "tests/corpus/seeds", "-q", "--dir"], &[dir]);
    assert_eq!(code(&first), 0, "{first:?}");
    let name = store::article_files(dir)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let path = dir.join(&name);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("quotes:", "quotes: []\nold_quotes:", 1);
    std::fs::write(&path, &edited).unwrap();

    let second = run(&["snapshot", "tests/corpus/seeds", "-q", "--dir"], &[dir]);
    assert_eq!(code(&second), 1);
    assert!(
        stdout(&second).contains("--accept replaces it"),
        "{}",
        stdout(&second)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

/// Whether `rules/` in this checkout is exactly as committed at HEAD.
fn rules_match_head(repo: &Path) -> Option<bool> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .output()
            .ok()
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return None;
    }
    let unchanged = git(&["diff", "--quiet", "HEAD", "--", "rules"])?
        .status
        .success();
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "--", "rules"])?;
    Some(unchanged && untracked.stdout.is_empty())
}

#[test]
fn diff_against_head_works_inside_the_repository() {
    let Some(clean) = rules_match_head(support::repo()) else {
        eprintln!(
            "skipped: {} is not a git checkout",
            support::repo().display()
        );
        return;
    };
    let output = run(&["diff", "--base", "HEAD", "tests/corpus"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    let articles = support::corpus_articles().len();
    let summary = format!("summary: {articles} article(s) compared");
    assert!(stdout(&output).contains(&summary), "{output:?}");
    if clean {
        let check = run(&["diff", "--check", "--base", "HEAD", "tests/corpus"], &[]);
        assert_eq!(code(&check), 0, "{check:?}");
        assert!(stdout(&check).contains("none changed"), "{check:?}");
    } else {
        eprintln!("rules/ differs from HEAD here: only checked that the comparison runs");
    }
}

#[test]
fn diff_names_a_revision_it_cannot_find() {
    let output = run(
        &[
            "diff",
            "--base",
            "no-such-revision-for-sure",
            "tests/corpus/seeds",
        ],
        &[],
    );
    assert_eq!(code(&output), 2, "{output:?}");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(
            "`no-such-revision-for-sure` is neither a rules folder nor a known git revision"
        ) || message.contains("not inside a git repository"),
        "{message}"
    );
}

#[test]
fn snapshot_names_each_json_lines_record_by_its_id() {
    let scratch = tempfile::tempdir().unwrap();
    let dump = scratch.path().join("dump.jsonl");
    let record = |id: &str, text: &str| {
        serde_json::json!({"id": id, "title": "T", "date": "2025-02-13", "text": text}).to_string()
    };
    let lines = [
        record("first", "Rutte warned against forced peace negotiations."),
        record(
            "second",
            "Trump said he does not support Ukraine joining NATO.",
        ),
    ];
    std::fs::write(&dump, lines.join("\n") + "\n").unwrap();
    let snaps = scratch.path().join("snaps");
    let output = run(&["snapshot", "--accept", "--dir"], &[&snaps, &dump]);
    assert_eq!(code(&output), 0, "{output:?}");
    let files: Vec<String> = store::article_files(&snaps).unwrap().into_iter().collect();
    assert_eq!(
        files,
        [
            "pipeline__article@first.snap",
            "pipeline__article@second.snap"
        ]
    );
    let text = std::fs::read_to_string(snaps.join(&files[0])).unwrap();
    // Outside the working folder the header names the file, never an absolute path.
    assert!(text.contains("\ninput_file: dump.jsonl\n"), "{text}");
    assert!(
        text.contains("description: Rutte warned against forced peace negotiations.\n"),
        "{text}"
    );
    assert!(text.contains("  id: first\n"), "{text}");
}
