//! Average-linkage grouping: the one clustering routine behind stories
//! (articles) and facts (claims).
//!
//! Items start alone; scored edges are taken strongest first, and the two
//! groups an edge joins merge only when the mean similarity over *all* pairs
//! between them reaches the threshold (and the caller's veto allows it). A
//! single strong edge can therefore never chain two unrelated groups into
//! one, which single linkage (connected components) would.

/// The groups of `n` items, as the index of each item's group and the
/// members of each group (empty for groups merged into another).
#[derive(Debug, Clone, PartialEq)]
pub struct Clusters {
    pub group_of: Vec<usize>,
    pub members: Vec<Vec<usize>>,
}

impl Clusters {
    /// Groups with at least `min` members, each sorted, in order of their
    /// first member.
    pub fn groups(self, min: usize) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = self
            .members
            .into_iter()
            .filter(|m| m.len() >= min.max(1))
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        groups.sort();
        groups
    }

    /// Group number of each item, numbered in order of each group's first
    /// item (0, 1, ...).
    pub fn numbered(&self) -> Vec<usize> {
        let mut number = vec![usize::MAX; self.members.len()];
        let mut next = 0;
        self.group_of
            .iter()
            .map(|&g| {
                if number[g] == usize::MAX {
                    number[g] = next;
                    next += 1;
                }
                number[g]
            })
            .collect()
    }
}

/// Groups `n` items by average linkage over `edges` (`(a, b, score)`).
/// Edges are taken strongest first, ties by `(a, b)` so that the result does
/// not depend on their order. Two groups merge when `veto` does not object
/// and the mean of `similarity` over every pair between them is at least
/// `threshold`.
pub fn average_linkage(
    n: usize,
    mut edges: Vec<(usize, usize, f64)>,
    similarity: impl Fn(usize, usize) -> f64,
    threshold: f64,
    veto: impl Fn(&[usize], &[usize]) -> bool,
) -> Clusters {
    edges.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for (a, b, _) in edges {
        let (ga, gb) = (group_of[a], group_of[b]);
        if ga == gb || veto(&members[ga], &members[gb]) {
            continue;
        }
        let total: f64 = members[ga]
            .iter()
            .flat_map(|&x| members[gb].iter().map(move |&y| (x, y)))
            .map(|(x, y)| similarity(x, y))
            .sum();
        let mean = total / (members[ga].len() * members[gb].len()) as f64;
        if mean < threshold {
            continue;
        }
        let (keep, gone) = (ga.min(gb), ga.max(gb));
        let moved = std::mem::take(&mut members[gone]);
        for &x in &moved {
            group_of[x] = keep;
        }
        members[keep].extend(moved);
    }
    Clusters { group_of, members }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(pairs: &[(usize, usize, f64)]) -> impl Fn(usize, usize) -> f64 + '_ {
        |x, y| {
            pairs
                .iter()
                .find(|p| (p.0, p.1) == (x.min(y), x.max(y)))
                .map_or(0.0, |p| p.2)
        }
    }

    #[test]
    fn one_strong_edge_does_not_chain_two_groups() {
        // 0-1 and 2-3 are tight; 1-2 alone is strong but the mean over the
        // four cross pairs is low.
        let edges = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.95)];
        let c = average_linkage(4, edges.clone(), sim(&edges), 0.5, |_, _| false);
        assert_eq!(c.numbered(), vec![0, 1, 1, 2]);
        let edges = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.4)];
        let c = average_linkage(4, edges.clone(), sim(&edges), 0.5, |_, _| false);
        assert_eq!(c.groups(2), vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn veto_keeps_groups_apart() {
        let edges = vec![(0, 1, 0.9)];
        let c = average_linkage(2, edges.clone(), sim(&edges), 0.5, |_, _| true);
        assert!(c.groups(2).is_empty());
    }

    #[test]
    fn result_does_not_depend_on_edge_order() {
        let edges = vec![(0, 1, 0.6), (1, 2, 0.6), (0, 2, 0.6), (3, 4, 0.7)];
        let mut reversed = edges.clone();
        reversed.reverse();
        let a = average_linkage(5, edges.clone(), sim(&edges), 0.5, |_, _| false);
        let b = average_linkage(5, reversed, sim(&edges), 0.5, |_, _| false);
        assert_eq!(a, b);
    }
}
