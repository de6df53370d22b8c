//! Text normalisation: turns a sentence into tokens whose `term`s are equal
//! whenever outlets mean the same thing in different words.
//!
//! For each word, in order: known entity aliases are matched (longest first,
//! all-caps aliases case-sensitively) and become one `@name` term; numbers
//! and number words become `#value`; function words are marked as stopwords;
//! every other word is lower-cased, mapped to its American spelling,
//! stemmed (Snowball English) and mapped to its synonym set (`~id`).
//! Capitalised word runs that no alias covers become entities too.
//!
//! [`Lexicon`] is built once from a [`RuleSet`] and shared by the extractor
//! (which also uses its cue phrase sets and word lists) and the matcher.

mod numbers;
mod phrases;
mod tokenize;
mod wordset;

pub use numbers::{parse_number, scale_word_value};
pub use phrases::{PhraseMap, PhraseSet};
pub use tokenize::{Word, WordShape, words};
pub use wordset::WordSet;

use concord_core::{Token, TokenRole, Weekday};
use concord_rules::{CueSet, RuleSet, WordLists, is_case_sensitive_alias};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The cue phrase sets of a rule set, ready for matching on lower-case words.
pub type CueSets = CueSet<PhraseSet>;

/// The word lists of a rule set, ready for lookups.
pub type WordSets = WordLists<WordSet>;

/// An entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Canonical name (from the alias rules, or the surface words).
    pub name: String,
    pub kind: Option<String>,
    /// Byte span in the analysed text.
    pub start: usize,
    pub end: usize,
    /// True when an alias rule matched, false for a capitalised run.
    pub known: bool,
    /// Matched through a demonym ("Japanese"): a description, not a name.
    pub demonym: bool,
    /// Matched through a seat of government ("Tokyo"): also a place.
    pub seat: bool,
}

/// The result of [`Lexicon::analyze`].
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub entities: Vec<EntityMention>,
}

#[derive(Debug)]
struct AliasEntry {
    words: Vec<String>,
    case_sensitive: bool,
    entity: usize,
    demonym: bool,
    seat: bool,
}

/// Everything needed to normalise text, built from a rule set.
pub struct Lexicon {
    /// Unique per lexicon, so that per-thread caches never mix rule sets.
    id: u64,
    stemmer: Stemmer,
    spelling: HashMap<String, String>,
    /// Most parts of a hyphenated spelling key ("three-way": 2); a longer
    /// chain of glued words is never looked up whole.
    compound_parts: usize,
    lemmas: HashMap<String, String>,
    synonyms: HashMap<String, String>,
    /// (narrower term, broader term) pairs.
    /// Narrow term → its broader terms; antonyms both ways. Keyed by the
    /// first term so that a lookup from two `&str` allocates nothing (the
    /// aligner asks millions of times on a large run).
    hypernyms: HashMap<String, HashSet<String>>,
    /// Every term that is broader than another.
    broader_terms: HashSet<String>,
    antonyms: HashMap<String, HashSet<String>>,
    /// Near synonyms (`[near_synonyms]`): a word of a pair → the words it
    /// pairs with, both ways; and each form of such a word (its
    /// inflections, in American spelling: "report", "reports", "reported",
    /// "reporting") → the words it is a form of. A pair holds between
    /// forms of its two words, not between every word of their stems
    /// ("reporters" / "described", "mainly" / "chief").
    near_synonyms: HashMap<String, HashSet<String>>,
    near_forms: HashMap<String, Vec<String>>,
    stopwords: HashSet<String>,
    /// `[words] common_words`, for the title-case test (every word of a
    /// headline is asked).
    common_words: HashSet<String>,
    qualifiers: HashSet<String>,
    negation_words: HashSet<String>,
    aliases: HashMap<String, Vec<AliasEntry>>,
    entities: Vec<(String, Option<String>)>,
    title_abbreviations: HashSet<String>,
    other_abbreviations: HashSet<String>,
    clock_abbreviations: HashSet<String>,
    wire_abbreviations: HashSet<String>,
    pub cues: CueSets,
    pub words: WordSets,
    /// Built from the word lists once, for lookups on hot paths: month and
    /// weekday names with `not_names` (capitalised words that are never a
    /// name on their own) ...
    not_names: WordSet,
    /// ... month and weekday names ...
    date_words: WordSet,
    /// ... month names, then abbreviations (`month_of` has the month 1-12 of
    /// each) ...
    month_words: WordSet,
    month_of: Vec<u8>,
    /// ... `sentence_openers` capitalised, as they are matched ("The") ...
    sentence_openers: WordSet,
    /// ... the words that go on a clock time: `[slot_words] time_zones`
    /// of one word and `clock_continuations` ...
    clock_continuations: WordSet,
    /// ... `clause_coordinators` as the clause splitter looks for them
    /// (", and ") ...
    clause_connectors: Vec<String>,
    /// ... and `number_units`, `number_tens` and the number words with a
    /// value of their own, with `number_values` the value of each: one
    /// lookup for a word that is no number (every word is asked).
    number_words: WordSet,
    number_values: Vec<f64>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entities", &self.entities.len())
            .field("synonyms", &self.synonyms.len())
            .finish_non_exhaustive()
    }
}

/// Entries a thread's term cache holds before it starts over. A memory
/// bound with no effect on any result, so not a rule setting.
const TERM_CACHE_LIMIT: usize = 200_000;

impl Lexicon {
    pub fn new(rules: &RuleSet) -> Lexicon {
        let stemmer = Stemmer::create(Algorithm::English);
        let spelling: HashMap<String, String> = rules
            .spelling
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let compound_parts = spelling
            .keys()
            .map(|k| k.matches('-').count() + 1)
            .max()
            .unwrap_or(1);
        let mut lex = Lexicon {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            stemmer,
            spelling,
            compound_parts,
            lemmas: rules
                .lemmas
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            synonyms: HashMap::default(),
            hypernyms: HashMap::default(),
            broader_terms: HashSet::default(),
            antonyms: HashMap::default(),
            near_synonyms: HashMap::default(),
            near_forms: HashMap::default(),
            stopwords: rules.stopwords.iter().cloned().collect(),
            common_words: rules.words.common_words.iter().cloned().collect(),
            qualifiers: rules.qualifiers.iter().cloned().collect(),
            negation_words: rules
                .cues
                .negation
                .iter()
                .filter(|c| !c.contains(' '))
                .cloned()
                .collect(),
            aliases: HashMap::default(),
            entities: Vec::new(),
            title_abbreviations: rules.abbreviations.titles.iter().cloned().collect(),
            other_abbreviations: rules.abbreviations.other.iter().cloned().collect(),
            clock_abbreviations: rules.abbreviations.clock.iter().cloned().collect(),
            wire_abbreviations: rules
                .abbreviations
                .wire_capitalised
                .iter()
                .cloned()
                .collect(),
            cues: rules.cues.map(|list| PhraseSet::new(list)),
            words: rules.words.map(|list| WordSet::new(list)),
            not_names: WordSet::default(),
            date_words: WordSet::default(),
            month_words: WordSet::default(),
            month_of: Vec::new(),
            sentence_openers: WordSet::default(),
            clock_continuations: WordSet::default(),
            clause_connectors: Vec::new(),
            number_words: WordSet::default(),
            number_values: Vec::new(),
        };
        lex.build_word_structures(rules);
        // Synonyms: every form of a set member maps to `~id`. The first set
        // that claims a stem keeps it, so the result does not depend on hash
        // order.
        for set in &rules.synonyms {
            let term = format!("~{}", set.id);
            for w in &set.words {
                let stem = lex.stem_word(w);
                lex.synonyms.entry(stem).or_insert_with(|| term.clone());
                lex.synonyms
                    .entry(w.clone())
                    .or_insert_with(|| term.clone());
            }
        }
        for (word, broader) in &rules.hypernyms {
            let narrow = lex.content_term(word);
            for b in broader {
                let wide = lex.content_term(b);
                if wide != narrow {
                    lex.broader_terms.insert(wide.clone());
                    lex.hypernyms
                        .entry(narrow.clone())
                        .or_default()
                        .insert(wide);
                }
            }
        }
        for (a, b) in &rules.antonyms {
            let (ta, tb) = (lex.content_term(a), lex.content_term(b));
            lex.antonyms
                .entry(ta.clone())
                .or_default()
                .insert(tb.clone());
            lex.antonyms.entry(tb).or_default().insert(ta);
        }
        // Near synonyms: a pair whose words normalise to one term ("invite"
        // / "invitation") already matches, and a stopword is never a
        // content term. A reporting verb frames a claim ("reported" /
        // "described"): matching frames is not matching what they report.
        let mut irregular: HashMap<&str, Vec<&str>> = HashMap::default();
        for (form, base) in &rules.lemmas {
            irregular
                .entry(base.as_str())
                .or_default()
                .push(form.as_str());
        }
        let forms_of = |word: &str| -> Vec<String> {
            let irregular = irregular.get(word).into_iter().flatten();
            inflections(word)
                .into_iter()
                .chain(irregular.map(|f| f.to_string()))
                .collect()
        };
        let reporting: HashSet<&str> = rules
            .cues
            .reporting_verbs
            .iter()
            .map(String::as_str)
            .collect();
        let mut forms: HashMap<String, Vec<String>> = HashMap::default();
        for (a, b) in &rules.near_synonyms {
            if lex.stopwords.contains(a)
                || lex.stopwords.contains(b)
                || lex.content_term(a) == lex.content_term(b)
            {
                continue;
            }
            for w in [a, b] {
                if !forms.contains_key(w) {
                    forms.insert(w.clone(), forms_of(w));
                }
            }
            if [a, b]
                .iter()
                .any(|w| forms[*w].iter().any(|f| reporting.contains(f.as_str())))
            {
                continue;
            }
            for (x, y) in [(a, b), (b, a)] {
                lex.near_synonyms
                    .entry(x.clone())
                    .or_default()
                    .insert(y.clone());
            }
        }
        for word in lex.near_synonyms.keys() {
            for form in &forms[word] {
                let spelled = lex.spelling.get(form).unwrap_or(form);
                let words = lex.near_forms.entry(spelled.clone()).or_default();
                if !words.contains(word) {
                    words.push(word.clone());
                }
            }
        }
        for entity in &rules.entities {
            let index = lex.entities.len();
            lex.entities
                .push((entity.name.clone(), entity.kind.clone()));
            let forms = std::iter::once((&entity.name, false, false))
                .chain(entity.aliases.iter().map(|a| (a, false, false)))
                .chain(entity.demonyms.iter().map(|d| (d, true, false)))
                .chain(entity.seats.iter().map(|s| (s, false, true)));
            for (form, demonym, seat) in forms {
                let case_sensitive = entity.match_case || is_case_sensitive_alias(form);
                let ws: Vec<String> = words(form)
                    .iter()
                    .filter(|w| w.shape != WordShape::Symbol)
                    .map(|w| alias_word(w.text, case_sensitive))
                    .collect();
                let Some(first) = ws.first() else { continue };
                lex.aliases
                    .entry(first.to_lowercase())
                    .or_default()
                    .push(AliasEntry {
                        words: ws,
                        case_sensitive,
                        entity: index,
                        demonym,
                        seat,
                    });
            }
        }
        for list in lex.aliases.values_mut() {
            list.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then(a.entity.cmp(&b.entity))
            });
        }
        lex
    }

    /// The structures built from several word lists (see the fields).
    fn build_word_structures(&mut self, rules: &RuleSet) {
        let w = &rules.words;
        let dates: Vec<&String> = w.months.iter().chain(&w.weekdays).collect();
        self.date_words = WordSet::new(&dates);
        // "Sept. 27": abbreviated months are no names either.
        let not_names: Vec<&String> = dates
            .iter()
            .copied()
            .chain(&w.month_abbreviations)
            .chain(&w.not_names)
            .collect();
        self.not_names = WordSet::new(&not_names);
        let mut month_words: Vec<&String> = Vec::new();
        for (i, m) in w.months.iter().enumerate() {
            month_words.push(m);
            self.month_of.push(i as u8 + 1);
        }
        // The rule loader checked that each abbreviation begins exactly
        // one month name.
        for abbr in &w.month_abbreviations {
            if let Some(i) = w.months.iter().position(|m| m.starts_with(abbr.as_str())) {
                month_words.push(abbr);
                self.month_of.push(i as u8 + 1);
            }
        }
        self.month_words = WordSet::new(&month_words);
        let openers: Vec<String> = w.sentence_openers.iter().map(|o| capitalize(o)).collect();
        self.sentence_openers = WordSet::new(&openers);
        let clock: Vec<&String> = rules
            .slot_words
            .time_zones
            .iter()
            .filter(|z| !z.contains(' '))
            .chain(&w.clock_continuations)
            .collect();
        self.clock_continuations = WordSet::new(&clock);
        self.clause_connectors = w
            .clause_coordinators
            .iter()
            .map(|c| format!(", {c} "))
            .collect();
        let (words, values) = numbers::number_words(w);
        self.number_words = WordSet::new(&words);
        self.number_values = values;
    }

    /// The month (1-12) a lower-case month name or abbreviation stands for.
    pub fn month_number(&self, lower: &str) -> Option<u8> {
        self.month_of
            .get(self.month_words.position(lower)?)
            .copied()
    }

    /// [`Lexicon::month_number`] of a word as written ("April", "Sept").
    pub fn month_of_word(&self, word: &str) -> Option<u8> {
        self.month_of
            .get(self.month_words.position_lowercase(word)?)
            .copied()
    }

    /// A lower-case month name written out ("march", not "mar").
    pub fn is_month_name(&self, lower: &str) -> bool {
        self.words.months.contains(lower)
    }

    /// The weekday a weekday name, in any case, stands for.
    pub fn weekday_of_word(&self, word: &str) -> Option<Weekday> {
        let i = self.words.weekdays.position_lowercase(word)?;
        Weekday::ALL.get(i).copied()
    }

    /// A lower-case month or weekday name: the slot of a date.
    pub fn is_date_word(&self, lower: &str) -> bool {
        self.date_words.contains(lower)
    }

    /// A word, as written, that typically opens a sentence ("The", "He").
    pub fn is_sentence_opener(&self, word: &str) -> bool {
        self.sentence_openers.contains(word)
    }

    /// ", and ", ", but ", ...: where a clause may follow, in the order the
    /// clause splitter tries them.
    pub fn clause_connectors(&self) -> &[String] {
        &self.clause_connectors
    }

    fn stem_word(&self, lower: &str) -> String {
        let spelled = self.spelling.get(lower).map_or(lower, String::as_str);
        let spelled = self.lemmas.get(spelled).map_or(spelled, String::as_str);
        self.stemmer.stem(spelled).into_owned()
    }

    /// The normalised term of one lower-case content word (cached per
    /// thread: stemming is the costliest step of normalisation and news
    /// repeats its words).
    pub fn content_term(&self, lower: &str) -> String {
        thread_local! {
            static CACHE: std::cell::RefCell<(u64, HashMap<String, String>)> = std::cell::RefCell::new((0, HashMap::default()));
        }
        CACHE.with(|cell| {
            let mut cache = cell.borrow_mut();
            if cache.0 != self.id || cache.1.len() > TERM_CACHE_LIMIT {
                cache.1.clear();
                cache.0 = self.id;
            }
            if let Some(t) = cache.1.get(lower) {
                return t.clone();
            }
            let t = self.compute_term(lower);
            cache.1.insert(lower.to_string(), t.clone());
            t
        })
    }

    fn compute_term(&self, lower: &str) -> String {
        // An irregular form is read as its verb before any synonym of the
        // form itself: news "found" is the past of "find" far more often
        // than "establish", "left" of "leave" more than the side.
        let lower = self.lemmas.get(lower).map_or(lower, String::as_str);
        if let Some(t) = self.synonyms.get(lower) {
            return t.clone();
        }
        let stem = self.stem_word(lower);
        self.synonyms.get(&stem).cloned().unwrap_or(stem)
    }

    /// The base form of an irregular lower-case word ("fell" → "fall"), from
    /// the `[lemmas]` rules.
    pub fn lemma(&self, lower: &str) -> Option<&str> {
        self.lemmas.get(lower).map(String::as_str)
    }

    /// Is `term` narrower or broader than some other term? Most words are
    /// neither, and then no pair of them needs asking.
    pub fn in_hierarchy(&self, term: &str) -> bool {
        self.hypernyms.contains_key(term) || self.broader_terms.contains(term)
    }

    /// Is `broad` a broader word for `narrow` ("child" for "boy")?
    pub fn is_broader(&self, narrow: &str, broad: &str) -> bool {
        self.hypernyms
            .get(narrow)
            .is_some_and(|s| s.contains(broad))
    }

    /// Is this word (lower case) a form of a word with a near synonym?
    /// Most words are not, and then no pair of them needs asking.
    pub fn has_near_synonyms(&self, lower: &str) -> bool {
        self.near_forms.contains_key(self.spelled(lower))
    }

    /// May these two words (lower case) state the same thing: are they
    /// forms of the two words of a `[near_synonyms]` pair ("appraisals" /
    /// "assessment")?
    pub fn are_near_synonyms(&self, a: &str, b: &str) -> bool {
        let (Some(wa), Some(wb)) = (
            self.near_forms.get(self.spelled(a)),
            self.near_forms.get(self.spelled(b)),
        ) else {
            return false;
        };
        wa.iter().any(|x| {
            self.near_synonyms
                .get(x)
                .is_some_and(|partners| wb.iter().any(|y| partners.contains(y)))
        })
    }

    fn spelled<'w>(&'w self, lower: &'w str) -> &'w str {
        self.spelling.get(lower).map_or(lower, String::as_str)
    }

    /// Do these two terms have opposite meanings?
    pub fn are_antonyms(&self, a: &str, b: &str) -> bool {
        self.antonyms.get(a).is_some_and(|s| s.contains(b))
    }

    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    pub fn is_qualifier(&self, lower: &str) -> bool {
        self.qualifiers.contains(lower)
    }

    /// "Dr", "Gen", "No": a period after these never ends a sentence.
    pub fn is_title_abbreviation(&self, lower_without_dot: &str) -> bool {
        self.title_abbreviations.contains(lower_without_dot)
    }

    /// "Jr", "Inc", "U.S": a period after these ends a sentence only when a
    /// sentence opener follows.
    pub fn is_other_abbreviation(&self, lower_without_dot: &str) -> bool {
        self.other_abbreviations.contains(lower_without_dot)
    }

    /// "a.m", "p.m": a clock time's marker, which ends a sentence before a
    /// capitalised word that is not part of the time.
    pub fn is_clock_abbreviation(&self, lower_without_dot: &str) -> bool {
        self.clock_abbreviations.contains(lower_without_dot)
    }

    /// "u.s": wire copy capitalises the word after it.
    pub fn is_wire_capitalised(&self, lower_without_dot: &str) -> bool {
        self.wire_abbreviations.contains(lower_without_dot)
    }

    /// Does this word, as written, belong to a clock time before it ("9
    /// a.m. Friday", "May 29", "ET", "Eastern")?
    pub fn continues_clock_time(&self, word: &str) -> bool {
        self.weekday_of_word(word).is_some()
            || self.month_of_word(word).is_some()
            || self.clock_continuations.position_lowercase(word).is_some()
    }

    /// Tokenizes and normalises `text`. Token and entity spans are bytes
    /// into `text`. The start of `text` is taken as a sentence start.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_words(text, &words(text))
    }

    /// [`Lexicon::analyze`] for a text already split into `ws` (the output
    /// of [`words`] on `text`).
    /// Is this text written in title case? Most of its longer words are
    /// capitalised, and so is a function word past the first ("Man *Who*
    /// Set Himself on Fire", "Offensive *Against* Militants"), which names
    /// never make. Or, with its short function words in lower case (as
    /// most outlets write headlines), every longer word is capitalised and
    /// most of those past the first are everyday words ("Spain Princess
    /// *Testifies* in *Historic Fraud Probe*"): a sentence full of names
    /// ("President Joe Biden met Japanese Prime Minister Fumio Kishida")
    /// capitalises more names than everyday words.
    fn is_title_case(&self, ws: &[Word<'_>]) -> bool {
        let long: Vec<&Word<'_>> = ws
            .iter()
            .filter(|w| w.shape == WordShape::Word && w.text.chars().count() >= 4)
            .collect();
        if long.len() < 3 {
            return false;
        }
        let capitalised = long.iter().filter(|w| w.is_capitalized()).count();
        let function_word = ws.iter().skip(1).any(|w| {
            w.is_capitalized()
                && w.text.chars().count() >= 3
                && self.stopwords.contains(w.text.to_lowercase().as_str())
        });
        if function_word && capitalised * 10 >= long.len() * 7 {
            return true;
        }
        let lower_content = long.iter().any(|w| {
            !w.is_capitalized() && !self.stopwords.contains(w.text.to_lowercase().as_str())
        });
        if lower_content {
            return false;
        }
        // Past the first word, words of three letters or more that are no
        // function word: "Egyptians Vote On *New* Constitution".
        let later: Vec<String> = ws
            .iter()
            .skip(1)
            .filter(|w| w.shape == WordShape::Word && w.text.chars().count() >= 3)
            .map(|w| w.text.to_lowercase())
            .filter(|w| !self.stopwords.contains(w.as_str()))
            .collect();
        let everyday = later.iter().filter(|w| self.is_common_word(w)).count();
        everyday >= TITLE_CASE_EVERYDAY_WORDS && everyday * 2 >= later.len()
    }

    /// Is this lower-case word, or the word it inflects, one of the
    /// `common_words` ("testifies" / "testify", "miners" / "miner",
    /// "stopped" / "stop", "found" / "find")? WordNet's own reading of
    /// regular inflections (its morphy rules), plus the `[lemmas]` of
    /// irregular forms.
    pub fn is_common_word(&self, lower: &str) -> bool {
        let lower = strip_possessive(lower);
        let lower = lower.as_str();
        if self.common_words.contains(lower) {
            return true;
        }
        if let Some(base) = self.lemmas.get(lower) {
            return self.common_words.contains(base.as_str());
        }
        const INFLECTIONS: &[(&str, &str)] = &[
            ("s", ""),
            ("ses", "s"),
            ("xes", "x"),
            ("zes", "z"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("men", "man"),
            ("ies", "y"),
            ("es", "e"),
            ("es", ""),
            ("ed", "e"),
            ("ed", ""),
            ("ied", "y"),
            ("ing", "e"),
            ("ing", ""),
            ("er", ""),
            ("est", ""),
            ("er", "e"),
            ("est", "e"),
        ];
        INFLECTIONS.iter().any(|(suffix, repl)| {
            let Some(stem) = lower.strip_suffix(suffix) else {
                return false;
            };
            if stem.len() < 2 {
                return false;
            }
            let base = format!("{stem}{repl}");
            if self.common_words.contains(base.as_str()) {
                return true;
            }
            // A doubled consonant: "stopped" / "stop", "shipping" / "ship".
            let b = stem.as_bytes();
            repl.is_empty()
                && b.len() > 2
                && b[b.len() - 1] == b[b.len() - 2]
                && self.common_words.contains(&stem[..stem.len() - 1])
        })
    }

    pub fn analyze_words(&self, text: &str, ws: &[Word<'_>]) -> Analysis {
        let keys: Vec<WordKey<'_>> = ws.iter().map(|w| WordKey::new(w.text)).collect();
        let mut out = Analysis::default();
        // A headline in title case ("Egypt Launches Offensive Against Sinai
        // Militants") capitalises every word: capitals say nothing about
        // names there, only the alias rules do.
        let title_case = self.is_title_case(ws);
        let mut i = 0;
        while i < ws.len() {
            let sentence_start = i == 0 || starts_sentence(text, ws[i - 1].end, ws[i].start);
            let alias = self
                .match_alias(ws, &keys, i)
                .filter(|e| !self.demonym_as_surname(ws, &keys, i, e));
            // "Malaysia Airlines": a country that opens an organisation's
            // name is part of that name.
            let organisation = alias.and_then(|e| self.organisation_after(text, ws, i, e));
            if let Some(n) = organisation {
                push_unknown_name(&mut out, text, &ws[i..i + n]);
                i += n;
                continue;
            }
            if let Some(entry) = alias {
                let n = entry.words.len();
                let (start, end) = (ws[i].start, ws[i + n - 1].end);
                let (name, kind) = &self.entities[entry.entity];
                out.entities.push(EntityMention {
                    name: name.clone(),
                    kind: kind.clone(),
                    start,
                    end,
                    known: true,
                    demonym: entry.demonym,
                    seat: entry.seat,
                });
                out.tokens.push(Token {
                    start: start as u32,
                    end: end as u32,
                    lower: text[start..end].to_lowercase(),
                    term: entity_term(name),
                    role: TokenRole::Entity,
                });
                i += n;
                continue;
            }
            if let Some((n, token)) = self.spelled_compound(text, ws, i) {
                out.tokens.push(token);
                i += n;
                continue;
            }
            if let Some(n) = self.capitalized_run(text, ws, &keys, i, sentence_start, title_case) {
                push_unknown_name(&mut out, text, &ws[i..i + n]);
                i += n;
                continue;
            }
            self.push_word(&mut out.tokens, &ws[i]);
            i += 1;
        }
        out
    }

    fn push_word(&self, tokens: &mut Vec<Token>, w: &Word<'_>) {
        let lower = {
            let l = w.text.to_lowercase();
            if l.contains(['’', '‘']) {
                straighten(&l).into_owned()
            } else {
                l
            }
        };
        let (start, end) = (w.start as u32, w.end as u32);
        let token = |lower: String, term: String, role| Token {
            start,
            end,
            lower,
            term,
            role,
        };
        match w.shape {
            WordShape::Symbol => tokens.push(token(lower.clone(), lower, TokenRole::Stop)),
            WordShape::Number => {
                let term = match parse_number(&lower) {
                    Some(v) => format!("#{}", format_number(v)),
                    None => lower.clone(),
                };
                tokens.push(token(lower, term, TokenRole::Number));
            }
            WordShape::Word => {
                // Contractions: "didn't" → "did" + "n't", "won't" → "will" +
                // "n't"; each part keeps its own span.
                if let Some(stem) = lower.strip_suffix("n't") {
                    let base = match stem {
                        "wo" => "will",
                        "ca" => "can",
                        "sha" => "shall",
                        other => other,
                    };
                    let suffix = if w.text.ends_with(['’', '‘'])
                        || w.text.to_lowercase().ends_with("n’t")
                    {
                        5
                    } else {
                        3
                    };
                    let cut = end - suffix;
                    tokens.push(Token {
                        start,
                        end: cut,
                        lower: base.to_string(),
                        term: base.to_string(),
                        role: TokenRole::Stop,
                    });
                    tokens.push(Token {
                        start: cut,
                        end,
                        lower: "n't".into(),
                        term: "n't".into(),
                        role: TokenRole::Negation,
                    });
                    return;
                }
                if lower == "cannot" {
                    let cut = start + 3;
                    tokens.push(Token {
                        start,
                        end: cut,
                        lower: "can".into(),
                        term: "can".into(),
                        role: TokenRole::Stop,
                    });
                    tokens.push(Token {
                        start: cut,
                        end,
                        lower: "not".into(),
                        term: "not".into(),
                        role: TokenRole::Negation,
                    });
                    return;
                }
                let bare = strip_possessive(&lower).replace('.', "");
                // "No. 1" is a rank, not a negation.
                let rank = bare == "no" && w.text.len() == 2 && w.text.starts_with('N');
                if self.negation_words.contains(&bare) && !rank {
                    tokens.push(token(lower, bare, TokenRole::Negation));
                } else if let Some(v) = self.number_word_value(&bare) {
                    tokens.push(token(
                        lower,
                        format!("#{}", format_number(v)),
                        TokenRole::Number,
                    ));
                } else if self.stopwords.contains(&bare) || self.stopwords.contains(&lower) {
                    tokens.push(token(lower, bare, TokenRole::Stop));
                } else {
                    let term = self.content_term(&bare);
                    tokens.push(token(lower, term, TokenRole::Content));
                }
            }
        }
    }

    /// A hyphenated compound the spelling map knows ("three-way" →
    /// "trilateral", "co-operation" → "cooperation"), as one content token.
    fn spelled_compound(&self, text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, Token)> {
        // Counting at most one part past the longest key keeps a chain of
        // a million glued words linear: no key can match a longer chain.
        let n = 1 + ws[i + 1..]
            .iter()
            .take(self.compound_parts)
            .take_while(|w| w.hyphen_before)
            .count();
        if n < 2 || n > self.compound_parts {
            return None;
        }
        let joined = ws[i..i + n]
            .iter()
            .map(|w| w.text.to_lowercase())
            .collect::<Vec<_>>()
            .join("-");
        let mapped = self.spelling.get(&joined)?;
        let (start, end) = (ws[i].start, ws[i + n - 1].end);
        Some((
            n,
            Token {
                start: start as u32,
                end: end as u32,
                lower: straighten(&text[start..end].to_lowercase()).into_owned(),
                term: self.content_term(mapped),
                role: TokenRole::Content,
            },
        ))
    }

    /// Longest alias starting at `ws[i]`: (words consumed, entity index,
    /// matched through a demonym).
    fn match_alias(&self, ws: &[Word<'_>], keys: &[WordKey<'_>], i: usize) -> Option<&AliasEntry> {
        let candidates = self.aliases.get(keys[i].lower.as_str())?;
        candidates.iter().find(|entry| {
            let n = entry.words.len();
            i + n <= ws.len()
                && entry
                    .words
                    .iter()
                    .zip(&ws[i..i + n])
                    .zip(&keys[i..i + n])
                    .all(|((a, w), k)| {
                        w.shape != WordShape::Symbol && a.as_str() == k.get(entry.case_sensitive)
                    })
        })
    }

    /// The words of an organisation's name that a country's alias `e` at
    /// `ws[i]` opens ("Malaysia Airlines", "Thai Airways International"):
    /// the alias, an `[words] organisation_heads` word right after it, and
    /// the capitalised words that follow.
    fn organisation_after(
        &self,
        text: &str,
        ws: &[Word<'_>],
        i: usize,
        e: &AliasEntry,
    ) -> Option<usize> {
        let country = self.entities[e.entity].1.as_deref() == Some("country");
        let n = e.words.len();
        let joined = |j: usize| {
            ws.get(j).is_some_and(|w| {
                w.shape == WordShape::Word
                    && w.is_capitalized()
                    && text.get(ws[j - 1].end..w.start) == Some(" ")
                    && !ws[j - 1].text.ends_with("'s")
            })
        };
        let head = ws.get(i + n).map(|w| w.text.to_lowercase());
        if !country
            || !joined(i + n)
            || !head.is_some_and(|h| self.words.organisation_heads.contains(h.as_str()))
        {
            return None;
        }
        let mut m = n + 1;
        while joined(i + m) {
            m += 1;
        }
        Some(m)
    }

    /// Can the alias `e` be a surname: one singular demonym ("Maltese",
    /// "Thai"), which as a noun for one person is rare in news copy?
    fn surname_form(&self, e: &AliasEntry) -> bool {
        e.demonym && e.words.len() == 1 && !e.words[0].ends_with('s')
    }

    /// Is the demonym matched at `ws[i]` a surname: a speaker's ("*Maltese*
    /// said in a press statement") or an owner's ("posted to *German's*
    /// Snapchat account")? A nationality neither speaks nor owns; people
    /// do.
    fn demonym_as_surname(
        &self,
        ws: &[Word<'_>],
        keys: &[WordKey<'_>],
        i: usize,
        e: &AliasEntry,
    ) -> bool {
        let speaks = keys.get(i + 1).is_some_and(|k| {
            self.cues
                .reporting_verbs
                .match_at(&[k.lower.as_str()], 0)
                .is_some()
        });
        let owns = possessive_slice(ws[i].text) != ws[i].text;
        self.surname_form(e) && (speaks || owns)
    }

    /// A run of capitalised words that starts a name at `ws[i]`.
    fn capitalized_run(
        &self,
        text: &str,
        ws: &[Word<'_>],
        keys: &[WordKey<'_>],
        i: usize,
        sentence_start: bool,
        title_case: bool,
    ) -> Option<usize> {
        // Names are written with nothing but spaces between their words,
        // or the period of an initial ("Brian L. Halla"). A name may wrap
        // onto the next line of hard-wrapped prose, but not past the end of
        // a short line: a heading or a table row ("Year" / "Oper shr ...")
        // ends there.
        let joined = |j: usize| {
            let gap = &text[ws[j - 1].end..ws[j].start];
            let initial = ws[j - 1].text.chars().count() == 1 && ws[j - 1].is_capitalized();
            let wraps = match gap.matches('\n').count() {
                0 => true,
                1 => {
                    let line_start = text[..ws[j - 1].end].rfind('\n').map_or(0, |k| k + 1);
                    ws[j - 1].end - line_start >= WRAPPED_LINE_BYTES
                }
                _ => false,
            };
            ws[j].hyphen_before
                || (wraps && gap.chars().all(char::is_whitespace))
                || (initial && gap.trim() == ".")
        };
        // In title case, capitals say nothing: only a word that is no
        // everyday word ("Snowden", "Lessing") can be a name there.
        let is_name_word = |w: &Word<'_>| {
            let lower = w.text.to_lowercase();
            w.shape == WordShape::Word
                && w.is_capitalized()
                && !self.not_names.contains(strip_possessive(&lower).as_str())
                && !(title_case && self.is_common_word(&lower))
        };
        let first = &ws[i];
        if !is_name_word(first) {
            return None;
        }
        let lower = straighten(&keys[i].lower);
        if self.stopwords.contains(lower.as_ref()) || self.negation_words.contains(lower.as_ref()) {
            return None;
        }
        let mut n = 1;
        loop {
            let j = i + n;
            let Some(w) = ws.get(j) else { break };
            // "Anthony *Maltese*": a demonym after a first name is a surname.
            let alias = self
                .match_alias(ws, keys, j)
                .filter(|e| !(is_name_word(w) && self.surname_form(e)));
            if alias.is_some() || !joined(j) {
                break;
            }
            if is_name_word(w) {
                n += 1;
            } else if self.words.name_connectors.contains(w.text)
                && ws
                    .get(j + 1)
                    .is_some_and(|x| is_name_word(x) && self.match_alias(ws, keys, j + 1).is_none())
                && joined(j + 1)
            {
                n += 2;
            } else {
                break;
            }
        }
        // A lone capitalised word opening a sentence is usually an ordinary
        // word ("Speaking", "Referring"), not a name; in title case the
        // everyday words are already out ("*Snowden* Hits Hurdles").
        if sentence_start && n == 1 && !title_case {
            return None;
        }
        Some(n)
    }
}

/// Adds the words `run` as one name no alias rule knows.
fn push_unknown_name(out: &mut Analysis, text: &str, run: &[Word<'_>]) {
    let (start, end) = (run[0].start, run[run.len() - 1].end);
    let name = run
        .iter()
        .map(|w| strip_possessive(w.text))
        .collect::<Vec<_>>()
        .join(" ");
    out.entities.push(EntityMention {
        name: name.clone(),
        kind: None,
        start,
        end,
        known: false,
        demonym: false,
        seat: false,
    });
    out.tokens.push(Token {
        start: start as u32,
        end: end as u32,
        lower: text[start..end].to_lowercase(),
        term: entity_term(&name),
        role: TokenRole::Entity,
    });
}

/// A line at least this long that ends without punctuation is hard-wrapped
/// prose, and a name may continue on the next line; a shorter one is a
/// heading, a label or a table row. Not a rule setting: it describes how
/// hard-wrapped text is laid out (60 to 80 columns), not a judgement to
/// tune against labelled pairs like the thresholds.
const WRAPPED_LINE_BYTES: usize = 40;

/// Everyday words a headline must capitalise, past its first word, to be
/// read as title case without a capitalised function word: two, a verb
/// and its object or a noun and its modifier ("Mandela in *Hospital* for
/// *Tests*"); one capitalised everyday word is as likely part of a name
/// ("*Prime* Minister Kishida").
const TITLE_CASE_EVERYDAY_WORDS: usize = 2;

/// Is the gap between two words a sentence boundary (or the start of a
/// quotation or a line)?
fn starts_sentence(text: &str, prev_end: usize, start: usize) -> bool {
    let gap = &text[prev_end..start];
    gap.contains(['.', '!', '?', ':', '\n', '"', '“', '‘']) && !gap.contains(',')
}

/// The term of an entity: `@` + lower-case canonical name.
pub fn entity_term(name: &str) -> String {
    format!("@{}", acronym_singular(name).to_lowercase())
}

/// "PCBs" → "PCB", "NGOs" → "NGO": an acronym's plural names the same
/// thing as the acronym. A word with lower-case letters before its "s"
/// ("Jones", "Williams") is left alone.
fn acronym_singular(name: &str) -> &str {
    match name.strip_suffix('s') {
        Some(stem)
            if stem.chars().count() >= 2
                && stem
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && stem.chars().any(|c| c.is_ascii_uppercase()) =>
        {
            stem
        }
        _ => name,
    }
}

/// Curly apostrophes and quotes to straight ones.
pub fn straighten(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['’', '‘']) {
        std::borrow::Cow::Owned(s.replace(['’', '‘'], "'"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// "the" → "The".
fn capitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "China's" → "China", "Marcos'" → "Marcos".
/// The regular inflections a word may take as a noun, verb or adjective
/// ("report": "reports", "reported", "reporting"; "apply": "applies",
/// "applied"; "stop": "stopped"), the word first. Forms no word has are
/// harmless: no text holds them. Derived words are not inflections
/// ("reporter", "mainly").
fn inflections(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    let mut add = |f: String| {
        if !forms.contains(&f) {
            forms.push(f);
        }
    };
    for suffix in ["s", "es", "ed", "ing"] {
        add(format!("{word}{suffix}"));
    }
    let last = word.chars().last().unwrap_or(' ');
    let before = word.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = word.strip_suffix('e') {
        add(format!("{word}d"));
        add(format!("{stem}ing"));
        if let Some(stem) = word.strip_suffix("ie") {
            add(format!("{stem}ying"));
        }
    }
    if let Some(stem) = word.strip_suffix('y')
        && !vowel(before)
    {
        add(format!("{stem}ies"));
        add(format!("{stem}ied"));
    }
    // A doubled final consonant: "stopped", "stopping".
    if !vowel(last) && !"wxy".contains(last) && vowel(before) {
        add(format!("{word}{last}ed"));
        add(format!("{word}{last}ing"));
    }
    forms
}

/// Is the negation cue at word `at` of `words` (lower case) part of a
/// comparison ("no rock older than 9 million years", "no fewer workers
/// than"), or the abbreviation of "number" ("No. 250")? Then it denies
/// nothing.
pub fn is_negated_comparison(words: &[&str], at: usize) -> bool {
    let number_abbreviation = words[at] == "no"
        && words.get(at + 1).is_some_and(|w| {
            w.trim_start_matches(['.', '#'])
                .starts_with(|c: char| c.is_ascii_digit())
        });
    number_abbreviation
        || words
            .get(at + 1..(at + 4).min(words.len()))
            .is_some_and(|next| next.contains(&"than"))
}

pub fn strip_possessive(s: &str) -> String {
    straighten(possessive_slice(s)).into_owned()
}

/// "China's" → "China", "Marcos’" → "Marcos", borrowing the text.
fn possessive_slice(w: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(x) = w.strip_suffix(suffix)
            && !x.is_empty()
        {
            return x;
        }
    }
    w
}

/// A word's alias keys: exact (possessive and final dots removed) and lower
/// case, computed once per word of an analysed text.
struct WordKey<'a> {
    exact: &'a str,
    lower: String,
}

impl<'a> WordKey<'a> {
    fn new(w: &'a str) -> WordKey<'a> {
        let exact = possessive_slice(w).trim_end_matches('.');
        WordKey {
            exact,
            lower: exact.to_lowercase(),
        }
    }

    fn get(&self, case_sensitive: bool) -> &str {
        if case_sensitive {
            self.exact
        } else {
            &self.lower
        }
    }
}

/// How an alias word and a text word are compared.
fn alias_word(w: &str, case_sensitive: bool) -> String {
    let w = strip_possessive(w);
    let w = w.trim_end_matches('.');
    if case_sensitive {
        w.to_string()
    } else {
        w.to_lowercase()
    }
}

/// Formats a number without a trailing `.0`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests;
