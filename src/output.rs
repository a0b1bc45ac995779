//! Where a command's output goes: standard output, or a file replaced atomically
//! (written to a temporary file beside it, then renamed), so an interrupted run
//! leaves the old file or the new one, never half of one.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An output destination.
pub struct Output {
    writer: Box<dyn Write>,
    target: Option<(PathBuf, tempfile::TempPath)>,
}

impl Output {
    /// Standard output when `path` is `None`, else a temporary file that
    /// [`Output::finish`] moves into place.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        match path {
            None => Ok(Output {
                writer: Box::new(BufWriter::new(io::stdout().lock())),
                target: None,
            }),
            Some(path) => {
                let dir = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let temp = tempfile::Builder::new()
                    .prefix(".stancetrack-")
                    .tempfile_in(dir)
                    .map_err(|err| naming(path, err))?;
                let (file, temp_path) = temp.into_parts();
                Ok(Output {
                    writer: Box::new(BufWriter::new(file)),
                    target: Some((path.to_path_buf(), temp_path)),
                })
            }
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()?;
        drop(self.writer);
        if let Some((path, temp)) = self.target.take() {
            let moved = File::open(&temp)
                .and_then(|file| file.sync_all())
                .and_then(|()| set_shareable_mode(&temp, &path))
                .and_then(|()| temp.persist(&path).map_err(|err| err.error));
            moved.map_err(|err| naming(&path, err))?;
        }
        Ok(())
    }
}

/// The same error, with the output file named in front.
fn naming(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

/// Temporary files are created private (0600); a report is meant to be read by
/// others, so take the old file's mode, or the usual 0644 for a new file.
#[cfg(unix)]
fn set_shareable_mode(temp: &Path, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode())
        .unwrap_or(0o644);
    std::fs::set_permissions(temp, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_shareable_mode(_temp: &Path, _target: &Path) -> io::Result<()> {
    Ok(())
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_replaces_the_old_one_and_is_readable_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        std::fs::write(&path, "old").unwrap();
        let mut out = Output::open(Some(&path)).unwrap();
        out.write_all(b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "old",
            "old file stays until finish"
        );
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode & 0o044, 0o044, "mode {mode:o}");
        }
    }

    #[test]
    fn an_unfinished_output_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "old").unwrap();
        let mut out = Output::open(Some(&path)).unwrap();
        out.write_all(b"half of a new fi").unwrap();
        drop(out);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
