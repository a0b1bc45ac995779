//! Article loading and the whole pipeline on arbitrary bytes.
//!
//! The first byte picks the reader: even, a text article (front matter and
//! body, as a `.md` file); odd, a JSON Lines dump. Every article read goes
//! through the pipeline with the bundled rules, and every offset in the
//! result must slice the article text to what it reports.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stancetrack::load::{json_lines_articles, text_article, LoadOptions};
use stancetrack::pipeline::extract;
use stancetrack::rules::{load_rules, CompiledRules};
use std::path::Path;
use std::sync::LazyLock;

static RULES: LazyLock<CompiledRules> = LazyLock::new(|| {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules"));
    load_rules(dir).expect("the bundled rules compile")
});

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let options = LoadOptions {
        max_article_bytes: 64 * 1024,
    };
    let loaded: Vec<_> = if mode % 2 == 0 {
        text_article(Path::new("fuzz.md"), body, None, &options)
    } else {
        json_lines_articles(Path::new("fuzz.jsonl"), body, &options).collect()
    };
    for article in loaded.into_iter().flatten() {
        let extraction = extract(&article, &RULES);
        if let Err(problem) = extraction.check_offsets(&article.text) {
            panic!("{problem}");
        }
    }
});
