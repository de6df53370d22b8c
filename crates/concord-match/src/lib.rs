//! Matching: which claims of different articles state the same fact, and
//! how they relate.
//!
//! 1. [`prepare`]: each claim's terms are interned and weighted by IDF.
//! 2. [`index`]: candidate pairs come from an inverted index over terms
//!    (never all pairs); very common terms do not generate candidates.
//! 3. [`align`]: each candidate pair is aligned term by term (exact after
//!    normalisation, shorter name forms, typos by strsim).
//! 4. [`detect`]: typed contradiction detectors look for disagreement.
//! 5. [`relation`]: the alignment and the detections decide the relation
//!    (`equivalent`, `elaborates` with its direction, `contradicts`,
//!    `related`, `unrelated`) and the details one side adds.
//!
//! The same [`Matcher::compare`] serves `concord check` and `concord pairs`.

pub mod align;
pub mod detect;
pub mod features;
pub mod index;
pub mod prepare;
pub mod relation;
pub mod samefact;

pub use detect::Detection;
pub use features::Features;
pub use prepare::{Prepared, Vocabulary};
pub use relation::{Comparison, Detail, DetailKind};

use concord_core::Claim;
use concord_rules::RuleSet;
use concord_text::Lexicon;
use rayon::prelude::*;

/// Compares claims with one rule set.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    pub rules: &'a RuleSet,
    pub lex: &'a Lexicon,
    /// The rule set's learned models, compiled.
    pub models: features::Models,
    /// Compute the features of every compared pair, not only of those a
    /// model is asked about (for `concord train` and `pairs --features`).
    pub always_features: bool,
}

/// A compared pair: indices into the claim slice and the comparison.
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub comparison: Comparison,
}

impl<'a> Matcher<'a> {
    pub fn new(rules: &'a RuleSet, lex: &'a Lexicon) -> Matcher<'a> {
        Matcher {
            rules,
            lex,
            models: features::Models::new(rules),
            always_features: false,
        }
    }

    /// Compares two prepared claims.
    pub fn compare(&self, a: &Prepared<'_>, b: &Prepared<'_>) -> Comparison {
        relation::compare(
            a,
            b,
            self.lex,
            self.rules,
            &self.models,
            self.always_features,
        )
    }

    /// Links prepared claims. `groups` are the claims (indices into
    /// `prepared`) of each story: claims are only compared within a group,
    /// and only across articles. Returns every compared pair whose relation
    /// is not `unrelated`, sorted by (a, b).
    pub fn link(
        &self,
        prepared: &[Prepared<'_>],
        groups: &[Vec<usize>],
        exhaustive: bool,
    ) -> Vec<Pair> {
        let candidates = self.candidates(prepared, groups, exhaustive);
        self.compare_candidates(prepared, &candidates, &|| {})
    }

    /// The claim pairs worth comparing: those of each group that share rare
    /// terms (the inverted index), or all cross-article pairs of each group
    /// when `exhaustive`.
    pub fn candidates(
        &self,
        prepared: &[Prepared<'_>],
        groups: &[Vec<usize>],
        exhaustive: bool,
    ) -> Vec<(usize, usize)> {
        if exhaustive {
            index::all_pairs(prepared, groups)
        } else {
            index::candidates(prepared, groups, &self.rules.thresholds)
        }
    }

    /// Compares candidate pairs in parallel and keeps the linked ones, in
    /// `(a, b)` order; `compared` is called once per pair (progress).
    pub fn compare_candidates(
        &self,
        prepared: &[Prepared<'_>],
        candidates: &[(usize, usize)],
        compared: &(dyn Fn() + Sync),
    ) -> Vec<Pair> {
        let mut pairs: Vec<Pair> = candidates
            .par_iter()
            .filter_map(|&(a, b)| {
                let comparison = self.compare(&prepared[a], &prepared[b]);
                compared();
                (comparison.relation != concord_core::Relation::Unrelated).then_some(Pair {
                    a,
                    b,
                    comparison,
                })
            })
            .collect();
        pairs.sort_by_key(|p| (p.a, p.b));
        pairs
    }

    /// Compares two sets of claims (the two sides of `concord pairs`, each a
    /// small article) and returns the strongest relation between any of
    /// their claims, with `vocab` supplying the IDF weights.
    pub fn compare_sets_with(&self, a: &[&Claim], b: &[&Claim], vocab: &Vocabulary) -> Comparison {
        let th = &self.rules.thresholds;
        let pa: Vec<Prepared<'_>> = a.iter().map(|c| Prepared::new(c, 0, vocab, th)).collect();
        let pb: Vec<Prepared<'_>> = b.iter().map(|c| Prepared::new(c, 1, vocab, th)).collect();
        let mut best: Option<Comparison> = None;
        for x in &pa {
            for y in &pb {
                let c = self.compare(x, y);
                if best.as_ref().is_none_or(|b| c.outranks(b)) {
                    best = Some(c);
                }
            }
        }
        best.unwrap_or_else(Comparison::unrelated)
    }

    /// [`Matcher::compare_sets_with`] with IDF over the two sets only.
    pub fn compare_sets(&self, a: &[&Claim], b: &[&Claim]) -> Comparison {
        let vocab = Vocabulary::build(a.iter().chain(b).copied(), self.rules.background.as_ref());
        self.compare_sets_with(a, b, &vocab)
    }
}
