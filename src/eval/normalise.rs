//! When two quotation texts count as the same quote, and when two names name the same person.

/// A quotation reduced to what matching compares.
///
/// Case is folded; curly and straight quotation marks and apostrophes,
/// dashes, ellipses and runs of white space are each made one form; and
/// punctuation and white space around the text are dropped. Annotators and
/// extractors disagree on exactly these points (`“...,”` against `...`,
/// `Tomahawks…` against `Tomahawks ...`) without disagreeing on the words.
pub fn normalise_quote(text: &str) -> String {
    let mut unified = String::with_capacity(text.len());
    let mut dots = 0;
    for c in text.chars() {
        if c == '.' {
            dots += 1;
            continue;
        }
        flush_dots(&mut unified, dots);
        dots = 0;
        match c {
            '…' => unified.push_str(" ... "),
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => unified.push('"'),
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' | 'ʼ' | '`' | '´' => {
                unified.push('\'')
            }
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => unified.push('-'),
            c if c.is_whitespace() => unified.push(' '),
            c => unified.extend(c.to_lowercase()),
        }
    }
    flush_dots(&mut unified, dots);
    let trimmed = unified.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a run of full stops: three or more are an ellipsis, spaced like `…`.
fn flush_dots(out: &mut String, dots: usize) {
    if dots >= 3 {
        out.push_str(" ... ");
    } else {
        out.extend(std::iter::repeat_n('.', dots));
    }
}

/// Whether two normalised quotations match: equal, or one contains the
/// other and the shorter has at least 80% of the longer's characters.
///
/// Empty text (a quote of nothing but punctuation, such as `"*"`) matches nothing.
pub fn normalised_texts_match(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.contains(short) && 5 * short.chars().count() >= 4 * long.chars().count()
}

/// Whether a system speaker name stands for the gold `{name: ...}` speaker.
///
/// True when the system name equals the gold name or its surname (its last
/// word), or when the system name's last word equals that surname; case,
/// apostrophe and dash forms and white space are ignored. So `Giles`,
/// `Keir Giles` and `Dr Keir Giles` all stand for gold `Keir Giles`.
pub fn names_match(gold: &str, system: &str) -> bool {
    let gold = normalise_quote(gold);
    let system = normalise_quote(system);
    let Some(surname) = gold.split(' ').next_back().filter(|s| !s.is_empty()) else {
        return false;
    };
    system == gold || system.split(' ').next_back() == Some(surname)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_marks_case_and_space() {
        let cases = [
            (
                "trailing comma",
                "If we come to a deal,",
                "if we come to a deal",
            ),
            (
                "curly apostrophe",
                "Russia’s aggression",
                "russia's aggression",
            ),
            (
                "nested curly quotes",
                "said, ‘let’s get it done.’",
                "said, 'let's get it done",
            ),
            ("en dash", "war – and peace", "war - and peace"),
            ("em dash", "war—and", "war-and"),
            (
                "ellipsis char",
                "Tomahawks… because",
                "tomahawks ... because",
            ),
            ("three dots", "Tomahawks...because", "tomahawks ... because"),
            (
                "spaced ellipsis",
                "rules out … credible",
                "rules out ... credible",
            ),
            ("collapse white space", "  a \n\t b  ", "a b"),
            ("no-break space", "a\u{a0}b", "a b"),
            ("surrounding marks", "“immediately”,", "immediately"),
            (
                "brackets kept inside",
                "deliver [Trump’s] vision.",
                "deliver [trump's] vision",
            ),
            ("punctuation only", "*", ""),
            ("two dots kept", "a..b", "a..b"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(normalise_quote(input), expected, "{name}");
        }
    }

    #[test]
    fn containment_needs_eighty_percent() {
        let cases = [
            ("equal", "abcde", "abcde", true),
            ("4 of 5 chars", "abcd", "abcde", true),
            ("8 of 10 chars", "abcdefgh", "abcdefghij", true),
            ("7 of 10 chars", "abcdefg", "abcdefghij", false),
            ("either order", "abcdefghij", "bcdefghij", true),
            ("not contained", "abcdx", "abcde", false),
            ("empty never matches", "", "", false),
            ("counts chars not bytes", "ééééé", "éééé", true),
        ];
        for (name, a, b, expected) in cases {
            assert_eq!(normalised_texts_match(a, b), expected, "{name}");
        }
    }

    #[test]
    fn quote_forms_that_match_after_normalising() {
        let cases = [
            (
                "“They could still win it. I don’t think they will,",
                "they could still win it. I don't think they will",
                true,
            ),
            (
                "I would much rather have them not need Tomahawks… because we’re in it",
                "I would much rather have them not need Tomahawks ... because we're in it",
                true,
            ),
            ("highly productive", "a highly productive", true),
            ("Plan B", "a Plan B", false),
        ];
        for (gold, system, expected) in cases {
            let (g, s) = (normalise_quote(gold), normalise_quote(system));
            assert_eq!(
                normalised_texts_match(&g, &s),
                expected,
                "{gold} / {system}"
            );
        }
    }

    #[test]
    fn names_match_full_name_or_surname() {
        let cases = [
            ("Keir Giles", "Keir Giles", true),
            ("Keir Giles", "keir giles", true),
            ("Keir Giles", "Giles", true),
            ("Keir Giles", "Dr Keir Giles", true),
            ("Keir Giles", "Keir", false),
            ("Keir Giles", "Giles Keir", false),
            ("Keir Giles", "", false),
            ("Mariia Zolkina", "Mariia  Zolkina", true),
        ];
        for (gold, system, expected) in cases {
            assert_eq!(names_match(gold, system), expected, "{gold} / {system}");
        }
    }
}
