//! concord's rule sets: TOML data that tells the engine how outlets write the
//! same thing differently (aliases, spelling, synonyms), which words carry
//! negation, modality and attribution, the language's closed word lists
//! (month names, number words, speaker nouns), which lines are page
//! furniture, the matcher's thresholds and weights, and the finding
//! detectors. Every threshold, cue list and word list is declared once
//! below, with its kind and doc line (`settings!`, in `settings.rs`).
//!
//! The default set lives in the repository's `rules/` folder and is embedded
//! in the binary ([`RuleSet::builtin`]). A user folder adds to it and
//! overrides it ([`RuleSet::load`]); see docs/rules.md for the merge rules.
//! Every load error names the file, line and column.
//!
//! This crate only parses and validates; the stages that use the rules
//! (`concord-text`, `concord-extract`, `concord-match`) interpret them.

mod detectors;
mod schema;
mod select;
mod settings;
mod slots;

use settings::{Count, Ordered, Phrases, Ratio, Replaced, Weight, settings};
pub use settings::{SettingDoc, docs_table};

pub use detectors::{Detector, Example, Message, placeholders};
pub use select::Selection;
pub use slots::{Currency, DURATION_UNITS, DurationUnit, MeasureUnit, SlotWords};

use concord_core::{FindingKind, RuleId, Severity};
use regex::Regex;
use schema::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// A rule file's name and text, as read from disk or embedded.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Shown in error messages: `rules/entities.toml` or the user's path.
    pub name: String,
    pub text: String,
}

/// A problem in a rule file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
pub struct RuleError {
    pub file: String,
    /// 1-based; 0 when the error is about the folder, not a place in a file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Entity kinds an `[[entity]]` may declare.
pub const ENTITY_KINDS: &[&str] = &[
    "country",
    "place",
    "person",
    "organization",
    "group",
    "treaty",
    "event",
    "program",
];

/// The learned models a `[weights.<model>]` section may define.
pub const MODELS: &[&str] = &["equivalent", "entails", "one_way", "same_fact"];

/// The features a `[weights.<model>]` section may weigh: what concord-match
/// computes for a pair of claims, in the order `concord train` writes them.
/// A weight for any other name is a load error (a typo would otherwise be a
/// weight of 0).
pub const FEATURES: &[&str] = &[
    "cover_min",
    "cover_max",
    "dice",
    "content_cover_min",
    "content_cover_max",
    "word_jaccard",
    "bigram_jaccard",
    "length_ratio",
    "number_conflict",
    "date_conflict",
    "polarity_differs",
    "modality_clash",
    "antonym",
    "fuzzy_matches",
    "shared_content",
    "location_mismatch",
    "cover_a",
    "cover_b",
    "content_cover_a",
    "content_cover_b",
    "unmatched_weight_a",
    "unmatched_weight_b",
    "unmatched_numbers_a",
    "unmatched_numbers_b",
    "unmatched_entities_a",
    "unmatched_entities_b",
    "negated_a",
    "negated_b",
    "longer_a",
    "longer_b",
    "trigram_jaccard",
    "term_jaccard",
    "idf_cosine",
    "char_trigram_jaccard",
    "words_in_other_a",
    "words_in_other_b",
    "numbers_agree",
    "bigrams_in_other_a",
    "bigrams_in_other_b",
    "trigrams_in_other_a",
    "trigrams_in_other_b",
    "fourgrams_in_other_a",
    "fourgrams_in_other_b",
    "common_subsequence_a",
    "common_subsequence_b",
    "words_a",
    "words_b",
    "narrower_a",
    "narrower_b",
];

/// A canonical entity and its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRule {
    pub name: String,
    pub kind: Option<String>,
    /// Other surface forms. The canonical name matches too.
    pub aliases: Vec<String>,
    /// Adjectives and nouns for the people ("Japanese"): they match the
    /// entity but only describe.
    pub demonyms: Vec<String>,
    /// Seats of government ("Tokyo", "the Kremlin"): they stand for the
    /// entity ("Tokyo said") but are also places ("in Tokyo"), so they do
    /// not match a demonym ("Japanese counterparts").
    pub seats: Vec<String>,
    /// Do the forms match only as written? "Polish" is Poland, "polish" a
    /// verb; "Turkey" the country, "turkey" the bird. Without it, only
    /// forms in capitals ("US", "PRC") keep their case.
    pub match_case: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymSet {
    pub id: String,
    pub words: Vec<String>,
}

settings! {
    /// Cue words and phrases of `[cues]` (rules/cues.toml), lower case,
    /// words separated by single spaces. Generic so that `concord-text`
    /// builds a phrase set from every list with one [`CueSet::map`]: the
    /// list names are declared here only.
    pub struct CueSet<T>, held as Vec<String>, read from CueDefs, merged in CuesPartial {
        /// the claim is negative ("not", "n't", "no longer")
        negation: Phrases,
        /// phrases with a negation word that do not negate ("not only", "no doubt")
        pseudo_negation: Phrases,
        /// negation words that stand for the object and negate the verb
        /// before them as well ("ruled *nothing* out" is "did not rule out")
        object_negation: Phrases,
        /// modality `hedged`; against a certain claim, a modality
        /// contradiction ("may", "consider", "explore")
        hedge: Phrases,
        /// modality `hedged` but never a contradiction on its own ("could")
        weak_hedge: Phrases,
        /// modality `hedged` by the source of the knowledge ("allegedly",
        /// "reportedly"): against a certain claim, a tension (a note), not a
        /// contradiction
        evidential: Phrases,
        /// verbs that put a hedge inside a recommendation ("suggests that
        /// Congress consider"): advice, not a modality contradiction
        directive: Phrases,
        /// modality `planned` ("plans to", "aims to")
        plan: Phrases,
        /// modality `expected` ("is expected to", "likely")
        expect: Phrases,
        /// introduce a speaker ("said", "added", "told"); "would" after one
        /// is a reported "will"
        reporting_verbs: Phrases,
        /// name a source after them ("according to")
        source_phrases: Phrases,
        /// before a number: about that much ("around", "roughly")
        approximate: Phrases,
        /// before a number: at least that much ("more than", "over")
        lower_bound: Phrases,
        /// before a number: at most that much ("up to", "under")
        upper_bound: Phrases,
        /// before a number: a sum over several ("a total of", "combined"),
        /// which is no contradiction of one part's figure
        total: Phrases,
        /// a few words before "could": a purpose or what is made possible,
        /// not a doubt ("so that the fire vehicle *could* respond", "to
        /// ensure their militaries *could* work together")
        purpose: Phrases,
        /// in a count: some beyond those already named ("three *other*
        /// states", "two *more* people"), which is no contradiction of the
        /// whole's count
        part: Phrases,
        /// a rule or duty ("a written policy to double-cup", "required
        /// to"): what should happen, which a denial of what did happen
        /// does not contradict
        obligation: Phrases,
        /// words after a negation, in its clause, that make it a time
        /// limit ("had not been exposed *since* 44,000 years ago", "will
        /// not open *until* May"): it says when something last or first
        /// happens, not that it does not
        time_limits: Phrases,
        /// modals of ability or possibility ("this *can* be big"): against
        /// a `weak_hedge` ("this could be big") the same hedge in other
        /// words, no change of certainty
        possibility: Phrases,
        /// words after "may" or "might" in its sentence that turn a
        /// concession ("Iran *may* have a peaceful programme *but* misuse
        /// of it is unacceptable"): the modal grants, it does not hedge;
        /// also when the turn opens the next clause of the sentence and
        /// the claim is cut before it
        concession: Phrases,
        /// verbs whose object carries the meaning ("could *face* a
        /// charge"): what a hedge is about is the first word after it that
        /// is neither another cue nor one of these
        support_verbs: Phrases,
        /// words up to three words before a word, in its clause, that ask
        /// or check whether it holds instead of stating it ("checked for
        /// *any* secretly placed devices"): a denial of it is no
        /// contradiction
        non_assertive: Phrases,
    }
}

/// The cue lists as the rule set holds them.
pub type Cues = CueSet<Vec<String>>;

settings! {
    /// The language's closed word lists of `[words]` (rules/language.toml):
    /// the grammar words the extractor and the matcher read besides the
    /// cues. Generic like [`CueSet`]: `concord-text` builds hash sets from
    /// every list with one [`WordLists::map`].
    pub struct WordLists<T>, held as Vec<String>, read from WordDefs, merged in WordsPartial {
        /// month names, January first (position + 1 is the month); a
        /// capitalised one is a month, never a name, and not part of what a
        /// claim is about (a date is a slot)
        months: Ordered<12>,
        /// short month forms ("jan", "sept"); each must begin exactly one
        /// month name, and stands for that month
        month_abbreviations: Replaced,
        /// weekday names, Monday first; like month names, never a name and
        /// not part of what a claim is about
        weekdays: Ordered<7>,
        /// before a capitalised "May", make it the month rather than the
        /// modal ("in May", "since May")
        may_month_context: Phrases,
        /// put a clause in the future, so that "on Thursday" is the next
        /// Thursday after publication
        future_words: Phrases,
        /// comparatives of more ("more", "higher"); with one of
        /// `less_words` on the other side, each in a phrase that picks a
        /// group (`group_words`) and neither a figure's bound, two claims
        /// are about different groups ("women who gained more weight than
        /// recommended" / "who gained less")
        more_words: Phrases,
        /// comparatives of less ("less", "fewer", "lower"), the
        /// opposites of `more_words`
        less_words: Phrases,
        /// words that open a phrase picking a group ("who", "with"): a
        /// comparative up to three words after one qualifies who is
        /// meant, not what is stated of them ("yields were higher")
        group_words: Phrases,
        /// auxiliaries and relative pronouns passed over on the way from a
        /// count to the verb after it ("three men *were* arrested", "two
        /// men *who* asked")
        count_verb_skips: Phrases,
        /// capitalised words that are never a name on their own (titles,
        /// articles); month and weekday names never are either
        not_names: Phrases,
        /// lower-case words that may sit inside a name ("Bank of England")
        name_connectors: Phrases,
        /// after "Jr." or "Inc.", one of these, capitalised, means the
        /// period also ended the sentence
        sentence_openers: Phrases,
        /// after a clock time's "a.m."/"p.m.", one of these, capitalised,
        /// belongs to the time ("6 p.m. Eastern Time"), like a weekday, a
        /// month or a `[slot_words]` time zone: the sentence goes on
        clock_continuations: Phrases,
        /// a clause's subject starts with one of these (or a capital letter)
        subject_starts: Phrases,
        /// finite verbs: one soon after the subject makes what follows
        /// ", and" a clause of its own
        finite_verbs: Phrases,
        /// ", and", ", but": a sentence is split there when a clause
        /// follows
        clause_coordinators: Phrases,
        /// open a clause inside a sentence ("while", "because", "who"): the
        /// clause a negation sits in ends at the next one
        clause_openers: Phrases,
        /// relative pronouns: a clause they open is about the word before
        /// them ("officers *who* visited the spot did not find ...")
        relative_pronouns: Phrases,
        /// open an introductory phrase before the speaker ("At the press
        /// conference, Kishida said")
        intro_words: Phrases,
        /// a speaker that is just one of these is the last named person
        /// speaker ("he added")
        speaker_pronouns: Phrases,
        /// a speaker described without a name must hold one of these ("U.S.
        /// officials", "the joint statement")
        speaker_nouns: Phrases,
        /// speakers who are family of someone in the story ("the girl's
        /// mother", "the boys' grandfather"): a statement given to one of
        /// them and to an official is given to two different speakers
        relative_speakers: Phrases,
        /// speakers who speak for an authority ("police investigators", "a
        /// senior police officer", "prosecutors")
        official_speakers: Phrases,
        /// nouns that, made definite ("the mother", "the boys' mother",
        /// "the driver"), stand for one person or thing of a story: a
        /// name given to one of them ("the mother, Rekha,") and another
        /// name given to it elsewhere disagree on who it is
        named_roles: Phrases,
        /// speech verbs whose next name is who is spoken to ("tells
        /// *PEOPLE*", "told *Reuters*"): the addressee, never a name that
        /// fills the statement's roles
        addressee_verbs: Phrases,
        /// capitalised words that make a country before them part of an
        /// organisation's name ("Malaysia *Airlines*", "Thai *Airways*"):
        /// the whole run is one name, not the country and another name
        organisation_heads: Phrases,
        /// last words that make a name an institution's or a place's
        /// ("Port Macquarie Local *Court*", "Baba Saheb Ambedkar
        /// *Hospital*"): such a name and a person's ("Douglas Hannaway")
        /// fill different roles, so one is no swap for the other
        institution_heads: Phrases,
        /// number words from zero to nineteen, in order
        number_units: Ordered<20>,
        /// number words from twenty to ninety, in order
        number_tens: Ordered<8>,
        /// ordinal words from zeroth to twentieth, in order
        ordinals: Ordered<21>,
        /// lower-case words of everyday use (rules/wordnet.toml): in a
        /// headline in title case, a capital on one of them (or on one of
        /// its inflections) is no evidence of a name
        common_words: Phrases,
    }
}

/// The word lists as the rule set holds them.
pub type Words = WordLists<Vec<String>>;

settings! {
    /// The words around a figure that tell what it measures, `[slot_words]`
    /// (rules/slots.toml). The units, currencies and maps of `[slots]` are
    /// tables ([`SlotWords`]). Generic like [`CueSet`]: `concord-extract`
    /// builds its phrase sets with one [`SlotLists::map`].
    pub struct SlotLists<T>, held as Vec<String>, read from SlotListDefs, merged in SlotListsPartial {
        /// after a figure: before noon ("10 a.m.", "6am")
        am: Phrases,
        /// after a figure: after noon ("9:32 p.m.", "6pm")
        pm: Phrases,
        /// the time 12:00 ("noon")
        noon: Phrases,
        /// the time 00:00 ("midnight")
        midnight: Phrases,
        /// written after a time and kept in its text; a four-digit 24-hour
        /// time ("1720 GMT") needs one
        time_zones: Phrases,
        /// after a figure: a share ("%", "per cent", "pct", "percentage points")
        percent: Phrases,
        /// before a figure: an age ("aged 42", "at the age of 42")
        age_before: Phrases,
        /// after a figure and a time unit: an age ("36 years old")
        age_after: Phrases,
        /// things whose "N years old" is how long they have existed, not an
        /// age ("a 2,000-year-old statue")
        not_alive: Phrases,
        /// right after a figure: it counts nothing ("one of them", "two to
        /// three"); these end the search for a counted noun
        not_counted: Phrases,
        /// adjectives that may stand between a figure and its noun ("two
        /// other dogs"): skipped when the counted noun is looked for
        count_modifiers: Phrases,
        /// before a span or a date: where it sits in time ("the *last*
        /// four years", "the *past* three years"); never what a value is
        /// about, so never its role
        span_words: Phrases,
        /// right before a date, time, figure or sum that a noun follows:
        /// the value qualifies that noun, which is its role ("its *2007*
        /// peak", "a *$10,000* bond")
        qualifier_openers: Phrases,
        /// after a counted noun: a rate ("1.2 million barrels a day")
        rate_words: Phrases,
        /// after a four-digit figure from 1800 to 2199: a count, not a year
        /// ("2000 troops"); other nouns after a year are of the year ("1987
        /// earnings")
        counted_after_year: Phrases,
        /// within three words after a year and a name: the year of an event
        /// ("the 2017 Pro Bowl"), not a model year ("the 2016 Ski-Doo")
        event_words: Phrases,
        /// after a distance: a race, not a measure ("the men's 200m title")
        race_words: Phrases,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Abbreviations {
    pub titles: BTreeSet<String>,
    pub other: BTreeSet<String>,
    pub clock: BTreeSet<String>,
    pub wire_capitalised: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct BoilerplateRule {
    pub id: String,
    pub description: String,
    pub regex: Regex,
    /// What the pattern drops: the whole line, or the part of the line it
    /// matches at its start ("WASHINGTON (AP) —").
    pub scope: BoilerplateScope,
    pub examples: Vec<String>,
    pub guardrails: Vec<String>,
}

/// What a `[[boilerplate]]` rule drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateScope {
    /// A line that matches is furniture.
    Line,
    /// The match at the start of a line is furniture; the rest is text.
    Prefix,
}

settings! {
    /// The tunable numbers of `[thresholds]` (rules/thresholds.toml); every
    /// one must be set by some rule file.
    pub struct Thresholds, read from ThresholdDefs, merged in ThresholdsPartial {
        /// minimum cover of one side for any link (`related`)
        link: Ratio,
        /// Dice similarity at which two claims state the same fact
        same_fact: Ratio,
        /// both sides covered this much: `equivalent`
        equivalent: Ratio,
        /// the shorter side covered this much: same fact
        elaborates_cover: Ratio,
        /// ... and its content words alone (names aside) covered this share
        /// of `elaborates_cover`
        elaborates_content_share: Ratio,
        /// both sides covered this much before polarity, modality, speaker
        /// or entity differences count
        contradiction_cover: Ratio,
        /// and one side covered this much by the other, so the difference
        /// is not in a clause only one side has
        contradiction_contained: Ratio,
        /// one side covered this much by the other, figures and dates
        /// aside, before a number or date difference counts
        slot_cover: Ratio,
        /// IDF weight of the content words two claims share that makes them
        /// the same fact whatever their lengths (about three uncommon words)
        shared_wording: Weight,
        /// ... with one side covered at least `link` plus this much
        shared_wording_margin: Ratio,
        /// names weigh this share of their IDF in matching: claims that
        /// share only names are not the same fact
        entity_weight: Ratio,
        /// strength of a match between a word and a broader one ("boy" and
        /// "child")
        hypernym_match: Ratio,
        /// strength of a match between two words that may state the same
        /// thing (`[near_synonyms]`: "appraisal" and "assessment")
        near_synonym_match: Ratio,
        /// typo matching: normalised Damerau-Levenshtein similarity
        fuzzy_token: Ratio,
        /// typo matching: shorter words are never matched fuzzily
        fuzzy_min_len: Count,
        /// inverted-index blocking: candidates kept per claim
        max_candidates: Count,
        /// inverted-index blocking: IDF weight two claims must share to be
        /// compared (about one uncommon word)
        min_shared_weight: Weight,
        /// slot comparison: IDF weight of the words around two values that
        /// must be shared before they can disagree (about one uncommon word:
        /// "arrested ... Wednesday" / "arrested ... Tuesday")
        slot_context_weight: Weight,
        /// slot disputes: IDF weight of the words around two values of the
        /// same role that makes them the same value even when the rest of
        /// the claims differ ("the Adriatic state of 650,000 people" / "the
        /// mountainous Adriatic country of 850,000 people")
        slot_dispute_weight: Weight,
        /// attribution: share of each claim, apart from who speaks, the
        /// other must cover for one statement to be given to two described
        /// sources ("the girl's mother said" / "police investigators said")
        described_source_cover: Ratio,
        /// inverted-index blocking: share of a story's claims above which a
        /// term does not generate candidates
        max_term_df: Ratio,
        /// share of cross pairs that must be linked for two groups to merge
        /// into one fact
        fact_linkage: Ratio,
        /// mean article similarity for two groups of articles to be one
        /// story
        story_link: Ratio,
        /// a name counts this many times a word in an article's vector:
        /// who and where define a story more than the words around them
        story_entity_weight: Weight,
        /// a figure or a date counts this many times a word in an
        /// article's vector: the values an article reports tell one event
        /// from the next report of the same series
        story_number_weight: Weight,
        /// IDF from which a name is rare enough to identify a story's
        /// actors; articles that share no such name are not one story
        story_rare_name_idf: Weight,
        /// an article's heaviest terms that look for articles like it
        story_query_terms: Count,
        /// articles kept per article, by partial similarity, before exact
        /// similarities are computed
        story_neighbours: Count,
        /// story keys (`concord stories`): an article's heaviest terms,
        /// which articles of one story share
        story_key_terms: Count,
        /// story keys: the terms of an article's vector, which checks a
        /// pair of articles that share a key
        story_vector_terms: Count,
        /// story keys: a key held by more articles generates no
        /// candidates (as the in-process index drops common terms)
        story_key_max_articles: Count,
        /// story keys: an article joins a story through its best this many
        /// neighbours that also count it among theirs (one chance match
        /// must not chain two stories)
        story_key_neighbours: Count,
        /// longest line without final punctuation taken as a heading
        heading_max_words: Count,
        /// content words, names and numbers a clause needs to be a claim
        /// (one for a side of `concord pairs`)
        min_claim_words: Count,
        /// longer claims are cut (and reported as a warning)
        max_claim_bytes: Count,
        /// longer sentences are cut before they are analysed, and the rest
        /// of the sentence is not read (reported as a warning); bounds the
        /// work per sentence (docs/testing.md)
        max_sentence_bytes: Count,
    }
}

/// A learned model over named features (see `concord train`): it says yes
/// when `sigmoid(bias + Σ weight · feature + Σ tree output)` reaches
/// `threshold`. A logistic regression has weights and no trees; a boosted
/// tree ensemble has trees (and usually no weights).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub bias: f64,
    pub features: BTreeMap<String, f64>,
    pub trees: Vec<Tree>,
    pub threshold: f64,
}

/// One regression tree of a boosted model, complete to its depth and laid
/// out as a heap: internal node `i` sends a pair whose feature
/// `features[i]` is at most `splits[i]` to node `2i+1`, others to `2i+2`;
/// node `features.len() + k` is `leaves[k]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub features: Vec<String>,
    pub splits: Vec<f64>,
    pub leaves: Vec<f64>,
}

/// Background document frequencies (see [`RuleSet::background`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Background {
    pub documents: u32,
    /// Where the counts come from (for docs and `rules check`).
    pub source: Option<String>,
    pub df: rustc_hash::FxHashMap<String, u32>,
}

impl Background {
    /// Writes the `[background]` rule file that [`RuleSet::load`] reads
    /// back. Terms are grouped by document frequency; terms seen in fewer
    /// than `min_df` documents are left out (they weigh about the same as
    /// unseen ones).
    pub fn to_toml(&self, min_df: u32) -> String {
        let mut buckets: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
        for (term, &df) in &self.df {
            if df >= min_df && !term.contains(['\n', '\'']) {
                buckets.entry(df).or_default().push(term);
            }
        }
        let mut out = String::from(
            "# Background document frequencies of normalised terms, written by\n\
             # `concord build-idf`; see docs/rules.md. Do not edit by hand.\n\n[background]\n",
        );
        out.push_str(&format!("documents = {}\n", self.documents));
        if let Some(src) = &self.source {
            out.push_str(&format!("source = {src:?}\n"));
        }
        for (df, mut terms) in buckets {
            terms.sort_unstable();
            out.push_str(&format!(
                "\n[[background.bucket]]\ndf = {df}\nterms = '''\n"
            ));
            for t in terms {
                out.push_str(t);
                out.push('\n');
            }
            out.push_str("'''\n");
        }
        out
    }
}

/// A complete, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub entities: Vec<EntityRule>,
    pub spelling: BTreeMap<String, String>,
    /// Irregular forms → base form ("fell" → "fall"), applied before stemming.
    pub lemmas: BTreeMap<String, String>,
    pub synonyms: Vec<SynonymSet>,
    /// Word → broader words ("boy" → "child", "person").
    pub hypernyms: BTreeMap<String, Vec<String>>,
    pub antonyms: Vec<(String, String)>,
    /// Pairs of words that may state the same thing ("appraisal",
    /// "assessment"), each pair in order, for a soft match.
    pub near_synonyms: BTreeSet<(String, String)>,
    pub stopwords: BTreeSet<String>,
    pub qualifiers: BTreeSet<String>,
    pub cues: Cues,
    /// Closed word lists of the language (`[words]`).
    pub words: Words,
    pub abbreviations: Abbreviations,
    pub boilerplate: Vec<BoilerplateRule>,
    pub thresholds: Thresholds,
    /// Learned models by name (`equivalent`, `entails`, `one_way`).
    pub weights: BTreeMap<String, Weights>,
    pub detectors: Vec<Detector>,
    /// The words around a figure that tell what it measures
    /// (`[slot_words]`).
    pub slot_words: SlotLists<Vec<String>>,
    /// The units, currencies and counted-noun forms of `[slots]`.
    pub slots: SlotWords,
    /// Document frequencies of terms in a large news corpus, for IDF.
    pub background: Option<Background>,
    /// FNV-1a hash of every source's name and text, for caches.
    pub fingerprint: u64,
    /// The files this set was built from, in load order.
    pub files: Vec<String>,
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/", $name)))),*]
    };
}

/// The default rule files, embedded from the repository's `rules/` folder.
const BUILTIN: &[(&str, &str)] = builtin!(
    "countries.toml",
    "entities.toml",
    "spelling.toml",
    "wordnet.toml",
    "lexicon.toml",
    "cues.toml",
    "language.toml",
    "boilerplate.toml",
    "thresholds.toml",
    "weights.toml",
    "detectors.toml",
    "slots.toml",
    "background.toml",
);

impl RuleSet {
    /// The embedded default rule set.
    pub fn builtin() -> RuleSet {
        // The default files are validated by this crate's tests; failing
        // here would mean a broken build, so there is no error path.
        match RuleSet::from_sources(&builtin_sources()) {
            Ok(set) => set,
            Err(errors) => panic!("built-in rules are invalid: {}", errors[0]),
        }
    }

    /// The default rule set plus every `*.toml` file in `dir` (sorted by
    /// name), which add to and override the defaults.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet, Vec<RuleError>> {
        let mut sources = builtin_sources();
        if let Some(dir) = dir {
            sources.extend(read_dir_sources(dir)?);
        }
        RuleSet::from_sources(&sources)
    }

    /// Builds a rule set from sources in order; later sources override
    /// earlier ones. All errors are collected, not just the first.
    pub fn from_sources(sources: &[RuleSource]) -> Result<RuleSet, Vec<RuleError>> {
        let mut builder = Builder::default();
        for source in sources {
            builder.add(source);
        }
        builder.finish(sources)
    }

    /// The detector with this id, if it exists and is enabled.
    pub fn detector(&self, id: &str) -> Option<&Detector> {
        self.detectors.iter().find(|d| d.id == id && d.enabled)
    }
}

/// The embedded default sources, named as in the repository.
pub fn builtin_sources() -> Vec<RuleSource> {
    BUILTIN
        .iter()
        .map(|(name, text)| RuleSource {
            name: format!("rules/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// Reads every `*.toml` file of a rules folder, sorted by file name.
pub fn read_dir_sources(dir: &Path) -> Result<Vec<RuleSource>, Vec<RuleError>> {
    let folder_error = |message: String| {
        vec![RuleError {
            file: dir.display().to_string(),
            line: 0,
            column: 0,
            message,
        }]
    };
    let entries = std::fs::read_dir(dir)
        .map_err(|e| folder_error(format!("cannot read rules folder: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(folder_error("no *.toml rule files in this folder".into()));
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        // A regular file under the input size limit (a FIFO named
        // `x.toml` would block the run, a link to `/dev/zero` never end).
        let read = concord_input::read_limited(&path, concord_input::MAX_INPUT_BYTES)
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_string()));
        match read {
            Ok(text) => sources.push(RuleSource {
                name: path.display().to_string(),
                text,
            }),
            Err(message) => errors.push(RuleError {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read: {message}"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Where an item was defined, for error messages.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    offset: usize,
}

#[derive(Default)]
struct Builder {
    errors: Vec<RuleError>,
    /// Index of the current source while adding.
    file: usize,
    current_name: String,
    current_text: String,
    /// In definition order; `None` where a later definition of the same
    /// name replaced one.
    entities: Vec<Option<(EntityRule, Vec<Origin>)>>,
    /// Where each entity name is in `entities`: replacing one must not scan
    /// them all (100,000 entities took 23 s).
    entity_at: rustc_hash::FxHashMap<String, usize>,
    spelling: BTreeMap<String, String>,
    lemmas: BTreeMap<String, String>,
    synonyms: Vec<SynonymSet>,
    hypernyms: BTreeMap<String, Vec<String>>,
    antonyms: Vec<(String, String)>,
    near_synonyms: BTreeSet<(String, String)>,
    stopwords: BTreeSet<String>,
    qualifiers: BTreeSet<String>,
    cues: CuesPartial,
    words: WordsPartial,
    slot_words: SlotListsPartial,
    abbreviations: Abbreviations,
    boilerplate: Vec<BoilerplateRule>,
    thresholds: ThresholdsPartial,
    weights: BTreeMap<String, Weights>,
    detectors: Vec<Detector>,
    slots: SlotWords,
    /// Detector ids defined by the current file, with the offset of each:
    /// an id twice in one file is an error, not a silent override.
    file_detectors: BTreeMap<String, usize>,
    background: Option<Background>,
    hash: u64,
}

impl Builder {
    fn error_at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = line_col(&self.current_text, offset);
        self.errors.push(RuleError {
            file: self.current_name.clone(),
            line,
            column,
            message: message.into(),
        });
    }

    fn add(&mut self, source: &RuleSource) {
        self.current_name = source.name.clone();
        self.current_text = source.text.clone();
        for b in source.name.bytes().chain([0]).chain(source.text.bytes()) {
            self.hash = (self.hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let file: RuleFile = match toml::from_str(&source.text) {
            Ok(f) => f,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = e.message().trim().replace('\n', " ");
                self.error_at(offset, message);
                self.file += 1;
                return;
            }
        };
        self.add_entities(file.entity);
        for (british, american) in file.spelling {
            let Some(american) = self.word(&american) else {
                continue;
            };
            self.spelling.insert(british.to_lowercase(), american);
        }
        for (form, base) in file.lemmas {
            let Some(base) = self.word(&base) else {
                continue;
            };
            self.lemmas.insert(form.to_lowercase(), base);
        }
        for set in file.synonyms {
            let words: Vec<String> = set.words.iter().filter_map(|w| self.word(w)).collect();
            if words.len() < 2 {
                self.error_at(
                    set.id.span().start,
                    "a synonym set needs at least two words",
                );
                continue;
            }
            let id = set.id.into_inner();
            self.synonyms.retain(|s| s.id != id);
            self.synonyms.push(SynonymSet { id, words });
        }
        for (word, broader) in file.hypernyms {
            let list: Vec<String> = broader.iter().filter_map(|w| self.word(w)).collect();
            self.hypernyms.insert(word.to_lowercase(), list);
        }
        for antonym in file.antonyms {
            let offset = antonym.pair.span().start;
            let words: Vec<String> = antonym
                .pair
                .get_ref()
                .iter()
                .filter_map(|w| self.word(w))
                .collect();
            match words.as_slice() {
                [x, y] if x != y => {
                    let pair = (x.clone(), y.clone());
                    if !self.antonyms.contains(&pair) {
                        self.antonyms.push(pair);
                    }
                }
                _ => self.error_at(offset, "an antonym pair needs exactly two different words"),
            }
        }
        if let Some(defs) = file.near_synonyms {
            self.add_near_synonyms(&defs.pairs);
        }
        if let Some(list) = file.stopwords {
            let words: Vec<_> = list.words.iter().filter_map(|w| self.word(w)).collect();
            self.stopwords.extend(words);
        }
        if let Some(list) = file.qualifiers {
            let words: Vec<_> = list.words.iter().filter_map(|w| self.word(w)).collect();
            self.qualifiers.extend(words);
        }
        if let Some(cues) = file.cues {
            let problems = self.cues.merge(cues);
            self.report(problems);
        }
        if let Some(words) = file.words {
            let problems = self.words.merge(words);
            self.report(problems);
        }
        if let Some(lists) = file.slot_words {
            let problems = self.slot_words.merge(lists);
            self.report(problems);
        }
        if let Some(abbr) = file.abbreviations {
            let lists = [abbr.titles, abbr.other, abbr.clock, abbr.wire_capitalised];
            let [titles, other, clock, wire] = lists.map(|list| {
                list.iter()
                    .filter_map(|w| self.word(w))
                    .map(|w| w.trim_end_matches('.').to_string())
                    .collect::<Vec<_>>()
            });
            let a = &mut self.abbreviations;
            a.titles.extend(titles);
            a.other.extend(other);
            a.clock.extend(clock);
            a.wire_capitalised.extend(wire);
        }
        for rule in file.boilerplate {
            self.add_boilerplate(rule);
        }
        if let Some(t) = file.thresholds {
            let problems = self.thresholds.merge(t);
            self.report(problems);
        }
        for (name, w) in file.weights {
            self.add_weights(name, w);
        }
        self.file_detectors.clear();
        for d in file.detector {
            self.add_detector(d);
        }
        if let Some(b) = file.background {
            self.add_background(b);
        }
        if let Some(defs) = file.slots {
            for (offset, message) in self.slots.add(defs) {
                self.error_at(offset, message);
            }
        }
        self.file += 1;
    }

    /// A non-empty word or phrase, lower-cased, inner whitespace collapsed.
    fn word(&mut self, w: &Spanned<String>) -> Option<String> {
        let norm = settings::normalize_word(w.get_ref());
        if norm.is_none() {
            self.error_at(w.span().start, "empty word");
        }
        norm
    }

    /// Records what a settings family found wrong in the current file.
    fn report(&mut self, problems: Vec<settings::Problem>) {
        for (offset, message) in problems {
            self.error_at(offset, message);
        }
    }

    /// `[near_synonyms] pairs`: one pair a line, two different words.
    fn add_near_synonyms(&mut self, pairs: &Spanned<String>) {
        let text = pairs.get_ref();
        // Errors point at the line in the file: the string's text starts
        // where it is found inside its span (after the quotes), unless
        // escapes changed it.
        let span = pairs.span();
        let body = self
            .current_text
            .get(span.clone())
            .and_then(|raw| raw.find(text.as_str()))
            .map(|k| span.start + k);
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let offset = body.map_or(span.start, |b| {
                b + at + (line.len() - line.trim_start().len())
            });
            at += line.len();
            let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
            match words.as_slice() {
                [] => {}
                [x, y] if x != y => {
                    let pair = if x < y {
                        (x.clone(), y.clone())
                    } else {
                        (y.clone(), x.clone())
                    };
                    self.near_synonyms.insert(pair);
                }
                _ => self.error_at(
                    offset,
                    format!(
                        "a near-synonym pair is two different words, not `{}`",
                        line.trim()
                    ),
                ),
            }
        }
    }

    fn add_entities(&mut self, defs: Vec<EntityDef>) {
        for def in defs {
            let name = def.name.get_ref().trim().to_string();
            if name.is_empty() {
                self.error_at(def.name.span().start, "empty entity name");
                continue;
            }
            if let Some(kind) = &def.kind
                && !ENTITY_KINDS.contains(&kind.get_ref().as_str())
            {
                self.error_at(
                    kind.span().start,
                    format!(
                        "unknown entity kind `{}` (expected one of: {})",
                        kind.get_ref(),
                        ENTITY_KINDS.join(", ")
                    ),
                );
                continue;
            }
            let mut aliases = Vec::new();
            let mut origins = vec![Origin {
                file: self.file,
                offset: def.name.span().start,
            }];
            let mut bad = false;
            let mut demonyms = Vec::new();
            let mut seats = Vec::new();
            for alias in def.aliases.iter().chain(&def.demonyms).chain(&def.seats) {
                let a = alias.get_ref().trim();
                if a.is_empty() {
                    self.error_at(
                        alias.span().start,
                        format!("empty alias in entity `{name}`"),
                    );
                    bad = true;
                    continue;
                }
                if def.demonyms.iter().any(|d| std::ptr::eq(d, alias)) {
                    demonyms.push(a.to_string());
                } else if def.seats.iter().any(|d| std::ptr::eq(d, alias)) {
                    seats.push(a.to_string());
                } else {
                    aliases.push(a.to_string());
                }
                origins.push(Origin {
                    file: self.file,
                    offset: alias.span().start,
                });
            }
            if bad {
                continue;
            }
            // Same name: the later definition replaces the earlier one.
            if let Some(old) = self.entity_at.insert(name.clone(), self.entities.len()) {
                self.entities[old] = None;
            }
            self.entities.push(Some((
                EntityRule {
                    name,
                    kind: def.kind.map(Spanned::into_inner),
                    aliases,
                    demonyms,
                    seats,
                    match_case: def.match_case,
                },
                origins,
            )));
        }
    }

    fn add_boilerplate(&mut self, def: BoilerplateDef) {
        let id = def.id.get_ref().clone();
        if !is_kebab(&id) {
            self.error_at(
                def.id.span().start,
                format!("rule id `{id}` is not kebab-case"),
            );
            return;
        }
        let regex = match regex::RegexBuilder::new(def.pattern.get_ref())
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .build()
        {
            Ok(r) => r,
            Err(e) => {
                let msg = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                self.error_at(
                    def.pattern.span().start,
                    format!("pattern of `{id}` does not compile: {msg}"),
                );
                return;
            }
        };
        let mut ok = true;
        for ex in &def.examples {
            if !regex.is_match(ex.get_ref().trim()) {
                self.error_at(
                    ex.span().start,
                    format!("`{id}` does not match its own example"),
                );
                ok = false;
            }
        }
        for g in &def.guardrails {
            if regex.is_match(g.get_ref().trim()) {
                self.error_at(g.span().start, format!("`{id}` matches its own guardrail"));
                ok = false;
            }
        }
        if !ok {
            return;
        }
        let scope = match def.scope.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("line") => BoilerplateScope::Line,
            Some("prefix") => BoilerplateScope::Prefix,
            Some(other) => {
                let at = def.scope.as_ref().map_or(0, |s| s.span().start);
                self.error_at(
                    at,
                    format!("scope of `{id}` must be `line` or `prefix`, not `{other}`"),
                );
                return;
            }
        };
        if scope == BoilerplateScope::Prefix && !def.pattern.get_ref().starts_with('^') {
            self.error_at(
                def.pattern.span().start,
                format!("the pattern of prefix rule `{id}` must start with `^`"),
            );
            return;
        }
        self.boilerplate.retain(|b| b.id != id);
        self.boilerplate.push(BoilerplateRule {
            id,
            description: def.description.unwrap_or_default(),
            regex,
            scope,
            examples: def.examples.into_iter().map(Spanned::into_inner).collect(),
            guardrails: def
                .guardrails
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
        });
    }

    fn add_weights(&mut self, name: String, w: WeightDefs) {
        let model = name.clone();
        if !MODELS.contains(&name.as_str()) {
            let at = self
                .current_text
                .find(&format!("weights.{name}"))
                .unwrap_or(0);
            self.error_at(
                at,
                format!(
                    "unknown model `weights.{name}` (expected one of: {})",
                    MODELS.join(", ")
                ),
            );
            return;
        }
        let threshold = match &w.threshold {
            Some(t) if !(0.0..=1.0).contains(t.get_ref()) => {
                self.error_at(t.span().start, "weights threshold must be between 0 and 1");
                return;
            }
            Some(t) => *t.get_ref(),
            None => 0.5,
        };
        if !w.bias.get_ref().is_finite() {
            self.error_at(w.bias.span().start, "`bias` is not a finite number");
            return;
        }
        let mut features = BTreeMap::new();
        for (name, value) in w.features {
            if !FEATURES.contains(&name.as_str()) {
                self.error_at(
                    value.span().start,
                    format!("unknown feature `{name}` in `weights.{model}`"),
                );
                return;
            }
            if !value.get_ref().is_finite() {
                self.error_at(
                    value.span().start,
                    format!("weight `{name}` is not a finite number"),
                );
                return;
            }
            features.insert(name, value.into_inner());
        }
        let mut trees = Vec::new();
        for t in w.trees {
            match self.tree(&model, t) {
                Some(tree) => trees.push(tree),
                None => return,
            }
        }
        self.weights.insert(
            name,
            Weights {
                bias: *w.bias.get_ref(),
                features,
                trees,
                threshold,
            },
        );
    }

    /// Checks one `[[weights.<model>.trees]]` entry: as many splits as
    /// internal nodes, one leaf more, a complete tree, known features,
    /// numbers.
    fn tree(&mut self, model: &str, t: TreeDefs) -> Option<Tree> {
        let internal = t.features.get_ref().len();
        if t.splits.get_ref().len() != internal {
            self.error_at(
                t.splits.span().start,
                format!(
                    "`weights.{model}` tree: {} splits for {internal} features",
                    t.splits.get_ref().len()
                ),
            );
            return None;
        }
        if t.leaves.get_ref().len() != internal + 1 || !(internal + 1).is_power_of_two() {
            self.error_at(
                t.leaves.span().start,
                format!(
                    "`weights.{model}` tree: {} leaves for {internal} features (a complete tree has one leaf more, a power of two)",
                    t.leaves.get_ref().len()
                ),
            );
            return None;
        }
        if let Some(name) = t
            .features
            .get_ref()
            .iter()
            .find(|n| !FEATURES.contains(&n.as_str()))
        {
            self.error_at(
                t.features.span().start,
                format!("unknown feature `{name}` in a `weights.{model}` tree"),
            );
            return None;
        }
        if t.splits.get_ref().iter().any(|x| x.is_nan()) {
            self.error_at(
                t.splits.span().start,
                format!("`weights.{model}` tree: a split is not a number"),
            );
            return None;
        }
        if t.leaves.get_ref().iter().any(|x| !x.is_finite()) {
            self.error_at(
                t.leaves.span().start,
                format!("`weights.{model}` tree: a leaf is not a finite number"),
            );
            return None;
        }
        Some(Tree {
            features: t.features.into_inner(),
            splits: t.splits.into_inner(),
            leaves: t.leaves.into_inner(),
        })
    }

    fn add_background(&mut self, b: BackgroundDefs) {
        let documents = *b.documents.get_ref();
        if documents < 1 || documents > i64::from(u32::MAX) {
            self.error_at(
                b.documents.span().start,
                "background `documents` must be a positive count",
            );
            return;
        }
        let mut df = rustc_hash::FxHashMap::default();
        for bucket in b.bucket {
            let n = *bucket.df.get_ref();
            if n < 1 || n > documents {
                self.error_at(
                    bucket.df.span().start,
                    "bucket `df` must be between 1 and `documents`",
                );
                return;
            }
            for term in bucket
                .terms
                .lines()
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                df.insert(term.to_string(), n as u32);
            }
        }
        // A later background replaces an earlier one as a whole; one
        // without buckets switches it off.
        self.background = if df.is_empty() {
            None
        } else {
            Some(Background {
                documents: documents as u32,
                source: b.source,
                df,
            })
        };
    }

    fn add_detector(&mut self, d: DetectorDef) {
        let id = d.id.get_ref().clone();
        let at = d.id.span().start;
        let Some(rule) = RuleId::parse(&id) else {
            self.error_at(
                at,
                format!(
                    "unknown detector id `{id}` (expected one of: {})",
                    detectors::known_ids()
                ),
            );
            return;
        };
        if let Some(&first) = self.file_detectors.get(&id) {
            let (line, column) = line_col(&self.current_text, first);
            self.error_at(
                at,
                format!("detector `{id}` is already defined in this file at {line}:{column}"),
            );
            return;
        }
        self.file_detectors.insert(id.clone(), at);
        let mut ok = true;
        if let Some(f) = &d.finding
            && FindingKind::from_name(f.get_ref()) != Some(rule.finding)
        {
            self.error_at(
                f.span().start,
                format!(
                    "detector `{id}` reports `{}` findings, not `{}`",
                    rule.finding.as_str(),
                    f.get_ref()
                ),
            );
            ok = false;
        }
        match (&d.contradiction, rule.kind) {
            (Some(t), Some(kind)) if t.get_ref() != kind.as_str() => {
                self.error_at(
                    t.span().start,
                    format!(
                        "detector `{id}` has type `{}`, not `{}`",
                        kind.as_str(),
                        t.get_ref()
                    ),
                );
                ok = false;
            }
            (Some(t), None) => {
                self.error_at(
                    t.span().start,
                    format!("a `{}` detector has no `type`", rule.finding.as_str()),
                );
                ok = false;
            }
            _ => {}
        }
        let severity = match &d.severity {
            Some(s) => match Severity::from_name(s.get_ref()) {
                Some(v) => Some(v),
                None => {
                    self.error_at(s.span().start, "severity must be note, warning or error");
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let description = match &d.description {
            Some(text) if text.get_ref().trim().is_empty() => {
                self.error_at(text.span().start, "empty description");
                ok = false;
                None
            }
            Some(text) => Some(text.get_ref().clone()),
            None => None,
        };
        let message = match &d.message {
            Some(m) => match Message::parse(m.get_ref(), rule.finding) {
                Ok(parsed) => Some(parsed),
                Err((offset, msg)) => {
                    // The span includes the opening quote.
                    self.error_at(m.span().start + 1 + offset, msg);
                    ok = false;
                    None
                }
            },
            None => None,
        };
        if !ok {
            return;
        }
        let examples = d.example.into_iter().map(|e| Example {
            a: e.a,
            b: e.b,
            flag: e.flag,
            note: e.note,
        });
        // A later definition changes only what it gives; its examples add
        // to the detector's specification.
        if let Some(existing) = self.detectors.iter_mut().find(|x| x.id == id) {
            if let Some(s) = severity {
                existing.severity = s;
            }
            if let Some(text) = description {
                existing.description = text;
            }
            if let Some(m) = message {
                existing.message = m;
            }
            if let Some(e) = d.enabled {
                existing.enabled = e;
            }
            existing.examples.extend(examples);
            return;
        }
        let missing: Vec<&str> = [
            ("severity", severity.is_none()),
            ("description", description.is_none()),
            ("message", message.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, absent)| absent.then_some(field))
        .collect();
        let (Some(severity), Some(description), Some(message)) = (severity, description, message)
        else {
            self.error_at(
                at,
                format!(
                    "detector `{id}` is defined here first and needs `{}`",
                    missing.join("`, `")
                ),
            );
            return;
        };
        self.detectors.push(Detector {
            id,
            rule,
            severity,
            description,
            message,
            enabled: d.enabled.unwrap_or(true),
            examples: examples.collect(),
        });
    }

    fn finish(mut self, sources: &[RuleSource]) -> Result<RuleSet, Vec<RuleError>> {
        self.check_aliases(sources);
        let folder_error = |message: String| RuleError {
            file: "rules".into(),
            line: 0,
            column: 0,
            message,
        };
        let thresholds = self.thresholds.finish().map_err(|missing| {
            missing
                .into_iter()
                .map(|key| folder_error(format!("threshold `{key}` is not set by any rule file")))
                .collect::<Vec<_>>()
        });
        // Lists are never required, so these cannot fail.
        let cues = self.cues.finish().unwrap_or_default();
        let words = self.words.finish().unwrap_or_default();
        let slot_words = self.slot_words.finish().unwrap_or_default();
        self.errors.extend(
            month_abbreviation_errors(&words)
                .into_iter()
                .map(folder_error),
        );
        let thresholds = match thresholds {
            Ok(t) => Some(t),
            Err(missing) => {
                self.errors.extend(missing);
                None
            }
        };
        let Some(thresholds) = thresholds.filter(|_| self.errors.is_empty()) else {
            self.errors.sort();
            self.errors.dedup();
            return Err(self.errors);
        };
        Ok(RuleSet {
            entities: self
                .entities
                .into_iter()
                .flatten()
                .map(|(e, _)| e)
                .collect(),
            spelling: self.spelling,
            lemmas: self.lemmas,
            synonyms: self.synonyms,
            hypernyms: self.hypernyms,
            antonyms: self.antonyms,
            near_synonyms: self.near_synonyms,
            stopwords: self.stopwords,
            qualifiers: self.qualifiers,
            cues,
            words,
            slot_words,
            abbreviations: self.abbreviations,
            boilerplate: self.boilerplate,
            thresholds,
            weights: self.weights,
            detectors: self.detectors,
            slots: self.slots,
            background: self.background,
            fingerprint: self.hash,
            files: sources.iter().map(|s| s.name.clone()).collect(),
        })
    }

    /// An alias may stand for one entity only: "Washington" cannot be both
    /// the United States and the state of Washington.
    fn check_aliases(&mut self, sources: &[RuleSource]) {
        let mut seen: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut errors = Vec::new();
        for (entity, origins) in self.entities.iter().flatten() {
            let forms = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .chain(&entity.demonyms)
                .chain(&entity.seats);
            for (form, origin) in forms.zip(origins) {
                let key = alias_key(form);
                if let Some((other, first)) = seen.get(&key) {
                    // The canonical name repeated as an alias is harmless.
                    if other == &entity.name && form == &entity.name {
                        continue;
                    }
                    let source = &sources[origin.file];
                    let (line, column) = line_col(&source.text, origin.offset);
                    let first_src = &sources[first.file];
                    let (fl, fc) = line_col(&first_src.text, first.offset);
                    errors.push(RuleError {
                        file: source.name.clone(),
                        line,
                        column,
                        message: format!(
                            "alias `{form}` of `{}` is already defined for `{other}` at {}:{fl}:{fc}",
                            entity.name, first_src.name
                        ),
                    });
                } else {
                    seen.insert(key, (entity.name.clone(), *origin));
                }
            }
        }
        self.errors.extend(errors);
    }
}

/// A month abbreviation stands for the one month whose name it begins
/// ("sept" for September); one that begins none or several is an error.
fn month_abbreviation_errors(words: &Words) -> Vec<String> {
    words
        .month_abbreviations
        .iter()
        .filter_map(|abbr| {
            let months = words.months.iter().filter(|m| m.starts_with(abbr.as_str()));
            match months.count() {
                1 => None,
                0 => Some(format!(
                    "month abbreviation `{abbr}` begins no name of `[words] months`"
                )),
                n => Some(format!(
                    "month abbreviation `{abbr}` begins {n} names of `[words] months`, not one"
                )),
            }
        })
        .collect()
}

/// How aliases are compared: all-caps aliases ("US", "UK") are matched case
/// sensitively so that the pronoun "us" is not the United States; other
/// aliases case-insensitively.
pub fn alias_key(alias: &str) -> String {
    if is_case_sensitive_alias(alias) {
        alias.to_string()
    } else {
        alias.to_lowercase()
    }
}

/// True for aliases written in capitals only, such as "US", "U.S." or "PRC".
pub fn is_case_sensitive_alias(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests;
