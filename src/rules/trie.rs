//! Every literal of a rule pack in one byte trie, walked from each word start.
//!
//! Rule phrases only ever match whole words: a literal counts when the byte
//! before it and the byte after it are not word bytes (ASCII letters and
//! digits, and every byte of a non-ASCII character). So instead of running
//! an Aho-Corasick automaton over every byte and throwing away the matches
//! inside words (`in` in `within`), the search walks the trie from each
//! position that follows a non-word byte and stops as soon as the text leaves
//! the trie. The work per article then depends on its words, and barely on
//! how many literals the pack holds. Matching is ASCII case-insensitive, like
//! the automaton it replaces: literals are stored lower-cased and each text
//! byte is lower-cased as it is read.

/// No literal ends at this node.
const NO_LITERAL: u32 = u32::MAX;

/// The literals of a pack as a trie with sorted, contiguous edge lists.
#[derive(Debug, Clone)]
pub struct LiteralTrie {
    /// The root's child for every first byte (0: none; the root is node 0
    /// and never anyone's child).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Edge labels: node `n`'s are `edge_bytes[n.first_edge..][..n.edges]`, ascending.
    edge_bytes: Vec<u8>,
    /// The child at the end of each edge.
    edge_targets: Vec<u32>,
    /// The byte class of every byte: each byte some literal holds has its
    /// own class, all others share class 0.
    class: Box<[u16; 256]>,
    /// How many classes there are.
    classes: usize,
    /// Children of wide nodes by byte class, `classes` entries per wide node
    /// (0: none): most steps happen near the root, where nodes are wide.
    wide: Vec<u32>,
}

/// Nodes with more edges than this get a row in `wide`.
const NARROW: u32 = 4;

/// One trie node: where its edges are and the literal ending there.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// For a narrow node, its first edge; for a wide one, its row in `wide`.
    first_edge: u32,
    edges: u32,
    /// The literal ending here, or `NO_LITERAL`.
    literal: u32,
}

/// Construction.
impl LiteralTrie {
    /// Builds the trie of `literals`; literal `i` is reported as `i`. Two
    /// literals equal up to ASCII case are one literal: only the first is kept.
    pub fn new(literals: &[String]) -> LiteralTrie {
        let keys: Vec<Vec<u8>> = literals
            .iter()
            .map(|l| l.as_bytes().to_ascii_lowercase())
            .collect();
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));

        // Inserted in sorted order, a node's children are created in
        // ascending byte order, so a stable grouping by parent keeps them sorted.
        let mut parent: Vec<u32> = vec![0];
        let mut byte: Vec<u8> = vec![0];
        let mut literal: Vec<u32> = vec![NO_LITERAL];
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for &id in &order {
            let key = keys[id as usize].as_slice();
            let common = key.iter().zip(previous).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &key[common..] {
                let node = parent.len() as u32;
                parent.push(*path.last().expect("the path holds the root"));
                byte.push(b);
                literal.push(NO_LITERAL);
                path.push(node);
            }
            let end = *path.last().expect("the path holds the root") as usize;
            if literal[end] == NO_LITERAL && !key.is_empty() {
                literal[end] = id;
            }
            previous = key;
        }

        let count = parent.len();
        let mut nodes = vec![
            Node {
                first_edge: 0,
                edges: 0,
                literal: NO_LITERAL,
            };
            count
        ];
        for &p in &parent[1..] {
            nodes[p as usize].edges += 1;
        }
        let mut next_edge = 0;
        for (node, &literal) in nodes.iter_mut().zip(&literal) {
            node.first_edge = next_edge;
            node.literal = literal;
            next_edge += node.edges;
        }
        let mut fill: Vec<u32> = nodes.iter().map(|n| n.first_edge).collect();
        let mut edge_bytes = vec![0u8; count - 1];
        let mut edge_targets = vec![0u32; count - 1];
        for child in 1..count {
            let slot = &mut fill[parent[child] as usize];
            edge_bytes[*slot as usize] = byte[child];
            edge_targets[*slot as usize] = child as u32;
            *slot += 1;
        }
        let mut root = Box::new([0u32; 256]);
        for edge in 0..nodes[0].edges as usize {
            root[edge_bytes[edge] as usize] = edge_targets[edge];
        }
        let mut seen = [false; 256];
        for &b in &edge_bytes {
            seen[b as usize] = true;
        }
        let mut class = Box::new([0u16; 256]);
        let mut classes = 1;
        for (b, _) in seen.iter().enumerate().filter(|(_, &seen)| seen) {
            class[b] = classes as u16;
            classes += 1;
        }
        let mut wide = Vec::new();
        for node in nodes.iter_mut().filter(|n| n.edges > NARROW) {
            let row = wide.len();
            wide.resize(row + classes, 0);
            let edges = node.first_edge as usize..(node.first_edge + node.edges) as usize;
            for edge in edges {
                wide[row + class[edge_bytes[edge] as usize] as usize] = edge_targets[edge];
            }
            node.first_edge = (row / classes) as u32;
        }
        LiteralTrie {
            root,
            nodes,
            edge_bytes,
            edge_targets,
            class,
            classes,
            wide,
        }
    }
}

/// Search.
impl LiteralTrie {
    /// Calls `found(start, end, literal)` for every literal standing as whole
    /// words in `text`, by start, then by end.
    pub fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, u32)) {
        let mut after_word = false;
        for (start, &first) in text.iter().enumerate() {
            let candidate = !after_word;
            after_word = WORD[first as usize];
            if !candidate {
                continue;
            }
            let mut node = self.root[LOWER[first as usize] as usize];
            let mut end = start + 1;
            while node != 0 {
                let Node {
                    first_edge,
                    edges,
                    literal,
                } = self.nodes[node as usize];
                let next = text.get(end).copied();
                if literal != NO_LITERAL && !next.is_some_and(|b| WORD[b as usize]) {
                    found(start, end, literal);
                }
                let Some(next) = next else { break };
                node = self.child(first_edge as usize, edges as usize, LOWER[next as usize]);
                end += 1;
            }
        }
    }

    /// The target of the edge labelled `byte` from a node, or 0.
    fn child(&self, first_edge: usize, edges: usize, byte: u8) -> u32 {
        if edges > NARROW as usize {
            let class = self.class[byte as usize] as usize;
            return self.wide[first_edge * self.classes + class];
        }
        let Some(bytes) = self.edge_bytes.get(first_edge..first_edge + edges) else {
            return 0;
        };
        bytes
            .iter()
            .position(|&b| b == byte)
            .map_or(0, |i| self.edge_targets[first_edge + i])
    }
}

/// Letters, digits and every byte of a non-ASCII character.
const WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte >= 0x80;
        b += 1;
    }
    table
};

/// ASCII lower case of every byte.
const LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(literals: &[&str], text: &str) -> Vec<(String, u32)> {
        let literals: Vec<String> = literals.iter().map(|l| l.to_string()).collect();
        let trie = LiteralTrie::new(&literals);
        let mut found = Vec::new();
        trie.for_each_match(text.as_bytes(), |start, end, literal| {
            found.push((text[start..end].to_string(), literal));
        });
        found
    }

    #[test]
    fn whole_words_any_case_by_start_then_end() {
        type Case<'a> = (&'a str, &'a [&'a str], &'a str, &'a [(&'a str, u32)]);
        let cases: [Case; 6] = [
            (
                "overlapping, shorter first",
                &["in favour", "in favour of", "favour"],
                "In favour of it",
                &[("In favour", 0), ("In favour of", 1), ("favour", 2)],
            ),
            ("inside a word", &["in", "he"], "within the", &[]),
            (
                "punctuation around",
                &["nato", "u.s."],
                "(NATO), the U.S.",
                &[("NATO", 0), ("U.S.", 1)],
            ),
            (
                "non-ASCII is a word byte",
                &["kyiv"],
                "Kyivé Kyiv",
                &[("Kyiv", 0)],
            ),
            (
                "apostrophes and spaces inside",
                &["albania's customs", "albania"],
                "Albania's customs",
                &[("Albania", 1), ("Albania's customs", 0)],
            ),
            ("end of text", &["war"], "end the war", &[("war", 0)]),
        ];
        for (name, literals, text, expected) in cases {
            let expected: Vec<(String, u32)> =
                expected.iter().map(|(s, l)| (s.to_string(), *l)).collect();
            assert_eq!(matches(literals, text), expected, "{name}");
        }
    }

    #[test]
    fn same_literal_in_two_cases_is_one() {
        assert_eq!(
            matches(&["Nato", "nato"], "nato"),
            [("nato".to_string(), 0)]
        );
    }

    #[test]
    fn wide_nodes_use_class_rows() {
        let literals: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let refs: Vec<&str> = literals.iter().map(String::as_str).collect();
        assert_eq!(
            matches(&refs, "xq xa xz"),
            [
                ("xq".to_string(), 16),
                ("xa".to_string(), 0),
                ("xz".to_string(), 25)
            ]
        );
    }
}
