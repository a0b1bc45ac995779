//! Names the rule pack does not know, found as capitalised runs of words.

use super::{split_spaces, strip_titles, NOT_NAMES};
use crate::bytemask::wide::Bytes16;
use crate::mentions::bytemask::ByteClasses;
use crate::mentions::nearby::NearbySpans;
use crate::mentions::words::{shape, WordSet};
use crate::mentions::Mention;
use crate::model::{Span, DAY_NAMES, MONTH_NAMES};

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
///
/// `classes` are those of `text`; `known` is sorted by span, and none of
/// its spans is longer than `known_longest`.
pub fn unknown_names(
    text: &str,
    classes: &ByteClasses,
    sentences: &[Span],
    known: &[Mention],
    known_longest: usize,
) -> Vec<UnknownName> {
    let mut finder = NameFinder {
        text,
        known: NearbySpans::new(known, |m| m.span, known_longest),
        found: Vec::new(),
        surnames: Vec::new(),
        surname_shapes: 0,
        surname_initials: 0,
    };
    let mut runs = CapitalisedRuns::default();
    for sentence in sentences {
        runs.read(text, classes, *sentence, &mut finder);
    }
    finder.found
}

/// What [`unknown_names`] has found so far in one article.
struct NameFinder<'a> {
    text: &'a str,
    /// Spans of known mentions, sorted; runs are added in text order.
    known: NearbySpans<'a, Mention, fn(&Mention) -> Span>,
    found: Vec<UnknownName>,
    /// Surnames of the people found, each with the index of its full name in `found`.
    surnames: Vec<(&'a str, usize)>,
    /// The [`shape`] bits of the surnames.
    surname_shapes: u128,
    /// A bit for the first byte of each surname, modulo 64.
    surname_initials: u64,
}

impl<'a> NameFinder<'a> {
    /// Takes in one capitalised run, given as the spans of its words.
    #[inline(never)]
    fn add(&mut self, words: &[Span]) {
        let text = self.text;
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return;
        };
        // A lone word only ever counts as the surname of a name seen before.
        // Most runs are one word and most articles name few people, so
        // this cheap test goes first.
        let is_unknown_surname =
            |word: &Span| self.full_name_of(&text[word.start..word.end]).is_none();
        if words.len() == 1 && is_unknown_surname(first) {
            return;
        }
        let run = Span::new(first.start, last.end);
        let leading_not_names = words
            .iter()
            .take_while(|w| NOT_NAMES.contains(&text[w.start..w.end]))
            .count();
        let words = &words[leading_not_names..];
        match words {
            [] => return,
            [word] if is_unknown_surname(word) => return,
            _ => {}
        }
        if self.known.any_overlaps(run) {
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
                self.surname_shapes |= shape(surname.as_bytes());
                self.surname_initials |= initial_bit(surname.as_bytes()[0]);
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

    /// Whether a surname seen so far starts with the byte `first`.
    fn may_be_surname_starting(&self, first: u8) -> bool {
        self.surname_initials & initial_bit(first) != 0
    }

    /// The index in `found` of the first person seen whose surname is `word`.
    fn full_name_of(&self, word: &str) -> Option<usize> {
        if self.surname_shapes & shape(word.as_bytes()) == 0 {
            return None;
        }
        self.surnames
            .iter()
            .find(|(surname, _)| *surname == word)
            .map(|&(_, full)| full)
    }
}

fn initial_bit(first: u8) -> u64 {
    1 << (first % 64)
}

/// The reader of the capitalised runs of one sentence, each handed to a
/// [`NameFinder`] as soon as it ends, as the spans of its words; a word is
/// its span with a leading quote or bracket and a possessive `'s` left out.
/// Kept between sentences so that its buffer is reused.
#[derive(Default)]
struct CapitalisedRuns {
    words: Vec<Span>,
    /// Where the run being read starts in `words`.
    open: usize,
}

impl CapitalisedRuns {
    /// Reads the runs of `sentence` into `finder`.
    fn read(&mut self, text: &str, classes: &ByteClasses, sentence: Span, finder: &mut NameFinder) {
        self.words.clear();
        self.open = 0;
        if sentence.start >= sentence.end {
            return;
        }
        // Most words start with a lower-case letter and end any run: only
        // the others are read, and a run goes on only if the next of those
        // starts right after the word that left it open.
        let others = classes.maybe_capitalised(sentence.start + 1, sentence.end);
        let mut continues_at = None;
        for at in std::iter::once(sentence.start).chain(others) {
            if continues_at != Some(at) {
                self.end_run(finder);
            }
            let end = classes.next_space(at, sentence.end);
            if self.is_lone_non_surname(text, classes, at, end, sentence.end, finder) {
                continues_at = None;
                continue;
            }
            continues_at = self.read_word(text, at, end, finder).then_some(end + 1);
        }
        self.end_run(finder);
    }

    /// Whether `text[at..end]` would at most be a run of its own (no run is
    /// open and the next word starts in lower case) that `finder` drops: a
    /// lone word counts only as a surname seen before. Most capitalised
    /// words stand alone, and this test is cheaper than reading them.
    fn is_lone_non_surname(
        &self,
        text: &str,
        classes: &ByteClasses,
        at: usize,
        end: usize,
        sentence_end: usize,
        finder: &NameFinder,
    ) -> bool {
        let next_may_join = end + 1 < sentence_end && classes.is_maybe_capitalised(end + 1);
        if self.open < self.words.len() || next_may_join {
            return false;
        }
        let bytes = &text.as_bytes()[at..end];
        let first = bytes.iter().find(|&&b| b != b'"' && b != b'(');
        first.is_some_and(|&b| !finder.may_be_surname_starting(b))
    }

    /// Reads the space-delimited word `text[at..end]`; true when it leaves
    /// its run open for the next word.
    fn read_word(&mut self, text: &str, at: usize, end: usize, finder: &mut NameFinder) -> bool {
        let bytes = text.as_bytes();
        let leading = bytes[at..end]
            .iter()
            .take_while(|&&b| b == b'"' || b == b'(')
            .count();
        let first = at + leading;
        if starts_uppercase(text, first, end) {
            let word_end = trimmed_word_end(bytes, first, end);
            let joins = leading == 0 || self.open == self.words.len();
            if joins && is_capitalised_word(text, first, word_end) {
                self.words.push(Span::new(first, word_end));
                // Punctuation or `'s` after the word closes the run.
                if word_end == end {
                    return true;
                }
            }
        }
        self.end_run(finder);
        false
    }

    // Called for every word read, most often with no run open: the test
    // goes inline, the finder's work stays out of line.
    #[inline(always)]
    fn end_run(&mut self, finder: &mut NameFinder) {
        if self.open < self.words.len() {
            finder.add(&self.words[self.open..]);
        }
        self.open = self.words.len();
    }
}

/// Whether `text[start..end]` starts with an upper-case letter.
fn starts_uppercase(text: &str, start: usize, end: usize) -> bool {
    match text.as_bytes()[start..end].first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => text[start..end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
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

/// Whether `text[start..end]`, which starts with a capital, looks like part
/// of a name: letters, hyphens, apostrophes and dots only, and not all
/// capitals (`NATO`).
fn is_capitalised_word(text: &str, start: usize, end: usize) -> bool {
    // Most words are ASCII and fit in sixteen bytes: one test of each class.
    let length = end - start;
    let sixteen = text.as_bytes()[start..].first_chunk::<16>();
    if let Some(sixteen) = sixteen.filter(|_| length <= 16) {
        let bytes = Bytes16::load(sixteen);
        let word = (1u32 << length) - 1;
        let lower_case = bytes.within(b'a', b'z');
        let allowed = lower_case
            | bytes.within(b'A', b'Z')
            | bytes.equal(b'-')
            | bytes.equal(b'\'')
            | bytes.equal(b'.');
        if bytes.non_ascii() & word == 0 {
            return allowed & word == word && lower_case & word != 0;
        }
    }
    let mut lower_case = false;
    for &b in &text.as_bytes()[start..end] {
        match b {
            b'a'..=b'z' => lower_case = true,
            b'A'..=b'Z' | b'-' | b'\'' | b'.' => {}
            0x80.. => return is_capitalised_beyond_ascii(&text[start..end]),
            _ => return false,
        }
    }
    lower_case
}

/// [`is_capitalised_word`] by characters, for a word with a non-ASCII one.
fn is_capitalised_beyond_ascii(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
}

#[cfg(test)]
mod unknown_tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool)> {
        unknown_names(
            text,
            &ByteClasses::of(text.as_bytes()),
            &[Span::new(0, text.len())],
            &[],
            0,
        )
        .into_iter()
        .map(|n| (n.name, n.person))
        .collect()
    }

    #[test]
    fn finds_people_and_bodies_the_pack_does_not_know() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, bool)]);
        let cases: [Case; 7] = [
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
            (
                "surname alone in the same sentence",
                "Anna Lindqvist spoke and Lindqvist left.",
                &[("Anna Lindqvist", true), ("Anna Lindqvist", true)],
            ),
            (
                "lone word that is no surname",
                "Anna Lindqvist spoke and Smith left with Lind.",
                &[("Anna Lindqvist", true)],
            ),
        ];
        for (name, text, expected) in cases {
            let expected: Vec<(String, bool)> =
                expected.iter().map(|(n, p)| (n.to_string(), *p)).collect();
            assert_eq!(names(text), expected, "{name}");
        }
    }
}
