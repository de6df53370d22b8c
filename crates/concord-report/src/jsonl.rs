//! JSON Lines: one finding per line, for stream processors (Spark's
//! `RDD.pipe`, `jq`, log shippers) that read a run's findings without
//! holding the whole report.
//!
//! Each line stands alone. It holds the finding as the JSON report writes
//! it (docs/json-schema.md), and in place of claim ids the claims
//! themselves: article, path, line, column and sentence. Every id is the
//! input's own (a JSON Lines record's `id`; a claim as `ID#c4`, its
//! number in its article) and the run's fact ids are left out, so a
//! finding's line does not depend on which other articles the run held.
//! It also holds:
//! - `story`: the story its input gave the articles (JSON Lines `story`),
//!   else the run's story id (`s3`);
//! - `articles`: the articles the finding names, each by the id its input
//!   gave it (a JSON Lines record's `id`), else by its path;
//! - `fingerprint`: the finding's identity across runs, as baselines use
//!   it.
//!
//! The lines are in report order, and a run with no finding writes
//! nothing, so concatenating the output of runs over disjoint stories
//! gives their findings.

use crate::{Render, SingleSource, json::write_json, view};
use concord_core::{Article, FindingKind, Report};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io;

/// JSON Lines output.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLines {
    pub single_source: SingleSource,
}

/// The id an article's input gave it: a JSON Lines record's `id` (the
/// part of its path after `#`), else its path.
pub fn input_id(a: &Article) -> &str {
    a.path.split_once('#').map_or(a.path.as_str(), |(_, id)| id)
}

impl Render for JsonLines {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let mut story_of: BTreeMap<&str, &str> = BTreeMap::new();
        for s in &report.stories {
            for a in &s.articles {
                story_of.insert(a.as_str(), s.id.as_str());
            }
        }
        let ids = StableIds { report };
        let (single_shown, _) = view::single_source_shown(report, self.single_source);
        for (k, f) in report.findings.iter().enumerate() {
            if f.kind == FindingKind::SingleSource && !single_shown.contains(&k) {
                continue;
            }
            let claims = view::claims_of(report, f);
            let story = claims
                .first()
                .and_then(|c| report.article(&c.article))
                .map(|a| match &a.story {
                    Some(given) => given.clone(),
                    None => story_of
                        .get(a.id.as_str())
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                })
                .unwrap_or_default();
            let mut articles: Vec<String> = Vec::new();
            for c in &claims {
                let id = ids.article(&c.article);
                if !articles.contains(&id) {
                    articles.push(id);
                }
            }
            let claim_lines: Vec<Value> = claims
                .iter()
                .map(|c| {
                    json!({
                        "claim": ids.claim(&c.id),
                        "article": ids.article(&c.article),
                        "path": view::path_of(report, c),
                        "line": c.line,
                        "column": c.column,
                        "text": c.text,
                        "sentence": view::sentence(report, c),
                    })
                })
                .collect();
            let Value::Object(mut finding) = serde_json::to_value(f).map_err(io::Error::from)?
            else {
                continue;
            };
            // Ids that only mean something inside this run are replaced by
            // the inputs' own, or dropped.
            finding.remove("fact");
            if let Some(a) = finding.get_mut("article") {
                ids.article_value(a);
            }
            if let Some(Value::Array(without)) = finding.get_mut("without") {
                without.iter_mut().for_each(|a| ids.article_value(a));
            }
            if let Some(Value::Array(values)) = finding.get_mut("values") {
                for v in values {
                    if let Some(Value::Array(list)) = v.get_mut("articles") {
                        list.iter_mut().for_each(|a| ids.article_value(a));
                    }
                    if let Some(Value::Array(list)) = v.get_mut("claims") {
                        for c in list {
                            if let Some(id) = c.as_str() {
                                *c = Value::String(ids.claim(id));
                            }
                        }
                    }
                }
            }
            let mut line = serde_json::Map::new();
            line.insert("story".into(), Value::String(story));
            line.insert("articles".into(), json!(articles));
            line.insert("fingerprint".into(), Value::String(report.fingerprint(f)));
            line.extend(finding);
            line.insert("claims".into(), Value::Array(claim_lines));
            write_json(&mut *out, &line, false)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Names of articles and claims that do not depend on the run: the
/// article's input id, and a claim as `ARTICLE#cN` (its number within its
/// article), where the report numbers articles `a1`, `a2`, ... in the
/// run's path order.
struct StableIds<'r> {
    report: &'r Report,
}

impl StableIds<'_> {
    fn article(&self, id: &str) -> String {
        self.report
            .article(id)
            .map_or_else(|| id.to_string(), |a| input_id(a).to_string())
    }

    fn article_value(&self, v: &mut Value) {
        if let Some(id) = v.as_str() {
            *v = Value::String(self.article(id));
        }
    }

    fn claim(&self, id: &str) -> String {
        match id.split_once('.') {
            Some((article, number)) => format!("{}#{number}", self.article(article)),
            None => id.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::report;

    fn lines(report: &Report, single_source: SingleSource) -> Vec<Value> {
        let mut out = Vec::new();
        JsonLines { single_source }
            .render(report, &mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.is_empty() || text.ends_with('\n'));
        text.lines()
            .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
            .collect()
    }

    #[test]
    fn each_finding_is_a_line_that_stands_alone() {
        let r = report();
        let all = lines(&r, SingleSource::Full);
        assert_eq!(all.len(), r.findings.len());
        for (line, f) in all.iter().zip(&r.findings) {
            assert_eq!(line["rule"], f.rule.as_str());
            assert_eq!(line["fingerprint"], r.fingerprint(f).as_str());
            let claims = line["claims"].as_array().unwrap();
            assert_eq!(claims.len(), f.claims.len());
            for (c, id) in claims.iter().zip(&f.claims) {
                let claim = r.claim(id).unwrap();
                let path = &r.article(&claim.article).unwrap().path;
                let (_, number) = id.split_once('.').unwrap();
                assert_eq!(c["claim"], format!("{path}#{number}"));
                assert_eq!(c["text"], claim.text.as_str());
                assert_eq!(c["line"], claim.line);
            }
            let story = r
                .stories
                .iter()
                .find(|s| s.articles.contains(&r.claim(&f.claims[0]).unwrap().article))
                .unwrap();
            assert_eq!(line["story"], story.id.as_str());
            assert!(!line["articles"].as_array().unwrap().is_empty());
        }
    }

    #[test]
    fn a_given_story_and_record_ids_name_the_finding() {
        let mut r = report();
        for a in &mut r.articles {
            a.path = format!("<stdin>#wire-{}", a.id);
            a.story = Some("cluster-7".into());
        }
        let all = lines(&r, SingleSource::Hide);
        assert!(!all.is_empty());
        assert!(all.iter().all(|l| l["kind"] != "single_source"));
        for l in &all {
            assert_eq!(l["story"], "cluster-7");
            assert!(l.get("fact").is_none());
            for a in l["articles"].as_array().unwrap() {
                assert!(a.as_str().unwrap().starts_with("wire-a"), "{a}");
            }
            for c in l["claims"].as_array().unwrap() {
                assert!(c["claim"].as_str().unwrap().starts_with("wire-a"), "{c}");
            }
            if let Some(a) = l.get("article") {
                assert!(a.as_str().unwrap().starts_with("wire-a"), "{a}");
            }
        }
    }
}
