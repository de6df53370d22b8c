//! Rule loading on an arbitrary user file on top of built-in rules: no
//! panic; every error names the file with a line and column inside it.
#![no_main]

use concord_rules::{RuleSet, RuleSource, builtin_sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // The built-in entities (for "alias already defined" across files) and
    // thresholds (required keys); the other built-in files would only make
    // each run slower (their regexes and examples are checked every time).
    let mut sources: Vec<RuleSource> = builtin_sources()
        .into_iter()
        .filter(|s| s.name.ends_with("entities.toml") || s.name.ends_with("thresholds.toml"))
        .collect();
    sources.push(RuleSource {
        name: "fuzz.toml".into(),
        text: text.to_string(),
    });
    if let Err(errors) = RuleSet::from_sources(&sources) {
        let lines = text.split('\n').count();
        for e in &errors {
            assert!(!e.message.is_empty());
            if e.file == "fuzz.toml" {
                assert!(e.line >= 1 && e.line <= lines, "{e}");
                assert!(e.column >= 1, "{e}");
            }
        }
    }
});
