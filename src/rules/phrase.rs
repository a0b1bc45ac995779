//! The phrase syntax of rule files, and its expansion into literal strings.
//!
//! A phrase is words separated by spaces, matched case-insensitively:
//!
//! - the first word, when lower-case, also matches its inflections: `reject`
//!   matches `rejects`, `rejected`, `rejecting` (irregular verbs included:
//!   `hold` -> `held`); a lower-case last word also matches its plural
//!   (`defence system` -> `defence systems`); a capitalised word (`NATO`) or one
//!   written `=word` matches as written;
//! - `a/b` matches either word: `Kyiv/Kiev`;
//! - `[word]` is optional: `call [on] for`, `[the] defence bloc`;
//! - `…` (or `...`) is a gap of up to four words: `warn … against`.
//!
//! Expansion happens once, when the pack is compiled; matching then uses one
//! trie over every literal.

/// Most words a gap (`…`) may span.
pub const MAX_GAP_WORDS: usize = 4;

/// Longest literal (one expanded form of a phrase, or of one gapped
/// segment), in bytes: it bounds how many matches can end at one position
/// of a text (see `rules::compile`).
pub const MAX_LITERAL_BYTES: usize = 200;

/// Most literal strings one phrase may expand to.
const MAX_EXPANSIONS: usize = 512;

/// Words never inflected: grammar words whose `-s`/`-ed` forms are other words.
const UNINFLECTED: [&str; 40] = [
    "the", "and", "but", "not", "nor", "for", "with", "from", "into", "onto", "than", "that",
    "this", "these", "those", "its", "his", "her", "their", "our", "your", "any", "all", "more",
    "less", "most", "only", "such", "also", "very", "much", "was", "were", "been", "has", "had",
    "does", "did", "are", "would",
];

/// Irregular verb forms (base, other forms).
const IRREGULAR: [(&str, &[&str]); 36] = [
    ("say", &["says", "said", "saying"]),
    ("tell", &["tells", "told", "telling"]),
    ("hold", &["holds", "held", "holding"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("think", &["thinks", "thought", "thinking"]),
    ("make", &["makes", "made", "making"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("write", &["writes", "wrote", "written", "writing"]),
    ("speak", &["speaks", "spoke", "spoken", "speaking"]),
    ("seek", &["seeks", "sought", "seeking"]),
    ("win", &["wins", "won", "winning"]),
    ("lose", &["loses", "lost", "losing"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("bring", &["brings", "brought", "bringing"]),
    ("send", &["sends", "sent", "sending"]),
    ("lead", &["leads", "led", "leading"]),
    ("meet", &["meets", "met", "meeting"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("stand", &["stands", "stood", "standing"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("mean", &["means", "meant", "meaning"]),
    ("find", &["finds", "found", "finding"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("feel", &["feels", "felt", "feeling"]),
    ("deal", &["deals", "dealt", "dealing"]),
    ("put", &["puts", "putting"]),
    ("set", &["sets", "setting"]),
    ("cut", &["cuts", "cutting"]),
    ("stop", &["stops", "stopped", "stopping"]),
    ("admit", &["admits", "admitted", "admitting"]),
    ("commit", &["commits", "committed", "committing"]),
    ("rule", &["rules", "ruled", "ruling"]),
    (
        "withdraw",
        &["withdraws", "withdrew", "withdrawn", "withdrawing"],
    ),
    ("forbid", &["forbids", "forbade", "forbidden", "forbidding"]),
    ("go", &["goes", "went", "gone", "going"]),
];

/// A phrase expanded: one set of literal alternatives per gap-separated segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    /// Literal strings (folded, lower-case) for each segment, in order.
    pub segments: Vec<Vec<String>>,
}

/// Checks phrase syntax without expanding it.
pub fn validate(text: &str) -> Result<(), String> {
    expand(text, &[]).map(|_| ())
}

/// Expands `text` into literals, applying the pack's spelling variants.
pub fn expand(text: &str, spellings: &[Vec<String>]) -> Result<Expanded, String> {
    let normalised = text.replace('…', " … ").replace("...", " … ");
    let mut segments = Vec::new();
    let mut current: Vec<Vec<String>> = Vec::new();
    let words: Vec<&str> = normalised.split_whitespace().collect();
    let last_word = words.len().saturating_sub(1);
    let mut tokens = words.iter().copied().enumerate().peekable();
    while let Some((position, token)) = tokens.next() {
        if token == "…" {
            if current.is_empty() {
                return Err(format!(
                    "phrase `{text}` starts with a gap or has two in a row"
                ));
            }
            segments.push(std::mem::take(&mut current));
            continue;
        }
        if let Some(inner) = token.strip_prefix('[') {
            let mut words = vec![inner.to_string()];
            while !words.last().is_some_and(|w| w.ends_with(']')) {
                match tokens.next() {
                    Some((_, next)) => words.push(next.to_string()),
                    None => return Err(format!("phrase `{text}` opens `[` without closing it")),
                }
            }
            let joined = words.join(" ");
            let inner = joined.trim_end_matches(']');
            let mut options = expand_words(inner, spellings, text)?;
            options.push(String::new());
            current.push(options);
            continue;
        }
        if token.contains(['[', ']']) {
            return Err(format!("phrase `{text}` has a stray `[` or `]`"));
        }
        let inflection = match position {
            0 => Inflection::Full,
            p if p == last_word => Inflection::Plural,
            _ => Inflection::None,
        };
        current.push(word_forms(token, inflection, spellings, text)?);
    }
    if current.is_empty() {
        return Err(format!("phrase `{text}` ends with a gap or has no words"));
    }
    segments.push(current);
    if segments.len() > super::compile::MAX_GAPS + 1 {
        return Err(format!(
            "phrase `{text}` has more than {} gaps",
            super::compile::MAX_GAPS
        ));
    }
    if segments.iter().any(|slots| {
        slots
            .iter()
            .all(|options| options.iter().any(String::is_empty))
    }) {
        return Err(format!(
            "phrase `{text}` can match nothing but optional words"
        ));
    }
    let segments = segments
        .into_iter()
        .map(|slots| cartesian(&slots, text))
        .collect::<Result<Vec<_>, _>>()?;
    let longest = segments.iter().flatten().max_by_key(|l| l.len());
    if let Some(literal) = longest.filter(|l| l.len() > MAX_LITERAL_BYTES) {
        return Err(format!(
            "phrase `{}` matches `{}`, {} bytes, more than the limit of {MAX_LITERAL_BYTES}; \
             split it or use a gap (`…`)",
            shorten(text),
            shorten(literal),
            literal.len()
        ));
    }
    Ok(Expanded { segments })
}

/// The start of a long phrase, for messages.
fn shorten(phrase: &str) -> String {
    match phrase.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &phrase[..cut]),
        None => phrase.to_string(),
    }
}

fn expand_words(
    words: &str,
    spellings: &[Vec<String>],
    phrase: &str,
) -> Result<Vec<String>, String> {
    let slots = words
        .split_whitespace()
        .map(|word| word_forms(word, Inflection::None, spellings, phrase))
        .collect::<Result<Vec<_>, _>>()?;
    cartesian(&slots, phrase)
}

fn cartesian(slots: &[Vec<String>], phrase: &str) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    for options in slots {
        let mut next = Vec::with_capacity(out.len() * options.len());
        for prefix in &out {
            for option in options {
                let joined = match (prefix.is_empty(), option.is_empty()) {
                    (_, true) => prefix.clone(),
                    (true, false) => option.clone(),
                    (false, false) => format!("{prefix} {option}"),
                };
                next.push(joined);
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err(format!(
                "phrase `{phrase}` expands to more than {MAX_EXPANSIONS} forms; split it"
            ));
        }
        out = next;
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err(format!(
            "phrase `{phrase}` can match nothing but optional words"
        ));
    }
    Ok(out)
}

/// Which inflected forms a word position gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inflection {
    /// Verb and noun forms (`reject`, `rejects`, `rejected`, `rejecting`).
    Full,
    /// Plural only (`system`, `systems`).
    Plural,
    /// As written.
    None,
}

/// All forms of one token: alternatives, spelling variants, inflections.
fn word_forms(
    token: &str,
    inflection: Inflection,
    spellings: &[Vec<String>],
    phrase: &str,
) -> Result<Vec<String>, String> {
    let mut forms = Vec::new();
    for alternative in token.split('/') {
        if alternative.is_empty() {
            return Err(format!("phrase `{phrase}` has an empty `/` alternative"));
        }
        let (exact, word) = match alternative.strip_prefix('=') {
            Some(word) => (true, word),
            None => (false, alternative),
        };
        let inflect = !exact && word.chars().all(|c| c.is_ascii_lowercase());
        let folded = crate::normalize::fold_phrase(word);
        for variant in spelling_variants(&folded, spellings) {
            match inflection {
                Inflection::Full if inflect => forms.extend(inflections(&variant)),
                Inflection::Plural if inflect => forms.extend(plural(&variant)),
                _ => forms.push(variant),
            }
        }
    }
    forms.sort();
    forms.dedup();
    Ok(forms)
}

fn spelling_variants(word: &str, spellings: &[Vec<String>]) -> Vec<String> {
    spellings
        .iter()
        .find(|group| group.iter().any(|w| w.eq_ignore_ascii_case(word)))
        .map(|group| group.iter().map(|w| w.to_lowercase()).collect())
        .unwrap_or_else(|| vec![word.to_string()])
}

/// A noun and its plural (`system`, `systems`; `policy`, `policies`).
fn plural(word: &str) -> Vec<String> {
    if word.len() < 3 || UNINFLECTED.contains(&word) || word.ends_with('s') {
        return vec![word.to_string()];
    }
    let plural = if word.ends_with('y') && !word.ends_with("ey") && !word.ends_with("ay") {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else {
        format!("{word}s")
    };
    vec![word.to_string(), plural]
}

/// A word and its regular (or known irregular) inflections.
pub fn inflections(word: &str) -> Vec<String> {
    if word.len() < 3 || UNINFLECTED.contains(&word) {
        if let Some((_, forms)) = IRREGULAR.iter().find(|(base, _)| *base == word) {
            return std::iter::once(word.to_string())
                .chain(forms.iter().map(|f| f.to_string()))
                .collect();
        }
        return vec![word.to_string()];
    }
    if let Some((_, forms)) = IRREGULAR.iter().find(|(base, _)| *base == word) {
        return std::iter::once(word.to_string())
            .chain(forms.iter().map(|f| f.to_string()))
            .collect();
    }
    let mut forms = vec![word.to_string()];
    let bytes = word.as_bytes();
    let last = bytes[bytes.len() - 1];
    let before_last = bytes[bytes.len() - 2];
    let is_vowel = |b: u8| b"aeiou".contains(&b);
    if last == b'e' {
        let stem = &word[..word.len() - 1];
        forms.extend([format!("{word}s"), format!("{word}d"), format!("{stem}ing")]);
    } else if last == b'y' && !is_vowel(before_last) {
        let stem = &word[..word.len() - 1];
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{word}ing"),
        ]);
    } else if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with("ch")
        || word.ends_with("sh")
        || word.ends_with('z')
    {
        forms.extend([
            format!("{word}es"),
            format!("{word}ed"),
            format!("{word}ing"),
        ]);
    } else {
        forms.extend([
            format!("{word}s"),
            format!("{word}ed"),
            format!("{word}ing"),
        ]);
        let short_cvc = bytes.len() <= 4
            && !is_vowel(last)
            && !b"wxy".contains(&last)
            && is_vowel(before_last)
            && !is_vowel(bytes[bytes.len() - 3]);
        // British spelling doubles a final l: signalled, labelled.
        let british_l = last == b'l' && is_vowel(before_last);
        if short_cvc || british_l {
            let doubled = format!("{word}{}", last as char);
            forms.extend([format!("{doubled}ed"), format!("{doubled}ing")]);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(text: &str) -> Vec<Vec<String>> {
        expand(text, &[vec!["defence".into(), "defense".into()]])
            .unwrap()
            .segments
    }

    #[test]
    fn inflects_lower_case_words_only() {
        let forms = &literals("reject NATO")[0];
        for form in [
            "reject nato",
            "rejects nato",
            "rejected nato",
            "rejecting nato",
        ] {
            assert!(forms.contains(&form.to_string()), "{form} in {forms:?}");
        }
        assert!(!forms.iter().any(|f| f.contains("natos")));
    }

    #[test]
    fn inflection_table() {
        let cases = [
            ("urge", vec!["urge", "urges", "urged", "urging"]),
            ("deny", vec!["deny", "denies", "denied", "denying"]),
            ("push", vec!["push", "pushes", "pushed", "pushing"]),
            ("stop", vec!["stop", "stops", "stopped", "stopping"]),
            (
                "signal",
                vec![
                    "signal",
                    "signals",
                    "signaled",
                    "signaling",
                    "signalled",
                    "signalling",
                ],
            ),
            ("hold", vec!["hold", "holds", "held", "holding"]),
            ("not", vec!["not"]),
        ];
        for (word, expected) in cases {
            let mut got = inflections(word);
            got.sort();
            let mut expected: Vec<String> = expected.into_iter().map(String::from).collect();
            expected.sort();
            assert_eq!(got, expected, "{word}");
        }
    }

    #[test]
    fn alternatives_optionals_gaps_and_spellings() {
        assert_eq!(
            literals("Kyiv/Kiev"),
            vec![vec!["kiev".to_string(), "kyiv".to_string()]]
        );
        let optional = &literals("[the] =defence bloc")[0];
        assert!(optional.contains(&"defense bloc".to_string()));
        assert!(optional.contains(&"the defence bloc".to_string()));
        let gapped = literals("=warn … against");
        assert_eq!(gapped.len(), 2);
        assert_eq!(literals("=warn ... against").len(), 2);
        assert_eq!(
            literals("doesn’t =want")[0],
            vec!["doesn't want".to_string()]
        );
    }

    #[test]
    fn syntax_errors_are_explained() {
        let cases = [
            ("… against", "starts with a gap"),
            ("warn …", "ends with a gap"),
            ("[the defence", "without closing"),
            ("a//b", "empty `/` alternative"),
            ("[the]", "nothing but optional"),
        ];
        for (phrase, message) in cases {
            let err = validate(phrase).unwrap_err();
            assert!(err.contains(message), "{phrase}: {err}");
        }
    }
}
