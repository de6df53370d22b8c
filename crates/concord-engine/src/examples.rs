//! Runs the `[[detector.example]]` cases of a rule set: every detector's
//! examples are its specification. A flagging example must produce the
//! detector's finding; a guardrail must not. Used by `cargo test` and by
//! `concord rules check`.

use crate::Engine;
use concord_core::Claim;
use concord_core::{ContradictionKind, Relation};
use concord_match::{Comparison, Vocabulary};
use concord_rules::{Detector, Example};

/// An example whose outcome differs from what it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub detector: String,
    pub index: usize,
    pub expected_flag: bool,
    pub got: String,
    pub a: String,
    pub b: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "detector `{}` example {}: expected {}, got {}\n  a: {}\n  b: {}",
            self.detector,
            self.index + 1,
            if self.expected_flag {
                "a finding"
            } else {
                "no finding"
            },
            self.got,
            self.a,
            self.b
        )
    }
}

/// Extracts the claims of one example sentence.
fn claims(engine: &Engine, text: &str) -> Vec<Claim> {
    engine.extract_fragment("example", text)
}

/// Compares the two sentences of an example as two one-sentence articles,
/// with IDF weights from `vocab` (all example sentences of the rule set,
/// the way `concord pairs` uses the whole input file).
pub fn compare(engine: &Engine, a: &str, b: &str, vocab: &Vocabulary) -> Comparison {
    let (ca, cb) = (claims(engine, a), claims(engine, b));
    if ca.is_empty() || cb.is_empty() {
        return Comparison::unrelated();
    }
    let ra: Vec<&Claim> = ca.iter().collect();
    let rb: Vec<&Claim> = cb.iter().collect();
    engine.matcher().compare_sets_with(&ra, &rb, vocab)
}

/// Does the comparison produce the detector's finding?
pub fn fires(detector: &Detector, c: &Comparison) -> bool {
    let typed = detector
        .contradiction
        .as_deref()
        .and_then(ContradictionKind::from_name);
    match detector.finding.as_str() {
        "contradiction" => {
            c.relation == Relation::Contradicts && c.contradiction.as_ref().map(|d| d.kind) == typed
        }
        "tension" => {
            c.relation.is_same_fact()
                && c.contradiction
                    .as_ref()
                    .is_some_and(|d| d.soft && Some(d.kind) == typed)
        }
        "unsupported_detail" => {
            c.relation.is_same_fact() && (!c.details_a.is_empty() || !c.details_b.is_empty())
        }
        "single_source" => !c.relation.is_same_fact(),
        _ => false,
    }
}

fn describe(c: &Comparison) -> String {
    match &c.contradiction {
        Some(d) => format!(
            "{} with {} {} ({})",
            c.relation.as_str(),
            if d.soft { "soft" } else { "hard" },
            d.kind.as_str(),
            d.detail
        ),
        None => format!("{} (score {})", c.relation.as_str(), c.score),
    }
}

/// Runs every example of every enabled detector.
pub fn run(engine: &Engine) -> (usize, Vec<ExampleFailure>) {
    let mut total = 0;
    let mut failures = Vec::new();
    let detectors: Vec<&Detector> = engine
        .rules
        .detectors
        .iter()
        .filter(|d| d.enabled)
        .collect();
    let all: Vec<Claim> = detectors
        .iter()
        .flat_map(|d| d.examples.iter().flat_map(|e| [e.a.as_str(), e.b.as_str()]))
        .flat_map(|s| claims(engine, s))
        .collect();
    let vocab = Vocabulary::build(&all, engine.rules.background.as_ref());
    for d in detectors {
        for (index, Example { a, b, flag, .. }) in d.examples.iter().enumerate() {
            total += 1;
            let c = compare(engine, a, b, &vocab);
            if fires(d, &c) != *flag {
                failures.push(ExampleFailure {
                    detector: d.id.clone(),
                    index,
                    expected_flag: *flag,
                    got: describe(&c),
                    a: a.clone(),
                    b: b.clone(),
                });
            }
        }
    }
    (total, failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_rules::RuleSet;

    #[test]
    fn every_builtin_detector_example_holds() {
        let engine = Engine::new(RuleSet::builtin());
        let (total, failures) = run(&engine);
        assert!(total >= 20);
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(failures.is_empty(), "{}", report.join("\n"));
    }
}
