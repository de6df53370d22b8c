//! Report renderers: one type per output format behind [`Render`].
//!
//! - [`text::Text`]: reads like a compiler diagnostic (`path:line:col`, the
//!   finding, both sentences quoted, the evidence);
//! - [`json::Json`]: the report as documented in docs/json-schema.md.
//!
//! Renderers only write; they never decide what is a finding.

pub mod json;
pub mod text;

use concord_core::Report;
use std::io;

/// An output format.
pub trait Render {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Makes text safe for a terminal: control characters (ANSI escapes, bells,
/// carriage returns) are shown as `\u{..}` escapes instead of acting.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_terminal_escapes() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{7}"), "a\\u{1b}[31mred\\u{7}");
        assert_eq!(sanitize("plain “quotes”"), "plain “quotes”");
        assert_eq!(sanitize("line\rover"), "line\\u{d}over");
    }
}
