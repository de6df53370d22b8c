//! Articles, claims, links, facts, findings and the report that holds them.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::CivilDate;

/// One input article, as the report describes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Article {
    /// `a1`, `a2`, ... in sorted path order.
    pub id: String,
    /// The path as given on the command line (or `path#id` for JSON Lines).
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<CivilDate>,
    /// The story its input gave it (JSON Lines `story`), which fixes its
    /// story in the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

impl Article {
    /// The name an editor knows the article by: its outlet (front matter,
    /// JSON Lines `outlet`, an HTML page's site name), else its file name
    /// without the extension, else (a JSON Lines record) its id.
    pub fn outlet_name(&self) -> String {
        if let Some(o) = self.outlet.as_deref().map(str::trim)
            && !o.is_empty()
        {
            return o.to_string();
        }
        if let Some((_, id)) = self.path.split_once('#')
            && !id.is_empty()
        {
            return id.to_string();
        }
        let file = crate::file_name(&self.path);
        let stem = match file.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => file,
        };
        if stem.is_empty() {
            self.id.clone()
        } else {
            stem.to_string()
        }
    }
}

/// Every article's [`Article::outlet_name`], by article id, made distinct
/// (the engine calls it per story):
/// a second article of one outlet is `Reuters (file name)`, and where
/// that is taken too, `Reuters (a7)`. Messages name outlets by these.
pub fn outlet_names(articles: &[&Article]) -> std::collections::BTreeMap<String, String> {
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for a in articles {
        *count.entry(a.outlet_name()).or_default() += 1;
    }
    let mut taken = std::collections::BTreeSet::new();
    let mut out = std::collections::BTreeMap::new();
    for a in articles {
        let name = a.outlet_name();
        let mut chosen = name.clone();
        if count[&name] > 1 {
            let file = crate::file_name(&a.path);
            chosen = format!("{name} ({file})");
            if file == name || taken.contains(&chosen) {
                chosen = format!("{name} ({})", a.id);
            }
        }
        taken.insert(chosen.clone());
        out.insert(a.id.clone(), chosen);
    }
    out
}

/// What an article says about itself: read from front matter by the
/// extractor, or given outside the text by an input format (a JSON Lines
/// record, an HTML page's head). It is here, not with the front-matter
/// parser, because both the readers and the extractor speak it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<CivilDate>,
}

/// Is the claim stated or denied?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Positive,
    Negative,
}

/// How certain the claim is, from strongest to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// "did", "will", "is": stated as fact.
    Asserted,
    /// "plans to", "aims to", "is set to".
    Planned,
    /// "is expected to", "is likely to".
    Expected,
    /// "may", "could", "would consider", "plans to explore".
    Hedged,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Expected => "expected",
            Modality::Hedged => "hedged",
        }
    }
}

/// A named thing a claim mentions, with its canonical name from the alias
/// rules ("U.S." → "United States").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// Surface text in the claim.
    pub text: String,
    /// `country`, `person`, `organization`, ... from the alias rules;
    /// `null` for names found only by capitalisation.
    pub kind: Option<String>,
    /// Named only through a demonym ("Japanese"): a description.
    #[serde(skip)]
    pub demonym: bool,
    /// Named only through a seat of government ("Tokyo" for Japan): the
    /// entity, or the place.
    #[serde(skip)]
    pub seat: bool,
}

impl Entity {
    /// Matching key: the lower-case canonical name.
    pub fn key(&self) -> String {
        self.name.to_lowercase()
    }
}

/// How exact a value is: "around 70", "more than 400", "up to 10 years".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    About,
    AtLeast,
    AtMost,
}

/// Declares [`SlotKind`] from one list: the variant, its name in reports
/// and its doc. The slot recognisers of concord-extract are registered
/// against this list (tested there).
macro_rules! slot_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// What kind of value a slot holds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum SlotKind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl SlotKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [SlotKind] = &[$(SlotKind::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(SlotKind::$variant => $name,)*
                }
            }
        }
    };
}

slot_kinds! {
    /// A number of things: "two children", "1.2 million barrels a day";
    /// `unit` is the counted noun's lemma.
    Count => "count",
    /// A physical quantity: "15 km", "80 feet"; `unit` is its symbol.
    Measure => "measure",
    /// A sum of money: "$14.9 billion"; `unit` is the ISO 4217 code.
    Money => "money",
    /// A share: "4.5 per cent", "12%", "half".
    Percent => "percent",
    /// A person's (or animal's) age in years: "Kroll, 34,", "a 59-year-old".
    Age => "age",
    /// A length of time: "45 minutes", "three weeks"; `unit` is the time unit.
    Duration => "duration",
    /// A clock time, `HH:MM` on 24 hours: "9:32 p.m." is `21:32`.
    Time => "time",
    /// A date or part of one: `2015-09-27`, `--01-05`, `2012-12`, `2016`, or
    /// a weekday's name.
    Date => "date",
    /// A rank: "third", "21st".
    Ordinal => "ordinal",
}

impl SlotKind {
    pub fn from_name(s: &str) -> Option<SlotKind> {
        SlotKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Kinds whose value is a number (the others are text: a clock time,
    /// a date).
    pub fn is_numeric(self) -> bool {
        !matches!(self, SlotKind::Time | SlotKind::Date)
    }
}

/// A slot's value: a number, or the text form of a time or date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SlotValue {
    Number(f64),
    Text(String),
}

impl SlotValue {
    pub fn number(&self) -> Option<f64> {
        match self {
            SlotValue::Number(v) => Some(*v),
            SlotValue::Text(_) => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            SlotValue::Text(t) => Some(t),
            SlotValue::Number(_) => None,
        }
    }
}

/// A typed value a claim carries: a figure, a date, a clock time, an age,
/// a duration, a sum of money. Contradictions and unsupported details live
/// in these. `role` is what the value is about: the counted noun, the
/// person an age belongs to, the verb or noun a date or time anchors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub kind: SlotKind,
    pub value: SlotValue,
    /// See [`SlotKind`]: the counted noun, a unit symbol, a currency, a time
    /// unit; `null` where the kind has none.
    pub unit: Option<String>,
    pub bound: Bound,
    /// Is the value one end of a range ("between 2 and 16 meters", "from 2m
    /// to 15m")? `bound` then says which end. An end is stated as exactly as
    /// a plain figure: "up to 16 meters" leaves the top open, "2 to 16
    /// meters" puts it at 16.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub range: bool,
    /// Surface text, without bound words.
    pub text: String,
    /// Byte offsets of `text` in the input file, like a claim's.
    pub start: usize,
    pub end: usize,
    /// Lower-case lemma of what the value is about, when one is found.
    pub role: Option<String>,
    /// Date slots: what is known of the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
}

/// What a token contributes to matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenRole {
    /// A content word; `term` is its normalised form.
    Content,
    /// A function word ("the", "of"); kept for n-gram features only.
    Stop,
    /// A known or capitalised name; `term` is `@` + the entity key.
    Entity,
    /// A number or number word; `term` is `#` + its value.
    Number,
    /// A negation cue ("not", "n't", "never").
    Negation,
}

/// One word of a claim after normalisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Byte offsets relative to the claim text.
    pub start: u32,
    pub end: u32,
    /// Lower-case surface form (curly apostrophes straightened).
    pub lower: String,
    /// Normalised term (spelling variant, stem, synonym set, alias), shared
    /// by every surface form that means the same.
    pub term: String,
    pub role: TokenRole,
}

/// An atomic statement extracted from an article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// `a1.c1`, `a1.c2`, ... in text order within the article.
    pub id: String,
    /// Id of the article.
    pub article: String,
    /// Byte offsets of `text` in the input file as read from disk.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line: usize,
    pub column: usize,
    pub text: String,
    /// Byte offsets of the whole sentence the claim belongs to (a claim may be
    /// one clause of it).
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// Who is said to state it ("Joe Biden" for "Biden said ...").
    pub attribution: Option<String>,
    /// The speaker is a named person (not a description or an outlet).
    #[serde(skip)]
    pub speaker_is_person: bool,
    pub polarity: Polarity,
    pub modality: Modality,
    pub entities: Vec<Entity>,
    /// The typed values the claim carries, in text order.
    pub slots: Vec<Slot>,
    /// Normalised words, for matching; not part of the report.
    #[serde(skip)]
    pub tokens: Vec<Token>,
    /// For a relative clause ("which did not encompass the Senkaku"), the
    /// words it refers back to ("the mutual defense treaty"), which it
    /// states its fact about. Matched like the claim's own words; their
    /// spans are meaningless.
    #[serde(skip)]
    pub antecedent: Vec<Token>,
    /// Byte range of the text inside quotation marks, relative to `text`,
    /// if the claim is (mostly) a quotation.
    #[serde(skip)]
    pub quote: Option<(u32, u32)>,
}

/// How two linked claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Both say the same thing.
    Equivalent,
    /// Both state the same fact; one adds details (see `direction`).
    Elaborates,
    /// Both are about the same fact and disagree on it.
    Contradicts,
    /// About the same subject but not the same fact.
    Related,
    /// Nothing in common (only `concord pairs` reports this).
    Unrelated,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equivalent => "equivalent",
            Relation::Elaborates => "elaborates",
            Relation::Contradicts => "contradicts",
            Relation::Related => "related",
            Relation::Unrelated => "unrelated",
        }
    }

    /// Does this relation say that both claims state the same fact?
    pub fn is_same_fact(self) -> bool {
        matches!(
            self,
            Relation::Equivalent | Relation::Elaborates | Relation::Contradicts
        )
    }
}

/// Which side of a link says more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Direction {
    #[serde(rename = "a>b")]
    AMore,
    #[serde(rename = "b>a")]
    BMore,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::AMore => "a>b",
            Direction::BMore => "b>a",
        }
    }

    pub fn flipped(self) -> Direction {
        match self {
            Direction::AMore => Direction::BMore,
            Direction::BMore => Direction::AMore,
        }
    }
}

/// Declares [`ContradictionKind`] from one list: the variant, its name in
/// reports and rule ids (`contradiction-<name>`), and its doc. This list is
/// the one home of the kinds; the detector registry in concord-match and the
/// default `rules/detectors.toml` are tested against it.
macro_rules! contradiction_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// The typed evidence behind a contradiction (de Marneffe et al. 2008).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ContradictionKind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ContradictionKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ContradictionKind] = &[$(ContradictionKind::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ContradictionKind::$variant => $name,)*
                }
            }
        }
    };
}

contradiction_kinds! {
    /// Different figures for the same quantity.
    Number => "number",
    /// Different dates for the same event.
    Date => "date",
    /// Different clock times for the same event.
    Time => "time",
    /// Different ages for the same person.
    Age => "age",
    /// One claim denies what the other states.
    Negation => "negation",
    /// Opposite words for the same event (rose / fell).
    Antonym => "antonym",
    /// The same statement given to different speakers.
    Attribution => "attribution",
    /// A different entity or place in the same role.
    Entity => "entity",
    /// Certain in one claim, only possible or planned in the other.
    Modality => "modality",
    /// One name spelled two ways ("Kristian" / "Kristan"): a tension only,
    /// one of the spellings is wrong but both outlets name one person.
    Spelling => "spelling",
}

impl ContradictionKind {
    pub fn from_name(s: &str) -> Option<ContradictionKind> {
        ContradictionKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ContradictionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scored, typed edge between two claims of different articles.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct Link {
    /// Claim ids; `a` sorts before `b`.
    pub a: String,
    pub b: String,
    pub relation: Relation,
    pub direction: Option<Direction>,
    /// Similarity in [0, 1], three decimals.
    pub score: f64,
    /// Short human-readable evidence, e.g. `shared: senkaku, treaty`.
    pub reasons: Vec<String>,
    /// For `contradicts`: the typed evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contradiction: Option<ContradictionKind>,
}

/// A group of claims from different articles that state the same thing.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct Fact {
    /// `f1`, `f2`, ...
    pub id: String,
    pub claims: Vec<String>,
    pub articles: Vec<String>,
    /// The fact's slot table: for each kind and role of value its claims
    /// carry, what each outlet gives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<FactSlot>,
}

/// One row of a fact's slot table: the values of one kind and role (the
/// date the exercises commence, the count of homes evacuated) across the
/// fact's outlets.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct FactSlot {
    pub kind: SlotKind,
    pub role: Option<String>,
    /// Sorted by the number of outlets that give each, most first, then
    /// by the first claim that gives it.
    pub values: Vec<SlotReading>,
    /// The value most outlets give; `None` on a tie.
    pub majority: Option<String>,
    /// At least two outlets give a value here, and no two of the values
    /// conflict (equal, or dates that can both be true: "Thursday" and
    /// "April 11" without a year).
    pub agreed: bool,
}

/// One value of a fact's slot and the outlets that give it.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct SlotReading {
    /// The value as compared: a number with its unit (`22 home`,
    /// `14900000000 USD`), a date (`2025`, `2024-04-10`, `wednesday`), a
    /// clock time.
    pub value: String,
    /// As the first outlet giving it writes it.
    pub text: String,
    pub articles: Vec<String>,
    pub claims: Vec<String>,
}

/// What a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Linked claims disagree.
    Contradiction,
    /// Linked claims differ in a way that is probably not an error (rounded
    /// figures, a bound against a value, one speaker against several).
    Tension,
    /// One outlet adds a detail the others report the fact without.
    UnsupportedDetail,
    /// Only one article states the fact.
    SingleSource,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] = &[
        FindingKind::Contradiction,
        FindingKind::Tension,
        FindingKind::UnsupportedDetail,
        FindingKind::SingleSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Contradiction => "contradiction",
            FindingKind::Tension => "tension",
            FindingKind::UnsupportedDetail => "unsupported_detail",
            FindingKind::SingleSource => "single_source",
        }
    }

    pub fn from_name(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Contradictions and tensions carry a [`ContradictionKind`]; the
    /// other findings do not.
    pub fn is_typed(self) -> bool {
        matches!(self, FindingKind::Contradiction | FindingKind::Tension)
    }
}

/// The id of the rule behind a finding: `contradiction-number`,
/// `tension-number`, `unsupported-detail`, `single-source`. A typed finding
/// is `<finding>-<kind>`, the others the finding's name in kebab case. Rule
/// files, baselines, suppression comments and reports all use these ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId {
    pub finding: FindingKind,
    pub kind: Option<ContradictionKind>,
}

impl RuleId {
    /// Every id a rule set may define: each typed finding with each kind,
    /// then the untyped findings.
    pub fn all() -> Vec<RuleId> {
        let mut out = Vec::new();
        for &finding in FindingKind::ALL {
            if finding.is_typed() {
                out.extend(ContradictionKind::ALL.iter().map(|&k| RuleId {
                    finding,
                    kind: Some(k),
                }));
            } else {
                out.push(RuleId {
                    finding,
                    kind: None,
                });
            }
        }
        out
    }

    /// The id written in kebab case, or `None` when a typed finding has no
    /// kind or an untyped one has one.
    pub fn new(finding: FindingKind, kind: Option<ContradictionKind>) -> Option<RuleId> {
        (finding.is_typed() == kind.is_some()).then_some(RuleId { finding, kind })
    }

    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::all().into_iter().find(|r| r.to_string() == id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.as_str().replace('_', "-"))?;
        match self.kind {
            Some(k) => write!(f, "-{}", k.as_str()),
            None => Ok(()),
        }
    }
}

/// How loud a finding is. `--fail-on` compares against this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_name(s: &str) -> Option<Severity> {
        match s {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Something an editor should look at.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// Id of the rule that produced it, e.g. `contradiction-number`.
    pub rule: String,
    /// Claim ids; the first is the claim the finding is about.
    pub claims: Vec<String>,
    /// The detail at stake: `"2025" vs "2026"`, the added figure, ...
    pub detail: String,
    pub message: String,
    /// Contradictions only: the typed evidence.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub contradiction: Option<ContradictionKind>,
    /// `unsupported_detail` only: the article that gives the detail and the
    /// articles that report the fact without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub without: Vec<String>,
    /// Fact id, when the finding is about a fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// A contradiction or tension about one slot of a fact: the slot, every
    /// value the outlets give and the majority (JSON `slot`, `values`,
    /// `majority`).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub dispute: Option<Dispute>,
}

/// What a finding about a disputed slot of a fact adds: which slot, and
/// what each outlet gives there.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct Dispute {
    pub slot: SlotRef,
    /// The values involved, fewest outlets first (the odd one out leads).
    pub values: Vec<SlotReading>,
    /// The value most outlets give; `None` on a tie.
    pub majority: Option<String>,
}

/// A slot of a fact's slot table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Deserialize)]
pub struct SlotRef {
    pub kind: SlotKind,
    pub role: Option<String>,
}

/// A set of articles about the same story.
#[derive(Debug, Clone, Serialize, PartialEq, Deserialize)]
pub struct Story {
    /// `s1`, `s2`, ...
    pub id: String,
    pub articles: Vec<String>,
}

/// An input that could not be read or understood. Other inputs are still
/// processed; the exit code is 2.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    pub path: String,
    /// 1-based line, when the error is about one place in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// An input that was checked, but not all of it, or not as given: a
/// sentence or claim cut by a length cap, an article that repeats another.
/// Does not change the exit code.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputWarning {
    pub path: String,
    /// 1-based line (and column) of the first place concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{}:{}: {}", self.path, line, column, self.message)
            }
            (Some(line), None) => write!(f, "{}:{}: {}", self.path, line, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Everything `concord check` found, in a deterministic order.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub articles: Vec<Article>,
    pub stories: Vec<Story>,
    pub claims: Vec<Claim>,
    pub links: Vec<Link>,
    pub facts: Vec<Fact>,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    /// Present only when there are some, so that reports of ordinary
    /// inputs are unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputWarning>,
    /// The text of each article (same order as `articles`), for renderers
    /// that quote sentences; not part of the JSON report.
    #[serde(skip)]
    pub texts: Vec<String>,
    /// Seconds spent in each pipeline stage (`--timings`); not part of the
    /// JSON report, which must not depend on the machine.
    #[serde(skip)]
    pub timings: Vec<(String, f64)>,
}

impl Claim {
    /// A claim of `text` at byte `start` and `line` (column 1), its own
    /// sentence, asserted and positive, with nothing extracted from it:
    /// for tests and tools that build reports by hand.
    pub fn plain(id: &str, text: &str, start: usize, line: usize) -> Claim {
        Claim {
            id: id.into(),
            article: id.split('.').next().unwrap_or(id).into(),
            start,
            end: start + text.len(),
            line,
            column: 1,
            text: text.into(),
            sentence_start: start,
            sentence_end: start + text.len(),
            attribution: None,
            speaker_is_person: false,
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            entities: Vec::new(),
            slots: Vec::new(),
            tokens: Vec::new(),
            antecedent: Vec::new(),
            quote: None,
        }
    }

    /// The claim's own tokens and those of its antecedent.
    pub fn match_tokens(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().chain(&self.antecedent)
    }
}

impl Report {
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims
            .binary_search_by(|c| claim_order(&c.id).cmp(&claim_order(id)))
            .ok()
            .map(|i| &self.claims[i])
    }

    /// The article with this id. Ids are `a1`, `a2`, ... in order, so
    /// this is a direct index, with a search as the fallback.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.article_position(id).map(|k| &self.articles[k])
    }

    /// The position of the article with this id in `articles` (and in
    /// `texts`): a direct index for `a1`, `a2`, ..., a search otherwise.
    /// Renderers look an article up once per finding, so a linear search
    /// here is quadratic on a large corpus.
    pub fn article_position(&self, id: &str) -> Option<usize> {
        let by_index = id
            .strip_prefix('a')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .filter(|&k| self.articles.get(k).is_some_and(|a| a.id == id));
        by_index.or_else(|| self.articles.iter().position(|a| a.id == id))
    }
}

/// Sort key of an id such as `a12.c3`: numeric parts compare as numbers, so
/// `a2` comes before `a10`.
pub fn claim_order(id: &str) -> (u32, u32) {
    let mut parts = id.split('.');
    let num = |p: Option<&str>| {
        p.map(|s| s.trim_start_matches(|c: char| c.is_ascii_alphabetic()))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    let a = num(parts.next());
    let c = num(parts.next());
    (a, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, path: &str, outlet: Option<&str>) -> Article {
        Article {
            id: id.into(),
            path: path.into(),
            title: None,
            outlet: outlet.map(String::from),
            url: None,
            published: None,
            story: None,
        }
    }

    #[test]
    fn outlets_are_named_by_outlet_then_file_then_record_id() {
        assert_eq!(
            article("a1", "x/bbc.md", Some(" BBC News ")).outlet_name(),
            "BBC News"
        );
        assert_eq!(
            article("a1", "x/reuters-0412.txt", Some("")).outlet_name(),
            "reuters-0412"
        );
        assert_eq!(
            article("a1", "feed.jsonl#wire-7", None).outlet_name(),
            "wire-7"
        );
        assert_eq!(article("a1", "x/.txt", None).outlet_name(), ".txt");
        let articles = [
            article("a1", "a/one.md", Some("Reuters")),
            article("a2", "b/one.md", Some("Reuters")),
            article("a3", "c/two.md", Some("Reuters")),
            article("a4", "d/ap.txt", None),
        ];
        let names = outlet_names(&articles.iter().collect::<Vec<_>>());
        assert_eq!(names["a1"], "Reuters (one.md)");
        assert_eq!(names["a2"], "Reuters (a2)");
        assert_eq!(names["a3"], "Reuters (two.md)");
        assert_eq!(names["a4"], "ap");
    }

    #[test]
    fn orders_ids_numerically() {
        assert!(claim_order("a2.c9") < claim_order("a10.c1"));
        assert!(claim_order("a1.c2") < claim_order("a1.c10"));
    }

    #[test]
    fn serializes_enums_as_the_contract_spells_them() {
        let json = |v: &dyn erased_json| v.json();
        assert_eq!(json(&Direction::AMore), "\"a>b\"");
        assert_eq!(
            json(&FindingKind::UnsupportedDetail),
            "\"unsupported_detail\""
        );
        assert_eq!(json(&Relation::Elaborates), "\"elaborates\"");
        assert_eq!(json(&Modality::Hedged), "\"hedged\"");
    }

    #[allow(non_camel_case_types)]
    trait erased_json {
        fn json(&self) -> String;
    }
    impl<T: Serialize> erased_json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}
