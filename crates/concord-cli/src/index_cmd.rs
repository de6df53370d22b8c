//! `concord check --index FILE`: a batch of a feed checked against a
//! persistent story index (`concord_engine::index`). This module reads
//! and writes the index file, renders the checked stories' findings as
//! JSON Lines, stores them in the index and prints what was asked.

use crate::args::{CheckArgs, Format};
use crate::output::{self, Output};
use crate::{
    CLEAN, FINDINGS, TROUBLE, engine, fails, load_rules, read_options, report_cache_warnings,
    report_errors, report_warnings, set_threads, single_source_mode,
};
use anyhow::Context as _;
use concord_core::{FindingKind, Severity};
use concord_engine::index::{Log, Span, StoryIndex};
use concord_engine::{Options, TermWeights};
use concord_report::{Render, jsonl::JsonLines};
use concord_rules::Selection;
use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

pub(crate) fn check_indexed(args: &CheckArgs, index_path: &Path) -> anyhow::Result<u8> {
    if args.format != Format::Jsonl {
        anyhow::bail!(
            "--index prints the findings of the stories it checks as JSON Lines: add --format jsonl"
        );
    }
    let Some(rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    let selection =
        Selection::new(&rules.detectors, &args.select, &args.ignore).map_err(anyhow::Error::msg)?;
    set_threads(&args.common)?;
    let single_source = single_source_mode(args.format, args.single_source);
    // The stored findings are only good for the build, rules and
    // reporting settings that made them.
    let stamp = format!(
        "build {} rules {:016x} select {:?} ignore {:?} single-source {:?}",
        env!("CONCORD_BUILD_ID"),
        rules.fingerprint,
        args.select,
        args.ignore,
        single_source
    );
    let shown = index_path.display();
    let mut laps: Vec<(&str, std::time::Instant)> = vec![("start", std::time::Instant::now())];
    let mut index = match std::fs::read(index_path) {
        Ok(bytes) => StoryIndex::parse(&bytes, &rules.thresholds, &stamp)
            .map_err(|m| anyhow::anyhow!("story index {shown}: {m}"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            StoryIndex::new(&rules.thresholds, &stamp)
        }
        Err(e) => anyhow::bail!("cannot read story index {shown}: {e}"),
    };
    let fresh = !index_path.exists();
    let mut log = FileLog::open(&log_path(index_path, index.log_number()), &index, fresh)?;
    laps.push(("load", std::time::Instant::now()));
    output::check_writable(index_path)?;
    let read_options = read_options(&args.input, &[&args.paths], args.output.as_deref())?;
    let out = Output::new(args.output.as_deref())?;
    let read = concord_input::read(&args.paths, &[], &read_options);
    let engine = engine(rules, &args.cache);
    let options = Options {
        term_weights: TermWeights::Story,
        ..Options::default()
    };
    let mut update = engine
        .update_index(&mut index, &log, read.docs, read.errors, options)
        .map_err(|m| anyhow::anyhow!("story index {shown}: {m}"))?;
    laps.push(("update", std::time::Instant::now()));
    update.report.warnings.splice(0..0, read.warnings);
    report_cache_warnings(&engine);
    report_errors(&update.report.errors);
    report_warnings(&update.report.warnings, args.verbose);
    update.report.findings.retain(|f| selection.keeps(&f.rule));

    let mut rendered = Vec::new();
    JsonLines { single_source }.render(&update.report, &mut rendered)?;
    let mut by_story: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8(rendered)?.lines() {
        let story = serde_json::from_str::<serde_json::Value>(line)?["story"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        by_story.entry(story).or_default().push(line.to_string());
    }
    for story in &update.checked {
        index.set_findings(story, by_story.remove(story).unwrap_or_default());
    }
    debug_assert!(by_story.is_empty(), "findings outside the checked stories");
    laps.push(("render", std::time::Instant::now()));
    store(index_path, &mut index, &mut log)?;
    laps.push(("store", std::time::Instant::now()));

    let printed: Vec<String> = index
        .findings(&log, (!args.whole_index).then_some(&update.checked))
        .map_err(|e| anyhow::anyhow!("story index {shown}: {e}"))?
        .into_values()
        .flatten()
        .collect();
    let mut bytes = Vec::new();
    for line in &printed {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    out.write(&bytes)?;
    laps.push(("print", std::time::Instant::now()));
    if args.timings {
        for (stage, secs) in &update.report.timings {
            say!("concord: timing:   {stage:<9} {secs:8.3} s");
        }
        for w in laps.windows(2) {
            let secs = w[1].1.duration_since(w[0].1).as_secs_f64();
            say!("concord: timing: {:<9} {secs:8.3} s", w[1].0);
        }
    }
    if !args.quiet {
        say!(
            "concord: story index {shown}: {} added, {} replaced, {} unchanged; {} of {} stories checked{}, {} gone; {} articles",
            update.added,
            update.replaced,
            update.unchanged,
            update.checked.len(),
            index.stories().len(),
            if update.was_stale {
                " (all: the index was made by another build, rules or settings)"
            } else {
                ""
            },
            update.dropped.len(),
            index.len()
        );
    }
    if !update.report.errors.is_empty() {
        return Ok(TROUBLE);
    }
    #[derive(serde::Deserialize)]
    struct Graded {
        kind: FindingKind,
        severity: Severity,
    }
    let mut failing = false;
    for line in &printed {
        let g: Graded = serde_json::from_str(line)?;
        failing |= fails(g.kind, g.severity, args.fail_on);
    }
    Ok(if failing { FINDINGS } else { CLEAN })
}

/// The log of an index's table `FILE`: `FILE.N.log`, N counting
/// compactions.
fn log_path(table: &Path, number: u64) -> PathBuf {
    let mut name = table.as_os_str().to_os_string();
    name.push(format!(".{number}.log"));
    PathBuf::from(name)
}

/// Appends what the update added to the log, makes it durable, and only
/// then replaces the table (a crash in between leaves a tail the table
/// does not know, cut on the next open). When most of the log is garbage,
/// its live records move to the next log first and the old one is
/// removed once the table points to the new one.
fn store(table: &Path, index: &mut StoryIndex, log: &mut FileLog) -> anyhow::Result<()> {
    index.append_new(log)?;
    log.file.sync_all()?;
    let garbage = index.garbage();
    let old_log = log.path.clone();
    let compacted = if garbage > COMPACT_AFTER && garbage * 2 > index.log_bytes() {
        let next = log_path(table, index.log_number() + 1);
        let mut new = FileLog::create(&next)?;
        index.compact(log, &mut new)?;
        new.file.sync_all()?;
        *log = new;
        true
    } else {
        false
    };
    output::write_atomically_with(table, |w| index.write_table(w))?;
    if compacted {
        let _ = std::fs::remove_file(&old_log);
    }
    Ok(())
}

/// Garbage a log may hold before it is compacted (and only when it is
/// more than half of the log).
const COMPACT_AFTER: u64 = 16 << 20;

/// A log on disk.
struct FileLog {
    path: PathBuf,
    file: File,
    len: u64,
}

impl FileLog {
    /// The log of `index`: made empty for a new index, else opened and cut
    /// to the bytes the table knows.
    fn open(path: &Path, index: &StoryIndex, fresh: bool) -> anyhow::Result<FileLog> {
        if fresh {
            return FileLog::create(path);
        }
        let context = || format!("story index log {}", path.display());
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .with_context(context)?;
        let len = file.metadata().with_context(context)?.len();
        if len < index.log_bytes() {
            anyhow::bail!(
                "{}: {len} bytes, its table needs {}: the index is damaged; delete it and its logs to rebuild it",
                context(),
                index.log_bytes()
            );
        }
        file.set_len(index.log_bytes()).with_context(context)?;
        Ok(FileLog {
            path: path.to_path_buf(),
            file,
            len: index.log_bytes(),
        })
    }

    fn create(path: &Path) -> anyhow::Result<FileLog> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .with_context(|| format!("cannot write story index log {}", path.display()))?;
        Ok(FileLog {
            path: path.to_path_buf(),
            file,
            len: 0,
        })
    }
}

impl Log for FileLog {
    fn read(&self, span: Span) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0; usize::try_from(span.1).unwrap_or(usize::MAX).min(1 << 30)];
        self.file.read_exact_at(&mut buf, span.0)?;
        Ok(buf)
    }

    fn append(&mut self, bytes: &[u8]) -> std::io::Result<Span> {
        self.file.write_all_at(bytes, self.len)?;
        let span = Span(self.len, bytes.len() as u64);
        self.len += bytes.len() as u64;
        Ok(span)
    }
}
