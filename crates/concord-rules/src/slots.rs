//! `[slots]`: the tables that tell what a figure measures: currencies,
//! measure units, time units, and the forms of counted nouns. The data is
//! in `rules/slots.toml` beside `[slot_words]` (the plain lists, declared
//! with the other settings in lib.rs); concord-extract reads both.
//!
//! Maps replace the entries of earlier files; a `[[slots.currency]]`,
//! `[[slots.measure]]` or `[[slots.duration]]` entry with the code, symbol or
//! unit of an earlier one adds its words to it.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The validated tables. Words are lower case with single spaces;
/// currency symbols keep their case ("Rs", "C$").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlotWords {
    pub count_units: BTreeMap<String, String>,
    pub times_words: BTreeMap<String, f64>,
    pub fractions: BTreeMap<String, f64>,
    pub currencies: Vec<Currency>,
    pub measures: Vec<MeasureUnit>,
    pub durations: Vec<DurationUnit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code.
    pub code: String,
    pub symbols: Vec<String>,
    pub words: Vec<String>,
    /// Hundredths ("cents", "pence").
    pub minor: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureUnit {
    pub symbol: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DurationUnit {
    /// `second` ... `year`.
    pub unit: String,
    /// Units of `unit` in one of these words (a decade is 10 years).
    pub factor: f64,
    pub words: Vec<String>,
}

/// Time units a duration may be reported in.
pub const DURATION_UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SlotDefs {
    #[serde(default)]
    count_units: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    times_words: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    fractions: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    currency: Vec<CurrencyDef>,
    #[serde(default)]
    measure: Vec<MeasureDef>,
    #[serde(default)]
    duration: Vec<DurationDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyDef {
    code: Spanned<String>,
    #[serde(default)]
    symbols: Vec<Spanned<String>>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    minor: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureDef {
    symbol: Spanned<String>,
    words: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationDef {
    unit: Spanned<String>,
    factor: Option<Spanned<f64>>,
    words: Vec<Spanned<String>>,
}

/// A problem at a byte offset of the current file.
pub(crate) type SlotError = (usize, String);

fn norm(w: &Spanned<String>, errors: &mut Vec<SlotError>) -> Option<String> {
    let n = w.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        errors.push((w.span().start, "empty word".into()));
        return None;
    }
    Some(n.to_lowercase())
}

fn extend(target: &mut Vec<String>, words: &[Spanned<String>], errors: &mut Vec<SlotError>) {
    for w in words {
        if let Some(n) = norm(w, errors)
            && !target.contains(&n)
        {
            target.push(n);
        }
    }
}

fn symbols(target: &mut Vec<String>, words: &[Spanned<String>], errors: &mut Vec<SlotError>) {
    for w in words {
        let s = w.get_ref().trim();
        if s.is_empty() || s.contains(char::is_whitespace) {
            errors.push((w.span().start, "a currency symbol is one word".into()));
        } else if !target.iter().any(|x| x == s) {
            target.push(s.to_string());
        }
    }
}

impl SlotWords {
    /// Adds one file's `[slots]` section; returns the errors it holds.
    pub(crate) fn add(&mut self, defs: SlotDefs) -> Vec<SlotError> {
        let mut errors = Vec::new();
        let e = &mut errors;
        for (form, unit) in defs.count_units {
            if let Some(u) = norm(&unit, e) {
                self.count_units.insert(form.to_lowercase(), u);
            }
        }
        for (word, v) in defs.times_words {
            if *v.get_ref() < 1.0 || v.get_ref().fract() != 0.0 {
                e.push((
                    v.span().start,
                    "a count of times is a positive integer".into(),
                ));
            } else {
                self.times_words.insert(word.to_lowercase(), *v.get_ref());
            }
        }
        for (word, v) in defs.fractions {
            if !(0.0..=100.0).contains(v.get_ref()) {
                e.push((
                    v.span().start,
                    "a fraction is a share between 0 and 100".into(),
                ));
            } else {
                self.fractions.insert(word.to_lowercase(), *v.get_ref());
            }
        }
        for c in defs.currency {
            let code = c.code.get_ref().trim().to_string();
            if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
                e.push((
                    c.code.span().start,
                    format!("`{code}` is not an ISO 4217 code"),
                ));
                continue;
            }
            let i = match self.currencies.iter().position(|x| x.code == code) {
                Some(i) => i,
                None => {
                    self.currencies.push(Currency {
                        code,
                        symbols: Vec::new(),
                        words: Vec::new(),
                        minor: Vec::new(),
                    });
                    self.currencies.len() - 1
                }
            };
            let cur = &mut self.currencies[i];
            symbols(&mut cur.symbols, &c.symbols, e);
            extend(&mut cur.words, &c.words, e);
            extend(&mut cur.minor, &c.minor, e);
        }
        for m in defs.measure {
            let symbol = m.symbol.get_ref().trim().to_string();
            if symbol.is_empty() {
                e.push((m.symbol.span().start, "empty unit symbol".into()));
                continue;
            }
            let i = match self.measures.iter().position(|x| x.symbol == symbol) {
                Some(i) => i,
                None => {
                    self.measures.push(MeasureUnit {
                        symbol,
                        words: Vec::new(),
                    });
                    self.measures.len() - 1
                }
            };
            extend(&mut self.measures[i].words, &m.words, e);
        }
        for d in defs.duration {
            let unit = d.unit.get_ref().trim().to_string();
            if !DURATION_UNITS.contains(&unit.as_str()) {
                e.push((
                    d.unit.span().start,
                    format!(
                        "unknown time unit `{unit}` (expected one of: {})",
                        DURATION_UNITS.join(", ")
                    ),
                ));
                continue;
            }
            let factor = match &d.factor {
                Some(f) if !(*f.get_ref() > 0.0 && f.get_ref().is_finite()) => {
                    e.push((f.span().start, "`factor` must be a positive number".into()));
                    continue;
                }
                Some(f) => *f.get_ref(),
                None => 1.0,
            };
            let i = match self
                .durations
                .iter()
                .position(|x| x.unit == unit && x.factor == factor)
            {
                Some(i) => i,
                None => {
                    self.durations.push(DurationUnit {
                        unit,
                        factor,
                        words: Vec::new(),
                    });
                    self.durations.len() - 1
                }
            };
            extend(&mut self.durations[i].words, &d.words, e);
        }
        errors
    }
}
