//! Attribution patterns, each on sentences written for the test (not the seed articles).

use crate::extraction::{DateSource, Speaker};
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

fn label(speaker: &Speaker) -> String {
    if let Some(actor) = &speaker.actor {
        return actor.to_string();
    }
    if let Some(name) = &speaker.name {
        return format!("name:{name}");
    }
    if speaker.description.is_some() {
        return "anonymous".to_string();
    }
    if !speaker.candidates.is_empty() {
        let ids: Vec<&str> = speaker.candidates.iter().map(|a| a.as_str()).collect();
        return format!("one of {}", ids.join("/"));
    }
    "?".to_string()
}

/// The speaker label of every quote in `text`, read on `date`.
fn speakers(text: &str, date: &str) -> Vec<String> {
    let article = Article {
        id: ArticleId("test".to_string()),
        title: None,
        date: parse_date(date),
        date_source: DateSource::FrontMatter,
        url: None,
        outlet: None,
        origin: "test".to_string(),
        text: text.to_string(),
    };
    extract(&article, rules())
        .quotes
        .iter()
        .map(|q| label(&q.speaker))
        .collect()
}

#[test]
fn attribution_patterns() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("said after name", "“We will stay the course,” said Rutte.", &["rutte"]),
        ("name said after", "“We will stay the course,” Rutte said on Friday.", &["rutte"]),
        ("emphasized inverted", "“Europe has to do more,” emphasized Kaja Kallas.", &["kallas"]),
        ("insisted with title", "“Weapons first,” Ukrainian President Volodymyr Zelenskyy insisted in Kyiv.", &["zelensky"]),
        ("admitted pronoun", "Sybiha spoke after the talks. “We are disappointed,” he admitted.", &["sybiha"]),
        ("stated pronoun", "Lavrov met reporters in Moscow. “The West is lying,” he stated.", &["lavrov"]),
        (
            "anonymous recognizes",
            "“The summit will be tense,” recognizes a senior European diplomat.",
            &["anonymous"],
        ),
        ("told outlet", "“Talks are possible,” Peskov told Reuters.", &["peskov"]),
        ("wrote in a post", "“A great call with Putin,” Trump wrote in a post on social media.", &["trump"]),
        ("according to", "The meeting was “constructive”, according to Rubio.", &["rubio"]),
        ("said in an interview", "Zelenskyj said in an interview that peace needs “real guarantees”.", &["zelensky"]),
        (
            "colon introduction with appositive",
            "Keith Kellogg, the envoy who met both sides, remarked: “Nobody wants this war to go on.”",
            &["kellogg"],
        ),
        (
            "quoted phrase in reported speech",
            "Vance is pushing for a ceasefire “by the end of the month” and has told allies to prepare.",
            &["vance"],
        ),
        (
            "continuation with no verb",
            "“We need air defence,” said Sybiha. “Every day counts.”",
            &["sybiha", "sybiha"],
        ),
        (
            "split quote",
            "“We will not give up,” he said, “and we will not forget.” ",
            &["?", "?"],
        ),
        (
            "split quote with antecedent",
            "Jonson arrived in Kyiv. “We will not give up,” he said, “and we will not forget.”",
            &["jonson", "jonson"],
        ),
        (
            "multi-paragraph quote",
            "Kallas spoke at length.\n\n“First, we must help Ukraine.\n\n“Second, we must rearm Europe,” she said.",
            &["kallas", "kallas"],
        ),
        (
            "spelling variant Sybiga",
            "“We need twenty more systems,” said Foreign Minister Andrii Sybiga.",
            &["sybiha"],
        ),
        (
            "descriptor",
            "Baerbock met her counterparts. “Europe stands together,” the Green politician said.",
            &["baerbock"],
        ),
        (
            "role resolves to Biden in 2024",
            "“We will support Ukraine,” the US president said.",
            &["biden"],
        ),
        (
            "statement said is the ministry",
            "The Russian Foreign Ministry issued a note. “The proposal is unacceptable,” the statement said.",
            &["russia"],
        ),
        (
            "she skips a man named later",
            "Kallas met Rubio in Brussels. “We agree on sanctions,” she said.",
            &["kallas"],
        ),
        (
            "he prefers the subject over the object",
            "Hegseth thanked Jonson for the pledge. “This is leadership,” he said.",
            &["hegseth"],
        ),
        (
            "it said is an organisation",
            "Zelensky met Putin's envoy. The Kremlin issued a note. “No talks before spring,” it said.",
            &["russia"],
        ),
        (
            "named speaker outside the pack",
            "“The front is stable,” said Anna Lindqvist, a researcher at the Swedish Defence University.",
            &["name:Anna Lindqvist"],
        ),
        (
            "named speaker before verb",
            "“Sanctions are working,” Marta Kos told the committee.",
            &["name:Marta Kos"],
        ),
        (
            "pronoun after a named speaker outside the pack",
            "Jonson spoke first. “The front holds,” said Anna Lindqvist of the defence university. “For now,” she added.",
            &["name:Anna Lindqvist", "name:Anna Lindqvist"],
        ),
        ("dash attribution", "“Peace through strength” – Rutte", &["rutte"]),
        ("headline form", "Zelensky: “We will never give up our land”", &["zelensky"]),
        (
            "another anonymous source",
            "“We are ready,” one European official told the newspaper. “But not yet,” another added.",
            &["anonymous", "anonymous"],
        ),
        ("web form marks are no quote", "\"*\" indicates required fields\n“Real quote,” said Rutte.", &["rutte"]),
    ];
    for (name, text, expected) in cases {
        let got = speakers(text, "2024-12-03");
        assert_eq!(&got, expected, "{name}: {text}");
    }
}

#[test]
fn role_follows_the_date() {
    let text = "“We will end this war,” the US president said.";
    assert_eq!(speakers(text, "2024-06-01"), ["biden"]);
    assert_eq!(speakers(text, "2025-03-01"), ["trump"]);
}

#[test]
fn an_office_two_people_could_hold_stays_ambiguous_without_a_date() {
    let text = "“The deal is close,” the secretary of state said.";
    assert_eq!(speakers(text, ""), ["one of blinken/rubio"]);
}

#[test]
fn a_run_on_sentence_is_read_clause_by_clause_to_its_end() {
    // No full stop for some 3,000 bytes, as on a page of transcript: each
    // verb's subject is still the name just before it, far past the point
    // where the clause search is cut.
    let pair = "Mark Rutte said “we stay” while Sergei Lavrov said “we go” and ";
    let text = pair.repeat(40);
    let got = speakers(&text, "2024-12-03");
    let expected: Vec<&str> = ["rutte", "lavrov"].repeat(40);
    assert_eq!(got, expected);
}

#[test]
fn a_pronoun_deep_in_a_run_on_sentence_finds_the_name_just_before_it() {
    // The sentence runs on for some 4,400 bytes before the name: the
    // antecedent search is cut thousands of bytes back, not at the name.
    let filler = "and the talks went on for hours ".repeat(140);
    let text = format!("{filler}until Mark Rutte arrived and he said “we stay”");
    assert_eq!(speakers(&text, "2024-12-03"), ["rutte"]);
}
