//! Different figures for the same quantity: "around 70 agreements" / "40
//! agreements". Figures are slots of one kind (count, measure, money,
//! percent, duration) and one unit (the counted noun, the unit, the
//! currency; durations compare in hours). A bound and a value it allows
//! ("more than 400" / "550") agree; two overlapping bounds, or a rounded
//! figure near the other, are a tension, not a contradiction. Ages have their own detector ([`super::age`]).

use super::{Context, Evidence};
use concord_core::{Bound, Slot, SlotKind, TokenRole};

/// Relative difference below which two exact figures are equal (rounding
/// in the last digit: "14.9" / "14.90", "1.49e10" / "1.5e10" is not).
const EQUAL: f64 = 0.005;
/// "around 70" allows this much either way without remark.
const ABOUT: f64 = 0.10;
/// "around 70" against a figure this close is a tension; farther, a
/// contradiction.
const ABOUT_TENSION: f64 = 0.25;

/// The figure kinds this detector compares.
fn is_figure(s: &Slot) -> bool {
    matches!(
        s.kind,
        SlotKind::Count
            | SlotKind::Measure
            | SlotKind::Money
            | SlotKind::Percent
            | SlotKind::Duration
    )
}

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    compare_slots(ctx, is_figure, same_slot).or_else(|| bare_figures(ctx))
}

/// Figures no slot holds (a vote tally "23-14", a number inside a name)
/// that differ in claims saying the same thing: each side has one number
/// the other lacks, and nothing else differs much.
fn bare_figures(ctx: &Context<'_, '_>) -> Option<Evidence> {
    let unmatched = |p: &crate::prepare::Prepared<'_>, s: &[f64]| -> Vec<String> {
        p.terms
            .iter()
            .zip(s)
            .filter(|(t, m)| t.role == TokenRole::Number && !t.slot && **m == 0.0)
            .map(|(t, _)| t.lower.clone())
            .collect()
    };
    let (ua, ub) = (
        unmatched(ctx.a, &ctx.al.strength_a),
        unmatched(ctx.b, &ctx.al.strength_b),
    );
    let ([x], [y]) = (ua.as_slice(), ub.as_slice()) else {
        return None;
    };
    // A bare figure has its bound read here, as a slot's is read at
    // extraction: "it had doubled again to two billion" is what "is
    // projected to have over 1.7 billion" allows.
    let cues = &ctx.lex.cues;
    if let (Some(vx), Some(vy)) = (
        bare_value(ctx.a.claim, x, cues),
        bare_value(ctx.b.claim, y, cues),
    ) && (vx.0 != Bound::Exact || vy.0 != Bound::Exact)
    {
        let ((lx, hx), (ly, hy)) = (range(vx.0, vx.1), range(vy.0, vy.1));
        if lx <= hy && ly <= hx {
            return None;
        }
    }
    let words = |t: &crate::prepare::Term| t.role != TokenRole::Number;
    // Two tallies of one vote or match that agree on one side ("voted
    // 23-14" / "voted 23-12"): the sentences around them may say more.
    let tallies = other_half_agrees(ctx.a.claim, ctx.b.claim, x, y);
    if ctx.different_subjects() || !ctx.same_fact_without(words) || !(ctx.close(words) || tallies) {
        return None;
    }
    Some(Evidence {
        soft: false,
        detail: format!("\"{x}\" vs \"{y}\""),
        values: None,
    })
}

/// The bound and the value of the figure written `n` in `c`, times the
/// magnitude word after it ("1.7 billion"): a bound, upper bound or
/// approximation cue right before it ("over", "up to", "about") bounds it.
fn bare_value(
    c: &concord_core::Claim,
    n: &str,
    cues: &concord_text::CueSets,
) -> Option<(Bound, f64)> {
    let words: Vec<&str> = c.tokens.iter().map(|t| t.lower.as_str()).collect();
    let k = c
        .tokens
        .iter()
        .position(|t| t.role == TokenRole::Number && t.lower == n)?;
    let value: f64 = c.tokens[k].term.strip_prefix('#')?.parse().ok()?;
    let scale = match words.get(k + 1).copied() {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        Some("trillion") => 1e12,
        _ => 1.0,
    };
    let bound = if cues.lower_bound.ends_before(&words, k, 4) {
        Bound::AtLeast
    } else if cues.upper_bound.ends_before(&words, k, 4) {
        Bound::AtMost
    } else if cues.approximate.ends_before(&words, k, 4) {
        Bound::About
    } else {
        Bound::Exact
    };
    Some((bound, value * scale))
}

/// Are `x` of claim a and `y` of claim b one half each of a tally ("23-14",
/// "23-12") whose other halves are the same figure?
fn other_half_agrees(a: &concord_core::Claim, b: &concord_core::Claim, x: &str, y: &str) -> bool {
    let halves = |c: &concord_core::Claim, n: &str| -> Vec<(String, bool)> {
        let tokens = &c.tokens;
        // "23-14", not the mixed number "1-1/4" nor the price "100-10/32".
        let fraction = |k: usize| {
            tokens[k].lower.contains('/')
                || c.text
                    .get(tokens[k].end as usize..)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let joined = |k: usize| {
            c.text
                .get(tokens[k - 1].end as usize..tokens[k].start as usize)
                .is_some_and(|g| matches!(g, "-" | "\u{2013}"))
                && tokens[k - 1].role == TokenRole::Number
                && tokens[k].role == TokenRole::Number
                && !fraction(k)
        };
        // The other half of each tally `n` is in, and whether it comes first.
        (0..tokens.len())
            .filter(|&k| tokens[k].lower == n)
            .filter_map(|k| {
                if k > 0 && joined(k) {
                    Some((tokens[k - 1].lower.clone(), true))
                } else if k + 1 < tokens.len() && joined(k + 1) {
                    Some((tokens[k + 1].lower.clone(), false))
                } else {
                    None
                }
            })
            .collect()
    };
    let (ha, hb) = (halves(a, x), halves(b, y));
    ha.iter().any(|h| hb.contains(h))
}

/// Compares the slots `keep` accepts on both sides, paired by `same` and
/// by what they are about ([`Context::slots_align`]): the first pair that
/// disagrees, when each side has one such slot (several figures of one kind
/// and context on a side, "rose 96 cents to $42.72", cannot be paired
/// without knowing their roles).
pub fn compare_slots(
    ctx: &Context<'_, '_>,
    keep: fn(&Slot) -> bool,
    same: fn(&Slot, &Slot) -> bool,
) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    let pick = |c: &'_ concord_core::Claim| -> Vec<usize> {
        (0..c.slots.len()).filter(|&i| keep(&c.slots[i])).collect()
    };
    let (qa, qb) = (pick(ctx.a.claim), pick(ctx.b.claim));
    if qa.is_empty() || qb.is_empty() || !ctx.same_statement_but_slot() {
        return None;
    }
    let (sa, sb) = (&ctx.a.claim.slots, &ctx.b.claim.slots);
    let pairs = |i: usize, j: usize| same(&sa[i], &sb[j]) && ctx.slots_align(i, j);
    for &i in &qa {
        let x = &sa[i];
        let comparable: Vec<usize> = qb.iter().copied().filter(|&j| pairs(i, j)).collect();
        if comparable.is_empty() || comparable.iter().any(|&j| agrees(x, &sb[j])) {
            continue;
        }
        // Several candidates: the one whose context x shares most, if x is
        // also the figure of this side whose context it shares most ("one
        // count of reckless driving and five counts of criminal mischief" /
        // "reckless driving and six counts of criminal mischief").
        let Some(j) = mutual_best(ctx, i, &comparable, &qa, &pairs) else {
            continue;
        };
        let y = &sb[j];
        // A sum against one part ("a total of 600,000" / "Russia ... by up
        // to 300,000") is two scopes, not two values of one.
        if different_wholes(x, y, ctx) {
            continue;
        }
        // The other side's figure must not agree with another figure here,
        // nor this one with another figure there ("will film for 10 hours"
        // / "10 hours of filming" in a breakdown of a total).
        if qa.iter().any(|&i2| same(&sa[i2], y) && agrees(&sa[i2], y))
            || qb.iter().any(|&j2| same(x, &sb[j2]) && agrees(x, &sb[j2]))
        {
            continue;
        }
        let soft = verdict(x, y) == Verdict::Tension;
        return Some(Evidence {
            soft,
            detail: format!("\"{}\" vs \"{}\"", x.text, y.text),
            values: None,
        });
    }
    None
}

/// Is slot `s` of `claim` a sum ("by a total of 600,000 barrels")? A
/// `total` cue ends right before it, within its three words.
pub fn is_total(claim: &concord_core::Claim, s: &Slot, ctx: &Context<'_, '_>) -> bool {
    let text = claim
        .text
        .get(..s.start.saturating_sub(claim.start))
        .unwrap_or("")
        .to_lowercase();
    let before: Vec<&str> = text.split_whitespace().collect();
    let from = before.len().saturating_sub(3);
    (from..before.len()).any(|k| {
        ctx.lex
            .cues
            .total
            .match_at(&before, k)
            .is_some_and(|n| k + n == before.len())
    })
}

/// Is count `s` some beyond those already named ("three *other* states")?
pub fn is_part(s: &Slot, ctx: &Context<'_, '_>) -> bool {
    let words: Vec<String> = s.text.split_whitespace().map(str::to_lowercase).collect();
    s.kind == SlotKind::Count && ctx.lex.cues.part.contains_any(&words)
}

/// Do two values count different wholes: a sum against a part ("a total
/// of 600,000 barrels" / "Russia will cut by 300,000"), or some beyond
/// those named against all ("three other states" / "five states")?
pub fn different_wholes(x: &Slot, y: &Slot, ctx: &Context<'_, '_>) -> bool {
    let whole = |claim: &concord_core::Claim, s: &Slot| {
        is_total(claim, s, ctx) || totals_its_parts(claim, s)
    };
    let (cx, cy) = (countries_in(ctx.a.claim, x), countries_in(ctx.b.claim, y));
    whole(ctx.a.claim, x) != whole(ctx.b.claim, y)
        || is_part(x, ctx) != is_part(y, ctx)
        || sums_to(ctx.a.claim, x, y)
        || sums_to(ctx.b.claim, y, x)
        || (!cx.is_empty() && !cy.is_empty() && cx.is_disjoint(&cy))
}

/// The countries a value's own words name ("seven top *Russian* government
/// officials", "nine *U.S.* officials"): two counts of different countries'
/// people or things are counts of different wholes.
fn countries_in(claim: &concord_core::Claim, s: &Slot) -> std::collections::BTreeSet<String> {
    claim
        .entities
        .iter()
        .filter(|e| e.kind.as_deref() == Some("country"))
        .filter(|e| {
            s.text
                .split(|c: char| c.is_whitespace() || c == ',')
                .any(|w| w == e.text)
                || s.text.contains(&format!(" {} ", e.text))
        })
        .map(|e| e.key())
        .collect()
}

/// Is `whole` broken down into parts in its own claim: two or more other
/// figures of its kind (and unit, durations in hours) that add up to it?
/// "It should have taken 24 hours: 16 hours to map, four hours' travel
/// time and four hours for analysts" gives a total and its parts; one
/// figure of the other outlet ("It takes two hours to get to the sea
/// floor") is about a part, not about the total.
fn totals_its_parts(claim: &concord_core::Claim, whole: &Slot) -> bool {
    let Some(_) = whole.value.number() else {
        return false;
    };
    let comparable = |s: &Slot| {
        s.kind == whole.kind
            && s.start != whole.start
            && (s.kind == SlotKind::Duration || s.unit == whole.unit)
    };
    let parts: Vec<f64> = claim
        .slots
        .iter()
        .filter(|s| comparable(s))
        .map(value)
        .collect();
    let total = value(whole);
    parts.len() >= 2
        && total > 0.0
        && parts.iter().all(|&v| v < total)
        && (parts.iter().sum::<f64>() - total).abs() <= EQUAL * total
}

/// Is `part` one of a run of counts of different things in `claim`, next
/// to each other in the text, whose sum is `whole`? "Eleven military planes, one
/// civil aircraft and 15 ships" / "Twelve aircraft and 15 ships": the
/// other outlet counts the planes together, and 11 + 1 = 12. Only
/// neighbours are added: any figures of a long sentence would add up to
/// something by chance.
fn sums_to(claim: &concord_core::Claim, part: &Slot, whole: &Slot) -> bool {
    let (Some(total), Some(_)) = (whole.value.number(), part.value.number()) else {
        return false;
    };
    // Counts of things of different kinds add up; ages, or counts of one
    // noun ("one count of reckless driving and five counts of mischief" /
    // "six counts of mischief"), do not.
    if part.kind != SlotKind::Count {
        return false;
    }
    let figures: Vec<(usize, f64, Option<&str>)> = claim
        .slots
        .iter()
        .filter(|s| s.kind == part.kind)
        .filter_map(|s| Some((s.start, s.value.number()?, s.unit.as_deref())))
        .collect();
    let Some(at) = figures
        .iter()
        .position(|&(start, _, _)| start == part.start)
    else {
        return false;
    };
    let close = |x: f64| (x - total).abs() < 1e-9 * total.abs().max(1.0);
    (0..=at).any(|from| {
        (at..figures.len()).any(|to| {
            let run = &figures[from..=to];
            to > from
                && close(run.iter().map(|&(_, v, _)| v).sum())
                && run
                    .iter()
                    .enumerate()
                    .all(|(k, x)| run[..k].iter().all(|y| y.2 != x.2))
        })
    })
}

/// The slot of `candidates` (of claim b) that slot `i` of claim a pairs
/// with: the only one, or the one whose context it shares strictly most
/// when `i` is also, among `own` (claim a's slots) that pair with it, the
/// one sharing most of its context.
fn mutual_best(
    ctx: &Context<'_, '_>,
    i: usize,
    candidates: &[usize],
    own: &[usize],
    pairs: &dyn Fn(usize, usize) -> bool,
) -> Option<usize> {
    let shared = |i: usize, j: usize| ctx.a.shared_context(i, ctx.b, j);
    // The key with the highest score, when no other has it.
    let strict_best = |scores: Vec<(usize, f64)>| -> Option<usize> {
        let best = scores.iter().map(|s| s.1).fold(f64::MIN, f64::max);
        match scores.iter().filter(|s| s.1 >= best).collect::<Vec<_>>()[..] {
            [(k, _)] => Some(*k),
            _ => None,
        }
    };
    let j = match candidates {
        [j] => *j,
        _ => strict_best(candidates.iter().map(|&j| (j, shared(i, j))).collect())?,
    };
    let rivals: Vec<(usize, f64)> = own
        .iter()
        .filter(|&&i2| pairs(i2, j))
        .map(|&i2| (i2, shared(i2, j)))
        .collect();
    match rivals.as_slice() {
        [(only, _)] if *only == i => Some(j),
        _ => (strict_best(rivals)? == i).then_some(j),
    }
}

/// Two figures measure the same thing: the same kind, and for counts the
/// same counted noun ("70 agreements" / "40 agreements"), for money the same
/// currency, for measures the same unit.
fn same_slot(x: &Slot, y: &Slot) -> bool {
    x.kind == y.kind
        && match x.kind {
            SlotKind::Percent | SlotKind::Duration => true,
            _ => x.unit.is_some() && x.unit == y.unit,
        }
}

/// Hours in one unit of a duration.
fn hours(unit: Option<&str>) -> f64 {
    match unit {
        Some("second") => 1.0 / 3600.0,
        Some("minute") => 1.0 / 60.0,
        Some("day") => 24.0,
        Some("week") => 168.0,
        Some("month") => 730.0,
        Some("year") => 8766.0,
        _ => 1.0,
    }
}

/// The value in a unit both sides share: durations in hours.
pub fn value(s: &Slot) -> f64 {
    let v = s.value.number().unwrap_or(0.0);
    match s.kind {
        SlotKind::Duration => v * hours(s.unit.as_deref()),
        _ => v,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Agree,
    Tension,
    Disagree,
}

/// The same figure, whatever bound each side reads it with (a range
/// given in the other order, "between 3,000 and 1,500 years ago" /
/// "between 1,500 and 3,000 years ago"), or figures that agree.
fn agrees(x: &Slot, y: &Slot) -> bool {
    rel_diff(value(x), value(y)) <= EQUAL || verdict(x, y) == Verdict::Agree
}

fn rel_diff(a: f64, b: f64) -> f64 {
    let m = a.abs().max(b.abs());
    if m == 0.0 { 0.0 } else { (a - b).abs() / m }
}

pub fn verdict(x: &Slot, y: &Slot) -> Verdict {
    // The same end of two ranges is a figure each states ("between 2 and
    // 16 meters" / "from 2m to 15m": the top is 16 or 15, not "at most").
    if x.range && y.range && x.bound == y.bound && x.bound != Bound::Exact {
        let exact = |s: &Slot| Slot {
            bound: Bound::Exact,
            range: false,
            ..s.clone()
        };
        return verdict(&exact(x), &exact(y));
    }
    let (vx, vy) = (value(x), value(y));
    let d = rel_diff(vx, vy);
    let is_bound = |q: &Slot| matches!(q.bound, Bound::AtLeast | Bound::AtMost);
    if !is_bound(x) && !is_bound(y) {
        if x.bound == Bound::Exact && y.bound == Bound::Exact {
            // Two exact figures differ by rounding when the finer one rounds
            // to the coarser ("4.7 percent" / "5 percent", "$14.9 billion" /
            // "$15 billion", "22 homes" / "20 homes"): a tension. Otherwise
            // they disagree ("five counts" / "six counts").
            let step = precision(x).max(precision(y));
            return if d <= EQUAL {
                Verdict::Agree
            } else if (vx - vy).abs() <= step / 2.0 {
                Verdict::Tension
            } else {
                Verdict::Disagree
            };
        }
        // "around 70": a rounded figure. Two rounded figures may each be
        // off by that much ("nearly 9 percent" / "about 8 per cent" of one
        // 8.8% rise).
        let about = if x.bound == Bound::About && y.bound == Bound::About {
            2.0 * ABOUT
        } else {
            ABOUT
        };
        return if d <= about {
            Verdict::Agree
        } else if d <= ABOUT_TENSION {
            Verdict::Tension
        } else {
            Verdict::Disagree
        };
    }
    // A bound ("more than 400") against anything: both can be right when
    // their ranges overlap, which is a tension unless they are the same.
    let (lx, hx) = range(x.bound, vx);
    let (ly, hy) = range(y.bound, vy);
    if lx <= hy && ly <= hx {
        // A value the bound allows agrees with it ("more than 400" /
        // "550", "at least two" / "two"); two bounds that overlap are both
        // vague about one figure, a tension.
        if (x.bound == y.bound && d <= EQUAL) || !is_bound(x) || !is_bound(y) {
            Verdict::Agree
        } else {
            Verdict::Tension
        }
    } else {
        Verdict::Disagree
    }
}

/// The rounding step a figure is written to, in the unit of [`value`]:
/// 1 for "22", 0.1 for "4.7", 1e9 for "$15 billion", 100 for "1,200".
/// Figures under a hundred, counts under a thousand and ages are taken as
/// written: outlets round "1,200" to "1,000" and "12.6 miles" to "13
/// miles", not a ten-year-old to ten nor "153 passengers" to "150
/// passengers" (a count of people or things that small is counted).
fn precision(s: &Slot) -> f64 {
    let v = s.value.number().unwrap_or(0.0).abs();
    let scale = value(s) / s.value.number().filter(|n| *n != 0.0).unwrap_or(1.0);
    let counted = v < 100.0 || (s.kind == SlotKind::Count && v < 1000.0);
    if v == 0.0 || s.kind == SlotKind::Age || (counted && v.fract() == 0.0) {
        return scale;
    }
    if v.fract() != 0.0 {
        let text = concord_text::format_number(v);
        let decimals = text.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
        return 10f64.powi(-decimals) * scale;
    }
    let mut step = 1.0;
    while v % (step * 10.0) == 0.0 && step < 1e15 {
        step *= 10.0;
    }
    step * scale
}

/// The values a bounded figure allows.
fn range(bound: Bound, v: f64) -> (f64, f64) {
    match bound {
        Bound::Exact => (v, v),
        Bound::About => (v * (1.0 - ABOUT), v * (1.0 + ABOUT)),
        Bound::AtLeast => (v, f64::INFINITY),
        Bound::AtMost => (f64::NEG_INFINITY, v),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Number;

    #[test]
    fn parts_that_add_up_to_the_other_figure_agree_with_it() {
        assert_no_contradiction(
            "Nine navy helicopters, two police helicopters and 20 boats joined Sunday's search off the coast.",
            "Eleven helicopters and 20 boats joined Sunday's search off the coast.",
        );
    }

    #[test]
    fn counts_of_different_countries_people_are_different_wholes() {
        assert_no_contradiction(
            "The United States announced sanctions the same day against seven top Russian government officials.",
            "Russia responded with sanctions the same day against nine U.S. officials.",
        );
        // The same country on both sides still disputes.
        assert_contradiction(
            "The United States announced sanctions the same day against seven top Russian government officials.",
            "The United States announced sanctions the same day against nine Russian government officials.",
            Number,
        );
    }

    #[test]
    fn a_sum_and_one_part_are_not_two_values() {
        assert_no_contradiction(
            "The producers will cut output in the first half of 2017 by a total of 600,000 barrels a day.",
            "The producers will cut output in the first half of 2017 by 300,000 barrels a day.",
        );
    }

    #[test]
    fn a_total_broken_into_parts_is_no_value_of_one_part() {
        assert_no_contradiction(
            "It takes three hours to reach the wreck and the submarine will film for 10 hours.",
            "It should have taken the submarine 20 hours to film the wreck: 10 hours to film, six hours' travel to the wreck and back, and four hours of checks.",
        );
    }

    #[test]
    fn several_figures_of_one_unit_pair_by_what_they_count() {
        assert_contradiction(
            "He faces one count of reckless driving and five counts of criminal mischief.",
            "He faces one count of reckless driving and six counts of criminal mischief.",
            Number,
        );
    }

    #[test]
    fn flags_different_counts_of_the_same_thing() {
        assert_contradiction(
            "Biden and Kishida unveiled around 70 agreements at the summit.",
            "Biden and Kishida unveiled 40 agreements at the summit.",
            Number,
        );
    }

    #[test]
    fn flags_different_percentages_written_differently() {
        assert_contradiction(
            "Japan will raise military spending to 2 per cent of GDP by 2027.",
            "Japan will raise military spending to 3% of GDP by 2027.",
            Number,
        );
    }

    #[test]
    fn allows_the_same_figure_written_two_ways() {
        assert_no_contradiction(
            "Nippon Steel proposed a $14.9 billion acquisition of U.S. Steel.",
            "Nippon Steel proposed a $14.9bn acquisition of U.S. Steel.",
        );
        assert_no_contradiction(
            "Japan will raise military spending to 2 per cent of GDP by 2027.",
            "Japan will raise military spending to 2% of GDP by 2027.",
        );
    }

    #[test]
    fn allows_rounded_figures() {
        assert_no_contradiction(
            "Biden and Kishida unveiled around 70 agreements at the summit.",
            "Biden and Kishida unveiled 70 agreements at the summit.",
        );
    }

    #[test]
    fn a_small_count_is_counted_and_a_large_one_rounded() {
        assert_contradiction(
            "Relatives of the flight's 150 Chinese passengers clashed with police.",
            "Relatives of the flight's 153 Chinese passengers clashed with police.",
            Number,
        );
        assert_tension(
            "Scion sold 1,200 vehicles in Canada in 2015, the company said.",
            "Scion sold 1,234 vehicles in Canada in 2015, the company said.",
            Number,
        );
    }

    #[test]
    fn a_bound_and_a_value_it_allows_agree() {
        assert_no_finding(
            "More than 400 people were evacuated from the coast.",
            "Some 550 people were evacuated from the coast.",
        );
        assert_no_finding(
            "In Iowa, two people were killed in a 25-vehicle pileup.",
            "State police said a 25-vehicle pileup killed at least two people.",
        );
        assert_tension(
            "More than 400 people were evacuated from the coast.",
            "Up to 500 people were evacuated from the coast.",
            Number,
        );
        assert_contradiction(
            "More than 400 people were evacuated from the coast.",
            "Some 300 people were evacuated from the coast.",
            Number,
        );
    }

    #[test]
    fn ignores_figures_about_different_things() {
        assert_no_contradiction(
            "The two leaders unveiled 70 agreements at the summit.",
            "The two leaders unveiled 70 agreements and three new programmes at the summit.",
        );
        assert_no_contradiction(
            "Two Japanese astronauts would join American space missions.",
            "Japan will raise military spending to 2 per cent of GDP by 2027.",
        );
    }

    #[test]
    fn a_range_in_the_other_order_is_the_same_range() {
        assert_no_finding(
            "The study looked at 1,087 ancient Egyptians buried between 3,000 and 1,500 years ago.",
            "The study looked at 1,087 ancient Egyptians buried between 1,500 and 3,000 years ago.",
        );
    }

    #[test]
    fn the_ends_of_a_range_are_figures_it_states() {
        // "between 2 and 16" puts the top at 16; "up to 16" only caps it.
        assert_contradiction(
            "The objects seen by the satellite were between 2 meters and 16 meters in size.",
            "The objects seen by the satellite were between 2 meters and 15 meters in size.",
            Number,
        );
        assert_tension(
            "The objects seen by the satellite were up to 16 meters in size.",
            "The objects seen by the satellite were up to 15 meters in size.",
            Number,
        );
    }

    #[test]
    fn two_rounded_figures_may_each_be_rounded() {
        assert_no_finding(
            "Brent crude futures surged to settle up nearly 9 percent after the deal.",
            "Brent crude rose by about 8 per cent after the deal.",
        );
    }

    #[test]
    fn some_beyond_those_named_are_not_the_whole() {
        assert_no_contradiction(
            "Three other states also had traffic deaths that were blamed on the storm.",
            "The storm was blamed for traffic deaths in five states.",
        );
        assert_contradiction(
            "Three states had traffic deaths that were blamed on the storm.",
            "Five states had traffic deaths that were blamed on the storm.",
            Number,
        );
    }

    #[test]
    fn flags_a_tally_of_one_vote_in_sentences_that_say_more() {
        assert_contradiction(
            "The committee voted to send that referral to Holder after a session conducted mainly behind closed doors and on a 23-14, party-line vote.",
            "After a rare, closed-door markup, the panel voted 23-12 along party lines to send a letter to Attorney General Eric Holder, requesting he take the former official to court.",
            Number,
        );
        // A mixed number is no tally.
        assert_no_contradiction(
            "Analysts said the June bond closed at 100-10/32 on Friday after a false breakout on the weekly charts.",
            "June bonds closed at 100-4/32 today, traders said.",
        );
        // A tally with no side in common is another vote.
        assert_no_contradiction(
            "The committee voted to send that referral to Holder after a session conducted mainly behind closed doors and on a 23-14, party-line vote.",
            "After a rare, closed-door markup, the panel voted 20-12 along party lines to send a letter to Attorney General Eric Holder, requesting he take the former official to court.",
        );
    }

    #[test]
    fn two_groups_results_are_no_disputed_figure() {
        // "who gained less" / "who gained more": two groups of one study.
        assert_no_finding(
            "Women who gained less weight than recommended were 63 percent more likely to have an obese child.",
            "Women who gained more weight than recommended were 80 percent more likely to have an obese child.",
        );
        assert_contradiction(
            "Women who gained less weight than recommended were 63 percent more likely to have an obese child.",
            "Women who gained less weight than recommended were 80 percent more likely to have an obese child.",
            Number,
        );
        // A comparative that is what is stated, not who is meant, is still
        // an antonym.
        assert_contradiction(
            "Yields on certificates of deposit offered by the central bank were mostly lower than last Monday's offering, the bank said.",
            "Yields on certificates of deposit offered by the central bank were higher than last Monday's offering, the bank said.",
            concord_core::ContradictionKind::Antonym,
        );
    }

    #[test]
    fn counts_of_who_did_two_things_are_two_counts() {
        assert_no_finding(
            "Police said he was confronted by two men at the carwash about his red shoes.",
            "Police said three men were arrested at the carwash over the killing.",
        );
        assert_no_finding(
            "Police said two men were arrested at the carwash after the shooting on Monday.",
            "Police said three men were questioned at the carwash after the shooting on Monday.",
        );
        // The same verb, or none beside one count, still disputes.
        assert_contradiction(
            "Inside the shop, he was confronted by two men who asked about his gang affiliation because he was wearing red shoes.",
            "Inside the shop, he was confronted by three men who asked about his gang affiliation because he was wearing red shoes.",
            Number,
        );
        assert_contradiction(
            "The attack killed 12 people, police said.",
            "The attack left 14 people dead, police said.",
            Number,
        );
    }

    #[test]
    fn a_relative_change_is_no_share() {
        // "63 percent more likely" is a change; "20.4 percent had children
        // who were obese" is a share of the women.
        assert_no_finding(
            "Women who gained too little weight were 63 percent more likely to have children who became obese.",
            "Among women who gained too little weight, 20.4 percent had children who became obese.",
        );
        assert_contradiction(
            "Women who gained too little weight were 63 percent more likely to have children who became obese.",
            "Women who gained too little weight were 80 percent more likely to have children who became obese.",
            Number,
        );
    }

    #[test]
    fn a_bare_figure_keeps_its_bound() {
        // No slot holds "two billion" (nothing is counted): the bare
        // figures are compared, with their bounds.
        assert_no_finding(
            "A century after that, around 1930, the population had doubled again to two billion.",
            "The population is projected to have over 1.7 billion by mid-century.",
        );
        assert_contradiction(
            "A century after that, around 1930, the population had doubled again to two billion.",
            "A century after that, around 1930, the population had doubled again to 1.7 billion.",
            Number,
        );
    }

    #[test]
    fn flags_a_different_tally() {
        assert_contradiction(
            "The committee voted 23-14 along party lines to refer the case to prosecutors.",
            "The committee voted 23-12 along party lines to refer the case to prosecutors.",
            Number,
        );
    }
}
