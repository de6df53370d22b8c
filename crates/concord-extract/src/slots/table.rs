//! The slot test table: 401 real news sentences with their hand-labelled
//! slots (`fixtures/slots/sentences.toml`, see its README). Each sentence
//! is extracted as one claim, the way `concord pairs` reads a side, and its
//! slots are matched against the labels: same kind, value, unit and bound,
//! overlapping text. Precision and recall per kind must reach
//! [`TARGET`]. `CONCORD_SLOT_REPORT=1 cargo test -p concord-extract table`
//! prints the per-kind table and every miss.

use crate::{ArticleInput, Extractor};
use concord_core::{Bound, Slot, SlotKind, SlotValue};
use concord_rules::RuleSet;
use concord_text::Lexicon;
use serde::Deserialize;
use std::collections::BTreeMap;

const TARGET: f64 = 0.95;

#[derive(Debug, Deserialize)]
struct Table {
    sentence: Vec<Sentence>,
}

#[derive(Debug, Deserialize)]
struct Sentence {
    source: String,
    text: String,
    #[serde(default)]
    slot: Vec<Gold>,
}

#[derive(Debug, Deserialize)]
struct Gold {
    kind: String,
    value: toml::Value,
    #[serde(default)]
    unit: String,
    bound: String,
    text: String,
    /// What the value is about, when the labeller could tell.
    #[serde(default)]
    role: Option<String>,
}

fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::About => "about",
        Bound::AtLeast => "at_least",
        Bound::AtMost => "at_most",
    }
}

fn same_value(g: &toml::Value, v: &SlotValue) -> bool {
    match (g, v) {
        (toml::Value::String(a), SlotValue::Text(b)) => a == b,
        (toml::Value::Integer(a), SlotValue::Number(b)) => close(*a as f64, *b),
        (toml::Value::Float(a), SlotValue::Number(b)) => close(*a, *b),
        _ => false,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.006 * a.abs().max(1.0)
}

fn matches(g: &Gold, s: &Slot, sentence: &str) -> bool {
    let span = |t: &str| sentence.find(t).map(|i| (i, i + t.len()));
    let overlap = match (span(&g.text), span(&s.text)) {
        (Some(a), Some(b)) => a.0 < b.1 && b.0 < a.1,
        _ => false,
    };
    g.kind == s.kind.as_str()
        && same_value(&g.value, &s.value)
        && g.unit == s.unit.clone().unwrap_or_default()
        && g.bound == bound_name(s.bound)
        && overlap
}

fn describe(s: &Slot) -> String {
    let v = match &s.value {
        SlotValue::Number(n) => concord_text::format_number(*n),
        SlotValue::Text(t) => t.clone(),
    };
    format!(
        "{} {v} {} {} {:?}",
        s.kind.as_str(),
        s.unit.as_deref().unwrap_or("-"),
        bound_name(s.bound),
        s.text
    )
}

#[test]
fn slot_table_precision_and_recall_per_kind() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/slots/sentences.toml"
    );
    let table: Table = toml::from_str(&std::fs::read_to_string(path).expect("reads the table"))
        .expect("parses the table");
    let rules = RuleSet::builtin();
    let lex = Lexicon::new(&rules);
    let ex = Extractor::new(&rules, &lex);
    // kind → (true positives, predicted, gold)
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    // kind → (roles right, slots found with a gold role)
    let mut roles: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for s in &table.sentence {
        let x = ex
            .extract(&ArticleInput {
                id: "a1".into(),
                path: s.source.clone(),
                text: &s.text,
                meta: None,
                fragment: true,
            })
            .expect("extracts");
        let got: Vec<Slot> = x.claims.into_iter().flat_map(|c| c.slots).collect();
        let mut used = vec![false; got.len()];
        for g in &s.slot {
            let hit = (0..got.len()).find(|&k| !used[k] && matches(g, &got[k], &s.text));
            let c = counts.entry(leak(&g.kind)).or_default();
            c.2 += 1;
            match hit {
                Some(k) => {
                    used[k] = true;
                    c.0 += 1;
                    if let Some(role) = &g.role {
                        let r = roles.entry(leak(&g.kind)).or_default();
                        r.1 += 1;
                        let got_role = got[k].role.as_deref().map(|x| lex.content_term(x));
                        if got_role.as_deref() == Some(lex.content_term(role).as_str()) {
                            r.0 += 1;
                        } else {
                            misses.push(format!(
                                "role of {} {:?}: {:?}, labelled {role:?}\n    in {:?}",
                                g.kind, g.text, got[k].role, s.text
                            ));
                        }
                    }
                }
                None => misses.push(format!(
                    "missed {} {} {} {} {:?}\n    in {:?}\n    got {:?}",
                    g.kind,
                    g.value,
                    g.unit,
                    g.bound,
                    g.text,
                    s.text,
                    got.iter().map(describe).collect::<Vec<_>>()
                )),
            }
        }
        for (k, slot) in got.iter().enumerate() {
            counts.entry(slot.kind.as_str()).or_default().1 += 1;
            if !used[k] {
                misses.push(format!("extra {}\n    in {:?}", describe(slot), s.text));
            }
        }
    }
    let mut report = String::from("kind      precision  recall  (gold)  roles  (gold)\n");
    let mut failing = Vec::new();
    for &kind in SlotKind::ALL {
        let (tp, pred, gold) = counts.get(kind.as_str()).copied().unwrap_or_default();
        let p = if pred == 0 {
            1.0
        } else {
            tp as f64 / pred as f64
        };
        let r = if gold == 0 {
            1.0
        } else {
            tp as f64 / gold as f64
        };
        let (role_hit, role_gold) = roles.get(kind.as_str()).copied().unwrap_or_default();
        let role_rate = if role_gold == 0 {
            1.0
        } else {
            role_hit as f64 / role_gold as f64
        };
        report.push_str(&format!(
            "{:<9} {p:>9.3} {r:>7.3}  ({gold:>3})  {role_rate:>5.3}  ({role_gold})\n",
            kind.as_str()
        ));
        if p < TARGET || r < TARGET {
            failing.push(kind.as_str());
        }
    }
    if std::env::var_os("CONCORD_SLOT_REPORT").is_some() {
        eprintln!("{report}");
        for m in &misses {
            eprintln!("{m}");
        }
    }
    assert!(failing.is_empty(), "below {TARGET}: {failing:?}\n{report}");
}

fn leak(s: &str) -> &'static str {
    SlotKind::from_name(s).map_or("unknown", SlotKind::as_str)
}
