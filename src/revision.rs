//! A rule pack as it was at a git revision, checked out into a temporary folder.
//!
//! `stancetrack diff --base HEAD` compares the working rules with the
//! committed ones. The pack is read from the repository that holds the
//! working rules folder, at the same path inside it, by running `git`:
//! `ls-tree` lists the files and `cat-file --batch` reads them in one process.

use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A rule pack checked out from a revision; the folder is deleted on drop.
#[derive(Debug)]
pub struct RulesAtRevision {
    dir: tempfile::TempDir,
    /// The revision as given (`HEAD`, `main~3`).
    pub revision: String,
    /// The commit it names.
    pub commit: String,
    /// The pack's path inside the repository (`rules`).
    pub repo_path: String,
}

/// Why a revision's rules could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionError(pub String);

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RevisionError {}

/// Queries.
impl RulesAtRevision {
    /// The folder holding the checked-out pack.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// How the pack is named for people: `HEAD:rules`.
    pub fn label(&self) -> String {
        format!("{}:{}", self.revision, self.repo_path)
    }
}

/// Checks out the pack that lived at the path of `rules` (a folder inside a
/// git work tree) at `revision`.
pub fn rules_at_revision(revision: &str, rules: &Path) -> Result<RulesAtRevision, RevisionError> {
    if revision.is_empty() || revision.starts_with('-') {
        return Err(RevisionError(format!(
            "`{revision}` is neither a rules folder nor a git revision"
        )));
    }
    let work_dir = rules.canonicalize().map_err(|err| {
        RevisionError(format!(
            "{}: cannot read the rules folder: {}",
            rules.display(),
            err.to_string().to_lowercase()
        ))
    })?;
    let prefix = git(&work_dir, &["rev-parse", "--show-prefix"]).map_err(|err| {
        RevisionError(format!(
            "{} is not inside a git repository, so `--base {revision}` cannot be read \
             (give --base a rules folder instead): {err}",
            rules.display()
        ))
    })?;
    let repo_path = String::from_utf8_lossy(&prefix)
        .trim_end()
        .trim_end_matches('/')
        .to_string();
    let commit = git(
        &work_dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        RevisionError(format!(
            "`{revision}` is neither a rules folder nor a known git revision"
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let blobs = list_blobs(&work_dir, &commit)?;
    if blobs.is_empty() {
        return Err(RevisionError(format!(
            "`{repo_path}` has no files at revision {revision} ({})",
            short(&commit)
        )));
    }
    let dir = tempfile::Builder::new()
        .prefix("stancetrack-rules-")
        .tempdir()
        .map_err(|err| RevisionError(format!("cannot make a temporary folder: {err}")))?;
    write_blobs(&work_dir, &blobs, dir.path())?;
    Ok(RulesAtRevision {
        dir,
        revision: revision.to_string(),
        commit,
        repo_path: if repo_path.is_empty() {
            ".".to_string()
        } else {
            repo_path
        },
    })
}

/// A file at the revision: its object id and its path below the rules folder.
struct Blob {
    id: String,
    path: PathBuf,
}

/// Lists the regular files under the current folder at `commit`, with paths relative to it.
fn list_blobs(work_dir: &Path, commit: &str) -> Result<Vec<Blob>, RevisionError> {
    let listing = git(work_dir, &["ls-tree", "-r", "-z", commit, "--", "."])
        .map_err(|err| RevisionError(format!("cannot list the rules at {commit}: {err}")))?;
    let mut blobs = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        // Symbolic links (120000) and submodules are not part of a pack.
        if let [mode, "blob", id] = fields.as_slice() {
            if mode.starts_with("100") {
                blobs.push(Blob {
                    id: id.to_string(),
                    path: PathBuf::from(path),
                });
            }
        }
    }
    Ok(blobs)
}

/// Reads every blob with one `git cat-file --batch` and writes it below `target`.
fn write_blobs(work_dir: &Path, blobs: &[Blob], target: &Path) -> Result<(), RevisionError> {
    let fail = |what: String| RevisionError(format!("cannot read the rules from git: {what}"));
    let mut child = Command::new("git")
        .arg("-C")
        .arg(work_dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| fail(err.to_string()))?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let requests: String = blobs.iter().map(|b| format!("{}\n", b.id)).collect();
    // Written from a thread: git answers while it reads, and a full pipe would block both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().expect("stdout was piped"));
    for blob in blobs {
        let mut header = String::new();
        out.read_line(&mut header)
            .map_err(|err| fail(err.to_string()))?;
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| fail(format!("unexpected answer `{}`", header.trim_end())))?;
        let mut content = vec![0; size + 1];
        out.read_exact(&mut content)
            .map_err(|err| fail(err.to_string()))?;
        content.truncate(size);
        let path = target.join(&blob.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| fail(err.to_string()))?;
        }
        std::fs::write(&path, content).map_err(|err| fail(err.to_string()))?;
    }
    writer
        .join()
        .expect("the writer thread does not panic")
        .map_err(|err| fail(err.to_string()))?;
    let status = child.wait().map_err(|err| fail(err.to_string()))?;
    if !status.success() {
        return Err(fail(format!("git cat-file exited with {status}")));
    }
    Ok(())
}

/// Runs `git -C dir args…` and returns its standard output, or its error message.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(if message.is_empty() {
            format!("git {} failed", args.join(" "))
        } else {
            message
        })
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(10)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// A repository with `pack/a.yaml` committed twice, the second time changed.
    fn repository() -> tempfile::TempDir {
        let repo = tempfile::tempdir().unwrap();
        let dir = repo.path();
        run(dir, &["init", "-q"]);
        std::fs::create_dir_all(dir.join("pack/sub")).unwrap();
        for (content, message) in [("one\n", "first"), ("two\n", "second")] {
            std::fs::write(dir.join("pack/a.yaml"), content).unwrap();
            std::fs::write(dir.join("pack/sub/b.yaml"), "b\n").unwrap();
            run(dir, &["add", "."]);
            run(
                dir,
                &[
                    "-c",
                    "user.name=t",
                    "-c",
                    "user.email=t@example.org",
                    "commit",
                    "-q",
                    "-m",
                    message,
                ],
            );
        }
        repo
    }

    #[test]
    fn checks_out_the_pack_as_it_was_at_each_revision() {
        let repo = repository();
        let pack = repo.path().join("pack");
        std::fs::write(pack.join("a.yaml"), "uncommitted\n").unwrap();
        for (revision, expected) in [("HEAD", "two\n"), ("HEAD~1", "one\n")] {
            let old = rules_at_revision(revision, &pack).unwrap();
            assert_eq!(old.label(), format!("{revision}:pack"));
            let read = |p: &str| std::fs::read_to_string(old.path().join(p)).unwrap();
            assert_eq!(read("a.yaml"), expected);
            assert_eq!(read("sub/b.yaml"), "b\n");
        }
    }

    #[test]
    fn unknown_revision_and_missing_repository_are_named() {
        let repo = repository();
        let err = rules_at_revision("no-such-branch", &repo.path().join("pack")).unwrap_err();
        assert!(err.0.contains("`no-such-branch` is neither"), "{err}");
        let outside = tempfile::tempdir().unwrap();
        let err = rules_at_revision("HEAD", outside.path()).unwrap_err();
        assert!(err.0.contains("not inside a git repository"), "{err}");
        let err = rules_at_revision("--output=x", outside.path()).unwrap_err();
        assert!(err.0.contains("neither"), "{err}");
    }
}
