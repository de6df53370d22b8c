//! Input at scale: JSON Lines feeds (plain and gzip), story grouping of a
//! mixed feed, determinism across thread counts and line orders, and the
//! benchmark stages.
use crate::common::{concord, scratch, stderr, stdout};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(o)))
}

/// The lines of the mixed-stories feed.
fn feed_lines() -> Vec<String> {
    std::fs::read_to_string(crate::common::root().join("fixtures/mixed-stories/feed.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_bad_json_line_is_reported_with_its_number_and_the_rest_is_checked() {
    let dir = scratch("bad-lines");
    let feed = dir.join("feed.jsonl");
    let lines = feed_lines();
    let text = format!(
        "{}\n{{\"id\": \"broken\", \"text\": \n{{\"id\": \"no-text\"}}\n\n{}\n",
        lines[0], lines[1]
    );
    std::fs::write(&feed, text).unwrap();
    let o = concord(&["check", feed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let shown = feed.display().to_string();
    assert!(
        err.contains(&format!("{shown}:2: not a JSON object")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}:3: article `no-text` has no `text`")),
        "{err}"
    );
    // One line per error, nothing else on stderr.
    assert_eq!(err.lines().count(), 2, "{err}");
    let report = json(&o);
    let paths: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [format!("{shown}#port-1"), format!("{shown}#port-2")]
    );
    assert!(!report["claims"].as_array().unwrap().is_empty());
}

#[test]
fn a_gzip_feed_gives_the_same_report_as_the_plain_one() {
    let dir = scratch("gzip");
    let text = feed_lines().join("\n") + "\n";
    std::fs::write(dir.join("feed.jsonl"), &text).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let zipped = dir.join("zipped");
    std::fs::create_dir_all(&zipped).unwrap();
    std::fs::write(zipped.join("feed.jsonl.gz"), gz.finish().unwrap()).unwrap();

    let plain = concord(&[
        "check",
        dir.join("feed.jsonl").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let gzip = concord(&[
        "check",
        zipped.join("feed.jsonl.gz").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(plain.status.code(), gzip.status.code(), "{}", stderr(&gzip));
    let (mut a, mut b) = (json(&plain), json(&gzip));
    assert!(a["claims"].as_array().unwrap().len() > 20);
    // Only the file names differ.
    for r in [&mut a, &mut b] {
        for art in r["articles"].as_array_mut().unwrap() {
            let path = art["path"].as_str().unwrap();
            let id = path.rsplit('#').next().unwrap().to_string();
            art["path"] = Value::String(id);
        }
    }
    assert_eq!(a["articles"].as_array().unwrap().len(), 7);
    assert_eq!(a, b);
}

/// Story label of each article path: the feed's `cluster` field, and
/// "summit" or "two-plus-two" for the seeds.
fn expected_story(path: &str, labels: &BTreeMap<String, String>) -> String {
    if let Some((_, id)) = path.split_once('#') {
        return labels[id].clone();
    }
    // The fifth seed reports the July "2+2", a different event.
    if path.ends_with("003_09fcb1f6337adf92.txt") {
        "two-plus-two".into()
    } else {
        "summit".into()
    }
}

#[test]
fn a_mixed_feed_is_grouped_into_its_stories_and_claims_never_link_across_them() {
    let labels: BTreeMap<String, String> = feed_lines()
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["cluster"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let o = concord(&[
        "check",
        "fixtures/seeds",
        "fixtures/mixed-stories",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = json(&o);
    let path_of: BTreeMap<&str, &str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["path"].as_str().unwrap()))
        .collect();
    assert_eq!(path_of.len(), 12);
    let mut story_of: BTreeMap<&str, &str> = BTreeMap::new();
    for s in report["stories"].as_array().unwrap() {
        let articles: Vec<&str> = s["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let expected: BTreeSet<String> = articles
            .iter()
            .map(|a| expected_story(path_of[a], &labels))
            .collect();
        // A story never mixes articles from different known stories; the
        // July "2+2" article may sit with the summit (same actors) or alone.
        let mixed_events = expected.len() > 1
            && !(expected.len() == 2
                && expected.contains("summit")
                && expected.contains("two-plus-two"));
        assert!(!mixed_events, "story {} mixes {expected:?}", s["id"]);
        for a in articles {
            story_of.insert(a, s["id"].as_str().unwrap());
        }
    }
    // And every known story with several articles is found whole.
    for (a, pa) in &path_of {
        for (b, pb) in &path_of {
            let (sa, sb) = (expected_story(pa, &labels), expected_story(pb, &labels));
            if sa == sb {
                assert_eq!(
                    story_of[a], story_of[b],
                    "{pa} and {pb} should share a story"
                );
            }
        }
    }
    // Claims link only within a story.
    let article_of_claim: BTreeMap<&str, &str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["article"].as_str().unwrap()))
        .collect();
    let links = report["links"].as_array().unwrap();
    assert!(!links.is_empty());
    for l in links {
        let (a, b) = (
            article_of_claim[l["a"].as_str().unwrap()],
            article_of_claim[l["b"].as_str().unwrap()],
        );
        assert_eq!(story_of[a], story_of[b], "link {l} crosses stories");
    }
    // The strike reports agree with each other: they are linked.
    let port: BTreeSet<&str> = path_of
        .iter()
        .filter(|(_, p)| p.contains("#port-"))
        .map(|(a, _)| *a)
        .collect();
    assert!(links.iter().any(|l| {
        port.contains(article_of_claim[l["a"].as_str().unwrap()])
            && port.contains(article_of_claim[l["b"].as_str().unwrap()])
    }));
}

#[test]
fn a_shuffled_feed_gives_the_same_bytes_with_one_or_two_threads() {
    let dir = scratch("shuffle");
    let mut lines = feed_lines();
    let feed = dir.join("feed.jsonl");
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let run = |threads: &str| {
        let o = concord(&[
            "check",
            feed.to_str().unwrap(),
            "fixtures/seeds",
            "--format",
            "json",
            "--threads",
            threads,
        ]);
        assert!(o.status.code().unwrap() < 2, "{}", stderr(&o));
        o.stdout
    };
    let base = run("1");
    assert_eq!(base, run("2"));
    // Other line orders (a fixed rotation and a reversal), same bytes.
    lines.rotate_left(3);
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    assert_eq!(base, run("2"));
    lines.reverse();
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    assert_eq!(base, run("1"));
}

#[test]
fn stages_stop_early_with_a_one_line_summary() {
    let segment = concord(&["check", "fixtures/seeds", "--stage", "segment"]);
    assert_eq!(segment.status.code(), Some(0), "{}", stderr(&segment));
    let s: Value = serde_json::from_str(stdout(&segment).trim()).unwrap();
    assert_eq!(s["stage"], "segment");
    assert_eq!(s["articles"], 5);
    let sentences = s["sentences"].as_u64().unwrap();

    let extract = concord(&["check", "fixtures/seeds", "--stage", "extract"]);
    let e: Value = serde_json::from_str(stdout(&extract).trim()).unwrap();
    assert_eq!(e["articles"], 5);
    let claims = e["claims"].as_u64().unwrap();
    // Clauses split some sentences into several claims; headings and short
    // fragments give none.
    assert!(
        claims > sentences / 2 && claims < sentences * 3,
        "{sentences} {claims}"
    );

    let full = json(&concord(&["check", "fixtures/seeds", "--format", "json"]));
    assert_eq!(full["claims"].as_array().unwrap().len() as u64, claims);
}

#[test]
fn no_progress_bar_reaches_a_pipe() {
    // stderr is a pipe here: nothing but errors may be written to it.
    let o = concord(&["check", "fixtures/seeds", "--format", "json"]);
    assert_eq!(stderr(&o), "");
    let quiet = concord(&["check", "fixtures/seeds", "--format", "json", "--quiet"]);
    assert_eq!(o.stdout, quiet.stdout);
    assert_eq!(stderr(&quiet), "");
}
