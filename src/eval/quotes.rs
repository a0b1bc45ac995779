//! Quote scoring for one article: which system quote is which gold quote, and who said it.

use super::gold::GoldQuote;
use super::normalise::{names_match, normalise_quote, normalised_texts_match};
use super::report::{Accuracy, QuoteEntry, Score, WrongSpeaker};
use super::speaker::GoldSpeaker;
use crate::extraction::{QuoteRecord, Speaker};

/// Quote scores and differences for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteOutcome {
    /// Text matching.
    pub quotes: Score,
    /// Right speaker among matched quotes.
    pub attribution: Accuracy,
    /// Right text and right speaker.
    pub attributed: Score,
    /// Gold quotes not found.
    pub missed: Vec<QuoteEntry>,
    /// System quotes matching no gold quote.
    pub extra: Vec<QuoteEntry>,
    /// Matched quotes with the wrong speaker.
    pub wrong_speakers: Vec<WrongSpeaker>,
}

/// Scores one article's system quotes against its gold quotes.
pub fn score_quotes(gold: &[GoldQuote], system: &[QuoteRecord]) -> QuoteOutcome {
    let gold_texts: Vec<String> = gold.iter().map(|q| normalise_quote(&q.text.0)).collect();
    let system_texts: Vec<String> = system.iter().map(|q| normalise_quote(&q.text)).collect();
    let pairs = match_quotes(&gold_texts, &system_texts);

    let mut system_matched = vec![false; system.len()];
    let mut gold_matched = vec![false; gold.len()];
    let mut wrong_speakers = Vec::new();
    let mut correct = 0;
    for &(g, s) in &pairs {
        gold_matched[g] = true;
        system_matched[s] = true;
        if speaker_is_correct(&gold[g].speaker, &system[s].speaker) {
            correct += 1;
        } else {
            wrong_speakers.push(WrongSpeaker {
                text: gold[g].text.0.clone(),
                system_text: (system[s].text != gold[g].text.0).then(|| system[s].text.clone()),
                expected: gold[g].speaker.label(),
                found: speaker_label(&system[s].speaker),
            });
        }
    }
    let missed = gold
        .iter()
        .zip(&gold_matched)
        .filter(|(_, &matched)| !matched)
        .map(|(q, _)| QuoteEntry {
            text: q.text.0.clone(),
            speaker: q.speaker.label(),
        })
        .collect();
    let extra = system
        .iter()
        .zip(&system_matched)
        .filter(|(_, &matched)| !matched)
        .map(|(q, _)| QuoteEntry {
            text: q.text.clone(),
            speaker: speaker_label(&q.speaker),
        })
        .collect();
    let found = pairs.len();
    QuoteOutcome {
        quotes: Score::new(found, system.len() - found, gold.len() - found),
        attribution: Accuracy::new(correct, found),
        attributed: Score::new(correct, system.len() - correct, gold.len() - correct),
        missed,
        extra,
        wrong_speakers,
    }
}

/// Pairs gold and system quotes (normalised texts, each in text order) one to one.
///
/// Two greedy passes in text order: first each gold quote takes the earliest
/// free system quote with the same text, then each gold quote still
/// unmatched takes the earliest free system quote matching by containment.
/// Exact matches go first so that a long system quote containing a short gold
/// one cannot take the place of that quote's exact copy later on.
/// Returns (gold index, system index) pairs sorted by gold index.
pub fn match_quotes(gold: &[String], system: &[String]) -> Vec<(usize, usize)> {
    let mut taken = vec![false; system.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let passes: [fn(&str, &str) -> bool; 2] = [
        |g, s| !g.is_empty() && g == s,
        |g, s| normalised_texts_match(g, s),
    ];
    for matches in passes {
        for (g, gold_text) in gold.iter().enumerate() {
            if pairs.iter().any(|&(paired, _)| paired == g) {
                continue;
            }
            let free = (0..system.len()).find(|&s| !taken[s] && matches(gold_text, &system[s]));
            if let Some(s) = free {
                taken[s] = true;
                pairs.push((g, s));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether the system speaker is the gold speaker (`gold/FORMAT.md`, "Speakers").
pub fn speaker_is_correct(gold: &GoldSpeaker, system: &Speaker) -> bool {
    match gold {
        GoldSpeaker::Actor(choice) => system.actor.as_ref().is_some_and(|a| choice.accepts(a)),
        GoldSpeaker::Name(name) => system.name.as_deref().is_some_and(|n| names_match(name, n)),
        GoldSpeaker::Anonymous => system.actor.is_none(),
    }
}

/// How a system speaker is shown: the actor id, else `name "..."`, `anonymous "..."` or `none`.
pub fn speaker_label(speaker: &Speaker) -> String {
    match (&speaker.actor, &speaker.name, &speaker.description) {
        (Some(actor), _, _) => actor.to_string(),
        (None, Some(name), _) => format!("name {name:?}"),
        (None, None, Some(description)) => format!("anonymous {description:?}"),
        (None, None, None) => "none".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::QuoteText;
    use crate::eval::speaker::ActorChoice;
    use crate::model::ActorId;

    fn speaker(actor: Option<&str>, name: Option<&str>) -> Speaker {
        Speaker {
            actor: actor.map(ActorId::from),
            name: name.map(str::to_string),
            ..Speaker::default()
        }
    }

    fn record(text: &str, speaker: Speaker) -> QuoteRecord {
        QuoteRecord {
            text: text.to_string(),
            start: 0,
            end: 0,
            speaker,
            cue: None,
            method: "test".to_string(),
        }
    }

    fn gold(text: &str, speaker: GoldSpeaker) -> GoldQuote {
        GoldQuote {
            text: QuoteText(text.to_string()),
            speaker,
        }
    }

    #[test]
    fn each_speaker_kind_is_judged() {
        let list = GoldSpeaker::Actor(ActorChoice(vec!["sybiha".into(), "ukraine".into()]));
        let giles = GoldSpeaker::Name("Keir Giles".into());
        let cases = [
            (
                "id right",
                GoldSpeaker::Actor("rutte".into()),
                speaker(Some("rutte"), None),
                true,
            ),
            (
                "id wrong",
                GoldSpeaker::Actor("rutte".into()),
                speaker(Some("trump"), None),
                false,
            ),
            (
                "id unattributed",
                GoldSpeaker::Actor("rutte".into()),
                speaker(None, None),
                false,
            ),
            (
                "list first",
                list.clone(),
                speaker(Some("sybiha"), None),
                true,
            ),
            (
                "list second",
                list.clone(),
                speaker(Some("ukraine"), None),
                true,
            ),
            ("list other", list, speaker(Some("zelensky"), None), false),
            (
                "name full",
                giles.clone(),
                speaker(None, Some("keir giles")),
                true,
            ),
            (
                "name surname",
                giles.clone(),
                speaker(None, Some("Giles")),
                true,
            ),
            (
                "name titled",
                giles.clone(),
                speaker(None, Some("Dr Keir Giles")),
                true,
            ),
            (
                "name other",
                giles.clone(),
                speaker(None, Some("Keir Starmer")),
                false,
            ),
            ("name missing", giles, speaker(None, None), false),
            (
                "anonymous none",
                GoldSpeaker::Anonymous,
                speaker(None, None),
                true,
            ),
            (
                "anonymous named",
                GoldSpeaker::Anonymous,
                speaker(None, Some("a diplomat")),
                true,
            ),
            (
                "anonymous actor",
                GoldSpeaker::Anonymous,
                speaker(Some("trump"), None),
                false,
            ),
        ];
        for (name, gold, system, expected) in cases {
            assert_eq!(speaker_is_correct(&gold, &system), expected, "{name}");
        }
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_exact_copies() {
        type Case = (
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
        );
        let cases: [(Case, &[(usize, usize)]); 4] = [
            (
                (
                    "repeated quote pairs in order",
                    &["very well", "very well"],
                    &["very well", "“very well,”", "very well"],
                ),
                &[(0, 0), (1, 1)],
            ),
            (
                (
                    "exact copy beats earlier containment",
                    &["abcdefghij", "abcdefgh"],
                    &["abcdefgh", "abcdefghijkl"],
                ),
                &[(0, 1), (1, 0)],
            ),
            (
                (
                    "containment when no copy",
                    &["We need strong decisions,"],
                    &["we need strong decisions now"],
                ),
                &[(0, 0)],
            ),
            (("boilerplate matches nothing", &["a"], &["*"]), &[]),
        ];
        let texts = |xs: &[&str]| xs.iter().map(|x| normalise_quote(x)).collect::<Vec<_>>();
        for ((name, gold, system), expected) in cases {
            assert_eq!(
                match_quotes(&texts(gold), &texts(system)),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn counts_and_lists_differences() {
        let gold_quotes = [
            gold("If we come to a deal,", GoldSpeaker::Actor("rutte".into())),
            gold("monumental decision", GoldSpeaker::Anonymous),
            gold("in 24 hours", GoldSpeaker::Actor("trump".into())),
        ];
        let system = [
            record("If we come to a deal", speaker(Some("rutte"), None)),
            record("monumental decision", speaker(Some("nato"), None)),
            record("*", speaker(None, None)),
        ];
        let outcome = score_quotes(&gold_quotes, &system);
        assert_eq!(outcome.quotes, Score::new(2, 1, 1));
        assert_eq!(outcome.attribution, Accuracy::new(1, 2));
        assert_eq!(outcome.attributed, Score::new(1, 2, 2));
        assert_eq!(outcome.missed[0].text, "in 24 hours");
        assert_eq!(outcome.missed[0].speaker, "trump");
        assert_eq!(outcome.extra[0].text, "*");
        let wrong = &outcome.wrong_speakers[0];
        assert_eq!(
            (wrong.expected.as_str(), wrong.found.as_str()),
            ("anonymous", "nato")
        );
    }
}
