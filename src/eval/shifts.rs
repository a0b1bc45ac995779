//! Shift scoring: changes of stance across the corpus and within articles.
//!
//! # Definition
//!
//! A shift is (actor, topic, from, to, date): the actor held `from` and, in
//! the articles of `date`, holds `to`. Dates are the gold articles' dates,
//! for the system too, so a wrong article date costs nothing here. Only
//! articles with a gold file count, on both sides.
//!
//! **Across articles.** Take the stances held at the time of each article
//! (not `held: earlier`) and put each (actor, topic) on a timeline of dates,
//! joining the stances of all articles of one date into a set. Between each
//! date and the next date that has any stance for the pair, every stance of
//! the later set missing from the earlier one is a shift from every stance of
//! the earlier set missing from the later one. With one stance per date this
//! is simply "consecutive differing stances"; articles of the same date never
//! shift against each other.
//!
//! **Within an article.** A gold file's `shifts:` entries; for the system,
//! every (actor, topic) with both `held: earlier` and current observations
//! in one article, between the two sets as above.
//!
//! **Gold.** Required: the across-article shifts of the required entries
//! (neither `optional` nor `held: earlier`) plus the listed `shifts:`.
//! Acceptable: also the across-article shifts when optional entries are
//! included, and the within-article shifts the gold's own `held: earlier`
//! and current entries imply. As with stances, a system shift that matches
//! only an acceptable shift counts neither way.
//!
//! **Actor lists.** An entry with a list of ids is on the timeline of each
//! id; the shift it ends carries the whole list, so a system shift by any of
//! those ids matches it, and the same change seen on two ids' timelines is
//! one shift.
//!
//! **Counts.** tp: required gold shifts matched by a system shift with the
//! same topic, from, to and date and an accepted actor; fn: the others; fp:
//! system shifts matching no acceptable gold shift.

use super::gold::GoldArticle;
use super::report::{Score, ShiftRecord};
use super::speaker::ActorChoice;
use crate::extraction::{Extraction, Held};
use crate::model::{ActorId, ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Shift counts and differences for the whole corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftOutcome {
    /// tp, fp and fn as defined in the module docs.
    pub score: Score,
    /// Required gold shifts not found.
    pub missed: Vec<ShiftRecord>,
    /// System shifts matching no acceptable gold shift.
    pub extra: Vec<ShiftRecord>,
    /// System shifts matching only acceptable (not required) gold shifts.
    pub ignored: Vec<ShiftRecord>,
}

/// One stance on a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct StancePoint {
    /// Who, as the ids accepted for this stance.
    pub actor: ActorChoice,
    /// What about.
    pub topic: TopicId,
    /// The position.
    pub stance: Stance,
    /// The article's date.
    pub date: NaiveDate,
    /// The article.
    pub article: ArticleId,
}

/// The gold shifts that must be found, and those that may be.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldShifts {
    /// Shifts a system must find.
    pub required: Vec<ShiftRecord>,
    /// Shifts a system may report without penalty (includes `required`).
    pub acceptable: Vec<ShiftRecord>,
}

/// Scores the system's shifts against the gold's over the scored articles.
///
/// `articles` pairs each gold article with the system's output for it, if any.
pub fn score_shifts(articles: &[(&GoldArticle, Option<&Extraction>)]) -> ShiftOutcome {
    let gold = gold_shifts(articles.iter().map(|(gold, _)| *gold));
    let system = system_shifts(articles);
    let missed: Vec<ShiftRecord> = gold
        .required
        .iter()
        .filter(|g| !system.iter().any(|s| same_shift(s, g)))
        .cloned()
        .collect();
    let (mut extra, mut ignored) = (Vec::new(), Vec::new());
    for shift in &system {
        if gold.required.iter().any(|g| same_shift(shift, g)) {
            continue;
        }
        if gold.acceptable.iter().any(|g| same_shift(shift, g)) {
            ignored.push(shift.clone());
        } else {
            extra.push(shift.clone());
        }
    }
    let found = gold.required.len() - missed.len();
    ShiftOutcome {
        score: Score::new(found, extra.len(), missed.len()),
        missed,
        extra,
        ignored,
    }
}

/// The gold shifts of a corpus of gold articles (see the module docs).
pub fn gold_shifts<'a>(gold: impl IntoIterator<Item = &'a GoldArticle>) -> GoldShifts {
    let (mut required_points, mut current_points) = (Vec::new(), Vec::new());
    let mut listed = Vec::new();
    let mut implied = Vec::new();
    for article in gold {
        let point = |actor: &ActorChoice, topic: &TopicId, stance| StancePoint {
            actor: actor.clone(),
            topic: topic.clone(),
            stance,
            date: article.date,
            article: article.article.clone(),
        };
        let mut earlier = Vec::new();
        let mut current = Vec::new();
        for s in &article.stances {
            let p = point(&s.actor, &s.topic, s.stance);
            match s.held {
                Some(Held::Earlier) => earlier.push(p),
                None if s.optional => current.push(p),
                None => {
                    required_points.push(p.clone());
                    current.push(p);
                }
            }
        }
        implied.extend(reported_shifts(&earlier, &current));
        current_points.extend(current);
        for shift in &article.shifts {
            let to = point(&shift.actor, &shift.topic, shift.to);
            listed.push(record(&to, shift.from));
        }
    }
    let required = merge([cross_article_shifts(&required_points), listed]);
    let acceptable = merge([
        required.clone(),
        cross_article_shifts(&current_points),
        implied,
    ]);
    GoldShifts {
        required,
        acceptable,
    }
}

/// The system's shifts over the scored articles, dated by the gold.
pub fn system_shifts(articles: &[(&GoldArticle, Option<&Extraction>)]) -> Vec<ShiftRecord> {
    let mut current_points = Vec::new();
    let mut reported = Vec::new();
    for (gold, system) in articles {
        let Some(system) = system else { continue };
        let (mut earlier, mut current) = (Vec::new(), Vec::new());
        for o in &system.observations {
            let point = StancePoint {
                actor: ActorChoice(vec![o.actor.clone()]),
                topic: o.topic.clone(),
                stance: o.stance,
                date: gold.date,
                article: gold.article.clone(),
            };
            match o.held {
                Some(Held::Earlier) => earlier.push(point),
                None => current.push(point),
            }
        }
        reported.extend(reported_shifts(&earlier, &current));
        current_points.extend(current);
    }
    merge([cross_article_shifts(&current_points), reported])
}

/// One actor id and topic: the pair a timeline follows.
type TimelineKey<'a> = (&'a ActorId, &'a TopicId);

/// Stance points gathered for one timeline step.
type Points<'a> = Vec<&'a StancePoint>;

/// Shifts between consecutive dates on each (actor id, topic) timeline.
pub fn cross_article_shifts(points: &[StancePoint]) -> Vec<ShiftRecord> {
    let mut timelines: BTreeMap<TimelineKey, BTreeMap<NaiveDate, Points>> = BTreeMap::new();
    for point in points {
        for id in &point.actor.0 {
            let timeline = timelines.entry((id, &point.topic)).or_default();
            timeline.entry(point.date).or_default().push(point);
        }
    }
    let mut shifts = Vec::new();
    for ((id, _), timeline) in &timelines {
        let dates: Vec<&Vec<&StancePoint>> = timeline.values().collect();
        for pair in dates.windows(2) {
            shifts.extend(changes(id, pair[0], pair[1]));
        }
    }
    merge([shifts])
}

/// Shifts between the earlier and current stances of one article.
pub fn reported_shifts(earlier: &[StancePoint], current: &[StancePoint]) -> Vec<ShiftRecord> {
    let mut pairs: BTreeMap<TimelineKey, (Points, Points)> = BTreeMap::new();
    for point in earlier {
        for id in &point.actor.0 {
            pairs.entry((id, &point.topic)).or_default().0.push(point);
        }
    }
    for point in current {
        for id in &point.actor.0 {
            pairs.entry((id, &point.topic)).or_default().1.push(point);
        }
    }
    let shifts = pairs
        .iter()
        .flat_map(|((id, _), (before, after))| changes(id, before, after))
        .collect();
    merge([shifts])
}

/// The shifts from the stances only in `before` to those only in `after`
/// (all points are on `id`'s timeline for one topic).
///
/// A shift's actor is every id accepted by the points showing its new
/// stance, and its articles are theirs.
fn changes(id: &ActorId, before: &[&StancePoint], after: &[&StancePoint]) -> Vec<ShiftRecord> {
    let stances =
        |points: &[&StancePoint]| -> BTreeSet<Stance> { points.iter().map(|p| p.stance).collect() };
    let (was, now) = (stances(before), stances(after));
    let mut shifts = Vec::new();
    for &to in now.difference(&was) {
        let showing: Vec<&&StancePoint> = after.iter().filter(|p| p.stance == to).collect();
        let mut actors: BTreeSet<ActorId> = BTreeSet::from([id.clone()]);
        actors.extend(showing.iter().flat_map(|p| p.actor.0.iter().cloned()));
        let articles: BTreeSet<ArticleId> = showing.iter().map(|p| p.article.clone()).collect();
        for &from in was.difference(&now) {
            shifts.push(ShiftRecord {
                date: showing[0].date,
                actor: ActorChoice(actors.iter().cloned().collect()),
                topic: showing[0].topic.clone(),
                from,
                to,
                articles: articles.iter().cloned().collect(),
            });
        }
    }
    shifts
}

/// The shift ending at `to` (a point) and starting from `from`.
fn record(to: &StancePoint, from: Stance) -> ShiftRecord {
    let mut actors = to.actor.0.clone();
    actors.sort();
    actors.dedup();
    ShiftRecord {
        date: to.date,
        actor: ActorChoice(actors),
        topic: to.topic.clone(),
        from,
        to: to.stance,
        articles: vec![to.article.clone()],
    }
}

/// One record per (date, actor, topic, from, to), joining their article lists.
///
/// Records whose actor lists differ stay apart; each may be matched on its own.
fn merge<const N: usize>(groups: [Vec<ShiftRecord>; N]) -> Vec<ShiftRecord> {
    type Key = (NaiveDate, ActorChoice, TopicId, Stance, Stance);
    let mut merged: BTreeMap<Key, BTreeSet<ArticleId>> = BTreeMap::new();
    for shift in groups.into_iter().flatten() {
        let key = (shift.date, shift.actor, shift.topic, shift.from, shift.to);
        merged.entry(key).or_default().extend(shift.articles);
    }
    merged
        .into_iter()
        .map(|((date, actor, topic, from, to), articles)| ShiftRecord {
            date,
            actor,
            topic,
            from,
            to,
            articles: articles.into_iter().collect(),
        })
        .collect()
}

/// Whether system shift `system` matches gold shift `gold`.
fn same_shift(system: &ShiftRecord, gold: &ShiftRecord) -> bool {
    system.date == gold.date
        && system.topic == gold.topic
        && system.from == gold.from
        && system.to == gold.to
        && system.actor.0.iter().any(|a| gold.actor.accepts(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::parse_gold;
    use crate::extraction::{DateSource, Observation};
    use std::path::Path;
    use Stance::{Neutral, Oppose, Support};

    /// A gold article from its id, date and YAML `stances:` / `shifts:` lines.
    fn gold(id: &str, date: &str, body: &str) -> GoldArticle {
        let text = format!("article: {id}\ndate: {date}\n{body}");
        parse_gold(&text, Path::new("g.yaml")).unwrap()
    }

    /// A system article from (actor, topic, stance, held earlier) observations.
    fn system(id: &str, observations: &[(&str, &str, Stance, bool)]) -> Extraction {
        let observations = observations
            .iter()
            .map(|&(actor, topic, stance, earlier)| Observation {
                actor: actor.into(),
                topic: topic.into(),
                stance,
                evidence: String::new(),
                start: 0,
                end: 0,
                quoted: false,
                rule: "test".into(),
                held: earlier.then_some(Held::Earlier),
                article: id.into(),
                date: None,
            })
            .collect();
        Extraction {
            id: id.into(),
            title: None,
            date: None,
            date_source: DateSource::None,
            quotes: Vec::new(),
            observations,
        }
    }

    fn outcome(gold: &[GoldArticle], system: &[Extraction]) -> ShiftOutcome {
        let pairs: Vec<(&GoldArticle, Option<&Extraction>)> = gold
            .iter()
            .map(|g| (g, system.iter().find(|s| s.id == g.article)))
            .collect();
        score_shifts(&pairs)
    }

    fn labels(shifts: &[ShiftRecord]) -> Vec<String> {
        shifts.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn consecutive_differing_stances_across_dates_are_shifts() {
        let corpus = [
            gold(
                "a",
                "2024-01-01",
                "stances:\n  - {actor: x, topic: t, stance: support}\n",
            ),
            gold(
                "b",
                "2024-02-01",
                "stances:\n  - {actor: x, topic: t, stance: support}\n",
            ),
            gold(
                "c",
                "2024-03-01",
                "stances:\n  - {actor: x, topic: t, stance: oppose}\n",
            ),
            gold(
                "d",
                "2024-04-01",
                "stances:\n  - {actor: y, topic: t, stance: oppose}\n",
            ),
            gold(
                "e",
                "2024-05-01",
                "stances:\n  - {actor: x, topic: t, stance: support}\n",
            ),
        ];
        assert_eq!(
            labels(&gold_shifts(&corpus).required),
            [
                "x t support -> oppose on 2024-03-01 (c)",
                "x t oppose -> support on 2024-05-01 (e)"
            ]
        );
    }

    #[test]
    fn articles_of_one_date_do_not_shift_against_each_other() {
        let corpus = [
            gold(
                "a",
                "2024-01-01",
                "stances:\n  - {actor: x, topic: t, stance: support}\n",
            ),
            gold(
                "b",
                "2024-01-01",
                "stances:\n  - {actor: x, topic: t, stance: oppose}\n",
            ),
            gold(
                "c",
                "2024-02-01",
                "stances:\n  - {actor: x, topic: t, stance: oppose}\n",
            ),
        ];
        assert!(gold_shifts(&corpus).required.is_empty());
    }

    #[test]
    fn a_stance_kept_alongside_a_new_one_is_no_shift() {
        let points = |stances: &[(Stance, &str)]| -> Vec<StancePoint> {
            stances
                .iter()
                .map(|&(stance, date)| StancePoint {
                    actor: ActorChoice::from("x"),
                    topic: "t".into(),
                    stance,
                    date: date.parse().unwrap(),
                    article: ArticleId::from(date),
                })
                .collect()
        };
        let cases = [
            (
                "kept and added",
                vec![
                    (Support, "2024-01-01"),
                    (Support, "2024-02-01"),
                    (Neutral, "2024-02-01"),
                ],
                0,
            ),
            (
                "one replaced",
                vec![
                    (Support, "2024-01-01"),
                    (Oppose, "2024-01-01"),
                    (Neutral, "2024-02-01"),
                ],
                2,
            ),
            (
                "plain change",
                vec![(Support, "2024-01-01"), (Neutral, "2024-02-01")],
                1,
            ),
        ];
        for (name, stances, expected) in cases {
            assert_eq!(
                cross_article_shifts(&points(&stances)).len(),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn optional_and_earlier_entries_stay_off_the_required_timeline() {
        let corpus = [
            gold("a", "2024-01-01", "stances:\n  - {actor: x, topic: t, stance: support}\n"),
            gold(
                "b",
                "2024-02-01",
                "stances:\n  - {actor: x, topic: t, stance: oppose, optional: true}\n  - {actor: x, topic: u, stance: oppose, held: earlier}\n",
            ),
            gold("c", "2024-03-01", "stances:\n  - {actor: x, topic: u, stance: support}\n"),
        ];
        let shifts = gold_shifts(&corpus);
        assert!(shifts.required.is_empty());
        assert_eq!(
            labels(&shifts.acceptable),
            ["x t support -> oppose on 2024-02-01 (b)"]
        );
        // A system that takes the optional stance reports that shift: not counted.
        let found = outcome(
            &corpus,
            &[
                system("a", &[("x", "t", Support, false)]),
                system("b", &[("x", "t", Oppose, false)]),
            ],
        );
        assert_eq!(found.score, Score::new(0, 0, 0));
        assert_eq!(found.ignored.len(), 1);
    }

    #[test]
    fn listed_shifts_are_found_through_earlier_observations() {
        let corpus = [gold(
            "a",
            "2025-10-22",
            "stances:\n  - {actor: trump, topic: t, stance: oppose}\n  - {actor: trump, topic: t, stance: support, held: earlier}\nshifts:\n  - {actor: trump, topic: t, from: support, to: oppose}\n",
        )];
        let cases = [
            (
                "earlier and current",
                vec![("trump", "t", Support, true), ("trump", "t", Oppose, false)],
                (1, 0, 0),
            ),
            (
                "current only",
                vec![("trump", "t", Oppose, false)],
                (0, 0, 1),
            ),
            (
                "reversed",
                vec![("trump", "t", Oppose, true), ("trump", "t", Support, false)],
                (0, 1, 1),
            ),
        ];
        for (name, observations, expected) in cases {
            let score = outcome(&corpus, &[system("a", &observations)]).score;
            assert_eq!((score.tp, score.fp, score.r#fn), expected, "{name}");
        }
    }

    #[test]
    fn actor_lists_accept_any_of_their_ids_once() {
        let corpus = [
            gold("a", "2024-01-01", "stances:\n  - {actor: united-states, topic: t, stance: support}\n  - {actor: hegseth, topic: t, stance: support}\n"),
            gold("b", "2024-02-01", "stances:\n  - {actor: [hegseth, united-states], topic: t, stance: oppose}\n"),
        ];
        let required = gold_shifts(&corpus).required;
        assert_eq!(
            labels(&required),
            ["hegseth|united-states t support -> oppose on 2024-02-01 (b)"]
        );
        let found = outcome(
            &corpus,
            &[
                system("a", &[("united-states", "t", Support, false)]),
                system("b", &[("united-states", "t", Oppose, false)]),
            ],
        );
        assert_eq!(found.score, Score::new(1, 0, 0));
    }

    #[test]
    fn gold_articles_without_system_output_are_misses() {
        let corpus = [
            gold(
                "a",
                "2024-01-01",
                "stances:\n  - {actor: x, topic: t, stance: support}\n",
            ),
            gold(
                "b",
                "2024-02-01",
                "stances:\n  - {actor: x, topic: t, stance: oppose}\n",
            ),
        ];
        let found = outcome(&corpus, &[system("a", &[("x", "t", Support, false)])]);
        assert_eq!(found.score, Score::new(0, 0, 1));
        assert_eq!(
            labels(&found.missed),
            ["x t support -> oppose on 2024-02-01 (b)"]
        );
    }
}
