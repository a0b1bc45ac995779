//! Properties of the whole pipeline on arbitrary text, with the bundled rules:
//! it never panics, and every offset it reports lies on a char boundary of
//! the article text and slices to the text reported with it.

mod support;

use proptest::prelude::*;
use stancetrack::extraction::DateSource;
use stancetrack::load::{text_article, Article, LoadOptions};
use stancetrack::model::ArticleId;
use stancetrack::pipeline::extract;
use stancetrack::rules::CompiledRules;
use std::path::Path;
use std::sync::LazyLock;

static RULES: LazyLock<CompiledRules> =
    LazyLock::new(|| support::rules_from(&support::rules_dir()));

/// Pieces that reach every stage: names, speech verbs and stance phrases of
/// the bundled pack, quote marks of every kind, sentence and paragraph
/// breaks, multibyte and combining characters, controls and odd spaces.
const PIECES: &[&str] = &[
    "Trump",
    "Zelensky",
    "Rutte",
    "Orban",
    "Putin",
    "the US president",
    "he",
    "she",
    "NATO",
    "said",
    "told reporters",
    "according to",
    "rejects",
    "supports",
    "does not support",
    "NATO membership",
    "Ukraine's accession",
    "ceasefire",
    "peace talks",
    "previously",
    "could",
    "not",
    "if",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    "…",
    "...",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "—",
    "-",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "\u{a0}",
    "\u{2009}",
    "\u{2028}",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "é",
    "e\u{301}",
    "ß",
    "中文",
    "🙂",
    "👩‍👩‍👧",
    "\u{202e}",
    "İ",
    "ﬁ",
    "Ⅻ",
];

fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,8}",
    ];
    proptest::collection::vec((piece, proptest::bool::weighted(0.7)), 0..80).prop_map(|pieces| {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(&piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

/// 256 cases, or `PROPTEST_CASES` for a longer search.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

fn article(text: String, dated: bool) -> Article {
    Article {
        id: ArticleId("prop".to_string()),
        title: None,
        date: dated.then(|| chrono::NaiveDate::from_ymd_opt(2025, 2, 13).unwrap()),
        date_source: if dated {
            DateSource::Manifest
        } else {
            DateSource::None
        },
        url: None,
        outlet: None,
        origin: "prop.txt".to_string(),
        text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn offsets_slice_the_article_text(text in article_text(), dated in any::<bool>()) {
        let article = article(text, dated);
        let extraction = extract(&article, &RULES);
        prop_assert_eq!(extraction.check_offsets(&article.text), Ok(()));
    }

    #[test]
    fn any_string_goes_through(text in any::<String>()) {
        let article = article(text, true);
        let extraction = extract(&article, &RULES);
        prop_assert_eq!(extraction.check_offsets(&article.text), Ok(()));
    }

    #[test]
    fn any_bytes_load_or_are_refused_with_a_reason(
        front in proptest::option::of("(title|date|url): [ -~]{0,20}"),
        body in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut bytes = Vec::new();
        if let Some(front) = front {
            bytes.extend_from_slice(format!("---\n{front}\n---\n").as_bytes());
        }
        bytes.extend_from_slice(&body);
        let options = LoadOptions { max_article_bytes: 300 };
        for loaded in text_article(Path::new("a.md"), &bytes, None, &options) {
            match loaded {
                Ok(article) => {
                    let extraction = extract(&article, &RULES);
                    prop_assert_eq!(extraction.check_offsets(&article.text), Ok(()));
                }
                Err(problem) => {
                    prop_assert_eq!(problem.origin.as_str(), "a.md");
                    prop_assert!(!problem.message.is_empty());
                }
            }
        }
    }
}
