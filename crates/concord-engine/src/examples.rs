//! Runs the `[[detector.example]]` cases of a rule set: every detector's
//! examples are its specification. A flagging example must produce the
//! detector's finding; a guardrail must not. The findings come from the
//! same code as `concord check`'s, so an example cannot pass here and
//! behave otherwise in a real run. Used by `cargo test` and by
//! `concord rules check`.

use crate::{Clock, Engine, Options};
use concord_core::{Article, Claim, Finding};
use concord_match::Vocabulary;
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

/// The findings `concord check` reports for two sentences given as two
/// one-sentence articles: the production pipeline after extraction
/// ([`Engine::reconcile`]: linking, facts, findings), every cross pair
/// compared, with IDF weights from `vocab` (all example sentences of the
/// rule set, the way `concord pairs` weighs over its whole input file).
pub fn findings(engine: &Engine, a: &str, b: &str, vocab: &Vocabulary) -> Vec<Finding> {
    let sides = [("a1", a), ("a2", b)];
    let mut articles = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut article_of = Vec::new();
    for (k, (id, text)) in sides.into_iter().enumerate() {
        let extracted = engine.extract_fragment(id, text);
        article_of.extend(std::iter::repeat_n(k, extracted.len()));
        claims.extend(extracted);
        articles.push(Article {
            id: id.to_string(),
            path: id.to_string(),
            title: None,
            outlet: None,
            url: None,
            published: None,
            story: None,
        });
    }
    let options = Options {
        exhaustive: true,
        single_story: true,
        focus: None,
        term_weights: Default::default(),
    };
    engine
        .reconcile(
            &articles,
            &claims,
            &article_of,
            &[],
            &options,
            Some(vocab),
            &mut Clock::new(),
        )
        .findings
}

fn describe(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "no finding".into();
    }
    let rules: Vec<String> = findings
        .iter()
        .map(|f| format!("{} ({})", f.rule, f.detail))
        .collect();
    rules.join(", ")
}

/// Runs every example of every enabled detector: a flagging example must
/// produce a finding of the detector's rule, a guardrail must not.
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
        .flat_map(|s| engine.extract_fragment("example", s))
        .collect();
    let vocab = Vocabulary::build(&all, engine.rules.background.as_ref());
    for d in detectors {
        for (index, Example { a, b, flag, .. }) in d.examples.iter().enumerate() {
            total += 1;
            let found = findings(engine, a, b, &vocab);
            let fires = found.iter().any(|f| f.rule == d.id);
            if fires != *flag {
                failures.push(ExampleFailure {
                    detector: d.id.clone(),
                    index,
                    expected_flag: *flag,
                    got: describe(&found),
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
