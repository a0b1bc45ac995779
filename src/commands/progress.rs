//! A one-line progress report on stderr for long corpus runs: articles done,
//! megabytes read, throughput and time left. Drawn only when stderr is a
//! terminal and `--quiet` is off, at most ten times a second, and erased
//! when the run ends, so logs and pipes never see it.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// The progress of one corpus run.
pub struct Progress {
    /// Total input size, when shown at all.
    total_bytes: Option<u64>,
    articles: u64,
    bytes: u64,
    started: Instant,
    drawn: Option<Instant>,
}

impl Progress {
    /// A progress line for a run over `total_bytes()` bytes (asked only when
    /// the line will be shown: it may cost a stat per file).
    pub fn new(quiet: bool, total_bytes: impl FnOnce() -> u64) -> Progress {
        let shown = !quiet && std::io::stderr().is_terminal();
        Progress {
            total_bytes: shown.then(total_bytes),
            articles: 0,
            bytes: 0,
            started: Instant::now(),
            drawn: None,
        }
    }

    /// Counts one more article of `bytes` bytes and redraws if it is time.
    pub fn advance(&mut self, bytes: u64) {
        self.articles += 1;
        self.bytes += bytes;
        let Some(total) = self.total_bytes else {
            return;
        };
        let now = Instant::now();
        if self.drawn.is_some_and(|at| now - at < REDRAW_EVERY) {
            return;
        }
        self.drawn = Some(now);
        let line = status_line(self.articles, self.bytes, total, now - self.started);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{line}");
        let _ = err.flush();
    }

    /// Erases the line, if one was drawn.
    pub fn finish(&mut self) {
        if self.drawn.take().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `1234 articles, 12.3/50.0 MB, 45.6 MB/s, 0:01 left`.
fn status_line(articles: u64, bytes: u64, total: u64, elapsed: Duration) -> String {
    let megabytes = |b: u64| b as f64 / 1e6;
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        megabytes(bytes) / seconds
    } else {
        0.0
    };
    // Article text is a little smaller than the files (front matter, JSON), so
    // the estimate stays on the safe side and never runs past the total.
    let left = if rate > 0.0 {
        let remaining = megabytes(total.saturating_sub(bytes)) / rate;
        let remaining = remaining.round() as u64;
        format!("{}:{:02} left", remaining / 60, remaining % 60)
    } else {
        "--:-- left".to_string()
    };
    format!(
        "{articles} articles, {:.1}/{:.1} MB, {rate:.1} MB/s, {left}",
        megabytes(bytes.min(total)),
        megabytes(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_line_shows_count_size_rate_and_time_left() {
        let cases = [
            (
                "half way",
                (100, 25_000_000, 50_000_000, 2.0),
                "100 articles, 25.0/50.0 MB, 12.5 MB/s, 0:02 left",
            ),
            (
                "nothing yet",
                (0, 0, 50_000_000, 0.0),
                "0 articles, 0.0/50.0 MB, 0.0 MB/s, --:-- left",
            ),
            (
                "minutes",
                (10, 1_000_000, 200_000_000, 1.0),
                "10 articles, 1.0/200.0 MB, 1.0 MB/s, 3:19 left",
            ),
        ];
        for (name, (articles, bytes, total, seconds), expected) in cases {
            let line = status_line(articles, bytes, total, Duration::from_secs_f64(seconds));
            assert_eq!(line, expected, "{name}");
        }
    }

    #[test]
    fn silent_when_quiet() {
        let mut progress = Progress::new(true, || panic!("a quiet run never sizes the corpus"));
        progress.advance(1000);
        assert!(progress.drawn.is_none());
    }
}
