//! One snapshot per broken rule file: exactly what a user sees.
//!
//! Each file in `tests/fixtures/bad-rules/` holds one mistake and is named
//! after it. It joins a copy of the small valid pack in
//! `tests/fixtures/rules/minimal` (a lexicon file takes the place of the
//! pack's lexicon, since a pack has exactly one), and `rules check` runs on
//! the result. The snapshot is the exit code and standard error, with the
//! temporary folder shown as `<pack>`.

mod support;

use std::path::Path;
use std::process::Output;
use support::{copy_dir, insta_settings, repo, stancetrack};

/// A copy of the minimal pack with `bad` added (or as its lexicon).
fn pack_with(bad: &Path) -> tempfile::TempDir {
    let pack = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/rules/minimal"), pack.path());
    let bytes = std::fs::read(bad).unwrap();
    let name = if bytes.starts_with(b"lexicon:") {
        "lexicon.yaml".to_string()
    } else {
        format!("topics/{}", bad.file_name().unwrap().to_string_lossy())
    };
    std::fs::write(pack.path().join(name), bytes).unwrap();
    pack
}

/// What the user sees: exit code and standard error, the pack folder redacted.
fn shown(output: &Output, pack: &Path) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    format!(
        "exit code: {:?}\n{}",
        output.status.code(),
        stderr.replace(&pack.display().to_string(), "<pack>")
    )
}

/// The lines naming a rule file (the header above them differs by command).
fn error_lines(output: &Output, pack: &Path) -> Vec<String> {
    let shown = shown(output, pack);
    let lines: Vec<String> = shown.lines().skip(2).map(str::to_string).collect();
    assert!(!lines.is_empty(), "{shown}");
    lines
}

#[test]
fn messages() {
    insta::glob!("fixtures/bad-rules/*.yaml", |bad| {
        let pack = pack_with(bad);
        let rules = pack.path().to_str().unwrap();
        let check = stancetrack()
            .args(["rules", "check", "--rules", rules])
            .output()
            .unwrap();
        let seen = shown(&check, pack.path());
        assert_eq!(check.status.code(), Some(2), "{seen}");
        let mut settings = insta_settings();
        settings.set_description(String::from_utf8_lossy(&std::fs::read(bad).unwrap()));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(seen));
    });
}

/// A run over a corpus stops at the broken pack: no article is read, so
/// none is reported skipped, and the errors are the ones `rules check` lists.
#[test]
fn a_malformed_pack_fails_before_any_article_is_read() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("binary.txt"), b"\x00\x01junk").unwrap();
    std::fs::write(corpus.path().join("good.txt"), "Rutte said hello.").unwrap();
    for mistake in ["unknown-field", "alias-bomb", "lexicon-missing-negators"] {
        let bad = repo().join(format!("tests/fixtures/bad-rules/{mistake}.yaml"));
        let pack = pack_with(&bad);
        let rules = pack.path().to_str().unwrap();
        let corpus = corpus.path().to_str().unwrap();
        let check = stancetrack()
            .args(["rules", "check", "--rules", rules])
            .output()
            .unwrap();
        for command in ["extract", "report", "dot", "quotes"] {
            let run = stancetrack()
                .args([command, corpus, "--rules", rules])
                .output()
                .unwrap();
            assert_eq!(run.status.code(), Some(2), "{command} with {mistake}");
            assert_eq!(
                error_lines(&run, pack.path()),
                error_lines(&check, pack.path()),
                "{command} with {mistake}"
            );
            assert!(run.stdout.is_empty(), "{command} with {mistake}");
        }
    }
}
