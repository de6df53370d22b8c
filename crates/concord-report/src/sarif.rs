//! SARIF 2.1.0 (OASIS), the format code-scanning services read.
//!
//! One run; the driver lists every rule of the rule set with its
//! description, its `help` (text and Markdown: what it flags, an example,
//! what to do; GitHub code scanning requires it) and default level
//! (`ruleId`s are the detector ids, stable across releases). Each finding
//! is one result whose location is its first claim and whose
//! `relatedLocations` are the others: a contradiction's other side, the
//! claims an unsupported detail is missing from. The message links them
//! (`[path:line:col](1)`), as code scanning shows the first location only.
//! Results are capped ([`Sarif::max_results`], [`MAX_RESULTS`] by default
//! from the CLI), the most important kept ([`view::ranked`]); the run's
//! properties say how many there were and how many were left out. Columns count Unicode code points, as concord's do
//! (`columnKind`). `partialFingerprints` carries the baseline fingerprint,
//! so services track a finding across whitespace edits and moved
//! paragraphs the way `--baseline` does. Input errors are tool execution
//! notifications.
//!
//! For an HTML article the region's line is the line in the HTML file;
//! for a JSON Lines article the location is the `.jsonl` file and the
//! region counts lines inside the record's `text`.

use crate::view::{self, claims_of};
use crate::{Render, RuleInfo};
use concord_core::{Claim, Finding, FindingKind, Report, Severity};
use serde_json::{Value, json};
use std::io;

/// The schema URI written into the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The most results a log holds unless told otherwise: GitHub code
/// scanning refuses more than 25,000 per run and uploads over 10 MB
/// (gzipped); 5,000 results of concord's stay far under both.
pub const MAX_RESULTS: usize = 5000;

/// SARIF output. `rules` are the rule set's detectors.
#[derive(Debug, Clone, Default)]
pub struct Sarif {
    pub rules: Vec<RuleInfo>,
    /// The concord version, for `tool.driver.version`.
    pub version: String,
    /// The most results written (`None`: all).
    pub max_results: Option<usize>,
    /// Which single-source claims are results.
    pub single_source: crate::SingleSource,
}

impl Render for Sarif {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let log = self.log(report);
        // With the JSON report's escapes: snippets quote article text, and
        // a bidi override in one would reorder what a viewer shows. An I/O
        // error keeps its kind (a closed pipe is not a failure).
        crate::json::write_json(&mut *out, &log, true)?;
        out.write_all(b"\n")
    }
}

impl Sarif {
    /// The SARIF log as a JSON value.
    pub fn log(&self, report: &Report) -> Value {
        let mut rules: Vec<RuleInfo> = self.rules.clone();
        for f in &report.findings {
            if !rules.iter().any(|r| r.id == f.rule) {
                rules.push(RuleInfo {
                    id: f.rule.clone(),
                    description: String::new(),
                    severity: f.severity,
                    example: None,
                });
            }
        }
        let descriptors: Vec<Value> = rules.iter().map(rule_descriptor).collect();
        // The most important results first, then back in report order.
        let (shown, counts) = view::single_source_shown(report, self.single_source);
        let by_outlet: serde_json::Map<String, Value> = counts
            .iter()
            .map(|(article, n)| {
                let name = report
                    .article(article)
                    .map_or_else(|| article.clone(), view::outlet);
                (format!("{name} ({article})"), json!(n))
            })
            .collect();
        let mut kept: Vec<usize> = view::ranking(report)
            .into_iter()
            .filter(|&k| report.findings[k].kind != FindingKind::SingleSource || shown.contains(&k))
            .collect();
        let eligible = kept.len();
        if let Some(max) = self.max_results {
            kept.truncate(max);
        }
        kept.sort_unstable();
        let results: Vec<Value> = kept
            .iter()
            .map(|&k| {
                let f = &report.findings[k];
                let index = rules.iter().position(|r| r.id == f.rule).unwrap_or(0);
                result(report, f, index)
            })
            .collect();
        let notifications: Vec<Value> = report
            .errors
            .iter()
            .map(|e| {
                let mut location = json!({"artifactLocation": {"uri": uri(&e.path)}});
                if let Some(line) = e.line {
                    location["region"] = json!({"startLine": line});
                }
                json!({
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": location}],
                })
            })
            .collect();
        json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "concord",
                    "version": self.version,
                    "rules": descriptors,
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": report.errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
                "properties": {
                    "concordFindings": report.findings.len(),
                    "concordResultsLeftOut": report.findings.len() - kept.len(),
                    "concordSingleSourceLeftOut": report.findings.len() - eligible,
                    "concordSingleSourceByOutlet": by_outlet,
                },
            }],
        })
    }
}

/// SARIF's name for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule_descriptor(r: &RuleInfo) -> Value {
    let mut d = json!({
        "id": r.id,
        "defaultConfiguration": {"level": level(r.severity)},
    });
    if !r.description.is_empty() {
        d["shortDescription"] = json!({"text": r.description});
        d["fullDescription"] = json!({"text": r.description});
    }
    let (text, markdown) = help(r);
    d["help"] = json!({"text": text, "markdown": markdown});
    d
}

/// A rule's help: what it flags, an example, what to do about a finding.
fn help(r: &RuleInfo) -> (String, String) {
    let what = if r.description.is_empty() {
        format!("concord rule {}.", r.id)
    } else {
        format!("{}.", r.description.trim_end_matches('.'))
    };
    let act = format!(
        "Read the sentences side by side (the result's locations), then correct the article that is wrong. A finding that is right as it is can be accepted in a baseline (concord check --write-baseline FILE) or silenced on its sentence with <!-- concord-ignore: {} -->.",
        r.id
    );
    let mut text = what.clone();
    let mut markdown = format!("**{}**: {what}", r.id);
    if let Some((a, b)) = &r.example {
        text.push_str(&format!("\n\nExample:\n  \"{a}\"\n  \"{b}\""));
        markdown.push_str(&format!("\n\nExample:\n\n> {a}\n\n> {b}"));
    }
    text.push_str(&format!("\n\n{act}"));
    markdown.push_str(&format!(
        "\n\n{}",
        act.replace(
            "concord check --write-baseline FILE",
            "`concord check --write-baseline FILE`"
        )
        .replace(
            &format!("<!-- concord-ignore: {} -->", r.id),
            &format!("`<!-- concord-ignore: {} -->`", r.id)
        )
    ));
    (text, markdown)
}

fn result(report: &Report, f: &Finding, rule_index: usize) -> Value {
    let claims = claims_of(report, f);
    let (primary, related) = claims.split_at(1.min(claims.len()));
    // Links to the related locations by id, which code scanning renders.
    let others: Vec<String> = related
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let shown = view::location(report, c)
                .replace('[', "\\[")
                .replace(']', "\\]");
            format!("[{shown}]({})", k + 1)
        })
        .collect();
    let text = if others.is_empty() {
        f.message.clone()
    } else {
        let label = match f.kind {
            FindingKind::Contradiction | FindingKind::Tension => "other side",
            FindingKind::UnsupportedDetail | FindingKind::SingleSource => "reported without it in",
        };
        format!("{} ({label}: {})", f.message, others.join(", "))
    };
    let mut r = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "kind": if f.severity == Severity::Note { "informational" } else { "fail" },
        "message": {"text": text},
        "locations": primary.iter().map(|c| location(report, c)).collect::<Vec<_>>(),
        "partialFingerprints": {"concordFingerprint/v2": report.fingerprint(f)},
        "properties": {"kind": f.kind.as_str(), "detail": f.detail},
    });
    if !related.is_empty() {
        r["relatedLocations"] = related
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mut l = location(report, c);
                l["id"] = json!(k + 1);
                l
            })
            .collect();
    }
    r
}

fn location(report: &Report, c: &Claim) -> Value {
    let path = view::path_of(report, c);
    let mut end_line = c.line;
    let mut end_column = c.column;
    for (k, piece) in c.text.split('\n').enumerate() {
        let piece = piece.trim_end_matches('\r');
        if k == 0 {
            end_column = c.column + piece.chars().count();
        } else {
            end_line += 1;
            end_column = 1 + piece.chars().count();
        }
    }
    let mut l = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path)},
            "region": {
                "startLine": c.line,
                "startColumn": c.column,
                "endLine": end_line,
                "endColumn": end_column,
                "snippet": {"text": c.text},
            },
        },
    });
    if let Some((_, id)) = path.split_once('#') {
        l["logicalLocations"] = json!([{"name": id, "kind": "article"}]);
    }
    l
}

/// A path as a URI reference: relative paths stay relative (code-scanning
/// services resolve them against the repository root), absolute ones
/// become `file://` URIs; a JSON Lines record's `#id` is dropped (it is
/// named as a logical location instead); anything outside the unreserved
/// characters and `/` is percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.split_once('#').map_or(path, |(file, _)| file);
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, report, rules};

    fn log() -> Value {
        let s = Sarif {
            rules: rules(),
            version: "0.1.0".into(),
            max_results: None,
            single_source: crate::SingleSource::Full,
        };
        serde_json::from_str(&render(&s, &report())).unwrap_or_default()
    }

    #[test]
    fn a_contradiction_is_one_result_with_the_other_side_related() {
        let log = log();
        let results = log["runs"][0]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(results.len(), 3);
        let c = &results[0];
        assert_eq!(c["ruleId"], "contradiction-date");
        assert_eq!(c["level"], "error");
        let locs = c["locations"].as_array().cloned().unwrap_or_default();
        let related = c["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!((locs.len(), related.len()), (1, 1));
        let uris: Vec<&str> = locs
            .iter()
            .chain(&related)
            .filter_map(|l| l["physicalLocation"]["artifactLocation"]["uri"].as_str())
            .collect();
        assert_eq!(uris, ["news/one.md", "news/two%2Cb%3Ac.txt"]);
        assert_eq!(locs[0]["physicalLocation"]["region"]["endColumn"], 40);
        // The message links the other side by its related location's id.
        assert_eq!(related[0]["id"], 1);
        let text = c["message"]["text"].as_str().unwrap_or_default();
        assert!(
            text.ends_with("(other side: [news/two,b:c.txt:1:1](1))"),
            "{text}"
        );
        let rules = &log["runs"][0]["tool"]["driver"]["rules"];
        assert_eq!(
            rules[c["ruleIndex"].as_u64().unwrap_or(9) as usize]["id"],
            "contradiction-date"
        );
        assert_eq!(
            results[1]["relatedLocations"].as_array().map(Vec::len),
            Some(1)
        );
        assert_eq!(results[2]["level"], "note");
    }

    #[test]
    fn every_rule_has_help_text_and_markdown() {
        let log = log();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!rules.is_empty());
        for r in &rules {
            let text = r["help"]["text"].as_str().unwrap_or_default();
            let markdown = r["help"]["markdown"].as_str().unwrap_or_default();
            assert!(text.contains("--write-baseline"), "{r}");
            assert!(markdown.starts_with(&format!("**{}**", r["id"].as_str().unwrap_or_default())));
        }
    }

    #[test]
    fn results_are_capped_to_the_most_important() {
        let s = Sarif {
            rules: rules(),
            version: "0.1.0".into(),
            max_results: Some(1),
            single_source: crate::SingleSource::Full,
        };
        let log: Value = serde_json::from_str(&render(&s, &report())).unwrap_or_default();
        let run = &log["runs"][0];
        let results = run["results"].as_array().cloned().unwrap_or_default();
        assert_eq!(results.len(), 1);
        // The contradiction (an error) is kept before the note.
        assert_eq!(results[0]["ruleId"], "contradiction-date");
        assert_eq!(run["properties"]["concordFindings"], 3);
        assert_eq!(run["properties"]["concordResultsLeftOut"], 2);
    }

    #[test]
    fn bidi_controls_are_escaped_in_sarif_snippets() {
        let mut r = report();
        r.claims[0].text = "They hold \u{202e}21\u{202c} joint drills.".into();
        let s = Sarif {
            rules: rules(),
            version: "0.1.0".into(),
            max_results: None,
            single_source: crate::SingleSource::Full,
        };
        let out = render(&s, &r);
        assert!(!out.contains('\u{202e}') && !out.contains('\u{202c}'));
        assert!(out.contains("\\u202e21\\u202c"), "{out}");
    }

    #[test]
    fn uris_are_relative_or_file_uris() {
        assert_eq!(uri("a b/c.txt"), "a%20b/c.txt");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("feed.jsonl#42"), "feed.jsonl");
    }
}
