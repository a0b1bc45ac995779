//! Stance readings on wording written for the test, not taken from the seed articles.

use crate::extraction::DateSource;
use crate::load::{parse_date, Article};
use crate::model::ArticleId;
use crate::pipeline::extract;
use crate::rules::{load_rules, CompiledRules};
use std::sync::OnceLock;

fn rules() -> &'static CompiledRules {
    static RULES: OnceLock<CompiledRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        load_rules(dir).expect("the bundled rule pack compiles")
    })
}

/// Every observation as `actor topic stance`, with ` earlier` for held-earlier ones.
fn observe(text: &str) -> Vec<String> {
    let article = Article {
        id: ArticleId("test".to_string()),
        title: None,
        date: parse_date("2025-03-10"),
        date_source: DateSource::FrontMatter,
        url: None,
        outlet: None,
        origin: "test".to_string(),
        text: text.to_string(),
    };
    let mut found: Vec<String> = extract(&article, rules())
        .observations
        .iter()
        .map(|o| {
            let held = if o.held.is_some() { " earlier" } else { "" };
            format!("{} {} {}{held}", o.actor, o.topic, o.stance)
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn a_clause_crowded_with_cues_is_skipped_as_a_list() {
    let crowded = "Trump rejects NATO membership, ".repeat(40);
    assert_eq!(observe(&format!("{crowded}he said.")), Vec::<String>::new());
}

#[test]
fn stance_readings() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "general cue meets topic cue in a new combination",
            "Orban said on Monday that he would block Ukraine's accession to the alliance.",
            &["orban ukraine-nato-membership oppose"],
        ),
        (
            "double negation is openness",
            "Kallas did not rule out sending European peacekeepers to Ukraine.",
            &["kallas ceasefire-troops support"],
        ),
        (
            "negated support",
            "Vance has made it clear that he does not support Kyiv joining NATO.",
            &["vance ukraine-nato-membership oppose"],
        ),
        (
            "negation inside a gapped idiom",
            "Lavrov insisted that Russia does not want to end the war on Western terms.",
            &["lavrov putin-wants-peace oppose"],
        ),
        (
            "hedge makes a judgement noncommittal",
            "Kallas said NATO membership may be unrealistic for now.",
            &["kallas ukraine-nato-membership neutral"],
        ),
        (
            "speculation about the holder is no stance",
            "Trump could announce more military aid next week.",
            &[],
        ),
        (
            "passive agents each hold the stance",
            "Ukraine's accession is firmly rejected by Lavrov and Peskov.",
            &[
                "lavrov ukraine-nato-membership oppose",
                "peskov ukraine-nato-membership oppose",
            ],
        ),
        (
            "coordinated subjects",
            "Rutte and Kallas called for more air defence systems for Ukraine.",
            &[
                "kallas air-defense-for-ukraine support",
                "rutte air-defense-for-ukraine support",
            ],
        ),
        (
            "possessive holder",
            "Trump's skepticism about Ukraine's accession is well known.",
            &["trump ukraine-nato-membership oppose"],
        ),
        (
            "according to a state",
            "According to Washington, Ukraine's accession is unrealistic.",
            &["united-states ukraine-nato-membership oppose"],
        ),
        (
            "earlier stance with a date cue",
            "Vance had previously called for cutting military aid to Ukraine.",
            &["vance military-aid-ukraine oppose earlier"],
        ),
        (
            "reported speech belongs to the speaker",
            "Rubio said Washington no longer supports Ukraine's bid to join NATO.",
            &["rubio ukraine-nato-membership oppose"],
        ),
        (
            "topic anaphora",
            "Kyiv asked again for an invitation to join NATO. The idea is rejected by Orban.",
            &[
                "orban ukraine-nato-membership oppose",
                "ukraine ukraine-nato-membership support",
            ],
        ),
        (
            "an echo takes up the stance just reported",
            "“Kyiv must join NATO now,” Sybiha said. On Friday, Kallas echoed that call.",
            &[
                "kallas ukraine-nato-membership support",
                "sybiha ukraine-nato-membership support",
            ],
        ),
        (
            "a verb cue governs its object, not a later topic",
            "Moscow will not accept European troops under any peace deal.",
            &["russia ceasefire-troops oppose"],
        ),
        (
            "a reported question takes no side",
            "Asked whether Washington would send more air defence, Hegseth declined to comment.",
            &[],
        ),
        (
            "a stance of someone outside the pack is nobody else's",
            "“We need weapons,” Zelensky said. Emmanuel Macron called for more military aid as well.",
            &["zelensky military-aid-ukraine support"],
        ),
        (
            "doubt that negates what follows",
            "Kallas said she doubts that Putin is serious about peace.",
            &["kallas putin-wants-peace oppose"],
        ),
        (
            "an open question takes no side",
            "Vance did not say whether Washington would send more air defence to Kyiv.",
            &[],
        ),
        (
            "a possessive is no subject",
            "Donald Tusk praised Kyiv's resilience and called for faster integration into NATO.",
            &[],
        ),
        (
            "a question takes no side",
            "Will Ukraine ever join NATO?",
            &[],
        ),
        (
            "a topic without any cue takes no side",
            "Diplomats discussed NATO membership at length in Vilnius.",
            &[],
        ),
        (
            "conditional clause is noncommittal",
            "If Kyiv does not get air defence, Sybiha said, the cities will burn.",
            &[],
        ),
        (
            "verb cue takes the topic after it",
            "Membership was off the agenda, and Zelensky proposed a new drone coalition instead.",
            &[],
        ),
    ];
    for (name, text, expected) in cases {
        let got = observe(text);
        assert_eq!(&got, expected, "{name}: {text}");
    }
}
