//! Candidate pairs from an inverted index over normalised terms, built per
//! story.
//!
//! Claims are only compared within a story, so each story gets its own
//! index. In a story, each claim accumulates, for every claim of another
//! article sharing a term with it, the IDF weight of the shared terms; the
//! best `max_candidates` become candidates. Terms in more than `max_term_df`
//! of the story's claims (its main names, "said") are left out of the index:
//! they would make every claim a candidate of every other. Nor are terms in
//! more than [`MAX_TERM_POSTINGS`] claims of a story, however large it is:
//! each claim's candidates are scored over the postings of its terms, so
//! that bound keeps the work per claim bounded (no story of the shared
//! corpus comes near it; one long article of repetitive text, or many in
//! one story, made linking quadratic). A claim's own article is skipped in
//! its postings at once. Cost grows with the postings of the kept terms
//! within each story, never with the square of the number of claims in the
//! run.

use crate::prepare::Prepared;
use concord_rules::Thresholds;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Candidate pairs (a < b, indices into `prepared`) for every group of
/// claims (a story): claims of different articles sharing indexed terms.
pub fn candidates(
    prepared: &[Prepared<'_>],
    groups: &[Vec<usize>],
    th: &Thresholds,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = groups
        .par_iter()
        .filter(|g| g.len() >= 2)
        .flat_map_iter(|g| group_candidates(prepared, g, th))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Claims of one story a term may be in and still generate candidates
/// (besides `max_term_df`, a share of the story). The largest story of the
/// shared corpus has 537 claims, so only stories of over 2,048 claims (with
/// `max_term_df` = 0.5) meet this bound.
pub const MAX_TERM_POSTINGS: usize = 1024;

fn group_candidates(
    prepared: &[Prepared<'_>],
    group: &[usize],
    th: &Thresholds,
) -> Vec<(usize, usize)> {
    let n = group.len();
    let max_df = ((th.max_term_df * n as f64).ceil() as usize).clamp(2, MAX_TERM_POSTINGS);
    // Postings: term id → positions in the group.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
    for (k, &i) in group.iter().enumerate() {
        for t in &prepared[i].terms {
            postings.entry(t.id).or_default().push(k as u32);
        }
    }
    postings.retain(|_, list| list.len() >= 2 && list.len() <= max_df);
    let articles: Vec<usize> = group.iter().map(|&i| prepared[i].article).collect();
    let own = own_article_runs(&articles);
    let mut out = Vec::new();
    let mut scores: HashMap<u32, f64> = HashMap::default();
    for (k, &i) in group.iter().enumerate() {
        scores.clear();
        for t in &prepared[i].terms {
            let Some(list) = postings.get(&t.id) else {
                continue;
            };
            // Claims of the claim's own article are never candidates; when
            // they are one run of the group, the postings that point into
            // it are skipped at once instead of one by one (one long
            // article of repetitive text made this quadratic).
            let (before, after) = match &own {
                Some(runs) => {
                    let (lo, hi) = runs[k];
                    (
                        list.partition_point(|&m| m < lo),
                        list.partition_point(|&m| m < hi),
                    )
                }
                None => (list.len(), list.len()),
            };
            for &m in list[..before].iter().chain(&list[after..]) {
                let j = group[m as usize];
                if j != i && prepared[j].article != prepared[i].article {
                    *scores.entry(m).or_default() += t.weight;
                }
            }
        }
        // Sorted by score, then position: the result does not depend on
        // the hash map's order.
        let mut acc: Vec<(u32, f64)> = scores.iter().map(|(&m, &s)| (m, s)).collect();
        // Too little in common to be the same fact (`min_shared_weight`,
        // about one uncommon word): not worth comparing.
        acc.retain(|&(_, s)| s >= th.min_shared_weight);
        acc.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        acc.truncate(th.max_candidates);
        out.extend(acc.into_iter().map(|(m, _)| {
            let j = group[m as usize];
            (i.min(j), i.max(j))
        }));
    }
    out
}

/// For each position of a group whose claims belong to `articles`, the
/// positions `[lo, hi)` of the claims of its article, when every article's
/// claims are one run of the group (as the engine builds groups: claims in
/// order); `None` otherwise.
fn own_article_runs(articles: &[usize]) -> Option<Vec<(u32, u32)>> {
    let mut runs = Vec::with_capacity(articles.len());
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    for k in 1..=articles.len() {
        if k == articles.len() || articles[k] != articles[start] {
            if !seen.insert(articles[start]) {
                return None;
            }
            runs.extend(std::iter::repeat_n((start as u32, k as u32), k - start));
            start = k;
        }
    }
    Some(runs)
}

/// Every pair of claims of different articles within each group: the
/// exhaustive baseline the benchmark compares blocking against.
pub fn all_pairs(prepared: &[Prepared<'_>], groups: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = groups
        .iter()
        .flat_map(|g| {
            g.iter().enumerate().flat_map(move |(k, &i)| {
                g[k + 1..]
                    .iter()
                    .filter(move |&&j| prepared[i].article != prepared[j].article)
                    .map(move |&j| (i.min(j), i.max(j)))
            })
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::own_article_runs;

    #[test]
    fn own_article_runs_are_found_only_when_contiguous() {
        assert_eq!(
            own_article_runs(&[3, 3, 5, 7, 7, 7]),
            Some(vec![(0, 2), (0, 2), (2, 3), (3, 6), (3, 6), (3, 6)])
        );
        assert_eq!(own_article_runs(&[1, 2, 1]), None);
        assert_eq!(own_article_runs(&[]), Some(vec![]));
    }
}
