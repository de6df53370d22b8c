//! The metrics of `../shared/eval/score_pairs.py`, computed in Rust so that
//! `concord eval` prints exactly what the scorer would. The labels decide
//! the task:
//! - `paraphrase` / `not_paraphrase`: paraphrase (MRPC); positive iff the
//!   relation is `equivalent`;
//! - `entailment` / `contradiction` / `neutral` (or `unknown`): inference
//!   (SICK, RTE); `contradicts` → contradiction, `equivalent` or
//!   `elaborates` with `a>b` → entailment, anything else → neutral;
//! - `agree` / `disagree` / `discuss` / `unrelated`: stance (FNC-1);
//!   `contradicts` → disagree, `equivalent`/`elaborates` → agree, `related`
//!   → discuss, anything else → unrelated.
//!
//! Numeric labels (STS similarity, 0 to 5) are a task the Python scorer does
//! not know (it would score them as inference with no gold class): here
//! they are the `similarity` task, judged by the Pearson and Spearman
//! correlation of the predicted `score` with the gold similarity, and by the
//! accuracy of `equivalent` against gold ≥ 4 ("mostly equivalent" on the STS
//! scale).

use concord_core::{Direction, Relation};
use serde::Serialize;
use std::collections::BTreeMap;

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Default)]
pub struct ClassScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
}

/// What `concord eval` reports.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Metrics {
    pub pairs: usize,
    pub missing: usize,
    pub task: String,
    pub accuracy: f64,
    /// Paraphrase task: of the positive class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recall: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f1: Option<f64>,
    /// Similarity task: correlation of the score with the gold similarity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pearson: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spearman: Option<f64>,
    /// Stance task: the FNC-1 relative score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fnc_score: Option<f64>,
    /// Metrics of the task that are undefined on these pairs (a
    /// correlation with a constant side), rather than reported as 0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undefined: Vec<String>,
    /// Inference and stance tasks.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<String, ClassScore>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub confusion: BTreeMap<String, usize>,
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The inference label of a predicted relation.
pub fn to_nli(relation: Relation, direction: Option<Direction>) -> &'static str {
    match relation {
        Relation::Contradicts => "contradiction",
        Relation::Equivalent => "entailment",
        Relation::Elaborates if direction == Some(Direction::AMore) => "entailment",
        _ => "neutral",
    }
}

/// The stance label of a predicted relation.
pub fn to_stance(relation: Relation) -> &'static str {
    match relation {
        Relation::Contradicts => "disagree",
        Relation::Equivalent | Relation::Elaborates => "agree",
        Relation::Related => "discuss",
        Relation::Unrelated => "unrelated",
    }
}

/// Scores predictions (`None` where a pair has no prediction) against gold
/// labels.
pub fn score(gold: &[String], predicted: &[Option<(Relation, Option<Direction>)>]) -> Metrics {
    let labels: std::collections::BTreeSet<String> =
        gold.iter().map(|l| l.trim().to_lowercase()).collect();
    let mut m = Metrics {
        pairs: gold.len(),
        missing: predicted.iter().filter(|p| p.is_none()).count(),
        ..Metrics::default()
    };
    let is = |set: &[&str]| labels.iter().all(|l| set.contains(&l.as_str()));
    let rows = gold.iter().map(|l| l.trim().to_lowercase()).zip(predicted);
    let same_fact = is(&["same", "different"]);
    if is(&["paraphrase", "not_paraphrase"]) || same_fact {
        let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
        for (g, p) in rows {
            let yes = if same_fact {
                p.is_some_and(|(r, _)| r.is_same_fact())
            } else {
                matches!(p, Some((Relation::Equivalent, _)))
            };
            let positive = if same_fact { "same" } else { "paraphrase" };
            match (g == positive, yes) {
                (true, true) => tp += 1,
                (true, false) => fn_ += 1,
                (false, true) => fp += 1,
                (false, false) => tn += 1,
            }
        }
        let (p, r, f) = prf(tp, fp, fn_);
        m.task = if same_fact { "same_fact" } else { "paraphrase" }.into();
        m.accuracy = (tp + tn) as f64 / gold.len().max(1) as f64;
        m.precision = Some(p);
        m.recall = Some(r);
        m.f1 = Some(f);
        return m;
    }
    let stance = is(&["agree", "disagree", "discuss", "unrelated"]);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut got, mut best) = (0.0, 0.0);
    for (g, p) in rows {
        let y = match (stance, p) {
            (true, Some((r, _))) => to_stance(*r),
            (true, None) => "unrelated",
            (false, Some((r, d))) => to_nli(*r, *d),
            (false, None) => "neutral",
        };
        let g = if g == "unknown" {
            "neutral".to_string()
        } else {
            g
        };
        if stance {
            best += if g == "unrelated" { 0.25 } else { 1.0 };
            if (g == "unrelated") == (y == "unrelated") {
                got += 0.25;
                if g != "unrelated" && g == y {
                    got += 0.75;
                }
            }
        }
        *confusion.entry((g, y.to_string())).or_default() += 1;
    }
    let correct: usize = confusion
        .iter()
        .filter(|((g, y), _)| g == y)
        .map(|(_, v)| v)
        .sum();
    m.accuracy = correct as f64 / gold.len().max(1) as f64;
    let classes: &[&str] = if stance {
        &["agree", "disagree", "discuss", "unrelated"]
    } else {
        &["contradiction", "entailment"]
    };
    for c in classes {
        let tp = confusion
            .get(&(c.to_string(), c.to_string()))
            .copied()
            .unwrap_or(0);
        let fp: usize = confusion
            .iter()
            .filter(|((g, y), _)| y == c && g != c)
            .map(|(_, v)| v)
            .sum();
        let fn_: usize = confusion
            .iter()
            .filter(|((g, y), _)| g == c && y != c)
            .map(|(_, v)| v)
            .sum();
        let (p, r, f) = prf(tp, fp, fn_);
        m.classes.insert(
            c.to_string(),
            ClassScore {
                precision: p,
                recall: r,
                f1: f,
                gold: tp + fn_,
            },
        );
    }
    m.task = if stance { "stance" } else { "inference" }.into();
    if stance {
        m.fnc_score = Some(if best > 0.0 { got / best } else { 0.0 });
    }
    m.confusion = confusion
        .into_iter()
        .map(|((g, y), v)| (format!("{g}->{y}"), v))
        .collect();
    m
}

/// Gold similarity at or above which a pair counts as a paraphrase.
const STS_EQUIVALENT: f64 = 4.0;

/// The label sets of the tasks, as `score` tells them apart.
const TASK_LABELS: [(&str, &[&str]); 3] = [
    ("paraphrase", &["paraphrase", "not_paraphrase"]),
    (
        "inference",
        &["entailment", "contradiction", "neutral", "unknown"],
    ),
    ("stance", &["agree", "disagree", "discuss", "unrelated"]),
];

/// Checks that the gold labels are those of one task (or all numbers, the
/// similarity task): a label of no task (`banana`) or a mix of tasks would
/// be scored as a class that the predictions can never match.
pub fn check_labels(gold: &[String]) -> Result<(), String> {
    if numeric_labels(gold).is_some() {
        return Ok(());
    }
    let labels: std::collections::BTreeSet<String> =
        gold.iter().map(|l| l.trim().to_lowercase()).collect();
    if TASK_LABELS
        .iter()
        .any(|(_, set)| labels.iter().all(|l| set.contains(&l.as_str())))
    {
        return Ok(());
    }
    let known: Vec<String> = TASK_LABELS
        .iter()
        .map(|(task, set)| format!("{task}: {}", set.join(", ")))
        .collect();
    let unknown: Vec<&str> = labels
        .iter()
        .filter(|l| !TASK_LABELS.iter().any(|(_, set)| set.contains(&l.as_str())))
        .map(String::as_str)
        .collect();
    let what = if unknown.is_empty() {
        format!(
            "labels of more than one task ({})",
            labels.iter().cloned().collect::<Vec<_>>().join(", ")
        )
    } else {
        format!("unknown labels ({})", unknown.join(", "))
    };
    Err(format!(
        "{what}; the labels must be those of one task ({}) or similarity scores (numbers)",
        known.join("; ")
    ))
}

/// The gold labels as numbers, when every one is a number (STS).
pub fn numeric_labels(gold: &[String]) -> Option<Vec<f64>> {
    gold.iter()
        .map(|l| l.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect()
}

/// Scores predicted (relation, score) pairs against numeric similarity
/// labels: Pearson and Spearman correlation of score and gold, and the
/// accuracy of `equivalent` against gold ≥ 4.
pub fn similarity(gold: &[f64], predicted: &[Option<(Relation, f64)>]) -> Metrics {
    let scores: Vec<f64> = predicted
        .iter()
        .map(|p| p.map_or(0.0, |(_, s)| s))
        .collect();
    let correct = gold
        .iter()
        .zip(predicted)
        .filter(|(g, p)| (**g >= STS_EQUIVALENT) == matches!(p, Some((Relation::Equivalent, _))))
        .count();
    let pearson = pearson(gold, &scores);
    let spearman = self::pearson(&ranks(gold), &ranks(&scores));
    let undefined = [("pearson", pearson), ("spearman", spearman)]
        .into_iter()
        .filter(|(_, x)| x.is_none())
        .map(|(name, _)| name.to_string())
        .collect();
    Metrics {
        pairs: gold.len(),
        missing: predicted.iter().filter(|p| p.is_none()).count(),
        task: "similarity".into(),
        accuracy: correct as f64 / gold.len().max(1) as f64,
        pearson,
        spearman,
        undefined,
        ..Metrics::default()
    }
}

/// Pearson correlation; undefined (`None`) with fewer than two pairs or
/// when either side is constant.
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len()) as f64;
    if n < 2.0 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        None
    } else {
        Some(sxy / (sxx * syy).sqrt())
    }
}

/// Ranks (1-based), ties sharing their average rank.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut out = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_correlates_scores_with_numeric_labels() {
        let gold = numeric_labels(&["0".into(), "2.5".into(), "4.6".into(), "5.0".into()]).unwrap();
        let perfect = [
            Some((Relation::Unrelated, 0.0)),
            Some((Relation::Related, 0.4)),
            Some((Relation::Equivalent, 0.9)),
            Some((Relation::Equivalent, 1.0)),
        ];
        let m = similarity(&gold, &perfect);
        assert_eq!(m.task, "similarity");
        assert!((m.spearman.unwrap() - 1.0).abs() < 1e-12);
        assert!(m.pearson.unwrap() > 0.95);
        assert_eq!(m.accuracy, 1.0);
        let reversed: Vec<_> = perfect.iter().rev().copied().collect();
        let m = similarity(&gold, &reversed);
        assert!((m.spearman.unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(m.accuracy, 0.0);
        assert!(numeric_labels(&["1".into(), "paraphrase".into()]).is_none());
    }

    #[test]
    fn pearson_is_undefined_for_constant_gold() {
        let gold = numeric_labels(&["3".into(), "3".into(), "3".into()]).unwrap();
        let predicted = [
            Some((Relation::Related, 0.2)),
            Some((Relation::Equivalent, 0.9)),
            Some((Relation::Related, 0.5)),
        ];
        let m = similarity(&gold, &predicted);
        assert_eq!((m.pearson, m.spearman), (None, None));
        assert_eq!(m.undefined, ["pearson", "spearman"]);
        let json = serde_json::to_value(&m).unwrap_or_default();
        assert!(json.get("pearson").is_none());
        assert_eq!(
            json["undefined"],
            serde_json::json!(["pearson", "spearman"])
        );
    }

    #[test]
    fn eval_refuses_unknown_labels() {
        let labels = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        assert!(check_labels(&labels(&["paraphrase", "NOT_PARAPHRASE"])).is_ok());
        assert!(check_labels(&labels(&["entailment", "unknown"])).is_ok());
        assert!(check_labels(&labels(&["agree", "unrelated"])).is_ok());
        assert!(check_labels(&labels(&["0.5", "4"])).is_ok());
        let e = check_labels(&labels(&["entailment", "banana"])).unwrap_err();
        assert!(e.starts_with("unknown labels (banana); "), "{e}");
        let e = check_labels(&labels(&["agree", "entailment"])).unwrap_err();
        assert!(e.starts_with("labels of more than one task"), "{e}");
        let e = check_labels(&labels(&["1", "paraphrase"])).unwrap_err();
        assert!(e.starts_with("unknown labels (1); "), "{e}");
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }

    fn p(r: Relation, d: Option<Direction>) -> Option<(Relation, Option<Direction>)> {
        Some((r, d))
    }

    #[test]
    fn paraphrase_task() {
        let gold: Vec<String> = [
            "paraphrase",
            "paraphrase",
            "not_paraphrase",
            "not_paraphrase",
        ]
        .map(String::from)
        .to_vec();
        let pred = [
            p(Relation::Equivalent, None),
            p(Relation::Elaborates, Some(Direction::AMore)),
            p(Relation::Equivalent, None),
            None,
        ];
        let m = score(&gold, &pred);
        assert_eq!(m.task, "paraphrase");
        assert_eq!(m.accuracy, 0.5);
        assert_eq!(m.precision, Some(0.5));
        assert_eq!(m.recall, Some(0.5));
        assert_eq!(m.missing, 1);
    }

    #[test]
    fn inference_task_maps_relations_like_the_scorer() {
        let gold: Vec<String> = [
            "entailment",
            "entailment",
            "contradiction",
            "neutral",
            "unknown",
        ]
        .map(String::from)
        .to_vec();
        let pred = [
            p(Relation::Elaborates, Some(Direction::AMore)),
            p(Relation::Elaborates, Some(Direction::BMore)),
            p(Relation::Contradicts, None),
            p(Relation::Related, None),
            p(Relation::Unrelated, None),
        ];
        let m = score(&gold, &pred);
        assert_eq!(m.task, "inference");
        assert_eq!(m.accuracy, 0.8);
        assert_eq!(m.confusion["entailment->neutral"], 1);
        assert_eq!(m.classes["contradiction"].f1, 1.0);
    }

    #[test]
    fn stance_task_scores_fnc() {
        let gold: Vec<String> = ["agree", "unrelated", "discuss"].map(String::from).to_vec();
        let pred = [
            p(Relation::Equivalent, None),
            p(Relation::Unrelated, None),
            p(Relation::Contradicts, None),
        ];
        let m = score(&gold, &pred);
        assert_eq!(m.task, "stance");
        // 1.0 + 0.25 + 0.25 out of 1.0 + 0.25 + 1.0
        assert!((m.fnc_score.unwrap() - 1.5 / 2.25).abs() < 1e-9);
    }
}
