//! A fact's slot table: for each kind and role of value the fact's claims
//! carry, the values the outlets give, which outlets give each, the
//! majority and whether they agree. This is what an editor reads as "what
//! each outlet says" about a fact, side by side.
//!
//! Values are compared as the extractor normalised them (a number with its
//! unit, a date, a clock time), not as written: "22" and "twenty-two
//! homes" are one value. A fact holds at most one claim per article, so
//! each outlet gives at most one value per slot (the first, if its claim
//! carries two).
//!
//! Rows are aligned by kind first: when every claim that carries a value
//! of a kind carries exactly one, and their units agree (the counted noun
//! of a count, the currency of a sum), the values fill one row whatever
//! their roles ("will meet on Thursday" / "a summit on Friday": one date),
//! named by the most common role. Outlets write the same event with
//! different anchor words, and the fact already says the claims are one
//! statement. Otherwise each role is its own row.

use concord_core::{Claim, FactSlot, Slot, SlotKind, SlotReading, SlotValue, claim_order};
use std::collections::BTreeMap;

/// A row of the table: a slot kind and the role that names it.
type RowKey = (SlotKind, Option<String>);

/// The slot table of a fact whose claims are `members` (in claim order).
pub fn slot_table(members: &[&Claim]) -> Vec<FactSlot> {
    let one_row = one_row_kinds(members);
    // Each reading with the first slot that gave it, to tell whether two
    // readings conflict.
    let mut rows: BTreeMap<RowKey, Vec<(SlotReading, &Slot)>> = BTreeMap::new();
    for c in members {
        let mut given: Vec<RowKey> = Vec::new();
        for s in &c.slots {
            let role = match one_row.get(&s.kind) {
                Some(role) => role.clone(),
                None => s.role.clone(),
            };
            let key = (s.kind, role);
            if given.contains(&key) {
                continue;
            }
            given.push(key.clone());
            let value = value_of(s);
            let readings = rows.entry(key).or_default();
            match readings.iter_mut().find(|(r, _)| r.value == value) {
                Some((r, _)) => {
                    r.articles.push(c.article.clone());
                    r.claims.push(c.id.clone());
                }
                None => readings.push((
                    SlotReading {
                        value,
                        text: s.text.clone(),
                        articles: vec![c.article.clone()],
                        claims: vec![c.id.clone()],
                    },
                    s,
                )),
            }
        }
    }
    rows.into_iter()
        .map(|((kind, role), readings)| {
            let outlets: usize = readings.iter().map(|(r, _)| r.articles.len()).sum();
            let conflict = readings
                .iter()
                .enumerate()
                .any(|(k, (_, x))| readings[k + 1..].iter().any(|(_, y)| conflicts(x, y)));
            let mut values: Vec<SlotReading> = readings.into_iter().map(|(r, _)| r).collect();
            for v in &mut values {
                v.articles.sort_by_key(|a| claim_order(a));
                v.articles.dedup();
            }
            values.sort_by(|x, y| {
                y.articles
                    .len()
                    .cmp(&x.articles.len())
                    .then_with(|| claim_order(&x.claims[0]).cmp(&claim_order(&y.claims[0])))
            });
            let majority = match values.as_slice() {
                [first, second, ..] if first.articles.len() == second.articles.len() => None,
                [first, ..] => Some(first.value.clone()),
                [] => None,
            };
            let agreed = !conflict && outlets >= 2;
            FactSlot {
                kind,
                role,
                values,
                majority,
                agreed,
            }
        })
        .collect()
}

/// The kinds whose values fill one row (see the module doc), each with
/// the role that names the row: the most common one, the first on a tie.
fn one_row_kinds(members: &[&Claim]) -> BTreeMap<SlotKind, Option<String>> {
    let mut by_kind: BTreeMap<SlotKind, Vec<Vec<&Slot>>> = BTreeMap::new();
    for c in members {
        let mut own: BTreeMap<SlotKind, Vec<&Slot>> = BTreeMap::new();
        for s in &c.slots {
            own.entry(s.kind).or_default().push(s);
        }
        for (kind, slots) in own {
            by_kind.entry(kind).or_default().push(slots);
        }
    }
    by_kind
        .into_iter()
        .filter(|(_, per_claim)| per_claim.len() >= 2 && per_claim.iter().all(|s| s.len() == 1))
        .filter(|(_, per_claim)| {
            let mut units = per_claim.iter().filter_map(|s| s[0].unit.as_deref());
            units.next().is_none_or(|first| units.all(|u| u == first))
        })
        .map(|(kind, per_claim)| {
            let mut count: Vec<(Option<String>, usize)> = Vec::new();
            for s in &per_claim {
                let role = s[0].role.clone();
                match count.iter_mut().find(|(r, _)| *r == role) {
                    Some((_, n)) => *n += 1,
                    None => count.push((role, 1)),
                }
            }
            // Most common; among equals the first met, preferring a named
            // role to none.
            let best = count
                .iter()
                .enumerate()
                .max_by_key(|(k, (role, n))| (*n, role.is_some(), std::cmp::Reverse(*k)))
                .and_then(|(_, (role, _))| role.clone());
            (kind, best)
        })
        .collect()
}

/// Can two different values of one row not both be true? Dates conflict
/// only in what both say: "Thursday" and "April 11" (no year to tell the
/// weekday from) or "2024" and "April 2024" do not; "April 11" and "April
/// 12" do. Other kinds conflict whenever their values differ.
pub(crate) fn conflicts(x: &Slot, y: &Slot) -> bool {
    if x.kind != SlotKind::Date {
        return value_of(x) != value_of(y);
    }
    let differ = |a: Option<i64>, b: Option<i64>| matches!((a, b), (Some(a), Some(b)) if a != b);
    let fields = |s: &Slot| {
        (
            s.year.map(i64::from),
            s.month.map(i64::from),
            s.day.map(i64::from),
            s.weekday.clone(),
        )
    };
    let (xy, xm, xd, xw) = fields(x);
    let (yy, ym, yd, yw) = fields(y);
    let known =
        |s: &Slot| s.year.is_some() || s.month.is_some() || s.day.is_some() || s.weekday.is_some();
    if !known(x) || !known(y) {
        // Nothing parsed (a relative date): compare as written.
        return value_of(x) != value_of(y);
    }
    differ(xy, yy)
        || differ(xm, ym)
        || differ(xd, yd)
        || matches!((xw, yw), (Some(a), Some(b)) if a != b)
}

/// The value of a slot as compared: a number written without a needless
/// fraction, with its unit; a text value as the extractor normalised it.
pub(crate) fn value_of(s: &Slot) -> String {
    let value = match &s.value {
        SlotValue::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", *n as i64)
            } else {
                format!("{n}")
            }
        }
        SlotValue::Text(t) => t.clone(),
    };
    match &s.unit {
        Some(u) if !u.is_empty() => format!("{value} {u}"),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::Bound;

    fn slot(kind: SlotKind, value: SlotValue, unit: Option<&str>, text: &str, role: &str) -> Slot {
        Slot {
            kind,
            value,
            unit: unit.map(String::from),
            bound: Bound::Exact,
            range: false,
            text: text.into(),
            start: 0,
            end: 0,
            role: Some(role.into()),
            year: None,
            month: None,
            day: None,
            weekday: None,
        }
    }

    fn claim(id: &str, slots: Vec<Slot>) -> Claim {
        let mut c = Claim::plain(id, "a claim", 0, 1);
        c.slots = slots;
        c
    }

    #[test]
    fn three_outlets_against_one_give_a_majority() {
        let homes = |n: f64, text: &str| {
            slot(
                SlotKind::Count,
                SlotValue::Number(n),
                Some("home"),
                text,
                "evacuate",
            )
        };
        let claims = [
            claim("a1.c1", vec![homes(22.0, "22 homes")]),
            claim("a2.c4", vec![homes(70.0, "70 homes")]),
            claim("a3.c2", vec![homes(22.0, "twenty-two homes")]),
            claim(
                "a4.c9",
                vec![homes(22.0, "22 homes"), homes(5.0, "5 homes")],
            ),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        let table = slot_table(&members);
        assert_eq!(table.len(), 1);
        let row = &table[0];
        assert_eq!(row.majority.as_deref(), Some("22 home"));
        assert!(!row.agreed);
        assert_eq!(
            row.values.len(),
            2,
            "the second slot of a4 is not read: {row:?}"
        );
        assert_eq!(row.values[0].articles, ["a1", "a3", "a4"]);
        assert_eq!(row.values[0].text, "22 homes");
        assert_eq!(row.values[1].articles, ["a2"]);
        assert_eq!(row.values[1].claims, ["a2.c4"]);
    }

    #[test]
    fn one_value_of_a_kind_per_outlet_fills_one_row_whatever_its_role() {
        let date =
            |v: &str, role: &str| slot(SlotKind::Date, SlotValue::Text(v.into()), None, v, role);
        let count =
            |n: f64, unit: &str| slot(SlotKind::Count, SlotValue::Number(n), Some(unit), "n", unit);
        let claims = [
            claim("a1.c17", vec![date("thursday", "meet")]),
            claim(
                "a2.c40",
                vec![date("thursday", "summit"), count(1.0, "minilateral")],
            ),
            claim(
                "a3.c23",
                vec![date("friday", "summit"), count(2.0, "nation")],
            ),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        let table = slot_table(&members);
        let dates: Vec<&FactSlot> = table.iter().filter(|s| s.kind == SlotKind::Date).collect();
        assert_eq!(dates.len(), 1, "{table:?}");
        assert_eq!(dates[0].role.as_deref(), Some("summit"));
        assert_eq!(dates[0].majority.as_deref(), Some("thursday"));
        // Counts of two different nouns stay two rows.
        assert_eq!(
            table.iter().filter(|s| s.kind == SlotKind::Count).count(),
            2
        );
        // Two dates in one claim: rows by role.
        let claims = [
            claim(
                "a1.c1",
                vec![date("2025", "commence"), date("2024", "sign")],
            ),
            claim("a2.c1", vec![date("2026", "commence")]),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        let table = slot_table(&members);
        assert_eq!(table.len(), 2, "{table:?}");
        let commence = table
            .iter()
            .find(|s| s.role.as_deref() == Some("commence"))
            .unwrap();
        assert_eq!(commence.values.len(), 2);
    }

    #[test]
    fn dates_conflict_only_in_what_both_say() {
        let date = |v: &str, year, month, day, weekday: Option<&str>| {
            let mut s = slot(SlotKind::Date, SlotValue::Text(v.into()), None, v, "meet");
            (s.year, s.month, s.day, s.weekday) = (year, month, day, weekday.map(String::from));
            s
        };
        let thursday = date("thursday", None, None, None, Some("thursday"));
        let april_11 = date("--04-11", None, Some(4), Some(11), None);
        let april_12 = date("--04-12", None, Some(4), Some(12), None);
        let friday = date("friday", None, None, None, Some("friday"));
        assert!(!conflicts(&thursday, &april_11));
        assert!(conflicts(&april_11, &april_12));
        assert!(conflicts(&thursday, &friday));
        assert!(!conflicts(
            &date("2024", Some(2024), None, None, None),
            &april_11
        ));
        let claims = [
            claim("a1.c1", vec![thursday]),
            claim("a2.c1", vec![april_11]),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        let row = &slot_table(&members)[0];
        assert!(row.agreed && row.values.len() == 2, "{row:?}");
    }

    #[test]
    fn a_tie_has_no_majority_and_one_value_is_agreed() {
        let date = |v: &str| {
            slot(
                SlotKind::Date,
                SlotValue::Text(v.into()),
                None,
                v,
                "commence",
            )
        };
        let claims = [
            claim("a1.c1", vec![date("2025")]),
            claim("a2.c1", vec![date("2026")]),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        assert_eq!(slot_table(&members)[0].majority, None);
        let claims = [
            claim("a1.c1", vec![date("2025")]),
            claim("a2.c1", vec![date("2025")]),
        ];
        let members: Vec<&Claim> = claims.iter().collect();
        let row = &slot_table(&members)[0];
        assert!(row.agreed && row.majority.as_deref() == Some("2025"));
        // One outlet alone agrees with nobody.
        let members: Vec<&Claim> = claims[..1].iter().collect();
        assert!(!slot_table(&members)[0].agreed);
    }
}
