//! One name spelled two ways: "Kristian Haugen" / "Kristan Haugen",
//! "Desforges" / "Desforge". The aligner matches the two as a typo, so the
//! claims agree on who; but one outlet has the name wrong, which an editor
//! wants to know. Always a tension (`tension-spelling`): both claims name
//! the same person or thing.

use super::{Context, Evidence};
use crate::prepare::{Prepared, Term};
use concord_core::TokenRole;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    for (x, y) in &ctx.al.fuzzy {
        let (Some(ta), Some(tb)) = (name_term(ctx.a, x), name_term(ctx.b, y)) else {
            continue;
        };
        if !spelled_two_ways(x, y) || ta.text == tb.text || word_forms(ctx, x, y) {
            continue;
        }
        let keep = |t: &Term| t.text != ta.text && t.text != tb.text;
        if !ctx.same_fact_without(keep) {
            continue;
        }
        return Some(Evidence {
            soft: true,
            detail: format!("\"{}\" vs \"{}\"", surface(ctx.a, ta), surface(ctx.b, tb)),
            values: None,
        });
    }
    None
}

/// Are `x` and `y` (lower case) one name spelled two ways? The same number
/// of words, and each word the same or within two edits of the other's
/// ("mikhail" / "mihkail", "goyal" / "goya"). Not a shorter form ("doris" /
/// "doris lessing", "yugansk" / "yuganskneftegas", "gazprom" /
/// "gazpromneft"), not another word ("europe" / "european"), not a plural
/// ("society" / "societies"), not a word of one letter or digits, not the
/// same letters with an accent written or left out ("Grünberg" /
/// "Grunberg", "Zoë" / "Zoe": a wire without the accent, not a typo).
pub fn spelled_two_ways(x: &str, y: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        x.split_whitespace().collect(),
        y.split_whitespace().collect(),
    );
    if wa.len() != wb.len() || x == y {
        return false;
    }
    let singular = |w: &str| -> String {
        if let Some(stem) = w.strip_suffix("ies") {
            format!("{stem}y")
        } else {
            w.trim_end_matches('s').to_string()
        }
    };
    if wa
        .iter()
        .zip(&wb)
        .all(|(p, q)| without_accents(p) == without_accents(q))
    {
        return false;
    }
    wa.iter().zip(&wb).all(|(p, q)| {
        p == q
            || (p.chars().count() >= 4
                && q.chars().count() >= 4
                && p.chars().next() == q.chars().next()
                && !p.starts_with(q)
                && !q.starts_with(p)
                && singular(p) != singular(q)
                && !p.chars().chain(q.chars()).any(|c| c.is_ascii_digit())
                && strsim::damerau_levenshtein(p, q) <= 2)
    })
}

/// `w` with its combining marks dropped (canonical decomposition, then
/// the base letters only).
fn without_accents(w: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    w.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Do the words that differ differ as forms of one word ("Democrats" /
/// "Democratic", "anti-Semitism" / "anti-Semitic": one stem), or as two
/// everyday words ("Gage" / "Gauge")? A capital on an everyday word makes
/// it no name of its own.
fn word_forms(ctx: &Context<'_, '_>, x: &str, y: &str) -> bool {
    x.split_whitespace()
        .zip(y.split_whitespace())
        .filter(|(p, q)| p != q)
        .any(|(p, q)| {
            ctx.lex.content_term(p) == ctx.lex.content_term(q)
                || (ctx.lex.is_common_word(p) && ctx.lex.is_common_word(q))
        })
}

/// The name term of claim `p` written `lower`.
fn name_term<'p>(p: &'p Prepared<'_>, lower: &str) -> Option<&'p Term> {
    p.terms
        .iter()
        .find(|t| t.role == TokenRole::Entity && t.lower == lower)
}

/// How the claim writes the name of term `t`.
fn surface(p: &Prepared<'_>, t: &Term) -> String {
    p.claim
        .entities
        .iter()
        .find(|e| concord_text::entity_term(&e.name) == t.text)
        .map_or_else(|| t.lower.clone(), |e| e.text.clone())
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn flags_one_name_spelled_two_ways_as_a_tension() {
        let c = compare(
            "The rescued climber, Kristian Haugen, was flown to a hospital in Tromso on Sunday.",
            "The rescued climber, Kristan Haugen, was flown to a hospital in Tromso on Sunday.",
        );
        let d = c.contradiction.expect("a tension");
        assert!(d.soft, "{d:?}");
        assert_eq!(d.kind, concord_core::ContradictionKind::Spelling);
        assert!(d.detail.contains("Kristan Haugen"), "{}", d.detail);
    }

    #[test]
    fn names_spelled_two_ways_are_a_few_edits_apart_word_by_word() {
        use super::spelled_two_ways as two;
        assert!(two("mikhail khodorkovsky", "mihkail khodorkovsky"));
        assert!(two("westfallen", "westfalen"));
        assert!(!two("yugansk", "yuganskneftegas"));
        assert!(!two("europe", "european"));
        assert!(!two(
            "building society association",
            "building societies association"
        ));
        assert!(!two("doris", "doris lessing"));
        assert!(!two("f-35", "f-16"));
    }

    #[test]
    fn a_name_with_and_without_its_accent_is_no_spelling() {
        use super::spelled_two_ways;
        assert!(!spelled_two_ways("kira grünberg", "kira grunberg"));
        assert!(!spelled_two_ways("zoë", "zoe"));
        // An accent beside a real typo is still one.
        assert!(spelled_two_ways("kira grünberg", "kira grunburg"));
    }

    #[test]
    fn forms_of_one_word_are_no_spelling() {
        let c = compare(
            "All voting Democrats opposed the bill in the House Budget Committee on Tuesday.",
            "All voting Democratic members opposed the bill in the House Budget Committee on Tuesday.",
        );
        assert!(
            c.contradiction
                .as_ref()
                .is_none_or(|d| d.kind != concord_core::ContradictionKind::Spelling),
            "{:?}",
            c.contradiction
        );
    }

    #[test]
    fn a_shorter_form_of_a_name_is_no_spelling() {
        let c = compare(
            "The rescued climber, Kristian Haugen, was flown to a hospital in Tromso on Sunday.",
            "The rescued climber, Haugen, was flown to a hospital in Tromso on Sunday.",
        );
        assert!(c.contradiction.is_none(), "{:?}", c.contradiction);
    }
}
