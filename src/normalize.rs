//! Character folding shared by article text and rule phrases, so that a phrase
//! written `doesn't` matches `doesn’t`, `Orban` matches `Orbán`, and `Kyiv –`
//! matches `Kyiv -`.

/// How one character of the original text appears in the matching text.
pub fn fold_char(c: char) -> Folded {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Folded::Char('"'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folded::Char('\'')
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Folded::Char('-'),
        '\u{2026}' => Folded::Str("..."),
        '\n' => Folded::Char('\n'),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => Folded::Drop,
        c if c.is_whitespace() => Folded::Space,
        c if c.is_ascii() => Folded::Char(c),
        c => fold_latin(c).map_or(Folded::Char(c), Folded::Char),
    }
}

/// The result of folding one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// Replace with this character.
    Char(char),
    /// Replace with this string.
    Str(&'static str),
    /// White space (runs of it collapse to one space).
    Space,
    /// Remove (soft hyphens, zero-width characters).
    Drop,
}

/// Latin letters with diacritics to their base letter (`á` -> `a`, `Ł` -> `L`).
fn fold_latin(c: char) -> Option<char> {
    const TABLE: [(&str, char); 24] = [
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ñńņňł", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöøōŏő", 'o'),
        ("ÒÓÔÕÖØŌŎŐ", 'O'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ýÿ", 'y'),
        ("Ý", 'Y'),
        ("śŝşšș", 's'),
        ("ŚŜŞŠȘ", 'S'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
        ("ţťțŧ", 't'),
        ("ŕřŗ", 'r'),
        ("ğĝġģ", 'g'),
    ];
    if c == 'ł' {
        return Some('l');
    }
    if c == 'Ł' {
        return Some('L');
    }
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|&(_, base)| base)
}

/// Folds a whole string the way article text is folded, lower-cased: the form rule phrases take.
pub fn fold_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match fold_char(c) {
            Folded::Space | Folded::Char('\n') => pending_space = !out.is_empty(),
            Folded::Drop => {}
            folded => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                match folded {
                    Folded::Char(c) => out.extend(c.to_lowercase()),
                    Folded::Str(s) => out.push_str(s),
                    _ => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_letters_and_space() {
        let cases = [
            ("curly apostrophe", "doesn’t", "doesn't"),
            ("diacritics", "Viktor Orbán, Andriï", "viktor orban, andrii"),
            ("dashes", "war – peace", "war - peace"),
            ("space runs", "  a \t\n b ", "a b"),
            ("ellipsis", "out…", "out..."),
            ("quotes", "“x”", "\"x\""),
        ];
        for (name, input, expected) in cases {
            assert_eq!(fold_phrase(input), expected, "{name}");
        }
    }
}
