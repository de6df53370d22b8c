//! The command-line contract: exit codes, error messages, determinism.
use crate::common::{concord, scratch, stderr, stdout};

#[test]
fn exit_code_0_when_nothing_fails() {
    let o = concord(&["check", "fixtures/paraphrase-only"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn exit_code_1_on_a_contradiction() {
    let o = concord(&["check", "fixtures/contradiction-date"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[contradiction-date]"));
}

#[test]
fn fail_on_chooses_what_fails() {
    let never = concord(&["check", "fixtures/contradiction-date", "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
    // The seeds agree but one outlet adds details.
    let contradiction = concord(&["check", "fixtures/seeds", "--fail-on", "contradiction"]);
    assert_eq!(contradiction.status.code(), Some(0));
    let unsupported = concord(&["check", "fixtures/seeds", "--fail-on", "unsupported"]);
    assert_eq!(unsupported.status.code(), Some(1));
}

#[test]
fn exit_code_2_for_a_missing_file_but_the_rest_is_checked() {
    let o = concord(&[
        "check",
        "fixtures/paraphrase-only",
        "no/such/article.txt",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no/such/article.txt: no such file or directory"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line per bad input: {err}");
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["articles"].as_array().unwrap().len(), 2);
    assert_eq!(report["errors"][0]["path"], "no/such/article.txt");
}

#[test]
fn binary_and_non_utf8_files_are_refused_with_their_offset() {
    let dir = scratch("binary");
    std::fs::write(
        dir.join("a.txt"),
        b"Japan and the US met on Monday to talk about trade.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), b"PNG\0\0binary").unwrap();
    std::fs::write(dir.join("c.txt"), b"caf\xe9 au lait").unwrap();
    let o = concord(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("b.txt: binary file, not text (NUL byte at offset 3)"),
        "{err}"
    );
    assert!(
        err.contains("c.txt: not valid UTF-8 (invalid byte at offset 3)"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_rules_name_file_line_and_column() {
    let dir = scratch("rules");
    std::fs::write(
        dir.join("mine.toml"),
        "[thresholds]\nlink = 0.3\nlinky = 1\n",
    )
    .unwrap();
    let o = concord(&["check", "fixtures/seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("mine.toml:3:1: unknown field `linky`"),
        "{err}"
    );
    let check = concord(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(2));
    assert!(stderr(&check).contains("mine.toml:3:1"));
}

/// Writes `text` as a user rule file and expects `check --rules` and
/// `rules check` to refuse it with `needle` at `mine.toml:LINE:COL`.
#[track_caller]
fn assert_rule_error(name: &str, text: &str, at: &str, needle: &str) {
    let dir = scratch(name);
    std::fs::write(dir.join("mine.toml"), text).unwrap();
    let dir = dir.to_str().unwrap();
    for args in [
        vec!["check", "fixtures/seeds", "--rules", dir],
        vec!["rules", "check", dir],
    ] {
        let o = concord(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("mine.toml:{at}: {needle}")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn unknown_detector_id_is_a_rule_error() {
    assert_rule_error(
        "rules-unknown-id",
        "[[detector]]\nid = \"contradiction-colour\"\nseverity = \"error\"\n",
        "2:6",
        "unknown detector id `contradiction-colour`",
    );
}

#[test]
fn duplicate_detector_id_is_a_rule_error() {
    assert_rule_error(
        "rules-duplicate-id",
        "[[detector]]\nid = \"contradiction-number\"\nseverity = \"warning\"\n\n\
         [[detector]]\nid = \"contradiction-number\"\nenabled = false\n",
        "6:6",
        "detector `contradiction-number` is already defined in this file at 2:6",
    );
}

#[test]
fn unknown_weight_feature_is_a_rule_error() {
    assert_rule_error(
        "rules-unknown-feature",
        "[weights.equivalent]\nbias = 0.5\nthreshold = 0.5\n\n[weights.equivalent.features]\ncover_min = 1.0\ncovr_max = 2.0\n",
        "7:12",
        "unknown feature `covr_max` in `weights.equivalent`",
    );
}

#[test]
fn severity_override_keeps_the_detector_examples() {
    let dir = scratch("rules-severity");
    std::fs::write(
        dir.join("mine.toml"),
        "[[detector]]\nid = \"contradiction-number\"\nseverity = \"note\"\n",
    )
    .unwrap();
    let all = concord(&["rules", "check"]);
    let mine = concord(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(mine.status.code(), Some(0), "{}", stderr(&mine));
    // The same number of examples run: the override dropped none.
    let examples = |o: &std::process::Output| {
        let out = stdout(o);
        out.split_whitespace()
            .zip(out.split_whitespace().skip(1))
            .find(|(_, w)| w.starts_with("example"))
            .map(|(n, _)| n.to_string())
    };
    assert_eq!(examples(&mine), examples(&all), "{}", stdout(&mine));
    assert!(examples(&all).is_some(), "{}", stdout(&all));
}

#[test]
fn rules_check_runs_every_detector_example() {
    let o = concord(&["rules", "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("rules ok:"), "{}", stdout(&o));
}

#[test]
fn a_user_rule_set_overrides_the_defaults() {
    let dir = scratch("override");
    std::fs::write(
        dir.join("quiet.toml"),
        "[[detector]]\nid = \"contradiction-date\"\nfinding = \"contradiction\"\ntype = \"date\"\n\
         severity = \"note\"\ndescription = \"Dates differ.\"\n",
    )
    .unwrap();
    // A date contradiction downgraded to a note no longer fails the run.
    let o = concord(&[
        "check",
        "fixtures/contradiction-date",
        "--rules",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("note[contradiction-date]"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(concord(&["check"]).status.code(), Some(2));
    assert_eq!(
        concord(&["check", "x", "--format", "yaml"]).status.code(),
        Some(2)
    );
    let help = concord(&["check", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Exit codes"));
}

#[test]
fn output_is_identical_across_threads_runs_and_input_order() {
    let run = |threads: &str, format: &str| {
        concord(&[
            "check",
            "fixtures/seeds",
            "--format",
            format,
            "--threads",
            threads,
        ])
    };
    let base = run("1", "json");
    for format in ["json", "text"] {
        let first = run("1", format);
        for threads in ["1", "2", "8"] {
            let again = run(threads, format);
            assert_eq!(first.stdout, again.stdout, "{format}, {threads} threads");
            assert_eq!(first.stderr, again.stderr, "{format}, {threads} threads");
        }
    }
    let mut files: Vec<String> = std::fs::read_dir(crate::common::root().join("fixtures/seeds"))
        .unwrap()
        .map(|e| {
            format!(
                "fixtures/seeds/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files.reverse();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let reversed = concord(&args);
    assert_eq!(base.stdout, reversed.stdout);
}

#[test]
fn claims_are_json_lines_whose_spans_slice_the_file() {
    let o = concord(&["claims", "fixtures/seeds/000_afc76d7b66223465.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(
        crate::common::root().join("fixtures/seeds/000_afc76d7b66223465.txt"),
    )
    .unwrap();
    let mut n = 0;
    for line in stdout(&o).lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["text"].as_str().unwrap());
        n += 1;
    }
    assert!(n > 20);
}

#[test]
fn text_output_quotes_both_sentences_with_locations() {
    let o = concord(&["check", "fixtures/contradiction-number"]);
    let out = stdout(&o);
    assert!(out.contains("error[contradiction-number]: different figures for the same quantity: 000_afc76d7b66223465 says \"three years\"; 002_edited says \"four years\""), "{out}");
    assert!(
        out.contains("--> fixtures/contradiction-number/000_afc76d7b66223465.txt:10:1"),
        "{out}"
    );
    assert!(
        out.contains("--> fixtures/contradiction-number/002_edited.txt:2:1"),
        "{out}"
    );
}
