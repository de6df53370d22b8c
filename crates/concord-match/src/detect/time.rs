//! Different clock times for the same event: "signed out of the prom at
//! 9:32 p.m." / "at 10:32 p.m.". Times an outlet hedges ("around 2:20
//! a.m.", "shortly before 6:30 a.m.") against one within the hour are a
//! tension.

use super::{Context, Evidence};
use concord_core::{Bound, Slot, SlotKind};

/// Minutes a hedged time may be off without a contradiction.
const HEDGED_MINUTES: i32 = 60;

fn minutes(s: &Slot) -> Option<i32> {
    let (h, m) = s.value.text()?.split_once(':')?;
    Some(h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?)
}

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let times = |c: &concord_core::Claim| -> Vec<usize> {
        (0..c.slots.len())
            .filter(|&i| c.slots[i].kind == SlotKind::Time)
            .collect()
    };
    let (ta, tb) = (times(ctx.a.claim), times(ctx.b.claim));
    // One time a side: two times in a claim ("from 7:30 a.m. to noon") are
    // a span, which the other side may give differently without a clash.
    let (&[i], &[j]) = (ta.as_slice(), tb.as_slice()) else {
        return None;
    };
    // Times of different events disagree about nothing ("reached Kaltag at
    // 10:44" / "left Kaltag at 11:24").
    if !ctx.same_statement_but_slot() || !ctx.slots_align(i, j) {
        return None;
    }
    let (x, y) = (&ctx.a.claim.slots[i], &ctx.b.claim.slots[j]);
    let (mx, my) = (minutes(x)?, minutes(y)?);
    let diff = (mx - my).abs().min(24 * 60 - (mx - my).abs());
    if diff == 0 {
        return None;
    }
    let hedged = x.bound != Bound::Exact || y.bound != Bound::Exact;
    Some(Evidence {
        soft: hedged && diff <= HEDGED_MINUTES,
        detail: format!("\"{}\" vs \"{}\"", x.text, y.text),
        values: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Time;

    #[test]
    fn times_of_different_events_are_not_compared() {
        assert_no_contradiction(
            "She reached Kaltag at 10:44 a.m. in second place.",
            "She left Kaltag at 11:24 a.m. in second place.",
        );
    }

    #[test]
    fn flags_a_different_clock_time() {
        assert_contradiction(
            "Jenkins signed out of the prom at 9:32 p.m., police said.",
            "Jenkins signed out of the prom at 10:32 p.m., police said.",
            Time,
        );
    }

    #[test]
    fn the_same_time_written_two_ways_agrees() {
        assert_no_contradiction(
            "The plane crashed at 9:45 p.m. on Tuesday.",
            "The plane crashed at 21:45 on Tuesday.",
        );
    }

    #[test]
    fn a_hedged_time_near_the_other_is_a_tension() {
        assert_tension(
            "The collision happened at around 2:20 a.m. on Saturday.",
            "The collision happened at 2:50 a.m. on Saturday.",
            Time,
        );
    }
}
