//! `report`, `dot` and `export`: run the corpus, build the stance graph, write it out.

use super::extract::{collect, rules_from, RunSummary};
use super::CommandError;
use stancetrack::cli::{
    DotArgs, DotView, ExportArgs, ExportFormat, Filters, Input, ReportArgs, ReportFormat,
};
use stancetrack::export::{csv, dot, graphml, jsonl};
use stancetrack::graph::{GraphBuilder, Labels, Selection, StanceGraph, Window};
use stancetrack::output::Output;
use stancetrack::report::{self, Coverage, Report};
use stancetrack::rules::CompiledRules;
use std::io::Write;
use std::process::ExitCode;

/// A corpus run turned into a graph.
struct Analysed {
    graph: StanceGraph,
    coverage: Coverage,
    window: Window,
    summary: RunSummary,
    undated: Vec<String>,
}

impl Analysed {
    /// Prints the run's summary and picks the exit code. The graph is left
    /// for the process's exit to reclaim: freeing its observations one by one
    /// takes about a second for every 2 GB of corpus, and nothing follows.
    fn end(self, quiet: bool) -> ExitCode {
        let code = self.summary.report(&self.undated, quiet);
        std::mem::forget(self.graph);
        code
    }
}

/// Checks the filters against the rule pack and turns them into a selection and window.
fn selection(
    filters: &Filters,
    rules: &CompiledRules,
) -> Result<(Selection, Window), CommandError> {
    let mut selection = Selection::default();
    for id in &filters.actors {
        let id = id.as_str().into();
        if rules.actor(&id).is_none() {
            return Err(CommandError::usage(format!(
                "--actor: unknown actor `{id}`, expected an actor id of the rule pack"
            )));
        }
        selection.actors.insert(id);
    }
    for id in &filters.topics {
        let id = id.as_str().into();
        if rules.topic(&id).is_none() {
            return Err(CommandError::usage(format!(
                "--topic: unknown topic `{id}`, expected a topic id of the rule pack"
            )));
        }
        selection.topics.insert(id);
    }
    if let (Some(since), Some(until)) = (filters.since, filters.until) {
        if since > until {
            return Err(CommandError::usage(format!(
                "--since {since} is after --until {until}, expected a date range"
            )));
        }
    }
    let window = Window {
        since: filters.since,
        until: filters.until,
    };
    Ok((selection, window))
}

fn analyse(input: &Input, filters: &Filters) -> Result<Analysed, CommandError> {
    let rules = rules_from(&input.rules)?;
    let (selection, window) = selection(filters, &rules)?;
    let (extractions, summary, undated) = collect(input, &rules)?;
    let coverage = Coverage::of(&extractions);
    let labels = Labels::from_rules(&rules);
    let mut graph = GraphBuilder::new(&labels, &selection);
    for extraction in extractions {
        graph.add(extraction);
    }
    Ok(Analysed {
        graph: graph.finish(),
        coverage,
        window,
        summary,
        undated,
    })
}

fn write(output: Option<&std::path::Path>, text: &str) -> Result<(), CommandError> {
    let mut out = Output::open(output)?;
    out.write_all(text.as_bytes())?;
    out.finish()?;
    Ok(())
}

/// `stancetrack report`.
pub fn report(args: ReportArgs) -> Result<ExitCode, CommandError> {
    let mut run = analyse(&args.input, &args.filters)?;
    let coverage = std::mem::take(&mut run.coverage);
    let content = Report::build(&run.graph, coverage, run.window);
    let text = match args.format {
        ReportFormat::Markdown => report::markdown::render(&content),
        ReportFormat::Text => report::text::render(&content),
        ReportFormat::Json => report::json(&content),
        ReportFormat::Html => report::html::render(&content),
    };
    write(args.output.as_deref(), &text)?;
    Ok(run.end(args.input.quiet))
}

/// `stancetrack dot`.
pub fn dot(args: DotArgs) -> Result<ExitCode, CommandError> {
    let run = analyse(&args.input, &args.filters)?;
    let text = match args.view {
        DotView::Stances => dot::stances(&run.graph, run.window),
        DotView::Shifts => dot::shifts(&run.graph, run.window),
        DotView::Alignment => dot::alignment(&run.graph, run.window),
    };
    write(args.output.as_deref(), &text)?;
    Ok(run.end(args.input.quiet))
}

/// `stancetrack export`.
pub fn export(args: ExportArgs) -> Result<ExitCode, CommandError> {
    let run = analyse(&args.input, &args.filters)?;
    let text = match args.format {
        ExportFormat::Csv => csv::observations_csv(&run.graph, run.window),
        ExportFormat::Jsonl => jsonl::observations_jsonl(&run.graph, run.window),
        ExportFormat::Graphml => graphml::graphml(&run.graph, run.window),
    };
    write(args.output.as_deref(), &text)?;
    Ok(run.end(args.input.quiet))
}
