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

use crate::{Finding, FindingKind, Report, StableHash};

/// Version prefix: bump when the recipe changes, so old baselines are
/// recognised as such instead of silently matching nothing.
pub const FINGERPRINT_VERSION: &str = "v1";

impl Report {
    /// The fingerprint of `f`, `v1:` + 32 hex digits.
    pub fn fingerprint(&self, f: &Finding) -> String {
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
    fn normalises_case_and_whitespace() {
        assert_eq!(normalise("  The  Summit\n opened "), "the summit opened");
    }
}
