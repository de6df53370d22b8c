//! A run split by story (issue 16's worker): a feed of JSON Lines on
//! standard input whose `story` fields fix the grouping, written back as
//! one finding per line (`--format jsonl`). Checked story by story, it must
//! give the same lines as one run over the whole feed.
use crate::common::{root, stderr, stdout};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// One JSON Lines article per fixture file, its story the fixture's name;
/// the mixed feed's articles keep their known story.
fn feed() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for case in [
        "contradiction-number",
        "contradiction-date",
        "contradiction-entity",
    ] {
        let dir = root().join("fixtures").join(case);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&f).unwrap();
            let line = json!({"id": format!("{case}/{name}"), "text": text, "story": case});
            lines.push((case.to_string(), line.to_string()));
        }
    }
    let mixed = std::fs::read_to_string(root().join("fixtures/mixed-stories/feed.jsonl")).unwrap();
    for l in mixed.lines() {
        let mut v: Value = serde_json::from_str(l).unwrap();
        let story = v["cluster"].as_str().unwrap().to_string();
        v["story"] = Value::String(story.clone());
        lines.push((story, v.to_string()));
    }
    lines
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The sorted finding lines of a `check -` over `lines`. Terms are
/// weighed per story: weighed over the whole run, the stories' findings
/// differ from those of each story alone (this test fails with `run`).
fn finding_lines(lines: &[&str]) -> Vec<String> {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let args = [
        "check",
        "-",
        "--format",
        "jsonl",
        "--term-weights",
        "story",
        "--no-cache",
        "--fail-on",
        "never",
    ];
    let o = run_stdin(&args, &input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut out: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    out.sort();
    out
}

#[test]
fn a_feed_checked_story_by_story_gives_the_findings_of_one_run() {
    let feed = feed();
    let all: Vec<&str> = feed.iter().map(|(_, l)| l.as_str()).collect();
    let whole = finding_lines(&all);
    let mut by_story: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (story, line) in &feed {
        by_story.entry(story).or_default().push(line);
    }
    assert!(by_story.len() >= 5, "{by_story:?}");
    // The fixtures share their first article: a copy given another story
    // is checked in each, as it is when each story runs alone.
    let mut sharded: Vec<String> = by_story.values().flat_map(|l| finding_lines(l)).collect();
    sharded.sort();
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter().filter(|l| !y.contains(l)).cloned().collect()
    };
    assert_eq!(
        (only(&whole, &sharded), only(&sharded, &whole)),
        (Vec::new(), Vec::new()),
        "findings of the whole run only, of the sharded runs only"
    );
    assert_eq!(whole, sharded);
    // Every line names its story and articles by the feed's own ids, and
    // the fixtures' injected contradictions are there.
    let parsed: Vec<Value> = whole
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for f in &parsed {
        let story = f["story"].as_str().unwrap();
        assert!(by_story.contains_key(story), "{story}");
        for a in f["articles"].as_array().unwrap() {
            let id = a.as_str().unwrap();
            assert!(
                all.iter().any(|l| l.contains(&format!("\"id\":\"{id}\""))),
                "{id}"
            );
        }
    }
    for (story, rule) in [
        ("contradiction-number", "contradiction-number"),
        ("contradiction-date", "contradiction-date"),
    ] {
        assert!(
            parsed
                .iter()
                .any(|f| f["story"] == story && f["rule"] == rule),
            "{story}: no {rule}"
        );
    }
}

#[test]
fn a_given_story_fixes_the_grouping() {
    // Every article told it is one story: one story, whatever they say.
    let feed: Vec<String> = feed()
        .into_iter()
        .map(|(_, l)| {
            let mut v: Value = serde_json::from_str(&l).unwrap();
            v["story"] = json!(7);
            v.to_string() + "\n"
        })
        .collect();
    let o = run_stdin(
        &[
            "check",
            "-",
            "--format",
            "json",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        &feed.concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["stories"].as_array().unwrap().len(), 1);
    assert!(
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["story"] == "7")
    );
    // Without the field they are grouped as concord sees them.
    let o = run_stdin(
        &[
            "check",
            "-",
            "--format",
            "json",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        &feed.concat().replace(",\"story\":7", ""),
    );
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(report["stories"].as_array().unwrap().len() >= 5);
}

/// `concord stories` over the mixed feed: one line per article, by its
/// feed id; articles of one story share a key and a rare
/// name and their vectors pass `story_link`, articles of different
/// stories never pass both checks (docs/distributed.md).
#[test]
fn story_keys_join_the_articles_of_one_story_and_no_others() {
    let feed = std::fs::read_to_string(root().join("fixtures/mixed-stories/feed.jsonl")).unwrap();
    let clusters: Vec<(String, String)> = feed
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().into(),
                v["cluster"].as_str().unwrap().into(),
            )
        })
        .collect();
    let by_path = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["stories", "fixtures/mixed-stories/feed.jsonl", "--no-cache"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(by_path.status.code(), Some(0), "{}", stderr(&by_path));
    // Standard input gives the same bytes, and the same again on a rerun.
    let by_stdin = run_stdin(&["stories", "-", "--no-cache", "--threads", "1"], &feed);
    assert_eq!(stdout(&by_stdin), stdout(&by_path));
    let lines: Vec<Value> = stdout(&by_path)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // In the order of the articles (a feed's by id), whatever the input's.
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let mut want: Vec<&str> = clusters.iter().map(|(id, _)| id.as_str()).collect();
    want.sort();
    assert_eq!(ids, want);
    let cluster = |id: &str| clusters.iter().find(|(i, _)| i == id).unwrap().1.clone();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let vector = |v: &Value| -> BTreeMap<String, f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().into(), p[1].as_f64().unwrap()))
            .collect()
    };
    let story_link = 0.20; // rules/thresholds.toml
    let mut joined = 0;
    for (i, a) in lines.iter().enumerate() {
        let (keys_a, names_a, vec_a) = (
            strings(&a["keys"]),
            strings(&a["names"]),
            vector(&a["vector"]),
        );
        assert!(!keys_a.is_empty() && keys_a.len() <= 12, "{a}");
        assert!(keys_a.windows(2).all(|w| w[0] < w[1]), "keys unsorted: {a}");
        let norm: f64 = vec_a.values().map(|w| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-3, "{norm}");
        for (j, b) in lines.iter().enumerate().skip(i + 1) {
            let (keys_b, names_b, vec_b) = (
                strings(&b["keys"]),
                strings(&b["names"]),
                vector(&b["vector"]),
            );
            let shares_key = keys_a.iter().any(|k| keys_b.contains(k));
            let shares_name = names_a.iter().any(|n| names_b.contains(n));
            let cosine: f64 = vec_a
                .iter()
                .filter_map(|(t, w)| vec_b.get(t).map(|v| w * v))
                .sum();
            let pair = (ids[i], ids[j]);
            if cluster(ids[i]) == cluster(ids[j]) {
                assert!(
                    shares_key && shares_name && cosine >= story_link,
                    "{pair:?} {cosine}"
                );
                joined += 1;
            } else {
                assert!(!(shares_name && cosine >= story_link), "{pair:?} {cosine}");
            }
        }
    }
    assert_eq!(joined, 4, "port 3 pairs + volcano 1 pair");
}

/// `concord check --index` run in `dir`; the output and stderr.
fn indexed(dir: &std::path::Path, index: &str, paths: &[&str], whole: bool) -> (String, String) {
    let mut args = vec![
        "check",
        "--index",
        index,
        "--format",
        "jsonl",
        "--no-cache",
        "--fail-on",
        "never",
    ];
    if whole {
        args.push("--whole-index");
    }
    args.extend(paths);
    let o = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(&args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (stdout(&o), stderr(&o))
}

/// The feed without its stories, in three batch files.
fn batches(dir: &std::path::Path) -> Vec<String> {
    let lines: Vec<String> = feed()
        .into_iter()
        .map(|(_, l)| {
            let mut v: Value = serde_json::from_str(&l).unwrap();
            v.as_object_mut().unwrap().remove("story");
            v.as_object_mut().unwrap().remove("cluster");
            v.to_string()
        })
        .collect();
    let mut names = Vec::new();
    for (k, part) in [
        0..lines.len() / 2,
        lines.len() / 2..lines.len() - 3,
        lines.len() - 3..lines.len(),
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("batch-{k}.jsonl");
        let text: String = lines[part].iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(dir.join(&name), text).unwrap();
        names.push(name);
    }
    names
}

/// How many stories the last `--index` run says it checked, of how many.
fn checked(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains("stories checked"))
        .expect(stderr);
    let words: Vec<&str> = line.split_whitespace().collect();
    let of = words.iter().position(|w| *w == "of").unwrap();
    (
        words[of - 1].parse().unwrap(),
        words[of + 1].parse().unwrap(),
    )
}

#[test]
fn an_index_fed_batch_by_batch_holds_the_findings_of_one_full_run() {
    let dir = crate::common::scratch("index");
    let b = batches(&dir);
    let (full, _) = indexed(&dir, "full.idx", &[&b[0], &b[1], &b[2]], false);
    assert!(full.lines().count() > 10, "{full}");
    // Batches in another order than their names, the last one small.
    indexed(&dir, "inc.idx", &[&b[1]], false);
    indexed(&dir, "inc.idx", &[&b[0]], false);
    let (new, err) = indexed(&dir, "inc.idx", &[&b[2]], false);
    let (n, of) = checked(&err);
    assert!(n >= 1 && n < of, "only the stories of the new batch: {err}");
    // What the last batch printed is the findings of the stories it checked.
    for l in new.lines() {
        assert!(full.lines().any(|f| f == l), "{l}");
    }
    // A batch already in the index changes nothing and checks nothing.
    let (whole, err) = indexed(&dir, "inc.idx", &[&b[2]], true);
    assert_eq!(checked(&err).0, 0, "{err}");
    same_lines(&whole, &full);
}

#[test]
fn a_changed_article_is_checked_again_as_a_full_run_would_check_it() {
    let dir = crate::common::scratch("index-replace");
    let b = batches(&dir);
    indexed(&dir, "inc.idx", &[&b[0], &b[1], &b[2]], false);
    // The same batch file again, one article's figures changed.
    let text = std::fs::read_to_string(dir.join(&b[1])).unwrap();
    let mut records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let edited = records
        .iter_mut()
        .find(|r| r["text"].as_str().unwrap().contains('1'))
        .unwrap();
    edited["text"] = Value::String(edited["text"].as_str().unwrap().replacen('1', "7", 2));
    let changed: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join(&b[1]), changed).unwrap();
    let (_, err) = indexed(&dir, "inc.idx", &[&b[1]], false);
    assert!(err.contains("replaced"), "{err}");
    let (whole, _) = indexed(&dir, "inc.idx", &[&b[2]], true);
    let (full, _) = indexed(&dir, "full.idx", &[&b[0], &b[1], &b[2]], false);
    same_lines(&whole, &full);
}

/// `a` and `b` line for line, shown as the lines that differ.
fn same_lines(a: &str, b: &str) {
    let only_a: Vec<&str> = a.lines().filter(|l| !b.lines().any(|m| m == *l)).collect();
    let only_b: Vec<&str> = b.lines().filter(|l| !a.lines().any(|m| m == *l)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only in the first:\n{}\nonly in the second:\n{}",
        only_a.join("\n"),
        only_b.join("\n")
    );
    assert_eq!(a, b, "the same lines in another order");
}

#[test]
fn a_damaged_index_is_an_error_naming_it_and_is_left_alone() {
    let dir = crate::common::scratch("index-damaged");
    let b = batches(&dir);
    indexed(&dir, "feed.idx", &[&b[2]], false);
    let table = std::fs::read_to_string(dir.join("feed.idx")).unwrap();
    let damaged = table.replacen("\nA [", "\nA {", 1);
    std::fs::write(dir.join("feed.idx"), &damaged).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args([
            "check",
            "--index",
            "feed.idx",
            "--format",
            "jsonl",
            "--no-cache",
        ])
        .arg(&b[0])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("story index feed.idx: line 4: column"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("feed.idx")).unwrap(),
        damaged
    );
    // And --index writes JSON Lines only.
    let o = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["check", "--index", "other.idx", "--no-cache"])
        .arg(&b[0])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format jsonl"), "{}", stderr(&o));
}
