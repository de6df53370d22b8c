//! Numbers in a claim, normalised so that outlets' ways of writing the same
//! figure compare equal: "2 per cent" = "2%", "$14.9 billion" = "$14.9bn",
//! "seventy" = "70", "fourth" = "4th". Bounds ("around", "more than") are
//! kept, so that "more than 400" and "550" are not called a contradiction.

use concord_core::{Bound, Quantity, QuantityKind};
use concord_text::{Lexicon, Word, WordShape, parse_number, scale_word_value};

fn currency_symbol(s: &str) -> Option<&'static str> {
    match s {
        "$" => Some("USD"),
        "£" => Some("GBP"),
        "€" => Some("EUR"),
        "¥" => Some("JPY"),
        _ => None,
    }
}

fn currency_word(s: &str) -> Option<&'static str> {
    match s {
        "dollar" | "dollars" | "usd" => Some("USD"),
        "pound" | "pounds" | "sterling" | "stg" | "gbp" => Some("GBP"),
        "euro" | "euros" | "eur" => Some("EUR"),
        "yen" | "jpy" => Some("JPY"),
        "yuan" | "renminbi" | "cny" => Some("CNY"),
        "rupee" | "rupees" => Some("INR"),
        _ => None,
    }
}

/// Number written in words, possibly compound: "seventy", "twenty-five",
/// "two hundred", "a dozen". Returns (value, words consumed).
fn number_words(ws: &[Word<'_>], i: usize, lex: &Lexicon) -> Option<(f64, usize)> {
    let lower = |k: usize| ws.get(k).map(|w| w.text.to_lowercase());
    let first = lower(i)?;
    if first == "a" || first == "an" {
        // "a dozen", "a hundred"
        let next = lower(i + 1)?;
        return match next.as_str() {
            "dozen" => Some((12.0, 2)),
            "hundred" => Some((100.0, 2)),
            "thousand" => Some((1000.0, 2)),
            _ => None,
        };
    }
    let mut value = lex.number_word_value(&first)?;
    let mut n = 1;
    // "twenty-five": glued by a hyphen.
    if value >= 20.0
        && let Some(w) = ws.get(i + 1)
        && w.hyphen_before
        && let Some(u) = lex
            .number_word_value(&w.text.to_lowercase())
            .filter(|u| *u < 10.0)
    {
        value += u;
        n += 1;
    }
    if lower(i + n).as_deref() == Some("hundred") {
        value *= 100.0;
        n += 1;
    }
    Some((value, n))
}

/// Extracts quantities from `ws`, skipping words marked in `taken` (dates,
/// entity names) and marking the ones it uses.
pub fn find(text: &str, ws: &[Word<'_>], taken: &mut [bool], lex: &Lexicon) -> Vec<Quantity> {
    let lowers: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let begin = i;
        let mut currency = None;
        if let Some(c) = currency_symbol(ws[i].text) {
            if ws.get(i + 1).is_some_and(|w| w.shape == WordShape::Number)
                && !taken.get(i + 1).copied().unwrap_or(true)
            {
                currency = Some(c);
                i += 1;
            } else {
                i += 1;
                continue;
            }
        }
        let (mut value, n) = if ws[i].shape == WordShape::Number {
            // "14.9bn", "5m": a scale glued to the digits.
            let t = lowers[i].as_str();
            match parse_number(t) {
                Some(v) => (v, 1),
                None => match split_glued_scale(t) {
                    Some(v) => (v, 1),
                    None => match lex.ordinal_value(t) {
                        Some(v) => {
                            push(
                                &mut out,
                                text,
                                ws,
                                begin,
                                i + 1,
                                v,
                                QuantityKind::Ordinal,
                                None,
                                bound_before(&lowers, begin, lex),
                            );
                            taken[begin..=i].iter_mut().for_each(|t| *t = true);
                            i += 1;
                            continue;
                        }
                        None => {
                            i += 1;
                            continue;
                        }
                    },
                },
            }
        } else if let Some(v) = lex.ordinal_value(&lowers[i]).filter(|_| currency.is_none()) {
            // "first", "fourth generation": ordinals written in words.
            if lowers[i] != "second"
                || ws.get(i + 1).is_some_and(|w| {
                    !w.text.is_empty()
                        && w.text.chars().all(char::is_alphabetic)
                        && lowers[i + 1] != "time"
                })
            {
                push(
                    &mut out,
                    text,
                    ws,
                    i,
                    i + 1,
                    v,
                    QuantityKind::Ordinal,
                    None,
                    Bound::Exact,
                );
                taken[i] = true;
            }
            i += 1;
            continue;
        } else if let Some((v, k)) = number_words(ws, i, lex).filter(|_| currency.is_none()) {
            // "one" is a pronoun or an article far more often than a count
            // ("no one", "one of the goals"); only "one million" counts.
            let scaled = ws
                .get(i + k)
                .is_some_and(|w| scale_word_value(&w.text.to_lowercase()).is_some());
            if v == 1.0 && k == 1 && !scaled {
                i += 1;
                continue;
            }
            (v, k)
        } else {
            i += 1;
            continue;
        };
        let mut j = i + n;
        if let Some(scale) = ws
            .get(j)
            .and_then(|w| scale_word_value(&w.text.to_lowercase()))
        {
            // "one" followed by "million" is a count; "hundred" alone already
            // handled in number_words.
            value *= scale;
            j += 1;
        }
        let mut kind = QuantityKind::Count;
        let mut unit: Option<String> = currency.map(str::to_string);
        if currency.is_some() {
            kind = QuantityKind::Money;
        }
        match ws.get(j).map(|w| w.text.to_lowercase()) {
            Some(t) if t == "%" || t == "percent" || t == "pct" => {
                kind = QuantityKind::Percent;
                j += 1;
            }
            Some(t)
                if t == "per"
                    && ws
                        .get(j + 1)
                        .is_some_and(|w| w.text.eq_ignore_ascii_case("cent")) =>
            {
                kind = QuantityKind::Percent;
                j += 2;
            }
            Some(t) if currency.is_none() && currency_word(&t).is_some() => {
                kind = QuantityKind::Money;
                unit = currency_word(&t).map(str::to_string);
                j += 1;
            }
            _ => {}
        }
        if kind == QuantityKind::Count {
            // The counted noun: the first content word within three words.
            unit = ws[j..ws.len().min(j + 3)]
                .iter()
                .map(|w| w.text.to_lowercase())
                .find(|w| w.chars().all(char::is_alphabetic) && !lex.is_stopword(w))
                .map(|w| lex.content_term(&w));
            // "the 59-year-old King" / "his three-year-old dog": ages of
            // different beings are different slots.
            if let Some(whose) = age_of(ws, j, lex) {
                unit = Some(whose);
            }
            // "two other crew members" counts part of the crew, not all of
            // it: never the same slot as "three crew members".
            let part = ws
                .get(j)
                .is_some_and(|w| lex.words.part_words.contains(&w.text.to_lowercase()));
            if part {
                unit = unit.map(|u| format!("{PART_MARK}{u}"));
            }
        }
        if kind == QuantityKind::Money
            && let Some(per) = rate_after(ws, j, lex)
        {
            // "$700 a week" is a rate, not a total like "$40,000".
            unit = unit.map(|u| format!("{u}/{per}"));
        }
        let bound = bound_before(&lowers, begin, lex);
        push(&mut out, text, ws, begin, j, value, kind, unit, bound);
        taken[begin..j].iter_mut().for_each(|t| *t = true);
        i = j;
    }
    out
}

/// Marks the unit of a part count: words between a number and its noun
/// that make the count a part of a whole ("two *other* crew members", the
/// rule set's `part_words`).
const PART_MARK: &str = "other ";

/// For "N-year-old X" (the words from `j` on start with "year", "old"),
/// the unit "age X": whose age it is.
fn age_of(ws: &[Word<'_>], j: usize, lex: &Lexicon) -> Option<String> {
    let lower: Vec<String> = ws[j..ws.len().min(j + 8)]
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    let words: Vec<&str> = lower
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "-")
        .collect();
    if !matches!(words.first(), Some(&"year" | &"years")) || words.get(1) != Some(&"old") {
        return None;
    }
    let whose = words[2..]
        .iter()
        .find(|w| w.chars().all(char::is_alphabetic) && !lex.is_stopword(w))
        .map(|w| lex.content_term(w))
        .unwrap_or_default();
    Some(format!("age {whose}"))
}

/// "a week", "per share", "an hour", "each month" right after a sum of
/// money (the words from `j` on): what the sum is per (the rule set's
/// `per_words` and `rate_units`). The adverbs ("weekly") each name their
/// own period, so they stay here.
fn rate_after<'l>(ws: &[Word<'_>], j: usize, lex: &'l Lexicon) -> Option<&'l str> {
    let lower = |k: usize| ws.get(k).map(|w| w.text.to_lowercase());
    let per = lower(j)?;
    if !lex.words.per_words.contains(&per) {
        return match per.as_str() {
            "weekly" => Some("week"),
            "monthly" => Some("month"),
            "annually" | "yearly" => Some("year"),
            "daily" => Some("day"),
            "hourly" => Some("hour"),
            _ => None,
        };
    }
    let what = lower(j + 1)?;
    let what = what.strip_suffix('s').unwrap_or(&what);
    lex.words.rate_units.get(what)
}

/// "14.9bn" → 1.49e10, "5m" → 5e6.
fn split_glued_scale(t: &str) -> Option<f64> {
    let digits_end = t.find(|c: char| c.is_alphabetic())?;
    let (num, scale) = t.split_at(digits_end);
    Some(parse_number(num)? * scale_word_value(scale)?)
}

/// The bound a cue right before the number sets ("more than", "around").
fn bound_before(lowers: &[String], begin: usize, lex: &Lexicon) -> Bound {
    for len in (1..=3).rev() {
        if begin < len {
            continue;
        }
        let window = &lowers[begin - len..begin];
        let check = |set: &concord_text::PhraseSet| set.match_at(window, 0) == Some(len);
        if check(&lex.cues.lower_bound) {
            return Bound::AtLeast;
        }
        if check(&lex.cues.upper_bound) {
            return Bound::AtMost;
        }
        if check(&lex.cues.approximate) {
            return Bound::About;
        }
    }
    Bound::Exact
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Quantity>,
    text: &str,
    ws: &[Word<'_>],
    begin: usize,
    end: usize,
    value: f64,
    kind: QuantityKind,
    unit: Option<String>,
    bound: Bound,
) {
    out.push(Quantity {
        value,
        kind,
        unit,
        bound,
        text: text[ws[begin].start..ws[end - 1].end].to_string(),
    });
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

    fn quantities(text: &str) -> Vec<(f64, QuantityKind, Option<String>, Bound)> {
        let ws = words(text);
        let mut taken = vec![false; ws.len()];
        find(text, &ws, &mut taken, lex())
            .into_iter()
            .map(|q| (q.value, q.kind, q.unit, q.bound))
            .collect()
    }

    #[test]
    fn percent_written_two_ways_is_the_same() {
        assert_eq!(quantities("2 per cent of GDP"), quantities("2% of GDP"));
        assert_eq!(quantities("2 percent of GDP")[0].1, QuantityKind::Percent);
    }

    #[test]
    fn money_with_scales() {
        let q = quantities("a $14.9 billion acquisition");
        assert_eq!(
            q,
            [(
                14.9e9,
                QuantityKind::Money,
                Some("USD".into()),
                Bound::Exact
            )]
        );
        assert_eq!(quantities("a $14.9bn acquisition")[0].0, 14.9e9);
        assert_eq!(quantities("100 mln stg")[0].2.as_deref(), Some("GBP"));
    }

    #[test]
    fn a_part_count_is_not_the_whole() {
        let unit = |t: &str| quantities(t)[0].2.clone();
        assert_eq!(unit("three crew members"), unit("two crew members"));
        assert_ne!(unit("three crew members"), unit("two other crew members"));
        assert_eq!(
            unit("two other crew members"),
            unit("four other crew members")
        );
        assert_ne!(unit("five states"), unit("three more states"));
    }

    #[test]
    fn an_age_belongs_to_whose_it_is() {
        let unit = |t: &str| quantities(t)[0].2.clone();
        assert_eq!(unit("his three-year-old dog"), unit("the 59-year-old dog"));
        assert_ne!(unit("his three-year-old dog"), unit("the 59-year-old King"));
        assert_ne!(unit("a 6-year-old girl"), unit("her 11-year-old students"));
        assert_eq!(unit("a 6-year-old girl").as_deref(), Some("age girl"));
        assert_eq!(
            unit("six years ago")
                .as_deref()
                .map(|u| u.starts_with("age")),
            Some(false)
        );
    }

    #[test]
    fn a_rate_is_not_a_total() {
        let unit = |t: &str| quantities(t)[0].2.clone();
        assert_eq!(unit("$700 a week").as_deref(), Some("USD/week"));
        assert_eq!(unit("$1.20 per share").as_deref(), Some("USD/share"));
        assert_eq!(unit("$50,000 annually").as_deref(), Some("USD/year"));
        assert_eq!(unit("$40,000 for the work").as_deref(), Some("USD"));
        assert_eq!(unit("$3 a gallon").as_deref(), Some("USD/gallon"));
    }

    #[test]
    fn number_words_and_bounds() {
        let q = quantities("around 70 agreements");
        assert_eq!(q[0].0, 70.0);
        assert_eq!(q[0].3, Bound::About);
        assert_eq!(q[0].2, Some(lex().content_term("agreements")));
        assert_eq!(quantities("seventy agreements")[0].0, 70.0);
        assert_eq!(quantities("twenty-five ships")[0].0, 25.0);
        assert_eq!(quantities("more than 400 people")[0].3, Bound::AtLeast);
        assert_eq!(quantities("two Japanese astronauts")[0].0, 2.0);
    }

    #[test]
    fn ordinals() {
        assert_eq!(
            quantities("fourth generation fighters")[0],
            (4.0, QuantityKind::Ordinal, None, Bound::Exact)
        );
        assert_eq!(quantities("the 21st century")[0].0, 21.0);
        assert!(quantities("for a second time").is_empty());
    }
}
