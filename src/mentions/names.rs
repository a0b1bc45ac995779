//! Names of people the rule pack does not know (`Keir Smith`), read from capitalisation.

use super::words::WordSet;
use crate::model::{longest_span, Span, DAY_NAMES, MONTH_NAMES};
use std::ops::Range;

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
static PLACE_OR_BODY_WORDS: WordSet<48> = WordSet::new([
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
]);

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

static MONTHS: WordSet<12> = WordSet::new(MONTH_NAMES);
static DAYS: WordSet<7> = WordSet::new(DAY_NAMES);

/// Capitalised runs of two or more words that no known mention covers
/// (`Anna Lindqvist`, `Emmanuel Macron`), and later single-word uses of a
/// person's surname (`Macron`).
pub fn unknown_names(text: &str, sentences: &[Span], known: &[Span]) -> Vec<UnknownName> {
    let mut known = known.to_vec();
    known.sort_unstable();
    let mut finder = NameFinder {
        text,
        longest: longest_span(&known, |k| *k),
        known,
        found: Vec::new(),
        surnames: Vec::new(),
    };
    let mut runs = CapitalisedRuns::default();
    for sentence in sentences {
        runs.read(text, *sentence);
        for run in &runs.runs {
            finder.add(&runs.words[run.clone()]);
        }
    }
    finder.found
}

/// What [`unknown_names`] has found so far in one article.
struct NameFinder<'a> {
    text: &'a str,
    /// Spans of known mentions, sorted.
    known: Vec<Span>,
    longest: usize,
    found: Vec<UnknownName>,
    /// Surnames of the people found, each with the index of its full name in `found`.
    surnames: Vec<(&'a str, usize)>,
}

impl<'a> NameFinder<'a> {
    /// Takes in one capitalised run, given as the spans of its words.
    fn add(&mut self, words: &[Span]) {
        let text = self.text;
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return;
        };
        let run = Span::new(first.start, last.end);
        let leading_not_names = words
            .iter()
            .take_while(|w| NOT_NAMES.contains(&text[w.start..w.end]))
            .count();
        let words = &words[leading_not_names..];
        // A lone word only ever counts as the surname of a name seen before.
        // Most runs are such lone words, so this cheap test goes first.
        match words {
            [] => return,
            [word] if self.full_name_of(&text[word.start..word.end]).is_none() => return,
            _ => {}
        }
        let near = run.reachable_from(&self.known, self.longest, |k| *k);
        if near.iter().any(|k| k.overlaps(run)) {
            return;
        }
        let is_date_word = |w: &Span| {
            let word = &text[w.start..w.end];
            MONTHS.contains(word) || DAYS.contains(word)
        };
        if words.iter().any(is_date_word) {
            return;
        }
        // A run's words are separated by single spaces, so the name is the
        // text from its first kept word to the end of the run.
        let whole = Span::new(words[0].start, run.end);
        let Some((span, name)) = strip_titles(whole, &text[whole.start..whole.end]) else {
            return;
        };
        if name.contains(' ') {
            let person = !split_spaces(name).any(|w| PLACE_OR_BODY_WORDS.contains(w));
            if person {
                let surname = name.rsplit(' ').next().unwrap_or(name);
                self.surnames.push((surname, self.found.len()));
            }
            self.found.push(UnknownName {
                span,
                name: name.to_string(),
                person,
            });
        } else if let Some(full) = self.full_name_of(name) {
            let name = self.found[full].name.clone();
            self.found.push(UnknownName {
                span,
                name,
                person: true,
            });
        }
    }

    /// The index in `found` of the first person seen whose surname is `word`.
    fn full_name_of(&self, word: &str) -> Option<usize> {
        self.surnames
            .iter()
            .find(|(surname, _)| *surname == word)
            .map(|&(_, full)| full)
    }
}

/// The capitalised runs of one sentence, as ranges of `words`; a word is its
/// span with a leading quote or bracket and a possessive `'s` left out.
/// Kept between sentences so that its buffers are reused.
#[derive(Default)]
struct CapitalisedRuns {
    words: Vec<Span>,
    runs: Vec<Range<usize>>,
    /// Where the run being read starts in `words`.
    open: usize,
}

impl CapitalisedRuns {
    /// Reads the runs of `sentence`, replacing those of the one before.
    fn read(&mut self, text: &str, sentence: Span) {
        self.words.clear();
        self.runs.clear();
        self.open = 0;
        let bytes = text.as_bytes();
        let mut at = sentence.start;
        loop {
            let end = bytes[at..sentence.end]
                .iter()
                .position(|&b| b == b' ')
                .map_or(sentence.end, |i| at + i);
            let leading = bytes[at..end]
                .iter()
                .take_while(|&&b| b == b'"' || b == b'(')
                .count();
            let first = at + leading;
            let mut ends_run = true;
            // Most words are not capitalised: say so before trimming them.
            if starts_uppercase(&text[first..end]) {
                let word_end = trimmed_word_end(bytes, first, end);
                let joins = leading == 0 || self.open == self.words.len();
                if joins && is_capitalised_word(&text[first..word_end]) {
                    self.words.push(Span::new(first, word_end));
                    // Punctuation or `'s` after the word closes the run.
                    ends_run = word_end < end;
                }
            }
            if ends_run {
                self.end_run();
            }
            if end == sentence.end {
                break;
            }
            at = end + 1;
        }
        self.end_run();
    }

    fn end_run(&mut self) {
        if self.open < self.words.len() {
            self.runs.push(self.open..self.words.len());
        }
        self.open = self.words.len();
    }
}

fn starts_uppercase(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Where a word ending at `end` ends without trailing punctuation and a possessive `'s`.
fn trimmed_word_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut end = end;
    while end > start
        && matches!(
            bytes[end - 1],
            b',' | b'.' | b';' | b':' | b'"' | b')' | b'?' | b'!'
        )
    {
        end -= 1;
    }
    if bytes[start..end].ends_with(b"'s") {
        end -= 2;
    }
    end
}

/// Whether a word that starts with a capital looks like part of a name:
/// letters, hyphens, apostrophes and dots only, and not all capitals (`NATO`).
fn is_capitalised_word(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        bytes.iter().any(u8::is_ascii_lowercase)
            && bytes
                .iter()
                .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'\'' | b'.'))
    } else {
        word.chars().any(char::is_lowercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
    }
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
