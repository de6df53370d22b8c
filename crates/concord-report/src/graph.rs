//! The claim graph for other tools: [`Dot`] for Graphviz, [`GraphJson`]
//! for anything that reads JSON.
//!
//! Nodes are the claims that take part in a link (a claim no other
//! article relates to would only be an isolated dot; `concord claims`
//! lists every claim). Edges are the links, with their relation and score.
//! In DOT, each article is a cluster labelled with its outlet, claims of
//! one fact share a fill colour, and contradictions are red.

use crate::Render;
use crate::view::{self, one_line, shorten};
use concord_core::{Claim, Relation, Report};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::io;

/// Graphviz DOT output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dot;

/// JSON graph output: `{"nodes": [...], "edges": [...], "facts": [...]}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphJson;

/// Version of the graph JSON layout.
pub const GRAPH_VERSION: u32 = 1;

/// The claims shown, in report order, and each claim's fact.
fn nodes(report: &Report) -> (Vec<&Claim>, BTreeMap<&str, &str>) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for l in &report.links {
        ids.insert(&l.a);
        ids.insert(&l.b);
    }
    let mut fact_of = BTreeMap::new();
    for f in &report.facts {
        for c in &f.claims {
            ids.insert(c);
            fact_of.insert(c.as_str(), f.id.as_str());
        }
    }
    let claims = report
        .claims
        .iter()
        .filter(|c| ids.contains(c.id.as_str()))
        .collect();
    (claims, fact_of)
}

impl Render for GraphJson {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let (claims, fact_of) = nodes(report);
        let nodes: Vec<_> = claims
            .iter()
            .map(|c| {
                let a = report.article(&c.article);
                json!({
                    "id": c.id,
                    "article": c.article,
                    "path": a.map(|a| a.path.as_str()),
                    "outlet": a.and_then(|a| a.outlet.as_deref()),
                    "line": c.line,
                    "column": c.column,
                    "text": c.text,
                    "fact": fact_of.get(c.id.as_str()),
                })
            })
            .collect();
        let edges: Vec<_> = report
            .links
            .iter()
            .map(|l| {
                json!({
                    "source": l.a,
                    "target": l.b,
                    "relation": l.relation,
                    "direction": l.direction,
                    "score": l.score,
                    "contradiction": l.contradiction,
                    "reasons": l.reasons,
                })
            })
            .collect();
        let graph = json!({
            "graph_version": GRAPH_VERSION,
            "nodes": nodes,
            "edges": edges,
            "facts": report.facts,
        });
        // An I/O error keeps its kind (a closed pipe is not a failure).
        crate::json::write_json(&mut *out, &graph, true)?;
        out.write_all(b"\n")
    }
}

impl Render for Dot {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let (claims, fact_of) = nodes(report);
        let fact_index: BTreeMap<&str, usize> = report
            .facts
            .iter()
            .enumerate()
            .map(|(k, f)| (f.id.as_str(), k))
            .collect();
        writeln!(out, "graph concord {{")?;
        writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"];")?;
        writeln!(
            out,
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"white\", fontname=\"Helvetica\", fontsize=10];"
        )?;
        writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
        for a in &report.articles {
            let mine: Vec<&&Claim> = claims.iter().filter(|c| c.article == a.id).collect();
            if mine.is_empty() {
                continue;
            }
            writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{}", a.id)))?;
            writeln!(
                out,
                "    label={};",
                quote(&format!("{} ({})", view::outlet(a), a.id))
            )?;
            for c in mine {
                let fill = fact_of
                    .get(c.id.as_str())
                    .and_then(|f| fact_index.get(f))
                    .map_or_else(|| "white".to_string(), |&k| hsv(k));
                let label = format!(
                    "{} [{}]\n{}",
                    c.id,
                    fact_of.get(c.id.as_str()).copied().unwrap_or("-"),
                    wrap(&shorten(&one_line(&c.text), 160), 40)
                );
                writeln!(
                    out,
                    "    {} [label={}, fillcolor={}, tooltip={}];",
                    quote(&c.id),
                    quote(&label),
                    quote(&fill),
                    quote(&view::location(report, c))
                )?;
            }
            writeln!(out, "  }}")?;
        }
        for l in &report.links {
            let (color, style) = match l.relation {
                Relation::Contradicts => ("red", "bold"),
                Relation::Equivalent => ("darkgreen", "solid"),
                Relation::Elaborates => ("blue", "solid"),
                Relation::Related | Relation::Unrelated => ("gray", "dashed"),
            };
            let mut label = format!("{} {:.3}", l.relation.as_str(), l.score);
            if let Some(k) = l.contradiction {
                label.push_str(&format!(" ({k})"));
            }
            writeln!(
                out,
                "  {} -- {} [label={}, color={}, style={}];",
                quote(&l.a),
                quote(&l.b),
                quote(&label),
                color,
                style
            )?;
        }
        writeln!(out, "}}")
    }
}

/// A DOT double-quoted string; newlines become `\n` line breaks.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c if crate::is_bidi_control(c) => out.push_str(&format!("\\\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A light colour per fact, spread around the hue circle by the golden
/// angle so that neighbouring facts differ.
fn hsv(k: usize) -> String {
    let hue = (k as f64 * 0.618_033_988_75).fract();
    format!("{hue:.3} 0.250 1.000")
}

/// Breaks text into lines of at most about `width` characters.
fn wrap(s: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, report};

    #[test]
    fn dot_has_a_cluster_per_outlet_and_an_edge_per_link() {
        let dot = render(&Dot, &report());
        assert!(dot.starts_with("graph concord {"));
        assert!(dot.contains("subgraph \"cluster_a1\""));
        assert!(dot.contains("label=\"The Daily <b>Bugle</b> (a1)\";"));
        assert!(dot.contains(
            "\"a1.c1\" -- \"a2.c1\" [label=\"contradicts 0.800 (date)\", color=red, style=bold];"
        ));
        assert!(!dot.contains("a2.c3"), "unlinked claims are left out");
        assert!(dot.contains("alert('x')"));
    }

    #[test]
    fn json_lists_nodes_edges_and_facts() {
        let v: serde_json::Value =
            serde_json::from_str(&render(&GraphJson, &report())).unwrap_or_default();
        assert_eq!(v["nodes"].as_array().map(Vec::len), Some(4));
        assert_eq!(v["edges"][0]["relation"], "contradicts");
        assert_eq!(v["nodes"][0]["fact"], "f1");
        assert_eq!(v["facts"][1]["id"], "f2");
    }

    #[test]
    fn quotes_dot_strings() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(quote("2\u{202e}1"), "\"2\\\\u{202e}1\"");
    }
}
