//! Names of people the rule pack does not know (`Keir Smith`), read from capitalisation.

use crate::model::Span;

/// Words that are capitalised but are not names.
const NOT_NAMES: [&str; 24] = [
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
    TITLE_WORDS.contains(&word)
        || ["ian", "ese", "ish", "ean"]
            .iter()
            .any(|s| word.ends_with(s))
            && word.len() > 4
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
