//! A different entity in the same role: "the United States, Japan and
//! Australia would create ..." / "... Japan and India would create ...".
//! A name the alias rules give a kind is compared with one of the same
//! kind; a name they do not know ("the journal Science" / "the journal
//! Nature", "Kosovo") with any name that takes its place. Speakers are the
//! attribution detector's.

use super::{Context, Evidence, token_of};
use crate::prepare::{Prepared, Term};
use concord_core::TokenRole;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    let unique = |p: &Prepared<'_>, s: &[f64]| -> Vec<(String, Option<String>, String)> {
        p.terms
            .iter()
            .enumerate()
            .filter(|(i, t)| t.role == TokenRole::Entity && s[*i] == 0.0)
            .filter_map(|(_, t)| {
                let e = p
                    .claim
                    .entities
                    .iter()
                    .find(|e| concord_text::entity_term(&e.name) == t.text)?;
                // "Canadian brand Gildan" / "American Apparel", "the
                // Indian Ocean" / "the U.S. Navy": an adjective of
                // nationality qualifies something else far more often than
                // it fills the role a swapped country would.
                let country = e.kind.as_deref() == Some("country");
                if e.demonym
                    || ctx.addressee(p, &t.text)
                    || in_menu_path(p, &t.text)
                    || (country && (qualifier(p, &t.text, ctx) || of_a_title(p, &t.text)))
                {
                    return None;
                }
                let kind = e.kind.clone();
                let speaker = p.claim.attribution.as_deref() == Some(e.name.as_str());
                (!speaker).then(|| (t.text.clone(), kind, e.text.clone()))
            })
            .collect()
    };
    let ua = unique(ctx.a, &ctx.al.strength_a);
    let ub = unique(ctx.b, &ctx.al.strength_b);
    if ua.is_empty() || ub.is_empty() {
        return None;
    }
    if let Some(e) = named_referent_swap(ctx) {
        return Some(e);
    }
    // A swap is one name for another; claims that each name several things
    // the other does not are about different things, unless two of those
    // names are one kind of thing by their own words.
    if ua.len() != 1 || ub.len() != 1 {
        return same_head_swap(ctx, &ua, &ub);
    }
    for (ta, kind, text_a) in &ua {
        // The rules know every country (rules/countries.toml): a name they
        // do not know is no country, so it is no swap for one ("the flag
        // and Obama picture" / "not operated by the United States").
        let country = |k: &Option<String>| k.as_deref() == Some("country");
        let same_kind = |k: &Option<String>| {
            k == kind || ((kind.is_none() || k.is_none()) && !country(k) && !country(kind))
        };
        let Some((tb, kind_b, text_b)) = ub.iter().find(|(_, k, _)| same_kind(k)) else {
            continue;
        };
        // A name no rule knows is compared only when the claims say nearly
        // the same thing around it.
        let known = kind.is_some() && kind_b.is_some();
        let keep = |t: &Term| t.text != *ta && t.text != *tb;
        // Either the claims say nearly the same thing, or the swapped names
        // stand in a list with shared names of their kind ("the US, Japan
        // and Australia" / "the US, Japan and India").
        let listed_with = match kind.as_deref() {
            Some(k) if known => shared_of_kind(ctx, k),
            _ => 0,
        };
        let listed = listed_with > 0;
        let close = ctx.close(keep);
        if !ctx.same_fact_without(keep) || !(close || listed) {
            return None;
        }
        // A name no rule knows must take the other's place: the nearest
        // shared words before or after it are the same ("the journal
        // *Science*, examined" / "the journal *Nature*, examined"), not
        // those of another part of the sentence ("took them to Jaipur
        // Hospital" / "Mr Ravinder took the children").
        if !known && (!same_place(ctx, ta, tb) || variants(text_a, text_b)) {
            return None;
        }
        // An institution or a place for a person ("solicitor Douglas
        // Hannaway entered pleas" / "faced Port Macquarie Local Court and
        // entered a plea") is two roles of one sentence, not one name for
        // another.
        if !known && institution(ctx, text_a) != institution(ctx, text_b) {
            return None;
        }
        // A thing of the other name's owner ("Liberty German" / "German's
        // Snapchat") is no other name in its place.
        if owned_by(text_a, text_b) || owned_by(text_b, text_a) {
            return None;
        }
        // Names outside one shared quotation say who speaks ("..., snapped
        // back Sherlock" / "..., Amber can be heard saying"): a speaker
        // given two ways is the attribution detector's to judge, and often
        // one person by first name and by surname.
        let outside_quote = |p: &Prepared<'_>, term: &str| {
            let Some((qs, qe)) = p.claim.quote else {
                return false;
            };
            token_of(p, term)
                .map(|at| &p.claim.tokens[at])
                .is_some_and(|t| t.end <= qs || t.start >= qe)
        };
        if outside_quote(ctx.a, ta)
            && outside_quote(ctx.b, tb)
            && (super::attribution::quote_covered(ctx, false)
                || super::attribution::quote_covered(ctx, true))
        {
            return None;
        }
        // An owner against a name of another role ("Clayton Litten's tile" /
        // "one Midlothian bathroom tile"): one name given for another fills
        // the same role, possessive on both sides or on neither.
        if is_possessive(text_a) != is_possessive(text_b) {
            return None;
        }
        // So does a name that qualifies a noun ("the *Orlando* attorney
        // who filed suit" / "says *Zimmerman* and O'Mara are bound"): where
        // or whose a thing is, against who acts, is two roles.
        if !same_qualifying_role(ctx, ta, text_a, tb, text_b) {
            return None;
        }
        // Two lists that share one member, in claims that say more than
        // the list, may list for different reasons ("worst around Brazil,
        // Gibraltar and the UK" / "others off Gibraltar, Japan and Brazil
        // are also in danger"): a tension. Two shared members make one
        // list ("the US, Japan and Australia" / "the United States, Japan
        // and India").
        return Some(Evidence {
            soft: !close && listed_with < 2,
            detail: format!("\"{text_a}\" vs \"{text_b}\""),
            values: Some([text_a.to_string(), text_b.to_string()]),
        });
    }
    None
}

/// One referent named two ways ("the boys' mother, named by local media as
/// Rakhi" / "the mother, Rekha,"), in claims that state the same fact
/// once the names are set aside: a definite referent of one story has one
/// name. Each side's names must be its own (matched by nothing on the
/// other side) and no spelling of the other's. The claims need not say
/// nearly the same thing around the names, as a swap in one role must.
fn named_referent_swap(ctx: &Context<'_, '_>) -> Option<Evidence> {
    let na = ctx.a.referent_names(ctx.lex);
    let nb = ctx.b.referent_names(ctx.lex);
    if na.is_empty() || nb.is_empty() {
        return None;
    }
    let names = |p: &Prepared<'_>, s: &[f64], n: &super::naming::Naming| -> Option<Vec<String>> {
        n.names
            .iter()
            .map(|&k| {
                let t = &p.claim.tokens[k];
                (!super::is_matched(p, s, &t.term))
                    .then(|| super::naming::surface(p.claim, t).to_string())
            })
            .collect()
    };
    for x in na {
        for y in nb {
            // "Smith's lawyer" and "Jones's lawyer" are two lawyers.
            if !x.referent.iter().any(|t| y.referent.contains(t)) || x.owner != y.owner {
                continue;
            }
            let (Some(xa), Some(yb)) = (
                names(ctx.a, &ctx.al.strength_a, x),
                names(ctx.b, &ctx.al.strength_b, y),
            ) else {
                continue;
            };
            // One surname is one person ("Bernard Ebbers" / "Bernie Ebbers").
            let surname = |n: &str| n.split_whitespace().last().map(str::to_lowercase);
            let one_person = |p: &String, q: &String| {
                p.contains(' ') && q.contains(' ') && surname(p) == surname(q)
            };
            if xa
                .iter()
                .any(|p| yb.iter().any(|q| variants(p, q) || one_person(p, q)))
            {
                continue;
            }
            let keep = |t: &Term| {
                !x.names
                    .iter()
                    .any(|&k| ctx.a.claim.tokens[k].term == t.text)
                    && !y
                        .names
                        .iter()
                        .any(|&k| ctx.b.claim.tokens[k].term == t.text)
            };
            if !ctx.same_fact_without(keep) {
                continue;
            }
            return Some(Evidence {
                soft: false,
                detail: format!(
                    "\"{}\" vs \"{}\" (the {})",
                    xa.join(" and "),
                    yb.join(" and "),
                    x.referent_text
                ),
                values: Some([xa.join(" and "), yb.join(" and ")]),
            });
        }
    }
    None
}

/// Among several names only one side gives, two of the same head that
/// differ in what qualifies it ("the House Oversight Committee" / "the
/// House Judiciary Committee"), in the same place of claims that state the
/// same fact: one institution given for another.
fn same_head_swap(
    ctx: &Context<'_, '_>,
    ua: &[(String, Option<String>, String)],
    ub: &[(String, Option<String>, String)],
) -> Option<Evidence> {
    let head = |text: &str| -> Option<String> {
        let ws: Vec<&str> = text.split_whitespace().collect();
        (ws.len() >= 2).then(|| ws[ws.len() - 1].to_lowercase())
    };
    let mut found = ua
        .iter()
        .flat_map(|x| ub.iter().map(move |y| (x, y)))
        .filter(|(x, y)| head(&x.2).is_some() && head(&x.2) == head(&y.2) && !variants(&x.2, &y.2));
    let ((ta, _, text_a), (tb, _, text_b)) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let keep = |t: &Term| !ua.iter().chain(ub).any(|(n, _, _)| t.text == *n);
    if !ctx.same_fact_without(keep) || !ctx.close(keep) || !same_place(ctx, ta, tb) {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("\"{text_a}\" vs \"{text_b}\""),
        values: Some([text_a.to_string(), text_b.to_string()]),
    })
}

/// Is the name of term `term` (a country's) a qualifier of the noun after
/// it, as a nationality adjective is: a possessive ("*Japan's* military") or a name
/// before a compound of common nouns ("*U.S.* oil supplies", "*U.S.*
/// construction jobs")? Who owns or makes the thing is rarely the role a swapped name
/// would fill ("200,000 Korean victims" / "brothels for Japan's military").
fn qualifier(p: &Prepared<'_>, term: &str, ctx: &Context<'_, '_>) -> bool {
    let tokens = &p.claim.tokens;
    let Some(at) = token_of(p, term) else {
        return false;
    };
    let mention = &p.claim.text[tokens[at].start as usize..tokens[at].end as usize];
    if is_possessive(mention) {
        return true;
    }
    let Some(next) = tokens.get(at + 1) else {
        return false;
    };
    let gap = p
        .claim
        .text
        .get(tokens[at].end as usize..next.start as usize)
        .unwrap_or("");
    let surface = p
        .claim
        .text
        .get(next.start as usize..next.end as usize)
        .unwrap_or("");
    // A verb after a name makes it the subject ("Japan agreed", "Japan
    // wants to"): only a noun followed by another content word counts
    // ("U.S. *oil* supplies").
    let verb = |w: &str| w.ends_with("ed") || w.ends_with("ing") || ctx.lex.lemma(w).is_some();
    let compound = tokens
        .get(at + 2)
        .is_some_and(|t| t.role == TokenRole::Content && !ctx.lex.is_stopword(&t.lower));
    gap.trim().is_empty()
        && next.role == TokenRole::Content
        && surface.chars().next().is_some_and(char::is_lowercase)
        && !ctx.lex.is_stopword(&next.lower)
        && !verb(&next.lower)
        && compound
}

/// Is the name of term `term` (a country's) the end of a title or of
/// another name ("the *President of the United States*", "the Bank of
/// Japan")? It qualifies the office, whose holder the other outlet may name
/// ("President Obama"): no swap of the country.
fn of_a_title(p: &Prepared<'_>, term: &str) -> bool {
    let tokens = &p.claim.tokens;
    let Some(at) = token_of(p, term) else {
        return false;
    };
    let mut k = at;
    if k > 0 && tokens[k - 1].lower == "the" {
        k -= 1;
    }
    k >= 2
        && tokens[k - 1].lower == "of"
        && p.claim
            .text
            .get(tokens[k - 2].start as usize..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Do names `ta` of a and `tb` of b (written `text_a`, `text_b`) both
/// qualify a noun, or neither? A name qualifying a noun the other name
/// stands before too, in its own words or after it ("the Detroit *auto
/// show*" / "the Los Angeles *Auto Show*"), is in the same role.
fn same_qualifying_role(
    ctx: &Context<'_, '_>,
    ta: &str,
    text_a: &str,
    tb: &str,
    text_b: &str,
) -> bool {
    let (qa, qb) = (attributive(ctx, ctx.a, ta), attributive(ctx, ctx.b, tb));
    let shared_noun = |noun: &Option<String>, other: &Prepared<'_>, term: &str, text: &str| {
        noun.as_ref().is_some_and(|n| {
            let in_name = text.to_lowercase().split_whitespace().any(|w| w == n);
            let after = token_of(other, term).is_some_and(|at| {
                other.claim.tokens[at + 1..]
                    .iter()
                    .take(3)
                    .any(|t| t.lower == *n)
            });
            in_name || after
        })
    };
    qa.is_some() == qb.is_some()
        || shared_noun(&qa, ctx.b, tb, text_b)
        || shared_noun(&qb, ctx.a, ta, text_a)
}

/// The noun the name of term `term` qualifies, after an article: "the
/// *Orlando* attorney", "an *Iditarod* champion".
fn attributive(ctx: &Context<'_, '_>, p: &Prepared<'_>, term: &str) -> Option<String> {
    let tokens = &p.claim.tokens;
    let at = token_of(p, term)?;
    // The name's last token: "New Jersey" is one name of two words.
    let mut last = at;
    while tokens
        .get(last + 1)
        .is_some_and(|t| t.role == TokenRole::Entity && t.term == term)
    {
        last += 1;
    }
    let article = at > 0 && matches!(tokens[at - 1].lower.as_str(), "the" | "a" | "an");
    let next = tokens.get(last + 1)?;
    let spaced = p
        .claim
        .text
        .get(tokens[last].end as usize..next.start as usize)
        .is_some_and(|g| g == " ");
    let surface = p
        .claim
        .text
        .get(next.start as usize..next.end as usize)
        .unwrap_or("");
    (article
        && spaced
        && next.role == TokenRole::Content
        && surface.chars().next().is_some_and(char::is_lowercase)
        && !ctx.lex.is_stopword(&next.lower))
    .then(|| next.lower.clone())
}

/// "Japan's", "Clayton Litten's": a name given as an owner.
fn is_possessive(name: &str) -> bool {
    concord_text::strip_possessive(name) != name
}

/// Two ways of naming one thing, or a name and its part: "Gaza" / "Gaza
/// Strip", "Palm Solutions" / "Palm Solutions Group" (the words of one are
/// words of the other), one spelt two ways ("Desforges" / "Desforge"), or
/// an abbreviation ("Minn." / "Minnesota").
/// "Jaipur Golden Hospital" / "Baba Saheb Ambedkar Hospital" share only
/// what kind of thing they are: two names.
fn variants(a: &str, b: &str) -> bool {
    // "Salesforce's McCorkle": the owner before an inner possessive is not
    // part of the name.
    let own_name = |s: &str| -> String {
        let s = concord_text::straighten(s);
        match s.rsplit_once("'s ") {
            Some((_, name)) => name.to_string(),
            None => s.into_owned(),
        }
    };
    let (a, b) = (own_name(a), own_name(b));
    let (a, b) = (a.as_str(), b.as_str());
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1)
            .map(str::to_lowercase)
            .collect()
    };
    // "the Faroes" / "the Faroe Islands": a plural name is its singular.
    let singular = |w: &[String]| -> Vec<String> {
        w.iter()
            .map(|x| match x.strip_suffix('s') {
                Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
                _ => x.clone(),
            })
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (sa, sb) = (singular(&wa), singular(&wb));
    // One surname, the first names spelt two ways, a middle name on one
    // side ("Choudhry Shakeel" / "Chaudhry Muhammad Shakeel"); two first
    // names are two people ("Janoris Jenkins" / "William Jenkins").
    // Middle words must be missing on one side, not different ("House
    // Oversight Committee" / "House Judiciary Committee" are two).
    let middle = |w: &[String]| w[1..w.len() - 1].to_vec();
    let within_middle = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    let same_person = wa.len() >= 2
        && wb.len() >= 2
        && wa.last() == wb.last()
        && wa.last().is_some_and(|w| w.len() >= 4)
        && strsim::normalized_damerau_levenshtein(&wa[0], &wb[0]) >= 0.75
        && (within_middle(&middle(&wa), &middle(&wb)) || within_middle(&middle(&wb), &middle(&wa)));
    if same_person {
        return true;
    }
    let within = |x: &[String], y: &[String]| !x.is_empty() && x.iter().all(|w| y.contains(w));
    // "Minn." / "Minnesota", "Calif." / "California": an abbreviation.
    let abbreviates = |x: &[String], y: &[String]| matches!((x, y), ([s], [l]) if s.len() >= 3 && l.len() > s.len() && l.starts_with(s.as_str()));
    within(&wa, &wb)
        || within(&wb, &wa)
        || (wa.len() == 1 || wb.len() == 1) && (within(&sa, &sb) || within(&sb, &sa))
        || abbreviates(&wa, &wb)
        || abbreviates(&wb, &wa)
        || strsim::normalized_damerau_levenshtein(&a.to_lowercase(), &b.to_lowercase()) >= 0.8
}

/// Are the nearest matched words before and after entity term `ta` in
/// claim a those around `tb` in claim b (on at least one side)?
fn same_place(ctx: &Context<'_, '_>, ta: &str, tb: &str) -> bool {
    let around = |p: &Prepared<'_>, s: &[f64], term: &str| -> (Option<String>, Option<String>) {
        let matched = |t: &concord_core::Token| {
            matches!(t.role, TokenRole::Content | TokenRole::Entity)
                && super::is_matched(p, s, &t.term)
        };
        let tokens = &p.claim.tokens;
        let Some(at) = token_of(p, term) else {
            return (None, None);
        };
        // A name right before this one qualifies it ("the *U.S.* Capitol
        // Police" / "the *U.S.* Virgin Islands") and says nothing of its
        // role in the sentence.
        let qualifier = at > 0
            && tokens[at - 1].role == TokenRole::Entity
            && p.claim
                .text
                .get(tokens[at - 1].end as usize..tokens[at].start as usize)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace));
        let before = tokens[..at - usize::from(qualifier)]
            .iter()
            .rev()
            .find(|t| matched(t))
            .map(|t| t.term.clone());
        let after = tokens[at + 1..]
            .iter()
            .find(|t| matched(t))
            .map(|t| t.term.clone());
        (before, after)
    };
    let (ba, aa) = around(ctx.a, &ctx.al.strength_a, ta);
    let (bb, ab) = around(ctx.b, &ctx.al.strength_b, tb);
    (ba.is_some() && ba == bb) || (aa.is_some() && aa == ab)
}

/// Do both claims name, besides the swap, another entity of this kind?
/// Is the name of term `term` part of a menu path ("Settings > General >
/// Reset > Erase all Content and Settings")? Instructions name screens,
/// not the story's people or places.
fn in_menu_path(p: &Prepared<'_>, term: &str) -> bool {
    let tokens = &p.claim.tokens;
    let text = &p.claim.text;
    // The name follows a ">" in its stretch of text, or one follows it,
    // with no colon, bracket or sentence end between.
    let stops = [':', ';', '(', ')', '.'];
    token_of(p, term).is_some_and(|at| {
        let (start, end) = (tokens[at].start as usize, tokens[at].end as usize);
        let before = text.get(..start).and_then(|h| h.rsplit(stops).next());
        let after = text.get(end..).and_then(|t| t.split(stops).next());
        [before, after]
            .into_iter()
            .flatten()
            .any(|seg| seg.contains('>'))
    })
}

/// Is `name` a thing of `owner` ("German's Snapchat" of "Liberty
/// German"): does the part before its inner possessive end in the owner's
/// last word?
fn owned_by(name: &str, owner: &str) -> bool {
    let name = concord_text::straighten(name);
    let Some((whose, _)) = name.rsplit_once("'s ") else {
        return false;
    };
    let last = |s: &str| s.rsplit(' ').next().unwrap_or(s).to_lowercase();
    last(whose) == last(owner)
}

/// Does the name end in a word of `[words] institution_heads` ("Local
/// Court", "Ambedkar Hospital")?
fn institution(ctx: &Context<'_, '_>, name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(|w| {
        ctx.lex
            .words
            .institution_heads
            .contains(w.to_lowercase().as_str())
    })
}

fn shared_of_kind(ctx: &Context<'_, '_>, kind: &str) -> usize {
    ctx.a
        .terms
        .iter()
        .zip(&ctx.al.strength_a)
        .filter(|(t, s)| {
            **s > 0.0
                && t.role == TokenRole::Entity
                && ctx.a.claim.entities.iter().any(|e| {
                    concord_text::entity_term(&e.name) == t.text && e.kind.as_deref() == Some(kind)
                })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Entity;

    #[test]
    fn a_thing_of_the_owner_is_no_swap_for_the_owner() {
        assert_no_contradiction(
            "The photo was taken by Liberty German and shows Abigail Williams walking along the railroad bridge.",
            "The photo was posted to German's Snapchat account and shows Abigail Williams walking along the railroad bridge.",
        );
    }

    #[test]
    fn a_name_that_qualifies_a_noun_is_no_swap_for_one_that_acts() {
        assert_no_contradiction(
            "Stephen Milbrath, the Orlando attorney who filed suit, said O'Mara was bound by an oral contract.",
            "The attorney representing the company, Stephen Milbrath, says Zimmerman and O'Mara are bound by an oral contract.",
        );
        // Both qualifying, or one qualifying a noun the other's name holds:
        // one for the other.
        assert_contradiction(
            "The company picked the Los Angeles Auto Show in November to reveal the C-HR concept small crossover.",
            "The company chose the Detroit auto show in November to unveil the C-HR small crossover concept.",
            Entity,
        );
        assert_contradiction(
            "The lawsuit was filed on Monday by the Orlando attorney Stephen Milbrath.",
            "The lawsuit was filed on Monday by the Tampa attorney Stephen Milbrath.",
            Entity,
        );
    }

    #[test]
    fn lists_that_share_one_country_differ_softly() {
        assert_tension(
            "The situation is worst in the oceans around Brazil, the Strait of Gibraltar, the northeast Pacific and around the UK.",
            "Others off Gibraltar, Japan and Brazil and in the north-east Pacific are also in great danger.",
            Entity,
        );
        assert_contradiction(
            "Biden announced plans for the US, Japan, and Australia to establish an integrated air and missile defense system.",
            "The United States, Japan and India will establish an integrated air and missile defense system.",
            Entity,
        );
    }

    #[test]
    fn a_name_the_rules_do_not_know_is_no_country() {
        assert_no_contradiction(
            "The building with the flag and Obama picture was a fake, run by organized crime rings and a lawyer practicing immigration law.",
            "It was not operated by the United States government, but by organized crime rings and an attorney practicing immigration law.",
        );
        assert_no_contradiction(
            "Three-year-old twins have drowned in a washing machine in Delhi after their mother left the house.",
            "Three-year-old twins have drowned in a washing machine in India after their mother left the house.",
        );
    }

    #[test]
    fn a_screen_of_a_menu_path_is_no_name() {
        assert_no_contradiction(
            "Erase data and settings in Settings > General > Reset > Erase all Content and Settings Note: If your iPhone 5 has any damage such as a cracked screen which impairs the replacement of the battery, that issue will need to be resolved prior to the battery replacement.",
            "To prepare your iPhone 5 for the battery replacement process, be sure to back up your data to iTunes or iCloud, turn off Find my iPhone, and erase data and settings (via Settings > General > Reset > Erase all Content and Settings).",
        );
    }

    #[test]
    fn a_court_is_no_swap_for_a_person() {
        assert_no_contradiction(
            "During the proceedings, Matthews' solicitor Douglas Hannaway entered pleas of guilty to removing tissue from the body of another without consent.",
            "Matthews faced Port Macquarie Local Court on Wednesday and entered a guilty plea to a charge of removing tissue from the body of another person without consent.",
        );
    }

    #[test]
    fn flags_one_committee_for_another_among_other_names() {
        assert_contradiction(
            "The vote comes a day before Chairman Darrell Issa and the House Oversight Committee are expected to vote to hold Lerner in contempt of Congress.",
            "The vote comes a day before the House Judiciary Committee will vote to hold Lerner in contempt of Congress.",
            Entity,
        );
        assert_no_contradiction(
            "The vote comes a day before Chairman Darrell Issa and the House Oversight Committee are expected to vote to hold Lerner in contempt of Congress.",
            "The vote comes a day before Chairman Darrell Issa and the Oversight Committee are expected to vote to hold Lerner in contempt of Congress.",
        );
    }

    #[test]
    fn flags_one_referent_named_two_ways() {
        // The rest of the claims differs too much for a swap in one role.
        assert_contradiction(
            "The girl's father, named by local media as Ramesh, had parked the car outside the school earlier in the day and had left the engine running at around 8:30am.",
            "The father, Anil, told police he had parked the car in front of the school, and had gone inside to find his daughter.",
            Entity,
        );
        // One way of naming one person is no such disagreement (an
        // indefinite referent, "a man, John Ruiz,", is no naming at all, and
        // two owners make two referents: naming.rs).
        assert_no_contradiction(
            "The boys' mother, named by local media as Rakhi, had filled the washing machine with 12-15 litres of water earlier in the day.",
            "The mother, Rakhi Devi, told police she had filled 15 litres of water in the tub of the machine.",
        );
    }

    #[test]
    fn a_country_that_ends_a_title_is_no_swap_for_the_holder() {
        assert_no_contradiction(
            "The defense team asked the judge on Thursday to subpoena the President of the United States to testify at the trial.",
            "The defense team asked the judge on Thursday to subpoena President Obama to testify at the trial.",
        );
    }

    #[test]
    fn an_abbreviated_name_is_the_same_name() {
        assert_no_contradiction(
            "The judge in St. Paul, Minn., sentenced him to a year in the county jail.",
            "The judge in St. Paul, Minnesota, sentenced him to a year in the county jail.",
        );
    }

    #[test]
    fn a_plural_name_is_its_singular_with_a_head_word() {
        assert_no_contradiction(
            "Fishing boats near the Azores were damaged by the storm on Friday.",
            "Fishing boats near the Azore Islands were damaged by the storm on Friday.",
        );
    }

    #[test]
    fn who_a_statement_is_told_to_is_no_swap() {
        assert_no_contradiction(
            "\"In my mind, she's definitely running for the seat,\" Gillibrand tells PEOPLE.",
            "\"In my mind, she's definitely running for the seat,\" Gillibrand said of Hillary Clinton.",
        );
    }

    #[test]
    fn flags_a_swapped_country() {
        assert_contradiction(
            "Biden said the United States, Japan and Australia would create an air, missile and defense architecture.",
            "Biden said the United States, Japan and India would create an air, missile and defense architecture.",
            Entity,
        );
        assert_contradiction(
            "The US and Japan were planning to hold a trilateral military exercise with the United Kingdom.",
            "The US and Japan were planning to hold a trilateral military exercise with France.",
            Entity,
        );
    }

    #[test]
    fn aliases_are_the_same_entity() {
        assert_no_contradiction(
            "Biden said the United States, Japan and Australia would create an air, missile and defense architecture.",
            "Biden said the US, Japan and Australia would create an air, missile and defence architecture.",
        );
        assert_no_contradiction(
            "The US and Japan were planning to hold a trilateral military exercise with the United Kingdom.",
            "The US and Japan were planning to hold a trilateral military exercise with Britain.",
        );
        assert_no_contradiction(
            "The senator became a target for Republicans after she refused to testify before the panel.",
            "After refusing to testify before the panel, the senator became a target for the GOP.",
        );
    }

    #[test]
    fn a_nationality_adjective_is_no_swap() {
        assert_no_contradiction(
            "Canadian brand Gildan agreed to buy the intellectual property of the bankrupt retailer for $88 million.",
            "American brand Gildan agreed to buy the intellectual property of the bankrupt retailer for $88 million.",
        );
    }

    #[test]
    fn a_name_that_qualifies_a_noun_is_no_swap() {
        assert_no_contradiction(
            "South Korean activists estimate that there may have been as many as 200,000 Korean victims.",
            "South Korean activists estimate 200,000 women were forced into brothels for Japan's military.",
        );
        assert_no_contradiction(
            "Supporters say the pipeline will secure U.S. oil supplies and create construction jobs.",
            "Supporters say the pipeline will secure Canadian oil supplies and create construction jobs.",
        );
    }

    #[test]
    fn names_outside_one_shared_quotation_are_speakers() {
        assert_no_contradiction(
            "\u{201c}Fine, jump on out if that\u{2019}s what you\u{2019}d like to do,\u{201d} snapped back Sherlock.",
            "\"Fine, jump on out if that's what you\u{2019}d like to do,\" Amber can be heard saying.",
        );
    }

    #[test]
    fn one_person_named_two_ways_is_no_swap() {
        assert_no_contradiction(
            "The deal was announced in Lahore by Choudhry Shakeel, the provincial minister, on Monday.",
            "The deal was announced in Lahore by Chaudhry Muhammad Shakeel, the provincial minister, on Monday.",
        );
        assert_no_contradiction(
            "The new service was unveiled in San Francisco by Salesforce's McCorkle on Tuesday.",
            "The new service was unveiled in San Francisco by Scott McCorkle on Tuesday.",
        );
        assert_contradiction(
            "The award was handed to Janoris Jenkins at the ceremony in New Jersey on Tuesday.",
            "The award was handed to William Jenkins at the ceremony in New Jersey on Tuesday.",
            Entity,
        );
    }

    #[test]
    fn an_owner_and_a_place_are_no_swap() {
        assert_no_contradiction(
            "Once you see Donald Trump in one Midlothian bathroom tile, you see him in everything.",
            "Once you see Donald Trump in Clayton Litten's bathroom tile, you see him in everything.",
        );
    }

    #[test]
    fn a_city_naming_an_event_is_a_swap() {
        assert_contradiction(
            "The company picked the Los Angeles auto show in November to reveal the small crossover.",
            "The company picked the Detroit auto show in November to reveal the small crossover.",
            Entity,
        );
    }

    #[test]
    fn an_added_entity_is_no_swap() {
        assert_no_contradiction(
            "The US and Japan will hold a trilateral military exercise with the United Kingdom.",
            "The US and Japan will hold a trilateral military exercise with the United Kingdom and Australia.",
        );
    }

    #[test]
    fn flags_an_unknown_name_put_in_the_same_place() {
        assert_contradiction(
            "The findings, published in the journal Cell, came from tests on 40 volunteers.",
            "The findings, published in the journal Lancet, came from tests on 40 volunteers.",
            Entity,
        );
    }

    #[test]
    fn a_shared_qualifier_of_two_names_is_no_shared_place() {
        // "the U.S." before each name qualifies it; one announces the
        // charges, the other is where the delegate is from.
        assert_no_contradiction(
            "Two former staff members have been charged in the circulation of nude images and video of an elected representative to Congress and her husband, federal prosecutors and the U.S. Capitol Police announced Thursday in Washington.",
            "Two former staff members of a delegate to Congress from the U.S. Virgin Islands were indicted Thursday for allegedly circulating nude pictures and videos of her and her husband that authorities said were stolen from the delegate's cell phone.",
        );
        assert_contradiction(
            "The findings, published by the U.S. Geological Survey, came from tests on 40 volunteers.",
            "The findings, published by the U.S. Forest Service, came from tests on 40 volunteers.",
            Entity,
        );
    }

    #[test]
    fn a_name_one_side_adds_is_no_swap() {
        assert_no_contradiction(
            "The findings, published in the journal Cell, came from tests on 40 volunteers.",
            "The findings came from tests on 40 volunteers, researchers said.",
        );
    }
}
