//! The `concord pairs` TSV reader on arbitrary text: no panic; rows and
//! errors name lines that exist; ids are unique; sentences are non-empty.
#![no_main]

use concord_eval::pairs::parse_tsv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (rows, errors) = parse_tsv(text, "fuzz.tsv");
    let lines = text.split('\n').count();
    let mut ids = std::collections::BTreeSet::new();
    for r in &rows {
        assert!(r.line >= 2 && r.line <= lines);
        assert!(!r.sentence1.is_empty() && !r.sentence2.is_empty());
        assert!(ids.insert(r.id.clone()), "duplicate id {}", r.id);
    }
    for e in &errors {
        let line = e.line.expect("TSV errors name a line");
        assert!(line >= 1 && line <= lines);
    }
});
