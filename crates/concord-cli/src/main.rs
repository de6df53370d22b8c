//! The `concord` command. Parses flags, loads rules, runs the engine,
//! renders, and picks the exit code; everything else lives in the library
//! crates.

/// `eprintln!` that never panics: with standard error closed or full
/// (`2>/dev/full`) the message is lost, not the run (and its exit code).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod config;
mod index_cmd;
mod output;
mod pairs_cmd;
mod progress_bar;

use args::{
    BuildIdfArgs, CacheArgs, CheckArgs, ClaimsArgs, Cli, ColorChoice, Command, CommonArgs, FailOn,
    Format, GraphArgs, GraphFormat, InputArgs, RulesCommand, SingleSourceChoice, Stale, StopAfter,
    TermWeightsChoice,
};
use clap::{CommandFactory, FromArgMatches};
use concord_baseline::Baseline;
use concord_cache::Cache;
use concord_core::{FindingKind, InputError, InputWarning, Report, Severity};
use concord_engine::{Engine, Extraction, Options, TermWeights};
use concord_input::{Document, ReadOptions};
use concord_report::{
    Render, RuleInfo, SingleSource, concise::Concise, github::Github, graph, html::Html,
    json::Json, jsonl::JsonLines, md::Markdown, sanitize, sarif::Sarif, text::Text,
};
use concord_rules::{RuleSet, Selection};
use output::Output;
use pairs_cmd::{eval, pairs};
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Claims are many small strings: a faster allocator than the system one
// pays for itself (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes (documented in `--help` and docs/cli.md).
pub(crate) const CLEAN: u8 = 0;
pub(crate) const FINDINGS: u8 = 1;
pub(crate) const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    // Panics are caught and reported in one line (the engine turns a panic
    // on one article into an input error); never print a backtrace at a
    // user.
    std::panic::set_hook(Box::new(|_| {}));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(panic) => {
            say!(
                "concord: internal error: {}; please report it",
                sanitize(&concord_engine::panic_message(&panic))
            );
            ExitCode::from(TROUBLE)
        }
    }
}

fn run() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.use_stderr() { TROUBLE } else { CLEAN };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(mut args) => {
            let check_matches = matches.subcommand_matches("check");
            match check_matches.map_or(Ok(()), |m| config::apply(&mut args, m)) {
                Ok(()) => check(args),
                Err(e) => {
                    say!("concord: error: {}", sanitize(&e));
                    return ExitCode::from(TROUBLE);
                }
            }
        }
        Command::Completions { shell } => completions(shell),
        Command::Man { output_dir } => man(output_dir.as_deref()),
        Command::Claims(args) => claims(args),
        Command::Stories(args) => stories(args),
        Command::Rules(RulesCommand::Check { dir }) => rules_check(dir),
        Command::BuildIdf(args) => build_idf(args),
        Command::Graph(args) => graph(args),
        Command::Pairs(args) => pairs(args),
        Command::Eval(args) => eval(args),
        Command::Train(args) => pairs_cmd::train(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(CLEAN),
        Err(e) => {
            say!("concord: error: {}", sanitize(&format!("{e:#}")));
            ExitCode::from(TROUBLE)
        }
    }
}

/// `concord ... | head` closing the pipe early is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

/// Loads the rule set, printing every error with its position.
pub(crate) fn load_rules(common: &CommonArgs) -> Option<RuleSet> {
    match RuleSet::load(common.rules.as_deref()) {
        Ok(r) => Some(r),
        Err(errors) => {
            for e in errors {
                say!("concord: error: {}", sanitize(&e.to_string()));
            }
            None
        }
    }
}

/// The most worker threads `--threads` takes: more only cost time and
/// memory to start (100,000 took a minute before failing).
const MAX_THREADS: usize = 1024;

pub(crate) fn set_threads(common: &CommonArgs) -> anyhow::Result<()> {
    if let Some(n) = common.threads {
        anyhow::ensure!(
            (1..=MAX_THREADS).contains(&n),
            "--threads must be between 1 and {MAX_THREADS}, got {n}"
        );
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()?;
    }
    Ok(())
}

/// Reads the inputs named on the command line; unreadable ones become
/// errors. Warnings about inputs read, but not as given, are printed here
/// for the commands that print no report.
fn read_inputs(
    paths: &[PathBuf],
    input: &InputArgs,
) -> anyhow::Result<(Vec<Document>, Vec<InputError>)> {
    let options = read_options(input, &[paths], None)?;
    let read = concord_input::read(paths, &[], &options);
    report_warnings(&read.warnings, false);
    Ok((read.docs, read.errors))
}

/// How to walk the inputs: the `--exclude` globs, the report file never
/// to read, and standard input when a path is `-` (read here, once).
pub(crate) fn read_options(
    input: &InputArgs,
    paths: &[&[PathBuf]],
    output: Option<&Path>,
) -> anyhow::Result<ReadOptions> {
    let excludes = if input.exclude.is_empty() {
        None
    } else {
        let base = match &input.exclude_base {
            Some(b) => b.clone(),
            None => std::env::current_dir()?,
        };
        Some(concord_input::Excludes::new(&base, &input.exclude).map_err(anyhow::Error::msg)?)
    };
    let reads_stdin = paths
        .iter()
        .flat_map(|p| p.iter())
        .any(|p| p.as_os_str() == concord_input::STDIN);
    let stdin = if reads_stdin {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(concord_input::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| anyhow::anyhow!("cannot read standard input: {e}"))?;
        Some(concord_input::Stdin {
            name: input.stdin_name.clone(),
            bytes,
        })
    } else {
        None
    };
    Ok(ReadOptions {
        excludes,
        skip: output.map(Path::to_path_buf).into_iter().collect(),
        stdin,
    })
}

/// One line per error on stderr. Paths and messages can hold text from
/// the inputs (a JSON Lines id, a file name), so they are sanitized like
/// article text.
pub(crate) fn report_errors(errors: &[InputError]) {
    for e in errors {
        say!("concord: error: {}", sanitize(&e.to_string()));
    }
}

/// Cache entries that were found but refused (corrupt, forged, planted
/// links): the run computed them again, and says so.
pub(crate) fn report_cache_warnings(engine: &Engine) {
    for w in engine.cache().map(Cache::take_warnings).unwrap_or_default() {
        say!("concord: warning: {}", sanitize(&w));
    }
}

/// Warnings printed before the rest are summarised (unless `--verbose`):
/// a corpus with a hundred pieces of page furniture should not bury the
/// report under them.
const SHOWN_WARNINGS: usize = 10;

pub(crate) fn report_warnings(warnings: &[InputWarning], verbose: bool) {
    let shown = if verbose {
        warnings.len()
    } else {
        warnings.len().min(SHOWN_WARNINGS)
    };
    for w in &warnings[..shown] {
        say!("concord: warning: {}", sanitize(&w.to_string()));
    }
    let hidden = warnings.len() - shown;
    if hidden > 0 {
        let noun = if hidden == 1 { "warning" } else { "warnings" };
        say!("concord: warning: and {hidden} more {noun}; --verbose shows them");
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    if let Some(index) = &args.index {
        return index_cmd::check_indexed(&args, index);
    }
    if args.stage != StopAfter::All {
        let Some(rules) = load_rules(&args.common) else {
            return Ok(TROUBLE);
        };
        set_threads(&args.common)?;
        let (docs, errors) = read_inputs(&args.paths, &args.input)?;
        return stop_after(&engine(rules, &args.cache), args.stage, docs, errors);
    }
    let options = Options {
        exhaustive: args.exhaustive,
        single_story: args.single_story,
        focus: None,
        term_weights: match args.term_weights {
            TermWeightsChoice::Run => TermWeights::Run,
            TermWeightsChoice::Story => TermWeights::Story,
        },
    };
    // Baseline files are checked before any article is read.
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path)?),
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        output::check_writable(path)?;
    }
    let inputs = Inputs {
        paths: &args.paths,
        new: &args.new,
        input: &args.input,
        select: &args.select,
        ignore: &args.ignore,
    };
    let Some(mut run) = run_pipeline(
        &args.common,
        &args.cache,
        inputs,
        args.output.as_deref(),
        options,
        Chatter {
            progress: !args.quiet,
            verbose: args.verbose,
        },
    )?
    else {
        return Ok(TROUBLE);
    };
    let selection = &run.selection;
    run.report.findings.retain(|f| selection.keeps(&f.rule));
    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_report(&run.report);
        output::write_atomically(path, b.to_toml().as_bytes())?;
        say!(
            "concord: recorded {} findings in {}",
            b.findings.len(),
            path.display()
        );
    }
    let mut stale_fails = false;
    if let Some(b) = &baseline {
        // An incremental run only sees the stories of the new articles:
        // only their entries can be known to be stale.
        let scope = run.focus_files();
        let mut applied = b.apply(&mut run.report, scope.as_ref());
        // An entry of a rule left out by --select/--ignore is not stale:
        // its finding was not looked at, not fixed.
        applied.stale.retain(|e| !run.selection.leaves_out(&e.rule));
        report_stale(&applied.stale, args.baseline_stale);
        stale_fails = args.baseline_stale == Stale::Error && !applied.stale.is_empty();
    }
    let color = use_color(args.color, args.output.is_some());
    let shown = ShownFindings {
        max_findings: args.max_findings,
        single_source: single_source_mode(args.format, args.single_source),
    };
    let renderer = renderer(args.format, &run.engine.rules, color, shown);
    report_left_out(args.format, shown, &run.report);
    let render_start = std::time::Instant::now();
    run.output.render(renderer.as_ref(), &run.report)?;
    if args.timings {
        let mut laps = run.report.timings.clone();
        laps.push(("render".into(), render_start.elapsed().as_secs_f64()));
        laps.push(("total".into(), started.elapsed().as_secs_f64()));
        for (stage, secs) in &laps {
            say!("concord: timing: {stage:<9} {secs:8.3} s");
        }
    }
    let code = exit_code(&run.report, args.fail_on);
    Ok(if code == TROUBLE {
        TROUBLE
    } else if args.write_baseline.is_some() {
        CLEAN
    } else if stale_fails {
        FINDINGS
    } else {
        code
    })
}

/// Reads a baseline file: a regular file under the input size limit, in
/// UTF-8.
fn read_baseline(path: &std::path::Path) -> anyhow::Result<Baseline> {
    let text = read_small_file(path)
        .map_err(|m| anyhow::anyhow!("cannot read baseline {}: {m}", path.display()))?;
    Ok(Baseline::parse(&text, &path.to_string_lossy())?)
}

/// A file concord reads besides articles (a baseline, a pairs file): a
/// regular file (a FIFO would block, `/dev/zero` never ends) under the
/// size limit of every input, in UTF-8.
pub(crate) fn read_small_file(path: &std::path::Path) -> Result<String, String> {
    let bytes = concord_input::read_limited(path, concord_input::MAX_INPUT_BYTES)?;
    concord_input::decode(&bytes)
}

fn report_stale(stale: &[concord_baseline::Entry], what: Stale) {
    let level = match what {
        Stale::Ignore => return,
        Stale::Warn => "warning",
        Stale::Error => "error",
    };
    for e in stale {
        // The entry comes from a file anyone may have written: sanitized
        // like article text.
        say!(
            "concord: {level}: {}",
            sanitize(&format!(
                "stale baseline entry {} ({} in {}): the finding is gone; rewrite the baseline with --write-baseline",
                e.fingerprint,
                e.rule,
                e.files.join(", ")
            ))
        );
    }
}

/// A finished pipeline run and where its report goes.
struct Run {
    engine: Engine,
    report: Report,
    output: Output,
    /// The rules whose findings are reported (`--select`, `--ignore`).
    selection: Selection,
    /// The new articles' paths, for an incremental check.
    focus: Option<BTreeSet<String>>,
}

impl Run {
    /// For an incremental check, the file names of the new articles.
    fn focus_files(&self) -> Option<BTreeSet<String>> {
        self.focus.as_ref().map(|f| {
            f.iter()
                .map(|p| concord_core::file_name(p).to_string())
                .collect()
        })
    }
}

/// What to read: the corpus, and for an incremental check the new
/// articles; how to walk them; which rules to report.
struct Inputs<'a> {
    paths: &'a [PathBuf],
    new: &'a [PathBuf],
    input: &'a InputArgs,
    select: &'a [String],
    ignore: &'a [String],
}

/// What a run says on stderr besides errors.
#[derive(Clone, Copy)]
struct Chatter {
    /// Draw the progress bar (on a terminal).
    progress: bool,
    /// Every warning, not the first few and a count.
    verbose: bool,
}

/// Loads the rules and checks the output destination (before any article
/// is read), then reads the inputs and runs the engine. `None` when the
/// rules are invalid (already reported).
fn run_pipeline(
    common: &CommonArgs,
    cache: &CacheArgs,
    inputs: Inputs<'_>,
    output: Option<&Path>,
    mut options: Options,
    chatter: Chatter,
) -> anyhow::Result<Option<Run>> {
    let Some(rules) = load_rules(common) else {
        return Ok(None);
    };
    let selection = Selection::new(&rules.detectors, inputs.select, inputs.ignore)
        .map_err(anyhow::Error::msg)?;
    set_threads(common)?;
    let read_options = read_options(inputs.input, &[inputs.paths, inputs.new], output)?;
    let output = Output::new(output)?;
    let read = concord_input::read(inputs.paths, inputs.new, &read_options);
    if !inputs.new.is_empty() {
        options.focus = Some(read.focus);
    }
    let mut engine = engine(rules, cache);
    if chatter.progress
        && let Some(bar) = progress_bar::Bar::on_terminal()
    {
        engine = engine.with_progress(std::sync::Arc::new(bar));
    }
    let focus = options.focus.clone();
    let mut report = engine.check(read.docs, read.errors, options);
    report.warnings.splice(0..0, read.warnings);
    report_cache_warnings(&engine);
    report_errors(&report.errors);
    report_warnings(&report.warnings, chatter.verbose);
    Ok(Some(Run {
        engine,
        report,
        output,
        selection,
        focus,
    }))
}

/// The engine, with the claim cache unless `--no-cache`.
pub(crate) fn engine(rules: RuleSet, cache: &CacheArgs) -> Engine {
    let dir = match (&cache.cache, cache.no_cache) {
        (_, true) => None,
        (Some(dir), false) => Some(dir.clone()),
        (None, false) => default_cache_dir(),
    };
    let fingerprint = rules.fingerprint;
    let engine = Engine::new(rules);
    match dir {
        Some(dir) => engine.with_cache(Cache::new(dir, fingerprint, env!("CONCORD_BUILD_ID"))),
        None => engine,
    }
}

/// `concord` in the platform's cache folder: `$XDG_CACHE_HOME` or
/// `~/.cache` on Linux and BSD, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows. `None` (no cache) when none is known.
fn default_cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches"))
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("concord"))
}

/// Whether the text formats are coloured: `--color always|never`, else
/// when the report goes to a terminal and `NO_COLOR` (no-color.org) is
/// unset or empty.
fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    use std::io::IsTerminal as _;
    let terminal = !to_file && io::stdout().is_terminal();
    wants_color(choice, terminal, std::env::var_os("NO_COLOR"))
}

fn wants_color(choice: ColorChoice, terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// Says on stderr when a format leaves findings out (`--max-findings`, the
/// SARIF cap), so that a capped log is never taken for the whole run.
fn report_left_out(format: Format, shown: ShownFindings, report: &Report) {
    let cap = match format {
        Format::Sarif => Some(
            shown
                .max_findings
                .unwrap_or(concord_report::sarif::MAX_RESULTS),
        ),
        Format::Github => shown.max_findings,
        _ => None,
    };
    // Only capped formats leave findings out; counting them costs a pass
    // over every finding, so uncapped runs skip it.
    let Some(cap) = cap else { return };
    // What the format would show without the cap.
    let (single_shown, _) = concord_report::view::single_source_shown(report, shown.single_source);
    let findings = report
        .findings
        .iter()
        .enumerate()
        .filter(|(k, f)| f.kind != FindingKind::SingleSource || single_shown.contains(k))
        .count();
    if cap < findings {
        say!(
            "concord: note: the {} report holds the {cap} most important of {findings} findings; --max-findings N changes how many",
            format_name(format)
        );
    }
}

fn format_name(format: Format) -> String {
    use clap::ValueEnum as _;
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Which findings a renderer shows besides the report's: the cap of SARIF
/// and annotations, and how single-source claims are shown.
#[derive(Clone, Copy)]
struct ShownFindings {
    max_findings: Option<usize>,
    single_source: SingleSource,
}

/// `--single-source`, or the format's default: a summary where every
/// line costs a reader (text, concise, annotations, code scanning), all of
/// them in the editor's documents (Markdown, HTML); JSON lists all anyway.
pub(crate) fn single_source_mode(
    format: Format,
    choice: Option<SingleSourceChoice>,
) -> SingleSource {
    match choice {
        Some(SingleSourceChoice::Full) => SingleSource::Full,
        Some(SingleSourceChoice::Summary) => SingleSource::Summary,
        Some(SingleSourceChoice::Hide) => SingleSource::Hide,
        None => match format {
            Format::Text | Format::Concise | Format::Github | Format::Sarif => {
                SingleSource::Summary
            }
            Format::Json | Format::Jsonl | Format::Md | Format::Html => SingleSource::Full,
        },
    }
}

/// The renderer of a format; SARIF also gets the rule descriptions.
fn renderer(format: Format, rules: &RuleSet, color: bool, shown: ShownFindings) -> Box<dyn Render> {
    let ShownFindings {
        max_findings,
        single_source,
    } = shown;
    match format {
        Format::Text => Box::new(Text {
            color,
            single_source,
        }),
        Format::Concise => Box::new(Concise {
            color,
            single_source,
        }),
        Format::Json => Box::new(Json),
        Format::Jsonl => Box::new(JsonLines { single_source }),
        Format::Md => Box::new(Markdown),
        Format::Html => Box::new(Html),
        Format::Github => Box::new(Github {
            max_findings,
            single_source,
        }),
        Format::Sarif => Box::new(Sarif {
            rules: rule_infos(rules),
            version: env!("CARGO_PKG_VERSION").to_string(),
            max_results: Some(max_findings.unwrap_or(concord_report::sarif::MAX_RESULTS)),
            single_source,
        }),
    }
}

/// The detectors of the rule set, as renderers describe them.
fn rule_infos(rules: &RuleSet) -> Vec<RuleInfo> {
    rules
        .detectors
        .iter()
        .map(|d| RuleInfo {
            id: d.id.clone(),
            description: d.description.clone(),
            severity: d.severity,
            example: d
                .examples
                .iter()
                .find(|e| e.flag)
                .map(|e| (e.a.clone(), e.b.clone())),
        })
        .collect()
}

fn graph(args: GraphArgs) -> anyhow::Result<u8> {
    let options = Options {
        exhaustive: false,
        single_story: args.single_story,
        focus: None,
        term_weights: TermWeights::Run,
    };
    let inputs = Inputs {
        paths: &args.paths,
        new: &[],
        input: &args.input,
        select: &[],
        ignore: &[],
    };
    let Some(run) = run_pipeline(
        &args.common,
        &args.cache,
        inputs,
        args.output.as_deref(),
        options,
        Chatter {
            progress: false,
            verbose: false,
        },
    )?
    else {
        return Ok(TROUBLE);
    };
    let renderer: &dyn Render = match args.format {
        GraphFormat::Dot => &graph::Dot,
        GraphFormat::Json => &graph::GraphJson,
    };
    run.output.render(renderer, &run.report)?;
    Ok(if run.report.errors.is_empty() {
        CLEAN
    } else {
        TROUBLE
    })
}

/// `check --stage segment|extract`: runs the pipeline up to that stage and
/// prints what it produced as one JSON line, so that benchmarks can time
/// the stages that every run pays for.
fn stop_after(
    engine: &Engine,
    stage: StopAfter,
    docs: Vec<Document>,
    mut errors: Vec<InputError>,
) -> anyhow::Result<u8> {
    let summary = match stage {
        StopAfter::Segment => {
            let (articles, sentences, segment_errors) = engine.segment(&docs);
            errors.extend(segment_errors);
            serde_json::json!({"stage": "segment", "articles": articles, "sentences": sentences})
        }
        StopAfter::Extract | StopAfter::All => {
            let (extractions, extract_errors) = engine.extract(docs);
            errors.extend(extract_errors);
            let claims: usize = extractions.iter().map(|x| x.claims.len()).sum();
            serde_json::json!({"stage": "extract", "articles": extractions.len(), "claims": claims})
        }
    };
    errors.sort();
    errors.dedup();
    report_cache_warnings(engine);
    report_errors(&errors);
    writeln!(io::stdout(), "{summary}")?;
    Ok(if errors.is_empty() { CLEAN } else { TROUBLE })
}

/// 2 when an input could not be used; 1 when a finding at or above
/// `fail_on` (and above `note`) was reported; 0 otherwise.
fn exit_code(report: &Report, fail_on: FailOn) -> u8 {
    if !report.errors.is_empty() {
        return TROUBLE;
    }
    let failing = report
        .findings
        .iter()
        .any(|f| fails(f.kind, f.severity, fail_on));
    if failing { FINDINGS } else { CLEAN }
}

/// Whether a finding of `kind` and `severity` fails the run under
/// `--fail-on`.
pub(crate) fn fails(kind: FindingKind, severity: Severity, fail_on: FailOn) -> bool {
    severity > Severity::Note
        && match fail_on {
            FailOn::Never => false,
            FailOn::Contradiction => kind == FindingKind::Contradiction,
            FailOn::Unsupported => matches!(
                kind,
                FindingKind::Contradiction | FindingKind::UnsupportedDetail
            ),
        }
}

/// What `claims` and `stories` share: the rules, the inputs read and
/// extracted, their errors and warnings reported; `None` when the rules
/// do not load. The flag is whether an input could not be read.
fn extract_for_listing(
    args: &ClaimsArgs,
) -> anyhow::Result<Option<(Engine, Vec<Extraction>, bool)>> {
    let Some(rules) = load_rules(&args.common) else {
        return Ok(None);
    };
    set_threads(&args.common)?;
    let (docs, mut errors) = read_inputs(&args.paths, &args.input)?;
    let engine = engine(rules, &args.cache);
    let (extractions, extract_errors) = engine.extract(docs);
    errors.extend(extract_errors);
    errors.sort();
    report_cache_warnings(&engine);
    report_errors(&errors);
    report_warnings(&engine.extraction_warnings(&extractions), false);
    Ok(Some((engine, extractions, !errors.is_empty())))
}

fn claims(args: ClaimsArgs) -> anyhow::Result<u8> {
    let Some((_, extractions, failed)) = extract_for_listing(&args)? else {
        return Ok(TROUBLE);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for x in &extractions {
        for c in &x.claims {
            concord_report::json::write_json(&mut out, c, false)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if failed { TROUBLE } else { CLEAN })
}

/// `concord stories`: one `{"id", "keys", "names", "vector"}` line per
/// article, in the run's article order (by path, a feed's by id); `id` is
/// the article's input id (a JSON Lines record's `id`, else its path).
fn stories(args: ClaimsArgs) -> anyhow::Result<u8> {
    let Some((engine, extractions, failed)) = extract_for_listing(&args)? else {
        return Ok(TROUBLE);
    };
    let keys: Vec<_> = {
        use rayon::prelude::*;
        extractions
            .par_iter()
            .map(|x| engine.story_keys(x))
            .collect()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (x, keys) in extractions.iter().zip(keys) {
        let line = serde_json::json!({
            "id": concord_report::jsonl::input_id(&x.article),
            "keys": keys.keys,
            "vector": keys.vector,
            "names": keys.names,
        });
        concord_report::json::write_json(&mut out, &line, false)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed { TROUBLE } else { CLEAN })
}

fn rules_check(dir: Option<std::path::PathBuf>) -> anyhow::Result<u8> {
    let rules = match RuleSet::load(dir.as_deref()) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                say!("concord: error: {}", sanitize(&e.to_string()));
            }
            say!("concord: {} error(s) in the rule set", errors.len());
            return Ok(TROUBLE);
        }
    };
    let files = rules.files.len();
    let detectors = rules.detectors.len();
    let engine = Engine::new(rules);
    let (total, failures) = concord_engine::examples::run(&engine);
    for f in &failures {
        say!("concord: error: {}", sanitize(&f.to_string()));
    }
    if failures.is_empty() {
        writeln!(
            io::stdout(),
            "rules ok: {files} files, {detectors} detectors, {total} examples pass"
        )?;
        Ok(CLEAN)
    } else {
        say!(
            "concord: {} of {total} detector examples fail",
            failures.len()
        );
        Ok(TROUBLE)
    }
}

fn build_idf(args: BuildIdfArgs) -> anyhow::Result<u8> {
    let Some(mut rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    output::check_writable(&args.output)?;
    // Count with the rules as they are, minus any background: the counts
    // must not depend on the file being rebuilt.
    rules.background = None;
    let (docs, errors) = read_inputs(&args.paths, &InputArgs::default())?;
    report_errors(&errors);
    let engine = Engine::new(rules);
    let background = engine.count_terms(docs, args.source.clone());
    let text = background.to_toml(args.min_df);
    output::write_atomically(&args.output, text.as_bytes())?;
    say!(
        "concord: {} documents, {} terms in at least {} of them, written to {}",
        background.documents,
        background
            .df
            .values()
            .filter(|&&d| d >= args.min_df)
            .count(),
        args.min_df,
        args.output.display()
    );
    Ok(if errors.is_empty() { CLEAN } else { TROUBLE })
}

/// `concord completions SHELL`: generated from the flags, so it cannot
/// drift from them.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "concord", &mut out);
    io::stdout().write_all(&out)?;
    Ok(CLEAN)
}

/// `concord man`: the man page of `concord` on stdout, or with a folder
/// one page per command (`concord.1`, `concord-check.1`, ...).
fn man(output_dir: Option<&Path>) -> anyhow::Result<u8> {
    let command = Cli::command();
    match output_dir {
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            io::stdout().write_all(&out)?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .map_err(|e| anyhow::anyhow!("cannot write man pages to {}: {e}", dir.display()))?;
            say!("concord: man pages written to {}", dir.display());
        }
    }
    Ok(CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_the_terminal_and_no_color() {
        let set = || Some(std::ffi::OsString::from("1"));
        let empty = || Some(std::ffi::OsString::new());
        assert!(wants_color(ColorChoice::Auto, true, None));
        assert!(wants_color(ColorChoice::Auto, true, empty()));
        assert!(!wants_color(ColorChoice::Auto, true, set()));
        assert!(!wants_color(ColorChoice::Auto, false, None));
        assert!(wants_color(ColorChoice::Always, false, set()));
        assert!(!wants_color(ColorChoice::Never, true, None));
    }
}
