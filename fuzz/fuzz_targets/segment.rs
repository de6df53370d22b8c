//! Sentence and clause segmentation on arbitrary text: no panic; sentences
//! are non-empty, in order, inside their paragraph and on character
//! boundaries; clauses lie inside their sentence.
#![no_main]

use concord_extract::{Span, clauses, sentences};
use concord_rules::RuleSet;
use concord_text::Lexicon;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::new(&RuleSet::builtin()))
}

fuzz_target!(|text: &str| {
    let para = Span {
        start: 0,
        end: text.len(),
    };
    let mut last_end = 0;
    for s in sentences::split(text, para, lex()) {
        let span = s.span;
        assert!(last_end <= span.start && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last_end = span.end;
        let mut clause_end = span.start;
        for c in clauses::split(text, span, lex()) {
            assert!(clause_end <= c.start && c.start <= c.end && c.end <= span.end);
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            clause_end = c.end;
        }
    }
});
