//! The people a generated corpus may name, and every plain way of writing them.

use crate::rules::source::{ActorKind, Gender};
use crate::rules::RuleSet;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// One person's written forms, split so a full name is swapped for a full name
/// (`Volodymyr Zelensky` -> `Mark Rutte`) and a surname for a surname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPerson {
    /// For keeping `he` and `she` right after a swap.
    pub gender: Option<Gender>,
    /// Forms with a first name: `Volodymyr Zelensky`, `Volodymyr Zelenskyy`.
    pub full: Vec<String>,
    /// One-word forms: `Zelensky`, `Zelenskyy`, `Zelenskyj`.
    pub short: Vec<String>,
}

/// The persons of a rule pack, and a matcher that finds their names in seed text.
#[derive(Debug, Clone)]
pub struct NameBook {
    people: Vec<NamedPerson>,
    /// For each pattern of `matcher`: (person, is the full form).
    patterns: Vec<(u32, bool)>,
    matcher: Option<AhoCorasick>,
    by_gender: HashMap<Option<Gender>, Vec<u32>>,
}

/// A name found in seed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// Byte range in the searched text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Index into [`NameBook::people`].
    pub person: u32,
    /// Whether the text wrote a full name.
    pub full: bool,
}

/// Construction.
impl NameBook {
    /// Every person of `set`, with the name and the aliases written in plain
    /// words (aliases using phrase syntax such as `Kyiv/Kiev` are left out).
    pub fn from_rules(set: &RuleSet) -> NameBook {
        let people = set
            .all_actors()
            .filter(|actor| actor.kind == ActorKind::Person)
            .map(|actor| {
                let forms = std::iter::once(actor.name.as_str())
                    .chain(actor.aliases.iter().map(|a| a.0.as_str()))
                    .filter(|form| is_plain(form));
                person_forms(actor.gender, &actor.name, forms)
            })
            .collect();
        NameBook::new(people)
    }

    /// A book of the given people; anyone without a single form is left out.
    pub fn new(mut people: Vec<NamedPerson>) -> NameBook {
        people.retain(|p| !p.full.is_empty() || !p.short.is_empty());
        let mut seen = HashMap::new();
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        let mut by_gender: HashMap<Option<Gender>, Vec<u32>> = HashMap::new();
        for (index, person) in people.iter().enumerate() {
            let index = index as u32;
            by_gender.entry(person.gender).or_default().push(index);
            let tagged = person.full.iter().map(|f| (f, true));
            for (form, full) in tagged.chain(person.short.iter().map(|f| (f, false))) {
                if seen.insert(form.clone(), index).is_none() {
                    forms.push(form.clone());
                    patterns.push((index, full));
                }
            }
        }
        let matcher = (!forms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&forms)
                .expect("plain names always build an automaton")
        });
        NameBook {
            people,
            patterns,
            matcher,
            by_gender,
        }
    }
}

/// Queries.
impl NameBook {
    /// Everyone in the book, in rule-pack order.
    pub fn people(&self) -> &[NamedPerson] {
        &self.people
    }

    /// The people sharing a gender (or lack of one) with `person`.
    pub fn same_gender(&self, person: u32) -> &[u32] {
        let gender = self.people[person as usize].gender;
        self.by_gender.get(&gender).map_or(&[], Vec::as_slice)
    }

    /// Every name in `text` standing as whole words, left to right.
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        matcher
            .find_iter(text)
            .filter(|m| {
                (m.start() == 0 || !is_word(bytes[m.start() - 1]))
                    && (m.end() == bytes.len() || !is_word(bytes[m.end()]))
            })
            .map(|m| {
                let (person, full) = self.patterns[m.pattern().as_usize()];
                NameHit {
                    start: m.start(),
                    end: m.end(),
                    person,
                    full,
                }
            })
            .collect()
    }
}

/// Sorts forms into full names and surnames. A multi-word form counts as a
/// full name only when it ends in one of the person's surnames, so
/// `Biden administration` is not swapped for `Mark Rutte`.
fn person_forms<'a>(
    gender: Option<Gender>,
    name: &str,
    forms: impl Iterator<Item = &'a str>,
) -> NamedPerson {
    let forms: Vec<&str> = forms.collect();
    let mut short: Vec<String> = forms
        .iter()
        .filter(|f| !f.contains(' '))
        .map(|f| f.to_string())
        .collect();
    if short.is_empty() {
        short.extend(name.split_whitespace().last().map(str::to_string));
    }
    let full = forms
        .iter()
        .filter(|f| f.contains(' '))
        .filter(|f| {
            f.split(' ')
                .next_back()
                .is_some_and(|last| short.iter().any(|s| s == last))
        })
        .map(|f| f.to_string())
        .collect();
    NamedPerson {
        gender,
        full,
        short,
    }
}

/// A name written in plain words, without phrase syntax.
fn is_plain(form: &str) -> bool {
    !form.contains(['/', '[', ']', '=', '…', '"', '\''])
        && !form.contains("...")
        && form.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> NameBook {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        NameBook::from_rules(&crate::rules::read_rules(dir).unwrap())
    }

    #[test]
    fn sorts_full_names_from_surnames() {
        let book = book();
        let zelensky = book
            .people()
            .iter()
            .find(|p| p.short.contains(&"Zelenskyy".to_string()))
            .unwrap();
        assert!(zelensky.full.contains(&"Volodymyr Zelensky".to_string()));
        assert!(zelensky.short.contains(&"Zelenskyj".to_string()));
        let biden = book
            .people()
            .iter()
            .find(|p| p.short.contains(&"Biden".to_string()))
            .unwrap();
        assert!(!biden.full.iter().any(|f| f.contains("administration")));
    }

    #[test]
    fn finds_whole_names_longest_first() {
        let book = book();
        let text = "Volodymyr Zelenskyy met Rutte, not Ruttes or Trumpet.";
        let hits = book.find(text);
        let found: Vec<(&str, bool)> = hits
            .iter()
            .map(|h| (&text[h.start..h.end], h.full))
            .collect();
        assert_eq!(found, [("Volodymyr Zelenskyy", true), ("Rutte", false)]);
    }
}
