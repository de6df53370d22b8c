//! For a fixture case, prints how the engine compares every pair of claims
//! that the case's gold.toml links, keeps distinct or calls contradictory:
//! `cargo run --release -p concord-eval --example explain_gold -- CASE_DIR [link|distinct|contradiction]`.
//! A tuning aid: it shows the relation, score, covers and features of each
//! gold pair, and marks the pairs the engine gets wrong.

use concord_core::Claim;
use concord_engine::Engine;
use concord_match::{Prepared, Vocabulary};
use concord_rules::RuleSet;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: explain_gold CASE_DIR [section]"));
    let only = args.next();
    let gold: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).expect("gold.toml"))
            .expect("valid toml");
    let (docs, _) = concord_input::read_all(std::slice::from_ref(&dir));
    let engine = Engine::new(RuleSet::builtin());
    let (x, _) = engine.extract(docs);
    let claims: Vec<Claim> = x.iter().flat_map(|e| e.claims.clone()).collect();
    let article_of: Vec<usize> = x
        .iter()
        .enumerate()
        .flat_map(|(k, e)| std::iter::repeat_n(k, e.claims.len()))
        .collect();
    let names: Vec<String> = x
        .iter()
        .map(|e| e.article.path.rsplit('/').next().unwrap_or("").to_string())
        .collect();
    let texts: Vec<String> = x
        .iter()
        .map(|e| std::fs::read_to_string(&e.article.path).unwrap_or_default())
        .collect();
    let vocab = Vocabulary::build(&claims, engine.rules.background.as_ref());
    let prepared: Vec<Prepared<'_>> = claims
        .iter()
        .zip(&article_of)
        .map(|(c, &a)| Prepared::new(c, a, &vocab, &engine.rules.thresholds))
        .collect();
    let find = |file: &str, quote: &str| -> Vec<usize> {
        let Some(k) = names.iter().position(|n| n == file) else {
            return Vec::new();
        };
        let Some(at) = texts[k].find(quote) else {
            return Vec::new();
        };
        let (s, e) = (at, at + quote.len());
        (0..claims.len())
            .filter(|&i| article_of[i] == k)
            .filter(|&i| {
                let c = &claims[i];
                let inter = c.end.min(e) as i64 - c.start.max(s) as i64;
                inter > 0 && inter * 2 >= (c.end - c.start).min(e - s) as i64
            })
            .collect()
    };
    let m = engine.matcher();
    for section in ["link", "distinct", "contradiction"] {
        if only.as_deref().is_some_and(|o| o != section) {
            continue;
        }
        let Some(list) = gold.get(section).and_then(|v| v.as_array()) else {
            continue;
        };
        println!("== {section} ({})", list.len());
        for g in list {
            let get = |k: &str| g.get(k).and_then(|v| v.as_str()).unwrap_or("");
            let xs = find(get("a"), get("a_quote"));
            let ys = find(get("b"), get("b_quote"));
            let mut best: Option<(concord_match::Comparison, usize, usize)> = None;
            for &i in &xs {
                for &j in &ys {
                    let (p, q) = (i.min(j), i.max(j));
                    let c = m.compare(&prepared[p], &prepared[q]);
                    if best.as_ref().is_none_or(|b| c.outranks(&b.0)) {
                        best = Some((c, p, q));
                    }
                }
            }
            let Some((c, i, j)) = best else {
                println!("?? no claim for {} / {}", get("a_quote"), get("b_quote"));
                continue;
            };
            let linked = c.relation.is_same_fact();
            let ok = match section {
                "link" => linked,
                "distinct" => !linked,
                _ => c.relation == concord_core::Relation::Contradicts,
            };
            println!(
                "{} {:?} score {:.3} cover {:.2}/{:.2} shared {:.1} {}",
                if ok { "ok " } else { "BAD" },
                c.relation,
                c.score,
                c.features.get("cover_min"),
                c.features.get("cover_max"),
                c.features.get("shared_content") * concord_match::features::SHARED_CONTENT_SCALE,
                c.contradiction
                    .as_ref()
                    .map(|d| format!("{:?} {}", d.kind, d.detail))
                    .unwrap_or_default()
            );
            if !ok {
                println!(
                    "    a: {}\n    b: {}\n    reasons: {:?}",
                    claims[i].text, claims[j].text, c.reasons
                );
                let terms = |p: &Prepared<'_>| {
                    p.terms
                        .iter()
                        .map(|t| format!("{}:{:.1}", t.text, t.weight))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "    ta: {}\n    tb: {}",
                    terms(&prepared[i]),
                    terms(&prepared[j])
                );
            }
        }
    }
}
