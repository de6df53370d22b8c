//! Candidate pairs from an inverted index over normalised terms.
//!
//! Each claim accumulates, for every other claim sharing a term with it, the
//! IDF weight of the shared terms; the best `max_candidates` become
//! candidates. Terms in more than `max_term_df` of the claims (the story's
//! main names, "said") are left out of the index: they would make every
//! claim a candidate of every other. Cost grows with the postings of the
//! kept terms, not with the square of the number of claims.

use crate::prepare::{Prepared, Vocabulary};
use concord_rules::Thresholds;
use rayon::prelude::*;
use std::collections::HashMap;

/// Candidate pairs (a < b) whose claims share indexed terms.
///
/// `block(i)` is the group of claim `i` (its story): only claims of one
/// group can pair (`allowed` must imply it), so each group has its own
/// postings. Without that, ten thousand copies of an article, each its own
/// story, would walk ten thousand postings per term only to reject them.
pub fn candidates(
    prepared: &[Prepared<'_>],
    vocab: &Vocabulary,
    th: &Thresholds,
    block: &(impl Fn(usize) -> usize + Sync),
    allowed: &(impl Fn(usize, usize) -> bool + Sync),
) -> Vec<(usize, usize)> {
    let n = prepared.len();
    let max_df = ((th.max_term_df * n as f64).ceil() as u32).max(2);
    let mut postings: HashMap<(u32, usize), Vec<u32>> = HashMap::new();
    for (i, p) in prepared.iter().enumerate() {
        for t in &p.terms {
            let df = vocab.df(t.id);
            if df >= 2 && df <= max_df {
                postings.entry((t.id, block(i))).or_default().push(i as u32);
            }
        }
    }
    let k = th.max_candidates;
    let mut pairs: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut scores: HashMap<u32, f64> = HashMap::new();
            let b = block(i);
            for t in &prepared[i].terms {
                let Some(list) = postings.get(&(t.id, b)) else {
                    continue;
                };
                for &j in list {
                    if j as usize != i && allowed(i, j as usize) {
                        *scores.entry(j).or_default() += t.weight;
                    }
                }
            }
            // Sorted by score, then id: the result does not depend on the
            // hash map's order.
            let mut acc: Vec<(u32, f64)> = scores.into_iter().collect();
            acc.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            acc.truncate(k);
            acc.into_iter()
                .map(move |(j, _)| (i.min(j as usize), i.max(j as usize)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Every allowed pair: the exhaustive baseline the benchmark compares
/// blocking against.
pub fn all_pairs(
    n: usize,
    allowed: &(impl Fn(usize, usize) -> bool + Sync),
) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| allowed(i, j))
        .collect()
}
