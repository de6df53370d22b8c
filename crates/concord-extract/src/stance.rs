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

/// Lower-case words for cue matching; a capitalised "May" is the month
/// (or a name: "May said"), not the modal. A statement never opens with
/// the modal, so a first "May" is the modal only before the subject of a
/// wish or a question ("May God ...", "May I ...").
pub fn cue_words<'t>(tokens: &'t [Token], sentence: &str) -> Vec<&'t str> {
    let surface = |t: &Token| sentence.get(t.start as usize..t.end as usize).unwrap_or("");
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let wish = i == 0
                && tokens
                    .get(1)
                    // A name token may hold several words ("god bless").
                    .and_then(|n| n.lower.split(' ').next())
                    .is_some_and(|n| WISH_SUBJECTS.contains(&n));
            if surface(t) == "May" && !wish {
                "<month>"
            } else {
                t.lower.as_str()
            }
        })
        .collect()
}

/// Subjects after a first "May" that make it the modal of a wish or a
/// question: grammar (the personal pronouns), not a word list.
const WISH_SUBJECTS: &[&str] = &["i", "we", "you", "he", "she", "it", "they", "god"];

/// Negative when a negation cue occurs outside a pseudo-negation ("not
/// only", "no doubt").
pub fn polarity(words: &[&str], lex: &Lexicon) -> Polarity {
    let pseudo = lex.cues.pseudo_negation.find_all(words);
    let covered = |i: usize| pseudo.iter().any(|&(s, n)| i >= s && i < s + n);
    let negated = lex
        .cues
        .negation
        .find_all(words)
        .into_iter()
        .any(|(s, _)| !covered(s) && !concord_text::is_negated_comparison(words, s));
    if negated {
        Polarity::Negative
    } else {
        Polarity::Positive
    }
}

/// The modality of the clause `words`. `reported` says whether a reporting
/// verb or source phrase precedes the clause in its sentence; `turned`,
/// whether the next clause of its sentence opens with a turn (`[cues]
/// concession`: "She may or may not be the oldest wild bird, *but* she is
/// the oldest known" concedes in its first clause, cut off from the turn).
pub fn modality(words: &[&str], reported: bool, turned: bool, lex: &Lexicon) -> Modality {
    if doubting_hedge(words, turned, lex)
        || doubting_weak_hedge(words, lex)
        || lex.cues.evidential.contains_any(words)
    {
        return Modality::Hedged;
    }
    if lex.cues.expect.contains_any(words) {
        return Modality::Expected;
    }
    if lex.cues.plan.contains_any(words) {
        return Modality::Planned;
    }
    if !reported && words.contains(&"would") {
        return Modality::Hedged;
    }
    Modality::Asserted
}

/// Modals that concede when a turn (`[cues] concession`) follows them:
/// grammar, not a word list.
const CONCESSIVE_MODALS: &[&str] = &["may", "might"];

/// Is there a hedge that doubts, not one that concedes ("Iran *may* have
/// a peaceful programme *but* ...")?
fn doubting_hedge(words: &[&str], turned: bool, lex: &Lexicon) -> bool {
    let turn = |k: usize| {
        turned || (k + 1..words.len()).any(|j| lex.cues.concession.match_at(words, j).is_some())
    };
    lex.cues
        .hedge
        .find_all(words)
        .into_iter()
        .any(|(k, n)| !(n == 1 && CONCESSIVE_MODALS.contains(&words[k]) && turn(k)))
}

/// Words between a purpose ("so that") and the "could" it makes a purpose.
const PURPOSE_REACH: usize = 4;

/// Is there a weak hedge ("could") that is not a purpose's ("so that the
/// fire vehicle could respond")?
fn doubting_weak_hedge(words: &[&str], lex: &Lexicon) -> bool {
    let purposes = lex.cues.purpose.find_all(words);
    lex.cues
        .weak_hedge
        .find_all(words)
        .into_iter()
        .any(|(k, _)| {
            !purposes
                .iter()
                .any(|&(s, n)| s + n <= k && k - (s + n) <= PURPOSE_REACH)
        })
}

/// Positions of the words of modality and negation cues: they are to be
/// marked as function words.
pub fn cue_positions(words: &[&str], lex: &Lexicon) -> Vec<usize> {
    let sets = [
        &lex.cues.hedge,
        &lex.cues.plan,
        &lex.cues.expect,
        &lex.cues.negation,
    ];
    sets.iter()
        .flat_map(|set| set.find_all(words))
        .flat_map(|(start, len)| start..start + len)
        .collect()
}

/// Marks the given tokens' content words as function words.
pub fn demote(tokens: &mut [Token], positions: &[usize]) {
    for &i in positions {
        if let Some(t) = tokens.get_mut(i)
            && t.role == concord_core::TokenRole::Content
        {
            t.role = concord_core::TokenRole::Stop;
        }
    }
}

/// Is the clause about the future (a word of the rule set's
/// `future_words`)? Used to resolve "on Thursday".
pub fn is_future(words: &[&str], lex: &Lexicon) -> bool {
    words.iter().any(|w| lex.words.future_words.contains(w))
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
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn refs(w: &[String]) -> Vec<&str> {
        w.iter().map(String::as_str).collect()
    }

    #[test]
    fn negation_cues_and_pseudo_negation() {
        let p = |s: &str| polarity(&refs(&words(s)), lex());
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
        // After "can" it denies.
        assert_eq!(
            p("You cannot just get away with killing my baby"),
            Polarity::Negative
        );
        assert_eq!(
            p("They can't just walk away from the talks"),
            Polarity::Negative
        );
        // A negated comparison bounds a value.
        assert_eq!(
            p("There is no rock older than 9 million years on the island"),
            Polarity::Positive
        );
        assert_eq!(
            p("The plant employs no fewer workers than last year"),
            Polarity::Positive
        );
        assert_eq!(
            p("It is now between No. 250 and No. 500 on that list"),
            Polarity::Positive
        );
        assert_eq!(p("Article V applies to the Senkaku"), Polarity::Positive);
    }

    #[test]
    fn a_first_may_is_the_month_or_a_name_unless_a_wish_follows() {
        let m = |s: &str| modality(&refs(&words(s)), false, false, lex());
        assert_eq!(
            m("May currency reserves showed a record 4.8 billion stg rise."),
            Modality::Asserted
        );
        assert_eq!(m("May said the talks had failed."), Modality::Asserted);
        assert_eq!(m("May God rest his soul."), Modality::Hedged);
        assert_eq!(m("May God Bless us all."), Modality::Hedged);
        assert_eq!(m("Prices may rise in May."), Modality::Hedged);
    }

    #[test]
    fn talks_hedge_as_a_state_not_as_a_place() {
        let m = |s: &str| modality(&refs(&words(s)), false, false, lex());
        assert_eq!(
            m("The company is in talks with two buyers for its unit."),
            Modality::Hedged
        );
        assert_eq!(
            m("Officials gave the same message to the minister in talks here last week."),
            Modality::Asserted
        );
        assert_eq!(
            m("Rapid progress was made in talks with commercial banks."),
            Modality::Asserted
        );
    }

    #[test]
    fn modality_levels() {
        let m = |s: &str, reported| modality(&refs(&words(s)), reported, false, lex());
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
        // A concession grants: "may ... but" is no doubt.
        assert_eq!(
            m(
                "iran may have a peaceful nuclear energy program but misuse of that program is unacceptable",
                false
            ),
            Modality::Asserted
        );
        assert_eq!(
            m("iran may have a peaceful nuclear energy program", false),
            Modality::Hedged
        );
        // The same turn opening the next clause, the clause cut before it.
        assert_eq!(
            modality(
                &[
                    "she", "may", "or", "may", "not", "be", "the", "oldest", "wild", "bird"
                ],
                false,
                true,
                lex()
            ),
            Modality::Asserted
        );
        assert_eq!(
            m(
                "when the door opened so that the fire vehicle could respond Pally fell back",
                false
            ),
            Modality::Asserted
        );
        assert_eq!(
            m(
                "the allies were taking steps to ensure their militaries could work together",
                false
            ),
            Modality::Asserted
        );
        assert_eq!(m("the fire vehicle could respond", false), Modality::Hedged);
        assert_eq!(
            m("the allies would create a network", false),
            Modality::Hedged
        );
        assert_eq!(m("The vote in May was close", false), Modality::Asserted);
    }
}
