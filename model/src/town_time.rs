//! The town's time. Japan keeps one zone, UTC+9, with no daylight saving, so
//! every date, time and countdown a person reads is this one, whatever zone the
//! phone or the server is set to (a parent abroad, a server in UTC).

use chrono::{Duration, NaiveDateTime};

const OFFSET_HOURS: i64 = 9;

/// An instant (milliseconds since the Unix epoch, as browsers and clocks give
/// it) as the town's wall-clock time.
pub fn from_unix_millis(millis: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.naive_utc() + Duration::hours(OFFSET_HOURS))
        .unwrap_or_default()
}

/// A UTC instant as the town's wall-clock time.
pub fn from_utc(at: chrono::DateTime<chrono::Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::hours(OFFSET_HOURS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn late_evening_utc_is_the_next_morning_in_the_town() {
        // 2026-12-01 15:30 UTC is 2026-12-02 00:30 in Japan.
        let millis = 1_796_139_000_000;
        let at = from_unix_millis(millis);
        assert_eq!(at.date(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(at.format("%H:%M").to_string(), "00:30");
        let utc = chrono::DateTime::from_timestamp_millis(millis).unwrap();
        assert_eq!(from_utc(utc), at);
    }
}
