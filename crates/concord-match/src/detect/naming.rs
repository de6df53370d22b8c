//! Names given to a referent: "the mother, Rekha," / "their mother, whom
//! local media named as Rakhi" / "the driver Ana Ruiz" / "the twins, Naksh
//! and Neeshu,". In one story a definite referent ("the mother", "the
//! boys' mother") has one name, so two outlets that name it differently
//! disagree on who it is (the entity detector, [`super::entity`], judges
//! them).
//!
//! Read from a claim's tokens: a name right after a common noun (with or
//! without a comma: apposition), or after a naming verb ("named",
//! "identified as") whose clause is set off after the noun. The noun must
//! be one of `[words] named_roles` (a story has one mother of the boys,
//! many units of a company) and definite (an article, a possessive
//! pronoun, an owner's possessive before it): "a man, John Smith," names
//! one man of many.

use concord_core::{Claim, Token, TokenRole};
use concord_text::Lexicon;

/// Verbs that give a name ("named locally as", "identified as", "called").
const NAMING_VERBS: &[&str] = &["named", "identified", "called", "nicknamed"];

/// Words that make a noun phrase definite. Not "its": "its unit", "its
/// star" are one of several of a company's or a film's.
const DEFINITE: &[&str] = &["the", "their", "his", "her", "our"];

/// Tokens a naming verb may have between itself and the name ("named *by
/// local media as* Rakhi").
const NAMING_GAP: usize = 4;

/// A name given to a referent.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    /// Terms of the referent's words ("twin", "boy" of "the twin boys").
    pub referent: Vec<String>,
    /// The referent as written, for the report ("twin boys").
    pub referent_text: String,
    /// Term of a named owner ("Rakhi's mother"); a common-noun owner ("the
    /// boys' mother") only makes the referent definite.
    pub owner: Option<String>,
    /// Indices into the claim's tokens of the names given ("Naksh",
    /// "Neeshu").
    pub names: Vec<usize>,
}

fn gap<'c>(claim: &'c Claim, tokens: &[Token], k: usize) -> &'c str {
    let start = tokens[k - 1].end as usize;
    let end = tokens[k].start as usize;
    claim.text.get(start..end).unwrap_or("")
}

/// The text of token `t` of `claim`.
pub(crate) fn surface<'c>(claim: &'c Claim, t: &Token) -> &'c str {
    claim
        .text
        .get(t.start as usize..t.end as usize)
        .unwrap_or("")
}

/// "boys’", "Rakhi's": a token written as an owner.
fn possessive(claim: &Claim, t: &Token) -> bool {
    let s = surface(claim, t);
    let after = claim.text.get(t.end as usize..).unwrap_or("");
    concord_text::strip_possessive(s) != s || after.starts_with(['\'', '’'])
}

/// A lower-case content word: a common noun (or its modifier).
fn common_word(claim: &Claim, t: &Token) -> bool {
    t.role == TokenRole::Content
        && surface(claim, t)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Could this entity be someone's or something's name (not a country or
/// a place, which the place and entity rules compare otherwise)?
fn is_name(claim: &Claim, t: &Token) -> bool {
    t.role == TokenRole::Entity
        && claim
            .entities
            .iter()
            .find(|e| concord_text::entity_term(&e.name) == t.term)
            .is_some_and(|e| !e.demonym && matches!(e.kind.as_deref(), None | Some("person")))
}

/// Every name the claim gives to a definite referent.
pub fn namings(claim: &Claim, lex: &Lexicon) -> Vec<Naming> {
    let tokens = &claim.tokens;
    let mut out: Vec<Naming> = Vec::new();
    let mut e = 1;
    while e < tokens.len() {
        if !is_name(claim, &tokens[e]) {
            e += 1;
            continue;
        }
        // The names of one list: "Nishant and Nakshya".
        let mut names = vec![e];
        let mut k = e;
        while k + 2 < tokens.len() && tokens[k + 1].lower == "and" && is_name(claim, &tokens[k + 2])
        {
            names.push(k + 2);
            k += 2;
        }
        if let Some(r) = referent_of(claim, e)
            && lex.words.named_roles.contains(surface(claim, &tokens[r]))
            && let Some(naming) = describe(claim, r, names)
        {
            out.push(naming);
        }
        e = k + 1;
    }
    out
}

/// The token of the noun a name at token `e` is given to.
fn referent_of(claim: &Claim, e: usize) -> Option<usize> {
    let tokens = &claim.tokens;
    // "the journal Science", "the mother, Rekha,".
    let before = e - 1;
    let g = gap(claim, tokens, e).trim();
    if common_word(claim, &tokens[before])
        && (g.is_empty() || g == ",")
        && !possessive(claim, &tokens[before])
    {
        return Some(before);
    }
    // "the twin boys, named locally as Nishant": a naming verb, then the
    // noun before the comma that sets its clause off.
    let verb = (e.saturating_sub(NAMING_GAP + 1)..e)
        .rev()
        .find(|&v| NAMING_VERBS.contains(&tokens[v].lower.as_str()))?;
    let between_ok = (verb + 1..e).all(|k| {
        let t = &tokens[k];
        t.role == TokenRole::Stop || common_word(claim, t)
    });
    if !between_ok || !(tokens[e - 1].lower == "as" || verb == e - 1) {
        return None;
    }
    (verb.saturating_sub(4).max(1)..=verb)
        .rev()
        .find(|&k| gap(claim, tokens, k).contains(','))
        .map(|k| k - 1)
        .filter(|&r| common_word(claim, &tokens[r]) && !possessive(claim, &tokens[r]))
}

/// The naming of noun `r` with `names`, if the noun is definite.
fn describe(claim: &Claim, r: usize, names: Vec<usize>) -> Option<Naming> {
    let tokens = &claim.tokens;
    let mut referent = vec![tokens[r].term.clone()];
    let mut words = vec![surface(claim, &tokens[r])];
    let mut owner = None;
    let mut definite = false;
    let mut k = r;
    // Back over the noun's modifiers to what makes it definite: "the
    // three-year-old boys’ mother", "the twin boys".
    while k > 0 && r - k < 4 && !gap(claim, tokens, k).contains(',') {
        k -= 1;
        let t = &tokens[k];
        if DEFINITE.contains(&t.lower.as_str()) {
            definite = true;
            break;
        }
        if possessive(claim, t) {
            definite = true;
            // A capitalised owner is a name, recognised or not (a
            // sentence's first word is never read as one: "Smith's lawyer").
            let capital = surface(claim, t)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if t.role == TokenRole::Entity || capital {
                owner = Some(t.term.clone());
            }
            break;
        }
        if !common_word(claim, t) {
            break;
        }
        referent.push(t.term.clone());
        words.insert(0, surface(claim, t));
    }
    definite.then(|| Naming {
        referent,
        referent_text: words.join(" "),
        owner,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_extract::{ArticleInput, Extractor};

    fn claims(text: &str) -> Vec<Claim> {
        let (rules, lex) = super::super::testing::setup();
        Extractor::new(rules, lex)
            .extract(&ArticleInput {
                id: "a1".into(),
                path: "a.txt".into(),
                text,
                meta: None,
                fragment: true,
            })
            .expect("extracts")
            .claims
    }

    fn named(text: &str) -> Vec<(String, Vec<String>)> {
        claims(text)
            .iter()
            .flat_map(|c| {
                namings(c, &super::super::testing::setup().1)
                    .into_iter()
                    .map(move |n| {
                        let names = n
                            .names
                            .iter()
                            .map(|&k| surface(c, &c.tokens[k]).to_string())
                            .collect();
                        (n.referent_text, names)
                    })
            })
            .collect()
    }

    #[test]
    fn reads_names_given_to_a_definite_referent() {
        assert_eq!(
            named("The twin boys, named locally as Nishant and Nakshya, drowned."),
            [(
                "twin boys".to_string(),
                vec!["Nishant".to_string(), "Nakshya".to_string()]
            )]
        );
        assert_eq!(
            named("Their mother, whom local media named as Rakhi, had left them at home."),
            [("mother".to_string(), vec!["Rakhi".to_string()])]
        );
        assert_eq!(
            named("The three-year-old boys' mother Rakhi stepped out to buy detergent."),
            [("mother".to_string(), vec!["Rakhi".to_string()])]
        );
        assert_eq!(
            named("The driver Ana Ruiz was taken to hospital."),
            [("driver".to_string(), vec!["Ana Ruiz".to_string()])]
        );
        let owner = |text: &str| {
            namings(&claims(text)[0], &super::super::testing::setup().1)
                .first()
                .and_then(|n| n.owner.clone())
        };
        assert_eq!(
            owner("Smith's wife, Ann Brody, told the court the evidence was thin.").as_deref(),
            Some("smith")
        );
        assert_eq!(owner("The boys' mother, Rekha, told police."), None);
        // An indefinite referent is one of many; a name that is its own
        // subject is given to nobody.
        assert!(named("A man, John Ruiz, was arrested at the scene.").is_empty());
        assert!(named("Officials said Rakhi had left the children at home.").is_empty());
        // Nouns of which a story may have many (several studies, several
        // units of a company), and adjectives, name no one.
        assert!(named("The study was published in the journal Science on Thursday.").is_empty());
        assert!(
            named("Deere downgraded its finance unit John Deere Credit Co on Monday.").is_empty()
        );
        assert!(named("The bill now goes to the full House Banking committee.").is_empty());
    }
}
