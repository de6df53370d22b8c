//! Gradient-boosted regression trees for the logistic loss, for `concord
//! train`: each round fits a tree of fixed depth to the gradient of the
//! log-loss, with Newton leaf values (the gradient sum over the Hessian
//! sum plus `lambda`, as in XGBoost) shrunk by the learning rate. Trees are
//! complete to their depth: a node that no split improves sends every pair
//! left (split `+inf`), so the rule file's heap layout holds every tree.
//!
//! Deterministic: no sampling, features pre-sorted with ties broken by
//! example index, sums in example order. A fitted tree is the matcher's
//! own [`Tree`], so training scores pairs with the code `concord check`
//! applies.

use crate::learn::{best_threshold, sigmoid};
use concord_match::features::Tree;

/// How an ensemble is grown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Boosting {
    pub depth: usize,
    pub rounds: usize,
    pub rate: f64,
    /// Fewest training pairs on either side of a split.
    pub min_leaf: usize,
    /// L2 penalty on leaf values.
    pub lambda: f64,
}

impl Default for Boosting {
    /// Depth 3, 200 rounds at rate 0.05: on MRPC the depth-3 ensemble
    /// beat depth 2 at 100 or 300 rounds (docs/evaluation.md).
    fn default() -> Boosting {
        Boosting {
            depth: 3,
            rounds: 200,
            rate: 0.05,
            min_leaf: 5,
            lambda: 1.0,
        }
    }
}

/// A fitted ensemble: its starting log-odds, trees, and the threshold that
/// maximised training accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct BoostFit {
    pub bias: f64,
    pub trees: Vec<Tree>,
    pub threshold: f64,
    pub accuracy: f64,
}

/// Fits an ensemble to `ys` from the feature rows `xs`.
pub fn fit(xs: &[Vec<f64>], ys: &[bool], params: &Boosting) -> BoostFit {
    let n = xs.len();
    let d = xs.first().map_or(0, Vec::len);
    let positives = ys.iter().filter(|&&y| y).count() as f64;
    let bias = if n == 0 {
        0.0
    } else {
        let p = ((positives + 0.5) / (n as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
        (p / (1.0 - p)).ln()
    };
    let sorted: Vec<Vec<usize>> = (0..d)
        .map(|j| {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| xs[a][j].total_cmp(&xs[b][j]).then(a.cmp(&b)));
            order
        })
        .collect();
    let mut score = vec![bias; n];
    let mut trees = Vec::with_capacity(params.rounds);
    for _ in 0..params.rounds {
        let (grad, hess): (Vec<f64>, Vec<f64>) = (0..n)
            .map(|i| {
                let p = sigmoid(score[i]);
                (f64::from(u8::from(ys[i])) - p, (p * (1.0 - p)).max(1e-12))
            })
            .unzip();
        let tree = grow(xs, &sorted, &grad, &hess, params);
        for (i, x) in xs.iter().enumerate() {
            score[i] += tree.output(x);
        }
        trees.push(tree);
    }
    let probs: Vec<f64> = score.iter().map(|&z| sigmoid(z)).collect();
    let (threshold, accuracy) = best_threshold(&probs, ys);
    BoostFit {
        bias,
        trees,
        threshold,
        accuracy,
    }
}

/// Gradient statistics of a set of examples.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    grad: f64,
    hess: f64,
    count: usize,
}

impl Stats {
    fn add(&mut self, g: f64, h: f64) {
        self.grad += g;
        self.hess += h;
        self.count += 1;
    }

    fn minus(self, o: Stats) -> Stats {
        Stats {
            grad: self.grad - o.grad,
            hess: self.hess - o.hess,
            count: self.count - o.count,
        }
    }

    fn objective(self, lambda: f64) -> f64 {
        self.grad * self.grad / (self.hess + lambda)
    }
}

/// Grows one tree level by level: for every node of a level, the split of
/// largest gain over all features, found in one pass per feature over the
/// pre-sorted examples.
fn grow(
    xs: &[Vec<f64>],
    sorted: &[Vec<usize>],
    grad: &[f64],
    hess: &[f64],
    params: &Boosting,
) -> Tree {
    let n = xs.len();
    let internal = (1usize << params.depth) - 1;
    let mut features = vec![0usize; internal];
    let mut splits = vec![f64::INFINITY; internal];
    let mut node_of = vec![0usize; n];
    for level in 0..params.depth {
        let first = (1usize << level) - 1;
        let width = 1usize << level;
        let mut total = vec![Stats::default(); width];
        for i in 0..n {
            total[node_of[i] - first].add(grad[i], hess[i]);
        }
        // (gain, feature, split) of the best split of each node so far.
        let mut best: Vec<Option<(f64, usize, f64)>> = vec![None; width];
        for (j, order) in sorted.iter().enumerate() {
            let mut left = vec![Stats::default(); width];
            let mut last: Vec<Option<f64>> = vec![None; width];
            for &i in order {
                let k = node_of[i] - first;
                let v = xs[i][j];
                if let Some(prev) = last[k]
                    && v > prev
                    && left[k].count >= params.min_leaf
                    && total[k].count - left[k].count >= params.min_leaf
                {
                    let right = total[k].minus(left[k]);
                    let gain = left[k].objective(params.lambda) + right.objective(params.lambda)
                        - total[k].objective(params.lambda);
                    if gain > 1e-12 && best[k].is_none_or(|(g, _, _)| gain > g) {
                        best[k] = Some((gain, j, 0.5 * (prev + v)));
                    }
                }
                left[k].add(grad[i], hess[i]);
                last[k] = Some(v);
            }
        }
        for (k, b) in best.iter().enumerate() {
            if let Some((_, j, s)) = b {
                features[first + k] = *j;
                splits[first + k] = *s;
            }
        }
        for i in 0..n {
            let node = node_of[i];
            node_of[i] = if xs[i][features[node]] <= splits[node] {
                2 * node + 1
            } else {
                2 * node + 2
            };
        }
    }
    let mut leaf_stats = vec![Stats::default(); internal + 1];
    for i in 0..n {
        leaf_stats[node_of[i] - internal].add(grad[i], hess[i]);
    }
    let leaves = leaf_stats
        .iter()
        .map(|s| params.rate * s.grad / (s.hess + params.lambda))
        .collect();
    Tree {
        features,
        splits,
        leaves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An interaction no linear model can learn: yes when exactly one of
    /// two features is high.
    fn exclusive_or() -> (Vec<Vec<f64>>, Vec<bool>) {
        let xs: Vec<Vec<f64>> = (0..400)
            .map(|i| {
                vec![
                    (i % 20) as f64 / 20.0,
                    ((i / 20) % 20) as f64 / 20.0,
                    ((i * 37) % 100) as f64 / 100.0,
                ]
            })
            .collect();
        let ys = xs.iter().map(|x| (x[0] > 0.5) != (x[1] > 0.5)).collect();
        (xs, ys)
    }

    #[test]
    fn learns_an_interaction_a_linear_model_cannot() {
        let (xs, ys) = exclusive_or();
        let boosted = fit(&xs, &ys, &Boosting::default());
        assert!(boosted.accuracy > 0.97, "{}", boosted.accuracy);
        let linear = crate::learn::fit(&xs, &ys, 0.01);
        assert!(linear.accuracy < 0.8, "{}", linear.accuracy);
    }

    #[test]
    fn the_same_data_grows_the_same_trees() {
        let (xs, ys) = exclusive_or();
        let params = Boosting {
            rounds: 20,
            ..Boosting::default()
        };
        assert_eq!(fit(&xs, &ys, &params), fit(&xs, &ys, &params));
    }

    #[test]
    fn a_node_nothing_improves_sends_every_pair_left() {
        // One constant feature: no split anywhere, every tree one leaf.
        let xs = vec![vec![0.5]; 40];
        let ys: Vec<bool> = (0..40).map(|i| i % 4 == 0).collect();
        let f = fit(&xs, &ys, &Boosting::default());
        for t in &f.trees {
            assert!(t.splits.iter().all(|s| s.is_infinite()));
            assert!(t.leaves[1..].iter().all(|&l| l == 0.0));
        }
        // Every pair gets the base rate, so the best answer is always no.
        assert!((f.accuracy - 0.75).abs() < 1e-9, "{}", f.accuracy);
    }
}
