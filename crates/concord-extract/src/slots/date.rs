//! Dates: "Sept. 27, 2015", "Aug 3", "Jan. 5", "27 September 2015",
//! "Friday, Feb. 14, 2014" (one slot), "in 2016", "last March", weekdays
//! ("on Thursday", resolved against the publication date when it is
//! known). Relative dates ("yesterday", "last week") are not slots: they
//! name no day without the publication date, and outlets write them from
//! different days.
//!
//! The day something was said ("the spokesman said Sunday") is a date
//! slot whose role is the speech verb: only dates of aligned roles are
//! compared. Model years ("the 2016 Ski-Doo", "model-year 2017 Scion") are
//! not dates.

use super::number::Figure;
use super::{Ctx, Draft, Vocab};
use concord_core::{SlotKind, Weekday};
use concord_text::parse_number;

/// A word without its possessive or final dot: "Wednesday's" →
/// "wednesday", "Sept." → "sept".
fn bare(low: &str) -> &str {
    low.strip_suffix("'s").unwrap_or(low).trim_end_matches('.')
}

/// The month a lower-case word names (the `months` and
/// `month_abbreviations` of `rules/language.toml`), with or without its
/// final dot or a possessive ("February's meeting").
pub fn month(ctx: &Ctx<'_>, low: &str) -> Option<u8> {
    ctx.lex.month_number(bare(low))
}

/// Is the month written out ("March"), not abbreviated ("Mar")?
fn full_month(ctx: &Ctx<'_>, low: &str) -> bool {
    ctx.lex.is_month_name(bare(low))
}

pub fn weekday(ctx: &Ctx<'_>, low: &str) -> Option<Weekday> {
    ctx.lex.weekday_of_word(bare(low))
}

/// A plausible year at word `i`.
fn year_at(ctx: &Ctx<'_>, i: usize) -> Option<i32> {
    let w = ctx.ws.get(i)?;
    let t = w.text;
    if ctx.taken[i] || t.len() != 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.parse().ok()?;
    (1800..2200).contains(&y).then_some(y)
}

/// A day of the month at word `i`: "27", "3rd".
fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<u8> {
    let w = ctx.ws.get(i)?;
    if ctx.taken[i] {
        return None;
    }
    let t = ctx.low(i);
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(t);
    let d = parse_number(digits)?;
    (w.text.len() <= 4 && d.fract() == 0.0 && (1.0..=31.0).contains(&d)).then_some(d as u8)
}

fn value(
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<Weekday>,
) -> String {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
        (None, Some(m), None) => format!("--{m:02}"),
        (None, None, _) => weekday.map_or_else(String::new, |w| w.name().to_lowercase()),
    }
}

fn draft(
    first: usize,
    last: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<Weekday>,
) -> Draft {
    let mut d = Draft::text(
        SlotKind::Date,
        value(year, month, day, weekday),
        first,
        last,
    );
    d.year = year;
    d.month = month;
    d.day = day;
    d.weekday = weekday.map(|w| w.name().to_lowercase());
    d
}

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    month_date(ctx, i)
        .or_else(|| weekday_date(ctx, i))
        .or_else(|| day_month(ctx, i))
        .or_else(|| fig.and_then(|f| year_only(ctx, i, f)))
        .or_else(|| year_suffix(ctx, i))
        .or_else(|| day_suffix(ctx, i))
}

/// The second day of a range written once: "9" of "Jan. 7-9".
fn day_suffix(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let prev = ctx
        .drafts
        .last()
        .filter(|d| d.last + 1 == i && d.day.is_some())?;
    if !ctx.ws[i].hyphen_before {
        return None;
    }
    let day = day_at(ctx, i).filter(|&d| Some(d) > prev.day)?;
    Some(draft(i, i, prev.year, prev.month, Some(day), None))
}

/// Month [day] [,] [year]: "Sept. 27, 2015", "Aug 3", "December 2022",
/// "in March".
fn month_date(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let w = ctx.ws.get(i).filter(|_| !ctx.taken[i])?;
    let low = ctx.low(i);
    let m = month(ctx, low)?;
    let mut last = i;
    let mut day = None;
    // "Jan. 5" but not "January 2,000 people"
    if let Some(d) = day_at(ctx, i + 1).filter(|_| year_at(ctx, i + 1).is_none()) {
        day = Some(d);
        last = i + 1;
    }
    let mut year = None;
    if let Some(y) = year_at(ctx, last + 1) {
        year = Some(y);
        last += 1;
    } else if ctx.low(last + 1) == "of"
        && let Some(y) = year_at(ctx, last + 2)
    {
        // "January of 2013"
        year = Some(y);
        last += 2;
    }
    // Reuters writes months in lower case ("between august 1984 and"): a
    // lower-case month needs its day or year.
    if !w.is_capitalized() && (!full_month(ctx, low) || (day.is_none() && year.is_none())) {
        return None;
    }
    // "the 3rd of March", handled by day_month; here a bare month needs to
    // be a month: "May" a modal, "Jan" a name, "Mar" a verb.
    if day.is_none() && year.is_none() {
        let prev = i.checked_sub(1).map_or("", |p| ctx.low(p));
        let context = ctx.lex.words.may_month_context.contains(prev);
        if !full_month(ctx, low) || (m == 5 && !context) {
            return None;
        }
        if !context && !matches!(prev, "") && ctx.ws[i].text == "March" && ctx.is_word(i + 1) {
            // "March on Washington" (a name), "Women's March".
            return None;
        }
    }
    // "Jan Smith": a short form before a capitalised word is a name.
    if !full_month(ctx, low) && day.is_none() && year.is_none() {
        return None;
    }
    let year = year.or_else(|| ctx.published.map(|p| p.year).filter(|_| day.is_some()));
    Some(draft(i, last, year, Some(m), day, None))
}

/// Day month [year]: "27 September 2015", "the 3rd of March".
fn day_month(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let day = day_at(ctx, i).filter(|_| year_at(ctx, i).is_none())?;
    let mut k = i + 1;
    if ctx.low(k) == "of" {
        k += 1;
    }
    let m = month(ctx, ctx.low(k)).filter(|_| ctx.ws[k].is_capitalized() && !ctx.taken[k])?;
    let mut last = k;
    let mut year = None;
    if let Some(y) = year_at(ctx, k + 1) {
        year = Some(y);
        last = k + 1;
    }
    let year = year.or_else(|| ctx.published.map(|p| p.year));
    Some(draft(i, last, year, Some(m), Some(day), None))
}

/// A weekday, alone or heading a date: "on Thursday", "Friday, Feb. 14,
/// 2014" (one slot).
fn weekday_date(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let w = &ctx.ws[i];
    let wd = weekday(ctx, ctx.low(i)).filter(|_| w.is_capitalized())?;
    // "Friday, Feb. 14, 2014", "Thursday Dec. 27", "Tuesday 9 November"
    if matches!(ctx.gap(i + 1).trim(), "," | "")
        && let Some(full) = month_date(ctx, i + 1)
            .filter(|d| d.day.is_some())
            .or_else(|| day_month(ctx, i + 1))
    {
        return Some(Draft {
            first: i,
            weekday: Some(wd.name().to_lowercase()),
            ..full
        });
    }
    let prev = i.checked_sub(1).map_or("", |p| ctx.low(p));
    let (first, forward) = match prev {
        "last" | "past" => (i - 1, false),
        "next" | "coming" => (i - 1, true),
        _ => (i, ctx.future),
    };
    let resolved = ctx.published.map(|p| {
        let mut d = p.resolve_weekday(wd, forward);
        if prev == "last" && d == p {
            d = d.add_days(-7);
        }
        d
    });
    Some(match resolved {
        Some(d) => draft(first, i, Some(d.year), Some(d.month), Some(d.day), Some(wd)),
        None => draft(first, i, None, None, None, Some(wd)),
    })
}

/// A year on its own: "in 2016", "the 1993 film", "from 2012 to 2014".
/// Not a year: money or a count ("$2000", "2000 troops"), a model year
/// ("the 2016 Ski-Doo", "2016 model"), a time ("2005 GMT").
fn year_only(ctx: &Ctx<'_>, i: usize, fig: &Figure) -> Option<Draft> {
    let year = year_at(ctx, i)?;
    if !fig.year_like() {
        // "2008-10": the second end of a year range.
        return None;
    }
    if i > 0 && ctx.ws[i - 1].shape == concord_text::WordShape::Symbol {
        return None;
    }
    let next = i + 1;
    if let Some(n) = ctx.ws.get(next) {
        let nl = ctx.low(next);
        // "2000 troops", "2000 people": a count of what the year list
        // names; other plural nouns after a year are its ("1987 earnings").
        let unit_after = ctx.v.lists.percent.match_at(&ctx.low, next).is_some()
            || ctx.v.currency_words.get_at(&ctx.low, next).is_some()
            || ctx.v.measures.get_at(&ctx.low, next).is_some()
            || Vocab::has(&ctx.v.lists.counted_after_year, nl)
            || matches!(nl, "per" | "million" | "billion" | "model" | "models");
        if unit_after {
            return None;
        }
        // A year before a name is a model year ("the 2016 Ski-Doo") unless
        // the name is an event's ("the 2017 Pro Bowl", "the 2000 Sydney
        // Games").
        let event =
            (next..next + 3).any(|k| Vocab::has(&ctx.v.lists.event_words, bare(ctx.low(k))));
        if n.is_capitalized()
            && ctx.spaced(next)
            && month(ctx, nl).is_none()
            && !event
            && i > 0
            && matches!(
                ctx.low(i - 1),
                "the" | "a" | "his" | "her" | "their" | "its" | "model-year"
            )
        {
            return None;
        }
    }
    // "model-year 2017", "model year 2017"
    let model_year = i > 0
        && (matches!(ctx.low(i - 1), "model" | "my")
            || (ctx.low(i - 1) == "year" && i > 1 && ctx.low(i - 2) == "model"));
    if model_year {
        return None;
    }
    Some(draft(i, i, Some(year), None, None, None))
}

/// The second end of a year range written short: "10" of "2008-10".
fn year_suffix(ctx: &Ctx<'_>, i: usize) -> Option<Draft> {
    let w = &ctx.ws[i];
    let prev = ctx
        .drafts
        .last()
        .filter(|d| d.last + 1 == i && d.month.is_none())?;
    let y = prev.year?;
    if !w.hyphen_before || w.text.len() != 2 || !w.text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i32 = w.text.parse().ok()?;
    let year = y - y % 100 + n;
    (year > y).then(|| draft(i, i, Some(year), None, None, None))
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_abbreviated_months() {
        assert_eq!(
            slots("on Sept. 27, 2015, police"),
            ["date 2015-09-27 Exact \"Sept. 27, 2015\""]
        );
        assert_eq!(slots("on Aug 3 the"), ["date --08-03 Exact \"Aug 3\""]);
        assert_eq!(
            slots("since Jan. 5 they"),
            ["date --01-05 Exact \"Jan. 5\""]
        );
        assert_eq!(
            slots("on Friday, Feb. 14, 2014, she"),
            ["date 2014-02-14 Exact \"Friday, Feb. 14, 2014\""]
        );
        assert_eq!(
            slots("on 27 September 2015"),
            ["date 2015-09-27 Exact \"27 September 2015\""]
        );
    }

    #[test]
    fn model_years_and_names_are_not_dates() {
        assert_eq!(
            slots("The 2016 Ski-Doo was missing a cowling"),
            Vec::<String>::new()
        );
        assert_eq!(slots("Jan Smith said"), Vec::<String>::new());
        assert_eq!(slots("Japan may consider it"), Vec::<String>::new());
    }

    #[test]
    fn weekdays_are_dates() {
        assert_eq!(
            slots("the spokesman said Sunday"),
            ["date sunday Exact \"Sunday\""]
        );
        assert_eq!(
            slots("the convoy was ambushed on Saturday"),
            ["date saturday Exact \"Saturday\""]
        );
        assert_eq!(
            slots("Wednesday's vote was"),
            ["date wednesday Exact \"Wednesday's\""]
        );
    }
}
