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
    // The two words must say opposite things of one thing: a word next to
    // them is the same on both sides ("*support* any attempts" / "*oppose*
    // any attempt", "shares *rose*" / "shares *fell*"), not "the relatively
    // *young* island" / "zircons as *old* as 3 billion years".
    if !same_neighbour(ctx, &ta.text, &tb.text) {
        return None;
    }
    // The topic without the two opposite words.
    let keep = |t: &crate::prepare::Term| t.id != ta.id && t.id != tb.id;
    if !ctx.same_fact_without(keep) {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("\"{}\" vs \"{}\"", ta.lower, tb.lower),
        values: Some([ta.lower.clone(), tb.lower.clone()]),
    })
}

/// Content words (or names) within [`NEIGHBOURHOOD`] words before and
/// after the token of term `term`.
fn neighbours(p: &crate::prepare::Prepared<'_>, term: &str) -> (Vec<String>, Vec<String>) {
    let tokens = &p.claim.tokens;
    let Some(at) = tokens.iter().position(|t| t.term == term) else {
        return (Vec::new(), Vec::new());
    };
    let content =
        |t: &&concord_core::Token| matches!(t.role, TokenRole::Content | TokenRole::Entity);
    let before = tokens[at.saturating_sub(NEIGHBOURHOOD)..at]
        .iter()
        .filter(content)
        .map(|t| t.term.clone())
        .collect();
    let after = tokens[at + 1..(at + 1 + NEIGHBOURHOOD).min(tokens.len())]
        .iter()
        .filter(content)
        .map(|t| t.term.clone())
        .collect();
    (before, after)
}

/// Tokens on each side of an opposite word where its shared neighbour is
/// looked for.
const NEIGHBOURHOOD: usize = 3;

/// Does a word before (or after) the opposite word of a also stand before
/// (or after) that of b?
fn same_neighbour(ctx: &Context<'_, '_>, ta: &str, tb: &str) -> bool {
    let (ba, aa) = neighbours(ctx.a, ta);
    let (bb, ab) = neighbours(ctx.b, tb);
    ba.iter().any(|t| bb.contains(t)) || aa.iter().any(|t| ab.contains(t))
}

/// Indices of a pair of opposite words, each present on one side only.
pub fn opposite_words(ctx: &Context<'_, '_>) -> Option<(usize, usize)> {
    let only = |p: &crate::prepare::Prepared<'_>, s: &[f64]| -> Vec<usize> {
        p.terms
            .iter()
            .enumerate()
            // A word of a value is not a statement ("the *old* of
            // "13-year-old" against "a young runner").
            .filter(|(i, t)| t.role == TokenRole::Content && !t.slot && s[*i] == 0.0)
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
    fn a_word_of_a_value_is_no_opposite() {
        assert_no_contradiction(
            "A man was covered in green juice and a young runner was struck by a frozen chicken breast during the race.",
            "A 13-year-old runner was struck by a frozen chicken breast during the race.",
        );
    }

    #[test]
    fn opposite_words_about_different_things_are_left_alone() {
        assert_no_contradiction(
            "The study also found traces of ancient zircons in beach sand on the relatively young island.",
            "By studying the rocks on the island, the study found zircons that are as old as 3 billion years.",
        );
    }

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
    fn converse_verbs_tell_one_event_from_two_sides() {
        assert_no_contradiction(
            "The affected laptops were sold between March and June and fall within a narrow serial range.",
            "The company will replace batteries in laptops purchased between March and June.",
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
