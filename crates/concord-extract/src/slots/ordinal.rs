//! Ranks: "third", "21st", "second-largest", "No. 2". Not ranks: "at
//! first", "first of all", a sentence-opening "First,".

use super::number::Figure;
use super::{Ctx, Draft};
use concord_core::SlotKind;

/// Words after a rank that make it part of a name or an idiom: "third
/// degree assault", "the second world war", "for the first time", "first
/// hand".
const NOT_AFTER: &[&str] = &["degree", "time", "world", "hand", "lady", "thing", "things"];

/// A rank followed by a name is part of the name ("the 70th Precinct",
/// "the U.S. 7th Fleet", "East 93rd Street", "First Boston"), except after
/// "a" ("a second P8 Poseidon": another one).
fn names_something(ctx: &Ctx<'_>, i: usize) -> bool {
    let next = i + 1;
    let capital_next = ctx.ws.get(next).is_some_and(|w| w.is_capitalized())
        && ctx.spaced(next)
        && !matches!(ctx.low(next), "anniversary" | "birthday");
    let after_a = i > 0 && matches!(ctx.low(i - 1), "a" | "an");
    (capital_next && !after_a) || ctx.ws[i].is_capitalized() && i > 0
}

/// "first publicly disclosed", "the first 10 years": an adverb, or a rank
/// of a count rather than a value.
fn adverbial(ctx: &Ctx<'_>, i: usize) -> bool {
    let next = ctx.low(i + 1);
    let figure_next = ctx
        .ws
        .get(i + 1)
        .is_some_and(|w| w.shape == concord_text::WordShape::Number)
        || ctx.lex.number_word_value(next).is_some();
    let the = i > 0 && matches!(ctx.low(i - 1), "the" | "its" | "their" | "his" | "her");
    (figure_next && the) || next.ends_with("ly") || (next.ends_with("ed") && ctx.low(i) == "first")
}

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    if let Some(fig) = fig {
        // "4th", "21st"
        if let Some(s) = &fig.suffix
            && matches!(s.as_str(), "st" | "nd" | "rd" | "th")
            && !ctx.in_name(fig)
        {
            if names_something(ctx, i) || NOT_AFTER.contains(&ctx.low(i + 1)) {
                return None;
            }
            return Some(Draft::number(SlotKind::Ordinal, fig.value, None, i, i));
        }
        // "No. 2", "Number 2"
        if fig.plain
            && i > 0
            && matches!(ctx.ws[i - 1].text, "No" | "No." | "Number" | "no.")
            && ctx.ws[i - 1].is_capitalized()
        {
            return Some(Draft::number(SlotKind::Ordinal, fig.value, None, i - 1, i));
        }
        return None;
    }
    if ctx.ws[i].shape != concord_text::WordShape::Word {
        return None;
    }
    let low = ctx.low(i);
    let value = ctx.lex.ordinal_value(low)?;
    let prev = i.checked_sub(1).map_or("", |p| ctx.low(p));
    let next = ctx.low(i + 1);
    if prev == "at" && low == "first" || (low == "first" && next == "of" && ctx.low(i + 2) == "all")
    {
        return None;
    }
    // "First, ..." opening a sentence is an adverb.
    if i == 0 && ctx.gap(1).trim_start().starts_with(',') {
        return None;
    }
    if names_something(ctx, i) || adverbial(ctx, i) || NOT_AFTER.contains(&next) {
        return None;
    }
    // "second" after a figure is a time unit ("45 seconds" is read as a
    // duration first); "a second" before a noun is a rank.
    Some(Draft::number(SlotKind::Ordinal, value, None, i, i))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_ranks() {
        assert_eq!(slots("the third season"), ["ordinal 3 Exact \"third\""]);
        assert_eq!(slots("the 21st century"), ["ordinal 21 Exact \"21st\""]);
        assert_eq!(
            slots("the second-largest carmaker"),
            ["ordinal 2 Exact \"second\""]
        );
        assert_eq!(slots("at first they refused"), Vec::<String>::new());
    }
}
