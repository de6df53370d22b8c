//! CI features end to end: baselines (round trip, what a fingerprint
//! survives, stale entries) and inline suppression comments.
use crate::common::{concord, copy_case, scratch, stderr, stdout};
use std::path::Path;

const CASE: &str = "contradiction-date";
const EDITED: &str = "004_edited.txt";
const FRIDAY: &str = "While the two nations continue to bolster their ties";

fn check(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    concord(&args)
}

fn rules_of(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn edit(file: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, f(text)).unwrap();
}

#[test]
fn a_baseline_round_trips_and_survives_moves_whitespace_and_renames() {
    let base = scratch("baseline");
    let run1 = base.join("run1/articles");
    copy_case(CASE, &run1);
    let file = base.join("concord-baseline.toml");
    let b = file.to_str().unwrap();
    let o = check(&run1, &["--write-baseline", b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("concord: recorded"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("rule = \"contradiction-date\""), "{text}");
    assert!(text.contains("files = [\"000_afc76d7b66223465.txt\", \"004_edited.txt\"]"));

    // Same corpus: nothing is new.
    let o = check(&run1, &["--baseline", b, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(rules_of(&stdout(&o)).is_empty());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    // Another working directory, the contradicting paragraph moved to the
    // top, and its whitespace changed: still the same finding.
    let run2 = base.join("elsewhere/news");
    std::fs::create_dir_all(run2.parent().unwrap()).unwrap();
    std::fs::rename(&run1, &run2).unwrap();
    edit(&run2.join(EDITED), |t| {
        let para = t
            .lines()
            .find(|l| l.starts_with(FRIDAY))
            .unwrap()
            .to_string();
        let moved = para.replace(" their ties,", "  their\tties,");
        let rest = t.replace(&format!("{para}\n"), "");
        let (title, body) = rest.split_once("\n\n").unwrap();
        format!("{title}\n\n{moved}\n\n{body}")
    });
    let o = check(&run2, &["--format", "json"]);
    assert!(
        rules_of(&stdout(&o)).contains(&"contradiction-date".to_string()),
        "the edited corpus still has the contradiction"
    );
    let o = check(&run2, &["--baseline", b, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rules = rules_of(&stdout(&o));
    assert!(
        !rules.contains(&"contradiction-date".to_string()),
        "{rules:?}"
    );
    assert!(!stderr(&o).contains("contradiction-date"), "{}", stderr(&o));
}

#[test]
fn new_findings_are_reported_and_gone_ones_are_stale() {
    let base = scratch("stale");
    let dir = base.join("articles");
    copy_case(CASE, &dir);
    let file = base.join("b.toml");
    let b = file.to_str().unwrap();
    assert_eq!(check(&dir, &["--write-baseline", b]).status.code(), Some(0));
    // The outlet changes its date: a new contradiction, and the recorded
    // one is gone.
    edit(&dir.join(EDITED), |t| {
        t.replace("three-way summit on Friday", "three-way summit on Saturday")
    });
    let o = check(&dir, &["--baseline", b, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(rules_of(&stdout(&o)), ["contradiction-date"]);
    let err = stderr(&o);
    assert!(
        err.contains("concord: warning: stale baseline entry v2:")
            && err.contains("(contradiction-date in 000_afc76d7b66223465.txt, 004_edited.txt)"),
        "{err}"
    );
    // --baseline-stale=error fails the run even when findings do not.
    for (what, code, says) in [
        ("error", 1, "concord: error: stale baseline entry"),
        ("ignore", 0, ""),
    ] {
        let o = check(
            &dir,
            &[
                "--baseline",
                b,
                "--fail-on",
                "never",
                "--baseline-stale",
                what,
            ],
        );
        assert_eq!(o.status.code(), Some(code), "{what}");
        assert!(stderr(&o).contains(says), "{what}");
        assert_eq!(stderr(&o).is_empty(), says.is_empty(), "{what}");
    }
}

#[test]
fn a_bad_baseline_is_a_usage_error_naming_file_and_line() {
    let base = scratch("bad-baseline");
    let file = base.join("b.toml");
    std::fs::write(&file, "version = 1\n[[finding]]\nrule = \"x\"\n").unwrap();
    let o = concord(&[
        "check",
        "fixtures/seeds",
        "--baseline",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("b.toml:2:") && err.contains("missing field"),
        "{err}"
    );
    assert!(stdout(&o).is_empty(), "refused before any work");
}

#[test]
fn an_ignore_comment_silences_a_finding_on_the_next_sentence() {
    let dir = scratch("ignore");
    copy_case(CASE, &dir);
    let with_comment = |rule: &str| {
        edit(&dir.join(EDITED), |t| {
            let t = t
                .lines()
                .filter(|l| !l.starts_with("<!-- concord-ignore"))
                .collect::<Vec<_>>()
                .join("\n");
            t.replace(
                FRIDAY,
                &format!("<!-- concord-ignore: {rule} -->\n{FRIDAY}"),
            )
        });
        check(&dir, &["--format", "json"])
    };
    let o = with_comment("contradiction-date");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!rules_of(&stdout(&o)).contains(&"contradiction-date".to_string()));
    // Another rule's name does not silence it; `all` does.
    let o = with_comment("contradiction-number");
    assert_eq!(o.status.code(), Some(1));
    assert!(rules_of(&stdout(&o)).contains(&"contradiction-date".to_string()));
    let o = with_comment("all");
    assert_eq!(o.status.code(), Some(0));
}
