//! Two snapshots of one article -> what changed, for a reviewer.
//!
//! A line diff alone can blur which observation changed: snapshot lists
//! repeat lines such as `quoted: false`, so a removed observation may show
//! as a block that starts in the middle of its neighbour. So the diff comes
//! with a summary that names each changed quote speaker and observation,
//! computed from the two documents when the accepted one still parses.

use super::file::normalise_body;
use super::ArticleSnapshot;
use crate::changes::{compare_articles, ArticleChanges};
use similar::{capture_diff_slices, group_diff_ops, Algorithm, DiffOp, DiffTag};
use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

/// How many unchanged lines a diff shows around each change.
const CONTEXT_LINES: usize = 3;

/// The difference between an accepted snapshot and the current one.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotDiff {
    /// The changed quotes and observations, when the accepted snapshot parses.
    pub changes: Option<ArticleChanges>,
    /// A unified line diff, accepted (`-`) to current (`+`).
    pub lines: String,
}

/// Compares the accepted snapshot body of `name` with the current one;
/// `None` when they are equal as insta compares them (line endings and
/// trailing white space aside).
pub fn compare(name: &str, accepted: &str, current: &str) -> Option<SnapshotDiff> {
    let accepted = normalise_body(accepted);
    let current = normalise_body(current);
    if accepted == current {
        return None;
    }
    let changes = match (
        ArticleSnapshot::parse(&accepted, Path::new(name)),
        ArticleSnapshot::parse(&current, Path::new(name)),
    ) {
        (Ok(old), Ok(new)) => Some(compare_articles(&old, &new)),
        _ => None,
    };
    Some(SnapshotDiff {
        changes,
        lines: line_diff(name, &accepted, &current),
    })
}

/// A unified diff of two snapshot texts, compared a YAML item at a time (a
/// top-level key, or one quote or observation with all its lines), so a
/// removed observation shows as exactly its own lines. Where items differ,
/// those that keep their identity (the same first two lines: the same actor
/// and topic, the same quote) show only the lines that changed, such as
/// `stance: support` becoming `stance: oppose`.
pub fn line_diff(name: &str, old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let old_items = yaml_items(&old_lines);
    let new_items = yaml_items(&new_lines);
    let mut line_ops = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_items.texts, &new_items.texts) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            let (a, b) = (old_items.lines(old_range), new_items.lines(new_range));
            push_lines(&mut line_ops, DiffTag::Equal, a, b);
            continue;
        }
        let keys = capture_diff_slices(
            Algorithm::Myers,
            &old_items.keys[old_range.clone()],
            &new_items.keys[new_range.clone()],
        );
        for key_op in keys {
            let (tag, a, b) = key_op.as_tag_tuple();
            let a = a.start + old_range.start..a.end + old_range.start;
            let b = b.start + new_range.start..b.end + new_range.start;
            if tag != DiffTag::Equal {
                push_lines(&mut line_ops, tag, old_items.lines(a), new_items.lines(b));
                continue;
            }
            for (o, n) in a.zip(b) {
                let (old_item, new_item) = (old_items.lines(o..o + 1), new_items.lines(n..n + 1));
                let inner = capture_diff_slices(
                    Algorithm::Myers,
                    &old_lines[old_item.clone()],
                    &new_lines[new_item.clone()],
                );
                for op in inner {
                    let (tag, a, b) = op.as_tag_tuple();
                    let a = a.start + old_item.start..a.end + old_item.start;
                    let b = b.start + new_item.start..b.end + new_item.start;
                    push_lines(&mut line_ops, tag, a, b);
                }
            }
        }
    }
    let mut out = format!("--- {name} (accepted)\n+++ {name} (current)\n");
    for hunk in group_diff_ops(line_ops, CONTEXT_LINES) {
        write_hunk(&mut out, &hunk, &old_lines, &new_lines);
    }
    out
}

/// Adds line operations for `old` lines becoming `new` lines: equal, or
/// deleted and then inserted.
fn push_lines(ops: &mut Vec<DiffOp>, tag: DiffTag, old: Range<usize>, new: Range<usize>) {
    if tag == DiffTag::Equal {
        // One run of equal lines, however many items it spans, so that a
        // hunk shows exactly CONTEXT_LINES of it.
        if let Some(DiffOp::Equal { len, .. }) = ops.last_mut() {
            *len += old.len();
        } else {
            ops.push(DiffOp::Equal {
                old_index: old.start,
                new_index: new.start,
                len: old.len(),
            });
        }
        return;
    }
    if !old.is_empty() {
        ops.push(DiffOp::Delete {
            old_index: old.start,
            old_len: old.len(),
            new_index: new.start,
        });
    }
    if !new.is_empty() {
        ops.push(DiffOp::Insert {
            old_index: old.end,
            new_index: new.start,
            new_len: new.len(),
        });
    }
}

/// The lines of a text grouped into YAML items: each starts at a line that
/// is not indented (`observations:`, or `- actor: …` of a list item).
struct Items {
    /// Each item's lines joined, for comparing.
    texts: Vec<String>,
    /// Each item's first two lines, which say which quote or observation it is.
    keys: Vec<String>,
    /// Each item's first line, and one past the last line at the end.
    starts: Vec<usize>,
}

impl Items {
    /// The lines that a range of items covers.
    fn lines(&self, items: Range<usize>) -> Range<usize> {
        self.starts[items.start]..self.starts[items.end]
    }
}

fn yaml_items(lines: &[&str]) -> Items {
    let mut starts: Vec<usize> = (0..lines.len())
        .filter(|&i| i == 0 || !lines[i].starts_with(' '))
        .collect();
    starts.push(lines.len());
    let texts = starts
        .windows(2)
        .map(|w| lines[w[0]..w[1]].join("\n"))
        .collect();
    let keys = starts
        .windows(2)
        .map(|w| lines[w[0]..w[1].min(w[0] + 2)].join("\n"))
        .collect();
    Items {
        texts,
        keys,
        starts,
    }
}

/// Writes one hunk: its `@@ -a,b +c,d @@` header, then its lines.
fn write_hunk(out: &mut String, hunk: &[DiffOp], old: &[&str], new: &[&str]) {
    let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
        return;
    };
    let old_range = first.old_range().start..last.old_range().end;
    let new_range = first.new_range().start..last.new_range().end;
    let position = |r: &Range<usize>| {
        let start = if r.is_empty() { r.start } else { r.start + 1 };
        format!("{start},{}", r.len())
    };
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        position(&old_range),
        position(&new_range)
    );
    for op in hunk {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (sign, lines) = match tag {
            DiffTag::Equal => (' ', &old[old_range]),
            DiffTag::Delete => ('-', &old[old_range]),
            DiffTag::Insert => ('+', &new[new_range]),
            DiffTag::Replace => unreachable!("line operations are built without replace"),
        };
        for line in lines {
            let _ = writeln!(out, "{sign}{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCEPTED: &str = "article:
  id: a
  date: 2024-12-03
  title: null
quotes: []
observations:
- actor: rutte
  topic: peace-talks-now
  stance: oppose
  quoted: false
  rule: r1
  evidence: First sentence.
- actor: rutte
  topic: peace-talks-now
  stance: oppose
  quoted: false
  rule: r1
  evidence: Second sentence.
";

    #[test]
    fn equal_snapshots_have_no_diff_whatever_their_line_endings() {
        assert_eq!(compare("a", ACCEPTED, ACCEPTED), None);
        let crlf = ACCEPTED.replace('\n', "\r\n");
        assert_eq!(compare("a", &crlf, ACCEPTED.trim_end()), None);
    }

    #[test]
    fn removed_observation_is_named_and_shown_as_one_block() {
        let current = ACCEPTED.replace(
            "- actor: rutte
  topic: peace-talks-now
  stance: oppose
  quoted: false
  rule: r1
  evidence: First sentence.
",
            "",
        );
        let diff = compare("a.snap", ACCEPTED, &current).unwrap();
        let changes = diff.changes.unwrap();
        assert_eq!(changes.removed.len(), 1);
        assert_eq!(changes.removed[0].evidence, "First sentence.");
        insta::assert_snapshot!(diff.lines, @r"
        --- a.snap (accepted)
        +++ a.snap (current)
        @@ -4,12 +4,6 @@
           title: null
         quotes: []
         observations:
        -- actor: rutte
        -  topic: peace-talks-now
        -  stance: oppose
        -  quoted: false
        -  rule: r1
        -  evidence: First sentence.
         - actor: rutte
           topic: peace-talks-now
           stance: oppose
        ");
    }

    #[test]
    fn changed_stance_shows_only_the_changed_line() {
        let current = ACCEPTED.replacen("stance: oppose", "stance: support", 1);
        let diff = compare("a.snap", ACCEPTED, &current).unwrap();
        assert_eq!(diff.changes.unwrap().changed.len(), 1);
        insta::assert_snapshot!(diff.lines, @r"
        --- a.snap (accepted)
        +++ a.snap (current)
        @@ -6,7 +6,7 @@
         observations:
         - actor: rutte
           topic: peace-talks-now
        -  stance: oppose
        +  stance: support
           quoted: false
           rule: r1
           evidence: First sentence.
        ");
    }

    #[test]
    fn removed_observation_beside_a_changed_one_keeps_them_apart() {
        let current = ACCEPTED
            .replacen(
                "  rule: r1\n  evidence: First",
                "  rule: r2\n  evidence: First",
                1,
            )
            .replace(
                "- actor: rutte
  topic: peace-talks-now
  stance: oppose
  quoted: false
  rule: r1
  evidence: Second sentence.
",
                "",
            );
        let diff = compare("a.snap", ACCEPTED, &current).unwrap();
        insta::assert_snapshot!(diff.lines, @r"
        --- a.snap (accepted)
        +++ a.snap (current)
        @@ -8,11 +8,5 @@
           topic: peace-talks-now
           stance: oppose
           quoted: false
        -  rule: r1
        +  rule: r2
           evidence: First sentence.
        -- actor: rutte
        -  topic: peace-talks-now
        -  stance: oppose
        -  quoted: false
        -  rule: r1
        -  evidence: Second sentence.
        ");
    }

    #[test]
    fn unparsable_accepted_snapshot_still_gets_a_line_diff() {
        let diff = compare("a", "not: [valid", ACCEPTED).unwrap();
        assert_eq!(diff.changes, None);
        assert!(diff.lines.contains("-not: [valid"), "{}", diff.lines);
    }
}
