//! "Do these two claims state the same fact?", from an alignment, optionally
//! with some terms set aside (the slot a contradiction is about: a number, a
//! date, a swapped name).
//!
//! Two claims state the same fact when any of these holds:
//! - their Dice similarity reaches `same_fact`;
//! - the shorter one is covered by the longer one at least
//!   `elaborates_cover`, its content words alone at least
//!   `elaborates_content_share` of that (more than names shared);
//! - they share distinctive wording: three or more content words worth
//!   `shared_wording` of IDF weight, with one side covered at least `link`
//!   plus `shared_wording_margin` (outlets wrap the same fact in different
//!   context, so cover alone misses many real pairs).
//!
//! The numbers are thresholds of the rule set (rules/thresholds.toml); the
//! word counts (two, three) are part of the rules' definitions.

use crate::align::Alignment;
use crate::prepare::{Prepared, Term};
use concord_core::TokenRole;
use concord_rules::Thresholds;

/// Alignment figures over the kept terms.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct View {
    pub cover_a: f64,
    pub cover_b: f64,
    pub content_cover_a: f64,
    pub content_cover_b: f64,
    pub dice: f64,
    /// Mean over both sides of the IDF weight of shared content words.
    pub shared_content: f64,
    /// Number of content words of `a` matched in `b`.
    pub shared_words: usize,
}

impl View {
    pub fn max_cover(&self) -> f64 {
        self.cover_a.max(self.cover_b)
    }

    pub fn min_cover(&self) -> f64 {
        self.cover_a.min(self.cover_b)
    }
}

/// Computes the figures over the terms `keep` accepts.
pub fn view(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    al: &Alignment,
    keep: impl Fn(&Term) -> bool,
) -> View {
    let side = |p: &Prepared<'_>, s: &[f64], content_only: bool| {
        let mut total = 0.0;
        let mut matched = 0.0;
        for (t, m) in p.terms.iter().zip(s) {
            if !keep(t) || (content_only && t.role == TokenRole::Entity) {
                continue;
            }
            total += t.weight;
            matched += t.weight * m;
        }
        (matched, total)
    };
    let ratio = |(m, t): (f64, f64)| if t == 0.0 { 0.0 } else { m / t };
    let (ma, ta) = side(a, &al.strength_a, false);
    let (mb, tb) = side(b, &al.strength_b, false);
    let content = |p: &Prepared<'_>, s: &[f64]| -> f64 {
        p.terms
            .iter()
            .zip(s)
            .filter(|(t, _)| keep(t) && t.role == TokenRole::Content)
            .map(|(t, m)| t.weight * m)
            .sum()
    };
    View {
        cover_a: ratio((ma, ta)),
        cover_b: ratio((mb, tb)),
        content_cover_a: ratio(side(a, &al.strength_a, true)),
        content_cover_b: ratio(side(b, &al.strength_b, true)),
        dice: if ta + tb == 0.0 {
            0.0
        } else {
            (ma + mb) / (ta + tb)
        },
        shared_content: 0.5 * (content(a, &al.strength_a) + content(b, &al.strength_b)),
        shared_words: a
            .terms
            .iter()
            .zip(&al.strength_a)
            .filter(|(t, m)| keep(t) && t.role == TokenRole::Content && **m > 0.0)
            .count(),
    }
}

/// The same-fact rule (see the module documentation).
pub fn same_fact(v: &View, th: &Thresholds) -> bool {
    v.dice >= th.same_fact || shorter_side_covered(v, th) || shared_wording(v, th)
}

/// The shorter claim is mostly covered by the longer one, with more than
/// names shared and more than one content word: a one-word claim ("No one
/// is protesting them.") is covered by every sentence that uses its word.
pub fn shorter_side_covered(v: &View, th: &Thresholds) -> bool {
    let (cover, content) = if v.cover_a >= v.cover_b {
        (v.cover_a, v.content_cover_a)
    } else {
        (v.cover_b, v.content_cover_b)
    };
    cover >= th.elaborates_cover
        && content >= th.elaborates_cover * th.elaborates_content_share
        && v.shared_words >= 2
}

/// Distinctive wording in common, whatever the sentence lengths.
pub fn shared_wording(v: &View, th: &Thresholds) -> bool {
    v.shared_words >= 3
        && v.max_cover() >= th.link + th.shared_wording_margin
        && v.shared_content >= th.shared_wording
}
