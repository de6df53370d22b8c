//! Learning the relation models (`concord train`): features of labelled
//! pairs, computed by the same engine `concord pairs` runs, fitted by
//! logistic regression, written as a `[weights]` rule file.
//!
//! - paraphrase labels (MRPC) train `equivalent`, from both orientations of
//!   each pair (the task is symmetric); their paraphrases are also positive
//!   examples of `one_way`, both ways;
//! - same-fact labels (`same` / `different`: pairs of news quotes from the
//!   gold of news cases, scripts/news-pairs.py) train `same_fact`, both
//!   ways: do two claims of one story state the same fact?
//! - inference labels (SICK) train `entails` and `one_way`: does sentence1
//!   say all that sentence2 says? (`entailment` is yes, `neutral` and
//!   `contradiction` no). `entails` decides which side says more and so
//!   sees inference labels only: paraphrases are positives without
//!   negatives and would teach it that any long overlap entails.

use crate::learn::{self, Fit};
use crate::pairs::{self, PairRow};
use concord_engine::Engine;
use concord_match::features::NAMES;

/// Feature vectors, labels and the files they came from.
type Examples = (Vec<Vec<f64>>, Vec<bool>, Vec<String>);

/// One learned model.
#[derive(Debug, Clone)]
pub struct Model {
    pub name: &'static str,
    pub fit: Fit,
    pub examples: usize,
    pub trained_on: Vec<String>,
}

/// Which model a file's labels train.
fn model_for(rows: &[PairRow]) -> Result<&'static str, String> {
    let labels: std::collections::BTreeSet<String> = rows
        .iter()
        .filter_map(|r| r.label.as_deref())
        .map(str::to_lowercase)
        .collect();
    if rows.iter().any(|r| r.label.is_none()) || labels.is_empty() {
        return Err("needs a `label` column".into());
    }
    if labels
        .iter()
        .all(|l| l == "paraphrase" || l == "not_paraphrase")
    {
        Ok("equivalent")
    } else if labels.iter().all(|l| {
        matches!(
            l.as_str(),
            "entailment" | "contradiction" | "neutral" | "unknown"
        )
    }) {
        Ok("entails")
    } else if labels.iter().all(|l| l == "same" || l == "different") {
        Ok("same_fact")
    } else {
        Err(format!(
            "labels are neither paraphrase, inference nor same-fact labels: {labels:?}"
        ))
    }
}

/// Fits one model per kind of labelled file in `sets` (name, rows).
pub fn train(
    engine: &Engine,
    sets: &[(String, Vec<PairRow>)],
    l2: f64,
) -> Result<Vec<Model>, String> {
    let mut data: std::collections::BTreeMap<&'static str, Examples> = Default::default();
    for (name, rows) in sets {
        let model = model_for(rows).map_err(|e| format!("{name}: {e}"))?;
        let comparisons = pairs::compare_rows(engine, rows);
        let vector =
            |f: &concord_match::Features| -> Vec<f64> { NAMES.iter().map(|n| f.get(n)).collect() };
        for (row, c) in rows.iter().zip(&comparisons) {
            let label = row.label.as_deref().unwrap_or("").to_lowercase();
            let both = |set: &mut Examples, y: bool| {
                set.0.push(vector(&c.features));
                set.1.push(y);
                set.0.push(vector(&c.features.swapped()));
                set.1.push(y);
            };
            if model == "same_fact" {
                both(data.entry("same_fact").or_default(), label == "same");
            } else if model == "equivalent" {
                let paraphrase = label == "paraphrase";
                both(data.entry("equivalent").or_default(), paraphrase);
                // A paraphrase entails in both directions; a non-paraphrase
                // may still entail one way, so it teaches `one_way` nothing.
                if paraphrase {
                    both(data.entry("one_way").or_default(), true);
                }
            } else {
                for name in ["entails", "one_way"] {
                    let set = data.entry(name).or_default();
                    set.0.push(vector(&c.features));
                    set.1.push(label == "entailment");
                }
            }
        }
        for (m, set) in data.iter_mut() {
            let fed = *m == model
                || (model == "equivalent" && *m == "one_way")
                || (model == "entails" && *m == "one_way");
            if fed && !set.2.contains(name) {
                set.2.push(name.clone());
            }
        }
    }
    Ok(data
        .into_iter()
        .map(|(name, (xs, ys, trained_on))| Model {
            name,
            fit: learn::fit(&xs, &ys, l2),
            examples: xs.len(),
            trained_on,
        })
        .collect())
}

/// The `[weights]` rule file for `models`.
pub fn to_toml(models: &[Model]) -> String {
    let mut text = String::from(
        "# Relation models learned by `concord train` (docs/evaluation.md gives the\n\
         # command that reproduces them). Each model is a logistic regression over the\n\
         # matcher's named features (concord-match/src/features.rs): it says yes when\n\
         # sigmoid(bias + sum of weight * feature) reaches `threshold`.\n",
    );
    for m in models {
        text.push_str(&format!(
            "\n[weights.{}]\nbias = {:.6}\nthreshold = {:.6}\ntrained_on = {:?}\ntraining_accuracy = {:.4}\n\n[weights.{}.features]\n",
            m.name, m.fit.bias, m.fit.threshold, m.trained_on, m.fit.accuracy, m.name
        ));
        for (name, w) in NAMES.iter().zip(&m.fit.weights) {
            text.push_str(&format!("{name} = {w:.6}\n"));
        }
    }
    text
}
