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
    if da.is_empty() || db.is_empty() {
        return None;
    }
    // The dates next to one specific figure both claims give are of one
    // record, whatever word each hangs them on; the figure then counts
    // towards the claims saying the same.
    let anchored = dates_of_shared_figures(ctx);
    if !ctx.same_statement_but_slot() && (anchored.is_empty() || !ctx.same_fact_without(|_| true)) {
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
                && (ctx.slots_align(i, j) || anchored.contains(&(i, j)))
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
            values: None,
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

/// Pairs of dates (slot indices of a and of b) next to a specific figure
/// both claims give alike: "its high point of *173,034 units* in 2006" /
/// "its 2007 peak of *173,034 units*". A specific figure (exact, at least
/// 100 and not a round ten) is one record in both claims, and a date in
/// its clause within [`NEAR_FIGURE`] words of it is that record's date.
fn dates_of_shared_figures(ctx: &Context<'_, '_>) -> Vec<(usize, usize)> {
    let specific = |s: &Slot| {
        matches!(
            s.kind,
            SlotKind::Count | SlotKind::Money | SlotKind::Measure
        ) && s.bound == concord_core::Bound::Exact
            && s.value
                .number()
                .is_some_and(|v| v >= 100.0 && v.fract() == 0.0 && v % 10.0 != 0.0)
    };
    let (a, b) = (ctx.a.claim, ctx.b.claim);
    let mut out = Vec::new();
    for x in a.slots.iter().filter(|x| specific(x)) {
        for y in b
            .slots
            .iter()
            .filter(|y| specific(y) && y.kind == x.kind && y.unit == x.unit && y.value == x.value)
        {
            if let (Some(i), Some(j)) = (date_next_to(a, x), date_next_to(b, y)) {
                out.push((i, j));
            }
        }
    }
    out
}

/// Words between a figure and the date that belongs to it.
const NEAR_FIGURE: usize = 3;

/// The date slot of `claim` nearest to `figure`, in its clause and within
/// [`NEAR_FIGURE`] words ("and" ends a clause here: "down 24% from 73,507
/// in 2012 and down 68% from ... 173,034 units in 2006").
fn date_next_to(claim: &concord_core::Claim, figure: &Slot) -> Option<usize> {
    let between = |d: &Slot| {
        let (from, to) = if d.start >= figure.end {
            (figure.end, d.start)
        } else {
            (d.end, figure.start)
        };
        claim
            .text
            .get(from.saturating_sub(claim.start)..to.saturating_sub(claim.start))
    };
    claim
        .slots
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == SlotKind::Date)
        .filter_map(|(i, d)| {
            let gap = between(d)?;
            let words: Vec<&str> = gap.split_whitespace().collect();
            let apart = words.len() <= NEAR_FIGURE
                && !gap.contains(super::CLAUSE_MARKS)
                && !words.iter().any(|w| w.eq_ignore_ascii_case("and"));
            apart.then_some((words.len(), i))
        })
        .min()
        .map(|(_, i)| i)
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
    fn one_specific_figure_ties_the_dates_of_a_record() {
        // "high point" and "peak" are different words for one record.
        assert_contradiction(
            "Sales were down 68% from its high point of 173,034 units in 2006.",
            "Sales were 68% below its 2007 peak of 173,034 units.",
            Date,
        );
        // The figure ties only the date next to it.
        assert_no_contradiction(
            "Sales fell to 73,507 units in 2012, down 68% from a high of 173,034 units.",
            "Sales fell to 73,507 units, down 68% from a 2007 high of 173,034 units.",
        );
        // A round figure is no such tie.
        assert_no_contradiction(
            "Sales were down 68% from its high point of 170,000 units in 2006.",
            "Sales were 68% below its 2007 peak of 170,000 units.",
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
