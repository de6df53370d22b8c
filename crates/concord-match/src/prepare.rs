//! Per-claim matching data: interned terms with IDF weights.
//!
//! IDF counts the claims of the run as documents on top of the background
//! corpus of the rule set (`rules/background.toml`, article counts from a
//! large news corpus): `ln((1 + N_bg + N_run) / (1 + df_bg + df_run)) + 1`.
//! The background keeps weights stable in small runs (two sentences of
//! `concord pairs`, a handful of articles); the run's own counts make the
//! names every claim of a story repeats weigh less than the words that make
//! a claim specific. Without a background it is plain smoothed IDF over the
//! run.

use concord_core::{Claim, TokenRole};
use concord_rules::{Background, Thresholds};
use rustc_hash::FxHashMap as HashMap;

/// Interned terms and their document frequencies.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    docs: u32,
    /// Background document frequency of each interned term.
    bg_df: Vec<u32>,
    bg_docs: u32,
}

impl Vocabulary {
    /// Builds the vocabulary of `claims` (each claim one document) on top
    /// of an optional background corpus.
    pub fn build<'c>(
        claims: impl IntoIterator<Item = &'c Claim>,
        background: Option<&Background>,
    ) -> Vocabulary {
        let mut v = Vocabulary {
            bg_docs: background.map_or(0, |b| b.documents),
            ..Vocabulary::default()
        };
        for c in claims {
            v.add_document(c, background);
        }
        v
    }

    fn add_document(&mut self, c: &Claim, background: Option<&Background>) {
        self.docs += 1;
        let mut seen: Vec<u32> = Vec::new();
        for t in c.match_tokens() {
            if !counts(t.role) {
                continue;
            }
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(t.term.clone()).or_insert(next);
            if id as usize == self.df.len() {
                self.df.push(0);
                self.bg_df.push(
                    background
                        .and_then(|b| b.df.get(&t.term))
                        .copied()
                        .unwrap_or(0),
                );
            }
            if !seen.contains(&id) {
                seen.push(id);
                self.df[id as usize] += 1;
            }
        }
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    pub fn docs(&self) -> u32 {
        self.docs
    }

    pub fn idf(&self, id: u32) -> f64 {
        let n = f64::from(self.docs) + f64::from(self.bg_docs);
        let bg = self.bg_df.get(id as usize).copied().unwrap_or(0);
        let df = f64::from(self.df(id)) + f64::from(bg);
        ((1.0 + n) / (1.0 + df)).ln() + 1.0
    }
}

/// Does a token of this role take part in matching?
fn counts(role: TokenRole) -> bool {
    matches!(
        role,
        TokenRole::Content | TokenRole::Entity | TokenRole::Number
    )
}

/// One term of a prepared claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub id: u32,
    pub weight: f64,
    pub role: TokenRole,
    /// Surface form (lower case), for fuzzy matching and reasons.
    pub lower: String,
    /// The term text (`~upgrade`, `@japan`, `defens`).
    pub text: String,
    /// Part of one of the claim's slots (a figure, a date, a unit): set
    /// aside when two claims are compared apart from their values.
    pub slot: bool,
    /// How a name is given: by a name or alias, a demonym ("Japanese") or
    /// a seat of government ("Tokyo" for Japan).
    pub naming: Naming,
}

/// How a claim names an entity (only names have one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Naming {
    #[default]
    Name,
    Demonym,
    Seat,
}

impl Naming {
    /// A demonym describes ("Japanese counterparts"); a seat of
    /// government is a place or its government ("in Tokyo", "Tokyo
    /// said"). The two share a country but say different things about it,
    /// so they do not match each other.
    pub fn compatible(self, other: Naming) -> bool {
        !matches!(
            (self, other),
            (Naming::Demonym, Naming::Seat) | (Naming::Seat, Naming::Demonym)
        )
    }
}

/// A claim ready for comparison.
#[derive(Debug, Clone)]
pub struct Prepared<'c> {
    pub claim: &'c Claim,
    /// Index of the claim's article in the run.
    pub article: usize,
    /// Unique terms, sorted by id.
    pub terms: Vec<Term>,
    pub weight: f64,
    /// For each slot of the claim (same order), the terms around it that
    /// say what it is about: up to [`CONTEXT_BEFORE`] content words or
    /// names before it and [`CONTEXT_AFTER`] after, outside other slots,
    /// with their weights. Two values can only disagree when their
    /// contexts align ("arrested and charged *Wednesday*" / "arrested
    /// ... *Tuesday*").
    pub slot_context: Vec<Vec<(u32, f64)>>,
    /// The names the claim gives to a referent of its story
    /// ([`crate::detect::naming`]), read once on first use: a claim is
    /// compared with many others, and most are never asked.
    referent_names: std::sync::OnceLock<Vec<crate::detect::naming::Naming>>,
    /// [`Prepared::group_comparatives`], read once on first use.
    group_comparatives: std::sync::OnceLock<(usize, usize)>,
}

/// How `claim` names the entity written `lower`.
fn naming(claim: &Claim, lower: &str) -> Naming {
    let e = claim.entities.iter().find(|e| {
        concord_text::strip_possessive(&e.text.to_lowercase())
            == concord_text::strip_possessive(lower)
    });
    match e {
        Some(e) if e.demonym => Naming::Demonym,
        Some(e) if e.seat => Naming::Seat,
        _ => Naming::Name,
    }
}

/// Content words before a slot that can say what it is about.
pub const CONTEXT_BEFORE: usize = 4;
/// Content words after a slot (the noun a figure or date qualifies).
pub const CONTEXT_AFTER: usize = 3;

impl<'c> Prepared<'c> {
    /// Names weigh `entity_weight` of their IDF: two claims that share only
    /// their names are not the same fact.
    pub fn new(
        claim: &'c Claim,
        article: usize,
        vocab: &Vocabulary,
        th: &Thresholds,
    ) -> Prepared<'c> {
        let mut terms: Vec<Term> = Vec::new();
        for t in claim.match_tokens() {
            if !counts(t.role) {
                continue;
            }
            let Some(id) = vocab.id(&t.term) else {
                continue;
            };
            let scale = if t.role == TokenRole::Entity {
                th.entity_weight
            } else {
                1.0
            };
            let weight = vocab.idf(id) * scale;
            if terms.iter().any(|x| x.id == id) {
                continue;
            }
            let lower = concord_text::strip_possessive(&t.lower);
            let at = claim.start + t.start as usize;
            let slot = t.end > t.start && claim.slots.iter().any(|s| s.start <= at && at < s.end);
            let naming = if t.role == TokenRole::Entity {
                naming(claim, &t.lower)
            } else {
                Naming::Name
            };
            terms.push(Term {
                id,
                weight,
                role: t.role,
                slot,
                naming,
                lower,
                text: t.term.clone(),
            });
        }
        terms.sort_by_key(|t| t.id);
        let weight = terms.iter().map(|t| t.weight).sum();
        let slot_context = slot_contexts(claim, vocab, th);
        Prepared {
            claim,
            article,
            terms,
            weight,
            slot_context,
            referent_names: std::sync::OnceLock::new(),
            group_comparatives: std::sync::OnceLock::new(),
        }
    }

    /// The names the claim gives to a referent of its story.
    pub fn referent_names(&self, lex: &concord_text::Lexicon) -> &[crate::detect::naming::Naming] {
        self.referent_names
            .get_or_init(|| crate::detect::naming::namings(self.claim, lex))
    }

    /// How many comparatives of more and of less (`[words] more_words`,
    /// `less_words`) the claim has within three words after a
    /// `group_words` word, none of them a figure's bound ("more than 400"):
    /// what [`crate::detect::Context::opposed_comparatives`] compares. A
    /// property of the claim, counted once however many claims it meets.
    pub fn group_comparatives(&self, lex: &concord_text::Lexicon) -> (usize, usize) {
        *self.group_comparatives.get_or_init(|| {
            let words = &lex.words;
            let tokens = &self.claim.tokens;
            let number = |k: usize| tokens.get(k).is_some_and(|t| t.role == TokenRole::Number);
            // "more than 400", "fewer 5": a bound.
            let bound = |k: usize| {
                number(k + 1)
                    || (tokens.get(k + 1).is_some_and(|t| t.lower == "than") && number(k + 2))
            };
            let picks_group = |k: usize| {
                tokens[k.saturating_sub(3)..k]
                    .iter()
                    .any(|t| words.group_words.contains(t.lower.as_str()))
            };
            let mut more_less = (0usize, 0usize);
            for (k, t) in tokens.iter().enumerate() {
                if bound(k) || !picks_group(k) {
                    continue;
                }
                if words.more_words.contains(t.lower.as_str()) {
                    more_less.0 += 1;
                } else if words.less_words.contains(t.lower.as_str()) {
                    more_less.1 += 1;
                }
            }
            more_less
        })
    }

    /// Total weight of the context terms slots `i` of `self` and `j` of
    /// `other` share.
    pub fn shared_context(&self, i: usize, other: &Prepared<'_>, j: usize) -> f64 {
        let (Some(x), Some(y)) = (self.slot_context.get(i), other.slot_context.get(j)) else {
            return 0.0;
        };
        x.iter()
            .filter(|(id, _)| y.iter().any(|(o, _)| o == id))
            .map(|(_, w)| w)
            .sum()
    }

    pub fn has(&self, id: u32) -> bool {
        self.terms.binary_search_by_key(&id, |t| t.id).is_ok()
    }

    pub fn has_text(&self, text: &str) -> bool {
        self.terms.iter().any(|t| t.text == text)
    }
}

/// The context terms of each slot of `claim` (see [`Prepared::slot_context`]).
fn slot_contexts(claim: &Claim, vocab: &Vocabulary, th: &Thresholds) -> Vec<Vec<(u32, f64)>> {
    let in_slot = |t: &concord_core::Token| {
        let at = claim.start + t.start as usize;
        claim.slots.iter().any(|s| s.start <= at && at < s.end)
    };
    let content: Vec<(usize, u32, f64, bool)> = claim
        .tokens
        .iter()
        .filter(|t| matches!(t.role, TokenRole::Content | TokenRole::Entity) && !in_slot(t))
        .filter_map(|t| {
            let id = vocab.id(&t.term)?;
            let scale = if t.role == TokenRole::Entity {
                th.entity_weight
            } else {
                1.0
            };
            let name = t.role == TokenRole::Entity;
            Some((
                claim.start + t.start as usize,
                id,
                vocab.idf(id) * scale,
                name,
            ))
        })
        .collect();
    // A name in a participial phrase set off before the value belongs to
    // that phrase ("The research, *published in the journal Nature*,
    // examined PCB contamination in 251 killer whales"), as does the
    // affiliation of a speaker ("Anond Snidvongs, *of Thailand's space
    // agency*, told the BBC the objects ranged from 2m to 15m"): it says
    // nothing about whose the value is. An apposition does ("One of them,
    // *the Heritage Foundation*, received $1.5 million").
    let is_boundary = |c: char| crate::detect::CLAUSE_MARKS.contains(&c);
    let in_set_off_participle = |from: usize, to: usize| {
        let rel = |at: usize| at.saturating_sub(claim.start);
        let (Some(gap), Some(head)) = (
            claim.text.get(rel(from)..rel(to)),
            claim.text.get(..rel(from)),
        ) else {
            return false;
        };
        if !gap.contains(is_boundary) {
            return false;
        }
        let segment = head.rsplit(is_boundary).next().unwrap_or(head);
        segment.split_whitespace().next().is_some_and(|w| {
            let w = w.to_lowercase();
            w == "of" || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")))
        })
    };
    claim
        .slots
        .iter()
        .map(|s| {
            let before = content
                .iter()
                .filter(|(at, _, _, _)| *at < s.start)
                .rev()
                .take(CONTEXT_BEFORE)
                .filter(|(at, _, _, name)| !(*name && in_set_off_participle(*at, s.start)));
            let after = content
                .iter()
                .filter(|(at, _, _, _)| *at >= s.end)
                .take(CONTEXT_AFTER);
            let mut ctx: Vec<(u32, f64)> =
                before.chain(after).map(|&(_, id, w, _)| (id, w)).collect();
            ctx.sort_by_key(|c| c.0);
            ctx.dedup_by_key(|c| c.0);
            ctx
        })
        .collect()
}
