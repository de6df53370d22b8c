//! Physical quantities: "15 km east", "10km", "80 feet", "a 122-foot
//! boat", "1300 milligrams per kilo", "154 square miles", "80 mph". The
//! unit is its symbol from `rules/slots.toml`. A distance that names a
//! race ("the men's 200m title", "one of the 800 metres favourites") is
//! no measure.

use super::number::Figure;
use super::{Ctx, Draft, Vocab};
use concord_core::SlotKind;

/// Words after a glued "m" that make it metres.
const METRE_CONTEXT: &[&str] = &[
    "long", "tall", "high", "wide", "deep", "away", "across", "above", "below", "under", "down",
    "up", "east", "west", "north", "south", "fall", "drop", "wall", "wave", "waves", "tower",
];

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    let Some(fig) = fig else {
        return one_unit(ctx, i);
    };
    if ctx.in_name(fig) {
        return None;
    }
    if let Some(s) = &fig.suffix {
        let (n, symbol) = ctx.v.measures.get_at(&[s.as_str()], 0)?;
        if n != 1 {
            return None;
        }
        // "133m text messages": a glued "m" before a noun is millions; "a
        // 15m fall", "2m long", "15m away" are metres.
        if s == "m"
            && ctx.is_word(i + 1)
            && ctx.spaced(i + 1)
            && !ctx.lex.is_stopword(ctx.low(i + 1))
            && !METRE_CONTEXT.contains(&ctx.low(i + 1))
            && (i + 1..i + 4).any(|k| ctx.is_word(k) && ctx.low(k).ends_with('s'))
        {
            return None;
        }
        if Vocab::has(&ctx.v.lists.race_words, ctx.low(i + 1)) {
            return None;
        }
        return Some(Draft::number(
            SlotKind::Measure,
            fig.value,
            Some(symbol.clone()),
            i,
            i,
        ));
    }
    let next = fig.last + 1;
    if !(ctx.spaced(next) || ctx.ws.get(next).is_some_and(|w| w.hyphen_before)) {
        return None;
    }
    let (n, symbol) = ctx.v.measures.get_at(&ctx.low, next)?;
    if Vocab::has(&ctx.v.lists.race_words, ctx.low(next + n)) {
        return None;
    }
    // A one-letter unit word ("m", "g", "l") written apart must be lower
    // case and not an article or initial: "4 m" but not "Room 4 M".
    if ctx.low(next).len() == 1 && ctx.ws[next].text.chars().all(char::is_uppercase) {
        return None;
    }
    Some(Draft::number(
        SlotKind::Measure,
        fig.value,
        Some(symbol.clone()),
        i,
        next + n - 1,
    ))
}

/// "a meter wide", "a mile away": one unit, when the article and a unit
/// word of two letters or more are followed by what the measure is (a
/// dimension or a direction). Elsewhere "a mile" is a figure of speech
/// ("miles ahead", "went the extra mile") too often to be a value.
fn one_unit(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    if !matches!(ctx.low(i), "a" | "an") || !ctx.spaced(i + 1) {
        return None;
    }
    let (n, symbol) = ctx.v.measures.get_at(&ctx.low, i + 1)?;
    let after = i + 1 + n;
    if ctx.low(i + 1).len() < 2 || !METRE_CONTEXT.contains(&ctx.low(after)) {
        return None;
    }
    Some(Draft::number(
        SlotKind::Measure,
        1.0,
        Some(symbol.clone()),
        i,
        after - 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_measures() {
        assert_eq!(
            slots("the foot, nearly a meter wide, was"),
            ["measure 1 m About \"a meter\""]
        );
        assert_eq!(slots("went the extra mile"), Vec::<String>::new());
        assert_eq!(slots("a mile from home"), Vec::<String>::new());
        assert_eq!(slots("15 km east of"), ["measure 15 km Exact \"15 km\""]);
        assert_eq!(slots("a depth of 10km"), ["measure 10 km Exact \"10km\""]);
        assert_eq!(
            slots("a 122-foot boat"),
            ["measure 122 ft Exact \"122-foot\""]
        );
        assert_eq!(
            slots("154 square miles"),
            ["measure 154 sq mi Exact \"154 square miles\""]
        );
        assert_eq!(
            slots("weighs 50 pounds"),
            ["measure 50 lb Exact \"50 pounds\""]
        );
    }
}
