//! L2-regularised logistic regression, fitted by Newton's method (IRLS),
//! for `concord train`. Small and exact: a few dozen features, thousands of
//! pairs, no dependency. Only the fitting is here: applying a fitted model
//! to a pair's features is the matcher's (`concord_match::features::Model`),
//! which `concord check` needs without any of this.

// Matrix code reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

/// A fitted model: bias, one weight per feature, and the decision
/// threshold that maximised training accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub bias: f64,
    pub weights: Vec<f64>,
    pub threshold: f64,
    /// Training accuracy at that threshold.
    pub accuracy: f64,
}

pub(crate) fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits `y ~ sigmoid(bias + w · x)` with penalty `l2 · |w|²` (the bias is
/// not penalised).
pub fn fit(xs: &[Vec<f64>], ys: &[bool], l2: f64) -> Fit {
    let n = xs.len();
    let d = xs.first().map_or(0, Vec::len) + 1; // + bias
    let row = |i: usize, j: usize| if j == 0 { 1.0 } else { xs[i][j - 1] };
    let mut w = vec![0.0; d];
    for _ in 0..50 {
        let mut grad = vec![0.0; d];
        let mut hess = vec![vec![0.0; d]; d];
        for i in 0..n {
            let z: f64 = (0..d).map(|j| w[j] * row(i, j)).sum();
            let p = sigmoid(z);
            let y = f64::from(u8::from(ys[i]));
            let s = (p * (1.0 - p)).max(1e-9);
            for j in 0..d {
                grad[j] += (p - y) * row(i, j);
                for k in j..d {
                    hess[j][k] += s * row(i, j) * row(i, k);
                }
            }
        }
        for j in 0..d {
            for k in 0..j {
                hess[j][k] = hess[k][j];
            }
            if j > 0 {
                grad[j] += l2 * w[j];
                hess[j][j] += l2;
            } else {
                hess[j][j] += 1e-6;
            }
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut change = 0.0f64;
        for j in 0..d {
            w[j] -= step[j];
            change = change.max(step[j].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    let probs: Vec<f64> = (0..n)
        .map(|i| sigmoid((0..d).map(|j| w[j] * row(i, j)).sum()))
        .collect();
    let (threshold, accuracy) = best_threshold(&probs, ys);
    Fit {
        bias: w[0],
        weights: w[1..].to_vec(),
        threshold,
        accuracy,
    }
}

/// The threshold on `probs` that classifies `ys` most accurately (midpoint
/// between neighbouring probabilities; ties go to 0.5's side).
pub fn best_threshold(probs: &[f64], ys: &[bool]) -> (f64, f64) {
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&a, &b| probs[a].total_cmp(&probs[b]));
    // Start with everything positive, then move the threshold up.
    let mut correct = ys.iter().filter(|&&y| y).count();
    let mut best = (correct, 0.0);
    for (k, &i) in order.iter().enumerate() {
        if ys[i] {
            correct -= 1;
        } else {
            correct += 1;
        }
        let next = order.get(k + 1).map_or(1.0, |&j| probs[j]);
        let t = 0.5 * (probs[i] + next);
        if correct > best.0 || (correct == best.0 && (t - 0.5).abs() < (best.1 - 0.5f64).abs()) {
            best = (correct, t);
        }
    }
    (best.1, best.0 as f64 / probs.len().max(1) as f64)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..n {
            let f = a[r][col] / a[col][col];
            for c in col..n {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule() {
        // y = x0 > 0.5, x1 is noise.
        let xs: Vec<Vec<f64>> = (0..200)
            .map(|i| vec![(i % 100) as f64 / 100.0, ((i * 37) % 100) as f64 / 100.0])
            .collect();
        let ys: Vec<bool> = xs.iter().map(|x| x[0] > 0.5).collect();
        let f = fit(&xs, &ys, 0.01);
        assert!(f.weights[0] > 5.0, "{f:?}");
        assert!(f.weights[1].abs() < f.weights[0].abs() / 5.0, "{f:?}");
        assert!(f.accuracy > 0.97, "{f:?}");
    }

    #[test]
    fn picks_the_most_accurate_threshold() {
        let (t, acc) = best_threshold(&[0.1, 0.2, 0.6, 0.9], &[false, false, true, true]);
        assert!(t > 0.2 && t < 0.6);
        assert_eq!(acc, 1.0);
    }
}
