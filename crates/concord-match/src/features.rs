//! Named features of a compared pair. The relation classifier combines them
//! with the logistic models in `rules/weights.toml` (learned by `concord
//! train`); without models, [`crate::relation`] uses the hand-set rules.
//! Every feature is in [0, 1].
//!
//! Features ending in `_a` or `_b` describe one side (`cover_a`: how much of
//! claim a's weight claim b covers); [`Features::swapped`] exchanges them, so
//! that one "a entails b" model also scores "b entails a".

use crate::align::Alignment;
use crate::detect::Detection;
use crate::prepare::Prepared;
use concord_core::{ContradictionKind, Modality, Polarity, TokenRole};
use std::collections::HashSet;

/// Shared content weight at which `shared_content` reaches 1 (about five
/// distinctive words).
pub const SHARED_CONTENT_SCALE: f64 = 30.0;

/// The feature vector of one pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    values: Vec<(&'static str, f64)>,
}

/// Feature names, in the order `concord train` writes them.
pub const NAMES: &[&str] = &[
    "cover_min",
    "cover_max",
    "dice",
    "content_cover_min",
    "content_cover_max",
    "word_jaccard",
    "bigram_jaccard",
    "length_ratio",
    "number_conflict",
    "date_conflict",
    "polarity_differs",
    "modality_clash",
    "antonym",
    "fuzzy_matches",
    "shared_content",
    "location_mismatch",
    "cover_a",
    "cover_b",
    "content_cover_a",
    "content_cover_b",
    "unmatched_weight_a",
    "unmatched_weight_b",
    "unmatched_numbers_a",
    "unmatched_numbers_b",
    "unmatched_entities_a",
    "unmatched_entities_b",
    "negated_a",
    "negated_b",
    "longer_a",
    "longer_b",
    "trigram_jaccard",
    "term_jaccard",
    "idf_cosine",
    "char_trigram_jaccard",
    "words_in_other_a",
    "words_in_other_b",
    "numbers_agree",
    "bigrams_in_other_a",
    "bigrams_in_other_b",
    "trigrams_in_other_a",
    "trigrams_in_other_b",
    "fourgrams_in_other_a",
    "fourgrams_in_other_b",
    "common_subsequence_a",
    "common_subsequence_b",
    "words_a",
    "words_b",
];

impl Features {
    pub fn get(&self, name: &str) -> f64 {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0.0, |(_, v)| *v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        self.values.iter().copied()
    }

    /// The features of the same pair with a and b exchanged.
    pub fn swapped(&self) -> Features {
        let values = self
            .values
            .iter()
            .map(|&(name, _)| {
                let other = if let Some(stem) = name.strip_suffix("_a") {
                    NAMES
                        .iter()
                        .copied()
                        .find(|n| n.strip_suffix("_b") == Some(stem))
                } else if let Some(stem) = name.strip_suffix("_b") {
                    NAMES
                        .iter()
                        .copied()
                        .find(|n| n.strip_suffix("_a") == Some(stem))
                } else {
                    None
                };
                (name, self.get(other.unwrap_or(name)))
            })
            .collect();
        Features { values }
    }

    /// Logistic model: `sigmoid(bias + Σ weight · feature)`.
    pub fn probability(&self, model: &concord_rules::Weights) -> f64 {
        let z = model.bias
            + self
                .values
                .iter()
                .map(|(n, v)| model.features.get(*n).copied().unwrap_or(0.0) * v)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Computes the features of a pair.
pub fn compute(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    al: &Alignment,
    detections: &[Detection],
    location_mismatch: bool,
) -> Features {
    fn surface<'x>(p: &Prepared<'x>) -> Vec<&'x str> {
        p.claim.tokens.iter().map(|t| t.lower.as_str()).collect()
    }
    let (sa, sb) = (surface(a), surface(b));
    let word_jaccard = jaccard(sa.iter().copied().collect(), sb.iter().copied().collect());
    let bigram_jaccard = jaccard(
        sa.windows(2).map(|w| (w[0], w[1])).collect(),
        sb.windows(2).map(|w| (w[0], w[1])).collect(),
    );
    let (la, lb) = (sa.len().max(1) as f64, sb.len().max(1) as f64);
    let unmatched = |p: &Prepared<'_>, s: &[f64], role: TokenRole| {
        p.terms
            .iter()
            .zip(s)
            .filter(|(t, m)| t.role == role && **m == 0.0)
            .count() as f64
    };
    let has = |k: ContradictionKind| {
        detections
            .iter()
            .find(|d| d.kind == k)
            .map_or(0.0, |d| if d.soft { 0.5 } else { 1.0 })
    };
    let max_weight = a
        .terms
        .iter()
        .chain(&b.terms)
        .map(|t| t.weight)
        .fold(1.0, f64::max);
    let unmatched_max = |p: &Prepared<'_>, s: &[f64]| {
        p.terms
            .iter()
            .zip(s)
            .filter(|(_, m)| **m == 0.0)
            .map(|(t, _)| t.weight)
            .fold(0.0, f64::max)
            / max_weight
    };
    let clash = matches!(
        (a.claim.modality, b.claim.modality),
        (Modality::Asserted, Modality::Hedged) | (Modality::Hedged, Modality::Asserted)
    );
    let flag = |b: bool| f64::from(u8::from(b));
    let values = vec![
        ("cover_min", al.min_cover()),
        ("cover_max", al.max_cover()),
        ("dice", al.dice(a, b)),
        (
            "content_cover_min",
            al.content_cover_a.min(al.content_cover_b),
        ),
        (
            "content_cover_max",
            al.content_cover_a.max(al.content_cover_b),
        ),
        ("word_jaccard", word_jaccard),
        ("bigram_jaccard", bigram_jaccard),
        ("length_ratio", la.min(lb) / la.max(lb)),
        ("number_conflict", has(ContradictionKind::Number)),
        ("date_conflict", has(ContradictionKind::Date)),
        (
            "polarity_differs",
            flag(a.claim.polarity != b.claim.polarity),
        ),
        ("modality_clash", flag(clash)),
        ("antonym", has(ContradictionKind::Antonym)),
        ("fuzzy_matches", (al.fuzzy.len() as f64 / 2.0).min(1.0)),
        (
            "shared_content",
            (al.shared_content(a, b) / SHARED_CONTENT_SCALE).min(1.0),
        ),
        ("location_mismatch", flag(location_mismatch)),
        ("cover_a", al.cover_a),
        ("cover_b", al.cover_b),
        ("content_cover_a", al.content_cover_a),
        ("content_cover_b", al.content_cover_b),
        ("unmatched_weight_a", unmatched_max(a, &al.strength_a)),
        ("unmatched_weight_b", unmatched_max(b, &al.strength_b)),
        (
            "unmatched_numbers_a",
            (unmatched(a, &al.strength_a, TokenRole::Number) / 2.0).min(1.0),
        ),
        (
            "unmatched_numbers_b",
            (unmatched(b, &al.strength_b, TokenRole::Number) / 2.0).min(1.0),
        ),
        (
            "unmatched_entities_a",
            (unmatched(a, &al.strength_a, TokenRole::Entity) / 3.0).min(1.0),
        ),
        (
            "unmatched_entities_b",
            (unmatched(b, &al.strength_b, TokenRole::Entity) / 3.0).min(1.0),
        ),
        ("negated_a", flag(a.claim.polarity == Polarity::Negative)),
        ("negated_b", flag(b.claim.polarity == Polarity::Negative)),
        ("longer_a", ((la - lb).max(0.0) / la.max(lb)).min(1.0)),
        ("longer_b", ((lb - la).max(0.0) / la.max(lb)).min(1.0)),
    ];
    let mut values = values;
    values.extend(lexical(a, b, &sa, &sb));
    debug_assert_eq!(values.len(), NAMES.len());
    Features { values }
}

/// Surface overlap features: what a plain n-gram or IDF-overlap model
/// sees, for the learned models to weigh against the normalised ones.
fn lexical(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    sa: &[&str],
    sb: &[&str],
) -> Vec<(&'static str, f64)> {
    let trigram_jaccard = jaccard(
        sa.windows(3).map(|w| (w[0], w[1], w[2])).collect(),
        sb.windows(3).map(|w| (w[0], w[1], w[2])).collect(),
    );
    let ids = |p: &Prepared<'_>| -> HashSet<u32> { p.terms.iter().map(|t| t.id).collect() };
    let term_jaccard = jaccard(ids(a), ids(b));
    // Cosine of binary IDF-weighted term vectors.
    let dot: f64 = a
        .terms
        .iter()
        .filter(|t| b.has(t.id))
        .map(|t| t.weight * t.weight)
        .sum();
    let norm = |p: &Prepared<'_>| {
        p.terms
            .iter()
            .map(|t| t.weight * t.weight)
            .sum::<f64>()
            .sqrt()
    };
    let idf_cosine = if norm(a) * norm(b) > 0.0 {
        dot / (norm(a) * norm(b))
    } else {
        0.0
    };
    let trigrams = |text: &str| -> HashSet<[char; 3]> {
        let chars: Vec<char> = text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect();
        chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
    };
    let char_trigram_jaccard = jaccard(trigrams(&a.claim.text), trigrams(&b.claim.text));
    let in_other = |x: &[&str], y: &[&str]| {
        let other: HashSet<&str> = y.iter().copied().collect();
        if x.is_empty() {
            0.0
        } else {
            x.iter().filter(|w| other.contains(*w)).count() as f64 / x.len() as f64
        }
    };
    let numbers = |p: &Prepared<'_>| -> Vec<u32> {
        p.terms
            .iter()
            .filter(|t| t.role == TokenRole::Number)
            .map(|t| t.id)
            .collect()
    };
    let (na, nb) = (numbers(a), numbers(b));
    let numbers_agree = if na.is_empty() && nb.is_empty() {
        0.5
    } else {
        f64::from(u8::from(
            na.iter().all(|n| nb.contains(n)) && nb.iter().all(|n| na.contains(n)),
        ))
    };
    let lcs = common_subsequence(sa, sb) as f64;
    let share = |n: f64, of: usize| if of == 0 { 0.0 } else { n / of as f64 };
    let mut out = vec![
        ("trigram_jaccard", trigram_jaccard),
        ("term_jaccard", term_jaccard),
        ("idf_cosine", idf_cosine),
        ("char_trigram_jaccard", char_trigram_jaccard),
        ("words_in_other_a", in_other(sa, sb)),
        ("words_in_other_b", in_other(sb, sa)),
        ("numbers_agree", numbers_agree),
        ("bigrams_in_other_a", ngrams_in_other(sa, sb, 2)),
        ("bigrams_in_other_b", ngrams_in_other(sb, sa, 2)),
        ("trigrams_in_other_a", ngrams_in_other(sa, sb, 3)),
        ("trigrams_in_other_b", ngrams_in_other(sb, sa, 3)),
        ("fourgrams_in_other_a", ngrams_in_other(sa, sb, 4)),
        ("fourgrams_in_other_b", ngrams_in_other(sb, sa, 4)),
        ("common_subsequence_a", share(lcs, sa.len())),
        ("common_subsequence_b", share(lcs, sb.len())),
        ("words_a", (sa.len() as f64 / 60.0).min(1.0)),
        ("words_b", (sb.len() as f64 / 60.0).min(1.0)),
    ];
    out.shrink_to_fit();
    out
}

/// Share of `x`'s n-grams (with repeats) found in `y`: BLEU's modified
/// precision for one n.
fn ngrams_in_other(x: &[&str], y: &[&str], n: usize) -> f64 {
    if x.len() < n {
        return 0.0;
    }
    let mut available: std::collections::HashMap<&[&str], usize> = std::collections::HashMap::new();
    for w in y.windows(n) {
        *available.entry(w).or_default() += 1;
    }
    let mut hits = 0;
    for w in x.windows(n) {
        if let Some(c) = available.get_mut(w).filter(|c| **c > 0) {
            *c -= 1;
            hits += 1;
        }
    }
    hits as f64 / (x.len() - n + 1) as f64
}

/// Length of the longest common subsequence of two word sequences (word
/// order kept, gaps allowed).
fn common_subsequence(x: &[&str], y: &[&str]) -> usize {
    let mut prev = vec![0usize; y.len() + 1];
    let mut cur = vec![0usize; y.len() + 1];
    for a in x {
        for (j, b) in y.iter().enumerate() {
            cur[j + 1] = if a == b {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
}

fn jaccard<T: Eq + std::hash::Hash>(x: HashSet<T>, y: HashSet<T>) -> f64 {
    let union = x.union(&y).count();
    if union == 0 {
        0.0
    } else {
        x.intersection(&y).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapping_exchanges_sided_features_only() {
        let f = Features {
            values: vec![
                ("cover_a", 0.2),
                ("cover_b", 0.9),
                ("dice", 0.5),
                ("negated_a", 1.0),
                ("negated_b", 0.0),
            ],
        };
        let s = f.swapped();
        assert_eq!(s.get("cover_a"), 0.9);
        assert_eq!(s.get("cover_b"), 0.2);
        assert_eq!(s.get("dice"), 0.5);
        assert_eq!(s.get("negated_b"), 1.0);
        assert_eq!(s.swapped(), f);
    }

    #[test]
    fn ngram_overlap_and_subsequence() {
        let a = ["the", "cat", "sat", "on", "the", "mat"];
        let b = ["the", "cat", "lay", "on", "the", "mat"];
        assert_eq!(ngrams_in_other(&a, &b, 1), 5.0 / 6.0);
        assert_eq!(ngrams_in_other(&a, &b, 2), 3.0 / 5.0);
        assert_eq!(common_subsequence(&a, &b), 5);
        assert_eq!(ngrams_in_other(&a[..1], &b, 2), 0.0);
    }

    #[test]
    fn every_sided_feature_has_its_pair() {
        for n in NAMES {
            if let Some(stem) = n.strip_suffix("_a") {
                assert!(NAMES.contains(&format!("{stem}_b").as_str()), "{n}");
            }
        }
    }
}
