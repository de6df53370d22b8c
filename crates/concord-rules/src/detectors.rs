//! `[[detector]]` rules: which findings a run reports, how loud, and in what
//! words.
//!
//! A detector's id names what it reports ([`RuleId`]: `contradiction-number`,
//! `unsupported-detail`, ...); an id that names no finding concord can
//! produce is an error, not a rule that silently never fires. The first
//! definition of an id gives every field; later files (a user's rule folder)
//! give only what they change, and their examples are added to the
//! detector's. Messages are templates over a fixed set of placeholders per
//! finding kind, checked when the rules load.

use concord_core::{ContradictionKind, FindingKind, RuleId, Severity};

/// One finding rule, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detector {
    /// `contradiction-number`, `unsupported-detail`, ...
    pub id: String,
    pub rule: RuleId,
    pub severity: Severity,
    pub description: String,
    pub message: Message,
    pub enabled: bool,
    pub examples: Vec<Example>,
}

impl Detector {
    pub fn finding(&self) -> FindingKind {
        self.rule.finding
    }

    pub fn kind(&self) -> Option<ContradictionKind> {
        self.rule.kind
    }
}

/// `[[detector.example]]`: two sentences and whether the detector must flag
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub a: String,
    pub b: String,
    pub flag: bool,
    pub note: Option<String>,
}

/// The placeholders a message of each finding kind may use, and what they
/// stand for (docs/rules.md lists them from here).
pub fn placeholders(finding: FindingKind) -> &'static [(&'static str, &'static str)] {
    match finding {
        FindingKind::Contradiction | FindingKind::Tension => {
            &[("detail", "the disputed values, e.g. `\"2025\" vs \"2026\"`")]
        }
        FindingKind::UnsupportedDetail => &[
            ("what", "the kind of detail: figure, date, name, qualifier"),
            ("detail", "the detail as written"),
            (
                "article",
                "the outlet that gives it (its name: front matter `outlet`, else the file name)",
            ),
            (
                "without",
                "the outlets that report the fact without it, as `A, B and C`",
            ),
            (
                "reports",
                "`reports` after one article, `report` after several",
            ),
        ],
        FindingKind::SingleSource => &[("article", "the only outlet that states it")],
    }
}

/// A message template: text with `{placeholder}`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(&'static str),
}

impl Message {
    /// Parses a template for a finding kind. The error is the message and
    /// the byte offset in `template` it is about.
    pub fn parse(template: &str, finding: FindingKind) -> Result<Message, (usize, String)> {
        let known = placeholders(finding);
        let mut parts = Vec::new();
        let mut rest = template;
        let mut offset = 0;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err((offset + open, "`}` without `{` in message".into()));
            }
            let Some(close) = rest[open..].find('}') else {
                return Err((offset + open, "`{` without `}` in message".into()));
            };
            let name = &rest[open + 1..open + close];
            let Some(&(field, _)) = known.iter().find(|(n, _)| *n == name) else {
                let names: Vec<String> = known.iter().map(|(n, _)| format!("{{{n}}}")).collect();
                return Err((
                    offset + open,
                    format!(
                        "unknown placeholder `{{{name}}}` in a {} message (expected: {})",
                        finding.as_str(),
                        names.join(", ")
                    ),
                ));
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            parts.push(Part::Field(field));
            offset += open + close + 1;
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Message { parts })
    }

    /// The message with each placeholder replaced by its value in `values`
    /// (a placeholder without a value becomes empty).
    pub fn render(&self, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(name) => {
                    if let Some((_, v)) = values.iter().find(|(n, _)| n == name) {
                        out.push_str(v);
                    }
                }
            }
        }
        out
    }
}

/// Every id a rule file may define, for error messages.
pub fn known_ids() -> String {
    RuleId::all()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let m = Message::parse("only {article} states this", FindingKind::SingleSource).unwrap();
        assert_eq!(m.render(&[("article", "a2")]), "only a2 states this");
    }

    #[test]
    fn rejects_unknown_placeholder_with_its_offset() {
        let (at, msg) = Message::parse("x {outlet}", FindingKind::SingleSource).unwrap_err();
        assert_eq!(at, 2);
        assert!(msg.contains("unknown placeholder `{outlet}`"), "{msg}");
    }

    #[test]
    fn rejects_unbalanced_braces() {
        assert!(Message::parse("a {detail", FindingKind::Contradiction).is_err());
        assert!(Message::parse("a } b", FindingKind::Contradiction).is_err());
    }

    #[test]
    fn every_rule_id_round_trips() {
        for id in RuleId::all() {
            assert_eq!(RuleId::parse(&id.to_string()), Some(id));
        }
        assert_eq!(
            RuleId::parse("contradiction-number").map(|r| r.kind),
            Some(Some(ContradictionKind::Number))
        );
        assert_eq!(RuleId::parse("contradiction-colour"), None);
        assert_eq!(RuleId::parse("unsupported-detail-number"), None);
    }
}
