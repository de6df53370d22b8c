//! JSON Lines on arbitrary bytes: no panic; every error names a line that
//! exists; every article path is `FILE#id`.
#![no_main]

use concord_input::formats::jsonl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (docs, errors) = jsonl::parse("fuzz.jsonl", data);
    let lines = data.split(|&b| b == b'\n').count();
    for e in &errors {
        let line = e.line.expect("JSON Lines errors name a line");
        assert!(line >= 1 && line <= lines);
    }
    for d in &docs {
        assert!(d.path.starts_with("fuzz.jsonl#"));
    }
});
