//! Escaping text for each output format, so that any quote an article holds
//! (with `"`, `\`, `|`, `<`, `&`, braces or line breaks) yields valid output.

/// The text on one line: every run of white space (line breaks included)
/// becomes one space, control characters are dropped, ends are trimmed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
    }
    out
}

/// Text for Markdown running text and table cells: on one line, with
/// Markdown's punctuation backslash-escaped and `<`, `>`, `&` as entities
/// (so that no quote can open an HTML tag when the Markdown is rendered).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for HTML and XML, in element content and in quoted attributes.
/// Control characters XML 1.0 forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT quoted string, quotes included. Inside one, `"` and `\` need a
/// backslash, a line break becomes DOT's `\n`, and `&` becomes `&amp;`
/// because Graphviz reads entities in labels (`&lt;` would print as `<`).
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a
/// comma, a quote or a line break, or starts or ends with white space.
pub fn csv(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_escapes_its_special_characters() {
        type Case = (&'static str, fn(&str) -> String, &'static str, &'static str);
        let cases: [Case; 12] = [
            ("one line", one_line, "a\n  b\r\n\tc ", "a b c"),
            ("markdown pipe", markdown, "a | b", "a \\| b"),
            ("markdown lines", markdown, "a\nb", "a b"),
            ("markdown html", markdown, "<b>&", "&lt;b&gt;&amp;"),
            (
                "markdown emphasis",
                markdown,
                "*x* _y_ `z`",
                "\\*x\\* \\_y\\_ \\`z\\`",
            ),
            (
                "xml",
                xml,
                "a<b & \"c\" 'd'>",
                "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;",
            ),
            ("xml control", xml, "a\u{1}b\nc", "ab\nc"),
            ("dot quotes", dot, "say \"no\"", "\"say \\\"no\\\"\""),
            (
                "dot backslash and braces",
                dot,
                "a\\b {c} <d>",
                "\"a\\\\b {c} <d>\"",
            ),
            ("dot newline and amp", dot, "a\nb & c", "\"a\\nb &amp; c\""),
            ("csv plain", csv, "plain", "plain"),
            ("csv quoted", csv, "a, \"b\"\nc", "\"a, \"\"b\"\"\nc\""),
        ];
        for (name, escape, input, expected) in cases {
            assert_eq!(escape(input), expected, "{name}");
        }
    }
}
