//! Different ages for the same person or animal: "the 59-year-old King"
//! / "the 45-year-old King", "Crosby, 3," / "Crosby, a 5-year-old". Ages
//! pair by their owner (the slot role) when both sides name one; a side
//! with ages of several owners ("a 4-year-old boy ... his 20-year-old
//! brother") is compared only by owner.

use super::number::compare_slots;
use super::{Context, Evidence};
use concord_core::{Slot, SlotKind};

fn is_age(s: &Slot) -> bool {
    s.kind == SlotKind::Age
}

/// The same owner, or no owner on one side; ages in weeks or months only
/// against the same unit.
fn same_owner(x: &Slot, y: &Slot) -> bool {
    x.unit == y.unit
        && match (&x.role, &y.role) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// A side with ages of several owners pairs them only by name: "a 4-year-old
/// boy ... his 20-year-old brother" and "a 20-year-old man ... his
/// 4-year-old brother" describe the same two people with other nouns.
pub fn detect(ctx: &Context<'_, '_>) -> Option<Evidence> {
    let several = |c: &concord_core::Claim| c.slots.iter().filter(|s| is_age(s)).count() > 1;
    if several(ctx.a.claim) || several(ctx.b.claim) {
        let named = |c: &concord_core::Claim| {
            c.slots
                .iter()
                .filter(|s| is_age(s))
                .all(|s| s.role.as_deref().is_some_and(|r| is_name_in(r, &c.text)))
        };
        if !(named(ctx.a.claim) && named(ctx.b.claim)) {
            return None;
        }
    }
    compare_slots(ctx, is_age, same_owner)
}

/// Is `role` written with a capital in `text` (a name, not a noun)?
fn is_name_in(role: &str, text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(role).any(|(i, _)| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use concord_core::ContradictionKind::Age;

    #[test]
    fn ages_of_one_person_disagree() {
        assert_contradiction(
            "The 59-year-old musher viewed the attack on his team as intentional.",
            "The 45-year-old musher viewed the attack on his team as intentional.",
            Age,
        );
        assert_contradiction(
            "Demoski, 26, was charged with assault.",
            "Demoski, 29, was charged with assault.",
            Age,
        );
    }

    #[test]
    fn ages_of_two_people_are_left_alone() {
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
