//! Certainty changed: one claim states as certain ("will join") or as a plan
//! ("unveiled plans to network") what the other only calls possible ("may
//! consider joining", "plans to explore"). A plan against a statement of
//! intent ("plan to modernize" / "will modernize") is not a contradiction.

use super::{Context, Evidence, clause_boundary_before, governed_terms, head_governed, is_matched};
use concord_core::{Modality, TokenRole};

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let (ma, mb) = (ctx.a.claim.modality, ctx.b.claim.modality);
    // Certain or planned against merely possible.
    let firm = |m: Modality| matches!(m, Modality::Asserted | Modality::Planned);
    let clash = (firm(ma) && mb == Modality::Hedged) || (ma == Modality::Hedged && firm(mb));
    // A denial against a possibility ("has never been charged" / "could
    // result in him facing charges") can both be true.
    if !clash || ctx.a.claim.polarity != ctx.b.claim.polarity {
        return None;
    }
    if !ctx.same_fact_without(|_| true) || !ctx.close(|_| true) {
        return None;
    }
    let (hedged, strength, firm_side) = if ma == Modality::Hedged {
        (ctx.a, &ctx.al.strength_a, ctx.b)
    } else {
        (ctx.b, &ctx.al.strength_b, ctx.a)
    };
    let cues = &ctx.lex.cues;
    // What the hedge governs must be shared, and stated without negation on
    // both sides: under a negation the scale turns ("won't commit" is
    // firmer than "will not consider").
    let negated: Vec<&str> = [hedged, firm_side]
        .iter()
        .flat_map(|p| {
            governed_terms(
                p,
                &cues.negation,
                Some(&cues.pseudo_negation),
                Some(&cues.object_negation),
                2,
            )
        })
        .collect();
    // The hedge is about the first word after it that is neither another
    // cue nor a support verb ("may consider *joining*", "could face a
    // *charge*"): that word must be shared. A shared word further on is
    // another part of the sentence ("to deter any possible hostile
    // *takeover*" / "to fend off unwanted *takeovers*" hedges nothing the
    // other claim states).
    let cue_word = |w: &str| {
        [
            &cues.hedge,
            &cues.weak_hedge,
            &cues.evidential,
            &cues.plan,
            &cues.support_verbs,
        ]
        .iter()
        .any(|list| list.contains_any(&[w]))
    };
    let shared_governed = |list: &concord_text::PhraseSet| {
        let about = identity_checked(hedged, strength, head_governed(hedged, list, cue_word));
        governed_terms(hedged, list, None, None, SCOPE)
            .into_iter()
            .any(|t| about.contains(&t) && is_matched(hedged, strength, t) && !negated.contains(&t))
    };
    // "allegedly stole" / "stole": the source of the knowledge differs,
    // not the fact; an editor should see it, as a tension. "could face a
    // charge" against "was charged" is a clash like "may consider".
    // "could be big" / "can be big": a weak hedge against a modal of
    // possibility is one hedge in two words.
    let possible = |p: &crate::prepare::Prepared<'_>| {
        !governed_terms(p, &cues.possibility, None, None, SCOPE).is_empty()
    };
    let (hedge, weak_hedge) = (
        shared_governed(&cues.hedge),
        shared_governed(&cues.weak_hedge),
    );
    if !hedge && weak_hedge && possible(firm_side) {
        return None;
    }
    let soft = if hedge || weak_hedge {
        false
    } else if shared_governed(&cues.evidential) {
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
    if cues.directive.contains_any(&words) {
        return None;
    }
    // Two figures for one quantity, one of them hedged ("stole ... from up
    // to 1.5 million accounts" / "was thought to have compromised up to
    // three million accounts"): an estimate revised, a matter for the
    // figures, not a certainty given two ways.
    if figures_differ(ctx) {
        return None;
    }
    Some(Evidence {
        soft,
        detail: format!("{} vs {}", ma.as_str(), mb.as_str()),
        values: None,
    })
}

/// The hedged heads, less a name whose identity with something is hedged
/// ("they thought the bodies *may have been of* Alex Lowe and David
/// Bridges, who were swept away ...") when the other claim does not name
/// that something: "Alex Lowe and David Bridges were swept away" states
/// what happened to the two, not whose the bodies are. "The suspect may be
/// John Smith" / "John Smith is the suspect" share both terms and still
/// clash. The something is the nearest content word before the cue in its
/// clause.
fn identity_checked<'p>(
    hedged: &'p crate::prepare::Prepared<'_>,
    strength: &[f64],
    heads: Vec<(usize, &'p concord_core::Token)>,
) -> Vec<&'p str> {
    let tokens = &hedged.claim.tokens;
    heads
        .into_iter()
        .filter(|&(cue, head)| {
            head.role != TokenRole::Entity
                || (0..cue)
                    .rev()
                    .take_while(|&k| !clause_boundary_before(hedged, k + 1))
                    .map(|k| &tokens[k])
                    .find(|t| t.role == TokenRole::Content)
                    .is_some_and(|t| is_matched(hedged, strength, &t.term))
        })
        .map(|(_, head)| head.term.as_str())
        .collect()
}

/// Does a figure of one claim have a different value from the figure of
/// the same kind and unit in the other?
fn figures_differ(ctx: &Context<'_, '_>) -> bool {
    let (sa, sb) = (&ctx.a.claim.slots, &ctx.b.claim.slots);
    sa.iter().any(|x| {
        sb.iter().any(|y| {
            x.kind == y.kind
                && x.unit == y.unit
                && x.value.number().is_some()
                && super::number::verdict(x, y) != super::number::Verdict::Agree
        })
    })
}

/// Words a hedge governs: the next content words after it ("may
/// *consider* *retaliating*", "plan to explore the possibility of
/// *conducting maintenance*"). A hedge on an extra clause ("..., while
/// Pennisi thinks he may appeal") is about something else.
const SCOPE: usize = 2;

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Modality;

    #[test]
    fn a_hedged_estimate_of_another_figure_is_no_certainty_clash() {
        assert_no_contradiction(
            "A security breach at Global Payments reported on Friday compromised up to 1.5 million credit card accounts.",
            "A security breach at Global Payments reported on Friday was thought to have compromised up to three million credit card accounts.",
        );
    }

    #[test]
    fn a_hedge_is_about_the_word_after_it() {
        // "possible" qualifies "hostile"; the shared "takeover(s)" is the
        // object of the plan both state.
        assert_no_contradiction(
            "Morrison Inc said its board adopted a shareholder rights plan to deter any possible hostile takeover of the company.",
            "Morrison Inc said its board adopted a shareholder rights plan designed to fend off unwanted takeovers.",
        );
        // "could" of ability: what was done, told two ways.
        assert_no_contradiction(
            "Three Syrians, including a pregnant Syrian woman, her husband, and an elderly female patient, were moved to safety.",
            "\"They could evacuate an elderly woman, a pregnant woman with her husband,\" she said.",
        );
    }

    #[test]
    fn a_hedged_identity_needs_both_of_its_terms() {
        // Whose the bodies were is hedged; the other claim says what
        // happened to the two men, not whose the bodies are.
        assert_no_contradiction(
            "Alex Lowe and David Bridges were swept away in 1999 by an avalanche on Shishapangma.",
            "The climbers thought the bodies may have been of Alex Lowe and David Bridges, who were swept away by an avalanche in 1999.",
        );
        assert_contradiction(
            "The bodies found on the glacier were of Alex Lowe and David Bridges.",
            "The bodies found on the glacier may have been of Alex Lowe and David Bridges.",
            Modality,
        );
    }

    #[test]
    fn could_against_can_is_one_hedge() {
        assert_no_contradiction(
            "\"He did say, 'Fresco, take the blame because this could be big.'\"",
            "\"He did say, 'Fresco, take the blame because this can be big.'\"",
        );
    }

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

    #[test]
    fn could_face_a_charge_against_charged() {
        assert_contradiction(
            "The driver of the truck was arrested and charged on Monday with reckless homicide after the crash.",
            "The driver of the truck was arrested on Monday and could face a reckless homicide charge after the crash.",
            Modality,
        );
    }

    #[test]
    fn a_negation_elsewhere_does_not_hide_the_hedge() {
        assert_contradiction(
            "Officials say the strike cannot stop the talks, but the union has said it will walk out.",
            "Officials say the strike cannot stop the talks, though the union has said it may consider walking out.",
            Modality,
        );
    }
}
