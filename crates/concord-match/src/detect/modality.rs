//! Certainty changed: one claim states as certain ("will join") or as a plan
//! ("unveiled plans to network") what the other only calls possible ("may
//! consider joining", "plans to explore"). A plan against a statement of
//! intent ("plan to modernize" / "will modernize") is not a contradiction.

use super::{Context, Evidence};
use concord_core::Modality;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let (ma, mb) = (ctx.a.claim.modality, ctx.b.claim.modality);
    // Certain or planned against merely possible.
    let firm = |m: Modality| matches!(m, Modality::Asserted | Modality::Planned);
    let clash = (firm(ma) && mb == Modality::Hedged) || (ma == Modality::Hedged && firm(mb));
    // Under a negation the scale turns ("won't commit" is firmer than
    // "will not consider"): only positive claims are compared.
    let positive = ctx.a.claim.polarity == concord_core::Polarity::Positive
        && ctx.b.claim.polarity == concord_core::Polarity::Positive;
    if !clash || !positive {
        return None;
    }
    if !ctx.same_fact_without(|_| true) || !ctx.close(|_| true) {
        return None;
    }
    // Only an explicit hedge ("may", "could", "consider", "explore the
    // possibility") weakens a claim enough to contradict a certain one; a
    // bare "would" is too often reported or future-in-the-past.
    let (hedged, strength) = if ma == Modality::Hedged {
        (ctx.a, &ctx.al.strength_a)
    } else {
        (ctx.b, &ctx.al.strength_b)
    };
    // "allegedly stole" / "stole": the source of the knowledge differs,
    // not the fact; an editor should see it, as a tension.
    let soft = if governs_shared_words(&ctx.lex.cues.hedge, hedged, strength) {
        false
    } else if governs_shared_words(&ctx.lex.cues.evidential, hedged, strength) {
        true
    } else {
        return None;
    };
    // "It suggests that Congress consider ...": advice, not doubt.
    let words: Vec<&str> = hedged
        .claim
        .tokens
        .iter()
        .map(|t| t.lower.as_str())
        .collect();
    if ctx.lex.cues.directive.contains_any(&words) {
        return None;
    }
    Some(Evidence {
        soft,
        detail: format!("{} vs {}", ma.as_str(), mb.as_str()),
    })
}

/// Words a hedge governs: the next content words after it.
const SCOPE: usize = 2;

/// Does a cue of `cues` (an explicit hedge: "may", "consider", "explore")
/// govern a word the other claim shares ("may *join*", "plan to explore the possibility of
/// *conducting maintenance*")? A hedge on an extra clause ("..., while
/// Pennisi thinks he may appeal") is about something else.
fn governs_shared_words(
    cues: &concord_text::PhraseSet,
    hedged: &crate::prepare::Prepared<'_>,
    strength: &[f64],
) -> bool {
    let tokens = &hedged.claim.tokens;
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let matched = |term: &str| {
        hedged
            .terms
            .iter()
            .zip(strength)
            .any(|(t, s)| t.text == term && *s > 0.0)
    };
    cues.find_all(&words).into_iter().any(|(start, len)| {
        tokens[start + len..]
            .iter()
            .filter(|t| {
                matches!(
                    t.role,
                    concord_core::TokenRole::Content | concord_core::TokenRole::Entity
                )
            })
            .take(SCOPE)
            .any(|t| matched(&t.term))
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Modality;

    #[test]
    fn flags_certain_against_possible() {
        assert_contradiction(
            "Japan will join the AUKUS security pact's second pillar.",
            "Japan may consider joining the AUKUS security pact's second pillar.",
            Modality,
        );
        assert_contradiction(
            "The US will conduct maintenance and repair on engines of Japan-based US Air Force aircraft.",
            "The US plans to explore the possibility of conducting maintenance and repair on engines of Japan-based US Air Force aircraft.",
            Modality,
        );
    }

    #[test]
    fn an_evidential_hedge_is_a_tension() {
        assert_tension(
            "A man stole the thumb of a terracotta warrior statue at the Franklin Institute.",
            "A man allegedly stole the thumb of a terracotta warrior statue at the Franklin Institute.",
            Modality,
        );
    }

    #[test]
    fn reported_would_is_will() {
        assert_no_contradiction(
            "Biden said the United States, Japan and Australia would create an air, missile and defense architecture.",
            "The United States, Japan and Australia will create an air, missile and defense architecture.",
        );
    }

    #[test]
    fn a_plan_is_no_contradiction() {
        assert_no_contradiction(
            "The United States and Japan plan to modernize their military command and control structures.",
            "The United States and Japan will modernize their military command and control structures.",
        );
    }
}
