//! Story grouping: which articles report the same story.
//!
//! Each article is a TF-IDF vector over the normalised terms of its claims
//! (IDF over the articles of the run, `ln(N / df)`, so that terms every
//! article uses weigh nothing). Candidate article pairs come from an
//! inverted index over terms that occur in few articles; two articles whose
//! cosine similarity reaches `story_link` are joined, and stories are the
//! connected groups. Claims are only linked within a story.

use concord_core::{Claim, TokenRole};
use rayon::prelude::*;
use std::collections::HashMap;

/// Article vectors: sorted (term id, weight) lists, L2-normalised.
fn vectors(claims_by_article: &[Vec<&Claim>]) -> (Vec<Vec<(u32, f64)>>, Vec<u32>) {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut tf: Vec<HashMap<u32, f64>> = Vec::with_capacity(claims_by_article.len());
    for claims in claims_by_article {
        let mut counts: HashMap<u32, f64> = HashMap::new();
        for c in claims {
            for t in &c.tokens {
                if !matches!(t.role, TokenRole::Content | TokenRole::Entity) {
                    continue;
                }
                let next = ids.len() as u32;
                let id = *ids.entry(t.term.as_str()).or_insert(next);
                *counts.entry(id).or_default() += 1.0;
            }
        }
        tf.push(counts);
    }
    let mut df = vec![0u32; ids.len()];
    for counts in &tf {
        for &id in counts.keys() {
            df[id as usize] += 1;
        }
    }
    let n = tf.len() as f64;
    let vecs = tf
        .into_iter()
        .map(|counts| {
            let mut v: Vec<(u32, f64)> = counts
                .into_iter()
                .map(|(id, c)| (id, (1.0 + c.ln()) * (n / f64::from(df[id as usize])).ln()))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            v.sort_by_key(|&(id, _)| id);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();
    (vecs, df)
}

fn cosine(x: &[(u32, f64)], y: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Pairwise similarities of articles that share an indexed term.
pub fn similarities(claims_by_article: &[Vec<&Claim>]) -> Vec<(usize, usize, f64)> {
    let (vecs, df) = vectors(claims_by_article);
    let n = vecs.len();
    // Terms in more than half of the articles (and at least 50 of them)
    // connect too much to help; they still count in the cosine.
    let cap = (n as u32 / 2).max(50);
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (a, v) in vecs.iter().enumerate() {
        for &(id, _) in v {
            if df[id as usize] <= cap {
                postings.entry(id).or_default().push(a as u32);
            }
        }
    }
    let mut out: Vec<(usize, usize, f64)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut others: Vec<u32> = vecs[a]
                .iter()
                .filter_map(|(id, _)| postings.get(id))
                .flatten()
                .copied()
                .filter(|&b| b as usize > a)
                .collect();
            others.sort_unstable();
            others.dedup();
            let va = &vecs[a];
            let vecs = &vecs;
            others
                .into_iter()
                .map(move |b| (a, b as usize, cosine(va, &vecs[b as usize])))
        })
        .collect();
    out.sort_by_key(|x| (x.0, x.1));
    out
}

/// Story index of each article: connected groups of articles whose
/// similarity reaches `threshold`, numbered in order of their first article.
pub fn group(claims_by_article: &[Vec<&Claim>], threshold: f64) -> Vec<usize> {
    let n = claims_by_article.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    for (a, b, s) in similarities(claims_by_article) {
        if s >= threshold {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut story_of_root: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|a| {
            let r = find(&mut parent, a);
            let next = story_of_root.len();
            *story_of_root.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine};
    use concord_rules::RuleSet;

    #[test]
    #[ignore = "prints the seed similarity matrix"]
    fn print_seed_similarities() {
        let engine = Engine::new(RuleSet::builtin());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");
        let mut docs = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            docs.push(Document {
                path: p.display().to_string(),
                text: std::fs::read_to_string(&p).unwrap(),
                meta: None,
            });
        }
        let (x, _) = engine.extract(docs);
        let by: Vec<Vec<&Claim>> = x.iter().map(|e| e.claims.iter().collect()).collect();
        for s in similarities(&by) {
            println!("{s:?}");
        }
    }
}
