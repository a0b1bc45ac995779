//! A publication date printed at the top of an article ("Thursday, February 13, 2025").
//!
//! Only a line near the top that consists of a date (and perhaps a weekday) is
//! taken: a date inside a sentence or a photo caption is an event, not the
//! publication date.

use chrono::NaiveDate;

/// How many lines from the top a dateline may stand.
const DATELINE_WINDOW: usize = 8;

/// Finds a dateline in the first lines of `text`.
pub fn find(text: &str) -> Option<NaiveDate> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(DATELINE_WINDOW)
        .find_map(parse_line)
}

fn parse_line(line: &str) -> Option<NaiveDate> {
    if line.len() > 40 {
        return None;
    }
    let without_weekday = strip_weekday(line);
    let cleaned: String = without_weekday
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    const FORMATS: [&str; 5] = ["%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y", "%Y-%m-%d"];
    FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&cleaned, format).ok())
}

fn strip_weekday(line: &str) -> &str {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = line.to_ascii_lowercase();
    for day in WEEKDAYS {
        if lower.starts_with(day) {
            return line[day.len()..].trim_start_matches([',', ' ']);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases = [
            (
                "header",
                "1.6 C\nMunich\nThursday, February 13, 2025\n\nText",
                Some("2025-02-13"),
            ),
            ("day first", "13 February 2025\nText", Some("2025-02-13")),
            ("iso", "2024-12-03\nText", Some("2024-12-03")),
            (
                "caption is not a dateline",
                "Headline\nA caption in Brussels, October 17, 2024",
                None,
            ),
            (
                "too far down",
                &format!("{}February 13, 2025", "x\n".repeat(10)),
                None,
            ),
        ];
        for (name, text, expected) in cases {
            let expected = expected.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
            assert_eq!(find(text), expected, "{name}");
        }
    }
}
