//! Names of people the rule pack does not know (`Keir Smith`), read from capitalisation.

mod unknown;

pub(super) use unknown::unknown_names;

use super::words::WordSet;
use crate::model::Span;

/// Words that are capitalised but are not names.
static NOT_NAMES: WordSet<76> = WordSet::new([
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
]);

/// Words of a title or a nationality that stand before a name (`Estonian
/// Foreign Minister Margus Tsahkna`): not part of the name.
static TITLE_WORDS: WordSet<30> = WordSet::new([
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
]);

static NATIONALITIES: WordSet<6> =
    WordSet::new(["French", "Dutch", "Greek", "Swiss", "Czech", "Thai"]);

fn is_title_word(word: &str) -> bool {
    let nationality_suffix = ["ian", "ese", "ish", "ean", "an"]
        .iter()
        .any(|s| word.ends_with(s))
        && word.len() > 4;
    nationality_suffix || TITLE_WORDS.contains(word) || NATIONALITIES.contains(word)
}

/// Drops leading title and nationality words from a name (`Foreign Minister Margus Tsahkna` -> `Margus Tsahkna`).
fn strip_titles(span: Span, name: &str) -> Option<(Span, &str)> {
    let mut start = 0;
    let mut kept = name.bytes().filter(|&b| b == b' ').count() + 1;
    for word in split_spaces(name) {
        if kept <= 2 || !is_title_word(word) {
            break;
        }
        start += word.len() + 1;
        kept -= 1;
    }
    let rest = &name[start..];
    let all_titles = split_spaces(rest).all(is_title_word);
    (!all_titles).then(|| (Span::new(span.start + start, span.end), rest))
}

/// [`strip_titles`] of the text under `span`, as an owned name.
fn stripped_name(text: &str, span: Span) -> Option<(Span, String)> {
    strip_titles(span, &text[span.start..span.end]).map(|(span, name)| (span, name.to_string()))
}

/// A run of two to four capitalised words starting at `at` (after spaces), such as `Keir Smith`.
pub fn name_at(text: &str, at: usize) -> Option<(Span, String)> {
    stripped_name(text, capitalised_run_at(text, at)?)
}

fn capitalised_run_at(text: &str, at: usize) -> Option<Span> {
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
            && !NOT_NAMES.contains(clean);
        if !capitalised || words == 4 {
            break;
        }
        end = offset + (word.as_ptr() as usize - text[offset..].as_ptr() as usize) + clean.len();
        words += 1;
        if clean.len() != word.len() {
            break;
        }
    }
    (words >= 2).then(|| Span::new(offset, end))
}

/// A name that ends right before `at` (`… Keir Smith said`).
pub fn name_before(text: &str, at: usize) -> Option<(Span, String)> {
    stripped_name(text, capitalised_run_before(text, at)?)
}

fn capitalised_run_before(text: &str, at: usize) -> Option<Span> {
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
            && !NOT_NAMES.contains(word);
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
    Some(Span::new(start, before.len()))
}

/// `text.split(' ')`, by a plain byte loop: names are short and split's
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
