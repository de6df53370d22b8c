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

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// The character at byte `i` of `p` (`None` at the end).
fn char_at(p: &str, i: usize) -> Option<char> {
    p.get(i..)?.chars().next()
}

/// The character just before byte `i` of `p`.
fn char_before(p: &str, i: usize) -> Option<char> {
    p.get(..i)?.chars().next_back()
}

/// The byte after the whitespace that starts at `i`.
fn skip_whitespace(p: &str, i: usize) -> usize {
    p[i..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(p.len(), |(k, _)| i + k)
}

/// Splits the paragraph `para` of `text` into sentences.
///
/// One pass over the paragraph with byte positions (no per-character
/// table), so that a paragraph of 50 MB costs time and memory in
/// proportion to its length: every look-back or look-ahead is bounded by
/// the word next to the period.
pub fn split(text: &str, para: Span, lex: &Lexicon) -> Vec<Sentence> {
    let p = &text[para.start..para.end];
    let mut out = Vec::new();
    let mut sent_start = 0usize; // byte in p
    let mut quote_open = false;
    let mut starts_in_quote = false;
    let mut i = 0;
    while let Some(c) = char_at(p, i) {
        match c {
            '“' | '«' => quote_open = true,
            '”' | '»' => quote_open = false,
            '"' => quote_open = !quote_open,
            _ => {}
        }
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // Absorb "?!", "..." and closing quotes or brackets.
        let mut j = i + c.len_utf8();
        while let Some(n) = char_at(p, j).filter(|&n| is_terminal(n)) {
            j += n.len_utf8();
        }
        while let Some(n) = char_at(p, j).filter(|&n| is_closing(n)) {
            match n {
                '”' | '»' => quote_open = false,
                '"' => quote_open = !quote_open,
                _ => {}
            }
            j += n.len_utf8();
        }
        let boundary = match char_at(p, j) {
            None => true,
            Some(n) if n.is_whitespace() => {
                let k = skip_whitespace(p, j);
                k < p.len() && opens_sentence(p, k) && !abbreviation_before(p, i, k, c, lex)
            }
            // "said.City leaders": no space, but a lower-case word before and
            // a capitalised word after.
            Some(_) => c == '.' && glued_boundary(p, i, j),
        };
        if boundary {
            push(
                &mut out,
                p,
                para.start,
                sent_start,
                j,
                starts_in_quote,
                quote_open,
            );
            let k = skip_whitespace(p, j);
            sent_start = k;
            starts_in_quote = quote_open;
            i = k;
        } else {
            i = j;
        }
    }
    if sent_start < p.len() {
        push(
            &mut out,
            p,
            para.start,
            sent_start,
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

/// Can a sentence start at byte `k` of `p`?
fn opens_sentence(p: &str, k: usize) -> bool {
    let Some(c) = char_at(p, k) else {
        return false;
    };
    if c.is_uppercase() || c.is_ascii_digit() {
        return true;
    }
    if is_opening(c) || c == '—' || c == '-' {
        return char_at(p, k + c.len_utf8())
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opening(n));
    }
    false
}

/// Is the period at byte `i` of `p` part of an abbreviation rather than the
/// end of a sentence? `k` is where the next word starts.
fn abbreviation_before(p: &str, i: usize, k: usize, terminal: char, lex: &Lexicon) -> bool {
    if terminal != '.' {
        return false;
    }
    // The word before the period, dots included ("U.S", "Jr", "a.m").
    let mut b = i;
    while let Some(c) = char_before(p, b).filter(|&c| c.is_alphanumeric() || c == '.') {
        b -= c.len_utf8();
    }
    let word = &p[b..i];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let next_is_digit = char_at(p, k).is_some_and(|c| c.is_ascii_digit());
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
        let next: String = p[k..].chars().take_while(|c| c.is_alphanumeric()).collect();
        // After "Jr." or "Inc.", a typical sentence opener ("The", "He":
        // the rule set's `sentence_openers`) means the period also ended
        // the sentence.
        let opens = lex.is_sentence_opener(&next) || char_at(p, k).is_some_and(is_opening);
        return !opens;
    }
    false
}

/// A period at byte `i` glued to the next sentence at byte `j`.
fn glued_boundary(p: &str, i: usize, j: usize) -> bool {
    // Need at least three lower-case letters before and "Xy" after.
    let before = p[..i]
        .chars()
        .rev()
        .take(3)
        .filter(|c| c.is_lowercase())
        .count()
        == 3;
    let mut after = p[j..].chars();
    let after = after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase);
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
