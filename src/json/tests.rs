use super::*;
use proptest::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Both writers' output, as text for readable failures.
fn both<T: Serialize + ?Sized>(value: &T) -> (String, String) {
    let ours = to_vec(value).expect("ours writes it");
    let theirs = serde_json::to_vec(value).expect("serde_json writes it");
    (
        String::from_utf8(ours).expect("ours is UTF-8"),
        String::from_utf8(theirs).expect("serde_json's is UTF-8"),
    )
}

fn assert_same<T: Serialize + ?Sized>(value: &T) {
    let (ours, theirs) = both(value);
    assert_eq!(ours, theirs);
}

#[test]
fn every_ascii_byte_at_every_offset_is_escaped_as_serde_json_escapes_it() {
    for byte in 0u8..0x80 {
        for offset in 0..34 {
            let mut text = "a".repeat(offset);
            text.push(char::from(byte));
            text.push_str("tail \u{201c}quoted\u{201d}");
            assert_same(&text);
        }
    }
}

#[test]
fn runs_of_escapes_and_non_ascii_text() {
    for text in [
        "",
        "\"",
        "\\\\\"\"\n\n\t",
        "\u{0}\u{1f}\u{7f}",
        "ünïcödé — “curly” ‘quotes’ \u{2028}",
        "He said: \"we won't\".\r\nNext line\u{c}\u{8}",
        "0123456789abcdef\"0123456789abcdef\\0123456789abcde\n",
    ] {
        assert_same(text);
    }
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, String),
    Struct { x: f64, y: Option<bool> },
}

#[derive(Serialize)]
struct UnitStruct;

#[derive(Serialize)]
struct Newtype(&'static str);

#[derive(Serialize)]
struct Empty {}

/// Bytes serialised with `serialize_bytes`, as serde_bytes does.
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

#[derive(Serialize)]
struct Zoo {
    shapes: Vec<Shape>,
    numbers: (i8, i16, i64, u128, i128, f32),
    floats: [f64; 4],
    nothing: (),
    letter: char,
    bytes: Bytes,
    unit: UnitStruct,
    newtype: Newtype,
    empty: Vec<u8>,
    empty_struct: Empty,
    #[serde(rename = "odd \"key\"\n")]
    odd_key: bool,
    text_keys: BTreeMap<String, Option<String>>,
    number_keys: BTreeMap<i32, bool>,
    bool_keys: BTreeMap<bool, u8>,
    char_keys: BTreeMap<char, ()>,
}

#[test]
fn every_serde_shape_is_written_as_serde_json_writes_it() {
    let zoo = Zoo {
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-3, "t\"".to_string()),
            Shape::Struct {
                x: 0.1,
                y: Some(false),
            },
            Shape::Struct { x: -2e300, y: None },
        ],
        numbers: (i8::MIN, -300, i64::MAX, u128::MAX, i128::MIN, 1.5),
        floats: [f64::NAN, f64::INFINITY, 1e-7, 123456789.0],
        nothing: (),
        letter: '"',
        bytes: Bytes(vec![0, 34, 255]),
        unit: UnitStruct,
        newtype: Newtype("n\\"),
        empty: Vec::new(),
        empty_struct: Empty {},
        odd_key: true,
        text_keys: [
            ("k\n".to_string(), None),
            ("a".to_string(), Some("v".into())),
        ]
        .into(),
        number_keys: [(-1, true), (20, false)].into(),
        bool_keys: [(true, 1), (false, 0)].into(),
        char_keys: [('\u{1}', ())].into(),
    };
    assert_same(&zoo);
}

#[test]
fn a_key_that_is_no_string_is_refused_as_serde_json_refuses_it() {
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    assert!(serde_json::to_vec(&map).is_err());
    let err = to_vec(&map).expect_err("a list cannot be a key");
    assert_eq!(err.to_string(), "key must be a string");
}

#[test]
fn the_seed_extractions_are_written_as_serde_json_writes_them() {
    use crate::load::{Corpus, LoadOptions};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = crate::rules::load_rules(&root.join("rules")).expect("the bundled pack compiles");
    let corpus = Corpus::open(&[root.join("tests/corpus/seeds")], LoadOptions::default())
        .expect("the seeds open");
    let mut written = 0;
    for article in corpus.articles() {
        let extraction = crate::pipeline::extract(&article.expect("a seed loads"), &rules);
        assert!(!extraction.quotes.is_empty() && !extraction.observations.is_empty());
        assert_same(&extraction);
        written += 1;
    }
    assert_eq!(written, 5);
}

proptest! {
    #[test]
    fn any_string_is_written_as_serde_json_writes_it(text in any::<String>()) {
        let (ours, theirs) = both(&text);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn any_mostly_ascii_string_is_written_as_serde_json_writes_it(
        text in "[ -~\\t\\n\\x00-\\x1f\"\\\\é“”]{0,80}"
    ) {
        let (ours, theirs) = both(&text);
        prop_assert_eq!(ours, theirs);
    }
}
