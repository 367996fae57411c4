//! Instants as stored: RFC 3339 in UTC, to the second, so text order is time order.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn from_text(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The town's local time (UTC+9, no daylight saving), for what people read.
pub fn town_local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    (at + chrono::Duration::hours(9)).naive_utc()
}
