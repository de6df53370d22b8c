//! Durations: "45 minutes", "three weeks", "a nine-minute rest", "two
//! decades" (20 years), "half an hour", "an hour", "a year", "up to 10
//! years in prison". A rate is no duration: "$1m a year", "80,000 barrels
//! a day", "twice a day".

use super::number::Figure;
use super::{Ctx, Draft};
use concord_core::SlotKind;

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    if let Some(fig) = fig {
        if ctx.in_name(fig) {
            return None;
        }
        let next = fig.last + 1;
        if fig.suffix.is_none()
            && (ctx.spaced(next) || ctx.ws.get(next).is_some_and(|w| w.hyphen_before))
            && let Some((n, (unit, factor))) = ctx.v.durations.get_at(&ctx.low, next)
        {
            return Some(Draft::number(
                SlotKind::Duration,
                fig.value * factor,
                Some(unit.clone()),
                i,
                next + n - 1,
            ));
        }
        // "24hrs", "10yrs"
        if let Some(s) = &fig.suffix
            && let Some((1, (unit, factor))) = ctx.v.durations.get_at(&[s.as_str()], 0)
        {
            return Some(Draft::number(
                SlotKind::Duration,
                fig.value * factor,
                Some(unit.clone()),
                i,
                i,
            ));
        }
        return None;
    }
    // "half an hour"
    if ctx.low(i) == "half"
        && matches!(ctx.low(i + 1), "a" | "an")
        && let Some((n, (unit, factor))) = ctx.v.durations.get_at(&ctx.low, i + 2)
    {
        return Some(Draft::number(
            SlotKind::Duration,
            0.5 * factor,
            Some(unit.clone()),
            i,
            i + 1 + n,
        ));
    }
    // "an hour", "a year", "a single year"; not "$1m a year" (a rate) nor
    // "a day after" as... a day is still a duration.
    if matches!(ctx.low(i), "a" | "an") {
        let k = if ctx.low(i + 1) == "single" {
            i + 2
        } else {
            i + 1
        };
        let (n, (unit, factor)) = ctx.v.durations.get_at(&ctx.low, k)?;
        if n != 1 || ctx.low(k).ends_with('s') {
            return None;
        }
        // "a second P8 aircraft", "a \"second birth\"": a rank.
        if unit == "second" && (ctx.is_word_or_name(k + 1) || !ctx.spaced(k)) {
            return None;
        }
        let p = i.checked_sub(1);
        let rate = p.is_some_and(|p| {
            ctx.v.times_words.contains_key(ctx.low(p))
                || ctx.ws[p].shape == concord_text::WordShape::Number
                || ctx.in_slot(p).is_some_and(|d| {
                    matches!(d.kind, SlotKind::Count | SlotKind::Money | SlotKind::Measure | SlotKind::Percent)
                })
                // "hours a day", "barrels a day"
                || (ctx.is_word(p) && ctx.low(p).ends_with('s') && ctx.v.durations.get_at(&ctx.low, p).is_some())
        });
        // "a year ago", "a year later" are durations too; "a day" in "twice
        // a day" is a rate.
        if rate {
            return None;
        }
        return Some(Draft::number(
            SlotKind::Duration,
            *factor,
            Some(unit.clone()),
            i,
            k,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_durations() {
        assert_eq!(
            slots("for 45 minutes"),
            ["duration 45 minute Exact \"45 minutes\""]
        );
        assert_eq!(
            slots("a nine-minute rest"),
            ["duration 9 minute Exact \"nine-minute\""]
        );
        assert_eq!(
            slots("two decades ago"),
            ["duration 20 year Exact \"two decades\""]
        );
        assert_eq!(
            slots("for half an hour"),
            ["duration 0.5 hour Exact \"half an hour\""]
        );
        assert_eq!(
            slots("up to 10 years in prison"),
            ["duration 10 year AtMost \"10 years\""]
        );
        assert_eq!(
            slots("served a year in jail"),
            ["duration 1 year Exact \"a year\""]
        );
    }

    #[test]
    fn rates_are_not_durations() {
        assert_eq!(slots("twice a day"), ["count 2 time Exact \"twice\""]);
    }
}
