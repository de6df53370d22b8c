//! Dates in a claim: years, months, days, weekdays and relative dates
//! ("last week", "next year"), resolved against the publication date when it
//! is known.
//!
//! Month and weekday names and the words around them that decide whether
//! a word is a date are the rule set's `[words]` lists
//! (rules/language.toml), read through the [`Lexicon`]. The grammar of
//! relative dates stays here: each of its words has its own arithmetic
//! ("yesterday" is one day back, "last" a week back on the same weekday).

use concord_core::{CivilDate, DateMention, Weekday};
use concord_text::{Lexicon, Word, WordShape, parse_number};

fn month_of(w: &Word<'_>, lex: &Lexicon) -> Option<u8> {
    if !w.is_capitalized() {
        return None;
    }
    lex.month_of_word(w.text.trim_end_matches('.'))
}

/// A plausible year: a four-digit integer from 1800 to 2199.
pub fn year_of(w: &Word<'_>) -> Option<i32> {
    if w.shape != WordShape::Number || w.text.len() != 4 || w.text.contains(['.', ',']) {
        return None;
    }
    let y: i32 = w.text.parse().ok()?;
    (1800..2200).contains(&y).then_some(y)
}

fn day_of(w: &Word<'_>) -> Option<u8> {
    let t = w.text.to_lowercase();
    let digits = t
        .strip_suffix("st")
        .or_else(|| t.strip_suffix("nd"))
        .or_else(|| t.strip_suffix("rd"))
        .or_else(|| t.strip_suffix("th"))
        .unwrap_or(&t);
    let d = parse_number(digits)?;
    (d.fract() == 0.0 && (1.0..=31.0).contains(&d)).then_some(d as u8)
}

/// Finds dates in `ws`. `taken[i]` marks words already used (inside
/// entities); words used by a date are marked too. `future` says whether the
/// claim is about the future, to resolve "on Thursday" forward.
pub fn find(
    text: &str,
    ws: &[Word<'_>],
    taken: &mut [bool],
    published: Option<CivilDate>,
    future: bool,
    lex: &Lexicon,
) -> Vec<DateMention> {
    let words = &lex.words;
    let mut out = Vec::new();
    let lower = |i: usize| ws[i].text.to_lowercase();
    let mut i = 0;
    while i < ws.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        // Month [day] [,] [year]  |  day Month [year]  |  Month year
        if let Some(month) = month_of(&ws[i], lex) {
            let is_may = ws[i].text == "May";
            let mut end = i + 1;
            let mut day = None;
            let mut year = None;
            if let Some(d) = ws
                .get(end)
                .and_then(day_of)
                .filter(|_| year_of(&ws[end]).is_none())
            {
                day = Some(d);
                end += 1;
            }
            if let Some(y) = ws.get(end).and_then(year_of) {
                year = Some(y);
                end += 1;
            }
            // Day before the month: "11 April 2024".
            let mut begin = i;
            if day.is_none()
                && i > 0
                && !taken[i - 1]
                && ws[i - 1].shape == WordShape::Number
                && let Some(d) = day_of(&ws[i - 1]).filter(|_| year_of(&ws[i - 1]).is_none())
            {
                day = Some(d);
                begin = i - 1;
            }
            let may_ok = !is_may
                || day.is_some()
                || year.is_some()
                || (i > 0 && words.may_month_context.contains(&lower(i - 1)));
            if may_ok {
                let year = year.or_else(|| published.map(|p| p.year));
                out.push(mention(text, ws, begin, end, year, Some(month), day, None));
                taken[begin..end].iter_mut().for_each(|t| *t = true);
                i = end;
                continue;
            }
        }
        if let Some(y) = year_of(&ws[i]) {
            // "2 per cent of GDP by 2027": a year unless it measures money.
            let money_before = i > 0 && matches!(ws[i - 1].text, "$" | "£" | "€" | "¥");
            let unit_after = ws
                .get(i + 1)
                .is_some_and(|n| words.not_year_after.contains(&n.text.to_lowercase()));
            if !money_before && !unit_after {
                out.push(mention(text, ws, i, i + 1, Some(y), None, None, None));
                taken[i] = true;
                i += 1;
                continue;
            }
        }
        if let Some(wd) = weekday_of(&ws[i], lex) {
            let prev = if i > 0 { lower(i - 1) } else { String::new() };
            // "..., officials said Sunday": when it was said, not when it
            // happened.
            let before = if prev == "on" && i > 1 {
                lower(i - 2)
            } else {
                prev.clone()
            };
            if words.speech_verbs.contains(&before) {
                taken[i] = true;
                i += 1;
                continue;
            }
            let (begin, forward) = match prev.as_str() {
                "last" | "past" => (i - 1, false),
                "next" | "coming" => (i - 1, true),
                _ => (i, future),
            };
            let resolved = published.map(|p| {
                let mut d = p.resolve_weekday(wd, forward);
                if prev == "last" && d == p {
                    d = d.add_days(-7);
                }
                d
            });
            match resolved {
                Some(d) => out.push(mention(
                    text,
                    ws,
                    begin,
                    i + 1,
                    Some(d.year),
                    Some(d.month),
                    Some(d.day),
                    Some(wd),
                )),
                None => out.push(mention(text, ws, begin, i + 1, None, None, None, Some(wd))),
            }
            taken[begin..=i].iter_mut().for_each(|t| *t = true);
            i += 1;
            continue;
        }
        if let Some((n, m)) = relative(ws, i, published) {
            out.push(DateMention {
                text: text[ws[i].start..ws[i + n - 1].end].to_string(),
                ..m
            });
            taken[i..i + n].iter_mut().for_each(|t| *t = true);
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

/// A capitalised weekday name.
fn weekday_of(w: &Word<'_>, lex: &Lexicon) -> Option<Weekday> {
    if !w.is_capitalized() {
        return None;
    }
    lex.weekday_of_word(w.text)
}

#[allow(clippy::too_many_arguments)]
fn mention(
    text: &str,
    ws: &[Word<'_>],
    begin: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<Weekday>,
) -> DateMention {
    let value = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
        (None, Some(m), None) => format!("--{m:02}"),
        (None, None, _) => weekday.map_or_else(String::new, |w| w.name().to_string()),
    };
    DateMention {
        value,
        year,
        month,
        day,
        weekday: weekday.map(|w| w.name().to_string()),
        text: text[ws[begin].start..ws[end - 1].end].to_string(),
    }
}

/// "yesterday", "last week", "next year", "this month".
fn relative(
    ws: &[Word<'_>],
    i: usize,
    published: Option<CivilDate>,
) -> Option<(usize, DateMention)> {
    let w = ws[i].text.to_lowercase();
    let empty = |value: String, year, month, day| DateMention {
        value,
        year,
        month,
        day,
        weekday: None,
        text: String::new(),
    };
    let day_offset = match w.as_str() {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = day_offset {
        let m = match published {
            Some(p) => {
                let d = p.add_days(off);
                empty(d.to_string(), Some(d.year), Some(d.month), Some(d.day))
            }
            None => empty(w.clone(), None, None, None),
        };
        return Some((1, m));
    }
    let step = match w.as_str() {
        "last" | "past" => -1,
        "next" | "coming" => 1,
        "this" => 0,
        _ => return None,
    };
    let unit = ws.get(i + 1)?.text.to_lowercase();
    if !matches!(unit.as_str(), "week" | "month" | "year") {
        return None;
    }
    let m = match (published, unit.as_str()) {
        (Some(p), "year") => {
            let y = p.year + step;
            empty(format!("{y:04}"), Some(y), None, None)
        }
        (Some(p), "month") => {
            let total = p.year * 12 + i32::from(p.month) - 1 + step;
            let (y, mo) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
            empty(format!("{y:04}-{mo:02}"), Some(y), Some(mo), None)
        }
        _ => empty(format!("{w} {unit}"), None, None, None),
    };
    Some((2, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_rules::RuleSet;
    use concord_text::words;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::new(&RuleSet::builtin()))
    }

    fn dates(text: &str, published: Option<&str>, future: bool) -> Vec<String> {
        let ws = words(text);
        let mut taken = vec![false; ws.len()];
        let p = published.and_then(CivilDate::parse_iso);
        find(text, &ws, &mut taken, p, future, lex())
            .into_iter()
            .map(|d| d.value)
            .collect()
    }

    #[test]
    fn finds_years_months_and_days() {
        assert_eq!(
            dates("exercises would commence in 2025", None, true),
            ["2025"]
        );
        assert_eq!(
            dates("policies adopted in December 2022", None, false),
            ["2022-12"]
        );
        assert_eq!(
            dates("in Washington on April 11 for talks", None, true),
            ["--04-11"]
        );
        assert_eq!(
            dates("on April 11, 2024 and 11 April 2024", None, false),
            ["2024-04-11", "2024-04-11"]
        );
    }

    #[test]
    fn resolves_weekdays_against_publication() {
        // Published on Wednesday 2024-04-10.
        assert_eq!(
            dates(
                "they will meet Marcos on Thursday",
                Some("2024-04-10"),
                true
            ),
            ["2024-04-11"]
        );
        assert_eq!(
            dates("the leaders met on Wednesday", Some("2024-04-10"), false),
            ["2024-04-10"]
        );
        assert_eq!(
            dates("announced last Sunday", Some("2024-07-28"), false),
            ["2024-07-21"]
        );
        assert_eq!(
            dates("the leaders met on Wednesday", None, false),
            ["Wednesday"]
        );
    }

    #[test]
    fn the_day_something_was_said_is_not_an_event_date() {
        assert_eq!(
            dates(
                "the convoy was ambushed, the spokesman said Sunday",
                None,
                false
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("the convoy was ambushed on Saturday", None, false),
            ["Saturday"]
        );
    }

    #[test]
    fn may_is_a_month_only_in_date_context() {
        assert_eq!(
            dates("Japan may consider it", None, false),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("the vote in May was close", Some("2024-07-01"), false),
            ["2024-05"]
        );
        assert_eq!(dates("on May 3 they met", None, false), ["--05-03"]);
    }

    #[test]
    fn money_and_counts_are_not_years() {
        assert_eq!(dates("a $2000 fine", None, false), Vec::<String>::new());
        assert_eq!(
            dates("2000 troops arrived", None, false),
            Vec::<String>::new()
        );
    }

    #[test]
    fn relative_dates() {
        assert_eq!(
            dates("a statement last month", Some("2024-04-10"), false),
            ["2024-03"]
        );
        assert_eq!(dates("a statement last month", None, false), ["last month"]);
        assert_eq!(
            dates("it happened yesterday", Some("2024-03-01"), false),
            ["2024-02-29"]
        );
    }
}
