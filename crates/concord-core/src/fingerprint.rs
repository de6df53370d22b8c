//! Fingerprints: a finding's identity across runs, for baselines and for
//! SARIF's `partialFingerprints`.
//!
//! A fingerprint must survive what does not change the finding: edits to
//! whitespace, paragraphs moved around (claim ids and line numbers
//! change), and the run's working directory or folder being renamed (paths
//! change). So it hashes the rule, the detail, and each claim's text
//! (lower-cased, whitespace collapsed) with the file name of its article,
//! without directories. For an unsupported detail only the claim that
//! gives the detail counts: another outlet that also lacks it is not a new
//! finding. The two sides of a contradiction are taken in sorted order.
//!
//! A dispute about a slot of a fact (a finding with [`crate::Dispute`]:
//! outlets giving 22 and 70 homes) hashes the rule, the slot's kind and
//! role and its distinct values, sorted, and no claim: a new outlet that
//! joins a known dispute with one of its values is the same finding, and
//! an outlet with a new value makes a new one. Two disputes of one rule
//! over the same values of the same slot in one corpus share a
//! fingerprint (accepting one accepts both): the price of not tying the
//! identity to the outlets, which change.

use crate::{Finding, FindingKind, Report, StableHash};

/// Version prefix: bump when the recipe changes, so old baselines are
/// recognised as such instead of silently matching nothing.
pub const FINGERPRINT_VERSION: &str = "v2";

impl Report {
    /// The fingerprint of `f`, `v2:` + 32 hex digits.
    pub fn fingerprint(&self, f: &Finding) -> String {
        if let Some(d) = &f.dispute {
            let mut values: Vec<String> = d.values.iter().map(|v| normalise(&v.value)).collect();
            values.sort();
            values.dedup();
            let mut h = StableHash::new();
            h.field(&f.rule)
                .field("slot")
                .field(d.slot.kind.as_str())
                .field(d.slot.role.as_deref().unwrap_or(""));
            for v in &values {
                h.field(v);
            }
            return format!("{FINGERPRINT_VERSION}:{}", h.hex());
        }
        let mut sides: Vec<(String, String)> = f
            .claims
            .iter()
            .filter_map(|id| self.claim(id))
            .map(|c| {
                let path = self.article(&c.article).map_or("", |a| a.path.as_str());
                (file_name(path).to_string(), normalise(&c.text))
            })
            .collect();
        match f.kind {
            FindingKind::UnsupportedDetail | FindingKind::SingleSource => sides.truncate(1),
            FindingKind::Contradiction | FindingKind::Tension => sides.sort(),
        }
        let mut detail: Vec<String> = f.detail.split(" vs ").map(normalise).collect();
        detail.sort();
        let mut h = StableHash::new();
        h.field(&f.rule);
        for d in &detail {
            h.field(d);
        }
        for (file, text) in &sides {
            h.field(file).field(text);
        }
        format!("{FINGERPRINT_VERSION}:{}", h.hex())
    }
}

/// A path without its directories: `a/b/c.txt` → `c.txt`, `x/feed.jsonl#7`
/// → `feed.jsonl#7`.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Lower-cased, whitespace collapsed to single spaces.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_drop_directories_only() {
        assert_eq!(file_name("run1/news/a.txt"), "a.txt");
        assert_eq!(file_name("x\\feed.jsonl#7"), "feed.jsonl#7");
        assert_eq!(file_name("a.txt"), "a.txt");
    }

    #[test]
    fn a_dispute_keeps_its_fingerprint_when_an_outlet_joins_a_value() {
        use crate::{Dispute, Severity, SlotKind, SlotReading, SlotRef};
        let reading = |value: &str, articles: &[&str]| SlotReading {
            value: value.into(),
            text: value.into(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
            claims: articles.iter().map(|a| format!("{a}.c1")).collect(),
        };
        let finding = |values: Vec<SlotReading>| Finding {
            kind: FindingKind::Contradiction,
            severity: Severity::Error,
            rule: "contradiction-number".into(),
            claims: values.iter().flat_map(|v| v.claims.clone()).collect(),
            detail: String::new(),
            message: String::new(),
            contradiction: None,
            article: None,
            without: Vec::new(),
            fact: Some("f2".into()),
            dispute: Some(Dispute {
                slot: SlotRef {
                    kind: SlotKind::Count,
                    role: Some("home".into()),
                },
                values,
                majority: None,
            }),
        };
        let report = Report {
            schema_version: crate::SCHEMA_VERSION,
            articles: Vec::new(),
            stories: Vec::new(),
            claims: Vec::new(),
            links: Vec::new(),
            facts: Vec::new(),
            findings: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            texts: Vec::new(),
            timings: Vec::new(),
        };
        let known = report.fingerprint(&finding(vec![
            reading("70 home", &["a4"]),
            reading("22 home", &["a1"]),
        ]));
        let joined = report.fingerprint(&finding(vec![
            reading("70 home", &["a4"]),
            reading("22 home", &["a1", "a2", "a3"]),
        ]));
        assert_eq!(known, joined);
        assert!(known.starts_with("v2:"));
        let new_value = report.fingerprint(&finding(vec![
            reading("70 home", &["a4"]),
            reading("22 home", &["a1"]),
            reading("25 home", &["a5"]),
        ]));
        assert_ne!(known, new_value);
    }

    #[test]
    fn normalises_case_and_whitespace() {
        assert_eq!(normalise("  The  Summit\n opened "), "the summit opened");
    }
}
