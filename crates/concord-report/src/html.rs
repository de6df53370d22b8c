//! One self-contained HTML page for editors: no network, no external
//! asset (styles and script are inline, and a Content-Security-Policy
//! forbids loading anything else).
//!
//! - the findings, each with links that jump to its sentences; clicking a
//!   finding scrolls every outlet column to its sentence;
//! - filters by finding kind and by outlet;
//! - a story index; per story the fact table first (facts × outlets, each
//!   cell the outlet's value), the corroboration matrix, a side-by-side
//!   pair of outlets, and the outlets side by side, each claim highlighted
//!   and coloured by its fact.
//!
//! Every piece of article text (and every path, title and outlet name) is
//! HTML-escaped: an article containing `<script>` shows it as text. The
//! page's own script carries a nonce that the policy requires, so even
//! markup that slipped through could not run.

use crate::view::{self, Cell, claims_of, one_line, shorten};
use crate::{Render, sanitize};
use concord_core::{Claim, Finding, FindingKind, Report, StableHash, Story};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

/// HTML output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

const KINDS: [(FindingKind, &str); 4] = [
    (FindingKind::Contradiction, "contradictions"),
    (FindingKind::Tension, "tensions"),
    (FindingKind::UnsupportedDetail, "unsupported details"),
    (FindingKind::SingleSource, "single-source claims"),
];

impl Render for Html {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(page(report).as_bytes())
    }
}

fn page(report: &Report) -> String {
    let nonce = nonce(report);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>concord report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(
        h,
        "<header class=\"top\"><h1>concord report</h1><p class=\"summary\">{}</p></header>",
        esc(&view::summary(report))
    );
    if !report.errors.is_empty() {
        h.push_str("<section class=\"errors\"><h2>Inputs that could not be read</h2><ul>\n");
        for e in &report.errors {
            let _ = writeln!(h, "<li>{}</li>", esc(&e.to_string()));
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str("<div class=\"layout\">\n");
    findings_panel(report, &mut h);
    h.push_str("<main id=\"stories\">\n");
    story_index(report, &mut h);
    let fact_of = fact_of(report);
    for story in &report.stories {
        story_section(report, story, &fact_of, &mut h);
    }
    h.push_str("</main>\n</div>\n");
    let _ = write!(
        h,
        "<script nonce=\"{nonce}\">\n{SCRIPT}</script>\n</body>\n</html>\n"
    );
    h
}

/// A nonce for the page's own script. It only has to be unknown to the
/// authors of the articles when they wrote them; a hash of the report's
/// content keeps the page byte-identical across runs.
fn nonce(report: &Report) -> String {
    let mut hash = StableHash::new();
    hash.field("concord-html");
    for t in &report.texts {
        hash.field(t);
    }
    for f in &report.findings {
        hash.field(&f.message);
    }
    hash.hex()
}

fn fact_of(report: &Report) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for (k, f) in report.facts.iter().enumerate() {
        for c in &f.claims {
            m.insert(c.as_str(), k);
        }
    }
    m
}

/// A hue per fact, spread by the golden angle.
fn hue(fact: usize) -> u32 {
    ((fact as f64 * 137.507_764) % 360.0) as u32
}

fn findings_panel(report: &Report, h: &mut String) {
    h.push_str("<aside id=\"findings\">\n<h2>Findings</h2>\n<form class=\"filters\">\n");
    h.push_str("<fieldset><legend>Kind</legend>\n");
    for (kind, label) in KINDS {
        let n = report.findings.iter().filter(|f| f.kind == kind).count();
        // Single-source claims are many and rarely news: hidden at first.
        let checked = if kind == FindingKind::SingleSource {
            ""
        } else {
            " checked"
        };
        let _ = writeln!(
            h,
            "<label><input type=\"checkbox\" class=\"kind-filter\" value=\"{}\"{checked}> {label} ({n})</label>",
            kind.as_str()
        );
    }
    h.push_str("</fieldset>\n<fieldset><legend>Outlet</legend>\n<select id=\"outlet-filter\">\n<option value=\"\">all outlets</option>\n");
    for a in &report.articles {
        let _ = writeln!(
            h,
            "<option value=\"{}\">{} ({})</option>",
            esc(&a.id),
            esc(&view::outlet(a)),
            esc(&a.id)
        );
    }
    h.push_str("</select>\n</fieldset>\n</form>\n");
    let _ = writeln!(
        h,
        "<p class=\"shown\"><span id=\"shown-count\">{}</span> shown</p>\n<ol class=\"findings\">",
        report.findings.len()
    );
    // Most important first.
    for (n, k) in view::ranking(report).into_iter().enumerate() {
        let f = &report.findings[k];
        finding_item(report, n + 1, f, h);
    }
    h.push_str("</ol>\n</aside>\n");
}

fn finding_item(report: &Report, n: usize, f: &Finding, h: &mut String) {
    let claims = claims_of(report, f);
    let mut articles: Vec<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    articles.dedup();
    let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let _ = writeln!(
        h,
        "<li class=\"finding sev-{sev}\" id=\"finding-{n}\" data-kind=\"{kind}\" data-articles=\"{arts}\" data-claims=\"{ids}\" tabindex=\"0\">\n\
         <div class=\"head\"><span class=\"sev\">{sev}</span> <code>{rule}</code> {msg}</div>",
        sev = f.severity.as_str(),
        kind = f.kind.as_str(),
        arts = esc(&articles.join(" ")),
        ids = esc(&ids.join(" ")),
        rule = esc(&f.rule),
        msg = esc(&f.message),
    );
    h.push_str("<ul class=\"sides\">\n");
    for c in &claims {
        let outlet = report
            .article(&c.article)
            .map(view::outlet)
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<li><a href=\"#claim-{id}\" data-claim=\"{id}\" title=\"{loc}\">{outlet}, line {line}</a> <span class=\"quote\">{text}</span></li>",
            id = esc(&c.id),
            outlet = esc(&outlet),
            loc = esc(&view::location(report, c)),
            line = c.line,
            text = esc(&shorten(&one_line(view::sentence(report, c)), 220)),
        );
    }
    h.push_str("</ul>\n</li>\n");
}

/// With more than one story, a list of them (title, outlets, disputes)
/// that jumps to each: a 12-story page is long.
fn story_index(report: &Report, h: &mut String) {
    if report.stories.len() < 2 {
        return;
    }
    h.push_str("<nav class=\"story-index\" id=\"story-index\"><h2>Stories</h2><ol>\n");
    for story in &report.stories {
        let title = view::story_title(report, story);
        let disputes = report
            .findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::Contradiction | FindingKind::Tension))
            .filter(|f| {
                f.claims
                    .first()
                    .and_then(|id| report.claim(id))
                    .is_some_and(|c| story.articles.contains(&c.article))
            })
            .count();
        let _ = writeln!(
            h,
            "<li><a href=\"#story-{id}\">Story {id}{title}</a> <span class=\"meta\">{n} outlets, {disputes} disputed</span></li>",
            id = esc(&story.id),
            title = if title.is_empty() {
                String::new()
            } else {
                format!(": {}", esc(&title))
            },
            n = story.articles.len(),
        );
    }
    h.push_str("</ol></nav>\n");
}

/// The story's fact table: facts × outlets, each cell the value the outlet
/// gives, disputed rows marked and the majority in bold.
fn fact_table(report: &Report, story: &Story, articles: &[&concord_core::Article], h: &mut String) {
    let rows = view::fact_rows(report, Some(story));
    if rows.is_empty() {
        return;
    }
    h.push_str("<details class=\"fact-table\" open><summary>Fact table</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>fact</th><th>value</th>");
    for a in articles {
        let _ = write!(
            h,
            "<th data-article=\"{}\">{}</th>",
            esc(&a.id),
            esc(&view::outlet(a))
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (fact, slot) in rows {
        let status = view::slot_status(slot);
        let what = view::slot_label(slot);
        let _ = write!(
            h,
            "<tr class=\"{status}\"><th>{}</th><td>{} <span class=\"status\">{status}</span></td>",
            esc(&fact.id),
            esc(&what)
        );
        for a in articles {
            match slot.values.iter().find(|v| v.articles.contains(&a.id)) {
                None => h.push_str("<td></td>"),
                Some(v) => {
                    let text = view::slot_text_of(report, v, &a.id, slot).unwrap_or(&v.text);
                    let majority =
                        !slot.agreed && slot.majority.as_deref() == Some(v.value.as_str());
                    let claim = v
                        .claims
                        .iter()
                        .filter_map(|id| report.claim(id))
                        .find(|c| c.article == a.id)
                        .map_or("", |c| c.id.as_str());
                    let _ = write!(
                        h,
                        "<td class=\"{}\"><a href=\"#claim-{claim}\" data-claim=\"{claim}\">{}</a></td>",
                        if majority { "majority" } else { "" },
                        esc(&shorten(&one_line(text), 40)),
                        claim = esc(claim),
                    );
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n</details>\n");
}

/// Two outlets side by side: every other column hidden until reset.
fn compare_picker(articles: &[&concord_core::Article], h: &mut String) {
    if articles.len() < 3 {
        return;
    }
    h.push_str("<form class=\"compare\">Read side by side: ");
    for which in ["a", "b"] {
        let _ = write!(
            h,
            "<select class=\"compare-{which}\"><option value=\"\">every outlet</option>"
        );
        for a in articles {
            let _ = write!(
                h,
                "<option value=\"{}\">{}</option>",
                esc(&a.id),
                esc(&view::outlet(a))
            );
        }
        h.push_str("</select> ");
    }
    h.push_str("</form>\n");
}

fn story_section(report: &Report, story: &Story, fact_of: &BTreeMap<&str, usize>, h: &mut String) {
    let m = view::matrix(report, story);
    let title = view::story_title(report, story);
    let _ = writeln!(
        h,
        "<section class=\"story\" id=\"story-{}\">\n<h2>Story {}{}</h2>",
        esc(&story.id),
        esc(&story.id),
        if title.is_empty() {
            String::new()
        } else {
            format!(": {}", esc(&title))
        }
    );
    // The fact table leads: what each outlet says, value by value; the
    // corroboration matrix and the texts follow.
    fact_table(report, story, &m.articles, h);
    if !m.rows.is_empty() {
        h.push_str("<details class=\"matrix\" open><summary>Corroboration matrix</summary>\n<table>\n<thead><tr><th>fact</th>");
        for a in &m.articles {
            let _ = write!(
                h,
                "<th data-article=\"{}\">{}</th>",
                esc(&a.id),
                esc(&view::outlet(a))
            );
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &m.rows {
            let swatch = fact_of
                .get(row.about.id.as_str())
                .map(|&k| format!(" style=\"--h:{}\"", hue(k)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<tr><th><span class=\"swatch\"{swatch}></span>{} {}</th>",
                esc(&row.label),
                esc(&shorten(&one_line(&row.about.text), 90))
            );
            for (cell, claim) in &row.cells {
                match (cell, claim) {
                    (Cell::Empty, _) | (_, None) => h.push_str("<td></td>"),
                    (cell, Some(c)) => {
                        let _ = write!(
                            h,
                            "<td class=\"cell-{}\"><a href=\"#claim-{}\" data-claim=\"{}\">{}</a></td>",
                            cell.as_str().replace(' ', "-"),
                            esc(&c.id),
                            esc(&c.id),
                            cell.as_str()
                        );
                    }
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n</details>\n");
    }
    compare_picker(&m.articles, h);
    h.push_str("<div class=\"outlets\">\n");
    for a in &m.articles {
        let text = report
            .article_position(&a.id)
            .and_then(|k| report.texts.get(k))
            .map_or("", String::as_str);
        let claims: Vec<&Claim> = report.claims.iter().filter(|c| c.article == a.id).collect();
        let _ = writeln!(
            h,
            "<article class=\"outlet\" data-article=\"{id}\" id=\"article-{id}\">\n<header><h3>{outlet}</h3><p class=\"path\">{path}</p>{title}</header>",
            id = esc(&a.id),
            outlet = esc(&view::outlet(a)),
            path = esc(&a.path),
            title = a
                .title
                .as_ref()
                .map(|t| format!("<p class=\"title\">{}</p>", esc(t)))
                .unwrap_or_default(),
        );
        h.push_str("<div class=\"text\">");
        highlighted(text, &claims, report, fact_of, h);
        h.push_str("</div>\n</article>\n");
    }
    h.push_str("</div>\n</section>\n");
}

/// The article text with each claim wrapped in a `<mark>` coloured by its
/// fact.
fn highlighted(
    text: &str,
    claims: &[&Claim],
    report: &Report,
    fact_of: &BTreeMap<&str, usize>,
    h: &mut String,
) {
    // Front matter is metadata (the header shows title and outlet), not
    // article text: the text is shown from the line of its first claim.
    let mut at = 0;
    let head = text.trim_start_matches('\u{feff}');
    if (head.starts_with("---\n")
        || head.starts_with("+++\n")
        || head.starts_with("---\r\n")
        || head.starts_with("+++\r\n"))
        && let Some(first) = claims.first()
        && let Some(before) = text.get(..first.sentence_start.min(first.start))
    {
        at = before.rfind('\n').map_or(0, |i| i + 1);
    }
    for c in claims {
        // Spans come from the text itself; skip any that would overlap or
        // fall outside it rather than emit broken markup.
        if c.start < at || c.end > text.len() || c.end < c.start {
            continue;
        }
        let (Some(before), Some(inner)) = (text.get(at..c.start), text.get(c.start..c.end)) else {
            continue;
        };
        h.push_str(&esc(before));
        let flagged = report.findings.iter().any(|f| {
            matches!(f.kind, FindingKind::Contradiction | FindingKind::Tension)
                && f.claims.iter().any(|x| x == &c.id)
        });
        let (class, style, fact) = match fact_of.get(c.id.as_str()) {
            Some(&k) => (
                "claim",
                format!(" style=\"--h:{}\"", hue(k)),
                report.facts[k].id.as_str(),
            ),
            None => ("claim solo", String::new(), ""),
        };
        let _ = write!(
            h,
            "<mark class=\"{class}{flag}\" id=\"claim-{id}\" data-fact=\"{fact}\" title=\"{id}{sep}{fact}\"{style}>{inner}</mark>",
            flag = if flagged { " flagged" } else { "" },
            id = esc(&c.id),
            sep = if fact.is_empty() { "" } else { " · " },
            inner = esc(inner),
        );
        at = c.end;
    }
    h.push_str(&esc(text.get(at..).unwrap_or("")));
}

/// Escapes text for HTML element content and double- or single-quoted
/// attributes; control characters are shown as escapes.
pub fn esc(s: &str) -> String {
    let s = sanitize_keeping_layout(s);
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Line breaks are layout in an article; every other control character,
/// and every bidirectional control, is shown as an escape.
fn sanitize_keeping_layout(s: &str) -> String {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || crate::is_bidi_control(c))
    {
        return s.to_string();
    }
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, report};

    #[test]
    fn article_markup_is_escaped() {
        let page = render(&Html, &report());
        assert!(
            !page.contains("<script>alert"),
            "article script must be text"
        );
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(page.contains("The Daily &lt;b&gt;Bugle&lt;/b&gt;"));
        // The only scripts are the page's own, with the nonce.
        assert_eq!(page.matches("<script").count(), 1);
        assert!(page.contains("<script nonce=\""));
    }

    #[test]
    fn claims_are_marked_and_coloured_by_fact() {
        let page = render(&Html, &report());
        assert!(page.contains(
            "<mark class=\"claim flagged\" id=\"claim-a1.c1\" data-fact=\"f1\" title=\"a1.c1 · f1\" style=\"--h:0\">The summit opened on Thursday in Tokyo.</mark>"
        ), "{page}");
        assert!(page.contains("<mark class=\"claim solo\" id=\"claim-a2.c3\""));
        assert!(page.contains("<a href=\"#claim-a2.c1\" data-claim=\"a2.c1\">"));
    }

    #[test]
    fn has_no_external_reference() {
        let page = render(&Html, &report());
        for needle in ["http://", "https://", "src=", "<link"] {
            assert!(!page.contains(needle), "{needle}");
        }
    }

    #[test]
    fn bidi_controls_are_escaped_in_html() {
        // "hold 21 joint drills" must not render as "hold 12 ...".
        assert_eq!(
            esc("hold \u{202e}21\u{202c} joint \u{2066}drills\u{2069}"),
            "hold \\u{202e}21\\u{202c} joint \\u{2066}drills\\u{2069}"
        );
    }

    #[test]
    fn escapes_attributes_and_controls() {
        assert_eq!(
            esc("a\"b'<c>&\u{1b}\nd"),
            "a&quot;b&#39;&lt;c&gt;&amp;\\u{1b}\nd"
        );
    }
}
