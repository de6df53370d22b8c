//! One claim denies what the other states: "Article V applies to the
//! Senkaku" / "Article V does not apply to the Senkaku". Both claims must be
//! mostly covered by each other, so that a negation in an extra clause of
//! the longer one ("..., but he would not discuss the deal") does not count.

use super::{Context, Detection};
use concord_core::{ContradictionKind, Polarity};

/// Both sides must be covered at least this much (the negated predicate is
/// the shared one, not an extra).
const MIN_COVER: f64 = 0.6;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Detection> {
    let (pa, pb) = (ctx.a.claim.polarity, ctx.b.claim.polarity);
    if pa == pb || !ctx.same_topic(|_| true) || ctx.al.min_cover() < MIN_COVER {
        return None;
    }
    // "did not reject" / "approved": a negated antonym agrees.
    if super::antonym::opposite_words(ctx).is_some() {
        return None;
    }
    let negated = if pa == Polarity::Negative {
        ctx.a.claim
    } else {
        ctx.b.claim
    };
    Some(Detection {
        kind: ContradictionKind::Negation,
        soft: false,
        detail: format!("negated in \"{}\"", shorten(&negated.text)),
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
