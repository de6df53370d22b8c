//! The `concord` command. Parses flags, loads rules, runs the engine,
//! renders, and picks the exit code; everything else lives in the library
//! crates.

mod args;
mod pairs_cmd;

use args::{
    BuildIdfArgs, CheckArgs, ClaimsArgs, Cli, Command, CommonArgs, FailOn, Format, RulesCommand,
};
use clap::Parser;
use concord_core::{FindingKind, InputError, InputWarning, Report, Severity};
use concord_engine::{Document, Engine, Options, input};
use concord_report::{Render, json::Json, sanitize, text::Text};
use concord_rules::RuleSet;
use pairs_cmd::{eval, pairs};
use std::io::{self, Write};
use std::process::ExitCode;

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
            eprintln!(
                "concord: internal error: {}; please report it",
                sanitize(&concord_engine::panic_message(&panic))
            );
            ExitCode::from(TROUBLE)
        }
    }
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { TROUBLE } else { CLEAN };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Claims(args) => claims(args),
        Command::Rules(RulesCommand::Check { dir }) => rules_check(dir),
        Command::BuildIdf(args) => build_idf(args),
        Command::Pairs(args) => pairs(args),
        Command::Eval(args) => eval(args),
        Command::Train(args) => pairs_cmd::train(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(CLEAN),
        Err(e) => {
            eprintln!("concord: error: {}", sanitize(&format!("{e:#}")));
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
                eprintln!("concord: error: {}", sanitize(&e.to_string()));
            }
            None
        }
    }
}

pub(crate) fn set_threads(common: &CommonArgs) -> anyhow::Result<()> {
    if let Some(n) = common.threads {
        anyhow::ensure!(n >= 1, "--threads must be at least 1");
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()?;
    }
    Ok(())
}

/// Reads the inputs named on the command line; unreadable ones become
/// errors.
fn read_inputs(paths: &[std::path::PathBuf]) -> (Vec<Document>, Vec<InputError>) {
    input::read_all(paths)
}

/// One line per error on stderr. Paths and messages can hold text from
/// the inputs (a JSON Lines id, a file name), so they are sanitized like
/// article text.
pub(crate) fn report_errors(errors: &[InputError]) {
    for e in errors {
        eprintln!("concord: error: {}", sanitize(&e.to_string()));
    }
}

fn report_warnings(warnings: &[InputWarning]) {
    for w in warnings {
        eprintln!("concord: warning: {}", sanitize(&w.to_string()));
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let Some(rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    let (docs, errors) = read_inputs(&args.paths);
    let engine = Engine::new(rules);
    let options = Options {
        exhaustive: args.exhaustive,
        single_story: args.single_story,
    };
    let report = engine.check(docs, errors, options);
    report_errors(&report.errors);
    report_warnings(&report.warnings);
    let renderer: &dyn Render = match args.format {
        Format::Text => &Text,
        Format::Json => &Json,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    renderer.render(&report, &mut out)?;
    out.flush()?;
    Ok(exit_code(&report, args.fail_on))
}

/// 2 when an input could not be used; 1 when a finding at or above
/// `fail_on` (and above `note`) was reported; 0 otherwise.
fn exit_code(report: &Report, fail_on: FailOn) -> u8 {
    if !report.errors.is_empty() {
        return TROUBLE;
    }
    let fails = |kind: FindingKind| match fail_on {
        FailOn::Never => false,
        FailOn::Contradiction => kind == FindingKind::Contradiction,
        FailOn::Unsupported => matches!(
            kind,
            FindingKind::Contradiction | FindingKind::UnsupportedDetail
        ),
    };
    let failing = report
        .findings
        .iter()
        .any(|f| f.severity > Severity::Note && fails(f.kind));
    if failing { FINDINGS } else { CLEAN }
}

fn claims(args: ClaimsArgs) -> anyhow::Result<u8> {
    let Some(rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    let (docs, mut errors) = read_inputs(&args.paths);
    let engine = Engine::new(rules);
    let (extractions, extract_errors) = engine.extract(docs);
    errors.extend(extract_errors);
    errors.sort();
    report_errors(&errors);
    report_warnings(&engine.extraction_warnings(&extractions));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for x in &extractions {
        for c in &x.claims {
            concord_report::json::write_json(&mut out, c, false)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if errors.is_empty() { CLEAN } else { TROUBLE })
}

fn rules_check(dir: Option<std::path::PathBuf>) -> anyhow::Result<u8> {
    let rules = match RuleSet::load(dir.as_deref()) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                eprintln!("concord: error: {}", sanitize(&e.to_string()));
            }
            eprintln!("concord: {} error(s) in the rule set", errors.len());
            return Ok(TROUBLE);
        }
    };
    let files = rules.files.len();
    let detectors = rules.detectors.len();
    let engine = Engine::new(rules);
    let (total, failures) = concord_engine::examples::run(&engine);
    for f in &failures {
        eprintln!("concord: error: {}", sanitize(&f.to_string()));
    }
    if failures.is_empty() {
        println!("rules ok: {files} files, {detectors} detectors, {total} examples pass");
        Ok(CLEAN)
    } else {
        eprintln!(
            "concord: {} of {total} detector examples fail",
            failures.len()
        );
        Ok(TROUBLE)
    }
}

fn build_idf(args: BuildIdfArgs) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let Some(mut rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    // Count with the rules as they are, minus any background: the counts
    // must not depend on the file being rebuilt.
    rules.background = None;
    let (docs, errors) = read_inputs(&args.paths);
    report_errors(&errors);
    let engine = Engine::new(rules);
    let background = engine.count_terms(docs, args.source.clone());
    let text = background.to_toml(args.min_df);
    std::fs::write(&args.output, text)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
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
