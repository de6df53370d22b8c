//! The JSON report (docs/json-schema.md): the [`Report`] model serialized
//! with two-space indentation and a final newline.
//!
//! serde_json escapes only the C0 control characters. Article text can
//! also hold C1 controls (U+009B is a one-character CSI for some
//! terminals), DEL and bidirectional overrides, which act when a report is
//! printed with `cat`; they are written as `\uXXXX` escapes too, which JSON
//! readers decode to the same text.

use crate::Render;
use concord_core::Report;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io;

/// JSON output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        write_json(&mut *out, report, true)?;
        out.write_all(b"\n")
    }
}

/// Writes `value` as JSON (two-space indented when `pretty`, else on one
/// line) with every terminal-active character escaped.
pub fn write_json<T: Serialize + ?Sized>(
    out: &mut dyn io::Write,
    value: &T,
    pretty: bool,
) -> io::Result<()> {
    let formatter = SafeFormatter {
        pretty: pretty.then(PrettyFormatter::new),
    };
    let mut ser = serde_json::Serializer::with_formatter(out, formatter);
    // An I/O error (a closed pipe) comes back as itself, with its kind.
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Compact or pretty layout, plus the extra escapes.
struct SafeFormatter<'a> {
    pretty: Option<PrettyFormatter<'a>>,
}

/// Characters written as `\uXXXX` although JSON allows them raw.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Forwards a layout method to the pretty formatter, if any.
macro_rules! layout {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match &mut self.pretty {
                Some(p) => p.$name(w $(, $arg)*),
                None => serde_json::ser::CompactFormatter.$name(w $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for SafeFormatter<'_> {
    layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_active_characters_and_round_trips() {
        let text = "a\u{1b}[31m b\u{9b}2J c\u{202e}d\u{7f} “quoted” é";
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&mut out, &vec![text], pretty).unwrap();
            let s = String::from_utf8(out).unwrap();
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s}");
            assert!(s.contains("\\u009b") && s.contains("\\u202e") && s.contains("\\u007f"));
            assert!(s.contains("“quoted” é"));
            let back: Vec<String> = serde_json::from_str(&s).unwrap();
            assert_eq!(back, [text]);
        }
        let mut pretty = Vec::new();
        write_json(&mut pretty, &serde_json::json!({"a": [1]}), true).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            "{\n  \"a\": [\n    1\n  ]\n}"
        );
    }
}
