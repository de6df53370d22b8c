//! One claim denies what the other states: "Article V applies to the
//! Senkaku" / "Article V does not apply to the Senkaku". Both claims must be
//! mostly covered by each other, so that a negation in an extra clause of
//! the longer one ("..., but he would not discuss the deal") does not count.

use super::{Context, Evidence};
use concord_core::{Polarity, TokenRole};

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let (pa, pb) = (ctx.a.claim.polarity, ctx.b.claim.polarity);
    if pa == pb || !ctx.same_fact_without(|_| true) || !ctx.close(|_| true) {
        return None;
    }
    // "did not reject" / "approved": a negated antonym agrees.
    if super::antonym::opposite_words(ctx).is_some() {
        return None;
    }
    let (negated, negated_is_b) = if pa == Polarity::Negative {
        (ctx.a, false)
    } else {
        (ctx.b, true)
    };
    if !scope_is_shared(ctx, negated, negated_is_b) {
        return None;
    }
    let negated = negated.claim;
    Some(Evidence {
        soft: false,
        detail: format!("negated in \"{}\"", shorten(&negated.text)),
    })
}

/// Words a negation cue governs: the next two content words or names after
/// it ("does not *apply* to the *Senkaku*", "no *decisions*").
const SCOPE: usize = 1;

/// Is something the negation governs ("does not *apply*", "would not
/// *discuss*") shared with the other claim? A negation whose scope the other
/// claim does not mention ("... but would not *block* the deal") is about
/// something else.
fn scope_is_shared(
    ctx: &Context<'_, '_>,
    negated: &crate::prepare::Prepared<'_>,
    negated_is_b: bool,
) -> bool {
    let strength = if negated_is_b {
        &ctx.al.strength_b
    } else {
        &ctx.al.strength_a
    };
    let matched = |term: &str| {
        negated
            .terms
            .iter()
            .zip(strength)
            .any(|(t, s)| t.text == term && *s > 0.0)
    };
    let tokens = &negated.claim.tokens;
    tokens.iter().enumerate().any(|(i, t)| {
        t.role == TokenRole::Negation
            && tokens[i + 1..]
                .iter()
                .filter(|x| matches!(x.role, TokenRole::Content | TokenRole::Entity))
                .take(SCOPE)
                .any(|x| matched(&x.term))
    })
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
}
