//! Markdown for editors: per story, a corroboration matrix (rows: facts,
//! columns: outlets; a cell says `agrees`, `contradicts`, `adds a detail`
//! or is empty), the fact table (rows: the values of facts that two or
//! more outlets give, columns: outlets; each cell the outlet's value, the
//! majority in bold), then each finding with its sentences quoted and
//! where they are. Single-source claims come last, one line each.
//!
//! Article text is escaped so that it reads as text wherever the Markdown
//! is shown: HTML tags, table bars, emphasis and link brackets in an
//! article stay literal.

use crate::view::{self, Cell, claims_of, one_line, shorten, split_vs};
use crate::{Render, sanitize};
use concord_core::{Finding, FindingKind, Report};
use std::io;

/// Markdown output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Render for Markdown {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        writeln!(out, "# concord report\n")?;
        writeln!(out, "{}\n", escape(&view::summary(report)))?;
        if !report.errors.is_empty() {
            writeln!(out, "**Inputs that could not be read:**\n")?;
            for e in &report.errors {
                writeln!(out, "- {}", escape(&e.to_string()))?;
            }
            writeln!(out)?;
        }
        for story in &report.stories {
            story_section(report, story, out)?;
        }
        Ok(())
    }
}

fn story_section(
    report: &Report,
    story: &concord_core::Story,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let title = view::story_title(report, story);
    if title.is_empty() {
        writeln!(out, "## Story {}\n", story.id)?;
    } else {
        writeln!(out, "## Story {}: {}\n", story.id, escape(&title))?;
    }
    let m = view::matrix(report, story);
    for a in &m.articles {
        writeln!(
            out,
            "- **{}** ({}): {}",
            escape(&view::outlet(a)),
            a.id,
            escape(&a.path)
        )?;
    }
    writeln!(out)?;
    if m.rows.is_empty() {
        writeln!(out, "No fact is stated by more than one outlet.\n")?;
    } else {
        writeln!(out, "### Corroboration matrix\n")?;
        write!(out, "| fact |")?;
        for a in &m.articles {
            write!(out, " {} ({}) |", escape(&view::outlet(a)), a.id)?;
        }
        write!(out, "\n|---|")?;
        for _ in &m.articles {
            write!(out, "---|")?;
        }
        writeln!(out)?;
        for row in &m.rows {
            write!(
                out,
                "| **{}** {} |",
                escape(&row.label),
                escape(&shorten(&one_line(&row.about.text), 80))
            )?;
            for (cell, claim) in &row.cells {
                match (cell, claim) {
                    (Cell::Empty, _) | (_, None) => write!(out, " |")?,
                    (cell, Some(c)) => write!(out, " {} (line {}) |", cell.as_str(), c.line)?,
                }
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    fact_table(report, story, &m.articles, out)?;
    let in_story = |f: &&Finding| {
        f.claims
            .first()
            .and_then(|id| report.claim(id))
            .is_some_and(|c| story.articles.contains(&c.article))
    };
    // Most important first.
    let findings: Vec<&Finding> = view::ranking(report)
        .into_iter()
        .map(|k| &report.findings[k])
        .filter(in_story)
        .filter(|f| f.kind != FindingKind::SingleSource)
        .collect();
    if !findings.is_empty() {
        writeln!(out, "### Findings\n")?;
        for (k, f) in findings.iter().enumerate() {
            finding(report, k + 1, f, out)?;
        }
    }
    let single: Vec<&Finding> = report
        .findings
        .iter()
        .filter(in_story)
        .filter(|f| f.kind == FindingKind::SingleSource)
        .collect();
    if !single.is_empty() {
        writeln!(out, "### Single-source claims\n")?;
        for f in single {
            if let Some(c) = claims_of(report, f).first() {
                writeln!(
                    out,
                    "- {}: {}",
                    escape(&view::location(report, c)),
                    escape(&shorten(&one_line(&c.text), 160))
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn finding(report: &Report, n: usize, f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "#### {n}. {} `{}`: {}\n",
        f.severity.as_str(),
        f.rule,
        escape(&f.message)
    )?;
    let sides = split_vs(&f.detail);
    for (k, c) in claims_of(report, f).iter().enumerate() {
        let outlet = report
            .article(&c.article)
            .map(view::outlet)
            .unwrap_or_default();
        let label = match f.kind {
            FindingKind::UnsupportedDetail if k == 0 => "gives the detail",
            FindingKind::UnsupportedDetail => "reports it without",
            _ => "says",
        };
        let needle = match f.kind {
            FindingKind::UnsupportedDetail if k == 0 => Some(f.detail.as_str()),
            FindingKind::UnsupportedDetail => None,
            _ => view::side_in(&sides, k, view::sentence(report, c)),
        };
        writeln!(
            out,
            "**{}** {label} ({}):\n",
            escape(&outlet),
            escape(&view::location(report, c))
        )?;
        writeln!(
            out,
            "> {}\n",
            emphasise(&one_line(view::sentence(report, c)), needle)
        )?;
    }
    if let [a, b, ..] = f.claims.as_slice()
        && let Some(link) = report
            .links
            .iter()
            .find(|l| (&l.a == a && &l.b == b) || (&l.a == b && &l.b == a))
    {
        writeln!(
            out,
            "Evidence: {} (score {:.3})\n",
            escape(&link.reasons.join("; ")),
            link.score
        )?;
    }
    Ok(())
}

/// The sentence, escaped, with the first occurrence of `needle` in bold.
fn emphasise(sentence: &str, needle: Option<&str>) -> String {
    match needle
        .filter(|n| !n.is_empty())
        .and_then(|n| sentence.find(n).map(|at| (at, n.len())))
    {
        Some((at, len)) => format!(
            "{}**{}**{}",
            escape(&sentence[..at]),
            escape(&sentence[at..at + len]),
            escape(&sentence[at + len..])
        ),
        None => escape(sentence),
    }
}

/// Escapes text for Markdown: characters that would start markup are
/// backslash-escaped, `<`, `>` and `&` become entities (so no HTML tag
/// or entity in an article is ever interpreted), line breaks become
/// spaces (a table cell or a quote must stay one line), and control
/// characters are shown as escapes.
pub fn escape(s: &str) -> String {
    let s = sanitize(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The values of the story's facts that two or more outlets give, one row
/// per fact and slot: agreed, disputed (a majority in bold) or split.
fn fact_table(
    report: &Report,
    story: &concord_core::Story,
    articles: &[&concord_core::Article],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let rows = view::fact_rows(report, Some(story));
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "### Fact table
"
    )?;
    write!(out, "| fact | value | status |")?;
    for a in articles {
        write!(out, " {} ({}) |", escape(&view::outlet(a)), a.id)?;
    }
    write!(out, "\n|---|---|---|")?;
    for _ in articles {
        write!(out, "---|")?;
    }
    writeln!(out)?;
    for (fact, slot) in rows {
        let status = view::slot_status(slot);
        let what = view::slot_label(slot);
        write!(out, "| **{}** | {} | {status} |", fact.id, escape(&what))?;
        for a in articles {
            let given = slot.values.iter().find(|v| v.articles.contains(&a.id));
            match given {
                None => write!(out, " |")?,
                Some(v) => {
                    let text = view::slot_text_of(report, v, &a.id, slot).unwrap_or(&v.text);
                    let text = escape(&shorten(&one_line(text), 40));
                    if !slot.agreed && slot.majority.as_deref() == Some(v.value.as_str()) {
                        write!(out, " **{text}** |")?;
                    } else {
                        write!(out, " {text} |")?;
                    }
                }
            }
        }
        writeln!(out)?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, report};

    #[test]
    fn draws_a_matrix_row_per_fact_with_a_cell_per_outlet() {
        let md = render(&Markdown, &report());
        assert!(
            md.contains("| fact | The Daily &lt;b&gt;Bugle&lt;/b&gt; (a1) | two,b:c (a2) |"),
            "{md}"
        );
        let row = |label: &str| {
            md.lines()
                .find(|l| l.starts_with(&format!("| **{label}**")))
                .unwrap_or_else(|| panic!("no row {label} in {md}"))
                .to_string()
        };
        assert!(row("f1").ends_with("| contradicts (line 1) | contradicts (line 1) |"));
        assert!(row("f2").ends_with("| agrees (line 3) | adds a detail (line 3) |"));
        // The bar inside the article text does not open a new column.
        assert_eq!(row("f2").matches(" | ").count(), 2, "{}", row("f2"));
    }

    #[test]
    fn quotes_both_sentences_of_a_finding_and_where_they_are() {
        let md = render(&Markdown, &report());
        assert!(md.contains("#### 1. error `contradiction-date`"), "{md}");
        assert!(md.contains("> The summit opened on **Thursday** in Tokyo."));
        assert!(md.contains("> The summit opened on **Friday** in Tokyo."));
        assert!(md.contains("(news/one.md:1:1)"));
        assert!(md.contains("### Single-source claims\n\n- news/two,b:c.txt:5:1: A parade"));
    }

    #[test]
    fn article_markup_stays_text() {
        let md = render(&Markdown, &report());
        assert!(!md.contains("<script>"), "{md}");
        assert!(md.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
        assert_eq!(escape("a*b*_c_ [x](y)"), "a\\*b\\*\\_c\\_ \\[x\\](y)");
    }
}
