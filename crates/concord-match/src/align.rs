//! Term alignment between two claims: which words of one does the other
//! cover, exactly (after normalisation), by a broader word ("boy" /
//! "child"), by a near synonym ("appraisal" / "assessment", from
//! `[near_synonyms]`, rules/wordnet.toml), by a name's shorter form
//! ("Smith" / "Sheila Smith"), by another form of the word the stemmer
//! keeps apart ("retaliatory" / "retaliation", "Pittsburgh" / "Pittsburgh
//! Public Schools", as strong as a near synonym), or fuzzily (typos:
//! "annouced" / "announced")? Every pass but the exact one looks at the terms the
//! earlier passes left unmatched, and asks the lexicon only about terms it
//! knows a relation of (hash lookups).

use crate::prepare::{Prepared, Term};
use concord_core::TokenRole;
use concord_rules::Thresholds;
use concord_text::Lexicon;

/// How well each side's terms are covered by the other side.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Match strength in [0, 1] of each term of `a` (same order as
    /// `a.terms`), and of `b`.
    pub strength_a: Vec<f64>,
    pub strength_b: Vec<f64>,
    /// Weighted share of `a`'s terms covered by `b`, and of `b` by `a`.
    pub cover_a: f64,
    pub cover_b: f64,
    /// The same without entity names: is more than the names shared?
    pub content_cover_a: f64,
    pub content_cover_b: f64,
    /// Typo matches, for reasons: (a's word, b's word).
    pub fuzzy: Vec<(String, String)>,
    /// Two forms of one word the stemmer keeps apart, for reasons
    /// ("retaliatory" / "retaliation").
    pub forms: Vec<(String, String)>,
    /// Near-synonym matches, for reasons: (a's word, b's word).
    pub near: Vec<(String, String)>,
    /// Words of a matched by a broader word of b ("boy" / "child"), and the
    /// other way round: evidence for which side says more.
    pub narrower_a: usize,
    pub narrower_b: usize,
}

impl Alignment {
    /// Dice-style similarity: matched weight over the mean weight.
    pub fn dice(&self, a: &Prepared<'_>, b: &Prepared<'_>) -> f64 {
        let matched: f64 = weighted(&a.terms, &self.strength_a, |_| true)
            + weighted(&b.terms, &self.strength_b, |_| true);
        let total = a.weight + b.weight;
        if total == 0.0 { 0.0 } else { matched / total }
    }

    /// How alike two claims are, for people: the harmonic mean of how much
    /// of each side's IDF weight the other covers, with names at their full
    /// weight (the matcher weighs them down to decide facts; a reader of a
    /// score does not). `entity_weight` is the factor names were scaled by.
    pub fn similarity(&self, a: &Prepared<'_>, b: &Prepared<'_>, entity_weight: f64) -> f64 {
        let side = |p: &Prepared<'_>, s: &[f64]| {
            let w = |t: &Term| {
                if t.role == TokenRole::Entity && entity_weight > 0.0 {
                    t.weight / entity_weight
                } else {
                    t.weight
                }
            };
            let total: f64 = p.terms.iter().map(w).sum();
            let got: f64 = p.terms.iter().zip(s).map(|(t, m)| w(t) * m).sum();
            if total == 0.0 { 0.0 } else { got / total }
        };
        let (ca, cb) = (side(a, &self.strength_a), side(b, &self.strength_b));
        if ca + cb == 0.0 {
            0.0
        } else {
            2.0 * ca * cb / (ca + cb)
        }
    }

    pub fn min_cover(&self) -> f64 {
        self.cover_a.min(self.cover_b)
    }

    /// IDF weight of the content words (not names, not numbers) both
    /// claims share, averaged over the two sides: how much specific
    /// wording they have in common, however long they are.
    pub fn shared_content(&self, a: &Prepared<'_>, b: &Prepared<'_>) -> f64 {
        let content = |t: &Term| t.role == TokenRole::Content;
        0.5 * (weighted(&a.terms, &self.strength_a, content)
            + weighted(&b.terms, &self.strength_b, content))
    }

    pub fn max_cover(&self) -> f64 {
        self.cover_a.max(self.cover_b)
    }
}

fn weighted(terms: &[Term], strength: &[f64], keep: impl Fn(&Term) -> bool) -> f64 {
    terms
        .iter()
        .zip(strength)
        .filter(|(t, _)| keep(t))
        .map(|(t, s)| t.weight * s)
        .sum()
}

fn cover(terms: &[Term], strength: &[f64], content_only: bool) -> f64 {
    let keep = |t: &Term| !content_only || t.role != TokenRole::Entity;
    let total: f64 = terms.iter().filter(|t| keep(t)).map(|t| t.weight).sum();
    if total == 0.0 {
        return 0.0;
    }
    weighted(terms, strength, keep) / total
}

/// Aligns the terms of `a` and `b`.
pub fn align(a: &Prepared<'_>, b: &Prepared<'_>, th: &Thresholds, lex: &Lexicon) -> Alignment {
    let mut al = Alignment {
        strength_a: vec![0.0; a.terms.len()],
        strength_b: vec![0.0; b.terms.len()],
        ..Alignment::default()
    };
    // Exact matches: both lists are sorted by id.
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].id.cmp(&b.terms[j].id) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a.terms[i].naming.compatible(b.terms[j].naming) {
                    al.strength_a[i] = 1.0;
                    al.strength_b[j] = 1.0;
                }
                i += 1;
                j += 1;
            }
        }
    }
    // Broader words: "boy" in a is covered by "child" in b (a says more).
    for (i, ta) in a.terms.iter().enumerate() {
        if al.strength_a[i] > 0.0 || ta.role != TokenRole::Content || !lex.in_hierarchy(&ta.text) {
            continue;
        }
        for (j, tb) in b.terms.iter().enumerate() {
            if al.strength_b[j] > 0.0 || tb.role != TokenRole::Content {
                continue;
            }
            if lex.is_broader(&ta.text, &tb.text) {
                al.narrower_a += 1;
            } else if lex.is_broader(&tb.text, &ta.text) {
                al.narrower_b += 1;
            } else {
                continue;
            }
            al.strength_a[i] = th.hypernym_match;
            al.strength_b[j] = th.hypernym_match;
            break;
        }
    }
    // Near synonyms: "appraisal" in a, "assessment" in b (none when
    // `near_synonym_match` is 0: the pass is off).
    if th.near_synonym_match > 0.0 {
        near_synonyms(a, b, th, lex, &mut al);
    }
    // Partial matches between the leftovers.
    for (i, ta) in a.terms.iter().enumerate() {
        if al.strength_a[i] > 0.0 {
            continue;
        }
        let mut best = (0.0, usize::MAX);
        for (j, tb) in b.terms.iter().enumerate() {
            if al.strength_b[j] >= 1.0 {
                continue;
            }
            let s = if ta.role == tb.role {
                partial(ta, tb, th)
            } else {
                name_as_word(ta, tb)
            };
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.1 != usize::MAX {
            let j = best.1;
            al.strength_a[i] = best.0;
            al.strength_b[j] = al.strength_b[j].max(best.0);
            let pair = (ta.lower.clone(), b.terms[j].lower.clone());
            // A name written as a word in the other claim ("Defense" /
            // "defense") is the same word, neither a typo nor a form.
            if ta.role != b.terms[j].role {
                continue;
            }
            let typo = ta.role != TokenRole::Content || fuzzy(&pair.0, &pair.1, th) > 0.0;
            if !typo {
                al.forms.push(pair);
            } else if ta.role == TokenRole::Content || !pair.0.eq_ignore_ascii_case(&pair.1) {
                al.fuzzy.push(pair);
            }
        }
    }
    al.cover_a = cover(&a.terms, &al.strength_a, false);
    al.cover_b = cover(&b.terms, &al.strength_b, false);
    al.content_cover_a = cover(&a.terms, &al.strength_a, true);
    al.content_cover_b = cover(&b.terms, &al.strength_b, true);
    al
}

/// The near-synonym pass: each unmatched content term of `a` that has a
/// near synonym takes the first unmatched content term of `b` it pairs with.
fn near_synonyms(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    th: &Thresholds,
    lex: &Lexicon,
    al: &mut Alignment,
) {
    for (i, ta) in a.terms.iter().enumerate() {
        if al.strength_a[i] > 0.0
            || ta.role != TokenRole::Content
            || !lex.has_near_synonyms(&ta.lower)
        {
            continue;
        }
        let found = b.terms.iter().enumerate().position(|(j, tb)| {
            al.strength_b[j] == 0.0
                && tb.role == TokenRole::Content
                && lex.are_near_synonyms(&ta.lower, &tb.lower)
        });
        if let Some(j) = found {
            al.strength_a[i] = th.near_synonym_match;
            al.strength_b[j] = th.near_synonym_match;
            al.near.push((ta.lower.clone(), b.terms[j].lower.clone()));
        }
    }
}

/// Strength of a non-exact match between two terms of the same role.
fn partial(a: &Term, b: &Term, th: &Thresholds) -> f64 {
    match a.role {
        TokenRole::Entity => {
            let (x, y) = (
                a.text.trim_start_matches('@'),
                b.text.trim_start_matches('@'),
            );
            // "smith" / "sheila smith": a name and its shorter form.
            if ends_with_word(x, y) || ends_with_word(y, x) {
                return 0.9;
            }
            // "kfc" / "kfc jocelyn bynoe", "pittsburgh" / "pittsburgh
            // public schools": a name and a longer one it begins, weaker;
            // "montenegro" / "montenegrin": two forms of one name.
            if starts_with_word(x, y) || starts_with_word(y, x) {
                return th.near_synonym_match;
            }
            let typo = fuzzy(x, y, th);
            if typo > 0.0 { typo } else { derived(x, y, th) }
        }
        TokenRole::Content => {
            // Both a typo and a form of one word begin with the same
            // letter; this pass compares most pairs of unmatched words, so
            // the cheapest test comes first.
            if a.lower.as_bytes().first() != b.lower.as_bytes().first() {
                return 0.0;
            }
            let typo = fuzzy(&a.lower, &b.lower, th);
            if typo > 0.0
                || a.lower
                    .chars()
                    .chain(b.lower.chars())
                    .any(|c| c.is_ascii_digit())
            {
                typo
            } else {
                derived(&a.lower, &b.lower, th)
            }
        }
        _ => 0.0,
    }
}

/// A word capitalised in one claim ("the Moon", read as a name) and written
/// in lower case in the other ("the moon's surface").
fn name_as_word(a: &Term, b: &Term) -> f64 {
    let (name, word) = match (a.role, b.role) {
        (TokenRole::Entity, TokenRole::Content) => (a, b),
        (TokenRole::Content, TokenRole::Entity) => (b, a),
        _ => return 0.0,
    };
    let n = name.text.trim_start_matches('@');
    if !n.contains(' ') && n == word.lower {
        1.0
    } else {
        0.0
    }
}

fn starts_with_word(long: &str, short: &str) -> bool {
    long.len() > short.len() && long.starts_with(short) && long.as_bytes()[short.len()] == b' '
}

fn ends_with_word(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// Typo similarity: same first letter, long enough, and a normalised
/// Damerau-Levenshtein similarity at or above the threshold.
fn fuzzy(x: &str, y: &str, th: &Thresholds) -> f64 {
    let min_len = th.fuzzy_min_len;
    // Cheap tests first: this runs for most pairs of unmatched terms. A
    // word has at least as many bytes as characters.
    if x.len() < min_len || y.len() < min_len || x.chars().next() != y.chars().next() {
        return 0.0;
    }
    if x.chars().count() < min_len || y.chars().count() < min_len {
        return 0.0;
    }
    // Different numbers of digits are different things ("f-35" / "f-16").
    if x.chars().any(|c| c.is_ascii_digit()) || y.chars().any(|c| c.is_ascii_digit()) {
        return 0.0;
    }
    let s = strsim::normalized_damerau_levenshtein(x, y);
    if s >= th.fuzzy_token { s } else { 0.0 }
}

/// Share of the shorter word that a common beginning must cover for two
/// words to be forms of one word.
const DERIVED_PREFIX_SHARE: f64 = 0.7;

/// Two forms of one word that the stemmer keeps apart ("retaliatory" /
/// "retaliation", "investigators" / "investigation"): a common beginning of
/// at least `fuzzy_min_len` letters covering 70% of the shorter
/// word. They may state the same thing, like near synonyms.
fn derived(x: &str, y: &str, th: &Thresholds) -> f64 {
    let common = x.chars().zip(y.chars()).take_while(|(a, b)| a == b).count();
    if common < th.fuzzy_min_len {
        return 0.0;
    }
    let shorter = x.chars().count().min(y.chars().count());
    if common as f64 >= shorter as f64 * DERIVED_PREFIX_SHARE {
        th.near_synonym_match
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::setup;
    use crate::prepare::Vocabulary;
    use concord_core::Claim;
    use concord_extract::{ArticleInput, Extractor};

    fn claim(text: &str, id: &str) -> Claim {
        let (rules, lex) = setup();
        let mut claims = Extractor::new(rules, lex)
            .extract(&ArticleInput {
                id: id.into(),
                path: format!("{id}.txt"),
                text,
                meta: None,
                fragment: true,
            })
            .expect("extracts")
            .claims;
        assert_eq!(claims.len(), 1, "one claim in {text:?}");
        claims.remove(0)
    }

    /// Each word of one claim with the strength it is matched with, and
    /// the near-synonym matches (a's word, b's word).
    type Matches = (Vec<(String, f64)>, Vec<(String, String)>);

    fn strengths(a: &str, b: &str) -> Matches {
        strengths_with(a, b, &setup().0.thresholds)
    }

    fn strengths_with(a: &str, b: &str, th: &Thresholds) -> Matches {
        let (rules, lex) = setup();
        let (ca, cb) = (claim(a, "a1"), claim(b, "a2"));
        let vocab = Vocabulary::build([&ca, &cb], rules.background.as_ref());
        let (pa, pb) = (
            Prepared::new(&ca, 0, &vocab, th),
            Prepared::new(&cb, 1, &vocab, th),
        );
        let al = align(&pa, &pb, th, lex);
        let words = pa
            .terms
            .iter()
            .zip(&al.strength_a)
            .map(|(t, s)| (t.lower.clone(), *s))
            .collect();
        (words, al.near)
    }

    fn strength(words: &[(String, f64)], word: &str) -> f64 {
        words
            .iter()
            .find(|(w, _)| w == word)
            .unwrap_or_else(|| panic!("no term {word:?} in {words:?}"))
            .1
    }

    #[test]
    fn near_synonyms_match_below_the_same_word() {
        let th = &setup().0.thresholds;
        let (words, near) = strengths(
            "The council approved an appraisal of the airport.",
            "The council approved an assessment of the airport.",
        );
        assert_eq!(strength(&words, "appraisal"), th.near_synonym_match);
        assert!(th.near_synonym_match < 1.0);
        assert_eq!(strength(&words, "airport"), 1.0);
        assert_eq!(near, [("appraisal".to_string(), "assessment".to_string())]);
    }

    #[test]
    fn forms_of_one_word_match_like_near_synonyms() {
        let th = &setup().0.thresholds;
        let (words, _) = strengths(
            "Peskov said it was too early to specify the retaliatory actions.",
            "Peskov said it was too early to specify the retaliation.",
        );
        assert_eq!(strength(&words, "retaliatory"), th.near_synonym_match);
        // A shared beginning that is a small part of the words is not one.
        let (words, _) = strengths(
            "The council approved the construction of the airport.",
            "The council approved the constitution of the airport.",
        );
        assert_eq!(strength(&words, "construction"), 0.0);
    }

    #[test]
    fn unrelated_words_stay_unmatched() {
        let (words, near) = strengths(
            "The council approved an appraisal of the airport.",
            "The council approved a demolition of the airport.",
        );
        assert_eq!(strength(&words, "appraisal"), 0.0);
        assert!(near.is_empty());
    }

    #[test]
    fn the_same_word_is_preferred_to_a_near_synonym() {
        let (words, near) = strengths(
            "The council approved an appraisal of the airport.",
            "The council approved an appraisal, an assessment, of the airport.",
        );
        assert_eq!(strength(&words, "appraisal"), 1.0);
        assert!(near.is_empty());
    }

    #[test]
    fn near_synonym_match_zero_turns_the_pass_off() {
        let mut th = setup().0.thresholds.clone();
        th.near_synonym_match = 0.0;
        let (words, near) = strengths_with(
            "The council approved an appraisal of the airport.",
            "The council approved an assessment of the airport.",
            &th,
        );
        assert_eq!(strength(&words, "appraisal"), 0.0);
        assert!(near.is_empty());
    }

    #[test]
    fn a_near_synonym_match_is_a_reason() {
        let (rules, lex) = setup();
        let (ca, cb) = (
            claim("The council approved an appraisal of the airport.", "a1"),
            claim("The council approved an assessment of the airport.", "a2"),
        );
        let vocab = Vocabulary::build([&ca, &cb], rules.background.as_ref());
        let th = &rules.thresholds;
        let (pa, pb) = (
            Prepared::new(&ca, 0, &vocab, th),
            Prepared::new(&cb, 1, &vocab, th),
        );
        let cmp = crate::Matcher::new(rules, lex).compare(&pa, &pb);
        assert!(
            cmp.reasons
                .iter()
                .any(|r| r == "near synonym: appraisal ~ assessment"),
            "{:?}",
            cmp.reasons
        );
    }
}
