//! A proleptic Gregorian calendar date, just enough to resolve "on Thursday"
//! against an article's publication date and to print ISO dates.

use std::fmt;

/// Day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The name reports and JSON write. Reading weekday names in text is
    /// the rule set's `[words] weekdays` list (`concord_text::Lexicon`).
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    fn index(self) -> i64 {
        self as i64
    }
}

/// A calendar date (year, month 1-12, day 1-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    /// Builds a date, rejecting days that do not exist (2023-02-29).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CivilDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<CivilDate> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        CivilDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`CivilDate::to_days`].
    pub fn from_days(z: i64) -> CivilDate {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::ALL[(self.to_days() + 3).rem_euclid(7) as usize]
    }

    pub fn add_days(self, n: i64) -> CivilDate {
        CivilDate::from_days(self.to_days() + n)
    }

    /// The date of `weekday` nearest to `self` in the given direction: the
    /// latest one on or before `self` when `forward` is false, the earliest
    /// one after `self` when it is true. News copy uses "on Thursday" for the
    /// coming Thursday in future tense and the past one otherwise.
    pub fn resolve_weekday(self, weekday: Weekday, forward: bool) -> CivilDate {
        let delta = weekday.index() - self.weekday().index();
        if forward {
            let ahead = delta.rem_euclid(7);
            self.add_days(if ahead == 0 { 7 } else { ahead })
        } else {
            self.add_days(-(-delta).rem_euclid(7))
        }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CivilDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CivilDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        CivilDate::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s}")))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for z in [-800_000, -1, 0, 1, 19_000, 20_000, 60_000] {
            assert_eq!(CivilDate::from_days(z).to_days(), z);
        }
        assert_eq!(CivilDate::from_days(0).to_string(), "1970-01-01");
    }

    #[test]
    fn knows_weekdays() {
        let summit = CivilDate::new(2024, 4, 10).unwrap();
        assert_eq!(summit.weekday(), Weekday::Wednesday);
        assert_eq!(
            CivilDate::new(2024, 2, 29).unwrap().weekday(),
            Weekday::Thursday
        );
    }

    #[test]
    fn resolves_weekdays_both_ways() {
        let published = CivilDate::new(2024, 4, 10).unwrap(); // a Wednesday
        let thursday = published.resolve_weekday(Weekday::Thursday, true);
        assert_eq!(thursday.to_string(), "2024-04-11");
        let last_thursday = published.resolve_weekday(Weekday::Thursday, false);
        assert_eq!(last_thursday.to_string(), "2024-04-04");
        // The same weekday as publication means that very day in past tense.
        let same = published.resolve_weekday(Weekday::Wednesday, false);
        assert_eq!(same, published);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(CivilDate::new(2023, 2, 29).is_none());
        assert!(CivilDate::parse_iso("2024-13-01").is_none());
        assert!(CivilDate::parse_iso("24-01-01").is_none());
        assert_eq!(
            CivilDate::parse_iso("2024-04-10").unwrap().to_string(),
            "2024-04-10"
        );
    }
}
