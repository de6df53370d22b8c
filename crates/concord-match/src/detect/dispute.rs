//! A value two outlets give differently in sentences that otherwise say
//! different things: "the Adriatic state of 650,000 people is expected to
//! join" / "the mountainous Adriatic country of 850,000 people has a small
//! military". The other slot detectors compare values of claims that say
//! nearly the same thing; this one compares values whose own surroundings
//! align strongly (`slot_dispute_weight` of shared IDF weight around the
//! two values, and the same role), whatever the rest of the claims say.
//!
//! It is not a registered kind of its own: a dispute is reported as the
//! kind of its values (number, date, time, age), through [`find`].

use super::{Context, Evidence};
use concord_core::{ContradictionKind, Slot, SlotKind};

/// The contradiction kind of a slot kind, if values of that kind can
/// disagree.
fn kind_of(k: SlotKind) -> Option<ContradictionKind> {
    match k {
        SlotKind::Count
        | SlotKind::Money
        | SlotKind::Percent
        | SlotKind::Measure
        | SlotKind::Duration => Some(ContradictionKind::Number),
        SlotKind::Age => Some(ContradictionKind::Age),
        SlotKind::Date => Some(ContradictionKind::Date),
        SlotKind::Time => Some(ContradictionKind::Time),
        SlotKind::Ordinal => None,
    }
}

/// Do the two values disagree (bounds and rounding respected)? Soft when
/// both can be right.
fn disagree(x: &Slot, y: &Slot) -> Option<bool> {
    match x.kind {
        SlotKind::Date => {
            let same = |a: Option<i64>, b: Option<i64>| a.is_none() || b.is_none() || a == b;
            let shared = (x.year.is_some() && y.year.is_some())
                || (x.month.is_some() && y.month.is_some())
                || (x.weekday.is_some() && y.weekday.is_some());
            let compatible = same(x.year.map(i64::from), y.year.map(i64::from))
                && same(x.month.map(i64::from), y.month.map(i64::from))
                && same(x.day.map(i64::from), y.day.map(i64::from))
                && (x.weekday.is_none() || y.weekday.is_none() || x.weekday == y.weekday);
            (shared && !compatible).then_some(false)
        }
        SlotKind::Time => (x.value != y.value && x.bound == y.bound).then_some(false),
        _ => match super::number::verdict(x, y) {
            super::number::Verdict::Agree => None,
            super::number::Verdict::Tension => Some(true),
            super::number::Verdict::Disagree => Some(false),
        },
    }
}

/// The first disputed value pair, with its kind.
pub fn find(ctx: &Context<'_, '_>) -> Option<(ContradictionKind, Evidence)> {
    let (sa, sb) = (&ctx.a.claim.slots, &ctx.b.claim.slots);
    // Two groups ("who gained more weight" / "who gained less") have two
    // results, not one disputed value.
    if sa.is_empty() || sb.is_empty() || ctx.opposed_comparatives() {
        return None;
    }
    for (i, x) in sa.iter().enumerate() {
        let Some(kind) = kind_of(x.kind) else {
            continue;
        };
        // One value of this kind and unit on each side, or one of that
        // role: two figures of one kind in a sentence ("rose from 5 to 7")
        // cannot be paired here, but two ages can by whose they are
        // ("Banjo, 2, and Crosby, 3" / "Crosby, a 5-year-old male, and
        // Banjo, a 2-year-old male").
        let same_unit = |y: &Slot| y.kind == x.kind && y.unit == x.unit;
        let same_role = |y: &Slot| match (&x.role, &y.role) {
            (Some(rx), Some(ry)) => ctx.lex.content_term(rx) == ctx.lex.content_term(ry),
            _ => false,
        };
        // A person has one age: two ages of the same named person
        // disagree whatever else the claims say around them. A common
        // noun is no such owner ("his 20-year-old brother" / "his
        // 4-year-old brother").
        let person = x.kind == SlotKind::Age
            && x.role.as_deref().is_some_and(|r| {
                super::names_word(&ctx.a.claim.text, r) && super::names_word(&ctx.b.claim.text, r)
            });
        let ys: Vec<usize> = (0..sb.len()).filter(|&j| same_unit(&sb[j])).collect();
        let xs = sa.iter().filter(|s| same_unit(s)).count();
        // The same end of two ranges pairs too ("between 2 meters and 16
        // meters" / "from 2m to 15m": top with top).
        let same_end = |s: &Slot| s.range && s.bound == x.bound;
        let only_end = || {
            let mut ends = ys.iter().copied().filter(|&j| same_end(&sb[j]));
            match (ends.next(), ends.next()) {
                (Some(j), None) => Some(j),
                _ => None,
            }
        };
        let paired_end =
            if x.range && sa.iter().filter(|s| same_unit(s) && same_end(s)).count() == 1 {
                only_end()
            } else {
                None
            };
        let j = if ys.len() == 1 && xs == 1 {
            ys[0]
        } else if let Some(j) = paired_end {
            j
        } else {
            let by_role: Vec<usize> = ys.iter().copied().filter(|&j| same_role(&sb[j])).collect();
            let rivals = sa.iter().filter(|s| same_unit(s) && same_role(s)).count();
            if !person || by_role.len() != 1 || rivals != 1 {
                continue;
            }
            by_role[0]
        };
        let y = &sb[j];
        if x.kind == SlotKind::Date
            && super::date::since_reference(ctx.a.claim, x)
                != super::date::since_reference(ctx.b.claim, y)
        {
            continue;
        }
        let role_same = same_role(y);
        let same_person = person && role_same;
        let shared = ctx.a.shared_context(i, ctx.b, j);
        // Values of different people or things near them ("Brent Sass
        // left Kaltag at 8:20" / "Dallas Seavey left Kaltag at 11:24") are
        // not one value; names elsewhere in long sentences do not matter.
        if !role_same
            || (shared < ctx.th.slot_dispute_weight && !same_person)
            || !ctx.slots_align(i, j)
            || ctx.different_names_near(i, j)
            || super::number::different_wholes(x, y, ctx)
        {
            continue;
        }
        if let Some(soft) = disagree(x, y) {
            return Some((
                kind,
                Evidence {
                    soft,
                    detail: format!("\"{}\" vs \"{}\"", x.text, y.text),
                    values: None,
                },
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::{Age, Date, Number};

    #[test]
    fn flags_a_date_of_one_clause_in_sentences_that_say_more() {
        assert_contradiction(
            "The foot was excavated in 1998 by an expedition team from the University of Kansas which included Anthony Maltese, now at the Rocky Mountain Dinosaur Resource Center.",
            "Excavated in 2008 by an expedition from the University of Kansas, and described in a new study published in PeerJ, Bigfoot was discovered in the Black Hills.",
            Date,
        );
        assert_no_contradiction(
            "Brent Sass left Kaltag at 8:20 a.m. on the way to Unalakleet after a long rest.",
            "Dallas Seavey left Kaltag at 11:24 a.m. in third place.",
        );
    }

    #[test]
    fn flags_a_figure_of_the_same_thing_in_different_sentences() {
        assert_contradiction(
            "The Baltic republic of 650,000 people is expected to join the union next year.",
            "The small Baltic republic of 850,000 people has only a small army.",
            Number,
        );
    }

    #[test]
    fn a_name_in_another_clause_says_nothing_about_whose_the_value_is() {
        assert_contradiction(
            "The data covered pollution levels in more than 350 individual grey seals along the coast, the largest sample of grey seals ever taken.",
            "The survey, published in the journal Cell, examined pollution in 251 grey seals, the largest sample yet.",
            Number,
        );
    }

    #[test]
    fn the_same_ends_of_two_ranges_pair() {
        // Who the figures were told to ("the BBC") and where the speaker
        // works (", of ... Agency,") are no other subject.
        assert_contradiction(
            "The objects spotted by the Thai satellite on Monday were between 2 meters (6.5 ft) and 16 meters (52 ft) in size and were in an area southwest of Perth, Snidvongs said.",
            "Anond Snidvongs, of Thailand's Space Technology Development Agency, told the BBC the objects ranged from 2m to 15m (6.5ft to 50ft) in size.",
            Number,
        );
    }

    #[test]
    fn a_dash_before_a_name_near_a_value_is_read_whole() {
        // The clause boundary before the value is a three-byte dash.
        let _ = compare(
            "Hendricks \u{2014} who was seen recently spending time with 22-year-old model Anna Berg \u{2014} entered rehab on Wednesday.",
            "Hendricks entered rehab on Tuesday, his spokesman said.",
        );
    }

    #[test]
    fn ages_of_several_people_pair_by_whose_they_are() {
        assert_contradiction(
            "Two other dogs, Banjo, 2, and Crosby, 3, were injured, according to race officials.",
            "Crosby, a 5-year-old male, and Banjo, a 2-year-old male, received injuries and are expected to survive.",
            Age,
        );
    }

    #[test]
    fn figures_of_different_things_are_left_alone() {
        assert_no_contradiction(
            "Some 650,000 people live in the Baltic republic, officials said.",
            "About 850,000 people visited the capital's museums last year.",
        );
    }
}
