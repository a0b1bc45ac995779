//! Names of people the rule pack does not know (`Keir Smith`), read from capitalisation.

use crate::model::{longest_span, Span, DAY_NAMES, MONTH_NAMES};

/// Words that are capitalised but are not names.
const NOT_NAMES: [&str; 76] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Meanwhile",
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "This",
    "That",
    "According",
    "As",
    "After",
    "Before",
    "While",
    "If",
    "Later",
    "Earlier",
    "Still",
    "Yet",
    "Instead",
    "Speaking",
    "Asked",
    "Separately",
    "Also",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Even",
    "Both",
    "Some",
    "Many",
    "Several",
    "Other",
    "Such",
    "Those",
    "These",
    "Our",
    "His",
    "Her",
    "Their",
    "My",
    "Your",
    "Its",
    "For",
    "With",
    "From",
    "By",
    "To",
    "Of",
    "Under",
    "During",
    "Since",
    "When",
    "Where",
    "Why",
    "How",
    "What",
    "Who",
    "Which",
    "Despite",
    "Although",
    "Though",
    "Unlike",
    "Amid",
];

/// Words of a title or a nationality that stand before a name (`Estonian
/// Foreign Minister Margus Tsahkna`): not part of the name.
const TITLE_WORDS: [&str; 30] = [
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Secretary",
    "General",
    "Chancellor",
    "Senator",
    "Sen.",
    "Rep.",
    "Ambassador",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Professor",
    "Prof.",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Envoy",
    "Chief",
    "Deputy",
    "Vice",
    "Governor",
    "Mayor",
    "Commander",
    "Colonel",
];

fn is_title_word(word: &str) -> bool {
    const NATIONALITIES: [&str; 6] = ["French", "Dutch", "Greek", "Swiss", "Czech", "Thai"];
    let nationality_suffix = ["ian", "ese", "ish", "ean", "an"]
        .iter()
        .any(|s| word.ends_with(s))
        && word.len() > 4;
    TITLE_WORDS.contains(&word) || NATIONALITIES.contains(&word) || nationality_suffix
}

/// Drops leading title and nationality words from a name (`Foreign Minister Margus Tsahkna` -> `Margus Tsahkna`).
fn strip_titles(span: Span, name: &str) -> Option<(Span, String)> {
    let mut start = 0;
    let words: Vec<&str> = name.split(' ').collect();
    let mut kept = words.len();
    for word in &words {
        if kept <= 2 || !is_title_word(word) {
            break;
        }
        start += word.len() + 1;
        kept -= 1;
    }
    let rest = &name[start..];
    let all_titles = rest.split(' ').all(is_title_word);
    (!all_titles).then(|| (Span::new(span.start + start, span.end), rest.to_string()))
}

/// A run of two to four capitalised words starting at `at` (after spaces), such as `Keir Smith`.
pub fn name_at(text: &str, at: usize) -> Option<(Span, String)> {
    let (span, name) = capitalised_run_at(text, at)?;
    strip_titles(span, &name)
}

fn capitalised_run_at(text: &str, at: usize) -> Option<(Span, String)> {
    let rest = &text[at..];
    let offset = at + (rest.len() - rest.trim_start().len());
    let mut end = offset;
    let mut words = 0;
    for word in text[offset..].split(' ') {
        let clean = word.trim_end_matches([',', '.', ';', ':', '"']);
        let capitalised = clean.chars().next().is_some_and(char::is_uppercase)
            && clean
                .chars()
                .skip(1)
                .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
            && !NOT_NAMES.contains(&clean);
        if !capitalised || words == 4 {
            break;
        }
        end = offset + (word.as_ptr() as usize - text[offset..].as_ptr() as usize) + clean.len();
        words += 1;
        if clean.len() != word.len() {
            break;
        }
    }
    (words >= 2).then(|| (Span::new(offset, end), text[offset..end].to_string()))
}

/// A name that ends right before `at` (`… Keir Smith said`).
pub fn name_before(text: &str, at: usize) -> Option<(Span, String)> {
    let (span, name) = capitalised_run_before(text, at)?;
    strip_titles(span, &name)
}

fn capitalised_run_before(text: &str, at: usize) -> Option<(Span, String)> {
    let before = text[..at].trim_end();
    let words: Vec<&str> = before.rsplit(' ').take(4).collect();
    let mut start = before.len();
    let mut count = 0;
    for word in words {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .skip(1)
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !NOT_NAMES.contains(&word);
        if !capitalised {
            break;
        }
        start -= word.len();
        count += 1;
        if start == 0 {
            break;
        }
        start -= 1;
        if count == 4 {
            break;
        }
    }
    if count < 2 {
        return None;
    }
    let start = if before.as_bytes().get(start) == Some(&b' ') {
        start + 1
    } else {
        start
    };
    Some((Span::new(start, before.len()), before[start..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_not_names() {
        assert_eq!(
            name_before("told by Estonian Foreign Minister Margus Tsahkna", 48).map(|n| n.1),
            Some("Margus Tsahkna".into())
        );
        assert_eq!(name_at(" Prime Minister", 0), None);
    }

    #[test]
    fn capitalised_runs() {
        assert_eq!(
            name_at(" Keir Smith, a fellow", 0).map(|n| n.1),
            Some("Keir Smith".into())
        );
        assert_eq!(name_at(" the minister", 0), None);
        assert_eq!(name_at(" Smith said", 0), None);
        assert_eq!(
            name_before("said Anna Maria Lind", 20).map(|n| n.1),
            Some("Anna Maria Lind".into())
        );
        assert_eq!(name_before("so The Economist", 16).map(|n| n.1), None);
    }
}

/// Words that make a capitalised run a place or an organisation, not a person.
const PLACE_OR_BODY_WORDS: [&str; 48] = [
    "Sea",
    "East",
    "West",
    "North",
    "South",
    "Arabia",
    "Korea",
    "Union",
    "Council",
    "House",
    "Conference",
    "Social",
    "Jazeera",
    "Economist",
    "Times",
    "Post",
    "News",
    "Forces",
    "Security",
    "Region",
    "Ocean",
    "Republic",
    "Kingdom",
    "Party",
    "Ministry",
    "Agency",
    "University",
    "Institute",
    "Foundation",
    "Commission",
    "Parliament",
    "Congress",
    "Senate",
    "Group",
    "Fund",
    "Bank",
    "Command",
    "Guard",
    "Office",
    "Department",
    "City",
    "Island",
    "Peninsula",
    "Oblast",
    "Province",
    "State",
    "Contact",
    "Treaty",
];

/// A name in the text that the rule pack does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// Span in the folded text.
    pub span: Span,
    /// The name as written, titles removed.
    pub name: String,
    /// False for places and organisations (`Chatham House`, `Truth Social`).
    pub person: bool,
}

/// Capitalised runs of two or more words that no known mention covers
/// (`Anna Lindqvist`, `Emmanuel Macron`), and later single-word uses of a
/// person's surname (`Macron`).
pub fn unknown_names(text: &str, sentences: &[Span], known: &[Span]) -> Vec<UnknownName> {
    let mut found: Vec<UnknownName> = Vec::new();
    let mut surnames: Vec<(String, String)> = Vec::new();
    let mut known = known.to_vec();
    known.sort_unstable();
    let longest = longest_span(&known, |k| *k);
    for sentence in sentences {
        for (span, words) in capitalised_runs(text, *sentence) {
            let near = span.reachable_from(&known, longest, |k| *k);
            if near.iter().any(|k| k.overlaps(span)) {
                continue;
            }
            let at_sentence_start = span.start == sentence.start
                || text[sentence.start..span.start]
                    .trim_start_matches(['"', '(', ' '])
                    .is_empty();
            let words: Vec<&str> = words
                .iter()
                .copied()
                .skip_while(|w| NOT_NAMES.contains(w))
                .collect();
            // A lone word only ever counts as the surname of a name seen before.
            if words.len() == 1 && !surnames.iter().any(|(s, _)| s == words[0]) {
                continue;
            }
            let name = words.join(" ");
            if name.is_empty()
                || words
                    .iter()
                    .any(|w| MONTH_NAMES.contains(w) || DAY_NAMES.contains(w))
            {
                continue;
            }
            let end = span.end;
            let start = end - name.len();
            let Some((span, name)) = strip_titles(Span::new(start, end), &name) else {
                continue;
            };
            let word_count = name.split(' ').count();
            let person = !name.split(' ').any(|w| PLACE_OR_BODY_WORDS.contains(&w));
            if word_count >= 2 {
                if person {
                    let surname = name.rsplit(' ').next().unwrap_or(&name).to_string();
                    surnames.push((surname, name.clone()));
                }
                found.push(UnknownName { span, name, person });
            } else if let Some((_, full)) = surnames.iter().find(|(s, _)| *s == name) {
                let _ = at_sentence_start;
                found.push(UnknownName {
                    span,
                    name: full.clone(),
                    person: true,
                });
            }
        }
    }
    found
}

/// Runs of capitalised words inside a sentence, with their words (possessive `'s` removed).
fn capitalised_runs(text: &str, sentence: Span) -> Vec<(Span, Vec<&str>)> {
    let mut runs = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    let body = &text[sentence.start..sentence.end];
    let mut offset = sentence.start;
    for raw in split_spaces(body) {
        let start = offset;
        offset += raw.len() + 1;
        let leading = raw.bytes().take_while(|&b| b == b'"' || b == b'(').count();
        // Most words are not capitalised: say so before trimming them.
        if !raw[leading..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        {
            flush(&mut current, &mut runs);
            continue;
        }
        let word = raw[leading..].trim_end_matches([',', '.', ';', ':', '"', ')', '?', '!']);
        let word = word.strip_suffix("'s").unwrap_or(word);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.');
        let closes = word.len() + leading < raw.len();
        if capitalised && (leading == 0 || current.is_empty()) {
            current.push((start + leading, word));
        } else {
            flush(&mut current, &mut runs);
            continue;
        }
        if closes {
            flush(&mut current, &mut runs);
        }
    }
    flush(&mut current, &mut runs);
    runs
}

/// `text.split(' ')`, by a plain byte loop: sentences are short and split's
/// searcher costs more to set up per word than it saves.
fn split_spaces(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = Some(0);
    std::iter::from_fn(move || {
        let start = at?;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |i| start + i);
        at = (end < bytes.len()).then_some(end + 1);
        Some(&text[start..end])
    })
}

fn flush<'a>(current: &mut Vec<(usize, &'a str)>, runs: &mut Vec<(Span, Vec<&'a str>)>) {
    if let (Some(first), Some(last)) = (current.first(), current.last()) {
        let span = Span::new(first.0, last.0 + last.1.len());
        runs.push((span, current.iter().map(|(_, w)| *w).collect()));
    }
    current.clear();
}

#[cfg(test)]
mod unknown_tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool)> {
        unknown_names(text, &[Span::new(0, text.len())], &[])
            .into_iter()
            .map(|n| (n.name, n.person))
            .collect()
    }

    #[test]
    fn finds_people_and_bodies_the_pack_does_not_know() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, bool)]);
        let cases: [Case; 5] = [
            (
                "person",
                "The talks, said Emmanuel Macron, went well.",
                &[("Emmanuel Macron", true)],
            ),
            (
                "title stripped",
                "French President Emmanuel Macron's plan",
                &[("Emmanuel Macron", true)],
            ),
            (
                "body",
                "a fellow at Chatham House in London",
                &[("Chatham House", false)],
            ),
            (
                "date is no name",
                "On Monday March 3 nothing happened.",
                &[],
            ),
            (
                "surname later",
                "Anna Lindqvist spoke. Later Lindqvist left.",
                &[("Anna Lindqvist", true), ("Anna Lindqvist", true)],
            ),
        ];
        for (name, text, expected) in cases {
            let expected: Vec<(String, bool)> =
                expected.iter().map(|(n, p)| (n.to_string(), *p)).collect();
            assert_eq!(names(text), expected, "{name}");
        }
    }
}
