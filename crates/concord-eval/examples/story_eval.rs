//! Measures story grouping on a labelled corpus (JSON Lines whose lines are
//! `{"cluster", "articles"}`): pairwise precision, recall and F1 of "same
//! story" over the articles whose cluster id starts with PREFIX (default
//! `multinews-`), with every article of the corpus grouped together, and the
//! size of the largest story.
//!
//! `cargo run --release -p concord-eval --example story_eval -- CORPUS [PREFIX] [THRESHOLD...]`

use concord_core::Claim;
use concord_engine::Engine;
use concord_graph::stories;
use concord_rules::RuleSet;
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(
        args.next()
            .expect("usage: story_eval CORPUS [PREFIX] [THRESHOLD...]"),
    );
    let prefix = args.next().unwrap_or_else(|| "multinews-".into());
    let thresholds: Vec<f64> = args.filter_map(|a| a.parse().ok()).collect();
    let (docs, errors) = concord_input::read_all(&[corpus]);
    eprintln!("{} documents, {} errors", docs.len(), errors.len());
    let engine = Engine::new(RuleSet::builtin());
    let labels: HashMap<String, Option<String>> = docs
        .iter()
        .map(|d| (d.path.clone(), d.label.clone()))
        .collect();
    let t0 = std::time::Instant::now();
    let (x, _) = engine.extract(docs);
    eprintln!("extracted in {:.2}s", t0.elapsed().as_secs_f64());
    let by: Vec<Vec<&Claim>> = x.iter().map(|e| e.claims.iter().collect()).collect();
    let label: Vec<Option<&str>> = x
        .iter()
        .map(|e| labels[&e.article.path].as_deref())
        .collect();
    let bg = engine.rules.background.as_ref();
    let thresholds = if thresholds.is_empty() {
        vec![engine.rules.thresholds.story_link]
    } else {
        thresholds
    };
    // How similar are the article pairs of one labelled story? (0 when the
    // pair was never a candidate.)
    if std::env::var("STORY_DIAG").is_ok() {
        let sims: HashMap<(usize, usize), f64> =
            stories::similarities(&by, bg, &engine.rules.thresholds)
                .into_iter()
                .map(|(a, b, s)| ((a, b), s))
                .collect();
        let idx: Vec<usize> = (0..x.len())
            .filter(|&i| label[i].is_some_and(|l| l.starts_with(&prefix)))
            .collect();
        let mut buckets = [0usize; 12];
        for (k, &i) in idx.iter().enumerate() {
            for &j in &idx[k + 1..] {
                if label[i] == label[j] {
                    let s = sims.get(&(i.min(j), i.max(j))).copied().unwrap_or(-1.0);
                    let b = if s < 0.0 {
                        0
                    } else {
                        1 + ((s * 10.0) as usize).min(10)
                    };
                    buckets[b] += 1;
                }
            }
        }
        println!(
            "same-story pairs: not candidates {}, by cosine decile {:?}",
            buckets[0],
            &buckets[1..]
        );
    }
    for t in thresholds {
        let t1 = std::time::Instant::now();
        let th = concord_rules::Thresholds {
            story_link: t,
            ..engine.rules.thresholds.clone()
        };
        let g = stories::group(&by, bg, &th);
        let secs = t1.elapsed().as_secs_f64();
        let idx: Vec<usize> = (0..x.len())
            .filter(|&i| label[i].is_some_and(|l| l.starts_with(&prefix)))
            .collect();
        let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
        for (k, &i) in idx.iter().enumerate() {
            for &j in &idx[k + 1..] {
                let same_gold = label[i] == label[j];
                let same_pred = g[i] == g[j];
                match (same_gold, same_pred) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for s in &g {
            *sizes.entry(*s).or_default() += 1;
        }
        let largest = sizes.values().max().copied().unwrap_or(0);
        let multi = sizes.values().filter(|&&s| s > 1).count();
        // Unlabelled articles (the single BBC and Reuters ones) that ended
        // up in a story with other articles.
        let others_grouped = (0..x.len())
            .filter(|&i| !label[i].is_some_and(|l| l.starts_with(&prefix)) && sizes[&g[i]] > 1)
            .count();
        println!(
            "threshold {t:.3}: precision {p:.3} recall {r:.3} F1 {f:.3} ({tp} tp, {fp} fp, {fn_} fn); {} stories, {multi} with 2+ articles, largest {largest}, {others_grouped} unlabelled articles grouped; grouping {secs:.2}s",
            sizes.len()
        );
    }
}
