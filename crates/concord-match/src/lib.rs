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
pub mod learn;
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
#[derive(Debug, Clone, Copy)]
pub struct Matcher<'a> {
    pub rules: &'a RuleSet,
    pub lex: &'a Lexicon,
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
        Matcher { rules, lex }
    }

    /// Compares two prepared claims.
    pub fn compare(&self, a: &Prepared<'_>, b: &Prepared<'_>) -> Comparison {
        relation::compare(a, b, self.lex, self.rules)
    }

    /// Links prepared claims. `story(x)` is the story of article `x`;
    /// claims are linked only within a story, never within an article.
    /// Returns every compared pair whose
    /// relation is not `unrelated`, sorted by (a, b).
    pub fn link(
        &self,
        prepared: &[Prepared<'_>],
        vocab: &Vocabulary,
        story: impl Fn(usize) -> usize + Sync,
        exhaustive: bool,
    ) -> Vec<Pair> {
        let allowed = |i: usize, j: usize| {
            let (x, y) = (prepared[i].article, prepared[j].article);
            x != y && story(x) == story(y)
        };
        let block = |i: usize| story(prepared[i].article);
        let candidates = if exhaustive {
            index::all_pairs(prepared.len(), &allowed)
        } else {
            index::candidates(prepared, vocab, &self.rules.thresholds, &block, &allowed)
        };
        let mut pairs: Vec<Pair> = candidates
            .par_iter()
            .filter_map(|&(a, b)| {
                let comparison = self.compare(&prepared[a], &prepared[b]);
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
        let pa: Vec<Prepared<'_>> = a.iter().map(|c| Prepared::new(c, 0, vocab)).collect();
        let pb: Vec<Prepared<'_>> = b.iter().map(|c| Prepared::new(c, 1, vocab)).collect();
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
