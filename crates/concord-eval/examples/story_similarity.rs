//! Prints the article similarities story grouping works from, for tuning
//! `story_link`: `cargo run --release -p concord-eval --example
//! story_similarity -- PATHS...`.

use concord_core::Claim;
use concord_engine::Engine;
use concord_graph::stories;
use concord_rules::RuleSet;
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let (docs, errors) = concord_input::read_all(&paths);
    for e in errors {
        eprintln!("{e}");
    }
    let engine = Engine::new(RuleSet::builtin());
    let (x, _) = engine.extract(docs);
    let by: Vec<Vec<&Claim>> = x.iter().map(|e| e.claims.iter().collect()).collect();
    let bg = engine.rules.background.as_ref();
    let th = &engine.rules.thresholds;
    for (a, b, s) in stories::similarities(&by, bg, th) {
        println!("{:.3}  {}  {}", s, x[a].article.path, x[b].article.path);
    }
    let groups = stories::group(&by, bg, th);
    for (e, g) in x.iter().zip(groups) {
        println!("story {g}: {}", e.article.path);
    }
}
