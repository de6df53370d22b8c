//! Clock times: "9:32 p.m.", "9:32p.m.", "10: 44 a.m.", "6pm", "4.30pm",
//! "12.39 pm", "10 a.m. ET", "09:45", "1720 GMT", "noon", "midnight". The
//! value is `HH:MM` on 24 hours; a time zone written after it is part of
//! its text.

use super::number::Figure;
use super::{Ctx, Draft, Vocab};
use concord_core::SlotKind;

/// am (false) or pm (true) written at word `i`, as a word ("p.m.", "pm")
/// or split by the tokenizer ("p" glued to the digits, then "m").
fn meridiem_word(ctx: &Ctx<'_>, i: usize) -> Option<bool> {
    let w = ctx.low(i);
    if Vocab::has(&ctx.v.lists.am, w) {
        Some(false)
    } else if Vocab::has(&ctx.v.lists.pm, w) {
        Some(true)
    } else {
        None
    }
}

fn meridiem_suffix(s: &str) -> Option<bool> {
    match s {
        "am" | "a" => Some(false),
        "pm" | "p" => Some(true),
        _ => None,
    }
}

fn hm(hour: f64, minute: f64, pm: Option<bool>) -> Option<String> {
    if hour.fract() != 0.0 || minute.fract() != 0.0 || !(0.0..60.0).contains(&minute) {
        return None;
    }
    let mut h = hour as u32;
    match pm {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            if pm && h != 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        None if h > 23 => return None,
        None => {}
    }
    Some(format!("{h:02}:{:02}", minute as u32))
}

/// Two-digit minutes at the start of `s` and what follows them.
fn minutes(s: &str) -> Option<(f64, &str)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 2).then(|| (digits.parse().unwrap_or(99.0), &s[2..]))
}

pub fn find(ctx: &Ctx<'_>, i: usize, fig: Option<&Figure>) -> Option<Draft> {
    let low = ctx.low(i);
    if Vocab::has(&ctx.v.lists.noon, low) {
        return Some(Draft::text(SlotKind::Time, "12:00".into(), i, i)).map(|d| zone(ctx, d));
    }
    if Vocab::has(&ctx.v.lists.midnight, low) {
        return Some(Draft::text(SlotKind::Time, "00:00".into(), i, i)).map(|d| zone(ctx, d));
    }
    let fig = fig?;
    if !fig.digits || fig.first != fig.last {
        // "twelve noon" and spelled-out times are rare in news copy.
        return None;
    }
    let raw = ctx.ws[i].text.to_lowercase();
    // "9:32 p.m.", "9:32p.m.", "10: 44 a.m.", "09:45"
    if fig.suffix.is_none()
        && fig.plain
        && raw.len() <= 2
        && let Some(next) = ctx.ws.get(i + 1)
        && ctx.gap(i + 1).trim() == ":"
        && !ctx.taken[i + 1]
    {
        let next_low = next.text.to_lowercase();
        let (minute, rest) = minutes(&next_low)?;
        let (pm, last) = if let Some(pm) = meridiem_suffix(rest) {
            // "9:32p.m." is tokenized "9", "32p", "m".
            if rest.len() == 1 && ctx.low(i + 2) == "m" {
                (Some(pm), i + 2)
            } else {
                (Some(pm), i + 1)
            }
        } else if !rest.is_empty() {
            return None;
        } else if let Some(pm) = meridiem_word(ctx, i + 2) {
            (Some(pm), i + 2)
        } else {
            // A bare "H:MM" is a time when written with two-digit hours or
            // with a zone ("09:45", "04:00 GMT"), not "3:16" of a verse.
            let zoned = ctx.v.lists.time_zones.match_at(&ctx.low, i + 2).is_some();
            if raw.len() < 2 && !zoned {
                return None;
            }
            if ctx.gap(i + 1) != ":" {
                return None;
            }
            (None, i + 1)
        };
        let value = hm(fig.value, minute, pm)?;
        return Some(zone(
            ctx,
            with_dot(ctx, Draft::text(SlotKind::Time, value, i, last)),
        ));
    }
    // "6pm", "4.30pm": the meridiem glued to the figure.
    if let Some(s) = &fig.suffix
        && let Some(pm) = meridiem_suffix(s)
    {
        let (hour, minute) = split_decimal(&raw)?;
        let last = if s.len() == 1 && ctx.low(i + 1) == "m" {
            i + 1
        } else {
            i
        };
        let value = hm(hour, minute, Some(pm))?;
        return Some(zone(
            ctx,
            with_dot(ctx, Draft::text(SlotKind::Time, value, i, last)),
        ));
    }
    if fig.suffix.is_some() {
        return None;
    }
    // "10 a.m.", "12.39 pm"
    if let Some(pm) = meridiem_word(ctx, i + 1)
        && !ctx.taken[i + 1]
    {
        let (hour, minute) = split_decimal(&raw)?;
        let value = hm(hour, minute, Some(pm))?;
        return Some(zone(
            ctx,
            with_dot(ctx, Draft::text(SlotKind::Time, value, i, i + 1)),
        ));
    }
    // "1720 GMT", "0945 local time": a 24-hour clock needs its zone.
    if fig.plain && raw.len() == 4 && ctx.v.lists.time_zones.match_at(&ctx.low, i + 1).is_some() {
        let (h, m) = (fig.value / 100.0, fig.value % 100.0);
        let value = hm(h.floor(), m, None)?;
        return Some(zone(ctx, Draft::text(SlotKind::Time, value, i, i)));
    }
    None
}

/// "4.30" → (4, 30), "6" → (6, 0); minutes must have two digits.
fn split_decimal(raw: &str) -> Option<(f64, f64)> {
    let digits: String = raw
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    match digits.split_once('.') {
        Some((h, m)) if m.len() == 2 => Some((h.parse().ok()?, m.parse().ok()?)),
        Some(_) => None,
        None => Some((digits.parse().ok()?, 0.0)),
    }
}

/// Keeps the final dot of "a.m." or "p.m" in the text when the tokenizer
/// left it out.
fn with_dot(ctx: &Ctx<'_>, mut d: Draft) -> Draft {
    let w = &ctx.ws[d.last];
    if !w.text.ends_with('.') && ctx.text[w.end..].starts_with('.') && w.text.len() < 4 {
        let is_meridiem = Vocab::has(&ctx.v.lists.am, ctx.low(d.last))
            || Vocab::has(&ctx.v.lists.pm, ctx.low(d.last))
            || ctx.low(d.last) == "m";
        if is_meridiem && (ctx.low(d.last).contains('.') || ctx.low(d.last) == "m") {
            d.end = Some(w.end + 1);
        }
    }
    d
}

/// Adds a time zone written after the time ("GMT", "ET", "local time").
fn zone(ctx: &Ctx<'_>, mut d: Draft) -> Draft {
    let next = d.last + 1;
    if let Some(n) = ctx.v.lists.time_zones.match_at(&ctx.low, next)
        && ctx.spaced(next)
        && d.end.is_none()
        // "ET" and "PT" are zones only in capitals.
        && (ctx.ws[next].text.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            || ctx.low(next).len() > 3)
    {
        d.last = next + n - 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::tests::slots;

    #[test]
    fn reads_clock_times() {
        assert_eq!(slots("at 9:32 p.m. on"), ["time 21:32 Exact \"9:32 p.m.\""]);
        assert_eq!(slots("at 9:32p.m. on"), ["time 21:32 Exact \"9:32p.m.\""]);
        assert_eq!(
            slots("at 10: 44 a.m., and"),
            ["time 10:44 Exact \"10: 44 a.m.\""]
        );
        assert_eq!(slots("by 6pm"), ["time 18:00 Exact \"6pm\""]);
        assert_eq!(slots("at 4.30pm on"), ["time 16:30 Exact \"4.30pm\""]);
        assert_eq!(slots("at 12.39 pm on"), ["time 12:39 Exact \"12.39 pm\""]);
        assert_eq!(slots("at 3 p.m. ET on"), ["time 15:00 Exact \"3 p.m. ET\""]);
        assert_eq!(slots("at 1720 GMT"), ["time 17:20 Exact \"1720 GMT\""]);
        assert_eq!(slots("around noon"), ["time 12:00 About \"noon\""]);
        assert_eq!(slots("at 12 a.m."), ["time 00:00 Exact \"12 a.m.\""]);
    }

    #[test]
    fn ratios_and_verses_are_not_times() {
        assert!(
            slots("John 3:16 says")
                .iter()
                .all(|s| !s.starts_with("time"))
        );
        assert!(
            slots("won 3:1 on penalties")
                .iter()
                .all(|s| !s.starts_with("time"))
        );
    }
}
