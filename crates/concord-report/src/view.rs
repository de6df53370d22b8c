//! What several renderers read off a report the same way: where a claim
//! is, which outlet wrote it, its sentence, the two sides of a `"x" vs
//! "y"` detail, and the corroboration matrix of a story. Keeping these in
//! one place keeps the formats in agreement.

use concord_core::{Article, Claim, Finding, FindingKind, Report, Story};
use std::collections::BTreeMap;

/// `path:line:col` of a claim, unsanitised.
pub fn location(report: &Report, c: &Claim) -> String {
    format!("{}:{}:{}", path_of(report, c), c.line, c.column)
}

/// The path of the article a claim belongs to.
pub fn path_of<'r>(report: &'r Report, c: &Claim) -> &'r str {
    report.article(&c.article).map_or("?", |a| a.path.as_str())
}

/// How an article is named to an editor ([`Article::outlet_name`], the
/// name the findings' messages use too).
pub fn outlet(a: &Article) -> String {
    a.outlet_name()
}

/// The whole sentence a claim belongs to, or the claim's text when the
/// article text is not at hand.
pub fn sentence<'r>(report: &'r Report, c: &'r Claim) -> &'r str {
    report
        .article_position(&c.article)
        .and_then(|k| report.texts.get(k))
        .and_then(|t| t.get(c.sentence_start..c.sentence_end))
        .unwrap_or(&c.text)
}

/// Cuts `s` to `max_chars` characters, marking the cut with `…`.
pub fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

/// Collapses runs of whitespace (line breaks included) to one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `"a" vs "b"` → [a, b].
pub fn split_vs(detail: &str) -> Vec<String> {
    match detail.split_once(" vs ") {
        Some((a, b)) => vec![
            a.trim_matches('"').to_string(),
            b.trim_matches('"').to_string(),
        ],
        None => Vec::new(),
    }
}

/// The claims of a finding that exist in the report.
pub fn claims_of<'r>(report: &'r Report, f: &Finding) -> Vec<&'r Claim> {
    f.claims.iter().filter_map(|id| report.claim(id)).collect()
}

/// One line of the summary, shared by the text and Markdown reports:
/// `5 articles, 1 story, 127 claims, 14 shared facts: 0 contradictions, ...`.
pub fn summary(report: &Report) -> String {
    let count = |k: FindingKind| report.findings.iter().filter(|f| f.kind == k).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let problems = |n: usize, one: &str, many: &str| {
        if n == 0 {
            String::new()
        } else {
            format!("; {}", plural(n, one, many))
        }
    };
    format!(
        "{}, {}, {}, {}: {}, {}, {}, {}{}{}",
        plural(report.articles.len(), "article", "articles"),
        plural(report.stories.len(), "story", "stories"),
        plural(report.claims.len(), "claim", "claims"),
        plural(report.facts.len(), "shared fact", "shared facts"),
        plural(
            count(FindingKind::Contradiction),
            "contradiction",
            "contradictions"
        ),
        plural(count(FindingKind::Tension), "tension", "tensions"),
        plural(
            count(FindingKind::UnsupportedDetail),
            "unsupported detail",
            "unsupported details"
        ),
        plural(
            count(FindingKind::SingleSource),
            "single-source claim",
            "single-source claims"
        ),
        // Input errors and warnings are mentioned only when there are some.
        problems(report.errors.len(), "input error", "input errors"),
        problems(report.warnings.len(), "warning", "warnings"),
    )
}

/// What one outlet's article says about one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    /// The article does not state the fact.
    Empty,
    /// It states the fact as the others do.
    Agrees,
    /// It states the fact with a detail no other outlet gives.
    AddsDetail,
    /// Its claim contradicts another outlet's claim of the fact.
    Contradicts,
}

impl Cell {
    pub fn as_str(self) -> &'static str {
        match self {
            Cell::Empty => "",
            Cell::Agrees => "agrees",
            Cell::AddsDetail => "adds a detail",
            Cell::Contradicts => "contradicts",
        }
    }
}

/// One row of a corroboration matrix: a fact (or a contradiction between
/// claims that form no fact of their own), and per article of the story
/// the cell and the claim that fills it.
#[derive(Debug, Clone)]
pub struct Row<'r> {
    /// `f3`, or the rule id for a contradiction outside any fact.
    pub label: String,
    /// The first claim, to say what the row is about.
    pub about: &'r Claim,
    pub cells: Vec<(Cell, Option<&'r Claim>)>,
}

/// The corroboration matrix of a story: rows are facts, columns the
/// story's articles, in article order.
#[derive(Debug, Clone)]
pub struct Matrix<'r> {
    pub articles: Vec<&'r Article>,
    pub rows: Vec<Row<'r>>,
}

/// A story's title: the first title among its articles, or "" when none
/// has one.
pub fn story_title(report: &Report, story: &Story) -> String {
    story
        .articles
        .iter()
        .filter_map(|id| report.article(id))
        .find_map(|a| a.title.clone())
        .unwrap_or_default()
}

/// Builds the matrix of `story`.
pub fn matrix<'r>(report: &'r Report, story: &'r Story) -> Matrix<'r> {
    let articles: Vec<&Article> = story
        .articles
        .iter()
        .filter_map(|id| report.article(id))
        .collect();
    let column: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(k, a)| (a.id.as_str(), k))
        .collect();
    let contradicted: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Contradiction && f.claims.len() >= 2)
        .map(|f| (f.claims[0].as_str(), f.claims[1].as_str()))
        .collect();
    let mut rows = Vec::new();
    let mut covered = Vec::new();
    for fact in &report.facts {
        if !fact
            .articles
            .iter()
            .all(|a| column.contains_key(a.as_str()))
        {
            continue;
        }
        let Some(about) = fact.claims.first().and_then(|id| report.claim(id)) else {
            continue;
        };
        let mut cells = vec![(Cell::Empty, None); articles.len()];
        for id in &fact.claims {
            let Some(c) = report.claim(id) else { continue };
            let Some(&k) = column.get(c.article.as_str()) else {
                continue;
            };
            let adds = report.findings.iter().any(|f| {
                f.kind == FindingKind::UnsupportedDetail
                    && f.fact.as_deref() == Some(fact.id.as_str())
                    && f.claims.first() == Some(id)
            });
            let contradicts = contradicted.iter().any(|&(x, y)| {
                (x == id && fact.claims.iter().any(|o| o == y))
                    || (y == id && fact.claims.iter().any(|o| o == x))
            });
            let cell = if contradicts {
                Cell::Contradicts
            } else if adds {
                Cell::AddsDetail
            } else {
                Cell::Agrees
            };
            cells[k] = (cell, Some(c));
        }
        for &(x, y) in &contradicted {
            if fact.claims.iter().any(|c| c == x) && fact.claims.iter().any(|c| c == y) {
                covered.push((x, y));
            }
        }
        rows.push(Row {
            label: fact.id.clone(),
            about,
            cells,
        });
    }
    // A contradiction between claims that are not one fact still belongs
    // in the matrix: it is what an editor most needs to see.
    for f in report.findings.iter().filter(|f| {
        f.kind == FindingKind::Contradiction
            && f.claims.len() >= 2
            && !covered.contains(&(f.claims[0].as_str(), f.claims[1].as_str()))
    }) {
        let claims = claims_of(report, f);
        if claims.is_empty()
            || !claims
                .iter()
                .all(|c| column.contains_key(c.article.as_str()))
        {
            continue;
        }
        let mut cells = vec![(Cell::Empty, None); articles.len()];
        for c in &claims {
            cells[column[c.article.as_str()]] = (Cell::Contradicts, Some(*c));
        }
        rows.push(Row {
            label: f.rule.clone(),
            about: claims[0],
            cells,
        });
    }
    Matrix { articles, rows }
}

/// The rows of the fact table worth reading: each slot of a fact that two
/// or more outlets give a value in, of the facts of `story` (all facts
/// with `None`), in fact then slot order.
pub fn fact_rows<'r>(
    report: &'r Report,
    story: Option<&Story>,
) -> Vec<(&'r concord_core::Fact, &'r concord_core::FactSlot)> {
    report
        .facts
        .iter()
        .filter(|f| story.is_none_or(|s| f.articles.iter().all(|a| s.articles.contains(a))))
        .flat_map(|f| f.slots.iter().map(move |s| (f, s)))
        .filter(|(_, s)| s.values.iter().map(|v| v.articles.len()).sum::<usize>() >= 2)
        .collect()
}

/// `agreed`, `disputed` (values conflict, one has a majority) or `split`.
pub fn slot_status(slot: &concord_core::FactSlot) -> &'static str {
    if slot.agreed {
        "agreed"
    } else if slot.majority.is_some() {
        "disputed"
    } else {
        "split"
    }
}

/// What a fact-table row is about: `count (home)`, or the kind alone.
pub fn slot_label(slot: &concord_core::FactSlot) -> String {
    match &slot.role {
        Some(role) => format!("{} ({role})", slot.kind.as_str()),
        None => slot.kind.as_str().to_string(),
    }
}

/// How the outlet `article` writes the value `reading` of a fact's slot:
/// the text of the matching slot of its claim in the reading.
pub fn slot_text_of<'r>(
    report: &'r Report,
    reading: &'r concord_core::SlotReading,
    article: &str,
    slot: &concord_core::FactSlot,
) -> Option<&'r str> {
    reading
        .claims
        .iter()
        .filter_map(|id| report.claim(id))
        .find(|c| c.article == article)?
        .slots
        .iter()
        .find(|s| s.kind == slot.kind && s.role == slot.role)
        .map(|s| s.text.as_str())
}

/// The side of a `"x" vs "y"` detail that the `k`-th claim of a finding
/// holds in its `text`: side `k` when the text has it, else the first side
/// it has (a dispute of several outlets has more claims than sides).
pub fn side_in<'s>(sides: &'s [String], k: usize, text: &str) -> Option<&'s str> {
    sides
        .get(k)
        .filter(|s| text.contains(s.as_str()))
        .or_else(|| sides.iter().find(|s| text.contains(s.as_str())))
        .map(String::as_str)
}

/// How many single-source claims a summary shows per outlet.
pub const SINGLE_SOURCE_SHOWN: usize = 3;

/// The single-source findings a report shows, by index, under `mode`; and
/// per outlet (article id, in article order) how many it has. In summary,
/// an outlet's most important ones: claims that carry values and names
/// first (more of them first), then by position.
pub fn single_source_shown(
    report: &Report,
    mode: crate::SingleSource,
) -> (std::collections::BTreeSet<usize>, Vec<(String, usize)>) {
    let mut per_article: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (k, f) in report.findings.iter().enumerate() {
        if f.kind != FindingKind::SingleSource {
            continue;
        }
        let Some(c) = f.claims.first().and_then(|id| report.claim(id)) else {
            continue;
        };
        let order = report.article_position(&c.article).unwrap_or(usize::MAX);
        per_article
            .entry((order, c.article.clone()))
            .or_default()
            .push(k);
    }
    let weight = |k: usize| {
        report.findings[k]
            .claims
            .first()
            .and_then(|id| report.claim(id))
            .map_or(0, |c| c.slots.len() + c.entities.len())
    };
    let mut shown = std::collections::BTreeSet::new();
    let mut counts = Vec::new();
    for ((_, article), mut ks) in per_article {
        counts.push((article, ks.len()));
        match mode {
            crate::SingleSource::Full => shown.extend(ks),
            crate::SingleSource::Hide => {}
            crate::SingleSource::Summary => {
                ks.sort_by_key(|&k| (std::cmp::Reverse(weight(k)), k));
                shown.extend(ks.into_iter().take(SINGLE_SOURCE_SHOWN));
            }
        }
    }
    (shown, counts)
}

/// The indices of the `max` most important findings (all with `None`), in
/// report order. Importance: hard before soft (severity, then kind:
/// contradictions, tensions, unsupported details, single-source claims),
/// then findings that involve more outlets, then a dispute with a
/// majority before a split one, then report order (the position of the
/// first claim). Formats
/// with a limit on results (SARIF, annotations) keep these.
pub fn most_important(report: &Report, max: Option<usize>) -> Vec<usize> {
    let n = report.findings.len();
    let Some(max) = max.filter(|&m| m < n) else {
        return (0..n).collect();
    };
    let mut order = ranking(report);
    order.truncate(max);
    order.sort_unstable();
    order
}

/// Every finding's index, most important first (see [`most_important`]).
pub fn ranking(report: &Report) -> Vec<usize> {
    let outlets = |f: &Finding| {
        let mut articles: Vec<&str> = f
            .claims
            .iter()
            .filter_map(|id| report.claim(id))
            .map(|c| c.article.as_str())
            .collect();
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    };
    let kind_rank = |k: FindingKind| FindingKind::ALL.iter().position(|x| *x == k);
    // A dispute where one outlet stands against a majority before a
    // split one: the odd one out is the likelier error.
    let split = |f: &Finding| f.dispute.as_ref().is_some_and(|d| d.majority.is_none());
    let mut order: Vec<usize> = (0..report.findings.len()).collect();
    // Cached: the outlet count looks claims up, once per finding.
    order.sort_by_cached_key(|&k| {
        let f = &report.findings[k];
        (
            std::cmp::Reverse(f.severity),
            kind_rank(f.kind),
            std::cmp::Reverse(outlets(f)),
            split(f),
            k,
        )
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_both_sides_of_a_detail() {
        assert_eq!(split_vs("\"2025\" vs \"2026\""), ["2025", "2026"]);
        assert!(split_vs("2025").is_empty());
    }

    #[test]
    fn shortens_on_characters() {
        assert_eq!(shorten("ééé", 2), "éé…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
