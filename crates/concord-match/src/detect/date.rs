//! Different dates for the same event: "exercises would commence in 2025"
//! / "in 2026", "on Thursday" / "on Friday". Dates compare on the fields
//! both give: "December 2022" agrees with "2022". A date one side leaves out
//! is an unsupported detail, not a contradiction.

use super::{Context, Evidence};
use concord_core::{Slot, SlotKind};

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let dates = |c: &'_ concord_core::Claim| -> Vec<usize> {
        (0..c.slots.len())
            .filter(|&i| c.slots[i].kind == SlotKind::Date)
            .collect()
    };
    let (da, db) = (dates(ctx.a.claim), dates(ctx.b.claim));
    if da.is_empty() || db.is_empty() || !ctx.same_statement_but_slot() {
        return None;
    }
    let (sa, sb) = (&ctx.a.claim.slots, &ctx.b.claim.slots);
    for &i in &da {
        let x = &sa[i];
        let candidates: Vec<&Slot> = db
            .iter()
            .map(|&j| &sb[j])
            .filter(|y| {
                comparable(x, y)
                    && since_reference(ctx.a.claim, x) == since_reference(ctx.b.claim, y)
            })
            .collect();
        if candidates.is_empty() || candidates.iter().any(|y| compatible(x, y)) {
            continue;
        }
        // Dates of different events disagree about nothing ("arrested
        // Wednesday" / "a body was discovered ... Tuesday").
        let Some(y) = db.iter().copied().find(|&j| {
            let y = &sb[j];
            comparable(x, y)
                && ctx.slots_align(i, j)
                && !da
                    .iter()
                    .any(|&i2| comparable(&sa[i2], y) && compatible(&sa[i2], y))
        }) else {
            continue;
        };
        let y = &sb[y];
        return Some(Evidence {
            soft: false,
            detail: format!("\"{}\" vs \"{}\"", x.text, y.text),
        });
    }
    None
}

/// Is date `s` of `claim` the reference point of a "since" ("the highest
/// since The Knot began tracking wedding costs in 2007", "the first since
/// 1999"): does "since" stand before it in its clause? Such a date is when
/// a record began, not when the claim's event happened, and compares only
/// with another reference point.
pub fn since_reference(claim: &concord_core::Claim, s: &Slot) -> bool {
    let head = claim
        .text
        .get(..s.start.saturating_sub(claim.start))
        .unwrap_or("");
    let clause = head.rsplit(super::CLAUSE_MARKS).next().unwrap_or(head);
    clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("since"))
}

/// Do the two dates give at least one field in common?
fn comparable(x: &Slot, y: &Slot) -> bool {
    (x.year.is_some() && y.year.is_some())
        || (x.month.is_some() && y.month.is_some())
        || (x.weekday.is_some() && y.weekday.is_some())
}

/// Do all the fields both give agree?
fn compatible(x: &Slot, y: &Slot) -> bool {
    let same = |a: Option<i64>, b: Option<i64>| a.is_none() || b.is_none() || a == b;
    same(x.year.map(i64::from), y.year.map(i64::from))
        && same(x.month.map(i64::from), y.month.map(i64::from))
        && same(x.day.map(i64::from), y.day.map(i64::from))
        && (x.weekday.is_none() || y.weekday.is_none() || x.weekday == y.weekday)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Date;

    #[test]
    fn flags_a_different_year() {
        assert_contradiction(
            "New and regular US-Japan-UK trilateral military exercises would commence in 2025.",
            "New and regular US-Japan-UK trilateral military exercises would commence in 2026.",
            Date,
        );
    }

    #[test]
    fn flags_a_different_weekday() {
        assert_contradiction(
            "Marcos will join them for a three-way summit on Thursday.",
            "Marcos will join them for a three-way summit on Friday.",
            Date,
        );
    }

    #[test]
    fn the_start_of_a_record_is_no_date_of_the_event() {
        assert_no_contradiction(
            "The average cost of a wedding in 2014 was $31,213, The Knot said.",
            "The average cost of a wedding was $31,213, the highest since The Knot began tracking wedding costs in 2007.",
        );
    }

    #[test]
    fn a_missing_date_is_no_contradiction() {
        assert_no_contradiction(
            "New and regular US-Japan-UK trilateral military exercises would commence in 2025.",
            "The US, Japan and the UK will hold regular trilateral military exercises.",
        );
    }

    #[test]
    fn a_month_agrees_with_its_year() {
        assert_no_contradiction(
            "Japan adopted security policies in December 2022.",
            "Japan adopted new security policies in 2022.",
        );
    }

    #[test]
    fn dates_of_unrelated_claims_are_not_compared() {
        assert_no_contradiction(
            "The Washington summit will include the first state dinner for a Japanese prime minister since Shinzo Abe in 2015.",
            "New and regular US-Japan-UK trilateral military exercises would commence in 2025.",
        );
    }
}
