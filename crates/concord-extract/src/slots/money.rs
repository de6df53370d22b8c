//! Sums of money: a currency symbol before the figure ("$14.9 billion",
//! "£3m", "€500,000", "US$5", "Rs 500") or a currency word after it ("700
//! dollars", "12 mln dlrs", "18.3bn euros", "77 cts"). The value is in
//! units of the currency (cents are hundredths), the unit its ISO code.

use super::number::Figure;
use super::{Ctx, Draft};
use concord_core::SlotKind;
use concord_text::{WordShape, scale_word_value};

/// The currency code of a symbol written right before word `i`, and the
/// first word of the symbol: "$", "US$" ("US" then "$"), "Â£", "Rs".
fn symbol_before(ctx: &Ctx<'_>, i: usize) -> Option<(String, usize)> {
    let p = i.checked_sub(1)?;
    let prev = &ctx.ws[p];
    if !ctx.gap(i).trim().is_empty() && ctx.gap(i).trim() != "." {
        return None;
    }
    if prev.shape == WordShape::Symbol {
        let sym = prev.text;
        // "US$", "C$", "HK$", "Â£": a word glued to the symbol.
        if p > 0 && ctx.gap(p).is_empty() && ctx.ws[p - 1].shape == WordShape::Word {
            let joined = format!("{}{}", ctx.ws[p - 1].text, sym);
            if let Some(code) = ctx.v.currency_symbols.get(&joined) {
                return Some((code.clone(), p - 1));
            }
        }
        return ctx.v.currency_symbols.get(sym).map(|c| (c.clone(), p));
    }
    // "Rs 500", "Rs.500", "CHF 20", "EUR 5"
    let word = prev.text.trim_end_matches('.');
    ctx.v
        .currency_symbols
        .get(word)
        .or_else(|| ctx.v.currency_symbols.get(prev.text))
        .filter(|_| prev.text.chars().next().is_some_and(char::is_uppercase))
        .map(|c| (c.clone(), p))
}

/// A glued scale: "bn", "m", "k", "mln" (after a currency symbol "m" is
/// millions, never metres).
fn glued_scale(suffix: &str) -> Option<f64> {
    match suffix {
        "m" | "mn" | "mln" => Some(1e6),
        "bn" | "b" | "bln" => Some(1e9),
        "k" => Some(1e3),
        "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    let fig = fig?;
    let mut value = fig.value;
    let mut last = fig.last;
    if let Some(s) = &fig.suffix {
        value *= glued_scale(s)?;
    }
    if let Some((code, first)) = symbol_before(ctx, i) {
        // "$1.2 bn": a scale written apart from a symbol-led figure.
        if fig.suffix.is_none()
            && !fig.scaled
            && let Some(s) = ctx.low.get(last + 1).and_then(|w| scale_word_value(w))
            && s >= 1e3
        {
            value *= s;
            last += 1;
        }
        let mut d = Draft::number(SlotKind::Money, value, Some(code), first, last);
        d.scale = value / fig.value.max(f64::MIN_POSITIVE);
        // "$5 million dollars": the word repeats the symbol.
        if let Some((n, _)) = ctx.v.currency_words.get_at(&ctx.low, last + 1) {
            d.last = last + n;
        }
        return Some(d);
    }
    // "took $28.5m ..., making a total of 204.3m": a glued scale after money
    // in the same claim is money of the same currency.
    if fig.suffix.is_some()
        && let Some(prev) = ctx
            .drafts
            .iter()
            .rev()
            .find(|d| d.kind == SlotKind::Money && !ctx.gap(d.first).trim_end().ends_with('('))
        && ctx.v.measures.get_at(&ctx.low, fig.last + 1).is_none()
        && !ctx.is_word(fig.last + 1)
    {
        let mut d = Draft::number(SlotKind::Money, value, prev.unit.clone(), i, last);
        d.scale = value / fig.value.max(f64::MIN_POSITIVE);
        return Some(d);
    }
    // A currency word after the figure: "700 dollars", "12 mln dlrs".
    let next = last + 1;
    if !ctx.spaced(next) {
        return None;
    }
    // "pounds" of weight is a measure (rules/slots.toml), unless a scale
    // says money: "5 million pounds".
    let gbp = ("GBP".to_string(), 1.0);
    let (n, (code, factor)) = match ctx.v.currency_words.get_at(&ctx.low, next) {
        Some((n, c)) => (n, c),
        None if (fig.scaled || fig.suffix.is_some())
            && matches!(ctx.low(next), "pounds" | "pound") =>
        {
            (1, &gbp)
        }
        None => return None,
    };
    let mut d = Draft::number(
        SlotKind::Money,
        value * factor,
        Some(code.clone()),
        i,
        next + n - 1,
    );
    d.scale = factor * value / fig.value.max(f64::MIN_POSITIVE);
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_money() {
        assert_eq!(
            slots("a $14.9 billion deal"),
            ["money 14900000000 USD Exact \"$14.9 billion\""]
        );
        assert_eq!(slots("worth £3.2m"), ["money 3200000 GBP Exact \"£3.2m\""]);
        assert_eq!(
            slots("about €500,000 in"),
            ["money 500000 EUR About \"€500,000\""]
        );
        assert_eq!(
            slots("paid 700 dollars"),
            ["money 700 USD Exact \"700 dollars\""]
        );
        assert_eq!(
            slots("earned 24.8 mln dlrs"),
            ["money 24800000 USD Exact \"24.8 mln dlrs\""]
        );
        assert_eq!(
            slots("up to 77 cts a share"),
            ["money 0.77 USD AtMost \"77 cts\""]
        );
        assert_eq!(
            slots("18.3bn euros"),
            ["money 18300000000 EUR Exact \"18.3bn euros\""]
        );
        assert_eq!(slots("a US$5 fee"), ["money 5 USD Exact \"US$5\""]);
    }
}
