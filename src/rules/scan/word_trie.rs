//! The literals that start with a word byte, as a trie over token ids.
//!
//! A step reads one token of the text (a word, or the separator run between
//! two words), so a walk from a word costs one step per token it shares
//! with some literal, and a word that starts no literal costs one look-up.
//! A literal that ends with a separator (`u.s.`) is kept beside the node of
//! its last word: it matches when the text's run after that word starts
//! with it and goes on with more non-word bytes, or ends the text.

use super::tokens::{TextWord, TokenTable, NO_TOKEN};

/// No literal ends at this node.
const NO_LITERAL: u32 = u32::MAX;

/// Nodes with more children than this find them by binary search.
const LINEAR: usize = 8;

/// A trie over token sequences; node 0 is the root.
#[derive(Debug, Clone)]
pub(crate) struct WordTrie {
    /// How many tokens start a literal: token `t` below this is node `t + 1`.
    starters: u32,
    nodes: Vec<Node>,
    /// The token leading to each node; a node's children are consecutive
    /// and in token order.
    tokens: Vec<u32>,
    /// Literals ending in a separator: (node of the last word, separator
    /// bytes, literal), by node, then shortest separator first.
    trailing: Vec<(u32, Box<[u8]>, u32)>,
}

/// One trie node.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The literal ending here, or `NO_LITERAL`.
    literal: u32,
    /// The first child.
    first_child: u32,
    /// How many children.
    children: u32,
    /// Whether some literal is this node's path plus a separator.
    trailing: bool,
    /// The child along a one-space separator, or 0: the commonest step,
    /// taken without looking the separator up.
    space: u32,
    /// Bit `t % 64` set for each child's token `t`: most tokens of a text
    /// lead to no child, and most of those are turned away by this bit.
    child_bits: u64,
}

/// A literal as tokens: its id, its token ids, and for one ending in a
/// separator, that separator's bytes (left out of the token ids).
pub(crate) struct TokenLiteral {
    /// Literal id, reported on a match.
    pub id: u32,
    /// Tokens up to the last word.
    pub tokens: Vec<u32>,
    /// The separator ending the literal, if any.
    pub trailing: Option<Box<[u8]>>,
}

/// Construction.
impl WordTrie {
    /// The trie of `literals`, whose first tokens are exactly the ids below
    /// `starters`; `space` is the token of a one-space separator. Of two
    /// literals with the same tokens, the one with the lower id is kept.
    pub fn new(mut literals: Vec<TokenLiteral>, starters: u32, space: u32) -> WordTrie {
        literals.sort_unstable_by(|a, b| {
            let separator_len = |l: &TokenLiteral| l.trailing.as_ref().map(|s| s.len());
            (&a.tokens, separator_len(a), a.id).cmp(&(&b.tokens, separator_len(b), b.id))
        });
        let mut trie = WordTrie {
            starters,
            nodes: vec![Node {
                literal: NO_LITERAL,
                first_child: 0,
                children: 0,
                trailing: false,
                space: 0,
                child_bits: 0,
            }],
            tokens: vec![NO_TOKEN],
            trailing: Vec::new(),
        };
        // Each item: a node, the literals below it (sorted, so sharing its
        // path) and its depth. Children are pushed together, so consecutive.
        let mut pending = vec![(0u32, 0..literals.len(), 0usize)];
        while let Some((node, range, depth)) = pending.pop() {
            let mut i = range.start;
            while i < range.end && literals[i].tokens.len() == depth {
                let literal = &mut literals[i];
                match literal.trailing.take() {
                    Some(separator) => {
                        trie.nodes[node as usize].trailing = true;
                        trie.trailing.push((node, separator, literal.id));
                    }
                    None if trie.nodes[node as usize].literal == NO_LITERAL => {
                        trie.nodes[node as usize].literal = literal.id;
                    }
                    None => {}
                }
                i += 1;
            }
            let first_child = trie.nodes.len() as u32;
            while i < range.end {
                let token = literals[i].tokens[depth];
                let run = i + literals[i..range.end]
                    .iter()
                    .take_while(|l| l.tokens[depth] == token)
                    .count();
                let child = trie.nodes.len() as u32;
                trie.nodes.push(Node {
                    literal: NO_LITERAL,
                    first_child: 0,
                    children: 0,
                    trailing: false,
                    space: 0,
                    child_bits: 0,
                });
                trie.tokens.push(token);
                trie.nodes[node as usize].child_bits |= child_bit(token);
                debug_assert!(node != 0 || child == token + 1, "starters come first");
                pending.push((child, i..run, depth + 1));
                i = run;
            }
            let children = trie.nodes.len() as u32 - first_child;
            let parent = &mut trie.nodes[node as usize];
            parent.first_child = first_child;
            parent.children = children;
        }
        // Equal separators of one node come from literals equal up to case.
        trie.trailing
            .sort_by(|a, b| (a.0, a.1.len(), &a.1, a.2).cmp(&(b.0, b.1.len(), &b.1, b.2)));
        trie.trailing
            .dedup_by(|later, kept| later.0 == kept.0 && later.1 == kept.1);
        for node in 0..trie.nodes.len() {
            trie.nodes[node].space = trie.child(&trie.nodes[node], space);
        }
        trie.nodes.shrink_to_fit();
        trie.tokens.shrink_to_fit();
        trie
    }
}

/// Search.
impl WordTrie {
    /// Calls `found(end, literal)` for every literal matching from the start
    /// of `words[first]`, by end; `tokens` looks up the separators. That
    /// word's token starts a literal (see `starts_literal`).
    #[inline(always)]
    pub fn for_each_match(
        &self,
        tokens: &TokenTable,
        text: &[u8],
        words: &[TextWord],
        first: usize,
        mut found: impl FnMut(usize, u32),
    ) {
        let word = words[first].word;
        debug_assert!(self.starts_literal(word));
        let mut node = word + 1;
        let mut at = first;
        while node != 0 {
            let here = &self.nodes[node as usize];
            if here.literal != NO_LITERAL {
                found(words[at].end, here.literal);
            }
            if here.trailing {
                self.trailing_matches(node, text, words, at, &mut found);
            }
            if here.children == 0 {
                break;
            }
            // No literal goes on past the text's last word, nor through a
            // word that is no token (two in five words of a text).
            let Some(next) = words.get(at + 1).filter(|next| next.word != NO_TOKEN) else {
                break;
            };
            let end = words[at].end;
            // A word's children are separators: one not the space is looked up
            // only if some child is along another separator.
            node = if next.start == end + 1 && text[end] == b' ' {
                here.space
            } else if here.children > u32::from(here.space != 0) {
                self.child(here, tokens.separator(text, end, next.start))
            } else {
                0
            };
            if node == 0 {
                break;
            }
            at += 1;
            node = self.child(&self.nodes[node as usize], next.word);
        }
    }

    /// Whether token `word` is the first of some literal.
    #[inline]
    pub fn starts_literal(&self, word: u32) -> bool {
        word < self.starters
    }

    /// Reports the literals that are `node`'s path plus a separator, found
    /// after `words[at]`.
    fn trailing_matches(
        &self,
        node: u32,
        text: &[u8],
        words: &[TextWord],
        at: usize,
        found: &mut impl FnMut(usize, u32),
    ) {
        let start = words[at].end;
        let end = words.get(at + 1).map_or(text.len(), |next| next.start);
        let run = &text[start..end];
        let from = self.trailing.partition_point(|t| t.0 < node);
        for (_, separator, literal) in self.trailing[from..].iter().take_while(|t| t.0 == node) {
            let fits =
                run.starts_with(separator) && (separator.len() < run.len() || end == text.len());
            if fits {
                found(start + separator.len(), *literal);
            }
        }
    }

    /// The child of `node` along `token`, or 0.
    #[inline]
    fn child(&self, node: &Node, token: u32) -> u32 {
        if node.child_bits & child_bit(token) == 0 {
            return 0;
        }
        let first = node.first_child as usize;
        let tokens = &self.tokens[first..first + node.children as usize];
        let found = if tokens.len() <= LINEAR {
            tokens.iter().position(|&t| t == token)
        } else {
            tokens.binary_search(&token).ok()
        };
        found.map_or(0, |i| (first + i) as u32)
    }
}

/// The bit of `token` in `Node::child_bits`.
#[inline]
fn child_bit(token: u32) -> u64 {
    1 << (token % 64)
}
