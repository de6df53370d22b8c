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
use concord_core::{FindingKind, Severity};
use concord_engine::index::StoryIndex;
use concord_engine::{Options, TermWeights};
use concord_report::{Render, jsonl::JsonLines};
use concord_rules::Selection;
use std::collections::BTreeMap;
use std::path::Path;

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
        Ok(bytes) => StoryIndex::parse(bytes, &rules.thresholds, &stamp)
            .map_err(|m| anyhow::anyhow!("story index {shown}: {m}"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            StoryIndex::new(&rules.thresholds, &stamp)
        }
        Err(e) => anyhow::bail!("cannot read story index {shown}: {e}"),
    };
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
        .update_index(&mut index, read.docs, read.errors, options)
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
    output::write_atomically_with(index_path, |w| index.write_to(w))?;
    laps.push(("store", std::time::Instant::now()));

    let printed: Vec<&str> = index
        .findings()
        .into_iter()
        .filter(|(story, _)| args.whole_index || update.checked.contains(*story))
        .flat_map(|(_, lines)| lines)
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
    for line in printed {
        let g: Graded = serde_json::from_str(line)?;
        failing |= fails(g.kind, g.severity, args.fail_on);
    }
    Ok(if failing { FINDINGS } else { CLEAN })
}
