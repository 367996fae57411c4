//! Instants as stored: RFC 3339 in UTC, to the second, so text order is time
//! order; the town's own time and today; the server's hybrid logical clock.

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
    tsunagu_model::town_time::from_utc(at)
}

/// Today in the town: Japan keeps one offset (UTC+9) all year.
pub fn town_today() -> chrono::NaiveDate {
    town_local(Utc::now()).date()
}

/// Wall-clock time for hybrid logical clocks.
pub fn system_physical() -> uhlc::NTP64 {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0);
    tsunagu_model::sync::physical_millis(millis)
}

/// The server's own clock, with a fresh node id.
pub fn server_clock() -> Result<tsunagu_model::sync::Clock, crate::secret::NoRandomness> {
    let node = tsunagu_model::sync::ClientId(crate::secret::new_uuid()?);
    Ok(tsunagu_model::sync::Clock::new(node, system_physical))
}
