//! Claim extraction on arbitrary text: the whole extractor (front matter,
//! layout, sentences, clauses, attribution, stance, dates, quantities) must
//! not panic, and every claim span must lie inside the text, on character
//! boundaries, and slice to the claim text.
#![no_main]

use concord_core::LineIndex;
use concord_engine::Engine;
use concord_extract::{ArticleInput, Extractor};
use concord_rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin()))
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses article or fragment (a `concord pairs` side).
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (rules, lex) = (&engine().rules, &engine().lex);
    let input = ArticleInput {
        id: "a1".into(),
        path: "fuzz.txt".into(),
        text,
        meta: None,
        fragment: mode & 1 == 1,
    };
    let Ok(x) = Extractor::new(rules, lex).extract(&input) else {
        return;
    };
    let lines = LineIndex::new(text);
    for c in &x.claims {
        assert!(
            c.start <= c.end && c.end <= text.len(),
            "span out of the text"
        );
        assert_eq!(
            &text[c.start..c.end],
            c.text,
            "span does not slice to the claim"
        );
        assert!(c.sentence_start <= c.start && c.end <= c.sentence_end);
        assert!(c.text.len() <= rules.thresholds.max_claim_bytes);
        assert_eq!(lines.line_col(text, c.start), (c.line, c.column));
    }
});
