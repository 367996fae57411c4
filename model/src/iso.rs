//! Dates on the wire as ISO 8601 text ("2026-12-03", "2026-12-03T15:30:00"), read
//! by a small parser of our own: chrono's general-purpose parser would add many
//! kilobytes to the app's download for this one format.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serializer, de::Error};

/// "YYYY-MM-DD"
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        number(&b[0..4])? as i32,
        number(&b[5..7])?,
        number(&b[8..10])?,
    )
}

/// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS"
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once('T')?;
    let t = time.as_bytes();
    let seconds = match t.len() {
        5 => 0,
        8 if t[5] == b':' => number(&t[6..8])?,
        _ => return None,
    };
    if t[2] != b':' {
        return None;
    }
    let time = NaiveTime::from_hms_opt(number(&t[0..2])?, number(&t[3..5])?, seconds)?;
    Some(parse_date(date)?.and_time(time))
}

fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

pub fn format_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

pub fn format_date_time(at: NaiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        format_date(at.date()),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// `#[serde(with = "crate::iso::date")]`
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_date(&text).ok_or_else(|| D::Error::custom("expected a date as YYYY-MM-DD"))
    }

    /// `#[serde(default, with = "crate::iso::date::option")]`: a date or null.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => s.serialize_str(&format_date(*date)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                Some(text) => parse_date(&text)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom("expected a date as YYYY-MM-DD")),
                None => Ok(None),
            }
        }
    }
}

/// `#[serde(with = "crate::iso::date_time")]`
pub mod date_time {
    use super::*;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date_time(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_date_time(&text)
            .ok_or_else(|| D::Error::custom("expected a time as YYYY-MM-DDTHH:MM:SS"))
    }

    /// `#[serde(default, with = "crate::iso::date_time::option")]`: a time or null.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            at: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => s.serialize_str(&format_date_time(*at)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                Some(text) => parse_date_time(&text)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom("expected a time as YYYY-MM-DDTHH:MM:SS")),
                None => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_it_writes_and_refuses_the_rest() {
        let d = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(format_date(d), "2027-02-28");
        assert_eq!(parse_date("2027-02-28"), Some(d));
        assert_eq!(parse_date("2027-02-29"), None);
        assert_eq!(parse_date("2027-2-28"), None);
        assert_eq!(parse_date("2027-02-2x"), None);
        let at = d.and_hms_opt(15, 30, 0).unwrap();
        assert_eq!(format_date_time(at), "2027-02-28T15:30:00");
        assert_eq!(parse_date_time("2027-02-28T15:30:00"), Some(at));
        assert_eq!(parse_date_time("2027-02-28T15:30"), Some(at));
        assert_eq!(parse_date_time("2027-02-28T25:30:00"), None);
        assert_eq!(parse_date_time("2027-02-28 15:30:00"), None);
    }

    proptest! {
        #[test]
        fn agrees_with_chrono(days in 0i64..200_000, secs in 0u32..86_400) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            let at = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            prop_assert_eq!(format_date(date), date.to_string());
            prop_assert_eq!(parse_date(&date.to_string()), Some(date));
            prop_assert_eq!(parse_date_time(&format_date_time(at)), Some(at));
            prop_assert_eq!(format_date_time(at), at.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
}
