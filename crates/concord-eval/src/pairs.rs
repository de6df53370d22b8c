//! Sentence-pair mode (`concord pairs`): each side of a pair is a small
//! article that goes through the same extraction, rules and matcher as
//! `concord check`; the pair's relation is the strongest one between the
//! claims of its sides (contradicts, then equivalent, elaborates, related,
//! unrelated).
//!
//! Input is a TSV file whose header names at least `sentence1` and
//! `sentence2` (and optionally `id` and `label`). Fields are split on tabs
//! with no quoting, as the shared scorer reads them; a row with too few
//! fields or an empty sentence is reported with its line number and
//! skipped.

use concord_core::{Claim, Direction, InputError, Relation};
use concord_engine::Engine;
use concord_match::{Comparison, Matcher, Vocabulary};
use rayon::prelude::*;
use serde::Serialize;

/// One row of a pairs file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub id: String,
    /// 1-based line in the file.
    pub line: usize,
    pub sentence1: String,
    pub sentence2: String,
    /// The `label` column, when there is one.
    pub label: Option<String>,
}

/// Parses a pairs TSV. `source` names the file in errors.
pub fn parse_tsv(text: &str, source: &str) -> (Vec<PairRow>, Vec<InputError>) {
    let err = |line: usize, message: String| InputError {
        path: source.to_string(),
        line: Some(line),
        message,
    };
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    let Some((_, header)) = lines.next() else {
        return (
            Vec::new(),
            vec![err(
                1,
                "empty file: expected a header naming sentence1 and sentence2".into(),
            )],
        );
    };
    let header = header.trim_start_matches('\u{feff}');
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    let find = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let (Some(s1), Some(s2)) = (find("sentence1"), find("sentence2")) else {
        return (
            Vec::new(),
            vec![err(
                1,
                format!(
                    "the header must name `sentence1` and `sentence2` columns (found: {})",
                    columns.join(", ")
                ),
            )],
        );
    };
    let id_col = find("id");
    let label_col = find("label");
    let needed = [Some(s1), Some(s2), id_col, label_col]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
        + 1;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < needed {
            errors.push(err(
                n,
                format!(
                    "expected at least {needed} tab-separated fields, found {}",
                    fields.len()
                ),
            ));
            continue;
        }
        let (a, b) = (fields[s1].trim(), fields[s2].trim());
        if a.is_empty() || b.is_empty() {
            errors.push(err(n, "empty sentence".into()));
            continue;
        }
        let id = match id_col {
            Some(c) => fields[c].trim().to_string(),
            None => (rows.len() + 1).to_string(),
        };
        if !seen.insert(id.clone()) {
            errors.push(err(n, format!("duplicate id `{id}`")));
            continue;
        }
        rows.push(PairRow {
            id,
            line: n,
            sentence1: a.to_string(),
            sentence2: b.to_string(),
            label: label_col.map(|c| fields[c].trim().to_string()),
        });
    }
    (rows, errors)
}

/// The outcome for one pair, as `concord pairs` writes it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairOutcome {
    pub id: String,
    pub relation: Relation,
    pub direction: Option<Direction>,
    pub score: f64,
    pub reasons: Vec<String>,
    /// The matcher's features of the deciding claim pair (`--features`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<std::collections::BTreeMap<&'static str, f64>>,
}

/// Compares the two sides of one row. IDF weights come from the
/// background corpus plus the pair itself, so a pair's relation does not
/// depend on the other rows of the file, and rows are processed one at a
/// time in bounded memory.
pub fn compare_row(engine: &Engine, matcher: &Matcher<'_>, row: &PairRow) -> Comparison {
    let a = engine.extract_fragment("a", &row.sentence1);
    let b = engine.extract_fragment("b", &row.sentence2);
    if a.is_empty() || b.is_empty() {
        return Comparison::unrelated();
    }
    let vocab = Vocabulary::build(a.iter().chain(&b), engine.rules.background.as_ref());
    let ra: Vec<&Claim> = a.iter().collect();
    let rb: Vec<&Claim> = b.iter().collect();
    matcher.compare_sets_with(&ra, &rb, &vocab)
}

/// Compares every row, in parallel, keeping the input order, with the
/// features of every comparison (what training reads).
pub fn compare_rows(engine: &Engine, rows: &[PairRow]) -> Vec<Comparison> {
    let mut matcher = engine.matcher();
    matcher.always_features = true;
    rows.par_iter()
        .map(|r| compare_row(engine, &matcher, r))
        .collect()
}

/// Runs `concord pairs` on parsed rows; `features` adds the matcher's
/// features to each outcome.
pub fn relate(engine: &Engine, rows: &[PairRow], features: bool) -> Vec<PairOutcome> {
    let mut matcher = engine.matcher();
    matcher.always_features = features;
    rows.par_iter()
        .map(|r| outcome(r, &compare_row(engine, &matcher, r), features))
        .collect()
}

fn outcome(row: &PairRow, c: &Comparison, features: bool) -> PairOutcome {
    let mut reasons = Vec::new();
    if !c.claims.0.is_empty() {
        reasons.push(format!("decided by {} ~ {}", c.claims.0, c.claims.1));
    }
    reasons.extend(c.reasons.iter().cloned());
    PairOutcome {
        id: row.id.clone(),
        relation: c.relation,
        direction: c.direction,
        score: c.score,
        reasons,
        features: features.then(|| {
            concord_match::features::NAMES
                .iter()
                .map(|&n| (n, concord_core::round_score(c.features.get(n))))
                .collect()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_rules::RuleSet;

    #[test]
    fn parses_tsv_and_reports_bad_rows() {
        let text = "id\tsentence1\tsentence2\tlabel\n\
                    p1\tA man is playing a guitar.\tA man is playing guitar.\tparaphrase\n\
                    p2\tonly one field\n\
                    p3\t\tempty\tx\n\
                    p1\tdup\tdup\tx\n\
                    \n\
                    p4\t\"Quoted\" text stays.\tIt does.\tnot_paraphrase\n";
        let (rows, errors) = parse_tsv(text, "pairs.tsv");
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p4"]);
        assert_eq!(rows[1].sentence1, "\"Quoted\" text stays.");
        let lines: Vec<usize> = errors.iter().filter_map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(
            errors[0]
                .to_string()
                .starts_with("pairs.tsv:3: expected at least 4")
        );
    }

    #[test]
    fn numbers_rows_without_an_id_column() {
        let (rows, errors) = parse_tsv("sentence2\tsentence1\nb\ta\nd\tc\n", "x.tsv");
        assert!(errors.is_empty());
        assert_eq!(
            (rows[1].id.as_str(), rows[1].sentence1.as_str()),
            ("2", "c")
        );
    }

    #[test]
    fn rejects_a_header_without_sentences() {
        let (rows, errors) = parse_tsv("id\ttext\n1\tx\n", "x.tsv");
        assert!(rows.is_empty());
        assert!(errors[0].message.contains("sentence1"));
    }

    #[test]
    fn relates_pairs_with_the_check_engine() {
        let engine = Engine::new(RuleSet::builtin());
        let (rows, _) = parse_tsv(
            "id\tsentence1\tsentence2\n\
             1\tBiden said Article V applies to the Senkaku Islands.\tBiden said Article V does not apply to the Senkaku Islands.\n\
             2\tUS and Japan upgrade alliance\tWashington and Tokyo upgrade their alliance\n\
             3\tThe cat sat on the mat.\tStocks fell sharply in Tokyo.\n",
            "t.tsv",
        );
        let out = relate(&engine, &rows, false);
        assert_eq!(out[0].relation, Relation::Contradicts);
        assert_eq!(out[1].relation, Relation::Equivalent, "{:?}", out[1]);
        assert_eq!(out[2].relation, Relation::Unrelated);
        assert!(out[0].reasons[0].starts_with("decided by a.c1 ~ b.c1"));
    }
}
