//! Report renderers: one type per output format behind [`Render`].
//!
//! - [`text::Text`]: reads like a compiler diagnostic (`path:line:col`, the
//!   finding, both sentences quoted, the evidence), coloured on request;
//! - [`concise::Concise`]: one line per finding, `path:line:col: rule: message`;
//! - [`json::Json`]: the report as documented in docs/json-schema.md;
//! - [`jsonl::JsonLines`]: one finding per line, each standing alone, for
//!   stream processors;
//! - [`md::Markdown`]: for editors, a corroboration matrix per story and
//!   each finding with its sentences quoted;
//! - [`html::Html`]: one self-contained page, the outlets side by side;
//! - [`sarif::Sarif`]: SARIF 2.1.0 for code-scanning services;
//! - [`github::Github`]: GitHub Actions workflow commands (annotations);
//! - [`graph::Dot`], [`graph::GraphJson`]: the claim graph.
//!
//! Renderers only write; they never decide what is a finding. What they
//! need beyond the report (rule descriptions, fingerprints) is passed in
//! as data by the caller.

pub mod concise;
pub mod github;
pub mod graph;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod md;
pub mod sarif;
pub mod text;
pub mod view;

#[cfg(test)]
mod testing;

use concord_core::Report;
use std::io;

/// An output format.
pub trait Render {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()>;
}

/// How a report shows single-source claims, which are most claims of a
/// real story (82% on a Multi-News sample): all of them, per outlet their
/// count and the three most important, or none (the summary line still
/// counts them; JSON always lists them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SingleSource {
    #[default]
    Full,
    Summary,
    Hide,
}

/// What a renderer may say about a rule: its id, its description and its
/// default severity, from the rule set's `[[detector]]` tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub description: String,
    pub severity: concord_core::Severity,
    /// A pair of sentences the rule flags (its first flagging example), for
    /// the rule's help text.
    pub example: Option<(String, String)>,
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
    (c.is_control() && c != '\t') || is_bidi_control(c)
}

/// The bidirectional embeddings, overrides and isolates (U+202A-E,
/// U+2066-9): they reorder the text around them when it is shown, so that
/// a quotation of "21" can read "12". Every renderer shows them as escapes.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_terminal_escapes() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{7}"), "a\\u{1b}[31mred\\u{7}");
        assert_eq!(sanitize("plain “quotes”"), "plain “quotes”");
        assert_eq!(sanitize("line\rover"), "line\\u{d}over");
        assert_eq!(
            sanitize("hold \u{202e}21\u{202c}"),
            "hold \\u{202e}21\\u{202c}"
        );
    }
}
