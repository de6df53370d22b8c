//! Certainty changed: one claim states as certain ("will join") or as a plan
//! ("unveiled plans to network") what the other only calls possible ("may
//! consider joining", "plans to explore"). A plan against a statement of
//! intent ("plan to modernize" / "will modernize") is not a contradiction.

use super::{Context, Detection};
use concord_core::{ContradictionKind, Modality};

pub fn detect(ctx: &Context<'_, '_>) -> Option<Detection> {
    let (ma, mb) = (ctx.a.claim.modality, ctx.b.claim.modality);
    // Certain or planned against merely possible.
    let firm = |m: Modality| matches!(m, Modality::Asserted | Modality::Planned);
    let clash = (firm(ma) && mb == Modality::Hedged) || (ma == Modality::Hedged && firm(mb));
    if !clash || ctx.a.claim.polarity != ctx.b.claim.polarity {
        return None;
    }
    if !ctx.same_fact_without(|_| true) || !ctx.close(|_| true) {
        return None;
    }
    // Only an explicit hedge ("may", "could", "consider", "explore the
    // possibility") weakens a claim enough to contradict a certain one; a
    // bare "would" is too often reported or future-in-the-past.
    let hedged = if ma == Modality::Hedged {
        ctx.a.claim
    } else {
        ctx.b.claim
    };
    let words: Vec<&str> = hedged.tokens.iter().map(|t| t.lower.as_str()).collect();
    if !ctx.lex.cues.hedge.contains_any(&words) {
        return None;
    }
    Some(Detection {
        kind: ContradictionKind::Modality,
        soft: false,
        detail: format!("{} vs {}", ma.as_str(), mb.as_str()),
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
