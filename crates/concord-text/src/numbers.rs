//! Numbers written as digits or words.

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

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// The value of a single lower-case number word: "two" → 2, "forty" → 40,
/// "dozen" → 12. Scale words ("million") are not counts on their own and
/// return `None`; see [`scale_word_value`].
pub fn number_word_value(w: &str) -> Option<f64> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
        return Some((i * 10) as f64);
    }
    match w {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        _ => None,
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

/// "first" → 1, "4th" → 4, "21st" → 21.
pub fn ordinal_value(w: &str) -> Option<f64> {
    if let Some(i) = ORDINALS.iter().position(|o| *o == w) {
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
        assert_eq!(number_word_value("seventy"), Some(70.0));
        assert_eq!(number_word_value("two"), Some(2.0));
        assert_eq!(number_word_value("million"), None);
        assert_eq!(scale_word_value("bn"), Some(1e9));
        assert_eq!(ordinal_value("fourth"), Some(4.0));
        assert_eq!(ordinal_value("21st"), Some(21.0));
        assert_eq!(ordinal_value("first"), Some(1.0));
        assert_eq!(ordinal_value("st"), None);
    }
}
