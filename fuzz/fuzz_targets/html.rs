//! HTML pages from arbitrary text: no panic, no stack overflow (the walk
//! keeps its own stack; pages nested deeper than the limit are refused),
//! and every position the source map gives is a line and column of the
//! file.
#![no_main]

use concord_core::LineIndex;
use concord_input::formats::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    let Ok(doc) = html::document("fuzz.html".into(), source.to_string()) else {
        return;
    };
    assert!(doc.text.ends_with('\n'));
    let Some(map) = &doc.source else {
        panic!("an HTML document has a source map");
    };
    let lines = LineIndex::new(source);
    let last_line = source.split('\n').count().max(1) + source.matches('\r').count();
    for (offset, _) in doc.text.char_indices().step_by(7) {
        if let Some((line, column)) = map.position(&doc.text, offset, &lines) {
            assert!(line >= 1 && line <= last_line, "line {line} of {last_line}");
            assert!(column >= 1);
        }
    }
});
