use super::*;
use std::fs;

fn write(dir: &Path, name: &str, body: &[u8]) {
    fs::write(dir.join(name), body).unwrap();
}

fn load(paths: &[PathBuf]) -> (Vec<Article>, Vec<ArticleProblem>) {
    let corpus = Corpus::open(paths, LoadOptions::default()).unwrap();
    let (ok, bad): (Vec<_>, Vec<_>) = corpus.articles().partition(Result::is_ok);
    (
        ok.into_iter().map(Result::unwrap).collect(),
        bad.into_iter().map(Result::unwrap_err).collect(),
    )
}

#[test]
fn front_matter_beats_manifest_and_sets_metadata() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"---\ntitle: A\ndate: 2025-01-02\noutlet: Paper\n---\nBody text.\n",
    );
    write(
        dir.path(),
        "corpus.yaml",
        b"articles:\n  - file: a.md\n    date: 2020-01-01\n",
    );
    let (articles, problems) = load(&[dir.path().to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let a = &articles[0];
    assert_eq!(a.id.as_str(), "a");
    assert_eq!(a.title.as_deref(), Some("A"));
    assert_eq!(a.outlet.as_deref(), Some("Paper"));
    assert_eq!(a.date, parse_date("2025-01-02"));
    assert_eq!(a.date_source, DateSource::FrontMatter);
    assert_eq!(a.text, "Body text.\n");
}

#[test]
fn manifest_dates_files_without_front_matter_and_walks_subfolders_sorted() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    write(dir.path(), "b.txt", b"Second.");
    write(&dir.path().join("sub"), "a.txt", b"In sub.");
    write(dir.path(), "a.txt", b"First.");
    write(dir.path(), "ignored.pdf", b"%PDF");
    write(
        dir.path(),
        "corpus.yaml",
        b"articles:\n  - file: a.txt\n    date: 2024-12-03\n    title: T\n",
    );
    let (articles, _) = load(&[dir.path().to_path_buf()]);
    let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "a"]);
    assert_eq!(articles[0].date_source, DateSource::Manifest);
    assert_eq!(articles[1].date_source, DateSource::None);
    assert_eq!(articles[1].date, None);
}

#[test]
fn json_lines_keep_good_records_and_name_the_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dump.jsonl",
        b"{\"id\":\"x\",\"date\":\"2025-02-13\",\"text\":\"One.\"}\nnot json\n\n{\"text\":\"Two.\"}\n",
    );
    let (articles, problems) = load(&[dir.path().join("dump.jsonl")]);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].id.as_str(), "x");
    assert_eq!(articles[1].id.as_str(), "dump-4");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].origin.ends_with("dump.jsonl:2"),
        "{}",
        problems[0]
    );
}

#[test]
fn bad_files_cost_one_article_each() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "binary.txt", b"\x00\x01\x02junk");
    write(dir.path(), "empty.txt", b"  \n");
    write(dir.path(), "open.md", b"---\ntitle: never closed\nBody");
    write(dir.path(), "baddate.md", b"---\ndate: soon\n---\nBody");
    write(dir.path(), "latin1.txt", b"Caf\xe9 society.");
    write(dir.path(), "good.txt", b"Fine.");
    let (articles, problems) = load(&[dir.path().to_path_buf()]);
    let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["good", "latin1"]);
    let messages: Vec<_> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    let warnings: Vec<_> = problems.iter().filter(|p| !p.skipped).collect();
    assert_eq!(warnings.len(), 1, "{messages:#?}");
    assert!(
        warnings[0].origin.ends_with("latin1.txt"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].message.contains("not valid UTF-8"),
        "{}",
        warnings[0]
    );
    assert!(messages.iter().any(|m| m.contains("binary")));
    assert!(messages.iter().any(|m| m.contains("empty file")));
    assert!(messages.iter().any(|m| m.contains("never closes")));
    assert!(messages.iter().any(|m| m.contains("`soon`")));
}

#[test]
fn oversized_files_are_skipped_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", &[b'a'; 100]);
    let options = LoadOptions {
        max_article_bytes: 10,
    };
    let corpus = Corpus::open(&[dir.path().to_path_buf()], options).unwrap();
    let results: Vec<_> = corpus.articles().collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(err.message.contains("more than the limit of 10"), "{err}");
}

#[test]
fn missing_path_is_a_corpus_error() {
    let err = Corpus::open(&[PathBuf::from("/no/such/dir")], LoadOptions::default()).unwrap_err();
    assert!(
        err.to_string().starts_with("/no/such/dir: cannot read"),
        "{err}"
    );
}

#[test]
fn seed_manifest_dates_every_seed_article() {
    let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/seeds"));
    let (articles, problems) = load(&[seeds]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(articles.len(), 5);
    assert!(articles
        .iter()
        .all(|a| a.date_source == DateSource::Manifest));
}

#[test]
fn oversized_json_lines_records_are_measured_not_buffered() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "a".repeat(1000));
    let body = format!("{{\"id\":\"small\",\"text\":\"Fine.\"}}\n{long}{{\"text\":\"\\u00e9\"}}\n");
    write(dir.path(), "dump.jsonl", body.as_bytes());
    let options = LoadOptions {
        max_article_bytes: 100,
    };
    let corpus = Corpus::open(&[dir.path().join("dump.jsonl")], options).unwrap();
    let results: Vec<_> = corpus.articles().collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id.as_str(), "small");
    let err = results[1].as_ref().unwrap_err();
    assert!(err.origin.ends_with("dump.jsonl:2"), "{err}");
    assert!(
        err.message
            .contains("record is 1022 bytes, more than the limit of 100"),
        "{err}"
    );
    assert_eq!(results[2].as_ref().unwrap().text, "é");
}

#[test]
fn json_lines_problems_name_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dump.jsonl",
        b"{\"text\":\"Caf\xe9.\"}\n{\"text\": 3}\n{\"text\":\"  \"}\n",
    );
    let (articles, problems) = load(&[dir.path().join("dump.jsonl")]);
    assert_eq!(articles.len(), 1);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            let file = p.origin.rsplit('/').next().unwrap();
            format!("{} {file}: {}", p.skipped, p.message)
        })
        .collect();
    assert_eq!(
        shown,
        [
            "false dump.jsonl:1: not valid UTF-8: replaced 1 invalid byte sequence(s) with U+FFFD, \
             the first on line 1 (byte 12); is the file Latin-1 or Windows-1252?",
            "true dump.jsonl:2: not a JSON article record: invalid type: integer `3`, \
             expected a string (column 10)",
            "true dump.jsonl:3: record has an empty `text`",
        ]
    );
}

#[test]
fn front_matter_errors_count_lines_from_the_top_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"---\ntitle: \"unterminated\ndate: 2025-01-01\n---\nBody.\n",
    );
    let (_, problems) = load(&[dir.path().join("a.md")]);
    assert_eq!(
        problems[0].message,
        "front matter line 3, column 17: found unexpected end of stream, \
         while scanning a quoted scalar at line 2 column 8"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_or_a_path_given_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    write(dir.path(), "a.txt", b"First.");
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("b.txt")).unwrap();
    let root = dir.path().to_path_buf();
    let corpus = Corpus::open(&[root.clone(), root.join("a.txt")], LoadOptions::default()).unwrap();
    assert_eq!(corpus.articles().count(), 1);
    let shown: Vec<String> = corpus
        .listing_problems()
        .iter()
        .map(|p| {
            let shown = format!("{} {p}", p.skipped);
            shown.replace(&root.display().to_string(), "<dir>")
        })
        .collect();
    assert_eq!(
        shown,
        [
            "false <dir>/b.txt: same as <dir>/a.txt, read once",
            "false <dir>/sub/up: same as <dir>, read once",
            "false <dir>/a.txt: listed twice, read once",
        ]
    );
}

#[test]
fn what_is_not_a_regular_file_is_skipped_unread() {
    let corpus = Corpus::open(&[PathBuf::from("/dev/zero")], LoadOptions::default()).unwrap();
    let results: Vec<_> = corpus.articles().collect();
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(err.to_string(), "/dev/zero: not a regular file");
}

#[test]
fn plain_dates_read_as_the_format_reads_them() {
    let dates = [
        "2024-12-03",
        "2024-02-29",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-04-31",
        "0000-01-01",
        "9999-12-31",
        "2024-1-03",
        "2024-12-3x",
        "20a4-12-03",
        "2024/12/03",
        "+2024-12-03",
        " 2024-12-03T10:00:00Z ",
        "",
    ];
    for date in dates {
        let text = date.trim();
        let head = text.get(..10).unwrap_or(text);
        let expected = NaiveDate::parse_from_str(head, "%Y-%m-%d").ok();
        assert_eq!(parse_date(date), expected, "{date:?}");
    }
}
