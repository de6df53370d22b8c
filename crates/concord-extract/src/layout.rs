//! From raw article text to paragraphs and headings.
//!
//! Lines matching a boilerplate rule are dropped. Consecutive non-blank
//! lines form a block. A block written one paragraph per line (most lines
//! end a sentence, as in web copy) yields one paragraph per line, and short
//! lines without final punctuation are headings. A hard-wrapped block (wire
//! copy) is one paragraph whatever its line breaks. Headings are not claims;
//! the first one is the article's title when the front matter has none.
//!
//! Comment lines (`<!-- ... -->`) are blank, except that a
//! `<!-- concord-ignore: RULE -->` comment is recorded (see [`Ignore`]):
//! it silences findings of RULE on the sentence that follows it.

use concord_core::ignore_rules;
use concord_rules::{BoilerplateScope, RuleSet};

/// A span of the file, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What [`layout`] finds.
#[derive(Debug, Default)]
pub struct Layout {
    pub paragraphs: Vec<Span>,
    pub headings: Vec<Span>,
    /// Lines dropped as page furniture: (span, rule id).
    pub dropped: Vec<(Span, String)>,
    /// `concord-ignore` comments, in text order.
    pub ignores: Vec<Ignore>,
}

/// A `<!-- concord-ignore: RULE[, RULE...] -->` comment line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// Byte offset where the comment line ends: the sentence it silences
    /// is the first one starting at or after it.
    pub end: usize,
    /// The rule ids named; `all` or `*` names every rule.
    pub rules: Vec<String>,
}

struct Line {
    span: Span,
    kind: LineKind,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum LineKind {
    Blank,
    Text,
    MarkdownHeading,
}

/// Does this line end a sentence (or introduce a quotation)?
fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Splits `text[body_start..]` into paragraphs and headings.
pub fn layout(text: &str, body_start: usize, rules: &RuleSet) -> Layout {
    let mut out = Layout::default();
    let lines = classify_lines(text, body_start, rules, &mut out.dropped);
    for l in &lines {
        if l.kind == LineKind::Blank
            && let Some(rules) = ignore_rules(&text[l.span.start..l.span.end])
        {
            out.ignores.push(Ignore {
                end: l.span.end,
                rules,
            });
        }
    }
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == LineKind::Blank {
            i += 1;
            continue;
        }
        if lines[i].kind == LineKind::MarkdownHeading {
            out.headings.push(lines[i].span);
            i += 1;
            continue;
        }
        let begin = i;
        while i < lines.len() && lines[i].kind == LineKind::Text {
            i += 1;
        }
        block(
            text,
            &lines[begin..i],
            rules.thresholds.heading_max_words,
            &mut out,
        );
    }
    out
}

/// The layout of a sentence or headline: all of it is one paragraph.
pub fn fragment(text: &str) -> Layout {
    let trimmed = text.trim();
    let start = text.len() - text.trim_start().len();
    let mut out = Layout::default();
    if !trimmed.is_empty() {
        out.paragraphs.push(Span {
            start,
            end: start + trimmed.len(),
        });
    }
    out
}

fn classify_lines(
    text: &str,
    body_start: usize,
    rules: &RuleSet,
    dropped: &mut Vec<(Span, String)>,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = body_start;
    let body = &text[body_start..];
    for raw in body.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        // A lone '\r' also ends a line (old Mac files).
        let mut sub_start = start;
        for (k, piece) in raw.split_inclusive('\r').enumerate() {
            let piece_start = sub_start;
            sub_start += piece.len();
            // The "\n" of a "\r\n" pair is not a line of its own.
            if k > 0 && piece == "\n" {
                continue;
            }
            let content = piece.trim_end_matches(['\n', '\r']);
            let stripped =
                content.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            let trimmed = stripped.trim_end();
            let lead = content.len() - stripped.len();
            let mut span = Span {
                start: piece_start + lead,
                end: piece_start + lead + trimmed.len(),
            };
            // A dateline or an update stamp opening the line is furniture;
            // the rest of the line is text.
            let mut trimmed = trimmed;
            for rule in rules
                .boilerplate
                .iter()
                .filter(|b| b.scope == BoilerplateScope::Prefix)
            {
                if let Some(m) = rule.regex.find(trimmed)
                    && m.start() == 0
                    && m.end() < trimmed.len()
                {
                    let rest = trimmed[m.end()..].trim_start();
                    span.start = span.end - rest.len();
                    trimmed = rest;
                }
            }
            let line_rule = rules
                .boilerplate
                .iter()
                .find(|b| b.scope == BoilerplateScope::Line && b.regex.is_match(trimmed));
            let kind = if trimmed.is_empty() || is_markdown_comment(trimmed) {
                LineKind::Blank
            } else if let Some(rule) = line_rule {
                dropped.push((span, rule.id.clone()));
                LineKind::Blank
            } else if trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') {
                LineKind::MarkdownHeading
            } else {
                LineKind::Text
            };
            lines.push(Line { span, kind });
        }
    }
    lines
}

fn is_markdown_comment(s: &str) -> bool {
    s.starts_with("<!--") && s.ends_with("-->")
}

fn block(text: &str, lines: &[Line], heading_max_words: usize, out: &mut Layout) {
    let is_heading = |l: &Line| {
        let s = &text[l.span.start..l.span.end];
        !ends_sentence(s) && s.split_whitespace().count() <= heading_max_words
    };
    if lines.len() == 1 {
        if is_heading(&lines[0]) {
            out.headings.push(lines[0].span);
        } else {
            out.paragraphs.push(lines[0].span);
        }
        return;
    }
    let ended = lines
        .iter()
        .filter(|l| ends_sentence(&text[l.span.start..l.span.end]))
        .count();
    let one_per_line = ended * 5 >= lines.len() * 3;
    if one_per_line {
        for l in lines {
            if is_heading(l) {
                out.headings.push(l.span);
            } else {
                out.paragraphs.push(l.span);
            }
        }
    } else {
        out.paragraphs.push(Span {
            start: lines[0].span.start,
            end: lines[lines.len() - 1].span.end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<&str>, Vec<&str>, Vec<String>) {
        let rules = RuleSet::builtin();
        let l = layout(text, 0, &rules);
        let s = |v: &[Span]| v.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>();
        (
            s(&l.paragraphs),
            s(&l.headings),
            l.dropped.into_iter().map(|(_, id)| id).collect(),
        )
    }

    #[test]
    fn drops_page_furniture() {
        let (paras, heads, dropped) = run(
            "Skip to content\n\nUS and Japan Upgrade Alliance\n\nThe leaders met.\nAlso Read\nThey agreed.\n\nNo tags 0 Comments 0\n",
        );
        assert_eq!(paras, ["The leaders met.", "They agreed."]);
        assert_eq!(heads, ["US and Japan Upgrade Alliance"]);
        assert_eq!(
            dropped,
            ["skip-to-content", "related-links", "comment-counters"]
        );
    }

    #[test]
    fn joins_hard_wrapped_wire_copy() {
        let (paras, heads, _) = run(
            "SWEDEN ISSUES BOND\n\nKingdom of Sweden is issuing a 100 mln\nstg bond due April 15, Baring said as lead\nmanager.\nThe issue is payable on April 15.\nREUTER\n",
        );
        assert_eq!(heads, ["SWEDEN ISSUES BOND"]);
        assert_eq!(paras.len(), 1);
        assert!(paras[0].starts_with("Kingdom") && paras[0].ends_with("April 15."));
    }

    #[test]
    fn handles_crlf_and_lone_cr() {
        let (paras, heads, _) = run("Title here\r\n\r\nFirst sentence.\rSecond one.\r\n");
        assert_eq!(heads, ["Title here"]);
        assert_eq!(paras, ["First sentence.", "Second one."]);
    }

    #[test]
    fn records_concord_ignore_comments() {
        let text = "<!-- concord-ignore: contradiction-date, unsupported-detail -->\nBiden spoke.\n<!-- concord-ignore -->\n<!-- note -->\n<!--concord-ignore: all-->\n";
        let l = layout(text, 0, &RuleSet::builtin());
        assert_eq!(l.ignores.len(), 2);
        assert_eq!(
            l.ignores[0].rules,
            ["contradiction-date", "unsupported-detail"]
        );
        assert_eq!(&text[l.ignores[0].end..l.ignores[0].end + 1], "\n");
        assert_eq!(l.ignores[1].rules, ["all"]);
        assert_eq!(ignore_rules("<!-- concord-ignore: -->"), None);
    }

    #[test]
    fn markdown_headings_and_comments() {
        let (paras, heads, _) = run("# The summit\n\n<!-- note -->\nBiden spoke.\n");
        assert_eq!(heads, ["# The summit"]);
        assert_eq!(paras, ["Biden spoke."]);
    }
}
