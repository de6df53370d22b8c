//! Numbers written as digits or words. The number words themselves are
//! the rule set's `[words]` lists (rules/language.toml); the suffixes of
//! "21st" and the scale words, each with its own value, stay here.

/// Parses digits with optional thousands commas and a decimal part:
/// "2025", "1,000", "14.9". Returns `None` for anything else ("4th", "2+2").
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if cleaned.matches('.').count() > 1 {
        return None;
    }
    cleaned.parse().ok()
}

/// Number words with a value of their own, not in a sequence of the rule
/// set's lists.
const OWN_VALUES: [(&str, f64); 2] = [("dozen", 12.0), ("hundred", 100.0)];

/// Every number word and its value, for [`crate::Lexicon`]: `number_units`
/// from zero, `number_tens` from twenty, then [`OWN_VALUES`].
pub(crate) fn number_words(w: &concord_rules::Words) -> (Vec<&str>, Vec<f64>) {
    let units = w
        .number_units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i as f64));
    let tens = (w.number_tens.iter().enumerate()).map(|(i, t)| (t.as_str(), ((i + 2) * 10) as f64));
    units.chain(tens).chain(OWN_VALUES).unzip()
}

impl crate::Lexicon {
    /// The value of a single lower-case number word: "two" → 2, "forty" →
    /// 40, "dozen" → 12 (the words are the rule set's `number_units` and
    /// `number_tens`). Scale words ("million") are not counts on their own
    /// and return `None`; see [`scale_word_value`].
    pub fn number_word_value(&self, w: &str) -> Option<f64> {
        let i = self.number_words.position(w)?;
        self.number_values.get(i).copied()
    }

    /// "first" → 1 (the rule set's `ordinals`), "4th" → 4, "21st" → 21.
    pub fn ordinal_value(&self, w: &str) -> Option<f64> {
        if let Some(i) = self.words.ordinals.position(w) {
            return Some(i as f64);
        }
        for suffix in ["st", "nd", "rd", "th"] {
            if let Some(digits) = w.strip_suffix(suffix)
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                return digits.parse().ok();
            }
        }
        None
    }
}

/// Multipliers: "thousand", "million", "bn", ...
pub fn scale_word_value(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(1e2),
        "thousand" | "k" => Some(1e3),
        "million" | "mn" | "m" | "mln" => Some(1e6),
        "billion" | "bn" | "b" | "bln" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        "dozen" => Some(12.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_digits() {
        assert_eq!(parse_number("1,000"), Some(1000.0));
        assert_eq!(parse_number("14.9"), Some(14.9));
        assert_eq!(parse_number("2+2"), None);
        assert_eq!(parse_number("4th"), None);
        assert_eq!(parse_number("1.2.3"), None);
    }

    #[test]
    fn reads_number_words_and_ordinals() {
        let lex = crate::Lexicon::new(&concord_rules::RuleSet::builtin());
        assert_eq!(lex.number_word_value("seventy"), Some(70.0));
        assert_eq!(lex.number_word_value("twenty"), Some(20.0));
        assert_eq!(lex.number_word_value("two"), Some(2.0));
        assert_eq!(lex.number_word_value("zero"), Some(0.0));
        assert_eq!(lex.number_word_value("million"), None);
        assert_eq!(scale_word_value("bn"), Some(1e9));
        assert_eq!(lex.ordinal_value("fourth"), Some(4.0));
        assert_eq!(lex.ordinal_value("twentieth"), Some(20.0));
        assert_eq!(lex.ordinal_value("21st"), Some(21.0));
        assert_eq!(lex.ordinal_value("first"), Some(1.0));
        assert_eq!(lex.ordinal_value("st"), None);
    }
}
