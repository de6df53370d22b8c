//! The claim graph and what it shows.
//!
//! Claims are nodes of a petgraph graph; links are edges carrying their
//! comparison. A *fact* is a group of claims from different articles that
//! state the same thing. Facts are grown greedily from the strongest links
//! with average linkage: two groups merge only when at least `fact_linkage`
//! of the pairs between them are linked as the same fact and no article
//! would appear twice. A single link can therefore never chain two unrelated
//! groups into one giant fact.
//!
//! Findings come from the graph ([`findings`]): contradictions and tensions
//! from links, unsupported details from facts, single-source claims from
//! claims in no fact. Each fact carries its slot table ([`fact_table`]): the
//! values its outlets give, kind by kind and role by role.
//!
//! Stories ([`stories`]), the groups of articles claims are linked within,
//! are grown by the same average-linkage routine ([`cluster`]) over article
//! similarities.

pub mod cluster;
pub mod fact_table;
pub mod findings;
pub mod keyed;
mod referents;
pub mod stories;

use concord_core::{Claim, Fact};
use concord_match::{Comparison, Pair};
use petgraph::graph::{NodeIndex, UnGraph};

/// Claims (node weights are claim indices) and their links.
#[derive(Debug)]
pub struct ClaimGraph {
    pub graph: UnGraph<usize, Comparison>,
}

impl ClaimGraph {
    /// One node per claim, one edge per compared pair that is not
    /// `unrelated`.
    pub fn new(claim_count: usize, pairs: Vec<Pair>) -> ClaimGraph {
        let mut graph = UnGraph::with_capacity(claim_count, pairs.len());
        for i in 0..claim_count {
            graph.add_node(i);
        }
        for p in pairs {
            graph.add_edge(NodeIndex::new(p.a), NodeIndex::new(p.b), p.comparison);
        }
        ClaimGraph { graph }
    }

    /// The comparison of two claims, if they are linked.
    pub fn link(&self, a: usize, b: usize) -> Option<&Comparison> {
        let e = self.graph.find_edge(NodeIndex::new(a), NodeIndex::new(b))?;
        self.graph.edge_weight(e)
    }

    fn same_fact(&self, a: usize, b: usize) -> bool {
        self.link(a, b).is_some_and(|c| c.relation.is_same_fact())
    }

    /// Groups of claim indices, each from distinct articles, with at least
    /// two claims. `article[i]` is the article index of claim `i`. Groups
    /// grow by average linkage ([`cluster`]) from the strongest same-fact
    /// links: two merge when at least `linkage` of the pairs between them
    /// are linked as the same fact and no article would appear twice.
    pub fn fact_groups(&self, article: &[usize], linkage: f64) -> Vec<Vec<usize>> {
        let edges: Vec<(usize, usize, f64)> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (x, y) = self.graph.edge_endpoints(e)?;
                let c = &self.graph[e];
                c.relation
                    .is_same_fact()
                    .then(|| (x.index().min(y.index()), x.index().max(y.index()), c.score))
            })
            .collect();
        let linked = |x: usize, y: usize| f64::from(u8::from(self.same_fact(x, y)));
        let shares_article = |p: &[usize], q: &[usize]| {
            p.iter()
                .any(|&x| q.iter().any(|&y| article[x] == article[y]))
        };
        cluster::average_linkage(
            self.graph.node_count(),
            edges,
            linked,
            linkage,
            shares_article,
        )
        .groups(2)
    }
}

/// Facts in report form: ids `f1`, `f2`, ... in order of their first claim.
pub fn facts(groups: &[Vec<usize>], claims: &[Claim]) -> Vec<Fact> {
    groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let mut articles: Vec<String> = g.iter().map(|&i| claims[i].article.clone()).collect();
            articles.sort_by_key(|a| concord_core::claim_order(a));
            articles.dedup();
            let members: Vec<&Claim> = g.iter().map(|&i| &claims[i]).collect();
            Fact {
                id: format!("f{}", k + 1),
                claims: g.iter().map(|&i| claims[i].id.clone()).collect(),
                articles,
                slots: fact_table::slot_table(&members),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::{Direction, Relation};

    fn comparison(relation: Relation, score: f64) -> Comparison {
        Comparison {
            relation,
            direction: (relation == Relation::Elaborates).then_some(Direction::AMore),
            score,
            ..Comparison::unrelated()
        }
    }

    fn pair(a: usize, b: usize, relation: Relation, score: f64) -> Pair {
        Pair {
            a,
            b,
            comparison: comparison(relation, score),
        }
    }

    #[test]
    fn groups_claims_that_link_each_other() {
        // Claims 0, 1, 2 in articles 0, 1, 2, all linked.
        let g = ClaimGraph::new(
            3,
            vec![
                pair(0, 1, Relation::Equivalent, 0.9),
                pair(0, 2, Relation::Elaborates, 0.7),
                pair(1, 2, Relation::Equivalent, 0.8),
            ],
        );
        assert_eq!(g.fact_groups(&[0, 1, 2], 0.5), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn does_not_chain_through_one_link() {
        // 0-1 and 2-3 are facts; a single 1-2 link must not join them.
        let g = ClaimGraph::new(
            4,
            vec![
                pair(0, 1, Relation::Equivalent, 0.9),
                pair(2, 3, Relation::Equivalent, 0.9),
                pair(1, 2, Relation::Elaborates, 0.6),
            ],
        );
        assert_eq!(
            g.fact_groups(&[0, 1, 2, 3], 0.5),
            vec![vec![0, 1], vec![2, 3]]
        );
    }

    #[test]
    fn one_claim_per_article_in_a_fact() {
        // Claims 1 and 2 are both in article 1: only the stronger joins.
        let g = ClaimGraph::new(
            3,
            vec![
                pair(0, 1, Relation::Equivalent, 0.9),
                pair(0, 2, Relation::Equivalent, 0.8),
            ],
        );
        assert_eq!(g.fact_groups(&[0, 1, 1], 0.5), vec![vec![0, 1]]);
    }

    #[test]
    fn related_links_make_no_fact() {
        let g = ClaimGraph::new(2, vec![pair(0, 1, Relation::Related, 0.4)]);
        assert!(g.fact_groups(&[0, 1], 0.5).is_empty());
    }
}
