//! Findings from the claim graph.
//!
//! - `contradiction` (rule `contradiction-<type>`): a link whose relation is
//!   `contradicts`;
//! - `tension` (rule `tension-<type>`): a same-fact link with a soft
//!   detection (rounded figures, a bound against a value);
//! - `unsupported_detail` (rule `unsupported-detail`): a detail of one claim
//!   of a fact that no claim of the other articles in the fact gives;
//! - `single_source` (rule `single-source`): a claim in no fact and with
//!   no same-fact link to another article's claim.
//!
//! A detector disabled in the rules produces no findings. Findings are
//! sorted by kind, then by the position of their first claim.

use crate::ClaimGraph;
use concord_core::{
    Claim, ContradictionKind, Dispute, Fact, FactSlot, Finding, FindingKind, Relation, RuleId,
    SlotRef, claim_order,
};
use concord_match::{Comparison, Detail};
use concord_rules::{Detector, RuleSet};
use std::collections::{BTreeMap, BTreeSet};

/// The data findings are derived from: the graph and its fact groups, the
/// claims, and each article's outlet name for messages
/// ([`concord_core::outlet_names`]).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub graph: &'a ClaimGraph,
    pub groups: &'a [Vec<usize>],
    /// The facts of `groups`, in the same order, with their slot tables.
    pub facts: &'a [Fact],
    pub claims: &'a [Claim],
    pub outlets: &'a BTreeMap<String, String>,
}

/// Derives the findings of a run. `compare(i, j)` compares two claims that
/// the graph does not link directly (members of one fact joined through
/// others).
pub fn derive(
    sources: &Sources<'_>,
    rules: &RuleSet,
    lex: &concord_text::Lexicon,
    compare: &dyn Fn(usize, usize) -> Comparison,
) -> Vec<Finding> {
    let Sources {
        graph,
        groups,
        claims,
        outlets,
        ..
    } = *sources;
    let mut out = Vec::new();
    links(graph, claims, rules, &mut out);
    // Every detail key each article gives anywhere: a detail another
    // outlet of the fact mentions elsewhere in its article is not one it
    // reports the fact without.
    let mut article_keys: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for c in claims {
        article_keys
            .entry(c.article.as_str())
            .or_default()
            .extend(concord_match::relation::detail_keys(c, lex));
    }
    // What each claim's contradictions and tensions dispute: a value one
    // outlet gives and another gives differently is that finding's, never
    // also an unsupported detail ("Nature" against "Science").
    // Owned: `unsupported` adds to `out` while it reads this.
    let mut disputed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &out {
        for id in &f.claims {
            disputed
                .entry(id.clone())
                .or_default()
                .push(f.detail.clone());
        }
    }
    unsupported(sources, rules, &article_keys, &disputed, compare, &mut out);
    let mut out = reconcile(out, sources, rules);
    crate::referents::widen_age_disputes(&mut out, claims, lex);
    single_source(graph, groups, claims, rules, outlets, &mut out);
    out.sort_by(|x, y| {
        let key = |f: &Finding| {
            (
                f.kind,
                f.claims.first().map(|c| claim_order(c)),
                f.rule.clone(),
                f.detail.clone(),
            )
        };
        key(x).cmp(&key(y))
    });
    out
}

/// The enabled detector of a rule, if any: a disabled or undefined rule
/// produces no findings.
fn detector(
    rules: &RuleSet,
    finding: FindingKind,
    kind: Option<ContradictionKind>,
) -> Option<&Detector> {
    RuleId::new(finding, kind).and_then(|id| rules.detector(&id.to_string()))
}

fn links(graph: &ClaimGraph, claims: &[Claim], rules: &RuleSet, out: &mut Vec<Finding>) {
    for e in graph.graph.edge_indices() {
        let Some((x, y)) = graph.graph.edge_endpoints(e) else {
            continue;
        };
        let c = &graph.graph[e];
        let Some(d) = &c.contradiction else { continue };
        let (a, b) = (
            &claims[x.index().min(y.index())],
            &claims[x.index().max(y.index())],
        );
        let kind = if c.relation == Relation::Contradicts {
            FindingKind::Contradiction
        } else if d.soft && c.relation.is_same_fact() {
            FindingKind::Tension
        } else {
            continue;
        };
        let Some(rule) = detector(rules, kind, Some(d.kind)) else {
            continue;
        };
        out.push(Finding {
            kind,
            severity: rule.severity,
            rule: rule.id.clone(),
            claims: vec![a.id.clone(), b.id.clone()],
            detail: d.detail.clone(),
            message: rule.message.render(&[("detail", &d.detail)]),
            contradiction: Some(d.kind),
            article: None,
            without: Vec::new(),
            fact: None,
            dispute: None,
        });
    }
}

/// One finding per disputed slot of a fact, not one per pair of claims:
/// the contradictions (and, apart, the tensions) of one rule between
/// claims of one fact that fall in one row of its slot table become one
/// finding that carries the row's values and majority, with every claim
/// involved, the odd one out first, and a message that names the outlets
/// by value ("Metro Wire says "70 homes"; Daily Courier, Westfield Herald
/// and County Gazette say "22 homes""). Four outlets where one differs give
/// one finding, not three. A pair outside any fact, or whose values are
/// not in one row, stays as it is.
fn reconcile(findings: Vec<Finding>, sources: &Sources<'_>, rules: &RuleSet) -> Vec<Finding> {
    let claim_index: BTreeMap<&str, usize> = sources
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut fact_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (f, group) in sources.groups.iter().enumerate() {
        for &i in group {
            fact_of.insert(i, f);
        }
    }
    // The two claims of a pairwise finding and their fact, when both are
    // in one.
    let pair_in_fact = |f: &Finding| -> Option<(usize, usize, usize)> {
        let [a, b] = f.claims.as_slice() else {
            return None;
        };
        let (a, b) = (*claim_index.get(a.as_str())?, *claim_index.get(b.as_str())?);
        let fact = *fact_of.get(&a)?;
        (fact_of.get(&b) == Some(&fact)).then_some((a, b, fact))
    };
    // The fact and row a pairwise finding is about, if any.
    let row_of = |f: &Finding| -> Option<(usize, usize)> {
        if !matches!(f.kind, FindingKind::Contradiction | FindingKind::Tension) {
            return None;
        }
        // Only a disagreement about a value is about a row of the fact's
        // slot table: a name spelled two ways, a swapped entity or a denial
        // between claims that also give different figures is not that
        // figure's dispute.
        if !matches!(
            f.contradiction,
            Some(
                ContradictionKind::Number
                    | ContradictionKind::Date
                    | ContradictionKind::Time
                    | ContradictionKind::Age
            )
        ) {
            return None;
        }
        let (a, b, fact) = pair_in_fact(f)?;
        // The row must hold the values the pair disputes: a claim that
        // gives several values of one row ("two counts of assault ... five
        // counts of criminal mischief") is in the row by its first, which
        // may not be the disputed one. The detail names each claim's own
        // slot of the value, as that claim writes it (one value is
        // written "28" and "Twenty-eight-year-old").
        let disputed = |claim: &Claim, value: &str| {
            claim.slots.iter().any(|x| {
                crate::fact_table::value_of(x) == value
                    && f.detail.contains(&format!("\"{}\"", x.text))
            })
        };
        let row = sources.facts.get(fact)?.slots.iter().position(|s| {
            let holds = |claim: &Claim| {
                s.values
                    .iter()
                    .position(|v| v.claims.contains(&claim.id) && disputed(claim, &v.value))
            };
            matches!(
                (holds(&sources.claims[a]), holds(&sources.claims[b])),
                (Some(x), Some(y)) if x != y
            )
        })?;
        Some((fact, row))
    };
    // The fact and the two words a pairwise dispute over which name or
    // word is about, each with the claim that writes it.
    let words_of = |f: &Finding| -> Option<(usize, WordSides)> {
        if f.kind != FindingKind::Contradiction {
            return None;
        }
        let (a, b, fact) = pair_in_fact(f)?;
        let c = sources.graph.link(a, b)?;
        let [va, vb] = c.contradiction.as_ref()?.values.clone()?;
        if word_form(&va) == word_form(&vb) {
            return None;
        }
        // The comparison's first value is its first claim's.
        let (first, second) = if c.claims.0 == sources.claims[a].id {
            (a, b)
        } else {
            (b, a)
        };
        Some((fact, [(first, va), (second, vb)]))
    };
    let mut out = Vec::with_capacity(findings.len());
    let mut groups: BTreeMap<(usize, usize, FindingKind, String), Vec<Finding>> = BTreeMap::new();
    type WordKey = (usize, FindingKind, String, [String; 2]);
    let mut word_groups: BTreeMap<WordKey, Vec<(Finding, WordSides)>> = BTreeMap::new();
    for f in findings {
        if let Some((fact, row)) = row_of(&f) {
            groups
                .entry((fact, row, f.kind, f.rule.clone()))
                .or_default()
                .push(f);
        } else if let Some((fact, sides)) = words_of(&f) {
            let mut key = [word_form(&sides[0].1), word_form(&sides[1].1)];
            key.sort();
            word_groups
                .entry((fact, f.kind, f.rule.clone(), key))
                .or_default()
                .push((f, sides));
        } else {
            out.push(f);
        }
    }
    for ((fact, _, _, _), members) in word_groups {
        out.push(disputed_words(fact, members, sources, rules));
    }
    for ((fact, row, _, _), members) in groups {
        let fact = &sources.facts[fact];
        out.push(disputed(
            fact,
            &fact.slots[row],
            members,
            sources.outlets,
            rules,
        ));
    }
    out
}

/// The two claims of a pairwise dispute over which word or name, each with
/// its word as written.
type WordSides = [(usize, String); 2];

/// A word or name as a fact's claims are compared for it: lower case,
/// hyphens dropped ("south-west" is "southwest"), other marks a space.
fn word_form(s: &str) -> String {
    let spaced: String = s
        .chars()
        .filter(|&c| c != '-')
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does `text` write `word` (a [`word_form`]) as whole words?
fn writes(text: &str, word: &str) -> bool {
    format!(" {} ", word_form(text)).contains(&format!(" {word} "))
}

/// The one finding of the pairwise disputes `members` over which word or
/// name (an entity, an antonym) between claims of the fact at `fact`: the
/// claims on each side, with every other claim of the fact that writes one
/// of the two words and not the other on that side ("south-west" in a
/// third outlet's sentence of the fact), the odd one out first, and a
/// message that names the outlets by word.
fn disputed_words(
    fact: usize,
    members: Vec<(Finding, WordSides)>,
    sources: &Sources<'_>,
    rules: &RuleSet,
) -> Finding {
    let claims = sources.claims;
    let (first, first_sides) = &members[0];
    // Each side: its word as first written, its form, its claims.
    let mut sides: Vec<(String, String, BTreeSet<usize>)> = first_sides
        .iter()
        .map(|(_, v)| (v.clone(), word_form(v), BTreeSet::new()))
        .collect();
    for (_, pair) in &members {
        for (claim, value) in pair {
            let form = word_form(value);
            if let Some(side) = sides.iter_mut().find(|s| s.1 == form) {
                side.2.insert(*claim);
            }
        }
    }
    let articles_of = |set: &BTreeSet<usize>| -> BTreeSet<&str> {
        set.iter().map(|&i| claims[i].article.as_str()).collect()
    };
    let taken: BTreeSet<&str> = sides.iter().flat_map(|s| articles_of(&s.2)).collect();
    let mut mates: Vec<(usize, usize)> = Vec::new();
    for &i in &sources.groups[fact] {
        if taken.contains(claims[i].article.as_str()) {
            continue;
        }
        let written: Vec<usize> = (0..sides.len())
            .filter(|&k| writes(&claims[i].text, &sides[k].1))
            .collect();
        if let [k] = written.as_slice() {
            mates.push((*k, i));
        }
    }
    for (k, i) in mates {
        sides[k].2.insert(i);
    }
    // Fewest outlets first: the odd one out.
    sides.sort_by_key(|s| articles_of(&s.2).len());
    let ids: Vec<String> = sides
        .iter()
        .flat_map(|s| {
            let mut ids: Vec<&str> = s.2.iter().map(|&i| claims[i].id.as_str()).collect();
            ids.sort_by_key(|id| claim_order(id));
            ids.into_iter().map(String::from)
        })
        .collect();
    // What the pair's detail adds after the two words ("(the mother)").
    let pair = format!("\"{}\" vs \"{}\"", first_sides[0].1, first_sides[1].1);
    let suffix = first.detail.strip_prefix(&pair).unwrap_or("");
    let detail = format!("\"{}\" vs \"{}\"{suffix}", sides[0].0, sides[1].0);
    let says = sides
        .iter()
        .map(|s| {
            let mut articles: Vec<&str> = articles_of(&s.2).into_iter().collect();
            articles.sort_by_key(|a| claim_order(a));
            let names = listed(articles.iter().map(|a| outlet(sources.outlets, a)));
            let verb = if articles.len() == 1 { "says" } else { "say" };
            format!("{names} {verb} \"{}\"", s.0)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let message = rules.detector(&first.rule).map_or_else(
        || first.message.clone(),
        |d| d.message.render(&[("detail", &format!("{says}{suffix}"))]),
    );
    Finding {
        claims: ids,
        detail,
        message,
        fact: Some(sources.facts[fact].id.clone()),
        ..first.clone()
    }
}

/// The one finding of a disputed slot `row` of `fact`, from the pairwise
/// findings `members` about it.
fn disputed(
    fact: &Fact,
    row: &FactSlot,
    members: Vec<Finding>,
    outlets: &BTreeMap<String, String>,
    rules: &RuleSet,
) -> Finding {
    let involved: BTreeSet<&str> = members
        .iter()
        .flat_map(|f| f.claims.iter().map(String::as_str))
        .collect();
    // The values the findings involve, fewest outlets first; among equals
    // in the row's order.
    let mut values: Vec<concord_core::SlotReading> = row
        .values
        .iter()
        .filter(|v| v.claims.iter().any(|c| involved.contains(c.as_str())))
        .cloned()
        .collect();
    values.sort_by_key(|v| v.articles.len());
    let claims: Vec<String> = values.iter().flat_map(|v| v.claims.clone()).collect();
    let detail = values
        .iter()
        .map(|v| format!("\"{}\"", v.text))
        .collect::<Vec<_>>()
        .join(" vs ");
    let says = values
        .iter()
        .map(|v| {
            let names = listed(v.articles.iter().map(|a| outlet(outlets, a)));
            let verb = if v.articles.len() == 1 { "says" } else { "say" };
            format!("{names} {verb} \"{}\"", v.text)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let first = &members[0];
    let message = rules.detector(&first.rule).map_or_else(
        || first.message.clone(),
        |d| d.message.render(&[("detail", &says)]),
    );
    Finding {
        kind: first.kind,
        severity: first.severity,
        rule: first.rule.clone(),
        claims,
        detail,
        message,
        contradiction: first.contradiction,
        article: None,
        without: Vec::new(),
        fact: Some(fact.id.clone()),
        dispute: Some(Dispute {
            slot: SlotRef {
                kind: row.kind,
                role: row.role.clone(),
            },
            values,
            majority: row.majority.clone(),
        }),
    }
}

/// Does another outlet of `fact` give a conflicting value in the
/// slot-table row that the detail `d` of `claim` fills? Then the detail is
/// not one the others report the fact without: they give it differently
/// (a contradiction's business), and it is never an unsupported detail
/// ("9:30 p.m." against "10:30 p.m." is not two added "30"s). A value
/// that only adds to a compatible one ("April 11" beside "Thursday", with
/// no year to tell) still is.
fn given_otherwise(fact: &Fact, claim: &Claim, d: &Detail, by_id: &BTreeMap<&str, &Claim>) -> bool {
    let detail = d.text.to_lowercase();
    claim
        .slots
        .iter()
        .filter(|s| {
            let text = s.text.to_lowercase();
            !text.is_empty() && (detail.contains(&text) || text.contains(&detail))
        })
        .any(|s| {
            let value = crate::fact_table::value_of(s);
            fact.slots
                .iter()
                .filter(|row| row.kind == s.kind)
                .filter(|row| {
                    row.values
                        .iter()
                        .any(|v| v.value == value && v.claims.contains(&claim.id))
                })
                .flat_map(|row| &row.values)
                .filter(|v| v.value != value)
                .flat_map(|v| &v.claims)
                .filter_map(|id| by_id.get(id.as_str()))
                .filter(|other| other.article != claim.article)
                .flat_map(|other| &other.slots)
                .filter(|o| o.kind == s.kind)
                .any(|o| crate::fact_table::conflicts(s, o))
        })
}

/// The outlet name of an article id (the id itself when unnamed).
fn outlet<'a>(outlets: &'a BTreeMap<String, String>, article: &'a str) -> &'a str {
    outlets.get(article).map_or(article, String::as_str)
}

/// `A`, `A and B`, `A, B and C`.
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Details of claim `i` relative to claim `j`.
fn details_against(
    graph: &ClaimGraph,
    i: usize,
    j: usize,
    compare: &dyn Fn(usize, usize) -> Comparison,
) -> Vec<Detail> {
    let owned;
    let c = match graph.link(i, j) {
        Some(c) => c,
        None => {
            owned = compare(i.min(j), i.max(j));
            &owned
        }
    };
    if i < j {
        c.details_a.clone()
    } else {
        c.details_b.clone()
    }
}

#[allow(clippy::too_many_arguments)]
fn unsupported(
    sources: &Sources<'_>,
    rules: &RuleSet,
    article_keys: &BTreeMap<&str, BTreeSet<String>>,
    disputed: &BTreeMap<String, Vec<String>>,
    compare: &dyn Fn(usize, usize) -> Comparison,
    out: &mut Vec<Finding>,
) {
    let Sources {
        graph,
        groups,
        facts,
        claims,
        outlets,
    } = *sources;
    let Some(rule) = detector(rules, FindingKind::UnsupportedDetail, None) else {
        return;
    };
    let by_id: BTreeMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    for (group, fact) in groups.iter().zip(facts) {
        let fact_id = &fact.id;
        for &i in group {
            let others: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&j| claims[j].article != claims[i].article)
                .collect();
            if others.is_empty() {
                continue;
            }
            // A detail is unsupported when every other claim of the fact
            // lacks it.
            let mut count: BTreeMap<Detail, usize> = BTreeMap::new();
            for &j in &others {
                for d in details_against(graph, i, j, compare) {
                    *count.entry(d).or_default() += 1;
                }
            }
            let mut seen = Vec::new();
            for (d, n) in count {
                if n < others.len() || seen.contains(&d.key) {
                    continue;
                }
                let elsewhere = others.iter().any(|&j| {
                    article_keys
                        .get(claims[j].article.as_str())
                        .is_some_and(|k| k.contains(&d.key))
                });
                let quoted = format!("\"{}\"", d.text);
                let in_dispute = disputed
                    .get(&claims[i].id)
                    .is_some_and(|ds| ds.iter().any(|x| x.contains(&quoted)));
                if elsewhere || in_dispute || given_otherwise(fact, &claims[i], &d, &by_id) {
                    continue;
                }
                seen.push(d.key.clone());
                let mut without: Vec<String> =
                    others.iter().map(|&j| claims[j].article.clone()).collect();
                without.sort_by_key(|a| claim_order(a));
                without.dedup();
                let mut ids = vec![claims[i].id.clone()];
                ids.extend(others.iter().map(|&j| claims[j].id.clone()));
                let message = rule.message.render(&[
                    ("what", d.kind.as_str()),
                    ("detail", &d.text),
                    ("article", outlet(outlets, &claims[i].article)),
                    (
                        "without",
                        &listed(without.iter().map(|a| outlet(outlets, a))),
                    ),
                    (
                        "reports",
                        if without.len() == 1 {
                            "reports"
                        } else {
                            "report"
                        },
                    ),
                ]);
                out.push(Finding {
                    kind: FindingKind::UnsupportedDetail,
                    severity: rule.severity,
                    rule: rule.id.clone(),
                    claims: ids,
                    detail: d.text.clone(),
                    message,
                    contradiction: None,
                    article: Some(claims[i].article.clone()),
                    without,
                    fact: Some(fact_id.clone()),
                    dispute: None,
                });
            }
        }
    }
}

fn single_source(
    graph: &ClaimGraph,
    groups: &[Vec<usize>],
    claims: &[Claim],
    rules: &RuleSet,
    outlets: &BTreeMap<String, String>,
    out: &mut Vec<Finding>,
) {
    let Some(rule) = detector(rules, FindingKind::SingleSource, None) else {
        return;
    };
    let mut in_fact = vec![false; claims.len()];
    for g in groups {
        for &i in g {
            in_fact[i] = true;
        }
    }
    // A claim linked as the same fact to another article's claim is not
    // stated by one article only, even when the fact groups (average
    // linkage) leave it out of every group.
    for e in graph.graph.edge_indices() {
        let (Some((x, y)), Some(c)) = (graph.graph.edge_endpoints(e), graph.graph.edge_weight(e))
        else {
            continue;
        };
        let (x, y) = (x.index(), y.index());
        if c.relation.is_same_fact() && claims[x].article != claims[y].article {
            in_fact[x] = true;
            in_fact[y] = true;
        }
    }
    for (c, _) in claims.iter().zip(&in_fact).filter(|(_, f)| !**f) {
        out.push(Finding {
            kind: FindingKind::SingleSource,
            severity: rule.severity,
            rule: rule.id.clone(),
            claims: vec![c.id.clone()],
            detail: String::new(),
            message: rule
                .message
                .render(&[("article", outlet(outlets, &c.article))]),
            contradiction: None,
            article: Some(c.article.clone()),
            without: Vec::new(),
            fact: None,
            dispute: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::{Bound, Severity, Slot, SlotKind, SlotValue};

    fn counts(n: f64, text: &str) -> Slot {
        Slot {
            kind: SlotKind::Count,
            value: SlotValue::Number(n),
            unit: Some("count".into()),
            bound: Bound::Exact,
            range: false,
            text: text.into(),
            start: 0,
            end: 0,
            role: Some("count".into()),
            year: None,
            month: None,
            day: None,
            weekday: None,
        }
    }

    fn number_finding(a: &str, b: &str, detail: &str) -> Finding {
        Finding {
            kind: FindingKind::Contradiction,
            severity: Severity::Error,
            rule: "contradiction-number".into(),
            claims: vec![a.into(), b.into()],
            detail: detail.into(),
            message: String::new(),
            contradiction: Some(ContradictionKind::Number),
            article: None,
            without: Vec::new(),
            fact: None,
            dispute: None,
        }
    }

    #[test]
    fn a_dispute_keeps_the_values_in_dispute() {
        // The fact's row holds each claim's first count ("two counts" /
        // "six counts"); the pair disputes five against six.
        let mut a = Claim::plain(
            "a1.c1",
            "two counts of assault and five counts of mischief",
            0,
            1,
        );
        a.slots = vec![counts(2.0, "two counts"), counts(5.0, "five counts")];
        let mut b = Claim::plain("a2.c1", "six counts of mischief", 0, 1);
        b.slots = vec![counts(6.0, "six counts")];
        let mut c = Claim::plain("a3.c1", "six counts of mischief", 0, 1);
        c.slots = vec![counts(6.0, "six counts")];
        let claims = vec![a, b, c];
        let members: Vec<&Claim> = claims.iter().collect();
        let facts = vec![Fact {
            id: "f1".into(),
            claims: claims.iter().map(|c| c.id.clone()).collect(),
            articles: claims.iter().map(|c| c.article.clone()).collect(),
            slots: crate::fact_table::slot_table(&members),
        }];
        let graph = ClaimGraph::new(3, Vec::new());
        let groups = vec![vec![0, 1, 2]];
        let outlets = BTreeMap::new();
        let sources = Sources {
            graph: &graph,
            groups: &groups,
            facts: &facts,
            claims: &claims,
            outlets: &outlets,
        };
        let rules = RuleSet::builtin();
        let pairwise = number_finding("a1.c1", "a2.c1", "\"five counts\" vs \"six counts\"");
        let out = reconcile(vec![pairwise], &sources, &rules);
        let details: Vec<&str> = out.iter().map(|f| f.detail.as_str()).collect();
        assert_eq!(details, ["\"five counts\" vs \"six counts\""]);
        // The row's own dispute is still one finding of the fact.
        let pairwise = number_finding("a1.c1", "a2.c1", "\"two counts\" vs \"six counts\"");
        let out = reconcile(vec![pairwise], &sources, &rules);
        assert_eq!(out[0].fact.as_deref(), Some("f1"));
    }

    #[test]
    fn outlets_of_the_fact_that_write_a_disputed_name_side_with_it() {
        let text = |journal: &str| format!("The study was published in the journal {journal}.");
        let claims = vec![
            Claim::plain("a1.c1", &text("Science"), 0, 1),
            Claim::plain("a2.c1", &text("Science"), 0, 1),
            Claim::plain("a3.c1", &text("Nature"), 0, 1),
            // Both names: on neither side.
            Claim::plain("a4.c1", "Nature and Science both published it.", 0, 1),
        ];
        let facts = vec![Fact {
            id: "f1".into(),
            claims: claims.iter().map(|c| c.id.clone()).collect(),
            articles: claims.iter().map(|c| c.article.clone()).collect(),
            slots: Vec::new(),
        }];
        // The one contradicting pair: b against c.
        let comparison = Comparison {
            relation: Relation::Contradicts,
            contradiction: Some(concord_match::Detection {
                kind: ContradictionKind::Entity,
                soft: false,
                detail: "\"Science\" vs \"Nature\"".into(),
                values: Some(["Science".into(), "Nature".into()]),
            }),
            claims: ("a2.c1".into(), "a3.c1".into()),
            ..Comparison::unrelated()
        };
        let pair = concord_match::Pair {
            a: 1,
            b: 2,
            comparison,
        };
        let graph = ClaimGraph::new(4, vec![pair]);
        let groups = vec![vec![0, 1, 2, 3]];
        let outlets: BTreeMap<String, String> =
            [("a1", "Wire"), ("a2", "Herald"), ("a3", "Gazette")]
                .into_iter()
                .map(|(a, n)| (a.to_string(), n.to_string()))
                .collect();
        let sources = Sources {
            graph: &graph,
            groups: &groups,
            facts: &facts,
            claims: &claims,
            outlets: &outlets,
        };
        let rules = RuleSet::builtin();
        let pairwise = Finding {
            rule: "contradiction-entity".into(),
            contradiction: Some(ContradictionKind::Entity),
            ..number_finding("a2.c1", "a3.c1", "\"Science\" vs \"Nature\"")
        };
        let out = reconcile(vec![pairwise], &sources, &rules);
        assert_eq!(out.len(), 1);
        // The odd one out first.
        assert_eq!(out[0].claims, ["a3.c1", "a1.c1", "a2.c1"]);
        assert_eq!(out[0].detail, "\"Nature\" vs \"Science\"");
        assert_eq!(
            out[0].message,
            "a different entity in the same role: Gazette says \"Nature\"; Wire and Herald say \"Science\""
        );
        assert_eq!(out[0].fact.as_deref(), Some("f1"));
    }

    #[test]
    fn hyphens_and_case_do_not_make_another_word() {
        assert!(writes("an area 2,700km south-west of Perth", "southwest"));
        assert!(writes("Southwest of Perth", &word_form("south-west")));
        assert!(!writes("the North Korean border", "northkorea"));
        assert!(!writes("northern Perth", "north"));
    }
}
