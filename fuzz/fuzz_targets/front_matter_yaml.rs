//! YAML front matter on arbitrary text between `---` fences: no panic, no
//! runaway memory (aliases are bounded before loading: a "billion laughs"
//! is an error), errors name a line of the front matter, the body starts on
//! a character boundary after it.
#![no_main]

use concord_extract::front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|yaml: &str| {
    let text = format!("---\n{yaml}\n---\nBody.\n");
    match front_matter::parse(&text) {
        Ok((_, body)) => {
            assert!(body <= text.len() && text.is_char_boundary(body));
        }
        Err(e) => {
            assert!(e.line >= 1 && e.line <= text.lines().count(), "{e:?}");
            assert!(e.message.starts_with("front matter"), "{e:?}");
        }
    }
});
