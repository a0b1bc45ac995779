//! Speech verbs and their subjects: the evidence for who speaks.

use super::resolve::advance;
use super::verbs::{inside_stance_phrase, Verb};
use super::{usable, Attribution, Method, Referent};
use crate::bytemask::{last_of_either, positions_of};
use crate::mentions::names::{name_at, name_before};
use crate::mentions::{Cue, Mention, MentionKind, Pronoun};
use crate::model::Span;
use crate::quotes::Quote;
use crate::segment::Segmented;

/// How far after a quote a speech verb still attributes it (`…,” Zelensky told the publication`).
const VERB_AFTER_WINDOW: usize = 10;

/// The most bytes before a verb searched for its clause (about 160 words):
/// far more than any clause of prose holds.
const LONGEST_CLAUSE: usize = 1000;

/// Words that open a subordinate clause at the start of a sentence.
const SUBORDINATORS: [&str; 11] = [
    "before", "after", "while", "although", "though", "when", "once", "if", "unless", "because",
    "since",
];

/// Words that may stand between a subject and its verb (`Trump has also said`).
const AUXILIARIES: [&str; 22] = [
    "also", "later", "then", "again", "has", "had", "have", "is", "was", "were", "are", "will",
    "would", "now", "still", "too", "once", "earlier", "further", "already", "even", "has been",
];

/// Everything the attribution rules look at in one sentence.
///
/// Folding leaves no white space in the text but spaces and line feeds, so
/// the rules split and trim it as ASCII, without decoding characters.
pub(super) struct Context<'a> {
    pub seg: &'a Segmented,
    pub quotes: &'a [Quote],
    /// The mentions that start in the sentence: all it can hold.
    pub mentions: &'a [Mention],
    /// The referents of `mentions`, parallel to them.
    pub referents: &'a [Referent],
    /// The article's cues (few rules need them: those search them by span).
    pub cues: &'a [Cue],
    /// The verbs that start in the sentence.
    pub verbs: &'a [Verb],
    /// The length of the longest cue, to narrow searches for cues around a span.
    pub longest_cue: usize,
}

impl Context<'_> {
    /// The number of words from `from` to `to`, or `cap` if there are more:
    /// every caller asks only whether there are a few, and the text after a
    /// quote can run on for a whole sentence.
    fn words_up_to(&self, cap: usize, from: usize, to: usize) -> usize {
        self.seg.text[from..to]
            .split_ascii_whitespace()
            .take(cap)
            .count()
    }

    /// Speech verbs (outside quotes) within `range`, in order.
    fn speech_verbs(
        &self,
        range: Span,
        cognition_too: bool,
    ) -> impl DoubleEndedIterator<Item = Span> + '_ {
        range
            .starting_within(self.verbs, |v| v.span)
            .iter()
            .filter(move |v| (cognition_too || !v.cognition) && range.contains(v.span))
            .map(|v| v.span)
    }

    fn is_according_to(&self, verb: Span) -> bool {
        const ACCORDING_TO: &str = "according to";
        // Most verbs are shorter: no need to slice them.
        verb.end - verb.start == ACCORDING_TO.len()
            && self.seg.slice(verb).eq_ignore_ascii_case(ACCORDING_TO)
    }

    /// Indices of the usable mentions inside `range`, in order.
    /// Cloning the iterator walks the same mentions again without searching for them.
    // Inlined: out of line, the calls cost 1.6 M more instructions per 5 MB.
    #[inline(always)]
    fn mentions_in(&self, range: Span) -> impl DoubleEndedIterator<Item = usize> + Clone + '_ {
        // Mentions are in text order: only those starting inside `range` can
        // lie in it.
        let candidates = range.indexes_starting_within(self.mentions, |m| m.span);
        candidates.filter(move |&m| {
            range.contains(self.mentions[m].span) && usable(&self.mentions[m], &self.referents[m])
        })
    }

    fn found(&self, mention: usize, cue: Span, method: Method) -> Attribution {
        Attribution {
            speaker: self.referents[mention].clone(),
            cue: Some(cue),
            method,
        }
    }

    /// The clause around `at`: from the last `;` (or sentence start) to the sentence end.
    /// A leading subordinate clause (`Before Trump takes office, …`) is not part of
    /// the main clause, so its mentions are not the main verb's subject.
    fn clause_start(&self, sentence: Span, at: usize) -> usize {
        self.clause_before(sentence, at).0
    }

    /// [`Self::clause_start`] of `at`, and the offset of the clause's last comma before `at`.
    fn clause_before(&self, sentence: Span, at: usize) -> (usize, Option<usize>) {
        // A clause longer than any of prose is cut at a word: a run-on
        // "sentence" (a page without full stops) would otherwise be searched
        // again before each of its verbs, at a cost growing with its square.
        let from = if at - sentence.start > LONGEST_CLAUSE {
            let window = at - LONGEST_CLAUSE;
            let bytes = &self.seg.text.as_bytes()[window..at];
            bytes
                .iter()
                .position(|&b| b == b' ')
                .map_or(at, |p| window + p + 1)
        } else {
            sentence.start
        };
        let before = &self.seg.text[from..at];
        let bytes = before.as_bytes();
        // One backward pass finds the last comma and any `;` after it; only
        // then the search for a `;` goes on.
        let (semicolon, comma) = match last_of_either(bytes, b';', b',') {
            Some(p) if bytes[p] == b',' => (last_of_either(&bytes[..p], b';', b';'), Some(p)),
            last => (last, None),
        };
        let comma = comma.map(|p| from + p);
        if let Some(p) = semicolon {
            return (from + p + 1, comma);
        }
        // A plain byte loop: the first word is short, a searcher costs more to set up.
        let first_space = bytes.iter().position(|&b| b == b' ');
        let subordinate = from == sentence.start
            && first_space.is_some_and(|end| {
                SUBORDINATORS
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(&before[..end]))
            });
        let start = subordinate
            .then(|| find_pair(before, b", "))
            .flatten()
            .map_or(from, |p| from + p + 1);
        (start, comma.filter(|&c| c >= start))
    }

    /// Whether `span` lies inside a judgement cue or topic phrase.
    fn inside_stance_phrase(&self, span: Span) -> bool {
        inside_stance_phrase(self.cues, self.longest_cue, span)
    }

    /// The subject of a verb at `verb`: after `who`/`which` the noun before it,
    /// else the first mention of the clause that no preposition governs.
    pub fn subject_of(&self, sentence: Span, verb: Span) -> Option<usize> {
        let (start, comma) = self.clause_before(sentence, verb.start);
        let tail = comma.map_or(start, |c| c + 1);
        if let Some(relative) = relative_pronoun(&self.seg.text[tail..verb.start]) {
            let relative_at = tail + relative;
            return self.mentions_in(Span::new(start, relative_at)).next_back();
        }
        let clause = Span::new(start, verb.start);
        // `she said`, `Trump later said`: a mention right before the verb is its subject.
        let in_clause = self.mentions_in(clause);
        if let Some(last) = in_clause.clone().next_back() {
            let gap = &self.seg.text[self.mentions[last].span.end..verb.start];
            // At most two words, each an adverb or auxiliary: one pass that
            // stops at the first word that is neither, or at a third word.
            let adverbs_only = || {
                let mut words = 0;
                gap == " "
                    || gap.split_ascii_whitespace().all(|w| {
                        words += 1;
                        words <= 2
                            && (w.ends_with("ly")
                                || AUXILIARIES.iter().any(|a| a.eq_ignore_ascii_case(w)))
                    })
            };
            if verb.end > verb.start
                && !self.mentions[last].after_preposition
                && adverbs_only()
                && !gap.contains([',', '"', '('])
            {
                return Some(last);
            }
        }
        // The first plain mention, else the first not after a preposition, else the last.
        let mut ungoverned = None;
        let mut last = None;
        for m in in_clause {
            let mention = &self.mentions[m];
            if matches!(mention.kind, MentionKind::Pronoun(Pronoun::It)) {
                continue;
            }
            if !mention.after_preposition {
                if !mention.possessive {
                    return Some(m);
                }
                ungoverned.get_or_insert(m);
            }
            last = Some(m);
        }
        ungoverned.or(last)
    }

    /// The first usable mention within a few words after `at`.
    fn mention_after(&self, at: usize, limit: usize, within: Span) -> Option<usize> {
        // Later mentions are no fewer words away: only the first can be near enough.
        self.mentions_in(Span::new(at, within.end))
            .next()
            .filter(|&m| self.words_up_to(limit + 1, at, self.mentions[m].span.start) <= limit)
    }

    /// Decides the speaker of quote `q` in sentence `sentence`.
    pub fn quote_speaker(
        &self,
        q: usize,
        sentence: usize,
        previous: &Attribution,
        last_quote: Option<&Attribution>,
    ) -> Attribution {
        let quote = &self.quotes[q];
        if quote.continues_paragraph {
            if let Some(last) = last_quote {
                return Attribution {
                    method: Method::Continuation,
                    ..last.clone()
                };
            }
        }
        let s = self.seg.sentences[sentence].span;
        // Quotes are in text order: the first starting after this one, if in the sentence.
        let next = advance(self.quotes, q, |other| other.outer.start < quote.outer.end);
        let next_quote = self
            .quotes
            .get(next)
            .map(|other| other.outer.start)
            .filter(|&start| start < s.end)
            .unwrap_or(s.end);
        let pre = Span::new(s.start, quote.outer.start.max(s.start));
        let post = Span::new(quote.outer.end.min(next_quote), next_quote);
        self.verb_after(quote, pre, post, s, true)
            .or_else(|| self.verb_before(pre, s))
            .or_else(|| self.verb_after(quote, pre, post, s, false))
            .or_else(|| {
                let has_own_verb = self.speech_verbs(s, false).next().is_some();
                (previous.is_known() && !has_own_verb).then(|| Attribution {
                    method: Method::Continuation,
                    ..previous.clone()
                })
            })
            .or_else(|| {
                let subject = self.subject_of(s, Span::new(pre.end, pre.end))?;
                let mention = self.mentions[subject].span;
                Some(self.found(subject, mention, Method::Subject))
            })
            .unwrap_or_else(Attribution::none)
    }

    /// `…,” he said` / `…,” said Rutte` / `…, Mariia Zolkina, an analyst, told Al Jazeera`.
    /// `near` accepts only attributions that start the text after the quote.
    fn verb_after(
        &self,
        quote: &Quote,
        pre: Span,
        post: Span,
        sentence: Span,
        near: bool,
    ) -> Option<Attribution> {
        let post_text = &self.seg.text[post.start..post.end];
        let content = self.seg.slice(quote.span);
        let pre_empty = !self.seg.text[pre.start..pre.end]
            .chars()
            .any(char::is_alphanumeric)
            || self.seg.text[pre.start..pre.end]
                .trim_ascii_end()
                .ends_with(['"', ','])
                && pre
                    .starting_within(self.quotes, |q| q.outer)
                    .iter()
                    .any(|other| pre.contains(other.outer));
        let starts_attribution = post_text.starts_with(',')
            || post_text.starts_with(" -")
            || content.ends_with([',', '?', '!'])
            || pre_empty;
        // `“Peace through strength” – Rutte`: a dash and a name close the sentence.
        if near && post_text.trim_start().starts_with('-') {
            // The name must end inside the attribution: a mention running past
            // it (`"a"-"a" Wh Wh`, found by fuzzing) names no one here.
            let named = self.mention_after(post.start, 1, sentence).filter(|&m| {
                self.seg
                    .text
                    .get(self.mentions[m].span.end..post.end)
                    .is_some_and(|rest| !rest.chars().any(char::is_alphanumeric))
            });
            if let Some(m) = named {
                return Some(self.found(m, post, Method::VerbAfter));
            }
        }
        for verb in self.speech_verbs(post, false) {
            let gap = self.words_up_to(VERB_AFTER_WINDOW + 1, post.start, verb.start);
            let immediate = gap == 0;
            if near && !(immediate || (starts_attribution && gap <= VERB_AFTER_WINDOW)) {
                continue;
            }
            let cue = Span::new(post.start, verb.end);
            if self.is_according_to(verb) {
                let after = self.mention_after(verb.end, 1, sentence)?;
                return Some(self.found(after, cue, Method::AccordingTo));
            }
            let mut between = self.mentions_in(Span::new(post.start, verb.start));
            let between = if near {
                between.next()
            } else {
                between.find(|&m| {
                    let before =
                        self.seg.text[post.start..self.mentions[m].span.start].trim_ascii_end();
                    before.ends_with(',') || before.ends_with(" as") || before == "as"
                })
            };
            if let Some(m) = between {
                return Some(self.found(m, cue, Method::VerbAfter));
            }
            if !near {
                continue;
            }
            if immediate && !pre_empty {
                if let Some(subject) = self.subject_of(sentence, Span::new(pre.end, pre.end)) {
                    return Some(self.found(subject, cue, Method::VerbAfter));
                }
            }
            if let Some(after) = self.mention_after(verb.end, 2, sentence) {
                return Some(self.found(after, cue, Method::VerbAfter));
            }
            let named = name_at(&self.seg.text, verb.end).or_else(|| {
                name_before(&self.seg.text, verb.start).filter(|(span, _)| span.start >= post.start)
            });
            if let Some((_, name)) = named {
                return Some(Attribution {
                    speaker: Referent::Named(name),
                    cue: Some(cue),
                    method: Method::VerbAfter,
                });
            }
            return None;
        }
        None
    }

    /// The speaker a speech verb names: `said Rutte` (inverted, after a comma or
    /// quote) or its subject.
    fn speaker_of_verb(&self, sentence: Span, verb: Span) -> Option<usize> {
        let before = self.seg.text[sentence.start..verb.start].trim_ascii_end();
        if before.ends_with([',', '"']) {
            if let Some(after) = self.mention_after(verb.end, 1, sentence) {
                return Some(after);
            }
        }
        self.subject_of(sentence, verb)
    }

    /// `Rutte said: “…”`, `Trump said the call was “productive”`, `according to Trump, who added that … “…”`.
    fn verb_before(&self, pre: Span, sentence: Span) -> Option<Attribution> {
        let verb = self.speech_verbs(pre, false).next_back()?;
        let cue = verb;
        if self.is_according_to(verb) {
            let after = self.mention_after(verb.end, 1, sentence)?;
            return Some(self.found(after, cue, Method::AccordingTo));
        }
        // `…,” he said, adding that Trump was “not in a rush”`: the participle
        // shares the subject of the verb before it.
        let participle = self.seg.slice(verb).ends_with("ing")
            && self.seg.text[..verb.start].trim_ascii_end().ends_with(',');
        if participle {
            let earlier = self
                .speech_verbs(Span::new(sentence.start, verb.start), false)
                .next_back();
            if let Some(speaker) = earlier.and_then(|v| self.speaker_of_verb(sentence, v)) {
                return Some(self.found(speaker, cue, Method::VerbBefore));
            }
        }
        if let Some(subject) = self.subject_of(sentence, verb) {
            return Some(self.found(subject, cue, Method::VerbBefore));
        }
        if let Some(after) = self.mention_after(verb.end, 3, pre) {
            return Some(self.found(after, cue, Method::VerbBefore));
        }
        let start = self.clause_start(sentence, verb.start);
        let (_, name) = name_at(&self.seg.text, start)?;
        Some(Attribution {
            speaker: Referent::Named(name),
            cue: Some(cue),
            method: Method::VerbBefore,
        })
    }

    /// Who is speaking in a sentence without a quote: a headline `X: …`,
    /// `according to X`, `for X, …`, a speech or belief verb with its subject,
    /// or (for a sentence naming no one) the previous sentence's speaker.
    pub fn sentence_speaker(&self, sentence: usize, previous: &Attribution) -> Attribution {
        let s = self.seg.sentences[sentence].span;
        // Every rule but continuation takes its speaker from a usable mention
        // of the sentence: without one, only continuation is left.
        let in_sentence = self.mentions_in(s);
        let Some(first) = in_sentence.clone().next() else {
            return if previous.is_known() {
                Attribution {
                    method: Method::Continuation,
                    ..previous.clone()
                }
            } else {
                Attribution::none()
            };
        };
        self.headline_speaker(s, first)
            .or_else(|| self.view_of(s))
            .or_else(|| {
                self.speech_verbs(s, true).find_map(|verb| {
                    if self.is_according_to(verb) {
                        let after = self.mention_after(verb.end, 1, s)?;
                        return Some(self.found(after, verb, Method::AccordingTo));
                    }
                    let inverted = self.seg.text[s.start..verb.start]
                        .trim_ascii_end()
                        .ends_with(',')
                        && !self.seg.slice(verb).ends_with("ing");
                    if inverted {
                        if let Some(after) = self
                            .mention_after(verb.end, 1, s)
                            .filter(|&m| !self.inside_stance_phrase(self.mentions[m].span))
                        {
                            return Some(self.found(after, verb, Method::VerbAfter));
                        }
                    }
                    let subject = self.subject_of(s, verb)?;
                    Some(self.found(subject, verb, Method::VerbBefore))
                })
            })
            .or_else(|| {
                let names_someone = in_sentence
                    .clone()
                    .any(|m| matches!(self.referents[m], Referent::Actor(_) | Referent::Named(_)));
                (previous.is_known() && !names_someone).then(|| Attribution {
                    method: Method::Continuation,
                    ..previous.clone()
                })
            })
            .unwrap_or_else(Attribution::none)
    }

    /// `Rutte: Russia doesn't want to end war` as a paragraph of its own;
    /// `first` is the sentence's first usable mention.
    fn headline_speaker(&self, s: Span, first: usize) -> Option<Attribution> {
        // The sentence's first `: ` closes its first mention, which opens it.
        let whole = self.mentions[first].span;
        let (name, rest) = self.seg.slice(s).split_at(whole.end - s.start);
        let headline =
            whole.start == s.start && rest.starts_with(": ") && find_pair(name, b": ").is_none();
        headline.then(|| self.found(first, whole, Method::Headline))
    }

    /// `And for her, an invitation is the best guarantee`: the view of whoever `for` names.
    fn view_of(&self, s: Span) -> Option<Attribution> {
        let text = self.seg.slice(s);
        // The openings differ in their first letter: only one can match.
        let opening = match text.as_bytes().first()?.to_ascii_lowercase() {
            b'f' => "for ",
            b'a' => "and for ",
            b'b' => "but for ",
            _ => return None,
        };
        let at = starts_with_ignoring_ascii_case(text, opening).then_some(opening.len())?;
        let comma = text[at..].find(',')? + at;
        let first = self
            .mentions_in(Span::new(s.start + at, s.start + comma))
            .next()?;
        Some(self.found(first, self.mentions[first].span, Method::ViewOf))
    }
}

/// The offset of a `who` or `which` that governs the verb at the end of
/// `tail`, a clause without commas.
fn relative_pronoun(tail: &str) -> Option<usize> {
    let bytes = tail.as_bytes();
    // `w` is rare: look around each one for ` who ` or ` which `.
    positions_of(bytes, b'w')
        .find(|&w| {
            w > 0
                && (bytes[w - 1..].starts_with(b" who ") || bytes[w - 1..].starts_with(b" which "))
        })
        .or_else(|| {
            let trimmed = tail.trim_ascii_start();
            (trimmed.starts_with("who ") || trimmed.starts_with("which "))
                .then(|| tail.len() - trimmed.len())
        })
}

/// Whether `text` starts with `prefix` (lower-case ASCII) in any ASCII case.
fn starts_with_ignoring_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The offset of the first `pair` of bytes in `text`: a two-byte `str::find`
/// without the cost of setting up a substring searcher on every call.
fn find_pair(text: &str, pair: &[u8; 2]) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == pair)
}
