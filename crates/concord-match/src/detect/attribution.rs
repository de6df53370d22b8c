//! The same statement given to different speakers: a quote moved from one
//! person to another. Both speakers must be named (a description such as
//! "the leaders" may include the named one), and the statements must be
//! nearly the same once the speakers' names are set aside.

use super::{Context, Evidence};
use concord_core::TokenRole;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    let (Some(sa), Some(sb)) = (&ctx.a.claim.attribution, &ctx.b.claim.attribution) else {
        return None;
    };
    if let Some(e) = descriptions(ctx, sa, sb) {
        return Some(e);
    }
    if !is_name(sa) || !is_name(sb) || same_speaker(sa, sb) {
        return None;
    }
    // "the Speaker added" / "Ryan said": an office names whoever holds it,
    // whom the other outlet may name.
    if office(ctx.a.claim, sa) || office(ctx.b.claim, sb) {
        return None;
    }
    // Outlets, organisations and governments are too often named
    // differently for the same source to be compared like people.
    let people = ctx.a.claim.speaker_is_person && ctx.b.claim.speaker_is_person;
    if !people {
        return named_sources(ctx, sa, sb);
    }
    // Is `who` named in the claim (by last name)? The name finder misses
    // a surname that opens the sentence ("Maltese said in a press
    // statement ..."), so the claim's own words count too.
    let named = |claim: &concord_core::Claim, who: &str| {
        let last = last_word(who);
        claim
            .entities
            .iter()
            .any(|e| same_surname(last_word(&e.name), last) || e.name.starts_with(who))
            || super::names_word(&claim.text, last)
    };
    // If either speaker is named in the other claim, the claims may simply
    // report an exchange between them.
    let mentions = |claim: &concord_core::Claim, who: &str| {
        named(claim, who) && claim.attribution.as_deref() != Some(who)
    };
    if mentions(ctx.a.claim, sb) || mentions(ctx.b.claim, sa) {
        return None;
    }
    // A speaker found through a pronoun ("..., he said") is the nearest
    // person named before, a guess that is wrong whenever an article
    // quotes a bystander after an official: only a speaker named in the
    // claim's own words can contradict another.
    if !named(ctx.a.claim, sa) || !named(ctx.b.claim, sb) {
        return None;
    }
    let speaker_terms = not_speaker(ctx, sa, sb);
    if !ctx.same_fact_without(&speaker_terms) {
        return None;
    }
    // The statements must be the same: the claims nearly equal, or one
    // claim's quotation covered by the other.
    if !ctx.close(&speaker_terms) && !quote_covered(ctx, false) && !quote_covered(ctx, true) {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("{sa} vs {sb}"),
        values: None,
    })
}

/// Terms that are not who speaks: the speakers' names (or any name ending
/// in their last words) and the titles before them ("race marshal Mark
/// Nordman").
fn not_speaker<'x>(
    ctx: &Context<'_, '_>,
    sa: &'x str,
    sb: &'x str,
) -> impl Fn(&crate::prepare::Term) -> bool + 'x {
    let titles: Vec<String> = title_terms(ctx.a.claim, sa)
        .into_iter()
        .chain(title_terms(ctx.b.claim, sb))
        .collect();
    let (la, lb) = (last_word(sa).to_lowercase(), last_word(sb).to_lowercase());
    move |t: &crate::prepare::Term| {
        let n = t.text.trim_start_matches('@');
        !titles.contains(&t.text) && !n.ends_with(&la) && !n.ends_with(&lb)
    }
}

/// Up to [`TITLE_WORDS`] lower-case words right before the name of
/// `who` in `claim`, within its clause: the speaker's title ("race marshal
/// Mark Nordman", "deputy commissioner Tiwari").
fn title_terms(claim: &concord_core::Claim, who: &str) -> Vec<String> {
    let first = who.split(' ').next().unwrap_or(who).to_lowercase();
    let tokens = &claim.tokens;
    let Some(at) = tokens.iter().position(|t| {
        t.lower == first || (t.role == TokenRole::Entity && t.lower.starts_with(&first))
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in (at.saturating_sub(TITLE_WORDS)..at).rev() {
        let gap = claim
            .text
            .get(tokens[k].end as usize..tokens[k + 1].start as usize)
            .unwrap_or("");
        if !gap.chars().all(char::is_whitespace) || tokens[k].role != TokenRole::Content {
            break;
        }
        out.push(tokens[k].term.clone());
    }
    out
}

/// Words of a speaker's title, at most.
const TITLE_WORDS: usize = 3;

/// Two speakers described, not named, who are plainly two people: a
/// relative in one outlet, an official in the other ("the girl's mother
/// said" / "police investigators said"), for the same statement.
fn descriptions(ctx: &Context<'_, '_>, sa: &str, sb: &str) -> Option<Evidence> {
    let words = &ctx.lex.words;
    let class = |who: &str| {
        let ws: Vec<&str> = who.split_whitespace().collect();
        let relative = ws.iter().any(|w| words.relative_speakers.contains(w));
        let official = ws.iter().any(|w| words.official_speakers.contains(w));
        match (relative, official) {
            (true, false) => Some("relative"),
            (false, true) => Some("official"),
            _ => None,
        }
    };
    let (ca, cb) = (class(&sa.to_lowercase())?, class(&sb.to_lowercase())?);
    if ca == cb {
        return None;
    }
    let speaker_free = |t: &crate::prepare::Term| {
        !words.relative_speakers.contains(&t.lower) && !words.official_speakers.contains(&t.lower)
    };
    // Two descriptions name no one, so nothing but the statement ties the
    // claims together: it must be nearly the same words ("the woman stepped forward and fell, police said" /
    // "the mother said the stroller fell when the doors opened" are two
    // accounts, not one statement given to two people).
    let same_statement = ctx.view(speaker_free).min_cover() >= ctx.th.described_source_cover;
    if !ctx.same_fact_without(speaker_free)
        || !(same_statement || quote_covered(ctx, false) || quote_covered(ctx, true))
    {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("{sa} vs {sb}"),
        values: None,
    })
}

/// Two named sources that are not both people ("Malaysia said" /
/// "Australia said"): they contradict only when they are different
/// entities under the alias rules ("the Pentagon" / "the Defense
/// Department" are one), each claim names its own source in its words,
/// neither names the other's, and the statements are nearly the same word
/// for word: a close paraphrase is more often one source reported twice.
fn named_sources(ctx: &Context<'_, '_>, sa: &str, sb: &str) -> Option<Evidence> {
    let canonical = |who: &str| {
        ctx.lex
            .analyze(who)
            .entities
            .first()
            .map_or_else(|| who.to_lowercase(), |e| e.name.to_lowercase())
    };
    if canonical(sa) == canonical(sb) {
        return None;
    }
    let says = |claim: &concord_core::Claim, who: &str| {
        let last = last_word(who);
        claim.text.contains(last)
            || claim
                .text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| same_surname(w, last))
    };
    if !says(ctx.a.claim, sa)
        || !says(ctx.b.claim, sb)
        || says(ctx.a.claim, sb)
        || says(ctx.b.claim, sa)
    {
        return None;
    }
    let view = ctx.view(not_speaker(ctx, sa, sb));
    if view.min_cover() < NAMED_SOURCE_COVER {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("{sa} vs {sb}"),
        values: None,
    })
}

/// Both claims covered this much by each other, apart from the speakers,
/// for two named sources to be two sources of one statement.
const NAMED_SOURCE_COVER: f64 = 0.8;

/// Share of the words inside one claim's quotation that the other claim
/// covers, at least this much for the quotation to count as the same.
const QUOTE_COVER: f64 = 0.7;

/// Is the quotation of claim b (`from_b`) or a covered by the other claim?
pub(super) fn quote_covered(ctx: &Context<'_, '_>, from_b: bool) -> bool {
    let (p, strength) = if from_b {
        (ctx.b, &ctx.al.strength_b)
    } else {
        (ctx.a, &ctx.al.strength_a)
    };
    let Some((qs, qe)) = p.claim.quote else {
        return false;
    };
    let mut total = 0.0;
    let mut matched = 0.0;
    for tok in p
        .claim
        .tokens
        .iter()
        .filter(|t| t.start >= qs && t.end <= qe)
    {
        if let Some((term, s)) = p
            .terms
            .iter()
            .zip(strength)
            .find(|(t, _)| t.text == tok.term)
        {
            total += term.weight;
            matched += term.weight * s;
        }
    }
    total > 0.0 && matched / total >= QUOTE_COVER
}

/// A named speaker is capitalised word by word ("Joe Biden", "Nikkei
/// Asia"), unlike descriptions ("leaders", "United States officials").
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Is speaker `who` of `claim` an office, not a name: one capitalised
/// word the claim writes after "the" ("the Speaker", "the President",
/// "the Pope")?
fn office(claim: &concord_core::Claim, who: &str) -> bool {
    if who.contains(' ') {
        return false;
    }
    let words: Vec<&str> = claim
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|w| w[0].eq_ignore_ascii_case("the") && w[1] == who)
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

/// "Joe Biden" and "Biden" are the same speaker, and so are "Steve
/// Mullins" and "Mullin": one outlet misspells a surname far more often
/// than a story quotes two people whose surnames differ by a letter.
fn same_speaker(a: &str, b: &str) -> bool {
    a == b || same_surname(last_word(a), last_word(b))
}

/// One surname, perhaps misspelled: equal, or both at least
/// [`SURNAME_TYPO_LEN`] letters with the same first letter and a
/// Jaro-Winkler similarity of [`SURNAME_TYPO_SIMILARITY`] ("Hickam" /
/// "Hickman" 0.94, "Mullin" / "Mullins" 0.97; "Jackson" / "Johnson" 0.74).
fn same_surname(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b
        || (a.chars().count() >= SURNAME_TYPO_LEN
            && b.chars().count() >= SURNAME_TYPO_LEN
            && a.chars().next() == b.chars().next()
            && strsim::jaro_winkler(&a, &b) >= SURNAME_TYPO_SIMILARITY)
}

/// See [`same_surname`].
const SURNAME_TYPO_SIMILARITY: f64 = 0.9;

/// Surnames shorter than this are not read as typos of each other
/// ("Lee" / "Lew" are two people).
const SURNAME_TYPO_LEN: usize = 5;

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Attribution;

    #[test]
    fn two_countries_that_speak_are_two_sources_not_two_places() {
        assert_contradiction(
            "Malaysia said on Monday that fresh analysis of satellite signals had shown that the plane had gone down in the southern Indian Ocean.",
            "Australia said on Monday that fresh analysis of satellite signals had shown that the plane had gone down in the southern Indian Ocean.",
            Attribution,
        );
    }

    #[test]
    fn an_office_is_whoever_holds_it() {
        assert_no_contradiction(
            "\"Decorum is important, and a dress code in the chamber makes sense,\" the Speaker added.",
            "\"Decorum is important, and a dress code in the chamber makes sense,\" Ryan said.",
        );
    }

    #[test]
    fn a_surname_spelled_two_ways_is_one_speaker() {
        assert_no_contradiction(
            "\"I think people are smart enough to draw their own conclusions about this situation,\" Mullin said.",
            "\"I think people are smart enough to draw their own conclusions about this situation,\" Delphi Police Chief Steve Mullins said.",
        );
        assert_no_contradiction(
            "Dahl's Albany attorney, Kent Hickam, says it is legal because Dahl pays them to attend.",
            "Dahl's attorney Kent Hickman said it is legal because Dahl pays them to attend.",
        );
    }

    #[test]
    fn two_accounts_by_a_relative_and_the_police_are_not_one_statement() {
        assert_no_contradiction(
            "When the doors opened, the woman stepped forward and both she and the stroller fell down the shaft, police said.",
            "The baby's mother said the stroller fell when the elevator doors opened and there was no lift waiting.",
        );
        assert_contradiction(
            "Channel 11 reported that the student's mother said 2,400 text messages were exchanged over two weeks.",
            "Channel 11 reported that police investigators said 2,400 text messages were exchanged over two weeks.",
            Attribution,
        );
    }

    #[test]
    fn a_surname_opening_the_sentence_is_a_named_speaker() {
        assert_contradiction(
            "Maltese said in a press statement that the rock outcrops that produced this fossil hold many more \"fantastic dinosaur skeletons,\"",
            "Tschopp said in a press statement that the rock outcrops that produced this fossil hold many more \"fantastic dinosaur skeletons,\"",
            Attribution,
        );
    }

    #[test]
    fn flags_a_quote_moved_to_another_speaker() {
        assert_contradiction(
            "\u{201c}Tokyo no longer watches from the sidelines,\u{201d} Sheila Smith said.",
            "\u{201c}Tokyo no longer watches from the sidelines,\u{201d} Kurt Campbell said.",
            Attribution,
        );
        assert_contradiction(
            "Biden said the allies were taking important steps to ensure their militaries could work together seamlessly.",
            "Kishida said the allies were taking important steps to ensure their militaries could work together seamlessly.",
            Attribution,
        );
    }

    #[test]
    fn a_title_before_a_speaker_is_not_part_of_the_statement() {
        assert_contradiction(
            "The driver revved up and was pointed at Zirkle before leaving, Peters said.",
            "The driver revved up and was pointed at Zirkle before leaving, race marshal Mark Nordman said.",
            Attribution,
        );
    }

    #[test]
    fn the_same_speaker_named_two_ways_is_fine() {
        assert_no_contradiction(
            "Biden said the allies were taking important steps to ensure their militaries could work together seamlessly.",
            "President Joe Biden said the allies were taking important steps to ensure their militaries could work together seamlessly.",
        );
    }

    #[test]
    fn a_missing_speaker_is_fine() {
        assert_no_contradiction(
            "Biden said the allies were taking important steps to ensure their militaries could work together seamlessly.",
            "The allies were taking important steps to ensure their militaries could work together seamlessly.",
        );
    }

    #[test]
    fn two_governments_giving_one_statement_are_two_sources() {
        assert_contradiction(
            "Malaysia said on Monday that fresh analysis of satellite signals had shown that the plane flew south.",
            "Australia said on Monday that fresh analysis of satellite signals had shown that the plane flew south.",
            Attribution,
        );
        // One source under two of its names.
        assert_no_contradiction(
            "Washington said on Monday that fresh analysis of satellite signals had shown that the plane flew south.",
            "The United States said on Monday that fresh analysis of satellite signals had shown that the plane flew south.",
        );
        // A loose paraphrase is more often one source reported twice.
        assert_no_contradiction(
            "Malaysia said on Monday that fresh analysis of satellite signals had shown that the plane flew south.",
            "Australia said the plane had probably turned south, according to the satellite data.",
        );
    }

    #[test]
    fn a_relative_and_an_official_are_two_speakers() {
        assert_contradiction(
            "\"The family is devastated,\" a senior police officer told the local paper.",
            "\"The family is devastated,\" the girl's grandmother told the local paper.",
            Attribution,
        );
        assert_no_contradiction(
            "\"The family is devastated,\" a senior police officer told the local paper.",
            "\"The family is devastated,\" police officials told the local paper.",
        );
    }
}
