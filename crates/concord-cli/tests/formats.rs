//! The editor and CI formats end to end: Markdown, HTML, SARIF (checked
//! against the official 2.1.0 schema), GitHub annotations, `-o`, and the
//! claim graph.
use crate::common::{concord, root, stderr, stdout};
use serde_json::Value;

const CASE: &str = "fixtures/contradiction-date";

/// Runs concord, checks the exit code, returns standard output.
#[track_caller]
fn output_of(args: &[&str], code: i32) -> String {
    let o = concord(args);
    assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
    stdout(&o)
}

/// The first object of a JSON array whose `key` is `value`.
#[track_caller]
fn first_with<'v>(array: &'v Value, key: &str, value: &str) -> &'v Value {
    array
        .as_array()
        .and_then(|a| a.iter().find(|x| x[key] == value))
        .unwrap_or_else(|| panic!("no {key} = {value} in {array}"))
}

fn sarif_schema() -> Value {
    let text = std::fs::read_to_string(
        root().join("crates/concord-cli/tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // The validator does reject what is not SARIF 2.1.0.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.0.0", "runs": []})));
    for case in [CASE, "fixtures/seeds", "fixtures/contradiction-number"] {
        let out = output_of(
            &["check", case, "--format", "sarif", "--fail-on", "never"],
            0,
        );
        let log: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{case}: {errors:#?}");
    }
    // A run with an unreadable input is still a valid log.
    let out = output_of(&["check", CASE, "no/such.txt", "--format", "sarif"], 2);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert!(validator.is_valid(&log));
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn sarif_results_carry_both_sides_and_rule_descriptions() {
    let log: Value =
        serde_json::from_str(&output_of(&["check", CASE, "--format", "sarif"], 1)).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"contradiction-date") && ids.contains(&"single-source"));
    let date = rules
        .iter()
        .find(|r| r["id"] == "contradiction-date")
        .unwrap();
    assert_eq!(
        date["shortDescription"]["text"],
        "Linked claims give different dates for the same event."
    );
    assert_eq!(date["defaultConfiguration"]["level"], "error");
    // GitHub requires a rule's help; it quotes the rule's flagging example.
    let help = date["help"]["text"].as_str().unwrap();
    assert!(
        help.contains("Example:") && help.contains("--write-baseline"),
        "{help}"
    );
    let result = first_with(&run["results"], "ruleId", "contradiction-date");
    assert_eq!(result["level"], "error");
    // The first side is the location, the other a related location (code
    // scanning shows the first; the message links the other).
    let sides = result["locations"]
        .as_array()
        .unwrap()
        .iter()
        .chain(result["relatedLocations"].as_array().unwrap());
    let uris: Vec<&str> = sides
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        [
            "fixtures/contradiction-date/000_afc76d7b66223465.txt",
            "fixtures/contradiction-date/004_edited.txt"
        ]
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        26
    );
    assert!(
        result["partialFingerprints"]["concordFingerprint/v2"]
            .as_str()
            .unwrap()
            .starts_with("v2:")
    );
}

#[test]
fn github_format_writes_workflow_commands() {
    let out = output_of(&["check", CASE, "--format", "github"], 1);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 2, "one annotation per side: {out}");
    assert!(errors[0].starts_with(
        "::error file=fixtures/contradiction-date/000_afc76d7b66223465.txt,line=26,col=115,"
    ));
    assert!(out.lines().any(|l| l.starts_with("::warning file=")));
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("concord: 3 articles")
    );
}

#[test]
fn markdown_has_a_matrix_and_quoted_findings() {
    let md = output_of(&["check", CASE, "--format", "md"], 1);
    assert!(md.contains("### Corroboration matrix"));
    let row = md
        .lines()
        .find(|l| l.starts_with("| **f9**"))
        .expect("the contradicted fact has a row");
    assert!(row.contains("contradicts (line 26)") && row.contains("contradicts (line 33)"));
    assert!(md.contains("> On **Thursday**, they will meet"));
    assert!(md.contains("(fixtures/contradiction-date/004\\_edited.txt:33:1)"));
}

#[test]
fn html_goes_to_the_output_file_and_keeps_the_exit_code() {
    let dir = crate::common::scratch("formats-html");
    let file = dir.join("report.html");
    let o = concord(&[
        "check",
        CASE,
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("id=\"claim-a1.c17\""));
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // A missing folder is refused before any work, exit 2.
    let o = concord(&[
        "check",
        CASE,
        "--format",
        "html",
        "-o",
        "no/such/dir/r.html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such folder"), "{}", stderr(&o));
}

#[test]
fn graph_prints_dot_and_json() {
    let dot = output_of(&["graph", CASE], 0);
    assert!(dot.starts_with("graph concord {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("\"a1.c17\" -- \"a3.c23\""), "{dot}");
    let g: Value =
        serde_json::from_str(&output_of(&["graph", CASE, "--format", "json"], 0)).unwrap();
    let edge = first_with(&g["edges"], "relation", "contradicts");
    assert_eq!(edge["contradiction"], "date");
    assert!(g["nodes"].as_array().unwrap().len() > 10);
}

#[test]
fn concise_writes_one_line_per_finding() {
    let out = output_of(
        &[
            "check",
            CASE,
            "--format",
            "concise",
            "--no-cache",
            "--single-source",
            "full",
        ],
        1,
    );
    let json: Value = serde_json::from_str(&output_of(
        &["check", CASE, "--format", "json", "--no-cache"],
        1,
    ))
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len() + 1, "{out}");
    assert!(lines.last().unwrap().starts_with("concord: "), "{out}");
    let contradiction = lines
        .iter()
        .find(|l| l.contains(": contradiction-date: "))
        .unwrap();
    // path:line:col: rule: message (other side: path:line:col)
    let (location, rest) = contradiction.split_once(": ").unwrap();
    assert_eq!(location.split(':').count(), 3, "{contradiction}");
    assert!(
        rest.contains("(other side: fixtures/contradiction-date/"),
        "{contradiction}"
    );
}

#[test]
fn colour_is_asked_for_or_left_out() {
    // Into a pipe: no colour by default, nor with --color never.
    for args in [&[][..], &["--color", "never"][..]] {
        let mut all = vec!["check", CASE, "--no-cache"];
        all.extend_from_slice(args);
        assert!(!output_of(&all, 1).contains('\u{1b}'), "{args:?}");
    }
    // --color always colours even into a pipe, in text and concise.
    for format in ["text", "concise"] {
        let out = output_of(
            &[
                "check",
                CASE,
                "--no-cache",
                "--format",
                format,
                "--color",
                "always",
            ],
            1,
        );
        assert!(out.contains("\u{1b}[1m\u{1b}[31m"), "{format}: {out}");
    }
    // Other formats are never coloured.
    let out = output_of(
        &[
            "check",
            CASE,
            "--no-cache",
            "--format",
            "md",
            "--color",
            "always",
        ],
        1,
    );
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn single_source_claims_are_summarised_per_outlet_unless_asked() {
    let lines = |args: &[&str]| -> usize {
        let mut all = vec!["check", CASE, "--no-cache", "--fail-on", "never"];
        all.extend_from_slice(args);
        let out = output_of(&all, 0);
        // A listed single-source claim is an indented `path:line:col: text`.
        out.lines()
            .filter(|l| l.starts_with("  ") && l.trim_start().starts_with("fixtures/"))
            .filter(|l| !l.contains(" = "))
            .count()
    };
    let json: Value = serde_json::from_str(&output_of(
        &[
            "check",
            CASE,
            "--format",
            "json",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        0,
    ))
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    let single = findings
        .iter()
        .filter(|f| f["kind"] == "single_source")
        .count();
    let outlets = json["articles"].as_array().unwrap().len();
    assert!(
        single > 3 * outlets,
        "the case has too few single-source claims: {single}"
    );
    let full = lines(&["--single-source", "full"]);
    let summary = lines(&[]);
    let hidden = lines(&["--single-source", "hide"]);
    assert!(full >= single, "{full} < {single}");
    assert!(summary <= full - single + 3 * outlets, "{summary}");
    assert!(hidden < summary);
    // SARIF: the summary, counted in the run's properties.
    let log: Value = serde_json::from_str(&output_of(
        &[
            "check",
            CASE,
            "--format",
            "sarif",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        0,
    ))
    .unwrap();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let kept = results
        .iter()
        .filter(|r| r["ruleId"] == "single-source")
        .count();
    assert!(kept <= 3 * outlets, "{kept}");
    assert_eq!(
        run["properties"]["concordSingleSourceLeftOut"]
            .as_u64()
            .unwrap() as usize,
        single - kept
    );
    let by_outlet = run["properties"]["concordSingleSourceByOutlet"]
        .as_object()
        .unwrap();
    let counted: u64 = by_outlet.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(counted as usize, single);
    // GitHub: one notice per outlet with its count, the summary annotated.
    let github = output_of(
        &[
            "check",
            CASE,
            "--format",
            "github",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        0,
    );
    let notices: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::notice title=concord single-source::"))
        .collect();
    assert_eq!(notices.len(), by_outlet.len(), "{github}");
    assert!(
        notices[0].contains("stated by this outlet only; 3 annotated"),
        "{github}"
    );
}

/// The JSON report of the articles in `dir` as one story, which must hold
/// a contradiction and no unsupported detail.
fn dispute_report(dir: &std::path::Path) -> Value {
    let d = dir.to_str().unwrap();
    let json: Value = serde_json::from_str(&output_of(
        &[
            "check",
            d,
            "--single-story",
            "--no-cache",
            "--format",
            "json",
        ],
        1,
    ))
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["kind"] != "unsupported_detail"),
        "{findings:?}"
    );
    json
}

#[test]
fn a_value_given_differently_is_one_dispute_never_unsupported_details() {
    let dir = crate::common::scratch("dispute");
    let sentence = |time: &str| {
        format!(
            "Police said the student signed out of the prom at {time} on Saturday.\n\nThe school board will meet on Monday to review its safety rules.\n"
        )
    };
    std::fs::write(dir.join("a.txt"), sentence("9:32 p.m.")).unwrap();
    std::fs::write(dir.join("b.txt"), sentence("10:32 p.m.")).unwrap();
    let json = dispute_report(&dir);
    let time = first_with(&json["findings"], "rule", "contradiction-time");
    assert_eq!(time["slot"]["kind"], "time");
    let texts: Vec<&str> = time["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["9:32 p.m.", "10:32 p.m."]);
    assert_eq!(time["majority"], Value::Null);
    assert_eq!(
        time["message"],
        "different clock times for the same event: a says \"9:32 p.m.\"; b says \"10:32 p.m.\""
    );
}

#[test]
fn a_name_given_differently_is_one_dispute_never_unsupported_details() {
    // Two journals for one study, and a third outlet that names none.
    let dir = crate::common::scratch("name-dispute");
    let article = |journal: &str| {
        format!(
            "The new study of killer whales, published{journal} on Thursday, examined PCB levels in the animals.\n\nThe researchers said that half of the populations are at risk.\n"
        )
    };
    std::fs::write(dir.join("a.txt"), article(" in the journal Science")).unwrap();
    std::fs::write(dir.join("b.txt"), article(" in the journal Nature")).unwrap();
    std::fs::write(dir.join("c.txt"), article("")).unwrap();
    let json = dispute_report(&dir);
    let entity = first_with(&json["findings"], "rule", "contradiction-entity");
    assert_eq!(
        entity["message"],
        "a different entity in the same role: a says \"Science\"; b says \"Nature\""
    );
}

/// The four-outlet case as an editor reads it in Markdown: the fact table
/// with the majority in bold, and the one dispute naming the outlets.
#[test]
fn markdown_of_four_outlets_matches_its_snapshot() {
    let md = output_of(
        &[
            "check",
            "fixtures/four-outlets",
            "--format",
            "md",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        0,
    );
    assert!(md.contains("| **f2** | count (home) | disputed | **22 homes** | **22 homes** | **22 homes** | 70 homes |"), "{md}");
    insta::assert_snapshot!("four-outlets.md", md);
}
