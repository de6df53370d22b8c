//! The on-disk shape of a rule file. Every file may hold any of the sections
//! below; `#[serde(deny_unknown_fields)]` everywhere, so that a typo in a key
//! is an error with its line and column rather than a silently ignored rule.
//! docs/rules.md documents each section with an example.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    #[serde(default)]
    pub entity: Vec<EntityDef>,
    #[serde(default)]
    pub spelling: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub lemmas: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub synonyms: Vec<SynonymDef>,
    #[serde(default)]
    pub hypernyms: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub antonyms: Vec<AntonymDef>,
    #[serde(default)]
    pub stopwords: Option<WordList>,
    #[serde(default)]
    pub qualifiers: Option<WordList>,
    #[serde(default)]
    pub cues: Option<CueDefs>,
    #[serde(default)]
    pub abbreviations: Option<AbbreviationDefs>,
    #[serde(default)]
    pub boilerplate: Vec<BoilerplateDef>,
    #[serde(default)]
    pub thresholds: Option<ThresholdDefs>,
    #[serde(default)]
    pub weights: BTreeMap<String, WeightDefs>,
    #[serde(default)]
    pub detector: Vec<DetectorDef>,
    #[serde(default)]
    pub background: Option<BackgroundDefs>,
    #[serde(default)]
    pub slots: Option<crate::slots::SlotDefs>,
}

/// `[background]`: document frequencies of terms in a large news corpus,
/// written by `concord build-idf` (see docs/rules.md). They give IDF
/// weights that do not depend on how many articles a run has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BackgroundDefs {
    pub documents: Spanned<i64>,
    pub source: Option<String>,
    #[serde(default)]
    pub bucket: Vec<BucketDef>,
}

/// Terms that occur in `df` documents, one per line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BucketDef {
    pub df: Spanned<i64>,
    pub terms: String,
}

/// `[[entity]]`: a canonical name and the other ways outlets write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntityDef {
    pub name: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub demonyms: Vec<Spanned<String>>,
}

/// `[[synonyms]]`: words that state the same predicate in news copy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SynonymDef {
    pub id: Spanned<String>,
    pub words: Vec<Spanned<String>>,
}

/// `[[antonyms]]`: a pair of words with opposite meaning.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AntonymDef {
    pub pair: Spanned<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordList {
    pub words: Vec<Spanned<String>>,
}

/// `[cues]`: the words and phrases that mark polarity, modality and
/// attribution. Lists from later files extend earlier ones.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CueDefs {
    #[serde(default)]
    pub negation: Vec<Spanned<String>>,
    #[serde(default)]
    pub pseudo_negation: Vec<Spanned<String>>,
    #[serde(default)]
    pub hedge: Vec<Spanned<String>>,
    #[serde(default)]
    pub weak_hedge: Vec<Spanned<String>>,
    #[serde(default)]
    pub evidential: Vec<Spanned<String>>,
    #[serde(default)]
    pub directive: Vec<Spanned<String>>,
    #[serde(default)]
    pub plan: Vec<Spanned<String>>,
    #[serde(default)]
    pub expect: Vec<Spanned<String>>,
    #[serde(default)]
    pub reporting_verbs: Vec<Spanned<String>>,
    #[serde(default)]
    pub source_phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub approximate: Vec<Spanned<String>>,
    #[serde(default)]
    pub lower_bound: Vec<Spanned<String>>,
    #[serde(default)]
    pub upper_bound: Vec<Spanned<String>>,
}

/// `[abbreviations]`: words followed by a period that do not end a sentence.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AbbreviationDefs {
    /// Never end a sentence: "Dr.", "Gen.", "No." before a number.
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
    /// May end a sentence when the next word is a typical sentence opener:
    /// "Jr.", "Inc.", "U.S.".
    #[serde(default)]
    pub other: Vec<Spanned<String>>,
}

/// `[[boilerplate]]`: page furniture dropped before claims are extracted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoilerplateDef {
    pub id: Spanned<String>,
    pub description: Option<String>,
    /// A regex (Rust `regex` syntax, linear time) matched against each
    /// trimmed line; a matching line is dropped.
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    #[serde(default)]
    pub guardrails: Vec<Spanned<String>>,
}

/// `[thresholds]`: every tunable number of the matcher.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThresholdDefs {
    pub link: Option<Spanned<f64>>,
    pub same_fact: Option<Spanned<f64>>,
    pub equivalent: Option<Spanned<f64>>,
    pub elaborates_cover: Option<Spanned<f64>>,
    pub contradiction_cover: Option<Spanned<f64>>,
    pub contradiction_contained: Option<Spanned<f64>>,
    pub slot_cover: Option<Spanned<f64>>,
    pub fuzzy_token: Option<Spanned<f64>>,
    pub fuzzy_min_len: Option<Spanned<i64>>,
    pub max_candidates: Option<Spanned<i64>>,
    pub max_term_df: Option<Spanned<f64>>,
    pub fact_linkage: Option<Spanned<f64>>,
    pub story_link: Option<Spanned<f64>>,
    pub heading_max_words: Option<Spanned<i64>>,
    pub max_claim_bytes: Option<Spanned<i64>>,
    pub max_sentence_bytes: Option<Spanned<i64>>,
}

/// `[weights.<model>]`: a logistic model over named matcher features,
/// learned by `concord train` (see docs/evaluation.md). Models:
/// `equivalent` (both claims say the same), `entails` (claim a says all
/// that claim b says, learned from inference labels only) and `one_way`
/// (the same question learned from inference labels and paraphrases: the
/// check that at least one side says what the other says before a
/// paraphrase counts).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeightDefs {
    pub bias: Spanned<f64>,
    pub features: BTreeMap<String, Spanned<f64>>,
    /// Probability at and above which the model says yes.
    pub threshold: Option<Spanned<f64>>,
    #[allow(dead_code)]
    pub trained_on: Option<Vec<String>>,
    #[allow(dead_code)]
    pub training_accuracy: Option<f64>,
}

/// `[[detector]]`: a finding rule: its id, severity, description and
/// message, with examples it must flag and guardrail cases it must leave
/// alone. The id names the rule (`contradiction-number`); a later file may
/// give only the fields it changes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DetectorDef {
    pub id: Spanned<String>,
    /// `contradiction`, `tension`, `unsupported_detail` or `single_source`;
    /// must agree with the id.
    pub finding: Option<Spanned<String>>,
    /// For contradictions and tensions: the contradiction kind; must agree
    /// with the id.
    #[serde(rename = "type")]
    pub contradiction: Option<Spanned<String>>,
    pub severity: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// The finding's message, with `{placeholders}` (docs/rules.md).
    pub message: Option<Spanned<String>>,
    pub enabled: Option<bool>,
    #[serde(default)]
    pub example: Vec<ExampleDef>,
}

/// `[[detector.example]]`: two sentences and whether the detector must flag
/// them (`flag = true`) or stay silent (`flag = false`, a guardrail).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExampleDef {
    pub a: String,
    pub b: String,
    pub flag: bool,
    pub note: Option<String>,
}
