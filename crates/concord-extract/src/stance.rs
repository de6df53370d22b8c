//! Polarity and modality of a claim, from the cue lists in the rules.
//!
//! Modality, from weakest to strongest evidence: a hedge ("may", "could",
//! "consider", "explore the possibility") makes a claim `hedged`; a forecast
//! ("is expected to", "likely") `expected`; an intention ("plans to", "aims
//! to") `planned`; anything else is `asserted`, including "will". "would"
//! is the reported form of "will" after a reporting verb ("Biden said the
//! allies would ...") and a hedge otherwise.

use concord_core::{Modality, Polarity, Token};
use concord_text::Lexicon;

/// Lower-case words for cue matching; a capitalised "May" that is not the
/// first word is the month, not the modal.
pub fn cue_words(tokens: &[Token], sentence: &str) -> Vec<String> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let surface = &sentence[t.start as usize..t.end as usize];
            if i > 0 && surface == "May" {
                "<month>".to_string()
            } else {
                t.lower.replace('’', "'")
            }
        })
        .collect()
}

/// Negative when a negation cue occurs outside a pseudo-negation ("not
/// only", "no doubt").
pub fn polarity(words: &[String], lex: &Lexicon) -> Polarity {
    let pseudo = lex.cues.pseudo_negation.find_all(words);
    let covered = |i: usize| pseudo.iter().any(|&(s, n)| i >= s && i < s + n);
    let negated = lex
        .cues
        .negation
        .find_all(words)
        .into_iter()
        .any(|(s, _)| !covered(s));
    if negated {
        Polarity::Negative
    } else {
        Polarity::Positive
    }
}

/// The modality of the clause `words`. `reported` says whether a reporting
/// verb or source phrase precedes the clause in its sentence.
pub fn modality(words: &[String], reported: bool, lex: &Lexicon) -> Modality {
    if lex.cues.hedge.contains_any(words) || lex.cues.weak_hedge.contains_any(words) {
        return Modality::Hedged;
    }
    if lex.cues.expect.contains_any(words) {
        return Modality::Expected;
    }
    if lex.cues.plan.contains_any(words) {
        return Modality::Planned;
    }
    if !reported && words.iter().any(|w| w == "would") {
        return Modality::Hedged;
    }
    Modality::Asserted
}

/// Marks the words of modality and negation cues as function words.
pub fn demote_cues(tokens: &mut [Token], words: &[String], lex: &Lexicon) {
    let sets = [
        &lex.cues.hedge,
        &lex.cues.plan,
        &lex.cues.expect,
        &lex.cues.negation,
    ];
    for set in sets {
        for (start, len) in set.find_all(words) {
            for t in tokens.iter_mut().skip(start).take(len) {
                if t.role == concord_core::TokenRole::Content {
                    t.role = concord_core::TokenRole::Stop;
                }
            }
        }
    }
}

/// Is the clause about the future? Used to resolve "on Thursday".
pub fn is_future(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "will"
                | "would"
                | "shall"
                | "'ll"
                | "next"
                | "upcoming"
                | "expected"
                | "plans"
                | "plan"
                | "planned"
                | "scheduled"
        )
    })
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

    fn words(s: &str) -> Vec<String> {
        cue_words(&lex().analyze(s).tokens, s)
    }

    #[test]
    fn negation_cues_and_pseudo_negation() {
        let p = |s: &str| polarity(&words(s), lex());
        assert_eq!(
            p("Article V does not apply to the Senkaku"),
            Polarity::Negative
        );
        assert_eq!(
            p("Biden and Kishida won't discuss the deal"),
            Polarity::Negative
        );
        assert_eq!(
            p("Tokyo no longer watches from the sidelines"),
            Polarity::Negative
        );
        assert_eq!(p("It is not only about defence"), Polarity::Positive);
        assert_eq!(p("Article V applies to the Senkaku"), Polarity::Positive);
    }

    #[test]
    fn modality_levels() {
        let m = |s: &str, reported| modality(&words(s), reported, lex());
        assert_eq!(m("Japan will join the pact", false), Modality::Asserted);
        assert_eq!(
            m("Japan may consider joining the pact", false),
            Modality::Hedged
        );
        assert_eq!(
            m(
                "the US and Japan plan to explore the possibility of repairs",
                false
            ),
            Modality::Hedged
        );
        assert_eq!(
            m("the US and Japan plan to modernize their command", false),
            Modality::Planned
        );
        assert_eq!(
            m("a meeting is expected to take place", false),
            Modality::Expected
        );
        assert_eq!(
            m("the allies would create a network", true),
            Modality::Asserted
        );
        assert_eq!(
            m("the allies would create a network", false),
            Modality::Hedged
        );
        assert_eq!(m("The vote in May was close", false), Modality::Asserted);
    }
}
