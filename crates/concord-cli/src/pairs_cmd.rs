//! `concord pairs` and `concord eval`: flags in, JSON Lines or a metrics
//! table out.

use crate::args::{EvalArgs, EvalFormat, PairsArgs, TrainArgs};
use crate::{CLEAN, TROUBLE, load_rules, report_errors, set_threads};
use anyhow::Context as _;
use concord_engine::Engine;
use concord_eval::metrics::{self, Metrics};
use concord_eval::pairs::{self, PairRow, parse_tsv};
use std::io::{self, Read, Write};
use std::path::Path;

/// Reads a pairs file (`-` is standard input) and parses it. Like every
/// input it is read under the size limit (standard input too), and a file
/// must be a regular one.
fn read_rows(path: &Path) -> anyhow::Result<(Vec<PairRow>, Vec<concord_core::InputError>)> {
    let (text, shown) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(concord_input::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        anyhow::ensure!(
            bytes.len() as u64 <= concord_input::MAX_INPUT_BYTES,
            "<stdin>: more than {} bytes, over the limit for one input; split it",
            concord_input::MAX_INPUT_BYTES
        );
        let text = concord_input::decode(&bytes).map_err(|m| anyhow::anyhow!("<stdin>: {m}"))?;
        (text, "<stdin>".to_string())
    } else {
        let text =
            crate::read_small_file(path).map_err(|m| anyhow::anyhow!("{}: {m}", path.display()))?;
        (text, path.display().to_string())
    };
    Ok(parse_tsv(&text, &shown))
}

pub fn pairs(args: PairsArgs) -> anyhow::Result<u8> {
    let Some(rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    let (rows, errors) = read_rows(&args.file)?;
    report_errors(&errors);
    let engine = Engine::new(rules);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for o in pairs::relate(&engine, &rows, args.features) {
        concord_report::json::write_json(&mut out, &o, false)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if errors.is_empty() { CLEAN } else { TROUBLE })
}

pub fn eval(args: EvalArgs) -> anyhow::Result<u8> {
    let Some(rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    let (rows, errors) = read_rows(&args.file)?;
    report_errors(&errors);
    if rows.iter().any(|r| r.label.is_none()) || rows.is_empty() {
        anyhow::bail!(
            "{}: eval needs a `label` column and at least one row",
            args.file.display()
        );
    }
    let labels: Vec<String> = rows
        .iter()
        .map(|r| r.label.clone().unwrap_or_default())
        .collect();
    metrics::check_labels(&labels).map_err(|m| anyhow::anyhow!("{}: {m}", args.file.display()))?;
    let engine = Engine::new(rules);
    let outcomes = pairs::relate(&engine, &rows, false);
    let gold: Vec<String> = rows
        .iter()
        .map(|r| r.label.clone().unwrap_or_default())
        .collect();
    let m = match metrics::numeric_labels(&gold) {
        Some(similarity) => {
            let predicted: Vec<_> = outcomes
                .iter()
                .map(|o| Some((o.relation, o.score)))
                .collect();
            metrics::similarity(&similarity, &predicted)
        }
        None => {
            let predicted: Vec<_> = outcomes
                .iter()
                .map(|o| Some((o.relation, o.direction)))
                .collect();
            metrics::score(&gold, &predicted)
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &m)?;
            out.write_all(b"\n")?;
        }
        EvalFormat::Text => table(&m, &mut out)?,
    }
    out.flush()?;
    Ok(if errors.is_empty() { CLEAN } else { TROUBLE })
}

fn table(m: &Metrics, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "task      {}", m.task)?;
    writeln!(out, "pairs     {}", m.pairs)?;
    writeln!(out, "accuracy  {:.4}", m.accuracy)?;
    if let (Some(p), Some(r), Some(f)) = (m.precision, m.recall, m.f1) {
        writeln!(out, "precision {p:.4}\nrecall    {r:.4}\nf1        {f:.4}")?;
    }
    if m.task == "similarity" {
        // A correlation with a constant side is undefined, not 0.
        let show = |x: Option<f64>| {
            x.map_or_else(
                || "undefined (the gold or the predicted scores are constant)".to_string(),
                |x| format!("{x:.4}"),
            )
        };
        writeln!(
            out,
            "pearson   {}\nspearman  {}",
            show(m.pearson),
            show(m.spearman)
        )?;
    }
    if let Some(s) = m.fnc_score {
        writeln!(out, "fnc_score {s:.4}")?;
    }
    if !m.classes.is_empty() {
        writeln!(out, "\nclass          precision  recall     f1  gold")?;
        for (c, s) in &m.classes {
            writeln!(
                out,
                "{c:<14} {:>9.4} {:>7.4} {:>6.4} {:>5}",
                s.precision, s.recall, s.f1, s.gold
            )?;
        }
    }
    if !m.confusion.is_empty() {
        writeln!(out, "\nconfusion (gold->predicted)")?;
        for (k, v) in &m.confusion {
            writeln!(out, "  {k:<28} {v:>5}")?;
        }
    }
    Ok(())
}

/// Learns the `equivalent` and `entails` models from labelled files and
/// writes them as a rule file (concord_eval::train does the work).
pub fn train(args: TrainArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        args.l2.is_finite() && args.l2 >= 0.0,
        "--l2 must be a finite number at least 0, got {}",
        args.l2
    );
    if let Some(bad) = args
        .trees
        .iter()
        .find(|m| !concord_rules::MODELS.contains(&m.as_str()))
    {
        anyhow::bail!(
            "--trees: unknown model `{bad}` (expected one of: {})",
            concord_rules::MODELS.join(", ")
        );
    }
    anyhow::ensure!(
        (1..=8).contains(&args.depth),
        "--depth must be 1 to 8, got {}",
        args.depth
    );
    anyhow::ensure!(
        args.rate > 0.0 && args.rate <= 1.0,
        "--rate must be above 0 and at most 1, got {}",
        args.rate
    );
    let learners = concord_eval::train::Learners {
        l2: args.l2,
        trees: args.trees.clone(),
        boosting: concord_eval::boost::Boosting {
            depth: args.depth,
            rounds: args.rounds,
            rate: args.rate,
            ..concord_eval::boost::Boosting::default()
        },
    };
    let Some(mut rules) = load_rules(&args.common) else {
        return Ok(TROUBLE);
    };
    set_threads(&args.common)?;
    crate::output::check_writable(&args.output)?;
    // Features do not depend on existing models; switch them off so that
    // the best claim pair is chosen the same way as before any training.
    rules.weights.clear();
    let engine = Engine::new(rules);
    let mut sets = Vec::new();
    let mut errors_seen = false;
    for file in &args.files {
        let (rows, errors) = read_rows(file)?;
        errors_seen |= !errors.is_empty();
        report_errors(&errors);
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sets.push((name, rows));
    }
    let models =
        concord_eval::train::train(&engine, &sets, &learners).map_err(anyhow::Error::msg)?;
    for m in &models {
        say!(
            "concord: {}: {} examples from {}, training accuracy {:.4} at threshold {:.3}",
            m.name,
            m.examples,
            m.trained_on.join(", "),
            m.fit.accuracy(),
            m.fit.threshold()
        );
    }
    let text = concord_eval::train::to_toml(&models);
    crate::output::write_atomically(&args.output, text.as_bytes())?;
    Ok(if errors_seen { TROUBLE } else { CLEAN })
}
