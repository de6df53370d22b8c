//! `concord pairs`, `concord eval` and `concord train` as a user runs them:
//! files and standard input, malformed rows, the metrics of every task, and
//! a trained rule file that the rest of concord accepts.
use crate::common::{concord, scratch, stderr, stdout};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const PAIRS: &str = "id\tsentence1\tsentence2\n\
p1\tThe US and Japan will hold trilateral exercises with Britain from 2025.\tWashington and Tokyo will hold trilateral exercises with the UK from 2026.\n\
p2\tBiden said Article V applies to the Senkaku islands.\tBiden said that Article 5 applies to the Senkaku Islands.\n\
p3\tThe ministers met in Tokyo on Sunday.\tA volcano erupted in Iceland, covering a town in ash.\n";

fn lines(o: &std::process::Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `text` as `pairs.tsv` in a scratch folder: the folder (removed when
/// dropped) and the file's path.
fn write(name: &str, text: &str) -> (crate::common::Scratch, std::path::PathBuf) {
    let dir = scratch(name);
    let path = dir.join("pairs.tsv");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn pairs_writes_one_line_per_row_in_input_order() {
    let (_dir, path) = write("pairs-basic", PAIRS);
    let o = concord(&["pairs", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    let relation = |k: usize| out[k]["relation"].as_str().unwrap();
    // A different year for the same exercises; aliases on both sides.
    assert_eq!(relation(0), "contradicts");
    assert!(
        out[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("date: ")),
        "{}",
        out[0]
    );
    // Article V / Article 5: an alias, the same statement.
    assert_eq!(relation(1), "equivalent");
    assert_eq!(relation(2), "unrelated");
    for v in &out {
        let score = v["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(v["direction"].is_null() || v["direction"] == "a>b" || v["direction"] == "b>a");
        assert!(
            v["reasons"][0]
                .as_str()
                .unwrap()
                .starts_with("decided by a.c"),
            "{v}"
        );
    }
}

#[test]
fn pairs_reads_standard_input_and_numbers_rows_without_ids() {
    let text = "sentence1\tsentence2\tlabel\nA man plays a guitar.\tA man is playing the guitar.\tx\nA dog runs.\tA cat sleeps.\ty\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["pairs", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(out[0]["relation"], "equivalent", "{}", out[0]);
}

#[test]
fn malformed_rows_are_reported_with_their_line_and_the_rest_is_scored() {
    let text = "id\tsentence1\tsentence2\n\
ok1\tThe summit was held in Washington.\tThe summit took place in Washington.\n\
short\tonly one sentence here\n\
empty\t\tThe second side alone.\n\
ok1\tA repeated id.\tIt is refused.\n\
ok2\t\"A quote\" is text, not TSV quoting.\tA quote is text.\n";
    let (_dir, path) = write("pairs-malformed", text);
    let o = concord(&["pairs", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "bad rows make exit code 2");
    let err = stderr(&o);
    let shown = path.display().to_string();
    for line in [3, 4, 5] {
        assert!(
            err.contains(&format!("{shown}:{line}:")),
            "line {line} not named: {err}"
        );
    }
    assert_eq!(err.lines().count(), 3, "one line per malformed row: {err}");
    let ids: Vec<String> = lines(&o)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["ok1", "ok2"]);
}

#[test]
fn a_file_without_sentence_columns_is_an_error_naming_it() {
    let (_dir, path) = write("pairs-header", "id\ttext\n1\tx\n");
    let o = concord(&["pairs", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sentence1"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = concord(&["pairs", "no/such/file.tsv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.tsv"), "{}", stderr(&o));
}

#[test]
fn pairs_output_does_not_depend_on_the_thread_count() {
    let (_dir, path) = write("pairs-threads", PAIRS);
    let one = concord(&["pairs", path.to_str().unwrap(), "--threads", "1"]);
    let two = concord(&["pairs", path.to_str().unwrap(), "--threads", "2"]);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn features_name_every_figure_of_the_deciding_pair() {
    let (_dir, path) = write("pairs-features", PAIRS);
    let o = concord(&["pairs", path.to_str().unwrap(), "--features"]);
    let out = lines(&o);
    let f = out[1]["features"].as_object().unwrap();
    assert!(f.len() > 20, "{f:?}");
    assert!(f.contains_key("cover_min") && f.contains_key("polarity_differs"));
}

#[test]
fn eval_scores_each_task_like_the_shared_scorer() {
    // Paraphrase labels: p1 (a contradiction) is no paraphrase, p2 is one.
    let para = "id\tsentence1\tsentence2\tlabel\n\
p1\tThe US and Japan will hold trilateral exercises with Britain from 2025.\tWashington and Tokyo will hold trilateral exercises with the UK from 2026.\tnot_paraphrase\n\
p2\tBiden said Article V applies to the Senkaku islands.\tBiden said that Article 5 applies to the Senkaku Islands.\tparaphrase\n";
    let (_dir, path) = write("eval-para", para);
    let o = concord(&["eval", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["task"], "paraphrase");
    assert_eq!(m["pairs"], 2);
    assert_eq!(m["accuracy"], 1.0);
    assert_eq!(m["f1"], 1.0);

    // Inference labels: the same pairs as contradiction and entailment.
    let nli = para
        .replace("not_paraphrase", "contradiction")
        .replace("\tparaphrase", "\tentailment");
    let (_dir, path) = write("eval-nli", &nli);
    let o = concord(&["eval", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table.starts_with("task      inference\n"), "{table}");
    assert!(table.contains("accuracy  1.0000"), "{table}");
    assert!(
        table.contains("contradiction->contradiction     1"),
        "{table}"
    );

    // Numbers: STS similarity, judged by correlation.
    let sts = "id\tsentence1\tsentence2\tlabel\n\
a\tBiden said Article V applies to the Senkaku islands.\tBiden said that Article 5 applies to the Senkaku Islands.\t5.0\n\
b\tThe summit was held in Washington on Wednesday.\tThe summit was held in Washington.\t3.8\n\
c\tThe ministers met in Tokyo on Sunday.\tA volcano erupted in Iceland, covering a town in ash.\t0.0\n";
    let (_dir, path) = write("eval-sts", sts);
    let o = concord(&["eval", path.to_str().unwrap(), "--format", "json"]);
    let m: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["task"], "similarity");
    assert!(m["spearman"].as_f64().unwrap() > 0.99, "{m}");
}

#[test]
fn eval_needs_labels() {
    let (_dir, path) = write("eval-nolabel", PAIRS);
    let o = concord(&["eval", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("label"), "{}", stderr(&o));
}

#[test]
fn train_writes_a_weights_file_the_rules_accept() {
    // A small labelled set with both kinds of labels; the figures are not
    // the point, the round trip is.
    let mut para = String::from("id\tsentence1\tsentence2\tlabel\n");
    let mut nli = para.clone();
    let rows = [
        (
            "The summit was held in Washington.",
            "The summit took place in Washington.",
            "paraphrase",
        ),
        (
            "Biden hosted Kishida at the White House.",
            "Kishida was hosted by Biden at the White House.",
            "paraphrase",
        ),
        (
            "The treaty covers the islands.",
            "The treaty applies to the islands.",
            "paraphrase",
        ),
        (
            "Japan will raise defence spending.",
            "Japan will raise defense spending.",
            "paraphrase",
        ),
        (
            "The ministers met in Tokyo.",
            "A volcano erupted in Iceland.",
            "not_paraphrase",
        ),
        (
            "Shares fell 2% on Monday.",
            "The port strike ended on Friday.",
            "not_paraphrase",
        ),
        (
            "The summit was held in Washington.",
            "The summit was held in Washington, officials said, after a year of talks on missiles.",
            "not_paraphrase",
        ),
        (
            "A man is playing a guitar.",
            "A woman is slicing an onion.",
            "not_paraphrase",
        ),
    ];
    for (k, (a, b, l)) in rows.iter().enumerate() {
        para.push_str(&format!("m{k}\t{a}\t{b}\t{l}\n"));
        let l = if *l == "paraphrase" {
            "entailment"
        } else {
            "neutral"
        };
        nli.push_str(&format!("s{k}\t{a}\t{b}\t{l}\n"));
    }
    let (_dir, path) = write("train", &para);
    let nli_path = path.parent().unwrap().join("nli.tsv");
    std::fs::write(&nli_path, nli).unwrap();
    let (path, nli_path) = (path.to_str().unwrap(), nli_path.to_str().unwrap());
    let rules = scratch("train-rules");
    let out = rules.join("weights.toml");
    let o = concord(&["train", path, nli_path, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("[weights.equivalent]"), "{written}");
    assert!(written.contains("[weights.entails]"), "{written}");
    // Deterministic: the same files give the same weights.
    let again = rules.join("again.toml");
    concord(&["train", path, nli_path, "-o", again.to_str().unwrap()]);
    assert_eq!(written, std::fs::read_to_string(&again).unwrap());
    std::fs::remove_file(&again).unwrap();
    // The file is a rule file concord loads and uses.
    let loads_and_runs = || {
        let o = concord(&["rules", "check", rules.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = concord(&["eval", path, "--rules", rules.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    loads_and_runs();
    // Boosted trees for two models: written as trees, the same bytes twice,
    // loaded and used; the other model stays a logistic regression.
    let trees = ["--trees", "equivalent,one_way", "--rounds", "5"];
    let mut args = vec!["train", path, nli_path, "-o", out.to_str().unwrap()];
    args.extend(trees);
    let o = concord(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.matches("[[weights.equivalent.trees]]").count(), 5);
    assert_eq!(written.matches("[[weights.one_way.trees]]").count(), 5);
    assert!(written.contains("[weights.entails.features]"), "{written}");
    assert!(
        !written.contains("[weights.equivalent.features]"),
        "{written}"
    );
    let mut args = vec!["train", path, nli_path, "-o", again.to_str().unwrap()];
    args.extend(trees);
    concord(&args);
    assert_eq!(written, std::fs::read_to_string(&again).unwrap());
    std::fs::remove_file(&again).unwrap();
    loads_and_runs();
}
