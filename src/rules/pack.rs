//! Reading a rules folder into a checked `RuleSet`, collecting every error.

use super::source::{ActorSource, ActorsFile, Example, Examples, LexiconFile, TopicFile};
use crate::yaml::{self, TopLevel, YamlError};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A mistake in the rule pack, pointing at the file and, where known, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, with the key path where known.
    pub message: String,
}

impl RuleError {
    fn at(file: &Path, message: String) -> RuleError {
        RuleError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message,
        }
    }
}

impl From<YamlError> for RuleError {
    fn from(err: YamlError) -> Self {
        RuleError {
            file: err.file,
            line: err.line,
            column: err.column,
            message: err.message,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RuleError {}

/// A rule pack, parsed and cross-checked, ready to compile.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// Actor files with their paths.
    pub actors: Vec<(PathBuf, ActorsFile)>,
    /// The lexicon file (exactly one per pack).
    pub lexicon: (PathBuf, LexiconFile),
    /// Topic files with their paths, sorted by path.
    pub topics: Vec<(PathBuf, TopicFile)>,
}

impl RuleSet {
    /// Every actor in the pack, in file order.
    pub fn all_actors(&self) -> impl Iterator<Item = &ActorSource> {
        self.actors.iter().flat_map(|(_, file)| file.actors.iter())
    }
}

/// Reads every `*.yaml` file under `dir` (sorted), reporting all errors at once.
pub fn read_rules(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
    let files = list_yaml(dir).map_err(|err| vec![err])?;
    if files.is_empty() {
        return Err(vec![RuleError::at(
            dir,
            "no .yaml rule files here".to_string(),
        )]);
    }
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for file in files {
        match yaml::read_file(&file) {
            Ok(text) => texts.push((file, text)),
            Err(err) => errors.push(err.into()),
        }
    }
    parse_after(dir, &texts, errors)
}

/// Parses and cross-checks rule files already in memory, as [`read_rules`]
/// does for the files of `dir`: `files` are (path, text) pairs in the order
/// to read them.
pub fn parse_rules(dir: &Path, files: &[(PathBuf, String)]) -> Result<RuleSet, Vec<RuleError>> {
    parse_after(dir, files, Vec::new())
}

/// Parses `files` after `errors` were found reading others (an unreadable
/// lexicon is then not also reported missing).
fn parse_after(
    dir: &Path,
    files: &[(PathBuf, String)],
    mut errors: Vec<RuleError>,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut actors = Vec::new();
    let mut lexicons = Vec::new();
    let mut topics = Vec::new();
    for (file, text) in files {
        let keys = match yaml::top_level(text, file) {
            Ok(TopLevel::Keys(keys)) => keys,
            Ok(TopLevel::Not(found)) => {
                errors.push(RuleError::at(
                    file,
                    format!(
                        "expected a mapping with a top-level `actors:`, `lexicon:` or `topic:` \
                         key, found {found}"
                    ),
                ));
                continue;
            }
            Err(err) => {
                errors.push(err.into());
                continue;
            }
        };
        let parsed = if keys.iter().any(|k| k == "actors") {
            yaml::from_str::<ActorsFile>(text, file).map(|f| actors.push((file.clone(), f)))
        } else if keys.iter().any(|k| k == "lexicon") {
            yaml::from_str::<LexiconFile>(text, file).map(|f| lexicons.push((file.clone(), f)))
        } else if keys.iter().any(|k| k == "topic") {
            yaml::from_str::<TopicFile>(text, file).map(|f| topics.push((file.clone(), f)))
        } else {
            errors.push(RuleError::at(
                file,
                "expected a top-level `actors:`, `lexicon:` or `topic:` key".to_string(),
            ));
            Ok(())
        };
        if let Err(err) = parsed {
            errors.push(err.into());
        }
    }
    let lexicon = match lexicons.len() {
        1 => lexicons.pop(),
        // A lexicon file that failed to parse was reported already.
        0 if !errors.is_empty() => None,
        0 => {
            errors.push(RuleError::at(
                dir,
                "no lexicon file (a file with `lexicon:`)".to_string(),
            ));
            None
        }
        _ => {
            let names: Vec<_> = lexicons
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            errors.push(RuleError::at(
                dir,
                format!("more than one lexicon file: {}", names.join(", ")),
            ));
            None
        }
    };
    if let Some(lexicon) = lexicon {
        let set = RuleSet {
            actors,
            lexicon,
            topics,
        };
        errors.extend(cross_check(&set));
        if errors.is_empty() {
            return Ok(set);
        }
    }
    Err(errors)
}

fn list_yaml(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    // A symbolic link back up the tree would otherwise list files forever.
    let mut seen = std::collections::BTreeSet::new();
    while let Some(folder) = pending.pop() {
        if !seen.insert(std::fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone())) {
            continue;
        }
        let entries = std::fs::read_dir(&folder)
            .map_err(|err| RuleError::at(&folder, format!("cannot read rules folder: {err}")))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Checks that can only run once every file is read: ids, duplicates, example references.
fn cross_check(set: &RuleSet) -> Vec<RuleError> {
    let mut errors = Vec::new();
    let mut actor_ids: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut alias_owner: BTreeMap<String, &str> = BTreeMap::new();
    for (file, actors) in &set.actors {
        for (index, actor) in actors.actors.iter().enumerate() {
            if let Some(first) = actor_ids.insert(&actor.id, file) {
                errors.push(RuleError::at(
                    file,
                    format!(
                        "actors[{index}].id: duplicate actor id `{}` (first in {})",
                        actor.id,
                        first.display()
                    ),
                ));
            }
            for (a, alias) in actor.aliases.iter().enumerate() {
                let key = crate::normalize::fold_phrase(&alias.0);
                if let Some(owner) = alias_owner.insert(key, &actor.id) {
                    if owner != actor.id {
                        errors.push(RuleError::at(
                            file,
                            format!(
                                "actors[{index}].aliases[{a}]: alias `{}` already names `{owner}`",
                                alias.0
                            ),
                        ));
                    }
                }
            }
        }
    }
    let mut topic_ids: BTreeMap<&str, &Path> = BTreeMap::new();
    for (file, topic) in &set.topics {
        if let Some(first) = topic_ids.insert(&topic.topic, file) {
            errors.push(RuleError::at(
                file,
                format!(
                    "topic: duplicate topic id `{}` (first in {})",
                    topic.topic,
                    first.display()
                ),
            ));
        }
    }
    let known_actor = |id: &str| actor_ids.contains_key(id);
    let known_topic = |id: &str| topic_ids.contains_key(id);
    let (lexicon_file, lexicon) = &set.lexicon;
    for (g, group) in lexicon.stance_cues.iter().enumerate() {
        let path = format!("stance-cues[{g}] ({})", group.id);
        check_examples(
            &group.examples,
            &path,
            lexicon_file,
            true,
            &known_actor,
            &known_topic,
            &mut errors,
        );
    }
    for (file, topic) in &set.topics {
        check_examples(
            &topic.cues.examples,
            "cues",
            file,
            false,
            &known_actor,
            &known_topic,
            &mut errors,
        );
        let mut rule_ids = BTreeMap::new();
        for (r, rule) in topic.rules.iter().enumerate() {
            if rule_ids.insert(rule.id.as_str(), r).is_some() {
                errors.push(RuleError::at(
                    file,
                    format!("rules[{r}].id: duplicate rule id `{}`", rule.id),
                ));
            }
            let path = format!("rules[{r}] ({})", rule.id);
            check_examples(
                &rule.examples,
                &path,
                file,
                false,
                &known_actor,
                &known_topic,
                &mut errors,
            );
        }
    }
    errors
}

fn check_examples(
    examples: &Examples,
    path: &str,
    file: &Path,
    needs_topic: bool,
    known_actor: &dyn Fn(&str) -> bool,
    known_topic: &dyn Fn(&str) -> bool,
    errors: &mut Vec<RuleError>,
) {
    let check = |kind: &str, i: usize, example: &Example, errors: &mut Vec<RuleError>| {
        if let Some(actor) = &example.actor {
            if !known_actor(actor) {
                errors.push(RuleError::at(
                    file,
                    format!("{path}.examples.{kind}[{i}].actor: unknown actor `{actor}`"),
                ));
            }
        }
        match &example.topic {
            Some(topic) if !known_topic(topic) => errors.push(RuleError::at(
                file,
                format!("{path}.examples.{kind}[{i}].topic: unknown topic `{topic}`"),
            )),
            None if needs_topic && kind == "match" => errors.push(RuleError::at(
                file,
                format!("{path}.examples.{kind}[{i}]: a stance-cue example needs a `topic`"),
            )),
            _ => {}
        }
        if let Some(held) = &example.held {
            if held != "earlier" {
                errors.push(RuleError::at(
                    file,
                    format!("{path}.examples.{kind}[{i}].held: expected `earlier`, found `{held}`"),
                ));
            }
        }
    };
    for (i, example) in examples.matches.iter().enumerate() {
        check("match", i, example, errors);
    }
    for (i, example) in examples.todo.iter().enumerate() {
        check("todo", i, example, errors);
    }
}
