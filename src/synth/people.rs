//! Generated people: invented names with one to three aliases each, and for
//! about a third of them an office held between dates.

use super::rng::Rng;
use super::topics::slug;
use super::vocab::{COUNTRIES, FEMALE_FIRST, MALE_FIRST, OFFICES, SURNAME_ENDINGS, SURNAME_STEMS};
use crate::normalize::fold_phrase;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::HashSet;

/// An actor as written in an actors file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ActorOut {
    /// Ontology id (`synth-marek-kovarenko`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Always `person`.
    pub kind: &'static str,
    /// `male` or `female`.
    pub gender: &'static str,
    /// Surname, initials, transliterations.
    pub aliases: Vec<String>,
    /// Offices with dates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleOut>,
}

/// An office held between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleOut {
    /// Ways to name the office.
    pub title: Vec<String>,
    /// First day in office.
    pub from: NaiveDate,
    /// First day out of office, if it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// Names and ids already in the pack, so generated ones never clash.
pub struct Registry<'a> {
    /// Folded names and aliases already claimed.
    pub names: &'a mut HashSet<String>,
    /// Actor ids already used.
    pub ids: &'a mut HashSet<String>,
}

/// Generates up to `wanted` people (fewer only when the name lists run out).
pub fn generate_people(wanted: usize, registry: &mut Registry, rng: &mut Rng) -> Vec<ActorOut> {
    let firsts = MALE_FIRST.len() + FEMALE_FIRST.len();
    let surnames = SURNAME_STEMS.len() * SURNAME_ENDINGS.len();
    let mut combos: Vec<u32> = (0..(firsts * surnames) as u32).collect();
    rng.shuffle(&mut combos);
    let mut people = Vec::with_capacity(wanted);
    for combo in combos {
        if people.len() >= wanted {
            break;
        }
        let (first, surname) = (combo as usize % firsts, combo as usize / firsts);
        let (first, gender) = match first.checked_sub(MALE_FIRST.len()) {
            None => (MALE_FIRST[first], "male"),
            Some(f) => (FEMALE_FIRST[f], "female"),
        };
        let surname = format!(
            "{}{}",
            SURNAME_STEMS[surname % SURNAME_STEMS.len()],
            SURNAME_ENDINGS[surname / SURNAME_STEMS.len()]
        );
        if let Some(person) = make_person(first, &surname, gender, registry, rng) {
            people.push(person);
        }
    }
    people
}

fn make_person(
    first: &str,
    surname: &str,
    gender: &'static str,
    registry: &mut Registry,
    rng: &mut Rng,
) -> Option<ActorOut> {
    let name = format!("{first} {surname}");
    let id = format!("synth-{}", slug(&name));
    if registry.ids.contains(&id) || !registry.names.insert(fold_phrase(&name)) {
        return None;
    }
    registry.ids.insert(id.clone());
    let initial = first.chars().next().expect("first names are not empty");
    let middle = (b'A' + rng.below(26) as u8) as char;
    let variant = transliterate(surname);
    let mut candidates = vec![surname.to_string()];
    candidates.extend(variant.iter().map(|v| format!("{first} {v}")));
    candidates.push(format!("{initial}. {surname}"));
    candidates.push(format!("{first} {middle}. {surname}"));
    let wanted = rng.between(1, 3) as usize;
    let mut aliases = Vec::new();
    for candidate in candidates {
        if aliases.len() < wanted && registry.names.insert(fold_phrase(&candidate)) {
            aliases.push(candidate);
        }
    }
    let roles = if rng.percent(35) {
        make_roles(rng)
    } else {
        Vec::new()
    };
    Some(ActorOut {
        id,
        name,
        kind: "person",
        gender,
        aliases,
        roles,
    })
}

/// One office, sometimes followed by a second: `Moldovan foreign minister` from 2016 to 2019.
fn make_roles(rng: &mut Rng) -> Vec<RoleOut> {
    let mut roles = Vec::new();
    let mut from =
        NaiveDate::from_ymd_opt(2012, 1, 1).expect("a valid date") + Days::new(rng.below(12 * 365));
    loop {
        let (adjective, _, possessive) = *rng.pick(&COUNTRIES);
        let office = rng.pick(&OFFICES);
        let ended = rng.percent(50);
        let until = ended.then(|| from + Days::new(rng.between(365, 6 * 365)));
        roles.push(RoleOut {
            title: vec![
                format!("{adjective} {office}"),
                format!("{possessive} {office}"),
            ],
            from,
            until,
        });
        match until {
            Some(next) if roles.len() < 2 && rng.percent(30) => from = next,
            _ => return roles,
        }
    }
}

/// Another common spelling of a surname (`Kovarsky` -> `Kovarski`), if there is one.
fn transliterate(surname: &str) -> Option<String> {
    const ENDINGS: [(&str, &str); 7] = [
        ("sky", "ski"),
        ("ski", "sky"),
        ("enko", "enco"),
        ("ovic", "ovich"),
        ("ic", "ich"),
        ("ov", "off"),
        ("ashvili", "aschwili"),
    ];
    for (from, to) in ENDINGS {
        if let Some(stem) = surname.strip_suffix(from) {
            return Some(format!("{stem}{to}"));
        }
    }
    match surname.strip_prefix('V') {
        Some(rest) => Some(format!("W{rest}")),
        None => surname.contains('v').then(|| surname.replacen('v', "w", 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_have_unique_ids_and_unclaimed_aliases() {
        let mut names = HashSet::from([fold_phrase("Kovarenko")]);
        let mut ids = HashSet::new();
        let mut registry = Registry {
            names: &mut names,
            ids: &mut ids,
        };
        let people = generate_people(3000, &mut registry, &mut Rng::new(11));
        assert_eq!(people.len(), 3000);
        let mut seen = HashSet::new();
        for person in &people {
            assert!(
                !person.aliases.is_empty() && person.aliases.len() <= 3,
                "{person:?}"
            );
            for alias in &person.aliases {
                assert!(seen.insert(fold_phrase(alias)), "alias {alias} used twice");
                assert_ne!(alias, "Kovarenko");
            }
        }
        assert_eq!(ids.len(), 3000);
        assert!(people.iter().any(|p| p.roles.len() == 2));
    }

    #[test]
    fn transliterations() {
        let cases = [
            ("Kovarsky", Some("Kovarski")),
            ("Petrenko", Some("Petrenco")),
            ("Vargberg", Some("Wargberg")),
            ("Kravchsen", Some("Krawchsen")),
            ("Dansen", None),
        ];
        for (surname, expected) in cases {
            assert_eq!(transliterate(surname).as_deref(), expected, "{surname}");
        }
    }
}
