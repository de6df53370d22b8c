//! Figures as news copy writes them: digits ("1,000", "14.9"), a scale
//! glued or after ("14.9bn", "1.2 million", "1.6 mln"), number words
//! ("twenty-two", "three and a half", "a dozen", "one billion") and
//! stock-table fractions ("9-9/16"). A figure is read first; what it
//! measures is decided from the words around it (the other modules).

use super::Ctx;
use concord_text::{WordShape, parse_number, scale_word_value};

/// A figure found at words `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub first: usize,
    pub last: usize,
    pub value: f64,
    /// Letters glued to the digits, lower case: "bn" of "14.9bn", "km" of
    /// "10km", "m" of "5m" (a scale or a unit; the context decides, so the
    /// value does not include it).
    pub suffix: Option<String>,
    /// Written as digits (not words).
    pub digits: bool,
    /// Digits without separators or decimals ("2016", not "2,016").
    pub plain: bool,
    /// A scale word after it was applied ("1.2 million").
    pub scaled: bool,
}

impl Figure {
    /// A four-digit plain number that could be a year.
    pub fn year_like(&self) -> bool {
        self.plain
            && self.suffix.is_none()
            && !self.scaled
            && (1800.0..2200.0).contains(&self.value)
            && self.first == self.last
    }
}

/// Scale words written apart: "million", "mln", "bn". One-letter forms
/// ("m", "k") are units or letters when apart ("4 m" is four metres).
fn scale(word: &str) -> Option<f64> {
    match word {
        "dozen" | "m" | "b" | "k" => None,
        w => scale_word_value(w),
    }
}

/// Splits "14.9bn" into (14.9, "bn"), "10km" into (10, "km"), "4th" into
/// (4, "th").
fn split_suffix(t: &str) -> Option<(f64, &str)> {
    let at = t.find(|c: char| c.is_alphabetic())?;
    let (num, rest) = t.split_at(at);
    if rest.chars().all(char::is_alphabetic) || rest.contains('/') {
        parse_number(num).map(|v| (v, rest))
    } else {
        None
    }
}

/// The figure starting at word `i`, if any.
pub fn at(ctx: &Ctx<'_>, i: usize) -> Option<Figure> {
    // Callers look ahead ("one in", "three of the"): past the last word
    // there is no figure.
    if ctx.taken.get(i).copied().unwrap_or(true) {
        return None;
    }
    let w = &ctx.ws[i];
    let low = ctx.low[i].as_str();
    let mut fig = if w.shape == WordShape::Number {
        let (value, suffix) = match parse_number(low) {
            Some(v) => (v, None),
            None => {
                let (v, s) = split_suffix(low)?;
                (v, Some(s.to_string()))
            }
        };
        let plain = suffix.is_none() && low.chars().all(|c| c.is_ascii_digit());
        let mut f = Figure {
            first: i,
            last: i,
            value,
            suffix,
            digits: true,
            plain,
            scaled: false,
        };
        // "9-9/16": a whole number and a fraction (stock tables).
        if f.plain
            && let (Some(n), Some(d)) = (ctx.ws.get(i + 1), ctx.ws.get(i + 2))
            && n.hyphen_before
            && ctx.gap(i + 2) == "/"
            && let (Some(nv), Some(dv)) = (parse_number(n.text), parse_number(d.text))
            && dv > nv
            && dv > 0.0
        {
            f.value += nv / dv;
            f.last = i + 2;
            f.plain = false;
        }
        f
    } else {
        words_at(ctx, i)?
    };
    // "1.2 million", "one billion", "1.6 mln": the scale is part of the
    // figure. A glued scale ("14.9bn") stays a suffix.
    if fig.suffix.is_none()
        && let Some(next) = ctx.low.get(fig.last + 1)
        && !ctx.taken[fig.last + 1]
        && let Some(s) = scale(next)
        && s >= 1000.0
        && ctx.gap(fig.last + 1).chars().all(char::is_whitespace)
    {
        fig.value *= s;
        fig.last += 1;
        fig.scaled = true;
        fig.plain = false;
    }
    Some(fig)
}

/// A number written in words: "seven", "twenty-two", "two hundred",
/// "three and a half", "a dozen", "a single".
fn words_at(ctx: &Ctx<'_>, i: usize) -> Option<Figure> {
    let low = |k: usize| ctx.low.get(k).map(String::as_str);
    let word = |value: f64, last: usize| Figure {
        first: i,
        last,
        value,
        suffix: None,
        digits: false,
        plain: false,
        scaled: false,
    };
    let first = low(i)?;
    if first == "a" || first == "an" {
        return match low(i + 1)? {
            "dozen" => Some(word(12.0, i + 1)),
            "single" if ctx.ws.get(i + 2).is_some() => Some(word(1.0, i + 1)),
            "hundred" => Some(word(100.0, i + 1)),
            "thousand" => Some(word(1000.0, i + 1)),
            _ => None,
        };
    }
    let mut value = ctx.lex.number_word_value(first)?;
    if first == "hundred" || first == "dozen" {
        return None;
    }
    let mut last = i;
    // "twenty-two", "twenty two"
    if value >= 20.0
        && let Some(u) = low(last + 1).and_then(|w| ctx.lex.number_word_value(w))
        && u > 0.0
        && u < 10.0
    {
        value += u;
        last += 1;
    }
    if low(last + 1) == Some("hundred") {
        value *= 100.0;
        last += 1;
        // "two hundred and fifty"
        if low(last + 1) == Some("and")
            && let Some(u) = low(last + 2).and_then(|w| ctx.lex.number_word_value(w))
            && u < 100.0
            && u > 0.0
        {
            value += u;
            last += 2;
        }
    }
    // "three and a half"
    if low(last + 1) == Some("and") && low(last + 2) == Some("a") && low(last + 3) == Some("half") {
        value += 0.5;
        last += 3;
    }
    Some(word(value, last))
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::*;

    fn figure(text: &str) -> Option<(f64, Option<String>, String)> {
        with_ctx(text, |ctx| {
            at(ctx, 0).map(|f| {
                let t = &ctx.text[ctx.ws[f.first].start..ctx.ws[f.last].end];
                (f.value, f.suffix.clone(), t.to_string())
            })
        })
    }

    #[test]
    fn a_look_ahead_past_the_last_word_finds_nothing() {
        // "one in" and "three of the" look for a figure after them.
        for text in [
            "He was one in",
            "They were three of the",
            "It was one in four of",
        ] {
            let _ = super::super::tests::slots(text);
        }
        assert_eq!(super::super::tests::slots("one in"), Vec::<String>::new());
    }

    #[test]
    fn reads_digits_scales_and_words() {
        assert_eq!(figure("1,000 people"), Some((1000.0, None, "1,000".into())));
        assert_eq!(
            figure("1.2 million barrels"),
            Some((1.2e6, None, "1.2 million".into()))
        );
        assert_eq!(
            figure("14.9bn deal"),
            Some((14.9, Some("bn".into()), "14.9bn".into()))
        );
        assert_eq!(
            figure("twenty-two homes"),
            Some((22.0, None, "twenty-two".into()))
        );
        assert_eq!(
            figure("three and a half years"),
            Some((3.5, None, "three and a half".into()))
        );
        assert_eq!(
            figure("a dozen people"),
            Some((12.0, None, "a dozen".into()))
        );
        assert_eq!(figure("9-9/16 pct"), Some((9.5625, None, "9-9/16".into())));
        assert_eq!(figure("a house"), None);
    }
}
