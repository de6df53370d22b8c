//! One claim denies what the other states: "Article V applies to the
//! Senkaku" / "Article V does not apply to the Senkaku". A negation is about
//! what it governs: the claims disagree when a word one negates ("would not
//! *pay*") is one the other states without negation ("would have to
//! *pay*"), whatever other negations either carries ("... was *never* a
//! separate franchise" on both sides). Both claims must be mostly covered
//! by each other, so that a negation in an extra clause of the longer one
//! ("..., but he would not discuss the deal") does not count.

use super::{Context, Evidence, governed_terms, is_matched};

/// Words a negation cue governs: the next content word or name after it
/// ("does not *apply*", "no *decisions*", "has yet to be *destroyed*").
const SCOPE: usize = 1;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let cues = &ctx.lex.cues;
    // A claim whose only negations are comparisons ("no rock older than")
    // denies nothing (its polarity says so).
    fn governed<'p>(
        p: &'p crate::prepare::Prepared<'_>,
        cues: &concord_text::CueSets,
    ) -> Vec<&'p str> {
        if p.claim.polarity == concord_core::Polarity::Positive {
            return Vec::new();
        }
        governed_terms(
            p,
            &cues.negation,
            Some(&cues.pseudo_negation),
            Some(&cues.object_negation),
            SCOPE,
        )
    }
    let (na, nb) = (governed(ctx.a, cues), governed(ctx.b, cues));
    // A word negated on one side only, which the other side states in its
    // own words (not only in the antecedent a relative clause refers to).
    let states = |p: &crate::prepare::Prepared<'_>, t: &str| {
        p.claim.antecedent.is_empty() || p.claim.tokens.iter().any(|x| x.term == t)
    };
    let flipped_in_a = na
        .iter()
        .any(|t| !nb.contains(t) && is_matched(ctx.a, &ctx.al.strength_a, t) && states(ctx.b, t));
    let flipped_in_b = nb
        .iter()
        .any(|t| !na.contains(t) && is_matched(ctx.b, &ctx.al.strength_b, t) && states(ctx.a, t));
    // One claim denies what the other states, so it has a negation more:
    // claims with as many negations ("we couldn't" / "we couldn't
    // [donate]") have only placed them differently.
    if !(flipped_in_a || flipped_in_b) || negations(ctx.a, cues) == negations(ctx.b, cues) {
        return None;
    }
    if !ctx.same_fact_without(|_| true) || !ctx.close(|_| true) {
        return None;
    }
    // "did not reject" / "approved": a negated antonym agrees.
    if super::antonym::opposite_words(ctx).is_some() {
        return None;
    }
    let negated = if flipped_in_a { ctx.a } else { ctx.b }.claim;
    Some(Evidence {
        soft: false,
        detail: format!("negated in \"{}\"", shorten(&negated.text)),
    })
}

/// How many negation cues of claim `p` deny something (not "not only", not
/// "no more than").
fn negations(p: &crate::prepare::Prepared<'_>, cues: &concord_text::CueSets) -> usize {
    let words: Vec<&str> = p.claim.tokens.iter().map(|t| t.lower.as_str()).collect();
    let pseudo = cues.pseudo_negation.find_all(&words);
    cues.negation
        .find_all(&words)
        .into_iter()
        .filter(|&(s, _)| {
            !pseudo.iter().any(|&(ps, n)| s >= ps && s < ps + n)
                && !concord_text::is_negated_comparison(&words, s)
        })
        .count()
}

fn shorten(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 12 {
        s.to_string()
    } else {
        format!("{} ...", words[..12].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Negation;

    #[test]
    fn as_many_negations_on_both_sides_deny_nothing_the_other_states() {
        assert_no_contradiction(
            "\"To find out at the very last minute with the last test that we couldn't was devastating,\" recalls Cristy.",
            "\"To find out at the very last minute with the last test that we couldn't donate was devastating,\" recalls Cristy.",
        );
    }

    #[test]
    fn flags_a_denied_statement() {
        assert_contradiction(
            "Biden also reaffirmed that Article V applies to the Senkaku Islands.",
            "Biden also said that Article V does not apply to the Senkaku Islands.",
            Negation,
        );
        assert_contradiction(
            "U.S. officials said Biden and Kishida would discuss Nippon Steel's proposed acquisition of U.S. Steel.",
            "U.S. officials said Biden and Kishida would not discuss Nippon Steel's proposed acquisition of U.S. Steel.",
            Negation,
        );
    }

    #[test]
    fn not_only_is_no_negation() {
        assert_no_contradiction(
            "The alliance is not only about defence but also about technology.",
            "The alliance is about defence and technology.",
        );
    }

    #[test]
    fn a_negation_about_something_else_is_no_contradiction() {
        assert_no_contradiction(
            "Tokyo no longer watches from the sidelines as North Korea tests missiles.",
            "Kishida said the alliance was stronger than ever.",
        );
        assert_no_contradiction(
            "Biden said he would maintain his commitment to American workers.",
            "Biden said he would maintain his commitment to American workers but would not block the deal or discuss it with Kishida at the summit this week.",
        );
    }

    #[test]
    fn a_negation_both_sides_share_does_not_hide_one_they_do_not() {
        assert_contradiction(
            "The mayor said the city would not have to repay the grant because the plan was never approved by the council.",
            "The mayor said the city would have to repay the grant, even though the plan was never approved by the council.",
            Negation,
        );
    }

    #[test]
    fn yet_to_negates_what_follows() {
        assert_contradiction(
            "Most of the 2m tonnes of waste have yet to be removed from the river bank, officials said.",
            "Most of the 2m tonnes of waste have since been removed from the river bank, officials said.",
            Negation,
        );
    }
}
