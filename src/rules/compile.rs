//! `RuleSet` -> `CompiledRules`: every phrase of the pack in one trie.
//!
//! Each phrase expands (inflections, alternatives, optional words) into
//! literal strings; a phrase with gaps becomes one literal set per segment.
//! One case-insensitive pass per article finds every literal standing as
//! whole words, walking the trie from each word start ([`super::scan`]);
//! gaps are checked afterwards.
//!
//! # Cost bounds
//!
//! Rules hold no regular expressions: every phrase becomes plain literals,
//! so no rule can make matching backtrack. The walk from a word start follows
//! one trie path, at most [`MAX_LITERAL_BYTES`] bytes deep, so a text of `n`
//! bytes costs O(n · MAX_LITERAL_BYTES) at worst and O(n) in practice, plus
//! O(1) per match; chaining the segments of a gapped phrase takes the first
//! fitting occurrence only. So a scan is linear in the text, whatever the pack.
//!
//! The pack's size is bounded too: a phrase expands to at most 512 forms
//! (see `rules::phrase`) and the whole pack to at most [`MAX_LITERALS`]
//! distinct literals, three times the 50,000-phrase, 20,000-actor pack of
//! the benchmarks (296,077 literals).

use super::pack::{RuleError, RuleSet};
use super::phrase;
use super::scan::PhraseIndex;
use super::source::{ActorKind, Gender, HolderRule, Phrase};
use crate::model::{ActorId, Span, Stance, TopicId};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a phrase means when it is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A name or alias of an actor.
    Actor(usize),
    /// A description of an actor (`the Green politician`).
    Descriptor(usize),
    /// An office an actor holds between two dates.
    Role {
        /// The actor.
        actor: usize,
        /// Index into [`CompiledRules::roles`].
        role: usize,
    },
    /// Names a topic without a stance.
    Topic {
        /// Index into [`CompiledRules::topics`].
        topic: usize,
        /// Index into [`CompiledRules::rule_ids`].
        rule: usize,
    },
    /// A general stance cue, combined with a topic in the same clause.
    StanceCue {
        /// The stance it expresses.
        stance: Stance,
        /// Who holds it.
        holder: HolderRule,
        /// Index into [`CompiledRules::rule_ids`].
        rule: usize,
        /// When set, the topic phrase must start within this many words after the cue.
        reach: Option<u8>,
    },
    /// An idiom naming a topic and a stance at once.
    TopicStance {
        /// Index into [`CompiledRules::topics`].
        topic: usize,
        /// The stance it expresses.
        stance: Stance,
        /// Who holds it.
        holder: HolderRule,
        /// Index into [`CompiledRules::rule_ids`].
        rule: usize,
    },
    /// A verb of saying.
    Speech,
    /// A verb of belief.
    Cognition,
    /// Reverses the next cue.
    Negator,
    /// Makes the next cue noncommittal.
    Hedge,
    /// Opens a conditional clause.
    Conditional,
    /// Dates a stance before the article.
    Earlier,
    /// Blocks an `Earlier` word inside it (`once again`).
    NotEarlier,
    /// Stands for the organisation just named (`the statement`).
    OrganisationReference,
    /// Makes an unnamed source (`diplomat`).
    Anonymous,
    /// A title that may precede a name.
    Title,
    /// Points back at the topic just named (`it`, `this decision`).
    Anaphor,
    /// Takes up the stance just reported (`reiterate this message`, `echoed that line`).
    Echo,
}

/// The rule id index of topic anaphora readings (`it is rejected by …`).
pub const ANAPHORA_RULE: usize = 0;

/// What the scan found: a phrase at a span of the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Span in the folded text.
    pub span: Span,
    /// Index into [`CompiledRules::phrases`].
    pub phrase: u32,
    /// The words a gapped phrase skipped (`…`); empty spans when none.
    pub gaps: [Span; MAX_GAPS],
}

/// Most gaps (`…`) one phrase may have.
pub const MAX_GAPS: usize = 3;

pub use super::phrase::MAX_LITERAL_BYTES;

/// Most distinct literals a whole pack may expand to.
pub const MAX_LITERALS: usize = 1_000_000;

impl Hit {
    /// Whether `inner` lies in the phrase's own words, not in a gap it skipped.
    pub fn covers(&self, inner: Span) -> bool {
        self.span.contains(inner) && !self.gaps.iter().any(|g| g.overlaps(inner))
    }

    /// Whether `inner` lies in a gap the phrase skipped.
    pub fn in_gap(&self, inner: Span) -> bool {
        self.gaps
            .iter()
            .any(|g| g.contains(inner) && g.end > g.start)
    }
}

/// One compiled phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledPhrase {
    /// The phrase as written in the rule file.
    pub text: String,
    /// What it means.
    pub meaning: Meaning,
    /// How many gap-separated segments it has.
    pub segments: usize,
}

/// An actor, as the pipeline needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorInfo {
    /// Ontology id.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
    /// Person, state or organisation.
    pub kind: ActorKind,
    /// For persons, when given.
    pub gender: Option<Gender>,
}

/// An office held between dates.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleInfo {
    /// First day in office.
    pub from: Option<NaiveDate>,
    /// First day out of office.
    pub until: Option<NaiveDate>,
}

impl RoleInfo {
    /// Whether the office was held on `date` (an unknown date matches any role).
    pub fn held_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(date) = date else { return true };
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }
}

/// A topic, as the pipeline needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicInfo {
    /// Ontology id.
    pub id: TopicId,
    /// Label for reports.
    pub label: String,
}

/// The rule pack ready to run: immutable, shared by every article.
#[derive(Debug, Clone)]
pub struct CompiledRules {
    /// Every literal, and the phrases it stands for.
    index: PhraseIndex,
    /// Every phrase.
    pub phrases: Vec<CompiledPhrase>,
    /// Every actor.
    pub actors: Vec<ActorInfo>,
    /// Every dated office.
    pub roles: Vec<RoleInfo>,
    /// Every topic.
    pub topics: Vec<TopicInfo>,
    /// Rule ids (`ukraine-nato-membership/cues`, `lexicon/call-for`), by index.
    pub rule_ids: Vec<String>,
    actor_index: HashMap<ActorId, usize>,
    topic_index: HashMap<TopicId, usize>,
}

/// Collects phrases and their literals while compiling.
struct Builder {
    spellings: Vec<Vec<String>>,
    phrases: Vec<CompiledPhrase>,
    literal_ids: HashMap<String, usize>,
    literals: Vec<String>,
    literal_uses: Vec<Vec<(u32, u8)>>,
    errors: Vec<RuleError>,
    /// Set once the pack passes `MAX_LITERALS`; later phrases are not expanded.
    too_many: bool,
}

impl Builder {
    fn add(&mut self, phrase: &Phrase, meaning: Meaning, file: &std::path::Path) {
        if self.literals.len() > MAX_LITERALS {
            self.too_many = true;
            return;
        }
        let expanded = match phrase::expand(&phrase.0, &self.spellings) {
            Ok(expanded) => expanded,
            Err(message) => {
                self.errors.push(RuleError {
                    file: file.to_path_buf(),
                    line: None,
                    column: None,
                    message,
                });
                return;
            }
        };
        let index = self.phrases.len() as u32;
        self.phrases.push(CompiledPhrase {
            text: phrase.0.clone(),
            meaning,
            segments: expanded.segments.len(),
        });
        for (segment, literals) in expanded.segments.iter().enumerate() {
            for literal in literals {
                let id = *self.literal_ids.entry(literal.clone()).or_insert_with(|| {
                    self.literals.push(literal.clone());
                    self.literal_uses.push(Vec::new());
                    self.literals.len() - 1
                });
                self.literal_uses[id].push((index, segment as u8));
            }
        }
    }
}

impl CompiledRules {
    /// Compiles a checked rule set.
    pub fn compile(set: &RuleSet) -> Result<CompiledRules, Vec<RuleError>> {
        let (lexicon_file, lexicon_doc) = &set.lexicon;
        let lexicon = &lexicon_doc.lexicon;
        let mut builder = Builder {
            spellings: lexicon.spellings.clone(),
            phrases: Vec::new(),
            literal_ids: HashMap::new(),
            literals: Vec::new(),
            literal_uses: Vec::new(),
            errors: Vec::new(),
            too_many: false,
        };
        let mut actors = Vec::new();
        let mut roles = Vec::new();
        for (file, actors_file) in &set.actors {
            for actor in &actors_file.actors {
                let index = actors.len();
                actors.push(ActorInfo {
                    id: ActorId(actor.id.clone()),
                    name: actor.name.clone(),
                    kind: actor.kind,
                    gender: actor.gender,
                });
                let name = Phrase(exact_words(&actor.name));
                builder.add(&name, Meaning::Actor(index), file);
                for alias in &actor.aliases {
                    builder.add(alias, Meaning::Actor(index), file);
                }
                for descriptor in &actor.descriptors {
                    builder.add(descriptor, Meaning::Descriptor(index), file);
                }
                for role in &actor.roles {
                    let role_index = roles.len();
                    roles.push(RoleInfo {
                        from: role.from,
                        until: role.until,
                    });
                    for title in &role.title {
                        let meaning = Meaning::Role {
                            actor: index,
                            role: role_index,
                        };
                        builder.add(title, meaning, file);
                    }
                }
            }
        }
        let word_lists = [
            (&lexicon.speech_verbs, Meaning::Speech),
            (&lexicon.cognition_verbs, Meaning::Cognition),
            (&lexicon.negators, Meaning::Negator),
            (&lexicon.hedges, Meaning::Hedge),
            (&lexicon.conditionals, Meaning::Conditional),
            (&lexicon.earlier, Meaning::Earlier),
            (&lexicon.not_earlier, Meaning::NotEarlier),
            (
                &lexicon.organisation_references,
                Meaning::OrganisationReference,
            ),
            (&lexicon.anonymous_sources, Meaning::Anonymous),
            (&lexicon.titles, Meaning::Title),
            (&lexicon.topic_anaphora, Meaning::Anaphor),
            (&lexicon.echoes, Meaning::Echo),
        ];
        for (list, meaning) in word_lists {
            for phrase in list {
                builder.add(phrase, meaning, lexicon_file);
            }
        }
        // Rule 0 is the topic anaphora (`it`, `this decision`): see `ANAPHORA_RULE`.
        let mut rule_ids = vec!["lexicon/topic-anaphora".to_string()];
        for group in &lexicon_doc.stance_cues {
            let rule = rule_ids.len();
            rule_ids.push(format!("lexicon/{}", group.id));
            for phrase in &group.phrases {
                let meaning = Meaning::StanceCue {
                    stance: group.stance,
                    holder: group.holder,
                    rule,
                    reach: group.reach,
                };
                builder.add(phrase, meaning, lexicon_file);
            }
        }
        let mut topics = Vec::new();
        for (file, topic_file) in &set.topics {
            let topic = topics.len();
            topics.push(TopicInfo {
                id: TopicId(topic_file.topic.clone()),
                label: topic_file.label.clone(),
            });
            let rule = rule_ids.len();
            rule_ids.push(format!("{}/cues", topic_file.topic));
            for phrase in &topic_file.cues.phrases {
                builder.add(phrase, Meaning::Topic { topic, rule }, file);
            }
            for group in &topic_file.rules {
                let rule = rule_ids.len();
                rule_ids.push(format!("{}/{}", topic_file.topic, group.id));
                for phrase in &group.phrases {
                    let meaning = Meaning::TopicStance {
                        topic,
                        stance: group.stance,
                        holder: group.holder,
                        rule,
                    };
                    builder.add(phrase, meaning, file);
                }
            }
        }
        if builder.too_many || builder.literals.len() > MAX_LITERALS {
            builder.errors.push(RuleError {
                file: lexicon_file.parent().unwrap_or(lexicon_file).to_path_buf(),
                line: None,
                column: None,
                message: format!(
                    "the pack's phrases expand to more than {MAX_LITERALS} distinct literals \
                     (inflections, alternatives and optional words each count)"
                ),
            });
        }
        if !builder.errors.is_empty() {
            return Err(builder.errors);
        }
        let actor_index = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let topic_index = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let segment_counts: Vec<usize> = builder.phrases.iter().map(|p| p.segments).collect();
        let index = PhraseIndex::new(&builder.literals, &builder.literal_uses, &segment_counts);
        Ok(CompiledRules {
            index,
            phrases: builder.phrases,
            actors,
            roles,
            topics,
            rule_ids,
            actor_index,
            topic_index,
        })
    }

    /// The index of an actor id.
    pub fn actor(&self, id: &ActorId) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The index of a topic id.
    pub fn topic(&self, id: &TopicId) -> Option<usize> {
        self.topic_index.get(id).copied()
    }

    /// How many literal strings the phrases expand to.
    pub fn literal_count(&self) -> usize {
        self.index.literal_count()
    }

    /// Every phrase occurrence in `text` at word boundaries, gapped phrases
    /// assembled, sorted by start then longest first.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.index.scan(text)
    }
}

/// A canonical name matches as written (no inflection): each word gets `=`.
fn exact_words(name: &str) -> String {
    name.split_whitespace()
        .map(|w| format!("={w}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::scan::gap_ok;

    #[test]
    fn gap_table() {
        let cases = [
            ("empty", "", true),
            ("four words", " the new US ", true),
            ("five words", " a b c d e ", false),
            ("sentence break", " so. ", false),
            ("semicolon", " so; ", false),
            ("newline", " \n ", false),
            ("long whitespace", &" ".repeat(10_000), true),
        ];
        for (name, gap, expected) in cases {
            assert_eq!(gap_ok(gap), expected, "{name}");
        }
    }

    #[test]
    fn gapped_phrase_chains_to_the_nearest_next_segment() {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/minimal"
        ));
        let mut set = crate::rules::read_rules(dir).unwrap();
        set.topics[0].1.cues.phrases = vec![Phrase("=warn … =against".to_string())];
        let rules = CompiledRules::compile(&set).unwrap();
        let gapped = |text: &str| -> Vec<(usize, usize)> {
            rules
                .scan(text)
                .iter()
                .filter(|h| rules.phrases[h.phrase as usize].segments == 2)
                .map(|h| (h.span.start, h.span.end))
                .collect()
        };
        // Each `warn` chains to the first `against` after it, if the gap fits.
        let text = "warn warn a b c d against warn x against. warn against";
        assert_eq!(gapped(text), [(5, 25), (26, 40), (42, 54)]);
        // A long run of starts with no end finds nothing (and stays linear).
        assert!(gapped(&"warn ".repeat(20_000)).is_empty());
    }

    fn minimal_with_phrases(phrases: Vec<String>) -> Result<CompiledRules, Vec<RuleError>> {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/minimal"
        ));
        let mut set = crate::rules::read_rules(dir).unwrap();
        set.topics[0].1.cues.phrases = phrases.into_iter().map(Phrase).collect();
        CompiledRules::compile(&set)
    }

    #[test]
    fn a_literal_over_the_length_limit_is_refused() {
        let long = vec!["=word"; 50].join(" ");
        let errors = minimal_with_phrases(vec![long]).unwrap_err();
        assert_eq!(errors.len(), 1);
        let message = &errors[0].message;
        assert!(message.contains("more than the limit of 200"), "{message}");
        assert!(message.contains("bytes"), "{message}");
    }

    #[test]
    fn ten_thousand_phrases_compile() {
        let phrases = (0..10_000).map(|i| format!("=term{i} of =art")).collect();
        let rules = minimal_with_phrases(phrases).unwrap();
        assert!(rules.literal_count() > 10_000);
    }

    #[test]
    fn a_pack_over_the_literal_limit_is_refused() {
        // Each phrase expands to 8 x 8 x 8 = 512 forms, none shared.
        let phrase = |i: usize| {
            (0..3)
                .map(|w| {
                    (0..8)
                        .map(|a| format!("=w{i}x{w}x{a}"))
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let phrases = (0..MAX_LITERALS / 512 + 2).map(phrase).collect();
        let errors = minimal_with_phrases(phrases).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("more than 1000000 distinct literals"),
            "{}",
            errors[0]
        );
    }
}
