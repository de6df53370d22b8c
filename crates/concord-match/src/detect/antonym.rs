//! Opposite words for the same event: "shares rose" / "shares fell",
//! "approved" / "rejected". The antonym pairs are data (`[[antonyms]]` in
//! the rules); a pair counts only when each word is on one side alone.

use super::{Context, Evidence};
use concord_core::TokenRole;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    if ctx.a.claim.polarity != ctx.b.claim.polarity {
        return None;
    }
    let (i, j) = opposite_words(ctx)?;
    let (ta, tb) = (&ctx.a.terms[i], &ctx.b.terms[j]);
    // The topic without the two opposite words.
    let keep = |t: &crate::prepare::Term| t.id != ta.id && t.id != tb.id;
    if !ctx.same_fact_without(keep) {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("\"{}\" vs \"{}\"", ta.lower, tb.lower),
    })
}

/// Indices of a pair of opposite words, each present on one side only.
pub fn opposite_words(ctx: &Context<'_, '_>) -> Option<(usize, usize)> {
    let only = |p: &crate::prepare::Prepared<'_>, s: &[f64]| -> Vec<usize> {
        p.terms
            .iter()
            .enumerate()
            .filter(|(i, t)| t.role == TokenRole::Content && s[*i] == 0.0)
            .map(|(i, _)| i)
            .collect()
    };
    let (oa, ob) = (
        only(ctx.a, &ctx.al.strength_a),
        only(ctx.b, &ctx.al.strength_b),
    );
    oa.iter()
        .flat_map(|&i| ob.iter().map(move |&j| (i, j)))
        .find(|&(i, j)| {
            ctx.lex
                .are_antonyms(&ctx.a.terms[i].text, &ctx.b.terms[j].text)
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Antonym;

    #[test]
    fn flags_opposite_verbs() {
        assert_contradiction(
            "Shares of Nippon Steel rose sharply on Thursday after the announcement.",
            "Shares of Nippon Steel fell sharply on Thursday after the announcement.",
            Antonym,
        );
        assert_contradiction(
            "The Senate approved the defence spending bill on Friday.",
            "The Senate rejected the defence spending bill on Friday.",
            Antonym,
        );
    }

    #[test]
    fn both_words_on_both_sides_is_no_contradiction() {
        assert_no_contradiction(
            "Exports rose in March while imports fell.",
            "Exports rose in March and imports fell.",
        );
    }

    #[test]
    fn a_double_negative_is_no_antonym_contradiction() {
        assert_no_contradiction(
            "The Senate approved the defence spending bill on Friday.",
            "The Senate did not reject the defence spending bill on Friday.",
        );
    }

    #[test]
    fn flags_opposite_compass_directions() {
        assert_contradiction(
            "The farm lies about 12 miles north of the city centre.",
            "The farm lies about 12 miles south of the city centre.",
            Antonym,
        );
    }
}
