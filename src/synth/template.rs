//! Seed text as templates: literal text with slots for names, numbers and
//! quotation marks, filled differently in every generated article.
//!
//! Parsing happens once per seed paragraph; rendering only copies slices and
//! fills slots, so generation runs at memory speed.

use super::names::NameBook;
use super::rng::Rng;

/// A piece of seed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Literal text: a byte range of the pool's arena.
    Text(u32, u32),
    /// A person's name.
    Name { person: u32, full: bool },
    /// A number written in digits.
    Number(NumberSlot),
    /// A quotation mark or apostrophe.
    Mark(Mark),
}

/// How a number is varied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberSlot {
    /// A year: the seed's own year (and the one before) move with the article date.
    Year(u16),
    /// A day after a month name (`October 17`).
    Day,
    /// A single digit.
    Digit,
    /// Any other count, varied within a factor of two.
    Count(u64),
}

/// Quotation marks, by role, so either style can be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    OpenDouble,
    CloseDouble,
    OpenSingle,
    /// A closing single quote or an apostrophe (`Trump’s`).
    Apostrophe,
}

/// Which quotation marks an article uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    /// “ ” ‘ ’
    Curly,
    /// " " ' '
    Straight,
}

/// A parsed stretch of seed text (a title, heading, paragraph or sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
    /// The seed article's year, when it was dated.
    seed_year: Option<u16>,
}

/// The text all templates point into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arena(String);

/// What an article's rendering keeps between templates.
#[derive(Debug, Clone)]
pub struct ArticleVoice {
    /// The article's year.
    pub year: u16,
    /// Quotation marks for the paragraph being written.
    pub style: QuoteStyle,
    /// Who stands in for whom, with the spelling each is given:
    /// (seed person, stand-in, preferred full form, preferred short form).
    cast: Vec<(u32, u32, usize, usize)>,
}

impl ArticleVoice {
    /// A voice for an article of `year`, nobody cast yet.
    pub fn new(year: u16, style: QuoteStyle) -> ArticleVoice {
        ArticleVoice {
            year,
            style,
            cast: Vec::new(),
        }
    }

    /// The stand-in for `person`: half the people keep their part, the rest
    /// are swapped for someone of the same gender who has no part yet.
    fn cast(&mut self, person: u32, names: &NameBook, rng: &mut Rng) -> (u32, usize, usize) {
        if let Some(&(_, who, full, short)) = self.cast.iter().find(|c| c.0 == person) {
            return (who, full, short);
        }
        let taken = |who: u32, cast: &[(u32, u32, usize, usize)]| cast.iter().any(|c| c.1 == who);
        let mut who = person;
        if rng.percent(50) || taken(person, &self.cast) {
            let candidates = names.same_gender(person);
            let start = rng.index(candidates.len());
            // Walk on from a random start: a free stand-in is found if there is one.
            let free = (0..candidates.len())
                .map(|step| candidates[(start + step) % candidates.len()])
                .find(|&candidate| !taken(candidate, &self.cast));
            who = free.unwrap_or(person);
        }
        let forms = &names.people()[who as usize];
        let full = rng.index(forms.full.len().max(1));
        let short = rng.index(forms.short.len().max(1));
        self.cast.push((person, who, full, short));
        (who, full, short)
    }
}

/// Parsing.
impl Arena {
    /// Parses `text` into a template, keeping its literal parts here.
    pub fn parse(&mut self, text: &str, names: &NameBook, seed_year: Option<u16>) -> Template {
        let mut pieces = Vec::new();
        let mut at = 0;
        for hit in names.find(text) {
            self.parse_literal(text, at, hit.start, &mut pieces);
            pieces.push(Piece::Name {
                person: hit.person,
                full: hit.full,
            });
            at = hit.end;
        }
        self.parse_literal(text, at, text.len(), &mut pieces);
        Template { pieces, seed_year }
    }

    /// Splits `text[from..to]` into literal runs, numbers and quotation marks.
    fn parse_literal(&mut self, text: &str, from: usize, to: usize, pieces: &mut Vec<Piece>) {
        let bytes = text.as_bytes();
        let mut run = from;
        let mut i = from;
        while i < to {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is a char boundary below to");
            let width = c.len_utf8();
            let slot = match c {
                '“' => Some((Piece::Mark(Mark::OpenDouble), width)),
                '”' => Some((Piece::Mark(Mark::CloseDouble), width)),
                '‘' => Some((Piece::Mark(Mark::OpenSingle), width)),
                '’' => Some((Piece::Mark(Mark::Apostrophe), width)),
                '"' if opens(bytes, i) => Some((Piece::Mark(Mark::OpenDouble), 1)),
                '"' => Some((Piece::Mark(Mark::CloseDouble), 1)),
                '\'' if opens(bytes, i) => Some((Piece::Mark(Mark::OpenSingle), 1)),
                '\'' => Some((Piece::Mark(Mark::Apostrophe), 1)),
                '1'..='9' => number_at(text, i, to).map(|(slot, len)| (Piece::Number(slot), len)),
                _ => None,
            };
            match slot {
                Some((piece, len)) => {
                    self.push_text(&text[run..i], pieces);
                    pieces.push(piece);
                    i += len;
                    run = i;
                }
                None if c.is_ascii_alphanumeric() => {
                    // Skip the rest of the word so digits inside it (`Su-27`, `20th`) stay literal.
                    while i < to && text.as_bytes()[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                }
                None => i += width,
            }
        }
        self.push_text(&text[run..to], pieces);
    }

    fn push_text(&mut self, text: &str, pieces: &mut Vec<Piece>) {
        if !text.is_empty() {
            let start = self.0.len() as u32;
            self.0.push_str(text);
            pieces.push(Piece::Text(start, self.0.len() as u32));
        }
    }
}

/// Rendering.
impl Template {
    /// Writes this template into `out` in the article's voice.
    pub fn render(
        &self,
        arena: &Arena,
        names: &NameBook,
        voice: &mut ArticleVoice,
        rng: &mut Rng,
        out: &mut String,
    ) {
        for piece in &self.pieces {
            match *piece {
                Piece::Text(start, end) => out.push_str(&arena.0[start as usize..end as usize]),
                Piece::Name { person, full } => {
                    let (who, preferred_full, preferred_short) = voice.cast(person, names, rng);
                    let forms = &names.people()[who as usize];
                    let use_full = (full && !forms.full.is_empty()) || forms.short.is_empty();
                    let (list, preferred) = if use_full {
                        (&forms.full, preferred_full)
                    } else {
                        (&forms.short, preferred_short)
                    };
                    // Most articles keep one spelling; some mix them, as real ones do.
                    let form = if rng.percent(85) {
                        preferred
                    } else {
                        rng.index(list.len())
                    };
                    out.push_str(&list[form]);
                }
                Piece::Number(slot) => self.render_number(slot, voice.year, rng, out),
                Piece::Mark(mark) => out.push_str(mark_text(mark, voice.style)),
            }
        }
    }

    fn render_number(&self, slot: NumberSlot, year: u16, rng: &mut Rng, out: &mut String) {
        use std::fmt::Write;
        let value = match slot {
            NumberSlot::Year(y) => match self.seed_year {
                Some(seed) if seed >= y && seed - y <= 1 => u64::from(year - (seed - y)),
                _ => u64::from(y),
            },
            NumberSlot::Day => rng.between(1, 28),
            NumberSlot::Digit => rng.between(1, 9),
            NumberSlot::Count(n) => rng.between(n / 2 + 1, n * 2),
        };
        write!(out, "{value}").expect("writing to a String cannot fail");
    }
}

fn mark_text(mark: Mark, style: QuoteStyle) -> &'static str {
    match (style, mark) {
        (QuoteStyle::Curly, Mark::OpenDouble) => "“",
        (QuoteStyle::Curly, Mark::CloseDouble) => "”",
        (QuoteStyle::Curly, Mark::OpenSingle) => "‘",
        (QuoteStyle::Curly, Mark::Apostrophe) => "’",
        (QuoteStyle::Straight, Mark::OpenDouble | Mark::CloseDouble) => "\"",
        (QuoteStyle::Straight, Mark::OpenSingle | Mark::Apostrophe) => "'",
    }
}

/// A straight quote opens a quotation at the start or after a space or bracket.
fn opens(bytes: &[u8], at: usize) -> bool {
    at == 0 || matches!(bytes[at - 1], b' ' | b'\n' | b'(' | b'[' | b'-' | b'\t')
}

/// A number starting at `at`: digits standing alone (not `20th`), without a
/// leading zero. Returns its slot and length in bytes.
fn number_at(text: &str, at: usize, to: usize) -> Option<(NumberSlot, usize)> {
    let bytes = text.as_bytes();
    let glued = |before: usize| before > 0 && bytes[before - 1].is_ascii_alphanumeric();
    // `Su-27` and `pre-2014` are names and compounds, not counts.
    if glued(at) || (at > 0 && bytes[at - 1] == b'-' && glued(at - 1)) {
        return None;
    }
    let len = bytes[at..to]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if (at + len < to && bytes[at + len].is_ascii_alphabetic()) || len > 9 {
        return None;
    }
    let digits = &text[at..at + len];
    let value: u64 = digits.parse().ok()?;
    let after_month = crate::model::MONTH_NAMES.iter().any(|month| {
        text[..at]
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(month))
    });
    let slot = if len == 4 && (1900..2100).contains(&value) {
        NumberSlot::Year(value as u16)
    } else if after_month && value <= 31 {
        NumberSlot::Day
    } else if len == 1 {
        NumberSlot::Digit
    } else {
        NumberSlot::Count(value)
    };
    Some((slot, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::names::NamedPerson;

    fn names() -> NameBook {
        let person = |full: &str, short: &[&str]| NamedPerson {
            gender: None,
            full: vec![full.to_string()],
            short: short.iter().map(|s| s.to_string()).collect(),
        };
        NameBook::new(vec![
            person("Mark Rutte", &["Rutte"]),
            person("Kaja Kallas", &["Kallas"]),
        ])
    }

    fn render(text: &str, style: QuoteStyle, seed: u64) -> String {
        let names = names();
        let mut arena = Arena::default();
        let template = arena.parse(text, &names, Some(2024));
        let mut voice = ArticleVoice::new(2026, style);
        let mut out = String::new();
        template.render(&arena, &names, &mut voice, &mut Rng::new(seed), &mut out);
        out
    }

    #[test]
    fn keeps_text_and_swaps_quote_style() {
        let text = "“We’re ready,” Rutte’s aide said on Su-27 jets, the 20th time.";
        assert_eq!(
            render(text, QuoteStyle::Straight, 1).replace("Kallas", "Rutte"),
            "\"We're ready,\" Rutte's aide said on Su-27 jets, the 20th time."
        );
        let curly = render(text, QuoteStyle::Curly, 1).replace("Kallas", "Rutte");
        assert_eq!(curly, text);
    }

    #[test]
    fn varies_numbers_but_moves_recent_years_with_the_date() {
        let out = render(
            "In 2024, after 2014, on October 17 some 725 troops and 3 jets.",
            QuoteStyle::Curly,
            9,
        );
        assert!(out.starts_with("In 2026, after 2014, on October "), "{out}");
        let numbers: Vec<u64> = out
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse().ok())
            .collect();
        let (day, troops, jets) = (numbers[2], numbers[3], numbers[4]);
        assert!(
            (1..=28).contains(&day) && (363..=1450).contains(&troops) && (1..=9).contains(&jets),
            "{out}"
        );
    }

    #[test]
    fn one_article_keeps_one_cast() {
        for seed in 0..20 {
            let out = render(
                "Rutte met Kallas. Mark Rutte said Kallas agreed.",
                QuoteStyle::Curly,
                seed,
            );
            let words: Vec<&str> = out.split([' ', '.']).filter(|w| !w.is_empty()).collect();
            let (first, second) = (words[0], words[2]);
            assert_ne!(first, second, "two people keep two names: {out}");
            assert_eq!(words[4], first, "{out}");
            assert_eq!(words[6], second, "{out}");
        }
    }
}
