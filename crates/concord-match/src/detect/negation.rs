//! One claim denies what the other states: "Article V applies to the
//! Senkaku" / "Article V does not apply to the Senkaku". A negation is about
//! what it governs: the claims disagree when a word one negates ("would not
//! *pay*") is one the other states without negation ("would have to
//! *pay*"), whatever other negations either carries ("... was *never* a
//! separate franchise" on both sides). Both claims must be mostly covered
//! by each other, so that a negation in an extra clause of the longer one
//! ("..., but he would not discuss the deal") does not count; the clause
//! of the negation must itself be stated by the other claim, about a
//! subject it names ("While her parents were unable to donate, her aunt
//! ..."); and a denial against a hedge of the same statement ("has never
//! been charged" / "could face charges") is no contradiction.

use super::{Context, Evidence, governed_terms, is_matched};

/// How many words before a word a `non_assertive` cue may stand.
const ASKED_SCOPE: usize = 3;

/// Is every occurrence of `term` in `p` under a `non_assertive` cue of its
/// clause ("checked for *any* secretly placed GPS devices")?
fn only_asked(p: &crate::prepare::Prepared<'_>, term: &str, cues: &concord_text::CueSets) -> bool {
    let tokens = &p.claim.tokens;
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut at = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.term == term)
        .peekable();
    at.peek().is_some()
        && at.all(|(k, _)| {
            (k.saturating_sub(ASKED_SCOPE)..k)
                .rev()
                .take_while(|&j| !super::clause_mark_before(p, j + 1))
                .any(|j| cues.non_assertive.match_at(&words, j).is_some())
        })
}

/// Words a negation cue governs: the next content word or name after it
/// ("does not *apply*", "no *decisions*", "has yet to be *destroyed*").
const SCOPE: usize = 1;

/// Words a hedge governs ("could *result* in *Cosby* facing ...").
const HEDGE_SCOPE: usize = 2;

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
    // Not under a word that only asks whether it holds ("checked for *any*
    // secretly placed devices").
    let states = |p: &crate::prepare::Prepared<'_>, t: &str| {
        (p.claim.antecedent.is_empty() || p.claim.tokens.iter().any(|x| x.term == t))
            && !only_asked(p, t, cues)
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
    // "had not been exposed since 44,000 years ago": a time limit says
    // when, and denies nothing the other side states ("the exposed mosses
    // were 40,000 years old").
    let denier = if flipped_in_a { ctx.a } else { ctx.b };
    if only_time_limits(denier, cues) {
        return None;
    }
    // A rule on one side only ("had a written policy to double-cup hot
    // tea" / "was not double-cupped"): what should happen against what did.
    let states_a_rule = |p: &crate::prepare::Prepared<'_>| {
        let words: Vec<&str> = p.claim.tokens.iter().map(|t| t.lower.as_str()).collect();
        (0..words.len()).any(|k| cues.obligation.match_at(&words, k).is_some())
    };
    if states_a_rule(ctx.a) != states_a_rule(ctx.b) {
        return None;
    }
    // A denial against a possibility ("has never been charged" / "could
    // result in him facing charges") is no contradiction: both can be true.
    // The hedge must govern what both claims state: a claim's modality
    // also comes from its other clauses ("... found no evidence of foul
    // play, though an inquiry is likely").
    let hedged_about_it = |p: &crate::prepare::Prepared<'_>, strength: &[f64]| {
        p.claim.modality == concord_core::Modality::Hedged
            && [&cues.hedge, &cues.weak_hedge].into_iter().any(|list| {
                governed_terms(p, list, None, None, HEDGE_SCOPE)
                    .into_iter()
                    .any(|t| is_matched(p, strength, t))
            })
    };
    if hedged_about_it(ctx.a, &ctx.al.strength_a) != hedged_about_it(ctx.b, &ctx.al.strength_b) {
        return None;
    }
    // The claims must be close, and share more than one word, without
    // their values and without the words of the negations themselves
    // ("*no one* is protesting them" shares only "protest" with "... is
    // scheduled to last for *one* week", and "one" only through its cue).
    let cue_words = |t: &crate::prepare::Term| !t.slot && !cue_word(&t.lower, cues);
    let view = ctx.view(cue_words);
    if !crate::samefact::same_fact(&view, ctx.th) || shared_terms(ctx, cue_words) < 2 {
        return None;
    }
    // "did not reject" / "approved": a negated antonym agrees.
    if super::antonym::opposite_words(ctx).is_some() {
        return None;
    }
    // The negation must sit in a clause the other claim states: in "While
    // both of her parents were unable to donate a kidney, her aunt turned
    // out to be a match" it denies the parents' donation, not the aunt's.
    let (negated_side, strength, flipped, other) = if flipped_in_a {
        (ctx.a, &ctx.al.strength_a, &na, ctx.b)
    } else {
        (ctx.b, &ctx.al.strength_b, &nb, ctx.a)
    };
    if negated_clause_cover(negated_side, strength, flipped, other, ctx.lex) < NEGATED_CLAUSE_COVER
    {
        return None;
    }
    // Both claims close to each other, or the one without the negation
    // stated nearly whole by the one with it: a long sentence of several
    // clauses ("The bodies have been sent for an autopsy and Tiwari said
    // his officers found no evidence of foul play, though an inquiry is
    // likely") against one of them ("Tiwari said his officers had found
    // signs of foul play"). The negated clause itself is stated by the
    // other claim (above), so the extra clauses are not what is denied.
    let other_cover = if flipped_in_a {
        view.cover_b
    } else {
        view.cover_a
    };
    if !ctx.close_in(&view) && other_cover < STATED_WHOLE_COVER {
        return None;
    }
    let negated = negated_side.claim;
    Some(Evidence {
        soft: false,
        detail: format!("negated in \"{}\"", shorten(&negated.text)),
        values: None,
    })
}

/// Content words and names of claim a, kept by `keep`, that claim b
/// matches.
fn shared_terms(ctx: &Context<'_, '_>, keep: impl Fn(&crate::prepare::Term) -> bool) -> usize {
    ctx.a
        .terms
        .iter()
        .zip(&ctx.al.strength_a)
        .filter(|(t, m)| {
            **m > 0.0
                && keep(t)
                && matches!(
                    t.role,
                    concord_core::TokenRole::Content | concord_core::TokenRole::Entity
                )
        })
        .count()
}

/// Is `word` one of the words of a negation cue ("no", "one" of "no one")?
fn cue_word(word: &str, cues: &concord_text::CueSets) -> bool {
    cues.negation.contains_word(word)
}

/// The negation cues of `words` outside a pseudo-negation ("not only",
/// "no doubt"), as (first word, length).
fn cues_outside_pseudo(words: &[&str], cues: &concord_text::CueSets) -> Vec<(usize, usize)> {
    let pseudo = cues.pseudo_negation.find_all(words);
    cues.negation
        .find_all(words)
        .into_iter()
        .filter(|&(s, _)| !pseudo.iter().any(|&(ps, n)| s >= ps && s < ps + n))
        .collect()
}

/// How many negation cues of claim `p` deny something (not "not only", not
/// "no more than").
fn negations(p: &crate::prepare::Prepared<'_>, cues: &concord_text::CueSets) -> usize {
    let words: Vec<&str> = p.claim.tokens.iter().map(|t| t.lower.as_str()).collect();
    cues_outside_pseudo(&words, cues)
        .into_iter()
        .filter(|&(s, _)| !concord_text::is_negated_comparison(&words, s))
        .count()
}

/// Is every negation of claim `p` that denies something a time limit: a
/// word of `[cues] time_limits` follows it in its clause ("had not been
/// exposed to the elements *since* ...")?
fn only_time_limits(p: &crate::prepare::Prepared<'_>, cues: &concord_text::CueSets) -> bool {
    let tokens = &p.claim.tokens;
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let denials = cues_outside_pseudo(&words, cues);
    !denials.is_empty()
        && denials.into_iter().all(|(start, len)| {
            (start + len..words.len())
                .take_while(|&k| !super::clause_mark_before(p, k))
                .any(|k| cues.time_limits.match_at(&words, k).is_some())
        })
}

/// Share of the claim without the negation that the claim with it must
/// cover when the two are not close as wholes: the first is one clause of
/// the second.
const STATED_WHOLE_COVER: f64 = 0.85;

/// Share of the clause around a negation that the other claim must cover:
/// the negated predicate with its subject and object.
const NEGATED_CLAUSE_COVER: f64 = 0.6;

/// The best IDF-weighted share, over the negation cues of `p` that govern
/// one of `flipped`, of the content words of the cue's clause (from the
/// boundary before it to the one after it) that the other claim matches.
fn negated_clause_cover(
    p: &crate::prepare::Prepared<'_>,
    strength: &[f64],
    flipped: &[&str],
    other: &crate::prepare::Prepared<'_>,
    lex: &concord_text::Lexicon,
) -> f64 {
    let (cues, words_of) = (&lex.cues, &lex.words);
    let tokens = &p.claim.tokens;
    let text = &p.claim.text;
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let boundary = |k: usize| {
        k == 0 || k >= tokens.len() || {
            let gap = text
                .get(tokens[k - 1].end as usize..tokens[k].start as usize)
                .unwrap_or("");
            gap.contains([',', ';', ':', '—', '(', '"', '\u{201c}', '\u{201d}'])
                || words_of.clause_openers.contains(words[k])
        }
    };
    let weight_of = |term: &str| {
        p.terms
            .iter()
            .zip(strength)
            .find(|(t, _)| t.text == term)
            .map(|(t, s)| (t.weight, t.weight * s.min(1.0)))
    };
    let content = |t: &concord_core::Token| {
        matches!(
            t.role,
            concord_core::TokenRole::Content | concord_core::TokenRole::Entity
        )
    };
    let mut best: f64 = 0.0;
    for (start, len) in cues.negation.find_all(&words) {
        let from = (0..=start).rev().find(|&k| boundary(k)).unwrap_or(0);
        let to = (start + len..=tokens.len())
            .find(|&k| k > start + len && boundary(k))
            .unwrap_or(tokens.len());
        let clause = &tokens[from..to];
        if !clause.iter().any(|t| flipped.contains(&t.term.as_str())) {
            continue;
        }
        // Who is denied: the nearest word before the cue in its clause, or
        // before the relative pronoun the clause opens with ("officers
        // who visited the spot did not find ..."). A subject the other
        // claim does not name ("her parents were unable to donate" / "her
        // aunt was able to donate") is someone else's denial.
        let relative = (from..start).find(|&k| words_of.relative_pronouns.contains(words[k]));
        let subject = match relative {
            Some(r) => tokens[..r].iter().rev().find(|t| content(t)),
            None => tokens[from..start].iter().rev().find(|t| content(t)),
        };
        // A country the other claim names only by its capital, as a place
        // ("met in Washington"), is not the one denied ("The U.S. has not
        // presented this evidence").
        let only_as_seat = |term: &str| {
            other
                .terms
                .iter()
                .find(|t| t.text == term)
                .is_some_and(|t| t.naming == crate::prepare::Naming::Seat)
        };
        if subject.is_some_and(|t| {
            weight_of(&t.term).is_some_and(|(_, m)| m == 0.0) || only_as_seat(&t.term)
        }) {
            continue;
        }
        // What is denied is the predicate with its subject. When the
        // subject carries a relative clause ("officers *who visited the
        // spot* did not find any evidence"), that clause only says which
        // officers: the other claim need not restate it.
        let before_cue: Vec<&concord_core::Token> = match relative {
            Some(_) => subject.into_iter().collect(),
            None => clause[..start - from].iter().collect(),
        };
        let (mut total, mut got) = (0.0, 0.0);
        for t in before_cue
            .into_iter()
            .chain(&clause[start + len - from..])
            .filter(|t| content(t))
        {
            if let Some((w, m)) = weight_of(&t.term) {
                total += w;
                got += m;
            }
        }
        if total > 0.0 {
            best = best.max(got / total);
        }
    }
    best
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
    fn a_time_limit_denies_nothing() {
        assert_no_contradiction(
            "Radiocarbon dating showed that the newly exposed mosses from four of the ice caps had been exposed at least 40,000 years ago.",
            "At four ice caps, radiocarbon dating showed that the mosses had not been exposed since at least 44,000 years ago.",
        );
        assert_contradiction(
            "At four ice caps, radiocarbon dating showed that the mosses had been exposed to the elements.",
            "At four ice caps, radiocarbon dating showed that the mosses had not been exposed to the elements.",
            Negation,
        );
    }

    #[test]
    fn a_rule_against_what_happened_is_no_denial() {
        assert_no_contradiction(
            "The airline had a written rule requiring pilots to check the fuel twice before take-off, the report says.",
            "The report says the pilots did not check the fuel twice before take-off.",
        );
        assert_no_contradiction(
            "The school had written policies on how to store the chemicals and another one to lock the cupboard, the complaint says.",
            "The complaint says the chemicals were not stored properly and the cupboard was not locked.",
        );
        // A rule denied against the rule stated is still a denial.
        assert_contradiction(
            "The airline had a written rule requiring pilots to check the fuel twice before take-off, the report says.",
            "The airline had no written rule requiring pilots to check the fuel twice before take-off, the report says.",
            Negation,
        );
    }

    #[test]
    fn as_many_negations_on_both_sides_deny_nothing_the_other_states() {
        assert_no_contradiction(
            "\"To find out at the very last minute with the last test that we couldn't was devastating,\" recalls Cristy.",
            "\"To find out at the very last minute with the last test that we couldn't donate was devastating,\" recalls Cristy.",
        );
    }

    #[test]
    fn a_negation_after_a_name_does_not_deny_the_name() {
        // "to no avail" denies the rescue; the other claim names Maddie
        // without stating any rescue.
        assert_no_contradiction(
            "According to police (and contrary to earlier reports), the crash did not take place during a hunting trip but on family property in full view of Jamie Lynn, 25, and her husband Jamie Watson, who tried to rescue Maddie \"to no avail.\"",
            "Contrary to earlier reports, the crash did not take place during a hunting trip, but on the family property, in full view of the singer-songwriter and her husband, Maddie's stepfather Jamie Watson.",
        );
    }

    #[test]
    fn a_check_for_something_does_not_state_it() {
        assert_no_contradiction(
            "He would be driven away in a rental vehicle that had been checked to make sure no one had secretly placed a GPS tracking device on it.",
            "He drove off in a rental vehicle that was checked for any secretly placed GPS tracking devices, the Herald said.",
        );
    }

    #[test]
    fn cannot_just_denies_on_both_sides() {
        assert_no_contradiction(
            "\"You all cannot just get away with killing my baby,\" she said.",
            "Ashake plans a march with a challenge: \"They cannot get away with just killing my baby.\"",
        );
    }

    #[test]
    fn declining_is_refusing() {
        assert_no_contradiction(
            "The minister became a target for the opposition after she refused to testify before the committee.",
            "After declining to testify before the committee, the minister became a target for the opposition.",
        );
    }

    #[test]
    fn a_relative_clause_on_the_subject_need_not_be_restated() {
        assert_contradiction(
            "The inspector said that engineers who examined the old steel bridge over the river last week did not find any cracks in the deck.",
            "Chief inspector Moreau said his engineers had found cracks in the deck.",
            Negation,
        );
    }

    #[test]
    fn a_clause_of_a_long_sentence_is_denied_by_a_claim_it_states_whole() {
        assert_contradiction(
            "The old steel bridge over the river was closed to heavy traffic on Monday and chief inspector Moreau said his engineers found no cracks in the deck, though a full survey of its piers is likely next month, the city council reported.",
            "Chief inspector Moreau said his engineers had found cracks in the deck.",
            Negation,
        );
    }

    #[test]
    fn a_negation_in_a_clause_about_someone_else_denies_nothing() {
        assert_no_contradiction(
            "While both of Crystal's parents were unable to donate a kidney, Crystal's aunt turned out to be a perfect match.",
            "Crystal's aunt turned out to be a perfect match and was able to donate a kidney in April.",
        );
        assert_no_contradiction(
            "The baby's mother said the stroller fell when the elevator doors opened and there was no lift waiting.",
            "When the elevator doors opened, the mother stepped forward and the stroller fell down the shaft.",
        );
    }

    #[test]
    fn a_country_named_by_its_capital_as_a_place_is_not_who_denies() {
        assert_no_contradiction(
            "Jones presented the evidence to Russian officials just a week after Tillerson and Lavrov met in Washington.",
            "The U.S. has not presented the evidence to Russian officials yet, officials said.",
        );
    }

    #[test]
    fn a_denial_against_a_possibility_is_no_contradiction() {
        assert_no_contradiction(
            "Cosby has never been criminally charged.",
            "which could result in Cosby facing criminal charges.",
        );
    }

    #[test]
    fn a_negation_shares_nothing_through_its_own_words() {
        assert_no_contradiction(
            "The \u{201c}protest to the protest\u{201d} is only scheduled to last for one week.",
            "No one is protesting them.",
        );
        assert_no_contradiction(
            "Go and grab a jacket\u{2026}.",
            "\"Go and grab a jacket\u{2026}I wasn\u{2019}t saying it for no reason.",
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
