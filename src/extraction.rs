//! What the pipeline yields for one article: its quotes with speakers and its
//! stance observations. This is the JSON contract of `extract --format json`.

use crate::model::{ActorId, ArticleId, Stance, TopicId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// YAML front matter at the top of the file, or the `date` of a JSON Lines record.
    FrontMatter,
    /// The folder's `corpus.yaml`.
    Manifest,
    /// A dateline found in the article text.
    Text,
    /// No date anywhere.
    None,
}

/// The result of running the pipeline over one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The article id (file name without extension).
    pub id: ArticleId,
    /// Title, from front matter or manifest.
    pub title: Option<String>,
    /// Publication date, if known.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: DateSource,
    /// Every quotation, in text order.
    pub quotes: Vec<QuoteRecord>,
    /// Every stance observation, in text order.
    pub observations: Vec<Observation>,
}

/// Contract checks, for tests and fuzzing.
impl Extraction {
    /// Checks that every quote and observation offset lies on a char boundary
    /// of `text` (the article text it came from) and slices to the text reported.
    pub fn check_offsets(&self, text: &str) -> Result<(), String> {
        let spans = self
            .quotes
            .iter()
            .map(|q| ("quote", q.start, q.end, q.text.as_str()))
            .chain(
                self.observations
                    .iter()
                    .map(|o| ("observation", o.start, o.end, o.evidence.as_str())),
            );
        for (what, start, end, reported) in spans {
            match text.get(start..end) {
                Some(slice) if slice == reported => {}
                Some(slice) => {
                    return Err(format!(
                        "{what} {start}..{end} slices to {slice:?}, reported as {reported:?}"
                    ))
                }
                None => {
                    return Err(format!(
                        "{what} {start}..{end} is not a char range of a {}-byte text",
                        text.len()
                    ))
                }
            }
        }
        Ok(())
    }
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The content between the quotation marks, as written.
    pub text: String,
    /// Byte offset of the content's first byte in the article text.
    pub start: usize,
    /// Byte offset one past the content's last byte.
    pub end: usize,
    /// Who said it.
    pub speaker: Speaker,
    /// The words that decided the speaker (`he said`, `according to Trump`), if any.
    pub cue: Option<String>,
    /// How the speaker was decided (`verb-after`, `pronoun`, `continuation`, ...).
    pub method: String,
}

/// The speaker of a quote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The ontology id when the speaker is a known actor.
    pub actor: Option<ActorId>,
    /// The canonical name of a known actor, or the name as written for anyone else.
    pub name: Option<String>,
    /// For anonymous sources, the description as written (`a European NATO diplomat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Actors a descriptor could mean when it could not be decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<ActorId>,
}

/// When the text places a stance relative to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Held {
    /// Before the article (`previously`, `just days ago`, `had long ruled out`).
    Earlier,
}

/// One actor taking one stance on one topic, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Who holds the stance.
    pub actor: ActorId,
    /// What it is about.
    pub topic: TopicId,
    /// The position.
    pub stance: Stance,
    /// The sentence (or quote) that shows it, as written.
    pub evidence: String,
    /// Byte offset of the evidence in the article text.
    pub start: usize,
    /// One past the evidence's last byte.
    pub end: usize,
    /// Whether the stance was expressed inside a quotation.
    pub quoted: bool,
    /// The id of the rule that fired.
    pub rule: String,
    /// `earlier` when the text dates the stance before the article.
    pub held: Option<Held>,
    /// The article it came from.
    pub article: ArticleId,
    /// The date the stance was held: the article's date, or an earlier one the text gives.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
}

/// Writes a date as chrono does (`2024-12-03`) without going through its
/// `Display` machinery, which cost a tenth of serialising an extraction.
fn serialize_date<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use chrono::Datelike;
    match date {
        Some(date) if (0..=9999).contains(&date.year()) => {
            let mut text = *b"0000-00-00";
            let digits = |to: &mut [u8], mut value: u32| {
                for slot in to.iter_mut().rev() {
                    *slot = b'0' + (value % 10) as u8;
                    value /= 10;
                }
            };
            digits(&mut text[0..4], date.year() as u32);
            digits(&mut text[5..7], date.month());
            digits(&mut text[8..10], date.day());
            serializer.serialize_str(std::str::from_utf8(&text).expect("ASCII digits"))
        }
        Some(date) => serializer.serialize_some(date),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_serialise_as_chrono_writes_them() {
        #[derive(Serialize)]
        struct Dated {
            #[serde(serialize_with = "serialize_date")]
            date: Option<NaiveDate>,
        }
        for date in [
            (2024, 12, 3),
            (987, 1, 31),
            (0, 6, 1),
            (9999, 12, 31),
            (-44, 3, 15),
            (12345, 1, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2);
            let ours = serde_json::to_string(&Dated { date }).unwrap();
            let chrono = serde_json::to_string(&serde_json::json!({ "date": date })).unwrap();
            assert_eq!(ours, chrono);
        }
        assert_eq!(
            serde_json::to_string(&Dated { date: None }).unwrap(),
            r#"{"date":null}"#
        );
    }
}
