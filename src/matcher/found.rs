//! Observations before their strings are spelt out: a sentence's duplicates
//! are settled on these, so only the observations kept cost their strings.

use super::readings::RuleName;
use super::ArticleContext;
use crate::extraction::{Held, Observation};
use crate::model::{Span, Stance};
use crate::rules::compile::ANAPHORA_RULE;
use crate::rules::CompiledRules;
use chrono::NaiveDate;

/// An observation with its actor, topic and rule as indexes into the rules.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub actor: usize,
    pub topic: usize,
    pub stance: Stance,
    /// The sentence that shows it, in the original text.
    pub evidence: Span,
    pub quoted: bool,
    pub rule: FoundRule,
    pub held: Option<Held>,
    pub date: Option<NaiveDate>,
}

/// The rule behind a [`Found`]: a reading's rule, taken up by `echoes`
/// echoes in turn (`echo (echo (cue + topic))`).
#[derive(Debug, Clone, Copy)]
pub(super) struct FoundRule {
    pub reading: RuleName,
    pub echoes: usize,
}

/// Spells out [`Found`]s as [`Observation`]s of one article.
pub(super) struct Speller<'a> {
    rules: &'a CompiledRules,
    article: ArticleContext<'a>,
    /// The echo rule's name, spelt on the first echo.
    echo: Option<String>,
}

impl<'a> Speller<'a> {
    pub fn new(rules: &'a CompiledRules, article: ArticleContext<'a>) -> Self {
        Speller {
            rules,
            article,
            echo: None,
        }
    }

    /// The observation `found` stands for.
    pub fn spell(&mut self, found: &Found) -> Observation {
        let (rules, article) = (self.rules, self.article);
        Observation {
            actor: rules.actors[found.actor].id.clone(),
            topic: rules.topics[found.topic].id.clone(),
            stance: found.stance,
            evidence: article.text[found.evidence.start..found.evidence.end].to_string(),
            start: found.evidence.start,
            end: found.evidence.end,
            quoted: found.quoted,
            rule: self.rule(found.rule),
            held: found.held,
            article: article.id.clone(),
            date: found.date,
        }
    }

    fn rule(&mut self, rule: FoundRule) -> String {
        if rule.echoes == 0 {
            return rule.reading.spelt(self.rules);
        }
        let rules = self.rules;
        let echo = self
            .echo
            .get_or_insert_with(|| rules.rule_ids[ANAPHORA_RULE].replace("topic-anaphora", "echo"));
        let mut name = String::new();
        for _ in 0..rule.echoes {
            name.push_str(echo);
            name.push_str(" (");
        }
        name.push_str(&rule.reading.spelt(rules));
        for _ in 0..rule.echoes {
            name.push(')');
        }
        name
    }
}

/// Whether two findings hold the same actor and topic the same way in time.
pub(super) fn same_holding(a: &Found, b: &Found, rules: &CompiledRules) -> bool {
    let same_actor = a.actor == b.actor || rules.actors[a.actor].id == rules.actors[b.actor].id;
    let same_topic = a.topic == b.topic || rules.topics[a.topic].id == rules.topics[b.topic].id;
    same_actor && same_topic && a.held == b.held
}

/// A sentence's findings that stand: one per (actor, topic, stance, held);
/// a firm stance overrides a hedged one of the same actor and topic.
pub(super) fn settled<'f>(
    found: &'f [Found],
    rules: &'f CompiledRules,
) -> impl Iterator<Item = &'f Found> + 'f {
    // An observation repeating an earlier one shares its fate, so it goes either way.
    found.iter().enumerate().filter_map(move |(i, o)| {
        if found.len() < 2 {
            return Some(o);
        }
        let overridden = o.stance == Stance::Neutral
            && found
                .iter()
                .any(|f| f.stance != Stance::Neutral && same_holding(f, o, rules));
        let repeated = found[..i]
            .iter()
            .any(|e| e.stance == o.stance && same_holding(e, o, rules));
        (!overridden && !repeated).then_some(o)
    })
}
