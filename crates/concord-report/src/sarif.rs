//! SARIF 2.1.0 (OASIS), the format code-scanning services read.
//!
//! One run; the driver lists every rule of the rule set with its
//! description and default level (`ruleId`s are the detector ids, stable
//! across releases). Each finding is one result: a contradiction has both
//! claims as `locations`; an unsupported detail has the claim that gives
//! the detail as its location and the claims without it as
//! `relatedLocations`. Columns count Unicode code points, as concord's do
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

/// SARIF output. `rules` are the rule set's detectors.
#[derive(Debug, Clone, Default)]
pub struct Sarif {
    pub rules: Vec<RuleInfo>,
    /// The concord version, for `tool.driver.version`.
    pub version: String,
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
                });
            }
        }
        let descriptors: Vec<Value> = rules.iter().map(rule_descriptor).collect();
        let results: Vec<Value> = report
            .findings
            .iter()
            .map(|f| {
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
    d
}

fn result(report: &Report, f: &Finding, rule_index: usize) -> Value {
    let claims = claims_of(report, f);
    let (primary, related): (Vec<&Claim>, Vec<&Claim>) = match f.kind {
        FindingKind::UnsupportedDetail | FindingKind::SingleSource => (
            claims.iter().take(1).copied().collect(),
            claims[1.min(claims.len())..].to_vec(),
        ),
        FindingKind::Contradiction | FindingKind::Tension => (claims.clone(), Vec::new()),
    };
    let others: Vec<String> = claims
        .iter()
        .skip(1)
        .map(|c| view::location(report, c))
        .collect();
    let text = if others.is_empty() {
        f.message.clone()
    } else {
        format!("{} (see also {})", f.message, others.join(", "))
    };
    let mut r = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "kind": if f.severity == Severity::Note { "informational" } else { "fail" },
        "message": {"text": text},
        "locations": primary.iter().map(|c| location(report, c)).collect::<Vec<_>>(),
        "partialFingerprints": {"concordFingerprint/v1": report.fingerprint(f)},
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
        };
        serde_json::from_str(&render(&s, &report())).unwrap_or_default()
    }

    #[test]
    fn a_contradiction_is_one_result_with_both_locations() {
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
        assert_eq!(locs.len(), 2);
        let uris: Vec<&str> = locs
            .iter()
            .filter_map(|l| l["physicalLocation"]["artifactLocation"]["uri"].as_str())
            .collect();
        assert_eq!(uris, ["news/one.md", "news/two%2Cb%3Ac.txt"]);
        assert_eq!(locs[0]["physicalLocation"]["region"]["endColumn"], 40);
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
    fn bidi_controls_are_escaped_in_sarif_snippets() {
        let mut r = report();
        r.claims[0].text = "They hold \u{202e}21\u{202c} joint drills.".into();
        let s = Sarif {
            rules: rules(),
            version: "0.1.0".into(),
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
