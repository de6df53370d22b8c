//! Certainty changed: one claim states as certain ("will join") what the
//! other only calls possible ("may consider joining", "plans to explore").
//! A plan against a statement of intent ("plan to modernize" / "will
//! modernize") is not a contradiction.

use super::{Context, Detection};
use concord_core::{ContradictionKind, Modality};

/// Both sides must be nearly the same statement.
const MIN_COVER: f64 = 0.6;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Detection> {
    let (ma, mb) = (ctx.a.claim.modality, ctx.b.claim.modality);
    let clash = matches!(
        (ma, mb),
        (Modality::Asserted, Modality::Hedged) | (Modality::Hedged, Modality::Asserted)
    );
    if !clash || ctx.a.claim.polarity != ctx.b.claim.polarity {
        return None;
    }
    if ctx.al.min_cover() < MIN_COVER || !ctx.same_topic(|_| true) {
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
