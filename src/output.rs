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
                    .tempfile_in(dir)?;
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
            File::open(&temp)?.sync_all()?;
            temp.persist(&path).map_err(|err| err.error)?;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
