//! One article through every stage, and a corpus through it in parallel.

use crate::attribute::{attribute, Attributed};
use crate::extraction::{Extraction, QuoteRecord};
use crate::load::{Article, ArticleProblem, Corpus, Pending};
use crate::matcher::{match_stances, ArticleContext, MatchInput};
use crate::mentions::{find_mentions, Mentions};
use crate::quotes::{find_quotes, Quote};
use crate::rules::CompiledRules;
use crate::segment::{segment, Segmented};
use rayon::prelude::*;

/// Every stage's output for one article, for tools that explain a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Folded text and sentences.
    pub seg: Segmented,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Mentions and cues.
    pub mentions: Mentions,
    /// Speakers.
    pub attributed: Attributed,
    /// The result.
    pub extraction: Extraction,
}

/// Runs the pipeline over one article.
pub fn extract(article: &Article, rules: &CompiledRules) -> Extraction {
    analyse(article, rules).extraction
}

/// Runs the pipeline over one article, keeping every stage's output.
pub fn analyse(article: &Article, rules: &CompiledRules) -> Analysis {
    let seg = segment(&article.text);
    let quotes = find_quotes(&article.text, &seg);
    let mentions = find_mentions(&seg, &quotes, rules, article.date);
    let attributed = attribute(&seg, &quotes, &mentions, rules);
    let input = MatchInput {
        seg: &seg,
        quotes: &quotes,
        found: &mentions,
        attributed: &attributed,
        article: ArticleContext {
            id: &article.id,
            date: article.date,
            text: &article.text,
        },
    };
    let mut observations = match_stances(&input, rules);
    observations.sort_by(|a, b| {
        (a.start, &a.actor, &a.topic, a.stance).cmp(&(b.start, &b.actor, &b.topic, b.stance))
    });
    let quote_records = quotes
        .iter()
        .zip(&attributed.quotes)
        .map(|(quote, attribution)| {
            let span = seg.original_span(quote.span);
            QuoteRecord {
                text: article.text[span.start..span.end].to_string(),
                start: span.start,
                end: span.end,
                speaker: attribution.speaker.to_speaker(rules),
                cue: attribution.cue.map(|c| {
                    let c = seg.original_span(c);
                    article.text[c.start..c.end].trim().to_string()
                }),
                method: attribution.method.as_str().to_string(),
            }
        })
        .collect();
    let extraction = Extraction {
        id: article.id.clone(),
        title: article.title.clone(),
        date: article.date,
        date_source: article.date_source,
        quotes: quote_records,
        observations,
    };
    Analysis {
        seg,
        quotes,
        mentions,
        attributed,
        extraction,
    }
}

/// Runs the pipeline over one article of a corpus run: a panic (always a bug)
/// becomes a problem with that article instead of ending the run, so one
/// article costs one article.
pub fn extract_guarded(
    article: &Article,
    rules: &CompiledRules,
) -> Result<Extraction, ArticleProblem> {
    guard(&article.origin, || extract(article, rules))
}

/// Runs `work` for the article read from `origin`, turning a panic into a problem.
fn guard<T>(origin: &str, work: impl FnOnce() -> T) -> Result<T, ArticleProblem> {
    // Unwind safety: the work only reads the article and the rules, both
    // borrowed immutably, and whatever it built is dropped with the panic.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        ArticleProblem {
            origin: origin.to_string(),
            message: format!(
                "internal error, a bug in stancetrack (please report it with this article): {reason}"
            ),
            skipped: true,
        }
    })
}

/// How many articles are read before a parallel batch runs.
const BATCH: usize = 256;

/// Runs the pipeline over a corpus on all cores, calling `sink` for every
/// article (or problem) in corpus order. Memory holds one batch at a time.
pub fn run_corpus(
    corpus: &Corpus,
    rules: &CompiledRules,
    sink: impl FnMut(Result<Extraction, ArticleProblem>, u64),
) {
    run_corpus_with(corpus, rules, |extraction| extraction, sink);
}

/// Like [`run_corpus`], but each extraction first goes through `finish` on
/// the worker threads (to serialise it, say), and `sink` gets the result.
///
/// Reading and parsing an article happen on the workers too. A helper thread
/// lists the corpus (and splits JSON Lines files into lines) and hands
/// batches to the workers, while the calling thread runs `sink` on the batch
/// before: what the sink does (writing output, building the graph) overlaps
/// the analysis instead of leaving the workers idle between batches. Memory
/// holds at most three batches.
pub fn run_corpus_with<T: Send>(
    corpus: &Corpus,
    rules: &CompiledRules,
    finish: impl Fn(Extraction) -> T + Sync,
    mut sink: impl FnMut(Result<T, ArticleProblem>, u64),
) {
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    let finish = &finish;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch: Vec<Pending<'_>> = Vec::with_capacity(BATCH);
            for pending in corpus.pending() {
                batch.push(pending);
                if batch.len() == BATCH
                    && sender.send(run_batch(&mut batch, rules, finish)).is_err()
                {
                    return;
                }
            }
            // Sending fails only when the sink has panicked; the scope
            // passes that panic on.
            let _ = sender.send(run_batch(&mut batch, rules, finish));
        });
        for results in receiver {
            for (result, bytes) in results {
                sink(result, bytes);
            }
        }
    });
}

/// Reads and analyses a batch in parallel; results keep the batch's order,
/// each with the article's size in bytes.
fn run_batch<T: Send>(
    batch: &mut Vec<Pending<'_>>,
    rules: &CompiledRules,
    finish: &(impl Fn(Extraction) -> T + Sync),
) -> Vec<(Result<T, ArticleProblem>, u64)> {
    let results: Vec<Vec<(Result<T, ArticleProblem>, u64)>> = batch
        .par_drain(..)
        .map(|pending| {
            pending
                .load()
                .into_iter()
                .map(|loaded| match loaded {
                    Ok(article) => {
                        let bytes = article.text.len() as u64;
                        (extract_guarded(&article, rules).map(finish), bytes)
                    }
                    Err(problem) => (Err(problem), 0),
                })
                .collect()
        })
        .collect();
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_costs_one_article() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = guard("dump.jsonl:7", || -> usize {
            panic!("index out of bounds")
        });
        let message = guard("dump.jsonl:8", || -> usize { panic!("{} is odd", 3) });
        std::panic::set_hook(quiet);
        let failed = failed.unwrap_err();
        assert_eq!(failed.origin, "dump.jsonl:7");
        assert!(failed.skipped);
        assert!(failed.message.ends_with("index out of bounds"), "{failed}");
        assert!(message.unwrap_err().message.ends_with("3 is odd"));
        assert_eq!(guard("a.txt", || 5).unwrap(), 5);
    }
}
