//! Stance scoring for one article: the main score and the dated history.

use super::gold::GoldStance;
use super::report::{Score, StanceTuple};
use super::speaker::ActorChoice;
use crate::extraction::{Held, Observation};
use crate::model::{ActorId, Stance, TopicId};
use std::collections::BTreeSet;

/// Stance scores and differences for one article, in one scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceOutcome {
    /// Counts: tp counts satisfied gold entries, fp unmatched system tuples.
    pub score: Score,
    /// Gold entries no system tuple satisfied, in gold order.
    pub missed: Vec<StanceTuple>,
    /// System tuples matching no gold entry, sorted.
    pub extra: Vec<StanceTuple>,
    /// System tuples matching only optional gold entries, sorted.
    pub ignored: Vec<StanceTuple>,
}

/// The main score: stances held at the time of the article.
///
/// System observations with `held: earlier` are left out; gold entries that
/// are `optional` or `held: earlier` are optional.
pub fn score_current(gold: &[GoldStance], system: &[Observation]) -> StanceOutcome {
    let required = gold_tuples(gold, |s| !s.optional && s.held.is_none());
    let optional = gold_tuples(gold, |s| s.optional || s.held.is_some());
    score_tuples(&required, &optional, &system_tuples(system, None))
}

/// The dated-history score: `held: earlier` entries on both sides.
///
/// A gold `held: earlier` entry that is also `optional` is optional here too.
pub fn score_history(gold: &[GoldStance], system: &[Observation]) -> StanceOutcome {
    let earlier = Some(Held::Earlier);
    let required = gold_tuples(gold, |s| !s.optional && s.held == earlier);
    let optional = gold_tuples(gold, |s| s.optional && s.held == earlier);
    score_tuples(&required, &optional, &system_tuples(system, earlier))
}

/// Scores distinct system tuples against distinct gold entries.
///
/// A gold entry is satisfied by any system tuple whose actor it accepts
/// (so a list entry by any of its ids): each satisfied entry is one tp, each
/// unsatisfied one fn. A system tuple that satisfies a required entry is
/// correct; one that matches only optional entries is ignored; any other is
/// one fp. A second id of the same list entry is therefore not an fp.
pub fn score_tuples(
    required: &[StanceTuple],
    optional: &[StanceTuple],
    system: &BTreeSet<StanceTuple>,
) -> StanceOutcome {
    let missed: Vec<StanceTuple> = required
        .iter()
        .filter(|g| !system.iter().any(|s| satisfies(s, g)))
        .cloned()
        .collect();
    let mut extra = Vec::new();
    let mut ignored = Vec::new();
    for tuple in system {
        if required.iter().any(|g| satisfies(tuple, g)) {
            continue;
        }
        if optional.iter().any(|g| satisfies(tuple, g)) {
            ignored.push(tuple.clone());
        } else {
            extra.push(tuple.clone());
        }
    }
    StanceOutcome {
        score: Score::new(required.len() - missed.len(), extra.len(), missed.len()),
        missed,
        extra,
        ignored,
    }
}

/// Whether system tuple `system` satisfies gold entry `gold`.
fn satisfies(system: &StanceTuple, gold: &StanceTuple) -> bool {
    system.topic == gold.topic
        && system.stance == gold.stance
        && system.actor.0.iter().any(|a| gold.actor.accepts(a))
}

/// The distinct tuples of the gold entries `keep` selects, in file order.
fn gold_tuples(gold: &[GoldStance], keep: impl Fn(&GoldStance) -> bool) -> Vec<StanceTuple> {
    let mut tuples: Vec<StanceTuple> = Vec::new();
    for entry in gold.iter().filter(|s| keep(s)) {
        let tuple = StanceTuple {
            actor: entry.actor.clone(),
            topic: entry.topic.clone(),
            stance: entry.stance,
        };
        if !tuples.contains(&tuple) {
            tuples.push(tuple);
        }
    }
    tuples
}

/// The distinct (actor, topic, stance) tuples of observations with this `held`.
fn system_tuples(system: &[Observation], held: Option<Held>) -> BTreeSet<StanceTuple> {
    system
        .iter()
        .filter(|o| o.held == held)
        .map(|o| tuple(o.actor.clone(), o.topic.clone(), o.stance))
        .collect()
}

fn tuple(actor: ActorId, topic: TopicId, stance: Stance) -> StanceTuple {
    StanceTuple {
        actor: ActorChoice(vec![actor]),
        topic,
        stance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn gold(actor: &[&str], topic: &str, stance: Stance, optional: bool, held: bool) -> GoldStance {
        GoldStance {
            actor: ActorChoice(actor.iter().map(|a| ActorId::from(*a)).collect()),
            topic: topic.into(),
            stance,
            evidence: None,
            optional,
            held: held.then_some(Held::Earlier),
        }
    }

    fn obs(actor: &str, topic: &str, stance: Stance, held: bool) -> Observation {
        Observation {
            actor: actor.into(),
            topic: topic.into(),
            stance,
            evidence: String::new(),
            start: 0,
            end: 0,
            quoted: false,
            rule: "test".into(),
            held: held.then_some(Held::Earlier),
            article: ArticleId::from("a"),
            date: None,
        }
    }

    use Stance::{Neutral, Oppose, Support};

    /// (name, gold, system, main (tp, fp, fn), history (tp, fp, fn), main ignored)
    type Case = (
        &'static str,
        Vec<GoldStance>,
        Vec<Observation>,
        (usize, usize, usize),
        (usize, usize, usize),
        usize,
    );

    #[test]
    fn stance_scoring_table() {
        let cases: Vec<Case> = vec![
            (
                "hit and miss",
                vec![
                    gold(&["rutte"], "aid", Support, false, false),
                    gold(&["scholz"], "nato", Oppose, false, false),
                ],
                vec![obs("rutte", "aid", Support, false)],
                (1, 0, 1),
                (0, 0, 0),
                0,
            ),
            (
                "repeated observation counts once",
                vec![gold(&["rutte"], "aid", Support, false, false)],
                vec![
                    obs("rutte", "aid", Support, false),
                    obs("rutte", "aid", Support, false),
                ],
                (1, 0, 0),
                (0, 0, 0),
                0,
            ),
            (
                "wrong stance is a miss and an extra",
                vec![gold(&["rutte"], "aid", Support, false, false)],
                vec![obs("rutte", "aid", Oppose, false)],
                (0, 1, 1),
                (0, 0, 0),
                0,
            ),
            (
                "optional found is not counted",
                vec![gold(&["rutte"], "nato", Neutral, true, false)],
                vec![obs("rutte", "nato", Neutral, false)],
                (0, 0, 0),
                (0, 0, 0),
                1,
            ),
            (
                "optional not found is not counted",
                vec![gold(&["rutte"], "nato", Neutral, true, false)],
                vec![],
                (0, 0, 0),
                (0, 0, 0),
                0,
            ),
            (
                "list entry satisfied by either id",
                vec![gold(&["sybiha", "ukraine"], "nato", Support, false, false)],
                vec![obs("ukraine", "nato", Support, false)],
                (1, 0, 0),
                (0, 0, 0),
                0,
            ),
            (
                "both ids of a list count once",
                vec![gold(&["sybiha", "ukraine"], "nato", Support, false, false)],
                vec![
                    obs("ukraine", "nato", Support, false),
                    obs("sybiha", "nato", Support, false),
                ],
                (1, 0, 0),
                (0, 0, 0),
                0,
            ),
            (
                "held earlier observation left out of main score",
                vec![gold(&["trump"], "tomahawks", Oppose, false, false)],
                vec![
                    obs("trump", "tomahawks", Support, true),
                    obs("trump", "tomahawks", Oppose, false),
                ],
                (1, 0, 0),
                (0, 1, 0),
                0,
            ),
            (
                "gold earlier is optional in main and required in history",
                vec![gold(&["trump"], "tomahawks", Support, false, true)],
                vec![obs("trump", "tomahawks", Support, false)],
                (0, 0, 0),
                (0, 0, 1),
                1,
            ),
            (
                "history hit",
                vec![gold(
                    &["biden", "united-states"],
                    "aid",
                    Support,
                    false,
                    true,
                )],
                vec![obs("united-states", "aid", Support, true)],
                (0, 0, 0),
                (1, 0, 0),
                0,
            ),
            (
                "optional earlier is optional in history",
                vec![gold(&["trump"], "aid", Oppose, true, true)],
                vec![obs("trump", "aid", Oppose, true)],
                (0, 0, 0),
                (0, 0, 0),
                0,
            ),
        ];
        for (name, gold, system, main, history, ignored) in cases {
            let current = score_current(&gold, &system);
            let dated = score_history(&gold, &system);
            let counts = |s: Score| (s.tp, s.fp, s.r#fn);
            assert_eq!(counts(current.score), main, "{name}: main");
            assert_eq!(counts(dated.score), history, "{name}: history");
            assert_eq!(current.ignored.len(), ignored, "{name}: ignored");
        }
    }
}
