//! Named features of a compared pair. The relation classifier combines them
//! with the models in `rules/weights.toml` (logistic regressions or boosted
//! tree ensembles, learned by `concord train`); without models,
//! [`crate::relation`] uses the hand-set rules.
//! Every feature is in [0, 1].
//!
//! Features ending in `_a` or `_b` describe one side (`cover_a`: how much of
//! claim a's weight claim b covers); [`Features::swapped`] exchanges them, so
//! that one "a entails b" model also scores "b entails a".

use crate::align::Alignment;
use crate::detect::Detection;
use crate::prepare::Prepared;
use concord_core::{ContradictionKind, Modality, Polarity, TokenRole};
use rustc_hash::FxHashSet as HashSet;

/// Shared content weight at which `shared_content` reaches 1 (about five
/// distinctive words). Part of the feature's definition, not a threshold:
/// the learned weights (rules/weights.toml) were fit on features scaled
/// this way, so it changes with a retraining, never in a rule file.
pub const SHARED_CONTENT_SCALE: f64 = 30.0;

/// The feature vector of one pair, in the order of [`NAMES`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    values: Vec<f64>,
}

/// A learned model with its weights laid out in the order of [`NAMES`]
/// and its trees' features as indices into it (compiled once from the rule
/// set's named weights): a logistic regression, a boosted tree ensemble, or
/// both added.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub weights: Vec<f64>,
    pub trees: Vec<Tree>,
    pub threshold: f64,
}

/// A regression tree in heap order (see [`concord_rules::Tree`]), its
/// features as indices into [`NAMES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub features: Vec<usize>,
    pub splits: Vec<f64>,
    pub leaves: Vec<f64>,
}

impl Tree {
    /// The leaf value the tree gives a feature vector.
    pub fn output(&self, values: &[f64]) -> f64 {
        let internal = self.features.len();
        let mut node = 0;
        while node < internal {
            let v = values.get(self.features[node]).copied().unwrap_or(0.0);
            node = if v <= self.splits[node] {
                2 * node + 1
            } else {
                2 * node + 2
            };
        }
        self.leaves[node - internal]
    }
}

impl Model {
    pub fn new(w: &concord_rules::Weights) -> Model {
        let index = |name: &str| NAMES.iter().position(|n| *n == name).unwrap_or(0);
        Model {
            bias: w.bias,
            weights: NAMES
                .iter()
                .map(|n| w.features.get(*n).copied().unwrap_or(0.0))
                .collect(),
            // The loader admits only names of `NAMES` in trees.
            trees: w
                .trees
                .iter()
                .map(|t| Tree {
                    features: t.features.iter().map(|n| index(n)).collect(),
                    splits: t.splits.clone(),
                    leaves: t.leaves.clone(),
                })
                .collect(),
            threshold: w.threshold,
        }
    }

    /// `sigmoid(bias + Σ weight · feature + Σ tree output)`.
    pub fn probability(&self, f: &Features) -> f64 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(&f.values)
                .map(|(w, v)| w * v)
                .sum::<f64>()
            + self.trees.iter().map(|t| t.output(&f.values)).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Does the model say yes for these features?
    pub fn says_yes(&self, f: &Features) -> bool {
        self.probability(f) >= self.threshold
    }
}

/// The learned models of a rule set, compiled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Models {
    pub equivalent: Option<Model>,
    pub entails: Option<Model>,
    pub one_way: Option<Model>,
    /// Do two claims of one story state the same fact (news gold links
    /// against look-alikes and other facts)?
    pub same_fact: Option<Model>,
}

impl Models {
    pub fn new(rules: &concord_rules::RuleSet) -> Models {
        Models {
            equivalent: rules.weights.get("equivalent").map(Model::new),
            entails: rules.weights.get("entails").map(Model::new),
            one_way: rules.weights.get("one_way").map(Model::new),
            same_fact: rules.weights.get("same_fact").map(Model::new),
        }
    }
}

/// Index of each feature's a/b counterpart (itself for unsided ones).
fn swap_table() -> &'static [usize] {
    static TABLE: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let other = if let Some(stem) = name.strip_suffix("_a") {
                    format!("{stem}_b")
                } else if let Some(stem) = name.strip_suffix("_b") {
                    format!("{stem}_a")
                } else {
                    return i;
                };
                NAMES.iter().position(|n| *n == other).unwrap_or(i)
            })
            .collect()
    })
}

/// Feature names, in the order `concord train` writes them. The list is
/// declared with the weights schema in concord-rules, so that a weight for
/// a feature this matcher does not compute is a load error; `compute`
/// yields the features in this order (tested).
pub const NAMES: &[&str] = concord_rules::FEATURES;

impl Features {
    /// The value of a feature by name (0 when absent).
    pub fn get(&self, name: &str) -> f64 {
        NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| self.values.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// (name, value) in the order of [`NAMES`].
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        NAMES.iter().copied().zip(self.values.iter().copied())
    }

    /// The features of the same pair with a and b exchanged.
    pub fn swapped(&self) -> Features {
        if self.values.is_empty() {
            return Features::default();
        }
        let table = swap_table();
        Features {
            values: table.iter().map(|&j| self.values[j]).collect(),
        }
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
    let (ga, gb) = (Grams::new(&sa), Grams::new(&sb));
    let word_jaccard = set_jaccard(&ga.by_n[0], &gb.by_n[0]);
    let bigram_jaccard = set_jaccard(&ga.by_n[1], &gb.by_n[1]);
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
        (
            "number_conflict",
            f64::max(has(ContradictionKind::Number), has(ContradictionKind::Age)),
        ),
        (
            "date_conflict",
            f64::max(has(ContradictionKind::Date), has(ContradictionKind::Time)),
        ),
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
    values.extend(lexical(a, b, &sa, &sb, &ga, &gb));
    values.push(("narrower_a", (al.narrower_a as f64 / 2.0).min(1.0)));
    values.push(("narrower_b", (al.narrower_b as f64 / 2.0).min(1.0)));
    debug_assert!(
        values.iter().map(|(n, _)| *n).eq(NAMES.iter().copied()),
        "features out of NAMES order"
    );
    Features {
        values: values.into_iter().map(|(_, v)| v).collect(),
    }
}

/// Surface overlap features: what a plain n-gram or IDF-overlap model
/// sees, for the learned models to weigh against the normalised ones.
fn lexical(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    sa: &[&str],
    sb: &[&str],
    ga: &Grams,
    gb: &Grams,
) -> Vec<(&'static str, f64)> {
    let trigram_jaccard = set_jaccard(&ga.by_n[2], &gb.by_n[2]);
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
    let char_trigram_jaccard =
        set_jaccard(&char_trigrams(&a.claim.text), &char_trigrams(&b.claim.text));
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
        ("words_in_other_a", in_other(&ga.by_n[0], &gb.by_n[0])),
        ("words_in_other_b", in_other(&gb.by_n[0], &ga.by_n[0])),
        ("numbers_agree", numbers_agree),
        ("bigrams_in_other_a", in_other(&ga.by_n[1], &gb.by_n[1])),
        ("bigrams_in_other_b", in_other(&gb.by_n[1], &ga.by_n[1])),
        ("trigrams_in_other_a", in_other(&ga.by_n[2], &gb.by_n[2])),
        ("trigrams_in_other_b", in_other(&gb.by_n[2], &ga.by_n[2])),
        ("fourgrams_in_other_a", in_other(&ga.by_n[3], &gb.by_n[3])),
        ("fourgrams_in_other_b", in_other(&gb.by_n[3], &ga.by_n[3])),
        ("common_subsequence_a", share(lcs, sa.len())),
        ("common_subsequence_b", share(lcs, sb.len())),
        ("words_a", (sa.len() as f64 / 60.0).min(1.0)),
        ("words_b", (sb.len() as f64 / 60.0).min(1.0)),
    ];
    out.shrink_to_fit();
    out
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

/// Hashes of a side's words and word n-grams, sorted: overlap measures are
/// then merges of sorted vectors instead of hash sets.
struct Grams {
    /// Per n (1..=4): sorted n-gram hashes, with repeats.
    by_n: [Vec<u64>; 4],
}

impl Grams {
    fn new(words: &[&str]) -> Grams {
        use std::hash::{Hash, Hasher};
        let hashes: Vec<u64> = words
            .iter()
            .map(|w| {
                let mut h = rustc_hash::FxHasher::default();
                w.hash(&mut h);
                h.finish()
            })
            .collect();
        let gram = |n: usize| -> Vec<u64> {
            let mut v: Vec<u64> = hashes
                .windows(n)
                .map(|g| {
                    g.iter().fold(n as u64, |acc, h| {
                        acc.rotate_left(17) ^ h.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    })
                })
                .collect();
            v.sort_unstable();
            v
        };
        Grams {
            by_n: [gram(1), gram(2), gram(3), gram(4)],
        }
    }
}

/// Size of the multiset intersection of two sorted vectors.
fn common(x: &[u64], y: &[u64]) -> usize {
    let (mut i, mut j, mut hits) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hits += 1;
                i += 1;
                j += 1;
            }
        }
    }
    hits
}

/// Jaccard similarity of the sets of two sorted vectors.
fn set_jaccard(x: &[u64], y: &[u64]) -> f64 {
    let mut dx = x.to_vec();
    dx.dedup();
    let mut dy = y.to_vec();
    dy.dedup();
    let inter = common(&dx, &dy);
    let union = dx.len() + dy.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Share of `x`'s n-grams (with repeats) found in `y`: BLEU's modified
/// precision.
fn in_other(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() {
        0.0
    } else {
        common(x, y) as f64 / x.len() as f64
    }
}

/// Sorted, de-duplicated character trigrams of a text (letters, digits and
/// spaces, lower case), packed into integers.
fn char_trigrams(text: &str) -> Vec<u64> {
    let chars: Vec<u32> = if text.is_ascii() {
        text.bytes()
            .filter(|b| b.is_ascii_alphanumeric() || *b == b' ')
            .map(|b| u32::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        text.chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .flat_map(char::to_lowercase)
            .map(|c| c as u32)
            .collect()
    };
    let mut v: Vec<u64> = chars
        .windows(3)
        .map(|w| (u64::from(w[0]) << 42) ^ (u64::from(w[1]) << 21) ^ u64::from(w[2]))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
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
    fn a_tree_model_adds_the_leaf_each_tree_reaches() {
        // Depth 2: dice <= 0.5 ? (cover_min <= 0.3 ? -2 : -1) : (words_a <= 0.9 ? 1 : 2).
        let tree = concord_rules::Tree {
            features: vec!["dice".into(), "cover_min".into(), "words_a".into()],
            splits: vec![0.5, 0.3, 0.9],
            leaves: vec![-2.0, -1.0, 1.0, 2.0],
        };
        let w = concord_rules::Weights {
            bias: 0.25,
            features: [("dice".to_string(), 1.0)].into(),
            trees: vec![tree.clone(), tree],
            threshold: 0.5,
        };
        let m = Model::new(&w);
        let at = |pairs: &[(&str, f64)]| {
            let mut values = vec![0.0; NAMES.len()];
            for (name, v) in pairs {
                values[NAMES.iter().position(|n| n == name).unwrap()] = *v;
            }
            Features { values }
        };
        let z = |f: &Features| {
            let p = m.probability(f);
            (p / (1.0 - p)).ln()
        };
        // bias + linear dice + two trees' leaves.
        let low = at(&[("dice", 0.5), ("cover_min", 0.1)]);
        assert!((z(&low) - (0.25 + 0.5 - 4.0)).abs() < 1e-9);
        let mid = at(&[("dice", 0.4), ("cover_min", 0.31)]);
        assert!((z(&mid) - (0.25 + 0.4 - 2.0)).abs() < 1e-9);
        let high = at(&[("dice", 0.9), ("words_a", 1.0)]);
        assert!((z(&high) - (0.25 + 0.9 + 4.0)).abs() < 1e-9);
        assert!(m.says_yes(&high) && !m.says_yes(&low));
    }

    #[test]
    fn swapping_exchanges_sided_features_only() {
        let mut values = vec![0.0; NAMES.len()];
        let mut set =
            |name: &str, v: f64| values[NAMES.iter().position(|n| *n == name).unwrap()] = v;
        set("cover_a", 0.2);
        set("cover_b", 0.9);
        set("dice", 0.5);
        set("negated_a", 1.0);
        let f = Features { values };
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
        let (ga, gb) = (Grams::new(&a), Grams::new(&b));
        assert_eq!(in_other(&ga.by_n[0], &gb.by_n[0]), 5.0 / 6.0);
        assert_eq!(in_other(&ga.by_n[1], &gb.by_n[1]), 3.0 / 5.0);
        assert_eq!(common_subsequence(&a, &b), 5);
        assert_eq!(in_other(&Grams::new(&a[..1]).by_n[1], &gb.by_n[1]), 0.0);
        assert_eq!(set_jaccard(&ga.by_n[0], &gb.by_n[0]), 4.0 / 6.0);
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
