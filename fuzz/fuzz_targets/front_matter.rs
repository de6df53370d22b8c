//! Front matter on arbitrary text: no panic, and the body offset is a
//! character boundary inside the text.
#![no_main]

use concord_extract::front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match front_matter::parse(text) {
        Ok((_, body)) => {
            assert!(body <= text.len() && text.is_char_boundary(body));
        }
        Err(e) => {
            assert!(e.line >= 1);
            assert!(!e.message.is_empty());
        }
    }
});
