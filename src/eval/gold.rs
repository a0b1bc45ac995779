//! Gold answer keys (`gold/FORMAT.md`): the YAML types and the directory loader.

use super::speaker::{ActorChoice, GoldSpeaker};
use crate::extraction::Held;
use crate::model::{ArticleId, Stance, TopicId};
use crate::yaml::{self, YamlError};
use chrono::NaiveDate;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The answer key for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldArticle {
    /// The article id: the article's file name without extension.
    pub article: ArticleId,
    /// Publication date.
    pub date: NaiveDate,
    /// Every top-level quotation, in text order.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Every stance an actor takes in the article.
    #[serde(default)]
    pub stances: Vec<GoldStance>,
    /// Changes of stance the article itself reports.
    #[serde(default)]
    pub shifts: Vec<GoldShift>,
}

/// One quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    /// The content between the quotation marks, as written.
    pub text: QuoteText,
    /// Who said it.
    pub speaker: GoldSpeaker,
}

/// One stance an actor takes in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldStance {
    /// Who holds it: one id, or a list of which any one is correct.
    pub actor: ActorChoice,
    /// What it is about.
    pub topic: TopicId,
    /// The position.
    pub stance: Stance,
    /// Where the annotator saw it (informative only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Defensible but debatable: neither rewarded nor penalised.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// `earlier` when the text dates the stance before the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
}

/// A change of stance the article itself reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldShift {
    /// Who changed: one id, or a list of which any one is correct.
    pub actor: ActorChoice,
    /// What it is about.
    pub topic: TopicId,
    /// The stance before.
    pub from: Stance,
    /// The stance now.
    pub to: Stance,
}

/// Quotation text; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct QuoteText(pub String);

/// A gold directory problem: the file and, where known, line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvalError {
    /// The file (or directory) at fault.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What went wrong, with the key path where known.
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for EvalError {}

impl From<YamlError> for EvalError {
    fn from(err: YamlError) -> Self {
        EvalError {
            file: err.file,
            line: err.line,
            column: err.column,
            message: err.message,
        }
    }
}

impl EvalError {
    /// An error with no position (file-level, or a check after parsing).
    fn at(file: &Path, message: String) -> Self {
        EvalError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message,
        }
    }
}

/// Loads every `*.yaml` file in `dir` (not recursing), in file-name order.
///
/// Every file is read and every error collected. Besides YAML mistakes
/// (reported with line and column), a shift whose `from` equals its `to`,
/// an article id used by two files, and a directory without gold files are errors.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldArticle>, Vec<EvalError>> {
    let files = gold_files(dir).map_err(|err| vec![err])?;
    let mut errors = Vec::new();
    let mut articles = Vec::new();
    let mut first_file: BTreeMap<ArticleId, PathBuf> = BTreeMap::new();
    for file in files {
        let gold = match std::fs::read_to_string(&file) {
            Ok(text) => parse_gold(&text, &file),
            Err(err) => Err(vec![EvalError::at(&file, format!("cannot read: {err}"))]),
        };
        match gold {
            Ok(gold) => {
                if let Some(other) = first_file.get(&gold.article) {
                    let message = format!(
                        "article: id `{}` is already used by {}",
                        gold.article,
                        other.display()
                    );
                    errors.push(EvalError::at(&file, message));
                    continue;
                }
                first_file.insert(gold.article.clone(), file);
                articles.push(gold);
            }
            Err(errs) => errors.extend(errs),
        }
    }
    if errors.is_empty() {
        Ok(articles)
    } else {
        Err(errors)
    }
}

/// Parses one gold file's text and runs the checks that need the whole article.
pub fn parse_gold(text: &str, file: &Path) -> Result<GoldArticle, Vec<EvalError>> {
    let gold: GoldArticle = yaml::from_str(text, file).map_err(|err| vec![err.into()])?;
    let errors: Vec<EvalError> = gold
        .shifts
        .iter()
        .enumerate()
        .filter(|(_, shift)| shift.from == shift.to)
        .map(|(i, shift)| {
            let message = format!("shifts[{i}]: `from` and `to` are both `{}`", shift.from);
            EvalError::at(file, message)
        })
        .collect();
    if errors.is_empty() {
        Ok(gold)
    } else {
        Err(errors)
    }
}

/// The `*.yaml` files directly inside `dir`, sorted by path.
fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| EvalError::at(dir, format!("cannot read: {err}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|err| EvalError::at(dir, format!("cannot read: {err}")))?
            .path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "yaml") {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(EvalError::at(dir, "no *.yaml gold files".to_string()));
    }
    files.sort();
    Ok(files)
}

// Errors raised with `de::Error::custom` get their line and column from serde_yaml.

impl<'de> Deserialize<'de> for QuoteText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.trim().is_empty() {
            return Err(de::Error::custom("quote text is empty"));
        }
        Ok(QuoteText(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/seeds")
    }

    fn parse(text: &str) -> Result<GoldArticle, String> {
        parse_gold(text, Path::new("g.yaml")).map_err(|errs| {
            let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
            shown.join("\n")
        })
    }

    #[test]
    fn bad_fields_are_reported_with_line_and_column() {
        let cases = [
            (
                "article: a\ndate: 2024-01-01\nstances:\n  - {actor: x, topic: t, stance: suport}\n",
                "g.yaml:4:",
                "unknown variant `suport`",
            ),
            (
                "article: a\ndate: 2024-01-01\nstances:\n  - {actor: x, topic: t, stance: oppose, held: later}\n",
                "g.yaml:4:",
                "unknown variant `later`",
            ),
            ("article: a\ndate: 3 May\n", "g.yaml:2:", "date"),
            ("article: a\ndate: 2024-01-01\nquote: []\n", "g.yaml:3:", "unknown field `quote`"),
            (
                "article: a\ndate: 2024-01-01\nquotes:\n  - {text: '', speaker: x}\n",
                "g.yaml:4:",
                "quote text is empty",
            ),
        ];
        for (input, position, expected) in cases {
            let err = parse(input).unwrap_err();
            assert!(err.starts_with(position), "{err}");
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn shift_without_change_names_its_key_path() {
        let text = "article: a\ndate: 2024-01-01\nshifts:\n  - {actor: x, topic: t, from: oppose, to: oppose}\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "g.yaml: shifts[0]: `from` and `to` are both `oppose`"
        );
    }

    #[test]
    fn loads_all_seed_gold_files_with_their_counts() {
        let gold = load_gold_dir(&seeds_dir()).unwrap();
        let counts: Vec<(&str, usize, usize, usize)> = gold
            .iter()
            .map(|g| {
                let shifts = g.shifts.len();
                (g.article.as_str(), g.quotes.len(), g.stances.len(), shifts)
            })
            .collect();
        assert_eq!(
            counts,
            [
                ("000_f19abf45d141f3f6", 7, 15, 0),
                ("001_dbee41912bf1d351", 5, 13, 2),
                ("002_3ff1d541352e87d9", 11, 13, 0),
                ("003_a5bfbbfc84ef667f", 29, 17, 1),
                ("004_2ced16fb7bbe558b", 6, 9, 0),
            ]
        );
        let g004 = &gold[4];
        assert_eq!(g004.quotes[2].speaker, GoldSpeaker::Anonymous);
        let earlier = gold
            .iter()
            .flat_map(|g| &g.stances)
            .filter(|s| s.held == Some(Held::Earlier))
            .count();
        assert_eq!(earlier, 5);
    }

    #[test]
    fn collects_errors_from_every_file() {
        let dir = std::env::temp_dir().join(format!("stancetrack-gold-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files = [
            ("a.yaml", "article: x\ndate: 2024-01-01\n"),
            ("b.yaml", "article: x\ndate: 2024-01-02\n"),
            ("c.yaml", "article: y\ndate: nope\n"),
            ("notes.txt", "not gold"),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let errors = load_gold_dir(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        let shown: Vec<String> = errors
            .iter()
            .map(|e| {
                let name = e.file.file_name().unwrap().to_string_lossy().to_string();
                format!("{name}:{:?}: {}", e.line, e.message)
            })
            .collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].starts_with("b.yaml:None: article: id `x` is already used by"));
        assert!(shown[1].starts_with("c.yaml:Some(2): date"), "{shown:?}");
    }

    #[test]
    fn gold_round_trips_through_its_own_serialisation() {
        for gold in load_gold_dir(&seeds_dir()).unwrap() {
            let text = yaml::to_string(&gold);
            let again: GoldArticle = yaml::from_str(&text, Path::new("again.yaml")).unwrap();
            assert_eq!(again, gold);
        }
    }
}
