//! The whole pipeline on up to four arbitrary articles (separated by a
//! U+0001 character): extraction, matching, graph, findings and both
//! renderers must not panic; the JSON report parses back and its spans
//! slice the articles; the text report holds no control character but
//! newlines and tabs.
#![no_main]

use concord_engine::{Engine, Options};
use concord_input::Document;
use concord_report::{Render, json::Json, text::Text};
use concord_rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin()))
}

fuzz_target!(|text: &str| {
    let docs: Vec<Document> = text
        .split('\u{1}')
        .take(4)
        .enumerate()
        .map(|(k, t)| Document {
            path: format!("a{k}.txt"),
            text: t.to_string(),
            meta: None,
            label: None,
            source: None,
        })
        .collect();
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    let options = Options {
        exhaustive: false,
        single_story: true,
        focus: None,
    };
    let report = engine().check(docs, Vec::new(), options);
    for c in &report.claims {
        let article = report
            .article(&c.article)
            .expect("claim of a known article");
        let k: usize = article.path[1..article.path.len() - 4]
            .parse()
            .expect("path");
        assert_eq!(texts[k].get(c.start..c.end), Some(c.text.as_str()));
    }
    let mut json = Vec::new();
    Json.render(&report, &mut json).expect("renders JSON");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    assert_eq!(
        value["claims"].as_array().map(Vec::len),
        Some(report.claims.len())
    );
    let mut out = Vec::new();
    Text.render(&report, &mut out).expect("renders text");
    let out = String::from_utf8(out).expect("UTF-8 text");
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "control character in the text report"
    );
});
