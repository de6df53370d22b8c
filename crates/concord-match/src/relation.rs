//! Deciding the relation of a compared pair, and which details each side
//! adds.
//!
//! - below `link`: `unrelated`;
//! - not the same fact (Dice below `same_fact` and the shorter side not
//!   covered by the longer): `related`;
//! - a hard detection from [`crate::detect`]: `contradicts`;
//! - both sides covered at least `equivalent`: `equivalent`;
//! - one side covered at least `elaborates_cover`: `elaborates`, with the
//!   direction pointing from the side that says more;
//! - otherwise `related`.
//!
//! With learned weights in the rule set, "same fact" and "equivalent" come
//! from the logistic model over [`crate::features`] instead.

use crate::align::{self, Alignment};
use crate::detect::{self, Context, Detection};
use crate::features::{self, Features};
use crate::prepare::Prepared;
use crate::samefact;
use concord_core::{Direction, Relation, Slot, SlotKind, TokenRole, round_score};
use concord_rules::RuleSet;
use concord_text::Lexicon;

/// What kind of detail one side adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DetailKind {
    Figure,
    Date,
    Time,
    Age,
    Name,
    Qualifier,
}

impl DetailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DetailKind::Figure => "figure",
            DetailKind::Date => "date",
            DetailKind::Time => "time",
            DetailKind::Age => "age",
            DetailKind::Name => "name",
            DetailKind::Qualifier => "qualifier",
        }
    }

    /// The detail kind of a slot.
    pub fn of(kind: SlotKind) -> DetailKind {
        match kind {
            SlotKind::Date => DetailKind::Date,
            SlotKind::Time => DetailKind::Time,
            SlotKind::Age => DetailKind::Age,
            SlotKind::Ordinal => DetailKind::Qualifier,
            _ => DetailKind::Figure,
        }
    }
}

/// A detail present in one claim and absent from the other.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Detail {
    pub kind: DetailKind,
    /// Surface text ("2025", "around 70 agreements", "regular").
    pub text: String,
    /// Normalised key, to tell whether another claim has it.
    pub key: String,
}

/// The outcome of comparing two claims.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub relation: Relation,
    pub direction: Option<Direction>,
    pub score: f64,
    pub reasons: Vec<String>,
    /// The deciding detection (hard for `contradicts`; a soft one is a
    /// tension on an otherwise agreeing pair).
    pub contradiction: Option<Detection>,
    pub features: Features,
    /// Details only the first / only the second claim gives.
    pub details_a: Vec<Detail>,
    pub details_b: Vec<Detail>,
    /// Claim ids, for `concord pairs` reasons.
    pub claims: (String, String),
}

impl Comparison {
    pub fn unrelated() -> Comparison {
        Comparison {
            relation: Relation::Unrelated,
            direction: None,
            score: 0.0,
            reasons: Vec::new(),
            contradiction: None,
            features: Features::default(),
            details_a: Vec::new(),
            details_b: Vec::new(),
            claims: (String::new(), String::new()),
        }
    }

    /// Strength order for picking one relation out of many claim pairs:
    /// contradicts, then equivalent, elaborates, related, unrelated; ties go
    /// to the higher score.
    pub fn outranks(&self, other: &Comparison) -> bool {
        let rank = |r: Relation| match r {
            Relation::Contradicts => 4,
            Relation::Equivalent => 3,
            Relation::Elaborates => 2,
            Relation::Related => 1,
            Relation::Unrelated => 0,
        };
        (rank(self.relation), self.score) > (rank(other.relation), other.score)
    }
}

/// Compares two prepared claims.
pub fn compare(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    lex: &Lexicon,
    rules: &RuleSet,
    models: &features::Models,
    always_features: bool,
) -> Comparison {
    let th = &rules.thresholds;
    let al = align::align(a, b, th, lex);
    let score = round_score(al.similarity(a, b, th.entity_weight));
    let claims = (a.claim.id.clone(), b.claim.id.clone());
    let content_max = al.content_cover_a.max(al.content_cover_b);
    let ctx = Context {
        a,
        b,
        al: &al,
        lex,
        th,
    };
    if al.max_cover() < th.link || content_max == 0.0 {
        // Claims that share little can still give one value two ways.
        if let Some((kind, e)) = detect::dispute::find(&ctx) {
            return disputed(score, claims, kind, e);
        }
        return Comparison {
            score,
            claims,
            ..Comparison::unrelated()
        };
    }
    let whole = samefact::view(a, b, &al, |_| true);
    let mut detections = detect::run_all(&ctx);
    if detections.is_empty()
        && let Some((kind, e)) = detect::dispute::find(&ctx)
    {
        detections.push(Detection {
            kind,
            soft: e.soft,
            detail: e.detail,
            values: e.values,
        });
    }
    let elsewhere = different_locations(a, b, &al);
    // Whether two claims state the same fact is the same-fact rule's call;
    // learned models (rules/weights.toml), when present, then decide between
    // equivalence and elaboration. The equivalence model may also vouch for
    // a pair the rule misses, when both sides are at least half covered by
    // each other. Features cost more than the rest of a comparison, so they
    // are computed only where a model will be asked.
    let rule_same = samefact::same_fact(&whole, th);
    // The same-fact model sees every pair that reaches here: it is the one
    // that finds the loose paraphrases the rule misses.
    let ask_models = rule_same
        || !detections.is_empty()
        || whole.min_cover() >= 0.5
        || models.same_fact.is_some();
    let features = if ask_models || always_features {
        features::compute(a, b, &al, &detections, elsewhere)
    } else {
        Features::default()
    };
    let judged = if ask_models {
        Judgement::new(&features, models)
    } else {
        Judgement::default()
    };
    // The same-fact model does not see tense: one claim about what will
    // happen and one about what did are, in one story, usually two events
    // of one topic ("were in Tokyo on Sunday to meet their counterparts" /
    // "will be worked out by Austin and his counterpart in the next several
    // months"), so it does not vouch for them.
    let future = |p: &Prepared<'_>| {
        p.claim
            .tokens
            .iter()
            .any(|t| lex.words.future_words.contains(t.lower.as_str()))
    };
    let same_fact = rule_same
        || (judged.equivalent == Some(true) && whole.min_cover() >= 0.5)
        || (future(a) == future(b) && judged.same_fact() == Some(true));
    // The equivalence model, trained on paraphrase labels, decides when it
    // is there; mutual entailment (a model of inference labels; each side
    // saying all the other says) only stands in for it. Letting mutual
    // entailment override it cost 4.6 points of accuracy on MRPC train
    // (0.754 -> 0.708).
    let equivalent = judged.equivalent.unwrap_or_else(|| {
        matches!(judged.entailment(), (Some(true), Some(true))) || al.min_cover() >= th.equivalent
    });
    let mut reasons = shared_reasons(a, &al);
    let hard = detections.iter().find(|d| !d.soft).cloned();
    let soft = detections.iter().find(|d| d.soft).cloned();
    // A detector only fires on claims that are the same fact once the
    // disputed slot is set aside ("more than 400" / "550", "2025" / "2026"),
    // so a detection makes the pair the same fact; a tension's slot also
    // does not count against equivalence.
    let same_fact = same_fact || hard.is_some() || soft.is_some();
    let equivalent = equivalent
        || (soft.is_some()
            && samefact::view(a, b, &al, detect::not_a_slot).min_cover() >= th.equivalent);
    // The same words about different places are different facts ("oppose
    // attempts to change the status quo" at Second Thomas Shoal and in the
    // East China Sea), unless the entity detector calls it a swap.
    let entity_swap = detections
        .iter()
        .any(|d| d.kind == concord_core::ContradictionKind::Entity);
    // Nor are the same words about two groups ("women who gained less
    // weight than recommended" / "who gained more weight").
    let two_groups = ctx.opposed_comparatives();
    let (same_fact, equivalent) = if (elsewhere || two_groups) && !entity_swap {
        (false, false)
    } else {
        (same_fact, equivalent)
    };
    let (details_a, details_b) = details(a, b, &al, lex);
    let (relation, direction, contradiction) = if !same_fact {
        (Relation::Related, None, None)
    } else if let Some(d) = hard {
        reasons.push(format!("{}: {}", d.kind.as_str(), d.detail));
        (Relation::Contradicts, None, Some(d))
    } else {
        if let Some(d) = &soft {
            reasons.push(format!("tension ({}): {}", d.kind.as_str(), d.detail));
        }
        // Without a model, a detail only one side gives makes the pair an
        // elaboration; the model has seen details in its features.
        let details_agree =
            judged.equivalent.is_some() || details_a.is_empty() == details_b.is_empty();
        if equivalent && details_agree {
            (Relation::Equivalent, None, soft)
        } else {
            // With the entailment model, a side says more only when it says
            // all the other says; when each adds its own details there is no
            // direction.
            let direction = if judged.has_entailment() {
                judged.entails()
            } else {
                Some(elaboration_direction(&al, &details_a, &details_b))
            };
            (Relation::Elaborates, direction, soft)
        }
    };
    if relation.is_same_fact() {
        for (side, ds) in [("a", &details_a), ("b", &details_b)] {
            if !ds.is_empty() {
                let list: Vec<&str> = ds.iter().map(|d| d.text.as_str()).collect();
                reasons.push(format!("{side} adds: {}", list.join(", ")));
            }
        }
    }
    for (x, y) in al.fuzzy.iter().take(3) {
        reasons.push(format!("typo: {x} ~ {y}"));
    }
    for (x, y) in al.near.iter().take(3) {
        reasons.push(format!("near synonym: {x} ~ {y}"));
    }
    for (x, y) in al.forms.iter().take(3) {
        reasons.push(format!("word form: {x} ~ {y}"));
    }
    Comparison {
        relation,
        direction,
        score,
        reasons,
        contradiction,
        features,
        details_a,
        details_b,
        claims,
    }
}

/// A pair that shares little but one disputed value: a contradiction (or a
/// tension) about that value.
fn disputed(
    score: f64,
    claims: (String, String),
    kind: concord_core::ContradictionKind,
    e: detect::Evidence,
) -> Comparison {
    let d = Detection {
        kind,
        soft: e.soft,
        detail: e.detail,
        values: e.values,
    };
    Comparison {
        relation: if d.soft {
            Relation::Related
        } else {
            Relation::Contradicts
        },
        score,
        reasons: vec![format!("{}: {}", kind.as_str(), d.detail)],
        contradiction: Some(d),
        claims,
        ..Comparison::unrelated()
    }
}

/// What the learned models say about a pair (`None` without a model).
/// Each model is asked only when its answer is needed: a boosted model is a
/// few hundred trees, and most compared pairs never need the direction of
/// an entailment.
#[derive(Debug, Clone, Copy, Default)]
struct Judgement<'f> {
    asked: Option<(&'f features::Features, &'f features::Models)>,
    equivalent: Option<bool>,
}

impl<'f> Judgement<'f> {
    fn new(features: &'f features::Features, models: &'f features::Models) -> Judgement<'f> {
        let mut judged = Judgement {
            asked: Some((features, models)),
            equivalent: None,
        };
        // Paraphrase in the equivalence model's sense is not enough when
        // neither side says what the other says: "four children are doing
        // backbends in the gym" / "four girls are doing backbends outdoors"
        // share most words but not a fact. The `one_way` model asks that
        // question having also seen news paraphrases (which `entails`, fit
        // on inference labels alone, rejects for their length and wording).
        let some_entailment = || match &models.one_way {
            Some(m) => m.says_yes(features) || m.says_yes(&features.swapped()),
            None => {
                let (ab, ba) = judged.entailment();
                ab.unwrap_or(true) || ba.unwrap_or(true)
            }
        };
        judged.equivalent = models
            .equivalent
            .as_ref()
            .map(|m| m.says_yes(features) && some_entailment());
        judged
    }

    /// The same-fact model's answer, either way round.
    fn same_fact(&self) -> Option<bool> {
        let (f, models) = self.asked?;
        models
            .same_fact
            .as_ref()
            .map(|m| m.says_yes(f) || m.says_yes(&f.swapped()))
    }

    /// P(a says all b says) and P(b says all a says), against the
    /// threshold of the `entails` model.
    fn entailment(&self) -> (Option<bool>, Option<bool>) {
        let Some((f, models)) = self.asked else {
            return (None, None);
        };
        let m = models.entails.as_ref();
        (
            m.map(|m| m.says_yes(f)),
            m.map(|m| m.says_yes(&f.swapped())),
        )
    }

    /// Is there an entailment model to ask?
    fn has_entailment(&self) -> bool {
        self.asked.is_some_and(|(_, m)| m.entails.is_some())
    }

    /// The side that says more, when exactly one side entails the other.
    fn entails(&self) -> Option<Direction> {
        match self.entailment() {
            (Some(true), Some(false)) => Some(Direction::AMore),
            (Some(false), Some(true)) => Some(Direction::BMore),
            _ => None,
        }
    }
}

/// Does each claim name a place or country the other does not?
fn different_locations(a: &Prepared<'_>, b: &Prepared<'_>, al: &Alignment) -> bool {
    let unique_location = |p: &Prepared<'_>, s: &[f64]| {
        p.terms.iter().zip(s).any(|(t, m)| {
            t.role == TokenRole::Entity
                && *m == 0.0
                && !opens_a_name(p.claim, &t.text)
                && p.claim.entities.iter().any(|e| {
                    // A country that speaks ("Malaysia said") or describes
                    // ("the Thai satellite") is no place the claim is about.
                    concord_text::entity_term(&e.name) == t.text
                        && matches!(e.kind.as_deref(), Some("country" | "place"))
                        && !e.demonym
                        && p.claim.attribution.as_deref() != Some(e.name.as_str())
                })
        })
    };
    unique_location(a, &al.strength_a) && unique_location(b, &al.strength_b)
}

/// Does the name of term `term` open a longer name ("*Malaysia*
/// Airlines", "*Bank of* England" does not): a name follows it after a
/// single space? The country then says whose the thing is, not where.
fn opens_a_name(claim: &concord_core::Claim, term: &str) -> bool {
    let tokens = &claim.tokens;
    tokens
        .iter()
        .position(|t| t.term == term)
        .is_some_and(|at| {
            tokens.get(at + 1).is_some_and(|next| {
                next.role == TokenRole::Entity
                    && claim.text.get(tokens[at].end as usize..next.start as usize) == Some(" ")
            })
        })
}

/// The side whose terms are less covered says more; details break ties.
fn elaboration_direction(al: &Alignment, da: &[Detail], db: &[Detail]) -> Direction {
    if (al.cover_a - al.cover_b).abs() < 0.05 {
        if da.len() >= db.len() {
            Direction::AMore
        } else {
            Direction::BMore
        }
    } else if al.cover_a > al.cover_b {
        // a is covered by b: b says more.
        Direction::BMore
    } else {
        Direction::AMore
    }
}

fn shared_reasons(a: &Prepared<'_>, al: &Alignment) -> Vec<String> {
    let mut shared: Vec<(&str, f64)> = a
        .terms
        .iter()
        .zip(&al.strength_a)
        .filter(|(_, s)| **s >= 1.0)
        .map(|(t, _)| (t.lower.as_str(), t.weight))
        .collect();
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
    shared.dedup_by(|x, y| x.0 == y.0);
    if shared.is_empty() {
        return Vec::new();
    }
    let top: Vec<&str> = shared.iter().take(6).map(|(w, _)| *w).collect();
    vec![format!("shared: {}", top.join(", "))]
}

/// Details (figures, dates, names, qualifiers) each side has and the other
/// lacks. A figure or date the other side gives differently is a
/// contradiction or tension, not a detail.
fn details(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    al: &Alignment,
    lex: &Lexicon,
) -> (Vec<Detail>, Vec<Detail>) {
    (
        one_side(a, &al.strength_a, b, lex),
        one_side(b, &al.strength_b, a, lex),
    )
}

fn one_side(
    p: &Prepared<'_>,
    strength: &[f64],
    other: &Prepared<'_>,
    lex: &Lexicon,
) -> Vec<Detail> {
    let mut out = Vec::new();
    let c = p.claim;
    let o = other.claim;
    for q in &c.slots {
        // Ordinals are qualifiers; "the two leaders", "one more" count what
        // the claim names anyway.
        let small_count = q.kind == SlotKind::Count && q.value.number().is_some_and(|v| v <= 2.0);
        if q.kind == SlotKind::Ordinal || small_count {
            continue;
        }
        // A slot the other side gives differently is a contradiction or a
        // tension, not a detail; the same figure of another noun is the
        // same figure ("239 passengers" / "239 people").
        let same_figure =
            |y: &Slot| q.kind == SlotKind::Count && y.kind == SlotKind::Count && q.value == y.value;
        if !o
            .slots
            .iter()
            .any(|y| same_slot_kind(q, y) || same_figure(y))
        {
            out.push(Detail {
                kind: DetailKind::of(q.kind),
                text: q.text.clone(),
                key: slot_key(q),
            });
        }
    }
    for (t, s) in p.terms.iter().zip(strength) {
        if t.role != TokenRole::Entity || *s > 0.0 {
            continue;
        }
        let Some(e) = c
            .entities
            .iter()
            .find(|e| concord_text::entity_term(&e.name) == t.text)
        else {
            continue;
        };
        // Speakers are attribution, not detail; demonyms and groups are
        // descriptions ("Japanese companies").
        let speaker = c.attribution.as_deref() == Some(e.name.as_str()) || e.demonym;
        let named = e.kind.as_deref() != Some("group");
        if !speaker && named {
            out.push(Detail {
                kind: DetailKind::Name,
                text: e.text.clone(),
                key: t.text.clone(),
            });
        }
    }
    // A qualifier the alignment matched in other words ("historic" /
    // "in history") is given by both.
    let matched = |term: &str| {
        p.terms
            .iter()
            .zip(strength)
            .any(|(x, s)| x.text == term && *s > 0.0)
    };
    // A qualifier qualifies what follows it ("an *official* visit");
    // before a reporting verb or at the end of its clause it is a noun of
    // its own ("the government official said", "according to an
    // official."), who speaks, not a detail of the fact.
    let noun_use = |k: usize| match c.tokens.get(k + 1) {
        None => true,
        Some(next) => {
            let gap = c.text.get(c.tokens[k].end as usize..next.start as usize);
            gap.is_none_or(|g| g.chars().any(|ch| ch.is_ascii_punctuation() && ch != '-'))
                || lex
                    .cues
                    .reporting_verbs
                    .contains_any(&[next.lower.as_str()])
        }
    };
    for (k, t) in c.tokens.iter().enumerate() {
        let w = t.lower.as_str();
        if lex.is_qualifier(w)
            && !noun_use(k)
            && !matched(&t.term)
            && !o.tokens.iter().any(|x| x.lower == w || x.term == t.term)
            && !out.iter().any(|d: &Detail| d.key == format!("q:{w}"))
        {
            // Ordinals like "first" are qualifiers too; they are not
            // figures above.
            out.push(Detail {
                kind: DetailKind::Qualifier,
                text: w.to_string(),
                key: format!("q:{w}"),
            });
        }
    }
    out
}

/// Keys of every detail a claim gives (figures, dates, names, qualifiers),
/// the same keys [`Detail::key`] uses: a detail is supported by an article
/// when any claim of the article has its key.
pub fn detail_keys(claim: &concord_core::Claim, lex: &Lexicon) -> Vec<String> {
    let mut keys: Vec<String> = claim.slots.iter().map(slot_key).collect();
    keys.extend(
        claim
            .entities
            .iter()
            .map(|e| concord_text::entity_term(&e.name)),
    );
    keys.extend(
        claim
            .tokens
            .iter()
            .filter(|t| lex.is_qualifier(&t.lower))
            .map(|t| format!("q:{}", t.lower)),
    );
    keys
}

/// Do two slots give the same kind of value (so that one is no detail the
/// other lacks)? Counts and money need the same noun or currency; dates
/// share a field.
fn same_slot_kind(x: &Slot, y: &Slot) -> bool {
    if x.kind != y.kind {
        return false;
    }
    match x.kind {
        SlotKind::Count | SlotKind::Money | SlotKind::Measure => x.unit == y.unit,
        SlotKind::Date => {
            (x.year.is_some() && y.year.is_some())
                || (x.weekday.is_some() && y.weekday.is_some())
                || (x.month.is_some() && y.month.is_some())
        }
        _ => true,
    }
}

/// Normalised key of a slot: kind, unit and value.
pub fn slot_key(s: &Slot) -> String {
    let value = match &s.value {
        concord_core::SlotValue::Number(v) => concord_text::format_number(*v),
        concord_core::SlotValue::Text(t) => t.clone(),
    };
    format!(
        "{}:{}:{value}",
        s.kind.as_str(),
        s.unit.as_deref().unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::compare;

    fn qualifiers(c: &super::Comparison) -> Vec<&str> {
        c.details_a
            .iter()
            .filter(|d| d.kind == super::DetailKind::Qualifier)
            .map(|d| d.text.as_str())
            .collect()
    }

    #[test]
    fn a_qualifier_qualifies_what_follows_it() {
        let c = compare(
            "The two leaders held an official meeting in Tokyo on the trade dispute.",
            "The two leaders held a meeting in Tokyo on the trade dispute.",
        );
        assert_eq!(qualifiers(&c), ["official"]);
        // Who speaks, not a detail of the interview.
        let c = compare(
            "Agents had interviewed Todashev earlier that morning, the government official said.",
            "Agents had interviewed Todashev earlier that morning, the government said.",
        );
        assert!(qualifiers(&c).is_empty(), "{:?}", c.details_a);
        let c = compare(
            "Agents had interviewed Todashev earlier that morning, according to an official.",
            "Agents had interviewed Todashev earlier that morning.",
        );
        assert!(qualifiers(&c).is_empty(), "{:?}", c.details_a);
    }
}
