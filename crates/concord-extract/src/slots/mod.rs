//! Slots: the typed values a claim carries (a figure, a date, a clock
//! time, an age, a duration, a sum of money), where contradictions between
//! outlets live. "at 9:32 p.m." is one `time` slot `21:32`, not two counts;
//! "Sept. 27, 2015" one `date` slot `2015-09-27`; "Kroll, 34," an `age`.
//!
//! Reading goes word by word. At each word, the recognisers of
//! [`RECOGNISERS`] are asked in precedence order whether a slot of their
//! kind starts there (a clock time before a count: "9:32" is not 9 and 32);
//! the first that says yes takes the words. Most recognisers start from a
//! figure ([`number`]) and look at the words after it (a unit, a currency,
//! "-year-old") or before it (a currency symbol, "aged"). A last pass reads
//! bounds ("about 30", "more than 400", "up to 10 years") and ranges
//! ("between 20 and 30 people": the first end borrows the second's unit).
//!
//! Numbers inside names and models ("iPhone 5", "Boeing 777", "Article 5",
//! "COVID-19") are not slots: the count, age and ordinal recognisers skip a
//! figure glued to a preceding name.
//!
//! The words that say what a figure measures are data (`rules/slots.toml`,
//! [`concord_rules::SlotWords`]), compiled once per rule set ([`Vocab`]).

mod age;
mod count;
mod date;
mod duration;
mod measure;
mod money;
pub(crate) mod number;
mod ordinal;
mod percent;
mod role;
mod time;

#[cfg(test)]
mod table;

use concord_core::{Bound, CivilDate, Slot, SlotKind, SlotValue};
use concord_rules::{RuleSet, SlotLists};
use concord_text::{Lexicon, PhraseMap, PhraseSet, Word, WordShape, straighten};
use number::Figure;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// A slot before its bound and text are settled: words `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub kind: SlotKind,
    pub value: SlotValue,
    pub unit: Option<String>,
    pub first: usize,
    pub last: usize,
    /// Byte end of the text when it is not the end of word `last` (the
    /// final dot of "a.m.").
    pub end: Option<usize>,
    /// A bound the recogniser read itself ("an estimated").
    pub bound: Option<Bound>,
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub weekday: Option<String>,
    /// Value per unit of the figure it was read from (1e6 for "1.2
    /// million" read as 1.2, 0.01 for cents): an elliptical range end
    /// ("between 72 and 77 cts") takes the same.
    pub scale: f64,
}

impl Draft {
    pub fn number(
        kind: SlotKind,
        value: f64,
        unit: Option<String>,
        first: usize,
        last: usize,
    ) -> Draft {
        Draft {
            kind,
            value: SlotValue::Number(value),
            unit,
            first,
            last,
            end: None,
            bound: None,
            year: None,
            month: None,
            day: None,
            weekday: None,
            scale: 1.0,
        }
    }

    pub fn text(kind: SlotKind, value: String, first: usize, last: usize) -> Draft {
        Draft {
            value: SlotValue::Text(value),
            ..Draft::number(kind, 0.0, None, first, last)
        }
    }
}

/// A recogniser: does a slot of `kind` start at word `i` (where `figure`
/// is the figure starting there, if any)?
#[derive(Debug, Clone, Copy)]
pub(crate) struct Recogniser {
    pub kind: SlotKind,
    pub find: fn(&Ctx<'_>, usize, Option<&Figure>) -> Option<Draft>,
}

/// Every slot kind's recogniser, in precedence order. Each [`SlotKind`] has
/// exactly one (tested).
pub(crate) const RECOGNISERS: &[Recogniser] = &[
    Recogniser {
        kind: SlotKind::Time,
        find: time::find,
    },
    Recogniser {
        kind: SlotKind::Date,
        find: date::find,
    },
    Recogniser {
        kind: SlotKind::Money,
        find: money::find,
    },
    Recogniser {
        kind: SlotKind::Percent,
        find: percent::find,
    },
    Recogniser {
        kind: SlotKind::Age,
        find: age::find,
    },
    Recogniser {
        kind: SlotKind::Duration,
        find: duration::find,
    },
    Recogniser {
        kind: SlotKind::Measure,
        find: measure::find,
    },
    Recogniser {
        kind: SlotKind::Ordinal,
        find: ordinal::find,
    },
    Recogniser {
        kind: SlotKind::Count,
        find: count::find,
    },
];

/// The slot words of a rule set, compiled for lookup.
#[derive(Debug)]
/// Public only to be passed around inside the crate; its fields are the crate's.
pub struct Vocab {
    /// Every `[slot_words]` list as a phrase set.
    pub lists: SlotLists<PhraseSet>,
    pub count_units: FxHashMap<String, String>,
    pub times_words: FxHashMap<String, f64>,
    pub fractions: FxHashMap<String, f64>,
    /// Currency symbol (as written) → code.
    pub currency_symbols: FxHashMap<String, String>,
    /// Currency words → (code, factor): 0.01 for "cents".
    pub currency_words: PhraseMap<(String, f64)>,
    pub measures: PhraseMap<String>,
    /// Time-unit words → (unit, factor).
    pub durations: PhraseMap<(String, f64)>,
    /// Every word that names a time unit, for "-year-old".
    pub duration_words: FxHashMap<String, String>,
    /// Lower-case words a slot can start with besides figures and
    /// symbols: number words, ordinals, months, weekdays, "noon", "a"
    /// ("a dozen"), "half". Every other word is skipped without asking the
    /// recognisers, which keeps reading a claim cheap.
    pub starters: rustc_hash::FxHashSet<String>,
}

impl Vocab {
    fn new(rules: &RuleSet) -> Vocab {
        let s = &rules.slots;
        let mut currency_symbols = FxHashMap::default();
        let mut currency_words = Vec::new();
        for c in &s.currencies {
            for sym in &c.symbols {
                currency_symbols.insert(sym.clone(), c.code.clone());
            }
            for w in &c.words {
                currency_words.push((w.clone(), (c.code.clone(), 1.0)));
            }
            for w in &c.minor {
                currency_words.push((w.clone(), (c.code.clone(), 0.01)));
            }
        }
        let mut durations = Vec::new();
        let mut duration_words = FxHashMap::default();
        for d in &s.durations {
            for w in &d.words {
                durations.push((w.clone(), (d.unit.clone(), d.factor)));
                if d.factor == 1.0 {
                    duration_words.insert(w.clone(), d.unit.clone());
                }
            }
        }
        Vocab {
            lists: rules.slot_words.clone().map(|l| PhraseSet::new(l)),
            count_units: s
                .count_units
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            times_words: s.times_words.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            fractions: s.fractions.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            currency_symbols,
            currency_words: PhraseMap::new(currency_words),
            measures: PhraseMap::new(
                s.measures
                    .iter()
                    .flat_map(|m| m.words.iter().map(|w| (w.clone(), m.symbol.clone()))),
            ),
            durations: PhraseMap::new(durations),
            duration_words,
            starters: starters(rules),
        }
    }

    /// Is word `i` of `ctx` a possible first word of a slot?
    pub(crate) fn may_start(&self, ctx: &Ctx<'_>, i: usize) -> bool {
        let w = &ctx.ws[i];
        if w.shape != WordShape::Word {
            return true;
        }
        let low = ctx.low(i);
        let bare = low.strip_suffix("'s").unwrap_or(low).trim_end_matches('.');
        self.starters.contains(bare)
    }

    /// Is `w` one of the one-word phrases of `list`?
    pub(crate) fn has(list: &PhraseSet, w: &str) -> bool {
        list.match_at(&[w], 0) == Some(1)
    }

    /// The compiled vocabulary of `rules`, built once per rule set.
    pub(crate) fn of(rules: &RuleSet) -> Arc<Vocab> {
        static CACHE: Mutex<Option<(u64, Arc<Vocab>)>> = Mutex::new(None);
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        match &*cache {
            Some((fp, v)) if *fp == rules.fingerprint => v.clone(),
            _ => {
                let v = Arc::new(Vocab::new(rules));
                *cache = Some((rules.fingerprint, v.clone()));
                v
            }
        }
    }
}

fn starters(rules: &RuleSet) -> rustc_hash::FxHashSet<String> {
    let w = &rules.words;
    let l = &rules.slot_words;
    let s = &rules.slots;
    w.number_units
        .iter()
        .chain(&w.number_tens)
        .chain(&w.ordinals)
        .chain(&w.months)
        .chain(&w.month_abbreviations)
        .chain(&w.weekdays)
        .chain(&l.noon)
        .chain(&l.midnight)
        .cloned()
        .chain(s.times_words.keys().cloned())
        .chain(s.fractions.keys().cloned())
        .chain(["a", "an", "half", "no", "number"].map(String::from))
        .collect()
}

/// What the recognisers look at: the claim's words, their lower-case forms,
/// which are taken (inside names, or by an earlier slot), and the slots read
/// so far.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub ws: &'a [Word<'a>],
    /// Lower case, apostrophes straightened.
    pub low: Vec<String>,
    /// Words inside names ("Article 5", "Chinese"), which no slot may use
    /// but a counted noun phrase may cross ("153 Chinese passengers").
    pub names: Vec<bool>,
    /// Words inside names or slots read so far.
    pub taken: Vec<bool>,
    pub v: &'a Vocab,
    pub lex: &'a Lexicon,
    pub published: Option<CivilDate>,
    /// The claim is about the future: "on Thursday" resolves forward.
    pub future: bool,
    pub drafts: Vec<Draft>,
}

impl Ctx<'_> {
    /// The text between word `i - 1` and word `i` (the start of the text
    /// before word 0).
    pub fn gap(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ws[i - 1].end };
        let end = self.ws.get(i).map_or(self.text.len(), |w| w.start);
        &self.text[start.min(end)..end]
    }

    pub fn low(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }

    /// Word `i` is free and a plain word (not a number or a symbol).
    pub fn is_word(&self, i: usize) -> bool {
        self.ws
            .get(i)
            .is_some_and(|w| w.shape == WordShape::Word && !self.taken[i])
    }

    /// Word `i` is a plain word, free or inside a name, but in no slot.
    pub fn is_word_or_name(&self, i: usize) -> bool {
        self.ws
            .get(i)
            .is_some_and(|w| w.shape == WordShape::Word && (!self.taken[i] || self.names[i]))
    }

    /// Word `i` belongs to a slot read so far.
    pub fn in_slot(&self, i: usize) -> Option<&Draft> {
        self.drafts.iter().find(|d| (d.first..=d.last).contains(&i))
    }

    /// Nothing but spaces between words `i - 1` and `i`.
    pub fn spaced(&self, i: usize) -> bool {
        self.gap(i).chars().all(char::is_whitespace)
    }

    /// The figure at words `first..` is glued to a name before it
    /// ("iPhone 5", "Boeing 777", "COVID-19", "Route 66"): part of the name,
    /// not a value.
    pub fn in_name(&self, fig: &Figure) -> bool {
        if !fig.digits {
            return false;
        }
        if fig.first == 0 {
            return self.gap(fig.last + 1).trim_start().starts_with('/');
        }
        // "9/11", "24/7": a code or a date written with a slash.
        if self.gap(fig.first).trim() == "/" || self.gap(fig.last + 1).trim_start().starts_with('/')
        {
            return true;
        }
        // "501(c)(4)": a figure in brackets glued to a code.
        let g = self.gap(fig.first);
        if g.contains('(') && !g.contains(char::is_whitespace) {
            return true;
        }
        let p = fig.first - 1;
        let prev = &self.ws[p];
        if prev.shape != WordShape::Word {
            return false;
        }
        // "COVID-19", "F-16", "MH-17"
        if self.ws[fig.first].hyphen_before {
            return prev.text.chars().any(char::is_uppercase);
        }
        // "3-D", "4-H": a letter glued after the figure.
        if let Some(n) = self.ws.get(fig.last + 1)
            && n.hyphen_before
            && n.text.len() == 1
            && n.text.chars().all(char::is_uppercase)
        {
            return true;
        }
        // "iPhone 5", "eBay 2": a capital anywhere in the name word.
        let named = prev.is_capitalized() || prev.text.chars().skip(1).any(char::is_uppercase);
        if !self.spaced(fig.first) || !named || !fig.plain {
            return false;
        }
        let low = self.low(p);
        let common = self.lex.is_stopword(low)
            || self.lex.is_title_abbreviation(low)
            || date::month(self, low).is_some()
            || date::weekday(self, low).is_some()
            || self.lex.cues.approximate.match_at(&self.low, p).is_some()
            || self.lex.cues.lower_bound.match_at(&self.low, p).is_some()
            || self.lex.cues.upper_bound.match_at(&self.low, p).is_some();
        !common
    }

    /// The end of a clause right after word `i`: nothing, or punctuation.
    pub fn clause_ends_after(&self, i: usize) -> bool {
        let g = self.gap(i + 1);
        i + 1 >= self.ws.len() || g.contains([',', '.', ';', ':', ')', '!', '?', '—', '–'])
    }
}

/// Reads the slots of a claim's text (`ws` are its words); offsets are
/// relative to `text`. `taken[i]` marks words inside names, which no slot
/// may use.
pub(crate) fn find(
    text: &str,
    ws: &[Word<'_>],
    taken: &[bool],
    vocab: &Vocab,
    lex: &Lexicon,
    published: Option<CivilDate>,
    future: bool,
) -> Vec<Slot> {
    let mut ctx = Ctx {
        text,
        ws,
        low: ws
            .iter()
            .map(|w| straighten(&w.text.to_lowercase()).into_owned())
            .collect(),
        names: taken.to_vec(),
        taken: taken.to_vec(),
        v: vocab,
        lex,
        published,
        future,
        drafts: Vec::new(),
    };
    let mut i = 0;
    while i < ws.len() {
        if ctx.taken[i] || !vocab.may_start(&ctx, i) {
            i += 1;
            continue;
        }
        let fig = number::at(&ctx, i);
        let found = RECOGNISERS
            .iter()
            .find_map(|r| (r.find)(&ctx, i, fig.as_ref()))
            .or_else(|| fig.as_ref().and_then(|f| range_start(&ctx, f)))
            .or_else(|| fig.as_ref().and_then(|f| range_end(&ctx, f)));
        match found {
            Some(d) => {
                let next = d.last + 1;
                for t in &mut ctx.taken[d.first..=d.last] {
                    *t = true;
                }
                ctx.drafts.push(d);
                i = next;
            }
            None => i += 1,
        }
    }
    ctx.drafts.sort_by_key(|d| d.first);
    let (bounds, ranges) = bounds(&ctx);
    let mut slots = ctx
        .drafts
        .iter()
        .zip(bounds)
        .zip(ranges)
        .map(|((d, bound), range)| {
            let start = ws[d.first].start;
            let end = d.end.unwrap_or(ws[d.last].end);
            Slot {
                kind: d.kind,
                value: d.value.clone(),
                unit: d.unit.clone(),
                bound,
                range,
                text: text[start..end].to_string(),
                start,
                end,
                role: role::of(&ctx, d),
                year: d.year,
                month: d.month,
                day: d.day,
                weekday: d.weekday.clone(),
            }
        })
        .collect::<Vec<Slot>>();
    share_range_roles(&mut slots);
    slots
}

/// The ends of one range, and their conversions, are about one thing: the
/// role of the last end that has one ("between 2 meters (6.5 ft) and 16
/// meters (52 ft) in size": each is a `size`), so the tops of two ranges
/// pair whatever words stand between their ends.
fn share_range_roles(slots: &mut [Slot]) {
    let mut k = 0;
    while k < slots.len() {
        let run = slots[k..]
            .iter()
            .take_while(|s| s.range && s.kind == slots[k].kind)
            .count();
        if run >= 2 {
            let role = slots[k..k + run].iter().rev().find_map(|s| s.role.clone());
            for s in &mut slots[k..k + run] {
                s.role.clone_from(&role);
            }
        }
        k += run.max(1);
    }
}

/// Words that join the two ends of a range: "20 to 30", "between 20 and
/// 30", "20-30", "20 or 30" (alternatives: each end exact).
fn range_link(ctx: &Ctx<'_>, after: usize) -> Option<(usize, bool)> {
    let next = after + 1;
    let w = ctx.ws.get(next)?;
    if w.hyphen_before || ctx.gap(next).trim() == "-" || ctx.gap(next).trim() == "–" {
        return Some((next, true));
    }
    match ctx.low(next) {
        "to" | "through" => Some((next + 1, true)),
        "or" => Some((next + 1, false)),
        "and" if between(ctx, after) => Some((next + 1, true)),
        _ => None,
    }
}

/// "between" stands before the figure ending at word `last`.
fn between(ctx: &Ctx<'_>, last: usize) -> bool {
    (last.saturating_sub(5)..last).any(|k| ctx.low(k) == "between")
}

/// A bare figure that begins a range whose other end says what it
/// measures: "between 12 and 15 litres", "72 to 77 cts". It takes the kind,
/// unit and scale of the other end.
fn range_start(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    if ctx.in_name(fig) || fig.suffix.is_some() {
        return None;
    }
    let (j, _) = range_link(ctx, fig.last)?;
    if ctx.taken.get(j).copied().unwrap_or(true) {
        return None;
    }
    let other = number::at(ctx, j)?;
    let d = RECOGNISERS
        .iter()
        .filter(|r| r.kind.is_numeric())
        .find_map(|r| (r.find)(ctx, j, Some(&other)))?;
    let value = d.value.number()?;
    let scale = if other.value != 0.0 && !fig.scaled {
        value / other.value
    } else {
        d.scale
    };
    let mut own = Draft::number(
        d.kind,
        fig.value * scale,
        d.unit.clone(),
        fig.first,
        fig.last,
    );
    own.scale = scale;
    Some(own)
}

/// Verbs before "from X to Y" that make it a range ("ranged from 2m to
/// 15m"); after other verbs it is a change ("fell from $120bn to $4.6bn"),
/// and both ends are exact.
const RANGE_VERBS: &[&str] = &[
    "range", "ranged", "ranges", "ranging", "vary", "varied", "varies", "varying", "span",
    "spanned", "spanning", "spans", "aged", "ages",
];

/// Verbs that make "around" an adverb: "turned around 1,000 km from".
const PHRASAL_AROUND: &[&str] = &[
    "turned", "turn", "turning", "turns", "came", "come", "coming", "looked", "look", "moved",
    "spun", "swung", "wandered", "walked", "drove", "flew", "sailed", "circled",
];

/// Verbs before "up to" that make it "rose to": "went up to 64 pct".
const RISE_VERBS: &[&str] = &[
    "went", "go", "goes", "going", "gone", "came", "come", "comes", "shot", "climbed", "moved",
    "jumped", "edged", "ticked", "rose", "push", "pushed", "revised", "raised", "marked",
    "stepped",
];

/// Draft `k` opens a bracket after another one: a conversion ("10 miles
/// (16 km)").
fn is_conversion(ctx: &Ctx<'_>, k: usize) -> bool {
    k > 0 && ctx.gap(ctx.drafts[k].first).trim_end().ends_with('(')
}

/// A bare figure that ends a range or a list whose first end says what it
/// measures: "aged 30 to 40", "aged 6 and 9", "aged 30-39".
fn range_end(ctx: &Ctx<'_>, fig: &Figure) -> Option<Draft> {
    if fig.suffix.is_some() || ctx.in_name(fig) {
        return None;
    }
    let prev = ctx.drafts.last()?;
    if !prev.kind.is_numeric() {
        return None;
    }
    let linked = range_link(ctx, prev.last).is_some_and(|(j, _)| j == fig.first)
        || (ctx.low(prev.last + 1) == "and" && prev.last + 2 == fig.first);
    if !linked
        || !ctx.clause_ends_after(fig.last)
            && ctx.is_word(fig.last + 1)
            && !ctx.lex.is_stopword(ctx.low(fig.last + 1))
    {
        return None;
    }
    let mut d = Draft::number(
        prev.kind,
        fig.value * prev.scale,
        prev.unit.clone(),
        fig.first,
        fig.last,
    );
    d.scale = prev.scale;
    Some(d)
}

/// The bound of each draft: read by its recogniser, or from the words
/// before it ("about", "more than", "up to"), after it ("or more"), or its
/// place in a range ("between 20 and 30": at least 20, at most 30). A
/// conversion in brackets ("10 miles (16 km)") has its figure's bound.
/// Beside each bound: is the draft an end of a range (its bound read from
/// its place in the range)?
fn bounds(ctx: &Ctx<'_>) -> (Vec<Bound>, Vec<bool>) {
    let ds = &ctx.drafts;
    let own: Vec<Option<Bound>> = ds
        .iter()
        .map(|d| d.bound.or_else(|| bound_around(ctx, d)))
        .collect();
    let mut out: Vec<Bound> = own.iter().map(|b| b.unwrap_or(Bound::Exact)).collect();
    let mut range = vec![false; ds.len()];
    // Ranges between neighbours, a conversion of the first end skipped:
    // "between 2 meters (6.5 ft) and 16 meters (52 ft)".
    for k in 0..ds.len() {
        let a = &ds[k];
        let mut link_from = a.last;
        let mut next = k + 1;
        // Skip conversions closed right after ("2 meters (6.5 ft) and");
        // "15m (6.5ft to 50ft)" converts the whole range.
        while next < ds.len()
            && is_conversion(ctx, next)
            && ctx.gap(ds[next].last + 1).contains(')')
        {
            link_from = ds[next].last;
            next += 1;
        }
        let Some(b) = ds.get(next) else { break };
        if a.kind != b.kind {
            continue;
        }
        let Some((j, is_range)) = range_link(ctx, link_from) else {
            continue;
        };
        if j != b.first || !is_range || is_change(ctx, k) {
            continue;
        }
        let ascending = a
            .value
            .number()
            .zip(b.value.number())
            .is_none_or(|(x, y)| x <= y);
        let (lo, hi) = if ascending { (k, next) } else { (next, k) };
        if own[lo].is_none() {
            out[lo] = Bound::AtLeast;
            range[lo] = true;
        }
        if own[hi].is_none() || own[hi] == own[lo] {
            out[hi] = Bound::AtMost;
            range[hi] = own[hi].is_none();
        }
        // The first end's conversions share its bound.
        for c in k + 1..next {
            if own[c].is_none() {
                out[c] = out[k];
                range[c] = range[k];
            }
        }
    }
    spans(ctx, &own, &mut out, &mut range);
    // "about 10 miles (16 kilometers)"
    for k in 1..ds.len() {
        if is_conversion(ctx, k) && own[k].is_none() && out[k] == Bound::Exact {
            out[k] = out[k - 1];
            range[k] = range[k - 1];
        }
    }
    (out, range)
}

/// "from noon ... until Dec. 6", "beginning Jan. 7 and going until March
/// 21", "between midnight on 31 December and midnight on 1 January": the
/// slots after the opening word are the start (at least), those after the
/// closing word, up to a comma, the end (at most).
fn spans(ctx: &Ctx<'_>, own: &[Option<Bound>], out: &mut [Bound], range: &mut [bool]) {
    let ds = &ctx.drafts;
    for k in 0..ds.len() {
        let a = &ds[k];
        let opener = (a.first.saturating_sub(2)..a.first)
            .find(|&w| matches!(ctx.low(w), "from" | "beginning" | "starting" | "between"));
        let Some(o) = opener else { continue };
        if ctx.low(o) == "from" && is_change(ctx, k) {
            continue;
        }
        let closers: &[&str] = if ctx.low(o) == "between" {
            &["and"]
        } else {
            &["until", "till", "through", "to"]
        };
        // The closing word, before the next slot that follows it.
        let close = (a.last + 1..ctx.ws.len().min(a.last + 12))
            .find(|&w| closers.contains(&ctx.low(w)) && ctx.in_slot(w).is_none());
        let Some(c) = close else { continue };
        // The end: the first slot after the closing word, and those joined
        // to it by "on", "at" or "in" ("midnight on 1 January").
        let Some(e0) = (k + 1..ds.len()).find(|&m| ds[m].first > c) else {
            continue;
        };
        let timed = |kind: SlotKind| matches!(kind, SlotKind::Date | SlotKind::Time);
        if ds[e0].first > c + 3 || (ds[e0].kind != a.kind && !(timed(a.kind) && timed(ds[e0].kind)))
        {
            continue;
        }
        let mut ends = vec![e0];
        while let Some(&m) = ends.last() {
            let n = m + 1;
            let joined = ds.get(n).is_some_and(|d| {
                (ds[m].last + 1..d.first).all(|w| matches!(ctx.low(w), "on" | "at" | "in" | "of"))
                    && d.first <= ds[m].last + 3
                    && !ctx.gap(d.first).contains(',')
            });
            if !joined {
                break;
            }
            ends.push(n);
        }
        for m in k..ds.len() {
            if ds[m].first < c && own[m].is_none() && out[m] == Bound::Exact {
                out[m] = Bound::AtLeast;
                range[m] = true;
            }
        }
        // A figure range already read in order ("between 3,000 and 1,500
        // years": at most 3,000, at least 1,500) keeps its bounds.
        for &m in &ends {
            if own[m].is_none() && (timed(ds[m].kind) || out[m] == Bound::Exact) {
                out[m] = Bound::AtMost;
                range[m] = true;
            }
        }
    }
}

/// "fell from $120bn to $4.6bn", "raised by 80,000 barrels a day to 84
/// million": a change, not a range, unless a range verb stands before
/// "from". Spans of dates and times ("from 2010 to 2012") are ranges.
fn is_change(ctx: &Ctx<'_>, k: usize) -> bool {
    let d = &ctx.drafts[k];
    if matches!(d.kind, SlotKind::Date | SlotKind::Time) {
        return false;
    }
    let first = d.first;
    let from = (first.saturating_sub(5)..first)
        .rev()
        .find(|&w| matches!(ctx.low(w), "from" | "by"));
    match from {
        Some(f) => !(f.saturating_sub(2)..f).any(|w| RANGE_VERBS.contains(&ctx.low(w))),
        None => false,
    }
}

/// Words that may stand between a bound and its value: "about a whopping
/// 13 feet".
const INTENSIFIERS: &[&str] = &[
    "whopping",
    "staggering",
    "mere",
    "massive",
    "remarkable",
    "record",
    "total",
    "further",
];

fn bound_around(ctx: &Ctx<'_>, d: &Draft) -> Option<Bound> {
    let cues = &ctx.lex.cues;
    // "about a whopping 13 feet": look past "a whopping".
    let start = if d.first >= 2
        && INTENSIFIERS.contains(&ctx.low(d.first - 1))
        && matches!(ctx.low(d.first - 2), "a" | "an")
    {
        d.first - 2
    } else {
        d.first
    };
    let ending_at = |set: &PhraseSet| set.ends_before(&ctx.low, start, 4);
    // Nothing but spaces or quotation marks may stand between the bound and
    // the value.
    if d.first > 0
        && !ctx
            .gap(d.first)
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '"' | '“' | '\'' | '‘'))
    {
        return None;
    }
    let before = |n: usize| start.checked_sub(n).map_or("", |k| ctx.low(k));
    // "shortly after" bounds a time or a date, not a count ("shortly after
    // two new officers were sworn in").
    let timed = matches!(d.kind, SlotKind::Time | SlotKind::Date);
    let temporal = matches!(before(1), "after" | "before");
    if ending_at(&cues.lower_bound) && (timed || !temporal) {
        // "developed over four years": during; "for over an hour": more.
        let over = before(1) == "over";
        let during = over
            && d.kind == SlotKind::Duration
            && !matches!(
                before(2),
                "for"
                    | "spent"
                    | "took"
                    | "lasted"
                    | "waited"
                    | "spend"
                    | "take"
                    | "spanning"
                    | "spans"
            );
        if !during {
            return Some(Bound::AtLeast);
        }
    }
    if ending_at(&cues.upper_bound) && (timed || !temporal) {
        // "went up to 64 pct": rose to.
        let rise = before(2) == "up" && before(1) == "to" && RISE_VERBS.contains(&before(3));
        if !rise {
            return Some(Bound::AtMost);
        }
    }
    // "turned around 1,000 km from": a phrasal verb, not "about".
    let phrasal = before(1) == "around" && PHRASAL_AROUND.contains(&before(2));
    if ending_at(&cues.approximate) && !phrasal {
        return Some(Bound::About);
    }
    // "an estimated femur length of 6.7 feet", "King estimated the machine
    // was doing 80 mph": an estimate earlier in the clause.
    let estimated = (d.first.saturating_sub(8)..d.first)
        .rev()
        .take_while(|&w| !ctx.gap(w + 1).contains([',', ';']))
        .any(|w| ctx.low(w) == "estimated");
    let slot_between = ctx
        .drafts
        .iter()
        .any(|o| o.last < d.first && o.first + 8 >= d.first);
    if estimated && !slot_between {
        return Some(Bound::About);
    }
    let after = d.last + 1;
    match (ctx.low(after), ctx.low(after + 1)) {
        ("or", "more" | "above" | "over" | "longer" | "older") => Some(Bound::AtLeast),
        ("or", "less" | "fewer" | "under" | "below") => Some(Bound::AtMost),
        ("or", "so") => Some(Bound::About),
        ("plus", _) if ctx.clause_ends_after(after) => Some(Bound::AtLeast),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use concord_text::words;
    use std::sync::OnceLock;

    fn setup() -> &'static (RuleSet, Lexicon) {
        static S: OnceLock<(RuleSet, Lexicon)> = OnceLock::new();
        S.get_or_init(|| {
            let rules = RuleSet::builtin();
            let lex = Lexicon::new(&rules);
            (rules, lex)
        })
    }

    /// Runs `f` on a context over `text` with nothing taken.
    pub fn with_ctx<T>(text: &str, f: impl FnOnce(&Ctx<'_>) -> T) -> T {
        let (rules, lex) = setup();
        let ws = words(text);
        let vocab = Vocab::of(rules);
        let ctx = Ctx {
            text,
            ws: &ws,
            low: ws.iter().map(|w| w.text.to_lowercase()).collect(),
            names: vec![false; ws.len()],
            taken: vec![false; ws.len()],
            v: &vocab,
            lex,
            published: None,
            future: false,
            drafts: Vec::new(),
        };
        f(&ctx)
    }

    /// The slots of `text`, read as one sentence of prose.
    pub fn read_slots(text: &str) -> Vec<Slot> {
        let (rules, lex) = setup();
        let ws = words(text);
        find(
            text,
            &ws,
            &vec![false; ws.len()],
            &Vocab::of(rules),
            lex,
            None,
            false,
        )
    }

    /// The slots of `text` as `kind value unit bound "text"` lines.
    pub fn slots(text: &str) -> Vec<String> {
        read_slots(text)
            .iter()
            .map(|s| {
                let value = match &s.value {
                    SlotValue::Number(v) => concord_text::format_number(*v),
                    SlotValue::Text(t) => t.clone(),
                };
                let unit = s
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                format!(
                    "{} {value}{unit} {:?} \"{}\"",
                    s.kind.as_str(),
                    s.bound,
                    s.text
                )
            })
            .collect()
    }

    #[test]
    fn every_slot_kind_has_exactly_one_recogniser() {
        for &kind in SlotKind::ALL {
            let n = RECOGNISERS.iter().filter(|r| r.kind == kind).count();
            assert_eq!(n, 1, "{} has {n} recognisers", kind.as_str());
        }
    }

    #[test]
    fn docs_list_every_slot_kind() {
        let docs = include_str!("../../../../docs/json-schema.md");
        for &kind in SlotKind::ALL {
            assert!(
                docs.contains(&format!("| `{}` |", kind.as_str())),
                "docs/json-schema.md has no row for slot kind `{}`",
                kind.as_str()
            );
        }
    }

    #[test]
    fn marks_range_ends_and_gives_them_one_role() {
        let read = |text: &str| {
            read_slots(text)
                .iter()
                .map(|s| format!("{} {:?} {} {:?}", s.text, s.bound, s.range, s.role))
                .collect::<Vec<_>>()
        };
        let size = "Some(\"size\")";
        assert_eq!(
            read("The objects were between 2 meters (6.5 ft) and 16 meters (52 ft) in size."),
            [
                format!("2 meters AtLeast true {size}"),
                format!("6.5 ft AtLeast true {size}"),
                format!("16 meters AtMost true {size}"),
                format!("52 ft AtMost true {size}"),
            ]
        );
        // The verb of a range is not what the range is about.
        assert_eq!(
            read("The objects ranged from 2m to 15m (6.5ft to 50ft) in size."),
            [
                format!("2m AtLeast true {size}"),
                format!("15m AtMost true {size}"),
                format!("6.5ft AtLeast true {size}"),
                format!("50ft AtMost true {size}"),
            ]
        );
        // A bound of its own is no range end.
        assert_eq!(
            read("The objects were up to 16 meters in size."),
            [format!("16 meters AtMost false {size}")]
        );
    }

    #[test]
    fn times_count_the_noun_after_them() {
        let roles = |text: &str| -> Vec<Option<String>> {
            read_slots(text).into_iter().map(|s| s.role).collect()
        };
        assert_eq!(
            roles("King, a four-time Iditarod champion, was behind Zirkle."),
            [Some("champion".to_string())]
        );
        assert_eq!(
            roles("Zirkle, a three-time runner-up, shared King's view."),
            [Some("runner".to_string())]
        );
    }

    #[test]
    fn reads_bounds_and_ranges() {
        assert_eq!(
            slots("about 30 people"),
            ["count 30 person About \"30 people\""]
        );
        assert_eq!(
            slots("more than 400 people were evacuated"),
            ["count 400 person AtLeast \"400 people\""]
        );
        assert_eq!(
            slots("1,087 Egyptians buried between 3,000 and 1,500 years"),
            [
                "count 1087 egyptian Exact \"1,087 Egyptians\"",
                "duration 3000 year AtMost \"3,000\"",
                "duration 1500 year AtLeast \"1,500 years\""
            ]
        );
        assert_eq!(
            slots("between 12 and 15 litres of water"),
            [
                "measure 12 l AtLeast \"12\"",
                "measure 15 l AtMost \"15 litres\""
            ]
        );
        assert_eq!(
            slots("about 10 miles (16 kilometers) away"),
            [
                "measure 10 mi About \"10 miles\"",
                "measure 16 km About \"16 kilometers\""
            ]
        );
    }
}
