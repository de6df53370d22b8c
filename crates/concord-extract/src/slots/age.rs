//! Ages: "a 59-year-old teacher", "three-year-old Nash", "6-week-old"
//! (unit `week`), "36 years old", "aged 42", "at the age of 42", "Kroll,
//! 34,", "Banjo, 2, and Crosby, 3,", "He was 35.". The value is in years
//! unless the unit says weeks or months.
//!
//! "N years old" of a thing is how long it has existed, a duration ("a
//! 2,000-year-old statue"): a thing is a noun of `not_alive`, or any value
//! no animal reaches.

use super::number::Figure;
use super::{Ctx, Draft, Vocab};
use concord_core::SlotKind;

/// Ages above this are durations ("2,000-year-old").
const OLDEST: f64 = 125.0;

/// Pronouns and words that stand for a person in "He was 35.".
const PERSONS: &[&str] = &[
    "he", "she", "i", "who", "victim", "man", "woman", "boy", "girl",
];

fn age(value: f64, unit: Option<&str>, first: usize, last: usize) -> Draft {
    let unit = unit.filter(|u| *u != "year").map(str::to_string);
    Draft::number(SlotKind::Age, value, unit, first, last)
}

pub fn find(ctx: &Ctx<'_>, _i: usize, fig: Option<&Figure>) -> Option<Draft> {
    if let Some(fig) = fig {
        if let Some(d) = year_old(ctx, fig) {
            return Some(d);
        }
        if fig.suffix.is_some() || ctx.in_name(fig) || fig.value.fract() != 0.0 {
            return None;
        }
        if fig.value > OLDEST || fig.value < 0.0 {
            return None;
        }
        if let Some(d) = aged(ctx, fig)
            .or_else(|| apposition(ctx, fig))
            .or_else(|| was(ctx, fig))
        {
            return Some(d);
        }
    }
    None
}

/// "59-year-old", "three-year-old", "6-week-old", "36 years old",
/// "25-year-man" (a typo for "-year-old man").
fn year_old(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    let u = fig.last + 1;
    let unit = ctx.v.duration_words.get(ctx.low(u))?;
    if !matches!(unit.as_str(), "year" | "month" | "week" | "day") {
        return None;
    }
    let hyphen = ctx.ws[u].hyphen_before;
    let next = u + 1;
    let old = Vocab::has(&ctx.v.lists.age_after, ctx.low(next));
    let typo = hyphen
        && ctx.ws.get(next).is_some_and(|w| w.hyphen_before)
        && matches!(ctx.low(next), "man" | "woman" | "boy" | "girl");
    if !(old || typo) {
        return None;
    }
    if typo {
        return Some(age(fig.value, Some(unit), fig.first, u));
    }
    // What the age is of: the noun after "-year-old", or before "is N years
    // old".
    let noun_after = (next + 1..next + 3).find(|&k| {
        ctx.is_word(k)
            && !ctx.lex.is_stopword(ctx.low(k))
            && !Vocab::has(&ctx.v.lists.count_modifiers, ctx.low(k))
    });
    let thing = noun_after.is_some_and(|k| {
        let l = ctx.low(k);
        Vocab::has(&ctx.v.lists.not_alive, l)
            || Vocab::has(&ctx.v.lists.not_alive, l.trim_end_matches('s'))
    }) || (!hyphen
        && (fig.first.saturating_sub(6)..fig.first).any(|k| {
            let l = ctx.low(k);
            Vocab::has(&ctx.v.lists.not_alive, l)
                || Vocab::has(&ctx.v.lists.not_alive, l.trim_end_matches('s'))
        }));
    if fig.value > OLDEST || thing {
        let mut d = Draft::number(
            SlotKind::Duration,
            fig.value,
            Some(unit.clone()),
            fig.first,
            next,
        );
        d.kind = SlotKind::Duration;
        return Some(d);
    }
    Some(age(fig.value, Some(unit), fig.first, next))
}

/// "aged 42", "age 42", "at the age of 42", "ages 30 to 40".
fn aged(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    // "aged about 30": a bound may stand between.
    let at =
        if fig.first > 0 && ctx.lex.cues.approximate.match_at(&ctx.low, fig.first - 1) == Some(1) {
            fig.first - 1
        } else {
            fig.first
        };
    let ends = ctx.v.lists.age_before.ends_before(&ctx.low, at, 2);
    // "the age of 42"
    ends.then(|| age(fig.value, None, fig.first, fig.last))
}

/// "Kroll, 34," "Banjo, 2, and Crosby, 3," "Lanza (20)": a figure between
/// commas or brackets right after a name or a person.
fn apposition(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    let p = fig.first.checked_sub(1)?;
    let gap = ctx.gap(fig.first).trim();
    if gap != "," && gap != "(" {
        return None;
    }
    let prev = &ctx.ws[p];
    let named = prev.is_capitalized()
        && prev.shape == concord_text::WordShape::Word
        && super::date::month(ctx, ctx.low(p)).is_none()
        && super::date::weekday(ctx, ctx.low(p)).is_none()
        && !ctx.lex.is_stopword(ctx.low(p));
    let person = PERSONS.contains(&ctx.low(p));
    if !(named || person) {
        return None;
    }
    let after = ctx.gap(fig.last + 1).trim_start();
    let closes = if gap == "(" {
        after.starts_with(')')
    } else {
        after.starts_with(',')
            || after.starts_with('.')
            || fig.last + 1 >= ctx.ws.len()
            || after.starts_with(';')
    };
    if !closes {
        return None;
    }
    // "Nulato, 12, ...": a place list, not an age. A name followed by a
    // figure followed by a unit is a quantity; both need the figure to end
    // its phrase, which `closes` checked.
    Some(age(fig.value, None, fig.first, fig.last))
}

/// "He was 35.", "Kroll was 34 when": a person is a figure at the end of a
/// clause.
fn was(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    let v = fig.first.checked_sub(1)?;
    if !matches!(ctx.low(v), "was" | "is" | "turned" | "turns" | "be") {
        return None;
    }
    let s = v.checked_sub(1)?;
    let subject = &ctx.ws[s];
    let person = PERSONS.contains(&ctx.low(s))
        || (subject.is_capitalized()
            && !ctx.lex.is_stopword(ctx.low(s))
            && subject.shape == concord_text::WordShape::Word);
    if !person {
        return None;
    }
    let end =
        ctx.clause_ends_after(fig.last) || matches!(ctx.low(fig.last + 1), "when" | "at" | "and");
    end.then(|| age(fig.value, None, fig.first, fig.last))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_ages() {
        assert_eq!(
            slots("a 59-year-old teacher"),
            ["age 59 Exact \"59-year-old\""]
        );
        assert_eq!(slots("Kroll, 34, was"), ["age 34 Exact \"34\""]);
        assert_eq!(slots("He was 35."), ["age 35 Exact \"35\""]);
        assert_eq!(slots("aged 42, she"), ["age 42 Exact \"42\""]);
        assert_eq!(
            slots("a 6-week-old baby"),
            ["age 6 week Exact \"6-week-old\""]
        );
        assert_eq!(
            slots("he is 36 years old"),
            ["age 36 Exact \"36 years old\""]
        );
    }

    #[test]
    fn the_age_of_a_thing_is_a_duration() {
        assert_eq!(
            slots("a 2,000-year-old statue"),
            ["duration 2000 year Exact \"2,000-year-old\""]
        );
    }
}
