//! Incremental checks (`--new`) and the claim cache (`--cache`).
use crate::common::{concord, copy_case, scratch, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeSet;

/// (rule, file names of the claims, detail) of each finding: comparable
/// across runs whose article numbering differs.
fn findings(report: &Value) -> BTreeSet<(String, Vec<String>, String)> {
    let file_of = |claim: &str| {
        let article = claim.split('.').next().unwrap();
        let a = report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == article)
            .unwrap();
        a["path"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string()
    };
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let files = f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| file_of(c.as_str().unwrap()))
                .collect();
            (
                f["rule"].as_str().unwrap().to_string(),
                files,
                f["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn json(args: &[&str]) -> Value {
    let o = concord(args);
    assert!(o.status.code().unwrap() < 2, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn new_reports_exactly_the_findings_that_involve_a_new_article() {
    let base = scratch("new");
    let corpus = base.join("corpus");
    copy_case("contradiction-date", &corpus);
    let new_dir = base.join("pr");
    std::fs::create_dir_all(&new_dir).unwrap();
    std::fs::rename(
        corpus.join("004_edited.txt"),
        new_dir.join("004_edited.txt"),
    )
    .unwrap();
    let (c, n) = (corpus.to_str().unwrap(), new_dir.join("004_edited.txt"));
    let n = n.to_str().unwrap();

    let full = json(&["check", c, n, "--format", "json", "--no-cache"]);
    let incremental = json(&["check", c, "--new", n, "--format", "json", "--no-cache"]);
    let expected: BTreeSet<_> = findings(&full)
        .into_iter()
        .filter(|(_, files, _)| files.iter().any(|f| f == "004_edited.txt"))
        .collect();
    let got = findings(&incremental);
    assert!(!got.is_empty());
    assert!(got.iter().any(|(rule, _, _)| rule == "contradiction-date"));
    assert_eq!(got, expected);
    // Every article is still in the report: the corpus is context.
    assert_eq!(incremental["articles"].as_array().unwrap().len(), 3);
    // Naming the new file inside the corpus folder too changes nothing.
    let again = json(&["check", c, n, "--new", n, "--format", "json", "--no-cache"]);
    assert_eq!(findings(&again), got);
}

#[test]
fn a_warm_cache_gives_the_same_report_and_can_be_shared() {
    let base = scratch("cache");
    let cache = base.join("cache");
    let cache = cache.to_str().unwrap();
    let args = [
        "check",
        "fixtures/seeds",
        "fixtures/contradiction-number",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--cache",
        cache,
    ];
    let cold = concord(&args);
    assert_eq!(cold.status.code(), Some(0), "{}", stderr(&cold));
    let entries = walk_count(std::path::Path::new(cache));
    // One entry per distinct article text (two of the case's articles are
    // copies of seeds), and the run's result.
    assert_eq!(entries, 7);
    assert_eq!(walk_count(&std::path::Path::new(cache).join("runs")), 1);
    let warm = concord(&args);
    assert!(stdout(&warm) == stdout(&cold), "warm run differs");
    let plain = concord(&[&args[..7], &["--no-cache"]].concat());
    assert!(stdout(&plain) == stdout(&cold), "the cache changes nothing");
    // The stored run serves another format too.
    let text = |extra: &[&str]| {
        let mut a = vec!["check", "fixtures/seeds", "fixtures/contradiction-number"];
        a.extend_from_slice(&["--fail-on", "never"]);
        a.extend_from_slice(extra);
        stdout(&concord(&a))
    };
    assert_eq!(text(&["--cache", cache]), text(&["--no-cache"]));
    // Two runs at once on a fresh shared folder.
    let shared = base.join("shared");
    let shared = shared.to_str().unwrap();
    let mut both = args.to_vec();
    both[8] = shared;
    let bin = env!("CARGO_BIN_EXE_concord");
    let spawn = || {
        std::process::Command::new(bin)
            .args(&both)
            .current_dir(crate::common::root())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(stdout(&a) == stdout(&cold) && stdout(&b) == stdout(&cold));
    assert_eq!(
        walk_count(std::path::Path::new(shared)),
        7,
        "no temporary file left"
    );
}

#[test]
fn a_changed_article_is_a_new_run_with_the_report_of_no_cache() {
    let base = scratch("cache-edit");
    let corpus = base.join("corpus");
    crate::common::copy_case("contradiction-number", &corpus);
    let cache = base.join("cache");
    let (c, k) = (corpus.to_str().unwrap(), cache.to_str().unwrap());
    let run = |extra: &[&str]| {
        let mut a = vec!["check", c, "--format", "json", "--fail-on", "never"];
        a.extend_from_slice(extra);
        stdout(&concord(&a))
    };
    let before = run(&["--cache", k]);
    // Edit one article: the number contradiction goes away.
    let edited = corpus.join("002_edited.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    assert!(text.contains("last four years"));
    std::fs::write(&edited, text.replace("last four years", "last three years")).unwrap();
    let after = run(&["--cache", k]);
    assert_ne!(
        before, after,
        "the stored run of the old corpus is not reused"
    );
    assert_eq!(after, run(&["--no-cache"]));
    assert_eq!(walk_count(&cache.join("runs")), 2);
}

/// Files under `dir`, recursively.
fn walk_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() { walk_count(&p) } else { 1 }
        })
        .sum()
}
