//! An age, once disputed, is disputed wherever an outlet restates it.
//!
//! News gives a person's age with their name once ("Twenty-eight-year-old
//! Geraldine Alcorn was arraigned") and then refers to them by it ("a
//! parent said the 28-year-old was well-liked"). That bare referent states
//! the age again, in a sentence that is no same fact as the one the
//! dispute was found in. So an age dispute also shows, on each side, the
//! claims of that side's articles that refer to someone by the disputed
//! age: an editor sees every sentence that gives it.
//!
//! A referent is `the N-year-old` followed by a verb, a relative pronoun
//! or punctuation ("the 28-year-old was", "the 28-year-old, who"), never
//! by a noun ("the 28-year-old driver" may be someone else). It is only
//! taken when its article gives that age to nobody else: every other
//! statement of the age in the article is one of the dispute's claims.

use concord_core::{Claim, Finding, FindingKind, Slot, SlotKind, claim_order};
use concord_text::Lexicon;
use std::collections::BTreeSet;

/// Adds to each age dispute the bare age referents of its articles.
pub(crate) fn widen_age_disputes(findings: &mut [Finding], claims: &[Claim], lex: &Lexicon) {
    for f in findings.iter_mut() {
        if !matches!(f.kind, FindingKind::Contradiction | FindingKind::Tension) {
            continue;
        }
        let Some(dispute) = f.dispute.as_mut() else {
            continue;
        };
        if dispute.slot.kind != SlotKind::Age {
            continue;
        }
        let in_finding: BTreeSet<String> = f.claims.iter().cloned().collect();
        let mut added = Vec::new();
        for reading in &mut dispute.values {
            let mut found: Vec<String> = Vec::new();
            for article in &reading.articles {
                let ages_of_article = claims
                    .iter()
                    .filter(|c| &c.article == article)
                    .flat_map(|c| c.slots.iter().map(move |s| (c, s)))
                    .filter(|(_, s)| {
                        s.kind == SlotKind::Age && crate::fact_table::value_of(s) == reading.value
                    });
                let (referents, stated): (Vec<_>, Vec<_>) =
                    ages_of_article.partition(|(c, s)| bare_age_referent(c, s, lex));
                // Someone else of that age in the article: the referent
                // could be either.
                if stated.iter().any(|(c, _)| !in_finding.contains(&c.id)) {
                    continue;
                }
                for (c, _) in referents {
                    if !in_finding.contains(&c.id) && !found.contains(&c.id) {
                        found.push(c.id.clone());
                    }
                }
            }
            found.sort_by_key(|id| claim_order(id));
            reading.claims.extend(found.iter().cloned());
            added.extend(found);
        }
        f.claims.extend(added);
    }
}

/// Is the age slot `s` of `claim` written as a bare referent, "the
/// N-year-old" standing for a person ("the 28-year-old was well-liked")?
fn bare_age_referent(claim: &Claim, s: &Slot, lex: &Lexicon) -> bool {
    let (Some(at), Some(to)) = (
        s.start.checked_sub(claim.start),
        s.end.checked_sub(claim.start),
    ) else {
        return false;
    };
    let (Some(before), Some(after)) = (claim.text.get(..at), claim.text.get(to..)) else {
        return false;
    };
    if !s.text.to_lowercase().ends_with("-year-old") {
        return false;
    }
    let determiner = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if !determiner {
        return false;
    }
    let rest = after.trim_start();
    match rest.chars().next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => !matches!(c, '-' | '\u{2019}' | '\''),
        Some(_) => {
            let next: String = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            lex.words.finite_verbs.contains(&next)
                || lex.words.relative_pronouns.contains(&next)
                || (next.len() > 4 && next.ends_with("ed"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_extract::{ArticleInput, Extractor};
    use concord_rules::RuleSet;

    /// The age slots of one extracted sentence, with whether each is a
    /// bare referent.
    fn referents(text: &str) -> Vec<(String, bool)> {
        let rules = RuleSet::builtin();
        let lex = Lexicon::new(&rules);
        let extractor = Extractor::new(&rules, &lex);
        let input = ArticleInput {
            id: "a1".into(),
            path: "a.txt".into(),
            text,
            meta: None,
            fragment: false,
        };
        let claims = extractor.extract(&input).expect("extracts").claims;
        claims
            .iter()
            .flat_map(|c| {
                c.slots
                    .iter()
                    .filter(|s| s.kind == SlotKind::Age)
                    .map(|s| (s.text.clone(), bare_age_referent(c, s, &lex)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn the_age_standing_for_a_person_is_a_referent() {
        for (text, age) in [
            (
                "A parent said the 28-year-old was well-liked by her students.",
                "28-year-old",
            ),
            (
                "The 28-year-old was well liked and played games with her pupils.",
                "28-year-old",
            ),
            (
                "Police said the 34-year-old, who lives nearby, was arrested on Tuesday.",
                "34-year-old",
            ),
            ("Prosecutors charged the 34-year-old.", "34-year-old"),
        ] {
            assert_eq!(referents(text), vec![(age.to_string(), true)], "{text}");
        }
    }

    #[test]
    fn an_age_before_a_noun_or_a_name_is_not_a_referent() {
        for text in [
            "The 28-year-old teacher was arraigned on Wednesday.",
            "Twenty-eight-year-old Geraldine Alcorn was arraigned on Wednesday.",
            "She was charged with luring a 11-year-old girl into a car.",
            "Alcorn, 28, was arraigned on Wednesday.",
        ] {
            assert!(
                referents(text).iter().all(|(_, r)| !r),
                "{text}: {:?}",
                referents(text)
            );
        }
    }
}
