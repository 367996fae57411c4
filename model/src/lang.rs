//! The two languages of the app, and dates as their readers expect them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

/// Japanese first: the town's families read Japanese; English is the second language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and storage.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Ja => "ja",
            Self::En => "en",
        }
    }

    /// Reads a stored or requested tag; anything unknown is `None` so the caller picks the default.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" => Some(Self::Ja),
            "en" | "en-gb" | "en-us" => Some(Self::En),
            _ => None,
        }
    }

    /// The language a request asks for in its `Accept-Language` header: the
    /// supported one with the highest weight (the first listed on a tie), and
    /// Japanese, the town's language, when the header names neither.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(Self, f32)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
            let primary = tag.split('-').next().unwrap_or_default();
            let (Some(lang), Some(weight)) = (Self::from_code(primary), weight) else {
                continue;
            };
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map_or(Self::default(), |(lang, _)| lang)
    }

    /// A name with a note about it: "森川 けんじ(保護者)" in Japanese, where the
    /// bracket needs no space, "class teacher (みなみ保育園)" in English, where it does.
    pub fn aside(self, text: &str, note: &str) -> String {
        match self {
            Self::Ja => format!("{text}({note})"),
            Self::En => format!("{text} ({note})"),
        }
    }

    pub const fn other(self) -> Self {
        match self {
            Self::Ja => Self::En,
            Self::En => Self::Ja,
        }
    }

    /// A day as its reader writes it: "12月3日(木)" or "Thu 3 Dec". The year is
    /// added only when it is not the reader's current year.
    pub fn date(self, date: NaiveDate, today: NaiveDate) -> String {
        let with_year = date.year() != today.year();
        match self {
            Self::Ja => {
                let wd = weekday_ja(date.weekday());
                if with_year {
                    format!("{}年{}月{}日({wd})", date.year(), date.month(), date.day())
                } else {
                    format!("{}月{}日({wd})", date.month(), date.day())
                }
            }
            Self::En => {
                let wd = date.weekday();
                let month = MONTHS_EN[date.month0() as usize];
                if with_year {
                    format!("{wd} {} {month} {}", date.day(), date.year())
                } else {
                    format!("{wd} {} {month}", date.day())
                }
            }
        }
    }

    /// A meeting's start: "12月3日(木) 15:30" or "Thu 3 Dec, 15:30".
    pub fn date_time(self, at: NaiveDateTime, today: NaiveDate) -> String {
        let date = self.date(at.date(), today);
        let (h, m) = (at.hour(), at.minute());
        match self {
            Self::Ja => format!("{date} {h}:{m:02}"),
            Self::En => format!("{date}, {h}:{m:02}"),
        }
    }
}

impl Lang {
    /// A day with its year always written, as on a printed sheet or a meeting's
    /// own page: "2026年10月8日(木)" or "Thu 8 Oct 2026".
    pub fn full_date(self, date: NaiveDate) -> String {
        // A "today" in another year makes `date` write the year.
        let elsewhere = date.with_year(date.year() + 1).unwrap_or(NaiveDate::MIN);
        self.date(date, elsewhere)
    }

    /// "2026年10月8日(木) 14:00〜15:30" or "Thu 8 Oct 2026, 14:00–15:30".
    pub fn meeting_time(self, starts: NaiveDateTime, ends: NaiveDateTime) -> String {
        let date = self.full_date(starts.date());
        let (sh, sm, eh, em) = (starts.hour(), starts.minute(), ends.hour(), ends.minute());
        match self {
            Self::Ja => format!("{date} {sh}:{sm:02}〜{eh}:{em:02}"),
            Self::En => format!("{date}, {sh}:{sm:02}–{eh}:{em:02}"),
        }
    }

    /// How far away a day is: "今日", "明日", "あと5日" / "today", "tomorrow", "in 5 days".
    pub fn countdown(self, date: NaiveDate, today: NaiveDate) -> String {
        let days = (date - today).num_days();
        match (self, days) {
            (Self::Ja, 0) => "今日".into(),
            (Self::Ja, 1) => "明日".into(),
            (Self::Ja, d) if d > 1 => format!("あと{d}日"),
            (Self::Ja, d) => format!("{}日前", -d),
            (Self::En, 0) => "today".into(),
            (Self::En, 1) => "tomorrow".into(),
            (Self::En, d) if d > 1 => format!("in {d} days"),
            (Self::En, -1) => "yesterday".into(),
            (Self::En, d) => format!("{} days ago", -d),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn weekday_ja(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_read_as_in_each_language() {
        let today = day(2026, 11, 23);
        assert_eq!(Lang::Ja.date(day(2026, 12, 3), today), "12月3日(木)");
        assert_eq!(Lang::En.date(day(2026, 12, 3), today), "Thu 3 Dec");
        assert_eq!(Lang::Ja.date(day(2027, 2, 8), today), "2027年2月8日(月)");
        assert_eq!(Lang::En.date(day(2027, 2, 8), today), "Mon 8 Feb 2027");
    }

    #[test]
    fn times_have_two_digit_minutes() {
        let at = day(2026, 12, 3).and_hms_opt(9, 5, 0).unwrap();
        let today = day(2026, 12, 1);
        assert_eq!(Lang::Ja.date_time(at, today), "12月3日(木) 9:05");
        assert_eq!(Lang::En.date_time(at, today), "Thu 3 Dec, 9:05");
    }

    #[test]
    fn a_meetings_own_page_always_writes_the_year() {
        let starts = day(2026, 10, 8).and_hms_opt(14, 0, 0).unwrap();
        let ends = day(2026, 10, 8).and_hms_opt(15, 30, 0).unwrap();
        assert_eq!(
            Lang::Ja.meeting_time(starts, ends),
            "2026年10月8日(木) 14:00〜15:30"
        );
        assert_eq!(
            Lang::En.meeting_time(starts, ends),
            "Thu 8 Oct 2026, 14:00–15:30"
        );
        assert_eq!(Lang::Ja.full_date(day(2024, 2, 29)), "2024年2月29日(木)");
    }

    #[test]
    fn countdowns_read_naturally() {
        let today = day(2026, 11, 23);
        assert_eq!(Lang::Ja.countdown(today, today), "今日");
        assert_eq!(Lang::Ja.countdown(day(2026, 11, 24), today), "明日");
        assert_eq!(Lang::Ja.countdown(day(2026, 12, 3), today), "あと10日");
        assert_eq!(Lang::En.countdown(day(2026, 12, 3), today), "in 10 days");
        assert_eq!(Lang::Ja.countdown(day(2026, 11, 20), today), "3日前");
    }

    #[test]
    fn a_request_gets_the_language_it_weighs_highest_and_japanese_otherwise() {
        assert_eq!(Lang::from_accept_language("en"), Lang::En);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("ja-JP,ja;q=0.9,en;q=0.8"),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_accept_language("fr, en;q=0.5, ja;q=0.7"),
            Lang::Ja
        );
        assert_eq!(Lang::from_accept_language("de, en-AU;q=0.4"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0, fr"), Lang::Ja);
        assert_eq!(Lang::from_accept_language("en;q=oops"), Lang::Ja);
        assert_eq!(Lang::from_accept_language("*"), Lang::Ja);
        assert_eq!(Lang::from_accept_language(""), Lang::Ja);
    }

    #[test]
    fn an_aside_is_spaced_as_each_language_writes_it() {
        assert_eq!(Lang::Ja.aside("担任", "みなみ保育園"), "担任(みなみ保育園)");
        assert_eq!(
            Lang::En.aside("class teacher", "みなみ保育園"),
            "class teacher (みなみ保育園)"
        );
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Ja);
    }
}
