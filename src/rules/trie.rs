//! Literals in a byte trie, walked from each word start. The scan keeps it
//! for the literals that start with a non-word byte (`(nato`); the others
//! go word by word (see `scan`).
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

/// The literals of a pack as a trie whose nodes keep their children side by
/// side (numbered breadth first), so a step reads one 16-byte node.
#[derive(Debug, Clone)]
pub struct LiteralTrie {
    /// The root's child for every first byte (0: none; the root is node 0
    /// and never anyone's child).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// The byte class of every byte: each byte some literal holds has its
    /// own class, all others share class 0.
    class: Box<[u16; 256]>,
    /// How many classes there are.
    classes: usize,
    /// Children of wide nodes by byte class, `classes` entries per wide node
    /// (0: none): most steps happen near the root, where nodes are wide.
    wide: Vec<u32>,
}

/// Nodes with more children than this look them up in `wide`.
const NARROW: usize = 4;

/// One trie node.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// The literal ending here, or `NO_LITERAL`.
    literal: u32,
    /// The first child; the others follow it, in byte order.
    first_child: u32,
    /// How many children.
    children: u32,
    /// A narrow node's child bytes; a wide node's row in `wide`.
    labels: [u8; NARROW],
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

        drop(keys);
        // Children of each node (creation ids), in byte order. Offsets are
        // u32 like node ids: a 50k-phrase pack has millions of nodes.
        let count = parent.len();
        let mut child_start = vec![0u32; count + 1];
        for &p in &parent[1..] {
            child_start[p as usize + 1] += 1;
        }
        for n in 0..count {
            child_start[n + 1] += child_start[n];
        }
        let mut children = vec![0u32; count.saturating_sub(1)];
        {
            let mut fill = child_start.clone();
            for child in 1..count {
                let slot = &mut fill[parent[child] as usize];
                children[*slot as usize] = child as u32;
                *slot += 1;
            }
        }
        drop(parent);
        let kids_of =
            |node: usize| &children[child_start[node] as usize..child_start[node + 1] as usize];

        // Number the nodes breadth first, so that siblings are consecutive.
        let mut new_id = vec![0u32; count];
        let mut queue = vec![0u32];
        let mut next = 0;
        while next < queue.len() {
            let old = queue[next] as usize;
            next += 1;
            for &child in kids_of(old) {
                new_id[child as usize] = queue.len() as u32;
                queue.push(child);
            }
        }
        let mut seen = [false; 256];
        for &b in &byte[1..] {
            seen[b as usize] = true;
        }
        let mut class = Box::new([0u16; 256]);
        let mut classes = 1;
        for (b, _) in seen.iter().enumerate().filter(|(_, &seen)| seen) {
            class[b] = classes as u16;
            classes += 1;
        }
        let mut nodes = vec![Node::default(); count];
        let mut wide = Vec::new();
        for (id, &old) in queue.iter().enumerate() {
            let old = old as usize;
            let kids = kids_of(old);
            let node = &mut nodes[id];
            node.literal = literal[old];
            node.children = kids.len() as u32;
            node.first_child = kids.first().map_or(0, |&k| new_id[k as usize]);
            if kids.len() > NARROW {
                let row = wide.len() / classes;
                wide.resize(wide.len() + classes, 0);
                for &k in kids {
                    wide[row * classes + class[byte[k as usize] as usize] as usize] =
                        new_id[k as usize];
                }
                node.labels = (row as u32).to_le_bytes();
            } else {
                for (label, &k) in node.labels.iter_mut().zip(kids) {
                    *label = byte[k as usize];
                }
            }
        }
        let mut root = Box::new([0u32; 256]);
        let first = nodes[0].first_child;
        for (i, &k) in kids_of(0).iter().enumerate() {
            root[byte[k as usize] as usize] = first + i as u32;
        }
        LiteralTrie {
            root,
            nodes,
            class,
            classes,
            wide,
        }
    }
}

/// Search.
impl LiteralTrie {
    /// Calls `found(start, end, literal)` for every literal standing as whole
    /// words from `start`, by end; the caller checks the byte before `start`.
    pub fn for_each_match_at(
        &self,
        text: &[u8],
        start: usize,
        found: &mut impl FnMut(usize, usize, u32),
    ) {
        let mut node = self.root[LOWER[text[start] as usize] as usize];
        let mut end = start + 1;
        while node != 0 {
            let here = self.nodes[node as usize];
            let next = text.get(end).copied();
            if here.literal != NO_LITERAL && !next.is_some_and(|b| WORD[b as usize]) {
                found(start, end, here.literal);
            }
            let Some(next) = next else { break };
            node = self.child(&here, LOWER[next as usize]);
            end += 1;
        }
    }

    /// The child of `node` along `byte`, or 0.
    fn child(&self, node: &Node, byte: u8) -> u32 {
        let children = node.children as usize;
        if children > NARROW {
            let row = u32::from_le_bytes(node.labels) as usize;
            let class = self.class[byte as usize] as usize;
            return self.wide[row * self.classes + class];
        }
        node.labels[..children]
            .iter()
            .position(|&label| label == byte)
            .map_or(0, |i| node.first_child + i as u32)
    }
}

/// Letters, digits and every byte of a non-ASCII character.
pub(super) const WORD: [bool; 256] = {
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
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            if start == 0 || !WORD[bytes[start - 1] as usize] {
                trie.for_each_match_at(bytes, start, &mut |start, end, literal| {
                    found.push((text[start..end].to_string(), literal));
                });
            }
        }
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
