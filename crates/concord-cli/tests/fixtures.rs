//! One test over every fixture case folder: the text and JSON reports are
//! insta snapshots (reviewed line by line before acceptance; CI runs with
//! INSTA_UPDATE=no), and the JSON report is scored against the case's
//! gold.toml the way ../shared/eval/score_articles.py does.
use crate::common::{cases, concord, root, score, stdout};

fn snapshot(name: &str, body: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, body));
}

#[test]
fn fixture_reports_match_their_snapshots_and_gold() {
    let cases = cases();
    assert!(
        cases.len() >= 9,
        "expected the seed and constructed cases, found {cases:?}"
    );
    let mut failures = Vec::new();
    for case in &cases {
        let dir = format!("fixtures/{case}");
        let text = concord(&["check", &dir, "--fail-on", "never"]);
        assert_eq!(
            text.status.code(),
            Some(0),
            "{case}: {}",
            crate::common::stderr(&text)
        );
        snapshot(&format!("{case}.txt"), &stdout(&text));
        let json = concord(&["check", &dir, "--format", "json", "--fail-on", "never"]);
        let body = stdout(&json);
        snapshot(&format!("{case}.json"), &body);
        let report: serde_json::Value = serde_json::from_str(&body).unwrap();
        let s = score(&report, &root().join(&dir));
        // No contradiction may be reported that the gold does not list.
        if s.contradictions_true != s.contradictions_found {
            failures.push(format!(
                "{case}: {} of {} contradictions are false",
                s.contradictions_found - s.contradictions_true,
                s.contradictions_found
            ));
        }
        if s.distinct_violations > 0 {
            failures.push(format!(
                "{case}: {} of {} look-alike pairs joined",
                s.distinct_violations, s.distinct
            ));
        }
        // A constructed contradiction case must find its injected
        // contradiction, with the right type.
        if let Some(kind) = case.strip_prefix("contradiction-") {
            let typed = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["kind"] == "contradiction" && f["type"] == kind);
            if s.contradictions_recalled == 0 || !typed {
                failures.push(format!("{case}: injected {kind} contradiction not found"));
            }
        } else if s.contradictions_gold > 0 {
            // Another case with gold contradictions must find every one.
            if s.contradictions_recalled < s.contradictions_gold {
                failures.push(format!(
                    "{case}: {} of {} gold contradictions found",
                    s.contradictions_recalled, s.contradictions_gold
                ));
            }
        } else if s.contradictions_found > 0 {
            failures.push(format!(
                "{case}: no contradiction expected, found {}",
                s.contradictions_found
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_report_meets_the_editor_bar() {
    let json = concord(&[
        "check",
        "fixtures/seeds",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let s = score(&report, &root().join("fixtures/seeds"));
    // Measured 0.78 when this test was written; see docs/evaluation.md.
    assert!(
        s.link_recall() >= 0.75,
        "link recall {:.3} ({}/{})",
        s.link_recall(),
        s.links_hit,
        s.links
    );
    assert_eq!(
        s.distinct_violations, 0,
        "{} of {} look-alike pairs joined",
        s.distinct_violations, s.distinct
    );
    assert_eq!(s.contradictions_found, 0, "the seeds agree with each other");
    // "commence in 2025" is the detail only one outlet gives.
    let details: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "unsupported_detail")
        .filter_map(|f| f["detail"].as_str())
        .collect();
    assert!(details.contains(&"2025"), "{details:?}");
    // The July 2+2 article (003) restates background the April articles
    // give ("the East China Sea, which Japan and China both claim part
    // of"), which may join them; its look-alikes of April statements are
    // in the gold's distinct pairs, checked above.
}
