//! `bench`: the whole `extract --format jsonl` pipeline, timed per rule pack
//! and core count.
//!
//! The parent process runs every configuration `--runs` times, each in a
//! child process (`bench --child`) so that peak memory is per configuration
//! and a run on one core really has one: the child pins itself to the first
//! N allowed CPUs before starting N worker threads. The child reads and
//! compiles the pack (timed apart), then runs what `extract --format jsonl`
//! runs, writing to /dev/null, adds each article's observations to the
//! stance graph as it comes, finishes the graph and finds its shifts (what
//! `report` adds), and prints its measurements as one JSON line. The parent prints a Markdown table of the
//! median runs.

use super::extract::{run_input_with, LINE_CAPACITY};
use super::CommandError;
use serde::{Deserialize, Serialize};
use stancetrack::cli::{BenchArgs, Input};
use stancetrack::extraction::Extraction;
use stancetrack::graph::{GraphBuilder, Labels, Selection, Window};
use stancetrack::load::{Corpus, LoadOptions};
use stancetrack::rules::{read_rules, CompiledRules};
use stancetrack::synth::count_phrases;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// What one child process measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Measurement {
    /// Stance phrases in the pack (see `synth::count_phrases`).
    phrases: usize,
    /// Actors in the pack.
    actors: usize,
    /// Literal strings in the automaton.
    literals: usize,
    /// Seconds to read and compile the pack.
    compile_seconds: f64,
    /// Seconds to read, analyse and serialise the corpus and build the graph.
    run_seconds: f64,
    /// Of those, seconds to finish the graph (sort each pair's observations)
    /// and find its shifts, after the last article; adding observations
    /// happens during the run.
    graph_seconds: f64,
    /// CPU seconds (user + system) spent in that run.
    cpu_seconds: f64,
    /// Articles analysed.
    articles: usize,
    /// Stance observations found.
    observations: usize,
    /// Stance shifts in the graph.
    shifts: usize,
    /// Size of the corpus files.
    input_bytes: u64,
    /// Peak resident memory of the process, in KiB.
    peak_kib: u64,
}

impl Measurement {
    fn megabytes_per_second(&self) -> f64 {
        self.input_bytes as f64 / 1e6 / self.run_seconds
    }

    fn articles_per_second(&self) -> f64 {
        self.articles as f64 / self.run_seconds
    }
}

/// `stancetrack bench`.
pub fn run(args: BenchArgs) -> Result<ExitCode, CommandError> {
    if args.child {
        let measurement = child(&args)?;
        let line = serde_json::to_string(&measurement)
            .map_err(|err| CommandError::failed(err.to_string()))?;
        println!("{line}");
        return Ok(ExitCode::SUCCESS);
    }
    parent(&args)
}

/// One configuration, measured in this process.
fn child(args: &BenchArgs) -> Result<Measurement, CommandError> {
    let (&[cores], [rules_dir]) = (args.cores.as_slice(), args.rules.as_slice()) else {
        return Err(CommandError::usage(
            "bench --child takes exactly one --cores and one --rules",
        ));
    };
    affinity::pin_to_first(cores).map_err(CommandError::failed)?;
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build_global()
        .map_err(|err| CommandError::failed(err.to_string()))?;
    let input = Input {
        corpus: args.corpus.clone(),
        rules: rules_dir.clone(),
        max_article_bytes: args.max_article_bytes,
        quiet: true,
    };
    let options = LoadOptions {
        max_article_bytes: args.max_article_bytes,
    };
    let input_bytes = Corpus::open(&args.corpus, options)
        .map_err(|err| CommandError::usage(err.to_string()))?
        .total_bytes();

    let started = Instant::now();
    let (rules, phrases, actors) = compile(rules_dir)?;
    let compile_seconds = started.elapsed().as_secs_f64();

    let mut out = BufWriter::new(std::fs::File::create("/dev/null")?);
    let cpu_before = affinity::cpu_seconds();
    let labels = Labels::from_rules(&rules);
    let selection = Selection::default();
    let mut graph = GraphBuilder::new(&labels, &selection);
    let started = Instant::now();
    let (summary, observations) = observe(&input, &rules, &mut out, &mut graph)?;
    out.flush()?;
    let graph_started = Instant::now();
    let graph = graph.finish();
    let shifts = graph.shifts(Window::default()).len();
    let graph_seconds = graph_started.elapsed().as_secs_f64();
    let run_seconds = started.elapsed().as_secs_f64();
    // As the report commands do, leave the graph to the process's exit.
    std::mem::forget(graph);
    Ok(Measurement {
        phrases,
        actors,
        literals: rules.literal_count(),
        compile_seconds,
        run_seconds,
        graph_seconds,
        cpu_seconds: affinity::cpu_seconds() - cpu_before,
        articles: summary.articles,
        observations,
        shifts,
        input_bytes,
        peak_kib: affinity::peak_kib(),
    })
}

/// Runs the corpus as `extract --format jsonl` does (serialised on the
/// workers, written in corpus order) and adds each extraction to `graph` as
/// it comes; returns the run's summary and how many observations it made.
fn observe(
    input: &Input,
    rules: &CompiledRules,
    out: &mut impl Write,
    graph: &mut GraphBuilder<'_>,
) -> Result<(super::extract::RunSummary, usize), CommandError> {
    let mut observations = 0;
    let serialise = |extraction: Extraction| {
        let mut line = Vec::with_capacity(LINE_CAPACITY);
        let line = stancetrack::json::write(&mut line, &extraction).map(|()| {
            line.push(b'\n');
            line
        });
        (line, extraction)
    };
    let (summary, _undated) = run_input_with(input, rules, serialise, |(line, extraction)| {
        let line = line.map_err(|err| CommandError::failed(err.to_string()))?;
        out.write_all(&line)?;
        observations += extraction.observations.len();
        graph.add(extraction);
        Ok(())
    })?;
    Ok((summary, observations))
}

/// Reads and compiles a pack; also counts its phrases and actors.
fn compile(dir: &Path) -> Result<(CompiledRules, usize, usize), CommandError> {
    let rule_errors = |errors: Vec<stancetrack::rules::RuleError>| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CommandError::usage(lines.join("\n"))
    };
    let set = read_rules(dir).map_err(rule_errors)?;
    let phrases = count_phrases(&set);
    let actors = set.all_actors().count();
    let rules = CompiledRules::compile(&set).map_err(rule_errors)?;
    Ok((rules, phrases, actors))
}

/// One row of the table: a pack on some cores, its median run.
struct Row {
    pack: PathBuf,
    cores: usize,
    median: Measurement,
    peak_kib: u64,
}

fn parent(args: &BenchArgs) -> Result<ExitCode, CommandError> {
    let exe = std::env::current_exe()?;
    let all_cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut core_counts = args.cores.clone();
    if core_counts.is_empty() {
        core_counts = vec![1, all_cores];
    }
    core_counts.dedup();
    let mut rows = Vec::new();
    for pack in &args.rules {
        for &cores in &core_counts {
            let mut runs = Vec::new();
            for run in 1..=args.runs {
                let measurement = spawn_child(&exe, args, pack, cores)?;
                if !args.quiet {
                    eprintln!(
                        "{} on {cores} core(s), run {run}/{}: {:.2} s, {:.2} MB/s",
                        pack.display(),
                        args.runs,
                        measurement.run_seconds,
                        measurement.megabytes_per_second()
                    );
                }
                runs.push(measurement);
            }
            let peak_kib = runs.iter().map(|m| m.peak_kib).max().unwrap_or(0);
            runs.sort_by(|a, b| a.run_seconds.total_cmp(&b.run_seconds));
            rows.push(Row {
                pack: pack.clone(),
                cores,
                median: runs.swap_remove(runs.len() / 2),
                peak_kib,
            });
        }
    }
    print!("{}", render(args, &rows));
    Ok(ExitCode::SUCCESS)
}

fn spawn_child(
    exe: &Path,
    args: &BenchArgs,
    pack: &Path,
    cores: usize,
) -> Result<Measurement, CommandError> {
    let output = Command::new(exe)
        .arg("bench")
        .arg("--child")
        .arg("--rules")
        .arg(pack)
        .arg("--cores")
        .arg(cores.to_string())
        .arg("--max-article-bytes")
        .arg(args.max_article_bytes.to_string())
        .args(&args.corpus)
        .stderr(Stdio::inherit())
        .output()?;
    if !output.status.success() {
        return Err(CommandError::failed(format!(
            "the benchmark run of {} on {cores} core(s) failed ({})",
            pack.display(),
            output.status
        )));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim()).map_err(|err| {
        CommandError::failed(format!("cannot read the benchmark run's report: {err}"))
    })
}

/// The Markdown report: setting, table, and the ratios the targets are stated in.
fn render(args: &BenchArgs, rows: &[Row]) -> String {
    let mut text = String::new();
    let corpus: Vec<String> = args
        .corpus
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if let Some(first) = rows.first() {
        text.push_str(&format!(
            "Corpus {} ({} articles, {:.1} MB; {} observations, {} shifts with the first pack); {}; median of {} run(s).\n\n",
            corpus.join(" "),
            first.median.articles,
            first.median.input_bytes as f64 / 1e6,
            first.median.observations,
            first.median.shifts,
            machine(),
            args.runs
        ));
    }
    text.push_str(
        "| rule pack | phrases | actors | literals | compile (s) | cores | time (s) | of it graph finish (s) | CPU (s) | MB/s | articles/s | peak memory (MB) |\n",
    );
    text.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for row in rows {
        let m = &row.median;
        text.push_str(&format!(
            "| {} | {} | {} | {} | {:.2} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {:.0} | {:.0} |\n",
            row.pack.display(),
            m.phrases,
            m.actors,
            m.literals,
            m.compile_seconds,
            row.cores,
            m.run_seconds,
            m.graph_seconds,
            m.cpu_seconds,
            m.megabytes_per_second(),
            m.articles_per_second(),
            row.peak_kib as f64 / 1024.0,
        ));
    }
    text.push('\n');
    for line in ratios(rows) {
        text.push_str(&format!("- {line}\n"));
    }
    text
}

/// Scaling with cores per pack, and each pack's throughput against the first pack's.
fn ratios(rows: &[Row]) -> Vec<String> {
    let mut lines = Vec::new();
    let speed = |pack: &Path, cores: usize| {
        rows.iter()
            .find(|r| r.pack == pack && r.cores == cores)
            .map(|r| r.median.megabytes_per_second())
    };
    let most_cores = rows.iter().map(|r| r.cores).max().unwrap_or(1);
    let least_cores = rows.iter().map(|r| r.cores).min().unwrap_or(1);
    let mut packs: Vec<&Path> = Vec::new();
    for row in rows {
        if !packs.contains(&row.pack.as_path()) {
            packs.push(&row.pack);
        }
    }
    for pack in &packs {
        if let (Some(many), Some(few)) = (speed(pack, most_cores), speed(pack, least_cores)) {
            if most_cores != least_cores {
                lines.push(format!(
                    "{}: {most_cores} cores give {:.2}x the throughput of {least_cores}",
                    pack.display(),
                    many / few
                ));
            }
        }
    }
    if let Some((first, rest)) = packs.split_first() {
        for pack in rest {
            if let (Some(this), Some(base)) = (speed(pack, most_cores), speed(first, most_cores)) {
                lines.push(format!(
                    "{} on {most_cores} cores runs at {:.2} of the throughput of {}",
                    pack.display(),
                    this / base,
                    first.display()
                ));
            }
        }
    }
    lines
}

/// `AMD EPYC, 2 cores, 23.5 GiB RAM`, from /proc (empty parts left out).
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kib: Option<f64> = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok());
    match ram_kib {
        Some(kib) => format!(
            "{model}, {cores} cores, {:.1} GiB RAM",
            kib / 1024.0 / 1024.0
        ),
        None => format!("{model}, {cores} cores"),
    }
}

/// Pinning to CPUs and reading the process's resource use (Linux only).
mod affinity {
    /// Restricts this process (and the threads it starts later) to the first
    /// `cores` CPUs it may run on.
    #[cfg(target_os = "linux")]
    pub fn pin_to_first(cores: usize) -> Result<(), String> {
        // SAFETY: cpu_set_t is plain data; the calls get its real size and
        // only read or write inside it.
        unsafe {
            let mut allowed: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
                return Err("cannot read the CPU affinity".to_string());
            }
            let mut chosen: libc::cpu_set_t = std::mem::zeroed();
            let mut taken = 0;
            for cpu in 0..libc::CPU_SETSIZE as usize {
                if taken < cores && libc::CPU_ISSET(cpu, &allowed) {
                    libc::CPU_SET(cpu, &mut chosen);
                    taken += 1;
                }
            }
            if taken < cores {
                return Err(format!(
                    "asked for {cores} cores, this process may use {taken}"
                ));
            }
            if libc::sched_setaffinity(0, size, &chosen) != 0 {
                return Err("cannot set the CPU affinity".to_string());
            }
        }
        Ok(())
    }

    /// Elsewhere only the number of worker threads is set.
    #[cfg(not(target_os = "linux"))]
    pub fn pin_to_first(_cores: usize) -> Result<(), String> {
        Ok(())
    }

    #[cfg(target_os = "linux")]
    fn usage() -> libc::rusage {
        // SAFETY: getrusage fills the struct it is given.
        unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut usage);
            usage
        }
    }

    /// User plus system CPU seconds used so far by the whole process.
    #[cfg(target_os = "linux")]
    pub fn cpu_seconds() -> f64 {
        let usage = usage();
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident memory so far, in KiB.
    #[cfg(target_os = "linux")]
    pub fn peak_kib() -> u64 {
        usage().ru_maxrss.max(0) as u64
    }

    #[cfg(not(target_os = "linux"))]
    pub fn cpu_seconds() -> f64 {
        0.0
    }

    #[cfg(not(target_os = "linux"))]
    pub fn peak_kib() -> u64 {
        0
    }
}
