//! A folder of article snapshot files: compare one file with the current
//! snapshot, write one, list them.
//!
//! The folder may hold other `.snap` files (the report, DOT views, error
//! snapshots): only files named like `pipeline__article@<id>.snap` are ours.

use super::compare::{compare, SnapshotDiff};
use super::file::{body_of, is_article_file_name, SnapFile};
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// How a stored snapshot compares with the current one.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The stored body equals the current one.
    Unchanged,
    /// The stored body differs.
    Changed(SnapshotDiff),
    /// There is no stored file.
    Missing,
}

/// Compares the snapshot file at `path` with the current file `current`.
pub fn check_file(path: &Path, current: &SnapFile) -> io::Result<Outcome> {
    let stored = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Outcome::Missing),
        Err(err) => return Err(err),
    };
    let name = path.display().to_string();
    let body = body_of(&stored)
        .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, format!("{name}: {err}")))?;
    Ok(match compare(&name, body, &current.body) {
        None => Outcome::Unchanged,
        Some(diff) => Outcome::Changed(diff),
    })
}

/// Reads the body of the snapshot file at `path`.
pub fn read_body(path: &Path) -> io::Result<String> {
    let text = std::fs::read_to_string(path)?;
    body_of(&text).map(str::to_string).map_err(|err| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {err}", path.display()),
        )
    })
}

/// Writes `file` to `path`, replacing it atomically (a temporary file beside
/// it, then a rename), so an interrupted run never leaves half a snapshot.
pub fn write_file(path: &Path, file: &SnapFile) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".stancetrack-")
        .tempfile_in(dir)?;
    io::Write::write_all(&mut temp, file.to_text().as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// The names of the article snapshot files in `dir`, sorted; empty when `dir`
/// does not exist.
pub fn article_files(dir: &Path) -> io::Result<BTreeSet<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(err) => return Err(err),
    };
    let mut names = BTreeSet::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if is_article_file_name(&name) {
            names.insert(name);
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(body: &str) -> SnapFile {
        SnapFile::new("text", None, body.to_string())
    }

    #[test]
    fn check_write_and_list_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipeline__article@a.snap");
        assert_eq!(
            check_file(&path, &snap("x: 1\n")).unwrap(),
            Outcome::Missing
        );
        write_file(&path, &snap("x: 1\n")).unwrap();
        assert_eq!(
            check_file(&path, &snap("x: 1")).unwrap(),
            Outcome::Unchanged
        );
        assert!(matches!(
            check_file(&path, &snap("x: 2\n")).unwrap(),
            Outcome::Changed(_)
        ));
        assert_eq!(read_body(&path).unwrap(), "x: 1\n");
        std::fs::write(dir.path().join("pipeline__report.snap"), "").unwrap();
        let names: Vec<String> = article_files(dir.path()).unwrap().into_iter().collect();
        assert_eq!(names, ["pipeline__article@a.snap"]);
        assert!(article_files(&dir.path().join("none")).unwrap().is_empty());
    }
}
