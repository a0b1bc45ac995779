//! A rule pack scaled up for benchmarks: the bundled pack copied unchanged,
//! plus generated topics and people in a `synth/` folder beside it.
//!
//! "N phrases" counts stance phrases: the lexicon's stance cues, every
//! topic's cue phrases and every topic's idioms (see [`count_phrases`]);
//! speech verbs, negators and other word lists, actor names and role titles
//! are not counted. The bundled pack holds 421 such phrases and is always
//! kept whole, so its examples still pass and real matches still happen: a
//! request at or below its size gives the bundled pack as it is, a larger one
//! adds generated topics of 40 phrases (8 cues, 32 idioms) until the total is
//! exactly N. Actors likewise count the bundled ones, and generated people
//! fill the rest.

use super::people::{generate_people, ActorOut, Registry};
use super::rng::Rng;
use super::topics::{generate_topics, TopicOut, Vocabulary};
use crate::normalize::fold_phrase;
use crate::rules::{read_rules, RuleError, RuleSet};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// How big to make the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackOptions {
    /// Stance phrases in the whole pack, bundled ones included.
    pub phrases: usize,
    /// Actors in the whole pack, bundled ones included.
    pub actors: usize,
    /// Same seed, same pack, byte for byte.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackSummary {
    /// Stance phrases in the bundled pack.
    pub bundled_phrases: usize,
    /// Stance phrases in the new pack.
    pub phrases: usize,
    /// Actors in the bundled pack.
    pub bundled_actors: usize,
    /// Actors in the new pack.
    pub actors: usize,
    /// Topic files generated.
    pub generated_topics: usize,
}

/// Why a pack could not be scaled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// The pack to scale does not load.
    Rules(Vec<RuleError>),
    /// Reading or writing a file failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Rules(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            PackError::Io { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for PackError {}

/// Stance phrases in a pack: lexicon stance cues, topic cues and topic idioms.
pub fn count_phrases(set: &RuleSet) -> usize {
    let stance_cues: usize = set
        .lexicon
        .1
        .stance_cues
        .iter()
        .map(|g| g.phrases.len())
        .sum();
    let topics: usize = set
        .topics
        .iter()
        .map(|(_, t)| t.cues.phrases.len() + t.rules.iter().map(|g| g.phrases.len()).sum::<usize>())
        .sum();
    stance_cues + topics
}

/// People per generated actors file.
const ACTORS_PER_FILE: usize = 1000;

/// Copies the pack in `rules_dir` to `out_dir` (which must be new or empty)
/// and adds generated topics and people until it holds `options.phrases`
/// stance phrases and `options.actors` actors.
pub fn scale_rule_pack(
    rules_dir: &Path,
    options: &PackOptions,
    out_dir: &Path,
) -> Result<PackSummary, PackError> {
    let set = read_rules(rules_dir).map_err(PackError::Rules)?;
    prepare_output(rules_dir, out_dir)?;
    copy_tree(rules_dir, out_dir)?;
    let bundled_phrases = count_phrases(&set);
    let bundled_actors = set.all_actors().count();

    let mut phrases: HashSet<String> = HashSet::new();
    let mut topic_ids: HashSet<String> = HashSet::new();
    collect_taken_phrases(&set, &mut phrases, &mut topic_ids);
    let mut vocabulary = Vocabulary {
        phrases: &mut phrases,
        topic_ids: &mut topic_ids,
        spellings: &set.lexicon.1.lexicon.spellings,
    };
    let wanted = options.phrases.saturating_sub(bundled_phrases);
    let topics = generate_topics(wanted, &mut vocabulary, &mut Rng::for_item(options.seed, 0));
    let topic_dir = out_dir.join("synth").join("topics");
    for topic in &topics {
        write_yaml(&topic_dir.join(format!("{}.yaml", topic.topic)), topic)?;
    }

    let mut names: HashSet<String> = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    for actor in set.all_actors() {
        ids.insert(actor.id.clone());
        names.insert(fold_phrase(&actor.name));
        names.extend(actor.aliases.iter().map(|a| fold_phrase(&a.0)));
    }
    let mut registry = Registry {
        names: &mut names,
        ids: &mut ids,
    };
    let wanted = options.actors.saturating_sub(bundled_actors);
    let people = generate_people(wanted, &mut registry, &mut Rng::for_item(options.seed, 1));
    for (chunk, actors) in people.chunks(ACTORS_PER_FILE).enumerate() {
        let path = out_dir
            .join("synth")
            .join(format!("actors-{chunk:03}.yaml"));
        write_yaml(&path, &ActorsOut { actors })?;
    }
    Ok(PackSummary {
        bundled_phrases,
        phrases: bundled_phrases + topics.iter().map(TopicOut::phrase_count).sum::<usize>(),
        bundled_actors,
        actors: bundled_actors + people.len(),
        generated_topics: topics.len(),
    })
}

/// An actors file as written.
#[derive(Serialize)]
struct ActorsOut<'a> {
    actors: &'a [ActorOut],
}

fn collect_taken_phrases(
    set: &RuleSet,
    phrases: &mut HashSet<String>,
    topic_ids: &mut HashSet<String>,
) {
    let stance_cues = set
        .lexicon
        .1
        .stance_cues
        .iter()
        .flat_map(|g| g.phrases.iter());
    let topic_phrases = set.topics.iter().flat_map(|(_, t)| {
        t.cues
            .phrases
            .iter()
            .chain(t.rules.iter().flat_map(|g| g.phrases.iter()))
    });
    phrases.extend(stance_cues.chain(topic_phrases).map(|p| fold_phrase(&p.0)));
    topic_ids.extend(set.topics.iter().map(|(_, t)| t.topic.clone()));
}

fn io_error(path: &Path, err: std::io::Error) -> PackError {
    PackError::Io {
        path: path.to_path_buf(),
        message: err.to_string().to_lowercase(),
    }
}

/// Creates `dir`, refusing one that already holds files (a stale pack would
/// mix in) or that lies inside the pack being copied.
fn prepare_output(rules_dir: &Path, dir: &Path) -> Result<(), PackError> {
    let refuse = |message: &str| PackError::Io {
        path: dir.to_path_buf(),
        message: message.to_string(),
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|err| io_error(dir, err))?;
        if entries.next().is_some() {
            return Err(refuse(
                "output folder is not empty; give a new or empty folder",
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|err| io_error(dir, err))?;
    let canonical = |path: &Path| path.canonicalize().map_err(|err| io_error(path, err));
    if canonical(dir)?.starts_with(canonical(rules_dir)?) {
        std::fs::remove_dir(dir).map_err(|err| io_error(dir, err))?;
        return Err(refuse("output folder is inside the rules folder it copies"));
    }
    Ok(())
}

/// Copies every file under `from` to the same place under `to`, in sorted order.
fn copy_tree(from: &Path, to: &Path) -> Result<(), PackError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from)
        .map_err(|err| io_error(from, err))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    std::fs::create_dir_all(to).map_err(|err| io_error(to, err))?;
    for entry in entries {
        let target = to.join(entry.file_name().expect("read_dir entries have names"));
        if entry.is_dir() {
            copy_tree(&entry, &target)?;
        } else {
            std::fs::copy(&entry, &target).map_err(|err| io_error(&entry, err))?;
        }
    }
    Ok(())
}

fn write_yaml<T: Serialize>(path: &Path, value: &T) -> Result<(), PackError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| io_error(parent, err))?;
    }
    let text = format!(
        "# Generated by stancetrack's rule-pack scaler for benchmarks; regenerate rather than edit.\n{}",
        crate::yaml::to_string(value)
    );
    std::fs::write(path, text).map_err(|err| io_error(path, err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rules;

    fn bundled() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
    }

    fn scale(phrases: usize, actors: usize, seed: u64) -> (tempfile::TempDir, PackSummary) {
        let out = tempfile::tempdir().unwrap();
        let options = PackOptions {
            phrases,
            actors,
            seed,
        };
        let summary = scale_rule_pack(&bundled(), &options, out.path()).unwrap();
        (out, summary)
    }

    fn show(errors: Vec<RuleError>) -> String {
        errors
            .iter()
            .take(20)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every file under `dir` with its bytes, by relative path.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    files.push((
                        path.strip_prefix(dir).unwrap().to_path_buf(),
                        std::fs::read(&path).unwrap(),
                    ));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn scaled_pack_compiles_with_the_phrases_and_actors_asked_for() {
        let bundled_literals = load_rules(&bundled()).unwrap().literal_count();
        let (out, summary) = scale(2000, 1000, 42);
        assert_eq!(summary.phrases, 2000);
        assert_eq!(summary.actors, 1000);
        let set = read_rules(out.path()).unwrap_or_else(|e| panic!("{}", show(e)));
        assert_eq!(count_phrases(&set), 2000);
        assert_eq!(set.all_actors().count(), 1000);
        let rules = load_rules(out.path()).unwrap_or_else(|e| panic!("{}", show(e)));
        let generated = summary.phrases - summary.bundled_phrases;
        assert!(
            rules.literal_count() >= bundled_literals + 3 * generated,
            "{} literals for {generated} new phrases over {bundled_literals}",
            rules.literal_count()
        );
        // The bundled pack is copied unchanged.
        let lexicon = std::fs::read(out.path().join("lexicon.yaml")).unwrap();
        assert_eq!(
            lexicon,
            std::fs::read(bundled().join("lexicon.yaml")).unwrap()
        );
    }

    #[test]
    fn small_requests_give_the_bundled_pack() {
        let (out, summary) = scale(100, 10, 1);
        assert_eq!(summary.phrases, summary.bundled_phrases);
        assert_eq!(summary.generated_topics, 0);
        assert_eq!(snapshot(out.path()), snapshot(&bundled()));
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_pack() {
        let (a, _) = scale(900, 200, 5);
        let (b, _) = scale(900, 200, 5);
        let (c, _) = scale(900, 200, 6);
        assert_eq!(snapshot(a.path()), snapshot(b.path()));
        assert_ne!(snapshot(a.path()), snapshot(c.path()));
    }

    #[test]
    fn refuses_a_folder_with_files_in_it() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("old.yaml"), "topic: x\n").unwrap();
        let options = PackOptions {
            phrases: 500,
            actors: 30,
            seed: 1,
        };
        let err = scale_rule_pack(&bundled(), &options, out.path()).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("output folder is not empty; give a new or empty folder"),
            "{err}"
        );
    }
}
