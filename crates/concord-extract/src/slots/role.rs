//! What a slot's value is about (its `role`): the counted noun of a count,
//! the person an age belongs to, the noun a rank or measure qualifies, and
//! for dates, times, durations, money and shares the nearest verb or noun
//! before it in the claim ("signed out ... at 9:32 p.m." → `sign`). Two
//! values can only disagree when their roles align (concord-match).
//!
//! Without a part-of-speech tagger this is a heuristic: the nearest content
//! word, with verbs preferred over nouns when both are near.

use super::{Ctx, Draft, Vocab};
use concord_core::SlotKind;

/// A rough lemma: irregular forms from the lexicon's `[lemmas]`, plurals
/// singular, "-ed" and "-ing" taken off.
pub fn lemma(ctx: &Ctx<'_>, w: &str) -> String {
    if let Some(base) = ctx.lex.lemma(w) {
        return base.to_string();
    }
    if let Some(stem) = w.strip_suffix("ied") {
        return format!("{stem}y");
    }
    for (end, keep) in [
        ("ated", "ate"),
        ("ized", "ize"),
        ("ised", "ise"),
        ("uced", "uce"),
        ("osed", "ose"),
        ("ived", "ive"),
        ("aged", "age"),
        ("ured", "ure"),
    ] {
        if let Some(stem) = w.strip_suffix(end) {
            return format!("{stem}{keep}");
        }
    }
    if let Some(stem) = w.strip_suffix("ed").or_else(|| w.strip_suffix("ing"))
        && stem.len() >= 3
    {
        let b = stem.as_bytes();
        // "stopped" → "stop"
        if b.len() >= 2
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's' | b'e')
        {
            return stem[..stem.len() - 1].to_string();
        }
        return stem.to_string();
    }
    if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        return super::count::singular(ctx, w);
    }
    w.to_string()
}

fn is_verbish(w: &str) -> bool {
    w.ends_with("ed") || w.ends_with("ing")
}

/// A lower-case content word outside every slot (or the claim's first
/// word, capitalised as every first word is: "Excavated in 2008").
fn content(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.ws.get(k).is_some_and(|w| {
        w.shape == concord_text::WordShape::Word
            && (!w.is_capitalized() || (k == 0 && !ctx.names[k]))
    }) && !ctx.drafts.iter().any(|d| (d.first..=d.last).contains(&k))
        && !ctx.lex.is_stopword(ctx.low(k))
        && ctx.lex.cues.approximate.match_at(&ctx.low, k).is_none()
        && ctx.low(k).len() > 2
        && !Vocab::has(&ctx.v.lists.span_words, ctx.low(k))
        // "ranged from 2m to 15m": the verb of a range says how the value
        // is given, not what it is about.
        && !super::RANGE_VERBS.contains(&ctx.low(k))
}

pub fn of(ctx: &Ctx<'_>, d: &Draft) -> Option<String> {
    match d.kind {
        // "a four-time Iditarod champion" counts championships, "a
        // three-time runner-up" second places: the noun after the
        // compound is what its times are of.
        SlotKind::Count if d.unit.as_deref() == Some("time") && ctx.low(d.last) == "time" => {
            noun_after(ctx, d.last).or_else(|| d.unit.clone())
        }
        SlotKind::Count => d
            .unit
            .as_ref()
            .map(|u| u.split(" per ").next().unwrap_or(u).to_string()),
        SlotKind::Age => age_owner(ctx, d),
        SlotKind::Ordinal | SlotKind::Measure => {
            noun_after(ctx, d.last).or_else(|| verb_before(ctx, d.first))
        }
        _ => qualified_noun(ctx, d)
            .or_else(|| verb_before(ctx, d.first))
            .or_else(|| noun_after(ctx, d.last)),
    }
}

/// The noun a value qualifies when it stands between an opener and that
/// noun ("its 2007 peak" → `peak`, "a $10,000 bond" → `bond`): what the
/// value is about, whatever verb comes before.
fn qualified_noun(ctx: &Ctx<'_>, d: &Draft) -> Option<String> {
    let before = d.first.checked_sub(1)?;
    let next = d.last + 1;
    let opens = Vocab::has(&ctx.v.lists.qualifier_openers, ctx.low(before))
        && ctx.gap(d.first).trim().is_empty()
        && ctx.gap(next).trim().is_empty();
    (opens && content(ctx, next)).then(|| lemma(ctx, ctx.low(next)))
}

/// The nearest content word before word `first` (up to eight back),
/// preferring a verb-like one among the nearest three.
fn verb_before(ctx: &Ctx<'_>, first: usize) -> Option<String> {
    let near: Vec<usize> = (first.saturating_sub(8)..first)
        .rev()
        .filter(|&k| content(ctx, k))
        .collect();
    let pick = near
        .iter()
        .take(3)
        .find(|&&k| is_verbish(ctx.low(k)) || ctx.lex.lemma(ctx.low(k)).is_some())
        .or_else(|| near.first())?;
    Some(lemma(ctx, ctx.low(*pick)))
}

fn noun_after(ctx: &Ctx<'_>, last: usize) -> Option<String> {
    (last + 1..last + 4)
        .find(|&k| content(ctx, k) && !Vocab::has(&ctx.v.lists.count_modifiers, ctx.low(k)))
        .map(|k| lemma(ctx, ctx.low(k)))
}

/// The person of an age: the name before it ("Kroll, 34", "Crosby, a
/// 5-year-old male"), the noun or name after "-year-old", or the subject
/// of "He was 35".
fn age_owner(ctx: &Ctx<'_>, d: &Draft) -> Option<String> {
    let before = d.first.checked_sub(1);
    // The name an apposition follows: "Kroll, 34" or "Crosby, another
    // 3-year-old".
    let apposed =
        |at: usize, p: usize| matches!(ctx.gap(at).trim(), "," | "(") && ctx.ws[p].is_capitalized();
    if let Some(p) = before
        && apposed(d.first, p)
    {
        return Some(ctx.low(p).to_string());
    }
    if let Some(p) = before
        && matches!(ctx.low(p), "a" | "an" | "another")
        && p > 0
        && apposed(p, p - 1)
    {
        return Some(ctx.low(p - 1).to_string());
    }
    if let Some(p) = before
        && matches!(ctx.low(p), "was" | "is" | "turned" | "turns")
        && p > 0
    {
        return Some(ctx.low(p - 1).to_string());
    }
    noun_after(ctx, d.last)
}
