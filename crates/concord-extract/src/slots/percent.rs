//! Shares: "12%", "4.5 per cent", "10 pct", "1.25 percentage points",
//! "five per cent", and fractions of a whole: "half of", "a third of",
//! "one-third", "two-thirds", "one in four". The value is in percent.

use super::number::Figure;
use super::{Ctx, Draft};
use concord_core::SlotKind;

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    if let Some(fig) = fig {
        let next = fig.last + 1;
        if fig.suffix.is_none()
            && let Some(n) = ctx.v.lists.percent.match_at(&ctx.low, next)
            && (ctx.spaced(next) || ctx.low(next) == "%")
        {
            return Some(Draft::number(
                SlotKind::Percent,
                fig.value,
                None,
                i,
                next + n - 1,
            ));
        }
        // "one in four", "one in 10"
        if fig.value >= 1.0
            && ctx.low(next) == "in"
            && let Some(of) = super::number::at(ctx, next + 1)
            && of.value > fig.value
        {
            let share = (fig.value / of.value * 10000.0).round() / 100.0;
            return Some(Draft::number(SlotKind::Percent, share, None, i, of.last));
        }
    }
    fraction(ctx, i)
}

/// "half of", "a third of", "one-third", "two-thirds of".
fn fraction(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let low = ctx.low(i);
    // "a third", "one-third", "two-thirds": a count word, then the fraction.
    let (count, k) = match low {
        "a" | "an" | "one" => (1.0, i + 1),
        "two" => (2.0, i + 1),
        "three" => (3.0, i + 1),
        "half" => (1.0, i),
        _ => return None,
    };
    let share = *ctx.v.fractions.get(ctx.low(k))?;
    if ctx.taken.get(k).copied().unwrap_or(true) {
        return None;
    }
    // "one-third" or followed by "of": a share of a whole. "half an
    // hour" is a duration, "a third round" an ordinal.
    let glued = k > i && ctx.ws[k].hyphen_before;
    if !glued && ctx.low(k + 1) != "of" && !matches!(ctx.low(k + 1), "the" | "their" | "its") {
        return None;
    }
    // "two-thirds" is 2 × a third, "three quarters" 3 × a quarter.
    let plural = ctx.low(k).ends_with('s');
    let value = if plural { share } else { share * count };
    Some(Draft::number(SlotKind::Percent, value, None, i, k))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_shares() {
        assert_eq!(slots("rose 12% in"), ["percent 12 Exact \"12%\""]);
        assert_eq!(
            slots("rose 4.5 per cent in"),
            ["percent 4.5 Exact \"4.5 per cent\""]
        );
        assert_eq!(
            slots("five per cent of"),
            ["percent 5 Exact \"five per cent\""]
        );
        assert_eq!(
            slots("more than half of the passengers"),
            ["percent 50 AtLeast \"half\""]
        );
        assert_eq!(
            slots("one in four Turks"),
            ["percent 25 Exact \"one in four\""]
        );
        assert_eq!(
            slots("one-third of revenue"),
            ["percent 33.33 Exact \"one-third\""]
        );
        assert_eq!(
            slots("rose 1.25 percentage points"),
            ["percent 1.25 Exact \"1.25 percentage points\""]
        );
    }
}
