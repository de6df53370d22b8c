//! Sentence segmentation that survives news copy: abbreviations ("U.S.",
//! "Jr.", "Dr.", "No. 2", initials), decimals, quotations that hold several
//! sentences, and missing spaces after a period ("said.City leaders").

use crate::layout::Span;
use concord_text::Lexicon;

/// A sentence and whether it sits inside a quotation opened earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// The sentence starts inside a quotation opened by an earlier sentence
    /// ("... status quo. Japanese leaders now recognise ...," Smith said.).
    pub continues_quote: bool,
    /// A quotation is still open at the end of the sentence.
    pub leaves_quote_open: bool,
}

/// Capitalised words that typically open a sentence; after "Jr." or "Inc."
/// one of these means the period also ended the sentence.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "Meanwhile",
    "However",
    "Some",
    "Many",
    "Officials",
    "Analysts",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// Splits the paragraph `para` of `text` into sentences.
pub fn split(text: &str, para: Span, lex: &Lexicon) -> Vec<Sentence> {
    let p = &text[para.start..para.end];
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut sent_start = 0usize; // index into chars
    let mut quote_open = false;
    let mut starts_in_quote = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        match c {
            '“' | '«' => quote_open = true,
            '”' | '»' => quote_open = false,
            '"' => quote_open = !quote_open,
            _ => {}
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Absorb "?!", "..." and closing quotes or brackets.
        let mut j = i + 1;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        while j < chars.len() && is_closing(chars[j].1) {
            match chars[j].1 {
                '”' | '»' => quote_open = false,
                '"' => quote_open = !quote_open,
                _ => {}
            }
            j += 1;
        }
        let boundary = if j >= chars.len() {
            true
        } else if chars[j].1.is_whitespace() {
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            k < chars.len()
                && opens_sentence(&chars, k)
                && !abbreviation_before(p, &chars, i, k, c, lex)
        } else {
            // "said.City leaders": no space, but a lower-case word before and
            // a capitalised word after.
            c == '.' && glued_boundary(&chars, i, j)
        };
        if boundary {
            let start = chars[sent_start].0;
            let end = chars.get(j).map_or(p.len(), |&(o, _)| o);
            push(
                &mut out,
                p,
                para.start,
                start,
                end,
                starts_in_quote,
                quote_open,
            );
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            sent_start = k;
            starts_in_quote = quote_open;
            i = k;
        } else {
            i = j;
        }
    }
    if sent_start < chars.len() {
        let start = chars[sent_start].0;
        push(
            &mut out,
            p,
            para.start,
            start,
            p.len(),
            starts_in_quote,
            quote_open,
        );
    }
    out
}

fn push(
    out: &mut Vec<Sentence>,
    p: &str,
    base: usize,
    start: usize,
    end: usize,
    continues_quote: bool,
    leaves_quote_open: bool,
) {
    let s = &p[start..end];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = s.len() - s.trim_start().len();
    out.push(Sentence {
        span: Span {
            start: base + start + lead,
            end: base + start + lead + trimmed.len(),
        },
        continues_quote,
        leaves_quote_open,
    });
}

/// Can a sentence start at `chars[k]`?
fn opens_sentence(chars: &[(usize, char)], k: usize) -> bool {
    let c = chars[k].1;
    if c.is_uppercase() || c.is_ascii_digit() {
        return true;
    }
    if is_opening(c) || c == '—' || c == '-' {
        return chars
            .get(k + 1)
            .is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit() || is_opening(n));
    }
    false
}

/// Is the period at `chars[i]` part of an abbreviation rather than the end of
/// a sentence? `k` is where the next word starts.
fn abbreviation_before(
    p: &str,
    chars: &[(usize, char)],
    i: usize,
    k: usize,
    terminal: char,
    lex: &Lexicon,
) -> bool {
    if terminal != '.' {
        return false;
    }
    // The word before the period, dots included ("U.S", "Jr", "a.m").
    let mut b = i;
    while b > 0 && (chars[b - 1].1.is_alphanumeric() || chars[b - 1].1 == '.') {
        b -= 1;
    }
    let word = &p[chars[b].0..chars[i].0];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let next_is_digit = chars[k].1.is_ascii_digit();
    if lower == "no" || lower == "nos" {
        return next_is_digit;
    }
    if lex.is_title_abbreviation(&lower) {
        return true;
    }
    // An initial: "J. Smith", "George W. Bush".
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        return true;
    }
    if lex.is_other_abbreviation(&lower) {
        let next: String = chars[k..]
            .iter()
            .take_while(|(_, c)| c.is_alphanumeric())
            .map(|&(_, c)| c)
            .collect();
        let opens = OPENERS.contains(&next.as_str()) || is_opening(chars[k].1);
        return !opens;
    }
    false
}

fn glued_boundary(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    // Need at least three lower-case letters before and "Xy" after.
    let before = (1..=3).all(|d| i >= d && chars[i - d].1.is_lowercase());
    let after = chars.get(j).is_some_and(|&(_, c)| c.is_uppercase())
        && chars.get(j + 1).is_some_and(|&(_, c)| c.is_lowercase());
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_rules::RuleSet;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::new(&RuleSet::builtin()))
    }

    fn sentences(p: &str) -> Vec<&str> {
        split(
            p,
            Span {
                start: 0,
                end: p.len(),
            },
            lex(),
        )
        .into_iter()
        .map(|s| &p[s.span.start..s.span.end])
        .collect()
    }

    #[test]
    fn survives_abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "U.S. officials met Dr. Smith and George W. Bush at 3 p.m. on Friday. They left."
            ),
            [
                "U.S. officials met Dr. Smith and George W. Bush at 3 p.m. on Friday.",
                "They left."
            ]
        );
        assert_eq!(
            sentences("He ranked No. 2 in the U.S. The list grew."),
            ["He ranked No. 2 in the U.S.", "The list grew."]
        );
        assert_eq!(
            sentences("They met Ferdinand Marcos Jr. Marcos said little."),
            ["They met Ferdinand Marcos Jr. Marcos said little."]
        );
        assert_eq!(
            sentences("They met Ferdinand Marcos Jr. The talks ended."),
            ["They met Ferdinand Marcos Jr.", "The talks ended."]
        );
    }

    #[test]
    fn survives_decimals_and_money() {
        assert_eq!(
            sentences("The $14.9 billion deal rose 2.5 per cent. Shares fell."),
            ["The $14.9 billion deal rose 2.5 per cent.", "Shares fell."]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(
            sentences("He said it was “purely defensive.” Kishida agreed."),
            ["He said it was “purely defensive.”", "Kishida agreed."]
        );
        assert_eq!(
            sentences("“Is it over?” he asked. No."),
            ["“Is it over?” he asked.", "No."]
        );
    }

    #[test]
    fn tracks_quotations_across_sentences() {
        let p = "“Tokyo no longer watches. Japanese leaders now see the danger,” Smith said. Next.";
        let s = split(
            p,
            Span {
                start: 0,
                end: p.len(),
            },
            lex(),
        );
        assert_eq!(s.len(), 3);
        assert!(!s[0].continues_quote && s[0].leaves_quote_open);
        assert!(s[1].continues_quote && !s[1].leaves_quote_open);
        assert!(!s[2].continues_quote);
    }

    #[test]
    fn splits_glued_sentences() {
        assert_eq!(
            sentences("Our city clerk has resigned, the mayor said.City leaders say it was good."),
            [
                "Our city clerk has resigned, the mayor said.",
                "City leaders say it was good."
            ]
        );
    }

    #[test]
    fn does_not_split_before_lower_case() {
        assert_eq!(
            sentences("It cost approx. five dollars."),
            ["It cost approx. five dollars."]
        );
        assert_eq!(sentences("Wait... then go."), ["Wait... then go."]);
    }
}
