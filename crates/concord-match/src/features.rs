//! Named features of a compared pair. The relation classifier combines them
//! with the weights in `rules/weights.toml` (a logistic model learned by
//! `concord train`); without weights, [`crate::relation`] uses the hand-set
//! thresholds. Every feature is in [0, 1].

use crate::align::Alignment;
use crate::detect::Detection;
use crate::prepare::Prepared;
use concord_core::{ContradictionKind, Modality, TokenRole};
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
    "unmatched_numbers",
    "unmatched_entities",
    "number_conflict",
    "date_conflict",
    "polarity_differs",
    "modality_clash",
    "antonym",
    "fuzzy_matches",
    "unmatched_max_weight",
    "shared_content",
    "location_mismatch",
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

    /// Logistic model: `sigmoid(bias + Σ weight · feature)`.
    pub fn probability(&self, weights: &concord_rules::Weights) -> f64 {
        let z = weights.bias
            + self
                .values
                .iter()
                .map(|(n, v)| weights.features.get(*n).copied().unwrap_or(0.0) * v)
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
            .count()
    };
    let unmatched_numbers = unmatched(a, &al.strength_a, TokenRole::Number)
        + unmatched(b, &al.strength_b, TokenRole::Number);
    let unmatched_entities = unmatched(a, &al.strength_a, TokenRole::Entity)
        + unmatched(b, &al.strength_b, TokenRole::Entity);
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
    let unmatched_max = a
        .terms
        .iter()
        .zip(&al.strength_a)
        .chain(b.terms.iter().zip(&al.strength_b))
        .filter(|(_, m)| **m == 0.0)
        .map(|(t, _)| t.weight)
        .fold(0.0, f64::max);
    let clash = matches!(
        (a.claim.modality, b.claim.modality),
        (Modality::Asserted, Modality::Hedged) | (Modality::Hedged, Modality::Asserted)
    );
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
        (
            "unmatched_numbers",
            (unmatched_numbers as f64 / 2.0).min(1.0),
        ),
        (
            "unmatched_entities",
            (unmatched_entities as f64 / 3.0).min(1.0),
        ),
        ("number_conflict", has(ContradictionKind::Number)),
        ("date_conflict", has(ContradictionKind::Date)),
        (
            "polarity_differs",
            f64::from(u8::from(a.claim.polarity != b.claim.polarity)),
        ),
        ("modality_clash", f64::from(u8::from(clash))),
        ("antonym", has(ContradictionKind::Antonym)),
        ("fuzzy_matches", (al.fuzzy.len() as f64 / 2.0).min(1.0)),
        ("unmatched_max_weight", unmatched_max / max_weight),
        (
            "shared_content",
            (al.shared_content(a, b) / SHARED_CONTENT_SCALE).min(1.0),
        ),
        ("location_mismatch", f64::from(u8::from(location_mismatch))),
    ];
    debug_assert_eq!(values.len(), NAMES.len());
    Features { values }
}

fn jaccard<T: Eq + std::hash::Hash>(x: HashSet<T>, y: HashSet<T>) -> f64 {
    let union = x.union(&y).count();
    if union == 0 {
        0.0
    } else {
        x.intersection(&y).count() as f64 / union as f64
    }
}
