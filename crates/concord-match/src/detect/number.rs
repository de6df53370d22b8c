//! Different figures for the same quantity: "around 70 agreements" / "40
//! agreements". Figures are compared only within one kind (count, percent,
//! money) and one unit (the counted noun, the currency). A bound and a value
//! it allows ("more than 400" / "550"), or a rounded figure near the other,
//! is a tension, not a contradiction.

use super::{Context, Evidence};
use concord_core::{Bound, Quantity, QuantityKind};

/// Relative difference below which two exact figures are equal (rounding
/// in the last digit: "14.9" / "14.90", "1.49e10" / "1.5e10" is not).
const EQUAL: f64 = 0.005;
/// Two exact figures this close are a tension (a rounded or updated figure:
/// "5 percent" / "4.7 percent"), farther apart a contradiction.
const EXACT_TENSION: f64 = 0.20;
/// "around 70" allows this much either way without remark.
const ABOUT: f64 = 0.10;
/// "around 70" against a figure this close is a tension; farther, a
/// contradiction.
const ABOUT_TENSION: f64 = 0.25;

pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    if ctx.different_subjects() {
        return None;
    }
    if !ctx.same_statement_but_slot() {
        return None;
    }
    let qa = &ctx.a.claim.quantities;
    let qb = &ctx.b.claim.quantities;
    for x in qa.iter().filter(|q| q.kind != QuantityKind::Ordinal) {
        let comparable: Vec<&Quantity> = qb.iter().filter(|y| same_slot(x, y)).collect();
        if comparable.is_empty() || comparable.iter().any(|y| verdict(x, y) == Verdict::Agree) {
            continue;
        }
        // Several figures of one kind on a side ("rose 96 cents to $42.72",
        // "the CAC rose 0.6%, the DAX 1.2%") cannot be paired without
        // knowing their roles: compare only one against one.
        // Ages count as one kind here: "a 4-year-old boy ... by his
        // 20-year-old brother" gives two ages whose owners only the syntax
        // tells apart.
        let family = |q: &Quantity| is_age(q) && is_age(x);
        if comparable.len() > 1
            || qa
                .iter()
                .filter(|x2| same_slot(x2, x) || family(x2))
                .count()
                > 1
            || qb.iter().filter(|y| family(y)).count() > 1
        {
            continue;
        }
        // The other side's figure must not agree with another figure here.
        let Some(y) = comparable.iter().find(|y| {
            !qa.iter()
                .any(|x2| same_slot(x2, y) && verdict(x2, y) == Verdict::Agree)
        }) else {
            continue;
        };
        let soft = verdict(x, y) == Verdict::Tension;
        return Some(Evidence {
            soft,
            detail: format!("\"{}\" vs \"{}\"", x.text, y.text),
        });
    }
    None
}

/// Two figures measure the same thing: the same kind, and for counts the
/// same counted noun ("70 agreements" / "40 agreements"; a bare "17" is
/// compared with nothing), for money the same currency.
fn same_slot(x: &Quantity, y: &Quantity) -> bool {
    x.kind == y.kind
        && match x.kind {
            QuantityKind::Percent => true,
            QuantityKind::Count => x.unit.is_some() && x.unit == y.unit,
            _ => x.unit == y.unit,
        }
}

/// An age ("the 59-year-old King": unit "age king").
fn is_age(q: &Quantity) -> bool {
    q.unit
        .as_deref()
        .is_some_and(|u| u == "age" || u.starts_with("age "))
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Agree,
    Tension,
    Disagree,
}

fn rel_diff(a: f64, b: f64) -> f64 {
    let m = a.abs().max(b.abs());
    if m == 0.0 { 0.0 } else { (a - b).abs() / m }
}

fn verdict(x: &Quantity, y: &Quantity) -> Verdict {
    let d = rel_diff(x.value, y.value);
    let is_bound = |q: &Quantity| matches!(q.bound, Bound::AtLeast | Bound::AtMost);
    if !is_bound(x) && !is_bound(y) {
        if x.bound == Bound::Exact && y.bound == Bound::Exact {
            return if d <= EQUAL {
                Verdict::Agree
            } else if d <= EXACT_TENSION {
                Verdict::Tension
            } else {
                Verdict::Disagree
            };
        }
        // "around 70": a rounded figure.
        return if d <= ABOUT {
            Verdict::Agree
        } else if d <= ABOUT_TENSION {
            Verdict::Tension
        } else {
            Verdict::Disagree
        };
    }
    // A bound ("more than 400") against anything: both can be right when
    // their ranges overlap, which is a tension unless they are the same.
    let (lx, hx) = range(x);
    let (ly, hy) = range(y);
    if lx <= hy && ly <= hx {
        if x.bound == y.bound && d <= EQUAL {
            Verdict::Agree
        } else {
            Verdict::Tension
        }
    } else {
        Verdict::Disagree
    }
}

/// The values a quantity allows.
fn range(q: &Quantity) -> (f64, f64) {
    let v = q.value;
    match q.bound {
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
    fn a_bound_and_a_value_it_allows_is_a_tension() {
        assert_tension(
            "More than 400 people were evacuated from the coast.",
            "Some 550 people were evacuated from the coast.",
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
    fn ages_of_one_person_disagree_and_ages_of_two_are_left_alone() {
        assert_contradiction(
            "The 59-year-old musher viewed the attack on his team as intentional.",
            "The 45-year-old musher viewed the attack on his team as intentional.",
            Number,
        );
        assert_no_contradiction(
            "A 4-year-old boy was thrown from the roof by his 20-year-old brother, police said.",
            "A 20-year-old man threw his 4-year-old brother from the roof, police said.",
        );
        assert_no_contradiction(
            "The musher's three-year-old dog was killed in the attack.",
            "The 59-year-old musher lost a dog in the attack.",
        );
    }
}
