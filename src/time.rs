//! The engine's time vocabulary, at the bottom layer (it imports nothing from the crate).
//!
//! - [`Timestamp`]: an instant in UTC, the type the engine passes around (stamps, papers, backups, packages). Its
//!   `Display` and `FromStr` are the one place that writes and reads the stored RFC 3339 text
//!   (`2026-12-01T23:30:00Z`, a fraction of a second only when there is one, without trailing zeros), the text
//!   every portfolio, package, response and JSON export holds.
//! - Calendar dates are [`NaiveDate`]s; [`parse_date`] reads the stored `YYYY-MM-DD` text.
//! - [`local_datetime`] and [`local_date`]: what a person in Göteborg reads. Every date shown or printed to people
//!   (papers, reports, backups' names, the history) is in Swedish time, `Europe/Stockholm`, summer time included.
//!
//! The engine never reads the clock (ARCHITECTURE.md, invariant 5): callers pass a [`Timestamp`]. The engine's
//! `chrono` has no `now` feature, so `Utc::now()` does not even compile in it.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use chrono::{DateTime, SecondsFormat, Timelike, Utc};
pub use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;

/// The city's time zone: every time a person reads is in it (practice: Göteborgs Stad works in Swedish time).
pub const ZONE: Tz = chrono_tz::Europe::Stockholm;

/// An instant, in UTC. Displays as the stored RFC 3339 text and parses from any RFC 3339 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

/// A text that is no RFC 3339 time (`2026-11-28T19:00:00Z`, or with an offset such as `+01:00`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an RFC 3339 time")]
pub struct NotATime(pub String);

impl Timestamp {
    /// The earliest and latest instants the stored text can hold (years 0000 to 9999).
    pub const MIN: Timestamp = Timestamp(DateTime::from_timestamp(-62_167_219_200, 0).expect("0000-01-01"));
    pub const MAX: Timestamp =
        Timestamp(DateTime::from_timestamp(253_402_300_799, 999_999_999).expect("9999-12-31T23:59:59.999999999"));

    /// The instant as a `chrono` time in UTC.
    pub fn utc(self) -> DateTime<Utc> {
        self.0
    }

    /// `self + delta`, or `None` past the ends of the stored range.
    pub fn checked_add(self, delta: TimeDelta) -> Option<Timestamp> {
        self.0.checked_add_signed(delta).map(Timestamp).filter(|t| (Self::MIN..=Self::MAX).contains(t))
    }

    /// `self - delta`, or `None` past the ends of the stored range.
    pub fn checked_sub(self, delta: TimeDelta) -> Option<Timestamp> {
        self.0.checked_sub_signed(delta).map(Timestamp).filter(|t| (Self::MIN..=Self::MAX).contains(t))
    }

    /// The time from `earlier` to `self` (negative when `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> TimeDelta {
        self.0.signed_duration_since(earlier.0)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(at: DateTime<Utc>) -> Timestamp {
        Timestamp(at)
    }
}

/// For the edges that read the clock (the CLI's `main`, the desktop shell).
impl From<SystemTime> for Timestamp {
    fn from(at: SystemTime) -> Timestamp {
        Timestamp(DateTime::<Utc>::from(at))
    }
}

/// The stored text, byte for byte what the engine wrote with `jiff` before: `2026-12-01T23:30:00Z`, and
/// `2026-12-01T23:30:00.5Z` or `…00.123456789Z` when there is a fraction (as many digits as it needs).
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0.with_nanosecond(0).unwrap_or(self.0);
        let seconds = whole.to_rfc3339_opts(SecondsFormat::Secs, true);
        let Some(base) = seconds.strip_suffix('Z') else { return f.write_str(&seconds) };
        let nanos = self.0.nanosecond();
        if nanos == 0 {
            write!(f, "{base}Z")
        } else {
            let fraction = format!("{nanos:09}");
            write!(f, "{base}.{}Z", fraction.trim_end_matches('0'))
        }
    }
}

/// Any RFC 3339 time (`T`, `t` or a space between date and time; `Z`, `z` or an offset), taken to UTC. A leap
/// second (`:60`) is read as the second before it, as `jiff` read it.
impl FromStr for Timestamp {
    type Err = NotATime;

    fn from_str(text: &str) -> Result<Timestamp, NotATime> {
        let parsed = DateTime::parse_from_rfc3339(text).map_err(|_| NotATime(text.to_string()))?.to_utc();
        let nanos = parsed.nanosecond();
        let parsed = if nanos >= 1_000_000_000 { parsed.with_nanosecond(nanos - 1_000_000_000) } else { Some(parsed) };
        parsed.map(Timestamp).filter(|t| (Self::MIN..=Self::MAX).contains(t)).ok_or_else(|| NotATime(text.to_string()))
    }
}

/// The instant in Swedish time (CET or CEST).
pub fn local_datetime(at: Timestamp) -> DateTime<Tz> {
    at.0.with_timezone(&ZONE)
}

/// The Swedish calendar date of an instant: 2026-12-01T23:30:00Z is 2026-12-02 in Göteborg.
pub fn local_date(at: Timestamp) -> NaiveDate {
    local_datetime(at).date_naive()
}

/// An instant as a person reads it, in Swedish time with the zone's name: `2026-12-02 00:30:00 CET`.
pub fn local_text(at: Timestamp) -> String {
    local_datetime(at).format("%Y-%m-%d %H:%M:%S %Z").to_string()
}

/// A stored time as a person reads it ([`local_text`]); a text that is no time is shown as it is.
pub fn stored_as_local_text(stored: &str) -> String {
    stored.parse().map_or_else(|_| stored.to_string(), local_text)
}

/// The Swedish year of an instant.
pub fn local_year(at: Timestamp) -> i32 {
    local_datetime(at).year()
}

/// A stored date: exactly `YYYY-MM-DD` (ISO 8601's extended form, what date inputs and the stored records hold)
/// naming a day that exists. `None` otherwise (`2026-02-30`, `2026-2-3`, `20260203`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
}

/// A date as the stored text, `YYYY-MM-DD`: what [`parse_date`] reads (every date the engine makes is within the
/// years 0000 to 9999: [`add_days`] stops there).
pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// An optional date as the stored text: empty when there is none.
pub fn optional_date_text(date: Option<NaiveDate>) -> String {
    date.map(date_text).unwrap_or_default()
}

/// Serde for a calendar date held as the stored `YYYY-MM-DD` text (`#[serde(with = "crate::time::date")]`): written
/// and read exactly as when the field was text, so portfolios, exports and the UI's JSON do not change (spaces
/// around a typed date are let go, as the forms' trimming did).
pub mod date {
    use std::borrow::Cow;

    use serde::de::{Error as _, Unexpected};
    use serde::{Deserialize, Deserializer, Serializer};

    use super::NaiveDate;

    /// What a date is expected to be, in the error of a value that is none (the form's reader knows a date field by
    /// it: [`crate::domain::FormRecord`]).
    pub const EXPECTED: &str = "a date written YYYY-MM-DD";

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::date_text(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        match Option::<Cow<str>>::deserialize(deserializer)? {
            Some(text) => {
                super::parse_date(text.trim()).ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &EXPECTED))
            }
            None => Err(D::Error::invalid_type(Unexpected::Unit, &EXPECTED)),
        }
    }
}

/// Serde for a date that may be missing (`#[serde(default, with = "crate::time::optional_date")]`): none is the
/// empty text, as it was stored when the field was text; `null` is read as none too.
pub mod optional_date {
    use std::borrow::Cow;

    use serde::de::{Error as _, Unexpected};
    use serde::{Deserialize, Deserializer, Serializer};

    use super::NaiveDate;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::date::serialize(date, serializer),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<Cow<str>>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => super::parse_date(text.trim())
                .map(Some)
                .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &super::date::EXPECTED)),
        }
    }
}

/// Serde for a list of dates, each as [`date`] writes it.
pub mod dates {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::NaiveDate;

    #[derive(Serialize, Deserialize)]
    struct Text(#[serde(with = "super::date")] NaiveDate);

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(dates.iter().map(|d| Text(*d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
        Ok(Vec::<Text>::deserialize(deserializer)?.into_iter().map(|Text(d)| d).collect())
    }
}

/// A date from its `YYYY-MM-DD` text, for the unit tests' fixtures.
#[cfg(test)]
pub(crate) fn day(text: &str) -> NaiveDate {
    parse_date(text).expect("a test date")
}

/// A time of day as `HH:MM` (24-hour clock; `9:30` is read too).
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

/// The date `days` after `date`, or `None` outside the years the stored text can hold (0000 to 9999).
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(TimeDelta::try_days(days)?).filter(|d| (0..=9999).contains(&d.year()))
}

/// The number of days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a time")
    }

    #[test]
    fn stored_texts_read_and_write_exactly_as_jiff_wrote_them() {
        // Texts as jiff 1.0's `Display` of `Timestamp` wrote them into portfolios, packages and responses.
        for text in [
            "2026-11-26T09:30:00Z",
            "2026-12-01T23:30:00.5Z",
            "2026-12-01T23:30:00.12Z",
            "2026-12-01T23:30:00.123456789Z",
            "2026-12-01T23:30:00.000001Z",
            "0000-01-01T00:00:00Z",
        ] {
            assert_eq!(at(text).to_string(), text);
        }
        // The last second of the stored range (jiff's own range ended a day earlier).
        assert_eq!(at("9999-12-31T23:59:59Z").to_string(), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn other_rfc3339_forms_are_read_and_written_in_the_stored_form() {
        assert_eq!(at("2026-12-01T23:30:00.120Z").to_string(), "2026-12-01T23:30:00.12Z");
        assert_eq!(at("2026-12-01T23:30:00.000Z").to_string(), "2026-12-01T23:30:00Z");
        assert_eq!(at("2026-12-02T00:30:00+01:00").to_string(), "2026-12-01T23:30:00Z");
        assert_eq!(at("2026-12-01 23:30:00z").to_string(), "2026-12-01T23:30:00Z");
        assert_eq!(at("2026-12-01T23:30:60Z").to_string(), "2026-12-01T23:30:59Z");
    }

    #[test]
    fn texts_that_are_no_time_are_refused() {
        for text in ["", "2026-12-01", "2026-12-01T23:30:00", "2026-12-01T24:00:00Z", "2026-02-30T10:00:00Z", " x"] {
            assert_eq!(text.parse::<Timestamp>(), Err(NotATime(text.to_string())), "{text:?}");
        }
        assert!("9999-12-31T23:59:59-01:00".parse::<Timestamp>().is_err(), "past the stored range");
    }

    #[test]
    fn arithmetic_stops_at_the_ends_of_the_stored_range() {
        let five = TimeDelta::try_minutes(5).unwrap();
        assert_eq!(at("2026-12-01T23:30:00Z").checked_add(five), Some(at("2026-12-01T23:35:00Z")));
        assert_eq!(at("2026-12-01T23:30:00Z").checked_sub(five), Some(at("2026-12-01T23:25:00Z")));
        assert_eq!(Timestamp::MAX.checked_add(five), None);
        assert_eq!(Timestamp::MIN.checked_sub(five), None);
        assert_eq!(at("2026-12-02T00:00:00Z").since(at("2026-12-01T00:00:00Z")), TimeDelta::try_hours(24).unwrap());
    }

    #[test]
    fn a_person_in_goteborg_reads_swedish_time_winter_and_summer() {
        // 00:30 in Göteborg in winter (CET, +01:00) is still yesterday in UTC.
        let winter = at("2026-12-01T23:30:00Z");
        assert_eq!(local_date(winter), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(local_datetime(winter).to_rfc3339(), "2026-12-02T00:30:00+01:00");
        // In summer (CEST, +02:00), two hours ahead.
        let summer = at("2026-06-30T22:30:00Z");
        assert_eq!(local_date(summer), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(local_datetime(summer).to_rfc3339(), "2026-07-01T00:30:00+02:00");
        assert_eq!(local_text(winter), "2026-12-02 00:30:00 CET");
        assert_eq!(stored_as_local_text("2026-06-30T22:30:00Z"), "2026-07-01 00:30:00 CEST");
        assert_eq!(stored_as_local_text("igår"), "igår");
        // New Year's night: the Swedish year has already turned.
        assert_eq!(local_year(at("2026-12-31T23:30:00Z")), 2027);
        assert_eq!(local_date(at("2026-12-01T22:59:59Z")), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    }

    #[test]
    fn dates_are_exactly_yyyy_mm_dd_and_exist() {
        assert_eq!(parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("0000-01-01"), NaiveDate::from_ymd_opt(0, 1, 1));
        assert_eq!(parse_date("9999-12-31"), NaiveDate::from_ymd_opt(9999, 12, 31));
        for text in ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-2-28", "20260228", "2026-02-28 ", ""]
        {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
        assert_eq!(parse_date("2026-02-28").map(|d| d.to_string()).as_deref(), Some("2026-02-28"));
    }

    #[test]
    fn times_of_day_are_hours_and_minutes() {
        assert_eq!(parse_time_of_day("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time_of_day("9:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time_of_day("23:59"), NaiveTime::from_hms_opt(23, 59, 0));
        for text in ["24:00", "23:60", "09:30:00", "0930", "09.30", ""] {
            assert_eq!(parse_time_of_day(text), None, "{text:?}");
        }
    }

    #[test]
    fn days_are_counted_across_leap_days() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(add_days(date(2024, 2, 28), 1), Some(date(2024, 2, 29)));
        assert_eq!(add_days(date(2026, 1, 31), 30), Some(date(2026, 3, 2)));
        assert_eq!(days_between(date(2024, 1, 1), date(2025, 1, 1)), 366);
        assert_eq!(days_between(date(2025, 1, 1), date(2024, 1, 1)), -366);
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
    }
}
