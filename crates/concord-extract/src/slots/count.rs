//! Counts: a figure and the noun it counts ("two children", "153 Chinese
//! passengers", "1.2 million barrels a day", "twenty-two homes", "a dozen
//! top managers", "four-time champion", "twice"). The unit is the counted
//! noun's singular, lower case.
//!
//! A figure with no noun of its own counts the noun of the count before it
//! in the claim ("killing one dog and injuring five others"), or of the one
//! it is a part of ("eight of the 11 planes"); otherwise it is no slot:
//! a bare figure says nothing checkable.

use super::number::Figure;
use super::{Ctx, Draft, Vocab};
use concord_core::SlotKind;

/// The singular of a plural noun: "passengers" → "passenger", "counts" →
/// "count", "casualties" → "casualty", "gunmen" → "gunman".
pub fn singular(ctx: &Ctx<'_>, plural: &str) -> String {
    if let Some(u) = ctx.v.count_units.get(plural) {
        return u.clone();
    }
    if let Some(stem) = plural.strip_suffix("men") {
        return format!("{stem}man");
    }
    if let Some(stem) = plural.strip_suffix("ies")
        && stem.len() > 1
    {
        return format!("{stem}y");
    }
    for end in ["sses", "ches", "shes", "xes", "zzes"] {
        if plural.ends_with(end) {
            return plural[..plural.len() - 2].to_string();
        }
    }
    plural.strip_suffix('s').unwrap_or(plural).to_string()
}

/// Looks like a plural noun: "dogs", "people", "gunmen".
fn plural(ctx: &Ctx<'_>, w: &str) -> bool {
    if ctx.v.count_units.contains_key(w) {
        return true;
    }
    if w.ends_with("men") && w.len() > 4 {
        return true;
    }
    w.len() > 2
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !ctx.lex.is_stopword(w)
}

/// The counted noun after the figure ending at word `last`: (its word,
/// whether it is plural).
fn head(ctx: &Ctx<'_>, last: usize, one: bool) -> Option<usize> {
    let mut candidate = None;
    for k in last + 1..last + 6 {
        if !ctx.is_word_or_name(k) {
            break;
        }
        let w = ctx.low(k);
        let glued = ctx.ws[k].hyphen_before;
        if !ctx.spaced(k) && !glued {
            break;
        }
        // "four-time", "a two-man crew": a noun glued to the figure.
        if glued && k == last + 1 {
            return Some(k);
        }
        if Vocab::has(&ctx.v.lists.count_modifiers, w) && !plural(ctx, w) {
            continue;
        }
        // "6,500 US stores": a name inside the phrase ("US" is no pronoun).
        if ctx.names[k] && !plural(ctx, w) {
            continue;
        }
        if (Vocab::has(&ctx.v.lists.not_counted, w) || ctx.lex.is_stopword(w)) && !glued {
            break;
        }
        // A verb ends the phrase: "one dog died", "two were hurt".
        if k > last + 1 && (w.ends_with("ed") || w.ends_with("ing")) && !plural(ctx, w) {
            break;
        }
        if Vocab::has(&ctx.v.lists.count_modifiers, w) && !plural(ctx, w) {
            continue;
        }
        // "three Korean Americans": a plural name is the noun when no
        // plural noun follows it.
        if plural(ctx, w)
            && !(ctx.names[k] && ctx.is_word_or_name(k + 1) && plural(ctx, ctx.low(k + 1)))
        {
            return Some(k);
        }
        if one {
            candidate = Some(k);
            // "one civil aircraft", "one count": a singular noun phrase;
            // keep going while words are not verbs or function words.
            continue;
        }
        if ctx.ws[k].is_capitalized() || glued || ctx.names[k] {
            // "150 Chinese passengers", "two ex-Yugoslav frigates"
            continue;
        }
        candidate.get_or_insert(k);
    }
    if one { candidate } else { None }
}

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    let Some(fig) = fig else {
        // "twice", "thrice"
        let &n = ctx.v.times_words.get(ctx.low(i))?;
        return Some(Draft::number(SlotKind::Count, n, Some("time".into()), i, i));
    };
    if ctx.in_name(fig) {
        return None;
    }
    let mut value = fig.value;
    let mut scale = 1.0;
    if let Some(s) = &fig.suffix {
        scale = match s.as_str() {
            "m" | "mn" | "mln" => 1e6,
            "bn" | "bln" => 1e9,
            "k" => 1e3,
            _ => return None,
        };
        value *= scale;
    }
    let low = ctx.low(i);
    let prev = i.checked_sub(1).map_or("", |p| ctx.low(p));
    let next = ctx.low(fig.last + 1);
    // "one of them", "the one who", "no one": a pronoun; "at one point",
    // "one day", "one-time" (former): idioms.
    let noun_next = ctx.is_word_or_name(fig.last + 1) && !ctx.lex.is_stopword(next);
    if low == "one"
        && (matches!(next, "of" | "who" | "that" | "which" | "another")
            || (matches!(
                prev,
                "the" | "no" | "any" | "every" | "each" | "this" | "that"
            ) && !noun_next)
            || (prev == "at" && next == "point")
            || (next == "day"
                && !matches!(
                    ctx.low(fig.last + 2),
                    "later" | "after" | "before" | "earlier"
                ))
            || (next == "time" && ctx.ws.get(fig.last + 1).is_some_and(|w| w.hyphen_before)))
    {
        return None;
    }
    // "501(c)(4) groups": a code, not a count.
    if ctx.gap(fig.first).ends_with('(')
        && fig.first > 0
        && ctx.ws[fig.first - 1].end + 1 == ctx.ws[fig.first].start
    {
        return None;
    }
    // A year-like figure no recogniser took as a date is a model year or a
    // code ("2016 Ski-Doo"), unless a plural noun follows ("2000 troops").
    let head_word = head(ctx, fig.last, value == 1.0);
    if fig.year_like() && head_word.is_none_or(|h| !plural(ctx, ctx.low(h))) {
        return None;
    }
    // Sports scores and tallies: "3-1", "23-14".
    if ctx
        .ws
        .get(fig.last + 1)
        .is_some_and(|w| w.hyphen_before && w.text.chars().all(|c| c.is_ascii_digit()))
        || (fig.first > 0
            && ctx.ws[fig.first].hyphen_before
            && ctx.ws[fig.first - 1]
                .text
                .chars()
                .all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if let Some(h) = head_word {
        let w = ctx.low(h);
        // A unit the measure recogniser left ("the 800 metres favourites":
        // a race) is no counted noun either.
        if ctx.v.measures.get_at(&ctx.low, h).is_some()
            || ctx.v.durations.get_at(&ctx.low, h).is_some()
        {
            return None;
        }
        let mut unit = if plural(ctx, w) {
            singular(ctx, w)
        } else {
            w.to_string()
        };
        let mut last = h;
        // "1.2 million barrels a day", "474,000 bpd"
        if let Some(n) = ctx.v.lists.rate_words.match_at(&ctx.low, h + 1) {
            let rate = ctx
                .low
                .get(h + 1..h + 1 + n)
                .map(|r| r.join(" "))
                .unwrap_or_default();
            let per = rate.rsplit(' ').next().unwrap_or("");
            if per != "bpd" {
                unit = format!("{unit} per {per}");
                last = h + n;
            }
        }
        let mut d = Draft::number(SlotKind::Count, value, Some(unit), i, last);
        // The text ends at the noun, not the rate ("1.2 million barrels a
        // day" keeps the rate: it says what is counted).
        d.scale = scale;
        return Some(d);
    }
    elliptical(ctx, fig, value)
}

/// A figure without its noun: "injuring five others", "eight of the 11
/// planes", "... 56,187 units, up from 73,507".
fn elliptical(ctx: &Ctx<'_>, fig: &Figure, value: f64) -> Option<Draft> {
    let next = fig.last + 1;
    // "eight of the 11 planes", "10 out of the 19 populations", "three of
    // those groups", "2,400 of them" (the plural noun before).
    let of = if ctx.low(next) == "out" && ctx.low(next + 1) == "of" {
        next + 1
    } else {
        next
    };
    if ctx.low(of) == "of" {
        let k = if matches!(ctx.low(of + 1), "the" | "its" | "their" | "those" | "these") {
            of + 2
        } else {
            of + 1
        };
        let unit = match super::number::at(ctx, k) {
            Some(whole) => head(ctx, whole.last, whole.value == 1.0).map(|h| ctx.low(h)),
            None if matches!(ctx.low(of + 1), "those" | "these" | "the") => {
                head(ctx, of + 1, false).map(|h| ctx.low(h))
            }
            None if matches!(ctx.low(of + 1), "them" | "those" | "these") => (fig
                .first
                .saturating_sub(12)
                ..fig.first)
                .rev()
                .find(|&w| {
                    ctx.is_word(w) && plural(ctx, ctx.low(w)) && !ctx.lex.is_stopword(ctx.low(w))
                })
                .map(|w| ctx.low(w)),
            None => None,
        }?;
        let unit = if plural(ctx, unit) {
            singular(ctx, unit)
        } else {
            unit.to_string()
        };
        return Some(Draft::number(
            SlotKind::Count,
            value,
            Some(unit),
            fig.first,
            fig.last,
        ));
    }
    // "five others": the noun of the previous count. Not a figure that
    // opens a range ("buried between 3,000 and 1,500 years ago"): the
    // range's other end says what it measures.
    let others = matches!(ctx.low(next), "others" | "more");
    if !others && super::range_link(ctx, fig.last).is_some_and(|(_, range)| range) {
        return None;
    }
    let prev = ctx
        .drafts
        .iter()
        .rev()
        .find(|d| d.kind == SlotKind::Count)?;
    // "..., two seriously": an adverb may stand before the clause ends.
    let adverb_end = ctx.low(next).ends_with("ly") && ctx.clause_ends_after(next);
    let ends = others
        || adverb_end
        || ctx.clause_ends_after(fig.last)
        || matches!(ctx.low(next), "and" | "but" | "in" | "were" | "was");
    if !ends || !fig.plain && fig.digits && fig.value.fract() != 0.0 {
        return None;
    }
    let last = if others { next } else { fig.last };
    Some(Draft::number(
        SlotKind::Count,
        value,
        prev.unit.clone(),
        fig.first,
        last,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_counts_with_their_nouns() {
        assert_eq!(
            slots("two children died"),
            ["count 2 child Exact \"two children\""]
        );
        assert_eq!(
            slots("153 Chinese passengers"),
            ["count 153 passenger Exact \"153 Chinese passengers\""]
        );
        assert_eq!(
            slots("cut 1.2 million barrels a day"),
            ["count 1200000 barrel per day Exact \"1.2 million barrels a day\""]
        );
        assert_eq!(
            slots("twenty-two homes"),
            ["count 22 home Exact \"twenty-two homes\""]
        );
        assert_eq!(
            slots("a four-time champion"),
            ["count 4 time Exact \"four-time\""]
        );
        assert_eq!(
            slots("sent 133m text messages"),
            ["count 133000000 message Exact \"133m text messages\""]
        );
    }

    #[test]
    fn an_elided_noun_comes_from_the_count_before() {
        assert_eq!(
            slots("killing one dog and injuring five others"),
            [
                "count 1 dog Exact \"one dog\"",
                "count 5 dog Exact \"five others\""
            ]
        );
    }

    #[test]
    fn names_models_and_pronouns_are_not_counts() {
        assert_eq!(slots("the iPhone 5 sold well"), Vec::<String>::new());
        assert_eq!(slots("a Boeing 777 crashed"), Vec::<String>::new());
        assert_eq!(slots("one of the victims"), Vec::<String>::new());
        assert_eq!(slots("COVID-19 spread"), Vec::<String>::new());
        assert_eq!(slots("won 3-1 at home"), Vec::<String>::new());
    }
}
