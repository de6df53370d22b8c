//! Learning the relation models (`concord train`): features of labelled
//! pairs, computed by the same engine `concord pairs` runs, fitted by
//! logistic regression or, for the models named with `--trees`, as a
//! boosted tree ensemble ([`crate::boost`]), written as a `[weights]` rule
//! file.
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

use crate::boost::{self, BoostFit, Boosting};
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
    pub fit: Fitted,
    pub examples: usize,
    pub trained_on: Vec<String>,
}

/// A model's fitted form.
#[derive(Debug, Clone, PartialEq)]
pub enum Fitted {
    Logistic(Fit),
    Trees(BoostFit),
}

impl Fitted {
    pub fn bias(&self) -> f64 {
        match self {
            Fitted::Logistic(f) => f.bias,
            Fitted::Trees(f) => f.bias,
        }
    }

    pub fn threshold(&self) -> f64 {
        match self {
            Fitted::Logistic(f) => f.threshold,
            Fitted::Trees(f) => f.threshold,
        }
    }

    pub fn accuracy(&self) -> f64 {
        match self {
            Fitted::Logistic(f) => f.accuracy,
            Fitted::Trees(f) => f.accuracy,
        }
    }
}

/// How `concord train` fits each model.
#[derive(Debug, Clone, PartialEq)]
pub struct Learners {
    /// The L2 penalty of the logistic regressions.
    pub l2: f64,
    /// The models fitted as boosted trees instead.
    pub trees: Vec<String>,
    pub boosting: Boosting,
}

impl Learners {
    fn fit(&self, model: &str, xs: &[Vec<f64>], ys: &[bool]) -> Fitted {
        if self.trees.iter().any(|t| t == model) {
            Fitted::Trees(boost::fit(xs, ys, &self.boosting))
        } else {
            Fitted::Logistic(learn::fit(xs, ys, self.l2))
        }
    }
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
    learners: &Learners,
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
            fit: learners.fit(name, &xs, &ys),
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
         # matcher's named features (concord-match/src/features.rs) or a boosted tree\n\
         # ensemble over them: it says yes when sigmoid(bias + sum of weight * feature\n\
         # + sum of tree outputs) reaches `threshold`. A tree is complete and laid out\n\
         # as a heap: node i sends a pair whose feature `features[i]` is at most\n\
         # `splits[i]` to node 2i+1, others to 2i+2; the nodes after the internal\n\
         # ones are `leaves`.\n",
    );
    for m in models {
        text.push_str(&format!(
            "\n[weights.{}]\nbias = {:.6}\nthreshold = {:.6}\ntrained_on = {:?}\ntraining_accuracy = {:.4}\n",
            m.name,
            m.fit.bias(),
            m.fit.threshold(),
            m.trained_on,
            m.fit.accuracy()
        ));
        match &m.fit {
            Fitted::Logistic(f) => {
                text.push_str(&format!("\n[weights.{}.features]\n", m.name));
                for (name, w) in NAMES.iter().zip(&f.weights) {
                    text.push_str(&format!("{name} = {w:.6}\n"));
                }
            }
            Fitted::Trees(f) => {
                for t in &f.trees {
                    let features: Vec<&str> = t.features.iter().map(|&j| NAMES[j]).collect();
                    // Rust prints an infinite split as `inf`, as TOML writes it.
                    let splits: Vec<String> = t.splits.iter().map(|x| format!("{x:.6}")).collect();
                    let leaves: Vec<String> = t.leaves.iter().map(|x| format!("{x:.6}")).collect();
                    text.push_str(&format!(
                        "\n[[weights.{}.trees]]\nfeatures = {features:?}\nsplits = [{}]\nleaves = [{}]\n",
                        m.name,
                        splits.join(", "),
                        leaves.join(", ")
                    ));
                }
            }
        }
    }
    text
}
