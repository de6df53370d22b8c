//! Splits a sentence into clause-level claims when it carries several facts.
//!
//! Conservative on purpose: a wrong split cuts a fact in half and breaks
//! matching, a missed split only makes a claim longer. Splits happen outside
//! quotations and brackets, at
//! - a semicolon between two clauses of four words or more;
//! - ", and" / ", but" / ", while" / ", whereas" when what follows looks like a
//!   clause (a subject, then a finite verb within eight words; the
//!   coordinators, subject starts and finite verbs are the rule set's
//!   `[words]` lists);
//! - "and that" / ", and that" (a second reported statement: "Biden said X
//!   and that Y").

use crate::layout::Span;
use concord_text::Lexicon;

/// Connectors with a rule of their own, tried after the rule set's
/// coordinators (", and ", ", but ", ...: [`Lexicon::clause_connectors`]):
/// "and that" starts a second reported statement, ", which" a relative
/// clause that keeps its "which". Grammar, not a word list: each has its
/// own test below.
const GRAMMAR_CONNECTORS: &[&str] = &[", and that ", " and that ", ", which "];

/// Clause spans of the sentence `sentence` of `text` (one span when the
/// sentence is not split).
pub fn split(text: &str, sentence: Span, lex: &Lexicon) -> Vec<Span> {
    let s = &text[sentence.start..sentence.end];
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of left, start of right), relative
    let outside = outside_quotes(s);
    let words = WordCounts::new(s);
    for (pos, ch) in s.char_indices() {
        if ch == ';' && outside[pos] && words.before(pos) >= 4 && words.from(pos + 1) >= 4 {
            cuts.push((pos, pos + 1));
        }
    }
    let lower = s.to_lowercase();
    if lower.len() == s.len() {
        let coordinators = lex.clause_connectors().iter().map(String::as_str);
        for conn in coordinators.chain(GRAMMAR_CONNECTORS.iter().copied()) {
            let mut from = 0;
            while let Some(found) = lower[from..].find(conn) {
                let pos = from + found;
                from = pos + conn.len();
                if !outside[pos] || cuts.iter().any(|&(l, r)| pos < r && pos + conn.len() > l) {
                    continue;
                }
                let left = &s[..pos];
                let right = &s[pos + conn.len()..];
                let (left_words, right_words) = (words.before(pos), words.from(pos + conn.len()));
                let is_that = conn.ends_with("that ");
                // A non-restrictive relative clause carries a fact of its
                // own ("..., which President Biden said is the most
                // significant upgrade"); it keeps its "which".
                if conn == ", which " {
                    let rel = &s[pos + 2..];
                    if left_words >= 6 && words.from(pos + 2) >= 7 && has_finite_verb(rel, lex) {
                        cuts.push((pos, pos + 2));
                    }
                    continue;
                }
                let ok = if is_that {
                    left_words >= 4 && right_words >= 4
                } else {
                    left_words >= 5
                        && right_words >= 5
                        && looks_like_clause(right, lex)
                        && !ends_a_list(left)
                };
                if ok {
                    cuts.push((pos, pos + conn.len()));
                }
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup_by(|b, a| b.0 < a.1);
    let mut spans = Vec::new();
    let mut start = 0;
    for (l, r) in cuts {
        push_trimmed(&mut spans, s, sentence.start, start, l);
        start = r;
    }
    push_trimmed(&mut spans, s, sentence.start, start, s.len());
    if spans.is_empty() {
        spans.push(sentence);
    }
    spans
}

fn push_trimmed(spans: &mut Vec<Span>, s: &str, base: usize, start: usize, end: usize) {
    let piece = &s[start..end];
    let trimmed = piece.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.find(trimmed).unwrap_or(0);
    spans.push(Span {
        start: base + start + lead,
        end: base + start + lead + trimmed.len(),
    });
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whitespace-separated word counts of any prefix or suffix of a sentence
/// in constant time. Counting afresh at every semicolon or connector would
/// make a sentence of ten thousand semicolons quadratic.
struct WordCounts {
    /// `starts[pos]`: words that start before byte `pos`.
    starts: Vec<u32>,
    /// `inside[pos]`: byte `pos` continues a word that started earlier.
    inside: Vec<bool>,
}

impl WordCounts {
    fn new(s: &str) -> WordCounts {
        let mut starts = vec![0u32; s.len() + 1];
        let mut inside = vec![false; s.len() + 1];
        let mut count = 0;
        let mut in_word = false;
        for (pos, ch) in s.char_indices() {
            let word = !ch.is_whitespace();
            inside[pos] = word && in_word;
            if word && !in_word {
                count += 1;
            }
            in_word = word;
            starts[pos + 1..=pos + ch.len_utf8()].fill(count);
        }
        WordCounts { starts, inside }
    }

    /// `word_count(&s[..pos])`.
    fn before(&self, pos: usize) -> usize {
        self.starts[pos] as usize
    }

    /// `word_count(&s[pos..])`.
    fn from(&self, pos: usize) -> usize {
        let total = self.starts[self.starts.len() - 1];
        (total - self.starts[pos]) as usize + usize::from(self.inside[pos])
    }
}

/// "the US, Japan, and Australia": the piece before ", and" is a short
/// item of a comma list, not a clause.
fn ends_a_list(left: &str) -> bool {
    match left.rsplit_once(',') {
        Some((_, last)) => word_count(last) <= 3,
        None => false,
    }
}

/// A finite verb among the first words of a relative clause.
fn has_finite_verb(rel: &str, lex: &Lexicon) -> bool {
    rel.split_whitespace().skip(1).take(8).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        lex.words.finite_verbs.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// Starts with a subject and has a finite verb soon after.
fn looks_like_clause(right: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = right.split_whitespace().take(9).collect();
    let Some(first) = words.first() else {
        return false;
    };
    let first_clean = first.trim_matches(|c: char| !c.is_alphanumeric());
    let subject = lex
        .words
        .subject_starts
        .contains(&first_clean.to_lowercase())
        || first_clean.chars().next().is_some_and(char::is_uppercase);
    let verb = words[1..].iter().enumerate().any(|(k, w)| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase();
        lex.words.finite_verbs.contains(&w) || (k < 4 && w.len() > 4 && w.ends_with("ed"))
    });
    // A speaker and a reporting verb open a clause of their own, however
    // the speaker is written ("..., and deputy commissioner Tiwari said his
    // officers had found ..."): a second reported statement.
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    // A reporting verb right after the coordinator gives the same speaker's
    // second statement ("..., called the timing odd, and said he had not
    // heard from the committee").
    // What follows a verb without a speaker must open a statement ("said
    // *he*", "added *that*"): "and described in a new study" is a
    // participle, not a second statement.
    let opens_statement = |w: Option<&&str>| {
        w.is_some_and(|w| {
            let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
            clean == "that"
                || lex.words.subject_starts.contains(&clean.to_lowercase())
                || w.starts_with(['"', '\u{201c}'])
        })
    };
    let reported = (0..lower.len().min(REPORTED_SPEAKER_WORDS + 1)).any(|k| {
        lex.cues.reporting_verbs.match_at(&lower, k).is_some()
            && !words[..k].iter().any(|w| w.ends_with(','))
            && (k > 0 || opens_statement(words.get(1)))
    });
    (subject && verb) || reported
}

/// Words a speaker may take before its reporting verb in a clause after a
/// coordinator ("deputy commissioner Tiwari said").
const REPORTED_SPEAKER_WORDS: usize = 5;

/// For each byte of `s`: is it outside quotation marks and brackets?
fn outside_quotes(s: &str) -> Vec<bool> {
    let mut out = vec![true; s.len() + 1];
    let mut depth_quote = false;
    let mut depth_paren = 0u32;
    for (pos, ch) in s.char_indices() {
        match ch {
            '“' => depth_quote = true,
            '”' => depth_quote = false,
            '"' => depth_quote = !depth_quote,
            '(' | '[' => depth_paren += 1,
            ')' | ']' => depth_paren = depth_paren.saturating_sub(1),
            _ => {}
        }
        let inside = depth_quote || depth_paren > 0;
        out[pos..pos + ch.len_utf8()].fill(!inside);
    }
    out
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

    fn clauses(s: &str) -> Vec<&str> {
        split(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
            lex(),
        )
        .into_iter()
        .map(|c| &s[c.start..c.end])
        .collect()
    }

    #[test]
    fn splits_a_second_reported_statement() {
        assert_eq!(
            clauses(
                "Biden said he welcomed Kishida's attempt to engage in dialogue with North Korea and that he had confidence in the Japanese prime minister."
            ),
            [
                "Biden said he welcomed Kishida's attempt to engage in dialogue with North Korea",
                "he had confidence in the Japanese prime minister."
            ]
        );
    }

    #[test]
    fn splits_coordinated_clauses_with_their_own_subject() {
        assert_eq!(
            clauses(
                "The two leaders met at the White House on Wednesday, and the allies announced a deal on missiles."
            ),
            [
                "The two leaders met at the White House on Wednesday",
                "the allies announced a deal on missiles."
            ]
        );
    }

    #[test]
    fn splits_a_reported_statement_whatever_the_speaker_s_title() {
        assert_eq!(
            clauses(
                "The injured were taken to the city hospital, and deputy fire chief Ana Ruiz said the blaze had started in a kitchen."
            ),
            [
                "The injured were taken to the city hospital",
                "deputy fire chief Ana Ruiz said the blaze had started in a kitchen."
            ]
        );
        assert_eq!(
            clauses(
                "The mayor called the closure of the hospital a mistake, and said she had not been consulted by the board."
            ),
            [
                "The mayor called the closure of the hospital a mistake",
                "said she had not been consulted by the board."
            ]
        );
        let s = "The fossil was excavated in 1998 by a team from the museum, and described in a new study published this week.";
        assert_eq!(clauses(s), [s]);
        // A list item before the verb is no speaker.
        let s = "The injured were taken to the city hospital, and nurses, doctors and porters said they had worked all night.";
        assert_eq!(clauses(s).len(), 1, "{:?}", clauses(s));
    }

    #[test]
    fn keeps_lists_and_short_coordinations_whole() {
        let s = "Biden said the United States, Japan and Australia would create an air, missile and defense architecture for the first time.";
        assert_eq!(clauses(s), [s]);
        let s = "The leaders met, and agreed to talk again next year about trade.";
        assert_eq!(clauses(s), [s]);
    }

    #[test]
    fn keeps_oxford_comma_lists_whole() {
        let s = "Biden announced plans for the US, Japan, and Australia to establish an integrated air, missile, and defense system.";
        assert_eq!(clauses(s), [s]);
    }

    #[test]
    fn splits_a_non_restrictive_relative_clause() {
        assert_eq!(
            clauses(
                "The United States and Japan plan to modernize their military command structures, which President Joe Biden said is the most significant upgrade to their alliance."
            ),
            [
                "The United States and Japan plan to modernize their military command structures",
                "which President Joe Biden said is the most significant upgrade to their alliance."
            ]
        );
        let s = "Nippon Steel proposed an acquisition of U.S. Steel, which the president opposes.";
        assert_eq!(clauses(s), [s]);
    }

    #[test]
    fn never_splits_inside_quotations() {
        let s = "He said “we will rebuild, and the people will decide what comes next” on Monday.";
        assert_eq!(clauses(s), [s]);
    }

    #[test]
    fn word_counts_match_split_whitespace() {
        let s = "  Kishida’s  talks; with Biden,and  “the allies”  ended ";
        let counts = WordCounts::new(s);
        for (pos, _) in s.char_indices().chain([(s.len(), ' ')]) {
            assert_eq!(counts.before(pos), word_count(&s[..pos]), "before {pos}");
            assert_eq!(counts.from(pos), word_count(&s[pos..]), "from {pos}");
        }
    }

    #[test]
    fn splits_on_semicolons() {
        assert_eq!(
            clauses("Exports rose by a fifth last year; imports fell for the third year running."),
            [
                "Exports rose by a fifth last year",
                "imports fell for the third year running."
            ]
        );
    }
}
